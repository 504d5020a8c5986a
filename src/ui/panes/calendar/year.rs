//! The year view: twelve small months with the key dates and how many activities each day.

use super::*;

/// What the year overview shows: per day, whether it is a key date and how many activities.
pub(super) struct YearData {
    version: u64,
    year: i32,
    keys: Vec<NaiveDate>,
    counts: std::collections::HashMap<NaiveDate, usize>,
}

impl YearData {
    /// Reads the year's activities per day and its theme days (on the runner).
    fn read(store: &Store, &(version, year): &(u64, i32)) -> crate::store::Result<Self> {
        let mut counts = std::collections::HashMap::new();
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            for a in store.activities_between(from, to)? {
                *counts.entry(a.date).or_insert(0) += 1;
            }
        }
        let keys = store
            .key_dates(year)?
            .into_iter()
            .filter(|k| k.is_theme_node())
            .map(|k| k.date)
            .collect();
        Ok(YearData {
            version,
            year,
            keys,
            counts,
        })
    }
}

impl CalendarPane {
    pub(super) fn load_year(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        version: u64,
        year: i32,
    ) {
        if self
            .year
            .as_ref()
            .is_some_and(|y| y.version == version && y.year == year)
        {
            return;
        }
        if self.year.as_ref().map(|y| y.year) != Some(year) {
            self.year = Some(YearData {
                version: u64::MAX,
                year,
                keys: Default::default(),
                counts: Default::default(),
            });
        }
        if let Some(data) = self.year_reading.read(
            ctx,
            store.path(),
            &(version, year),
            "全年日历",
            YearData::read,
        ) {
            self.year = Some(data);
        }
    }

    /// Twelve small months; a day with activities is shaded, a key date red; clicking a month
    /// opens it.
    pub(super) fn year_overview(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
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
}
