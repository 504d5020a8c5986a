//! `export …`: the documents and lists the command line writes, each a call into `ops`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::writer;
use crate::export::{contact_form, roster};
use crate::ops;
use crate::ops::lists::ListName;
use crate::store::Store;
use crate::store::lists::ListQuery;
use crate::store::register::RegisterQuery;

/// What to export.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// 导出志愿者名册（.xlsx 或 .csv），证件号码和手机默认隐去部分数字
    Roster {
        /// 输出文件（.xlsx 或 .csv）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 导出完整证件号码和手机号码（须依法保护个人信息，不得泄露）
        #[arg(long)]
        full_id: bool,
    },
    /// 生成工作总结（.docx 或 .pdf，公文格式）
    Summary {
        /// 期间：2026H1（上半年）或 2026（全年）
        #[arg(long)]
        period: String,
        /// 输出文件（.docx 或 .pdf）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 出具志愿服务记录证明（PDF），编号并登记
    Certificate {
        /// 志愿者编号
        #[arg(long, value_name = "NUMBER")]
        volunteer: String,
        /// 输出文件（.pdf）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 服务起始日期（默认为志愿者注册日期）
        #[arg(long, value_name = "DATE")]
        from: Option<chrono::NaiveDate>,
        /// 服务截止日期（默认为今天）
        #[arg(long, value_name = "DATE")]
        to: Option<chrono::NaiveDate>,
        /// 负责人
        #[arg(long, default_value = "")]
        leader: String,
        /// 经办人
        #[arg(long, default_value = "")]
        handler: String,
    },
    /// 生成活动记录表（.pdf 或 .docx）：活动情况、参与志愿者及时长、留存资料、签字栏；写多个 --activity 时合成一个 PDF
    ActivityRecord {
        /// 活动名称（或其中只有这场活动才有的几个字）或活动的编号；可写多次
        #[arg(long, value_name = "TITLE_OR_ID", required = true)]
        activity: Vec<String>,
        /// 活动日期（YYYY-MM-DD），同名活动不止一场时注明
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
        /// 输出文件（.pdf 或 .docx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 生成一场活动或一次培训的签到表（.pdf、.docx 或 .xlsx）：列出已登记的参与人或一支队伍的成员，再加空白行
    SignIn {
        /// 活动名称（或其中只有这场活动才有的几个字）或活动的编号
        #[arg(
            long,
            value_name = "TITLE_OR_ID",
            required_unless_present = "training",
            conflicts_with = "training"
        )]
        activity: Option<String>,
        /// 培训主题（或其中只有这次培训才有的几个字）或培训的编号：生成培训签到表
        #[arg(long, value_name = "TOPIC_OR_ID")]
        training: Option<String>,
        /// 活动或培训的日期（YYYY-MM-DD），同名的不止一次时注明
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
        /// 列出这支队伍的成员（默认列出活动已登记的参与人）
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
        /// 空白行数（默认补满最后一页）
        #[arg(long, value_name = "N")]
        blank_rows: Option<usize>,
        /// 输出文件（.pdf、.docx 或 .xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 生成一个期间的台账：封面、目录、活动一览、每场活动的记录表、培训、表彰、信息报送、需求登记（.pdf，或写入新文件夹的 Word 文件）
    Ledger {
        /// 期间：2026、2026H1、2026Q3、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        period: String,
        /// 只含这个村居（社区）或队伍的活动（默认为本单位全部）
        #[arg(long, value_name = "NAME")]
        scope: Option<String>,
        /// 输出文件（.pdf）或新文件夹（Word 文件）
        #[arg(long, value_name = "FILE_OR_DIR")]
        out: PathBuf,
    },
    /// 导出一个期间已完成活动的留存资料：按“类别/日期 活动名称/”复制到新文件夹，附目录.xlsx（含缺少留存资料的活动）
    Evidence {
        /// 期间：2026、2026H1、2026Q3、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        period: String,
        /// 只导出关爱系列和精准扶贫、乡村振兴的活动
        #[arg(long)]
        care_only: bool,
        /// 新文件夹
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// 按平台模板导出期间内已完成活动的服务记录（每人每场一行），供志愿滨海或全国系统批量导入
    Platform {
        /// 模板名称（platform template list 列出；默认为内置模板）
        #[arg(long, default_value = crate::domain::platform::BUILTIN)]
        template: String,
        /// 期间：2026、2026H1、2026Q3、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        #[arg(required_unless_present_any = ["volunteers", "activity"])]
        period: Option<String>,
        /// 只导出这些活动（名称或其中独有的几个字，或编号；可写多次），而不是整个期间
        #[arg(long, value_name = "TITLE_OR_ID", conflicts_with = "volunteers")]
        activity: Vec<String>,
        /// 只含这个村居（社区）或队伍的活动
        #[arg(long, value_name = "NAME")]
        scope: Option<String>,
        /// 导出完整证件号码和手机号码（须依法保护个人信息，记入导出记录）
        #[arg(long)]
        full_id: bool,
        /// 导出后把这些活动标记为已录入平台（录入人）
        #[arg(long, value_name = "BY")]
        mark_entered: Option<String>,
        /// 导出志愿者（名册，每人一行，供志愿者批量导入），而不是服务记录
        #[arg(long, conflicts_with = "mark_entered")]
        volunteers: bool,
        /// 每个文件至多这么多行（平台一次导入的行数有上限时）；更多的分成几个文件：名称-1.xlsx、名称-2.xlsx ……
        #[arg(long, value_name = "ROWS")]
        per_file: Option<usize>,
        /// 输出文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 导出列表（Excel）：活动、培训、表彰、信息报送、需求登记或队伍，新的在前
    List {
        /// 哪个列表
        #[arg(value_enum)]
        list: ListName,
        /// 输出文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 只导出此期间的记录：2026、2026H1、2026Q3、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        period: Option<String>,
        /// 队伍成员和单位联系人的手机号码完整导出（须依法保护个人信息，记入导出记录）
        #[arg(long)]
        full_id: bool,
    },
    /// 导出志愿服务工作负责人联络表（.pdf、.docx 或 .xlsx）
    ContactForm {
        /// 输出文件（.pdf、.docx 或 .xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 单位名称（可写多次；不写则为全部单位）
        #[arg(long = "unit", value_name = "NAME")]
        units: Vec<String>,
        /// 按此日期的联系人填写（YYYY-MM-DD），默认为今天
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
    },
}

/// Runs an `export` subcommand on the database `db` (the default one when `None`).
pub(super) fn run(db: Option<PathBuf>, what: ExportCommand) -> Result<()> {
    match what {
        ExportCommand::SignIn {
            activity,
            training,
            date,
            team,
            blank_rows,
            out,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let store = Store::open_read_only(&db)?;
            let team = match team {
                Some(t) => Some(ops::documents::find_team(&store, &t)?),
                None => None,
            };
            let done = match (activity, training) {
                (Some(activity), _) => {
                    let id = ops::documents::find_activity(&store, &activity, date)?;
                    drop(store);
                    ops::documents::sign_in(&db, &id, team.as_deref(), blank_rows, &out)?
                }
                (None, Some(training)) => {
                    let id = ops::documents::find_training(&store, &training, date)?;
                    drop(store);
                    ops::documents::training_sign_in(&db, &id, team.as_deref(), blank_rows, &out)?
                }
                (None, None) => anyhow::bail!("请用 --activity 写出活动，或用 --training 写出培训"),
            };
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::ActivityRecord {
            activity,
            date,
            out,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let store = Store::open_read_only(&db)?;
            let ids = activity
                .iter()
                .map(|a| ops::documents::find_activity(&store, a, date))
                .collect::<Result<Vec<_>>>()?;
            drop(store);
            let done = match ids.as_slice() {
                [id] => ops::documents::activity_record(&db, id, &out)?,
                _ => ops::documents::activity_records(&db, &ids, &out, &mut |_| true)?,
            };
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Ledger { period, scope, out } => {
            let db = crate::paths::database_path(db.as_deref());
            let period = crate::domain::period::Period::parse(&period)?;
            let scope = match scope {
                Some(name) => super::find_scope(&Store::open_read_only(&db)?, &name)?,
                None => crate::store::report::Scope::All,
            };
            let today = chrono::Local::now().date_naive();
            let done = ops::documents::ledger(&db, &period, &scope, today, &out, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Evidence {
            period,
            care_only,
            out,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let period = crate::domain::period::Period::parse(&period)?;
            let done = ops::documents::evidence(&db, &period, care_only, &out, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Platform {
            template,
            period,
            scope,
            full_id,
            mark_entered,
            volunteers,
            activity,
            per_file,
            out,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let period = match period {
                Some(p) => crate::domain::period::Period::parse(&p)?,
                None => crate::domain::period::Period::parse("2000")?,
            };
            let scope = match scope {
                Some(name) => super::find_scope(&Store::open_read_only(&db)?, &name)?,
                None => crate::store::report::Scope::All,
            };
            let _lock = if full_id || mark_entered.is_some() {
                Some(writer(&db)?)
            } else {
                None
            };
            let numbers = if full_id {
                eprintln!(
                    "注意：导出的文件含完整证件号码和手机号码，属于个人信息，请妥善保管，录入平台后及时删除。"
                );
                roster::Numbers::Full
            } else {
                roster::Numbers::Masked
            };
            let today = chrono::Local::now().date_naive();
            let ids = {
                let store = Store::open_read_only(&db)?;
                activity
                    .iter()
                    .map(|a| ops::documents::find_activity(&store, a, None))
                    .collect::<Result<Vec<_>>>()?
            };
            let batch = ops::platform::Batch {
                numbers,
                mark_entered: mark_entered.map(|by| (by, today)),
                per_file: per_file.unwrap_or(0),
                ..ops::platform::Batch::new(
                    &template,
                    if volunteers {
                        ops::platform::Covering::Volunteers(RegisterQuery::default())
                    } else if !ids.is_empty() {
                        ops::platform::Covering::Activities(ids)
                    } else {
                        ops::platform::Covering::Period(period, scope)
                    },
                )
            };
            let done = ops::platform::export(&db, &batch, &out, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::List {
            list,
            out,
            period,
            full_id,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let full = full_id && list.personal();
            // A list with whole numbers is written in the export log.
            let _lock = if full { Some(writer(&db)?) } else { None };
            let numbers = if full {
                eprintln!(
                    "注意：导出的列表含完整手机号码，属于个人信息，请妥善保管，不得泄露或用于志愿服务以外的用途。"
                );
                roster::Numbers::Full
            } else {
                roster::Numbers::Masked
            };
            let mut query = ListQuery::search("");
            if let Some(p) = period {
                let p = crate::domain::period::Period::parse(&p)?;
                query.from = Some(p.from);
                query.to = Some(p.to);
            }
            let done = list.export(&db, &query, &out, numbers, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Roster { out, full_id } => {
            let db = crate::paths::database_path(db.as_deref());
            // A whole roster is written in the export log.
            let _lock = if full_id { Some(writer(&db)?) } else { None };
            let numbers = if full_id {
                eprintln!(
                    "注意：导出的名册含完整证件号码和手机号码，属于个人信息，请妥善保管，不得泄露或用于志愿服务以外的用途。"
                );
                roster::Numbers::Full
            } else {
                roster::Numbers::Masked
            };
            let done =
                ops::documents::roster(&db, &RegisterQuery::default(), &out, numbers, &mut |_| {
                    true
                })?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Summary { period, out } => {
            let db = crate::paths::database_path(db.as_deref());
            let period = crate::domain::period::Period::parse(&period)?;
            let today = chrono::Local::now().date_naive();
            let done = ops::documents::summary(&db, &period, today, &out, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::Certificate {
            volunteer,
            out,
            from,
            to,
            leader,
            handler,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = writer(&db)?;
            let today = chrono::Local::now().date_naive();
            let done = ops::documents::issue_certificate(
                &db,
                &volunteer,
                from,
                to,
                (leader, handler),
                today,
                &out,
            )?;
            say!("{}", done.message);
            Ok(())
        }
        ExportCommand::ContactForm { out, units, date } => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = writer(&db)?;
            let ids = contact_form::units_named(&Store::open_read_only(&db)?, &units)?;
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let done = ops::documents::contact_form(&db, &ids, date, &out, &mut |_| true)?;
            say!("{}", done.message);
            Ok(())
        }
    }
}
