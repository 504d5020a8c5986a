//! The running totals kept by triggers (the register's hours, each volunteer's months and
//! years, each activity's facts) compared with a recount from the records, by the one rule of
//! what counts (`activities.counted`). `check` names any drift.

use std::path::Path;

use rusqlite::Connection;

use super::error::Result;
use super::period_key::{half_of_month, month_of_date, quarter_of_month, year_of_month};

/// A running total that differs from the recount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Which total, in the clerk's words.
    pub what: &'static str,
    /// How many rows differ.
    pub rows: i64,
    /// A few of them, named.
    pub examples: Vec<String>,
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}：{} 处与服务记录重新统计的结果不一致",
            self.what, self.rows
        )?;
        if !self.examples.is_empty() {
            write!(f, "（如 {}）", self.examples.join("；"))?;
        }
        Ok(())
    }
}

/// A volunteer's key in the running totals of schema version 20 (`volunteer_key` of the months,
/// years and spans; version 21 keys them by `volunteers.key`), for the steps 20 and 21 only, as
/// SQL over the text key `id`: a key as this program writes it (a UUID in lower case with
/// hyphens, 36 characters) as its 16 bytes, any other key as its text. One to one — a blob is
/// never equal to a text — in less than half the bytes, in each total row and in its index.
pub fn volunteer_key(id: &str) -> String {
    format!(
        "(CASE WHEN length({id}) = 36 AND lower({id}) = {id}
                AND substr({id}, 9, 1) || substr({id}, 14, 1) || substr({id}, 19, 1)
                    || substr({id}, 24, 1) = '----'
                AND length(unhex({id}, '-')) = 16
           THEN unhex({id}, '-') ELSE {id} END)"
    )
}

/// Service records counted again: live records of held activities, per volunteer and month.
fn recount_months() -> String {
    format!(
        "SELECT {} AS month,
        p.volunteer_ref AS volunteer_key, count(*) AS participations,
        sum(p.hours_tenths) AS hours_tenths
    FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
    WHERE p.deleted_at IS NULL AND a.counted GROUP BY 1, 2",
        month_of_date("a.date")
    )
}

/// Each live activity's facts counted again.
const RECOUNT_FACTS: &str = "SELECT a.date, a.key AS activity_key, a.category, a.status,
        a.served_count, a.organizer_id, a.team_id, a.key_date, count(p.id) AS participations,
        coalesce(sum(p.hours_tenths), 0) AS hours_tenths, a.counted
    FROM activities a
    LEFT JOIN participation_rows p ON p.activity_ref = a.key AND p.deleted_at IS NULL
    WHERE a.deleted_at IS NULL GROUP BY a.key";

