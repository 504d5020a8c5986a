//! 志愿者: the register as a virtual-scrolled table (numbers masked), and the form.

pub mod detail;
pub mod form;

use detail::VolunteerDetail;
use form::{FormAction, VolunteerForm};

use super::{AppCtx, Command, Pane};
use crate::store::meta::Table;
use crate::store::volunteers::{Volunteer, VolunteerRow};
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The volunteer pane.
#[derive(Default)]
pub struct VolunteersPane {
    rows: PagedRows<VolunteerRow>,
    form: Option<VolunteerForm>,
    /// The selected row: its index and key.
    selected: Option<(usize, String)>,
    detail: Option<VolunteerDetail>,
}

impl VolunteersPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        self.rows.sync(ctx.version);
        let store = ctx.store;
        let total = self.rows.total(|| store.count_live(Table::Volunteers));
        ui.heading(Pane::Volunteers.heading());
        ui.horizontal(|ui| {
            if ui
                .button("新增志愿者")
                .on_hover_text("登记一名新志愿者（Ctrl+N）")
                .clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
            {
                self.form = Some(VolunteerForm::new_volunteer(store, ctx.today));
            }
            let selected = self.selected.as_ref().map(|s| s.1.clone());
            let edit = ui
                .add_enabled(selected.is_some(), egui::Button::new("编辑"))
                .on_hover_text("编辑选中的志愿者（也可双击一行）");
            if let Some(id) = selected.filter(|_| edit.clicked()) {
                self.open(ctx, &id);
            }
            ui.label(format!(
                "共 {total} 名志愿者（证件号码和手机已隐去部分数字）"
            ));
        });
        ui.separator();
        if let Some((_, id)) = &self.selected
            && self.detail.as_ref().map(VolunteerDetail::id) != Some(id.as_str())
        {
            self.detail = Some(VolunteerDetail::new(id.clone()));
        }
        if let Some(detail) = &mut self.detail {
            egui::Panel::right("volunteer_detail")
                .default_size(430.0)
                .show(ui, |ui| detail.ui(ui, ctx));
        }
        let clicks = paged_table::show(
            ui,
            "volunteers",
            self.selected.as_ref().map(|s| s.0),
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
        if let Some(i) = clicks.clicked {
            self.selected = self.rows.cached(i).map(|r| (i, r.id.clone()));
        }
        if let Some(id) = clicks
            .opened
            .and_then(|i| self.rows.cached(i))
            .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        self.show_form(ui.ctx(), ctx);
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        if let Ok(v) = ctx.store.get::<Volunteer>(id) {
            self.form = Some(VolunteerForm::edit(ctx.store, v));
        }
    }

    fn show_form(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(form) = &mut self.form else { return };
        match form.show(egui_ctx, ctx.store, ctx.today) {
            FormAction::None => {}
            FormAction::Close => self.form = None,
            FormAction::Open(id) => self.open(ctx, &id),
            FormAction::Save(v) => ctx.commands.push(Command::SaveVolunteer(v)),
        }
    }

    /// The outcome of a save the form asked for: close it, or show why it failed and keep
    /// everything typed.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.form = None,
            Err(e) => {
                if let Some(form) = &mut self.form {
                    form.save_error = Some(e);
                }
            }
        }
    }

    /// Whether the form is open.
    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }
}
