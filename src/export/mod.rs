//! Documents out and rosters in. The bundled fonts live here because the PDFs embed the same
//! faces the window draws with.

use std::path::Path;

use crate::store::{Result, StoreError};

pub mod activity_record;
pub mod activity_record_docx;
pub mod bounded;
pub mod certificate;
pub mod contact_docx;
pub mod contact_form;
pub mod contact_pdf;
pub mod contact_xlsx;
pub mod docx;
pub mod evidence;
pub mod flow;
pub mod fonts;
pub mod import;
pub mod ledger;
pub mod ledger_docx;
pub mod list_xlsx;
pub mod pdf;
pub mod platform;
pub mod platform_dates;
pub mod report_xlsx;
pub mod roster;
pub mod sign_in;
pub mod sign_in_docx;
pub mod summary;
pub mod summary_docx;
pub mod table;

/// Writes a finished document: beside its name first and then renamed, so a failure never
/// leaves half a file under the name (nor a stray part file). A failed rename usually means the
/// file is open in Word, WPS or Excel, and the message says so.
pub fn save(out: &Path, bytes: &[u8]) -> Result<()> {
    crate::store::guard::check_output(out)?;
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let part = out.with_extension(format!("{ext}.part"));
    if let Err(e) = std::fs::write(&part, bytes) {
        let _ = std::fs::remove_file(&part);
        return Err(StoreError::Refused(format!(
            "无法写入“{}”：{}",
            out.display(),
            crate::store::error::io_message(&e)
        )));
    }
    std::fs::rename(&part, out).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        StoreError::Refused(format!(
            "无法保存“{}”（文件是否正在被 Word、WPS 或 Excel 打开？）：{}",
            out.display(),
            crate::store::error::io_message(&e)
        ))
    })
}

/// Writes a new folder of files: into a part folder beside it, renamed to `out` when `fill`
/// has finished, so a failure or a cancel leaves neither the folder nor a part of it. An
/// existing folder that is not empty is refused (nothing in it is touched).
pub fn save_folder<T>(out: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    if out.exists() && std::fs::read_dir(out).map_or(true, |mut d| d.next().is_some()) {
        return Err(StoreError::Refused(format!(
            "文件夹“{}”已存在且不是空的，请另选一个新文件夹",
            out.display()
        )));
    }
    crate::store::guard::check_output(out)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "导出".into());
    let part = out.with_file_name(format!("{name}.part"));
    let _ = std::fs::remove_dir_all(&part);
    let io = |e: std::io::Error, p: &Path| {
        StoreError::Refused(format!(
            "无法写入“{}”：{}",
            p.display(),
            crate::store::error::io_message(&e)
        ))
    };
    std::fs::create_dir_all(&part).map_err(|e| io(e, &part))?;
    match fill(&part) {
        Ok(v) => {
            if out.exists() {
                let _ = std::fs::remove_dir(out);
            }
            std::fs::rename(&part, out).map_err(|e| {
                let _ = std::fs::remove_dir_all(&part);
                io(e, out)
            })?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&part);
            Err(e)
        }
    }
}

/// Writes `bytes` to `path` inside a folder being filled, the message naming the file.
pub fn write_in_folder(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| {
        StoreError::Refused(format!(
            "无法写入“{}”：{}",
            path.display(),
            crate::store::error::io_message(&e)
        ))
    })
}
