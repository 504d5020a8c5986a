//! The unit form: the unit, its contact persons (分管领导, 负责部门, 具体负责同志) with the day
//! a change takes effect, and the earlier versions kept.

use chrono::NaiveDate;

use crate::domain::{dates, phone};
use crate::store::Store;
use crate::store::units::{UNIT_KINDS, Unit, UnitContact};
use crate::store::volunteers::UnitChoice;
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::{Edits, FormButtons, FormOutcome, form_footer};

/// What the form saves: the unit and its contacts (a new version from the day given when they
/// changed).
pub type Saved = (Box<Unit>, Option<Box<UnitContact>>, NaiveDate);

/// How a contact field is checked.
#[derive(Clone, Copy)]
enum Check {
    Text,
    Landline,
    Mobile,
    Email,
}

/// The contact fields: label, check, and the field.
fn contact_fields(c: &mut UnitContact) -> [(&'static str, Check, &mut String); 12] {
    [
        ("分管领导姓名", Check::Text, &mut c.leader_name),
        ("分管领导职务", Check::Text, &mut c.leader_title),
        (
            "分管领导办公电话",
            Check::Landline,
            &mut c.leader_office_phone,
        ),
        ("分管领导手机", Check::Mobile, &mut c.leader_mobile),
        ("负责部门", Check::Text, &mut c.department),
        ("具体负责同志姓名", Check::Text, &mut c.contact_name),
        ("具体负责同志职务", Check::Text, &mut c.contact_title),
        (
            "具体负责同志办公电话",
            Check::Landline,
            &mut c.contact_office_phone,
        ),
        ("具体负责同志手机", Check::Mobile, &mut c.contact_mobile),
        ("具体负责同志传真", Check::Landline, &mut c.contact_fax),
        ("具体负责同志电子邮箱", Check::Email, &mut c.contact_email),
        ("联系人备注", Check::Text, &mut c.remark),
    ]
}

/// The unit form.
pub struct UnitForm {
    unit: Unit,
    contact: UnitContact,
    original_contact: UnitContact,
    from: String,
    units: Vec<UnitChoice>,
    history: Vec<UnitContact>,
    /// Why the last save failed.
    pub save_error: Option<String>,
    /// Changes since the form opened, and the question before discarding them.
    edits: Edits,
}

impl UnitForm {
    /// Whether the form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.edits.unsaved()
    }

    /// A form for a new unit.
    pub fn new(store: &Store, today: NaiveDate) -> Self {
        let unit = Unit {
            kind: "村居（社区）".into(),
            ..Default::default()
        };
        Self::with(store, unit, UnitContact::default(), Vec::new(), today)
    }

    /// A form for an existing unit with its current contacts.
    pub fn edit(store: &Store, unit: Unit, today: NaiveDate) -> Self {
        let history = store.contact_history(&unit.meta.id).or_report();
        let current = store
            .contact_on(&unit.meta.id, today)
            .or_report()
            .unwrap_or_default();
        Self::with(store, unit, current, history, today)
    }

    fn with(
        store: &Store,
        unit: Unit,
        contact: UnitContact,
        history: Vec<UnitContact>,
        today: NaiveDate,
    ) -> Self {
        let units = store
            .unit_choices()
            .or_report()
            .into_iter()
            .filter(|u| u.id != unit.meta.id)
            .collect();
        UnitForm {
            original_contact: contact.clone(),
            contact,
            unit,
            from: dates::iso(today),
            units,
            history,
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn errors(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        if self.unit.name.trim().is_empty() {
            out.push("单位名称：请填写".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.unit.name.trim()) {
            out.push(format!("单位名称：{why}"));
        }
        for (label, column, value) in [
            ("单位电话", "phone", &self.unit.phone),
            ("单位传真", "fax", &self.unit.fax),
            ("单位电子邮箱", "email", &self.unit.email),
        ] {
            if let Some(kind) = phone::Contact::of_column(column)
                && let Some(e) = phone::check_contact(kind, value)
            {
                out.push(format!("{label}：{e}"));
            }
        }
        for (label, check, value) in contact_fields(&mut self.contact) {
            if value.trim().is_empty() {
                continue;
            }
            let problem = match check {
                Check::Text => None,
                Check::Landline => phone::check_contact(phone::Contact::Landline, value),
                Check::Mobile => phone::check_contact(phone::Contact::Mobile, value),
                Check::Email => phone::check_contact(phone::Contact::Email, value),
            };
            if let Some(p) = problem {
                out.push(format!("{label}：{p}"));
            }
        }
        if let Err(e) = dates::parse(&self.from) {
            out.push(format!("联系人生效日期：{e}"));
        }
        out
    }

    /// Draws the form.
    pub fn show(
        &mut self,
        egui_ctx: &egui::Context,
        _store: &Store,
        _today: NaiveDate,
    ) -> FormOutcome<Saved> {
        let changed = self
            .edits
            .changed(&format!("{:?}", (&self.unit, &self.contact, &self.from)));
        let mut outcome = FormOutcome::Editing;
        let errors = self.errors();
        let changed_contact = self.contact != self.original_contact;
        crate::ui::widgets::dialog::form_dialog("unit_form").show(egui_ctx, |ui| {
            ui.set_width(760.0);
            ui.heading(if self.unit.meta.id.is_empty() {
                "新增单位"
            } else {
                "编辑单位"
            });
            let max_height = (egui_ctx.content_rect().height() - 220.0).max(200.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .max_height(max_height)
                .show(ui, |ui| {
                    self.unit_fields(ui);
                    ui.separator();
                    ui.strong("联络人（填入联络表）");
                    self.contact_grid(ui);
                    ui.horizontal(|ui| {
                        let label = ui.label("联系人生效日期");
                        crate::ui::widgets::date_picker::date_field(ui, "contact_from", &mut self.from)
                            .labelled_by(label.id);
                    });
                    ui.horizontal_wrapped(|ui| {
                        ui.weak("联系人有变动时，原联系人保留并注明任职起止日期，可按任一日期重新打印联络表。");
                    });
                    if !self.history.is_empty() {
                        egui::CollapsingHeader::new(format!(
                            "联系人变更记录（{} 条）",
                            self.history.len()
                        ))
                        .id_salt("contact_history")
                        .show(ui, |ui| {
                            for h in &self.history {
                                let until = h
                                    .valid_to
                                    .map_or("至今".to_string(), |d| format!("至{}", dates::iso(d)));
                                ui.label(format!(
                                    "{}{}：分管领导 {}，负责部门 {}，具体负责同志 {}（{}）",
                                    dates::iso(h.valid_from),
                                    until,
                                    h.leader_name,
                                    h.department,
                                    h.contact_name,
                                    h.contact_mobile
                                ));
                            }
                        });
                    }
                });
            if changed_contact && !self.unit.meta.id.is_empty() {
                ui.colored_label(
                    palette::WARNING,
                    format!("联系人有变动：保存后自 {} 起生效，原联系人记入变更记录。", self.from.trim()),
                );
            }
            match form_footer(
                ui,
                &errors,
                self.save_error.as_deref(),
                "保存单位",
                &mut self.edits.guard,
                changed,
            ) {
                FormButtons::Save => {
                    let mut unit = self.unit.clone();
                    unit.name = unit.name.trim().to_string();
                    let contact = (changed_contact || self.unit.meta.id.is_empty())
                        .then(|| Box::new(self.contact.clone()))
                        .filter(|c| **c != UnitContact::default());
                    let from = dates::parse(&self.from).unwrap_or_default();
                    outcome = FormOutcome::Save((Box::new(unit), contact, from));
                }
                FormButtons::Cancel => outcome = FormOutcome::Cancel,
                FormButtons::None => {}
            }
        });
        self.edits
            .drawn(format!("{:?}", (&self.unit, &self.contact, &self.from)));
        outcome
    }

    fn unit_fields(&mut self, ui: &mut egui::Ui) {
        let u = &mut self.unit;
        egui::Grid::new("unit_fields")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("单位名称 *");
                ui.add(egui::TextEdit::singleline(&mut u.name).desired_width(240.0))
                    .labelled_by(label.id);
                let label = ui.label("简称");
                ui.add(egui::TextEdit::singleline(&mut u.short_name).desired_width(160.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("单位类型");
                egui::ComboBox::from_id_salt("unit_kind")
                    .selected_text(u.kind.as_str())
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for k in UNIT_KINDS {
                            ui.selectable_value(&mut u.kind, k.to_string(), k);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label("上级单位");
                let parent = u
                    .parent_id
                    .as_ref()
                    .and_then(|id| self.units.iter().find(|x| &x.id == id))
                    .map_or("（无）", |x| x.name.as_str());
                egui::ComboBox::from_id_salt("unit_parent")
                    .selected_text(parent)
                    .width(200.0)
                    .height(300.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut u.parent_id, None, "（无）");
                        for x in &self.units {
                            ui.selectable_value(&mut u.parent_id, Some(x.id.clone()), &x.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                for (a, b) in [
                    (("地址", &mut u.address), ("单位电话", &mut u.phone)),
                    (("单位传真", &mut u.fax), ("单位电子邮箱", &mut u.email)),
                ] {
                    for (title, text) in [a, b] {
                        let label = ui.label(title);
                        ui.add(egui::TextEdit::singleline(text).desired_width(200.0))
                            .labelled_by(label.id);
                    }
                    ui.end_row();
                }
            });
    }

    fn contact_grid(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("contact_fields")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for (i, (label, _, value)) in
                    contact_fields(&mut self.contact).into_iter().enumerate()
                {
                    let l = ui.label(label);
                    // A set size: a grid cell offers only last frame's column width.
                    let height = ui.spacing().interact_size.y;
                    ui.add_sized([180.0, height], egui::TextEdit::singleline(value))
                        .labelled_by(l.id);
                    if i % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
    }
}
