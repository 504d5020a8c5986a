//! The report's tables as an Excel workbook: 总体情况, 按类别, 按月份, 开展情况, 学雷锋日 and
//! 服务时长前20名, each with borders, widths and A4 print setup.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::domain::categories::all_activity_categories;
use crate::store::report::Report;
use crate::store::{Result, StoreError};

/// （胜利社区） after the period when the figures are one 村居's or team's.
fn scope_label(r: &Report) -> String {
    if r.scope == "本单位" {
        String::new()
    } else {
        format!("（{}）", r.scope)
    }
}

fn hours(t: crate::domain::hours::Tenths) -> f64 {
    t.0 as f64 / 10.0
}

fn table(
    sheet: &mut Worksheet,
    title: &str,
    head: &[&str],
    rows: &[Vec<Cell>],
) -> std::result::Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0");
    let big = Format::new().set_bold().set_font_size(14);
    sheet.write_with_format(0, 0, title, &big)?;
    for (c, h) in head.iter().enumerate() {
        sheet.write_with_format(1, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, if c == 0 { 22 } else { 12 })?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = ((r + 2) as u32, c as u16);
            match v {
                Cell::Text(t) => sheet.write_with_format(r, c, t.as_str(), &cell)?,
                Cell::Int(n) => sheet.write_with_format(r, c, *n as f64, &cell)?,
                Cell::Hours(h) => sheet.write_with_format(r, c, *h, &number)?,
            };
        }
    }
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(1, 1)?;
    Ok(())
}

/// A cell of a report table.
enum Cell {
    Text(String),
    Int(i64),
    Hours(f64),
}

