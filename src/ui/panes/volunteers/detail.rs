//! A volunteer's record (《志愿服务条例》 art. 19): service with hours, star level, trainings,
//! honors and teams.

use super::super::AppCtx;
use crate::domain::hours::{self, Tenths};
use crate::store::volunteers::{ServiceRow, Volunteer, VolunteerSummary};
use crate::ui::theme::palette;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The volunteer and the figures of the detail, or why they could not be read.
type Read = Result<(Volunteer, VolunteerSummary), String>;

/// The detail of the selected volunteer.
pub struct VolunteerDetail {
    id: String,
    /// What was read, for the data version it was read at.
    summary: Option<(u64, Read)>,
    rows: PagedRows<ServiceRow>,
}

impl VolunteerDetail {
    /// The detail of volunteer `id`, read on first draw.
    pub fn new(id: String) -> Self {
        VolunteerDetail {
            id,
            summary: None,
            rows: PagedRows::default(),
        }
    }

    /// The volunteer shown.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Draws the detail.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        let store = ctx.store;
        if self.summary.as_ref().map(|s| s.0) != Some(ctx.version) {
            let read = store
                .get::<Volunteer>(&self.id)
                .and_then(|v| Ok((v, store.volunteer_summary(&self.id)?)))
                .map_err(|e| e.to_string());
            self.summary = Some((ctx.version, read));
        }
        self.rows.sync(ctx.version);
        let Some((_, read)) = &self.summary else {
            return;
        };
        let (v, s) = match read {
            Ok(pair) => pair,
            Err(e) => {
                ui.colored_label(palette::ERROR, format!("读取志愿者记录失败：{e}"));
                return;
            }
        };
        ui.heading(format!("{}（{}）", v.name, v.number));
        ui.label(format!(
            "状态：{} · 注册日期：{}",
            v.status, v.registered_on
        ));
        ui.separator();
        let level = hours::star_level(s.total);
        ui.label(
            egui::RichText::new(format!("累计服务时长 {} 小时", s.total))
                .size(17.0)
                .strong(),
        );
        ui.label(format!(
            "参加活动 {} 次 · 星级：{}",
            s.activities,
            hours::star_label(level)
        ));
        match hours::to_next_star(s.total) {
            Some((next, missing)) => ui.label(format!(
                "距{}还差 {} 小时",
                hours::star_label(next),
                missing
            )),
            None => ui.label("已达最高星级"),
        };
        ui.add_space(4.0);
        ui.strong(format!("所属队伍（{}）", s.teams.len()));
        if s.teams.is_empty() {
            ui.weak("未加入队伍");
        } else {
            ui.label(s.teams.join("、"));
        }
        ui.strong(format!(
            "培训（{} 次，共 {} 学时，不计入服务时长）",
            s.trainings.len(),
            s.training_hours
        ));
        for t in &s.trainings {
            ui.label(format!("{} {}", t.date, t.text));
        }
        ui.strong(format!("表彰奖励（{}）", s.honors.len()));
        for h in &s.honors {
            ui.label(format!("{} {}", h.date, h.text));
        }
        ui.separator();
        ui.strong("服务记录");
        let total = s.activities.max(0) as usize;
        let id = self.id.clone();
        let _ = paged_table::show(
            ui,
            "service_record",
            None,
            &[
                ("日期", 85.0),
                ("活动名称", 150.0),
                ("类别", 90.0),
                ("时长", 50.0),
            ],
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.service_page(&id, offset, limit),
            &|r: &ServiceRow| {
                vec![
                    crate::domain::dates::iso(r.date),
                    r.title.clone(),
                    r.category.clone(),
                    hours_text(r.hours),
                ]
            },
        );
    }
}

fn hours_text(h: Tenths) -> String {
    h.to_string()
}
