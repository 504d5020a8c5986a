//! 日历: the month as a grid 周一 … 周日 — each day with its lunar day, key dates, deadlines and
//! activities coloured by category, today marked — or the year as twelve small months; the day
//! clicked lists its activities and offers 新建活动 for it; beside it, 待办: what is owed and the
//! key dates of the next 30 days.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::activities::form::ActivityForm;
use super::{AppCtx, Command, Pane};
use crate::domain::calendar::{KeyDate, KeyDateKind};
use crate::domain::dates::{WEEKDAYS, chinese as chinese_date, weekday_name};
use crate::domain::lunar;
use crate::store::Store;
use crate::store::calendar::{DayActivity, Todo};
use crate::ui::runner::Reading;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::FormOutcome;

mod month;
mod todo;
mod year;
use month::MonthData;
use year::YearData;
/// Activity lines a day cell shows at most before “另 N 场”.
const LINES: usize = 3;

/// Month grid or year overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum View {
    #[default]
    Month,
    Year,
}

/// The calendar pane.
#[derive(Default)]
pub struct CalendarPane {
    /// First day of the month shown; `None` until the first frame sets it to today's month.
    month: Option<NaiveDate>,
    view: View,
    selected: Option<NaiveDate>,
    data: Option<MonthData>,
    month_reading: Reading<(u64, NaiveDate), MonthData>,
    year: Option<YearData>,
    year_reading: Reading<(u64, i32), YearData>,
    todo: Option<(u64, NaiveDate, Vec<Todo>)>,
    todo_reading: Reading<(u64, NaiveDate), Vec<Todo>>,
    form: Option<ActivityForm>,
    /// The record sheet asked for from the activity form, while its dialog is open.
    record: super::activities::RecordAsk,
    key_dates: Option<super::key_dates::KeyDatesDialog>,
}

impl CalendarPane {
    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.unsaved())
    }

    /// Whether work for this pane is still running off the UI thread.
    pub fn busy(&self) -> bool {
        self.month_reading.busy()
            || self.year_reading.busy()
            || self.todo_reading.busy()
            || self
                .form
                .as_ref()
                .is_some_and(super::activities::form::ActivityForm::busy)
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let today = ctx.today;
        let this_month = today.with_day(1).unwrap_or(today);
        let first = *self.month.get_or_insert(this_month);
        ui.heading(Pane::Calendar.heading());
        self.toolbar(ui, first, this_month, today);
        ui.separator();
        let first = self.month.unwrap_or(this_month);
        let store = ctx.store;
        // 待办 beside the month when there is room, else under it.
        let beside = ui.available_width() >= 900.0;
        if beside {
            egui::Panel::right("calendar_todo")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    self.todo_panel(ui, store, ctx.version, today, ctx.commands)
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match self.view {
                View::Month => {
                    self.load_month(ui.ctx(), store, ctx.version, first);
                    let height = ui.available_height();
                    egui::ScrollArea::both()
                        .id_salt("calendar_scroll")
                        .show(ui, |ui| {
                            self.month_grid(ui, today, height);
                            ui.separator();
                            self.day_list(ui, store, today);
                            if !beside {
                                ui.separator();
                                self.todo_panel(ui, store, ctx.version, today, ctx.commands);
                            }
                        });
                }
                View::Year => {
                    self.load_year(ui.ctx(), store, ctx.version, first.year());
                    egui::ScrollArea::vertical()
                        .id_salt("calendar_year_scroll")
                        .show(ui, |ui| {
                            self.year_overview(ui, today);
                            if !beside {
                                ui.separator();
                                self.todo_panel(ui, store, ctx.version, today, ctx.commands);
                            }
                        });
                }
            });
        if let Some(dialog) = &mut self.key_dates
            && !dialog.show(ui.ctx(), ctx)
        {
            self.key_dates = None;
        }
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, today, ctx.version, ctx.commands) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((a, people)) => {
                    ctx.commands
                        .push(Command::SaveActivity(a, people, Pane::Calendar));
                }
            }
        }
        if let Some((id, title, date)) = self.form.as_mut().and_then(|f| f.take_record_request()) {
            self.record.ask(&id, &title, date);
        }
        self.record.show(ui.ctx(), ctx);
    }

    /// The outcome of an activity save: closes this pane's form when it asked for it.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }

    fn toolbar(
        &mut self,
        ui: &mut egui::Ui,
        first: NaiveDate,
        this_month: NaiveDate,
        today: NaiveDate,
    ) {
        ui.horizontal_wrapped(|ui| {
            let step = if self.view == View::Year { 12 } else { 1 };
            let (back, forward) = if self.view == View::Year {
                ("上一年", "下一年")
            } else {
                ("上个月", "下个月")
            };
            if ui.button(back).clicked() {
                self.month = first
                    .checked_sub_months(Months::new(step))
                    .filter(|d| lunar::YEARS.contains(&d.year()))
                    .or(Some(first));
            }
            let title = if self.view == View::Year {
                format!("{}年", first.year())
            } else {
                format!("{}年{}月", first.year(), first.month())
            };
            ui.label(egui::RichText::new(title).size(18.0).strong());
            if ui.button(forward).clicked() {
                self.month = first
                    .checked_add_months(Months::new(step))
                    .filter(|d| lunar::YEARS.contains(&d.year()))
                    .or(Some(first));
            }
            if ui.button("今天").clicked() {
                self.month = Some(this_month);
                self.selected = Some(today);
            }
            ui.separator();
            // Jump to any month of the years the calendar covers.
            let (mut year, mut month) = (first.year(), first.month());
            let label = ui.label("转到");
            egui::ComboBox::from_id_salt("calendar_year")
                .selected_text(format!("{year}年"))
                .height(300.0)
                .show_ui(ui, |ui| {
                    for y in lunar::YEARS {
                        ui.selectable_value(&mut year, y, format!("{y}年"));
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("月份");
            egui::ComboBox::from_id_salt("calendar_month")
                .selected_text(format!("{month}月"))
                .show_ui(ui, |ui| {
                    for m in 1..=12 {
                        ui.selectable_value(&mut month, m, format!("{m}月"));
                    }
                })
                .response
                .labelled_by(label.id);
            if (year, month) != (first.year(), first.month()) {
                self.month = NaiveDate::from_ymd_opt(year, month, 1).or(Some(first));
            }
            ui.separator();
            ui.selectable_value(&mut self.view, View::Month, "月视图");
            ui.selectable_value(&mut self.view, View::Year, "全年");
            if ui
                .button("自定义节点…")
                .on_hover_text("添加本单位的重要时间节点（一次或每年），或隐藏内置节点")
                .clicked()
            {
                self.key_dates = Some(super::key_dates::KeyDatesDialog::new(today));
            }
            ui.separator();
            let lunar = lunar::lunar_of(today)
                .map(|l| format!(" 农历{}", l.label()))
                .unwrap_or_default();
            // Kept whole: moves to the next line rather than breaking inside 廿二.
            ui.add(
                egui::Label::new(format!(
                    "今天是{} {}{lunar}",
                    chinese_date(today),
                    weekday_name(today)
                ))
                .wrap_mode(egui::TextWrapMode::Extend),
            );
        });
    }
}
