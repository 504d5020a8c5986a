//! 签到表: for an activity not yet held, its name, date, time, place and organiser on top, then
//! rows 序号, 姓名, 志愿者编号, 联系电话 (last four digits), 签到时间, 签退时间, 服务时长, 本人签名
//! — pre-filled with the activity's listed participants or a team's members, then blank rows to
//! the end of the page (or as many as asked). PDF (A4 landscape, rows tall enough to sign in),
//! Word and Excel. A training's sheet (培训签到表) is the same, its attendees or a team listed.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use super::pdf::{self, A4, MM, Metrics, Op, line_height};
use crate::domain::dates;
use crate::store::activities::Activity;
use crate::store::records::Training;
use crate::store::teams::Team;
use crate::store::units::Unit;
use crate::store::volunteers::Volunteer;
use crate::store::{Result, Store, StoreError};

/// The document's title.
pub const TITLE: &str = "志愿服务活动签到表";

/// A training's sheet's title.
pub const TRAINING_TITLE: &str = "志愿者培训签到表";

/// The columns, with their share of the width.
pub const COLUMNS: [(&str, f32); 8] = [
    ("序号", 0.06),
    ("姓名", 0.12),
    ("志愿者编号", 0.13),
    ("联系电话（后四位）", 0.15),
    ("签到时间", 0.11),
    ("签退时间", 0.11),
    ("服务时长", 0.1),
    ("本人签名", 0.22),
];

/// One person printed on the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInLine {
    /// 姓名
    pub name: String,
    /// 志愿者编号
    pub number: String,
    /// The last four digits of the mobile.
    pub phone_tail: String,
    /// What was written in by hand after the activity: 签到时间, 签退时间, 服务时长, 本人签名
    /// (a sheet kept as material, as the example data makes); empty on a sheet to print.
    pub signed: Option<[String; 4]>,
}

/// Everything a sign-in sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInSheet {
    /// The document's title: [`TITLE`] or [`TRAINING_TITLE`].
    pub title: &'static str,
    /// The activity's or training's name.
    pub name: String,
    /// The lines under the title: what, when, where, who organises it.
    pub heading: [String; 2],
    /// Who is printed, in order.
    pub lines: Vec<SignInLine>,
    /// Blank rows asked for; `None` fills the last page.
    pub blank_rows: Option<usize>,
}

