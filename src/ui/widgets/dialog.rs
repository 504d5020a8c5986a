//! Dialogs with lists in them: a modal on the middle layer, so the drop-down lists it opens
//! (on the foreground layer) always show above it, however often the dialog was clicked.

/// A modal dialog named `name`, below its own drop-down lists.
pub fn form_dialog(name: &str) -> egui::Modal {
    let id = egui::Id::unique(name);
    egui::Modal::new(id).area(egui::Modal::default_area(id).order(egui::Order::Middle))
}

/// What the buttons under a form were asked to do in this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormButtons {
    /// Nothing.
    None,
    /// Save (only offered when there are no errors).
    Save,
    /// Close without saving.
    Cancel,
}

/// The foot of a form: its errors, why the last save failed, and the save and 取消 buttons.
pub fn form_footer(
    ui: &mut egui::Ui,
    errors: &[String],
    save_error: Option<&str>,
    save_label: &str,
) -> FormButtons {
    let error = crate::ui::theme::palette::ERROR;
    ui.separator();
    for e in errors {
        ui.colored_label(error, e.as_str());
    }
    if let Some(e) = save_error {
        ui.colored_label(error, format!("保存失败：{e}"));
    }
    let mut pressed = FormButtons::None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(errors.is_empty(), egui::Button::new(save_label))
            .clicked()
        {
            pressed = FormButtons::Save;
        }
        if ui.button("取消").clicked() {
            pressed = FormButtons::Cancel;
        }
    });
    pressed
}

/// What the clerk answered when asked whether to discard a form's changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discard {
    /// Not answered yet.
    Undecided,
    /// 放弃修改: close the form.
    Discard,
    /// 继续编辑: back to the form.
    KeepEditing,
}

/// Asks whether to discard the unsaved changes of a form.
pub fn discard_prompt(ui: &mut egui::Ui) -> Discard {
    ui.colored_label(
        crate::ui::theme::palette::WARNING,
        "有未保存的修改，确定放弃吗？",
    );
    let mut answer = Discard::Undecided;
    ui.horizontal(|ui| {
        if ui.button("放弃修改").clicked() {
            answer = Discard::Discard;
        }
        if ui.button("继续编辑").clicked() {
            answer = Discard::KeepEditing;
        }
    });
    answer
}
