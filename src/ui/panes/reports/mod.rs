//! 统计与总结: the figures of a period (a year, 上半年/下半年, a quarter or a month) computed on a
//! worker thread: the totals, the compliance matrix of the fourteen categories by month with
//! the notice's target of one activity a month, each month's 学雷锋志愿服务日, the figures by
//! category, by 村居, team and key date, star levels and hours per volunteer, and the year's
//! documents and whether they went up. The figures may be limited to one 村居 or one team, and
//! every figure opens to the records behind it.

mod drill;
mod figures;
mod reconcile;

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::{AppCtx, Command, Pane};
use crate::domain::period::Period;
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::report::{Report, Scope};
use crate::ui::failures::OrReport;
use crate::ui::runner::{self, Poll, Task};
use crate::ui::theme::palette;
use drill::DrillView;
use figures::{Clicked, show_report};

type Computed = Result<std::rc::Rc<Report>, String>;

/// What the worker sends back.
type Sent = Result<Report, String>;

/// A document due in the year and how it was submitted (`None`: not yet).
type DocumentLine = (String, Option<String>);

/// Which part of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    #[default]
    Year,
    Half(u32),
    Quarter(u32),
    Month(u32),
    /// Any range of days, typed or picked.
    Range,
}

/// The report pane.
#[derive(Default)]
pub struct ReportsPane {
    year: Option<i32>,
    part: Part,
    /// 自定义: the first and last day as typed.
    range: (String, String),
    /// Whose figures.
    scope: Scope,
    /// The scopes to choose from, as of a data version.
    scopes: Option<(u64, Vec<Scope>)>,
    /// The records behind a figure, when asked for.
    drill: Option<DrillView>,
    /// (data version, period label, scope) the shown figures belong to.
    computed_for: Option<(u64, String, Scope)>,
    report: Option<Computed>,
    pending: Option<Task<Sent>>,
    submissions: Option<((u64, i32), Vec<DocumentLine>)>,
    /// The summary's editable sections for a period key, as loaded or typed.
    narratives: Option<(String, [String; 2])>,
    /// Where the summary goes and in which format.
    folder: Option<String>,
    docx: bool,
    /// The last summary, 台账 or 留存资料 written.
    exported: Option<PathBuf>,
    /// 导出台账… or 导出留存资料…, while its dialog is open.
    ledger: Option<super::ledger_ask::LedgerAsk>,
    /// 与平台比对…, while it is open.
    reconcile: Option<reconcile::ReconcileView>,
    /// Whether the folder as typed exists, looked up when the text changes (not every frame).
    folder_checked: Option<(String, bool)>,
}

/// The documents folder, where files go unless the clerk chooses another.
fn documents() -> String {
    crate::paths::documents_dir().display().to_string()
}

fn compute(path: PathBuf, period: Period, scope: Scope) -> Sent {
    let store = Store::open_read_only(&path).map_err(|e| e.to_string())?;
    store.report_in(&period, &scope).map_err(|e| e.to_string())
}

impl ReportsPane {
    /// A comparison with a platform's records arrived (`None`: it failed, the toast said why).
    pub fn reconciled(&mut self, found: Option<crate::ops::platform::Reconciled>) {
        if let Some(view) = &mut self.reconcile {
            view.arrived(found);
        }
    }

