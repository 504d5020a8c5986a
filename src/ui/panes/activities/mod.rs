//! 活动: every activity, newest first, with participants and hours; the activity form.

mod entered_ask;
pub mod form;
pub mod sign_in;
pub mod sign_in_entry;

use crate::ui::widgets::dialog::FormOutcome;
use form::ActivityForm;

use super::{AppCtx, Command, Pane};
use crate::domain::categories::all_activity_categories;

use crate::ops::lists::{self, ListName};
use crate::store::activities::{ACTIVITY_SORTS, Activity, ActivityRow};
use crate::store::meta::Table;
use crate::ui::failures::OrReport;
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// The activity pane.
pub struct ActivitiesPane {
    /// The list: search, dates, category, status, sort, selection and bin.
    list: RecordList<ActivityRow>,
    form: Option<ActivityForm>,
    /// The year whose 学雷锋志愿服务日 are to be planned, once confirmed.
    plan_year: Option<i32>,
    /// The record sheet asked for, while its dialog is open.
    record: RecordAsk,
    /// The sign-in sheet asked for, while its dialog is open.
    sign_in: Option<sign_in::SignInAsk>,
    /// 录入签到表, while it is open.
    entry: Option<sign_in_entry::SignInEntry>,
    /// 导出到平台…, while its dialog is open.
    platform: Option<super::platform_ask::PlatformAsk>,
    /// 导出台账… or 导出留存资料…, while its dialog is open.
    ledger: Option<super::ledger_ask::LedgerAsk>,
    /// The last document written, for 打开 / 打印 / 打开所在文件夹.
    exported: Option<std::path::PathBuf>,
    /// After a platform export: mark its activities entered?
    entered_ask: Option<entered_ask::EnteredAsk>,
}

impl Default for ActivitiesPane {
    fn default() -> Self {
        ActivitiesPane {
            // Newest first; the counted columns are not sortable.
            list: RecordList::sorted(0, true).unsortable_from(ACTIVITY_SORTS.len()),
            form: None,
            plan_year: None,
            record: RecordAsk::default(),
            sign_in: None,
            entry: None,
            platform: None,
            ledger: None,
            exported: None,
            entered_ask: None,
        }
    }
}

impl ListRow for ActivityRow {
    fn key(&self) -> &str {
        &self.id
    }
}

/// How the activity list looks.
fn look() -> ListLook<'static> {
    static CATEGORIES: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(all_activity_categories);
    ListLook {
        id: "activities",
        noun: "活动",
        measure: "场",
        table: Table::Activities,
        search_label: "查找活动名称",
        search_hint: "",
        count_note: "",
        categories: ("类别", &CATEGORIES),
        statuses: Some(("状态", &crate::domain::activity::LIST_STATUSES)),
        columns: lists::ACTIVITIES.columns,
        takes_along: "其服务记录和留存资料的登记（关于它的信息报送保留，只是不再关联此活动）",
        on_delete: "其参与人的服务时长将不再计入累计时长，恢复后重新计入。",
        export: Some(ListName::Activities),
    }
}

