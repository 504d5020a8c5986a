//! What the 台账 of a period lists: the held activities of a scope (the one definition of
//! held: `activity_facts.counted`), with their participants, hours and materials counted.

use chrono::NaiveDate;
use rusqlite::ToSql;

use super::report::Scope;
use super::{Result, Store};
use crate::domain::hours::Tenths;
use crate::domain::period::Period;

/// A held activity as the 台账's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// Key.
    pub id: String,
    /// 日期
    pub date: NaiveDate,
    /// 活动名称
    pub title: String,
    /// 类别
    pub category: String,
    /// 地点
    pub location: String,
    /// 参与人数
    pub participants: i64,
    /// 服务时长
    pub hours: Tenths,
    /// 留存资料 份数
    pub materials: i64,
}

impl Store {
    /// The held activities of `period` in `scope`, by date and start time.
    pub fn ledger_activities(&self, period: &Period, scope: &Scope) -> Result<Vec<LedgerRow>> {
        let key = scope.key().map(str::to_owned);
        let params: Vec<&dyn ToSql> = match &key {
            None => vec![&period.from, &period.to],
            Some(k) => vec![&period.from, &period.to, k],
        };
        let sql = format!(
            "SELECT a.id, a.date, a.title, a.category, a.location, f.participations,
                    f.hours_tenths,
                    (SELECT count(*) FROM attachments x WHERE x.owner_kind = 'activities'
                       AND x.owner_id = a.id AND x.deleted_at IS NULL)
             FROM activity_facts f JOIN activities a ON a.key = f.activity_key
             WHERE f.date BETWEEN ?1 AND ?2 AND f.counted{}
             ORDER BY a.date, a.start_time, a.title, a.id",
            scope.activities_sql()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok(LedgerRow {
                id: r.get(0)?,
                date: r.get(1)?,
                title: r.get(2)?,
                category: r.get(3)?,
                location: r.get(4)?,
                participants: r.get(5)?,
                hours: Tenths(r.get(6)?),
                materials: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