/// The last four digits of a (masked) mobile.
fn tail(masked: &str) -> String {
    let digits: Vec<char> = masked.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

/// A team's members as lines, by number.
fn team_lines(store: &Store, team_id: &str) -> Result<Vec<SignInLine>> {
    store.get::<Team>(team_id)?;
    Ok(store
        .team_members(team_id)?
        .into_iter()
        .map(|m| SignInLine {
            phone_tail: tail(&m.mobile_masked),
            name: m.name,
            number: m.number,
            signed: None,
        })
        .collect())
}

/// A unit's name, if the key names one.
fn unit_name(store: &Store, id: Option<&str>) -> String {
    id.and_then(|id| store.get::<Unit>(id).ok())
        .map(|u| u.name)
        .unwrap_or_default()
}

impl SignInSheet {
    /// An activity's sheet: its name, when and where, and who organises it (the unit keeping
    /// the ledger when none is named) on top.
    pub fn for_activity(
        unit: &str,
        a: &Activity,
        organizer: &str,
        lines: Vec<SignInLine>,
        blank_rows: Option<usize>,
    ) -> Self {
        let time = match (a.start_time.trim(), a.end_time.trim()) {
            ("", "") => String::new(),
            (s, "") => format!(" {s}"),
            (s, e) => format!(" {s}—{e}"),
        };
        SignInSheet {
            title: TITLE,
            name: a.title.clone(),
            heading: [
                format!("活动名称：{}", a.title),
                format!(
                    "日期：{} {}{time}　　地点：{}　　组织单位：{}",
                    dates::chinese(a.date),
                    dates::weekday_name(a.date),
                    a.location,
                    if organizer.is_empty() {
                        unit
                    } else {
                        organizer
                    }
                ),
            ],
            lines,
            blank_rows,
        }
    }
}

/// Reads a training's sign-in sheet (培训签到表): its attendees, or (with `team`) that team's
/// members.
pub fn collect_training(
    store: &Store,
    training_id: &str,
    team: Option<&str>,
    blank_rows: Option<usize>,
) -> Result<SignInSheet> {
    let t: Training = store.get(training_id)?;
    let lines = match team {
        Some(team_id) => team_lines(store, team_id)?,
        None => {
            let mut lines = Vec::new();
            for h in store.training_attendees(training_id)? {
                let v: Volunteer = store.get(&h.id)?;
                lines.push(SignInLine {
                    phone_tail: tail(&crate::domain::phone::mask_mobile(&v.mobile)),
                    name: h.name,
                    number: h.number,
                    signed: None,
                });
            }
            lines
        }
    };
    let unit = store.unit_name()?.unwrap_or_default();
    let organizer = unit_name(store, t.organizer_id.as_deref());
    let trainer = if t.trainer.trim().is_empty() {
        String::new()
    } else {
        format!("　　授课人：{}", t.trainer)
    };
    Ok(SignInSheet {
        title: TRAINING_TITLE,
        name: t.topic.clone(),
        heading: [
            format!("培训主题：{}　　学时：{}", t.topic, t.hours),
            format!(
                "日期：{} {}　　地点：{}　　组织单位：{}{trainer}",
                dates::chinese(t.date),
                dates::weekday_name(t.date),
                t.location,
                if organizer.is_empty() {
                    &unit
                } else {
                    &organizer
                }
            ),
        ],
        lines,
        blank_rows,
    })
}

/// Reads a sign-in sheet: the activity's listed participants, or (with `team`) that team's
/// members.
pub fn collect(
    store: &Store,
    activity_id: &str,
    team: Option<&str>,
    blank_rows: Option<usize>,
) -> Result<SignInSheet> {
    let activity: Activity = store.get(activity_id)?;
    let lines = match team {
        Some(team_id) => team_lines(store, team_id)?,
        None => store
            .activity_participants(activity_id)?
            .into_iter()
            .map(|p| SignInLine {
                phone_tail: tail(&p.mobile_masked),
                name: p.name,
                number: p.number,
                signed: None,
            })
            .collect(),
    };
    let organizer = unit_name(store, activity.organizer_id.as_deref());
    let unit = store.unit_name()?.unwrap_or_default();
    Ok(SignInSheet::for_activity(
        &unit, &activity, &organizer, lines, blank_rows,
    ))
}

impl SignInSheet {
    /// Every row: the people, then `blank` empty ones (numbered on).
    pub fn rows(&self, blank: usize) -> Vec<[String; 8]> {
        let people = self.lines.iter().enumerate().map(|(i, l)| {
            let [a, b, c, d] = l.signed.clone().unwrap_or_default();
            [
                (i + 1).to_string(),
                l.name.clone(),
                l.number.clone(),
                l.phone_tail.clone(),
                a,
                b,
                c,
                d,
            ]
        });
        let n = self.lines.len();
        let blanks = (0..blank).map(|i| {
            let mut row: [String; 8] = Default::default();
            row[0] = (n + i + 1).to_string();
            row
        });
        people.chain(blanks).collect()
    }
}

/// Rows on a PDF page (landscape, 10 mm a row) and the heights used.
const ROW: f32 = 10.0 * MM;
const BODY: f32 = 10.5;

/// How many rows fit on the first page and on each further page.
fn rows_per_page() -> (usize, usize) {
    let margin = 15.0 * MM;
    let usable = A4.0 - 2.0 * margin - line_height(BODY) - 6.0;
    let head = ROW;
    let first_top = line_height(18.0) + 6.0 + 2.0 * (line_height(BODY) + 4.0) + 4.0;
    let first = ((usable - first_top - head) / ROW).floor() as usize;
    let later = ((usable - head) / ROW).floor() as usize;
    (first.max(1), later.max(1))
}

/// The blank rows printed: as asked, or enough to fill the last page (at least a page's worth
/// when nobody is listed).
pub fn blank_rows(data: &SignInSheet) -> usize {
    if let Some(n) = data.blank_rows {
        return n;
    }
    let (first, later) = rows_per_page();
    let n = data.lines.len();
    if n < first {
        return first - n;
    }
    let rest = (n - first) % later;
    if rest == 0 { 0 } else { later - rest }
}

/// The PDF's bytes.
pub fn pdf(data: &SignInSheet) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let size = (A4.1, A4.0);
    let margin = 15.0 * MM;
    let left = margin;
    let width = size.0 - 2.0 * margin;
    let bottom = size.1 - margin - line_height(BODY) - 6.0;
    let mut pages: Vec<Vec<Op>> = Vec::new();
    let mut ops = Vec::new();
    let mut y = margin;
    let tw = m.width(data.title, 18.0, true);
    pdf::text(
        &mut ops,
        (left + (width - tw) / 2.0, y),
        18.0,
        true,
        data.title,
    );
    y += line_height(18.0) + 6.0;
    for line in &data.heading {
        pdf::text(&mut ops, (left, y), BODY, false, line);
        y += line_height(BODY) + 4.0;
    }
    y += 4.0;
    let widths = COLUMNS.map(|(_, f)| f * width);
    let draw_head = |ops: &mut Vec<Op>, y: f32| -> f32 {
        let mut x = left;
        for ((t, _), w) in COLUMNS.iter().zip(widths) {
            pdf::cell(ops, &m, (x, y, w, ROW), t, (BODY, true), 3.0, true, true);
            x += w;
        }
        ROW
    };
    y += draw_head(&mut ops, y);
    for row in data.rows(blank_rows(data)) {
        if y + ROW > bottom {
            pages.push(std::mem::take(&mut ops));
            y = margin;
            y += draw_head(&mut ops, y);
        }
        let mut x = left;
        for (t, w) in row.iter().zip(widths) {
            pdf::cell(
                &mut ops,
                &m,
                (x, y, w, ROW),
                t,
                (BODY, false),
                3.0,
                true,
                true,
            );
            x += w;
        }
        y += ROW;
    }
    pages.push(ops);
    pdf::number_pages(
        &mut pages,
        &m,
        (left, width, size.1 - margin - line_height(BODY)),
        BODY,
    );
    pdf::render(&pages, size)
}

