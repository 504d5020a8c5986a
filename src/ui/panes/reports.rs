//! 统计与总结: the figures of a period (a year, 上半年/下半年, a quarter or a month) computed on a
//! worker thread: the totals, the compliance matrix of the fourteen categories by month with
//! the notice's target of one activity a month, each month's 学雷锋志愿服务日, the figures by
//! category, and the year's documents and whether they went up.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::{Datelike, NaiveDate};

use super::{AppCtx, Command, Pane};
use crate::domain::categories::all_activity_categories;
use crate::domain::period::Period;
use crate::store::Store;
use crate::store::report::Report;
use crate::ui::theme::palette;

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
}

/// The report pane.
#[derive(Default)]
pub struct ReportsPane {
    year: Option<i32>,
    part: Part,
    /// (data version, period label) the shown figures belong to.
    computed_for: Option<(u64, String)>,
    report: Option<Computed>,
    pending: Option<Receiver<Sent>>,
    submissions: Option<((u64, i32), Vec<DocumentLine>)>,
    /// The summary's editable sections for a period key, as loaded or typed.
    narratives: Option<(String, [String; 2])>,
    /// Where the summary goes and in which format.
    folder: Option<String>,
    docx: bool,
    /// The last summary written.
    exported: Option<PathBuf>,
    /// Whether the folder as typed exists, looked up when the text changes (not every frame).
    folder_checked: Option<(String, bool)>,
}

/// The documents folder, where files go unless the clerk chooses another.
fn documents() -> String {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(PathBuf::from))
        .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_default()
        .display()
        .to_string()
}

fn compute(path: PathBuf, period: Period) -> Sent {
    let store = Store::open_read_only(&path).map_err(|e| e.to_string())?;
    store.report(&period).map_err(|e| e.to_string())
}

