//! 工作总结 (上半年 / 全年) written from the records: 一、基本情况 with the figures, 二、主要工作
//! 及成效 by category, 学雷锋志愿服务日, key dates and training, 三、存在的问题 and 四、下一步
//! 工作打算 (the clerk's text kept with the period, or sentences from the gaps), the unit and
//! date at the end, and an appendix of statistics. Laid out as a 公文 (GB/T 9704) in PDF here and
//! in DOCX in `summary_docx`.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::pdf::{self, Faces, MM, Metrics, Op};
use crate::domain::categories::CATEGORIES;
use crate::domain::dates::chinese;
use crate::domain::period::Period;
use crate::domain::prose;
use crate::store::report::Report;
use crate::store::{Result, Store, StoreError};

/// The sections the clerk writes (or corrects), kept per period.
pub const EDITABLE: [&str; 2] = ["存在的问题", "下一步工作打算"];

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// 一、… (黑体).
    Heading(String),
    /// （一）… (楷体).
    Subheading(String),
    /// A paragraph, first line indented two characters.
    Paragraph(String),
}

/// Everything the summary shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryDoc {
    /// 某某街道2026年上半年志愿服务工作总结
    pub title: String,
    /// The blocks of the body.
    pub blocks: Vec<Block>,
    /// 本单位
    pub unit: String,
    /// The date under the unit.
    pub date: NaiveDate,
    /// The appendix: category, activities, 人次, hours.
    pub appendix: Vec<[String; 4]>,
}

/// The period key the narratives are kept under (2026H1, 2026).
pub fn period_key(period: &Period) -> String {
    if period.from.month() == 1 && period.to.month() == 6 && period.to.day() == 30 {
        format!("{}H1", period.from.year())
    } else {
        format!("{}", period.from.year())
    }
}

/// The clerk's text of a section for a period, if saved.
pub fn narrative(store: &Store, key: &str, section: &str) -> Result<Option<String>> {
    store.narrative(key, section)
}

/// Sentences for 存在的问题 from the gaps of the report, judged on the months over by `today`.
fn problems(r: &Report, today: NaiveDate) -> String {
    use crate::domain::period::monthly_average;
    let months: Vec<String> = r.by_month.iter().map(|m| m.month.clone()).collect();
    let short: Vec<&str> = CATEGORIES
        .iter()
        .map(|c| c.name)
        .filter(|c| {
            // Only the unit's own duties are named as problems.
            let row = r.matrix.get(*c).cloned().unwrap_or_default();
            r.duties.iter().any(|d| d == c)
                && monthly_average(&row, &months, today).is_some_and(|a| a < 1.0)
        })
        .collect();
    let leifeng_duty = r
        .duties
        .iter()
        .any(|d| d == crate::domain::activity::LEI_FENG_DAY);
    let missed = r
        .leifeng_days
        .iter()
        .filter(|l| leifeng_duty && !l.held && l.date < today)
        .count();
    let mut parts = Vec::new();
    if !short.is_empty() {
        parts.push(format!(
            "{}等类别活动开展不够经常，未达到平均每月至少一次的要求",
            short.join("、")
        ));
    }
    if missed > 0 {
        parts.push(format!("有 {missed} 个月未开展学雷锋志愿服务日活动"));
    }
    if r.without_materials > 0 {
        parts.push(format!(
            "关爱系列、精准扶贫乡村振兴活动中有 {} 场未留存资料",
            r.without_materials
        ));
    }
    if parts.is_empty() {
        "志愿服务活动的形式和内容还需进一步丰富，志愿者的培训和激励还需加强。".into()
    } else {
        let numbered: Vec<String> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{}是{p}", ["一", "二", "三"][i.min(2)]))
            .collect();
        format!("{}。", numbered.join("；"))
    }
}

