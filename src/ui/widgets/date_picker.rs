//! The Chinese date picker every date field uses: the typed text (2026-3-5, 2026/03/05,
//! 2026年3月5日, 20260305) beside a 选日期 button that opens a month in Chinese — weekdays 一 …
//! 日, key dates marked, 今天 / 确定 / 取消.

use chrono::{Datelike, Months, NaiveDate};

use crate::domain::calendar::{self, KeyDate};
use crate::domain::dates::weekday_name;
use crate::domain::{dates, lunar};
use crate::ui::theme::palette;

/// Where the app keeps "today" for widgets (tests set their own).
fn today_id() -> egui::Id {
    egui::Id::unique("ledger_today")
}

/// Tells the widgets which day is today (the app does this every frame).
pub fn set_today(ctx: &egui::Context, today: NaiveDate) {
    ctx.data_mut(|d| d.insert_temp(today_id(), today));
}

/// Today as the app said, or the clock's.
pub fn today(ctx: &egui::Context) -> NaiveDate {
    ctx.data(|d| d.get_temp(today_id()))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The picker's state while it is open.
#[derive(Clone)]
struct State {
    /// First day of the month shown.
    month: NaiveDate,
    /// The day chosen so far.
    chosen: NaiveDate,
    /// The key dates of the year shown.
    key_dates: (i32, Vec<KeyDate>),
}

/// The width a date field takes: its text and its 选日期 button.
pub const WIDTH: f32 = 170.0;

/// In a wrapping row, starts a new row unless a label of `label_width` and a date field fit.
pub fn wrap_before(ui: &mut egui::Ui, label_width: f32) {
    if ui.layout().main_wrap && ui.available_size_before_wrap().x < label_width + WIDTH {
        ui.end_row();
    }
}

/// A date field: the text as typed, and the picker. Returns the text field's response (for
/// `labelled_by`); it reports `changed()` when the picker set the date too.
pub fn date_field(
    ui: &mut egui::Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    text: &mut String,
) -> egui::Response {
    let id = ui.make_persistent_id(("date_field", salt));
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let mut field = ui.add(
            egui::TextEdit::singleline(text)
                .id(id.with("text"))
                .desired_width(100.0)
                .hint_text("2026-3-5"),
        );
        let button = ui
            .small_button("选日期")
            .on_hover_text("打开日历选择日期；也可直接输入，如 2026-3-5、2026年3月5日");
        let popup_id = egui::Popup::default_response_id(&button);
        if button.clicked() {
            // Open on the typed day, or today.
            let today = today(ui.ctx());
            let chosen = dates::parse(text).unwrap_or(today);
            let month = chosen.with_day(1).unwrap_or(chosen);
            let state = State {
                month,
                chosen,
                key_dates: (month.year(), calendar::key_dates(month.year())),
            };
            ui.data_mut(|d| d.insert_temp(id, state));
        }
        let mut picked = None;
        egui::Popup::from_toggle_button_response(&button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                let Some(mut state) = ui.data(|d| d.get_temp::<State>(id)) else {
                    return;
                };
                let today = today(ui.ctx());
                match month_grid(ui, &mut state, today) {
                    Choice::Pending => {}
                    Choice::Done(day) => {
                        picked = Some(day);
                        egui::Popup::close_id(ui.ctx(), popup_id);
                    }
                    Choice::Cancel => egui::Popup::close_id(ui.ctx(), popup_id),
                }
                if state.key_dates.0 != state.month.year() {
                    state.key_dates = (state.month.year(), calendar::key_dates(state.month.year()));
                }
                ui.data_mut(|d| d.insert_temp(id, state));
            });
        if let Some(day) = picked {
            *text = dates::iso(day);
            field.mark_changed();
        }
        field
    })
    .inner
}

enum Choice {
    Pending,
    Done(NaiveDate),
    Cancel,
}

/// The month of the picker and its buttons.
fn month_grid(ui: &mut egui::Ui, state: &mut State, today: NaiveDate) -> Choice {
    let mut choice = Choice::Pending;
    ui.set_min_width(300.0);
    ui.horizontal(|ui| {
        let step = |d: NaiveDate, months: i32| {
            if months < 0 {
                d.checked_sub_months(Months::new(months.unsigned_abs()))
            } else {
                d.checked_add_months(Months::new(months as u32))
            }
            .filter(|d| lunar::YEARS.contains(&d.year()) || (1900..=2200).contains(&d.year()))
            .unwrap_or(d)
        };
        if ui.small_button("上一年").clicked() {
            state.month = step(state.month, -12);
        }
        if ui.small_button("上月").clicked() {
            state.month = step(state.month, -1);
        }
        ui.strong(format!("{}年{}月", state.month.year(), state.month.month()));
        if ui.small_button("下月").clicked() {
            state.month = step(state.month, 1);
        }
        if ui.small_button("下一年").clicked() {
            state.month = step(state.month, 12);
        }
    });
    let first = state.month;
    let offset = first.weekday().num_days_from_monday() as i64;
    let start = first - chrono::Duration::days(offset);
    egui::Grid::new("date_picker_days")
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            for w in ["一", "二", "三", "四", "五", "六", "日"] {
                ui.vertical_centered(|ui| ui.weak(w));
            }
            ui.end_row();
            for week in 0..6 {
                for wd in 0..7 {
                    let day = start + chrono::Duration::days(week * 7 + wd);
                    let keys: Vec<&KeyDate> =
                        state.key_dates.1.iter().filter(|k| k.date == day).collect();
                    let in_month = day.month() == first.month();
                    let mut text = egui::RichText::new(day.day().to_string());
                    if !in_month {
                        text = text.weak();
                    } else if !keys.is_empty() {
                        text = text.color(palette::KEY_DATE).strong();
                    }
                    let mut button = egui::Button::selectable(day == state.chosen, text)
                        .min_size(egui::vec2(36.0, 26.0));
                    if day == today {
                        button = button.stroke(egui::Stroke::new(1.5, palette::KEY_DATE));
                    }
                    let mut response = ui.add(button);
                    if !keys.is_empty() {
                        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
                        response = response.on_hover_text(names.join("、"));
                    }
                    if response.clicked() {
                        state.chosen = day;
                        if !in_month {
                            state.month = day.with_day(1).unwrap_or(day);
                        }
                    }
                    if response.double_clicked() {
                        choice = Choice::Done(day);
                    }
                }
                ui.end_row();
            }
        });
    let names: Vec<&str> = state
        .key_dates
        .1
        .iter()
        .filter(|k| k.date == state.chosen)
        .map(|k| k.name.as_str())
        .collect();
    let lunar = lunar::lunar_of(state.chosen)
        .map(|l| format!("农历{}", l.label()))
        .unwrap_or_default();
    ui.label(format!(
        "已选：{}年{}月{}日 {} {lunar} {}",
        state.chosen.year(),
        state.chosen.month(),
        state.chosen.day(),
        weekday_name(state.chosen),
        names.join("、")
    ));
    ui.horizontal(|ui| {
        if ui.button("今天").clicked() {
            state.chosen = today;
            state.month = today.with_day(1).unwrap_or(today);
        }
        if ui.button("确定").clicked() {
            choice = Choice::Done(state.chosen);
        }
        if ui.button("取消").clicked() {
            choice = Choice::Cancel;
        }
    });
    choice
}
