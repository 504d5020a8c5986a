//! The platforms' batch-entry templates (志愿滨海, 全国志愿服务信息系统): the ledger fields a
//! template's column can hold, found by the column's header (the clerk corrects what was not
//! found, or marks a column 留空 or a fixed value), and the built-in template in the order of
//! 《志愿服务记录与证明出具办法（试行）》 §5 (who) and §7 (what was done, when, how long).

use serde::{Deserialize, Serialize};

/// A ledger field a platform column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlatformField {
    /// 姓名
    Name,
    /// 证件类型
    IdType,
    /// 证件号码
    IdNumber,
    /// 性别
    Gender,
    /// 手机
    Mobile,
    /// 出生日期
    BirthDate,
    /// 政治面貌
    Political,
    /// 志愿者编号
    Number,
    /// 服务类别
    Category,
    /// 活动名称
    Activity,
    /// 活动日期
    Date,
    /// 开始时间
    Start,
    /// 结束时间
    End,
    /// 服务时长（小时）
    Hours,
    /// 活动地点
    Location,
    /// 组织单位
    Organizer,
    /// 负责人
    Leader,
    /// 服务内容
    Content,
}

/// Every field, its name, and the other headers that mean it (as platforms word them).
pub const PLATFORM_FIELDS: [(PlatformField, &str, &[&str]); 18] = [
    (PlatformField::Name, "姓名", &["志愿者姓名", "名字"]),
    (PlatformField::IdType, "证件类型", &["身份证件类型"]),
    (
        PlatformField::IdNumber,
        "证件号码",
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "证件号",
            "身份证件号码",
        ],
    ),
    (PlatformField::Gender, "性别", &[]),
    (
        PlatformField::Mobile,
        "手机",
        &["手机号", "手机号码", "联系电话", "联系方式", "电话"],
    ),
    (PlatformField::BirthDate, "出生日期", &["出生年月", "生日"]),
    (PlatformField::Political, "政治面貌", &[]),
    (PlatformField::Number, "志愿者编号", &["编号"]),
    (
        PlatformField::Category,
        "服务类别",
        &["服务类型", "活动类别", "活动类型", "服务领域", "类别"],
    ),
    (
        PlatformField::Activity,
        "活动名称",
        &["项目名称", "服务项目", "服务活动名称"],
    ),
    (
        PlatformField::Date,
        "活动日期",
        &["服务日期", "日期", "参加日期", "服务时间"],
    ),
    (
        PlatformField::Start,
        "开始时间",
        &["起始时间", "服务开始时间", "签到时间"],
    ),
    (
        PlatformField::End,
        "结束时间",
        &["截止时间", "服务结束时间", "签退时间"],
    ),
    (
        PlatformField::Hours,
        "服务时长（小时）",
        &[
            "服务时长",
            "时长",
            "志愿服务时长",
            "服务时数",
            "时长（小时）",
            "补录时长",
        ],
    ),
    (
        PlatformField::Location,
        "活动地点",
        &["服务地点", "地点", "活动地址"],
    ),
    (
        PlatformField::Organizer,
        "组织单位",
        &["主办单位", "组织名称", "发布组织", "所属组织"],
    ),
    (PlatformField::Leader, "负责人", &["活动负责人", "联系人"]),
    (
        PlatformField::Content,
        "服务内容",
        &["活动内容", "活动简介", "服务描述"],
    ),
];

impl PlatformField {
    /// The field's Chinese name.
    pub fn label(self) -> &'static str {
        PLATFORM_FIELDS
            .iter()
            .find(|f| f.0 == self)
            .map_or("", |f| f.1)
    }

    /// The field a header names, if any: spaces, asterisks and colons ignored, and a
    /// bracketed note (（必填）, (yyyy-mm-dd)) when the whole does not match.
    pub fn from_header(header: &str) -> Option<PlatformField> {
        let h: String = header
            .chars()
            .filter(|c| !c.is_whitespace() && !"*＊:：".contains(*c))
            .collect::<String>()
            .replace('(', "（")
            .replace(')', "）");
        if h.is_empty() {
            return None;
        }
        let bare = h.split('（').next().unwrap_or(&h).to_string();
        let find = |text: &str| {
            PLATFORM_FIELDS
                .iter()
                .find(|(_, name, others)| *name == text || others.contains(&text))
                .map(|f| f.0)
        };
        find(&h).or_else(|| find(&bare))
    }

    /// Whether the field is about the person (the rest are about the activity).
    pub fn personal(self) -> bool {
        matches!(
            self,
            PlatformField::Name
                | PlatformField::IdType
                | PlatformField::IdNumber
                | PlatformField::Gender
                | PlatformField::Mobile
                | PlatformField::BirthDate
                | PlatformField::Political
                | PlatformField::Number
        )
    }
}

