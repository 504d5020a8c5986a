//! Example data: a realistic, deterministic street office with its communities, district units,
//! teams, volunteers, activities, hours, trainings, honors and reports for the previous and the
//! current year. The same seed and `today` always give the same records.

mod activities;
mod materials;
mod names;
mod paperwork;
mod people;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::activity;
use crate::domain::calendar::{FIXED_KEY_DATES, qingming, second_saturday};
use crate::domain::categories::CATEGORIES;
use crate::domain::hours::Tenths;
use crate::domain::id_number;
use crate::store::activities::{Activity, Participation};
use crate::store::meta::{RecordMeta, Table};
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

/// Fills the store with example data in one transaction. `progress` gets 0.0‥1.0 and answers
/// whether to go on (a cancelled load writes nothing).
pub fn generate(
    store: &mut Store,
    opts: DemoOptions,
    progress: &mut dyn FnMut(f32) -> bool,
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
    Attachment,
}

struct Generator<'w, 'c> {
    w: &'w Bulk<'c>,
    opts: DemoOptions,
    rng: Rng,
    origin: String,
    counters: [u64; 19],
    photo_rng: Rng,
    pictures: Vec<(String, i64)>,
    report: DemoReport,
    street_id: String,
    community_ids: Vec<String>,
    district_ids: Vec<(String, &'static str)>,
    team_ids: Vec<(String, String)>,
    prefix: String,
    /// The short key (`volunteers.key`) of each generated volunteer, by its number.
    volunteer_keys: Vec<i64>,
}

/// A generated activity header kept for participations.
struct Planned {
    id: String,
    /// Its short key (`activities.key`).
    key: i64,
    date: NaiveDate,
    duration: Tenths,
    done: bool,
    /// Of a category that keeps materials.
    care: bool,
}

impl<'w, 'c> Generator<'w, 'c> {
    fn new(w: &'w Bulk<'c>, opts: DemoOptions) -> Self {
        let origin = deterministic_uuid(opts.seed, 0, 0);
        Generator {
            w,
            opts,
            rng: Rng(opts.seed ^ 0x5EED_0F1E_DEE5),
            origin,
            counters: [0; 19],
            photo_rng: Rng(opts.seed ^ 0xF070_5EED),
            pictures: Vec::new(),
            report: DemoReport::default(),
            street_id: String::new(),
            community_ids: Vec::new(),
            district_ids: Vec::new(),
            team_ids: Vec::new(),
            prefix: String::new(),
            volunteer_keys: Vec::new(),
        }
    }

    /// Deterministic metadata stamped at 09:00 Beijing time on `date`.
    fn meta(&mut self, kind: Kind, date: NaiveDate) -> RecordMeta {
        let n = &mut self.counters[kind as usize];
        *n += 1;
        let stamp = format!(
            "{:04}-{:02}-{:02}T01:00:00.000Z",
            date.year(),
            date.month(),
            date.day()
        );
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

    fn run(mut self, progress: &mut dyn FnMut(f32) -> bool) -> Result<DemoReport> {
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
        if !progress(0.0) {
            return Err(crate::store::StoreError::Cancelled);
        }
        self.units()?;
        self.volunteers(progress)?;
        self.teams()?;
        let planned = self.activities()?;
        self.participations(&planned, progress)?;
        self.trainings()?;
        self.honors_and_reports(&planned)?;
        self.paperwork()?;
        self.signed_sheets(&planned)?;
        let _ = progress(1.0);
        Ok(self.report)
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
