//! The commands panes queue while drawing, and their execution at the end of the frame: each
//! runs in its own transaction (or starts a background job) and yields what the window should
//! do — a toast, a reply to the form that asked, a job, a record to open.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::jobs::Job;
use super::panes::Pane;
use crate::store::meta::Table;
use crate::store::settings::keys;
use crate::store::{Store, StoreError};

/// A change requested by a pane; the app carries it out at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Save the user's own unit name (本单位).
    SetUnitName(String),
    /// Save 本单位类型 and the duties judged.
    SetUnitDuties(crate::domain::duties::UnitKind, Vec<String>),
    /// Save a volunteer from the form (insert when its key is empty, else update).
    SaveVolunteer(Box<crate::store::volunteers::Volunteer>),
    /// Move a volunteer to the recycle bin.
    DeleteVolunteer(String),
    /// Bring a volunteer back from the recycle bin.
    RestoreVolunteer(String),
    /// Remove a volunteer from the recycle bin for good.
    PurgeVolunteer(String),
    /// Remove every volunteer of the recycle bin for good (those with certificates stay).
    EmptyVolunteerBin,
    /// Save an activity with exactly these participants and hours; the reply goes to the
    /// form of the pane named (the calendar's or the activity list's).
    SaveActivity(
        Box<crate::store::activities::Activity>,
        Vec<(String, crate::domain::hours::Tenths)>,
        Pane,
    ),
    /// Copy files into the attachment folder for a record.
    AttachFiles {
        /// The owning table.
        owner_kind: String,
        /// The owning record.
        owner_id: String,
        /// The files.
        paths: Vec<std::path::PathBuf>,
    },
    /// Move an attachment to the recycle bin.
    RemoveAttachment(String),
    /// Save a need with exactly these linked activities.
    SaveNeed(Box<crate::store::paperwork::Need>, Vec<String>),
    /// Save an information report.
    SaveInfoReport(Box<crate::store::paperwork::InfoReport>),
    /// Save an honor.
    SaveHonor(Box<crate::store::records::Honor>),
    /// Save a training with exactly these attending volunteers.
    SaveTraining(Box<crate::store::records::Training>, Vec<String>),
    /// Move an activity to the recycle bin.
    DeleteActivity(String),
    /// Bring an activity back from the recycle bin.
    RestoreActivity(String),
    /// Plan the twelve 学雷锋志愿服务日 of a year.
    PlanLeiFengDays(i32),
    /// Save a team from the form (insert when its key is empty, else update).
    SaveTeam(Box<crate::store::teams::Team>),
    /// Move a team to the recycle bin.
    DeleteTeam(String),
    /// Bring a team back from the recycle bin.
    RestoreTeam(String),
    /// Remove a team from the recycle bin for good.
    PurgeTeam(String),
    /// Remove every team of the recycle bin for good.
    EmptyTeamBin,
    /// Add volunteers to a team.
    AddTeamMembers {
        /// The team.
        team_id: String,
        /// The volunteers.
        volunteer_ids: Vec<String>,
    },
    /// Take a volunteer out of a team.
    RemoveTeamMember {
        /// The team.
        team_id: String,
        /// The volunteer.
        volunteer_id: String,
    },
    /// Read a spreadsheet (or re-check it with a corrected mapping) on a worker thread.
    CheckImport(super::jobs::ImportSource),
    /// Import the checked rows on a worker thread.
    RunImport {
        /// The file and its verdicts.
        preview: Box<super::jobs::ImportPreview>,
        /// Take the good rows when some are bad.
        take_good_rows: bool,
        /// What to do with volunteers already registered.
        on_duplicate: crate::export::import::OnDuplicate,
    },
    /// Write the register as filtered to a roster file on a worker thread.
    ExportRoster {
        /// Filter and order.
        query: crate::store::register::RegisterQuery,
        /// The file (.xlsx or .csv).
        out: std::path::PathBuf,
        /// Masked or whole personal numbers.
        numbers: crate::export::roster::Numbers,
    },
    /// Save a unit and, when they changed, its contact persons valid from a day.
    SaveUnit {
        /// The unit (insert when its key is empty).
        unit: Box<crate::store::units::Unit>,
        /// Its contact persons as entered.
        contact: Option<Box<crate::store::units::UnitContact>>,
        /// The day a new version of the contacts starts.
        from: NaiveDate,
    },
    /// Write the 联络表 on a worker thread.
    ExportContactForm {
        /// The units (every unit when empty).
        unit_ids: Vec<String>,
        /// Contacts as of this day.
        date: NaiveDate,
        /// The file (.pdf, .docx or .xlsx).
        out: std::path::PathBuf,
    },
    /// Add the district units the notice names that the directory lacks.
    PresetUnits,
    /// Issue a certificate (numbered and registered) and write its PDF into a folder.
    IssueCertificate {
        /// Who, which period, signed by whom.
        request: Box<crate::store::certificates::CertificateRequest>,
        /// The folder the PDF goes to.
        folder: std::path::PathBuf,
    },
    /// Write a registered certificate's PDF again.
    ReprintCertificate {
        /// The certificate.
        id: String,
        /// The file.
        out: std::path::PathBuf,
    },
    /// Keep the clerk's text of a summary section for a period.
    SaveNarrative {
        /// 2026H1 or 2026.
        period: String,
        /// 存在的问题 or 下一步工作打算.
        section: String,
        /// The text.
        body: String,
    },
    /// Write the 工作总结 of a period on a worker thread.
    ExportSummary {
        /// The period.
        period: crate::domain::period::Period,
        /// The file (.docx or .pdf).
        out: std::path::PathBuf,
    },
    /// Write the report's tables to an Excel file on a worker thread.
    ExportReport {
        /// The period.
        period: crate::domain::period::Period,
        /// Whose figures.
        scope: crate::store::report::Scope,
        /// The file (.xlsx).
        out: std::path::PathBuf,
    },
    /// Record that a document was sent up.
    SaveSubmission(Box<crate::store::paperwork::Submission>),
    /// Add one of the clerk's key dates, or hide a built-in one.
    SaveKeyDate(Box<crate::store::paperwork::CustomKeyDate>),
    /// Move a record to the recycle bin, restore it, or remove it from the bin for good.
    Bin {
        /// Its table.
        table: crate::store::meta::Table,
        /// Its key.
        id: String,
        /// What to do.
        action: BinAction,
        /// The record named for the message (培训“…”).
        what: String,
    },
    /// Back up the database now: into backups/ (`None`) or to a file.
    Backup(Option<std::path::PathBuf>),
    /// Replace the database with a backup (checked; the current one is backed up first).
    Restore(std::path::PathBuf),
    /// How many automatic backups to keep.
    SetBackupsKept(usize),
    /// Show a record in its pane with its form open.
    OpenRecord {
        /// Its table.
        table: crate::store::meta::Table,
        /// Its key.
        id: String,
    },
    /// Write an exchange package on a worker thread.
    ExportExchange {
        /// The package file.
        out: std::path::PathBuf,
        /// Every record, or those changed since the last export.
        whole: bool,
    },
    /// Read a station's package on a worker thread (the database is backed up first).
    ImportExchange(std::path::PathBuf),
    /// Settle a conflict of an exchange.
    ResolveConflict {
        /// Its key in the conflict list.
        id: i64,
        /// Keep ours or take the package's.
        choice: crate::store::exchange::Choice,
    },
    /// Settle every waiting conflict the same way.
    ResolveAllConflicts(crate::store::exchange::Choice),
    /// Save this station's name.
    SetStationName(String),
    /// Fill an empty database with example data on a worker thread.
    LoadDemo {
        /// Number of volunteers.
        volunteers: u64,
    },
}

