//! The register's filters, and how the register is read on the runner.

use super::*;
use crate::domain::volunteer::{KINDS, POLITICAL_STATUSES, STATUSES};
use crate::store::register::{RegisterFilter, RegisterQuery};
use crate::store::volunteers::UnitChoice;
use crate::ui::widgets::live_table::{Counted, Reader};
use crate::ui::widgets::paged_table::TableSort;
use crate::ui::widgets::record_list::{Filters, ListLook};

/// The register as counted: how many, and the ordered keys when SQL cannot page it in order.
pub(super) struct Listing {
    count: u64,
    keys: Option<Vec<i64>>,
}

impl Counted for Listing {
    fn total(&self) -> u64 {
        self.count
    }
}

/// What the register's table is read for: the search, filters and order, or the bin.
pub(super) type Asked = (RegisterQuery, bool);

/// How the register and its bin are read on the runner: counted (with the ordered keys of a
/// filtered register, read once per change), then paged.
pub(super) const READER: Reader<Asked, Listing, VolunteerRow> = Reader {
    count: |s, (query, in_bin)| {
        if *in_bin {
            return Ok(Listing {
                count: s.volunteers_in_bin()?,
                keys: None,
            });
        }
        let count = s.register_count(query)?;
        let keys = if query.needs_key_list(count) {
            Some(s.register_keys(query)?)
        } else {
            None
        };
        Ok(Listing { count, keys })
    },
    page: |s, (query, in_bin), listing, offset, limit| {
        if *in_bin {
            s.volunteer_page(true, offset, limit)
        } else if let Some(keys) = &listing.keys {
            let end = (offset + limit).min(keys.len());
            s.register_rows(keys.get(offset..end).unwrap_or_default())
        } else {
            s.register_page(query, offset, limit)
        }
    },
};

/// The register's filters: 所在村居, 所属队伍, 政治面貌, 志愿者类别, 星级, 状态.
#[derive(Default)]
pub(super) struct RegisterFilters {
    filter: RegisterFilter,
    /// The communities and teams offered, for the data version they were read at.
    choices: Option<(u64, Vec<UnitChoice>, Vec<UnitChoice>)>,
}

impl Filters for RegisterFilters {
    type Query = Asked;
    type Counted = Listing;

    fn ui(&mut self, ui: &mut egui::Ui, _look: &ListLook<'_>, ctx: &AppCtx<'_>) -> bool {
        if self.choices.as_ref().map(|c| c.0) != Some(ctx.version) {
            self.choices = Some((
                ctx.version,
                ctx.store.community_choices().or_report(),
                ctx.store.team_choices().or_report(),
            ));
        }
        let Some((_, communities, teams)) = &self.choices else {
            return false;
        };
        let before = self.filter.clone();
        let f = &mut self.filter;
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
        keep_together(ui, "星级");
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
        self.filter != before
    }

    fn active(&self) -> bool {
        self.filter.is_active()
    }

    fn clear(&mut self) {
        self.filter = RegisterFilter::default();
    }

    fn query(&self, search: &str, in_bin: bool, sort: &TableSort) -> Asked {
        let query = RegisterQuery {
            search: search.to_string(),
            filter: self.filter.clone(),
            sort: SORT_KEYS[sort.column.min(SORT_KEYS.len() - 1)],
            descending: sort.descending,
        };
        (query, in_bin)
    }
}

/// A filter over keyed choices (communities, teams): 全部 or one of them.
fn keyed_choice(
    ui: &mut egui::Ui,
    title: &str,
    value: &mut Option<String>,
    choices: &[UnitChoice],
) {
    keep_together(ui, title);
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
    keep_together(ui, title);
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

/// Starts a new row when a filter's label and its box would not fit together on this one.
fn keep_together(ui: &mut egui::Ui, title: &str) {
    let width = 16.0 * title.chars().count() as f32 + 140.0;
    if ui.layout().main_wrap && ui.available_size_before_wrap().x < width {
        ui.end_row();
    }
}
