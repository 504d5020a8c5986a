//! The to-do panel: what is due and what is missing, from the district notice's schedule.

use super::*;

impl CalendarPane {
    /// 待办: what is owed, then the coming key dates with their countdown.
    pub(super) fn todo_panel(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        version: u64,
        today: NaiveDate,
        commands: &mut Vec<Command>,
    ) {
        // Read on the runner; the list as it was stands in meanwhile.
        if self
            .todo
            .as_ref()
            .is_none_or(|t| t.0 != version || t.1 != today)
            && let Some(items) = self.todo_reading.read(
                ui.ctx(),
                store.path(),
                &(version, today),
                "待办事项",
                |s, (_, today)| s.todo(*today),
            )
        {
            self.todo = Some((version, today, items));
        }
        ui.heading("待办");
        let Some((_, _, items)) = &self.todo else {
            ui.spinner();
            return;
        };
        egui::ScrollArea::vertical()
            .id_salt("calendar_todo_scroll")
            .show(ui, |ui| {
                let owed: Vec<&Todo> = items.iter().filter(|t| t.owed).collect();
                if owed.is_empty() {
                    ui.colored_label(palette::OK, "没有逾期或缺少的事项。");
                } else {
                    ui.strong(format!("需要补做或补登（{} 项）", owed.len()));
                    for t in owed {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(palette::ERROR, &t.text);
                            if let Some(id) = &t.activity
                                && ui
                                    .push_id(id, |ui| ui.small_button("打开"))
                                    .inner
                                    .on_hover_text(
                                        "在“活动”中打开这场活动，核对后标记为已完成或已取消",
                                    )
                                    .clicked()
                            {
                                commands.push(Command::OpenRecord {
                                    table: crate::store::meta::Table::Activities,
                                    id: id.clone(),
                                });
                            }
                        });
                    }
                }
                ui.separator();
                ui.strong("近 30 天的重要时间节点和截止日期");
                for t in items.iter().filter(|t| !t.owed) {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("{}月{}日", t.date.month(), t.date.day()));
                        ui.colored_label(palette::KEY_DATE, t.countdown());
                        ui.label(&t.text);
                    });
                }
            });
    }
}
