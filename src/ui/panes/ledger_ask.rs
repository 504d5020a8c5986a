//! 导出台账… and 导出留存资料…: the period (a month, a quarter, a half year or the year), the
//! scope (本单位, a 村居 or a team; the 台账 only), PDF or a folder of Word files (the 台账),
//! all materials or only those the notice asks to keep (留存资料), and where it goes. Opened
//! from 活动 and from 统计与总结 (there with its period and scope).

use super::{AppCtx, Command};
use crate::domain::period::Period;
use crate::store::Store;
use crate::store::report::Scope;
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{export_buttons, form_dialog, path_row};

/// What the dialog exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// 台账
    Ledger,
    /// 留存资料
    Evidence,
}

/// Where the written file is offered to be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowIn {
    /// 活动
    Activities,
    /// 统计与总结
    Reports,
    /// 培训 (a training's sign-in sheet)
    Trainings,
    /// 志愿者 (the register for the platforms)
    Volunteers,
}

/// The parts of a year a period can be, as `Period::parse` reads them after the year.
pub const PARTS: [(&str, &str); 19] = [
    ("全年", ""),
    ("上半年", "H1"),
    ("下半年", "H2"),
    ("第一季度", "Q1"),
    ("第二季度", "Q2"),
    ("第三季度", "Q3"),
    ("第四季度", "Q4"),
    ("1月", "-01"),
    ("2月", "-02"),
    ("3月", "-03"),
    ("4月", "-04"),
    ("5月", "-05"),
    ("6月", "-06"),
    ("7月", "-07"),
    ("8月", "-08"),
    ("9月", "-09"),
    ("10月", "-10"),
    ("11月", "-11"),
    ("12月", "-12"),
];

/// The dialog, while it is open.
pub struct LedgerAsk {
    what: What,
    from: ShowIn,
    year: i32,
    part: usize,
    scopes: Vec<Scope>,
    scope: Scope,
    folder: bool,
    care_only: bool,
    path: String,
    /// What `path` was made from; a change of choice makes it again.
    made_for: String,
    /// The folder as last typed and what is wrong with it, looked up when the text changes.
    checked: Option<(String, Option<&'static str>)>,
}

impl LedgerAsk {
    /// The dialog for `what`, on `period` (last month when none) and `scope`.
    pub fn new(
        store: &Store,
        what: What,
        from: ShowIn,
        period: Option<&Period>,
        scope: Scope,
        today: chrono::NaiveDate,
    ) -> Self {
        use chrono::Datelike;
        let (year, part) = match period {
            Some(p) => (
                p.from.year(),
                PARTS
                    .iter()
                    .position(|(_, code)| {
                        Period::parse(&format!("{}{code}", p.from.year()))
                            .is_ok_and(|q| q.from == p.from && q.to == p.to)
                    })
                    .unwrap_or(0),
            ),
            None => {
                let last = today
                    .with_day(1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(today);
                (last.year(), 6 + last.month() as usize)
            }
        };
        let mut ask = LedgerAsk {
            what,
            from,
            year,
            part,
            scopes: store.report_scopes().or_report(),
            scope,
            folder: false,
            care_only: false,
            path: String::new(),
            made_for: String::new(),
            checked: None,
        };
        ask.remake_path(store);
        ask
    }

    fn period(&self) -> Option<Period> {
        period_of(self.year, self.part)
    }

    /// Offers a name for the current choices, in the folder chosen so far (at first the
    /// documents folder).
    fn remake_path(&mut self, store: &Store) {
        let key = format!(
            "{}{}{:?}{}{}",
            self.year, self.part, self.scope, self.folder, self.care_only
        );
        if key == self.made_for {
            return;
        }
        self.made_for = key;
        let Some(period) = self.period() else { return };
        let unit = store.unit_name().or_report().unwrap_or_default();
        let scope = match &self.scope {
            Scope::All => String::new(),
            s => s.label().to_string(),
        };
        let name = match self.what {
            What::Ledger if self.folder => format!("{unit}{scope}{}志愿服务台账", period.label),
            What::Ledger => format!("{unit}{scope}{}志愿服务台账.pdf", period.label),
            What::Evidence => format!("{unit}{}留存资料", period.label),
        };
        // The folder chosen so far stays; the name follows the choices.
        let dir = std::path::Path::new(self.path.trim())
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(crate::paths::documents_dir);
        self.path = dir
            .join(crate::paths::file_name_part(&name))
            .display()
            .to_string();
    }

    /// Draws the dialog; returns true when it closes.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        form_dialog("ledger_ask").show(egui_ctx, |ui| {
            ui.set_width(600.0);
            match self.what {
                What::Ledger => {
                    ui.heading("导出台账");
                    ui.label("封面、目录、已完成活动一览、每场活动的活动记录表（含照片），以及培训、表彰、信息报送和邻里守望需求登记。");
                }
                What::Evidence => {
                    ui.heading("导出留存资料");
                    ui.label("把期间内已完成活动的留存资料按“类别/日期 活动名称/”复制到一个新文件夹，附目录.xlsx；关爱系列和精准扶贫、乡村振兴中没有任何留存资料的活动列在目录最前面。");
                }
            }
            period_picker(ui, "ledger_part", &mut self.year, &mut self.part);
            if self.what == What::Ledger {
                scope_picker(ui, "ledger_scope", &mut self.scope, &self.scopes);
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.folder, false, "一个 PDF 文件（打印、传真）");
                    ui.radio_value(&mut self.folder, true, "一个文件夹的 Word 文件（编辑）");
                });
            } else {
                ui.checkbox(&mut self.care_only, "只导出关爱系列和精准扶贫、乡村振兴的活动");
            }
            self.remake_path(ctx.store);
            let path_ok = if self.what == What::Ledger && !self.folder {
                path_row(ui, "导出台账", &[("PDF 文件", "pdf")], &mut self.path)
            } else {
                folder_row(ui, &mut self.path, &mut self.checked)
            };
            let period = self.period();
            if period.is_none() {
                ui.colored_label(crate::ui::theme::palette::ERROR, "期间无效");
            }
            match (export_buttons(ui, path_ok && period.is_some()), period) {
                (Some(true), Some(period)) => {
                    let out = std::path::PathBuf::from(self.path.trim());
                    ctx.commands.push(match self.what {
                        What::Ledger => Command::ExportLedger {
                            period,
                            scope: self.scope.clone(),
                            out,
                            from: self.from,
                        },
                        What::Evidence => Command::ExportEvidence {
                            period,
                            care_only: self.care_only,
                            out,
                            from: self.from,
                        },
                    });
                    close = true;
                }
                (Some(false), _) => close = true,
                _ => {}
            }
        });
        close
    }
}

