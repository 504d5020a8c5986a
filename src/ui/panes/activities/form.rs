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
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::{Discard, discard_prompt};
use crate::ui::widgets::thumbnail::{self, Thumbnails};

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

/// What the form asks of the pane.
pub enum ActivityFormAction {
    /// Nothing yet.
    None,
    /// Close without saving.
    Close,
    /// Save the activity with these participants.
    Save(Box<Activity>, Vec<(String, Tenths)>),
    /// Attach these files to the (saved) activity.
    Attach(String, Vec<std::path::PathBuf>),
    /// Move an attachment to the recycle bin.
    RemoveAttachment(String),
    /// Bring a removed attachment back.
    RestoreAttachment(String),
}

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
    asking_discard: bool,
}

impl ActivityForm {
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
            teams: store.team_choices().unwrap_or_default(),
            units: store.unit_choices().unwrap_or_default(),
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
            asking_discard: false,
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

    /// The activity's attachments and removed attachments, read once per data version.
    fn files(&mut self, store: &Store, version: u64) -> (Vec<Attachment>, Vec<Attachment>) {
        if self.attachments.as_ref().map(|a| a.0) != Some(version) {
            let id = &self.activity.meta.id;
            let (live, removed) = if id.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                (
                    store.attachments_of("activities", id).unwrap_or_default(),
                    store
                        .removed_attachments_of("activities", id)
                        .unwrap_or_default(),
                )
            };
            self.attachments = Some((version, live, removed));
        }
        self.attachments
            .as_ref()
            .map(|a| (a.1.clone(), a.2.clone()))
            .unwrap_or_default()
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