/// What one column of a template holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    /// A ledger field.
    Field(PlatformField),
    /// The same text on every row (证件类型 = 居民身份证).
    Fixed(String),
    /// Left empty (留空).
    Blank,
}

impl Column {
    /// How the column's content reads: the field's name, 固定：text, or 留空.
    pub fn text(&self) -> String {
        match self {
            Column::Field(f) => f.label().to_string(),
            Column::Fixed(t) => format!("固定：{t}"),
            Column::Blank => "留空".to_string(),
        }
    }
}

/// A template: its columns in order, each under its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// The name it is saved under.
    pub name: String,
    /// The headers, as the file has them.
    pub headers: Vec<String>,
    /// What each column holds.
    pub columns: Vec<Column>,
}

/// The name of the built-in template.
pub const BUILTIN: &str = "内置（志愿服务记录办法）";

impl Template {
    /// The columns a header row maps to: each field at most once (the first column wins); a
    /// header naming no field is left empty for the clerk to decide.
    pub fn from_headers(name: &str, headers: &[String]) -> Template {
        let mut used = Vec::new();
        let columns = headers
            .iter()
            .map(
                |h| match PlatformField::from_header(h).filter(|f| !used.contains(f)) {
                    Some(f) => {
                        used.push(f);
                        Column::Field(f)
                    }
                    None => Column::Blank,
                },
            )
            .collect();
        Template {
            name: name.to_string(),
            headers: headers.to_vec(),
            columns,
        }
    }

    /// The built-in template: who (§5), then what was done, where, when and how long (§7).
    pub fn builtin() -> Template {
        use PlatformField::*;
        let fields = [
            Name, IdType, IdNumber, Gender, Number, Activity, Category, Date, Start, End, Hours,
            Location, Organizer, Leader, Content,
        ];
        Template {
            name: BUILTIN.into(),
            headers: fields.iter().map(|f| f.label().to_string()).collect(),
            columns: fields.iter().map(|f| Column::Field(*f)).collect(),
        }
    }

    /// Whether a column holds whole personal numbers (证件号码, 手机).
    pub fn has_numbers(&self) -> bool {
        self.columns.iter().any(|c| {
            matches!(
                c,
                Column::Field(PlatformField::IdNumber) | Column::Field(PlatformField::Mobile)
            )
        })
    }

    /// Headers of the columns no field was found for (and not marked 留空 or fixed on
    /// purpose): the clerk is asked about them.
    pub fn unmatched(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(h, c)| matches!(c, Column::Blank) && !h.trim().is_empty())
            .map(|(h, _)| h.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_whatever_the_platform_calls_them() {
        let headers: Vec<String> = [
            "序号",
            "*姓名",
            "身份证号码（必填）",
            "服务日期(yyyy-mm-dd)",
            "时长（小时）",
            "项目名称",
            "备注",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = Template::from_headers("志愿滨海", &headers);
        assert_eq!(
            t.columns,
            vec![
                Column::Blank,
                Column::Field(PlatformField::Name),
                Column::Field(PlatformField::IdNumber),
                Column::Field(PlatformField::Date),
                Column::Field(PlatformField::Hours),
                Column::Field(PlatformField::Activity),
                Column::Blank,
            ]
        );
        assert_eq!(t.unmatched(), vec!["序号", "备注"]);
        assert!(t.has_numbers());
    }

    #[test]
    fn the_builtin_template_follows_the_measures() {
        let t = Template::builtin();
        assert_eq!(t.headers[0], "姓名");
        assert_eq!(t.headers[2], "证件号码");
        assert!(t.unmatched().is_empty());
    }
}
