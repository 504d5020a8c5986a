//! The command line speaks Chinese: every command's help, and clap's errors, which it would
//! otherwise write in English.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Output;

fn run(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The subcommands a help text lists under 子命令.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("子命令："))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// What clap would write in English, had it not been told otherwise.
const ENGLISH: [&str; 12] = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "Possible values",
    "possible values",
    "[OPTIONS]",
    "[COMMAND]",
    "default:",
    "error:",
];

fn assert_chinese(what: &str, said: &str) {
    for word in ENGLISH {
        assert!(!said.contains(word), "{what}: “{word}” in\n{said}");
    }
    // An English placeholder such as <FILE>.
    let placeholder = said.split('<').skip(1).find(|rest| {
        let name: String = rest.chars().take_while(|c| *c != '>').collect();
        !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    });
    assert!(placeholder.is_none(), "{what}: <{placeholder:?} in\n{said}");
}

#[test]
fn every_command_s_help_is_in_chinese() {
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let help = text(&out.stdout);
        assert!(help.contains("用法：volunteer-ledger"), "{args:?}:\n{help}");
        assert!(help.contains("-h, --help"), "{args:?}:\n{help}");
        assert_chinese(&format!("{args:?}"), &help);
        for sub in subcommands(&help) {
            let mut next = path.clone();
            next.push(sub);
            todo.push(next);
        }
        seen += 1;
    }
    // The program itself, its eleven commands and their subcommands.
    assert!(seen >= 29, "{seen}");
    // `help COMMAND` as clap had it, in Chinese.
    let out = run(&["help", "report"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), text(&run(&["report", "--help"]).stdout));
    let out = run(&["help"]);
    assert!(
        text(&out.stdout).contains("子命令："),
        "{}",
        text(&out.stdout)
    );
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("volunteer-ledger "));
}

#[test]
fn mistakes_in_the_command_line_are_named_in_chinese() {
    let cases: [(&[&str], &str); 8] = [
        (&["report", "--bogus"], "错误：不认识的参数“--bogus”。"),
        (&["report"], "错误：缺少必须写的参数：--period <期间>。"),
        (&["reprt"], "错误：没有“reprt”这个子命令。是不是要写"),
        (
            &["demo", "--volunteers", "abc"],
            "的值“abc”不对：要写整数。",
        ),
        (
            &["demo", "--today", "2026-13-01"],
            "参数 --today <日期> 的值“2026-13-01”不对：日期写成 2026-03-05 这样的年-月-日。",
        ),
        (
            &["--renderer", "foo"],
            "参数 --renderer <显示方式> 的值“foo”不对，只能是：auto 或 opengl 或 wgpu。",
        ),
        (&["export"], "用法：volunteer-ledger export [选项] <子命令>"),
        (&["search", "a", "b"], "错误：不认识的参数“b”。"),
    ];
    for (args, expected) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains(expected), "{args:?}:\n{said}");
        assert_chinese(&format!("{args:?}"), &said);
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = run(&["reprt"]);
    assert!(text(&out.stderr).contains("report"));
}

#[test]
fn a_missing_database_is_named_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有这个.sqlite");
    let out = run(&[
        "report",
        "--period",
        "2026",
        "--db",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(said.contains("没有这个.sqlite”：文件不存在。"), "{said}");
    assert!(!said.contains("unable to open"), "{said}");
    assert!(!missing.exists());
}
