//! The window: the app shell, theme, widgets and panes.

pub mod app;
pub mod first_run;
pub mod help;
pub mod jobs;
pub mod panes;
pub mod system;
pub mod theme;
pub mod widgets;

use std::path::PathBuf;

use anyhow::Result;

pub use app::LedgerApp;

/// The window title.
pub const TITLE: &str = "志愿服务台账";

/// When the window was asked for; with `VOLUNTEER_LEDGER_STARTUP_PROBE` set, the first frame
/// prints the time since then and closes the window (for measuring cold start).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Opens the window on `db` (or the default database) and runs until it is closed.
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

pub fn run_window(db: Option<PathBuf>) -> Result<()> {
    STARTED.get_or_init(std::time::Instant::now);
    let path = crate::paths::database_path(db.as_deref());
    let today = chrono::Local::now().date_naive();
    let run = |renderer: eframe::Renderer| {
        let mut viewport = egui::ViewportBuilder::default()
            .with_title(TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]);
        if let Some(icon) = window_icon() {
            viewport = viewport.with_icon(icon);
        }
        let options = eframe::NativeOptions {
            viewport,
            renderer,
            // Window state beside the data (on the stick in portable mode).
            persistence_path: Some(crate::paths::data_dir().join("window.ron")),
            ..Default::default()
        };
        let path = path.clone();
        eframe::run_native(
            TITLE,
            options,
            Box::new(move |cc| Ok(Box::new(LedgerApp::new(cc, path, today)))),
        )
    };
    // WGPU first (Direct3D 12 / Vulkan / Metal); where it finds no usable device (an old
    // graphics driver, a remote desktop, Wine) the window opens again with OpenGL.
    match run(eframe::Renderer::Wgpu) {
        Ok(()) => Ok(()),
        Err(first) => {
            eprintln!("WGPU 无法使用（{first}），改用 OpenGL 显示");
            run(eframe::Renderer::Glow)
                .map_err(|e| anyhow::anyhow!("无法打开窗口：{first}；改用 OpenGL 也失败：{e}"))
        }
    }
}
