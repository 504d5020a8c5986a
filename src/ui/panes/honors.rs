//! 表彰: honors (先进典型 / 身边雷锋) given to a volunteer or a team (search, date range,
//! level, sorting, recycle bin); the honor form, for new and existing honors.

use chrono::NaiveDate;

use super::{AppCtx, Command};
use crate::domain::dates;
use crate::ops::lists::{self, ListName};
use crate::store::Store;
use crate::store::honors::{HONOR_LEVELS, HonorRow};
use crate::store::meta::Table;
use crate::store::records::Honor;
use crate::store::volunteers::{UnitChoice, Volunteer, VolunteerRow};
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{Edits, FormButtons, FormOutcome, form_footer};
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::picker::{self, SearchPicker};
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// The honors pane.
#[derive(Default)]
pub struct HonorsPane {
    list: RecordList<HonorRow>,
    form: Option<HonorForm>,
}

impl ListRow for HonorRow {
    fn key(&self) -> &str {
        &self.id
    }
}

const LOOK: ListLook<'static> = ListLook {
    id: "honors",
    noun: "表彰",
    measure: "项",
    table: Table::Honors,
    search_label: "查找称号、对象或授予单位",
    search_hint: "",
    count_note: "",
    categories: ("级别", &HONOR_LEVELS),
    statuses: None,
    columns: lists::HONORS.columns,
    takes_along: "",
    on_delete: "",
    export: Some(ListName::Honors),
};

impl HonorsPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
    }

    /// Opens an honor's form (from another pane); `false` when it is gone.
    pub fn open_record(&mut self, store: &Store, id: &str) -> bool {
        let Ok(h) = store.get::<Honor>(id) else {
            return false;
        };
        self.form = Some(HonorForm::edit(store, h));
        true
    }

    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.edits.unsaved())
    }

    /// Whether the list is being counted.
    pub fn busy(&self) -> bool {
        self.list.busy()
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        self.list.heading(ui, &LOOK, super::Pane::Honors.heading());
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                if ui.button("新增表彰").clicked() {
                    self.form = Some(HonorForm::new(store, ctx.today));
                }
                let selected = self.list.selected().cloned();
                if ui
                    .add_enabled(selected.is_some(), egui::Button::new("编辑表彰"))
                    .on_hover_text("修改选中的表彰（也可双击一行）")
                    .clicked()
                {
                    open = selected;
                }
            }
            self.list
                .bin_buttons(ui, &LOOK, &|r| format!("{} {}", r.title, r.who));
        });
        self.list.filters(ui, &LOOK, ctx);
        let opened = self.list.table(
            ui,
            &LOOK,
            ctx,
            &Reader {
                count: lists::HONORS.count,
                page: |s, q, _, offset, limit| (lists::HONORS.page)(s, q, offset, limit),
            },
            &lists::HONORS.cells,
        );
        if let Some(row) = open.or(opened)
            && let Ok(h) = store.get::<Honor>(&row.id)
        {
            self.form = Some(HonorForm::edit(store, h));
        }
        self.list.confirm(ui.ctx(), ctx, &LOOK);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save(h) => ctx.commands.push(Command::SaveHonor(h)),
            }
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The honor form.
struct HonorForm {
    honor: Honor,
    date: String,
    /// Honoring a team rather than a volunteer.
    team: bool,
    teams: Vec<UnitChoice>,
    /// The volunteer chosen: key and shown name.
    volunteer: Option<(String, String)>,
    picker: SearchPicker<VolunteerRow>,
    save_error: Option<String>,
    /// Changes since the form opened, and the question before discarding them.
    edits: Edits,
}

