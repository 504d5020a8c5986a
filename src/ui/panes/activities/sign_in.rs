//! 签到表… for an activity or a training: whom to list (its registered participants or a
//! team's members), how many blank rows, and where the sheet goes (PDF, Word or Excel).

use super::{AppCtx, Command};
use crate::store::Store;
use crate::store::volunteers::UnitChoice;
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{export_buttons, form_dialog, path_row};

/// Whom a sign-in sheet lists: those registered (`registered` names them) or a team's members;
/// the choice labelled by `label`.
pub fn who_listed(
    ui: &mut egui::Ui,
    (id, label): (&str, egui::Id),
    registered: &str,
    team: &mut Option<String>,
    teams: &[UnitChoice],
) {
    let shown = team
        .as_ref()
        .and_then(|id| teams.iter().find(|t| &t.id == id))
        .map_or(registered, |t| t.name.as_str());
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(280.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(team, None, registered);
            for t in teams {
                ui.selectable_value(team, Some(t.id.clone()), format!("队伍：{}", t.name));
            }
        })
        .response
        .labelled_by(label);
}

/// The kinds of file a sign-in sheet is written as.
const KINDS: &[(&str, &str)] = &[
    ("PDF 文件", "pdf"),
    ("Word 文档", "docx"),
    ("Excel 工作簿", "xlsx"),
];

/// The sign-in sheet's dialog.
pub struct SignInAsk {
    id: String,
    /// A training's sheet (培训签到表), not an activity's.
    training: bool,
    title: String,
    teams: Vec<UnitChoice>,
    team: Option<String>,
    blank: String,
    path: String,
}

impl SignInAsk {
    /// The dialog for an activity (or a training when `training`), offering a PDF in the
    /// documents folder.
    pub fn new(
        store: &Store,
        (id, training): (&str, bool),
        title: &str,
        date: chrono::NaiveDate,
    ) -> Self {
        let name = format!(
            "{}-{}-{}.pdf",
            if training {
                "培训签到表"
            } else {
                "签到表"
            },
            crate::domain::dates::compact(date),
            crate::paths::file_name_part(title)
        );
        SignInAsk {
            id: id.to_string(),
            training,
            title: title.to_string(),
            teams: store.team_choices().or_report(),
            team: None,
            blank: String::new(),
            path: crate::paths::documents_dir()
                .join(name)
                .display()
                .to_string(),
        }
    }

    /// Draws the dialog; returns true when it closes.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        form_dialog("sign_in").show(egui_ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(if self.training {
                "生成培训签到表"
            } else {
                "生成签到表"
            });
            ui.label(format!(
                "为“{}”生成签到表：列出的人和空白行，供现场签到、签退和签名。",
                self.title
            ));
            let registered = if self.training {
                "培训已登记的参加人员"
            } else {
                "活动已登记的参与人"
            };
            ui.horizontal(|ui| {
                let label = ui.label("列出");
                who_listed(
                    ui,
                    ("sign_in_team", label.id),
                    registered,
                    &mut self.team,
                    &self.teams,
                );
            });
            ui.horizontal(|ui| {
                let label = ui.label("空白行数");
                ui.add(
                    egui::TextEdit::singleline(&mut self.blank)
                        .hint_text("不填则补满最后一页")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
            });
            let blank = self.blank.trim();
            let rows = if blank.is_empty() {
                Ok(None)
            } else {
                match blank.parse::<usize>() {
                    Ok(n) if n <= 500 => Ok(Some(n)),
                    _ => Err("空白行数须为 0 到 500 之间的整数"),
                }
            };
            if let Err(e) = rows {
                ui.colored_label(crate::ui::theme::palette::ERROR, e);
            }
            let ext_ok = path_row(ui, "生成签到表", KINDS, &mut self.path);
            match export_buttons(ui, ext_ok && rows.is_ok()) {
                Some(true) => {
                    ctx.commands.push(Command::ExportSignIn {
                        id: self.id.clone(),
                        training: self.training,
                        team: self.team.clone(),
                        blank_rows: rows.ok().flatten(),
                        out: std::path::PathBuf::from(self.path.trim()),
                    });
                    close = true;
                }
                Some(false) => close = true,
                None => {}
            }
        });
        close
    }
}
