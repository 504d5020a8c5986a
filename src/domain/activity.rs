//! Rules for activities and their hours: the duration from the start and end times, the checks
//! on each person's hours, and the district notice's rules (学雷锋志愿服务日 on the second
//! Saturday and at least 1.5 hours; 关爱系列 and 精准扶贫、乡村振兴 keep their materials).

use chrono::{NaiveDate, NaiveTime};

use super::calendar::second_saturday;
use super::hours::Tenths;

/// 状态 of an activity.
pub const ACTIVITY_STATUSES: [&str; 3] = [PLANNED, HELD, CANCELLED];

/// 已取消: an activity that did not take place. It never counts.
pub const CANCELLED: &str = "已取消";

/// 计划中: an activity still to happen. It never counts.
pub const PLANNED: &str = "计划中";

/// 已完成: the status of a held activity, the only one that counts.
pub const HELD: &str = "已完成";

/// What the activity list's status filter also offers: held activities not yet entered into a
/// platform (已录入平台 is kept apart from the status).
pub const NOT_ENTERED: &str = "未录入平台";

/// The activity list's status filter: the statuses, then [`NOT_ENTERED`].
pub const LIST_STATUSES: [&str; 4] = [PLANNED, HELD, CANCELLED, NOT_ENTERED];

/// Whether an activity counts — in every figure, the register's hours, star levels and
/// certificates: held (已完成) and not deleted. Planned and cancelled ones never count. The
/// schema says the same once, as the generated column `activities.counted` (schema v15), which
/// every query reads; a test keeps the two equal.
pub fn counts(status: &str, deleted: bool) -> bool {
    !deleted && status == HELD
}

/// Working days (Monday to Friday) after `from` up to and including `to`; 0 when `to` is not
/// later. Public holidays are not known here and count as working days.
pub fn working_days_after(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = match d.succ_opt() {
            Some(next) => next,
            None => break,
        };
        if d.weekday().num_days_from_monday() < 5 {
            n += 1;
        }
    }
    n
}

/// 《志愿服务记录与证明出具办法（试行）》第十一条: service is recorded within 10 working days.
pub const RECORD_WITHIN_WORKING_DAYS: i64 = 10;

/// 服务对象 offered in the form (several may apply).
pub const BENEFICIARIES: [&str; 12] = [
    "空巢老人",
    "留守儿童",
    "困境儿童",
    "困难群体",
    "残疾人",
    "贫困户",
    "军人军属",
    "劳动者",
    "居民",
    "游客",
    "学生",
    "其他",
];

/// The regular kind whose date and length the notice fixes.
pub const LEI_FENG_DAY: &str = "学雷锋志愿服务日";

/// The shortest 学雷锋志愿服务日 the notice accepts, in tenths of an hour.
pub const LEI_FENG_MIN: Tenths = Tenths(15);

/// The categories whose records the notice asks to keep material for (留存资料).
pub const KEEP_MATERIALS: [&str; 2] = ["关爱系列", "精准扶贫、乡村振兴"];

/// A time typed as `8:30`, `08:30` or `0830`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('：', ":");
    if let Some((h, m)) = t.split_once(':') {
        return NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0);
    }
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveTime::from_hms_opt(t[..2].parse().ok()?, t[2..].parse().ok()?, 0);
    }
    None
}

/// The activity's length from its start and end times, rounded to a tenth of an hour; `None`
/// when a time is missing or the end is not after the start.
pub fn duration(start: &str, end: &str) -> Option<Tenths> {
    let (s, e) = (parse_time(start)?, parse_time(end)?);
    let minutes = (e - s).num_minutes();
    (minutes > 0).then(|| Tenths((minutes * 10 + 30) / 60))
}

/// The rules of an activity's own fields, as (field, message), for the form and for an
/// exchange package alike: a name that can be read, a real date (a held activity not after
/// today), a status of the list, times of day.
pub fn check(
    title: &str,
    date: &str,
    status: &str,
    times: (&str, &str),
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if title.trim().is_empty() {
        out.push(("活动名称", "请填写活动名称".to_string()));
    } else if let Some(why) = super::text::unreadable(title.trim()) {
        out.push(("活动名称", why));
    }
    match super::dates::parse(date) {
        Ok(d) if d > today && status == HELD => {
            out.push(("日期", "已完成的活动日期不能晚于今天".into()))
        }
        Ok(_) => {}
        Err(e) => out.push(("日期", e.to_string())),
    }
    if !ACTIVITY_STATUSES.contains(&status) {
        out.push((
            "状态",
            format!(
                "“{}”不在可选项（{}）中",
                super::text::printable(status),
                ACTIVITY_STATUSES.join("、")
            ),
        ));
    }
    for (label, t) in [("开始时间", times.0), ("结束时间", times.1)] {
        if !t.trim().is_empty() && parse_time(t).is_none() {
            out.push((
                label,
                format!("“{}”不是有效的时间（如 09:00）", super::text::printable(t)),
            ));
        }
    }
    out
}

/// Hours typed for one person: a number with at most one decimal, from 0 to 24.
pub fn parse_hours(text: &str) -> Result<Tenths, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("请填写服务时长".into());
    }
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(frac.is_empty() || (frac.len() == 1 && digits(frac))) {
        return Err(format!("服务时长“{t}”应为数字，最多一位小数（如 2.5）"));
    }
    let w: i64 = whole.parse().map_err(|_| format!("服务时长“{t}”太大"))?;
    let f: i64 = frac.parse().unwrap_or(0);
    let tenths = Tenths(w.saturating_mul(10).saturating_add(f));
    if tenths.0 > 240 {
        return Err("一次活动的服务时长不能超过24小时".into());
    }
    Ok(tenths)
}

