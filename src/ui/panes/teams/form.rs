//! The team form (新建 / 编辑 队伍): name, category, owning unit, leader, founding date and
//! description, checked as typed.

use chrono::NaiveDate;

use crate::domain::dates;
use crate::store::Store;
use crate::store::teams::{MemberRow, Team};
use crate::store::volunteers::UnitChoice;
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::{FormOutcome, LeaveGuard};

/// The team form.
pub struct TeamForm {
    team: Team,
    founded: String,
    units: Vec<UnitChoice>,
    members: Vec<MemberRow>,
    original: Team,
    guard: LeaveGuard,
    /// Why the last save failed.
    pub save_error: Option<String>,
}

impl TeamForm {
    /// Whether the form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.guard.unsaved()
    }

    /// A form for a new team.
    pub fn new_team(store: &Store, today: NaiveDate) -> Self {
        let team = Team {
            category: "综合".into(),
            founded_on: Some(today),
            ..Default::default()
        };
        Self::edit(store, team)
    }

    /// A form for an existing team.
    pub fn edit(store: &Store, team: Team) -> Self {
        let members = if team.meta.id.is_empty() {
            Vec::new()
        } else {
            store.team_members(&team.meta.id).or_report()
        };
        TeamForm {
            founded: team.founded_on.map(dates::iso).unwrap_or_default(),
            units: store.unit_choices().or_report(),
            members,
            original: team.clone(),
            team,
            guard: LeaveGuard::default(),
            save_error: None,
        }
    }

    fn problems(&self, today: NaiveDate) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let name = self.team.name.trim();
        if name.is_empty() {
            out.push(("队伍名称", "请填写队伍名称".to_string()));
        } else if let Some(why) = crate::domain::text::unreadable(name) {
            out.push(("队伍名称", why));
        } else if name.chars().count() > 50 {
            out.push(("队伍名称", "队伍名称不能超过50个字".to_string()));
        }
        match self.founded.trim() {
            "" => {}
            t => match dates::parse(t) {
                Ok(d) if d > today => out.push(("成立日期", "成立日期不能晚于今天".into())),
                Ok(_) => {}
                Err(e) => out.push(("成立日期", e.to_string())),
            },
        }
        out
    }

    fn changed(&self) -> bool {
        let mut t = self.team.clone();
        t.founded_on = dates::parse(&self.founded).ok();
        t != self.original
    }

    /// Draws the form.
    pub fn show(&mut self, egui_ctx: &egui::Context, today: NaiveDate) -> FormOutcome<Box<Team>> {
        let mut action = FormOutcome::Editing;
        let title = if self.team.meta.id.is_empty() {
            "新建队伍"
        } else {
            "编辑队伍"
        };
        let problems = self.problems(today);
        crate::ui::widgets::dialog::form_dialog("team_form").show(egui_ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(title);
            egui::Grid::new("team_form_grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("队伍名称 *");
                    let name = ui
                        .add(egui::TextEdit::singleline(&mut self.team.name).desired_width(320.0))
                        .labelled_by(label.id);
                    if self.team.name.is_empty() && !name.has_focus() && !self.guard.asking() {
                        name.request_focus();
                    }
                    ui.end_row();

                    let label = ui.label("类别");
                    egui::ComboBox::from_id_salt("team_category")
                        .selected_text(self.team.category.as_str())
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            for c in crate::domain::categories::team_categories().iter().copied() {
                                ui.selectable_value(&mut self.team.category, c.to_string(), c);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("所属单位");
                    let unit_name = self
                        .team
                        .unit_id
                        .as_ref()
                        .and_then(|id| self.units.iter().find(|u| &u.id == id))
                        .map_or("（未填）", |u| u.name.as_str());
                    egui::ComboBox::from_id_salt("team_unit")
                        .selected_text(unit_name)
                        .width(260.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.team.unit_id, None, "（未填）");
                            for u in &self.units {
                                ui.selectable_value(
                                    &mut self.team.unit_id,
                                    Some(u.id.clone()),
                                    &u.name,
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("队长");
                    let leader = self
                        .team
                        .leader_id
                        .as_ref()
                        .and_then(|id| self.members.iter().find(|m| &m.volunteer_id == id))
                        .map_or("（未指定）".to_string(), |m| {
                            format!("{}（{}）", m.name, m.number)
                        });
                    ui.add_enabled_ui(!self.members.is_empty(), |ui| {
                        egui::ComboBox::from_id_salt("team_leader")
                            .selected_text(leader)
                            .width(260.0)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut self.team.leader_id, None, "（未指定）");
                                for m in &self.members {
                                    ui.selectable_value(
                                        &mut self.team.leader_id,
                                        Some(m.volunteer_id.clone()),
                                        format!("{}（{}）", m.name, m.number),
                                    );
                                }
                            })
                            .response
                            .labelled_by(label.id)
                            .on_disabled_hover_text("先添加成员，再从成员中指定队长");
                    });
                    ui.end_row();

                    let label = ui.label("成立日期");
                    crate::ui::widgets::date_picker::date_field(
                        ui,
                        "team_founded",
                        &mut self.founded,
                    )
                    .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("简介");
                    ui.add(
                        egui::TextEdit::multiline(&mut self.team.description)
                            .desired_rows(3)
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            for (field, message) in &problems {
                ui.colored_label(palette::ERROR, format!("{field}：{message}"));
            }
            if let Some(e) = &self.save_error {
                ui.colored_label(palette::ERROR, format!("保存失败：{e}"));
            }
            ui.separator();
            if self.guard.asking() {
                if self.guard.leave(ui, false, true) {
                    action = FormOutcome::Cancel;
                }
                return;
            }
            let save_keys = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
            let mut leave = false;
            ui.horizontal(|ui| {
                let save = ui
                    .add_enabled(problems.is_empty(), egui::Button::new("保存"))
                    .on_hover_text("保存（Ctrl+S）");
                if (save.clicked() || save_keys) && problems.is_empty() {
                    let mut t = self.team.clone();
                    t.name = t.name.trim().to_string();
                    t.description = t.description.trim().to_string();
                    t.founded_on = dates::parse(&self.founded).ok();
                    action = FormOutcome::Save(Box::new(t));
                }
                leave = ui.button("取消").on_hover_text("取消（Esc）").clicked();
            });
            leave |= ui.input(|i| i.key_pressed(egui::Key::Escape));
            if self.guard.leave(ui, leave, self.changed()) {
                action = FormOutcome::Cancel;
            }
        });
        action
    }
}
