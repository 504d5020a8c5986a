//! The layout the code keeps (docs/ARCHITECTURE.md): no source file over 600 lines, the window
//! and the command line side by side above `ops` without knowing each other, SQL only in
//! `store/`, threads only in the background runner.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn no_source_file_is_over_six_hundred_lines() {
    let long: Vec<String> = all()
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}

#[test]
fn the_window_and_the_command_line_do_not_know_each_other() {
    for (path, text) in all() {
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if path == "cli.rs" || path.starts_with("cli/") || path.starts_with("ops/") {
            assert!(!code.contains("crate::ui"), "{path} uses the window");
        }
        if path.starts_with("ui/") || path.starts_with("ops/") {
            assert!(!code.contains("crate::cli"), "{path} uses the command line");
        }
        if !path.starts_with("store/") {
            assert!(!code.contains("rusqlite"), "{path} names rusqlite");
            assert!(
                !code.contains(".conn()"),
                "{path} reaches into the store's connection"
            );
        }
        if path != "ui/runner.rs" {
            assert!(
                !code.contains("thread::spawn") && !code.contains("thread::Builder"),
                "{path} starts a thread outside the runner"
            );
        }
    }
}

#[test]
fn the_operations_are_not_written_twice() {
    // The bodies live in ops/: the window's jobs and the command line call them, and neither
    // writes a document or the export log itself.
    for (path, text) in all() {
        if path == "cli.rs" || path.starts_with("cli/") || path == "ui/jobs.rs" {
            for body in [
                "export_log::record",
                "roster::export(",
                "contact_form::write",
                "certificate::write",
                "summary::write",
                "report_xlsx::write",
                "import::apply(",
                "demo::generate",
                "backup::restore(",
            ] {
                assert!(!text.contains(body), "{path} does {body} itself");
            }
        }
    }
}
