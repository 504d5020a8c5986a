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

/// A value read on the runner for a key, with a read-only store of its own: one read at a time,
/// the last asked key wins. The caller keeps what arrives (and shows the old value meanwhile).
pub struct Reading<K, T> {
    task: Option<(K, Task<std::result::Result<T, String>>)>,
    /// The key whose read failed (not read again until another key is asked).
    failed: Option<K>,
}

impl<K, T> Default for Reading<K, T> {
    fn default() -> Self {
        Reading {
            task: None,
            failed: None,
        }
    }
}

impl<K: Clone + PartialEq + Send + 'static, T: Send + 'static> Reading<K, T> {
    /// Whether a read is running.
    pub fn busy(&self) -> bool {
        self.task.is_some()
    }

    /// Starts reading `key` (with `read`, on the file at `path`) unless it is being read;
    /// returns the value once it arrives. A failed read is reported (`what` names it) and gives
    /// nothing; a read for a key no longer asked is dropped.
    pub fn read(
        &mut self,
        ctx: &egui::Context,
        path: &std::path::Path,
        key: &K,
        what: &str,
        read: fn(&crate::store::Store, &K) -> crate::store::Result<T>,
    ) -> Option<T> {
        if let Some((asked, task)) = &mut self.task {
            let current = asked == key;
            match task.poll() {
                Poll::Running if current => return None,
                Poll::Running => {
                    // Finishes in the background; its result is not needed.
                    self.task = None;
                }
                Poll::Done(result) => {
                    self.task = None;
                    if current {
                        match result {
                            Ok(value) => return Some(value),
                            Err(e) => {
                                super::failures::report(format!("读取{what}失败：{e}"));
                                self.failed = Some(key.clone());
                                return None;
                            }
                        }
                    }
                }
                Poll::Lost => self.task = None,
            }
        }
        if self.failed.as_ref() == Some(key) {
            return None;
        }
        let (path, k) = (path.to_path_buf(), key.clone());
        match start("reading", ctx, move |_| {
            crate::store::Store::open_read_only(&path)
                .and_then(|s| read(&s, &k))
                .map_err(|e| e.to_string())
        }) {
            Ok(task) => self.task = Some((key.clone(), task)),
            Err(e) => super::failures::report(e),
        }
        None
    }
}
