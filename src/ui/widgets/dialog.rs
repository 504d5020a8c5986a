//! Dialogs with lists in them: a modal on the middle layer, so the drop-down lists it opens
//! (on the foreground layer) always show above it, however often the dialog was clicked.

/// A modal dialog named `name`, below its own drop-down lists.
pub fn form_dialog(name: &str) -> egui::Modal {
    let id = egui::Id::unique(name);
    egui::Modal::new(id).area(egui::Modal::default_area(id).order(egui::Order::Middle))
}

/// The dialog that asks where an export goes: `said` explains what is written; the path is
/// typed or chosen with 浏览…; 导出 is offered when `can` and the name ends in one of `kinds`
/// (name and extension, the first the usual one). Returns `Some(true)` for 导出, `Some(false)`
/// for 取消 (or Esc), `None` while it stays open.
pub fn save_as(
    ctx: &egui::Context,
    (title, said): (&str, &str),
    kinds: &[(&str, &str)],
    path: &mut String,
    can: bool,
) -> Option<bool> {
    let mut answer = None;
    form_dialog("save_as").show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(title);
        ui.label(said);
        let ext_ok = path_row(ui, title, kinds, path);
        answer = export_buttons(ui, can && ext_ok);
    });
    answer
}

/// 保存到, the path and 浏览…; under them, what is wrong with the name. Returns whether the name
/// ends in one of `kinds` (name and extension).
pub fn path_row(ui: &mut egui::Ui, title: &str, kinds: &[(&str, &str)], path: &mut String) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label("保存到");
        ui.add(egui::TextEdit::singleline(path).desired_width(380.0))
            .labelled_by(label.id);
        let mut dialog = rfd::FileDialog::new().set_title(title);
        for (name, ext) in kinds {
            dialog = dialog.add_filter(*name, &[*ext]);
        }
        if ui.button("浏览…").clicked()
            && let Some(p) = dialog
                .set_file_name(
                    std::path::Path::new(path.as_str())
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                )
                .save_file()
        {
            *path = p.display().to_string();
        }
    });
    let ext_ok = std::path::Path::new(path.trim())
        .extension()
        .is_some_and(|e| kinds.iter().any(|k| e.eq_ignore_ascii_case(k.1)));
    if !ext_ok {
        let names: Vec<String> = kinds.iter().map(|k| format!(".{}", k.1)).collect();
        ui.colored_label(
            crate::ui::theme::palette::ERROR,
            format!("文件名须以 {} 结尾", names.join(" 或 ")),
        );
    }
    ext_ok
}

/// A list export's dialog while it is open: where it goes, and whether phone numbers go
/// whole (for a list that holds some).
pub struct ListExportAsk {
    /// The file, as typed.
    pub path: String,
    /// Whole numbers asked for.
    pub full: bool,
    /// The reminder acknowledged.
    pub acknowledged: bool,
}

impl ListExportAsk {
    /// The dialog offering `file_name` in the documents folder.
    pub fn new(file_name: &str) -> Self {
        ListExportAsk {
            path: crate::paths::documents_dir()
                .join(file_name)
                .display()
                .to_string(),
            full: false,
            acknowledged: false,
        }
    }

    /// How the numbers go.
    pub fn numbers(&self) -> crate::export::roster::Numbers {
        if self.full {
            crate::export::roster::Numbers::Full
        } else {
            crate::export::roster::Numbers::Masked
        }
    }

    /// Draws it: `said` says what is exported; the whole-number box for a list that holds
    /// phone numbers. `Some(true)` for 导出 (offered when `can`), `Some(false)` for 取消.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        list: crate::ops::lists::ListName,
        said: &str,
        can: bool,
    ) -> Option<bool> {
        let mut answer = None;
        let title = format!("导出{}列表", list.title());
        form_dialog("list_export").show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&title);
            ui.label(said);
            let ok = path_row(ui, &title, XLSX, &mut self.path);
            let may = !list.personal()
                || whole_numbers(
                    ui,
                    (&mut self.full, &mut self.acknowledged),
                    ("手机号码", "列表"),
                    "默认隐去手机号码的中间数字（如 138****0001）。",
                );
            answer = export_buttons(ui, ok && may && can);
        });
        if !list.personal() {
            self.full = false;
        }
        answer
    }
}

/// The box for whole numbers in an export (off by default); when ticked, the law's reminder
/// and the acknowledgement; when not, `masked` (how the numbers look). `what` names the numbers
/// (证件号码和手机号码, 手机号码) and `doc` what is exported (名册, 列表). Returns whether the
/// export may go ahead: numbers masked, or whole and acknowledged.
pub fn whole_numbers(
    ui: &mut egui::Ui,
    (full, acknowledged): (&mut bool, &mut bool),
    (what, doc): (&str, &str),
    masked: &str,
) -> bool {
    ui.checkbox(full, format!("导出完整的{what}"));
    if *full {
        ui.colored_label(
            crate::ui::theme::palette::WARNING,
            format!("完整的{what}属于个人信息（《中华人民共和国个人信息保护法》、《志愿服务条例》第十九条）。导出的{doc}只能用于志愿服务管理，须妥善保管，不得泄露、出售或向他人提供；用完请及时删除。此次导出将记入个人信息导出记录。"),
        );
        ui.checkbox(acknowledged, "我已知晓并将履行上述个人信息保护义务");
    } else {
        ui.weak(masked);
    }
    !*full || *acknowledged
}