impl HonorForm {
    fn new(store: &Store, today: NaiveDate) -> Self {
        HonorForm {
            honor: Honor {
                awarded_on: today,
                level: "街镇级".into(),
                ..Default::default()
            },
            date: dates::iso(today),
            team: false,
            teams: store.team_choices().or_report(),
            volunteer: None,
            picker: SearchPicker::default(),
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn edit(store: &Store, honor: Honor) -> Self {
        let volunteer = honor.volunteer_id.as_ref().and_then(|id| {
            store
                .get::<Volunteer>(id)
                .ok()
                .map(|v| (v.meta.id.clone(), format!("{}（{}）", v.name, v.number)))
        });
        HonorForm {
            date: dates::iso(honor.awarded_on),
            team: honor.team_id.is_some(),
            teams: store.team_choices().or_report(),
            volunteer,
            honor,
            picker: SearchPicker::default(),
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.honor.title.trim().is_empty() {
            out.push("称号：请填写称号（如 优秀志愿者、身边雷锋）".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.honor.title.trim()) {
            out.push(format!("称号：{why}"));
        }
        match dates::parse(&self.date) {
            Ok(d) if d > today => out.push("表彰日期：不能晚于今天".into()),
            Ok(_) => {}
            Err(e) => out.push(format!("表彰日期：{e}")),
        }
        let chosen = if self.team {
            self.honor.team_id.is_some()
        } else {
            self.volunteer.is_some()
        };
        if !chosen {
            out.push("表彰对象：请选择志愿者或队伍".into());
        }
        out
    }

    fn show(
        &mut self,
        egui_ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
    ) -> FormOutcome<Box<Honor>> {
        let changed = self.edits.changed(&format!(
            "{:?}",
            (&self.honor, &self.date, self.team, &self.volunteer)
        ));
        let mut outcome = FormOutcome::Editing;
        let errors = self.errors(today);
        crate::ui::widgets::dialog::form_dialog("honor_form").show(egui_ctx, |ui| {
            ui.set_width(600.0);
            ui.heading(if self.honor.meta.id.is_empty() {
                "新增表彰"
            } else {
                "编辑表彰"
            });
            ui.horizontal(|ui| {
                ui.label("表彰对象：");
                ui.radio_value(&mut self.team, false, "志愿者");
                ui.radio_value(&mut self.team, true, "队伍");
            });
            if self.team {
                let name = self
                    .honor
                    .team_id
                    .as_ref()
                    .and_then(|id| self.teams.iter().find(|t| &t.id == id))
                    .map_or("（选择队伍）", |t| t.name.as_str());
                let label = ui.label("队伍");
                egui::ComboBox::from_id_salt("honor_team")
                    .selected_text(name)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for t in &self.teams {
                            ui.selectable_value(
                                &mut self.honor.team_id,
                                Some(t.id.clone()),
                                &t.name,
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            } else {
                if let Some((_, shown)) = &self.volunteer {
                    ui.label(format!("已选：{shown}"));
                }
                if let Some(r) = self.picker.show(
                    ui,
                    "查找志愿者",
                    |text| picker::volunteers(store, text),
                    |r| Some(format!("选{}（{}）", r.name, r.number)),
                    true,
                ) {
                    self.volunteer = Some((r.id, format!("{}（{}）", r.name, r.number)));
                }
            }
            egui::Grid::new("honor_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let h = &mut self.honor;
                    let label = ui.label("称号 *");
                    ui.add(egui::TextEdit::singleline(&mut h.title).desired_width(260.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("级别");
                    egui::ComboBox::from_id_salt("honor_level")
                        .selected_text(h.level.as_str())
                        .show_ui(ui, |ui| {
                            for l in HONOR_LEVELS {
                                ui.selectable_value(&mut h.level, l.to_string(), l);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("表彰日期 *");
                    crate::ui::widgets::date_picker::date_field(ui, "honor_date", &mut self.date)
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("授予单位名称");
                    ui.add(egui::TextEdit::singleline(&mut h.issuer).desired_width(260.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("事迹简介");
                    ui.add(
                        egui::TextEdit::multiline(&mut h.description)
                            .desired_rows(4)
                            .desired_width(400.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            match form_footer(
                ui,
                &errors,
                self.save_error.as_deref(),
                "保存表彰",
                &mut self.edits.guard,
                changed,
            ) {
                FormButtons::Save => {
                    let mut h = self.honor.clone();
                    h.title = h.title.trim().to_string();
                    h.awarded_on = dates::parse(&self.date).unwrap_or(h.awarded_on);
                    if self.team {
                        h.volunteer_id = None;
                    } else {
                        h.team_id = None;
                        h.volunteer_id = self.volunteer.as_ref().map(|v| v.0.clone());
                    }
                    outcome = FormOutcome::Save(Box::new(h));
                }
                FormButtons::Cancel => outcome = FormOutcome::Cancel,
                FormButtons::None => {}
            }
        });
        self.edits.drawn(format!(
            "{:?}",
            (&self.honor, &self.date, self.team, &self.volunteer)
        ));
        outcome
    }
}
