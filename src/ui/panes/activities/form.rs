//! The activity form (新建 / 编辑 活动): the activity's fields, the notice's warnings, and its
//! participants with their hours — added by search, as a whole team, or from a pasted sign-in
//! list — saved together in one transaction.

use chrono::{Datelike, NaiveDate};

use crate::domain::activity::{self, ACTIVITY_STATUSES, BENEFICIARIES};
use crate::domain::calendar::KeyDate;
use crate::domain::categories::all_activity_categories;
use crate::domain::dates;
use crate::domain::hours::Tenths;
use crate::store::Store;
use crate::store::activities::Activity;
use crate::store::paperwork::Attachment;
use crate::store::participants::ParticipantRow;
use crate::store::register::RegisterQuery;
use crate::store::volunteers::UnitChoice;
use crate::ui::commands::Command;
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::{FormOutcome, LeaveGuard};
use crate::ui::widgets::thumbnail::{self, Thumbnails};

mod entered;
mod fields;
mod materials;
mod participants;

/// Volunteers offered per search.
const FOUND_LIMIT: usize = 20;
/// Warnings (and errors) listed under the form before "……另有 N 条".
const MESSAGES: usize = 3;

/// One participant as edited: who, and the hours as typed.
#[derive(Clone, PartialEq)]
struct Person {
    volunteer_id: String,
    number: String,
    name: String,
    hours: String,
}

/// What the form holds, to tell whether anything changed since it opened.
#[derive(Clone, PartialEq)]
struct Snapshot {
    activity: Activity,
    date: String,
    served: String,
    beneficiaries: Vec<String>,
    people: Vec<Person>,
    sign_in: String,
}

/// What the form saves: the activity with exactly these participants and hours.
pub type SavedActivity = (Box<Activity>, Vec<(String, Tenths)>);

/// The activity form.
pub struct ActivityForm {
    activity: Activity,
    date: String,
    served: String,
    beneficiaries: Vec<String>,
    people: Vec<Person>,
    teams: Vec<UnitChoice>,
    units: Vec<UnitChoice>,
    team_pick: Option<String>,
    search: String,
    found: Vec<(String, String, String)>,
    searched: String,
    sign_in: String,
    unmatched: Vec<(String, String)>,
    /// Other activities the people are in at the same time, for the key they were asked for.
    clashes: Option<(String, Vec<(String, String)>)>,
    /// The attachments and the removed ones, for the data version they were read at.
    attachments: Option<(u64, Vec<Attachment>, Vec<Attachment>)>,
    /// Pictures of the attachments.
    thumbnails: Thumbnails,
    /// The key dates of the year the activity is in.
    key_dates: Option<(i32, Vec<KeyDate>)>,
    /// A removed attachment to bring back, asked for in this frame.
    restore: Option<String>,
    /// Files to attach, asked for in this frame.
    pending: Option<(String, Vec<std::path::PathBuf>)>,
    /// An attachment to remove, asked for in this frame.
    remove: Option<String>,
    /// Why the last save failed.
    pub save_error: Option<String>,
    /// What the form held when it opened.
    original: Option<Snapshot>,
    /// Asking whether to discard the changes.
    guard: LeaveGuard,
    /// 活动记录表… was clicked (the pane asks where it goes).
    record_asked: bool,
    /// Where the activity was entered (已录入平台), as of a data version.
    entered: Option<(u64, Option<crate::store::platform::Entered>)>,
    /// The platform named when marking by hand.
    platform_name: String,
}

