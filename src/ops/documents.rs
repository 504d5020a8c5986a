//! Documents: the roster, the 联络表, a certificate, the 工作总结, the report workbook, the
//! record and sign-in sheets and the 台账 of a period.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

use super::{Progress, Result, Written};
use crate::domain::dates;
use crate::domain::period::Period;
use crate::export::{certificate, contact_form, report_xlsx, roster, summary};
use crate::store::Store;
use crate::store::certificates::CertificateRequest;
use crate::store::export_log;
use crate::store::register::RegisterQuery;
use crate::store::report::{Report, Scope};

/// The roster's title: the unit's name and 志愿者名册.
pub fn roster_title(store: &Store) -> String {
    let unit = store.unit_name().ok().flatten().unwrap_or_default();
    format!("{unit}志愿者名册")
}

/// Writes the roster of the register as `query` filters it to `out` (.xlsx or .csv); a roster
/// with whole personal numbers is written in the export log.
pub fn roster(
    db: &Path,
    query: &RegisterQuery,
    out: &Path,
    numbers: roster::Numbers,
    progress: Progress<'_>,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let total = store.register_count(query)?;
    let title = roster_title(&store);
    let n = roster::export(&store, query, out, numbers, &title, &mut |done| {
        progress(done as f32 / total.max(1) as f32)
    })?;
    if numbers == roster::Numbers::Full {
        export_log::record(db, export_log::ROSTER_FULL, out, n as i64)?;
    }
    Ok(Written {
        path: out.to_path_buf(),
        count: n,
        message: format!("已导出 {n} 名志愿者到“{}”。", out.display()),
    })
}

/// Writes the 联络表 of these units (every unit when empty) as of `date` to `out` (.pdf,
/// .docx or .xlsx), and writes it in the export log.
pub fn contact_form(
    db: &Path,
    unit_ids: &[String],
    date: NaiveDate,
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let data = contact_form::collect(&store, unit_ids, date)?;
    progress(0.3);
    contact_form::write(&data, out)?;
    let n = data.lines.len();
    export_log::record(db, export_log::CONTACT_FORM, out, n as i64)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: n,
        message: format!("已生成 {n} 个单位的联络表：“{}”。", out.display()),
    })
}

/// Writes the PDF of a certificate already issued (registered) and writes it in the export log.
pub fn certificate(db: &Path, id: &str, out: &Path) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let data = store.certificate_data(id)?;
    certificate::write(&data, out)?;
    export_log::record(db, export_log::CERTIFICATE, out, 1)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: 1,
        message: format!(
            "已生成志愿服务记录证明 {}（{}，{} 小时）：“{}”。",
            data.certificate.serial,
            data.name,
            data.certificate.hours,
            out.display()
        ),
    })
}

/// Issues a certificate for the volunteer numbered `number` (from the registration date to
/// `to` unless given) and writes its PDF.
pub fn issue_certificate(
    db: &Path,
    number: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    signatures: (String, String),
    today: NaiveDate,
    out: &Path,
) -> Result<Written> {
    let id = {
        let mut store = Store::open(db)?;
        // Before a serial is spent on it (the database is known once opened).
        crate::store::guard::check_output(out)?;
        let holder = store
            .volunteer_by_number(number)?
            .with_context(|| format!("没有编号为“{number}”的志愿者"))?;
        let v: crate::store::volunteers::Volunteer = store.get(&holder.id)?;
        let (leader, handler) = signatures;
        let request = CertificateRequest {
            volunteer_id: v.meta.id.clone(),
            from: from.unwrap_or(v.registered_on),
            to: to.unwrap_or(today),
            leader,
            handler,
            remark: String::new(),
            issued_on: today,
        };
        store.issue_certificate(&request)?.meta.id
    };
    certificate(db, &id, out)
}

/// Writes the 工作总结 of a period to `out` (.docx or .pdf).
pub fn summary(
    db: &Path,
    period: &Period,
    today: NaiveDate,
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let doc = summary::build(&store, period, today)?;
    progress(0.5);
    summary::write(&doc, out)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: 1,
        message: format!("已生成《{}》：“{}”。", doc.title, out.display()),
    })
}

/// Counts a period (in a scope) and writes its tables to an Excel workbook; returns the
/// figures too, for the command line to print.
pub fn report_workbook(
    db: &Path,
    period: &Period,
    scope: &Scope,
    out: &Path,
    progress: Progress<'_>,
) -> Result<(Report, Written)> {
    let store = Store::open_read_only(db)?;
    let report = store.report_in(period, scope)?;
    progress(0.7);
    report_xlsx::write(&report, out)?;
    let message = format!("已导出{}统计表：“{}”。", report.period, out.display());
    Ok((
        report,
        Written {
            path: PathBuf::from(out),
            count: 1,
            message,
        },
    ))
}