/// What a list does with a record and the recycle bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinAction {
    /// 移入回收站
    Delete,
    /// 恢复
    Restore,
    /// 彻底删除
    Purge,
    /// 清空回收站 (every record of the list in the bin; the id is empty)
    EmptyBin,
}

/// What carrying out a command asks of the window.
#[derive(Default)]
pub struct Effects {
    /// Toasts: the text and whether it is an error.
    pub toasts: Vec<(String, bool)>,
    /// How a save went, for the form of that pane: closed on success, kept with the message
    /// otherwise.
    pub replies: Vec<(Pane, Result<(), String>)>,
    /// Background jobs started (or the reason one could not start).
    pub jobs: Vec<Result<Job, String>>,
    /// Replace the database with this backup once the frame's commands are done.
    pub restore: Option<PathBuf>,
    /// Show a record in its pane.
    pub open: Option<(Table, String)>,
}

impl Effects {
    fn toast(&mut self, text: impl Into<String>) {
        self.toasts.push((text.into(), false));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.toasts.push((text.into(), true));
    }

    /// A toast for a write: `ok`'s text when it went through, `failed：reason` when not.
    fn told<T>(
        &mut self,
        result: Result<T, StoreError>,
        failed: &str,
        ok: impl FnOnce(T) -> String,
    ) {
        match result {
            Ok(v) => self.toast(ok(v)),
            Err(e) => self.error(format!("{failed}：{e}")),
        }
    }

