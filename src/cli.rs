//! The command line: each subcommand is a thin call into the library.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::demo::{self, DemoOptions};
use crate::store::Store;

/// 志愿服务台账：街道志愿服务记录、日历、检查与报送文书。
#[derive(Debug, Parser)]
#[command(name = "volunteer-ledger", version, about)]
pub struct Cli {
    /// 数据库文件（默认在用户数据文件夹中）
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// 子命令；不写则打开窗口
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 向数据库填入示例数据
    Demo {
        /// 志愿者人数
        #[arg(long, default_value_t = 2000)]
        volunteers: u64,
        /// 随机种子（相同种子生成相同数据）
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 以此日期为“今天”（YYYY-MM-DD），默认为今天
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
}

/// Runs a subcommand; the window is started by `main` when there is none.
pub fn run(db: Option<PathBuf>, command: Command) -> Result<()> {
    match command {
        Command::Demo {
            volunteers,
            seed,
            today,
        } => {
            let db = db.context("请用 --db 指定要填入示例数据的数据库文件")?;
            let mut store = Store::open(&db)?;
            if store.counts()?.volunteers > 0 {
                anyhow::bail!(
                    "数据库“{}”中已有志愿者记录，示例数据只能填入空数据库",
                    db.display()
                );
            }
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let started = std::time::Instant::now();
            let report = demo::generate(
                &mut store,
                DemoOptions {
                    volunteers,
                    seed,
                    today,
                },
                &mut |p| {
                    if std::env::var_os("LEDGER_TRACE").is_some() {
                        eprintln!(
                            "{:6.1}s {:5.1}%",
                            started.elapsed().as_secs_f64(),
                            p * 100.0
                        );
                    }
                },
            )?;
            println!(
                "已生成示例数据：单位 {} 个，志愿者 {} 名，队伍 {} 支，活动 {} 场，服务记录 {} 条，培训 {} 次；用时 {:.1} 秒。",
                report.units,
                report.volunteers,
                report.teams,
                report.activities,
                report.participations,
                report.trainings,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}
