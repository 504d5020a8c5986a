//! Planning and paperwork records: information reports (信息报送), the needs register
//! (邻里守望需求), attachments (留存资料), custom key dates, summary narratives and
//! document submissions.

use chrono::NaiveDate;

use super::record::record;

record! {
    /// An information report sent upward (信息报送).
    pub struct InfoReport => InfoReports("info_reports"), "信息报送" {
        /// 标题
        pub title: String = "title",
        /// 报送日期
        pub sent_on: NaiveDate = "sent_on",
        /// 报送对象
        pub sent_to: String = "sent_to",
        /// 相关活动
        pub activity_id: Option<String> = "activity_id",
        /// 是否采用
        pub adopted: bool = "adopted",
        /// 采用单位/媒体
        pub adopted_by: String = "adopted_by",
    }
}

record! {
    /// An entry of the needs register (邻里守望需求登记).
    pub struct Need => Needs("needs"), "邻里守望需求" {
        /// 所在村居
        pub community_id: Option<String> = "community_id",
        /// 需求类别: 孤寡老人 / 困难群体 / 文明卫生 / 法律援助 / 生活帮助
        pub kind: String = "kind",
        /// 对象姓名
        pub person: String = "person",
        /// 地址
        pub address: String = "address",
        /// 联系电话
        pub phone: String = "phone",
        /// 需求描述
        pub description: String = "description",
        /// 状态: 待对接 / 已对接 / 已解决
        pub status: String = "status",
        /// 对接队伍
        pub team_id: Option<String> = "team_id",
        /// 登记日期
        pub recorded_on: NaiveDate = "recorded_on",
    }
}

record! {
    /// A file kept with a record (留存资料), stored by content hash.
    pub struct Attachment => Attachments("attachments"), "附件" {
        /// Kind of the owning record (table name).
        pub owner_kind: String = "owner_kind",
        /// Key of the owning record.
        pub owner_id: String = "owner_id",
        /// 原文件名
        pub file_name: String = "file_name",
        /// SHA-256 of the content, the stored file name.
        pub content_hash: String = "content_hash",
        /// MIME type.
        pub mime: String = "mime",
        /// Size in bytes.
        pub size_bytes: i64 = "size_bytes",
    }
}

record! {
    /// A key date the user added (once, or yearly when `year` is empty).
    pub struct CustomKeyDate => CustomKeyDates("custom_key_dates"), "自定义节点" {
        /// 名称
        pub name: String = "name",
        /// 月
        pub month: i64 = "month",
        /// 日
        pub day: i64 = "day",
        /// 年 (only once), or yearly.
        pub year: Option<i64> = "year",
        /// 建议主题
        pub themes: String = "themes",
        /// 建议类别
        pub categories: String = "categories",
        /// Name of a built-in key date this entry hides, if any.
        pub hides_builtin: String = "hides_builtin",
    }
}

record! {
    /// The clerk's own text for a section of a 工作总结.
    pub struct SummaryNarrative => SummaryNarratives("summary_narratives"), "总结文字" {
        /// Period such as 2026H1 or 2026.
        pub period: String = "period",
        /// Section such as 存在的问题.
        pub section: String = "section",
        /// The text.
        pub body: String = "body",
    }
}

record! {
    /// When a document went upward (联络表, 半年总结, 全年总结).
    pub struct Submission => Submissions("submissions"), "报送记录" {
        /// 年度
        pub year: i64 = "year",
        /// 文件
        pub document: String = "document",
        /// 报送日期
        pub submitted_on: NaiveDate = "submitted_on",
        /// 方式: 传真 / 邮件 / 现场
        pub method: String = "method",
        /// 备注
        pub remark: String = "remark",
    }
}