/// The summary of a period as of `today`.
pub fn build(store: &Store, period: &Period, today: NaiveDate) -> Result<SummaryDoc> {
    let r = store.report(period)?;
    let unit = store.unit_name()?.unwrap_or_default();
    let key = period_key(period);
    let mut blocks = vec![Block::Heading("一、基本情况".into())];
    blocks.push(Block::Paragraph(format!(
        "{}，{unit}共开展志愿服务活动 {} 场，参与志愿者 {} 人、{} 人次，累计服务时长 {} 小时，服务群众 {} 人次。新登记志愿者 {} 名，报送信息 {} 条、被采用 {} 条。",
        r.period,
        r.activities,
        r.volunteers,
        r.participations,
        prose::hours(r.hours),
        r.served,
        r.new_volunteers,
        r.reports_sent,
        r.reports_adopted
    )));
    blocks.push(Block::Heading("二、主要工作及成效".into()));
    blocks.push(Block::Subheading("（一）深化专业志愿服务".into()));
    for c in CATEGORIES {
        let Some(f) = r.by_category.get(c.name).filter(|f| f.activities > 0) else {
            continue;
        };
        let notable = store.notable_activities(c.name, period.from, period.to, 2)?;
        let examples = if notable.is_empty() {
            String::new()
        } else {
            format!(
                "，如{}",
                notable
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        };
        blocks.push(Block::Paragraph(format!(
            "{}志愿服务：开展活动 {} 场，参与 {} 人次，服务时长 {} 小时{examples}。",
            c.name,
            f.activities,
            f.participations,
            prose::hours(f.hours)
        )));
    }
    blocks.push(Block::Subheading("（二）常态化开展学雷锋志愿服务日".into()));
    let held = r.leifeng_days.iter().filter(|l| l.held).count();
    let leifeng = r
        .by_category
        .get("学雷锋志愿服务日")
        .copied()
        .unwrap_or_default();
    blocks.push(Block::Paragraph(format!(
        "坚持每月第二个星期六开展学雷锋志愿服务日活动，{} 个月中有 {held} 个月开展，共 {} 场、{} 人次、{} 小时。",
        r.leifeng_days.len(),
        leifeng.activities,
        leifeng.participations,
        prose::hours(leifeng.hours)
    )));
    // The notice's other regular work, in its own paragraph.
    let regular: Vec<String> = [
        "文明劝导",
        "邻里守望",
        "机关干部志愿服务",
        "文明单位志愿服务",
    ]
    .iter()
    .filter_map(|name| {
        let f = r.by_category.get(*name).filter(|f| f.activities > 0)?;
        Some(format!(
            "{name}{}场、{}人次、{}小时",
            f.activities,
            f.participations,
            prose::hours(f.hours)
        ))
    })
    .collect();
    blocks.push(Block::Paragraph(if regular.is_empty() {
        "文明劝导、邻里守望、机关干部志愿服务和文明单位志愿服务本期未登记活动。".into()
    } else {
        format!(
            "常态化开展文明劝导、邻里守望、机关干部和文明单位志愿服务：{}。",
            regular.join("，")
        )
    }));
    blocks.push(Block::Subheading(
        "（三）围绕重要时间节点开展主题活动".into(),
    ));
    let keys = store.key_date_activities(period.from, period.to)?;
    blocks.push(Block::Paragraph(if keys.is_empty() {
        "本期未登记重要时间节点主题活动。".into()
    } else {
        format!(
            "围绕{}等重要时间节点开展主题志愿服务活动 {} 场。",
            keys.iter()
                .map(|(k, n)| format!("{k}（{n} 场）"))
                .collect::<Vec<_>>()
                .join("、"),
            keys.iter().map(|k| k.1).sum::<i64>()
        )
    }));
    blocks.push(Block::Subheading(
        "（四）加强志愿者培训和先进典型培育".into(),
    ));
    blocks.push(Block::Paragraph(format!(
        "开展志愿者培训 {} 次、参训志愿者 {} 人次、{} 学时，其中5月志愿服务培训月开展培训 {} 次、参训志愿者 {} 人次；选树先进典型 {} 个。",
        r.trainings,
        r.training_attendees,
        prose::hours(r.training_hours),
        r.may_trainings,
        r.may_attendees,
        r.honors
    )));
    for (n, section) in ["三、", "四、"].iter().zip(EDITABLE) {
        blocks.push(Block::Heading(format!("{n}{section}")));
        let text = match narrative(store, &key, section)? {
            Some(t) if !t.trim().is_empty() => t,
            _ if section == "存在的问题" => problems(&r, today),
            _ => "进一步健全志愿服务常态化机制，突出专业志愿服务，加强志愿者招募、培训和激励，做好志愿服务记录和信息报送。".into(),
        };
        for para in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            blocks.push(Block::Paragraph(para.to_string()));
        }
    }
    let mut appendix: Vec<[String; 4]> = CATEGORIES
        .iter()
        .map(|c| c.name)
        .chain([
            "学雷锋志愿服务日",
            "文明劝导",
            "邻里守望",
            "机关干部志愿服务",
            "文明单位志愿服务",
            "其他",
        ])
        .filter_map(|name| {
            let f = r.by_category.get(name)?;
            Some([
                name.to_string(),
                f.activities.to_string(),
                f.participations.to_string(),
                f.hours.to_string(),
            ])
        })
        .collect();
    appendix.push([
        "合计".into(),
        r.activities.to_string(),
        r.participations.to_string(),
        r.hours.to_string(),
    ]);
    // Prose as printed: no space beside Chinese characters, nested quotation marks.
    let blocks = blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(t) => Block::Heading(prose::tidy(&t)),
            Block::Subheading(t) => Block::Subheading(prose::tidy(&t)),
            Block::Paragraph(t) => Block::Paragraph(prose::tidy(&t)),
        })
        .collect();
    Ok(SummaryDoc {
        title: format!("{unit}{}志愿服务工作总结", r.period),
        blocks,
        unit,
        date: today,
        appendix,
    })
}