/// Every running total compared with a recount; empty when all agree. Reads whole tables.
pub fn drift(conn: &Connection) -> Result<Vec<Drift>> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let examples = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    };
    let mut out = Vec::new();
    let recount = recount_months();

    let register = format!(
        "FROM volunteer_search s
         LEFT JOIN (SELECT volunteer_key, sum(hours_tenths) AS total
                    FROM ({recount}) GROUP BY volunteer_key) t
                ON t.volunteer_key = s.volunteer_key
         LEFT JOIN volunteers v ON v.key = s.volunteer_key
         WHERE s.total_tenths != coalesce(t.total, 0)"
    );
    let n = count(&format!("SELECT count(*) {register}"))?;
    if n > 0 {
        out.push(Drift {
            what: "志愿者名册的累计服务时长",
            rows: n,
            examples: examples(&format!(
                "SELECT coalesce(v.name, '') || '（' || coalesce(v.number, '') || '）记为 '
                        || printf('%.1f', s.total_tenths / 10.0) || ' 小时，应为 '
                        || printf('%.1f', coalesce(t.total, 0) / 10.0) || ' 小时'
                 {register} LIMIT 3"
            ))?,
        });
    }

    for (what, stored, recount) in [
        (
            "志愿者每月服务统计",
            "SELECT month, volunteer_key, participations, hours_tenths FROM volunteer_months
             WHERE participations != 0 OR hours_tenths != 0",
            format!("SELECT month, volunteer_key, participations, hours_tenths FROM ({recount})"),
        ),
        (
            "志愿者每年服务统计",
            "SELECT year, volunteer_key, participations, hours_tenths FROM volunteer_years
             WHERE participations != 0 OR hours_tenths != 0",
            format!(
                "SELECT {}, volunteer_key, sum(participations), sum(hours_tenths)
                 FROM ({recount}) GROUP BY 1, volunteer_key",
                year_of_month("month")
            ),
        ),
        (
            "志愿者每季度、每半年服务统计",
            "SELECT span, volunteer_key, participations, hours_tenths FROM volunteer_spans
             WHERE participations != 0 OR hours_tenths != 0",
            format!(
                "SELECT span, volunteer_key, sum(participations), sum(hours_tenths)
                 FROM (SELECT {} AS span, volunteer_key, participations, hours_tenths
                       FROM ({recount})
                       UNION ALL
                       SELECT {}, volunteer_key, participations, hours_tenths
                       FROM ({recount}))
                 GROUP BY 1, volunteer_key",
                quarter_of_month("month"),
                half_of_month("month")
            ),
        ),
        (
            "活动汇总（每场活动的人次和时长）",
            "SELECT date, activity_key, category, status, served_count, organizer_id, team_id,
                    key_date, participations, hours_tenths, counted FROM activity_facts",
            RECOUNT_FACTS.to_string(),
        ),
    ] {
        let diff = format!(
            "SELECT count(*) FROM (SELECT * FROM ({stored} EXCEPT {recount})
                                   UNION ALL SELECT * FROM ({recount} EXCEPT {stored}))"
        );
        let n = count(&diff)?;
        if n > 0 {
            out.push(Drift {
                what,
                rows: n,
                examples: Vec::new(),
            });
        }
    }
    Ok(out)
}

/// The facts and the months counted again from the records, by the one rule of what counts (the
/// same recount as schema version 15's, keyed as version 21's, periods as version 27's). Run
/// through [`recount_all`], which then sums the months into years and spans.
fn recount_records() -> String {
    format!(
        "DELETE FROM activity_facts;
    INSERT INTO activity_facts (date, activity_key, category, status, served_count,
                                organizer_id, team_id, key_date, participations, hours_tenths,
                                counted)
    SELECT a.date, a.key, a.category, a.status, a.served_count, a.organizer_id, a.team_id,
           a.key_date, count(p.id), coalesce(sum(p.hours_tenths), 0), a.counted
    FROM activities a
    LEFT JOIN participation_rows p ON p.activity_ref = a.key AND p.deleted_at IS NULL
    WHERE a.deleted_at IS NULL GROUP BY a.key;
    DELETE FROM volunteer_months;
    INSERT INTO volunteer_months
    SELECT {}, p.volunteer_ref, count(*), sum(p.hours_tenths)
    FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
    WHERE p.deleted_at IS NULL AND a.counted
    GROUP BY 1, p.volunteer_ref;",
        month_of_date("a.date")
    )
}

/// The year, quarter and half year of a month of `volunteer_months` (`?1`), keyed as the
/// counting triggers key them.
fn spans_of_month() -> String {
    format!(
        "SELECT {}, {}, {}",
        year_of_month("?1"),
        quarter_of_month("?1"),
        half_of_month("?1")
    )
}

