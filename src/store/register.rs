//! The register as the clerk sees it: the live volunteers matching the search box and the
//! filters (村居, 队伍, 政治面貌, 类别, 星级, 状态), sorted by any column.
//!
//! A page is found in two steps: the keys of the page's volunteers come from one index scan in
//! the chosen order (each sortable column has a partial index of the live register, see schema
//! version 6), then the page's rows are read by key.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::search::matching_ids;
use super::volunteers::{VolunteerRow, row_from_list};
use super::{Result, Store};
use crate::domain::hours::STAR_THRESHOLDS;
use crate::domain::search::parse_query;

/// The column the register is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// 志愿者编号
    #[default]
    Number,
    /// 姓名, in pinyin order.
    Name,
    /// 性别
    Gender,
    /// 证件号码
    IdNumber,
    /// 手机
    Mobile,
    /// 政治面貌
    Political,
    /// 所在村居, by the community's name.
    Community,
    /// 状态
    Status,
    /// 累计服务时长 (and so 星级).
    Hours,
}

impl SortKey {
    /// The index that gives this order on its table (see [`SortKey::column`]).
    fn index(self) -> &'static str {
        match self {
            SortKey::Number => "idx_volunteers_live_number",
            SortKey::Name => "idx_vs_live_pinyin",
            SortKey::Gender => "idx_volunteers_live_gender",
            SortKey::IdNumber => "idx_volunteers_live_id_number",
            SortKey::Mobile => "idx_volunteers_live_mobile",
            SortKey::Political => "idx_volunteers_live_political",
            SortKey::Community => "idx_vs_live_community",
            SortKey::Status => "idx_volunteers_live_status",
            SortKey::Hours => "idx_vs_hours",
        }
    }

    /// The sort expression and whether it is a column of `volunteer_search` (else `volunteers`).
    fn column(self) -> (&'static str, bool) {
        match self {
            SortKey::Number => ("number", false),
            SortKey::Name => ("pinyin", true),
            SortKey::Gender => ("gender", false),
            SortKey::IdNumber => ("id_number", false),
            SortKey::Mobile => ("mobile", false),
            SortKey::Political => ("political_status", false),
            SortKey::Community => ("community", true),
            SortKey::Status => ("status", false),
            SortKey::Hours => ("total_tenths", true),
        }
    }
}

/// The filters above the register; `None` is 全部.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterFilter {
    /// 所在村居 (a unit's key).
    pub community_id: Option<String>,
    /// 队伍 (a team's key).
    pub team_id: Option<String>,
    /// 政治面貌
    pub political_status: Option<String>,
    /// 志愿者类别 (one of the kinds a volunteer has).
    pub kind: Option<String>,
    /// 星级: 0 = 未达星级, 1–5 = 一星 … 五星.
    pub star: Option<u8>,
    /// 状态
    pub status: Option<String>,
}

impl RegisterFilter {
    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != RegisterFilter::default()
    }
}

/// What the register shows: search text, filters and order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterQuery {
    /// The search box's text.
    pub search: String,
    /// The filters.
    pub filter: RegisterFilter,
    /// The sort column.
    pub sort: SortKey,
    /// Descending order.
    pub descending: bool,
}

impl RegisterQuery {
    /// Whether the register pages through a key list ([`Store::register_keys`]) rather than
    /// straight through an index: with filters set, or a search sorted by another column, as
    /// long as the list is not so long that walking the sort index page by page is cheaper
    /// (a filter that keeps nearly everyone).
    pub fn needs_key_list(&self, count: u64) -> bool {
        let narrowed = self.filter.is_active()
            || (!self.search.trim().is_empty()
                && (self.sort != SortKey::Number || self.descending));
        narrowed && count <= KEY_LIST_MAX
    }
}

/// The longest list of keys the register sorts up front (about 2.4 MB of keys).
pub const KEY_LIST_MAX: u64 = 300_000;

/// The FROM and WHERE of a query, with its bound values.
struct Selection {
    from: String,
    conditions: Vec<String>,
    params: Vec<Value>,
    /// The alias whose `number` breaks ties.
    alias: &'static str,
    /// The volunteer's short key (`volunteers.key`, which the search keys and kinds refer to).
    key_column: &'static str,
}

impl Selection {
    fn bind(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("?{}", self.params.len())
    }

    fn sql_where(&self) -> String {
        self.conditions.join(" AND ")
    }
}

