//! The command line: each subcommand is a thin call into the library.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::demo::DemoOptions;
use crate::export::import;
use crate::ops;
use crate::store::Store;

/// Prints a line to stdout; a closed pipe (`… | head`) ends the output quietly instead of
/// panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod export;
mod open;
mod platform;
mod words;
pub use export::ExportCommand;
pub use platform::PlatformCommand;

/// 志愿服务台账：街道志愿服务记录、日历、检查与报送文书。
#[derive(Debug, Parser)]
#[command(name = "volunteer-ledger", version)]
pub struct Cli {
    /// 数据库文件（默认在用户数据文件夹中）
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// 窗口的显示方式：auto（自动，默认）、opengl 或 wgpu；覆盖“设置 → 显示”中的选择
    #[arg(long, value_name = "RENDERER")]
    pub renderer: Option<crate::display::Choice>,

    /// 子命令；不写则打开窗口
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The command line of this process, with Chinese help and errors. Help, the version and a
/// mistake in the command line are printed here and end the process.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = words::localized(Cli::command())
        .try_get_matches_from(words::help_as_flag(std::env::args_os()))
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use std::io::Write as _;
            let (text, code) = words::report(&e);
            // A closed pipe (`--help | head`) is not an error worth a panic.
            let _ = if code == 0 {
                write!(std::io::stdout().lock(), "{text}")
            } else {
                write!(std::io::stderr().lock(), "{text}")
            };
            std::process::exit(code);
        }
    }
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
    /// 在名册中查找（姓名、拼音首字母、编号、证件号码、手机尾号），输出找到的人数和第一页
    Search {
        /// 查找的文字
        text: String,
        /// 第一页的行数
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// 以 JSON 输出（count 和 rows）
        #[arg(long)]
        json: bool,
    },
    /// 检查数据库文件：能否打开、完整性（quick_check）、是否本程序的数据库、数据版本，累计数与服务记录是否一致；有问题时返回非零
    Check {
        /// 累计数不一致时，先备份，再按服务记录重新统计
        #[arg(long)]
        repair: bool,
        /// 快速检查：只看文件是否完整、结构能否读出（几秒内完成），不逐页检查，也不核对累计数
        #[arg(long, conflicts_with = "repair")]
        quick: bool,
    },
    /// 备份数据库：默认存入数据库旁的 backups 文件夹，或写到 --out 指定的文件
    Backup {
        /// 备份文件（.sqlite）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// 用备份文件恢复数据库（先检查备份文件，并先备份当前数据库）
    Restore {
        /// 备份文件（.sqlite）
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// 列出一年的重要时间节点（节日、清明、中元、寒衣、学雷锋志愿服务日、培训月、报送截止）
    Calendar {
        /// 年份（1950–2100）
        #[arg(long)]
        year: i32,
        /// 以 JSON 输出（date 为 YYYY-MM-DD，name，kind）
        #[arg(long)]
        json: bool,
    },
    /// 统计一个期间的活动、人次、志愿者、时长，按类别、按月和每月学雷锋志愿服务日
    Report {
        /// 期间：2026、2026H1、2026H2、2026Q1–Q4、2026-03 或 2026-01-01..2026-03-31
        #[arg(long)]
        period: String,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 另将各统计表写入此 Excel 文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// 只统计一个村居（社区）或一支队伍（名称，可写其中一段）
        #[arg(long, value_name = "NAME")]
        scope: Option<String>,
    },
    /// 站点数据交换：导出交换包、导入其他站点的交换包
    #[command(subcommand)]
    Exchange(ExchangeCommand),
    /// 导入数据
    #[command(subcommand)]
    Import(ImportCommand),
    /// 导出文书和名册
    #[command(subcommand)]
    Export(ExportCommand),
    /// 志愿滨海、全国志愿服务信息系统的批量导入模板
    #[command(subcommand)]
    Platform(PlatformCommand),
}

/// What to import.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 从 .xlsx、.xls 或 .csv（UTF-8 或 GBK）导入志愿者
    Volunteers {
        /// 要导入的文件
        file: PathBuf,
        /// 只检查并报告，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 已在名册中的志愿者（证件号码相同）：skip 跳过，update 用文件中的内容更新
        #[arg(long, value_enum, default_value_t = DuplicateChoice::Skip)]
        on_duplicate: DuplicateChoice,
        /// 有错误的行跳过，只导入正确的行（默认有任何错误就什么都不导入）
        #[arg(long)]
        take_good_rows: bool,
        /// 以 JSON 输出结果
        #[arg(long)]
        json: bool,
    },
}