impl ActivitiesPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
    }

    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.unsaved())
    }

    /// Whether work for this pane is still running off the UI thread.
    pub fn busy(&self) -> bool {
        self.form.as_ref().is_some_and(ActivityForm::busy) || self.list.busy()
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        let look = look();
        self.list.heading(ui, &look, Pane::Activities.heading());
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                self.toolbar(ui, ctx);
            }
            self.list
                .bin_buttons(ui, &look, &|r| format!("{}（{}）", r.title, r.date));
        });
        if let Some(path) = self.exported.clone().filter(|_| !self.list.in_bin())
            && let Some(e) = crate::ui::system::file_bar(ui, &path)
        {
            crate::ui::failures::report(e);
        }
        if let Some(ask) = &mut self.entered_ask
            && ask.show(ui, ctx.commands)
        {
            self.entered_ask = None;
        }
        if !self.list.in_bin() {
            self.list.filters(ui, &look, ctx);
        }
        ui.separator();
        // The activity list's own queries (they keep the date and sort indexes usable at a
        // third of a million activities); the bin is listed whole.
        let opened = self.list.table(
            ui,
            &look,
            ctx,
            &Reader {
                count: lists::ACTIVITIES.count,
                page: |s, q, _, offset, limit| (lists::ACTIVITIES.page)(s, q, offset, limit),
            },
            &lists::ACTIVITIES.cells,
        );
        if let Some(row) = opened {
            self.open(ctx, &row.id);
        }
        self.list.confirm(ui.ctx(), ctx, &look);
        self.show_confirm(ui.ctx(), ctx);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today, ctx.version, ctx.commands) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((a, people)) => {
                    ctx.commands
                        .push(Command::SaveActivity(a, people, Pane::Activities))
                }
            }
        }
        if let Some((id, title, date)) = self.form.as_mut().and_then(|f| f.take_record_request()) {
            self.record.ask(&id, &title, date);
        }
        // Over the form when asked from it.
        self.record.show(ui.ctx(), ctx);
        if let Some(entry) = &mut self.entry
            && entry.show(ui.ctx(), ctx)
        {
            self.entry = None;
        }
        if let Some(dialog) = &mut self.platform
            && dialog.show(ui.ctx(), ctx)
        {
            self.platform = None;
        }
        if let Some(dialog) = &mut self.ledger
            && dialog.show(ui.ctx(), ctx)
        {
            self.ledger = None;
        }
        if let Some(dialog) = &mut self.sign_in
            && dialog.show(ui.ctx(), ctx)
        {
            self.sign_in = None;
        }
    }

    /// 新建活动, 编辑活动, 复制为新活动 and 生成全年学雷锋志愿服务日.
    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        let selected = self.list.selected().cloned();
        if ui
            .button("新建活动")
            .on_hover_text("登记一次志愿服务活动及参与人的时长（Ctrl+N）")
            .clicked()
            || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
        {
            self.form = Some(ActivityForm::new_activity(store, ctx.today));
        }
        let edit = ui
            .add_enabled(selected.is_some(), egui::Button::new("编辑活动"))
            .on_hover_text("修改选中的活动和参与人的时长（也可双击一行）");
        if let Some(row) = selected.as_ref().filter(|_| edit.clicked()) {
            self.open(ctx, &row.id);
        }
        let copy = ui
            .add_enabled(selected.is_some(), egui::Button::new("复制为新活动"))
            .on_hover_text("以选中的活动（含参与人）为底稿新建一次活动");
        if let Some(row) = selected.clone().filter(|_| copy.clicked())
            && let Ok(a) = store.get::<Activity>(&row.id)
        {
            let people = store.activity_participants(&row.id).or_report();
            self.form = Some(ActivityForm::copy(store, a, people, ctx.today));
        }
        let sheet = ui
            .add_enabled(selected.is_some(), egui::Button::new("活动记录表…"))
            .on_hover_text("生成选中活动的活动记录表（PDF 打印，或 Word 编辑）：活动情况、参与志愿者及时长、签字栏");
        if let Some(row) = selected.as_ref().filter(|_| sheet.clicked()) {
            self.record.ask_from_list(row, self.list.query());
        }
        let sheet = ui
            .add_enabled(selected.is_some(), egui::Button::new("签到表…"))
            .on_hover_text(
                "为选中的活动生成签到表（PDF、Word 或 Excel）：列出参与人或队伍成员，再加空白行",
            );
        if let Some(row) = selected.as_ref().filter(|_| sheet.clicked()) {
            self.sign_in = Some(sign_in::SignInAsk::new(
                store,
                (&row.id, false),
                &row.title,
                row.date,
            ));
        }
        let entry = ui
            .add_enabled(selected.is_some(), egui::Button::new("录入签到表…"))
            .on_hover_text(
                "活动之后，按签到表的顺序逐行录入每人的服务时长，勾掉没来的人，加上表外来的人",
            );
        if let Some(row) = selected.as_ref().filter(|_| entry.clicked()) {
            self.entry = sign_in_entry::SignInEntry::new(store, &row.id, ctx.today);
        }
        for (label, what, tip) in [
            (
                "导出台账…",
                super::ledger_ask::What::Ledger,
                "一个月、季度、半年或全年的台账：封面、目录、活动一览、每场活动的记录表，以及培训、表彰、信息报送、需求登记",
            ),
            (
                "导出留存资料…",
                super::ledger_ask::What::Evidence,
                "把一个期间活动的留存资料按类别和活动复制到新文件夹，附目录，列出缺少留存资料的活动",
            ),
        ] {
            if ui.button(label).on_hover_text(tip).clicked() {
                self.ledger = Some(super::ledger_ask::LedgerAsk::new(
                    store,
                    what,
                    super::ledger_ask::ShowIn::Activities,
                    None,
                    crate::store::report::Scope::All,
                    ctx.today,
                ));
            }
        }
        if ui
            .button("导出到平台…")
            .on_hover_text("按志愿滨海或全国志愿服务信息系统的导入模板导出服务记录，免去逐条录入")
            .clicked()
        {
            self.platform = Some(super::platform_ask::PlatformAsk::new(
                store,
                ctx.today,
                Some(self.list.query()),
            ));
        }
        if ui
            .button("生成全年学雷锋志愿服务日")
            .on_hover_text("在今年每月第二个星期六各安排一次学雷锋志愿服务日（计划中）")
            .clicked()
        {
            use chrono::Datelike;
            self.plan_year = Some(ctx.today.year());
        }
    }

    /// A record sheet was written: offer to print or open it.
    pub fn exported(&mut self, path: std::path::PathBuf) {
        self.exported = Some(path);
    }

    /// A batch file for the platforms was written, its activities not marked: ask.
    pub fn ask_entered(&mut self, ids: Vec<String>, platform: String) {
        self.entered_ask = Some(entered_ask::EnteredAsk::new(ids, platform));
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(year) = self.plan_year else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("activity_plan_year")).show(egui_ctx, |ui| {
            ui.set_width(440.0);
            ui.label(format!(
                "在 {year} 年每月第二个星期六各安排一次学雷锋志愿服务日（09:00–11:00，计划中）？已有的月份不会重复安排。"
            ));
            ui.horizontal(|ui| {
                if ui.button("生成").clicked() {
                    ctx.commands.push(Command::PlanLeiFengDays(year));
                    close = true;
                }
                if ui.button("取消").clicked() {
                    close = true;
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close {
            self.plan_year = None;
        }
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        self.open_record(ctx.store, id);
    }

    /// Opens an activity's form (from another pane); `false` when it is gone.
    pub fn open_record(&mut self, store: &crate::store::Store, id: &str) -> bool {
        let Ok(a) = store.get::<Activity>(id) else {
            return false;
        };
        let people = store.activity_participants(id).or_report();
        self.form = Some(ActivityForm::edit(store, a, people));
        true
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        if self.entry.is_some() {
            super::saved(&mut self.entry, result, |entry, e| entry.error = Some(e));
            return;
        }
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The dialog asking where an activity's record sheet (活动记录表) goes: the activity, its
/// title and the file offered, while it is open; from the list, also every activity the list
/// shows (into one PDF). Used by 活动 and by 日历's activity form.
#[derive(Default)]
pub struct RecordAsk(Option<Asked>);

/// What the record sheet's dialog holds.
struct Asked {
    id: String,
    title: String,
    path: String,
    /// The list's query, when asked from the list.
    listed: Option<crate::store::lists::ListQuery>,
    /// Every activity the list shows, not only the selected one.
    all: bool,
}

impl RecordAsk {
    /// Opens the dialog asking where the record sheet of an activity goes.
    pub fn ask(&mut self, id: &str, title: &str, date: chrono::NaiveDate) {
        let name = format!(
            "活动记录表-{}-{}.pdf",
            crate::domain::dates::compact(date),
            crate::paths::file_name_part(title)
        );
        let path = crate::paths::documents_dir()
            .join(name)
            .display()
            .to_string();
        self.0 = Some(Asked {
            id: id.to_string(),
            title: title.to_string(),
            path,
            listed: None,
            all: false,
        });
    }

    /// Opens it from the list, which also offers every activity the list shows.
    fn ask_from_list(&mut self, row: &ActivityRow, query: crate::store::lists::ListQuery) {
        self.ask(&row.id, &row.title, row.date);
        if let Some(asked) = &mut self.0 {
            asked.listed = Some(query);
        }
    }

    /// The record sheet's dialog, while it is open.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(asked) = &mut self.0 else {
            return;
        };
        let mut answer = None;
        crate::ui::widgets::dialog::form_dialog("record_ask").show(egui_ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("生成活动记录表");
            if asked.listed.is_some() {
                ui.radio_value(
                    &mut asked.all,
                    false,
                    format!("选中的活动：{}", asked.title),
                );
                ui.radio_value(
                    &mut asked.all,
                    true,
                    format!(
                        "列表中显示的全部活动（按当前的查找和筛选，最多 {} 场），合成一个 PDF",
                        crate::ops::documents::RECORDS_AT_ONCE
                    ),
                );
            } else {
                ui.label(format!("“{}”的活动记录表。", asked.title));
            }
            ui.weak("PDF 用于打印和传真，Word（.docx）便于修改。");
            let kinds: &[(&str, &str)] = if asked.all {
                &[("PDF 文件", "pdf")]
            } else {
                &[("PDF 文件", "pdf"), ("Word 文档", "docx")]
            };
            let ok =
                crate::ui::widgets::dialog::path_row(ui, "生成活动记录表", kinds, &mut asked.path);
            answer = crate::ui::widgets::dialog::export_buttons(ui, ok);
        });
        match answer {
            Some(true) => {
                let out = std::path::PathBuf::from(asked.path.trim());
                ctx.commands.push(match (&asked.listed, asked.all) {
                    (Some(query), true) => Command::ExportActivityRecords {
                        query: query.clone(),
                        out,
                    },
                    _ => Command::ExportActivityRecord {
                        id: asked.id.clone(),
                        out,
                    },
                });
                self.0 = None;
            }
            Some(false) => self.0 = None,
            None => {}
        }
    }
}