fn star_range(level: u8) -> (i64, Option<i64>) {
    let lo = match level {
        0 => 0,
        n => STAR_THRESHOLDS[(n as usize - 1).min(4)] * 10,
    };
    let hi = STAR_THRESHOLDS.get(level as usize).map(|h| h * 10);
    (lo, hi)
}

/// The selection for `query`; `ordered` is false for a count, where the sort column does not
/// decide which tables are read.
fn select(query: &RegisterQuery, ordered: bool) -> Selection {
    let f = &query.filter;
    let sort_on_search = query.sort.column().1;
    let on_volunteers = f.community_id.is_some()
        || f.political_status.is_some()
        || f.status.is_some()
        || (ordered && !sort_on_search);
    let on_search = f.star.is_some() || (ordered && sort_on_search);
    let mut sel = if on_search && !on_volunteers {
        Selection {
            from: "volunteer_search s".into(),
            conditions: vec!["s.live = 1".into()],
            params: Vec::new(),
            alias: "s",
            key_column: "s.volunteer_key",
        }
    } else if on_search {
        Selection {
            from: "volunteer_search s JOIN volunteers v ON v.key = s.volunteer_key".into(),
            conditions: vec!["s.live = 1".into(), "v.deleted_at IS NULL".into()],
            params: Vec::new(),
            alias: "s",
            key_column: "s.volunteer_key",
        }
    } else {
        Selection {
            from: "volunteers v".into(),
            conditions: vec!["v.deleted_at IS NULL".into()],
            params: Vec::new(),
            alias: "v",
            key_column: "v.key",
        }
    };
    // The search keys come first: their SQL numbers its parameters from ?1.
    if let Some((ids, keys)) = matching_ids(&parse_query(&query.search)) {
        sel.params.extend(keys.into_iter().map(Value::Text));
        let alias = sel.alias;
        sel.conditions.push(format!("{alias}.number IN ({ids})"));
    }
    if let Some(c) = &f.community_id {
        let p = sel.bind(Value::Text(c.clone()));
        sel.conditions.push(format!("v.community_id = {p}"));
    }
    if let Some(t) = &f.team_id {
        let p = sel.bind(Value::Text(t.clone()));
        let key = sel.key_column;
        sel.conditions.push(format!(
            "{key} IN (SELECT t.key FROM team_members m JOIN volunteers t ON t.id = m.volunteer_id
                       WHERE m.team_id = {p} AND m.deleted_at IS NULL)"
        ));
    }
    if let Some(s) = &f.political_status {
        let p = sel.bind(Value::Text(s.clone()));
        sel.conditions.push(format!("v.political_status = {p}"));
    }
    if let Some(k) = &f.kind {
        let p = sel.bind(Value::Text(k.clone()));
        let key = sel.key_column;
        sel.conditions.push(format!(
            "{key} IN (SELECT volunteer_key FROM volunteer_kinds WHERE kind = {p})"
        ));
    }
    if let Some(s) = &f.status {
        let p = sel.bind(Value::Text(s.clone()));
        sel.conditions.push(format!("v.status = {p}"));
    }
    if let Some(level) = f.star {
        let (lo, hi) = star_range(level);
        let p = sel.bind(Value::Integer(lo));
        sel.conditions.push(format!("s.total_tenths >= {p}"));
        if let Some(hi) = hi {
            let p = sel.bind(Value::Integer(hi));
            sel.conditions.push(format!("s.total_tenths < {p}"));
        }
    }
    sel
}

