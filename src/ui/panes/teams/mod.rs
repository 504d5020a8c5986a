//! 队伍: the volunteer service teams with member counts and hours, the team form, members
//! added from a search (several at once) and removed, and the teams' recycle bin.

pub mod form;

use std::collections::BTreeSet;

use crate::ui::widgets::dialog::FormOutcome;
use form::TeamForm;

use super::{AppCtx, Command, Pane};
use crate::store::meta::Table;
use crate::store::register::RegisterQuery;
use crate::store::teams::{MemberRow, Team, TeamRow};
use crate::store::volunteers::VolunteerRow;
use crate::ui::failures::OrReport;
use crate::ui::widgets::bin::{BinBar, BinLook, BinSwitch};
use crate::ui::widgets::paged_table::{self, PagedRows};

/// Volunteers offered per member search.
const FOUND_LIMIT: usize = 30;

/// How the bin names teams.
const BIN: BinLook<'static> = BinLook {
    id: "teams",
    noun: "队伍",
    measure: "支",
    table: Table::Teams,
    takes_along: "其成员关系（引用它的活动和表彰记录保留，只是不再显示队伍）",
    on_delete: "成员关系和活动记录保留。",
};

/// The team pane.
#[derive(Default)]
pub struct TeamsPane {
    rows: PagedRows<TeamRow>,
    in_bin: bool,
    selected: Option<(usize, TeamRow)>,
    form: Option<TeamForm>,
    bin: BinBar,
    /// The selected team's members, for the data version they were read at.
    members: Option<(u64, String, Vec<MemberRow>)>,
    member_search: String,
    /// Search results, for the data version and text they were found for.
    found: Option<(u64, String, Vec<VolunteerRow>)>,
    picked: BTreeSet<String>,
}

const COLUMNS: &[(&str, f32)] = &[
    ("队伍名称", 200.0),
    ("类别", 110.0),
    ("所属单位", 160.0),
    ("队长", 80.0),
    ("成员数", 60.0),
    ("成员累计时长", 100.0),
];

impl TeamsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        let in_bin = self.in_bin;
        self.rows
            .sync(ctx.version.wrapping_mul(2).wrapping_add(u64::from(in_bin)));
        let total = self.rows.total(|| {
            if in_bin {
                store.teams_in_bin()
            } else {
                store.count_live(Table::Teams)
            }
        });
        if in_bin {
            ui.heading("回收站：已删除的队伍");
        } else {
            ui.heading(Pane::Teams.heading());
        }
        self.toolbar(ui, ctx, total);
        ui.separator();
        if !in_bin && let Some((_, team)) = self.selected.clone() {
            egui::Panel::right("team_members")
                .default_size(420.0)
                .show(ui, |ui| self.members_ui(ui, ctx, &team));
        }
        let clicks = paged_table::show(
            ui,
            if in_bin { "team_bin" } else { "teams" },
            self.selected.as_ref().map(|s| s.0),
            COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.team_page(in_bin, offset, limit),
            &|r| {
                vec![
                    r.name.clone(),
                    r.category.clone(),
                    r.unit.clone(),
                    r.leader.clone(),
                    r.members.to_string(),
                    format!("{} 小时", r.hours),
                ]
            },
        );
        if let Some(i) = clicks.clicked {
            self.select(self.rows.cached(i).map(|r| (i, r.clone())));
        }
        if !in_bin
            && let Some(id) = clicks
                .opened
                .and_then(|i| self.rows.cached(i))
                .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        self.show_confirm(ui.ctx(), ctx);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save(t) => ctx.commands.push(Command::SaveTeam(t)),
            }
        }
    }

    fn select(&mut self, row: Option<(usize, TeamRow)>) {
        if row.as_ref().map(|r| &r.1.id) != self.selected.as_ref().map(|r| &r.1.id) {
            self.picked.clear();
            self.member_search.clear();
            self.found = None;
        }
        self.selected = row;
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, total: usize) {
        let selected = self.selected.as_ref().map(|s| s.1.clone());
        ui.horizontal_wrapped(|ui| {
            if self.in_bin {
                self.bin_buttons(ui);
                ui.label(format!("回收站中有 {total} 支队伍"));
                return;
            }
            if ui
                .button("新建队伍")
                .on_hover_text("登记一支新的志愿服务队（Ctrl+N）")
                .clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
            {
                self.form = Some(TeamForm::new_team(ctx.store, ctx.today));
            }
            let edit = ui.add_enabled(selected.is_some(), egui::Button::new("编辑队伍"));
            if let Some(row) = selected.as_ref().filter(|_| edit.clicked()) {
                self.open(ctx, &row.id);
            }
            self.bin_buttons(ui);
            ui.label(format!("共 {total} 支队伍"));
        });
    }

    /// The bin's buttons, the same as every list's.
    fn bin_buttons(&mut self, ui: &mut egui::Ui) {
        let selected = self
            .selected
            .as_ref()
            .map(|(_, r)| (r.id.clone(), r.name.clone()));
        let members = self.selected.as_ref().map_or(0, |(_, r)| r.members);
        let note = |_: &str| Some(format!("将同时删除其 {members} 条成员关系。"));
        match self.bin.buttons(ui, &BIN, self.in_bin, selected, &note) {
            BinSwitch::Stay => {}
            BinSwitch::ToBin => self.switch(true),
            BinSwitch::ToList => self.switch(false),
        }
    }

    fn switch(&mut self, in_bin: bool) {
        self.in_bin = in_bin;
        self.select(None);
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

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        if self.bin.confirm(egui_ctx, &BIN, ctx.commands) {
            self.select(None);
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}
