//! 志愿服务台账: no subcommand opens the window; a subcommand runs the command line.

#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use volunteer_ledger::cli::{self, Cli};

/// A GUI program on Windows has no console: a subcommand started from one writes to it.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and has no other preconditions; failing (no
    // parent console, e.g. started from Explorer) leaves the program as it was.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        attach_console();
    }
    let args: Cli = cli::parse();
    let result = match args.command {
        Some(command) => cli::run(args.db, command),
        None => match volunteer_ledger::ui::run_window(args.db, args.renderer) {
            Ok(()) => Ok(()),
            Err(e) => {
                // Started from Explorer there is no console: the window's failure is a box.
                volunteer_ledger::ui::system::message_box("志愿服务台账", &format!("{e:#}"));
                return std::process::ExitCode::FAILURE;
            }
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
