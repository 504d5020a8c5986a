//! 活动记录表: one activity on A4 portrait — what it was (name, category, key date, date and
//! time, place, organiser, team, leader, who was served and how many, what was done, what came
//! of it, publicity), then its participants as a table (序号, 姓名, 志愿者编号, 服务时长, 备注;
//! the header repeated on every page, no row split, the total at the end), the materials kept
//! (留存资料) by name, and the lines for 记录人, 负责人签字 and the date. PDF for printing and
//! fax, DOCX for those who edit.

use std::path::Path;
use std::sync::Arc;

use super::flow::{Flow, Grid, PAD};
use super::pdf::{self, A4, MM, Metrics, Op, line_height};
use crate::domain::dates;
use crate::domain::hours::Tenths;
use crate::store::activities::Activity;
use crate::store::paperwork::Attachment;
use crate::store::participants::RecordLine;
use crate::store::teams::Team;
use crate::store::units::Unit;
use crate::store::{Result, Store, StoreError};

/// The document's title.
pub const TITLE: &str = "志愿服务活动记录表";

/// Everything one record sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSheet {
    /// The unit keeping the ledger.
    pub unit: String,
    /// The activity.
    pub activity: Activity,
    /// 组织单位's name.
    pub organizer: String,
    /// 志愿服务队's name.
    pub team: String,
    /// The participants, by number.
    pub lines: Vec<RecordLine>,
    /// The names of the materials kept (留存资料).
    pub materials: Vec<String>,
    /// The photos among them, shown on the sheet.
    pub photos: Vec<Photo>,
    /// Pictures that could not be shown: name and why.
    pub unshown: Vec<String>,
}

/// A photo of the activity as the sheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Its file name (the caption).
    pub name: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
    /// JPEG (else PNG).
    pub jpeg: bool,
    /// Width and height in pixels.
    pub size: (u32, u32),
}

/// The largest picture put on a sheet; a bigger file is named instead.
const PHOTO_LIMIT: u64 = 20 * 1024 * 1024;

