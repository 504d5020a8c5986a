//! The figures of a report as the pane draws them. Every number that stands for records is a
//! link: a click asks for the list of those records (a [`Drill`]); a volunteer's name opens the
//! volunteer.

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use crate::domain::activity::LEI_FENG_DAY;
use crate::domain::categories::all_activity_categories;
use crate::store::drill::{ActivityFilter, Drill};
use crate::store::report::{Figures, Group, HOUR_BANDS, Report};
use crate::ui::theme::palette;

/// What a click on the figures asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Clicked {
    /// The records behind a figure.
    Drill(Drill),
    /// Open a volunteer.
    Volunteer(String),
}

/// A number that opens its records.
fn link(ui: &mut egui::Ui, text: impl Into<RichText>, drill: Drill, out: &mut Option<Clicked>) {
    if ui.link(text.into()).on_hover_text("点击查看明细").clicked() {
        *out = Some(Clicked::Drill(drill));
    }
}

fn activities(f: ActivityFilter) -> Drill {
    Drill::Activities(f)
}

/// The figures of a report; returns what was clicked.
pub fn show_report(ui: &mut egui::Ui, r: &Report, today: NaiveDate) -> Option<Clicked> {
    let mut out = None;
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{}·{}：开展活动", r.period, r.scope));
        link(
            ui,
            RichText::new(r.activities.to_string()).strong(),
            activities(ActivityFilter::default()),
            &mut out,
        );
        ui.strong(format!("场，参与 {} 人次，志愿者", r.participations));
        link(
            ui,
            RichText::new(r.volunteers.to_string()).strong(),
            Drill::Served(None),
            &mut out,
        );
        ui.strong(format!(
            "人，服务时长 {} 小时（人均 {} 小时），服务对象 {} 人次。",
            r.hours, r.hours_per_volunteer, r.served
        ));
        ui.label(format!(
            "已录入平台 {} 场，未录入 {} 场。",
            r.entered,
            r.activities - r.entered
        ));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("新登记志愿者");
        link(
            ui,
            r.new_volunteers.to_string(),
            Drill::NewVolunteers,
            &mut out,
        );
        ui.label(format!(
            "名；培训 {} 次、参训志愿者 {} 人次、{} 学时，其中5月志愿服务培训月",
            r.trainings, r.training_attendees, r.training_hours
        ));
        link(
            ui,
            r.may_trainings.to_string(),
            Drill::MayTrainings,
            &mut out,
        );
        ui.label(format!("次、参训 {} 人次；表彰", r.may_attendees));
        link(ui, r.honors.to_string(), Drill::Honors, &mut out);
        ui.label("项；信息报送");
        link(
            ui,
            r.reports_sent.to_string(),
            Drill::Reports(false),
            &mut out,
        );
        ui.label("条，采用");
        link(
            ui,
            r.reports_adopted.to_string(),
            Drill::Reports(true),
            &mut out,
        );
        ui.label("条。");
    });
    if r.without_materials > 0 {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(palette::WARNING, "关爱系列、精准扶贫乡村振兴活动中有");
            link(
                ui,
                RichText::new(r.without_materials.to_string()).color(palette::WARNING),
                activities(ActivityFilter {
                    without_materials: true,
                    ..Default::default()
                }),
                &mut out,
            );
            ui.colored_label(palette::WARNING, "场没有留存资料。");
        });
    }
    ui.add_space(6.0);
    compliance(ui, r, today, &mut out);
    ui.add_space(6.0);
    charts(ui, r);
    ui.add_space(6.0);
    by_category(ui, r, &mut out);
    ui.add_space(6.0);
    groups(ui, r, &mut out);
    ui.add_space(6.0);
    volunteers(ui, r, &mut out);
    out
}