/// Station exchange.
#[derive(Debug, Subcommand)]
pub enum ExchangeCommand {
    /// 导出交换包：本站上次导出后新增和修改的记录（--all 为全部记录）
    Export {
        /// 交换包文件（.vlx）
        #[arg(long, value_name = "PACKAGE")]
        out: PathBuf,
        /// 导出全部记录，而不只是上次导出后新增和修改的
        #[arg(long)]
        all: bool,
    },
    /// 导入其他站点的交换包（先自动备份数据库；两边都改过的记录列为冲突，不覆盖）
    Import {
        /// 交换包文件（.vlx）
        package: PathBuf,
    },
}

/// What the import does with volunteers already registered.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DuplicateChoice {
    /// 跳过
    Skip,
    /// 更新
    Update,
}

use open::{lock_only, said_every_tenth, upgrade_first, writer};

/// The 村居 or team named exactly, or the only one whose name contains `name`.
pub(super) fn find_scope(store: &Store, name: &str) -> Result<crate::store::report::Scope> {
    let name = name.trim();
    let scopes = store.report_scopes()?;
    if let Some(s) = scopes.iter().skip(1).find(|s| s.label() == name) {
        return Ok(s.clone());
    }
    let found: Vec<_> = scopes
        .iter()
        .skip(1)
        .filter(|s| s.label().contains(name))
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => anyhow::bail!("没有名为“{name}”的村居（社区）或队伍"),
        many => anyhow::bail!(
            "“{name}”可指 {} 个村居或队伍：{}，请写全称",
            many.len(),
            many.iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// Runs a subcommand; the window is started by `main` when there is none.
pub fn run(db: Option<PathBuf>, command: Command) -> Result<()> {
    match command {
        Command::Search { text, limit, json } => {
            let db = crate::paths::database_path(db.as_deref());
            let store = Store::open_read_only(&db)?;
            let query = crate::store::register::RegisterQuery {
                search: text.clone(),
                ..Default::default()
            };
            let count = store.register_count(&query)?;
            let rows = store.register_page(&query, 0, limit.min(1000))?;
            if json {
                let rows: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "number": r.number,
                            "name": r.name,
                            "gender": r.gender,
                            "id_number": r.id_masked,
                            "mobile": r.mobile_masked,
                            "community": r.community,
                            "status": r.status,
                            "hours": r.total.to_string(),
                        })
                    })
                    .collect();
                say!("{}", serde_json::json!({ "count": count, "rows": rows }));
            } else {
                say!("找到 {count} 名志愿者（“{text}”）");
                for r in &rows {
                    say!(
                        "{}  {}  {}  {}  {}  {} 小时",
                        r.number,
                        r.name,
                        r.mobile_masked,
                        r.community,
                        r.status,
                        r.total
                    );
                }
            }
            Ok(())
        }
        Command::Check { repair, quick } => {
            let db = crate::paths::database_path(db.as_deref());
            let found = crate::store::backup::check_file_reporting(
                &db,
                quick,
                &mut said_every_tenth("检查数据库文件"),
            )?;
            if quick {
                say!(
                    "数据库“{}”快速检查通过：文件完整、结构可读，数据版本 {}，志愿者 {} 名，活动 {} 场。（完整检查：check）",
                    db.display(),
                    found.version,
                    found.volunteers,
                    found.activities
                );
                return Ok(());
            }
            say!(
                "数据库“{}”检查通过：完整性正常，数据版本 {}（本程序支持 {}），志愿者 {} 名，活动 {} 场。",
                db.display(),
                found.version,
                crate::store::migrations::LATEST,
                found.volunteers,
                found.activities
            );
            if found.version < crate::store::migrations::LATEST {
                say!("该数据库将在下次用本程序打开时升级（升级前自动备份）。");
                return Ok(());
            }
            // The running totals against a recount from the service records.
            eprintln!("正在按服务记录重新统计，与累计数核对……");
            let drift = crate::store::totals::drift_in_file(&db)?;
            if !drift.is_empty() {
                let lines: Vec<String> = drift.iter().map(|d| d.to_string()).collect();
                if !repair {
                    anyhow::bail!(
                        "累计数与服务记录不一致：\n{}\n可运行 volunteer-ledger check --repair 按服务记录重新统计（先自动备份）。",
                        lines.join("\n")
                    );
                }
                let _lock = writer(&db)?;
                let saved = crate::store::Store::open(&db)?.recount_totals()?;
                say!(
                    "发现：\n{}\n已按服务记录重新统计（统计前的数据库已备份到“{}”）。",
                    lines.join("\n"),
                    saved.display()
                );
                if !crate::store::totals::drift_in_file(&db)?.is_empty() {
                    anyhow::bail!("重新统计后累计数仍不一致，请从备份恢复并联系技术人员。");
                }
            }
            say!("累计服务时长、每月和每年统计、活动汇总与服务记录重新统计的结果一致。");
            Ok(())
        }
        Command::Backup { out } => {
            let db = crate::paths::database_path(db.as_deref());
            // No lock: a backup may be taken while the window has the file open.
            upgrade_first(&db)?;
            let written =
                ops::data::backup(&db, out.as_deref(), &mut said_every_tenth("备份进度"))?;
            say!("已备份到“{}”。", written.display());
            Ok(())
        }
        Command::Restore { from } => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = lock_only(&db)?;
            let previous = ops::data::restore(&db, &from, &mut said_every_tenth("恢复进度"))?;
            say!(
                "{}",
                ops::data::restored_message(&from, previous.as_deref())
            );
            Ok(())
        }
        Command::Exchange(ExchangeCommand::Export { out, all }) => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = writer(&db)?;
            let done = ops::data::export_exchange(&db, &out, all, &mut |_| true)?;
            say!("{}", done.message());
            Ok(())
        }
        Command::Exchange(ExchangeCommand::Import { package }) => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = writer(&db)?;
            let done = ops::data::import_exchange(&db, &package, &mut |_| true)?;
            say!("{}", done.message());
            for line in &done.renumbered {
                say!("  {line}");
            }
            Ok(())
        }
        Command::Report {
            period,
            json,
            xlsx,
            scope,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let period = crate::domain::period::Period::parse(&period)?;
            let store = Store::open_read_only(&db)?;
            let scope = match scope {
                None => crate::store::report::Scope::All,
                Some(name) => find_scope(&store, &name)?,
            };
            let report = match &xlsx {
                Some(out) => {
                    let (report, done) =
                        ops::documents::report_workbook(&db, &period, &scope, out, &mut |_| true)?;
                    eprintln!("{}", done.message);
                    report
                }
                None => store.report_in(&period, &scope)?,
            };
            if json {
                say!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                say!(
                    "{}：活动 {} 场，参与 {} 人次，志愿者 {} 人，服务时长 {} 小时。",
                    report.period,
                    report.activities,
                    report.participations,
                    report.volunteers,
                    report.hours
                );
                if report.entered > 0 {
                    say!(
                        "  已录入平台 {} 场，未录入 {} 场",
                        report.entered,
                        report.activities - report.entered
                    );
                }
                for (category, f) in &report.by_category {
                    say!(
                        "  {category}：活动 {} 场，{} 人次，{} 小时",
                        f.activities,
                        f.participations,
                        f.hours
                    );
                }
            }
            Ok(())
        }
        Command::Calendar { year, json } => {
            if !crate::domain::lunar::YEARS.contains(&year) {
                anyhow::bail!("年份 {year} 超出范围：只能计算 1950–2100 年的重要时间节点");
            }
            // With a database, the clerk's own key dates and hidden ones count too.
            let dates = match db {
                Some(db) => Store::open_read_only(&db)?.key_dates(year)?,
                None => crate::domain::calendar::key_dates(year),
            };
            if json {
                say!("{}", serde_json::to_string_pretty(&dates)?);
            } else {
                for k in &dates {
                    say!(
                        "{} {} {}（{}）",
                        crate::domain::dates::iso(k.date),
                        crate::domain::dates::weekday_name(k.date),
                        k.name,
                        k.kind.name()
                    );
                }
            }
            Ok(())
        }
        Command::Demo {
            volunteers,
            seed,
            today,
        } => {
            let db = crate::paths::database_path(db.as_deref());
            let _lock = writer(&db)?;
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let started = std::time::Instant::now();
            let report = ops::data::demo(
                &db,
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
                    true
                },
            )?;
            say!(
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
        Command::Import(ImportCommand::Volunteers {
            file,
            dry_run,
            on_duplicate,
            take_good_rows,
            json,
        }) => import_volunteers(db, &file, dry_run, on_duplicate, take_good_rows, json),
        Command::Export(what) => export::run(db, what),
        Command::Platform(what) => platform::run(db, what),
    }
}

