//! The rules of a volunteer's register entry, checked field by field as the clerk types.

use chrono::NaiveDate;

use super::{dates, id_number, phone, text};

/// 证件类型
pub const ID_TYPES: [&str; 4] = ["居民身份证", "港澳台居民居住证", "护照", "其他"];
/// 政治面貌
pub const POLITICAL_STATUSES: [&str; 5] = ["中共党员", "中共预备党员", "共青团员", "群众", "其他"];
/// 志愿者类别 (several may apply).
pub const KINDS: [&str; 12] = [
    "党员志愿者",
    "退休",
    "居民",
    "机关干部",
    "教师",
    "医护",
    "学生",
    "退役军人",
    "巾帼",
    "青年",
    "专业技术人员",
    "其他",
];
/// 状态
pub const STATUSES: [&str; 3] = ["在册", "暂停", "退出"];

/// The form's fields, for placing a message beside the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// 姓名
    Name,
    /// 性别
    Gender,
    /// 证件号码
    IdNumber,
    /// 出生日期
    BirthDate,
    /// 手机
    Mobile,
    /// 注册日期
    RegisteredOn,
    /// 全国志愿服务信息系统编号
    NationalNumber,
    /// 同意日期
    ConsentDate,
}

/// How serious a finding is: errors block saving, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Must be fixed before saving.
    Error,
    /// Shown, but saving is allowed.
    Warning,
}

/// One finding about one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field.
    pub field: Field,
    /// Error or warning.
    pub severity: Severity,
    /// The Chinese message.
    pub message: String,
}

/// The form's text as typed (dates as text, so half-typed input is kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// 姓名
    pub name: String,
    /// 性别: 男 / 女 / empty
    pub gender: String,
    /// 证件类型
    pub id_type: String,
    /// 证件号码
    pub id_number: String,
    /// 出生日期 as typed
    pub birth_date: String,
    /// 手机
    pub mobile: String,
    /// 注册日期 as typed
    pub registered_on: String,
    /// 已在全国志愿服务信息系统注册
    pub national_registered: bool,
    /// 全国系统编号
    pub national_number: String,
    /// 个人信息使用同意
    pub consent: bool,
    /// 同意日期 as typed
    pub consent_date: String,
}

/// What an identity number tells, for filling birth date and gender in the form.
pub fn facts_from_id(draft: &Draft, today: NaiveDate) -> Option<id_number::IdInfo> {
    if !uses_gb11643(&draft.id_type) {
        return None;
    }
    id_number::parse(&draft.id_number, today).ok()
}

/// 居民身份证 and 港澳台居民居住证 numbers follow GB 11643 (the latter with address codes
/// 810000 / 820000 / 830000, 18 digits only).
fn uses_gb11643(id_type: &str) -> bool {
    id_type == ID_TYPES[0] || id_type == ID_TYPES[1]
}

