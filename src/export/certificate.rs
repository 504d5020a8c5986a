//! 志愿服务记录证明 as PDF (民发〔2015〕149号's four blocks): the volunteer's identity, the
//! service over the period with the list of activities and hours, the issuer with 负责人 and
//! 经办人, and the number, date and remark; a space for the stamp and lines to sign. A4
//! portrait, pure black, the list's header repeated on every page and no row split.

use std::path::Path;

use super::pdf::{self, A4, MM, Metrics, Op, line_height};
use crate::domain::dates::chinese;
use crate::store::Result;
use crate::store::certificates::CertificateData;

const BODY: f32 = 12.0;
const SMALL: f32 = 10.5;
const PAD: f32 = 4.0;

/// The certificate's PDF bytes.
pub fn pdf(data: &CertificateData) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let c = &data.certificate;
    let margin = 20.0 * MM;
    let left = margin;
    let width = A4.0 - 2.0 * margin;
    let bottom = A4.1 - margin - line_height(SMALL) - 6.0;
    let mut pages: Vec<Vec<Op>> = Vec::new();
    let mut ops = Vec::new();
    let mut y = margin;
    let title = "志愿服务记录证明";
    let tw = m.width(title, 22.0, true);
    pdf::text(&mut ops, (left + (width - tw) / 2.0, y), 22.0, true, title);
    y += line_height(22.0) + 6.0;
    let serial = format!("证明编号：{}", c.serial);
    pdf::text(
        &mut ops,
        (left + width - m.width(&serial, BODY, false), y),
        BODY,
        false,
        &serial,
    );
    y += line_height(BODY) + 8.0;

    // 一、志愿者基本信息
    pdf::text(&mut ops, (left, y), BODY, true, "一、志愿者基本信息");
    y += line_height(BODY) + 4.0;
    let cols = [0.18, 0.32, 0.18, 0.32].map(|f| f * width);
    let rh = line_height(BODY) + 2.0 * PAD;
    for row in [
        [
            "姓名",
            data.name.as_str(),
            "志愿者编号",
            data.number.as_str(),
        ],
        [
            "证件类型",
            data.id_type.as_str(),
            "证件号码",
            data.id_number.as_str(),
        ],
    ] {
        let mut x = left;
        for (i, (t, w)) in row.iter().zip(cols).enumerate() {
            pdf::cell(
                &mut ops,
                &m,
                (x, y, w, rh),
                t,
                (BODY, i % 2 == 0),
                PAD,
                i % 2 == 0,
                true,
            );
            x += w;
        }
        y += rh;
    }
    y += 10.0;

    // 二、志愿服务情况
    pdf::text(&mut ops, (left, y), BODY, true, "二、志愿服务情况");
    y += line_height(BODY) + 4.0;
    let summary = format!(
        "该志愿者于{}至{}期间参加志愿服务活动 {} 次，累计服务时长 {} 小时（不含往返路途时间）。",
        chinese(c.period_from),
        chinese(c.period_to),
        data.services.len(),
        c.hours
    );
    for line in m.wrap(&summary, BODY, false, width) {
        pdf::text(&mut ops, (left, y), BODY, false, &line);
        y += line_height(BODY);
    }
    y += 4.0;
    let widths = [0.07, 0.15, 0.34, 0.17, 0.13, 0.14].map(|f| f * width);
    let head = [
        "序号",
        "日期",
        "活动名称",
        "地点",
        "服务内容",
        "时长（小时）",
    ];
    let draw_head = |ops: &mut Vec<Op>, y: f32| -> f32 {
        let h = line_height(SMALL) + 2.0 * PAD;
        let mut x = left;
        for (t, w) in head.iter().zip(widths) {
            pdf::cell(ops, &m, (x, y, w, h), t, (SMALL, true), PAD, true, true);
            x += w;
        }
        h
    };
    y += draw_head(&mut ops, y);
    let rows: Vec<[String; 6]> = data
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            [
                (i + 1).to_string(),
                crate::domain::dates::iso(s.date),
                s.title.clone(),
                s.location.clone(),
                s.category.clone(),
                s.hours.to_string(),
            ]
        })
        .chain(std::iter::once([
            String::new(),
            String::new(),
            "合计".to_string(),
            String::new(),
            String::new(),
            c.hours.to_string(),
        ]))
        .collect();
    for row in &rows {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(t, w)| m.wrap(t, SMALL, false, w - 2.0 * PAD).len())
            .max()
            .unwrap_or(1);
        let h = lines as f32 * line_height(SMALL) + 2.0 * PAD;
        if y + h > bottom {
            pages.push(std::mem::take(&mut ops));
            y = margin;
            y += draw_head(&mut ops, y);
        }
        let mut x = left;
        for (i, (t, w)) in row.iter().zip(widths).enumerate() {
            let centre = matches!(i, 0 | 1 | 5);
            pdf::cell(
                &mut ops,
                &m,
                (x, y, w, h),
                t,
                (SMALL, false),
                PAD,
                centre,
                true,
            );
            x += w;
        }
        y += h;
    }
    y += 10.0;

    // 三、出具单位 and 四、证明编号、出具日期、备注, with the stamp and signatures — together.
    let remark = if c.remark.is_empty() {
        "无"
    } else {
        c.remark.as_str()
    };
    let lines = [
        ("三、出具单位", true),
        (&*format!("出具单位：{}", data.issuer), false),
        (
            &*format!(
                "负责人：{}　　经办人：{}　　联系电话：{}",
                c.leader, c.handler, data.issuer_phone
            ),
            false,
        ),
        ("四、其他", true),
        (
            &*format!(
                "证明编号：{}　　出具日期：{}",
                c.serial,
                chinese(c.issued_on)
            ),
            false,
        ),
        (&*format!("备注：{remark}"), false),
        ("特此证明。", false),
    ]
    .map(|(t, b)| (t.to_string(), b));
    let stamp = 36.0 * MM;
    let tail = lines.len() as f32 * (line_height(BODY) + 4.0) + stamp + 2.0 * line_height(BODY);
    if y + tail > bottom {
        pages.push(std::mem::take(&mut ops));
        y = margin;
    }
    for (t, bold) in &lines {
        for line in m.wrap(t, BODY, *bold, width) {
            pdf::text(&mut ops, (left, y), BODY, *bold, &line);
            y += line_height(BODY);
        }
        y += 4.0;
    }
    // The stamp goes over the issuer's name at the right, with the date under it.
    let seal = "出具单位（盖章）";
    let sx = left + width - stamp - m.width(seal, BODY, false) / 2.0;
    pdf::text(&mut ops, (sx, y + stamp / 2.0), BODY, false, seal);
    let date = chinese(c.issued_on);
    pdf::text(
        &mut ops,
        (sx, y + stamp / 2.0 + line_height(BODY) + 4.0),
        BODY,
        false,
        &date,
    );
    y += stamp + line_height(BODY);
    let sign = "负责人（签字）：________________　　经办人（签字）：________________";
    pdf::text(&mut ops, (left, y), BODY, false, sign);
    pages.push(ops);
    pdf::number_pages(
        &mut pages,
        &m,
        (left, width, A4.1 - margin - line_height(SMALL)),
        SMALL,
    );
    pdf::render(&pages, A4)
}

/// Writes the certificate beside `out` and renames it, so a failure leaves no half file.
pub fn write(data: &CertificateData, out: &Path) -> Result<()> {
    super::save(out, &pdf(data)?)
}
