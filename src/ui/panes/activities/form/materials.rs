//! The activity form's materials (留存资料): thumbnails, add, remove and open.

use super::*;
use crate::ui::failures::OrReport;

impl ActivityForm {
    /// The activity's attachments and removed attachments, read once per data version.
    pub(super) fn files(
        &mut self,
        store: &Store,
        version: u64,
    ) -> (Vec<Attachment>, Vec<Attachment>) {
        if self.attachments.as_ref().map(|a| a.0) != Some(version) {
            let id = &self.activity.meta.id;
            let (live, removed) = if id.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                (
                    store.attachments_of("activities", id).or_report(),
                    store.removed_attachments_of("activities", id).or_report(),
                )
            };
            self.attachments = Some((version, live, removed));
        }
        self.attachments
            .as_ref()
            .map(|a| (a.1.clone(), a.2.clone()))
            .unwrap_or_default()
    }

    /// 留存资料: the files kept with a saved activity; added by the file dialog or dropped on
    /// the window, opened with the system's viewer, removed to the recycle bin.
    pub(super) fn materials(&mut self, ui: &mut egui::Ui, store: &Store, version: u64) {
        let id = self.activity.meta.id.clone();
        if id.is_empty() {
            ui.weak("留存资料：保存活动后可添加照片、签到表扫描件、PDF 或 Word 文件。");
            return;
        }
        let (files, removed) = self.files(store, version);
        ui.horizontal(|ui| {
            ui.strong(format!("留存资料（{} 个）", files.len()));
            if ui
                .button("添加文件…")
                .on_hover_text("也可以把文件直接拖到窗口上")
                .clicked()
                && let Some(paths) = rfd::FileDialog::new()
                    .set_title("添加留存资料")
                    .add_filter(
                        "照片、扫描件和文档",
                        &[
                            "jpg", "jpeg", "png", "gif", "bmp", "pdf", "doc", "docx", "xls",
                            "xlsx", "wps",
                        ],
                    )
                    .pick_files()
            {
                self.pending = Some((id.clone(), paths));
            }
        });
        let dropped: Vec<std::path::PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.pending = Some((id.clone(), dropped));
        }
        ui.horizontal_wrapped(|ui| {
            for f in &files {
                let path = store.attachment_path(f);
                ui.vertical(|ui| {
                    ui.set_width(thumbnail::SIZE + 48.0);
                    let picture = self
                        .thumbnails
                        .show(ui, &path, &f.mime)
                        .on_hover_text("点击用系统程序打开");
                    ui.add(
                        egui::Label::new(format!(
                            "{}（{} KB）",
                            f.file_name,
                            (f.size_bytes + 1023) / 1024
                        ))
                        .truncate(),
                    )
                    .on_hover_text(&f.file_name);
                    ui.horizontal(|ui| {
                        if (ui.small_button("打开").clicked() || picture.clicked())
                            && let Err(e) = crate::ui::system::open_with_system(&path)
                        {
                            self.save_error = Some(format!("无法打开“{}”：{e}", f.file_name));
                        }
                        if ui
                            .small_button("移除")
                            .on_hover_text("移入回收站，可以恢复")
                            .clicked()
                        {
                            self.remove = Some(f.meta.id.clone());
                        }
                    });
                });
            }
        });
        if !removed.is_empty() {
            egui::CollapsingHeader::new(format!("已移除的资料（{} 个）", removed.len()))
                .id_salt("removed_materials")
                .show(ui, |ui| {
                    for f in &removed {
                        ui.horizontal(|ui| {
                            ui.label(&f.file_name);
                            if ui.small_button(format!("恢复“{}”", f.file_name)).clicked() {
                                self.restore = Some(f.meta.id.clone());
                            }
                        });
                    }
                });
        }
    }
}