/// Checks every rule; an empty list means the draft can be saved as it is.
pub fn check(draft: &Draft, today: NaiveDate) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut push = |field, severity, message: String| {
        out.push(Issue {
            field,
            severity,
            message,
        })
    };
    let name = draft.name.trim();
    if name.is_empty() {
        push(Field::Name, Severity::Error, "请填写姓名".into());
    } else if let Some(why) = text::unreadable(name) {
        push(Field::Name, Severity::Error, format!("姓名{why}"));
    } else if name.chars().count() > 30 {
        push(Field::Name, Severity::Error, "姓名不能超过30个字".into());
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        push(Field::Name, Severity::Error, "姓名中不能有数字".into());
    }

    let birth = match draft.birth_date.trim() {
        "" => None,
        typed => match dates::parse(typed) {
            Ok(d) if d > today => {
                push(
                    Field::BirthDate,
                    Severity::Error,
                    "出生日期不能晚于今天".into(),
                );
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                push(Field::BirthDate, Severity::Error, e.to_string());
                None
            }
        },
    };

    // The birth date the registration date must not precede: typed, or read from the number.
    let mut born = birth;
    let id = draft.id_number.trim();
    if id.is_empty() {
        push(Field::IdNumber, Severity::Error, "请填写证件号码".into());
    } else if let Some(why) = text::unreadable(id) {
        push(Field::IdNumber, Severity::Error, format!("证件号码{why}"));
    } else if uses_gb11643(&draft.id_type) {
        match id_number::parse(id, today) {
            Ok(info) if info.legacy_15 && draft.id_type == ID_TYPES[1] => push(
                Field::IdNumber,
                Severity::Error,
                "港澳台居民居住证号码应为18位".into(),
            ),
            Ok(info) => {
                born = born.or(Some(info.birth_date));
                if info.legacy_15 {
                    push(
                        Field::IdNumber,
                        Severity::Warning,
                        "这是15位旧身份证号码，请尽量换成18位号码".into(),
                    );
                }
                if let Some(b) = birth.filter(|b| *b != info.birth_date) {
                    push(
                        Field::BirthDate,
                        Severity::Error,
                        format!(
                            "出生日期{}与身份证号码中的{}不一致",
                            dates::iso(b),
                            dates::iso(info.birth_date)
                        ),
                    );
                }
                let g = draft.gender.trim();
                if !g.is_empty() && g != info.gender.label() {
                    push(
                        Field::Gender,
                        Severity::Error,
                        format!(
                            "性别与身份证号码不一致（号码显示为{}）",
                            info.gender.label()
                        ),
                    );
                }
            }
            Err(e) => push(Field::IdNumber, Severity::Error, e.to_string()),
        }
    } else if id.chars().count() < 5 || id.chars().count() > 30 {
        push(
            Field::IdNumber,
            Severity::Error,
            "证件号码应为5～30个字符".into(),
        );
    }

    let mobile = draft.mobile.trim();
    if !mobile.is_empty()
        && let Err(e) = phone::validate_mobile(mobile)
    {
        push(Field::Mobile, Severity::Error, e.to_string());
    }

    match dates::parse(&draft.registered_on) {
        Ok(d) if d > today => push(
            Field::RegisteredOn,
            Severity::Error,
            "注册日期不能晚于今天".into(),
        ),
        Ok(d) if born.is_some_and(|b| d < b) => push(
            Field::RegisteredOn,
            Severity::Error,
            "注册日期不能早于出生日期".into(),
        ),
        Ok(_) => {}
        Err(e) => push(Field::RegisteredOn, Severity::Error, e.to_string()),
    }

    if let Some(why) = text::unreadable(draft.national_number.trim()) {
        push(
            Field::NationalNumber,
            Severity::Error,
            format!("全国志愿服务信息系统编号{why}"),
        );
    } else if draft.national_number.chars().count() > 40 {
        push(
            Field::NationalNumber,
            Severity::Error,
            "全国志愿服务信息系统编号不能超过40个字符".into(),
        );
    }
    if draft.national_registered && draft.national_number.trim().is_empty() {
        push(
            Field::NationalNumber,
            Severity::Warning,
            "已勾选在全国志愿服务信息系统注册，建议填写其编号".into(),
        );
    }

    if draft.consent
        && let Err(e) = dates::parse(&draft.consent_date)
    {
        push(Field::ConsentDate, Severity::Error, e.to_string());
    }
    out
}

/// Checks the values the form offers as lists (a roster or a package can hold anything):
/// 性别, 证件类型, 政治面貌, 状态 and 志愿者类别 (separated by 、). Returns (field label, reason).
pub fn check_choices(
    gender: &str,
    id_type: &str,
    political: &str,
    status: &str,
    kinds: &str,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let outside = |value: &str, list: &[&str]| {
        format!(
            "“{}”不在可选项（{}）中",
            text::printable(value),
            list.join("、")
        )
    };
    if !matches!(gender, "" | "男" | "女") {
        out.push(("性别", outside(gender, &["男", "女"])));
    }
    if !ID_TYPES.contains(&id_type) {
        out.push(("证件类型", outside(id_type, &ID_TYPES)));
    }
    if !political.is_empty() && !POLITICAL_STATUSES.contains(&political) {
        out.push(("政治面貌", outside(political, &POLITICAL_STATUSES)));
    }
    if !STATUSES.contains(&status) {
        out.push(("状态", outside(status, &STATUSES)));
    }
    if let Some(k) = kinds
        .split('、')
        .filter(|k| !k.is_empty())
        .find(|k| !KINDS.contains(k))
    {
        out.push(("志愿者类别", outside(k, &KINDS)));
    }
    out
}