/// The period of a year and one of [`PARTS`].
pub fn period_of(year: i32, part: usize) -> Option<Period> {
    let code = PARTS.get(part).map_or("", |p| p.1);
    Period::parse(&format!("{year}{code}")).ok()
}

/// Last month, as a year and one of [`PARTS`].
pub fn last_month(today: chrono::NaiveDate) -> (i32, usize) {
    use chrono::Datelike;
    let last = today
        .with_day(1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(today);
    (last.year(), 6 + last.month() as usize)
}

/// 期间: the year and the part of it.
pub fn period_picker(ui: &mut egui::Ui, id: &str, year: &mut i32, part: &mut usize) {
    ui.horizontal(|ui| {
        let label = ui.label("期间");
        ui.add(egui::DragValue::new(year).range(2000..=2100).suffix(" 年"))
            .labelled_by(label.id);
        egui::ComboBox::from_id_salt(id)
            .selected_text(PARTS.get(*part).map_or("全年", |p| p.0))
            .width(120.0)
            .show_ui(ui, |ui| {
                for (i, (name, _)) in PARTS.iter().enumerate() {
                    ui.selectable_value(part, i, *name);
                }
            });
    });
}

/// 范围: 本单位, a 村居 or a team.
pub fn scope_picker(ui: &mut egui::Ui, id: &str, scope: &mut Scope, scopes: &[Scope]) {
    ui.horizontal(|ui| {
        let label = ui.label("范围");
        egui::ComboBox::from_id_salt(id)
            .selected_text(scope_name(scope))
            .width(300.0)
            .show_ui(ui, |ui| {
                for s in scopes {
                    ui.selectable_value(scope, s.clone(), scope_name(s));
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// A scope as the choice lists show it.
pub fn scope_name(s: &Scope) -> String {
    match s {
        Scope::All => "本单位（全部）".to_string(),
        Scope::Unit { name, .. } => format!("村居：{name}"),
        Scope::Team { name, .. } => format!("队伍：{name}"),
    }
}

/// 保存到 a new folder: the path and 浏览… (choosing the folder it goes in); under them, what
/// is wrong (looked up again only when the text changed). Returns whether the folder can be
/// made there.
fn folder_row(
    ui: &mut egui::Ui,
    path: &mut String,
    checked: &mut Option<(String, Option<&'static str>)>,
) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label("新文件夹");
        ui.add(egui::TextEdit::singleline(path).desired_width(380.0))
            .labelled_by(label.id);
        if ui.button("浏览…").clicked()
            && let Some(dir) = rfd::FileDialog::new()
                .set_title("选择新文件夹所在的位置")
                .pick_folder()
        {
            let name = std::path::Path::new(path.as_str())
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "导出".into());
            *path = dir.join(name).display().to_string();
        }
    });
    if checked.as_ref().is_none_or(|c| c.0 != *path) {
        let p = std::path::Path::new(path.trim());
        let parent_ok = p.parent().is_some_and(|d| d.is_dir());
        let fresh = !p.exists() || std::fs::read_dir(p).is_ok_and(|mut d| d.next().is_none());
        let why = if path.trim().is_empty() || !parent_ok {
            Some("所在的文件夹不存在")
        } else if !fresh {
            Some("这个文件夹已存在且不是空的，请换一个名字")
        } else {
            None
        };
        *checked = Some((path.clone(), why));
    }
    let why = checked.as_ref().and_then(|c| c.1);
    if let Some(why) = why {
        ui.colored_label(crate::ui::theme::palette::ERROR, why);
    }
    why.is_none()
}
