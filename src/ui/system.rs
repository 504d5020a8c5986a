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
