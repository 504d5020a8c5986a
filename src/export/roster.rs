//! The roster (志愿者名册) out to .xlsx or .csv: the register as filtered and sorted, identity
//! numbers and phones masked unless the clerk confirmed the personal-information duty.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use super::import::{FIELDS, ImportField};
use crate::domain::hours::{Tenths, star_label, star_level};
use crate::domain::{dates, id_number, phone};
use crate::store::Store;
use crate::store::register::RegisterQuery;
use crate::store::volunteers::Volunteer;

/// The columns after the importable ones (ignored when the file is imported again).
const EXTRA_HEADERS: [&str; 2] = ["累计服务时长（小时）", "星级"];

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the register failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Writing the file failed.
    #[error("无法写入文件“{path}”：{reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Unknown extension.
    #[error("不支持的导出格式“{0}”：请用 .xlsx 或 .csv")]
    Extension(String),
    /// Cancelled; no file was left behind.
    #[error("导出已取消")]
    Cancelled,
}

/// Whether personal numbers are written whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbers {
    /// 120116********123X, 138****0001 (the default).
    #[default]
    Masked,
    /// Whole numbers, after the clerk confirmed the duty of care (《个人信息保护法》).
    Full,
}

/// One roster line: the importable fields, then the hours and star level.
fn line(v: &Volunteer, community: &str, total: Tenths, numbers: Numbers) -> Vec<String> {
    let mut out: Vec<String> = FIELDS
        .iter()
        .map(|(f, _, _)| match f {
            ImportField::Number => v.number.clone(),
            ImportField::Name => v.name.clone(),
            ImportField::Gender => v.gender.clone(),
            ImportField::IdType => v.id_type.clone(),
            ImportField::IdNumber => match numbers {
                Numbers::Masked => id_number::mask(&v.id_number),
                Numbers::Full => v.id_number.clone(),
            },
            // Masked, the birth date would give the hidden digits back: the year only.
            ImportField::BirthDate => match numbers {
                Numbers::Masked => v
                    .birth_date
                    .map(|d| format!("{}年", chrono::Datelike::year(&d)))
                    .unwrap_or_default(),
                Numbers::Full => v.birth_date.map(dates::iso).unwrap_or_default(),
            },
            ImportField::Mobile => match numbers {
                Numbers::Masked => phone::mask_mobile(&v.mobile),
                Numbers::Full => v.mobile.clone(),
            },
            ImportField::Political => v.political_status.clone(),
            ImportField::Community => community.to_string(),
            ImportField::Workplace => v.workplace.clone(),
            ImportField::Skills => v.skills.clone(),
            ImportField::Kinds => v.kinds.clone(),
            ImportField::RegisteredOn => dates::iso(v.registered_on),
            ImportField::NationalRegistered => {
                if v.national_registered { "是" } else { "否" }.to_string()
            }
            ImportField::NationalNumber => v.national_number.clone(),
            ImportField::Status => v.status.clone(),
            ImportField::Consent => if v.consent { "是" } else { "否" }.to_string(),
            ImportField::Remark => v.remark.clone(),
        })
        .collect();
    out.push(total.to_string());
    out.push(star_label(star_level(total)).to_string());
    out
}

/// The headers of a roster file.
pub fn headers() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.1).chain(EXTRA_HEADERS).collect()
}

/// Writes the roster of `query` to `out` (.xlsx or .csv); returns how many volunteers.
/// `progress` gets the number written so far and returns false to cancel.
pub fn export(
    store: &Store,
    query: &RegisterQuery,
    out: &Path,
    numbers: Numbers,
    title: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<usize, ExportError> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "xlsx" && ext != "csv" {
        return Err(ExportError::Extension(ext));
    }
    crate::store::guard::check_output(out)?;
    let mut lines = Vec::new();
    let mut cancelled = false;
    store.for_each_in_register(query, &mut |v, community, total| {
        lines.push(line(v, community, total, numbers));
        if lines.len() % 1000 == 0 && !progress(lines.len()) {
            cancelled = true;
            return false;
        }
        true
    })?;
    if cancelled {
        return Err(ExportError::Cancelled);
    }
    let write_err = |reason: String| ExportError::Write {
        path: out.display().to_string(),
        reason,
    };
    // Written beside the target and renamed, so a failure never leaves half a file.
    let tmp = out.with_extension(format!("{ext}.part"));
    // The workbook is made in memory and written in one go: a full disk or a folder that
    // cannot be written to is then one clear error, never a half-finished archive.
    let bytes = if ext == "csv" {
        csv(&lines)
    } else {
        xlsx(&lines, title).map_err(|e| write_err(format!("生成 Excel 文件失败（{e}）")))?
    };
    let written =
        std::fs::write(&tmp, bytes).map_err(|e| write_err(crate::store::error::io_message(&e)));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        write_err(crate::store::error::io_message(&e))
    })?;
    progress(lines.len());
    Ok(lines.len())
}

/// UTF-8 with a BOM (so Excel and WPS read the Chinese right), CRLF line ends.
fn csv(lines: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = headers().into_iter().map(super::table::csv_cell).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for l in lines {
        let cells: Vec<String> = l.iter().map(|c| super::table::csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn xlsx(lines: &[Vec<String>], title: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("志愿者名册")?;
    let heads = headers();
    let last_col = (heads.len() - 1) as u16;
    let title_format = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last_col, title, &title_format)?;
    let head_format = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7")
        .set_align(FormatAlign::Center);
    let cell_format = Format::new().set_border(FormatBorder::Thin);
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &head_format)?;
        let width = match *h {
            "证件号码" => 21.0,
            "全国志愿服务信息系统编号" | "工作单位或学校" | "服务技能" | "志愿者类别" => {
                20.0
            }
            "累计服务时长（小时）" | "个人信息使用同意" | "已在全国志愿服务信息系统注册" => {
                12.0
            }
            "手机" | "志愿者编号" | "出生日期" | "注册日期" | "所在村居" => 13.0,
            _ => 9.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    for (r, l) in lines.iter().enumerate() {
        for (c, text) in l.iter().enumerate() {
            // Everything as text: identity numbers must never become numbers.
            sheet.write_string_with_format(r as u32 + 2, c as u16, text, &cell_format)?;
        }
    }
    sheet.set_freeze_panes(2, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_print_fit_to_pages(1, 0);
    book.save_to_buffer()
}