impl ActivityForm {
    /// Whether the form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.guard.unsaved()
    }

    /// Whether work for this form is still running off the UI thread (thumbnails).
    pub fn busy(&self) -> bool {
        self.thumbnails.loading()
    }

    /// A form for a new activity on `today`.
    pub fn new_activity(store: &Store, today: NaiveDate) -> Self {
        let a = Activity {
            category: "学雷锋志愿服务日".into(),
            date: today,
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            status: activity::HELD.into(),
            ..Default::default()
        };
        Self::edit(store, a, Vec::new())
    }

    /// A form for a new activity on `date` (planned when in the future); on a key date, with
    /// its theme as the title and its suggested category.
    pub fn on_day(store: &Store, date: NaiveDate, today: NaiveDate, key: Option<&KeyDate>) -> Self {
        let mut a = Activity {
            category: "学雷锋志愿服务日".into(),
            date,
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            status: if date > today {
                activity::PLANNED
            } else {
                activity::HELD
            }
            .into(),
            ..Default::default()
        };
        if let Some(k) = key {
            if !k.category().is_empty() {
                a.category = k.category().to_string();
            }
            a.key_date = k.name.clone();
            a.title = match k.themes.first() {
                Some(theme) if k.name == "学雷锋志愿服务日" => {
                    format!("{}：{theme}", k.name)
                }
                Some(theme) => format!("{}{theme}志愿服务活动", k.name),
                None => format!("{}志愿服务活动", k.name),
            };
        }
        Self::edit(store, a, Vec::new())
    }

    /// A new activity made from an existing one: same fields and people, dated today, planned.
    pub fn copy(store: &Store, a: Activity, people: Vec<ParticipantRow>, today: NaiveDate) -> Self {
        let copy = Activity {
            meta: Default::default(),
            title: format!("{}（复制）", a.title),
            date: today,
            status: ACTIVITY_STATUSES[0].into(),
            ..a
        };
        Self::edit(store, copy, people)
    }

    /// A form for an existing activity and its participants.
    pub fn edit(store: &Store, a: Activity, people: Vec<ParticipantRow>) -> Self {
        let mut form = ActivityForm {
            date: dates::iso(a.date),
            served: a.served_count.to_string(),
            beneficiaries: a
                .beneficiaries
                .split('、')
                .filter(|b| !b.is_empty())
                .map(String::from)
                .collect(),
            people: people
                .into_iter()
                .map(|p| Person {
                    volunteer_id: p.volunteer_id,
                    number: p.number,
                    name: p.name,
                    hours: p.hours.to_string(),
                })
                .collect(),
            teams: store.team_choices().or_report(),
            units: store.unit_choices().or_report(),
            team_pick: None,
            search: String::new(),
            found: Vec::new(),
            searched: String::new(),
            sign_in: String::new(),
            unmatched: Vec::new(),
            clashes: None,
            attachments: None,
            thumbnails: Thumbnails::default(),
            key_dates: None,
            restore: None,
            pending: None,
            remove: None,
            save_error: None,
            activity: a,
            original: None,
            guard: LeaveGuard::default(),
            record_asked: false,
            entered: None,
            platform_name: "志愿滨海".into(),
        };
        form.original = Some(form.snapshot());
        form
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            activity: self.activity.clone(),
            date: self.date.clone(),
            served: self.served.clone(),
            beneficiaries: self.beneficiaries.clone(),
            people: self.people.clone(),
            sign_in: self.sign_in.clone(),
        }
    }

    /// Whether anything was changed since the form opened.
    fn changed(&self) -> bool {
        self.original.as_ref() != Some(&self.snapshot())
    }

    fn duration(&self) -> Option<Tenths> {
        activity::duration(&self.activity.start_time, &self.activity.end_time)
    }

    fn add(&mut self, id: String, number: String, name: String) {
        if self.people.iter().any(|p| p.volunteer_id == id) {
            return;
        }
        let hours = self.duration().unwrap_or_default().to_string();
        self.people.push(Person {
            volunteer_id: id,
            number,
            name,
            hours,
        });
    }

    /// Errors that block saving, with the field they belong to.
    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out: Vec<String> = activity::check(
            &self.activity.title,
            &self.date,
            &self.activity.status,
            (&self.activity.start_time, &self.activity.end_time),
            today,
        )
        .into_iter()
        .map(|(field, why)| format!("{field}：{why}"))
        .collect();
        if self.served.trim().parse::<u32>().is_err() && !self.served.trim().is_empty() {
            out.push("服务对象人次：应为整数".into());
        }
        for p in &self.people {
            if let Err(e) = activity::parse_hours(&p.hours) {
                out.push(format!("{}（{}）：{e}", p.name, p.number));
            }
        }
        out
    }

    /// The notice's warnings, clashes with other activities, and doubtful hours.
    fn warnings(&mut self, store: &Store, date: NaiveDate, version: u64) -> Vec<String> {
        let kept = self.files(store, version).0.len();
        let mut warnings =
            activity::notice_warnings(&self.activity.category, date, self.duration(), kept);
        // Who else is busy then: asked again only when the people or the times change.
        let ids: Vec<String> = self.people.iter().map(|p| p.volunteer_id.clone()).collect();
        let key = format!(
            "{date}|{}|{}|{}",
            self.activity.start_time,
            self.activity.end_time,
            ids.join(",")
        );
        if self.clashes.as_ref().map(|c| &c.0) != Some(&key) {
            let found = store
                .busy_elsewhere(
                    &ids,
                    date,
                    (&self.activity.start_time, &self.activity.end_time),
                    &self.activity.meta.id,
                )
                .unwrap_or_default();
            self.clashes = Some((key, found));
        }
        for (vid, other) in self.clashes.iter().flat_map(|c| &c.1) {
            if let Some(p) = self.people.iter().find(|p| &p.volunteer_id == vid) {
                warnings.push(format!("{}同一时间还在活动“{other}”中", p.name));
            }
        }
        for p in &self.people {
            if let Ok(h) = activity::parse_hours(&p.hours) {
                for w in activity::hours_warnings(h, self.duration()) {
                    warnings.push(format!("{}：{w}", p.name));
                }
            }
        }
        warnings
    }

    /// The record sheet asked for from the form: the activity's key, title and date.
    pub fn take_record_request(&mut self) -> Option<(String, String, NaiveDate)> {
        std::mem::take(&mut self.record_asked).then(|| {
            (
                self.activity.meta.id.clone(),
                self.activity.title.clone(),
                self.activity.date,
            )
        })
    }

    /// Draws the form.
    pub fn show(
        &mut self,
        egui_ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
        version: u64,
        commands: &mut Vec<Command>,
    ) -> FormOutcome<SavedActivity> {
        let mut action = FormOutcome::Editing;
        let title = if self.activity.meta.id.is_empty() {
            "新建活动"
        } else {
            "编辑活动"
        };
        // Checked before drawing, so the body leaves room for the messages under it.
        let errors = self.errors(today);
        let date = dates::parse(&self.date).unwrap_or(self.activity.date);
        let warnings = self.warnings(store, date, version);
        let shown = warnings.len().min(MESSAGES) + errors.len().min(MESSAGES);
        crate::ui::widgets::dialog::form_dialog("activity_form").show(egui_ctx, |ui| {
            ui.set_width(900.0);
            ui.heading(title);
            // Closing out: a planned activity whose day has passed is held or cancelled.
            if self.activity.status == activity::PLANNED && date < today {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        palette::WARNING,
                        "这场活动的日期已过，仍为计划中，不计入统计。请核对参与人员和时长后：",
                    );
                    if ui.button("标记为已完成").clicked() {
                        self.activity.status = activity::HELD.to_string();
                    }
                    if ui.button("标记为已取消").clicked() {
                        self.activity.status = activity::CANCELLED.to_string();
                    }
                    ui.label("然后保存。");
                });
            }
            if !self.activity.meta.id.is_empty() && self.activity.status == activity::HELD {
                self.entered_line(ui, store, version, commands);
            }
            let max_height =
                (egui_ctx.content_rect().height() - 180.0 - 24.0 * shown as f32).max(160.0);
            egui::ScrollArea::vertical()
                .id_salt("activity_form_body")
                .max_height(max_height)
                .min_scrolled_height(max_height)
                .show(ui, |ui| {
                    self.fields(ui, store);
                    ui.separator();
                    self.participants(ui, store);
                    ui.separator();
                    self.materials(ui, store, version);
                });
            ui.separator();
            for (list, color, prefix) in [
                (&warnings, palette::WARNING, "提醒："),
                (&errors, palette::ERROR, ""),
            ] {
                for m in list.iter().take(MESSAGES) {
                    ui.colored_label(color, format!("{prefix}{m}"));
                }
                if list.len() > MESSAGES {
                    ui.colored_label(color, format!("……另有 {} 条", list.len() - MESSAGES));
                }
            }
            if let Some(e) = &self.save_error {
                ui.colored_label(palette::ERROR, format!("保存失败：{e}"));
            }
            if self.guard.asking() {
                if self.guard.leave(ui, false, true) {
                    action = FormOutcome::Cancel;
                }
                return;
            }
            let save_keys = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
            // Esc only when no list of the form is open (it closes the list first).
            let escape = !egui::Popup::is_any_open(ui.ctx())
                && ui.input(|i| i.key_pressed(egui::Key::Escape));
            let mut cancel = escape;
            ui.horizontal(|ui| {
                let save = ui
                    .add_enabled(errors.is_empty(), egui::Button::new("保存活动"))
                    .on_hover_text("Ctrl+S；活动和全部参与人的时长一起保存");
                if (save.clicked() || save_keys) && errors.is_empty() {
                    let mut a = self.activity.clone();
                    a.title = a.title.trim().to_string();
                    a.date = date;
                    a.served_count = self.served.trim().parse().unwrap_or(0);
                    a.beneficiaries = self.beneficiaries.join("、");
                    let people = self
                        .people
                        .iter()
                        .filter_map(|p| {
                            Some((
                                p.volunteer_id.clone(),
                                activity::parse_hours(&p.hours).ok()?,
                            ))
                        })
                        .collect();
                    action = FormOutcome::Save((Box::new(a), people));
                }
                if ui
                    .button("取消")
                    .on_hover_text("也可按 Esc 键；有未保存的修改时会先询问")
                    .clicked()
                {
                    cancel = true;
                }
                if !self.activity.meta.id.is_empty() {
                    let unsaved = self.changed();
                    let sheet = ui
                        .add_enabled(!unsaved, egui::Button::new("活动记录表…"))
                        .on_hover_text("生成这场活动的活动记录表（PDF 打印，或 Word 编辑）")
                        .on_disabled_hover_text("请先保存修改，记录表按已保存的内容生成");
                    if sheet.clicked() {
                        self.record_asked = true;
                    }
                }
            });
            if self.guard.leave(ui, cancel, self.changed()) {
                action = FormOutcome::Cancel;
            }
        });
        // The materials are changed at once, whichever pane the form is in.
        if let Some((owner_id, paths)) = self.pending.take() {
            commands.push(Command::AttachFiles {
                owner_kind: "activities".into(),
                owner_id,
                paths,
            });
        }
        if let Some(id) = self.remove.take() {
            commands.push(Command::RemoveAttachment(id));
        }
        if let Some(id) = self.restore.take() {
            commands.push(Command::Bin {
                table: crate::store::meta::Table::Attachments,
                id,
                action: crate::ui::commands::BinAction::Restore,
                what: "留存资料".into(),
            });
        }
        action
    }
}
