//! 单位与联络表: units with their current contact person.

use super::{AppCtx, Pane};
use crate::store::meta::Table;
use crate::store::units::UnitRow;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The unit pane.
#[derive(Default)]
pub struct UnitsPane {
    rows: PagedRows<UnitRow>,
}

impl UnitsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        self.rows.sync(ctx.version);
        let store = ctx.store;
        let total = self.rows.total(|| store.count_live(Table::Units));
        ui.heading(Pane::Units.heading());
        ui.label(format!("共 {total} 个单位"));
        ui.separator();
        paged_table::show(
            ui,
            "units",
            None,
            &[
                ("单位名称", 220.0),
                ("类型", 120.0),
                ("上级单位", 160.0),
                ("电话", 120.0),
                ("具体负责同志", 100.0),
                ("手机", 110.0),
            ],
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.unit_page(offset, limit),
            &|r| {
                vec![
                    r.name.clone(),
                    r.kind.clone(),
                    r.parent_name.clone(),
                    r.phone.clone(),
                    r.contact_name.clone(),
                    r.contact_mobile.clone(),
                ]
            },
        );
    }
}
