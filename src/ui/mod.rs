//! The window: the app shell, theme, widgets and panes.

pub mod app;
mod closing;
pub mod commands;
pub mod failures;
pub mod first_run;
pub mod help;
pub mod jobs;
pub mod panes;
pub mod runner;
mod startup;
pub mod system;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

use anyhow::Result;

use crate::display;

pub use app::LedgerApp;

/// The window title.
pub const TITLE: &str = "志愿服务台账";

/// When the window was asked for; with `VOLUNTEER_LEDGER_STARTUP_PROBE` set, the first frame
/// prints the time since then and closes the window (for measuring cold start).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The program's icon (also in the .exe's resources on Windows).
fn window_icon() -> Option<egui::IconData> {
    let png = include_bytes!("../../assets/windows/icon-256.png");
    let image = image::load_from_memory(png).ok()?.into_rgba8();
    Some(egui::IconData {
        width: image.width(),
        height: image.height(),
        rgba: image.into_raw(),
    })
}

/// Opens the window on `db` (or the default database) and runs until it is closed.
///
/// The renderer is chosen by [`crate::display`]: a start that never drew its first frame (the
/// process died inside the graphics driver) makes the next start use OpenGL. An error that can
/// be caught falls back to OpenGL at once. `renderer` is `--renderer`.
pub fn run_window(db: Option<PathBuf>, renderer: Option<display::Choice>) -> Result<()> {
    STARTED.get_or_init(std::time::Instant::now);
    let path = crate::paths::database_path(db.as_deref());
    let today = chrono::Local::now().date_naive();
    let state_file = crate::paths::data_dir().join(display::STATE_FILE);
    let mut state = display::State::load(&state_file);
    let decision = state.decide(renderer, std::env::var_os("WGPU_BACKEND").is_some());
    // What this start learned (a mark left by a start that never drew) is kept at once.
    if let Err(e) = state.save(&state_file) {
        eprintln!("未能保存显示设置：{e}");
    }
    if let Some(warning) = &decision.warning {
        system::message_box("志愿服务台账", warning);
    }
    let run = |renderer: display::Renderer, reason: display::Reason| {
        let mut viewport = egui::ViewportBuilder::default()
            .with_title(TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]);
        if let Some(icon) = window_icon() {
            viewport = viewport.with_icon(icon);
        }
        let options = eframe::NativeOptions {
            viewport,
            renderer: match renderer {
                display::Renderer::Wgpu => eframe::Renderer::Wgpu,
                display::Renderer::OpenGl => eframe::Renderer::Glow,
            },
            // Window state beside the data (on the stick in portable mode).
            persistence_path: Some(crate::paths::data_dir().join("window.ron")),
            ..Default::default()
        };
        display::set_started(display::Started {
            renderer,
            reason,
            state_file: state_file.clone(),
        });
        // The mark: if this process dies before its first frame, the next start knows.
        let mut state = display::State::load(&state_file);
        state.begin(renderer);
        if let Err(e) = state.save(&state_file) {
            eprintln!("未能保存显示设置：{e}");
        }
        let path = path.clone();
        let result = eframe::run_native(
            TITLE,
            options,
            Box::new(move |cc| Ok(Box::new(LedgerApp::new(cc, path, today)))),
        );
        if result.is_err() {
            let mut state = display::State::load(&state_file);
            state.failed(renderer);
            let _ = state.save(&state_file);
        }
        result
    };
    let first = decision.renderer;
    match run(first, decision.reason.clone()) {
        Ok(()) => Ok(()),
        Err(e) if first == display::Renderer::Wgpu => {
            eprintln!("WGPU 无法使用（{e}），改用 OpenGL 显示");
            run(display::Renderer::OpenGl, display::Reason::WgpuFailedBefore).map_err(|gl| {
                anyhow::anyhow!(
                    "无法打开窗口：WGPU 出错（{e}），改用 OpenGL 也失败（{gl}）。{}",
                    display::ADVICE
                )
            })
        }
        Err(e) => Err(anyhow::anyhow!(
            "无法用 {} 打开窗口（{e}）。{}",
            first.label(),
            display::ADVICE
        )),
    }
}
