//! 需求登记: the needs register (邻里守望): search, date range, need type, status, sorting,
//! recycle bin; the need form with the activities that served it.

use chrono::NaiveDate;

use super::{AppCtx, Command};
use crate::domain::dates;
use crate::ops::lists::{self, ListName};
use crate::store::Store;
use crate::store::activities::ActivityRow;
use crate::store::meta::Table;
use crate::store::needs::{NEED_KINDS, NEED_STATUSES, NeedRow, ServedBy};
use crate::store::paperwork::Need;
use crate::store::volunteers::UnitChoice;
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{Edits, FormButtons, FormOutcome, form_footer};
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::picker::{self, SearchPicker};
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// The needs pane.
#[derive(Default)]
pub struct NeedsPane {
    list: RecordList<NeedRow>,
    form: Option<NeedForm>,
}

impl ListRow for NeedRow {
    fn key(&self) -> &str {
        &self.id
    }
}

const LOOK: ListLook<'static> = ListLook {
    id: "needs",
    noun: "需求",
    measure: "条",
    table: Table::Needs,
    search_label: "查找对象、地址或描述",
    search_hint: "",
    count_note: "",
    categories: ("需求类别", &NEED_KINDS),
    statuses: Some(("状态", &NEED_STATUSES)),
    columns: lists::NEEDS.columns,
    takes_along: "",
    on_delete: "",
    export: Some(ListName::Needs),
};

impl NeedsPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
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
        self.list.heading(ui, &LOOK, super::Pane::Needs.heading());
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                if ui.button("登记需求").clicked() {
                    self.form = Some(NeedForm::new(store, Need::default(), Vec::new(), ctx.today));
                }
                let selected = self.list.selected().cloned();
                if ui
                    .add_enabled(selected.is_some(), egui::Button::new("编辑需求"))
                    .on_hover_text("修改选中的需求及服务过它的活动（也可双击一行）")
                    .clicked()
                {
                    open = selected;
                }
            }
            self.list
                .bin_buttons(ui, &LOOK, &|r| format!("{} {}", r.person, r.kind));
        });
        self.list.filters(ui, &LOOK, ctx);
        let opened = self.list.table(
            ui,
            &LOOK,
            ctx,
            &Reader {
                count: lists::NEEDS.count,
                page: |s, q, _, offset, limit| (lists::NEEDS.page)(s, q, offset, limit),
            },
            &lists::NEEDS.cells,
        );
        if let Some(row) = open.or(opened)
            && let Ok(n) = store.get::<Need>(&row.id)
        {
            let served = store.need_served_by(&row.id).or_report();
            self.form = Some(NeedForm::new(store, n, served, ctx.today));
        }
        self.list.confirm(ui.ctx(), ctx, &LOOK);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((n, served)) => ctx.commands.push(Command::SaveNeed(n, served)),
            }
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The need form.
struct NeedForm {
    need: Need,
    date: String,
    communities: Vec<UnitChoice>,
    served: Vec<ServedBy>,
    picker: SearchPicker<ActivityRow>,
    save_error: Option<String>,
    /// Changes since the form opened, and the question before discarding them.
    edits: Edits,
}

/// What the form asks: nothing yet, close, or save with the linked activities.
type NeedOutcome = FormOutcome<(Box<Need>, Vec<String>)>;

