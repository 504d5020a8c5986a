//! Example activities over the year and their service records.

use super::*;

impl Generator<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn activity(
        &mut self,
        title: String,
        category: &str,
        key_date: &str,
        date: NaiveDate,
        start_hour: u32,
        duration_tenths: i64,
        organizer: Option<String>,
        planned: &mut Vec<Planned>,
    ) -> Result<()> {
        let done = date <= self.opts.today;
        let cancelled = done && self.rng.chance(2);
        let end_minutes = start_hour as i64 * 60 + duration_tenths * 6;
        let beneficiaries = {
            let a = self.rng.pick(DEMO_BENEFICIARIES).to_string();
            let b = self.rng.pick(DEMO_BENEFICIARIES).to_string();
            if a == b { a } else { format!("{a}、{b}") }
        };
        let a = Activity {
            meta: self.meta(Kind::Activity, date.min(self.opts.today)),
            title,
            category: category.to_string(),
            key_date: key_date.to_string(),
            date,
            start_time: format!("{start_hour:02}:00"),
            end_time: format!("{:02}:{:02}", end_minutes / 60, end_minutes % 60),
            location: format!("{}{}号", self.rng.pick(&ROADS), 1 + self.rng.below(200)),
            organizer_id: organizer,
            team_id: self.team_for(category),
            leader: self.person_name(),
            beneficiaries,
            served_count: if done {
                20 + self.rng.below(200) as i64
            } else {
                0
            },
            content: format!("组织志愿者开展{category}志愿服务。"),
            outcome: if done {
                "活动有序开展，群众反映良好。".to_string()
            } else {
                String::new()
            },
            publicity: if done && self.rng.chance(30) {
                "滨海发布".to_string()
            } else {
                String::new()
            },
            status: if cancelled {
                activity::CANCELLED
            } else if done {
                activity::HELD
            } else {
                activity::PLANNED
            }
            .to_string(),
            recorder: "街道志愿服务办公室".to_string(),
        };
        self.w.put(&a)?;
        let key = self.w.key_of(Table::Activities, &a.meta.id)?;
        self.report.activities += 1;
        if done && !cancelled {
            self.photos(&a.meta.id, category, date)?;
        }
        planned.push(Planned {
            id: a.meta.id,
            key,
            date,
            duration: Tenths(duration_tenths),
            done: done && !cancelled,
            care: activity::KEEP_MATERIALS.contains(&category),
        });
        Ok(())
    }

    pub(super) fn activities(&mut self) -> Result<Vec<Planned>> {
        let mut planned = Vec::new();
        let first_year = self.opts.today.year() - 1;
        // Extra activities so that a large register has about 15 participants per activity.
        let base_per_month = 12 + 14 + 6;
        let wanted_total = self.opts.volunteers * 5 / 15;
        let extra_per_month = (wanted_total / 24).saturating_sub(base_per_month);
        for year in first_year..=self.opts.today.year() {
            for month in 1..=12u32 {
                let Some(sat) = second_saturday(year, month) else {
                    continue;
                };
                for (k, community) in COMMUNITIES.iter().enumerate() {
                    let org = self.community_ids.get(k).cloned();
                    let title = format!("{community}学雷锋志愿服务日：清洁家园");
                    self.activity(title, "学雷锋志愿服务日", "", sat, 9, 20, org, &mut planned)?;
                }
                for c in &CATEGORIES {
                    let day = 1 + self.rng.below(28) as u32;
                    let date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or(sat);
                    let org = if self.rng.chance(50) {
                        Some(self.street_id.clone())
                    } else {
                        self.district_ids
                            .iter()
                            .find(|(_, n)| c.responsible.contains(n))
                            .map(|(id, _)| id.clone())
                    };
                    let title = format!("{month}月{}志愿服务活动", c.name);
                    let hours = 10 + self.rng.below(4) as i64 * 5;
                    let start = 9 + self.rng.below(6) as u32;
                    self.activity(title, c.name, "", date, start, hours, org, &mut planned)?;
                }
                for kind in [
                    "文明劝导",
                    "邻里守望",
                    "机关干部志愿服务",
                    "文明单位志愿服务",
                ] {
                    let day = 1 + self.rng.below(28) as u32;
                    let date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or(sat);
                    let org = Some(self.community_ids[self.rng.below(12) as usize].clone());
                    self.activity(
                        format!("{month}月{kind}活动"),
                        kind,
                        "",
                        date,
                        15,
                        20,
                        org,
                        &mut planned,
                    )?;
                }
                for k in 0..extra_per_month {
                    let c = &CATEGORIES[(k % 14) as usize];
                    let day = 1 + self.rng.below(28) as u32;
                    let date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or(sat);
                    let org = Some(self.community_ids[self.rng.below(12) as usize].clone());
                    let title = format!(
                        "{}{}志愿服务",
                        COMMUNITIES[self.rng.below(12) as usize],
                        c.name
                    );
                    self.activity(title, c.name, "", date, 9, 20, org, &mut planned)?;
                }
            }
            for kd in FIXED_KEY_DATES {
                let Some(date) = NaiveDate::from_ymd_opt(year, kd.month, kd.day) else {
                    continue;
                };
                let theme = kd.theme.split('、').next().unwrap_or(kd.theme);
                let title = format!("“{}”{theme}志愿服务活动", kd.name);
                let org = Some(self.street_id.clone());
                let category = kd.categories.first().copied().unwrap_or("其他");
                self.activity(title, category, kd.name, date, 9, 30, org, &mut planned)?;
            }
            if let Some(date) = qingming(year) {
                let org = Some(self.street_id.clone());
                self.activity(
                    "清明节文明祭扫宣传引导".into(),
                    "文明祭扫",
                    "清明节",
                    date,
                    8,
                    40,
                    org,
                    &mut planned,
                )?;
            }
        }
        Ok(planned)
    }

    /// The service records of the held activities, about five per volunteer.
    pub(super) fn participations(
        &mut self,
        planned: &[Planned],
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<()> {
        let n = self.opts.volunteers;
        if n == 0 {
            return Ok(());
        }
        let done: Vec<&Planned> = planned.iter().filter(|p| p.done).collect();
        let target = n * 5;
        let len = done.len().max(1) as u64;
        let mut written = 0u64;
        let mut chosen: Vec<u64> = Vec::new();
        let mut carry = 0i64;
        for (k, p) in done.iter().enumerate() {
            // An even share of the target; odd activities give back what even ones took extra,
            // so sizes vary while the total stays on target.
            let k = k as u64;
            let share = ((k + 1) * target / len - k * target / len) as i64;
            let jitter = if k.is_multiple_of(2) {
                // The last activity has no partner to give the extra back: it takes none.
                carry = if k + 1 < len {
                    self.rng.below(share as u64 / 2 + 1) as i64
                } else {
                    0
                };
                carry
            } else {
                -carry
            };
            let want = ((share + jitter).max(1) as u64).min(n);
            chosen.clear();
            let start = self.rng.below(n);
            let mut stride = 1 + self.rng.below(n.min(1_000_000));
            while gcd(stride, n) != 1 {
                stride += 1;
            }
            for j in 0..want {
                let vi = (start + j * stride) % n;
                if chosen.contains(&vi) && want < 64 {
                    continue;
                }
                chosen.push(vi);
            }
            chosen.sort_unstable();
            chosen.dedup();
            for &vi in &chosen {
                let hours = if self.rng.chance(15) {
                    Tenths((p.duration.0 - 5).max(5))
                } else {
                    p.duration
                };
                let part = Participation {
                    meta: self.meta(Kind::Participation, p.date),
                    // Written by short keys below.
                    activity_id: String::new(),
                    volunteer_id: String::new(),
                    hours,
                    evaluation: if self.rng.chance(90) {
                        "良好"
                    } else {
                        "优秀"
                    }
                    .to_string(),
                    remark: String::new(),
                };
                let volunteer = *self.volunteer_keys.get(vi as usize).ok_or_else(|| {
                    crate::store::StoreError::NotFound {
                        kind: "志愿者",
                        id: volunteer_uuid(self.opts.seed, vi),
                    }
                })?;
                self.w.put_service(&part, p.key, volunteer)?;
                written += 1;
                if written.is_multiple_of(50_000)
                    && !progress(0.3 + 0.65 * written as f32 / target as f32)
                {
                    return Err(crate::store::StoreError::Cancelled);
                }
            }
        }
        self.report.participations = written;
        Ok(())
    }
}
