//! 培训: the trainings (search, date range, topic, sorting, recycle bin); the training form
//! with its organiser and its attendees from the register (added by search) and staff typed
//! by name.

use chrono::NaiveDate;

use super::activities::sign_in::SignInAsk;
use super::activities::sign_in_entry::SignInEntry;
use super::{AppCtx, Command};
use crate::domain::{activity, dates};
use crate::ops::lists::{self, ListName};
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::records::Training;
use crate::store::trainings::{TRAINING_TOPICS, TrainingRow};
use crate::store::volunteers::{Holder, UnitChoice, VolunteerRow};
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{Edits, FormButtons, FormOutcome, form_footer};
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::picker::{self, SearchPicker};
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// The trainings pane.
#[derive(Default)]
pub struct TrainingsPane {
    list: RecordList<TrainingRow>,
    form: Option<TrainingForm>,
    /// 签到表…, while its dialog is open.
    sign_in: Option<SignInAsk>,
    /// 录入签到表, while it is open.
    entry: Option<SignInEntry>,
    /// The last sign-in sheet written, for 打开 / 打印 / 打开所在文件夹.
    exported: Option<std::path::PathBuf>,
}

impl ListRow for TrainingRow {
    fn key(&self) -> &str {
        &self.id
    }
}

const LOOK: ListLook<'static> = ListLook {
    id: "trainings",
    noun: "培训",
    measure: "次",
    table: Table::Trainings,
    search_label: "查找主题、授课人或地点",
    search_hint: "",
    count_note: "",
    categories: ("主题", &TRAINING_TOPICS),
    statuses: None,
    columns: lists::TRAININGS.columns,
    takes_along: "",
    on_delete: "",
    export: Some(ListName::Trainings),
};

impl TrainingsPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
    }

    /// A sign-in sheet was written: offer to print or open it.
    pub fn exported(&mut self, path: std::path::PathBuf) {
        self.exported = Some(path);
    }

    /// Opens a training's form (from another pane); `false` when it is gone.
    pub fn open_record(&mut self, store: &Store, id: &str) -> bool {
        let Ok(t) = store.get::<Training>(id) else {
            return false;
        };
        let people = store.training_attendees(id).or_report();
        self.form = Some(TrainingForm::edit(store, t, people));
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
        self.list
            .heading(ui, &LOOK, super::Pane::Trainings.heading());
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                if ui.button("新建培训").clicked() {
                    self.form = Some(TrainingForm::new(store, ctx.today));
                }
                let selected = self.list.selected().cloned();
                let edit = ui.add_enabled(selected.is_some(), egui::Button::new("编辑培训"));
                if edit.clicked() {
                    open = selected.clone();
                }
                let sheet = ui
                    .add_enabled(selected.is_some(), egui::Button::new("签到表…"))
                    .on_hover_text("为选中的培训生成签到表（PDF、Word 或 Excel）：列出参加人员或队伍成员，再加空白行");
                if let Some(row) = selected.as_ref().filter(|_| sheet.clicked()) {
                    self.sign_in = Some(SignInAsk::new(
                        store,
                        (&row.id, true),
                        &row.topic,
                        row.date,
                    ));
                }
                let entry = ui
                    .add_enabled(selected.is_some(), egui::Button::new("录入签到表…"))
                    .on_hover_text("培训之后，按签到表核对到场的人，勾掉没来的，加上表外来的");
                if let Some(row) = selected.as_ref().filter(|_| entry.clicked()) {
                    self.entry = SignInEntry::training(store, &row.id);
                }
            }
            self.list.bin_buttons(ui, &LOOK, &|r| {
                format!("{} {}", dates::iso(r.date), r.topic)
            });
        });
        if let Some(path) = self.exported.clone().filter(|_| !self.list.in_bin())
            && let Some(e) = crate::ui::system::file_bar(ui, &path)
        {
            crate::ui::failures::report(e);
        }
        self.list.filters(ui, &LOOK, ctx);
        ui.weak("培训学时与服务时长分开统计。");
        let opened = self.list.table(
            ui,
            &LOOK,
            ctx,
            &Reader {
                count: lists::TRAININGS.count,
                page: |s, q, _, offset, limit| (lists::TRAININGS.page)(s, q, offset, limit),
            },
            &lists::TRAININGS.cells,
        );
        if let Some(row) = open.or(opened)
            && let Ok(t) = store.get::<Training>(&row.id)
        {
            let people = store.training_attendees(&row.id).or_report();
            self.form = Some(TrainingForm::edit(store, t, people));
        }
        self.list.confirm(ui.ctx(), ctx, &LOOK);
        if let Some(dialog) = &mut self.sign_in
            && dialog.show(ui.ctx(), ctx)
        {
            self.sign_in = None;
        }
        if let Some(entry) = &mut self.entry
            && entry.show(ui.ctx(), ctx)
        {
            self.entry = None;
        }
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((t, people)) => {
                    ctx.commands.push(Command::SaveTraining(t, people))
                }
            }
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        if self.entry.is_some() {
            super::saved(&mut self.entry, result, |entry, e| entry.error = Some(e));
            return;
        }
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The training form.
struct TrainingForm {
    training: Training,
    date: String,
    hours: String,
    people: Vec<Holder>,
    units: Vec<UnitChoice>,
    picker: SearchPicker<VolunteerRow>,
    save_error: Option<String>,
    /// Changes since the form opened, and the question before discarding them.
    edits: Edits,
}

