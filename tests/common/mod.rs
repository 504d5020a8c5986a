//! Helpers shared by the egui_kittest tests: a fixed "today", example-data databases, the app
//! on a harness, typing into a labelled field, and waiting for worker threads.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
// The totals check reads the file directly, beside the store.
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::volunteers::Volunteer;
use volunteer_ledger::ui::LedgerApp;

/// The day every UI test takes as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A date, for builders and assertions.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A volunteer the forms accept: a valid identity number (birth date, sequence), 在册,
/// registered on 2026-03-01; female when `sequence` is even.
pub fn person(number: &str, name: &str, birth: NaiveDate, sequence: u16) -> Volunteer {
    Volunteer {
        number: number.into(),
        name: name.into(),
        gender: if sequence.is_multiple_of(2) {
            "女"
        } else {
            "男"
        }
        .into(),
        id_type: "居民身份证".into(),
        id_number: volunteer_ledger::domain::id_number::compose("120116", birth, sequence),
        status: "在册".into(),
        registered_on: d(2026, 3, 1),
        ..Default::default()
    }
}

/// A held (已完成) activity.
pub fn held(title: &str, category: &str, date: NaiveDate) -> Activity {
    Activity {
        title: title.into(),
        category: category.into(),
        date,
        status: "已完成".into(),
        ..Default::default()
    }
}

/// A volunteer with the given identity number, 男, 在册, registered on 2025-01-01, the mobile
/// ending in the last four digits of the number.
pub fn numbered(number: &str, name: &str, id_number: &str) -> Volunteer {
    Volunteer {
        number: number.into(),
        name: name.into(),
        gender: "男".into(),
        id_type: "居民身份证".into(),
        id_number: id_number.into(),
        mobile: format!("1390000{}", &number[number.len().saturating_sub(4)..]),
        status: "在册".into(),
        registered_on: d(2025, 1, 1),
        ..Default::default()
    }
}

/// Saves a new volunteer; returns their key.
pub fn enrol(store: &mut Store, mut v: Volunteer) -> String {
    store.insert(&mut v).unwrap();
    v.meta.id
}

/// Saves an activity with its participants (key, hours in tenths); returns its key.
pub fn record(store: &mut Store, mut a: Activity, people: &[(&str, i64)]) -> String {
    let people: Vec<(String, volunteer_ledger::domain::hours::Tenths)> = people
        .iter()
        .map(|(id, t)| (id.to_string(), volunteer_ledger::domain::hours::Tenths(*t)))
        .collect();
    store.save_activity(&mut a, &people).unwrap();
    a.meta.id
}

/// Every service record as the view `participations` shows it, by key.
pub fn service_records(db: &Path) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT * FROM participations ORDER BY id")
        .unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A database `name` in `dir` filled with `volunteers` example volunteers from `seed`.
pub fn demo_db(dir: &Path, name: &str, volunteers: u64, seed: u64) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    let opts = DemoOptions {
        volunteers,
        seed,
        today: today(),
    };
    demo::generate(&mut store, opts, &mut |_| true).unwrap();
    path
}

/// The app on the database at `path`, in a window of the given size.
pub fn app_at(path: &Path, size: egui::Vec2) -> Harness<'static, LedgerApp> {
    let path = path.to_path_buf();
    Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .build_eframe(move |cc| LedgerApp::new(cc, path, today()))
}

/// The app on 20 example volunteers, showing the register.
pub fn app_with_demo(dir: &Path, width: f32) -> (PathBuf, Harness<'static, LedgerApp>) {
    let path = demo_db(dir, "ledger.sqlite", 20, 5);
    let mut harness = app_at(&path, egui::vec2(width, 900.0));
    harness.settle();
    harness.get_by_label("志愿者").click();
    harness.settle();
    (path, harness)
}

/// Replaces the text of the input labelled `label`.
pub fn type_into(harness: &mut Harness<'_, LedgerApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.settle();
}

/// How long any wait may take before a test fails: generous, because the next machine may be
/// slower or busier than this one. A wait ends as soon as its condition holds.
pub const PATIENCE: Duration = Duration::from_secs(180);

