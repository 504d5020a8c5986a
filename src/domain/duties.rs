//! The unit's own duties under the notice: which categories and regular activities this unit
//! must hold, judged (marked red, listed in 待办, named in 存在的问题) — the others are shown
//! without judging. The notice gives each of the fourteen categories to responsible units: a
//! street (街镇) is named for 文明祭扫, 助学辅导 and 关爱系列, a farming street also for 精准扶贫、
//! 乡村振兴, and every street leads the regular work; a district department (区级部门) answers for
//! the categories it is responsible for, which the clerk ticks.

use super::activity::LEI_FENG_DAY;

/// What kind of unit this is (设置 → 本单位类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitKind {
    /// 街镇
    #[default]
    Street,
    /// 涉农街镇
    FarmingStreet,
    /// 区级部门 (委办局)
    DistrictDepartment,
    /// 村居（社区）
    Community,
}

impl UnitKind {
    /// Every kind, in the order 设置 lists them.
    pub const ALL: [UnitKind; 4] = [
        UnitKind::Street,
        UnitKind::FarmingStreet,
        UnitKind::DistrictDepartment,
        UnitKind::Community,
    ];

    /// The word 设置 shows and the setting stores.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Street => "街镇",
            UnitKind::FarmingStreet => "涉农街镇",
            UnitKind::DistrictDepartment => "区级部门",
            UnitKind::Community => "村居（社区）",
        }
    }

    /// The kind a stored word names (unknown words: 街镇).
    pub fn parse(word: &str) -> UnitKind {
        UnitKind::ALL
            .into_iter()
            .find(|k| k.label() == word.trim())
            .unwrap_or_default()
    }

    /// The duties the notice gives this kind of unit.
    pub fn default_duties(self) -> Vec<&'static str> {
        let regular = [LEI_FENG_DAY, "文明劝导", "邻里守望", "机关干部志愿服务"];
        let street = ["文明祭扫", "助学辅导", "关爱系列"];
        match self {
            UnitKind::Street => street.into_iter().chain(regular).collect(),
            UnitKind::FarmingStreet => street
                .into_iter()
                .chain(["精准扶贫、乡村振兴"])
                .chain(regular)
                .collect(),
            // The categories it answers for are ticked by the clerk; every unit holds the
            // monthly 学雷锋志愿服务日.
            UnitKind::DistrictDepartment => vec![LEI_FENG_DAY],
            UnitKind::Community => vec![LEI_FENG_DAY, "文明劝导", "邻里守望"],
        }
    }
}

/// The duties as kept in the settings: the names, joined by `；` (a name may hold `、`).
pub fn parse(stored: &str) -> Vec<String> {
    stored
        .split('；')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The duties as the settings keep them.
pub fn join(duties: &[String]) -> String {
    duties.join("；")
}

/// What can be a duty: the fourteen categories and the regular kinds, in the notice's order.
pub fn choices() -> Vec<&'static str> {
    super::categories::CATEGORIES
        .iter()
        .map(|c| c.name)
        .chain(super::categories::REGULAR_KINDS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_gives_a_street_three_categories_and_the_regular_work() {
        let d = UnitKind::Street.default_duties();
        assert!(d.contains(&"文明祭扫") && d.contains(&"助学辅导") && d.contains(&"关爱系列"));
        assert!(d.contains(&"学雷锋志愿服务日") && d.contains(&"邻里守望"));
        assert!(!d.contains(&"文明交通") && !d.contains(&"精准扶贫、乡村振兴"));
        assert!(
            UnitKind::FarmingStreet
                .default_duties()
                .contains(&"精准扶贫、乡村振兴")
        );
        assert_eq!(UnitKind::parse("涉农街镇"), UnitKind::FarmingStreet);
        assert_eq!(UnitKind::parse("别的"), UnitKind::Street);
        let stored = join(&["文明交通".to_string(), "精准扶贫、乡村振兴".to_string()]);
        assert_eq!(parse(&stored), ["文明交通", "精准扶贫、乡村振兴"]);
        assert_eq!(choices().len(), 19);
    }
}