/// The activity meant by `text` (on `date`, when given): its key, its exact title, or a part of
/// its title that only one activity has; otherwise a message naming the candidates.
pub fn find_activity(store: &Store, text: &str, date: Option<NaiveDate>) -> Result<String> {
    let text = text.trim();
    if store
        .get::<crate::store::activities::Activity>(text)
        .is_ok_and(|a| a.meta.deleted_at.is_none())
    {
        return Ok(text.to_string());
    }
    if text.is_empty() {
        anyhow::bail!("请写出活动名称（或其中独有的几个字）");
    }
    let found = store.activities_titled(text, date, 11)?;
    let exact: Vec<_> = found.iter().filter(|f| f.1 == text).collect();
    let name = |f: &(String, String, NaiveDate)| format!("{}（{}）", f.1, dates::iso(f.2));
    if let [one] = exact.as_slice() {
        return Ok(one.0.clone());
    }
    match (exact.as_slice(), found.as_slice()) {
        ([], [one]) => Ok(one.0.clone()),
        ([], []) => match date {
            Some(d) => anyhow::bail!("{}没有名称含“{text}”的活动", dates::chinese(d)),
            None => anyhow::bail!("没有名称含“{text}”的活动"),
        },
        (many, _) if many.len() > 1 => anyhow::bail!(
            "名为“{text}”的活动有 {} 场：{}。请注明日期",
            many.len(),
            many.iter().map(|f| name(f)).collect::<Vec<_>>().join("、")
        ),
        (_, many) => anyhow::bail!(
            "“{text}”可指{}场活动：{}{}，请写全称或注明日期",
            if many.len() > 10 {
                "十多".to_string()
            } else {
                format!(" {} ", many.len())
            },
            many.iter()
                .take(10)
                .map(name)
                .collect::<Vec<_>>()
                .join("、"),
            if many.len() > 10 { "等" } else { "" }
        ),
    }
}

/// Writes an activity's record sheet (活动记录表) to `out` (.pdf or .docx).
pub fn activity_record(db: &Path, activity_id: &str, out: &Path) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let data = crate::export::activity_record::collect(&store, activity_id)?;
    crate::export::activity_record::write(&data, out)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: data.lines.len(),
        message: format!(
            "已生成“{}”的活动记录表（{} 名参与者）：“{}”。",
            data.activity.title,
            data.lines.len(),
            out.display()
        ),
    })
}