    /// Whether figures or a drill-down page are still being read on a worker thread.
    pub fn busy(&self) -> bool {
        self.pending.is_some() || self.drill.as_ref().is_some_and(DrillView::busy)
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let year = *self.year.get_or_insert(ctx.today.year());
        self.folder.get_or_insert_with(documents);
        ui.heading(Pane::Reports.heading());
        self.period_bar(ui, ctx.today);
        self.scope_bar(ui, ctx);
        let year = self.year.unwrap_or(year);
        self.submission_lines(ui, ctx, year);
        let Some(period) = self.period() else { return };
        self.show_drill(ui.ctx(), ctx);
        if matches!(self.part, Part::Year | Part::Half(1)) && self.scope == Scope::All {
            self.summary_panel(ui, ctx, &period);
        }
        if let Some(path) = self.exported.clone() {
            crate::ui::system::file_bar(ui, &path);
        }
        let wanted = (ctx.version, period.label.clone(), self.scope.clone());
        if self.computed_for.as_ref() != Some(&wanted) {
            let path = ctx.store.path().to_path_buf();
            let p = period.clone();
            let scope = self.scope.clone();
            match runner::start("report", ui.ctx(), move |_| compute(path, p, scope)) {
                Ok(task) => self.pending = Some(task),
                Err(e) => self.report = Some(Err(e)),
            }
            self.computed_for = Some(wanted);
        }
        if let Some(task) = &mut self.pending {
            match task.poll() {
                Poll::Done(r) => {
                    self.report = Some(r.map(std::rc::Rc::new));
                    self.pending = None;
                }
                Poll::Running => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("正在统计……");
                    });
                    return;
                }
                Poll::Lost => {
                    self.report = Some(Err("统计线程意外结束".into()));
                    self.pending = None;
                }
            }
        }
        ui.separator();
        match &self.report {
            Some(Ok(report)) => {
                // A shared handle: the figures are not copied on every frame.
                let report = std::rc::Rc::clone(report);
                let ok = self.folder_ok();
                ui.horizontal(|ui| {
                    let folder = self.folder.clone().unwrap_or_default();
                    let dir = PathBuf::from(folder.trim());
                    if ui
                        .add_enabled(ok, egui::Button::new("导出统计表（Excel）"))
                        .on_hover_text("各统计表写入一个 Excel 文件，保存到上面“工作总结”中的文件夹（默认“文档”）")
                        .clicked()
                    {
                        let who = match &self.scope {
                            Scope::All => String::new(),
                            s => s.label().to_string(),
                        };
                        ctx.commands.push(Command::ExportReport {
                            period: period.clone(),
                            scope: self.scope.clone(),
                            out: dir.join(format!("{who}{}志愿服务统计表.xlsx", report.period)),
                        });
                    }
                    use super::ledger_ask::{LedgerAsk, ShowIn, What};
                    if ui
                        .button("与平台比对…")
                        .on_hover_text("把平台导出的服务记录与台账中本期间的记录比对，找出时长不同、只在一边的记录")
                        .clicked()
                    {
                        self.reconcile = Some(reconcile::ReconcileView::new(period.clone()));
                    }
                    for (label, what) in [("导出台账…", What::Ledger), ("导出留存资料…", What::Evidence)] {
                        if ui
                            .button(label)
                            .on_hover_text("按这里选定的期间和统计范围导出")
                            .clicked()
                        {
                            self.ledger = Some(LedgerAsk::new(
                                ctx.store,
                                what,
                                ShowIn::Reports,
                                Some(&period),
                                self.scope.clone(),
                                ctx.today,
                            ));
                        }
                    }
                });
                if let Some(dialog) = &mut self.ledger
                    && dialog.show(ui.ctx(), ctx)
                {
                    self.ledger = None;
                }
                if let Some(view) = &mut self.reconcile
                    && view.show(ui.ctx(), ctx)
                {
                    self.reconcile = None;
                }
                let clicked = egui::ScrollArea::both()
                    .id_salt("report_scroll")
                    .show(ui, |ui| show_report(ui, &report, ctx.today))
                    .inner;
                match clicked {
                    Some(Clicked::Drill(d)) => {
                        self.drill = Some(DrillView::new(period.clone(), self.scope.clone(), d));
                    }
                    Some(Clicked::Volunteer(id)) => ctx.commands.push(Command::OpenRecord {
                        table: Table::Volunteers,
                        id,
                    }),
                    None => {}
                }
            }
            Some(Err(e)) => {
                ui.colored_label(palette::ERROR, format!("统计失败：{e}"));
            }
            None => {}
        }
    }

    /// 工作总结 of 上半年 or 全年: the two sections the clerk writes, saved with the period;
    /// the document written as Word or PDF; its submission recorded.
    fn summary_panel(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, period: &Period) {
        use crate::export::summary::{EDITABLE, narrative, period_key};
        let key = period_key(period);
        if self.narratives.as_ref().map(|n| n.0.as_str()) != Some(key.as_str()) {
            let texts = EDITABLE.map(|section| {
                narrative(ctx.store, &key, section)
                    .or_report()
                    .unwrap_or_default()
            });
            self.narratives = Some((key.clone(), texts));
        }
        let folder_ok = self.folder_ok();
        let folder = self.folder.get_or_insert_with(documents);
        let document = if key.ends_with("H1") {
            "上半年工作总结"
        } else {
            "全年工作总结"
        };
        egui::CollapsingHeader::new(format!("{}年{document}", period.from.year()))
            .id_salt("summary_panel")
            .default_open(false)
            .show(ui, |ui| {
                ui.weak("总结的基本情况和主要工作由统计数据生成；下面两部分可自行填写（留空则按统计中的不足自动生成），随期间保存。");
                if let Some((_, texts)) = &mut self.narratives {
                    for (section, text) in EDITABLE.iter().zip(texts.iter_mut()) {
                        let label = ui.label(*section);
                        ui.add(
                            egui::TextEdit::multiline(text)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    }
                    if ui.button("保存总结文字").clicked() {
                        for (section, text) in EDITABLE.iter().zip(texts.iter()) {
                            ctx.commands.push(Command::SaveNarrative {
                                period: key.clone(),
                                section: section.to_string(),
                                body: text.trim().to_string(),
                            });
                        }
                    }
                }
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label("保存到文件夹");
                    ui.add(egui::TextEdit::singleline(folder).desired_width(300.0))
                        .labelled_by(label.id);
                    ui.radio_value(&mut self.docx, true, "Word 文档");
                    ui.radio_value(&mut self.docx, false, "PDF 文件");
                    let dir = PathBuf::from(folder.trim());
                    if ui
                        .add_enabled(folder_ok, egui::Button::new("导出工作总结"))
                        .clicked()
                    {
                        // The typed text goes with the document.
                        if let Some((_, texts)) = &self.narratives {
                            for (section, text) in EDITABLE.iter().zip(texts.iter()) {
                                ctx.commands.push(Command::SaveNarrative {
                                    period: key.clone(),
                                    section: section.to_string(),
                                    body: text.trim().to_string(),
                                });
                            }
                        }
                        let ext = if self.docx { "docx" } else { "pdf" };
                        let unit = ctx.store.unit_name().or_report().unwrap_or_default();
                        ctx.commands.push(Command::ExportSummary {
                            period: period.clone(),
                            out: dir.join(format!("{unit}{}志愿服务工作总结.{ext}", period.label)),
                        });
                    }
                    if !folder_ok {
                        ui.colored_label(palette::ERROR, "文件夹不存在");
                    }
                    if ui.button("登记已报送").clicked() {
                        ctx.commands.push(Command::SaveSubmission(Box::new(
                            crate::store::paperwork::Submission {
                                year: period.from.year() as i64,
                                document: document.into(),
                                submitted_on: ctx.today,
                                method: "邮件".into(),
                                ..Default::default()
                            },
                        )));
                    }
                });
            });
    }

    /// 统计范围: 本单位, one 村居 or one team.
    fn scope_bar(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        if self.scopes.as_ref().map(|s| s.0) != Some(ctx.version) {
            let scopes = ctx
                .store
                .report_scopes()
                .unwrap_or_else(|_| vec![Scope::All]);
            self.scopes = Some((ctx.version, scopes));
        }
        let Some((_, scopes)) = &self.scopes else {
            return;
        };
        ui.horizontal(|ui| {
            let label = ui.label("统计范围：");
            let shown = match &self.scope {
                Scope::All => "本单位（全部）".to_string(),
                Scope::Unit { name, .. } => format!("村居：{name}"),
                Scope::Team { name, .. } => format!("队伍：{name}"),
            };
            egui::ComboBox::from_id_salt("report_scope")
                .selected_text(shown)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for s in scopes {
                        let text = match s {
                            Scope::All => "本单位（全部）".to_string(),
                            Scope::Unit { name, .. } => format!("村居：{name}"),
                            Scope::Team { name, .. } => format!("队伍：{name}"),
                        };
                        ui.selectable_value(&mut self.scope, s.clone(), text);
                    }
                })
                .response
                .labelled_by(label.id);
            if self.scope != Scope::All {
                ui.weak("村居：其组织或其队伍开展的活动、其志愿者；队伍：其开展的活动、其成员");
            }
        });
    }

    /// The records behind a figure, in their window.
    fn show_drill(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(view) = &mut self.drill else { return };
        let (open, chosen) = view.show(egui_ctx, ctx.store.path().to_path_buf(), ctx.version);
        if let Some((table, id)) = chosen {
            ctx.commands.push(Command::OpenRecord { table, id });
        }
        if !open {
            self.drill = None;
        }
    }

    /// Whether the chosen folder exists.
    fn folder_ok(&mut self) -> bool {
        let folder = self.folder.clone().unwrap_or_default();
        if self.folder_checked.as_ref().map(|c| &c.0) != Some(&folder) {
            let ok = PathBuf::from(folder.trim()).is_dir();
            self.folder_checked = Some((folder, ok));
        }
        self.folder_checked.as_ref().is_some_and(|c| c.1)
    }

    /// A summary was written: offer to open or print it.
    pub fn exported(&mut self, path: PathBuf) {
        self.exported = Some(path);
    }

    fn period(&self) -> Option<Period> {
        let y = self.year?;
        match self.part {
            Part::Year => Period::year(y),
            Part::Half(h) => Period::half(y, h),
            Part::Quarter(q) => Period::quarter(y, q),
            Part::Month(m) => Period::month(y, m),
            Part::Range => self.range_period().ok(),
        }
    }

    /// The typed range, or what is wrong with it.
    fn range_period(&self) -> Result<Period, String> {
        use crate::domain::dates;
        let (a, b) = (self.range.0.trim(), self.range.1.trim());
        if a.is_empty() || b.is_empty() {
            return Err("请填写起止日期".into());
        }
        let from = dates::parse(a).map_err(|e| format!("起始日期：{e}"))?;
        let to = dates::parse(b).map_err(|e| format!("截止日期：{e}"))?;
        Period::range(from, to).ok_or_else(|| "起始日期晚于截止日期".to_string())
    }

    fn period_bar(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        ui.horizontal_wrapped(|ui| {
            ui.label("年度：");
            for y in [today.year() - 2, today.year() - 1, today.year()] {
                if ui
                    .selectable_label(self.year == Some(y), format!("{y}年"))
                    .clicked()
                {
                    self.year = Some(y);
                }
            }
            ui.separator();
            ui.label("期间：");
            ui.selectable_value(&mut self.part, Part::Year, "全年");
            ui.selectable_value(&mut self.part, Part::Half(1), "上半年");
            ui.selectable_value(&mut self.part, Part::Half(2), "下半年");
            let label = ui.label("季度");
            let shown = match self.part {
                Part::Quarter(q) => format!("第{q}季度"),
                _ => "（选择）".into(),
            };
            egui::ComboBox::from_id_salt("report_quarter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for q in 1..=4 {
                        ui.selectable_value(&mut self.part, Part::Quarter(q), format!("第{q}季度"));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("月份");
            let shown = match self.part {
                Part::Month(m) => format!("{m}月"),
                _ => "（选择）".into(),
            };
            egui::ComboBox::from_id_salt("report_month")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for m in 1..=12 {
                        ui.selectable_value(&mut self.part, Part::Month(m), format!("{m}月"));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.selectable_value(&mut self.part, Part::Range, "自定义");
            if self.part == Part::Range {
                if self.range.0.is_empty() && self.range.1.is_empty() {
                    let y = self.year.unwrap_or(today.year());
                    self.range = (format!("{y}-01-01"), crate::domain::dates::iso(today));
                }
                let label = ui.label("从");
                crate::ui::widgets::date_picker::date_field(ui, "report_from", &mut self.range.0)
                    .labelled_by(label.id);
                let label = ui.label("至");
                crate::ui::widgets::date_picker::date_field(ui, "report_to", &mut self.range.1)
                    .labelled_by(label.id);
                if let Err(e) = self.range_period() {
                    ui.colored_label(palette::ERROR, e);
                }
            }
        });
    }

    /// 报送情况: whether the year's 联络表 and summaries were submitted, and how.
    fn submission_lines(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, year: i32) {
        if self.submissions.as_ref().map(|s| s.0) != Some((ctx.version, year)) {
            let lines = crate::domain::calendar::DEADLINES
                .iter()
                .map(|(_, _, _, document)| {
                    let done = ctx
                        .store
                        .submissions_of(year, document)
                        .or_report()
                        .first()
                        .map(|s| {
                            format!(
                                "{}以{}报送",
                                crate::domain::dates::chinese(s.submitted_on),
                                s.method
                            )
                        });
                    (document.to_string(), done)
                })
                .collect();
            self.submissions = Some(((ctx.version, year), lines));
        }
        let Some((_, lines)) = &self.submissions else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{year}年报送情况："));
            for (document, done) in lines {
                match done {
                    Some(how) => ui.colored_label(palette::OK, format!("{document} {how}")),
                    None => ui.colored_label(palette::WARNING, format!("{document} 未报送")),
                };
            }
        });
    }
}
