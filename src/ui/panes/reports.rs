//! 统计与总结: activities, participations and hours per category for a year, computed on a
//! worker thread so the window never waits for a large database.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::{Datelike, NaiveDate};

use super::{AppCtx, Pane};
use crate::domain::categories::all_activity_categories;
use crate::domain::hours::Tenths;
use crate::store::Store;
use crate::store::stats::CategoryTotal;
use crate::ui::theme::palette;

type Totals = Result<Vec<CategoryTotal>, String>;

/// A document due in the year and how it was submitted (`None`: not yet).
type DocumentLine = (String, Option<String>);

/// The report pane.
#[derive(Default)]
pub struct ReportsPane {
    year: Option<i32>,
    /// (data version, year) the shown figures belong to.
    computed_for: Option<(u64, i32)>,
    totals: Option<Totals>,
    pending: Option<Receiver<Totals>>,
    /// The year's documents: (name, how it was submitted or that it was not), per data version.
    submissions: Option<((u64, i32), Vec<DocumentLine>)>,
}

impl ReportsPane {
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

fn compute(path: PathBuf, year: i32) -> Totals {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or("年份无效")?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or("年份无效")?;
    let store = Store::open_read_only(&path).map_err(|e| e.to_string())?;
    store.category_totals(from, to).map_err(|e| e.to_string())
}

impl ReportsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let year = *self.year.get_or_insert(ctx.today.year());
        ui.heading(Pane::Reports.heading());
        ui.horizontal(|ui| {
            ui.label("年度：");
            for y in [ctx.today.year() - 1, ctx.today.year()] {
                if ui.selectable_label(year == y, format!("{y}年")).clicked() {
                    self.year = Some(y);
                }
            }
        });
        let year = self.year.unwrap_or(year);
        self.submission_lines(ui, ctx, year);
        if self.computed_for != Some((ctx.version, year)) {
            let (tx, rx) = channel();
            let path = ctx.store.path().to_path_buf();
            let ui_ctx = ui.ctx().clone();
            let spawned = std::thread::Builder::new()
                .name("report-totals".into())
                .spawn(move || {
                    let _ = tx.send(compute(path, year));
                    ui_ctx.request_repaint();
                });
            match spawned {
                Ok(_) => self.pending = Some(rx),
                Err(e) => self.totals = Some(Err(format!("无法启动统计线程：{e}"))),
            }
            self.computed_for = Some((ctx.version, year));
        }
        if let Some(rx) = &self.pending {
            match rx.try_recv() {
                Ok(t) => {
                    self.totals = Some(t);
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
                    self.totals = Some(Err("统计线程意外结束".into()));
                    self.pending = None;
                }
            }
        }
        ui.separator();
        match &self.totals {
            Some(Ok(totals)) => totals_table(ui, year, totals),
            Some(Err(e)) => {
                ui.colored_label(palette::ERROR, format!("统计失败：{e}"));
            }
            None => {}
        }
    }
}

fn totals_table(ui: &mut egui::Ui, year: i32, totals: &[CategoryTotal]) {
    ui.strong(format!("{year}年各类别志愿服务活动（不含已取消）"));
    let mut sum = (0i64, 0i64, Tenths(0));
    egui::ScrollArea::vertical().show(ui, |ui| {
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
                    let t = totals.iter().find(|t| t.category == name);
                    let (a, p, h) = t.map_or((0, 0, Tenths(0)), |t| {
                        (t.activities, t.participations, t.hours)
                    });
                    sum = (sum.0 + a, sum.1 + p, Tenths(sum.2.0 + h.0));
                    ui.label(name);
                    if a == 0 {
                        ui.colored_label(palette::ERROR, "0");
                    } else {
                        ui.label(a.to_string());
                    }
                    ui.label(p.to_string());
                    ui.label(h.to_string());
                    ui.end_row();
                }
                ui.strong("合计");
                ui.strong(sum.0.to_string());
                ui.strong(sum.1.to_string());
                ui.strong(sum.2.to_string());
                ui.end_row();
            });
    });
}