/// Warnings on one person's hours (saving is still allowed): zero, or more than the activity
/// lasted.
pub fn hours_warnings(hours: Tenths, duration: Option<Tenths>) -> Vec<String> {
    let mut out = Vec::new();
    if hours.0 == 0 {
        out.push("服务时长为0".to_string());
    }
    if let Some(d) = duration.filter(|d| hours > *d) {
        out.push(format!("服务时长 {hours} 小时超过活动时长 {d} 小时"));
    }
    out
}

/// The notice's warnings on an activity: a 学雷锋志愿服务日 not on the month's second Saturday
/// or shorter than 1.5 hours; a 关爱系列 or 精准扶贫、乡村振兴 activity with no materials kept.
pub fn notice_warnings(
    category: &str,
    date: NaiveDate,
    duration: Option<Tenths>,
    attachments: usize,
) -> Vec<String> {
    use chrono::Datelike;
    let mut out = Vec::new();
    if category == LEI_FENG_DAY {
        if let Some(s) = second_saturday(date.year(), date.month()).filter(|s| *s != date) {
            out.push(format!(
                "学雷锋志愿服务日应在每月第二个星期六（本月为{}月{}日）",
                s.month(),
                s.day()
            ));
        }
        match duration {
            Some(d) if d < LEI_FENG_MIN => out.push(format!(
                "学雷锋志愿服务日活动时长应不少于1.5小时（现为 {d} 小时）"
            )),
            None => {
                out.push("请填写开始和结束时间，学雷锋志愿服务日活动时长应不少于1.5小时".into())
            }
            Some(_) => {}
        }
    }
    if KEEP_MATERIALS.contains(&category) && attachments == 0 {
        out.push(format!(
            "“{category}”活动应留存资料（照片、签到表等），目前没有附件"
        ));
    }
    out
}

/// Whether two activities on the same day overlap in time (a volunteer in both is warned).
pub fn overlaps(a: (&str, &str), b: (&str, &str)) -> bool {
    match (
        parse_time(a.0),
        parse_time(a.1),
        parse_time(b.0),
        parse_time(b.1),
    ) {
        (Some(s1), Some(e1), Some(s2), Some(e2)) => s1 < e2 && s2 < e1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn duration_from_times() {
        assert_eq!(duration("8:30", "11:00"), Some(Tenths(25)));
        assert_eq!(duration("0900", "09:20"), Some(Tenths(3)));
        assert_eq!(duration("09：00", "10：00"), Some(Tenths(10)));
        assert_eq!(duration("10:00", "09:00"), None);
        assert_eq!(duration("10:00", "10:00"), None);
        assert_eq!(duration("", "10:00"), None);
        assert_eq!(duration("25:00", "26:00"), None);
    }

    #[test]
    fn hours_are_numbers_with_one_decimal_up_to_24() {
        assert_eq!(parse_hours("2.5"), Ok(Tenths(25)));
        assert_eq!(parse_hours(" 3 "), Ok(Tenths(30)));
        assert_eq!(parse_hours("0"), Ok(Tenths(0)));
        assert_eq!(parse_hours("24"), Ok(Tenths(240)));
        assert!(parse_hours("24.1").unwrap_err().contains("24小时"));
        assert!(parse_hours("2.55").unwrap_err().contains("一位小数"));
        assert!(parse_hours("两小时").unwrap_err().contains("应为数字"));
        assert!(parse_hours("-1").is_err());
        assert!(parse_hours("").is_err());
        assert!(parse_hours("99999999999999999999").is_err());
    }

    #[test]
    fn hour_warnings() {
        assert_eq!(hours_warnings(Tenths(0), None), ["服务时长为0"]);
        assert_eq!(
            hours_warnings(Tenths(30), Some(Tenths(25))),
            ["服务时长 3.0 小时超过活动时长 2.5 小时"]
        );
        assert!(hours_warnings(Tenths(25), Some(Tenths(25))).is_empty());
    }

    #[test]
    fn lei_feng_day_on_the_second_saturday_for_at_least_one_and_a_half_hours() {
        // 2026-03-14 is March's second Saturday.
        assert!(notice_warnings(LEI_FENG_DAY, d(2026, 3, 14), Some(Tenths(15)), 0).is_empty());
        let w = notice_warnings(LEI_FENG_DAY, d(2026, 3, 7), Some(Tenths(20)), 0);
        assert_eq!(w, ["学雷锋志愿服务日应在每月第二个星期六（本月为3月14日）"]);
        let w = notice_warnings(LEI_FENG_DAY, d(2026, 3, 14), Some(Tenths(14)), 0);
        assert_eq!(
            w,
            ["学雷锋志愿服务日活动时长应不少于1.5小时（现为 1.4 小时）"]
        );
        assert_eq!(
            notice_warnings(LEI_FENG_DAY, d(2026, 3, 14), None, 0).len(),
            1
        );
        assert!(notice_warnings("文明交通", d(2026, 3, 7), Some(Tenths(5)), 0).is_empty());
    }

    #[test]
    fn care_and_rural_activities_keep_materials() {
        let w = notice_warnings("关爱系列", d(2026, 3, 7), Some(Tenths(20)), 0);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("留存资料"));
        assert!(notice_warnings("关爱系列", d(2026, 3, 7), Some(Tenths(20)), 2).is_empty());
        assert_eq!(
            notice_warnings("精准扶贫、乡村振兴", d(2026, 3, 7), None, 0).len(),
            1
        );
    }

    #[test]
    fn overlapping_times() {
        assert!(overlaps(("9:00", "11:00"), ("10:30", "12:00")));
        assert!(!overlaps(("9:00", "11:00"), ("11:00", "12:00")));
        assert!(!overlaps(("9:00", "11:00"), ("", "")));
    }
}