/// Reads the pictures (JPEG, PNG) among an activity's materials; those that cannot be shown
/// are named with the reason.
fn photos(store: &Store, kept: &[Attachment]) -> (Vec<Photo>, Vec<String>) {
    let mut photos = Vec::new();
    let mut unshown = Vec::new();
    for a in kept {
        let ext = Path::new(&a.file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let jpeg = matches!(ext.as_str(), "jpg" | "jpeg");
        if !jpeg && ext != "png" {
            continue;
        }
        let path = store.attachment_path(a);
        let size = std::fs::metadata(&path).map(|m| m.len());
        let bytes = match size {
            Err(_) => {
                unshown.push(format!("{}（文件缺失）", a.file_name));
                continue;
            }
            Ok(n) if n > PHOTO_LIMIT => {
                unshown.push(format!("{}（超过 20 MB）", a.file_name));
                continue;
            }
            Ok(_) => match std::fs::read(&path) {
                Ok(b) => Arc::new(b),
                Err(_) => {
                    unshown.push(format!("{}（无法读取）", a.file_name));
                    continue;
                }
            },
        };
        match pdf::picture(&bytes, jpeg) {
            Ok(image) => photos.push(Photo {
                name: a.file_name.clone(),
                bytes,
                jpeg,
                size: image.size(),
            }),
            Err(_) => unshown.push(format!("{}（不是可显示的图片）", a.file_name)),
        }
    }
    (photos, unshown)
}

/// Reads an activity's record sheet.
pub fn collect(store: &Store, activity_id: &str) -> Result<RecordSheet> {
    let activity: Activity = store.get(activity_id)?;
    let name_of_unit = |id: &Option<String>| -> String {
        id.as_deref()
            .and_then(|id| store.get::<Unit>(id).ok())
            .map(|u| u.name)
            .unwrap_or_default()
    };
    let team = activity
        .team_id
        .as_deref()
        .and_then(|id| store.get::<Team>(id).ok())
        .map(|t| t.name)
        .unwrap_or_default();
    let kept = store.attachments_of("activities", activity_id)?;
    let (photos, unshown) = photos(store, &kept);
    Ok(RecordSheet {
        unit: store.unit_name()?.unwrap_or_default(),
        organizer: name_of_unit(&activity.organizer_id),
        team,
        lines: store.activity_record_lines(activity_id)?,
        materials: kept.into_iter().map(|a| a.file_name).collect(),
        photos,
        unshown,
        activity,
    })
}

impl RecordSheet {
    /// The fields above the participants: label and value.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let a = &self.activity;
        let or_dash = |s: &str| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                s.to_string()
            }
        };
        let time = match (a.start_time.trim(), a.end_time.trim()) {
            ("", "") => String::new(),
            (s, "") => format!(" {s}"),
            (s, e) => format!(" {s}—{e}"),
        };
        let status = if a.status == "已完成" {
            String::new()
        } else {
            format!("（{}）", a.status)
        };
        vec![
            ("活动名称", a.title.clone()),
            ("类别", or_dash(&a.category)),
            ("重要时间节点", or_dash(&a.key_date)),
            (
                "日期和时间",
                format!(
                    "{} {}{time}{status}",
                    dates::chinese(a.date),
                    dates::weekday_name(a.date)
                ),
            ),
            ("地点", or_dash(&a.location)),
            ("组织单位", or_dash(&self.organizer)),
            ("志愿服务队", or_dash(&self.team)),
            ("负责人", or_dash(&a.leader)),
            ("服务对象", or_dash(&a.beneficiaries)),
            ("服务对象人次", a.served_count.to_string()),
            ("服务内容", or_dash(&a.content)),
            ("活动成效", or_dash(&a.outcome)),
            ("宣传报道", or_dash(&a.publicity)),
        ]
    }

    /// The total of the participants' hours.
    pub fn total(&self) -> Tenths {
        Tenths(self.lines.iter().map(|l| l.hours.0).sum())
    }

    /// The participants' table: header, then one row per person, then the total.
    pub fn rows(&self) -> Vec<[String; 5]> {
        let mut rows: Vec<[String; 5]> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                [
                    (i + 1).to_string(),
                    l.name.clone(),
                    l.number.clone(),
                    l.hours.to_string(),
                    l.remark.clone(),
                ]
            })
            .collect();
        rows.push([
            String::new(),
            "合计".into(),
            format!("{} 人", self.lines.len()),
            self.total().to_string(),
            String::new(),
        ]);
        rows
    }

    /// The line naming the materials kept.
    pub fn materials_line(&self) -> String {
        if self.materials.is_empty() {
            "留存资料：无".into()
        } else {
            format!(
                "留存资料（{} 份）：{}",
                self.materials.len(),
                self.materials.join("、")
            )
        }
    }

    /// The line naming pictures that could not be shown, if any.
    pub fn unshown_line(&self) -> Option<String> {
        (!self.unshown.is_empty()).then(|| format!("未能显示的照片：{}", self.unshown.join("、")))
    }

    /// The lines to sign, with the recorder's name when there is one.
    pub fn sign_line(&self) -> String {
        let recorder = if self.activity.recorder.trim().is_empty() {
            "__________".to_string()
        } else {
            self.activity.recorder.clone()
        };
        format!("记录人：{recorder}　　负责人签字：__________　　日期：______年____月____日")
    }
}

/// Headers of the participants' table.
pub const HEADERS: [&str; 5] = ["序号", "姓名", "志愿者编号", "服务时长（小时）", "备注"];

const BODY: f32 = 10.5;
const SMALL: f32 = 9.0;

/// The PDF's bytes.
pub fn pdf(data: &RecordSheet) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let mut f = Flow::new(&m, A4, 20.0 * MM, line_height(BODY) + 6.0);
    lay_out(&mut f, data);
    pdf::render(&f.finish(BODY), A4)
}