/// Every label and value on screen, one per line, for failure messages.
pub fn screen_text(harness: &Harness<'_, LedgerApp>) -> String {
    let mut lines: Vec<String> = Vec::new();
    for node in harness.root().children_recursive() {
        let n = node.accesskit_node();
        let text = match (n.label(), n.value()) {
            (Some(l), Some(v)) if !v.is_empty() => format!("{l} = {v}"),
            (Some(l), _) => l,
            (None, Some(v)) => format!("= {v}"),
            (None, None) => continue,
        };
        if !text.trim().is_empty() && lines.last() != Some(&text) {
            lines.push(text);
        }
    }
    lines.join("\n")
}

/// Steps the app until `done` holds, giving worker threads real time. Fails naming what was
/// awaited, for how long, and what was on screen.
pub fn step_until(
    harness: &mut Harness<'_, LedgerApp>,
    what: &str,
    done: impl Fn(&Harness<'_, LedgerApp>) -> bool,
) {
    let start = Instant::now();
    harness.step();
    while !done(harness) {
        if start.elapsed() > PATIENCE {
            panic!(
                "timed out after {:.1} s waiting for {what}; background work still running: {}; on screen:\n{}",
                start.elapsed().as_secs_f64(),
                harness.state().busy(),
                screen_text(harness)
            );
        }
        std::thread::sleep(Duration::from_millis(25));
        harness.step();
    }
}

/// Where every labelled node is, for telling whether the layout still moves.
fn layout_of(harness: &Harness<'_, LedgerApp>) -> String {
    let mut out = String::new();
    for node in harness.root().children_recursive() {
        let n = node.accesskit_node();
        if let Some(label) = n.label() {
            out.push_str(&format!("{label}@{:?};", node.rect()));
        }
    }
    out
}

/// Waiting for the app, not for a number of frames.
pub trait Settle {
    /// Steps until the app has nothing running off the UI thread (jobs, the start-up check,
    /// figures, drill-down pages, thumbnails, queued commands) for three frames in a row, so
    /// that every result is drawn. At least three frames.
    fn settle(&mut self);
    /// Waits until a node labelled exactly `label` is on screen.
    fn wait_for_label(&mut self, label: &str);
    /// Waits until a node whose label contains `text` is on screen.
    fn wait_for_label_contains(&mut self, text: &str);
}

impl Settle for Harness<'_, LedgerApp> {
    fn settle(&mut self) {
        let start = Instant::now();
        let mut idle = 0;
        let mut last_layout = String::new();
        while idle < 3 {
            self.step();
            // Settled also means laid out: a dialog takes a few frames to find its size, and a
            // click aimed at where a button was drawn must land there.
            let layout = layout_of(self);
            let moved = layout != last_layout;
            last_layout = layout;
            let busy = self.state().busy();
            if busy || moved {
                idle = 0;
                if start.elapsed() > PATIENCE {
                    panic!(
                        "timed out after {:.1} s waiting for {}; on screen:\n{}",
                        start.elapsed().as_secs_f64(),
                        if busy {
                            "background work to finish"
                        } else {
                            "the layout to stop moving"
                        },
                        screen_text(self)
                    );
                }
                // About one frame of the harness's clock per frame of real time, so a toast
                // (six seconds) is still there when the work is done.
                std::thread::sleep(Duration::from_millis(50));
            } else {
                idle += 1;
            }
        }
    }

    fn wait_for_label(&mut self, label: &str) {
        let what = format!("a label “{label}”");
        step_until(self, &what, |h| h.query_by_label(label).is_some());
    }

    fn wait_for_label_contains(&mut self, text: &str) {
        let what = format!("a label containing “{text}”");
        step_until(self, &what, |h| h.query_by_label_contains(text).is_some());
    }
}

