//! Long work on a named worker thread with its own connection, reporting progress over a
//! channel; the window shows a progress bar and ends with a toast.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use chrono::NaiveDate;

use crate::demo::{self, DemoOptions};
use crate::store::Store;

/// A message from a worker.
pub enum JobMsg {
    /// Fraction done, 0.0‥1.0.
    Progress(f32),
    /// Finished: the message for the toast, or the error.
    Done(Result<String, String>),
}

/// A running job.
pub struct Job {
    /// What it is doing, shown beside the progress bar.
    pub title: String,
    /// Latest progress.
    pub progress: f32,
    rx: Receiver<JobMsg>,
}

impl Job {
    /// Loads example data into the database at `path` on a worker thread.
    pub fn load_demo(
        path: PathBuf,
        volunteers: u64,
        today: NaiveDate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("demo-data".into())
            .spawn(move || {
                let result = (|| {
                    let mut store = Store::open(&path).map_err(|e| e.to_string())?;
                    let progress_tx = tx.clone();
                    let progress_ctx = ctx.clone();
                    let opts = DemoOptions {
                        volunteers,
                        seed: 1,
                        today,
                    };
                    let report = demo::generate(&mut store, opts, &mut |p| {
                        let _ = progress_tx.send(JobMsg::Progress(p));
                        progress_ctx.request_repaint();
                    })
                    .map_err(|e| e.to_string())?;
                    Ok(format!(
                        "示例数据已载入：志愿者 {} 名，活动 {} 场，服务记录 {} 条。",
                        report.volunteers, report.activities, report.participations
                    ))
                })();
                let _ = tx.send(JobMsg::Done(result));
                ctx.request_repaint();
            })
            .map_err(|e| format!("无法启动后台任务：{e}"))?;
        Ok(Job {
            title: "正在载入示例数据……".into(),
            progress: 0.0,
            rx,
        })
    }

    /// Takes the messages that arrived; returns the outcome once the job has finished.
    pub fn poll(&mut self) -> Option<Result<String, String>> {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                JobMsg::Progress(p) => self.progress = p,
                JobMsg::Done(r) => return Some(r),
            }
        }
        None
    }
}
