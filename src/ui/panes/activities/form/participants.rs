//! The activity form's participants: find and add volunteers or a whole team, and each
//! person's hours.

use super::*;
use crate::ui::failures::OrReport;

impl ActivityForm {
    pub(super) fn participants(&mut self, ui: &mut egui::Ui, store: &Store) {
        let total: i64 = self
            .people
            .iter()
            .filter_map(|p| activity::parse_hours(&p.hours).ok())
            .map(|t| t.0)
            .sum();
        ui.horizontal(|ui| {
            ui.strong(format!(
                "参与志愿者 {} 人，合计 {} 小时",
                self.people.len(),
                Tenths(total)
            ));
            if ui
                .add_enabled(
                    self.duration().is_some() && !self.people.is_empty(),
                    egui::Button::new("全部签到"),
                )
                .on_hover_text("每人的服务时长都设为活动时长")
                .clicked()
            {
                let d = self.duration().unwrap_or_default().to_string();
                for p in &mut self.people {
                    p.hours = d.clone();
                }
            }
        });
        let mut remove = None;
        egui::Grid::new("activity_people")
            .striped(true)
            .show(ui, |ui| {
                for (i, p) in self.people.iter_mut().enumerate() {
                    ui.label(&p.number);
                    let name = ui.label(&p.name);
                    ui.add(egui::TextEdit::singleline(&mut p.hours).desired_width(50.0))
                        .labelled_by(name.id)
                        .on_hover_text("服务时长（小时，一位小数）");
                    ui.label("小时");
                    if ui.small_button("移除").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            self.people.remove(i);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("查找志愿者");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("姓名、拼音首字母、编号或手机尾号")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            let label = ui.label("整队加入");
            let team_name = self
                .team_pick
                .as_ref()
                .and_then(|id| self.teams.iter().find(|t| &t.id == id))
                .map_or("（选择队伍）", |t| t.name.as_str());
            egui::ComboBox::from_id_salt("activity_team")
                .selected_text(team_name)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for t in &self.teams {
                        ui.selectable_value(&mut self.team_pick, Some(t.id.clone()), &t.name);
                    }
                })
                .response
                .labelled_by(label.id);
            if ui
                .add_enabled(self.team_pick.is_some(), egui::Button::new("加入整队"))
                .clicked()
                && let Some(team) = self.team_pick.clone()
            {
                self.activity.team_id = Some(team.clone());
                for h in store.team_member_ids(&team).or_report() {
                    self.add(h.id, h.number, h.name);
                }
            }
        });
        let text = self.search.trim().to_string();
        if text != self.searched {
            self.searched = text.clone();
            self.found = if text.is_empty() {
                Vec::new()
            } else {
                let q = RegisterQuery {
                    search: text,
                    ..Default::default()
                };
                store
                    .register_page(&q, 0, FOUND_LIMIT)
                    .or_report()
                    .into_iter()
                    .map(|r| (r.id, r.number, r.name))
                    .collect()
            };
        }
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            for (id, number, name) in &self.found {
                if ui
                    .button(format!("＋{name}（{number}）"))
                    .on_hover_text("加入本次活动")
                    .clicked()
                {
                    picked = Some((id.clone(), number.clone(), name.clone()));
                }
            }
        });
        if let Some((id, number, name)) = picked {
            self.add(id, number, name);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label("粘贴签到名单");
            ui.add(
                egui::TextEdit::multiline(&mut self.sign_in)
                    .hint_text("每行一人：姓名、手机号码或志愿者编号")
                    .desired_rows(3)
                    .desired_width(300.0),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(
                    !self.sign_in.trim().is_empty(),
                    egui::Button::new("按名单加入"),
                )
                .clicked()
            {
                match store.match_sign_in(&self.sign_in) {
                    Ok(m) => {
                        for (_, h) in m.matched {
                            self.add(h.id, h.number, h.name);
                        }
                        self.unmatched = m.unmatched;
                        self.sign_in.clear();
                    }
                    Err(e) => self.unmatched = vec![(String::new(), e.to_string())],
                }
            }
        });
        for (line, why) in &self.unmatched {
            ui.colored_label(palette::ERROR, format!("未加入：“{line}”——{why}"));
        }
    }
}