impl NeedForm {
    fn new(store: &Store, mut need: Need, served: Vec<ServedBy>, today: NaiveDate) -> Self {
        if need.meta.id.is_empty() {
            need.recorded_on = today;
            need.kind = NEED_KINDS[0].into();
            need.status = NEED_STATUSES[0].into();
        }
        NeedForm {
            date: dates::iso(need.recorded_on),
            need,
            communities: store.community_choices().or_report(),
            served,
            picker: SearchPicker::default(),
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.need.person.trim().is_empty() {
            out.push("对象：请填写需求人或户的名称".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.need.person.trim()) {
            out.push(format!("对象：{why}"));
        }
        match dates::parse(&self.date) {
            Ok(d) if d > today => out.push("登记日期：不能晚于今天".into()),
            Ok(_) => {}
            Err(e) => out.push(format!("登记日期：{e}")),
        }
        out
    }

    fn show(&mut self, egui_ctx: &egui::Context, store: &Store, today: NaiveDate) -> NeedOutcome {
        let changed = self
            .edits
            .changed(&format!("{:?}", (&self.need, &self.date, &self.served)));
        let mut outcome = FormOutcome::Editing;
        let errors = self.errors(today);
        crate::ui::widgets::dialog::form_dialog("need_form").show(egui_ctx, |ui| {
            ui.set_width(620.0);
            ui.heading(if self.need.meta.id.is_empty() {
                "登记需求"
            } else {
                "编辑需求"
            });
            egui::Grid::new("need_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let n = &mut self.need;
                    let label = ui.label("对象 *");
                    ui.add(
                        egui::TextEdit::singleline(&mut n.person)
                            .hint_text("姓名或户主")
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("所在村居");
                    let name = n
                        .community_id
                        .as_ref()
                        .and_then(|id| self.communities.iter().find(|c| &c.id == id))
                        .map_or("（未填）", |c| c.name.as_str());
                    egui::ComboBox::from_id_salt("need_community")
                        .selected_text(name)
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut n.community_id, None, "（未填）");
                            for c in &self.communities {
                                ui.selectable_value(
                                    &mut n.community_id,
                                    Some(c.id.clone()),
                                    &c.name,
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    for (title, value, options) in [
                        ("需求类别", &mut n.kind, &NEED_KINDS[..]),
                        ("状态", &mut n.status, &NEED_STATUSES[..]),
                    ] {
                        let label = ui.label(title);
                        egui::ComboBox::from_id_salt(("need", title))
                            .selected_text(value.as_str())
                            .show_ui(ui, |ui| {
                                for o in options {
                                    ui.selectable_value(value, o.to_string(), *o);
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    for (title, text) in [("地址", &mut n.address), ("联系电话", &mut n.phone)]
                    {
                        let label = ui.label(title);
                        ui.add(egui::TextEdit::singleline(text).desired_width(260.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    let label = ui.label("登记日期 *");
                    crate::ui::widgets::date_picker::date_field(ui, "need_date", &mut self.date)
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("需求描述");
                    ui.add(
                        egui::TextEdit::multiline(&mut n.description)
                            .desired_rows(3)
                            .desired_width(380.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.separator();
            ui.strong(format!("服务过的活动（{}）", self.served.len()));
            let mut remove = None;
            for (i, s) in self.served.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!("{} {}", dates::iso(s.date), s.title));
                    if ui.small_button("取消关联").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                self.served.remove(i);
            }
            let served = &self.served;
            if let Some(a) = self.picker.show(
                ui,
                "查找活动",
                |text| picker::activities(store, text),
                |a| {
                    (!served.iter().any(|s| s.activity_id == a.id))
                        .then(|| picker::activity_caption(a))
                },
                false,
            ) {
                self.served.push(ServedBy {
                    activity_id: a.id,
                    date: a.date,
                    title: a.title,
                });
            }
            match form_footer(
                ui,
                &errors,
                self.save_error.as_deref(),
                "保存需求",
                &mut self.edits.guard,
                changed,
            ) {
                FormButtons::Save => {
                    let mut n = self.need.clone();
                    n.person = n.person.trim().to_string();
                    n.recorded_on = dates::parse(&self.date).unwrap_or(n.recorded_on);
                    let ids = self.served.iter().map(|s| s.activity_id.clone()).collect();
                    outcome = FormOutcome::Save((Box::new(n), ids));
                }
                FormButtons::Cancel => outcome = FormOutcome::Cancel,
                FormButtons::None => {}
            }
        });
        self.edits
            .drawn(format!("{:?}", (&self.need, &self.date, &self.served)));
        outcome
    }
}
