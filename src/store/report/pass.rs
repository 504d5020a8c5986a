//! The one pass over the period's activity facts (each live activity with its running totals
//! of service records, kept by triggers): totals by category, month, unit, team and key date.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, ToSql};

use super::{Figures, Group, MonthFigures, Scope};
use crate::domain::categories::CATEGORIES;
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::store::Result;

/// What the pass counted.
pub(super) struct Pass {
    pub total: Figures,
    pub served: i64,
    pub by_category: BTreeMap<String, Figures>,
    pub by_month: Vec<MonthFigures>,
    pub matrix: BTreeMap<String, Vec<i64>>,
    pub by_unit: Vec<Group>,
    pub by_team: Vec<Group>,
    pub by_key_date: Vec<Group>,
}

/// Counted (held) activities of the period (`?1`..`?2`): `activities.counted`, the schema's one
/// definition of what counts.
pub(super) const COUNTED: &str = "a.counted AND a.date BETWEEN ?1 AND ?2";

fn add(slot: &mut Figures, f: &Figures) {
    slot.activities += f.activities;
    slot.participations += f.participations;
    slot.hours = Tenths(slot.hours.0 + f.hours.0);
}

/// Adds `f` under `key`, allocating the key only the first time.
fn add_to(map: &mut HashMap<String, Figures>, key: &str, f: &Figures) {
    match map.get_mut(key) {
        Some(slot) => add(slot, f),
        None => {
            map.insert(key.to_owned(), *f);
        }
    }
}

/// The groups with their names, most hours first; `none` names the group without a key.
fn groups(
    map: HashMap<String, Figures>,
    names: &HashMap<String, String>,
    none: &str,
) -> Vec<Group> {
    let mut v: Vec<Group> = map
        .into_iter()
        .map(|(id, figures)| Group {
            name: if id.is_empty() {
                none.to_string()
            } else {
                names.get(&id).cloned().unwrap_or_else(|| id.clone())
            },
            id,
            figures,
        })
        .collect();
    v.sort_by(|a, b| {
        b.figures
            .hours
            .0
            .cmp(&a.figures.hours.0)
            .then(b.figures.activities.cmp(&a.figures.activities))
            .then_with(|| a.name.cmp(&b.name))
    });
    v
}

/// Counts the period's held activities in one pass.
pub(super) fn activity_pass(
    c: &Connection,
    period: &Period,
    scope: &Scope,
    params: &[&dyn ToSql],
) -> Result<Pass> {
    let sa = scope.activities_sql();
    let months: Vec<String> = period
        .months()
        .iter()
        .map(|(y, m)| format!("{y:04}-{m:02}"))
        .collect();
    let mut by_category: BTreeMap<String, Figures> = BTreeMap::new();
    let mut by_month: BTreeMap<String, Figures> = months
        .iter()
        .map(|m| (m.clone(), Figures::default()))
        .collect();
    let mut matrix: BTreeMap<String, Vec<i64>> = CATEGORIES
        .iter()
        .map(|c| (c.name.to_string(), vec![0; months.len()]))
        .collect();
    let mut by_unit: HashMap<String, Figures> = HashMap::new();
    let mut by_team: HashMap<String, Figures> = HashMap::new();
    let mut by_key_date: HashMap<String, Figures> = HashMap::new();
    let mut key_date_first: HashMap<String, String> = HashMap::new();
    let mut total = Figures::default();
    let mut served = 0;
    // One pass over the period's range of the activity facts (each live activity with its
    // running totals of service records, kept by triggers).
    {
        let mut stmt = c.prepare_cached(&format!(
            "SELECT a.category, a.date, a.served_count, coalesce(a.organizer_id, ''),
                    coalesce(a.team_id, ''), a.key_date, a.participations, a.hours_tenths
             FROM activity_facts a
             WHERE a.date BETWEEN ?1 AND ?2 AND a.counted{sa}"
        ))?;
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            let category = r.get_ref(0)?.as_str().unwrap_or("");
            let date = r.get_ref(1)?.as_str().unwrap_or("");
            let month = date.get(..7).unwrap_or("");
            served += r.get::<_, i64>(2)?;
            let f = Figures {
                activities: 1,
                participations: r.get(6)?,
                hours: Tenths(r.get(7)?),
            };
            add(&mut total, &f);
            match by_category.get_mut(category) {
                Some(slot) => add(slot, &f),
                None => {
                    by_category.insert(category.to_owned(), f);
                }
            }
            if let Some(slot) = by_month.get_mut(month) {
                add(slot, &f);
            }
            if let (Some(row), Some(i)) = (
                matrix.get_mut(category),
                months.iter().position(|m| m == month),
            ) {
                row[i] += 1;
            }
            add_to(&mut by_unit, r.get_ref(3)?.as_str().unwrap_or(""), &f);
            add_to(&mut by_team, r.get_ref(4)?.as_str().unwrap_or(""), &f);
            let key_date = r.get_ref(5)?.as_str().unwrap_or("");
            if !key_date.is_empty() {
                add_to(&mut by_key_date, key_date, &f);
                match key_date_first.get_mut(key_date) {
                    Some(first) if first.as_str() <= date => {}
                    Some(first) => *first = date.to_owned(),
                    None => {
                        key_date_first.insert(key_date.to_owned(), date.to_owned());
                    }
                }
            }
        }
    }
    let names = |sql: &str| -> Result<HashMap<String, String>> {
        let mut stmt = c.prepare_cached(sql)?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    };
    let by_unit = groups(
        by_unit,
        &names("SELECT id, name FROM units")?,
        "未指定组织单位",
    );
    let by_team = groups(by_team, &names("SELECT id, name FROM teams")?, "未指定队伍");
    let mut by_key_date = groups(by_key_date, &HashMap::new(), "");
    by_key_date.sort_by(|a, b| key_date_first.get(&a.id).cmp(&key_date_first.get(&b.id)));
    Ok(Pass {
        total,
        served,
        by_category,
        by_month: by_month
            .into_iter()
            .map(|(month, figures)| MonthFigures { month, figures })
            .collect(),
        matrix,
        by_unit,
        by_team,
        by_key_date,
    })
}
