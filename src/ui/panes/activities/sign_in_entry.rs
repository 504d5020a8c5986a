//! 录入签到表: after the activity, the signed sheet typed in — the same rows in the same order
//! as the printed 签到表 (the registered participants, or a team's members, by number), the
//! hours typed down a column (Enter moves to the next row), people who did not come crossed
//! out (未到), strangers who came added by search; saved as the activity's participants in one
//! transaction, by the same rules as the activity form. A training's sheet the same way, without
//! hours (a training's 学时 is its own): who came is saved as its attendees.

use super::{AppCtx, Command, Pane};
use crate::domain::activity;
use crate::domain::hours::Tenths;
use crate::store::Store;
use crate::store::activities::Activity;
use crate::store::records::Training;
use crate::store::volunteers::{UnitChoice, VolunteerRow};
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::form_dialog;
use crate::ui::widgets::picker::{self, SearchPicker};

/// One line of the sheet.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    volunteer_id: String,
    number: String,
    name: String,
    hours: String,
    /// Crossed out: did not come.
    absent: bool,
    /// Not on the printed sheet (added here).
    added: bool,
}

/// What the sheet was for.
enum Subject {
    /// An activity: hours per person.
    Activity(Box<Activity>),
    /// A training: who attended.
    Training(Box<Training>),
}

/// The screen, while it is open.
pub struct SignInEntry {
    subject: Subject,
    lines: Vec<Line>,
    teams: Vec<UnitChoice>,
    /// The team whose members the sheet listed; `None`: the registered participants.
    team: Option<String>,
    /// The team the lines were made for.
    made_for: Option<Option<String>>,
    search: SearchPicker<VolunteerRow>,
    /// Set the activity 已完成 on saving.
    mark_held: bool,
    /// The row whose hours take the focus next frame.
    focus: Option<usize>,
    /// Why the last save failed.
    pub error: Option<String>,
}

impl SignInEntry {
    /// The screen for an activity; `None` when it is gone.
    pub fn new(store: &Store, id: &str, today: chrono::NaiveDate) -> Option<Self> {
        let activity: Activity = store.get(id).ok()?;
        let mark_held = activity.status != activity::HELD && activity.date <= today;
        Some(Self::of(
            store,
            Subject::Activity(Box::new(activity)),
            mark_held,
        ))
    }

    /// The screen for a training; `None` when it is gone.
    pub fn training(store: &Store, id: &str) -> Option<Self> {
        let t: Training = store.get(id).ok()?;
        Some(Self::of(store, Subject::Training(Box::new(t)), false))
    }

    fn of(store: &Store, subject: Subject, mark_held: bool) -> Self {
        let mut entry = SignInEntry {
            subject,
            lines: Vec::new(),
            teams: store.team_choices().or_report(),
            team: None,
            made_for: None,
            search: SearchPicker::default(),
            mark_held,
            focus: Some(0),
            error: None,
        };
        entry.make_lines(store);
        entry
    }

    /// The lines of the printed sheet: the registered participants with their hours, or the
    /// team's members (then the registered participants who are not members, so none is lost).
    fn make_lines(&mut self, store: &Store) {
        if self.made_for.as_ref() == Some(&self.team) {
            return;
        }
        self.made_for = Some(self.team.clone());
        // (key, number, name, hours as typed)
        let registered: Vec<(String, String, String, String)> = match &self.subject {
            Subject::Activity(a) => store
                .activity_participants(&a.meta.id)
                .or_report()
                .into_iter()
                .map(|p| (p.volunteer_id, p.number, p.name, p.hours.to_string()))
                .collect(),
            Subject::Training(t) => store
                .training_attendees(&t.meta.id)
                .or_report()
                .into_iter()
                .map(|h| (h.id, h.number, h.name, String::new()))
                .collect(),
        };
        let line = |volunteer_id: String, number: String, name: String| {
            let hours = registered
                .iter()
                .find(|p| p.0 == volunteer_id)
                .map(|p| p.3.clone())
                .unwrap_or_default();
            Line {
                volunteer_id,
                number,
                name,
                hours,
                absent: false,
                added: false,
            }
        };
        self.lines = match &self.team {
            None => registered
                .iter()
                .map(|p| line(p.0.clone(), p.1.clone(), p.2.clone()))
                .collect(),
            Some(team) => {
                let mut lines: Vec<Line> = store
                    .team_members(team)
                    .or_report()
                    .into_iter()
                    .map(|m| line(m.volunteer_id, m.number, m.name))
                    .collect();
                for p in &registered {
                    if !lines.iter().any(|l| l.volunteer_id == p.0) {
                        let mut l = line(p.0.clone(), p.1.clone(), p.2.clone());
                        l.added = true;
                        lines.push(l);
                    }
                }
                lines
            }
        };
        self.focus = Some(0);
    }

