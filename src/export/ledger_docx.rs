//! The 台账 of a period as a folder of Word files, for those who edit: the cover with the list
//! of held activities, one 活动记录表 per activity (in `活动记录表/`, numbered as in the list),
//! the trainings, the honors, the 信息报送 and the needs. Written into a part folder renamed
//! into place at the end, so a failure or a cancel leaves nothing.

use std::path::{Path, PathBuf};

use docx_rs::{Docx, PageMargin, Table, TableLayoutType, TableRow, WidthType};

use super::docx::{A4, HEADER_HEIGHT, cell, head, pack, page_numbers, text, title};
use super::ledger::{LIST_HEADERS, LIST_WIDTHS, Ledger, Section, sheet};
use super::write_in_folder;
use crate::domain::dates;
use crate::paths::file_name_part as file_part;
use crate::store::{Result, Store, StoreError};

/// The text width of A4 with 2 cm margins, in twips.
const WIDTH: f32 = 9638.0;

/// A Word table: the header row repeated on every page, then the rows.
fn table(headers: &[&str], shares: &[f32], rows: &[Vec<String>]) -> Table {
    let widths: Vec<usize> = shares.iter().map(|s| (s * WIDTH) as usize).collect();
    let mut out = vec![
        TableRow::new(
            headers
                .iter()
                .zip(&widths)
                .map(|(h, w)| head(h, *w))
                .collect(),
        )
        .row_height(HEADER_HEIGHT),
    ];
    for row in rows {
        out.push(
            TableRow::new(
                row.iter()
                    .zip(&widths)
                    .map(|(t, w)| cell(t, false, *w))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

fn document() -> Docx {
    let margin = PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1134)
        .right(1134);
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margin)
        .footer(page_numbers())
}

/// The cover and list's document.
fn cover(data: &Ledger) -> Result<Vec<u8>> {
    let doc = document()
        .add_paragraph(title(&super::ledger::title(&data.unit)))
        .add_paragraph(text(&format!("单位：{}", data.unit), false))
        .add_paragraph(text(
            &format!(
                "期间：{}（{} 至 {}）",
                data.period.label,
                dates::iso(data.period.from),
                dates::iso(data.period.to)
            ),
            false,
        ))
        .add_paragraph(text(&format!("范围：{}", data.scope), false))
        .add_paragraph(text(
            &format!("编制日期：{}", dates::chinese(data.compiled)),
            false,
        ))
        .add_paragraph(text("", false))
        .add_paragraph(text(&data.parts()[0], true))
        .add_table(table(&LIST_HEADERS, &LIST_WIDTHS, &data.list_rows()));
    pack(doc)
}

/// The trainings' document: one row per training, its attendees in the last cell.
fn trainings(data: &Ledger) -> Result<Vec<u8>> {
    let rows: Vec<Vec<String>> = data
        .trainings
        .iter()
        .map(|t| {
            vec![
                dates::iso(t.date),
                t.topic.clone(),
                t.organizer.clone(),
                t.trainer.clone(),
                t.hours.to_string(),
                format!("{} 人：{}", t.attendees.len(), t.attendees.join("、")),
            ]
        })
        .collect();
    let doc = document()
        .add_paragraph(title(&data.parts()[2]))
        .add_paragraph(text(&data.period.label, false))
        .add_table(table(
            &["日期", "主题", "组织单位", "授课人", "学时", "参加人员"],
            &[0.12, 0.2, 0.16, 0.1, 0.07, 0.35],
            &rows,
        ));
    pack(doc)
}

fn section(data: &Ledger, heading: &str, s: &Section) -> Result<Vec<u8>> {
    let doc = document()
        .add_paragraph(title(heading))
        .add_paragraph(text(&data.period.label, false))
        .add_table(table(&s.headers, &s.widths, &s.rows));
    pack(doc)
}

/// Writes the 台账 as Word files into the new folder `out`; returns how many files.
/// `progress` gets the share done and returns false to stop (nothing is left then).
pub fn write_folder(
    store: &Store,
    data: &Ledger,
    out: &Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<usize> {
    super::save_folder(out, |dir| fill(store, data, dir, progress))
}

fn fill(
    store: &Store,
    data: &Ledger,
    dir: &Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<usize> {
    let sheets = dir.join("活动记录表");
    std::fs::create_dir_all(&sheets).map_err(|e| {
        StoreError::Refused(format!(
            "无法建立文件夹“{}”：{}",
            sheets.display(),
            crate::store::error::io_message(&e)
        ))
    })?;
    let write = |path: PathBuf, bytes: Vec<u8>| write_in_folder(&path, &bytes);
    let parts = data.parts();
    write(
        dir.join(format!("{}.docx", file_part(&parts[0]))),
        cover(data)?,
    )?;
    let mut budget = super::ledger::PHOTO_BUDGET;
    let n = data.activities.len().max(1) as f32;
    for (i, a) in data.activities.iter().enumerate() {
        if !progress(0.9 * i as f32 / n) {
            return Err(StoreError::Cancelled);
        }
        let sheet = sheet(store, &a.id, &mut budget)?;
        let name = format!(
            "{:03} {} {}.docx",
            i + 1,
            dates::iso(a.date),
            file_part(&a.title)
        );
        write(
            sheets.join(name),
            super::activity_record_docx::docx(&sheet)?,
        )?;
    }
    write(
        dir.join(format!("{}.docx", file_part(&parts[2]))),
        trainings(data)?,
    )?;
    for (i, s) in data.sections.iter().enumerate() {
        let heading = &parts[3 + i];
        write(
            dir.join(format!("{}.docx", file_part(heading))),
            section(data, heading, s)?,
        )?;
    }
    Ok(2 + data.sections.len() + data.activities.len())
}