/// 导出 (offered when `can`) and 取消; Esc cancels. `Some(true)` for 导出, `Some(false)` for
/// 取消, `None` otherwise.
pub fn export_buttons(ui: &mut egui::Ui, can: bool) -> Option<bool> {
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.add_enabled(can, egui::Button::new("导出")).clicked() {
            answer = Some(true);
        }
        if ui.button("取消").clicked() {
            answer = Some(false);
        }
    });
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        answer = Some(false);
    }
    answer
}

/// An Excel workbook, for `save_as`.
pub const XLSX: &[(&str, &str)] = &[("Excel 工作簿", "xlsx")];

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

/// What a form asks of its pane after a frame: the one shape every form returns.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome<T> {
    /// Still being edited.
    Editing,
    /// Close without saving (asked first when anything was changed).
    Cancel,
    /// Save this; the form stays open until the pane hears how the save went.
    Save(T),
}

/// Whether a form is asking 有未保存的修改，确定放弃吗？ (kept in the form).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeaveGuard {
    asking: bool,
    /// Whether the form had changes when it was last drawn.
    changed: bool,
}

impl LeaveGuard {
    /// Turns a wish to leave into the question when something was changed; draws the question
    /// while it is asked. Returns whether the form may close now.
    pub fn leave(&mut self, ui: &mut egui::Ui, wants_to_leave: bool, changed: bool) -> bool {
        self.changed = changed;
        if self.asking {
            match discard_prompt(ui) {
                Discard::Discard => return true,
                Discard::KeepEditing => self.asking = false,
                Discard::Undecided => {}
            }
            return false;
        }
        if wants_to_leave && changed {
            self.asking = true;
            return false;
        }
        wants_to_leave
    }

    /// Whether the question is on screen (the form's buttons wait).
    pub fn asking(&self) -> bool {
        self.asking
    }

    /// Whether the form held changes not saved yet when it was last drawn (the window asks
    /// before it closes; a form on a pane not shown keeps what it had).
    pub fn unsaved(&self) -> bool {
        self.changed || self.asking
    }
}

/// What a form needs to ask before its changes are discarded: the guard, and the form's state
/// when it was first shown.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// The question 有未保存的修改，确定放弃吗？.
    pub guard: LeaveGuard,
    initial: Option<String>,
}

impl Edits {
    /// Whether `now` (the form's fields, written out) differs from how the form was first
    /// drawn.
    pub fn changed(&self, now: &str) -> bool {
        self.initial
            .as_deref()
            .is_some_and(|initial| initial != now)
    }

    /// Whether the form held changes not saved yet (see [`LeaveGuard::unsaved`]).
    pub fn unsaved(&self) -> bool {
        self.guard.unsaved()
    }

    /// Called after each frame's drawing: the first one records the form as opened (a field
    /// may fill itself in as it is first drawn; that is not the clerk's change).
    pub fn drawn(&mut self, now: String) {
        if self.initial.is_none() {
            self.initial = Some(now);
        }
    }
}

/// The foot of a form: its errors, why the last save failed, the save button (also Ctrl+S) and
/// 取消 (also Esc, when no list of the form is open), which asks first when `changed`.
pub fn form_footer(
    ui: &mut egui::Ui,
    errors: &[String],
    save_error: Option<&str>,
    save_label: &str,
    guard: &mut LeaveGuard,
    changed: bool,
) -> FormButtons {
    let error = crate::ui::theme::palette::ERROR;
    ui.separator();
    for e in errors {
        ui.colored_label(error, e.as_str());
    }
    if let Some(e) = save_error {
        ui.colored_label(error, format!("保存失败：{e}"));
    }
    if guard.asking() {
        return if guard.leave(ui, false, changed) {
            FormButtons::Cancel
        } else {
            FormButtons::None
        };
    }
    let save_keys = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
    let escape =
        !egui::Popup::is_any_open(ui.ctx()) && ui.input(|i| i.key_pressed(egui::Key::Escape));
    let mut pressed = FormButtons::None;
    let mut cancel = escape;
    ui.horizontal(|ui| {
        let save = ui
            .add_enabled(errors.is_empty(), egui::Button::new(save_label))
            .on_hover_text("保存（Ctrl+S）");
        if (save.clicked() || save_keys) && errors.is_empty() {
            pressed = FormButtons::Save;
        }
        if ui.button("取消").on_hover_text("取消（Esc）").clicked() {
            cancel = true;
        }
    });
    if pressed == FormButtons::None && guard.leave(ui, cancel, changed) {
        pressed = FormButtons::Cancel;
    }
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