/// Every volunteer's years, quarters and half years summed again from the months: one grouped
/// insert per year or span, over just its months (each sorts a year's or a quarter's rows, not
/// all of them twice over, and appends in the table's order: by hours, schema version 32).
/// Only those who served have a row.
fn recount_spans(c: &Connection) -> Result<()> {
    use std::collections::BTreeMap;
    let mut years: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut spans: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut next = c.prepare("SELECT min(month) FROM volunteer_months WHERE month > ?1")?;
    let mut names = c.prepare(&spans_of_month())?;
    let mut month = i64::MIN;
    while let Some(m) = next.query_row([month], |r| r.get::<_, Option<i64>>(0))? {
        let (year, quarter, half) = names.query_row([m], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        years.entry(year).or_default().push(m);
        spans.entry(quarter).or_default().push(m);
        spans.entry(half).or_default().push(m);
        month = m;
    }
    c.execute_batch("DELETE FROM volunteer_years; DELETE FROM volunteer_spans;")?;
    for (table, column, groups) in [
        ("volunteer_years", "year", &years),
        ("volunteer_spans", "span", &spans),
    ] {
        let mut insert = c.prepare(&format!(
            "INSERT INTO {table} ({column}, volunteer_key, participations, hours_tenths)
             SELECT ?1, volunteer_key, sum(participations), sum(hours_tenths)
             FROM volunteer_months WHERE month IN (SELECT value FROM json_each(?2))
             GROUP BY volunteer_key HAVING sum(participations) > 0
             ORDER BY sum(hours_tenths), volunteer_key"
        ))?;
        for (name, months) in groups {
            let months = serde_json::Value::from(months.clone()).to_string();
            insert.execute(rusqlite::params![name, months])?;
        }
    }
    Ok(())
}

/// The triggers that move a year, a quarter and a half year with each month (schema versions
/// 18 and 32): left out while every total is counted again, which fills them period by period.
pub(super) const SPAN_TRIGGERS: [&str; 3] =
    ["trg_spans_insert", "trg_spans_update", "trg_spans_delete"];

/// A schema object [`without`] drops and puts back.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Index,
    Trigger,
}

/// Runs `f` with the indexes or triggers `names` dropped, then puts them back as the schema
/// had them (their SQL saved from sqlite_master), all inside the caller's transaction.
pub(super) fn without<T>(
    c: &Connection,
    kind: Kind,
    names: &[&str],
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let (kind, drop) = match kind {
        Kind::Index => ("index", "DROP INDEX"),
        Kind::Trigger => ("trigger", "DROP TRIGGER"),
    };
    let mut saved = Vec::new();
    for name in names {
        saved.push(c.query_row(
            "SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2",
            [kind, name],
            |r| r.get::<_, String>(0),
        )?);
        c.execute_batch(&format!("{drop} {name};"))?;
    }
    let out = f()?;
    for sql in &saved {
        c.execute_batch(sql)?;
    }
    Ok(out)
}

/// Every running total counted again ([`recount_records`], then [`recount_spans`]) without
/// the per-row span triggers.
pub(super) fn recount_all(c: &Connection) -> Result<()> {
    without(c, Kind::Trigger, &SPAN_TRIGGERS, || {
        c.execute_batch(&recount_records())?;
        recount_spans(c)
    })
}

/// Every volunteer's hours in the register (`volunteer_search.total_tenths`) counted again
/// (also after a bulk load, which leaves the insert trigger out), as the sum of the volunteer's
/// years: run right after [`recount_all`], which counted the years from the records (a third
/// of the time of grouping millions of service records by their text keys once more).
pub(super) fn recount_register_sql() -> String {
    "UPDATE volunteer_search SET total_tenths = 0 WHERE total_tenths != 0;
    UPDATE volunteer_search SET total_tenths = t.total
    FROM (SELECT volunteer_key, sum(hours_tenths) AS total
          FROM volunteer_years GROUP BY volunteer_key) t
    WHERE t.volunteer_key = volunteer_search.volunteer_key;"
        .to_string()
}

impl super::Store {
    /// Counts every running total again from the records, in one transaction, after a backup
    /// (重新统计前).
    pub fn recount_totals(&mut self) -> Result<std::path::PathBuf> {
        let saved = self.backup(super::backup::Reason::BeforeRecount)?;
        self.write(|c| {
            recount_all(c)?;
            c.execute_batch(&recount_register_sql())?;
            Ok(())
        })?;
        Ok(saved)
    }
}

/// [`drift`] of the database file at `path`, opened read-only.
pub fn drift_in_file(path: &Path) -> Result<Vec<Drift>> {
    drift(super::Store::open_read_only(path)?.conn())
}
