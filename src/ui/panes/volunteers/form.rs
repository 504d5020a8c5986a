//! 新增 / 编辑 志愿者: the register form, checked as the clerk types.

use chrono::NaiveDate;

use crate::domain::dates;
use crate::domain::volunteer::{self, Draft, Field, Issue, Severity};
use crate::store::Store;
use crate::store::volunteers::{Holder, UnitChoice, Volunteer};
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::{FormOutcome, LeaveGuard};

/// The form's state: the record being edited and the typed text.
pub struct VolunteerForm {
    original: Volunteer,
    draft: Draft,
    number: String,
    political_status: String,
    community_id: Option<String>,
    workplace: String,
    skills: String,
    kinds: Vec<String>,
    status: String,
    remark: String,
    communities: Vec<UnitChoice>,
    holder: Option<(String, Option<Holder>)>,
    /// The question before unsaved changes are discarded.
    guard: LeaveGuard,
    /// Another volunteer to open once this form closes (the holder of a duplicate number).
    open_instead: Option<String>,
    /// A store error from the last save attempt.
    pub save_error: Option<String>,
    want_name_focus: bool,
    remark_focused: bool,
    last_issues: Vec<Issue>,
}

impl VolunteerForm {
    /// Whether the form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.guard.unsaved()
    }

    /// A form for a new volunteer, numbered after the last one.
    pub fn new_volunteer(store: &Store, today: NaiveDate) -> Self {
        let prefix = store.number_prefix().unwrap_or_else(|_| "ZY".to_string());
        let number = store
            .next_volunteer_number(&prefix)
            .unwrap_or_else(|_| format!("{prefix}0000001"));
        let v = Volunteer {
            number,
            id_type: volunteer::ID_TYPES[0].into(),
            political_status: "群众".into(),
            status: "在册".into(),
            registered_on: today,
            consent: true,
            consent_date: Some(today),
            ..Default::default()
        };
        Self::edit(store, v)
    }

    /// A form for an existing volunteer.
    pub fn edit(store: &Store, v: Volunteer) -> Self {
        let draft = Draft {
            name: v.name.clone(),
            gender: v.gender.clone(),
            id_type: v.id_type.clone(),
            id_number: v.id_number.clone(),
            birth_date: v.birth_date.map(dates::iso).unwrap_or_default(),
            mobile: v.mobile.clone(),
            registered_on: dates::iso(v.registered_on),
            national_registered: v.national_registered,
            national_number: v.national_number.clone(),
            consent: v.consent,
            consent_date: v.consent_date.map(dates::iso).unwrap_or_default(),
        };
        VolunteerForm {
            number: v.number.clone(),
            political_status: v.political_status.clone(),
            community_id: v.community_id.clone(),
            workplace: v.workplace.clone(),
            skills: v.skills.clone(),
            kinds: v
                .kinds
                .split('、')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect(),
            status: v.status.clone(),
            remark: v.remark.clone(),
            communities: store.community_choices().or_report(),
            original: v,
            draft,
            holder: None,
            guard: LeaveGuard::default(),
            open_instead: None,
            save_error: None,
            want_name_focus: true,
            remark_focused: false,
            last_issues: Vec::new(),
        }
    }

    fn is_new(&self) -> bool {
        self.original.meta.id.is_empty()
    }

    /// The volunteer as the form would save it (dates that do not parse stay as they were).
    fn to_volunteer(&self, today: NaiveDate) -> Volunteer {
        let d = &self.draft;
        let parse = |t: &str| dates::parse(t).ok();
        let mut v = self.original.clone();
        v.name = d.name.trim().to_string();
        v.gender = d.gender.clone();
        v.id_type = d.id_type.clone();
        v.id_number = d.id_number.trim().to_uppercase();
        v.birth_date = parse(&d.birth_date);
        v.mobile = d.mobile.trim().to_string();
        v.political_status = self.political_status.clone();
        v.community_id = self.community_id.clone();
        v.workplace = self.workplace.trim().to_string();
        v.skills = self.skills.trim().to_string();
        v.kinds = self.kinds.join("、");
        v.number = self.number.clone();
        v.registered_on = parse(&d.registered_on).unwrap_or(today);
        v.national_registered = d.national_registered;
        v.national_number = d.national_number.trim().to_string();
        v.status = self.status.clone();
        v.consent = d.consent;
        v.consent_date = if d.consent {
            parse(&d.consent_date)
        } else {
            None
        };
        v.remark = self.remark.trim().to_string();
        v
    }

    fn dirty(&self, today: NaiveDate) -> bool {
        self.to_volunteer(today) != self.original
    }

    /// Draws the form as a modal dialog.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
    ) -> FormOutcome<Box<Volunteer>> {
        // Birth date and gender follow a valid identity number.
        if let Some(info) = volunteer::facts_from_id(&self.draft, today) {
            if self.draft.birth_date.trim().is_empty() {
                self.draft.birth_date = dates::iso(info.birth_date);
            }
            if self.draft.gender.is_empty() {
                self.draft.gender = info.gender.label().to_string();
            }
        }
        let issues = volunteer::check(&self.draft, today);
        self.refresh_holder(store);
        let before = self.draft.clone();
        let mut action = FormOutcome::Editing;
        let title = if self.is_new() {
            "新增志愿者"
        } else {
            "编辑志愿者"
        };
        // 取消, Esc, or 打开该记录 (another volunteer instead of this one).
        let mut leave = false;
        crate::ui::widgets::dialog::form_dialog("volunteer_form").show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading(title);
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(ui.ctx().content_rect().height() - 220.0)
                .show(ui, |ui| self.fields(ui, &issues, &mut leave));
            ui.separator();
            if let Some(e) = &self.save_error {
                ui.colored_label(palette::ERROR, format!("保存失败：{e}"));
            }
            let blocking = issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count()
                + usize::from(self.duplicate_holder().is_some());
            ui.horizontal(|ui| {
                let save = ui
                    .add_enabled(blocking == 0, egui::Button::new("保存"))
                    .on_hover_text("保存（Ctrl+S 或 Enter）");
                // Enter saves, except inside the multi-line 备注 where it starts a new line.
                let remark_focused = self.remark_focused;
                let keys_save = ui.input_mut(|i| {
                    i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)
                        || (!remark_focused
                            && i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
                });
                if (save.clicked() || keys_save) && blocking == 0 {
                    action = FormOutcome::Save(Box::new(self.to_volunteer(today)));
                }
                let escape =
                    ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
                if ui.button("取消").on_hover_text("取消（Esc）").clicked() || escape {
                    self.open_instead = None;
                    leave = true;
                }
                if blocking > 0 {
                    ui.colored_label(palette::ERROR, format!("还有 {blocking} 处需要修改"));
                }
            });
            if leave || self.guard.asking() {
                ui.separator();
            }
            if self.guard.leave(ui, leave, self.dirty(today)) {
                action = FormOutcome::Cancel;
            }
        });
        if self.draft != before || issues != self.last_issues {
            // The checks above saw the text before this frame's typing, and the grid sizes its
            // rows from the frame before: draw again until both have caught up.
            ctx.request_repaint();
        }
        self.last_issues = issues;
        action
    }

    /// The volunteer to open now that this form closed, if it was left for one.
    pub fn take_open_instead(&mut self) -> Option<String> {
        self.open_instead.take()
    }

    fn duplicate_holder(&self) -> Option<&Holder> {
        self.holder.as_ref().and_then(|(_, h)| h.as_ref())
    }

    /// Looks the identity number up once each time it changes.
    fn refresh_holder(&mut self, store: &Store) {
        let id = self.draft.id_number.trim().to_uppercase();
        if self.holder.as_ref().map(|(k, _)| k) == Some(&id) {
            return;
        }
        let holder = if id.is_empty() {
            None
        } else {
            store
                .id_number_holder(&id, &self.original.meta.id)
                .or_report()
        };
        self.holder = Some((id, holder));
    }

    fn fields(&mut self, ui: &mut egui::Ui, issues: &[Issue], leave: &mut bool) {
        egui::Grid::new("volunteer_form_grid")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("志愿者编号");
                ui.add_enabled(false, egui::TextEdit::singleline(&mut self.number))
                    .labelled_by(l.id)
                    .on_hover_text("自动生成，不使用证件号码");
                ui.end_row();

                let l = ui.label("姓名 *");
                ui.vertical(|ui| {
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut self.draft.name).desired_width(200.0))
                        .labelled_by(l.id);
                    // The modal's first frame may be an invisible sizing pass: keep asking
                    // until the name field has the focus, unless the clerk went elsewhere.
                    if self.want_name_focus {
                        let elsewhere = ui.ctx().memory(|m| m.focused()).is_some_and(|f| f != r.id);
                        if r.has_focus() || elsewhere {
                            self.want_name_focus = false;
                        } else {
                            r.request_focus();
                        }
                    }
                    messages(ui, issues, Field::Name);
                });
                ui.end_row();

                ui.label("性别");
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        for g in ["男", "女"] {
                            ui.radio_value(&mut self.draft.gender, g.to_string(), g);
                        }
                    });
                    messages(ui, issues, Field::Gender);
                });
                ui.end_row();

                ui.label("证件类型");
                combo(ui, "id_type", &mut self.draft.id_type, &volunteer::ID_TYPES);
                ui.end_row();

                let l = ui.label("证件号码 *");
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.draft.id_number).desired_width(220.0),
                    )
                    .labelled_by(l.id);
                    messages(ui, issues, Field::IdNumber);
                    if let Some(h) = self.holder.as_ref().and_then(|(_, h)| h.clone()) {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(
                                palette::ERROR,
                                format!("该证件号码已登记：{}（{}）", h.name, h.number),
                            );
                            if ui.button("打开该记录").clicked() {
                                self.open_instead = Some(h.id.clone());
                                *leave = true;
                            }
                        });
                    }
                });
                ui.end_row();

                let l = ui.label("出生日期");
                ui.vertical(|ui| {
                    crate::ui::widgets::date_picker::date_field(
                        ui,
                        "birth_date",
                        &mut self.draft.birth_date,
                    )
                    .labelled_by(l.id);
                    messages(ui, issues, Field::BirthDate);
                });
                ui.end_row();

                let l = ui.label("手机号码");
                ui.vertical(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.draft.mobile).desired_width(160.0))
                        .labelled_by(l.id);
                    messages(ui, issues, Field::Mobile);
                });
                ui.end_row();

                ui.label("政治面貌");
                combo(
                    ui,
                    "political",
                    &mut self.political_status,
                    &volunteer::POLITICAL_STATUSES,
                );
                ui.end_row();

                ui.label("所在村居/社区");
                let shown = self
                    .community_id
                    .as_ref()
                    .and_then(|id| self.communities.iter().find(|c| &c.id == id))
                    .map_or("（未选择）".to_string(), |c| c.name.clone());
                egui::ComboBox::from_id_salt("community")
                    .selected_text(shown)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.community_id, None, "（未选择）");
                        for c in &self.communities {
                            ui.selectable_value(
                                &mut self.community_id,
                                Some(c.id.clone()),
                                &c.name,
                            );
                        }
                    });
                ui.end_row();

                let l = ui.label("工作单位或学校");
                ui.add(egui::TextEdit::singleline(&mut self.workplace).desired_width(300.0))
                    .labelled_by(l.id);
                ui.end_row();

                let l = ui.label("服务技能/专业特长");
                ui.add(egui::TextEdit::singleline(&mut self.skills).desired_width(300.0))
                    .labelled_by(l.id);
                ui.end_row();

                ui.label("志愿者类别");
                egui::Grid::new("volunteer_kinds")
                    .num_columns(4)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for (i, k) in volunteer::KINDS.iter().enumerate() {
                            let mut on = self.kinds.iter().any(|x| x == k);
                            if ui.checkbox(&mut on, *k).changed() {
                                if on {
                                    self.kinds.push(k.to_string());
                                } else {
                                    self.kinds.retain(|x| x != k);
                                }
                            }
                            if i % 4 == 3 {
                                ui.end_row();
                            }
                        }
                    });
                ui.end_row();

                let l = ui.label("注册日期 *");
                ui.vertical(|ui| {
                    crate::ui::widgets::date_picker::date_field(
                        ui,
                        "registered_on",
                        &mut self.draft.registered_on,
                    )
                    .labelled_by(l.id);
                    messages(ui, issues, Field::RegisteredOn);
                });
                ui.end_row();

                ui.label("全国志愿服务信息系统");
                ui.vertical(|ui| {
                    ui.checkbox(&mut self.draft.national_registered, "已注册");
                    if self.draft.national_registered {
                        ui.horizontal(|ui| {
                            let l = ui.label("编号");
                            ui.add(
                                egui::TextEdit::singleline(&mut self.draft.national_number)
                                    .desired_width(200.0),
                            )
                            .labelled_by(l.id);
                        });
                    }
                    messages(ui, issues, Field::NationalNumber);
                });
                ui.end_row();

                ui.label("状态");
                ui.horizontal(|ui| {
                    for s in volunteer::STATUSES {
                        ui.radio_value(&mut self.status, s.to_string(), s);
                    }
                });
                ui.end_row();

                ui.label("个人信息使用");
                ui.vertical(|ui| {
                    ui.checkbox(
                        &mut self.draft.consent,
                        "本人同意按《志愿服务条例》记录和使用个人信息",
                    );
                    if self.draft.consent {
                        ui.horizontal(|ui| {
                            let l = ui.label("同意日期");
                            crate::ui::widgets::date_picker::date_field(
                                ui,
                                "consent_date",
                                &mut self.draft.consent_date,
                            )
                            .labelled_by(l.id);
                        });
                    }
                    messages(ui, issues, Field::ConsentDate);
                });
                ui.end_row();

                let l = ui.label("备注");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.remark)
                            .desired_rows(2)
                            .desired_width(300.0),
                    )
                    .labelled_by(l.id);
                self.remark_focused = r.has_focus();
                ui.end_row();
            });
    }
}

fn messages(ui: &mut egui::Ui, issues: &[Issue], field: Field) {
    for i in issues.iter().filter(|i| i.field == field) {
        let color = match i.severity {
            Severity::Error => palette::ERROR,
            Severity::Warning => palette::WARNING,
        };
        ui.colored_label(color, &i.message);
    }
}

fn combo(ui: &mut egui::Ui, id: &str, value: &mut String, options: &[&str]) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(value.as_str())
        .width(200.0)
        .show_ui(ui, |ui| {
            for o in options {
                ui.selectable_value(value, o.to_string(), *o);
            }
        });
}
