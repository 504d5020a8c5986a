//! 队伍: the volunteer service teams with member counts and hours, the team form, members
//! added from a search (several at once) and removed, and the teams' recycle bin.

pub mod form;

use std::collections::BTreeSet;

use crate::ui::widgets::dialog::FormOutcome;
use form::TeamForm;

use super::{AppCtx, Command, Pane};
use crate::ops::lists::{self, ListName};
use crate::store::meta::Table;
use crate::store::register::RegisterQuery;
use crate::store::teams::{MemberRow, Team, TeamRow};
use crate::store::volunteers::VolunteerRow;
use crate::ui::failures::OrReport;
use crate::ui::widgets::live_table::Reader;
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// Volunteers offered per member search.
const FOUND_LIMIT: usize = 30;

/// The team pane.
pub struct TeamsPane {
    /// The list: search, founding dates, category, sort, selection and bin.
    list: RecordList<TeamRow>,
    form: Option<TeamForm>,
    /// The team whose members the panel shows (its search is cleared when another is chosen).
    shown: Option<String>,
    /// The selected team's members, for the data version they were read at.
    members: Option<(u64, String, Vec<MemberRow>)>,
    member_search: String,
    /// Search results, for the data version and text they were found for.
    found: Option<(u64, String, Vec<VolunteerRow>)>,
    picked: BTreeSet<String>,
}

impl Default for TeamsPane {
    fn default() -> Self {
        TeamsPane {
            // By name.
            list: RecordList::sorted(0, false),
            form: None,
            shown: None,
            members: None,
            member_search: String::new(),
            found: None,
            picked: BTreeSet::new(),
        }
    }
}

impl ListRow for TeamRow {
    fn key(&self) -> &str {
        &self.id
    }
}

/// How the team list looks.
fn look() -> ListLook<'static> {
    ListLook {
        id: "teams",
        noun: "队伍",
        measure: "支",
        table: Table::Teams,
        search_label: "查找队伍名称、所属单位或队长",
        search_hint: "",
        count_note: "",
        categories: ("类别", crate::domain::categories::team_categories()),
        statuses: None,
        columns: lists::TEAMS.columns,
        takes_along: "其成员关系（引用它的活动和表彰记录保留，只是不再显示队伍）",
        on_delete: "成员关系和活动记录保留。",
        export: Some(ListName::Teams),
    }
}

