//! Carrying a command out: one arm per command, each a transaction or a job started.

use chrono::NaiveDate;

use super::{BinAction, Command, Effects};
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::settings::keys;
use crate::ui::jobs::Job;
use crate::ui::panes::Pane;

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
        } => fx
            .jobs
            .push(Job::attach_files(db, (owner_kind, owner_id), paths, ctx)),
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
                BinAction::Purge => store.remove_for_good(table, &id).map(|r| {
                    if r.service_records > 0 {
                        format!("已彻底删除，连同 {} 条服务记录", r.service_records)
                    } else {
                        "已彻底删除".into()
                    }
                }),
                BinAction::EmptyBin => store.empty_bin_of(table).map(|r| {
                    let mut text = format!("已清空，永久删除 {} 条", r.records);
                    if r.kept > 0 {
                        text.push_str(&format!(
                            "；{} 条已出具志愿服务记录证明，证明登记须保留，仍在回收站中",
                            r.kept
                        ));
                    }
                    text
                }),
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
        Command::SetBackupEvery(every) => fx.told(
            store.set_setting(keys::BACKUP_EVERY, every.word()),
            "保存失败",
            |()| format!("自动备份：{}。", every.label()),
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
        Command::ExportActivityRecord { id, out } => {
            fx.jobs.push(Job::activity_record(db, id, out, ctx))
        }
        Command::AddPlatformTemplate { name, file } => fx
            .jobs
            .push(Job::add_platform_template(db, name, file, ctx)),
        Command::MarkEntered { ids, platform, by } => fx.told(
            store.mark_entered(&ids, &platform, today, &by),
            "标记失败",
            |n| match (n, ids.len()) {
                (0, _) => "只有已完成的活动可以标记为已录入平台。".into(),
                (_, 1) => format!("已标记为已录入{platform}。"),
                (n, _) => format!("已把 {n} 场活动标记为已录入{platform}。"),
            },
        ),
        Command::UnmarkEntered(id) => {
            fx.told(store.unmark_entered(&id), "取消标记失败", |()| {
                "已取消已录入平台的标记。".into()
            })
        }
        Command::Reconcile { file, period } => fx.jobs.push(Job::reconcile(db, file, period, ctx)),
        Command::AdoptPlatformHours {
            activity_id,
            volunteer_id,
            hours,
        } => fx.told(
            store.set_participation_hours(&activity_id, &volunteer_id, hours),
            "采用平台的时长失败",
            |done| {
                if done {
                    format!("已把台账中的这条时长改为平台上的 {hours} 小时。")
                } else {
                    "台账中已没有这条服务记录。".into()
                }
            },
        ),
        Command::ExportDifferences { found, period, out } => fx
            .jobs
            .push(Job::export_differences(*found, period, out, ctx)),
        Command::SavePlatformColumns(template) => fx.told(
            store.set_platform_columns(&template),
            "保存列对应失败",
            |()| format!("已保存模板“{}”的列对应。", template.name),
        ),
        Command::ExportPlatform { batch, mark, out } => {
            let batch = crate::ops::platform::Batch {
                mark_entered: mark.map(|by| (by, today)),
                ..*batch
            };
            fx.jobs.push(Job::export_platform(db, batch, out, ctx))
        }
        Command::ExportActivityRecords { query, out } => {
            fx.jobs.push(Job::activity_records(db, query, out, ctx))
        }
        Command::ExportSignIn {
            id,
            training,
            team,
            blank_rows,
            out,
        } => fx
            .jobs
            .push(Job::sign_in(db, (id, training), team, blank_rows, out, ctx)),
        Command::ExportLedger {
            period,
            scope,
            out,
            from,
        } => fx
            .jobs
            .push(Job::ledger(db, (period, scope), today, out, from, ctx)),
        Command::ExportEvidence {
            period,
            care_only,
            out,
            from,
        } => fx
            .jobs
            .push(Job::evidence(db, period, care_only, out, from, ctx)),
        Command::ExportList {
            list,
            query,
            out,
            numbers,
        } => fx
            .jobs
            .push(Job::export_list(db, (list, numbers), query, out, ctx)),
        Command::ExportRoster {
            query,
            out,
            numbers,
        } => fx
            .jobs
            .push(Job::export_roster(db, query, out, numbers, ctx)),
    }
}
