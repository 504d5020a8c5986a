//! 日历: the month as a grid 周一 … 周日 — each day with its lunar day, key dates, deadlines and
//! activities coloured by category, today marked — or the year as twelve small months; the day
//! clicked lists its activities and offers 新建活动 for it; beside it, 待办: what is owed and the
//! key dates of the next 30 days.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::activities::form::{ActivityForm, ActivityFormAction};
use super::{AppCtx, Command, Pane};
use crate::domain::calendar::{KeyDate, KeyDateKind};
use crate::domain::dates::{WEEKDAYS, chinese as chinese_date, weekday_name};
use crate::domain::lunar;
use crate::store::Store;
use crate::store::calendar::{DayActivity, Todo};
use crate::ui::theme::palette;

/// Activity lines a day cell shows at most before “另 N 场”.
const LINES: usize = 3;

/// Month grid or year overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum View {
    #[default]
    Month,
    Year,
}

/// What one month shows, read once per data version.
struct MonthData {
    version: u64,
    first: NaiveDate,
    /// The 42 days of the grid from the Monday on or before the 1st.
    days: Vec<DayCell>,
}

/// One day of the grid.
struct DayCell {
    date: NaiveDate,
    lunar: String,
    keys: Vec<KeyDate>,
    activities: Vec<(DayActivity, egui::Color32)>,
    /// Whether the documents due that day were submitted: the text and whether it was.
    submissions: Vec<(String, bool)>,
}

/// What the year overview shows: per day, whether it is a key date and how many activities.
struct YearData {
    version: u64,
    year: i32,
    keys: Vec<NaiveDate>,
    counts: std::collections::HashMap<NaiveDate, usize>,
}

/// The calendar pane.
#[derive(Default)]
pub struct CalendarPane {
    /// First day of the month shown; `None` until the first frame sets it to today's month.
    month: Option<NaiveDate>,
    view: View,
    selected: Option<NaiveDate>,
    data: Option<MonthData>,
    year: Option<YearData>,
    todo: Option<(u64, NaiveDate, Result<Vec<Todo>, String>)>,
    form: Option<ActivityForm>,
    key_dates: Option<super::key_dates::KeyDatesDialog>,
}

impl CalendarPane {
    /// Whether work for this pane is still running off the UI thread.
    pub fn busy(&self) -> bool {
        self.form
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
                    self.load_month(store, ctx.version, first);
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
                    self.load_year(store, ctx.version, first.year());
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
            match form.show(ui.ctx(), store, today, ctx.version) {
                ActivityFormAction::Close => self.form = None,
                ActivityFormAction::Save(a, people) => {
                    ctx.commands
                        .push(Command::SaveActivity(a, people, Pane::Calendar));
                }
                _ => {}
            }
        }
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

    /// Reads the month's key dates, lunar days and activities when the month or data changed.
    fn load_month(&mut self, store: &Store, version: u64, first: NaiveDate) {
        if self
            .data
            .as_ref()
            .is_some_and(|d| d.version == version && d.first == first)
        {
            return;
        }
        let offset = first.weekday().num_days_from_monday() as i64;
        let start = first - Duration::days(offset);
        let end = start + Duration::days(41);
        let mut keys = store.key_dates(start.year()).unwrap_or_default();
        if end.year() != start.year() {
            keys.extend(store.key_dates(end.year()).unwrap_or_default());
        }
        let activities = store.activities_between(start, end).unwrap_or_default();
        let all = crate::domain::categories::all_activity_categories();
        let colour = |c: &str| {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            palette::CATEGORY[i % palette::CATEGORY.len()]
        };
        let days = (0..42)
            .map(|i| {
                let date = start + Duration::days(i);
                let submissions = crate::domain::calendar::DEADLINES
                    .iter()
                    .filter(|(m, d, _, _)| (date.month(), date.day()) == (*m, *d))
                    .map(|(_, _, _, document)| {
                        match store
                            .submissions_of(date.year(), document)
                            .unwrap_or_default()
                            .first()
                        {
                            Some(s) => (
                                format!(
                                    "{document}已于{}以{}报送",
                                    chinese_date(s.submitted_on),
                                    s.method
                                ),
                                true,
                            ),
                            None => (format!("{document}尚未登记报送"), false),
                        }
                    })
                    .collect();
                DayCell {
                    date,
                    submissions,
                    lunar: lunar::lunar_of(date).map(|l| l.label()).unwrap_or_default(),
                    keys: keys.iter().filter(|k| k.date == date).cloned().collect(),
                    activities: activities
                        .iter()
                        .filter(|a| a.date == date)
                        .map(|a| (a.clone(), colour(&a.category)))
                        .collect(),
                }
            })
            .collect();
        self.data = Some(MonthData {
            version,
            first,
            days,
        });
    }

