//! Dialogs with lists in them: a modal on the middle layer, so the drop-down lists it opens
//! (on the foreground layer) always show above it, however often the dialog was clicked.

/// A modal dialog named `name`, below its own drop-down lists.
pub fn form_dialog(name: &str) -> egui::Modal {
    let id = egui::Id::unique(name);
    egui::Modal::new(id).area(egui::Modal::default_area(id).order(egui::Order::Middle))
}
