//! The month view: the grid of days with lunar dates, key dates and activities, and the list
//! of the chosen day.

use super::*;

/// What one month shows, read once per data version.
pub(super) struct MonthData {
    version: u64,
    first: NaiveDate,
    /// The 42 days of the grid from the Monday on or before the 1st.
    days: Vec<DayCell>,
}

/// One day of the grid.
pub(super) struct DayCell {
    date: NaiveDate,
    lunar: String,
    keys: Vec<KeyDate>,
    activities: Vec<(DayActivity, egui::Color32)>,
    /// Whether the documents due that day were submitted: the text and whether it was.
    submissions: Vec<(String, bool)>,
}

impl MonthData {
    /// The month's days with their lunar dates only, drawn while the rest is read.
    fn skeleton(first: NaiveDate) -> MonthData {
        let start = grid_start(first);
        let days = (0..42)
            .map(|i| {
                let date = start + Duration::days(i);
                DayCell {
                    date,
                    lunar: lunar::lunar_of(date).map(|l| l.label()).unwrap_or_default(),
                    keys: Vec::new(),
                    activities: Vec::new(),
                    submissions: Vec::new(),
                }
            })
            .collect();
        MonthData {
            version: u64::MAX,
            first,
            days,
        }
    }

    /// Reads the month's key dates, activities and submissions (on the runner).
    fn read(store: &Store, &(version, first): &(u64, NaiveDate)) -> crate::store::Result<Self> {
        let mut month = MonthData::skeleton(first);
        month.version = version;
        let start = grid_start(first);
        let end = start + Duration::days(41);
        let mut keys = store.key_dates(start.year())?;
        if end.year() != start.year() {
            keys.extend(store.key_dates(end.year())?);
        }
        let activities = store.activities_between(start, end)?;
        let all = crate::domain::categories::all_activity_categories();
        let colour = |c: &str| {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            palette::CATEGORY[i % palette::CATEGORY.len()]
        };
        for cell in &mut month.days {
            let date = cell.date;
            for (_, _, _, document) in crate::domain::calendar::DEADLINES
                .iter()
                .filter(|(m, d, _, _)| (date.month(), date.day()) == (*m, *d))
            {
                cell.submissions
                    .push(match store.submissions_of(date.year(), document)?.first() {
                        Some(s) => (
                            format!(
                                "{document}已于{}以{}报送",
                                chinese_date(s.submitted_on),
                                s.method
                            ),
                            true,
                        ),
                        None => (format!("{document}尚未登记报送"), false),
                    });
            }
            cell.keys = keys.iter().filter(|k| k.date == date).cloned().collect();
            cell.activities = activities
                .iter()
                .filter(|a| a.date == date)
                .map(|a| (a.clone(), colour(&a.category)))
                .collect();
        }
        Ok(month)
    }
}

/// How many of a day's activity titles its hover text and its accessible label name.
const SHOWN_TITLES: usize = 12;

/// The first [`SHOWN_TITLES`] titles of a day's activities joined by `sep`, and `more` after
/// them when there are others.
fn day_titles(activities: &[(DayActivity, egui::Color32)], sep: &str, more: &str) -> String {
    let mut out = activities
        .iter()
        .take(SHOWN_TITLES)
        .map(|a| a.0.title.as_str())
        .collect::<Vec<_>>()
        .join(sep);
    if activities.len() > SHOWN_TITLES {
        out.push_str(more);
    }
    out
}

/// The Monday on or before the 1st: the grid's first day.
fn grid_start(first: NaiveDate) -> NaiveDate {
    first - Duration::days(first.weekday().num_days_from_monday() as i64)
}

impl CalendarPane {
    /// Reads the month's key dates and activities on the runner when the month or the data
    /// changed; meanwhile the month's days stand (or, after a save, the month as it was).
    pub(super) fn load_month(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        version: u64,
        first: NaiveDate,
    ) {
        if self
            .data
            .as_ref()
            .is_some_and(|d| d.version == version && d.first == first)
        {
            return;
        }
        if self.data.as_ref().map(|d| d.first) != Some(first) {
            self.data = Some(MonthData::skeleton(first));
        }
        if let Some(month) = self.month_reading.read(
            ctx,
            store.path(),
            &(version, first),
            "日历",
            MonthData::read,
        ) {
            self.data = Some(month);
        }
    }

    /// The weeks of the month (4 to 6 rows), each day cell as tall as `height` allows, with
    /// room for at least one activity line.
    pub(super) fn month_grid(&mut self, ui: &mut egui::Ui, today: NaiveDate, height: f32) {
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
                label.push_str(&format!(
                    "；活动 {} 场：{}",
                    cell.activities.len(),
                    day_titles(&cell.activities, "、", "等")
                ));
            }
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str())
            });
            // The full titles, one a line (the chips clip them); a district's day of hundreds
            // names the first ones and how many more, within the screen.
            let response = if response.hovered() && !cell.activities.is_empty() {
                let more = cell.activities.len().saturating_sub(SHOWN_TITLES);
                let tail = format!("\n……另 {more} 场，点击这一天查看全部");
                response.on_hover_text(day_titles(&cell.activities, "\n", &tail))
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
    pub(super) fn day_list(&mut self, ui: &mut egui::Ui, store: &Store, today: NaiveDate) {
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
}
