//! Example data: a realistic, deterministic street office with its communities, district units,
//! teams, volunteers, activities, hours, trainings, honors and reports for the previous and the
//! current year. The same seed and `today` always give the same records.

mod names;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::activity;
use crate::domain::calendar::{FIXED_KEY_DATES, qingming, second_saturday};
use crate::domain::categories::CATEGORIES;
use crate::domain::hours::Tenths;
use crate::domain::id_number;
use crate::store::activities::{Activity, Participation};
use crate::store::meta::RecordMeta;
use crate::store::paperwork::{CustomKeyDate, InfoReport, Need, Submission, SummaryNarrative};
use crate::store::records::{Certificate, Complaint, Honor, Training, TrainingAttendance};
use crate::store::settings::keys;
use crate::store::teams::{Team, TeamMember};
use crate::store::units::{Unit, UnitContact};
use crate::store::volunteers::Volunteer;
use crate::store::{Bulk, Result, Store};
use names::*;

/// The audiences example activities serve: the form's list without 其他.
const DEMO_BENEFICIARIES: &[&str] = {
    let (served, _other) = activity::BENEFICIARIES.split_at(activity::BENEFICIARIES.len() - 1);
    served
};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// Number of volunteers.
    pub volunteers: u64,
    /// Seed of the generator.
    pub seed: u64,
    /// The date taken as today: activities before it are done, after it planned.
    pub today: NaiveDate,
}

/// How many records were written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    /// Units (street, communities, stations, district departments).
    pub units: u64,
    /// Volunteers.
    pub volunteers: u64,
    /// Teams.
    pub teams: u64,
    /// Activities.
    pub activities: u64,
    /// Participations (service records).
    pub participations: u64,
    /// Trainings.
    pub trainings: u64,
}

/// The name of the example street office.
pub const DEMO_UNIT_NAME: &str = "滨海新区示范街道办事处";