/// The 公文 page: A4, top 37 mm, left 28 mm, a text block of 156 × 225 mm; 22 lines of 28
/// characters at 3号 (16 pt).
pub mod layout {
    use super::MM;
    /// Left edge of the text block.
    pub const LEFT: f32 = 28.0 * MM;
    /// Top edge of the text block.
    pub const TOP: f32 = 37.0 * MM;
    /// Width of the text block.
    pub const WIDTH: f32 = 156.0 * MM;
    /// Height of the text block.
    pub const HEIGHT: f32 = 225.0 * MM;
    /// Lines a page.
    pub const LINES: usize = 22;
    /// Characters a full line.
    pub const CHARS: usize = 28;
    /// 3号.
    pub const BODY: f32 = 16.0;
    /// 2号.
    pub const TITLE: f32 = 22.0;
    /// 4号, for page numbers.
    pub const FOLIO: f32 = 14.0;
    /// The line pitch.
    pub const PITCH: f32 = HEIGHT / LINES as f32;
    /// The pitch of a character (the block holds 28 to a line).
    pub const CHAR: f32 = WIDTH / CHARS as f32;
}

/// One line of text placed character by character at the 公文 pitch: a Chinese character takes
/// one pitch, a Latin letter or digit its own width scaled alike.
fn place(ops: &mut Vec<Op>, m: &Metrics<'_>, x: f32, y: f32, text: &str, size: f32, bold: bool) {
    let scale = layout::CHAR / layout::BODY;
    let mut cx = x;
    for c in text.chars() {
        let s = c.to_string();
        let w = m.width(&s, size, bold) * scale;
        ops.push(Op::Text {
            x: cx,
            y,
            size,
            bold,
            text: s,
        });
        cx += w;
    }
}

/// Breaks `text` into lines of the text block at the 公文 pitch (`indent` characters first).
fn lines(m: &Metrics<'_>, text: &str, indent: usize, bold: bool) -> Vec<String> {
    let scale = layout::CHAR / layout::BODY;
    let body = format!("{}{text}", "\u{3000}".repeat(indent));
    m.wrap(&body, layout::BODY, bold, layout::WIDTH / scale + 0.01)
}

/// The summary as PDF in `faces`.
pub fn pdf(doc: &SummaryDoc, faces: &Faces) -> Result<Vec<u8>> {
    let m = Metrics::of(faces)?;
    pdf::render_with(&pages(doc, &m), pdf::A4, faces)
}

