//! The register's search box, its filters, and the filtered listing read on the runner.

use super::*;

/// What the runner reads for the listing: the count and, when needed, the ordered keys.
pub(super) type Read = Result<(u64, Option<Vec<i64>>), String>;

/// The register as filtered: how many, and the ordered keys when SQL cannot page it in order.
#[derive(Clone)]
pub(super) struct Listing {
    pub(super) count: u64,
    pub(super) keys: Option<std::rc::Rc<Vec<i64>>>,
}
impl VolunteersPane {
    /// The listing for `cache_key`, once read, and whether it is up to date; starts reading it
    /// on the runner when needed. While the data changed under the same search and filters, the
    /// last listing stands in (marked not up to date), so the list does not blink after a save.
    pub(super) fn listing(
        &mut self,
        ui: &egui::Ui,
        store: &Store,
        cache_key: u64,
        shape: u64,
    ) -> Option<(Listing, bool)> {
        if let Some((key, _, listing)) = &self.listing
            && *key == cache_key
        {
            return Some((listing.clone(), true));
        }
        if self.listing_task.as_ref().map(|t| t.0) != Some(cache_key) {
            let path = store.path().to_path_buf();
            let query = self.query.clone();
            let task = runner::start("register-filter", ui.ctx(), move |_| {
                let s = Store::open_read_only(&path).map_err(|e| e.to_string())?;
                let n = s.register_count(&query).map_err(|e| e.to_string())?;
                let keys = if query.needs_key_list(n) {
                    Some(s.register_keys(&query).map_err(|e| e.to_string())?)
                } else {
                    None
                };
                Ok((n, keys))
            });
            match task {
                Ok(task) => self.listing_task = Some((cache_key, task)),
                Err(e) => failures::report(e),
            }
        }
        let stale = match &self.listing {
            Some((_, s, listing)) if *s == shape => Some((listing.clone(), false)),
            _ => None,
        };
        let Some((key, task)) = self.listing_task.as_mut() else {
            return stale;
        };
        let read = match task.poll() {
            Poll::Running => return stale,
            Poll::Done(Ok((count, keys))) => Listing {
                count,
                keys: keys.map(std::rc::Rc::new),
            },
            Poll::Done(Err(e)) => {
                failures::report(format!("读取志愿者名册失败：{e}"));
                Listing {
                    count: 0,
                    keys: None,
                }
            }
            Poll::Lost => Listing {
                count: 0,
                keys: None,
            },
        };
        self.listing = Some((*key, shape, read.clone()));
        self.listing_task = None;
        Some((read, true))
    }

    pub(super) fn search_box(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("查找");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search_text)
                        .hint_text("姓名、拼音或首字母（如 zs）、志愿者编号、手机或证件号后几位")
                        .desired_width(420.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Ctrl+F 跳到这里；Esc 清空");
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                edit.request_focus();
            }
            if edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.search_text.clear();
            }
            if !self.search_text.is_empty() && ui.button("清空").clicked() {
                self.search_text.clear();
            }
            // Searched when the text is what the clerk typed: not while a pinyin composition is
            // open (its letters are pre-edit text), then at once on its commit.
            if self.search_text != self.query.search
                && !crate::ui::widgets::ime::composing(ui.ctx())
            {
                self.query.search = self.search_text.clone();
                self.changed();
            }
        });
    }

    /// The search text or a filter changed: back to the first row, nothing selected.
    pub(super) fn changed(&mut self) {
        self.query_changes += 1;
        self.selected = None;
    }

    pub(super) fn filter_row(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        if self.choices.as_ref().map(|c| c.0) != Some(ctx.version) {
            self.choices = Some((
                ctx.version,
                ctx.store.community_choices().or_report(),
                ctx.store.team_choices().or_report(),
            ));
        }
        let Some((_, communities, teams)) = &self.choices else {
            return;
        };
        let before = self.query.filter.clone();
        let f = &mut self.query.filter;
        ui.horizontal_wrapped(|ui| {
            ui.label("筛选：");
            keyed_choice(ui, "所在村居", &mut f.community_id, communities);
            keyed_choice(ui, "所属队伍", &mut f.team_id, teams);
            text_choice(ui, "政治面貌", &mut f.political_status, &POLITICAL_STATUSES);
            text_choice(ui, "志愿者类别", &mut f.kind, &KINDS);
            let star_text = f.star.map_or("全部", |l| {
                if l == 0 {
                    "未达星级"
                } else {
                    star_label(l)
                }
            });
            let label = ui.label("星级");
            egui::ComboBox::from_id_salt("filter_star")
                .selected_text(star_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.star, None, "全部");
                    ui.selectable_value(&mut f.star, Some(0), "未达星级");
                    for level in 1..=5u8 {
                        ui.selectable_value(&mut f.star, Some(level), star_label(level));
                    }
                })
                .response
                .labelled_by(label.id);
            text_choice(ui, "状态", &mut f.status, &STATUSES);
            if ui
                .add_enabled(f.is_active(), egui::Button::new("清除筛选"))
                .clicked()
            {
                *f = RegisterFilter::default();
            }
        });
        if self.query.filter != before {
            self.changed();
        }
    }
}

/// A filter over keyed choices (communities, teams): 全部 or one of them.
fn keyed_choice(
    ui: &mut egui::Ui,
    title: &str,
    value: &mut Option<String>,
    choices: &[UnitChoice],
) {
    let label = ui.label(title);
    let current = value
        .as_ref()
        .and_then(|id| choices.iter().find(|c| &c.id == id))
        .map_or("全部", |c| c.name.as_str());
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(current)
        .width(120.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "全部");
            for c in choices {
                ui.selectable_value(value, Some(c.id.clone()), &c.name);
            }
        })
        .response
        .labelled_by(label.id);
}

/// A filter over fixed texts (政治面貌, 类别, 状态): 全部 or one of them.
fn text_choice(ui: &mut egui::Ui, title: &str, value: &mut Option<String>, choices: &[&str]) {
    let label = ui.label(title);
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(value.as_deref().unwrap_or("全部"))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "全部");
            for c in choices {
                ui.selectable_value(value, Some((*c).to_string()), *c);
            }
        })
        .response
        .labelled_by(label.id);
}
