//! 信息报送: the information reports sent up, newest first, with a search and an 采用 filter;
//! the report form linking an activity.

use chrono::NaiveDate;

use super::{AppCtx, Command};
use crate::domain::dates;
use crate::store::Store;
use crate::store::activities::ActivityRow;
use crate::store::info_reports::{InfoReportRow, REPORT_CHANNELS};
use crate::store::paperwork::InfoReport;
use crate::ui::widgets::dialog::{FormButtons, form_footer};
use crate::ui::widgets::paged_table::{self, PagedRows};
use crate::ui::widgets::picker::{self, SearchPicker};

/// The information reports pane.
#[derive(Default)]
pub struct InfoReportsPane {
    rows: PagedRows<InfoReportRow>,
    search: String,
    adopted: Option<bool>,
    changes: u64,
    form: Option<ReportForm>,
}

const COLUMNS: &[(&str, f32)] = &[
    ("报送日期", 110.0),
    ("标题", 260.0),
    ("报送渠道", 150.0),
    ("相关活动", 220.0),
    ("是否采用", 70.0),
];

impl InfoReportsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        ui.heading(super::Pane::InfoReports.heading());
        ui.horizontal_wrapped(|ui| {
            if ui.button("新增报送").clicked() {
                self.form = Some(ReportForm::new(ctx.today));
            }
            let label = ui.label("查找标题或活动");
            let before = (self.search.clone(), self.adopted);
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(200.0))
                .labelled_by(label.id);
            ui.radio_value(&mut self.adopted, None, "全部");
            ui.radio_value(&mut self.adopted, Some(true), "已采用");
            ui.radio_value(&mut self.adopted, Some(false), "未采用");
            if before != (self.search.clone(), self.adopted) {
                self.changes += 1;
            }
        });
        self.rows.sync(
            ctx.version
                .wrapping_mul(1_000_003)
                .wrapping_add(self.changes),
        );
        let (search, adopted) = (self.search.clone(), self.adopted);
        let total = self
            .rows
            .total(|| store.info_report_count(&search, adopted));
        ui.label(format!("共 {total} 条报送"));
        ui.separator();
        paged_table::show(
            ui,
            "info_reports",
            None,
            COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.info_report_page(&search, adopted, offset, limit),
            &|r| {
                vec![
                    dates::iso(r.sent_on),
                    r.title.clone(),
                    r.sent_to.clone(),
                    r.activity.clone(),
                    if r.adopted { "已采用" } else { "未采用" }.to_string(),
                ]
            },
        );
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                None => {}
                Some(None) => self.form = None,
                Some(Some(r)) => ctx.commands.push(Command::SaveInfoReport(r)),
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
        }
    }

    fn errors(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if self.report.title.trim().is_empty() {
            out.push("标题：请填写报送信息的标题".to_string());
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
    ) -> Option<Option<Box<InfoReport>>> {
        let mut outcome = None;
        let errors = self.errors(today);
        crate::ui::widgets::dialog::form_dialog("report_form").show(egui_ctx, |ui| {
            ui.set_width(600.0);
            ui.heading("新增信息报送");
            egui::Grid::new("report_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let r = &mut self.report;
                    let label = ui.label("报送标题 *");
                    ui.add(egui::TextEdit::singleline(&mut r.title).desired_width(360.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("报送日期 *");
                    ui.add(egui::TextEdit::singleline(&mut self.date).desired_width(120.0))
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
            match form_footer(ui, &errors, self.save_error.as_deref(), "保存报送") {
                FormButtons::Save => {
                    let mut r = self.report.clone();
                    r.title = r.title.trim().to_string();
                    r.sent_on = dates::parse(&self.date).unwrap_or(r.sent_on);
                    if !r.adopted {
                        r.adopted_by.clear();
                    }
                    outcome = Some(Some(Box::new(r)));
                }
                FormButtons::Cancel => outcome = Some(None),
                FormButtons::None => {}
            }
        });
        outcome
    }
}