/// The summary's pages as drawing operations.
pub fn pages(doc: &SummaryDoc, m: &Metrics<'_>) -> Vec<Vec<Op>> {
    use layout::*;
    let mut pages: Vec<Vec<Op>> = vec![Vec::new()];
    let mut line = 0usize;
    let push_line = |pages: &mut Vec<Vec<Op>>, line: &mut usize, f: &dyn Fn(&mut Vec<Op>, f32)| {
        if *line >= LINES {
            pages.push(Vec::new());
            *line = 0;
        }
        let y = TOP + *line as f32 * PITCH + (PITCH - line_box(BODY)) / 2.0;
        if let Some(page) = pages.last_mut() {
            f(page, y);
        }
        *line += 1;
    };
    // The title, centred, then an empty line. Too long for one line, it breaks after the
    // unit's name (between words, never inside 工作); a name too long for a line wraps.
    let title_lines = if m.width(&doc.title, TITLE, true) <= WIDTH {
        vec![doc.title.clone()]
    } else if let Some(rest) = doc
        .title
        .strip_prefix(&doc.unit)
        .filter(|_| !doc.unit.is_empty())
    {
        let mut v = m.wrap(&doc.unit, TITLE, true, WIDTH);
        v.extend(m.wrap(rest, TITLE, true, WIDTH));
        v
    } else {
        m.wrap(&doc.title, TITLE, true, WIDTH)
    };
    for t in title_lines {
        let w = m.width(&t, TITLE, true);
        push_line(&mut pages, &mut line, &|ops, y| {
            ops.push(Op::Text {
                x: LEFT + (WIDTH - w) / 2.0,
                y: y - (TITLE - BODY) / 2.0,
                size: TITLE,
                bold: true,
                text: t.clone(),
            });
        });
    }
    push_line(&mut pages, &mut line, &|_, _| {});
    for block in &doc.blocks {
        let (text, bold) = match block {
            Block::Heading(t) => (t.as_str(), true),
            Block::Subheading(t) | Block::Paragraph(t) => (t.as_str(), false),
        };
        for l in lines(m, text, 2, bold) {
            push_line(&mut pages, &mut line, &|ops, y| {
                place(ops, m, LEFT, y, &l, BODY, bold)
            });
        }
    }
    // The unit and the date, right-aligned with four characters to spare.
    push_line(&mut pages, &mut line, &|_, _| {});
    for t in [doc.unit.clone(), chinese(doc.date)] {
        let w = t.chars().count() as f32 * CHAR;
        push_line(&mut pages, &mut line, &|ops, y| {
            place(ops, m, LEFT + WIDTH - w - 4.0 * CHAR, y, &t, BODY, false)
        });
    }
    // The appendix of statistics on its own page.
    pages.push(Vec::new());
    line = 0;
    push_line(&mut pages, &mut line, &|ops, y| {
        place(ops, m, LEFT, y, "附件", BODY, true)
    });
    let title = "志愿服务活动分类统计表";
    let tw = m.width(title, BODY, true);
    push_line(&mut pages, &mut line, &|ops, y| {
        ops.push(Op::Text {
            x: LEFT + (WIDTH - tw) / 2.0,
            y,
            size: BODY,
            bold: true,
            text: title.into(),
        })
    });
    let widths = [0.4, 0.2, 0.2, 0.2].map(|f| f * WIDTH);
    let head = ["类别", "活动（场）", "参与（人次）", "时长（小时）"];
    let size = 14.0;
    let row_h = 24.0;
    let mut y = TOP + line as f32 * PITCH;
    for row in std::iter::once(head.map(String::from)).chain(doc.appendix.iter().cloned()) {
        if y + row_h > TOP + HEIGHT {
            pages.push(Vec::new());
            y = TOP;
        }
        let mut x = LEFT;
        let bold = row[0] == "类别" || row[0] == "合计";
        for (i, (t, w)) in row.iter().zip(widths).enumerate() {
            if let Some(page) = pages.last_mut() {
                pdf::cell(
                    page,
                    m,
                    (x, y, w, row_h),
                    t,
                    (size, bold),
                    4.0,
                    i > 0 || bold,
                    true,
                );
            }
            x += w;
        }
        y += row_h;
    }
    // Page numbers — 1 —: odd pages right, even pages left, under the text block.
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let t = format!("— {} —", i + 1);
        let w = m.width(&t, FOLIO, false);
        let x = if i % 2 == 0 {
            LEFT + WIDTH - w - CHAR
        } else {
            LEFT + CHAR
        };
        page.push(Op::Text {
            x,
            y: TOP + HEIGHT + 7.0 * MM,
            size: FOLIO,
            bold: false,
            text: t,
        });
    }
    let _ = total;
    pages
}

fn line_box(size: f32) -> f32 {
    pdf::line_height(size)
}

/// Writes the summary (.pdf in the 公文 faces, .docx) beside `out` and renames it.
pub fn write(doc: &SummaryDoc, out: &Path) -> Result<()> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "pdf" => pdf(doc, &Faces::gongwen())?,
        "docx" => super::summary_docx::docx(doc)?,
        _ => {
            return Err(StoreError::Refused(format!(
                "不支持的文件类型“{}”：请用 .docx 或 .pdf",
                out.display()
            )));
        }
    };
    super::save(out, &bytes)
}