/// A file dropped on the window, as the platform integration hands it to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The running totals as the triggers kept them equal what the service records give, counted
/// again here independently of the program (held activities, live records): each activity's
/// facts, each volunteer's months and years, and the register's totals. The one totals check
/// of the tests.
pub fn totals_agree(conn: &rusqlite::Connection) {
    let rows = |sql: &str| -> Vec<(rusqlite::types::Value, String, i64, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let counted = "FROM participations p JOIN activities a ON a.id = p.activity_id
                   WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = '已完成'";
    for (kept, plain) in [
        (
            "SELECT coalesce(k.id, 'no activity ' || f.activity_key), f.date || f.category
                    || f.status || f.served_count || coalesce(f.organizer_id, '')
                    || coalesce(f.team_id, '') || f.key_date, f.participations, f.hours_tenths
             FROM activity_facts f LEFT JOIN activities k ON k.key = f.activity_key
             ORDER BY 1"
                .to_string(),
            "SELECT a.id, a.date || a.category || a.status || a.served_count
                    || coalesce(a.organizer_id, '') || coalesce(a.team_id, '') || a.key_date,
                    count(p.id), coalesce(sum(p.hours_tenths), 0)
             FROM activities a
             LEFT JOIN participations p ON p.activity_id = a.id AND p.deleted_at IS NULL
             WHERE a.deleted_at IS NULL GROUP BY 1 ORDER BY 1"
                .to_string(),
        ),
        (
            format!(
                "SELECT month, {}, participations, hours_tenths FROM volunteer_months
                 WHERE participations > 0 ORDER BY 1, 2",
                key_text("volunteer_key")
            ),
            format!(
                "SELECT CAST(replace(substr(a.date, 1, 7), '-', '') AS INTEGER), p.volunteer_id,
                        count(*), sum(p.hours_tenths)
                 {counted} GROUP BY 1, 2 ORDER BY 1, 2"
            ),
        ),
        (
            format!(
                "SELECT year, {}, participations, hours_tenths FROM volunteer_years
                 WHERE participations > 0 ORDER BY 1, 2",
                key_text("volunteer_key")
            ),
            format!(
                "SELECT CAST(substr(a.date, 1, 4) AS INTEGER), p.volunteer_id, count(*),
                        sum(p.hours_tenths)
                 {counted} GROUP BY 1, 2 ORDER BY 1, 2"
            ),
        ),
        (
            format!(
                "SELECT span, {}, participations, hours_tenths FROM volunteer_spans
                 WHERE participations > 0 ORDER BY 1, 2",
                key_text("volunteer_key")
            ),
            format!(
                "SELECT span, v, count(*), sum(h) FROM (
                     SELECT CAST(substr(a.date, 1, 4) || CASE
                                WHEN a.date < substr(a.date, 1, 4) || '-04' THEN '1'
                                WHEN a.date < substr(a.date, 1, 4) || '-07' THEN '2'
                                WHEN a.date < substr(a.date, 1, 4) || '-10' THEN '3'
                                ELSE '4' END AS INTEGER) AS span,
                            p.volunteer_id AS v, p.hours_tenths AS h {counted}
                     UNION ALL
                     SELECT CAST(substr(a.date, 1, 4) || CASE
                                WHEN a.date < substr(a.date, 1, 4) || '-07' THEN '5'
                                ELSE '6' END AS INTEGER),
                            p.volunteer_id, p.hours_tenths {counted})
                 GROUP BY 1, 2 ORDER BY 1, 2"
            ),
        ),
    ] {
        assert_eq!(rows(&kept), rows(&plain), "{kept}");
    }
    // The register's running total of each volunteer.
    let register: i64 = conn
        .query_row(
            &format!(
                "SELECT count(*) FROM volunteer_search s WHERE s.total_tenths != coalesce(
                     (SELECT sum(p.hours_tenths) {counted} AND p.volunteer_id = {}), 0)",
                key_text("s.volunteer_key")
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(register, 0, "register totals");
}

/// [`totals_agree`] on the database file at `db`.
pub fn assert_totals_true(db: &Path) {
    totals_agree(&rusqlite::Connection::open(db).unwrap());
}

/// A running total's volunteer key (the volunteer's short key, schema version 21) back as the
/// volunteer's text key, in SQL written apart from the program's own.
pub fn key_text(col: &str) -> String {
    format!("(SELECT k.id FROM volunteers k WHERE k.key = {col})")
}

/// Turns a file of the latest schema back into the shape of schema version 20, for tests of
/// the steps after it: the service records a table keyed by text again (their triggers stand
/// in by name: the step to version 21 drops them and makes its own), volunteers and activities
/// without short keys, the running totals keyed by the 16 bytes of each volunteer's UUID, the
/// search keys and kinds keyed by the volunteer's text id, the service records' timestamps and
/// origin as text (no `stations`).
pub fn as_v20(conn: &rusqlite::Connection) {
    use volunteer_ledger::store::totals::volunteer_key;
    facts_as_v27(conn);
    periods_as_v26(conn);
    // The months' triggers that move the spans stay out while the keys change.
    let spans: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE name LIKE 'trg_spans_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut sql = String::from(
        "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
         DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
         DROP TRIGGER trg_spans_delete;",
    );
    for table in ["volunteer_months", "volunteer_years", "volunteer_spans"] {
        sql += &format!(
            "UPDATE {table} SET volunteer_key = (SELECT {} FROM volunteers v
                                                 WHERE v.key = {table}.volunteer_key);",
            volunteer_key("v.id")
        );
    }
    sql += &(spans.join(";") + ";");
    let search_indexes: Vec<String> = conn
        .prepare(
            "SELECT sql FROM sqlite_master
             WHERE type = 'index' AND tbl_name = 'volunteer_search' AND sql IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // The search keys and kinds keyed by the volunteer's text id again (schema 23 keyed them by
    // the short key), with the triggers that wrote them by it.
    sql += "DROP TRIGGER trg_activity_counted; DROP TRIGGER trg_unit_name;
        DROP TRIGGER trg_volunteer_live;
        CREATE TABLE text_search (
             volunteer_id TEXT PRIMARY KEY NOT NULL, number TEXT NOT NULL, pinyin TEXT NOT NULL,
             initials TEXT NOT NULL, mobile_rev TEXT NOT NULL, id_rev TEXT NOT NULL,
             live INTEGER NOT NULL DEFAULT 1, community TEXT NOT NULL DEFAULT '',
             total_tenths INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        INSERT INTO text_search
        SELECT v.id, s.number, s.pinyin, s.initials, s.mobile_rev, s.id_rev, s.live, s.community,
               s.total_tenths
        FROM volunteer_search s JOIN volunteers v ON v.key = s.volunteer_key;
        DROP TABLE volunteer_search;
        ALTER TABLE text_search RENAME TO volunteer_search;";
    // Its indexes as the schema has them (they name no key column).
    sql += &(search_indexes.join(";") + ";");
    sql += "CREATE TABLE text_kinds (kind TEXT NOT NULL, volunteer_id TEXT NOT NULL,
                                 PRIMARY KEY (kind, volunteer_id)) WITHOUT ROWID;
        INSERT INTO text_kinds
        SELECT k.kind, v.id FROM volunteer_kinds k JOIN volunteers v ON v.key = k.volunteer_key;
        DROP TABLE volunteer_kinds;
        ALTER TABLE text_kinds RENAME TO volunteer_kinds;
        CREATE TRIGGER trg_activity_counted AFTER UPDATE OF status, deleted_at ON activities
        WHEN old.counted IS NOT new.counted
        BEGIN
            UPDATE volunteer_search SET total_tenths = (
                SELECT coalesce(sum(p.hours_tenths), 0)
                FROM participations p JOIN activities a ON a.id = p.activity_id
                WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
                  AND a.counted)
            WHERE volunteer_id IN (SELECT volunteer_id FROM participations
                                   WHERE activity_id = new.id);
        END;
        CREATE TRIGGER trg_unit_name AFTER UPDATE OF name ON units
        BEGIN
            UPDATE volunteer_search SET community = new.name
            WHERE volunteer_id IN (SELECT id FROM volunteers WHERE community_id = new.id);
        END;
        CREATE TRIGGER trg_volunteer_live AFTER UPDATE OF deleted_at ON volunteers
        BEGIN
            UPDATE volunteer_search SET live = (new.deleted_at IS NULL)
            WHERE volunteer_id = new.id;
        END;";
    sql += "CREATE TEMP TABLE shown AS SELECT * FROM participations;
        DROP VIEW participations;
        DROP TABLE stations;
        CREATE TABLE participations (
            id TEXT PRIMARY KEY NOT NULL,
            activity_id TEXT NOT NULL REFERENCES activities(id),
            volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
            hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
            evaluation TEXT NOT NULL DEFAULT '',
            remark TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL,
            deleted_at TEXT,
            UNIQUE (activity_id, volunteer_id));
        INSERT INTO participations SELECT * FROM temp.shown;
        DROP TABLE temp.shown;
        DROP TABLE participation_rows;
        CREATE INDEX idx_participations_activity_hours
            ON participations(activity_id, volunteer_id, hours_tenths) WHERE deleted_at IS NULL;
        CREATE INDEX idx_participations_volunteer ON participations(volunteer_id);
        DROP TRIGGER trg_totals_activity;";
    for (name, event) in [
        ("trg_participation_delete", "DELETE"),
        ("trg_participation_insert", "INSERT"),
        ("trg_participation_update", "UPDATE"),
        ("trg_tombstone_participations", "DELETE"),
        ("trg_totals_delete", "DELETE"),
        ("trg_totals_insert", "INSERT"),
        ("trg_totals_update", "UPDATE"),
    ] {
        sql +=
            &format!("CREATE TRIGGER {name} AFTER {event} ON participations BEGIN SELECT 1; END;");
    }
    sql += "CREATE TRIGGER trg_totals_activity AFTER UPDATE ON activities BEGIN SELECT 1; END;";
    conn.execute_batch(&sql).unwrap();
    // Volunteers and activities without their short keys (a copy keeps the columns; the
    // indexes and triggers are made again as the schema has them).
    for table in ["volunteers", "activities"] {
        let kept: Vec<String> = conn
            .prepare(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ?1
                 AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            )
            .unwrap()
            .query_map([table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let cols: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 AND name != 'key'")
            .unwrap()
            .query_map([table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let cols = cols.join(", ");
        conn.execute_batch(&format!(
            "CREATE TABLE unkeyed AS SELECT {cols} FROM {table} ORDER BY key;
             DROP TABLE {table};
             ALTER TABLE unkeyed RENAME TO {table};
             CREATE UNIQUE INDEX {table}_id ON {table}(id);"
        ))
        .unwrap();
        if table == "activities" {
            conn.execute_batch(
                "ALTER TABLE activities ADD COLUMN counted INTEGER
                     GENERATED ALWAYS AS (deleted_at IS NULL AND status = '已完成') VIRTUAL;",
            )
            .unwrap();
        }
        for sql in kept {
            conn.execute_batch(&sql).unwrap();
        }
    }
    // Schema 22 dropped the index of every volunteer's pinyin.
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS idx_volunteer_search_pinyin ON volunteer_search(pinyin);
         PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON; PRAGMA user_version = 20;",
    )
    .unwrap();
}

/// Turns the running totals of the latest schema back to the text period keys of schema version
/// 26 (`2025-03`, `2025`, `2025Q3`, `2025H2`) with the counting triggers that wrote them, in SQL
/// written apart from the program's own.
pub fn periods_as_v26(conn: &rusqlite::Connection) {
    use volunteer_ledger::store::period_key as k;
    let mut sql = String::from("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;");
    let triggers: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
             AND (name LIKE 'trg_spans_%' OR name LIKE 'trg_totals_%')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (name, _) in &triggers {
        sql += &format!("DROP TRIGGER {name};");
    }
    for (table, column, text, index) in [
        (
            "volunteer_months",
            "month",
            "printf('%04d-%02d', month / 100, month % 100)",
            "",
        ),
        (
            "volunteer_years",
            "year",
            "CAST(year AS TEXT)",
            "idx_volunteer_years_served",
        ),
        (
            "volunteer_spans",
            "span",
            "(span / 10) || CASE WHEN span % 10 <= 4 THEN 'Q' || (span % 10)
                                ELSE 'H' || (span % 10 - 4) END",
            "idx_volunteer_spans_served",
        ),
    ] {
        sql += &format!(
            "CREATE TABLE text_periods ({column} TEXT NOT NULL, volunteer_key INTEGER NOT NULL,
                 participations INTEGER NOT NULL, hours_tenths INTEGER NOT NULL,
                 PRIMARY KEY ({column}, volunteer_key)) WITHOUT ROWID;
             INSERT INTO text_periods
             SELECT {text}, volunteer_key, participations, hours_tenths FROM {table};
             DROP TABLE {table};
             ALTER TABLE text_periods RENAME TO {table};"
        );
        if !index.is_empty() {
            sql += &format!(
                "CREATE INDEX {index} ON {table}({column}, hours_tenths, participations)
                     WHERE participations > 0;"
            );
        }
    }
    for (_, trigger) in triggers {
        let mut old = trigger;
        for row in ["old", "new", "a"] {
            let (date, month) = (format!("{row}.date"), format!("{row}.month"));
            for (int, text) in [
                (k::month_of_date(&date), format!("substr({date}, 1, 7)")),
                (k::year_of_date(&date), format!("substr({date}, 1, 4)")),
                (
                    k::quarter_of_month(&month),
                    format!("substr({month}, 1, 4) || 'Q' || ((substr({month}, 6, 2) + 2) / 3)"),
                ),
                (
                    k::half_of_month(&month),
                    format!("substr({month}, 1, 4) || 'H' || ((substr({month}, 6, 2) + 5) / 6)"),
                ),
            ] {
                old = old.replace(&int, &text);
            }
        }
        sql += &format!("{old};");
    }
    sql += "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON; PRAGMA user_version = 26;";
    conn.execute_batch(&sql).unwrap();
}

/// Turns the activity facts of the latest schema back to schema version 27's, keyed by the
/// activity's UUID, with the triggers that kept them so, in SQL written apart from the
/// program's own.
pub fn facts_as_v27(conn: &rusqlite::Connection) {
    ids_as_v28(conn);
    let counting: Vec<String> = conn
        .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger'
             AND name IN ('trg_totals_delete', 'trg_totals_insert', 'trg_totals_update')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut sql = String::from(
        "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
         DROP TRIGGER trg_facts_delete; DROP TRIGGER trg_facts_insert;
         DROP TRIGGER trg_facts_update; DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert; DROP TRIGGER trg_totals_update;
         CREATE TABLE text_facts (
             date TEXT NOT NULL, activity_id TEXT NOT NULL, category TEXT NOT NULL,
             status TEXT NOT NULL, served_count INTEGER NOT NULL, organizer_id TEXT,
             team_id TEXT, key_date TEXT NOT NULL, participations INTEGER NOT NULL,
             hours_tenths INTEGER NOT NULL, counted INTEGER NOT NULL DEFAULT 0,
             PRIMARY KEY (date, activity_id)) WITHOUT ROWID;
         INSERT INTO text_facts
         SELECT f.date, a.id, f.category, f.status, f.served_count, f.organizer_id, f.team_id,
                f.key_date, f.participations, f.hours_tenths, f.counted
         FROM activity_facts f JOIN activities a ON a.key = f.activity_key;
         DROP TABLE activity_facts;
         ALTER TABLE text_facts RENAME TO activity_facts;
         CREATE INDEX idx_activity_facts_activity ON activity_facts(activity_id);
         CREATE INDEX idx_activity_facts_organizer ON activity_facts(organizer_id, date);
         CREATE INDEX idx_activity_facts_team ON activity_facts(team_id, date);
         CREATE TRIGGER trg_facts_delete AFTER DELETE ON activities
         BEGIN
             DELETE FROM activity_facts WHERE date = old.date AND activity_id = old.id;
         END;
         CREATE TRIGGER trg_facts_insert AFTER INSERT ON activities
         WHEN new.deleted_at IS NULL
         BEGIN
             INSERT INTO activity_facts (date, activity_id, category, status, served_count,
                 organizer_id, team_id, key_date, participations, hours_tenths, counted)
             SELECT new.date, new.id, new.category, new.status, new.served_count,
                    new.organizer_id, new.team_id, new.key_date, count(*),
                    coalesce(sum(hours_tenths), 0), new.counted
             FROM participations WHERE activity_id = new.id AND deleted_at IS NULL;
         END;
         CREATE TRIGGER trg_facts_update
         AFTER UPDATE OF date, category, status, served_count, organizer_id, team_id, key_date,
             deleted_at ON activities
         WHEN old.date IS NOT new.date OR old.category IS NOT new.category
           OR old.status IS NOT new.status OR old.served_count IS NOT new.served_count
           OR old.organizer_id IS NOT new.organizer_id OR old.team_id IS NOT new.team_id
           OR old.key_date IS NOT new.key_date OR old.deleted_at IS NOT new.deleted_at
         BEGIN
             DELETE FROM activity_facts WHERE date = old.date AND activity_id = old.id;
             INSERT INTO activity_facts (date, activity_id, category, status, served_count,
                 organizer_id, team_id, key_date, participations, hours_tenths, counted)
             SELECT new.date, new.id, new.category, new.status, new.served_count,
                    new.organizer_id, new.team_id, new.key_date, count(*),
                    coalesce(sum(hours_tenths), 0), new.counted
             FROM participations WHERE activity_id = new.id AND deleted_at IS NULL
               AND new.deleted_at IS NULL
             HAVING new.deleted_at IS NULL;
         END;",
    );
    for trigger in counting {
        let mut old = trigger;
        for row in ["old", "new"] {
            old = old.replace(
                &format!("activity_key = {row}.activity_ref"),
                &format!(
                    "activity_id = (SELECT id FROM activities WHERE key = {row}.activity_ref)"
                ),
            );
        }
        sql += &format!("{old};");
    }
    sql += "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON; PRAGMA user_version = 27;";
    conn.execute_batch(&sql).unwrap();
}

/// Turns the service records' id index of the latest schema back to schema version 28's, on
/// the text each id shows, with the view's triggers that found their row by it.
pub fn ids_as_v28(conn: &rusqlite::Connection) {
    totals_as_v31(conn);
    // The text of the id kept as bytes, in SQL written apart from the program's own.
    let shown = "CAST(CASE typeof(id) WHEN 'blob' THEN lower(hex(substr(id, 1, 4)) || '-' || \
                 hex(substr(id, 5, 2)) || '-' || hex(substr(id, 7, 2)) || '-' || \
                 hex(substr(id, 9, 2)) || '-' || hex(substr(id, 11))) ELSE id END AS TEXT)";
    let finding = volunteer_ledger::store::compact::record_row_is("old.id");
    let triggers: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
             AND name IN ('trg_participations_delete', 'trg_participations_update')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(triggers.len(), 2);
    let mut sql = format!(
        "DROP INDEX idx_participation_rows_id;
         CREATE UNIQUE INDEX idx_participation_rows_id ON participation_rows ({shown});"
    );
    for (name, text) in triggers {
        assert!(text.contains(&finding), "{name}");
        sql += &format!(
            "DROP TRIGGER {name}; {};",
            text.replace(&finding, &format!("{shown} = old.id"))
        );
    }
    sql += "PRAGMA user_version = 28;";
    conn.execute_batch(&sql).unwrap();
}

/// Turns the year and span totals of the latest schema back to schema version 31's: keyed by
/// (period, volunteer) with an index of who served by hours, the years written by the service
/// records' own triggers, the spans moved by the months' (their SQL as version 31 had it,
/// written apart from the program's own).
pub fn totals_as_v31(conn: &rusqlite::Connection) {
    let mut sql = String::from(
        "DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
         DROP TRIGGER trg_spans_delete; DROP TRIGGER trg_months_fixed;
         DROP TRIGGER trg_totals_activity; DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert; DROP TRIGGER trg_totals_update;",
    );
    for (table, column, index) in [
        ("volunteer_years", "year", "idx_volunteer_years_served"),
        ("volunteer_spans", "span", "idx_volunteer_spans_served"),
    ] {
        sql += &format!(
            "ALTER TABLE {table} RENAME TO v32_{table};
             CREATE TABLE {table} ({column} INTEGER NOT NULL, volunteer_key INTEGER NOT NULL,
                 participations INTEGER NOT NULL, hours_tenths INTEGER NOT NULL,
                 PRIMARY KEY ({column}, volunteer_key)) WITHOUT ROWID;
             INSERT INTO {table} SELECT {column}, volunteer_key, participations, hours_tenths
             FROM v32_{table};
             DROP TABLE v32_{table};
             CREATE INDEX {index} ON {table}({column}, hours_tenths, participations)
                 WHERE participations > 0;"
        );
    }
    sql += include_str!("v31_totals_triggers.sql");
    sql += "PRAGMA user_version = 31;";
    conn.execute_batch(&sql).unwrap();
}

/// The SQL of every table, index and trigger that `condition` (on `sqlite_master`) picks, by
/// name.
pub fn schema_where(db: &Path, condition: &str) -> Vec<(String, String)> {
    rusqlite::Connection::open(db)
        .unwrap()
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ({condition})
             ORDER BY name"
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}