    /// The activity's length (a training has no hours per person).
    fn duration(&self) -> Option<Tenths> {
        match &self.subject {
            Subject::Activity(a) => activity::duration(&a.start_time, &a.end_time),
            Subject::Training(_) => None,
        }
    }

    fn hours(&self) -> bool {
        matches!(self.subject, Subject::Activity(_))
    }

    /// What stops the save: each named by row and person.
    fn problems(&self) -> Vec<String> {
        if !self.hours() {
            return Vec::new();
        }
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.absent)
            .filter_map(|(i, l)| {
                activity::parse_hours(&l.hours).err().map(|e| {
                    format!(
                        "第 {} 行 {}（{}）：{e}，或勾选“未到”",
                        i + 1,
                        l.name,
                        l.number
                    )
                })
            })
            .collect()
    }

    /// Draws the screen; returns true when it closes.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        self.make_lines(ctx.store);
        let mut close = false;
        form_dialog("sign_in_entry").show(egui_ctx, |ui| {
            ui.set_width(680.0);
            ui.heading("录入签到表");
            let (said, registered) = match &self.subject {
                Subject::Activity(a) => (
                    format!(
                        "{}　{} {}—{}　{}",
                        a.title,
                        crate::domain::dates::chinese(a.date),
                        a.start_time,
                        a.end_time,
                        a.location
                    ),
                    "活动已登记的参与人",
                ),
                Subject::Training(t) => (
                    format!(
                        "培训：{}　{}　{}　学时 {}",
                        t.topic,
                        crate::domain::dates::chinese(t.date),
                        t.location,
                        t.hours
                    ),
                    "培训已登记的参加人员",
                ),
            };
            ui.label(said);
            ui.horizontal(|ui| {
                let label = ui.label("签到表上列的是");
                super::sign_in::who_listed(
                    ui,
                    ("entry_team", label.id),
                    registered,
                    &mut self.team,
                    &self.teams,
                );
                if let Some(d) = self.duration()
                    && ui
                        .button(format!("空着的都填 {d} 小时"))
                        .on_hover_text("没填时长、也没勾“未到”的人，时长设为活动时长")
                        .clicked()
                {
                    for l in self.lines.iter_mut().filter(|l| !l.absent) {
                        if l.hours.trim().is_empty() {
                            l.hours = d.to_string();
                        }
                    }
                }
            });
            if self.hours() {
                ui.weak("按签到表的顺序逐行填写服务时长，回车到下一行；没来的人勾选“未到”。");
            } else {
                ui.weak("按签到表的顺序核对，没来的人勾选“未到”；保存为这次培训的参加人员。");
            }
            self.rows(ui);
            self.strangers(ui, ctx.store);
            if let Subject::Activity(a) = &self.subject
                && a.status != activity::HELD
            {
                ui.checkbox(
                    &mut self.mark_held,
                    "同时把活动状态改为“已完成”（计入时长）",
                );
            }
            let problems = self.problems();
            for p in problems.iter().take(5) {
                ui.colored_label(palette::ERROR, p);
            }
            if problems.len() > 5 {
                ui.colored_label(palette::ERROR, format!("另有 {} 处", problems.len() - 5));
            }
            if let Some(e) = &self.error {
                ui.colored_label(palette::ERROR, format!("保存失败：{e}"));
            }
            let came = self.lines.iter().filter(|l| !l.absent).count();
            let total: i64 = self
                .lines
                .iter()
                .filter(|l| !l.absent)
                .filter_map(|l| activity::parse_hours(&l.hours).ok())
                .map(|t| t.0)
                .sum();
            ui.horizontal(|ui| {
                let save = ui
                    .add_enabled(problems.is_empty(), egui::Button::new("保存"))
                    .on_hover_text("保存为本次活动的参与人和时长（Ctrl+S）");
                let keyed = problems.is_empty()
                    && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S));
                if save.clicked() || keyed {
                    self.error = None;
                    let came = self.lines.iter().filter(|l| !l.absent);
                    ctx.commands.push(match &self.subject {
                        Subject::Activity(a) => {
                            let mut a = a.clone();
                            if self.mark_held {
                                a.status = activity::HELD.to_string();
                            }
                            let people: Vec<(String, Tenths)> = came
                                .filter_map(|l| {
                                    let h = activity::parse_hours(&l.hours).ok()?;
                                    Some((l.volunteer_id.clone(), h))
                                })
                                .collect();
                            Command::SaveActivity(a, people, Pane::Activities)
                        }
                        Subject::Training(t) => Command::SaveTraining(
                            t.clone(),
                            came.map(|l| l.volunteer_id.clone()).collect(),
                        ),
                    });
                }
                if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
                let absent = self.lines.len() - came;
                ui.label(if self.hours() {
                    format!(
                        "到 {came} 人，未到 {absent} 人，合计 {} 小时",
                        Tenths(total)
                    )
                } else {
                    format!("到 {came} 人，未到 {absent} 人")
                });
            });
        });
        close
    }

    /// The sheet's rows: 序号, 姓名, 编号, 时长, 未到.
    fn rows(&mut self, ui: &mut egui::Ui) {
        let hours = self.hours();
        let focus = self.focus.take();
        let mut next = None;
        let mut remove = None;
        egui::ScrollArea::vertical()
            .id_salt("entry_rows")
            .max_height(360.0)
            .show(ui, |ui| {
                egui::Grid::new("entry_grid").striped(true).show(ui, |ui| {
                    for (i, l) in self.lines.iter_mut().enumerate() {
                        ui.label((i + 1).to_string());
                        let mut name = egui::RichText::new(&l.name);
                        if l.absent {
                            name = name.strikethrough().weak();
                        }
                        let name = ui.label(name);
                        ui.label(&l.number);
                        if !hours {
                            ui.checkbox(&mut l.absent, "未到");
                            if l.added {
                                ui.weak("（表外）");
                                if ui.small_button("移除").clicked() {
                                    remove = Some(i);
                                }
                            }
                            ui.end_row();
                            continue;
                        }
                        let field = ui
                            .add_enabled(
                                !l.absent,
                                egui::TextEdit::singleline(&mut l.hours).desired_width(60.0),
                            )
                            .labelled_by(name.id)
                            .on_hover_text("服务时长（小时，一位小数）");
                        if focus == Some(i) && !l.absent {
                            field.request_focus();
                        }
                        if field.lost_focus() && ui.input(|inp| inp.key_pressed(egui::Key::Enter)) {
                            next = Some(i + 1);
                        }
                        ui.label("小时");
                        ui.checkbox(&mut l.absent, "未到");
                        if l.added {
                            ui.weak("（表外）");
                            if ui.small_button("移除").clicked() {
                                remove = Some(i);
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        if let Some(i) = remove {
            self.lines.remove(i);
        }
        // Enter: the next row that came (past the crossed out ones).
        if let Some(from) = next {
            self.focus = (from..self.lines.len()).find(|&j| !self.lines[j].absent);
        }
    }

    /// 表外的人: a search by name, pinyin initials, number or phone tail; a click adds them
    /// (or brings back one crossed out).
    fn strangers(&mut self, ui: &mut egui::Ui, store: &Store) {
        let Some(r) = self.search.show(
            ui,
            "表外来的人",
            |text| picker::volunteers(store, text),
            |r| Some(format!("＋{}（{}）", r.name, r.number)),
            true,
        ) else {
            return;
        };
        match self.lines.iter().position(|l| l.volunteer_id == r.id) {
            Some(i) => {
                self.lines[i].absent = false;
                self.focus = Some(i);
            }
            None => {
                self.lines.push(Line {
                    volunteer_id: r.id,
                    number: r.number,
                    name: r.name,
                    hours: self.duration().map(|d| d.to_string()).unwrap_or_default(),
                    absent: false,
                    added: true,
                });
                self.focus = Some(self.lines.len() - 1);
            }
        }
    }
}
