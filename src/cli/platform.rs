//! `platform …`: the platforms' batch-entry templates the clerk brings.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::writer;
use crate::ops;
use crate::store::Store;

/// What to do with the platforms' templates.
#[derive(Debug, Subcommand)]
pub enum PlatformCommand {
    /// 平台导入模板：保存（add）或列出（list）
    #[command(subcommand)]
    Template(TemplateCommand),
    /// 把平台导出的服务记录（.xlsx、.xls 或 .csv）与台账比对：时长不同的、只在平台上的、只在台账中的；有差异时返回非零。台账不作任何修改
    Reconcile {
        /// 平台导出的文件
        file: PathBuf,
        /// 期间：2026、2026H1、2026Q3、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        period: String,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

/// The templates.
#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// 读入平台下载的导入模板（.xlsx 或 .xls），找到表头行并按列名对应台账字段，以 NAME 保存
    Add {
        /// 模板名称（如 志愿滨海时长补录）
        name: String,
        /// 模板文件
        file: PathBuf,
        /// 改正一列的对应：表头=字段名（如 项目=活动名称）、表头=留空、表头=固定:居民身份证；可写多次
        #[arg(long = "column", value_name = "表头=值")]
        columns: Vec<String>,
    },
    /// 列出已保存的模板
    List,
}

/// Runs a `platform` subcommand on the database `db` (the default one when `None`).
pub(super) fn run(db: Option<PathBuf>, what: PlatformCommand) -> Result<()> {
    let db = crate::paths::database_path(db.as_deref());
    match what {
        PlatformCommand::Template(TemplateCommand::Add {
            name,
            file,
            columns,
        }) => {
            let _lock = writer(&db)?;
            let mut set = Vec::new();
            for c in &columns {
                let Some((header, value)) = c.split_once('=') else {
                    anyhow::bail!("--column 应写成 表头=值，而不是“{c}”");
                };
                set.push((
                    header.trim().to_string(),
                    ops::platform::parse_column(value)?,
                ));
            }
            let (template, unmatched) = ops::platform::add_template(&db, &name, &file, &set)?;
            say!("已保存平台模板“{}”：", template.name);
            for (h, c) in template.headers.iter().zip(&template.columns) {
                say!("  {h} ← {}", c.text());
            }
            if !unmatched.is_empty() {
                say!(
                    "以下列没有认出，导出时留空：{}（可用 --column 表头=字段名 指定）",
                    unmatched.join("、")
                );
            }
            Ok(())
        }
        PlatformCommand::Reconcile { file, period, json } => {
            let period = crate::domain::period::Period::parse(&period)?;
            let found = ops::platform::reconcile(&db, &file, &period)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&found)?);
            } else {
                let who = |r: &ops::platform::Record| {
                    format!(
                        "{}（{}）{} {}",
                        r.name,
                        r.id_number,
                        crate::domain::dates::iso(r.date),
                        r.activity
                    )
                };
                say!(
                    "{}：一致 {} 条，时长不同 {} 条，只在平台上 {} 条，只在台账中 {} 条。",
                    period.label,
                    found.agree,
                    found.differ.len(),
                    found.only_there.len(),
                    found.only_here.len()
                );
                for d in &found.differ {
                    say!(
                        "时长不同（第 {} 行）：{}：台账 {} 小时，平台 {} 小时",
                        d.row,
                        who(&d.here),
                        d.here.hours,
                        d.there
                    );
                }
                for (row, r) in &found.only_there {
                    say!("只在平台上（第 {row} 行）：{}，{} 小时", who(r), r.hours);
                }
                for r in &found.only_here {
                    say!("只在台账中：{}，{} 小时", who(r), r.hours);
                }
                for (row, why) in &found.skipped {
                    say!("未比对（第 {row} 行）：{why}");
                }
            }
            if found.any() {
                anyhow::bail!(
                    "平台与台账有 {} 处不同",
                    found.differ.len() + found.only_there.len() + found.only_here.len()
                );
            }
            Ok(())
        }
        PlatformCommand::Template(TemplateCommand::List) => {
            let store = Store::open_read_only(&db)?;
            say!(
                "{}（内置，按《志愿服务记录与证明出具办法》的字段顺序）",
                crate::domain::platform::BUILTIN
            );
            for (name, file) in store.platform_templates()? {
                say!("{name}（{file}）");
            }
            Ok(())
        }
    }
}
