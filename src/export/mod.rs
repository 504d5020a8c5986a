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
pub mod fonts;
pub mod import;
pub mod list_xlsx;
pub mod pdf;
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
