//! Handing files to the system: open one with its program (the PDF viewer prints), show one in
//! its folder.

use std::path::Path;

/// Opens `path` with the program the system uses for it.
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(path).spawn().map(|_| ())
}

/// Shows the folder holding `path` (with the file selected where the system can).
pub fn show_in_folder(path: &Path) -> std::io::Result<()> {
    if cfg!(windows) {
        std::process::Command::new("explorer")
            .arg(format!("/select,{}", path.display()))
            .spawn()
            .map(|_| ())
    } else {
        open_with_system(path.parent().unwrap_or(Path::new(".")))
    }
}

/// The line under a pane after a document was written: its path, 打印 (for a PDF) or 打开, and
/// 打开所在文件夹. Returns why the system could not open it, if it could not.
pub fn file_bar(ui: &mut egui::Ui, path: &Path) -> Option<String> {
    let mut error = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("已生成：{}", path.display()));
        let is_pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        let open_label = if is_pdf { "打印" } else { "打开" };
        if ui
            .button(open_label)
            .on_hover_text("用系统程序打开，在其中打印")
            .clicked()
            && let Err(e) = open_with_system(path)
        {
            error = Some(format!("无法打开“{}”：{e}", path.display()));
        }
        if ui.button("打开所在文件夹").clicked()
            && let Err(e) = show_in_folder(path)
        {
            error = Some(format!("无法打开文件夹：{e}"));
        }
    });
    error
}
