//! The evidence pack (留存资料) of a period: every held activity's attachments copied into
//! `类别/日期 活动名称/`, with `目录.xlsx` listing each file (its size, or that it is missing
//! from the ledger's folder) and, at the top, the 关爱系列 and 精准扶贫、乡村振兴 activities that
//! keep no material at all (缺少留存资料). File and folder names come from the ledger's text
//! made safe (`file_part`): never a path of their own.

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use super::write_in_folder;
use crate::domain::activity::KEEP_MATERIALS;
use crate::domain::dates;
use crate::domain::period::Period;
use crate::paths::file_name_part as file_part;
use crate::store::ledger::LedgerRow;
use crate::store::report::Scope;
use crate::store::{Result, Store, StoreError};

/// The name of the list in the pack.
pub const INDEX: &str = "目录.xlsx";

/// One file of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 类别
    pub category: String,
    /// 日期
    pub date: String,
    /// 活动名称
    pub title: String,
    /// Where it went, relative to the pack (empty when missing).
    pub path: String,
    /// 文件名
    pub file: String,
    /// Its size in bytes.
    pub size: i64,
    /// Copied, or why not.
    pub state: String,
}

/// What was packed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Packed {
    /// Every file, copied or not.
    pub entries: Vec<Entry>,
    /// Activities of the two categories that keep no material.
    pub missing: Vec<LedgerRow>,
}

impl Packed {
    /// Files copied.
    pub fn copied(&self) -> usize {
        self.entries.iter().filter(|e| !e.path.is_empty()).count()
    }
}

/// An attachment's name as a file in the pack: its stem made safe (`file_name_part`) and its
/// extension kept when it is a plain one.
fn safe_file_name(name: &str) -> String {
    let path = Path::new(name);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.len() <= 10 && e.bytes().all(|b| b.is_ascii_alphanumeric()));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match ext {
        Some(ext) => format!("{}.{ext}", file_part(&stem)),
        None => file_part(name),
    }
}

/// A name not yet in `used` (adding ` (2)`, ` (3)` … before the extension).
fn unique(used: &mut HashSet<String>, name: String) -> String {
    if used.insert(name.clone()) {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (name[..i].to_string(), name[i..].to_string()),
        _ => (name.clone(), String::new()),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or(name)
}

/// Copies the attachments of `period`'s held activities (only the two categories that must
/// keep materials when `care_only`) into the new folder `out`, with `目录.xlsx`.
pub fn write(
    store: &Store,
    period: &Period,
    care_only: bool,
    out: &Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Packed> {
    let activities: Vec<LedgerRow> = store
        .ledger_activities(period, &Scope::All)?
        .into_iter()
        .filter(|a| !care_only || KEEP_MATERIALS.contains(&a.category.as_str()))
        .collect();
    super::save_folder(out, |dir| {
        let mut packed = Packed::default();
        let mut folders = HashSet::new();
        let n = activities.len().max(1) as f32;
        for (i, a) in activities.iter().enumerate() {
            if !progress(0.95 * i as f32 / n) {
                return Err(StoreError::Cancelled);
            }
            let kept = store.attachments_of("activities", &a.id)?;
            if kept.is_empty() {
                if KEEP_MATERIALS.contains(&a.category.as_str()) {
                    packed.missing.push(a.clone());
                }
                continue;
            }
            let category = file_part(&a.category);
            let folder = unique(
                &mut folders,
                format!("{category}/{} {}", dates::iso(a.date), file_part(&a.title)),
            );
            let target = dir.join(&folder);
            std::fs::create_dir_all(&target).map_err(|e| {
                StoreError::Refused(format!(
                    "无法建立文件夹“{}”：{}",
                    target.display(),
                    crate::store::error::io_message(&e)
                ))
            })?;
            let mut names = HashSet::new();
            for file in kept {
                let name = unique(&mut names, safe_file_name(&file.file_name));
                let from = store.attachment_path(&file);
                let mut entry = Entry {
                    category: a.category.clone(),
                    date: dates::iso(a.date),
                    title: a.title.clone(),
                    path: String::new(),
                    file: file.file_name.clone(),
                    size: file.size_bytes,
                    state: String::new(),
                };
                if from.is_file() {
                    let to = target.join(&name);
                    std::fs::copy(&from, &to).map_err(|e| {
                        StoreError::Refused(format!(
                            "无法复制“{}”：{}",
                            file.file_name,
                            crate::store::error::io_message(&e)
                        ))
                    })?;
                    entry.path = format!("{folder}/{name}");
                    entry.state = "已复制".into();
                } else {
                    entry.state = "文件缺失（已登记，但台账文件夹中找不到）".into();
                }
                packed.entries.push(entry);
            }
        }
        write_in_folder(&dir.join(INDEX), &index(period, &packed)?)?;
        progress(1.0);
        Ok(packed)
    })
}

/// 目录.xlsx: 缺少留存资料 first, then every file.
fn index(period: &Period, packed: &Packed) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| StoreError::Refused(format!("生成目录失败：{e}"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("目录").map_err(fail)?;
    let title = Format::new().set_bold().set_font_size(16);
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    for (c, w) in [18.0, 12.0, 34.0, 50.0, 28.0, 10.0, 20.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w).map_err(fail)?;
    }
    ws.write_string_with_format(0, 0, format!("留存资料目录（{}）", period.label), &title)
        .map_err(fail)?;
    let mut r = 2u32;
    let heading = if packed.missing.is_empty() {
        "缺少留存资料：无（关爱系列、精准扶贫、乡村振兴的活动都有留存资料）".to_string()
    } else {
        format!(
            "缺少留存资料（{} 场关爱系列、精准扶贫、乡村振兴活动没有任何留存资料）",
            packed.missing.len()
        )
    };
    ws.write_string_with_format(r, 0, heading, &bold)
        .map_err(fail)?;
    r += 1;
    if !packed.missing.is_empty() {
        for (c, h) in ["类别", "日期", "活动名称", "地点"].iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &head)
                .map_err(fail)?;
        }
        r += 1;
        for a in &packed.missing {
            let cells = [
                a.category.clone(),
                dates::iso(a.date),
                a.title.clone(),
                a.location.clone(),
            ];
            for (c, t) in cells.iter().enumerate() {
                ws.write_string_with_format(r, c as u16, t, &cell)
                    .map_err(fail)?;
            }
            r += 1;
        }
    }
    r += 1;
    ws.write_string_with_format(
        r,
        0,
        format!("留存资料（{} 个文件）", packed.entries.len()),
        &bold,
    )
    .map_err(fail)?;
    r += 1;
    for (c, h) in [
        "类别",
        "日期",
        "活动名称",
        "文件（在本文件夹中的位置）",
        "原文件名",
        "大小（KB）",
        "状态",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &head)
            .map_err(fail)?;
    }
    r += 1;
    for e in &packed.entries {
        let cells = [
            e.category.clone(),
            e.date.clone(),
            e.title.clone(),
            e.path.clone(),
            e.file.clone(),
            format!("{:.1}", e.size as f64 / 1024.0),
            e.state.clone(),
        ];
        for (c, t) in cells.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, t, &cell)
                .map_err(fail)?;
        }
        r += 1;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C第 &P 页 共 &N 页");
    book.save_to_buffer().map_err(fail)
}