impl ReportsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let year = *self.year.get_or_insert(ctx.today.year());
        self.folder.get_or_insert_with(documents);
        ui.heading(Pane::Reports.heading());
        self.period_bar(ui, ctx.today);
        let year = self.year.unwrap_or(year);
        self.submission_lines(ui, ctx, year);
        let Some(period) = self.period() else { return };
        if matches!(self.part, Part::Year | Part::Half(1)) {
            self.summary_panel(ui, ctx, &period);
        }
        if let Some(path) = self.exported.clone() {
            crate::ui::system::file_bar(ui, &path);
        }
        if self.computed_for.as_ref() != Some(&(ctx.version, period.label.clone())) {
            let (tx, rx) = channel();
            let path = ctx.store.path().to_path_buf();
            let ui_ctx = ui.ctx().clone();
            let p = period.clone();
            let spawned = std::thread::Builder::new()
                .name("report".into())
                .spawn(move || {
                    let _ = tx.send(compute(path, p));
                    ui_ctx.request_repaint();
                });
            match spawned {
                Ok(_) => self.pending = Some(rx),
                Err(e) => self.report = Some(Err(format!("无法启动统计线程：{e}"))),
            }
            self.computed_for = Some((ctx.version, period.label.clone()));
        }
        if let Some(rx) = &self.pending {
            match rx.try_recv() {
                Ok(r) => {
                    self.report = Some(r.map(std::rc::Rc::new));
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("正在统计……");
                    });
                    return;
                }
                Err(TryRecvError::Disconnected) => {
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
                        ctx.commands.push(Command::ExportReport {
                            period: period.clone(),
                            out: dir.join(format!("{}志愿服务统计表.xlsx", report.period)),
                        });
                    }
                });
                egui::ScrollArea::both()
                    .id_salt("report_scroll")
                    .show(ui, |ui| show_report(ui, &report, ctx.today));
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
                    .ok()
                    .flatten()
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
                        let unit = ctx.store.unit_name().ok().flatten().unwrap_or_default();
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
        }
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
                        .unwrap_or_default()
                        .first()
                        .map(|s| {
                            format!("{}以{}报送", super::chinese_date(s.submitted_on), s.method)
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

/// The figures of a report.
fn show_report(ui: &mut egui::Ui, r: &Report, today: NaiveDate) {
    ui.strong(format!(
        "{}：开展活动 {} 场，参与 {} 人次，志愿者 {} 人，服务时长 {} 小时，服务对象 {} 人次。",
        r.period, r.activities, r.participations, r.volunteers, r.hours, r.served
    ));
    ui.label(format!(
        "新登记志愿者 {} 名；5月培训 {} 次、参训志愿者 {} 人次；表彰 {} 项；信息报送 {} 条，采用 {} 条。",
        r.new_volunteers, r.may_trainings, r.may_attendees, r.honors, r.reports_sent, r.reports_adopted
    ));
    if r.without_materials > 0 {
        ui.colored_label(
            palette::WARNING,
            format!(
                "关爱系列、精准扶贫乡村振兴活动中有 {} 场没有留存资料。",
                r.without_materials
            ),
        );
    }
    ui.add_space(6.0);
    compliance(ui, r, today);
    ui.add_space(6.0);
    charts(ui, r);
    ui.add_space(6.0);
    by_category(ui, r);
    if !r.top_volunteers.is_empty() {
        egui::CollapsingHeader::new(format!(
            "服务时长最多的志愿者（前 {} 名）",
            r.top_volunteers.len()
        ))
        .id_salt("top_volunteers")
        .show(ui, |ui| {
            egui::Grid::new("top_grid").striped(true).show(ui, |ui| {
                for (i, t) in r.top_volunteers.iter().enumerate() {
                    ui.label((i + 1).to_string());
                    ui.label(&t.number);
                    ui.label(&t.name);
                    ui.label(format!("{} 小时", t.hours));
                    ui.end_row();
                }
            });
        });
    }
}

/// The fourteen categories by month: a zero in a month already over is red, and so is an
/// average below the notice's one a month; then the 学雷锋日 row.
fn compliance(ui: &mut egui::Ui, r: &Report, today: NaiveDate) {
    ui.strong("专业志愿服务合规情况（每类平均每月至少一次）");
    let months: Vec<(String, bool)> = r
        .by_month
        .iter()
        .map(|m| {
            let over = NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .is_some_and(|next| next <= today);
            (
                m.month[5..].trim_start_matches('0').to_string() + "月",
                over,
            )
        })
        .collect();
    let past = months.iter().filter(|m| m.1).count().max(1);
    egui::Grid::new("compliance")
        .striped(true)
        .min_col_width(34.0)
        .show(ui, |ui| {
            ui.strong("类别");
            for (m, _) in &months {
                ui.strong(m);
            }
            ui.strong("合计");
            ui.strong("月均");
            ui.end_row();
            for c in crate::domain::categories::CATEGORIES {
                let row = r.matrix.get(c.name).cloned().unwrap_or_default();
                ui.label(c.name);
                for (n, (_, over)) in row.iter().zip(&months) {
                    if *n == 0 && *over {
                        ui.colored_label(palette::ERROR, "0");
                    } else {
                        ui.label(n.to_string());
                    }
                }
                let total: i64 = row.iter().sum();
                let average = total as f64 / past as f64;
                ui.label(total.to_string());
                let text = format!("{average:.1}");
                if average < 1.0 {
                    ui.colored_label(palette::ERROR, text)
                        .on_hover_text("低于通知要求的平均每月一次");
                } else {
                    ui.colored_label(palette::OK, text);
                }
                ui.end_row();
            }
            ui.strong("学雷锋日");
            for l in &r.leifeng_days {
                let over = l.date <= today;
                let (text, colour, why) = match (l.held, l.on_day, l.hours_ok) {
                    (true, true, true) => ("√", palette::OK, "在第二个星期六开展，不少于1.5小时"),
                    (true, false, _) => ("!", palette::WARNING, "开展了，但不在第二个星期六"),
                    (true, true, false) => ("!", palette::WARNING, "不足1.5小时"),
                    (false, _, _) if over => ("×", palette::ERROR, "本月没有学雷锋志愿服务日活动"),
                    (false, _, _) => ("-", palette::MUTED, "尚未到来"),
                };
                ui.colored_label(colour, text).on_hover_text(format!(
                    "{}月{}日：{why}",
                    l.date.month(),
                    l.date.day()
                ));
            }
            ui.end_row();
        });
}

/// Activities and hours by month, and hours by category, as bars.
fn charts(ui: &mut egui::Ui, r: &Report) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    egui::CollapsingHeader::new("图表")
        .id_salt("report_charts")
        .default_open(true)
        .show(ui, |ui| {
            let months: Vec<String> = r.by_month.iter().map(|m| m.month.clone()).collect();
            let label = |i: f64| {
                let i = i.round();
                (i >= 0.0)
                    .then(|| months.get(i as usize))
                    .flatten()
                    .map(|m| format!("{}月", m[5..].trim_start_matches('0')))
                    .unwrap_or_default()
            };
            ui.horizontal(|ui| {
                let width = (ui.available_width() / 2.0 - 8.0).max(280.0);
                ui.vertical(|ui| {
                    ui.label("各月活动场数和服务时长（小时）");
                    let activities: Vec<Bar> = r
                        .by_month
                        .iter()
                        .enumerate()
                        .map(|(i, m)| {
                            Bar::new(i as f64 - 0.2, m.figures.activities as f64).width(0.4)
                        })
                        .collect();
                    let hours: Vec<Bar> = r
                        .by_month
                        .iter()
                        .enumerate()
                        .map(|(i, m)| {
                            Bar::new(i as f64 + 0.2, m.figures.hours.0 as f64 / 10.0 / 10.0)
                                .width(0.4)
                        })
                        .collect();
                    Plot::new("report_by_month")
                        .width(width)
                        .height(200.0)
                        .legend(Legend::default())
                        .allow_zoom(false)
                        .allow_drag(false)
                        .allow_scroll(false)
                        .x_axis_formatter(|mark, _| label(mark.value))
                        .show(ui, |plot| {
                            plot.bar_chart(
                                BarChart::new("活动（场）", activities).color(palette::CATEGORY[0]),
                            );
                            plot.bar_chart(
                                BarChart::new("时长（十小时）", hours).color(palette::CATEGORY[1]),
                            );
                        });
                });
                ui.vertical(|ui| {
                    ui.label("各类别服务时长（小时）");
                    let names = crate::domain::categories::all_activity_categories();
                    let bars: Vec<Bar> = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let h = r
                                .by_category
                                .get(*n)
                                .map_or(0.0, |f| f.hours.0 as f64 / 10.0);
                            Bar::new(i as f64, h).width(0.7).name(*n)
                        })
                        .collect();
                    Plot::new("report_by_category")
                        .width(width)
                        .height(200.0)
                        .allow_zoom(false)
                        .allow_drag(false)
                        .allow_scroll(false)
                        .x_axis_formatter(|_, _| String::new())
                        .show(ui, |plot| {
                            plot.bar_chart(
                                BarChart::new("时长（小时）", bars).color(palette::CATEGORY[2]),
                            );
                        });
                });
            });
        });
}

fn by_category(ui: &mut egui::Ui, r: &Report) {
    ui.strong("各类别志愿服务活动（不含已取消）");
    egui::Grid::new("category_totals")
        .striped(true)
        .num_columns(4)
        .min_col_width(90.0)
        .show(ui, |ui| {
            for h in ["类别", "活动数", "参与人次", "服务时长（小时）"] {
                ui.strong(h);
            }
            ui.end_row();
            for name in all_activity_categories() {
                let f = r.by_category.get(name).copied().unwrap_or_default();
                ui.label(name);
                if f.activities == 0 {
                    ui.colored_label(palette::ERROR, "0");
                } else {
                    ui.label(f.activities.to_string());
                }
                ui.label(f.participations.to_string());
                ui.label(f.hours.to_string());
                ui.end_row();
            }
            ui.strong("合计");
            ui.strong(r.activities.to_string());
            ui.strong(r.participations.to_string());
            ui.strong(r.hours.to_string());
            ui.end_row();
        });
}