fn import_volunteers(
    db: Option<PathBuf>,
    file: &std::path::Path,
    dry_run: bool,
    on_duplicate: DuplicateChoice,
    take_good_rows: bool,
    json: bool,
) -> Result<()> {
    let db = crate::paths::database_path(db.as_deref());
    // Before the check: a second import started beside the first sees what the first wrote.
    let _lock = if dry_run {
        upgrade_first(&db)?;
        None
    } else {
        Some(writer(&db)?)
    };
    // Created first, as the window does when it opens a database.
    drop(Store::open(&db)?);
    let today = chrono::Local::now().date_naive();
    let (read, checked) = ops::data::check_import(&db, file, None, today)?;
    let (new, duplicates, bad) = checked.counts();
    let problems: Vec<String> = checked.problems().map(ToString::to_string).collect();
    let outcome = if dry_run {
        None
    } else {
        let on_duplicate = match on_duplicate {
            DuplicateChoice::Skip => import::OnDuplicate::Skip,
            DuplicateChoice::Update => import::OnDuplicate::Update,
        };
        let done = ops::data::apply_import(
            &db,
            &checked,
            &read,
            take_good_rows,
            on_duplicate,
            &mut |_| true,
        );
        if let Ok(ops::data::Imported {
            backup: Some(saved),
            ..
        }) = &done
        {
            eprintln!("导入前已备份到“{}”。", saved.display());
        }
        Some(done.map(|d| d.report))
    };
    if json {
        let report = outcome.as_ref().and_then(|o| o.as_ref().ok());
        let doc = serde_json::json!({
            "file": file.display().to_string(),
            "header_row": read.header_row + 1,
            "new": new,
            "duplicates": duplicates,
            "bad_rows": bad,
            "problems": checked.problems().map(|p| serde_json::json!({
                "row": p.row, "column": p.column, "reason": p.reason,
            })).collect::<Vec<_>>(),
            "written": report.is_some(),
            "added": report.map_or(0, |r| r.added),
            "updated": report.map_or(0, |r| r.updated),
            "skipped": report.map_or(0, |r| r.skipped),
        });
        say!("{doc}");
    } else {
        say!(
            "文件“{}”：表头在第 {} 行；新志愿者 {new} 名，已在名册中 {duplicates} 名，有错误的行 {bad} 行。",
            file.display(),
            read.header_row + 1
        );
        for p in &problems {
            say!("  {p}");
        }
    }
    match outcome {
        None => {
            if bad > 0 && !take_good_rows {
                anyhow::bail!("有 {bad} 行数据有错误（仅检查，未写入）");
            }
            if !json {
                say!("仅检查，未写入数据库。");
            }
            Ok(())
        }
        Some(Ok(r)) => {
            if !json {
                say!(
                    "已导入：新增 {} 名，更新 {} 名，跳过已在名册中的 {} 名，跳过有错误的行 {} 行。",
                    r.added,
                    r.updated,
                    r.skipped,
                    r.bad
                );
            }
            Ok(())
        }
        Some(Err(e)) => Err(e),
    }
}