/// What the form asks: a training with its attending volunteers to save.
type Saved = (Box<Training>, Vec<String>);

impl TrainingForm {
    fn new(store: &Store, today: NaiveDate) -> Self {
        let t = Training {
            date: today,
            topic: TRAINING_TOPICS[0].into(),
            hours: crate::domain::hours::Tenths(20),
            ..Default::default()
        };
        Self::edit(store, t, Vec::new())
    }

    fn edit(store: &Store, t: Training, people: Vec<Holder>) -> Self {
        TrainingForm {
            date: dates::iso(t.date),
            hours: t.hours.to_string(),
            training: t,
            people,
            units: store.unit_choices().or_report(),
            picker: SearchPicker::default(),
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.training.topic.trim().is_empty() {
            out.push("主题：请填写培训主题".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.training.topic.trim()) {
            out.push(format!("主题：{why}"));
        }
        match dates::parse(&self.date) {
            Ok(d) if d > today => out.push("日期：培训日期不能晚于今天".into()),
            Ok(_) => {}
            Err(e) => out.push(format!("日期：{e}")),
        }
        if let Err(e) = activity::parse_hours(&self.hours) {
            out.push(format!("学时：{e}"));
        }
        out
    }

    fn show(
        &mut self,
        egui_ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
    ) -> FormOutcome<Saved> {
        let changed = self.edits.changed(&format!(
            "{:?}",
            (&self.training, &self.date, &self.hours, &self.people)
        ));
        let mut outcome = FormOutcome::Editing;
        let errors = self.errors(today);
        crate::ui::widgets::dialog::form_dialog("training_form").show(egui_ctx, |ui| {
            ui.set_width(640.0);
            ui.heading(if self.training.meta.id.is_empty() {
                "新建培训"
            } else {
                "编辑培训"
            });
            let t = &mut self.training;
            egui::Grid::new("training_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("主题 *");
                    ui.horizontal(|ui| {
                        ui.add(egui::TextEdit::singleline(&mut t.topic).desired_width(260.0))
                            .labelled_by(label.id);
                        egui::ComboBox::from_id_salt("training_topics")
                            .selected_text("常用主题")
                            .show_ui(ui, |ui| {
                                for topic in TRAINING_TOPICS {
                                    ui.selectable_value(&mut t.topic, topic.to_string(), topic);
                                }
                            });
                    });
                    ui.end_row();
                    let label = ui.label("日期 *");
                    crate::ui::widgets::date_picker::date_field(
                        ui,
                        "training_date",
                        &mut self.date,
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    for (title, text, width) in [
                        ("学时 *", &mut self.hours, 60.0),
                        ("授课人", &mut t.trainer, 160.0),
                        ("地点", &mut t.location, 260.0),
                    ] {
                        let label = ui.label(title);
                        ui.add(egui::TextEdit::singleline(text).desired_width(width))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    let label = ui.label("组织单位");
                    let shown = t
                        .organizer_id
                        .as_ref()
                        .and_then(|id| self.units.iter().find(|u| &u.id == id))
                        .map_or("（未填）", |u| u.name.as_str());
                    egui::ComboBox::from_id_salt("training_organizer")
                        .selected_text(shown)
                        .width(260.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut t.organizer_id, None, "（未填）");
                            for u in &self.units {
                                ui.selectable_value(
                                    &mut t.organizer_id,
                                    Some(u.id.clone()),
                                    &u.name,
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("参加的工作人员");
                    ui.add(
                        egui::TextEdit::singleline(&mut t.staff)
                            .hint_text("不在名册中的人，用、分隔")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("内容");
                    ui.add(
                        egui::TextEdit::multiline(&mut t.content)
                            .desired_rows(2)
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.separator();
            ui.strong(format!("参加的志愿者 {} 人", self.people.len()));
            let mut remove = None;
            ui.horizontal_wrapped(|ui| {
                for (i, p) in self.people.iter().enumerate() {
                    if ui
                        .small_button(format!("{}（{}）×", p.name, p.number))
                        .on_hover_text("点击移出")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                }
            });
            if let Some(i) = remove {
                self.people.remove(i);
            }
            let people = &self.people;
            if let Some(r) = self.picker.show(
                ui,
                "查找志愿者",
                |text| picker::volunteers(store, text),
                |r| {
                    (!people.iter().any(|p| p.id == r.id))
                        .then(|| format!("＋{}（{}）", r.name, r.number))
                },
                false,
            ) {
                self.people.push(Holder {
                    id: r.id,
                    name: r.name,
                    number: r.number,
                });
            }
            match form_footer(
                ui,
                &errors,
                self.save_error.as_deref(),
                "保存培训",
                &mut self.edits.guard,
                changed,
            ) {
                FormButtons::Save => {
                    let mut t = self.training.clone();
                    t.topic = t.topic.trim().to_string();
                    t.date = dates::parse(&self.date).unwrap_or(t.date);
                    t.hours = activity::parse_hours(&self.hours).unwrap_or_default();
                    let ids = self.people.iter().map(|p| p.id.clone()).collect();
                    outcome = FormOutcome::Save((Box::new(t), ids));
                }
                FormButtons::Cancel => outcome = FormOutcome::Cancel,
                FormButtons::None => {}
            }
        });
        self.edits.drawn(format!(
            "{:?}",
            (&self.training, &self.date, &self.hours, &self.people)
        ));
        outcome
    }
}
