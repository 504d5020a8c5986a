//! The one background runner: everything slow — jobs, the start-up check, figures, drill-down
//! pages, thumbnails — runs here on a named worker thread with its own connection, never on the
//! thread that draws. A task reports progress and its result over a channel and asks for a
//! repaint; the window polls it each frame. Nothing else in the program starts a thread
//! (`clippy.toml` forbids it).

use std::sync::mpsc::{Receiver, TryRecvError, channel};

enum Msg<T> {
    Progress(f32),
    Done(T),
}

/// Work running on a worker thread.
pub struct Task<T> {
    rx: Receiver<Msg<T>>,
    progress: f32,
}

/// What a task has to say this frame.
pub enum Poll<T> {
    /// Still working.
    Running,
    /// Finished with this.
    Done(T),
    /// The worker ended without a result (it panicked).
    Lost,
}

/// Starts `work` on a worker thread named `name`; `work` reports progress (0.0‥1.0) through the
/// function it gets. Every message repaints the window.
#[allow(clippy::disallowed_methods)] // The one place that starts threads.
pub fn start<T: Send + 'static>(
    name: &str,
    ctx: &egui::Context,
    work: impl FnOnce(&dyn Fn(f32)) -> T + Send + 'static,
) -> Result<Task<T>, String> {
    let (tx, rx) = channel();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let progress_tx = tx.clone();
            let progress_ctx = ctx.clone();
            let report = move |p: f32| {
                let _ = progress_tx.send(Msg::Progress(p));
                progress_ctx.request_repaint();
            };
            let result = work(&report);
            // The window may have let go of the task meanwhile; then nobody needs the result.
            let _ = tx.send(Msg::Done(result));
            ctx.request_repaint();
        })
        .map_err(|e| format!("无法启动后台任务：{e}"))?;
    Ok(Task { rx, progress: 0.0 })
}

impl<T> Task<T> {
    /// Takes the messages that arrived.
    pub fn poll(&mut self) -> Poll<T> {
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Progress(p)) => self.progress = p,
                Ok(Msg::Done(result)) => return Poll::Done(result),
                Err(TryRecvError::Empty) => return Poll::Running,
                Err(TryRecvError::Disconnected) => return Poll::Lost,
            }
        }
    }

    /// The latest progress reported.
    pub fn progress(&self) -> f32 {
        self.progress
    }
}
