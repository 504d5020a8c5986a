//! The recycle bin of every list, one behaviour and the same words everywhere: 删除 (also the
//! Delete key) moves the selected record to the bin, the bin offers 恢复, 彻底删除 and 清空回收站,
//! and each asks first. Confirmed, it queues `Command::Bin`.

use crate::store::meta::Table;
use crate::ui::commands::{BinAction, Command};
use crate::ui::theme::palette;

/// How a list names its records for the bin.
#[derive(Debug, Clone, Copy)]
pub struct BinLook<'a> {
    /// Salt of its widgets.
    pub id: &'a str,
    /// The record's Chinese name (志愿者, 活动, 队伍, 培训 …).
    pub noun: &'a str,
    /// Its measure word (名, 场, 支, 次, 项, 条).
    pub measure: &'a str,
    /// The table its records live in.
    pub table: Table,
    /// What a record removed for good takes with it, said before it goes (may be empty).
    pub takes_along: &'a str,
    /// What moving a record to the bin means besides, said with the question (may be empty).
    pub on_delete: &'a str,
}

/// A confirmation the bin is waiting for.
#[derive(Debug, Clone)]
struct Pending {
    action: BinAction,
    id: String,
    what: String,
    /// A warning said with the question (what else goes).
    note: Option<String>,
}

/// The bin's buttons and its confirmation.
#[derive(Debug, Default)]
pub struct BinBar {
    pending: Option<Pending>,
}

/// What the buttons did this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinSwitch {
    /// Nothing to change.
    Stay,
    /// Show the bin.
    ToBin,
    /// Show the list.
    ToList,
}

impl BinBar {
    /// The buttons beside a list: 删除{noun} (and the Delete key) and {noun}回收站; in the bin
    /// 恢复{noun}, 彻底删除{noun}, 清空回收站…, 返回列表. `selected` is the selected record's key
    /// and name; `note` says what removing a record for good takes with it.
    pub fn buttons(
        &mut self,
        ui: &mut egui::Ui,
        look: &BinLook<'_>,
        in_bin: bool,
        selected: Option<(String, String)>,
        note: &dyn Fn(&str) -> Option<String>,
    ) -> BinSwitch {
        let noun = look.noun;
        let mut asked = None;
        let mut switch = BinSwitch::Stay;
        if in_bin {
            let restore =
                ui.add_enabled(selected.is_some(), egui::Button::new(format!("恢复{noun}")));
            let purge = ui
                .add_enabled(
                    selected.is_some(),
                    egui::Button::new(format!("彻底删除{noun}")),
                )
                .on_hover_text("从回收站中永久删除，不能恢复");
            if restore.clicked() {
                asked = Some(BinAction::Restore);
            } else if purge.clicked() {
                asked = Some(BinAction::Purge);
            }
            if ui
                .button("清空回收站…")
                .on_hover_text("永久删除回收站中的全部记录，不能恢复")
                .clicked()
            {
                self.pending = Some(Pending {
                    action: BinAction::EmptyBin,
                    id: String::new(),
                    what: String::new(),
                    note: None,
                });
            }
            if ui.button("返回列表").clicked() {
                switch = BinSwitch::ToList;
            }
        } else {
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new(format!("删除{noun}")))
                .on_hover_text("移入回收站，可以恢复（Delete 键）");
            let key = ui.memory(|m| m.focused().is_none())
                && ui.input(|i| i.key_pressed(egui::Key::Delete));
            if delete.clicked() || key {
                asked = Some(BinAction::Delete);
            }
            if ui.button(format!("{noun}回收站")).clicked() {
                switch = BinSwitch::ToBin;
            }
        }
        if let (Some(action), Some((id, what))) = (asked, selected) {
            let note = if action == BinAction::Purge {
                note(&id)
            } else {
                None
            };
            self.pending = Some(Pending {
                action,
                id,
                what,
                note,
            });
        }
        switch
    }

    /// The confirmation, if one is waiting; queues the command when confirmed. Returns true
    /// when it closed (the selection is then stale).
    pub fn confirm(
        &mut self,
        egui_ctx: &egui::Context,
        look: &BinLook<'_>,
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some(p) = &self.pending else {
            return false;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique((look.id, "bin_confirm"))).show(egui_ctx, |ui| {
            ui.set_width(460.0);
            let noun = look.noun;
            let along = if look.takes_along.is_empty() {
                String::new()
            } else {
                format!("，连同{}", look.takes_along)
            };
            let (text, button) = match p.action {
                BinAction::Delete => (
                    format!(
                        "将{noun}“{}”移入回收站？{}以后可在回收站中恢复。",
                        p.what, look.on_delete
                    ),
                    "移入回收站",
                ),
                BinAction::Restore => (format!("恢复{noun}“{}”？", p.what), "恢复"),
                BinAction::Purge => (
                    format!("彻底删除{noun}“{}”{along}？删除后不能恢复。", p.what),
                    "彻底删除",
                ),
                BinAction::EmptyBin => (
                    format!(
                        "清空{noun}回收站？回收站中的全部{noun}将被永久删除{along}，不能恢复（导入前和每天的自动备份中仍有）。"
                    ),
                    "清空回收站",
                ),
            };
            ui.label(text);
            if let Some(note) = &p.note {
                ui.colored_label(palette::ERROR, note);
            }
            ui.horizontal(|ui| {
                let b = egui::Button::new(button);
                let b = if matches!(p.action, BinAction::Purge | BinAction::EmptyBin) {
                    b.fill(palette::ERROR.gamma_multiply(0.25))
                } else {
                    b
                };
                if ui.add(b).clicked() {
                    let what = if p.action == BinAction::EmptyBin {
                        format!("{noun}回收站")
                    } else {
                        format!("{noun}“{}”", p.what)
                    };
                    commands.push(Command::Bin {
                        table: look.table,
                        id: p.id.clone(),
                        action: p.action,
                        what,
                    });
                    close = true;
                }
                if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.pending = None;
        }
        close
    }
}
