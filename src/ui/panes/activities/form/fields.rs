//! The activity form's fields: name, category, date and times, place, organiser, team,
//! beneficiaries, status and the record of what happened.

use super::*;
use crate::ui::failures::OrReport;

impl ActivityForm {
    pub(super) fn fields(&mut self, ui: &mut egui::Ui, store: &Store) {
        // The key dates of the year typed (or of the activity's), read when the year changes.
        let year = dates::parse(&self.date)
            .map(|d| d.year())
            .unwrap_or(self.activity.date.year());
        if self.key_dates.as_ref().map(|k| k.0) != Some(year) {
            self.key_dates = Some((year, store.key_dates(year).or_report()));
        }
        let a = &mut self.activity;
        egui::Grid::new("activity_fields")
            .num_columns(4)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("活动名称 *");
                ui.add(egui::TextEdit::singleline(&mut a.title).desired_width(300.0))
                    .labelled_by(label.id);
                let label = ui.label("类别");
                egui::ComboBox::from_id_salt("activity_category")
                    .selected_text(a.category.as_str())
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for c in all_activity_categories() {
                            ui.selectable_value(&mut a.category, c.to_string(), c);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("日期 *");
                crate::ui::widgets::date_picker::date_field(ui, "activity_date", &mut self.date)
                    .labelled_by(label.id);
                let label = ui.label("状态");
                egui::ComboBox::from_id_salt("activity_status")
                    .selected_text(a.status.as_str())
                    .show_ui(ui, |ui| {
                        for s in ACTIVITY_STATUSES {
                            ui.selectable_value(&mut a.status, s.to_string(), s);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("开始时间");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut a.start_time).desired_width(60.0))
                        .labelled_by(label.id);
                    let end = ui.label("结束时间");
                    ui.add(egui::TextEdit::singleline(&mut a.end_time).desired_width(60.0))
                        .labelled_by(end.id);
                    match activity::duration(&a.start_time, &a.end_time) {
                        Some(d) => ui.label(format!("时长 {d} 小时")),
                        None => ui.weak("（时长未定）"),
                    };
                });
                let label = ui.label("地点");
                ui.add(egui::TextEdit::singleline(&mut a.location).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("重要时间节点");
                let key_dates = self.key_dates.as_ref().map_or(&[][..], |k| k.1.as_slice());
                ui.vertical(|ui| {
                    egui::ComboBox::from_id_salt("activity_key_date")
                        .selected_text(if a.key_date.is_empty() {
                            "（无）"
                        } else {
                            a.key_date.as_str()
                        })
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut a.key_date, String::new(), "（无）");
                            for k in key_dates.iter().filter(|k| k.is_theme_node()) {
                                let shown =
                                    format!("{}（{}月{}日）", k.name, k.date.month(), k.date.day());
                                ui.selectable_value(&mut a.key_date, k.name.clone(), shown);
                            }
                        })
                        .response
                        .labelled_by(label.id)
                        .on_hover_text("本活动所属年份的重要时间节点；选定后提示建议的类别");
                    let chosen = key_dates.iter().find(|k| k.name == a.key_date);
                    if let Some(k) =
                        chosen.filter(|k| !k.category().is_empty() && k.category() != a.category)
                        && ui
                            .small_button(format!("类别改为“{}”", k.category()))
                            .on_hover_text(format!("{}建议的类别；主题如：{}", k.name, k.theme()))
                            .clicked()
                    {
                        a.category = k.category().to_string();
                    }
                });
                let label = ui.label("组织单位");
                let unit = a
                    .organizer_id
                    .as_ref()
                    .and_then(|id| self.units.iter().find(|u| &u.id == id))
                    .map_or("（未填）", |u| u.name.as_str());
                egui::ComboBox::from_id_salt("activity_organizer")
                    .selected_text(unit)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut a.organizer_id, None, "（未填）");
                        for u in &self.units {
                            ui.selectable_value(&mut a.organizer_id, Some(u.id.clone()), &u.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("负责人");
                ui.add(egui::TextEdit::singleline(&mut a.leader).desired_width(120.0))
                    .labelled_by(label.id);
                let label = ui.label("服务对象人次");
                ui.add(egui::TextEdit::singleline(&mut self.served).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("服务内容");
                ui.add(
                    egui::TextEdit::multiline(&mut a.content)
                        .desired_rows(2)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                let label = ui.label("成效");
                ui.add(
                    egui::TextEdit::multiline(&mut a.outcome)
                        .desired_rows(2)
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("宣传报道");
                ui.add(egui::TextEdit::singleline(&mut a.publicity).desired_width(300.0))
                    .labelled_by(label.id);
                let label = ui.label("记录人");
                ui.add(egui::TextEdit::singleline(&mut a.recorder).desired_width(120.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.horizontal_wrapped(|ui| {
            ui.label("服务对象：");
            for b in BENEFICIARIES {
                let mut on = self.beneficiaries.iter().any(|x| x == b);
                if ui.checkbox(&mut on, b).changed() {
                    if on {
                        self.beneficiaries.push(b.to_string());
                    } else {
                        self.beneficiaries.retain(|x| x != b);
                    }
                }
            }
        });
    }
}
