//! The command line in Chinese: clap's headings, its help and version flags, the words it puts
//! into usage lines, and its error messages, which it writes only in English.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The layout of every command's help.
const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// What clap writes into help and usage lines itself, and what the clerk reads instead.
const CLAP_WORDS: [(&str, &str); 11] = [
    ("子命令:", "子命令："),
    ("选项:", "选项："),
    ("参数:", "参数："),
    ("[OPTIONS]", "[选项]"),
    ("Possible values:", "可选的值："),
    ("[possible values: ", "[可选的值："),
    ("[default: ", "[默认："),
    ("[aliases: ", "[又名："),
    ("[alias: ", "[又名："),
    ("[env: ", "[环境变量："),
    ("Usage: ", "用法："),
];

/// The placeholders of values in help and usage lines (clap's are the English names of the
/// fields), by the name they would have had.
const VALUE_NAMES: [(&str, &str); 24] = [
    ("BY", "录入人"),
    ("DATE", "日期"),
    ("DIR", "文件夹"),
    ("FILE", "文件"),
    ("FILE_OR_DIR", "文件或文件夹"),
    ("HANDLER", "经办人"),
    ("LEADER", "负责人"),
    ("LIMIT", "行数"),
    ("LIST", "列表"),
    ("N", "行数"),
    ("NAME", "名称"),
    ("NUMBER", "编号"),
    ("ON_DUPLICATE", "处理方式"),
    ("PACKAGE", "交换包"),
    ("PERIOD", "期间"),
    ("RENDERER", "显示方式"),
    ("ROWS", "行数"),
    ("SEED", "种子"),
    ("TEMPLATE", "模板"),
    ("TEXT", "文字"),
    ("TITLE_OR_ID", "活动名称或编号"),
    ("TOPIC_OR_ID", "培训主题或编号"),
    ("VOLUNTEERS", "人数"),
    ("YEAR", "年份"),
];

/// `arg` with its value's placeholder in Chinese, when it has one in the list above.
fn value_name(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let english = match arg.get_value_names() {
        Some([one]) => one.to_string(),
        Some(_) => return arg,
        None => arg.get_id().as_str().to_ascii_uppercase(),
    };
    match VALUE_NAMES.iter().find(|(en, _)| *en == english) {
        Some((_, zh)) => arg.value_name(*zh),
        None => arg,
    }
}

/// `cmd` and all its subcommands with Chinese headings and help / version flags.
pub fn localized(cmd: Command) -> Command {
    let cmd = cmd
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        )
        .disable_help_subcommand(true);
    each(cmd)
}

fn each(cmd: Command) -> Command {
    cmd.help_template(TEMPLATE)
        .subcommand_help_heading("子命令")
        .subcommand_value_name("子命令")
        .disable_help_flag(true)
        .mut_args(|a| {
            let a = value_name(a);
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading("参数")
            } else {
                a.help_heading("选项")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本说明（--help 更详细）")
                .help_heading("选项"),
        )
        .mut_subcommands(each)
}

/// The arguments with `help [COMMAND…]` taken as `[COMMAND…] --help`: clap's own help
/// command describes itself in English, so it is left out and this stands in for it.
pub fn help_as_flag(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<_> = args.into_iter().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// `text` with clap's own English words in Chinese.
pub fn chinese(text: &str) -> String {
    CLAP_WORDS
        .iter()
        .fold(text.to_string(), |t, (en, zh)| t.replace(en, zh))
}

/// What the command line says for a parse error, and its exit code: help and version as clap
/// renders them (in the words above), every error in Chinese with the usage line and where to
/// read more.
pub fn report(e: &clap::Error) -> (String, i32) {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return (chinese(&e.render().to_string()), e.exit_code());
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(" 或 "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut line = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个子命令", text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必须写的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 缺少值"),
        ErrorKind::InvalidValue => {
            let valid = text(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”不对")
            } else {
                format!("参数 {arg} 的值“{value}”不对，只能是：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers explain in Chinese; the standard ones (numbers, dates) do not.
            let why = e
                .source()
                .map(ToString::to_string)
                .filter(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                .map(|s| format!("：{s}"))
                .unwrap_or_default();
            let hint = e.source().map_or("", |s| {
                if s.is::<std::num::ParseIntError>() {
                    "：要写整数"
                } else if s.is::<chrono::ParseError>() {
                    "：日期写成 2026-03-05 这样的年-月-日"
                } else {
                    ""
                }
            });
            format!("参数 {arg} 的值“{value}”不对{why}{hint}")
        }
        ErrorKind::ArgumentConflict => {
            let other = text(ContextKind::PriorArg);
            format!("参数 {arg} 不能和 {other} 一起用")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用等号写在后面"),
        ErrorKind::TooManyValues => format!("参数“{value}”是多余的"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        _ => "命令行写得不对".to_string(),
    };
    line.push('。');
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        line.push_str(&format!("是不是要写 {s}？"));
    }
    let usage = chinese(&text(ContextKind::Usage));
    let usage = usage.trim();
    let mut out = format!("错误：{line}\n");
    if !usage.is_empty() {
        out.push('\n');
        out.push_str(usage);
        out.push('\n');
    }
    out.push_str("\n加 --help 可看这条命令的说明。\n");
    (out, e.exit_code())
}
