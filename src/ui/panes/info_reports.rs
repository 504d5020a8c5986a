//! 信息报送: the information reports sent up (search, date range, channel, 采用, sorting,
//! recycle bin); the report form linking an activity, for new and existing reports.

use chrono::NaiveDate;

use super::{AppCtx, Command};
use crate::domain::dates;
use crate::ops::lists::{self, ListName};
use crate::store::Store;
use crate::store::activities::ActivityRow;
use crate::store::info_reports::{InfoReportRow, REPORT_CHANNELS, REPORT_STATUSES};
use crate::store::meta::Table;
use crate::store::paperwork::InfoReport;
use crate::ui::widgets::dialog::{Edits, FormButtons, FormOutcome, form_footer};
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::picker::{self, SearchPicker};
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// The information reports pane.
#[derive(Default)]
pub struct InfoReportsPane {
    list: RecordList<InfoReportRow>,
    form: Option<ReportForm>,
}

impl ListRow for InfoReportRow {
    fn key(&self) -> &str {
        &self.id
    }
}

const LOOK: ListLook<'static> = ListLook {
    id: "info_reports",
    noun: "报送",
    measure: "条",
    table: Table::InfoReports,
    search_label: "查找信息标题或活动",
    search_hint: "",
    count_note: "",
    categories: ("报送渠道", &REPORT_CHANNELS),
    statuses: Some(("是否采用", &REPORT_STATUSES)),
    columns: lists::INFO_REPORTS.columns,
    takes_along: "",
    on_delete: "",
    export: Some(ListName::Reports),
};

impl InfoReportsPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
    }

    /// Opens a report's form (from another pane); `false` when it is gone.
    pub fn open_record(&mut self, store: &Store, id: &str) -> bool {
        let Ok(r) = store.get::<InfoReport>(id) else {
            return false;
        };
        let title = r
            .activity_id
            .as_deref()
            .and_then(|a| store.get::<crate::store::activities::Activity>(a).ok())
            .map(|a| a.title)
            .unwrap_or_default();
        self.form = Some(ReportForm::edit(r, title));
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
            .heading(ui, &LOOK, super::Pane::InfoReports.heading());
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                if ui.button("新增报送").clicked() {
                    self.form = Some(ReportForm::new(ctx.today));
                }
                let selected = self.list.selected().cloned();
                if ui
                    .add_enabled(selected.is_some(), egui::Button::new("编辑报送"))
                    .on_hover_text("修改选中的报送，如登记采用情况（也可双击一行）")
                    .clicked()
                {
                    open = selected;
                }
            }
            self.list.bin_buttons(ui, &LOOK, &|r| {
                format!("{} {}", dates::iso(r.sent_on), r.title)
            });
        });
        self.list.filters(ui, &LOOK, ctx);
        let opened = self.list.table(
            ui,
            &LOOK,
            ctx,
            &Reader {
                count: lists::INFO_REPORTS.count,
                page: |s, q, _, offset, limit| (lists::INFO_REPORTS.page)(s, q, offset, limit),
            },
            &lists::INFO_REPORTS.cells,
        );
        if let Some(row) = open.or(opened)
            && let Ok(r) = store.get::<InfoReport>(&row.id)
        {
            self.form = Some(ReportForm::edit(r, row.activity));
        }
        self.list.confirm(ui.ctx(), ctx, &LOOK);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save(r) => ctx.commands.push(Command::SaveInfoReport(r)),
            }
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The report form.
struct ReportForm {
    report: InfoReport,
    date: String,
    picker: SearchPicker<ActivityRow>,
    activity_title: String,
    save_error: Option<String>,
    /// Changes since the form opened, and the question before discarding them.
    edits: Edits,
}

impl ReportForm {
    fn new(today: NaiveDate) -> Self {
        ReportForm {
            report: InfoReport {
                sent_on: today,
                sent_to: REPORT_CHANNELS[0].into(),
                ..Default::default()
            },
            date: dates::iso(today),
            picker: SearchPicker::default(),
            activity_title: String::new(),
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn edit(report: InfoReport, activity_title: String) -> Self {
        ReportForm {
            date: dates::iso(report.sent_on),
            report,
            picker: SearchPicker::default(),
            activity_title,
            save_error: None,
            edits: Edits::default(),
        }
    }

    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.report.title.trim().is_empty() {
            out.push("信息标题：请填写报送信息的标题".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.report.title.trim()) {
            out.push(format!("信息标题：{why}"));
        }
        match dates::parse(&self.date) {
            Ok(d) if d > today => out.push("报送日期：不能晚于今天".into()),
            Ok(_) => {}
            Err(e) => out.push(format!("报送日期：{e}")),
        }
        out
    }

    fn show(
        &mut self,
        egui_ctx: &egui::Context,
        store: &Store,
        today: NaiveDate,
    ) -> FormOutcome<Box<InfoReport>> {
        let changed = self.edits.changed(&format!(
            "{:?}",
            (&self.report, &self.date, &self.activity_title)
        ));
        let mut outcome = FormOutcome::Editing;
        let errors = self.errors(today);
        crate::ui::widgets::dialog::form_dialog("report_form").show(egui_ctx, |ui| {
            ui.set_width(600.0);
            ui.heading(if self.report.meta.id.is_empty() {
                "新增信息报送"
            } else {
                "编辑信息报送"
            });
            egui::Grid::new("report_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let r = &mut self.report;
                    let label = ui.label("信息标题 *");
                    ui.add(egui::TextEdit::singleline(&mut r.title).desired_width(360.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("报送日期 *");
                    crate::ui::widgets::date_picker::date_field(ui, "report_date", &mut self.date)
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("报送渠道");
                    egui::ComboBox::from_id_salt("report_channel")
                        .selected_text(r.sent_to.as_str())
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            for c in REPORT_CHANNELS {
                                ui.selectable_value(&mut r.sent_to, c.to_string(), c);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if let Some(address) =
                        crate::domain::categories::district::channel_address(&r.sent_to)
                    {
                        ui.label(format!("（{address}）"));
                    }
                    ui.end_row();
                });
            if let Some(a) = self.picker.show(
                ui,
                "查找相关活动",
                |text| picker::activities(store, text),
                |a| Some(picker::activity_caption(a)),
                true,
            ) {
                self.report.activity_id = Some(a.id);
                self.activity_title = a.title;
            }
            if self.report.activity_id.is_some() {
                ui.horizontal(|ui| {
                    ui.label(format!("相关活动：{}", self.activity_title));
                    if ui.small_button("取消关联").clicked() {
                        self.report.activity_id = None;
                        self.activity_title.clear();
                    }
                });
            }
            ui.checkbox(&mut self.report.adopted, "已被采用");
            if self.report.adopted {
                ui.horizontal(|ui| {
                    let label = ui.label("采用单位或媒体");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.report.adopted_by)
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id);
                });
            }
            match form_footer(
                ui,
                &errors,
                self.save_error.as_deref(),
                "保存报送",
                &mut self.edits.guard,
                changed,
            ) {
                FormButtons::Save => {
                    let mut r = self.report.clone();
                    r.title = r.title.trim().to_string();
                    r.sent_on = dates::parse(&self.date).unwrap_or(r.sent_on);
                    if !r.adopted {
                        r.adopted_by.clear();
                    }
                    outcome = FormOutcome::Save(Box::new(r));
                }
                FormButtons::Cancel => outcome = FormOutcome::Cancel,
                FormButtons::None => {}
            }
        });
        self.edits.drawn(format!(
            "{:?}",
            (&self.report, &self.date, &self.activity_title)
        ));
        outcome
    }
}
