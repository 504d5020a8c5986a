//! 自定义节点: the clerk's own key dates (once or every year, with suggested themes and
//! categories) and the built-in ones the clerk does not want shown.

use chrono::NaiveDate;

use super::{AppCtx, BinAction, Command};
use crate::domain::calendar::FIXED_KEY_DATES;
use crate::domain::categories::all_activity_categories;
use crate::store::meta::Table;
use crate::store::paperwork::CustomKeyDate;
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;

/// Built-in key dates the clerk may hide (the deadlines and 学雷锋日 stay: the notice sets them).
fn hideable() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = FIXED_KEY_DATES.iter().map(|k| k.name).collect();
    names.extend(["清明节", "中元节", "寒衣节"]);
    names
}

/// The dialog's state.
pub struct KeyDatesDialog {
    version: u64,
    entries: Vec<CustomKeyDate>,
    name: String,
    month: String,
    day: String,
    yearly: bool,
    year: String,
    themes: String,
    category: String,
}

impl KeyDatesDialog {
    /// A dialog opened in `today`'s year.
    pub fn new(today: NaiveDate) -> Self {
        use chrono::Datelike;
        KeyDatesDialog {
            version: u64::MAX,
            entries: Vec::new(),
            name: String::new(),
            month: String::new(),
            day: String::new(),
            yearly: true,
            year: today.year().to_string(),
            themes: String::new(),
            category: String::new(),
        }
    }

    /// What is wrong with the new entry, by field.
    fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push("名称：请填写节点名称".to_string());
        } else if let Some(why) = crate::domain::text::unreadable(self.name.trim()) {
            out.push(format!("名称：{why}"));
        }
        let month = self
            .month
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m));
        if month.is_none() {
            out.push("月：请填写 1–12".into());
        }
        let day = self.day.trim().parse::<u32>().ok();
        // 2月29日 is allowed (a leap-year day), other days must exist.
        if let (Some(m), d) = (month, day)
            && d.and_then(|d| NaiveDate::from_ymd_opt(2024, m, d))
                .is_none()
        {
            out.push(format!("日：{m}月没有这一天"));
        }
        if !self.yearly {
            match self.year.trim().parse::<i32>() {
                Ok(y) if crate::domain::lunar::YEARS.contains(&y) => {}
                _ => out.push("年：请填写 1950–2100 之间的年份，或勾选“每年”".into()),
            }
        }
        out
    }

    /// Draws the dialog; returns false when it is closed.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        if self.version != ctx.version {
            self.version = ctx.version;
            self.entries = ctx.store.custom_key_dates().or_report();
        }
        let mut open = true;
        let errors = self.errors();
        crate::ui::widgets::dialog::form_dialog("key_dates").show(egui_ctx, |ui| {
            ui.set_width(620.0);
            ui.heading("自定义重要时间节点");
            ui.strong("本单位的节点");
            let own: Vec<&CustomKeyDate> =
                self.entries.iter().filter(|e| !e.name.is_empty()).collect();
            if own.is_empty() {
                ui.weak("还没有。可在下面添加本单位的纪念日、活动日等。");
            }
            for e in own {
                ui.horizontal(|ui| {
                    let when = match e.year {
                        Some(y) => format!("{y}年{}月{}日", e.month, e.day),
                        None => format!("每年{}月{}日", e.month, e.day),
                    };
                    ui.label(format!("{} {when}", e.name));
                    if !e.themes.is_empty() || !e.categories.is_empty() {
                        ui.weak(format!("{} {}", e.themes, e.categories));
                    }
                    if ui.small_button(format!("删除“{}”", e.name)).clicked() {
                        ctx.commands.push(Command::Bin {
                            table: Table::CustomKeyDates,
                            id: e.meta.id.clone(),
                            action: BinAction::Delete,
                            what: format!("节点“{}”", e.name),
                        });
                    }
                });
            }
            ui.separator();
            ui.strong("新节点");
            egui::Grid::new("key_date_fields")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label("名称 *");
                    ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(220.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label("日期 *");
                    ui.horizontal(|ui| {
                        let m = ui.label("月");
                        ui.add(egui::TextEdit::singleline(&mut self.month).desired_width(36.0))
                            .labelled_by(m.id);
                        let d = ui.label("日");
                        ui.add(egui::TextEdit::singleline(&mut self.day).desired_width(36.0))
                            .labelled_by(d.id);
                        ui.checkbox(&mut self.yearly, "每年");
                        if !self.yearly {
                            let y = ui.label("仅在");
                            ui.add(egui::TextEdit::singleline(&mut self.year).desired_width(56.0))
                                .labelled_by(y.id);
                            ui.label("年");
                        }
                    });
                    ui.end_row();
                    let label = ui.label("建议主题");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.themes)
                            .hint_text("多个用、分隔")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("建议类别");
                    egui::ComboBox::from_id_salt("key_date_category")
                        .selected_text(if self.category.is_empty() {
                            "（不指定）"
                        } else {
                            self.category.as_str()
                        })
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.category, String::new(), "（不指定）");
                            for c in all_activity_categories() {
                                ui.selectable_value(&mut self.category, c.to_string(), c);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                });
            for e in &errors {
                ui.colored_label(palette::ERROR, e);
            }
            if ui
                .add_enabled(errors.is_empty(), egui::Button::new("添加节点"))
                .clicked()
            {
                let entry = CustomKeyDate {
                    name: self.name.trim().to_string(),
                    month: self.month.trim().parse().unwrap_or(1),
                    day: self.day.trim().parse().unwrap_or(1),
                    year: (!self.yearly)
                        .then(|| self.year.trim().parse().ok())
                        .flatten(),
                    themes: self.themes.trim().to_string(),
                    categories: self.category.clone(),
                    ..Default::default()
                };
                ctx.commands.push(Command::SaveKeyDate(Box::new(entry)));
                self.name.clear();
                self.month.clear();
                self.day.clear();
                self.themes.clear();
                self.category.clear();
            }
            ui.separator();
            ui.strong("内置节点");
            ui.weak("勾掉的节点不再在日历、待办和重要时间节点中出现；学雷锋志愿服务日和报送截止日期由通知规定，不能隐藏。");
            ui.horizontal_wrapped(|ui| {
                for name in hideable() {
                    let hidden = self.entries.iter().find(|e| e.hides_builtin == name);
                    let mut shown = hidden.is_none();
                    if ui.checkbox(&mut shown, name).changed() {
                        match hidden {
                            Some(e) => ctx.commands.push(Command::Bin {
                                table: Table::CustomKeyDates,
                                id: e.meta.id.clone(),
                                action: BinAction::Delete,
                                what: format!("对“{name}”的隐藏"),
                            }),
                            None => ctx.commands.push(Command::SaveKeyDate(Box::new(
                                CustomKeyDate {
                                    month: 1,
                                    day: 1,
                                    hides_builtin: name.to_string(),
                                    ..Default::default()
                                },
                            ))),
                        }
                    }
                }
            });
            ui.separator();
            if ui.button("关闭").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                open = false;
            }
        });
        open
    }
}
