//! Closing the window: when a form holds changes not saved yet, or work is still running, the
//! window asks first instead of closing at once.

use super::app::LedgerApp;
use super::panes::Pane;

/// Whether the window is asking before it closes, or was told to close.
#[derive(Debug, Default)]
pub(super) struct Closing {
    /// What the question lists (kept from the moment the window was asked to close).
    asking: Option<Vec<String>>,
    /// 退出程序 was chosen: the next close goes through.
    confirmed: bool,
    /// 退出程序 was chosen while a job that can stop was running: asked to stop (so it leaves
    /// no half-written file behind), the window closes when it has, or at this time at the latest.
    stopping_until: Option<f64>,
}

/// How long the window waits for a job it asked to stop before it closes anyway.
const STOP_PATIENCE: f64 = 5.0;

impl LedgerApp {
    /// What closing now would lose or interrupt, in the clerk's words; empty when nothing.
    pub fn close_reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        let forms = [
            (Pane::Calendar, self.calendar.unsaved()),
            (Pane::Activities, self.activities.unsaved()),
            (Pane::Volunteers, self.volunteers.unsaved()),
            (Pane::Teams, self.teams.unsaved()),
            (Pane::Trainings, self.trainings.unsaved()),
            (Pane::Honors, self.honors.unsaved()),
            (Pane::InfoReports, self.info_reports.unsaved()),
            (Pane::Needs, self.needs.unsaved()),
            (Pane::Units, self.units.unsaved()),
            (Pane::Settings, self.settings.unsaved()),
        ];
        for (pane, _) in forms.iter().filter(|(_, unsaved)| *unsaved) {
            reasons.push(format!(
                "“{}”中正在填写的表单有未保存的修改，退出后这些修改会丢失。",
                pane.label()
            ));
        }
        if let Some(job) = &self.job {
            reasons.push(format!(
                "{}。退出会中断它（已经保存的数据不受影响）。",
                job.title.trim_end_matches('…')
            ));
        }
        if self.upgrade.is_some() {
            reasons.push(
                "正在升级数据库。退出会中断升级：已完成的步骤保留，下次打开时接着升级，数据不会丢失。"
                    .into(),
            );
        }
        if self.startup_check.is_some() {
            reasons.push(
                "正在检查数据库并做今天的自动备份。退出会中断这次备份（数据库本身不受影响）。"
                    .into(),
            );
        }
        reasons
    }

    /// Closes the window on the program's own account (its 退出 button, the start-up probe):
    /// not held back by [`LedgerApp::guard_close`], which is for the clerk's ✕.
    pub(super) fn close_now(&mut self, ctx: &egui::Context) {
        self.closing.confirmed = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Called every frame: a request to close the window (its ✕, Alt+F4) is held back while
    /// [`LedgerApp::close_reasons`] names anything, and the clerk is asked.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if let Some(until) = self.closing.stopping_until {
            if self.job.is_none() || ctx.input(|i| i.time) > until {
                self.closing.stopping_until = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing.confirmed {
            let reasons = self.close_reasons();
            if !reasons.is_empty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.closing.asking = Some(reasons);
            }
        }
        let Some(reasons) = &self.closing.asking else {
            return;
        };
        let id = egui::Id::unique("closing");
        let mut answer = None;
        let modal = egui::Modal::new(id)
            .area(egui::Modal::default_area(id).order(egui::Order::Foreground))
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading("退出志愿服务台账");
                ui.add_space(4.0);
                for reason in reasons {
                    ui.label(reason);
                }
                ui.add_space(8.0);
                ui.label("确定要退出吗？");
                ui.horizontal(|ui| {
                    if ui.button("不退出").clicked() {
                        answer = Some(false);
                    }
                    if ui.button("退出程序").clicked() {
                        answer = Some(true);
                    }
                });
            });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        match answer {
            Some(true) => {
                let stop = self.job.as_ref().and_then(|j| j.cancel.as_ref());
                let stopping_until = stop.map(|cancel| {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                    ctx.input(|i| i.time) + STOP_PATIENCE
                });
                self.closing = Closing {
                    asking: None,
                    confirmed: true,
                    stopping_until,
                };
                if stopping_until.is_none() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Some(false) => self.closing.asking = None,
            None => {}
        }
    }
}