impl TeamsPane {
    /// An export of the list was written: offer to open it.
    pub fn list_exported(&mut self, path: std::path::PathBuf) {
        self.list.exported(path);
    }

    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.unsaved())
    }

    /// Whether the list is being counted.
    pub fn busy(&self) -> bool {
        self.list.busy()
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let look = look();
        self.list.heading(ui, &look, Pane::Teams.heading());
        ui.horizontal_wrapped(|ui| {
            if !self.list.in_bin() {
                self.toolbar(ui, ctx);
            }
            self.list.bin_buttons(ui, &look, &|r| r.name.clone());
        });
        if !self.list.in_bin() {
            self.list.filters(ui, &look, ctx);
        }
        ui.separator();
        let selected = self.list.selected().cloned();
        if selected.as_ref().map(|t| &t.id) != self.shown.as_ref() {
            self.shown = selected.as_ref().map(|t| t.id.clone());
            self.picked.clear();
            self.member_search.clear();
            self.found = None;
        }
        if !self.list.in_bin()
            && let Some(team) = selected
        {
            egui::Panel::right("team_members")
                .default_size(420.0)
                .show(ui, |ui| self.members_ui(ui, ctx, &team));
        }
        let opened = self.list.table(
            ui,
            &look,
            ctx,
            &Reader {
                count: lists::TEAMS.count,
                page: |s, q, _, offset, limit| (lists::TEAMS.page)(s, q, offset, limit),
            },
            &lists::TEAMS.cells,
        );
        if let Some(row) = opened {
            self.open(ctx, &row.id);
        }
        self.list.confirm(ui.ctx(), ctx, &look);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save(t) => ctx.commands.push(Command::SaveTeam(t)),
            }
        }
    }

    /// 新建队伍 and 编辑队伍.
    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        if ui
            .button("新建队伍")
            .on_hover_text("登记一支新的志愿服务队（Ctrl+N）")
            .clicked()
            || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
        {
            self.form = Some(TeamForm::new_team(ctx.store, ctx.today));
        }
        let selected = self.list.selected().map(|t| t.id.clone());
        let edit = ui.add_enabled(selected.is_some(), egui::Button::new("编辑队伍"));
        if let Some(id) = selected.filter(|_| edit.clicked()) {
            self.open(ctx, &id);
        }
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        if let Ok(t) = ctx.store.get::<Team>(id) {
            self.form = Some(TeamForm::edit(ctx.store, t));
        }
    }

    fn members_ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, team: &TeamRow) {
        ui.heading(format!("{}：成员", team.name));
        let fresh = self
            .members
            .as_ref()
            .is_some_and(|m| m.0 == ctx.version && m.1 == team.id);
        if !fresh {
            let members = ctx.store.team_members(&team.id).or_report();
            self.members = Some((ctx.version, team.id.clone(), members));
        }
        let members = self
            .members
            .as_ref()
            .map(|m| m.2.clone())
            .unwrap_or_default();
        let hours: i64 = members.iter().map(|m| m.hours.0).sum();
        ui.label(format!(
            "成员 {} 人，累计服务时长 {} 小时",
            members.len(),
            crate::domain::hours::Tenths(hours)
        ));
        egui::ScrollArea::vertical()
            .id_salt("team_member_list")
            .max_height(ui.available_height() * 0.45)
            .show(ui, |ui| {
                egui::Grid::new("team_member_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["编号", "姓名", "手机", "时长", ""] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for m in &members {
                            ui.label(&m.number);
                            ui.label(&m.name);
                            ui.label(&m.mobile_masked);
                            ui.label(format!("{}", m.hours));
                            if ui
                                .small_button("移出")
                                .on_hover_text(format!("把{}移出本队（可重新添加）", m.name))
                                .clicked()
                            {
                                ctx.commands.push(Command::RemoveTeamMember {
                                    team_id: team.id.clone(),
                                    volunteer_id: m.volunteer_id.clone(),
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.separator();
        ui.strong("添加成员");
        ui.horizontal(|ui| {
            let label = ui.label("查找志愿者");
            ui.add(
                egui::TextEdit::singleline(&mut self.member_search)
                    .hint_text("姓名、拼音首字母、编号或手机尾号")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        });
        let text = self.member_search.trim().to_string();
        if text.is_empty() {
            ui.weak("输入后勾选要加入的志愿者，可一次选多人。");
        } else {
            let fresh = self
                .found
                .as_ref()
                .is_some_and(|f| f.0 == ctx.version && f.1 == text);
            if !fresh {
                let query = RegisterQuery {
                    search: text.clone(),
                    ..Default::default()
                };
                let found = ctx.store.register_page(&query, 0, FOUND_LIMIT).or_report();
                self.found = Some((ctx.version, text, found));
            }
            let found = self.found.as_ref().map(|f| f.2.clone()).unwrap_or_default();
            if found.is_empty() {
                ui.weak("没有找到。");
            }
            egui::ScrollArea::vertical()
                .id_salt("team_found")
                .max_height(200.0)
                .show(ui, |ui| {
                    for v in &found {
                        let member = members.iter().any(|m| m.volunteer_id == v.id);
                        let text = if v.community.is_empty() {
                            format!("{}（{}）", v.name, v.number)
                        } else {
                            format!("{}（{}，{}）", v.name, v.number, v.community)
                        };
                        if member {
                            ui.add_enabled(false, egui::Checkbox::new(&mut true, text))
                                .on_disabled_hover_text("已是本队成员");
                            continue;
                        }
                        let mut on = self.picked.contains(&v.id);
                        if ui.checkbox(&mut on, text).changed() {
                            if on {
                                self.picked.insert(v.id.clone());
                            } else {
                                self.picked.remove(&v.id);
                            }
                        }
                    }
                });
        }
        let n = self.picked.len();
        if ui
            .add_enabled(n > 0, egui::Button::new(format!("加入队伍（{n} 人）")))
            .clicked()
        {
            ctx.commands.push(Command::AddTeamMembers {
                team_id: team.id.clone(),
                volunteer_ids: std::mem::take(&mut self.picked).into_iter().collect(),
            });
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}
