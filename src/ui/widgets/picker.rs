//! A search box with the matches as buttons below it, for picking a volunteer or an activity
//! inside a form. The matches are looked up when the text changes, not every frame.

use crate::ui::failures::OrReport;
/// A search box and its last matches.
pub struct SearchPicker<T> {
    text: String,
    found: Option<(String, Vec<T>)>,
}

impl<T> Default for SearchPicker<T> {
    fn default() -> Self {
        SearchPicker {
            text: String::new(),
            found: None,
        }
    }
}

impl<T: Clone> SearchPicker<T> {
    /// Draws the box labelled `label` and a button per match (`button` gives its text, or
    /// `None` to leave a match out); returns the match clicked. `fetch` runs when the trimmed
    /// text changed. With `clear_on_pick` the box empties after a pick.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        label: &str,
        fetch: impl FnOnce(&str) -> Vec<T>,
        button: impl Fn(&T) -> Option<String>,
        clear_on_pick: bool,
    ) -> Option<T> {
        ui.horizontal(|ui| {
            let l = ui.label(label);
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(240.0))
                .labelled_by(l.id);
        });
        let text = self.text.trim().to_string();
        if self.found.as_ref().map(|f| f.0.as_str()) != Some(text.as_str()) {
            let found = if text.is_empty() {
                Vec::new()
            } else {
                fetch(&text)
            };
            self.found = Some((text, found));
        }
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            for item in self.found.iter().flat_map(|f| &f.1) {
                if let Some(caption) = button(item)
                    && ui.button(caption).clicked()
                {
                    picked = Some(item.clone());
                }
            }
        });
        if picked.is_some() && clear_on_pick {
            self.text.clear();
        }
        picked
    }
}

/// Matches offered per search.
const MATCHES: usize = 12;

/// Live volunteers matching the register's search box rules.
pub fn volunteers(
    store: &crate::store::Store,
    text: &str,
) -> Vec<crate::store::volunteers::VolunteerRow> {
    let q = crate::store::register::RegisterQuery {
        search: text.to_string(),
        ..Default::default()
    };
    store.register_page(&q, 0, MATCHES).or_report()
}

/// Live activities whose title contains `text`, newest first.
pub fn activities(
    store: &crate::store::Store,
    text: &str,
) -> Vec<crate::store::activities::ActivityRow> {
    let f = crate::store::activities::ActivityFilter {
        text: text.to_string(),
        ..Default::default()
    };
    store.activity_page(&f, 0, MATCHES).or_report()
}

/// The button caption of an activity to link.
pub fn activity_caption(a: &crate::store::activities::ActivityRow) -> String {
    format!("关联：{} {}", crate::domain::dates::iso(a.date), a.title)
}