/// Whether the findings allow saving.
pub fn can_save(issues: &[Issue]) -> bool {
    issues.iter().all(|i| i.severity == Severity::Warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn good() -> Draft {
        Draft {
            name: "张玥".into(),
            gender: "女".into(),
            id_type: ID_TYPES[0].into(),
            id_number: "11010519491231002X".into(),
            birth_date: "1949-12-31".into(),
            mobile: "13800000001".into(),
            registered_on: "2026-03-05".into(),
            consent: true,
            consent_date: "2026年3月5日".into(),
            ..Default::default()
        }
    }

    fn fields(d: &Draft) -> Vec<(Field, Severity)> {
        check(d, today())
            .into_iter()
            .map(|i| (i.field, i.severity))
            .collect()
    }

    #[test]
    fn a_good_draft_has_no_findings() {
        assert!(check(&good(), today()).is_empty());
    }

    #[test]
    fn each_rule_reports_its_field() {
        let cases: Vec<(Draft, Field)> = vec![
            (
                Draft {
                    name: " ".into(),
                    ..good()
                },
                Field::Name,
            ),
            (
                Draft {
                    name: "张3".into(),
                    ..good()
                },
                Field::Name,
            ),
            (
                Draft {
                    id_number: "110105194912310021".into(),
                    ..good()
                },
                Field::IdNumber,
            ),
            (
                Draft {
                    id_number: String::new(),
                    ..good()
                },
                Field::IdNumber,
            ),
            (
                Draft {
                    gender: "男".into(),
                    ..good()
                },
                Field::Gender,
            ),
            (
                Draft {
                    birth_date: "1950-01-01".into(),
                    ..good()
                },
                Field::BirthDate,
            ),
            (
                Draft {
                    birth_date: "1949-13-01".into(),
                    ..good()
                },
                Field::BirthDate,
            ),
            (
                Draft {
                    mobile: "12345".into(),
                    ..good()
                },
                Field::Mobile,
            ),
            (
                Draft {
                    registered_on: "2027-01-01".into(),
                    ..good()
                },
                Field::RegisteredOn,
            ),
            (
                Draft {
                    registered_on: "昨天".into(),
                    ..good()
                },
                Field::RegisteredOn,
            ),
            (
                Draft {
                    consent_date: "".into(),
                    ..good()
                },
                Field::ConsentDate,
            ),
        ];
        for (draft, field) in cases {
            let found = fields(&draft);
            assert_eq!(found, vec![(field, Severity::Error)], "{draft:?}");
            assert!(!can_save(&check(&draft, today())));
        }
    }

    #[test]
    fn old_numbers_and_missing_national_number_only_warn() {
        let d = Draft {
            id_number: "120107850305123".into(),
            birth_date: String::new(),
            gender: "男".into(),
            national_registered: true,
            ..good()
        };
        let found = fields(&d);
        assert_eq!(
            found,
            vec![
                (Field::IdNumber, Severity::Warning),
                (Field::NationalNumber, Severity::Warning)
            ]
        );
        assert!(can_save(&check(&d, today())));
    }

    #[test]
    fn residence_permits_follow_the_same_rules() {
        let birth = NaiveDate::from_ymd_opt(1990, 3, 5).unwrap();
        let number = id_number::compose("830000", birth, 12);
        let d = Draft {
            id_type: ID_TYPES[1].into(),
            id_number: number.clone(),
            birth_date: "1990-03-05".into(),
            ..good()
        };
        assert!(check(&d, today()).is_empty(), "{number}");
        let mut broken = number.into_bytes();
        broken[17] = if broken[17] == b'0' { b'1' } else { b'0' };
        let d = Draft {
            id_number: String::from_utf8(broken).unwrap(),
            ..d
        };
        assert_eq!(fields(&d), vec![(Field::IdNumber, Severity::Error)]);
        let d = Draft {
            id_number: "830000900305121".into(),
            birth_date: String::new(),
            ..d
        };
        assert_eq!(fields(&d), vec![(Field::IdNumber, Severity::Error)]);
    }

    #[test]
    fn other_document_types_skip_the_checksum() {
        let d = Draft {
            id_type: "护照".into(),
            id_number: "E12345678".into(),
            ..good()
        };
        assert!(check(&d, today()).is_empty());
        assert!(facts_from_id(&d, today()).is_none());
        assert_eq!(
            facts_from_id(&good(), today()).map(|i| i.birth_date),
            NaiveDate::from_ymd_opt(1949, 12, 31)
        );
    }
}