    /// A form's save: a toast and the form closed, or the reason shown in the form.
    fn saved<T>(
        &mut self,
        pane: Pane,
        result: Result<T, StoreError>,
        ok: impl FnOnce(T) -> String,
    ) {
        match result {
            Ok(v) => {
                self.toast(ok(v));
                self.replies.push((pane, Ok(())));
            }
            Err(e) => self.replies.push((pane, Err(e.to_string()))),
        }
    }
}

/// Carries out one command against the open database.
pub fn execute(
    store: &mut Store,
    command: Command,
    today: NaiveDate,
    ctx: &egui::Context,
    fx: &mut Effects,
) {
    let db = store.path().to_path_buf();
    let ctx = ctx.clone();
    match command {
        Command::SetUnitName(name) => fx.saved(
            Pane::Settings,
            store.set_setting(keys::UNIT_NAME, &name),
            |()| format!("本单位名称已保存：{name}"),
        ),
        Command::SetUnitDuties(kind, duties) => {
            fx.saved(Pane::Settings, store.set_unit_duties(kind, &duties), |()| {
                format!(
                    "已保存本单位类型“{}”和 {} 项职责。",
                    kind.label(),
                    duties.len()
                )
            })
        }
        Command::SaveVolunteer(mut v) => {
            let new = v.meta.id.is_empty();
            let result = if new {
                store.insert(&mut *v)
            } else {
                store.update_volunteer(&mut v)
            };
            let verb = if new { "已登记" } else { "已保存" };
            fx.saved(Pane::Volunteers, result, |()| {
                format!("{verb}志愿者 {}（{}）", v.name, v.number)
            });
        }
        Command::DeleteVolunteer(id) => fx.told(
            store.soft_delete(Table::Volunteers, &id),
            "删除失败",
            |()| "已移入回收站，可在回收站中恢复。".into(),
        ),
        Command::RestoreVolunteer(id) => fx.told(
            store.restore_deleted(Table::Volunteers, &id),
            "恢复失败",
            |()| "已恢复到志愿者名册。".into(),
        ),
        Command::PurgeVolunteer(id) => {
            fx.told(store.purge_volunteer(&id), "不能彻底删除", |impact| {
                format!("已彻底删除，连同 {} 条服务记录。", impact.participations)
            })
        }
        Command::EmptyVolunteerBin => fx.told(
            store.empty_volunteer_bin(),
            "未能清空回收站",
            |(removed, kept)| {
                let mut text = format!("已清空回收站，永久删除 {removed} 名志愿者。");
                if kept > 0 {
                    text.push_str(&format!(
                        "{kept} 名已出具志愿服务记录证明，证明登记须保留，仍在回收站中。"
                    ));
                }
                text
            },
        ),
        Command::SaveActivity(mut a, people, from) => {
            let result = store.save_activity(&mut a, &people);
            fx.saved(from, result, |()| {
                format!("已保存活动“{}”（{} 人）", a.title, people.len())
            });
        }
        Command::AttachFiles {
            owner_kind,
            owner_id,
            paths,
        } => {
            let mut added = 0;
            for p in &paths {
                match store.attach_file(&owner_kind, &owner_id, p) {
                    Ok(_) => added += 1,
                    Err(e) => fx.error(format!("添加失败：{e}")),
                }
            }
            if added > 0 {
                fx.toast(format!("已添加留存资料 {added} 个。"));
            }
        }
        Command::RemoveAttachment(id) => fx.told(
            store.soft_delete(Table::Attachments, &id),
            "移除失败",
            |()| "已移入回收站。".into(),
        ),
        Command::SaveNeed(mut n, served) => {
            let result = store.save_need(&mut n, &served);
            fx.saved(Pane::Needs, result, |()| {
                format!("已保存需求：{}", n.person)
            });
        }
        Command::SaveInfoReport(mut r) => {
            let result = store.save_info_report(&mut r);
            fx.saved(Pane::InfoReports, result, |()| {
                format!("已保存信息报送“{}”", r.title)
            });
        }
        Command::SaveHonor(mut h) => {
            let result = store.save_honor(&mut h);
            fx.saved(Pane::Honors, result, |()| {
                format!("已保存表彰“{}”", h.title)
            });
        }
        Command::SaveTraining(mut t, people) => {
            let result = store.save_training(&mut t, &people);
            fx.saved(Pane::Trainings, result, |()| {
                format!("已保存培训“{}”（{} 名志愿者）", t.topic, people.len())
            });
        }
        Command::DeleteActivity(id) => fx.told(
            store.soft_delete(Table::Activities, &id),
            "删除失败",
            |()| "活动已移入回收站，可以恢复。".into(),
        ),
        Command::RestoreActivity(id) => fx.told(
            store.restore_deleted(Table::Activities, &id),
            "恢复失败",
            |()| "活动已恢复。".into(),
        ),
        Command::PlanLeiFengDays(year) => {
            fx.told(store.plan_lei_feng_days(year), "生成失败", |n| {
                format!("已安排 {year} 年学雷锋志愿服务日 {n} 次。")
            })
        }
        Command::SaveTeam(mut t) => {
            let new = t.meta.id.is_empty();
            let result = if new {
                store.insert(&mut *t)
            } else {
                store.update_team(&mut t)
            };
            let verb = if new { "已新建" } else { "已保存" };
            fx.saved(Pane::Teams, result, |()| format!("{verb}队伍“{}”", t.name));
        }
        Command::DeleteTeam(id) => {
            fx.told(store.soft_delete(Table::Teams, &id), "删除失败", |()| {
                "队伍已移入回收站，可以恢复。".into()
            })
        }
        Command::RestoreTeam(id) => fx.told(
            store.restore_deleted(Table::Teams, &id),
            "恢复失败",
            |()| "队伍已恢复。".into(),
        ),
        Command::PurgeTeam(id) => fx.told(store.purge_team(&id), "不能彻底删除", |()| {
            "队伍已彻底删除。".into()
        }),
        Command::EmptyTeamBin => fx.told(store.empty_team_bin(), "未能清空回收站", |n| {
            format!("已清空回收站，永久删除 {n} 支队伍。")
        }),
        Command::AddTeamMembers {
            team_id,
            volunteer_ids,
        } => fx.told(
            store.add_team_members(&team_id, &volunteer_ids, today),
            "加入队伍失败",
            |n| format!("已加入队伍 {n} 人。"),
        ),
        Command::RemoveTeamMember {
            team_id,
            volunteer_id,
        } => fx.told(
            store.remove_team_member(&team_id, &volunteer_id),
            "移出失败",
            |()| "已移出队伍。".into(),
        ),
        Command::PresetUnits => match store.ensure_district_units() {
            Ok(0) => {}
            result => fx.told(result, "预置责任单位失败", |n| {
                format!("已预置区文明办及各类别责任单位 {n} 个。")
            }),
        },
        Command::SaveKeyDate(mut k) => {
            let result = store.insert(&mut *k);
            fx.told(result, "保存节点失败", |()| {
                if k.name.is_empty() {
                    format!("已隐藏内置节点“{}”。", k.hides_builtin)
                } else {
                    format!("已添加节点“{}”。", k.name)
                }
            });
        }
        Command::Bin {
            table,
            id,
            action,
            what,
        } => {
            let result = match action {
                BinAction::Delete => store
                    .soft_delete(table, &id)
                    .map(|()| "已移入回收站，可在回收站中恢复".to_string()),
                BinAction::Restore => store.restore_deleted(table, &id).map(|()| "已恢复".into()),
                BinAction::Purge => store.purge(table, &id).map(|()| "已彻底删除".into()),
                BinAction::EmptyBin => store
                    .empty_bin(table)
                    .map(|n| format!("已清空，永久删除 {n} 条")),
            };
            match result {
                Ok(done) => fx.toast(format!("{what}{done}。")),
                Err(e) => fx.error(format!("{what}未能处理：{e}")),
            }
        }
        Command::SaveNarrative {
            period,
            section,
            body,
        } => fx.told(
            store.save_narrative(&period, &section, &body),
            "保存失败",
            |()| format!("已保存“{section}”。"),
        ),
        Command::ResolveConflict { id, choice } => fx.told(
            store.resolve_conflict(id, choice),
            "处理冲突失败",
            |()| {
                match choice {
                    crate::store::exchange::Choice::KeepLocal => "已保留本机的记录。",
                    crate::store::exchange::Choice::TakeIncoming => "已采用交换包的记录。",
                }
                .into()
            },
        ),
        Command::ResolveAllConflicts(choice) => fx.told(
            store.resolve_all_conflicts(choice),
            "处理冲突失败",
            |n| format!("已处理 {n} 条冲突。"),
        ),
        Command::SetStationName(name) => fx.told(
            store.set_setting(keys::STATION_NAME, &name),
            "保存失败",
            |()| format!("本站名称已改为“{name}”。"),
        ),
        Command::SetBackupsKept(n) => fx.told(
            store.set_setting(keys::BACKUPS_KEPT, &n.to_string()),
            "保存失败",
            |()| format!("自动备份保留 {n} 份。"),
        ),
        Command::SaveUnit {
            mut unit,
            mut contact,
            from,
        } => {
            let result = store.save_unit_with_contact(&mut unit, contact.as_deref_mut(), from);
            fx.saved(Pane::Units, result, |()| {
                format!("已保存单位“{}”。", unit.name)
            });
        }
        Command::SaveSubmission(mut s) => {
            let result = store.insert(&mut *s);
            fx.told(result, "登记失败", |()| {
                format!(
                    "已登记：{}年{}于{}以{}报送。",
                    s.year,
                    s.document,
                    crate::domain::dates::chinese(s.submitted_on),
                    s.method
                )
            });
        }
        Command::IssueCertificate { request, folder } => match store.issue_certificate(&request) {
            Ok(c) => {
                let out = folder.join(format!("志愿服务记录证明-{}.pdf", c.serial));
                fx.jobs
                    .push(Job::write_certificate(db, c.meta.id, out, ctx));
            }
            Err(e) => fx.error(format!("不能出具证明：{e}")),
        },
        // Carried out after this frame's other commands, with the database closed.
        Command::Restore(from) => fx.restore = Some(from),
        Command::OpenRecord { table, id } => fx.open = Some((table, id)),
        Command::LoadDemo { volunteers } => {
            fx.jobs.push(Job::load_demo(db, volunteers, today, ctx));
        }
        Command::CheckImport(source) => fx.jobs.push(Job::check_import(db, source, today, ctx)),
        Command::RunImport {
            preview,
            take_good_rows,
            on_duplicate,
        } => fx.jobs.push(Job::run_import(
            db,
            preview,
            take_good_rows,
            on_duplicate,
            ctx,
        )),
        Command::ExportReport { period, scope, out } => fx
            .jobs
            .push(Job::export_report(db, period, scope, out, ctx)),
        Command::Backup(to) => fx.jobs.push(Job::backup(db, to, ctx)),
        Command::ExportExchange { out, whole } => {
            fx.jobs.push(Job::export_exchange(db, out, whole, ctx))
        }
        Command::ImportExchange(package) => fx.jobs.push(Job::import_exchange(db, package, ctx)),
        Command::ExportSummary { period, out } => fx
            .jobs
            .push(Job::export_summary(db, period, today, out, ctx)),
        Command::ReprintCertificate { id, out } => {
            fx.jobs.push(Job::write_certificate(db, id, out, ctx))
        }
        Command::ExportContactForm {
            unit_ids,
            date,
            out,
        } => fx
            .jobs
            .push(Job::export_contact_form(db, unit_ids, date, out, ctx)),
        Command::ExportRoster {
            query,
            out,
            numbers,
        } => fx
            .jobs
            .push(Job::export_roster(db, query, out, numbers, ctx)),
    }
}
