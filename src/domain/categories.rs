//! The fourteen professional service categories of the notice and the regular activity kinds.

/// One professional category (专业志愿服务) and its responsible units (责任单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// 1–14, the notice's numbering.
    pub number: u8,
    /// Name as the notice writes it.
    pub name: &'static str,
    /// Responsible units.
    pub responsible: &'static [&'static str],
}

/// The fourteen categories, in the notice's order.
pub const CATEGORIES: [Category; 14] = [
    Category {
        number: 1,
        name: "文明交通",
        responsible: &["区公安局"],
    },
    Category {
        number: 2,
        name: "文明旅游",
        responsible: &["区文旅局"],
    },
    Category {
        number: 3,
        name: "文明祭扫",
        responsible: &["区民政局", "各开发区", "各街镇"],
    },
    Category {
        number: 4,
        name: "文明网络",
        responsible: &["区委网信办"],
    },
    Category {
        number: 5,
        name: "生态环保",
        responsible: &["区生态环境局", "区城管委"],
    },
    Category {
        number: 6,
        name: "文化",
        responsible: &["区文旅局"],
    },
    Category {
        number: 7,
        name: "应急减灾",
        responsible: &["区应急管理局"],
    },
    Category {
        number: 8,
        name: "法律援助",
        responsible: &["区司法局"],
    },
    Category {
        number: 9,
        name: "医疗卫生",
        responsible: &["区卫健委"],
    },
    Category {
        number: 10,
        name: "助学辅导",
        responsible: &["区教体局", "各开发区", "各街镇"],
    },
    Category {
        number: 11,
        name: "科普宣传",
        responsible: &["区科协"],
    },
    Category {
        number: 12,
        name: "关爱系列",
        responsible: &["区民政局", "区妇联", "区残联", "各开发区", "各街镇"],
    },
    Category {
        number: 13,
        name: "精准扶贫、乡村振兴",
        responsible: &["区农业农村委", "涉农街镇"],
    },
    Category {
        number: 14,
        name: "其他专业",
        responsible: &[
            "区委政法委（区综治办）",
            "区退役军人事务管理局",
            "团区委",
            "区妇联",
        ],
    },
];

/// The district's own office and contact points, as the notice gives them.
pub mod district {
    /// 区文明办
    pub const OFFICE: &str = "区文明办";
    /// Its contact person.
    pub const CONTACT: &str = "叶圣杰";
    /// Its telephone and fax.
    pub const PHONE_FAX: &str = "022-65813509";
    /// 政务邮箱 (half-year and annual summaries).
    pub const GOV_MAIL: &str = "xcbwcnrhzyfws@tjbh.gov.cn";
    /// 文明网信息报送邮箱 (information reports).
    pub const REPORT_MAIL: &str = "bhxqwmw@tjbh.gov.cn";

    /// The address of a 信息报送 channel, where the notice gives one.
    pub fn channel_address(channel: &str) -> Option<&'static str> {
        match channel {
            "政务邮箱" => Some(GOV_MAIL),
            "文明网信息报送邮箱" => Some(REPORT_MAIL),
            _ => None,
        }
    }
}

/// The regular (常态化) activity kinds.
pub const REGULAR_KINDS: [&str; 5] = [
    "学雷锋志愿服务日",
    "文明劝导",
    "邻里守望",
    "机关干部志愿服务",
    "文明单位志愿服务",
];

/// The categories a team can have: 综合, or one of the fourteen of the notice.
pub fn team_categories() -> &'static [&'static str] {
    static LIST: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        std::iter::once("综合")
            .chain(CATEGORIES.iter().map(|c| c.name))
            .collect()
    });
    &LIST
}

/// Every activity category a record may carry: the fourteen, the regular kinds, and 其他.
pub fn all_activity_categories() -> Vec<&'static str> {
    CATEGORIES
        .iter()
        .map(|c| c.name)
        .chain(REGULAR_KINDS)
        .chain(std::iter::once("其他"))
        .collect()
}

/// The distinct district-level responsible units named by the notice, in first-mention order.
pub fn district_units() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in &CATEGORIES {
        for u in c.responsible {
            if (u.starts_with('区') || u.starts_with('团')) && !out.contains(u) {
                out.push(u);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_numbered_in_order() {
        for (i, c) in CATEGORIES.iter().enumerate() {
            assert_eq!(c.number as usize, i + 1);
        }
        assert_eq!(all_activity_categories().len(), 20);
        let units = district_units();
        assert!(units.contains(&"区公安局") && units.contains(&"团区委"));
        assert!(!units.contains(&"各街镇"));
    }
}