impl Store {
    /// How many live volunteers the register shows for `query`.
    pub fn register_count(&self, query: &RegisterQuery) -> Result<u64> {
        if !query.filter.is_active() {
            return self.volunteer_search_count(&query.search);
        }
        // The order does not change the count: count over the table the filters need.
        let sel = select(query, false);
        let sql = format!(
            "SELECT count(*) FROM {} WHERE {}",
            sel.from,
            sel.sql_where()
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(sel.params.iter()), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of the register for `query`.
    pub fn register_page(
        &self,
        query: &RegisterQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<VolunteerRow>> {
        if !query.filter.is_active() && query.sort == SortKey::Number && !query.descending {
            return self.volunteer_search_page(&query.search, offset, limit);
        }
        let mut sel = select(query, true);
        let (column, on_search) = query.sort.column();
        let key = if on_search { "s" } else { "v" };
        let dir = if query.descending { "DESC" } else { "ASC" };
        let alias = sel.alias;
        let order = if query.sort == SortKey::Number {
            format!("{alias}.number {dir}")
        } else {
            format!("{key}.{column} {dir}, {alias}.number {dir}")
        };
        let limit_p = sel.bind(Value::Integer(limit as i64));
        let offset_p = sel.bind(Value::Integer(offset as i64));
        // Paged this way, the filters keep most of the register (narrow ones go through
        // register_keys): walk the sort column's index rather than sorting everything kept.
        if query.search.trim().is_empty() && key == alias {
            let (table, rest) = sel.from.split_once(' ').unwrap_or((&sel.from, ""));
            let (alias_name, joins) = rest.split_once(' ').unwrap_or((rest, ""));
            sel.from = format!(
                "{table} {alias_name} INDEXED BY {} {joins}",
                query.sort.index()
            );
        }
        let sql = format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {order} LIMIT {limit_p} OFFSET {offset_p}",
            sel.key_column,
            sel.from,
            sel.sql_where()
        );
        let keys: Vec<i64> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(sel.params.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.register_rows(&keys)
    }

    /// The row keys of every volunteer the register shows for `query`, in its order. The
    /// register pages through this list when filters are set (or a search is sorted by another
    /// column), so the sort runs once per change instead of once per page.
    pub fn register_keys(&self, query: &RegisterQuery) -> Result<Vec<i64>> {
        let sel = select(query, true);
        let (column, on_search) = query.sort.column();
        let key = if on_search { "s" } else { "v" };
        let dir = if query.descending { "DESC" } else { "ASC" };
        let alias = sel.alias;
        let sql = format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {key}.{column} {dir}, {alias}.number {dir}",
            sel.key_column,
            sel.from,
            sel.sql_where()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let keys = stmt
            .query_map(rusqlite::params_from_iter(sel.params.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    /// The rows of the given keys (from [`Store::register_keys`]), in that order; keys of rows
    /// removed since are skipped.
    pub fn register_rows(&self, keys: &[i64]) -> Result<Vec<VolunteerRow>> {
        let mut row = self.conn().prepare_cached(
            "SELECT v.id, v.number, v.name, v.gender, v.id_number, v.mobile,
                    v.political_status, coalesce(u.name, '') AS community, v.status,
                    coalesce(s.total_tenths, 0) AS total_tenths
             FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
             LEFT JOIN volunteer_search s ON s.volunteer_key = v.key
             WHERE v.key = ?1",
        )?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if let Some(r) = row.query_row([k], row_from_list).optional()? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Every volunteer the register shows for `query`, in its order, with the community's
    /// name and the counted hours (for the roster export). `f` returns false to stop.
    pub fn for_each_in_register(
        &self,
        query: &RegisterQuery,
        f: &mut dyn FnMut(
            &super::volunteers::Volunteer,
            &str,
            crate::domain::hours::Tenths,
        ) -> bool,
    ) -> Result<()> {
        let sel = select(query, true);
        let (column, on_search) = query.sort.column();
        let key = if on_search { "s" } else { "v" };
        let dir = if query.descending { "DESC" } else { "ASC" };
        let alias = sel.alias;
        let sql = format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {key}.{column} {dir}, {alias}.number {dir}",
            sel.key_column,
            sel.from,
            sel.sql_where()
        );
        let mut ids_stmt = self.conn().prepare(&sql)?;
        let mut ids = ids_stmt.query(rusqlite::params_from_iter(sel.params.iter()))?;
        let mut extra = self.conn().prepare_cached(
            "SELECT v.id, coalesce(u.name, ''), coalesce(s.total_tenths, 0)
             FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
             LEFT JOIN volunteer_search s ON s.volunteer_key = v.key WHERE v.key = ?1",
        )?;
        while let Some(row) = ids.next()? {
            let key: i64 = row.get(0)?;
            let (id, community, total): (String, String, i64) =
                extra.query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let v: super::volunteers::Volunteer = super::record::fetch(self.conn(), &id)?;
            if !f(&v, &community, crate::domain::hours::Tenths(total)) {
                break;
            }
        }
        Ok(())
    }

    /// The live teams offered in the register's 队伍 filter, by name.
    pub fn team_choices(&self) -> Result<Vec<super::volunteers::UnitChoice>> {
        self.choices("SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name, id")
    }
}
