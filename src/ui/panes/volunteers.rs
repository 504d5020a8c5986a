//! 志愿者: the register as a virtual-scrolled table (numbers masked).

use super::{AppCtx, Pane};
use crate::store::meta::Table;
use crate::store::volunteers::VolunteerRow;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The volunteer pane.
#[derive(Default)]
pub struct VolunteersPane {
    rows: PagedRows<VolunteerRow>,
}

impl VolunteersPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        self.rows.sync(ctx.version);
        let store = ctx.store;
        let total = self.rows.total(|| store.count_live(Table::Volunteers));
        ui.heading(Pane::Volunteers.heading());
        ui.label(format!(
            "共 {total} 名志愿者（证件号码和手机已隐去部分数字）"
        ));
        ui.separator();
        paged_table::show(
            ui,
            "volunteers",
            &[
                ("志愿者编号", 110.0),
                ("姓名", 80.0),
                ("性别", 45.0),
                ("证件号码", 170.0),
                ("手机", 110.0),
                ("政治面貌", 100.0),
                ("所在村居", 110.0),
                ("状态", 60.0),
            ],
            &mut self.rows,
            total,
            &mut |offset, limit| store.volunteer_page(offset, limit),
            &|r| {
                vec![
                    r.number.clone(),
                    r.name.clone(),
                    r.gender.clone(),
                    r.id_masked.clone(),
                    r.mobile_masked.clone(),
                    r.political_status.clone(),
                    r.community.clone(),
                    r.status.clone(),
                ]
            },
        );
    }
}