/// Lays the sheet out from the cursor on.
pub fn lay_out(f: &mut Flow<'_, '_>, data: &RecordSheet) {
    f.centred(18.0, true, TITLE);
    f.gap(4.0);
    f.line(BODY, false, &format!("单位：{}", data.unit));
    f.gap(4.0);

    // The fields: label and value, each row whole on a page.
    let fields = Grid {
        headers: &[],
        widths: &[0.2, 0.8],
        centred: &[true, false],
        size: BODY,
    };
    for (label, value) in data.fields() {
        f.field(&fields, label, &value);
    }
    f.gap(8.0);

    // The participants, the header on every page.
    f.need(3.0 * line_height(BODY) + 4.0 * PAD);
    f.line(
        BODY,
        true,
        &format!(
            "参与志愿者（{} 人，服务时长合计 {} 小时）",
            data.lines.len(),
            data.total()
        ),
    );
    f.gap(4.0);
    let grid = Grid {
        headers: &HEADERS,
        widths: &[0.08, 0.18, 0.2, 0.22, 0.32],
        centred: &[true, true, true, true, false],
        size: BODY,
    };
    f.table(&grid, data.rows().into_iter().map(Vec::from));
    f.gap(10.0);

    // The photos, two to a row, two rows to a page, each with its name under it.
    if !data.photos.is_empty() {
        let (left, width) = (f.left, f.width);
        let gap = 6.0 * MM;
        let (box_w, box_h) = ((width - gap) / 2.0, 95.0 * MM);
        let caption = line_height(SMALL) + 4.0;
        let fit = |(pw, ph): (u32, u32)| {
            let scale = (box_w / pw.max(1) as f32).min(box_h / ph.max(1) as f32);
            (pw as f32 * scale, ph as f32 * scale)
        };
        f.need(line_height(BODY) + 40.0 * MM);
        f.line(BODY, true, &format!("活动照片（{} 张）", data.photos.len()));
        f.gap(4.0);
        for pair in data.photos.chunks(2) {
            let row_h = pair.iter().map(|p| fit(p.size).1).fold(0.0, f32::max) + caption;
            f.need(row_h);
            let y = f.y;
            for (i, p) in pair.iter().enumerate() {
                let (w, h) = fit(p.size);
                let x = left + i as f32 * (box_w + gap) + (box_w - w) / 2.0;
                f.ops.push(Op::Image {
                    x,
                    y,
                    w,
                    h,
                    bytes: p.bytes.clone(),
                    jpeg: p.jpeg,
                });
                let mut name =
                    f.m.wrap(&p.name, SMALL, false, box_w)
                        .into_iter()
                        .next()
                        .unwrap_or_default();
                if name != p.name {
                    name.push('…');
                }
                let cx = left
                    + i as f32 * (box_w + gap)
                    + (box_w - f.m.width(&name, SMALL, false)) / 2.0;
                pdf::text(&mut f.ops, (cx, y + h + 2.0), SMALL, false, &name);
            }
            f.gap(row_h + 4.0);
        }
        f.gap(6.0);
    }

    // Materials and signatures, kept together.
    let mut materials = f.m.wrap(&data.materials_line(), BODY, false, f.width);
    if let Some(line) = data.unshown_line() {
        materials.extend(f.m.wrap(&line, BODY, false, f.width));
    }
    f.need((materials.len() as f32 + 3.0) * (line_height(BODY) + 6.0));
    for line in materials {
        f.line(BODY, false, &line);
    }
    f.gap(2.0 * line_height(BODY));
    f.line(BODY, false, &data.sign_line());
}

/// Writes the record sheet as .pdf or .docx (by the name's extension); a failure leaves no
/// file.
pub fn write(data: &RecordSheet, out: &Path) -> Result<()> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "pdf" => pdf(data)?,
        "docx" => super::activity_record_docx::docx(data)?,
        _ => {
            return Err(StoreError::Refused(format!(
                "活动记录表只能导出为 PDF 或 Word 文件：“{}”的扩展名应为 .pdf 或 .docx",
                out.display()
            )));
        }
    };
    super::save(out, &bytes)
}
