//! Handing files to the system: open one with its program (the PDF viewer prints), show one in
//! its folder.

use std::path::Path;

/// Opens `path` with the program the system uses for it. On Windows through `ShellExecuteW`,
/// which takes the path as a path: no command line, so no character of a file name (`&`, `|`,
/// `^`) is ever read as a command.
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        shell_open(path)
    }
    #[cfg(not(windows))]
    {
        let program = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        std::process::Command::new(program)
            .arg(path)
            .spawn()
            .map(|_| ())
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
fn shell_open(path: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
    let wide = |s: &std::ffi::OsStr| s.encode_wide().chain(Some(0)).collect::<Vec<u16>>();
    let verb = wide(std::ffi::OsStr::new("open"));
    let file = wide(path.as_os_str());
    // SAFETY: both strings are NUL-terminated UTF-16 that live across the call; the other
    // pointers may be null.
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    } as isize;
    // Values of 32 and below are errors.
    if code > 32 {
        Ok(())
    } else {
        Err(std::io::Error::other(match code {
            2 | 3 => "找不到该文件".to_string(),
            5 => "没有权限打开该文件".to_string(),
            31 => "系统中没有能打开这类文件的程序".to_string(),
            other => format!("系统无法打开（代码 {other}）"),
        }))
    }
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

/// Tells the clerk something before or instead of the window: a message box on Windows (a
/// GUI program there has no console), standard error elsewhere.
pub fn message_box(title: &str, text: &str) {
    #[cfg(windows)]
    {
        message_box_windows(title, text);
    }
    #[cfg(not(windows))]
    {
        eprintln!("{title}：{text}");
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
fn message_box_windows(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONWARNING, MB_OK, MessageBoxW};
    let wide = |s: &str| {
        s.encode_utf16()
            .chain(std::iter::once(0))
            .collect::<Vec<u16>>()
    };
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 buffers that outlive the call; a null
    // owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONWARNING,
        );
    }
}