    /// The weeks of the month (4 to 6 rows), each day cell as tall as `height` allows, with
    /// room for at least one activity line.
    fn month_grid(&mut self, ui: &mut egui::Ui, today: NaiveDate, height: f32) {
        let Some(data) = &self.data else { return };
        let offset = data.first.weekday().num_days_from_monday() as usize;
        let month_days = data
            .days
            .iter()
            .filter(|c| c.date.month() == data.first.month())
            .count();
        let weeks = (offset + month_days).div_ceil(7);
        let width = ui.available_width().max(420.0);
        let cell_w = (width / 7.0).floor();
        let line = ui.text_style_height(&egui::TextStyle::Small) + 3.0;
        let head_h = 24.0;
        // Day number and key dates take 22 + line; then as many activity lines as fit, 1 to
        // LINES, and one for “另 N 场”.
        let fits = ((height - head_h - 40.0) / weeks as f32 - 26.0 - line) / line - 1.0;
        let lines = (fits.floor().max(1.0) as usize).min(LINES);
        let cell_h = 26.0 + line * (lines as f32 + 2.0);
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(cell_w * 7.0, head_h + cell_h * weeks as f32),
            egui::Sense::hover(),
        );
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        for (i, w) in WEEKDAYS.iter().enumerate() {
            painter.text(
                egui::pos2(
                    rect.left() + cell_w * (i as f32 + 0.5),
                    rect.top() + head_h / 2.0,
                ),
                egui::Align2::CENTER_CENTER,
                *w,
                egui::FontId::proportional(14.0),
                if i >= 5 {
                    palette::KEY_DATE
                } else {
                    visuals.text_color()
                },
            );
        }
        let small = egui::FontId::proportional(12.0);
        let mut clicked = None;
        for (i, cell) in data.days.iter().enumerate().take(weeks * 7) {
            let (row, col) = (i / 7, i % 7);
            let r = egui::Rect::from_min_size(
                egui::pos2(
                    rect.left() + cell_w * col as f32,
                    rect.top() + head_h + cell_h * row as f32,
                ),
                egui::vec2(cell_w, cell_h),
            )
            .shrink(1.0);
            let in_month = cell.date.month() == data.first.month();
            let id = ui.make_persistent_id(("calendar_day", cell.date));
            let response = ui.interact(r, id, egui::Sense::click());
            // What a screen reader (and a test) reads for the day.
            let mut label = format!("{}月{}日", cell.date.month(), cell.date.day());
            for k in &cell.keys {
                label.push(' ');
                label.push_str(&k.name);
            }
            if !cell.activities.is_empty() {
                let titles: Vec<&str> =
                    cell.activities.iter().map(|a| a.0.title.as_str()).collect();
                label.push_str(&format!(
                    "；活动 {} 场：{}",
                    titles.len(),
                    titles.join("、")
                ));
            }
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str())
            });
            // The full titles, one a line (the chips clip them).
            let response = if response.hovered() && !cell.activities.is_empty() {
                let titles: Vec<&str> =
                    cell.activities.iter().map(|a| a.0.title.as_str()).collect();
                response.on_hover_text(titles.join("\n"))
            } else {
                response
            };
            if response.clicked() {
                clicked = Some(cell.date);
            }
            let fill = if self.selected == Some(cell.date) {
                visuals.selection.bg_fill.gamma_multiply(0.5)
            } else if response.hovered() {
                visuals.widgets.hovered.weak_bg_fill
            } else if in_month {
                visuals.extreme_bg_color
            } else {
                visuals.faint_bg_color
            };
            painter.rect_filled(r, 3.0, fill);
            let stroke = if cell.date == today {
                egui::Stroke::new(2.0, palette::KEY_DATE)
            } else {
                visuals.widgets.noninteractive.bg_stroke
            };
            painter.rect_stroke(r, 3.0, stroke, egui::StrokeKind::Inside);
            let text_colour = if in_month {
                visuals.text_color()
            } else {
                visuals.weak_text_color()
            };
            let mut y = r.top() + 4.0;
            painter.text(
                egui::pos2(r.left() + 6.0, y),
                egui::Align2::LEFT_TOP,
                cell.date.day().to_string(),
                egui::FontId::proportional(16.0),
                text_colour,
            );
            painter.text(
                egui::pos2(r.right() - 6.0, y + 2.0),
                egui::Align2::RIGHT_TOP,
                &cell.lunar,
                small.clone(),
                visuals.weak_text_color(),
            );
            y += 22.0;
            if !cell.keys.is_empty() {
                let names: Vec<&str> = cell.keys.iter().map(|k| k.name.as_str()).collect();
                let deadline = cell.keys.iter().any(|k| k.kind == KeyDateKind::Deadline);
                let text = names.join(" ");
                let galley = painter.layout_no_wrap(
                    text,
                    small.clone(),
                    if deadline {
                        palette::WARNING
                    } else {
                        palette::KEY_DATE
                    },
                );
                painter.with_clip_rect(r).galley(
                    egui::pos2(r.left() + 6.0, y),
                    galley,
                    visuals.text_color(),
                );
            }
            y += line;
            for (a, colour) in cell.activities.iter().take(lines) {
                let chip = egui::Rect::from_min_size(
                    egui::pos2(r.left() + 4.0, y),
                    egui::vec2(r.width() - 8.0, line - 1.0),
                );
                painter.rect_filled(chip, 2.0, colour.gamma_multiply(0.18));
                painter.rect_filled(
                    egui::Rect::from_min_size(chip.min, egui::vec2(3.0, chip.height())),
                    0.0,
                    *colour,
                );
                let galley =
                    painter.layout_no_wrap(a.title.clone(), small.clone(), visuals.text_color());
                painter.with_clip_rect(chip.intersect(r)).galley(
                    egui::pos2(chip.left() + 6.0, chip.top()),
                    galley,
                    visuals.text_color(),
                );
                y += line;
            }
            if cell.activities.len() > lines {
                painter.text(
                    egui::pos2(r.left() + 6.0, y),
                    egui::Align2::LEFT_TOP,
                    format!("另 {} 场", cell.activities.len() - lines),
                    small.clone(),
                    visuals.weak_text_color(),
                );
            }
        }
        if let Some(date) = clicked {
            self.selected = Some(date);
            if date.month() != data.first.month() {
                self.month = date.with_day(1);
            }
        }
    }

    /// The day clicked: its key dates and activities, and 新建活动 for it.
    fn day_list(&mut self, ui: &mut egui::Ui, store: &Store, today: NaiveDate) {
        let Some(date) = self.selected else {
            ui.weak("点击某一天，查看当天的活动或在当天新建活动。");
            return;
        };
        let Some(cell) = self
            .data
            .as_ref()
            .and_then(|d| d.days.iter().find(|c| c.date == date))
        else {
            return;
        };
        let lunar = lunar::lunar_of(date)
            .map(|l| format!(" 农历{}", l.label()))
            .unwrap_or_default();
        let mut new = None;
        ui.horizontal(|ui| {
            ui.strong(format!(
                "{} {}{lunar}",
                chinese_date(date),
                weekday_name(date)
            ));
            if ui
                .button("新建活动")
                .on_hover_text("在这一天新建活动；重要时间节点当天带出建议的主题和类别")
                .clicked()
            {
                new = Some(());
            }
        });
        for k in &cell.keys {
            let mut text = if k.kind.name() == k.name {
                k.name.clone()
            } else {
                format!("{}（{}）", k.name, k.kind.name())
            };
            if !k.themes.is_empty() {
                text.push_str(&format!("：建议主题 {}", k.theme()));
            }
            if !k.categories.is_empty() {
                text.push_str(&format!("；建议类别 {}", k.categories.join("、")));
            }
            ui.colored_label(palette::KEY_DATE, text);
        }
        for (text, done) in &cell.submissions {
            let colour = if *done { palette::OK } else { palette::ERROR };
            ui.colored_label(colour, text);
        }
        if cell.activities.is_empty() {
            ui.weak("当天没有活动。");
        }
        for (a, colour) in &cell.activities {
            ui.horizontal(|ui| {
                let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(r, 2.0, *colour);
                ui.label(format!("{}　{}　{}", a.title, a.category, a.status));
            });
        }
        if new.is_some() {
            let key = cell.keys.iter().find(|k| k.is_theme_node());
            self.form = Some(ActivityForm::on_day(store, date, today, key));
        }
    }

    fn load_year(&mut self, store: &Store, version: u64, year: i32) {
        if self
            .year
            .as_ref()
            .is_some_and(|y| y.version == version && y.year == year)
        {
            return;
        }
        let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return;
        };
        let mut counts = std::collections::HashMap::new();
        for a in store.activities_between(from, to).unwrap_or_default() {
            *counts.entry(a.date).or_insert(0) += 1;
        }
        let keys = store
            .key_dates(year)
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.is_theme_node())
            .map(|k| k.date)
            .collect();
        self.year = Some(YearData {
            version,
            year,
            keys,
            counts,
        });
    }

    /// Twelve small months; a day with activities is shaded, a key date red; clicking a month
    /// opens it.
    fn year_overview(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        let Some(data) = &self.year else { return };
        let mut open = None;
        let cell = 22.0;
        let columns = ((ui.available_width() / (cell * 7.0 + 24.0)).floor() as usize).clamp(2, 4);
        egui::Grid::new("calendar_year_grid")
            .spacing([24.0, 16.0])
            .show(ui, |ui| {
                for m in 1..=12u32 {
                    let Some(first) = NaiveDate::from_ymd_opt(data.year, m, 1) else {
                        continue;
                    };
                    ui.vertical(|ui| {
                        if ui
                            .link(egui::RichText::new(format!("{m}月")).strong())
                            .clicked()
                        {
                            open = Some(first);
                        }
                        let (rect, response) = ui.allocate_exact_size(
                            egui::vec2(cell * 7.0, cell * 7.0),
                            egui::Sense::click(),
                        );
                        if response.clicked() {
                            open = Some(first);
                        }
                        let painter = ui.painter_at(rect);
                        let visuals = ui.visuals();
                        for (i, w) in ["一", "二", "三", "四", "五", "六", "日"]
                            .iter()
                            .enumerate()
                        {
                            painter.text(
                                egui::pos2(
                                    rect.left() + cell * (i as f32 + 0.5),
                                    rect.top() + cell / 2.0,
                                ),
                                egui::Align2::CENTER_CENTER,
                                *w,
                                egui::FontId::proportional(11.0),
                                visuals.weak_text_color(),
                            );
                        }
                        let offset = first.weekday().num_days_from_monday() as usize;
                        let mut day = first;
                        while day.month() == m {
                            let i = offset + day.day() as usize - 1;
                            let centre = egui::pos2(
                                rect.left() + cell * ((i % 7) as f32 + 0.5),
                                rect.top() + cell * ((i / 7) as f32 + 1.5),
                            );
                            if let Some(n) = data.counts.get(&day) {
                                let shade = (0.15 + 0.1 * *n as f32).min(0.6);
                                painter.rect_filled(
                                    egui::Rect::from_center_size(
                                        centre,
                                        egui::vec2(cell - 2.0, cell - 2.0),
                                    ),
                                    2.0,
                                    palette::CATEGORY[0].gamma_multiply(shade),
                                );
                            }
                            if day == today {
                                painter.rect_stroke(
                                    egui::Rect::from_center_size(
                                        centre,
                                        egui::vec2(cell - 2.0, cell - 2.0),
                                    ),
                                    2.0,
                                    egui::Stroke::new(1.5, palette::KEY_DATE),
                                    egui::StrokeKind::Inside,
                                );
                            }
                            let colour = if data.keys.contains(&day) {
                                palette::KEY_DATE
                            } else {
                                visuals.text_color()
                            };
                            painter.text(
                                centre,
                                egui::Align2::CENTER_CENTER,
                                day.day().to_string(),
                                egui::FontId::proportional(11.0),
                                colour,
                            );
                            let Some(next) = day.succ_opt() else { break };
                            day = next;
                        }
                    });
                    if (m as usize).is_multiple_of(columns) {
                        ui.end_row();
                    }
                }
            });
        if let Some(first) = open {
            self.month = Some(first);
            self.view = View::Month;
        }
    }

    /// 待办: what is owed, then the coming key dates with their countdown.
    fn todo_panel(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        version: u64,
        today: NaiveDate,
        commands: &mut Vec<Command>,
    ) {
        if self
            .todo
            .as_ref()
            .is_none_or(|t| t.0 != version || t.1 != today)
        {
            let items = store.todo(today).map_err(|e| e.to_string());
            self.todo = Some((version, today, items));
        }
        let Some((_, _, items)) = &self.todo else {
            return;
        };
        ui.heading("待办");
        let items = match items {
            Ok(items) => items,
            Err(e) => {
                ui.colored_label(palette::ERROR, format!("无法读取待办事项：{e}"));
                return;
            }
        };
        egui::ScrollArea::vertical()
            .id_salt("calendar_todo_scroll")
            .show(ui, |ui| {
                let owed: Vec<&Todo> = items.iter().filter(|t| t.owed).collect();
                if owed.is_empty() {
                    ui.colored_label(palette::OK, "没有逾期或缺少的事项。");
                } else {
                    ui.strong(format!("需要补做或补登（{} 项）", owed.len()));
                    for t in owed {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(palette::ERROR, &t.text);
                            if let Some(id) = &t.activity
                                && ui
                                    .push_id(id, |ui| ui.small_button("打开"))
                                    .inner
                                    .on_hover_text(
                                        "在“活动”中打开这场活动，核对后标记为已完成或已取消",
                                    )
                                    .clicked()
                            {
                                commands.push(Command::OpenRecord {
                                    table: crate::store::meta::Table::Activities,
                                    id: id.clone(),
                                });
                            }
                        });
                    }
                }
                ui.separator();
                ui.strong("近 30 天的重要时间节点和截止日期");
                for t in items.iter().filter(|t| !t.owed) {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("{}月{}日", t.date.month(), t.date.day()));
                        ui.colored_label(palette::KEY_DATE, t.countdown());
                        ui.label(&t.text);
                    });
                }
            });
    }
}