/// The fourteen categories by month: a zero in a month already over is red, and so is an
/// average below the notice's one a month; then the 学雷锋日 row.
fn compliance(ui: &mut egui::Ui, r: &Report, today: NaiveDate, out: &mut Option<Clicked>) {
    ui.strong("专业志愿服务开展情况（本单位职责按平均每月至少一次检查）");
    use crate::domain::period::{month_over, monthly_average};
    let months: Vec<(String, bool)> = r
        .by_month
        .iter()
        .map(|m| (m.month.clone(), month_over(&m.month, today)))
        .collect();
    let month_keys: Vec<String> = months.iter().map(|m| m.0.clone()).collect();
    egui::Grid::new("compliance")
        .striped(true)
        .min_col_width(34.0)
        .show(ui, |ui| {
            ui.strong("类别");
            for (m, _) in &months {
                ui.strong(format!("{}月", m[5..].trim_start_matches('0')));
            }
            ui.strong("合计");
            ui.strong("月均");
            ui.end_row();
            for c in crate::domain::categories::CATEGORIES {
                let row = r.matrix.get(c.name).cloned().unwrap_or_default();
                // Only the unit's own duties are judged; the others show what was done.
                let own = r.duties.iter().any(|d| d == c.name);
                if own {
                    ui.label(c.name)
                        .on_hover_text("本单位的职责：按平均每月至少一次检查");
                } else {
                    ui.weak(c.name).on_hover_text(
                        "不是本单位的职责（见“设置 → 本单位类型”），只列出开展的活动",
                    );
                }
                for (n, (month, over)) in row.iter().zip(&months) {
                    let text = if *n == 0 && *over && own {
                        RichText::new("0").color(palette::ERROR)
                    } else {
                        RichText::new(n.to_string())
                    };
                    link(
                        ui,
                        text,
                        activities(ActivityFilter {
                            category: Some(c.name.to_string()),
                            month: Some(month.clone()),
                            ..Default::default()
                        }),
                        out,
                    );
                }
                let total: i64 = row.iter().sum();
                link(
                    ui,
                    total.to_string(),
                    activities(ActivityFilter {
                        category: Some(c.name.to_string()),
                        ..Default::default()
                    }),
                    out,
                );
                match monthly_average(&row, &month_keys, today) {
                    Some(average) if !own => {
                        ui.label(format!("{average:.1}"));
                    }
                    None => {
                        ui.weak("—").on_hover_text("本期还没有已结束的月份");
                    }
                    Some(average) if average < 1.0 => {
                        ui.colored_label(palette::ERROR, format!("{average:.1}"))
                            .on_hover_text("已结束月份的平均数低于通知要求的每月一次");
                    }
                    Some(average) => {
                        ui.colored_label(palette::OK, format!("{average:.1}"))
                            .on_hover_text("已结束月份开展的活动数 ÷ 已结束的月数");
                    }
                }
                ui.end_row();
            }
            ui.strong("学雷锋志愿服务日");
            for l in &r.leifeng_days {
                let over = l.date <= today;
                let (text, colour, why) = match (l.held, l.on_day, l.hours_ok) {
                    (true, true, true) => ("√", palette::OK, "在第二个星期六开展，不少于1.5小时"),
                    (true, false, _) => ("!", palette::WARNING, "开展了，但不在第二个星期六"),
                    (true, true, false) => ("!", palette::WARNING, "不足1.5小时"),
                    (false, _, _) if over && r.duties.iter().any(|d| d == LEI_FENG_DAY) => {
                        ("×", palette::ERROR, "本月没有学雷锋志愿服务日活动")
                    }
                    (false, _, _) if over => ("×", palette::MUTED, "本月没有学雷锋志愿服务日活动"),
                    (false, _, _) => ("-", palette::MUTED, "尚未到来"),
                };
                let hover = format!("{}月{}日：{why}", l.date.month(), l.date.day());
                if l.held {
                    if ui
                        .link(RichText::new(text).color(colour))
                        .on_hover_text(format!("{hover}（点击查看明细）"))
                        .clicked()
                    {
                        *out = Some(Clicked::Drill(activities(ActivityFilter {
                            category: Some("学雷锋志愿服务日".into()),
                            month: Some(l.month.clone()),
                            ..Default::default()
                        })));
                    }
                } else {
                    ui.colored_label(colour, text).on_hover_text(hover);
                }
            }
            ui.end_row();
        });
}

/// Every month's label on the month axis: one grid mark per whole number.
fn whole_numbers(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    let (lo, hi) = (lo.ceil() as i64, hi.floor() as i64);
    (lo..=hi.min(lo + 400))
        .map(|i| egui_plot::GridMark {
            value: i as f64,
            step_size: 1.0,
        })
        .collect()
}

