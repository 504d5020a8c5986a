//! Records about volunteers beyond their service: trainings and attendance, honors (先进典型),
//! complaints (被投诉) and issued certificates (志愿服务记录证明).

use chrono::NaiveDate;

use super::record::record;
use crate::domain::hours::Tenths;

record! {
    /// A training session (培训).
    pub struct Training => Trainings("trainings"), "培训" {
        /// 日期
        pub date: NaiveDate = "date",
        /// 主题
        pub topic: String = "topic",
        /// 地点
        pub location: String = "location",
        /// 组织单位
        pub organizer_id: Option<String> = "organizer_id",
        /// 授课人
        pub trainer: String = "trainer",
        /// 学时
        pub hours: Tenths = "hours_tenths",
        /// 内容
        pub content: String = "content",
        /// 参加的工作人员 (not in the register), joined by `、` (schema version 8).
        pub staff: String = "staff",
    }
}

record! {
    /// A volunteer who attended a training.
    pub struct TrainingAttendance => TrainingAttendance("training_attendance"), "培训签到" {
        /// The training.
        pub training_id: String = "training_id",
        /// The volunteer.
        pub volunteer_id: String = "volunteer_id",
    }
}

record! {
    /// An honor (表彰奖励 / 先进典型) given to a volunteer or a team.
    pub struct Honor => Honors("honors"), "表彰" {
        /// The volunteer honored, if a person.
        pub volunteer_id: Option<String> = "volunteer_id",
        /// The team honored, if a team.
        pub team_id: Option<String> = "team_id",
        /// 称号
        pub title: String = "title",
        /// 级别: 国家级 / 市级 / 区级 / 街道级
        pub level: String = "level",
        /// 表彰日期
        pub awarded_on: NaiveDate = "awarded_on",
        /// 授予单位
        pub issuer: String = "issuer",
        /// 事迹简介
        pub description: String = "description",
    }
}

record! {
    /// A complaint about a volunteer (被投诉记录).
    pub struct Complaint => Complaints("complaints"), "投诉记录" {
        /// The volunteer.
        pub volunteer_id: String = "volunteer_id",
        /// 收到日期
        pub received_on: NaiveDate = "received_on",
        /// 投诉内容
        pub content: String = "content",
        /// 处理结果
        pub outcome: String = "outcome",
    }
}

record! {
    /// An issued 志愿服务记录证明, numbered and registered.
    pub struct Certificate => Certificates("certificates"), "志愿服务记录证明" {
        /// 证明编号
        pub serial: String = "serial",
        /// The volunteer.
        pub volunteer_id: String = "volunteer_id",
        /// 服务起始日期
        pub period_from: NaiveDate = "period_from",
        /// 服务截止日期
        pub period_to: NaiveDate = "period_to",
        /// 服务时长
        pub hours: Tenths = "hours_tenths",
        /// 服务内容
        pub content: String = "content",
        /// 出具单位
        pub issuer_id: Option<String> = "issuer_id",
        /// 出具日期
        pub issued_on: NaiveDate = "issued_on",
        /// 经办人
        pub handler: String = "handler",
        /// 备注
        pub remark: String = "remark",
        /// 负责人
        pub leader: String = "leader",
    }
}
