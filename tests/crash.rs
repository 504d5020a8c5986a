//! Crash safety: the command-line import and restore, each killed (SIGKILL on Unix,
//! TerminateProcess on Windows) at many moments, leave an intact database holding either the
//! state before or the state after — never a mix.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_volunteer-ledger");

/// Everything the register holds, in a fixed order.
fn register(db: &Path) -> Vec<(String, String, String, String, Option<String>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{}", db.display());
    let mut stmt = c
        .prepare(
            "SELECT number, name, id_number, mobile, deleted_at FROM volunteers
             ORDER BY number, id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// A small deterministic generator of moments.
struct Moments(u64);

impl Moments {
    fn next_below(&mut self, bound: Duration) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let micros = bound.as_micros().max(1) as u64;
        Duration::from_micros((self.0 >> 11) % micros)
    }
}

/// Runs the program and kills it `after` from its start; returns `None` when it was killed in
/// flight, or how long it took when it ended by itself first.
fn run_killed(args: &[&str], after: Duration) -> Option<Duration> {
    let mut child = Command::new(EXE)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    if child.try_wait().unwrap().is_some() {
        return Some(start.elapsed());
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Runs the program on fresh copies of `base`, each with `--db COPY` and `args`, and kills it
/// at a moment within 1.1 × how long a whole run takes (`took` at first; a run that ends by
/// itself first shows how long runs take now, on a machine that may be busier or idler, and
/// the window follows it). After each run the copy's `state` must equal `before` or `after`.
/// Goes on until 50 runs were made and 30 of them killed in flight, at least one before its
/// commit (at most 300 runs). Returns how many were killed, and how many ended before and
/// after.
fn kill_fifty_times<S: PartialEq + std::fmt::Debug>(
    (base, work): (&Path, &Path),
    args: &[&str],
    state: fn(&Path) -> S,
    (before, after): (&S, &S),
    (seed, took): (u64, Duration),
) -> (u32, u32, u32) {
    let mut moments = Moments(seed);
    let mut took = took;
    let (mut killed, mut saw_before, mut saw_after) = (0, 0, 0);
    let mut runs = 0;
    while runs < 50 || killed < 30 || saw_before == 0 {
        assert!(
            runs < 300,
            "after {runs} runs only {killed} were killed in flight ({saw_before} before the commit)"
        );
        let run = work.join(format!("run{runs}"));
        std::fs::create_dir_all(&run).unwrap();
        let db = run.join("ledger.sqlite");
        std::fs::copy(base, &db).unwrap();
        let at = moments.next_below(took.mul_f32(1.1));
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        match run_killed(&all, at) {
            None => killed += 1,
            Some(whole) => took = took.min(whole),
        }
        let now = state(&db);
        if &now == before {
            saw_before += 1;
        } else if &now == after {
            saw_after += 1;
        } else {
            panic!("run {runs} killed after {at:?}: neither before nor after: {now:?}");
        }
        std::fs::remove_dir_all(&run).unwrap();
        runs += 1;
    }
    (killed, saw_before, saw_after)
}

#[test]
fn an_import_killed_at_fifty_moments_leaves_the_register_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    // 2,000 volunteers of another station's register, as a roster file with whole numbers.
    let source = common::demo_db(dir.path(), "source.sqlite", 2000, 8);
    let roster = dir.path().join("名册.csv");
    let out = Command::new(EXE)
        .args([
            "--db",
            source.to_str().unwrap(),
            "export",
            "roster",
            "--full-id",
        ])
        .args(["--out", roster.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The office's database: the same directory of units, no volunteers yet.
    let base = common::demo_db(dir.path(), "base.sqlite", 0, 8);
    drop(volunteer_ledger::store::Store::open(&base).unwrap());
    let before = register(&base);
    assert!(before.is_empty());
    // The state after, and how long an import takes.
    let full = dir.path().join("full.sqlite");
    std::fs::copy(&base, &full).unwrap();
    let started = Instant::now();
    let out = Command::new(EXE)
        .args(["--db", full.to_str().unwrap(), "import", "volunteers"])
        .arg(&roster)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = register(&full);
    assert_eq!(after.len(), 2000);

    let (killed, saw_before, saw_after) = kill_fifty_times(
        (&base, &dir.path().join("runs")),
        &["import", "volunteers", roster.to_str().unwrap()],
        register,
        (&before, &after),
        (20_261_130, took),
    );
    eprintln!("killed {killed}: {saw_before} before, {saw_after} after (import took {took:?})");
}

#[test]
fn a_restore_killed_at_twenty_moments_leaves_the_old_or_the_restored_database() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::demo_db(dir.path(), "base.sqlite", 600, 9);
    let backup = common::demo_db(dir.path(), "backup.sqlite", 300, 10);
    let (before, after) = (register(&base), register(&backup));
    let mut moments = Moments(7);
    let mut took = Duration::from_millis(300);
    let mut seen = (0, 0);
    // Twenty runs, and more (at most a hundred) until a restored database was seen: the
    // moments follow how long a restore takes on this machine now.
    let mut i = 0;
    while i < 20 || seen.1 == 0 {
        assert!(i < 100, "after {i} restores: {seen:?} (old, restored)");
        let run = dir.path().join(format!("restore{i}"));
        std::fs::create_dir_all(&run).unwrap();
        let db = run.join("ledger.sqlite");
        std::fs::copy(&base, &db).unwrap();
        let args = [
            "--db",
            db.to_str().unwrap(),
            "restore",
            "--from",
            backup.to_str().unwrap(),
        ];
        if i == 0 {
            // One whole run for the timing.
            took = run_killed(&args, Duration::from_secs(60)).expect("a whole restore");
        } else if let Some(whole) = run_killed(&args, moments.next_below(took.mul_f32(1.1))) {
            took = took.min(whole);
        }
        i += 1;
        let now = register(&db);
        if now == before {
            seen.0 += 1;
        } else if now == after {
            seen.1 += 1;
        } else {
            panic!("restore run {i}: neither the old nor the restored register");
        }
    }
    assert!(seen.1 > 0);
    eprintln!(
        "restores: {} old, {} restored (a restore took {took:?})",
        seen.0, seen.1
    );
}

/// The register, as [`register`] reads it.
type Register = Vec<(String, String, String, String, Option<String>)>;

/// The register with every activity and service record: what a merge changes.
fn ledger(db: &Path) -> (Register, Vec<i64>) {
    let people = register(db);
    let c = rusqlite::Connection::open(db).unwrap();
    let counts = [
        "SELECT count(*) FROM activities",
        "SELECT count(*) FROM participations",
        "SELECT coalesce(sum(hours_tenths), 0) FROM participations",
        "SELECT count(*) FROM units",
        "SELECT coalesce(sum(total_tenths), 0) FROM volunteer_search",
        "SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_years",
        "SELECT count(*) FROM exchange_base",
    ]
    .iter()
    .map(|sql| c.query_row(sql, [], |r| r.get(0)).unwrap())
    .collect();
    (people, counts)
}

#[test]
fn a_merge_killed_at_fifty_moments_leaves_the_ledger_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    // A station's whole ledger as a package, read by an office with its own ledger.
    let station = common::demo_db(dir.path(), "station.sqlite", 2000, 8);
    let package = dir.path().join("站点 交换包.vlx");
    let out = Command::new(EXE)
        .args([
            "--db",
            station.to_str().unwrap(),
            "exchange",
            "export",
            "--all",
        ])
        .args(["--out", package.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let base = common::demo_db(dir.path(), "office.sqlite", 300, 9);
    let before = ledger(&base);
    let full = dir.path().join("full.sqlite");
    std::fs::copy(&base, &full).unwrap();
    let started = Instant::now();
    let out = Command::new(EXE)
        .args(["--db", full.to_str().unwrap(), "exchange", "import"])
        .arg(&package)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = ledger(&full);
    assert!(after.0.len() > before.0.len() + 1500);

    let (killed, saw_before, saw_after) = kill_fifty_times(
        (&base, &dir.path().join("runs")),
        &["exchange", "import", package.to_str().unwrap()],
        ledger,
        (&before, &after),
        (20_261_201, took),
    );
    eprintln!(
        "merges killed {killed}: {saw_before} before, {saw_after} after (a merge took {took:?})"
    );
}