/// Activities and hours by month, and hours by category, as bars.
fn charts(ui: &mut egui::Ui, r: &Report) {
    use egui_plot::{Bar, BarChart, Plot};
    egui::CollapsingHeader::new("图表")
        .id_salt("report_charts")
        .default_open(true)
        .show(ui, |ui| {
            let months: Vec<String> = r.by_month.iter().map(|m| m.month.clone()).collect();
            let label = |i: f64| {
                let n = i.round();
                ((i - n).abs() < 1e-6 && n >= 0.0)
                    .then(|| months.get(n as usize))
                    .flatten()
                    .map(|m| format!("{}月", m[5..].trim_start_matches('0')))
                    .unwrap_or_default()
            };
            ui.horizontal(|ui| {
                let width = (ui.available_width() / 2.0 - 8.0).max(280.0);
                ui.vertical(|ui| {
                    // Two charts, each on its own axis: activities (场) and hours (小时).
                    let series: [(&str, &str, Vec<f64>, egui::Color32); 2] = [
                        (
                            "report_by_month",
                            "各月活动场数（场）",
                            r.by_month
                                .iter()
                                .map(|m| m.figures.activities as f64)
                                .collect(),
                            palette::CATEGORY[0],
                        ),
                        (
                            "report_hours_by_month",
                            "各月服务时长（小时）",
                            r.by_month
                                .iter()
                                .map(|m| m.figures.hours.0 as f64 / 10.0)
                                .collect(),
                            palette::CATEGORY[1],
                        ),
                    ];
                    for (id, title, values, colour) in series {
                        ui.label(title);
                        let bars: Vec<Bar> = values
                            .iter()
                            .enumerate()
                            .map(|(i, v)| Bar::new(i as f64, *v).width(0.6).name(label(i as f64)))
                            .collect();
                        let top = values.iter().copied().fold(1.0, f64::max);
                        Plot::new(id)
                            .include_y(top * 1.15)
                            .include_y(0.0)
                            .width(width)
                            .height(120.0)
                            .allow_zoom(false)
                            .allow_drag(false)
                            .allow_scroll(false)
                            .x_grid_spacer(whole_numbers)
                            // Every month named: a month is wide enough for 十二月's label.
                            .custom_x_axes(vec![
                                egui_plot::AxisHints::new_x()
                                    .formatter(|mark, _| label(mark.value))
                                    .label_spacing(24.0..=32.0),
                            ])
                            .show(ui, |plot| {
                                plot.bar_chart(BarChart::new(title, bars).color(colour));
                            });
                    }
                });
                ui.vertical(|ui| {
                    ui.label("各类别服务时长（小时）");
                    let names = all_activity_categories();
                    // Horizontal bars, the first category on top, each named on the axis.
                    let n = names.len();
                    let bars: Vec<Bar> = names
                        .iter()
                        .enumerate()
                        .map(|(i, name)| {
                            let h = r
                                .by_category
                                .get(*name)
                                .map_or(0.0, |f| f.hours.0 as f64 / 10.0);
                            Bar::new((n - 1 - i) as f64, h).width(0.7).name(*name)
                        })
                        .collect();
                    let name_at = move |v: f64| {
                        let k = v.round();
                        if (v - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < n {
                            names[n - 1 - k as usize].to_string()
                        } else {
                            String::new()
                        }
                    };
                    Plot::new("report_by_category")
                        .width(width)
                        .height(28.0 * n as f32 + 40.0)
                        .allow_zoom(false)
                        .allow_drag(false)
                        .allow_scroll(false)
                        .y_grid_spacer(whole_numbers)
                        .custom_y_axes(vec![
                            egui_plot::AxisHints::new_y()
                                .formatter(move |mark, _| name_at(mark.value))
                                .label_spacing(12.0..=18.0)
                                .min_thickness(150.0),
                        ])
                        .show(ui, |plot| {
                            plot.bar_chart(
                                BarChart::new("时长（小时）", bars)
                                    .horizontal()
                                    .color(palette::CATEGORY[2]),
                            );
                        });
                });
            });
        });
}

fn figure_cells(ui: &mut egui::Ui, f: &Figures, drill: Drill, out: &mut Option<Clicked>) {
    if f.activities == 0 {
        ui.colored_label(palette::ERROR, "0");
    } else {
        link(ui, f.activities.to_string(), drill, out);
    }
    ui.label(f.participations.to_string());
    ui.label(f.hours.to_string());
}

fn by_category(ui: &mut egui::Ui, r: &Report, out: &mut Option<Clicked>) {
    ui.strong("各类别志愿服务活动（已开展的）");
    egui::Grid::new("category_totals")
        .striped(true)
        .num_columns(4)
        .min_col_width(90.0)
        .show(ui, |ui| {
            for h in ["类别", "活动数", "参与人次", "服务时长（小时）"] {
                ui.strong(h);
            }
            ui.end_row();
            for name in all_activity_categories() {
                let f = r.by_category.get(name).copied().unwrap_or_default();
                ui.label(name);
                let drill = activities(ActivityFilter {
                    category: Some(name.to_string()),
                    ..Default::default()
                });
                figure_cells(ui, &f, drill, out);
                ui.end_row();
            }
            ui.strong("合计");
            ui.strong(r.activities.to_string());
            ui.strong(r.participations.to_string());
            ui.strong(r.hours.to_string());
            ui.end_row();
        });
}

/// By 村居, by team and by key date, each a collapsible table.
fn groups(ui: &mut egui::Ui, r: &Report, out: &mut Option<Clicked>) {
    type Filter = fn(&Group) -> ActivityFilter;
    let tables: [(&str, &str, &[Group], Filter); 3] = [
        ("按组织单位（村居）", "名称", &r.by_unit, |g| {
            ActivityFilter {
                unit: Some(g.id.clone()),
                ..Default::default()
            }
        }),
        ("按队伍", "队伍", &r.by_team, |g| ActivityFilter {
            team: Some(g.id.clone()),
            ..Default::default()
        }),
        (
            "重要时间节点活动",
            "重要时间节点",
            &r.by_key_date,
            |g| ActivityFilter {
                key_date: Some(g.id.clone()),
                ..Default::default()
            },
        ),
    ];
    for (title, head, rows, filter) in tables {
        egui::CollapsingHeader::new(format!("{title}（{} 项）", rows.len()))
            .id_salt(title)
            .show(ui, |ui| {
                if rows.is_empty() {
                    ui.weak("本期间没有");
                    return;
                }
                egui::Grid::new(title)
                    .striped(true)
                    .num_columns(4)
                    .min_col_width(90.0)
                    .show(ui, |ui| {
                        for h in [head, "活动数", "参与人次", "服务时长（小时）"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for g in rows {
                            ui.label(&g.name);
                            figure_cells(ui, &g.figures, Drill::Activities(filter(g)), out);
                            ui.end_row();
                        }
                    });
            });
    }
}

/// Star levels, bands of hours and the twenty with most hours.
fn volunteers(ui: &mut egui::Ui, r: &Report, out: &mut Option<Clicked>) {
    egui::CollapsingHeader::new("志愿者星级与服务时长")
        .id_salt("report_volunteers")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.strong("星级（按累计服务时长）");
                    egui::Grid::new("report_stars")
                        .striped(true)
                        .show(ui, |ui| {
                            for (level, c) in r.stars.iter().enumerate() {
                                ui.label(&c.label);
                                link(ui, c.volunteers.to_string(), Drill::Star(level as u8), out);
                                ui.end_row();
                            }
                        });
                });
                ui.add_space(24.0);
                ui.vertical(|ui| {
                    ui.strong(format!(
                        "本期服务时长分布（人均 {} 小时）",
                        r.hours_per_volunteer
                    ));
                    egui::Grid::new("report_bands")
                        .striped(true)
                        .show(ui, |ui| {
                            for (i, c) in r.hour_bands.iter().enumerate().take(HOUR_BANDS.len()) {
                                ui.label(&c.label);
                                link(ui, c.volunteers.to_string(), Drill::Served(Some(i)), out);
                                ui.end_row();
                            }
                        });
                    if ui.button("每名志愿者的服务时长…").clicked() {
                        *out = Some(Clicked::Drill(Drill::Served(None)));
                    }
                });
            });
        });
    if !r.top_volunteers.is_empty() {
        egui::CollapsingHeader::new(format!(
            "服务时长最多的志愿者（前 {} 名）",
            r.top_volunteers.len()
        ))
        .id_salt("top_volunteers")
        .show(ui, |ui| {
            egui::Grid::new("top_grid").striped(true).show(ui, |ui| {
                for (i, t) in r.top_volunteers.iter().enumerate() {
                    ui.label((i + 1).to_string());
                    ui.label(&t.number);
                    if ui.link(&t.name).on_hover_text("打开志愿者").clicked() {
                        *out = Some(Clicked::Volunteer(t.id.clone()));
                    }
                    ui.label(format!("{} 小时", t.hours));
                    ui.end_row();
                }
            });
        });
    }
}
