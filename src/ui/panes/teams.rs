//! 队伍: the volunteer service teams with their member counts.

use super::{AppCtx, Pane};
use crate::store::meta::Table;
use crate::store::teams::TeamRow;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The team pane.
#[derive(Default)]
pub struct TeamsPane {
    rows: PagedRows<TeamRow>,
}

impl TeamsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        self.rows.sync(ctx.version);
        let store = ctx.store;
        let total = self.rows.total(|| store.count_live(Table::Teams));
        ui.heading(Pane::Teams.heading());
        ui.label(format!("共 {total} 支队伍"));
        ui.separator();
        paged_table::show(
            ui,
            "teams",
            None,
            &[
                ("队伍名称", 220.0),
                ("类别", 130.0),
                ("所属单位", 180.0),
                ("队长", 80.0),
                ("成员数", 60.0),
            ],
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.team_page(offset, limit),
            &|r| {
                vec![
                    r.name.clone(),
                    r.category.clone(),
                    r.unit.clone(),
                    r.leader.clone(),
                    r.members.to_string(),
                ]
            },
        );
    }
}
