//! The first-run dialog: the unit's name, and example data offered.

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRunChoice {
    /// 本单位名称
    pub unit_name: String,
    /// Whether to load example data.
    pub load_demo: bool,
}

/// The dialog's state.
pub struct FirstRunDialog {
    unit_name: String,
    /// Example data is offered (only for a ledger without volunteers: it fills empty files
    /// only).
    offer_demo: bool,
    load_demo: bool,
    error: Option<String>,
    focused: bool,
}

impl FirstRunDialog {
    /// The dialog; `offer_demo` for an empty ledger (then example data is ticked).
    pub fn new(offer_demo: bool) -> Self {
        FirstRunDialog {
            unit_name: String::new(),
            offer_demo,
            load_demo: offer_demo,
            error: None,
            focused: false,
        }
    }

    /// Draws the dialog as a modal; returns the choice once confirmed.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<FirstRunChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("first_run")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("欢迎使用志愿服务台账");
            ui.label("首次使用，请填写本单位名称。它将作为各类报送文书的填报单位，以后可在“设置”中修改。");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let label = ui.label("本单位名称");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.unit_name)
                            .hint_text("例如：某某街道办事处")
                            .desired_width(280.0),
                    )
                    .labelled_by(label.id);
                if !self.focused {
                    // The clerk can type the name straight away.
                    edit.request_focus();
                    self.focused = true;
                }
                if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    choice = self.confirm();
                }
            });
            if self.offer_demo {
                ui.checkbox(
                    &mut self.load_demo,
                    "载入示例数据（2000名志愿者及两年的活动记录，便于熟悉各项功能）",
                );
            } else {
                ui.weak("这个数据库中已有志愿者记录，不载入示例数据。");
            }
            if let Some(e) = &self.error {
                ui.colored_label(crate::ui::theme::palette::ERROR, e);
            }
            ui.add_space(8.0);
            if ui.button("开始使用").clicked() {
                choice = self.confirm();
            }
        });
        choice
    }

    fn confirm(&mut self) -> Option<FirstRunChoice> {
        let name = self.unit_name.trim();
        if name.is_empty() {
            self.error = Some("请填写本单位名称。".into());
            return None;
        }
        if name.chars().count() > 50 {
            self.error = Some("本单位名称不能超过50个字。".into());
            return None;
        }
        Some(FirstRunChoice {
            unit_name: name.to_string(),
            load_demo: self.load_demo,
        })
    }
}