    /// Draws the form.
    pub fn show(
        &mut self,
        egui_ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
        version: u64,
    ) -> ActivityFormAction {
        let mut action = ActivityFormAction::None;
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
            if self.asking_discard {
                match discard_prompt(ui) {
                    Discard::Discard => action = ActivityFormAction::Close,
                    Discard::KeepEditing => self.asking_discard = false,
                    Discard::Undecided => {}
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
                    action = ActivityFormAction::Save(Box::new(a), people);
                }
                if ui
                    .button("取消")
                    .on_hover_text("也可按 Esc 键；有未保存的修改时会先询问")
                    .clicked()
                {
                    cancel = true;
                }
            });
            if cancel {
                if self.changed() {
                    self.asking_discard = true;
                } else {
                    action = ActivityFormAction::Close;
                }
            }
        });
        if let Some((id, paths)) = self.pending.take() {
            return ActivityFormAction::Attach(id, paths);
        }
        if let Some(id) = self.remove.take() {
            return ActivityFormAction::RemoveAttachment(id);
        }
        if let Some(id) = self.restore.take() {
            return ActivityFormAction::RestoreAttachment(id);
        }
        action
    }

    fn fields(&mut self, ui: &mut egui::Ui, store: &Store) {
        // The key dates of the year typed (or of the activity's), read when the year changes.
        let year = dates::parse(&self.date)
            .map(|d| d.year())
            .unwrap_or(self.activity.date.year());
        if self.key_dates.as_ref().map(|k| k.0) != Some(year) {
            self.key_dates = Some((year, store.key_dates(year).unwrap_or_default()));
        }
        let a = &mut self.activity;
        egui::Grid::new("activity_fields")
            .num_columns(4)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("活动名称 *");
                ui.add(egui::TextEdit::singleline(&mut a.title).desired_width(300.0))
                    .labelled_by(label.id);
                let label = ui.label("类别");
                egui::ComboBox::from_id_salt("activity_category")
                    .selected_text(a.category.as_str())
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for c in all_activity_categories() {
                            ui.selectable_value(&mut a.category, c.to_string(), c);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("日期 *");
                crate::ui::widgets::date_picker::date_field(ui, "activity_date", &mut self.date)
                    .labelled_by(label.id);
                let label = ui.label("状态");
                egui::ComboBox::from_id_salt("activity_status")
                    .selected_text(a.status.as_str())
                    .show_ui(ui, |ui| {
                        for s in ACTIVITY_STATUSES {
                            ui.selectable_value(&mut a.status, s.to_string(), s);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("开始时间");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut a.start_time).desired_width(60.0))
                        .labelled_by(label.id);
                    let end = ui.label("结束时间");
                    ui.add(egui::TextEdit::singleline(&mut a.end_time).desired_width(60.0))
                        .labelled_by(end.id);
                    match activity::duration(&a.start_time, &a.end_time) {
                        Some(d) => ui.label(format!("时长 {d} 小时")),
                        None => ui.weak("（时长未定）"),
                    };
                });
                let label = ui.label("地点");
                ui.add(egui::TextEdit::singleline(&mut a.location).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("重要时间节点");
                let key_dates = self.key_dates.as_ref().map_or(&[][..], |k| k.1.as_slice());
                ui.vertical(|ui| {
                    egui::ComboBox::from_id_salt("activity_key_date")
                        .selected_text(if a.key_date.is_empty() {
                            "（无）"
                        } else {
                            a.key_date.as_str()
                        })
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut a.key_date, String::new(), "（无）");
                            for k in key_dates.iter().filter(|k| k.is_theme_node()) {
                                let shown =
                                    format!("{}（{}月{}日）", k.name, k.date.month(), k.date.day());
                                ui.selectable_value(&mut a.key_date, k.name.clone(), shown);
                            }
                        })
                        .response
                        .labelled_by(label.id)
                        .on_hover_text("本活动所属年份的重要时间节点；选定后提示建议的类别");
                    let chosen = key_dates.iter().find(|k| k.name == a.key_date);
                    if let Some(k) =
                        chosen.filter(|k| !k.category().is_empty() && k.category() != a.category)
                        && ui
                            .small_button(format!("类别改为“{}”", k.category()))
                            .on_hover_text(format!("{}建议的类别；主题如：{}", k.name, k.theme()))
                            .clicked()
                    {
                        a.category = k.category().to_string();
                    }
                });
                let label = ui.label("组织单位");
                let unit = a
                    .organizer_id
                    .as_ref()
                    .and_then(|id| self.units.iter().find(|u| &u.id == id))
                    .map_or("（未填）", |u| u.name.as_str());
                egui::ComboBox::from_id_salt("activity_organizer")
                    .selected_text(unit)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut a.organizer_id, None, "（未填）");
                        for u in &self.units {
                            ui.selectable_value(&mut a.organizer_id, Some(u.id.clone()), &u.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("负责人");
                ui.add(egui::TextEdit::singleline(&mut a.leader).desired_width(120.0))
                    .labelled_by(label.id);
                let label = ui.label("服务对象人次");
                ui.add(egui::TextEdit::singleline(&mut self.served).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("服务内容");
                ui.add(
                    egui::TextEdit::multiline(&mut a.content)
                        .desired_rows(2)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                let label = ui.label("成效");
                ui.add(
                    egui::TextEdit::multiline(&mut a.outcome)
                        .desired_rows(2)
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("宣传报道");
                ui.add(egui::TextEdit::singleline(&mut a.publicity).desired_width(300.0))
                    .labelled_by(label.id);
                let label = ui.label("记录人");
                ui.add(egui::TextEdit::singleline(&mut a.recorder).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.horizontal_wrapped(|ui| {
            ui.label("服务对象：");
            for b in BENEFICIARIES {
                let mut on = self.beneficiaries.iter().any(|x| x == b);
                if ui.checkbox(&mut on, b).changed() {
                    if on {
                        self.beneficiaries.push(b.to_string());
                    } else {
                        self.beneficiaries.retain(|x| x != b);
                    }
                }
            }
        });
    }

    /// 留存资料: the files kept with a saved activity; added by the file dialog or dropped on
    /// the window, opened with the system's viewer, removed to the recycle bin.
    fn materials(&mut self, ui: &mut egui::Ui, store: &Store, version: u64) {
        let id = self.activity.meta.id.clone();
        if id.is_empty() {
            ui.weak("留存资料：保存活动后可添加照片、签到表扫描件、PDF 或 Word 文件。");
            return;
        }
        let (files, removed) = self.files(store, version);
        ui.horizontal(|ui| {
            ui.strong(format!("留存资料（{} 个）", files.len()));
            if ui
                .button("添加文件…")
                .on_hover_text("也可以把文件直接拖到窗口上")
                .clicked()
                && let Some(paths) = rfd::FileDialog::new()
                    .set_title("添加留存资料")
                    .add_filter(
                        "照片、扫描件和文档",
                        &[
                            "jpg", "jpeg", "png", "gif", "bmp", "pdf", "doc", "docx", "xls",
                            "xlsx", "wps",
                        ],
                    )
                    .pick_files()
            {
                self.pending = Some((id.clone(), paths));
            }
        });
        let dropped: Vec<std::path::PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.pending = Some((id.clone(), dropped));
        }
        ui.horizontal_wrapped(|ui| {
            for f in &files {
                let path = store.attachment_path(f);
                ui.vertical(|ui| {
                    ui.set_width(thumbnail::SIZE + 48.0);
                    let picture = self
                        .thumbnails
                        .show(ui, &path, &f.mime)
                        .on_hover_text("点击用系统程序打开");
                    ui.add(
                        egui::Label::new(format!(
                            "{}（{} KB）",
                            f.file_name,
                            (f.size_bytes + 1023) / 1024
                        ))
                        .truncate(),
                    )
                    .on_hover_text(&f.file_name);
                    ui.horizontal(|ui| {
                        if (ui.small_button("打开").clicked() || picture.clicked())
                            && let Err(e) = crate::ui::system::open_with_system(&path)
                        {
                            self.save_error = Some(format!("无法打开“{}”：{e}", f.file_name));
                        }
                        if ui
                            .small_button("移除")
                            .on_hover_text("移入回收站，可以恢复")
                            .clicked()
                        {
                            self.remove = Some(f.meta.id.clone());
                        }
                    });
                });
            }
        });
        if !removed.is_empty() {
            egui::CollapsingHeader::new(format!("已移除的资料（{} 个）", removed.len()))
                .id_salt("removed_materials")
                .show(ui, |ui| {
                    for f in &removed {
                        ui.horizontal(|ui| {
                            ui.label(&f.file_name);
                            if ui.small_button(format!("恢复“{}”", f.file_name)).clicked() {
                                self.restore = Some(f.meta.id.clone());
                            }
                        });
                    }
                });
        }
    }

    fn participants(&mut self, ui: &mut egui::Ui, store: &Store) {
        let total: i64 = self
            .people
            .iter()
            .filter_map(|p| activity::parse_hours(&p.hours).ok())
            .map(|t| t.0)
            .sum();
        ui.horizontal(|ui| {
            ui.strong(format!(
                "参与志愿者 {} 人，合计 {} 小时",
                self.people.len(),
                Tenths(total)
            ));
            if ui
                .add_enabled(
                    self.duration().is_some() && !self.people.is_empty(),
                    egui::Button::new("全部签到"),
                )
                .on_hover_text("每人的服务时长都设为活动时长")
                .clicked()
            {
                let d = self.duration().unwrap_or_default().to_string();
                for p in &mut self.people {
                    p.hours = d.clone();
                }
            }
        });
        let mut remove = None;
        egui::Grid::new("activity_people")
            .striped(true)
            .show(ui, |ui| {
                for (i, p) in self.people.iter_mut().enumerate() {
                    ui.label(&p.number);
                    let name = ui.label(&p.name);
                    ui.add(egui::TextEdit::singleline(&mut p.hours).desired_width(50.0))
                        .labelled_by(name.id)
                        .on_hover_text("服务时长（小时，一位小数）");
                    ui.label("小时");
                    if ui.small_button("移除").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            self.people.remove(i);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("查找志愿者");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("姓名、拼音首字母、编号或手机尾号")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            let label = ui.label("整队加入");
            let team_name = self
                .team_pick
                .as_ref()
                .and_then(|id| self.teams.iter().find(|t| &t.id == id))
                .map_or("（选择队伍）", |t| t.name.as_str());
            egui::ComboBox::from_id_salt("activity_team")
                .selected_text(team_name)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for t in &self.teams {
                        ui.selectable_value(&mut self.team_pick, Some(t.id.clone()), &t.name);
                    }
                })
                .response
                .labelled_by(label.id);
            if ui
                .add_enabled(self.team_pick.is_some(), egui::Button::new("加入整队"))
                .clicked()
                && let Some(team) = self.team_pick.clone()
            {
                self.activity.team_id = Some(team.clone());
                for h in store.team_member_ids(&team).unwrap_or_default() {
                    self.add(h.id, h.number, h.name);
                }
            }
        });
        let text = self.search.trim().to_string();
        if text != self.searched {
            self.searched = text.clone();
            self.found = if text.is_empty() {
                Vec::new()
            } else {
                let q = RegisterQuery {
                    search: text,
                    ..Default::default()
                };
                store
                    .register_page(&q, 0, FOUND_LIMIT)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| (r.id, r.number, r.name))
                    .collect()
            };
        }
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            for (id, number, name) in &self.found {
                if ui
                    .button(format!("＋{name}（{number}）"))
                    .on_hover_text("加入本次活动")
                    .clicked()
                {
                    picked = Some((id.clone(), number.clone(), name.clone()));
                }
            }
        });
        if let Some((id, number, name)) = picked {
            self.add(id, number, name);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("粘贴签到名单");
            ui.add(
                egui::TextEdit::multiline(&mut self.sign_in)
                    .hint_text("每行一人：姓名、手机号码或志愿者编号")
                    .desired_rows(3)
                    .desired_width(300.0),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(
                    !self.sign_in.trim().is_empty(),
                    egui::Button::new("按名单加入"),
                )
                .clicked()
            {
                match store.match_sign_in(&self.sign_in) {
                    Ok(m) => {
                        for (_, h) in m.matched {
                            self.add(h.id, h.number, h.name);
                        }
                        self.unmatched = m.unmatched;
                        self.sign_in.clear();
                    }
                    Err(e) => self.unmatched = vec![(String::new(), e.to_string())],
                }
            }
        });
        for (line, why) in &self.unmatched {
            ui.colored_label(palette::ERROR, format!("未加入：“{line}”——{why}"));
        }
    }
}