/// Fills the store with example data in one transaction. `progress` gets 0.0‥1.0.
pub fn generate(
    store: &mut Store,
    opts: DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoReport> {
    store.bulk_load(|w| Generator::new(w, opts).run(progress))
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Record kinds, for deterministic keys.
#[derive(Clone, Copy)]
enum Kind {
    Unit = 1,
    Contact,
    Volunteer,
    Team,
    Member,
    Activity,
    Participation,
    Training,
    Attendance,
    Honor,
    Report,
    Need,
    KeyDate,
    Narrative,
    Certificate,
    Submission,
    Complaint,
}

struct Generator<'w, 'c> {
    w: &'w Bulk<'c>,
    opts: DemoOptions,
    rng: Rng,
    origin: String,
    counters: [u64; 18],
    report: DemoReport,
    street_id: String,
    community_ids: Vec<String>,
    district_ids: Vec<(String, &'static str)>,
    team_ids: Vec<(String, String)>,
    prefix: String,
}

/// A generated activity header kept for participations.
struct Planned {
    id: String,
    date: NaiveDate,
    duration: Tenths,
    done: bool,
}

impl<'w, 'c> Generator<'w, 'c> {
    fn new(w: &'w Bulk<'c>, opts: DemoOptions) -> Self {
        let origin = deterministic_uuid(opts.seed, 0, 0);
        Generator {
            w,
            opts,
            rng: Rng(opts.seed ^ 0x5EED_0F1E_DEE5),
            origin,
            counters: [0; 18],
            report: DemoReport::default(),
            street_id: String::new(),
            community_ids: Vec::new(),
            district_ids: Vec::new(),
            team_ids: Vec::new(),
            prefix: String::new(),
        }
    }

    /// Deterministic metadata stamped at 09:00 Beijing time on `date`.
    fn meta(&mut self, kind: Kind, date: NaiveDate) -> RecordMeta {
        let n = &mut self.counters[kind as usize];
        *n += 1;
        let stamp = format!("{}T01:00:00.000Z", date.format("%Y-%m-%d"));
        RecordMeta {
            id: deterministic_uuid(self.opts.seed, kind as u16, *n),
            created_at: stamp.clone(),
            updated_at: stamp,
            origin: self.origin.clone(),
            deleted_at: None,
        }
    }

    fn year_start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.opts.today.year() - 1, 1, 1).unwrap_or(self.opts.today)
    }

    fn run(mut self, progress: &mut dyn FnMut(f32)) -> Result<DemoReport> {
        if self.w.setting(keys::UNIT_NAME)?.is_none() {
            self.w.set_setting(keys::UNIT_NAME, DEMO_UNIT_NAME)?;
        }
        self.prefix = match self.w.setting(keys::NUMBER_PREFIX)? {
            Some(p) => p,
            None => {
                self.w.set_setting(keys::NUMBER_PREFIX, "SF")?;
                "SF".to_string()
            }
        };
        progress(0.0);
        self.units()?;
        self.volunteers(progress)?;
        self.teams()?;
        let planned = self.activities()?;
        self.participations(&planned, progress)?;
        self.trainings()?;
        self.honors_and_reports(&planned)?;
        self.paperwork()?;
        progress(1.0);
        Ok(self.report)
    }

    fn unit(&mut self, name: &str, kind: &str, parent: Option<&str>) -> Result<String> {
        let date = self.year_start();
        let u = Unit {
            meta: self.meta(Kind::Unit, date),
            name: name.to_string(),
            short_name: String::new(),
            kind: kind.to_string(),
            parent_id: parent.map(str::to_string),
            address: format!(
                "天津市滨海新区{}{}号",
                self.rng.pick(&ROADS),
                1 + self.rng.below(300)
            ),
            phone: format!("022-{}", 25_000_000 + self.rng.below(1_000_000)),
            fax: format!("022-{}", 66_000_000 + self.rng.below(1_000_000)),
            email: format!("bh{:04}@tj.gov.cn", self.counters[Kind::Unit as usize]),
            remark: String::new(),
        };
        self.w.put(&u)?;
        self.report.units += 1;
        let contact = UnitContact {
            meta: self.meta(Kind::Contact, date),
            unit_id: u.meta.id.clone(),
            leader_name: self.person_name(),
            leader_title: "副主任".to_string(),
            leader_office_phone: u.phone.clone(),
            leader_mobile: self.mobile(self.counters[Kind::Contact as usize] + 9_000_000),
            department: if kind == "区级部门" {
                "办公室"
            } else {
                "党群办"
            }
            .to_string(),
            contact_name: self.person_name(),
            contact_title: "科员".to_string(),
            contact_office_phone: u.phone.clone(),
            contact_mobile: self.mobile(self.counters[Kind::Contact as usize] + 9_500_000),
            contact_fax: u.fax.clone(),
            contact_email: u.email.clone(),
            remark: String::new(),
            valid_from: date,
            valid_to: None,
        };
        self.w.put(&contact)?;
        Ok(u.meta.id)
    }

    fn units(&mut self) -> Result<()> {
        let street = self
            .w
            .setting(keys::UNIT_NAME)?
            .unwrap_or_else(|| DEMO_UNIT_NAME.into());
        self.street_id = self.unit(&street, "街镇", None)?;
        let street_id = self.street_id.clone();
        for c in COMMUNITIES {
            let kind = "村居（社区）";
            let id = self.unit(c, kind, Some(&street_id))?;
            let station = format!("{}新时代文明实践站", c.trim_end_matches("社区"));
            self.unit(&station, "新时代文明实践站", Some(&id))?;
            self.community_ids.push(id);
        }
        self.unit(
            "示范街道学雷锋志愿服务站",
            "学雷锋志愿服务站",
            Some(&street_id),
        )?;
        for name in crate::domain::categories::district_units() {
            let id = self.unit(name, "区级部门", None)?;
            self.district_ids.push((id, name));
        }
        let wm = self.unit("区文明办", "区级部门", None)?;
        self.district_ids.push((wm, "区文明办"));
        Ok(())
    }

    fn person_name(&mut self) -> String {
        // Surnames weighted towards the common ones.
        let a = self.rng.below(SURNAMES.len() as u64);
        let b = self.rng.below(SURNAMES.len() as u64);
        let mut name = SURNAMES[a.min(b) as usize].to_string();
        name.push_str(self.rng.pick::<&str>(&GIVEN));
        if self.rng.chance(70) {
            name.push_str(self.rng.pick::<&str>(&GIVEN));
        }
        name
    }

    /// A unique mobile number for index `i` (a bijection of i onto eight digits).
    fn mobile(&mut self, i: u64) -> String {
        let prefix = MOBILE_PREFIXES[(i % MOBILE_PREFIXES.len() as u64) as usize];
        let tail = (i.wrapping_mul(61_803_399).wrapping_add(27_182_818)) % 100_000_000;
        format!("{prefix}{tail:08}")
    }

    fn volunteers(&mut self, progress: &mut dyn FnMut(f32)) -> Result<()> {
        const BIRTH_DAYS: u64 = 20_000;
        const SPACE: u64 = BIRTH_DAYS * 499;
        let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(self.opts.today);
        let today = self.opts.today;
        let n = self.opts.volunteers;
        for i in 0..n {
            // A bijection of i onto (birth day, sequence) keeps every identity number unique.
            let j = (i % SPACE) * 7_654_321 % SPACE;
            let birth = base + Duration::days((j % BIRTH_DAYS) as i64);
            let birth = if birth > today - Duration::days(365 * 16) {
                birth - Duration::days(365 * 30)
            } else {
                birth
            };
            let male = self.rng.chance(48);
            let seq = (j / BIRTH_DAYS) * 2 + if male { 1 } else { 2 };
            let addr = *self.rng.pick(&ADDRESS_CODES);
            let id_no = id_number::compose(addr, birth, seq as u16);
            let age = today.year() - birth.year();
            let political = match self.rng.below(100) {
                0..25 => "中共党员",
                25..27 => "中共预备党员",
                27..42 if age < 30 => "共青团员",
                42..45 => "其他",
                _ => "群众",
            };
            let mut kinds = Vec::new();
            if political.starts_with("中共") {
                kinds.push("党员志愿者");
            }
            if age >= 60 {
                kinds.push("退休");
            } else if age <= 22 {
                kinds.push("学生");
            }
            kinds.push(*self.rng.pick(&[
                "居民",
                "机关干部",
                "教师",
                "医护",
                "退役军人",
                "巾帼",
                "青年",
            ]));
            let registered = today - Duration::days(self.rng.below(6 * 365) as i64);
            let registered = registered.max(birth + Duration::days(365 * 16));
            let mut meta = self.meta(Kind::Volunteer, registered);
            meta.id = volunteer_uuid(self.opts.seed, i);
            let community = self.community_ids
                [self.rng.below(self.community_ids.len() as u64) as usize]
                .clone();
            let v = Volunteer {
                meta,
                number: format!("{}{:07}", self.prefix, i + 1),
                name: self.person_name(),
                gender: if male { "男" } else { "女" }.to_string(),
                id_type: "居民身份证".to_string(),
                id_number: id_no,
                birth_date: Some(birth),
                mobile: self.mobile(i),
                political_status: political.to_string(),
                community_id: Some(community),
                workplace: if age >= 60 {
                    "退休".to_string()
                } else {
                    self.rng.pick(&WORKPLACES).to_string()
                },
                skills: if self.rng.chance(60) {
                    self.rng.pick(&SKILLS).to_string()
                } else {
                    String::new()
                },
                kinds: kinds.join("、"),
                registered_on: registered,
                national_registered: self.rng.chance(70),
                national_number: String::new(),
                status: match self.rng.below(100) {
                    0..5 => "暂停",
                    5..8 => "退出",
                    _ => "在册",
                }
                .to_string(),
                consent: true,
                consent_date: Some(registered),
                remark: String::new(),
            };
            self.w.put(&v)?;
            self.report.volunteers += 1;
            if i.is_multiple_of(10_000) {
                progress(0.3 * i as f32 / n.max(1) as f32);
            }
        }
        Ok(())
    }

    fn teams(&mut self) -> Result<()> {
        let n = self.opts.volunteers;
        let founded = self.year_start() - Duration::days(400);
        let mut specs: Vec<(String, String, String)> = CATEGORIES
            .iter()
            .map(|c| {
                let name = format!("{}志愿服务队", c.name.split('、').next().unwrap_or(c.name));
                (name, c.name.to_string(), self.street_id.clone())
            })
            .collect();
        specs.push((
            "示范街道综合志愿服务队".into(),
            "综合".into(),
            self.street_id.clone(),
        ));
        for (k, c) in COMMUNITIES.iter().enumerate() {
            specs.push((
                format!("{c}邻里守望志愿服务队"),
                "关爱系列".into(),
                self.community_ids[k].clone(),
            ));
        }
        for (name, category, unit) in specs {
            let leader = self.rng.below(n.max(1));
            let team = Team {
                meta: self.meta(Kind::Team, founded),
                name,
                category: category.clone(),
                unit_id: Some(unit),
                leader_id: (n > 0).then(|| volunteer_uuid(self.opts.seed, leader)),
                founded_on: Some(founded),
                description: format!("面向辖区开展{category}志愿服务。"),
            };
            self.w.put(&team)?;
            self.report.teams += 1;
            // Members: a stride through the register, about 3 in 10 volunteers in some team.
            let members = (n * 3 / 10 / 27).clamp(n.min(5), 50_000);
            let start = self.rng.below(n.max(1));
            let stride = 1 + self.rng.below(97) * 2;
            let mut seen = std::collections::BTreeSet::new();
            for k in 0..members {
                let vi = (start + k * stride) % n.max(1);
                if vi == leader || !seen.insert(vi) {
                    continue;
                }
                let m = TeamMember {
                    meta: self.meta(Kind::Member, founded),
                    team_id: team.meta.id.clone(),
                    volunteer_id: volunteer_uuid(self.opts.seed, vi),
                    joined_on: founded,
                };
                self.w.put(&m)?;
            }
            if n > 0 {
                let m = TeamMember {
                    meta: self.meta(Kind::Member, founded),
                    team_id: team.meta.id.clone(),
                    volunteer_id: volunteer_uuid(self.opts.seed, leader),
                    joined_on: founded,
                };
                self.w.put(&m)?;
            }
            self.team_ids.push((team.meta.id.clone(), category));
        }
        Ok(())
    }

    fn team_for(&mut self, category: &str) -> Option<String> {
        let matching: Vec<&(String, String)> = self
            .team_ids
            .iter()
            .filter(|(_, c)| c == category)
            .collect();
        if matching.is_empty() {
            self.team_ids.first().map(|t| t.0.clone())
        } else {
            Some(
                matching[self.rng.below(matching.len() as u64) as usize]
                    .0
                    .clone(),
            )
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn activity(
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
        self.report.activities += 1;
        planned.push(Planned {
            id: a.meta.id,
            date,
            duration: Tenths(duration_tenths),
            done: done && !cancelled,
        });
        Ok(())
    }

    fn activities(&mut self) -> Result<Vec<Planned>> {
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

    fn participations(&mut self, planned: &[Planned], progress: &mut dyn FnMut(f32)) -> Result<()> {
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
                    activity_id: p.id.clone(),
                    volunteer_id: volunteer_uuid(self.opts.seed, vi),
                    hours,
                    evaluation: if self.rng.chance(90) {
                        "良好"
                    } else {
                        "优秀"
                    }
                    .to_string(),
                    remark: String::new(),
                };
                self.w.put(&part)?;
                written += 1;
                if written.is_multiple_of(50_000) {
                    progress(0.3 + 0.65 * written as f32 / target as f32);
                }
            }
        }
        self.report.participations = written;
        Ok(())
    }

    fn trainings(&mut self) -> Result<()> {
        let n = self.opts.volunteers;
        let topics = [
            "《志愿服务条例》",
            "《天津市志愿服务条例》",
            "志愿服务活动组织",
            "志愿滨海APP使用",
        ];
        for year in (self.opts.today.year() - 1)..=self.opts.today.year() {
            for (k, topic) in topics.iter().enumerate() {
                let Some(date) = NaiveDate::from_ymd_opt(year, 5, 8 + 5 * k as u32) else {
                    continue;
                };
                if date > self.opts.today {
                    continue;
                }
                let t = Training {
                    meta: self.meta(Kind::Training, date),
                    date,
                    topic: topic.to_string(),
                    location: "街道党群服务中心".to_string(),
                    organizer_id: Some(self.street_id.clone()),
                    trainer: self.person_name(),
                    hours: Tenths(20),
                    content: format!("志愿服务培训月：{topic}专题培训"),
                    staff: String::new(),
                };
                self.w.put(&t)?;
                self.report.trainings += 1;
                let start = self.rng.below(n.max(1));
                for j in 0..n.min(60) {
                    let a = TrainingAttendance {
                        meta: self.meta(Kind::Attendance, date),
                        training_id: t.meta.id.clone(),
                        volunteer_id: volunteer_uuid(self.opts.seed, (start + j * 7) % n),
                    };
                    self.w.put(&a)?;
                }
            }
        }
        Ok(())
    }

    fn honors_and_reports(&mut self, planned: &[Planned]) -> Result<()> {
        let n = self.opts.volunteers;
        let today = self.opts.today;
        for year in (today.year() - 1)..=today.year() {
            let Some(date) = NaiveDate::from_ymd_opt(year, 3, 5) else {
                continue;
            };
            if date > today || n == 0 {
                continue;
            }
            for k in 0..10u64 {
                let h = Honor {
                    meta: self.meta(Kind::Honor, date),
                    volunteer_id: Some(volunteer_uuid(
                        self.opts.seed,
                        (k * 7919 + year as u64) % n,
                    )),
                    team_id: None,
                    title: if k < 3 {
                        "滨海新区优秀志愿者"
                    } else {
                        "身边雷锋"
                    }
                    .to_string(),
                    level: if k < 3 { "区级" } else { "街镇级" }.to_string(),
                    awarded_on: date,
                    issuer: if k < 3 {
                        "区文明办"
                    } else {
                        DEMO_UNIT_NAME
                    }
                    .to_string(),
                    description: "长期坚持参加社区志愿服务，热心帮助困难群众。".to_string(),
                };
                self.w.put(&h)?;
            }
            if let Some((team, _)) = self.team_ids.first().cloned() {
                let h = Honor {
                    meta: self.meta(Kind::Honor, date),
                    volunteer_id: None,
                    team_id: Some(team),
                    title: "优秀志愿服务组织".to_string(),
                    level: "区级".to_string(),
                    awarded_on: date,
                    issuer: "区文明办".to_string(),
                    description: String::new(),
                };
                self.w.put(&h)?;
            }
        }
        // Two information reports a month about activities that took place.
        let mut last_month = None;
        let mut in_month = 0;
        for p in planned.iter().filter(|p| p.done) {
            let ym = (p.date.year(), p.date.month());
            if last_month != Some(ym) {
                last_month = Some(ym);
                in_month = 0;
            }
            if in_month >= 2 || !self.rng.chance(10) {
                continue;
            }
            in_month += 1;
            let adopted = self.rng.chance(30);
            let r = InfoReport {
                meta: self.meta(Kind::Report, p.date),
                title: format!("{}月{}日志愿服务活动信息", p.date.month(), p.date.day()),
                sent_on: p.date + Duration::days(1),
                sent_to: crate::store::info_reports::REPORT_CHANNELS[0].to_string(),
                activity_id: Some(p.id.clone()),
                adopted,
                adopted_by: if adopted {
                    "滨海新区文明网".to_string()
                } else {
                    String::new()
                },
            };
            self.w.put(&r)?;
        }
        Ok(())
    }

    fn paperwork(&mut self) -> Result<()> {
        let today = self.opts.today;
        let start = self.year_start();
        let kinds = ["孤寡老人", "困难群体", "文明卫生", "法律援助", "生活帮助"];
        for k in 0..self.community_ids.len() {
            for j in 0..3 {
                let need = Need {
                    meta: self.meta(Kind::Need, start),
                    community_id: Some(self.community_ids[k].clone()),
                    kind: kinds[(k + j) % kinds.len()].to_string(),
                    person: self.person_name(),
                    address: format!("{}{}号", self.rng.pick(&ROADS), 1 + self.rng.below(300)),
                    phone: self.mobile(8_000_000 + (k * 3 + j) as u64),
                    description: "需要定期上门探望、代购生活用品。".to_string(),
                    status: ["待对接", "已对接", "已解决"][j % 3].to_string(),
                    team_id: None,
                    recorded_on: start,
                };
                self.w.put(&need)?;
            }
        }
        let kd = CustomKeyDate {
            meta: self.meta(Kind::KeyDate, start),
            name: "社区邻里节".to_string(),
            month: 9,
            day: 20,
            year: None,
            themes: "邻里守望".to_string(),
            categories: "关爱系列".to_string(),
            hides_builtin: String::new(),
        };
        self.w.put(&kd)?;
        let prev = today.year() - 1;
        for (section, body) in [
            (
                "存在的问题",
                "一是部分社区志愿服务活动形式较为单一；二是青年志愿者参与度有待提高。",
            ),
            (
                "下一步工作打算",
                "进一步完善志愿服务常态化机制，加强志愿者培训和激励。",
            ),
        ] {
            let s = SummaryNarrative {
                meta: self.meta(Kind::Narrative, start),
                period: prev.to_string(),
                section: section.to_string(),
                body: body.to_string(),
            };
            self.w.put(&s)?;
        }
        for year in prev..=today.year() {
            for (document, m, d) in [
                ("负责人联络表", 3, 3),
                ("上半年工作总结", 7, 12),
                ("全年工作总结", 12, 12),
            ] {
                let Some(date) = NaiveDate::from_ymd_opt(year, m, d) else {
                    continue;
                };
                if date > today {
                    continue;
                }
                let s = Submission {
                    meta: self.meta(Kind::Submission, date),
                    year: year as i64,
                    document: document.to_string(),
                    submitted_on: date,
                    method: if document == "负责人联络表" {
                        "传真"
                    } else {
                        "邮件"
                    }
                    .to_string(),
                    remark: String::new(),
                };
                self.w.put(&s)?;
            }
        }
        if self.opts.volunteers > 0 {
            for k in 0..3u64 {
                let vi = k * 13 % self.opts.volunteers;
                let c = Certificate {
                    meta: self.meta(Kind::Certificate, today),
                    serial: format!("{}-{}-{:04}", self.prefix, today.year(), k + 1),
                    volunteer_id: volunteer_uuid(self.opts.seed, vi),
                    period_from: start,
                    period_to: today,
                    hours: Tenths(0),
                    content: "参加社区志愿服务活动".to_string(),
                    issuer_id: Some(self.street_id.clone()),
                    issued_on: today,
                    handler: self.person_name(),
                    remark: String::new(),
                    leader: self.person_name(),
                };
                self.w.put(&c)?;
            }
            let c = Complaint {
                meta: self.meta(Kind::Complaint, start),
                volunteer_id: volunteer_uuid(self.opts.seed, 0),
                received_on: start + Duration::days(40),
                content: "活动迟到，未按约定时间到岗。".to_string(),
                outcome: "已批评教育，本人已改正。".to_string(),
            };
            self.w.put(&c)?;
        }
        Ok(())
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A deterministic, time-ordered key: version-8 UUID of seed, record kind and counter.
fn deterministic_uuid(seed: u64, kind: u16, counter: u64) -> String {
    let mut bytes = [0u8; 16];
    bytes[..4].copy_from_slice(&(seed as u32).to_be_bytes());
    bytes[4..6].copy_from_slice(&kind.to_be_bytes());
    bytes[8..16].copy_from_slice(&counter.to_be_bytes());
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The key of the `i`-th example volunteer.
fn volunteer_uuid(seed: u64, i: u64) -> String {
    deterministic_uuid(seed, Kind::Volunteer as u16, i + 1)
}