fn build(r: &Report) -> std::result::Result<Vec<u8>, XlsxError> {
    use Cell::*;
    let mut book = Workbook::new();
    let summary = vec![
        vec![Text("活动（场）".into()), Int(r.activities)],
        vec![Text("参与（人次）".into()), Int(r.participations)],
        vec![Text("参与志愿者（人）".into()), Int(r.volunteers)],
        vec![Text("服务时长（小时）".into()), Hours(hours(r.hours))],
        vec![Text("服务对象（人次）".into()), Int(r.served)],
        vec![Text("新登记志愿者（名）".into()), Int(r.new_volunteers)],
        vec![Text("培训（次）".into()), Int(r.trainings)],
        vec![Text("参训（人次）".into()), Int(r.training_attendees)],
        vec![
            Text("培训学时（小时）".into()),
            Hours(hours(r.training_hours)),
        ],
        vec![Text("5月培训（次）".into()), Int(r.may_trainings)],
        vec![Text("5月参训（人次）".into()), Int(r.may_attendees)],
        vec![Text("表彰（项）".into()), Int(r.honors)],
        vec![Text("信息报送（条）".into()), Int(r.reports_sent)],
        vec![Text("信息采用（条）".into()), Int(r.reports_adopted)],
        vec![
            Text("缺少留存资料的关爱、扶贫活动（场）".into()),
            Int(r.without_materials),
        ],
    ];
    let sheet = book.add_worksheet();
    sheet.set_name("总体情况")?;
    table(
        sheet,
        &format!("{}{}志愿服务统计", r.period, scope_label(r)),
        &["项目", "数量"],
        &summary,
    )?;

    let by_category: Vec<Vec<Cell>> = all_activity_categories()
        .into_iter()
        .map(|name| {
            let f = r.by_category.get(name).copied().unwrap_or_default();
            vec![
                Text(name.into()),
                Int(f.activities),
                Int(f.participations),
                Hours(hours(f.hours)),
            ]
        })
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("按类别")?;
    table(
        sheet,
        &format!("{}各类别志愿服务活动", r.period),
        &["类别", "活动（场）", "参与（人次）", "时长（小时）"],
        &by_category,
    )?;

    let by_month: Vec<Vec<Cell>> = r
        .by_month
        .iter()
        .map(|m| {
            vec![
                Text(m.month.clone()),
                Int(m.figures.activities),
                Int(m.figures.participations),
                Hours(hours(m.figures.hours)),
            ]
        })
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("按月份")?;
    table(
        sheet,
        &format!("{}各月志愿服务活动", r.period),
        &["月份", "活动（场）", "参与（人次）", "时长（小时）"],
        &by_month,
    )?;

    let months: Vec<String> = r.by_month.iter().map(|m| m.month.clone()).collect();
    let mut head: Vec<&str> = vec!["类别"];
    head.extend(months.iter().map(String::as_str));
    head.push("合计");
    let matrix: Vec<Vec<Cell>> = r
        .matrix
        .iter()
        .map(|(name, row)| {
            let mut cells = vec![Text(name.clone())];
            cells.extend(row.iter().map(|n| Int(*n)));
            cells.push(Int(row.iter().sum()));
            cells
        })
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("开展情况")?;
    table(
        sheet,
        &format!("{}专业志愿服务各月活动数（每类平均每月至少一次）", r.period),
        &head,
        &matrix,
    )?;

    let yes = |b: bool| Text(if b { "是" } else { "否" }.into());
    let leifeng: Vec<Vec<Cell>> = r
        .leifeng_days
        .iter()
        .map(|l| {
            vec![
                Text(l.month.clone()),
                Text(l.date.to_string()),
                yes(l.held),
                yes(l.on_day),
                yes(l.hours_ok),
            ]
        })
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("学雷锋志愿服务日")?;
    table(
        sheet,
        &format!("{}学雷锋志愿服务日", r.period),
        &[
            "月份",
            "第二个星期六",
            "是否开展",
            "是否当日",
            "是否不少于1.5小时",
        ],
        &leifeng,
    )?;

    let top: Vec<Vec<Cell>> = r
        .top_volunteers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                Int(i as i64 + 1),
                Text(t.number.clone()),
                Text(t.name.clone()),
                Hours(hours(t.hours)),
            ]
        })
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("服务时长前20名")?;
    table(
        sheet,
        &format!("{}服务时长前20名", r.period),
        &["名次", "志愿者编号", "姓名", "时长（小时）"],
        &top,
    )?;
    let groups = |g: &[crate::store::report::Group]| -> Vec<Vec<Cell>> {
        g.iter()
            .map(|g| {
                vec![
                    Text(g.name.clone()),
                    Int(g.figures.activities),
                    Int(g.figures.participations),
                    Hours(hours(g.figures.hours)),
                ]
            })
            .collect()
    };
    for (name, title, head, rows) in [
        (
            "按村居",
            "各组织单位（村居）志愿服务活动",
            "组织单位",
            groups(&r.by_unit),
        ),
        ("按队伍", "各志愿服务队伍活动", "队伍", groups(&r.by_team)),
        (
            "重要时间节点",
            "重要时间节点志愿服务活动",
            "重要时间节点",
            groups(&r.by_key_date),
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        table(
            sheet,
            &format!("{}{title}", r.period),
            &[head, "活动（场）", "参与（人次）", "时长（小时）"],
            &rows,
        )?;
    }
    let counts: Vec<Vec<Cell>> = r
        .stars
        .iter()
        .map(|c| vec![Text(format!("星级：{}", c.label)), Int(c.volunteers)])
        .chain(
            r.hour_bands
                .iter()
                .map(|c| vec![Text(format!("本期服务{}", c.label)), Int(c.volunteers)]),
        )
        .chain(std::iter::once(vec![
            Text("人均服务时长（小时）".into()),
            Hours(hours(r.hours_per_volunteer)),
        ]))
        .collect();
    let sheet = book.add_worksheet();
    sheet.set_name("志愿者星级与时长")?;
    table(
        sheet,
        &format!("{}志愿者星级与服务时长分布", r.period),
        &["项目", "人数"],
        &counts,
    )?;
    book.save_to_buffer()
}

/// Writes the workbook beside `out` and renames it.
pub fn write(r: &Report, out: &Path) -> Result<()> {
    let bytes = build(r).map_err(|e| StoreError::Refused(format!("生成 Excel 文件失败：{e}")))?;
    super::save(out, &bytes)
}