/// The team named `text`: its exact name, or a part of its name only one team has.
pub fn find_team(store: &Store, text: &str) -> Result<String> {
    let text = text.trim();
    let teams = store.team_choices()?;
    if let Some(t) = teams.iter().find(|t| t.name == text) {
        return Ok(t.id.clone());
    }
    let found: Vec<_> = teams.iter().filter(|t| t.name.contains(text)).collect();
    match found.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => anyhow::bail!("没有名称含“{text}”的队伍"),
        many => anyhow::bail!(
            "“{text}”可指 {} 支队伍：{}，请写全称",
            many.len(),
            many.iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// Writes an activity's sign-in sheet (签到表) to `out` (.pdf, .docx or .xlsx): its listed
/// participants, or the members of `team`, then `blank_rows` empty rows (by default to the end
/// of the page).
pub fn sign_in(
    db: &Path,
    activity_id: &str,
    team: Option<&str>,
    blank_rows: Option<usize>,
    out: &Path,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let data = crate::export::sign_in::collect(&store, activity_id, team, blank_rows)?;
    write_sign_in(&data, out)
}

/// Writes a training's sign-in sheet (培训签到表) to `out` (.pdf, .docx or .xlsx): its
/// attendees, or the members of `team`, then the blank rows.
pub fn training_sign_in(
    db: &Path,
    training_id: &str,
    team: Option<&str>,
    blank_rows: Option<usize>,
    out: &Path,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let data = crate::export::sign_in::collect_training(&store, training_id, team, blank_rows)?;
    write_sign_in(&data, out)
}

fn write_sign_in(data: &crate::export::sign_in::SignInSheet, out: &Path) -> Result<Written> {
    crate::export::sign_in::write(data, out)?;
    let blank = crate::export::sign_in::blank_rows(data);
    Ok(Written {
        path: out.to_path_buf(),
        count: data.lines.len(),
        message: format!(
            "已生成“{}”的签到表（已列 {} 人，空白 {blank} 行）：“{}”。",
            data.name,
            data.lines.len(),
            out.display()
        ),
    })
}

/// Writes the 台账 of `period` in `scope`: one PDF when `out` ends in .pdf, else a new folder
/// of Word files. `progress` gets the share done and returns false to stop (then nothing is
/// left).
pub fn ledger(
    db: &Path,
    period: &Period,
    scope: &Scope,
    today: NaiveDate,
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    use crate::export::{ledger, ledger_docx};
    let store = Store::open_read_only(db)?;
    let data = ledger::collect(&store, period, scope, today)?;
    let pdf = out
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("pdf"));
    let n = data.activities.len();
    let what = format!("{}{}的台账", period.label, scope.label());
    let message = if pdf {
        let bytes = ledger::pdf(&store, &data, progress)?;
        crate::export::save(out, &bytes)?;
        format!("已生成{what}（{n} 场活动）：“{}”。", out.display())
    } else {
        let files = ledger_docx::write_folder(&store, &data, out, progress)?;
        format!(
            "已生成{what}（{n} 场活动，{files} 个 Word 文件）：文件夹“{}”。",
            out.display()
        )
    };
    Ok(Written {
        path: out.to_path_buf(),
        count: n,
        message,
    })
}

/// Copies the 留存资料 of `period`'s held activities (only 关爱系列 and 精准扶贫、乡村振兴 when
/// `care_only`) into the new folder `out` with its 目录.xlsx.
pub fn evidence(
    db: &Path,
    period: &Period,
    care_only: bool,
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    let store = Store::open_read_only(db)?;
    let packed = crate::export::evidence::write(&store, period, care_only, out, progress)?;
    let missing = match packed.missing.len() {
        0 => String::new(),
        n => format!("；{n} 场活动缺少留存资料，见目录"),
    };
    let lost = packed.entries.len() - packed.copied();
    let lost = if lost > 0 {
        format!("；{lost} 个文件缺失")
    } else {
        String::new()
    };
    Ok(Written {
        path: out.to_path_buf(),
        count: packed.copied(),
        message: format!(
            "已导出{}的留存资料 {} 个文件到文件夹“{}”{missing}{lost}。",
            period.label,
            packed.copied(),
            out.display()
        ),
    })
}

/// The most activities written at once from a list (record sheets, a platform's batch).
pub const RECORDS_AT_ONCE: u64 = 500;

/// The activities a list shows (searched, filtered, sorted), at most [`RECORDS_AT_ONCE`].
pub fn listed_activities(
    store: &Store,
    query: &crate::store::lists::ListQuery,
) -> Result<Vec<String>> {
    use crate::ops::lists::ACTIVITIES;
    let n = (ACTIVITIES.count)(store, query)?;
    if n == 0 {
        anyhow::bail!("列表中没有活动");
    }
    if n > RECORDS_AT_ONCE {
        anyhow::bail!(
            "列表中有 {n} 场活动，一次最多 {RECORDS_AT_ONCE} 场，请先按日期、类别或状态筛选"
        );
    }
    Ok((ACTIVITIES.page)(store, query, 0, n as usize)?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Writes the record sheets of these activities into one PDF, each from a new page.
pub fn activity_records(
    db: &Path,
    ids: &[String],
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        anyhow::bail!(
            "几场活动的记录表只能合成一个 PDF 文件：“{}”的扩展名应为 .pdf",
            out.display()
        );
    }
    let store = Store::open_read_only(db)?;
    let bytes = crate::export::ledger::sheets_pdf(&store, ids, progress)?;
    crate::export::save(out, &bytes)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: ids.len(),
        message: format!(
            "已生成 {} 场活动的活动记录表：“{}”。",
            ids.len(),
            out.display()
        ),
    })
}

/// Writes the record sheets of every activity a list shows (at most [`RECORDS_AT_ONCE`]) into
/// one PDF.
pub fn listed_activity_records(
    db: &Path,
    query: &crate::store::lists::ListQuery,
    out: &Path,
    progress: Progress<'_>,
) -> Result<Written> {
    let ids = listed_activities(&Store::open_read_only(db)?, query)?;
    activity_records(db, &ids, out, progress)
}

/// The training meant by `text` (on `date`, when given): its key, its exact topic, or a part of
/// its topic only one training has; otherwise a message naming the candidates.
pub fn find_training(store: &Store, text: &str, date: Option<NaiveDate>) -> Result<String> {
    use crate::store::records::Training;
    let text = text.trim();
    if store
        .get::<Training>(text)
        .is_ok_and(|t| t.meta.deleted_at.is_none())
    {
        return Ok(text.to_string());
    }
    if text.is_empty() {
        anyhow::bail!("请写出培训主题（或其中独有的几个字）");
    }
    let query = crate::store::lists::ListQuery {
        from: date,
        to: date,
        ..crate::store::lists::ListQuery::search(text)
    };
    let found = store.training_page(&query, 0, 11)?;
    let exact: Vec<_> = found.iter().filter(|t| t.topic == text).collect();
    let name =
        |t: &crate::store::trainings::TrainingRow| format!("{}（{}）", t.topic, dates::iso(t.date));
    match (exact.as_slice(), found.as_slice()) {
        ([one], _) => Ok(one.id.clone()),
        ([], [one]) => Ok(one.id.clone()),
        ([], []) => anyhow::bail!("没有主题含“{text}”的培训"),
        (same, _) if same.len() > 1 => anyhow::bail!(
            "主题为“{text}”的培训有 {} 次：{}。请注明日期",
            same.len(),
            same.iter().map(|t| name(t)).collect::<Vec<_>>().join("、")
        ),
        (_, many) => anyhow::bail!(
            "“{text}”可指 {} 次培训：{}，请写全称或注明日期",
            many.len(),
            many.iter()
                .take(10)
                .map(name)
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}