/// The workbook's bytes: the same rows, A4 landscape, the header repeated when printed.
pub fn xlsx(data: &SignInSheet) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("签到表")?;
    let last = (COLUMNS.len() - 1) as u16;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, last, data.title, &title)?;
    let [first, second] = &data.heading;
    ws.merge_range(1, 0, 1, last, first, &Format::new())?;
    ws.merge_range(2, 0, 2, last, second, &Format::new())?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    for (c, (h, share)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, f64::from(share * 120.0))?;
    }
    ws.set_row_height(3, 30)?;
    for (r, row) in data.rows(blank_rows(data)).iter().enumerate() {
        let r = r as u32 + 4;
        ws.set_row_height(r, 28)?;
        for (c, t) in row.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, t, &cell)?;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(3, 3)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C第 &P 页 共 &N 页");
    book.save_to_buffer()
}

/// Writes the sheet as .pdf, .docx or .xlsx (by the name's extension); a failure leaves no
/// file.
pub fn write(data: &SignInSheet, out: &Path) -> Result<()> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "pdf" => pdf(data)?,
        "docx" => super::sign_in_docx::docx(data)?,
        "xlsx" => {
            xlsx(data).map_err(|e| StoreError::Refused(format!("生成 Excel 文件失败：{e}")))?
        }
        _ => {
            return Err(StoreError::Refused(format!(
                "签到表只能导出为 PDF、Word 或 Excel 文件：“{}”的扩展名应为 .pdf、.docx 或 .xlsx",
                out.display()
            )));
        }
    };
    super::save(out, &bytes)
}
