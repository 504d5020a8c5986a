//! An activity's participants and their hours: read for the form, saved with the activity in one
//! transaction, whole teams added, sign-in lists matched, clashes with other activities found.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, named_params};

use super::activities::{Activity, Participation};
use super::meta::{RecordMeta, now_utc};
use super::record::Record;
use super::volunteers::Holder;
use super::{Result, Store, StoreError, compact};
use crate::domain::hours::Tenths;
use crate::domain::{activity, phone};

/// One participant as the activity form shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantRow {
    /// The volunteer's key.
    pub volunteer_id: String,
    /// 志愿者编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// 手机, masked.
    pub mobile_masked: String,
    /// 服务时长
    pub hours: Tenths,
}

/// A sign-in list matched against the register.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInMatch {
    /// Lines that found exactly one volunteer.
    pub matched: Vec<(String, Holder)>,
    /// Lines that found no one, or several people: the line and why.
    pub unmatched: Vec<(String, String)>,
}

/// A participant's line on an activity's record sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLine {
    /// 志愿者编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// 服务时长
    pub hours: Tenths,
    /// 备注
    pub remark: String,
}

impl Store {
    /// The live participants of an activity as its record sheet lists them, by number.
    pub fn activity_record_lines(&self, activity_id: &str) -> Result<Vec<RecordLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.number, v.name, p.hours_tenths, p.remark
             FROM participations p JOIN volunteers v ON v.id = p.volunteer_id
             WHERE p.activity_id = ?1 AND p.deleted_at IS NULL ORDER BY v.number",
        )?;
        let rows = stmt.query_map([activity_id], |r| {
            Ok(RecordLine {
                number: r.get(0)?,
                name: r.get(1)?,
                hours: Tenths(r.get(2)?),
                remark: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live participants of an activity, by number.
    pub fn activity_participants(&self, activity_id: &str) -> Result<Vec<ParticipantRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.number, v.name, v.mobile, p.hours_tenths
             FROM participations p JOIN volunteers v ON v.id = p.volunteer_id
             WHERE p.activity_id = ?1 AND p.deleted_at IS NULL ORDER BY v.number",
        )?;
        let rows = stmt.query_map([activity_id], |r| {
            let mobile: String = r.get(3)?;
            Ok(ParticipantRow {
                volunteer_id: r.get(0)?,
                number: r.get(1)?,
                name: r.get(2)?,
                mobile_masked: phone::mask_mobile(&mobile),
                hours: Tenths(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves an activity and exactly these participants with their hours in one transaction:
    /// new people are added, changed hours written, people no longer listed moved to the
    /// recycle bin (a person listed again comes back). The volunteers' totals follow at once.
    pub fn save_activity(
        &mut self,
        a: &mut Activity,
        participants: &[(String, Tenths)],
    ) -> Result<()> {
        let origin = self.origin().to_string();
        let new = a.meta.id.is_empty();
        a.meta.ensure(&origin);
        a.meta.updated_at = now_utc();
        let a = &*a;
        self.write(|c| {
            if new {
                a.insert(c)?;
            } else {
                update_activity_in(c, a)?;
            }
            let mut existing: HashMap<String, (String, bool, i64)> = HashMap::new();
            {
                let mut stmt = c.prepare_cached(
                    "SELECT volunteer_id, id, deleted_at IS NOT NULL, hours_tenths
                     FROM participations WHERE activity_id = ?1",
                )?;
                let rows = stmt.query_map([&a.meta.id], |r| {
                    Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
                })?;
                for row in rows {
                    let (vid, rest) = row?;
                    existing.insert(vid, rest);
                }
            }
            let now = now_utc();
            let stamp = compact::stamp_in("?3");
            let this = compact::record_row_is("?1");
            let revived = format!(
                "UPDATE participation_rows SET hours_tenths = ?2,
                 deleted_at = NULL, updated_at = {stamp} WHERE {this}"
            );
            let removed = format!(
                "UPDATE participation_rows SET deleted_at = ?2, updated_at = {stamp}
                 WHERE {this}"
            );
            let mut listed = std::collections::HashSet::new();
            for (vid, hours) in participants {
                listed.insert(vid.as_str());
                match existing.get(vid) {
                    Some((id, deleted, old)) => {
                        if *deleted || *old != hours.0 {
                            // The rows, not their view: a write through the view's
                            // trigger costs more than twice as much per record.
                            c.prepare_cached(&revived)?
                                .execute(rusqlite::params![id, hours.0, now])?;
                        }
                    }
                    None => {
                        let p = Participation {
                            meta: RecordMeta::new(&origin),
                            activity_id: a.meta.id.clone(),
                            volunteer_id: vid.clone(),
                            hours: *hours,
                            ..Default::default()
                        };
                        p.insert(c)?;
                    }
                }
            }
            for (vid, (id, deleted, _)) in &existing {
                if !deleted && !listed.contains(vid.as_str()) {
                    c.prepare_cached(&removed)?.execute([id, &now, &now])?;
                }
            }
            Ok(())
        })
    }

    /// The live members of a team who are live volunteers (to add a whole team at once).
    pub fn team_member_ids(&self, team_id: &str) -> Result<Vec<Holder>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.name, v.number FROM team_members m
             JOIN volunteers v ON v.id = m.volunteer_id AND v.deleted_at IS NULL
             WHERE m.team_id = ?1 AND m.deleted_at IS NULL ORDER BY v.number",
        )?;
        let rows = stmt.query_map([team_id], holder)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Matches the lines of a pasted sign-in sheet: a name, a mobile number, a volunteer
    /// number, or a name followed by a phone on the same line.
    pub fn match_sign_in(&self, text: &str) -> Result<SignInMatch> {
        let mut out = SignInMatch::default();
        let by_name = |name: &str| -> Result<Vec<Holder>> {
            let mut stmt = self.conn().prepare_cached(
                "SELECT id, name, number FROM volunteers
                 WHERE name = ?1 AND deleted_at IS NULL ORDER BY number LIMIT 5",
            )?;
            let rows = stmt.query_map([name], holder)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let by_field = |field: &str, value: &str| -> Result<Vec<Holder>> {
            let sql = format!(
                "SELECT id, name, number FROM volunteers
                 WHERE {field} = ?1 AND deleted_at IS NULL ORDER BY number LIMIT 5"
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map([value], holder)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parts: Vec<&str> = line
                .split(|c: char| c.is_whitespace() || ",，、;；\t".contains(c))
                .filter(|p| !p.is_empty())
                .collect();
            let phone = parts
                .iter()
                .find(|p| p.len() == 11 && p.chars().all(|c| c.is_ascii_digit()));
            let name = parts.iter().find(|p| !p.is_ascii()).copied();
            let number = parts.iter().find(|p| {
                p.chars().any(|c| c.is_ascii_alphabetic()) && p.chars().any(|c| c.is_ascii_digit())
            });
            let found = if let Some(p) = phone {
                let mut f = by_field("mobile", p)?;
                if let Some(n) = name {
                    f.retain(|h| h.name == n);
                }
                f
            } else if let Some(n) = number {
                by_field("number", &n.to_uppercase())?
            } else if let Some(n) = name {
                by_name(n)?
            } else {
                Vec::new()
            };
            let n = found.len();
            match found.into_iter().next() {
                Some(h) if n == 1 => out.matched.push((line.to_string(), h)),
                None => out
                    .unmatched
                    .push((line.to_string(), "名册中没有找到".into())),
                Some(_) => out.unmatched.push((
                    line.to_string(),
                    format!("名册中有 {n} 人同名，请加上手机号码或编号"),
                )),
            }
        }
        Ok(out)
    }

    /// Volunteers among `volunteer_ids` who are in another live activity on `date` whose time
    /// overlaps `start`–`end`: (volunteer key, the other activity's title).
    pub fn busy_elsewhere(
        &self,
        volunteer_ids: &[String],
        date: chrono::NaiveDate,
        times: (&str, &str),
        except_activity: &str,
    ) -> Result<Vec<(String, String)>> {
        let mut others = self.conn().prepare_cached(&format!(
            "SELECT id, title, start_time, end_time FROM activities
             WHERE date = ?1 AND id != ?2 AND {}",
            super::activities::ARRANGED
        ))?;
        let clashing: Vec<(String, String)> = others
            .query_map(rusqlite::params![date, except_activity], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, _, s, e)| activity::overlaps(times, (s, e)))
            .map(|(id, title, _, _)| (id, title))
            .collect();
        let mut out = Vec::new();
        let mut member = self.conn().prepare_cached(
            "SELECT 1 FROM participations WHERE activity_id = ?1 AND volunteer_id = ?2
             AND deleted_at IS NULL",
        )?;
        for vid in volunteer_ids {
            for (aid, title) in &clashing {
                if member
                    .query_row([aid, vid], |_| Ok(()))
                    .optional()?
                    .is_some()
                {
                    out.push((vid.clone(), title.clone()));
                }
            }
        }
        Ok(out)
    }
}

fn holder(r: &rusqlite::Row<'_>) -> rusqlite::Result<Holder> {
    Ok(Holder {
        id: r.get(0)?,
        name: r.get(1)?,
        number: r.get(2)?,
    })
}

/// Writes an existing activity's fields inside the caller's transaction.
fn update_activity_in(c: &Connection, a: &Activity) -> Result<()> {
    let n = c
        .prepare_cached(
            "UPDATE activities SET title = :title, category = :category, key_date = :key_date,
             date = :date, start_time = :start_time, end_time = :end_time,
             location = :location, organizer_id = :organizer_id, team_id = :team_id,
             leader = :leader, beneficiaries = :beneficiaries, served_count = :served_count,
             content = :content, outcome = :outcome, publicity = :publicity,
             status = :status, recorder = :recorder, updated_at = :updated_at
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":id": a.meta.id, ":title": a.title, ":category": a.category,
            ":key_date": a.key_date, ":date": a.date, ":start_time": a.start_time,
            ":end_time": a.end_time, ":location": a.location,
            ":organizer_id": a.organizer_id, ":team_id": a.team_id, ":leader": a.leader,
            ":beneficiaries": a.beneficiaries, ":served_count": a.served_count,
            ":content": a.content, ":outcome": a.outcome, ":publicity": a.publicity,
            ":status": a.status, ":recorder": a.recorder, ":updated_at": a.meta.updated_at,
        })?;
    if n == 0 {
        return Err(StoreError::NotFound {
            kind: "活动",
            id: a.meta.id.clone(),
        });
    }
    Ok(())
}

impl Store {
    /// The number of activities in the recycle bin.
    pub fn activities_in_bin(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM activities WHERE deleted_at IS NOT NULL")?
            .query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of the activities in the recycle bin, newest first.
    pub fn activity_bin_page(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<super::activities::ActivityRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.date, a.title, a.category, a.location, a.status,
                    (SELECT count(*) FROM participations p
                      WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS participants,
                    (SELECT coalesce(sum(hours_tenths), 0) FROM participations p
                      WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS hours
             FROM activities a WHERE a.deleted_at IS NOT NULL
             ORDER BY a.date DESC, a.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(
            [limit as i64, offset as i64],
            super::activities::activity_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Plans the year's twelve 学雷锋志愿服务日 on each month's second Saturday (09:00–11:00,
    /// 计划中), skipping months that already have one on that day; returns how many were made.
    pub fn plan_lei_feng_days(&mut self, year: i32) -> Result<usize> {
        let origin = self.origin().to_string();
        self.write(|c| {
            let mut made = 0;
            for month in 1..=12 {
                let Some(day) = crate::domain::calendar::second_saturday(year, month) else {
                    continue;
                };
                let exists: bool = c
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM activities WHERE date = ?1
                         AND category = ?2 AND deleted_at IS NULL)",
                    )?
                    .query_row(rusqlite::params![day, activity::LEI_FENG_DAY], |r| r.get(0))?;
                if exists {
                    continue;
                }
                let a = Activity {
                    meta: RecordMeta::new(&origin),
                    title: format!("{month}月学雷锋志愿服务日"),
                    category: activity::LEI_FENG_DAY.into(),
                    date: day,
                    start_time: "09:00".into(),
                    end_time: "11:00".into(),
                    status: activity::ACTIVITY_STATUSES[0].into(),
                    ..Default::default()
                };
                a.insert(c)?;
                made += 1;
            }
            Ok(made)
        })
    }
}
