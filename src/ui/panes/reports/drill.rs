//! 明细: the records behind a figure, a page at a time, read on a worker thread; each opens
//! in its own pane.

use std::path::PathBuf;

use crate::domain::period::Period;
use crate::store::Store;
use crate::store::drill::{Drill, DrillPage};
use crate::store::meta::Table;
use crate::store::report::Scope;
use crate::ui::runner::{self, Poll, Task};
use crate::ui::theme::palette;

/// Records a page shows.
pub const PAGE: usize = 100;

type Sent = Result<DrillPage, String>;

/// The open list.
pub struct DrillView {
    period: Period,
    scope: Scope,
    drill: Drill,
    offset: usize,
    /// (data version, offset) of the page shown or asked for.
    loaded_for: Option<(u64, usize)>,
    page: Option<Sent>,
    pending: Option<Task<Sent>>,
}

impl DrillView {
    /// Whether a page is still being read on a worker thread.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// A list to show.
    pub fn new(period: Period, scope: Scope, drill: Drill) -> Self {
        DrillView {
            period,
            scope,
            drill,
            offset: 0,
            loaded_for: None,
            page: None,
            pending: None,
        }
    }

    fn load(&mut self, ctx: &egui::Context, path: PathBuf, version: u64) {
        let (period, scope, drill, offset) = (
            self.period.clone(),
            self.scope.clone(),
            self.drill.clone(),
            self.offset,
        );
        let spawned = runner::start("drill", ctx, move |_| {
            Store::open_read_only(&path)
                .and_then(|s| s.drill(&period, &scope, &drill, offset, PAGE))
                .map_err(|e| e.to_string())
        });
        match spawned {
            Ok(task) => self.pending = Some(task),
            Err(e) => self.page = Some(Err(e)),
        }
        self.loaded_for = Some((version, self.offset));
    }

    /// Draws the window; `false` once closed. A record the clerk opens is returned.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        version: u64,
    ) -> (bool, Option<(Table, String)>) {
        if self.loaded_for != Some((version, self.offset)) {
            self.load(ctx, path, version);
        }
        if let Some(task) = &mut self.pending {
            match task.poll() {
                Poll::Done(page) => {
                    self.page = Some(page);
                    self.pending = None;
                }
                Poll::Running => {}
                Poll::Lost => {
                    self.page = Some(Err("查询线程意外结束".into()));
                    self.pending = None;
                }
            }
        }
        let mut open = true;
        let mut close = false;
        let mut chosen = None;
        let title = format!(
            "明细：{}·{}·{}",
            self.period.label,
            self.scope.label(),
            self.drill.title()
        );
        egui::Window::new(title)
            .id(egui::Id::unique("report_drill"))
            .open(&mut open)
            .default_size([760.0, 480.0])
            .default_pos(egui::pos2(320.0, 200.0))
            .collapsible(false)
            .show(ctx, |ui| {
                if self.pending.is_some() && self.page.is_none() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("正在查询……");
                    });
                }
                match &self.page {
                    Some(Ok(page)) => {
                        let total = page.total.max(0) as usize;
                        ui.horizontal(|ui| {
                            if self.pending.is_some() {
                                ui.spinner();
                            }
                            if total == 0 {
                                ui.label("没有记录");
                            } else {
                                ui.label(format!(
                                    "共 {total} 条，第 {}–{} 条",
                                    self.offset + 1,
                                    (self.offset + page.rows.len()).max(self.offset + 1)
                                ));
                            }
                            let (back, on) = (self.offset > 0, self.offset + PAGE < total);
                            if ui.add_enabled(back, egui::Button::new("首页")).clicked() {
                                self.offset = 0;
                            }
                            if ui.add_enabled(back, egui::Button::new("上一页")).clicked() {
                                self.offset = self.offset.saturating_sub(PAGE);
                            }
                            if ui.add_enabled(on, egui::Button::new("下一页")).clicked() {
                                self.offset += PAGE;
                            }
                            if ui.add_enabled(on, egui::Button::new("末页")).clicked() {
                                self.offset = (total - 1) / PAGE * PAGE;
                            }
                            if ui.button("关闭明细").clicked() {
                                close = true;
                            }
                        });
                        ui.separator();
                        egui::ScrollArea::both()
                            .id_salt("drill_rows")
                            .auto_shrink([false, true])
                            .show(ui, |ui| {
                                egui::Grid::new("drill_grid").striped(true).show(ui, |ui| {
                                    ui.strong("序号");
                                    ui.label("");
                                    for h in self.drill.headers() {
                                        ui.strong(*h);
                                    }
                                    ui.end_row();
                                    for (i, row) in page.rows.iter().enumerate() {
                                        ui.label((self.offset + i + 1).to_string());
                                        // Keyed by the record, so a click finds it even if
                                        // the page changed under the pointer.
                                        let open =
                                            ui.push_id(&row.id, |ui| ui.small_button("打开")).inner;
                                        if open.clicked() {
                                            chosen = Some((row.table, row.id.clone()));
                                        }
                                        for cell in &row.cells {
                                            ui.label(cell);
                                        }
                                        ui.end_row();
                                    }
                                });
                            });
                    }
                    Some(Err(e)) => {
                        ui.colored_label(palette::ERROR, format!("查询失败：{e}"));
                    }
                    None => {}
                }
            });
        (open && !close, chosen)
    }
}
