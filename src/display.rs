//! Which renderer draws the window, chosen so that a start that crashed is not repeated.
//!
//! Some graphics drivers (an old office PC, a virtual desktop, a remote session, Wine) abort the
//! process inside WGPU's Direct3D 12 or Vulkan layer before any error can be caught. So a start
//! writes a mark ("a start with WGPU is under way") into `display.json` beside the data, and the
//! first frame clears it. A start that finds a mark left by a start that never drew knows that
//! renderer failed, remembers it, and uses the other one. The command line (`--renderer`) and
//! 设置 → 显示 override the automatic choice; `WGPU_BACKEND` is respected.
//!
//! Pure rules and a small JSON file; no egui here, so the window, the command line and the
//! tests share it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

/// File name of the display state, in the data folder.
pub const STATE_FILE: &str = "display.json";

/// What the clerk (or the command line) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// 自动：先用 WGPU，上次 WGPU 失败时用 OpenGL
    #[default]
    Auto,
    /// 总用 OpenGL
    #[value(name = "opengl")]
    OpenGl,
    /// 总用 WGPU
    Wgpu,
}

impl Choice {
    /// Every choice, in the order 设置 lists them.
    pub const ALL: [Choice; 3] = [Choice::Auto, Choice::OpenGl, Choice::Wgpu];

    /// The words 设置 shows.
    pub fn label(self) -> &'static str {
        match self {
            Choice::Auto => "自动（推荐）",
            Choice::OpenGl => "OpenGL",
            Choice::Wgpu => "WGPU（Direct3D 12 / Vulkan）",
        }
    }
}

/// The renderer a start uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Renderer {
    /// wgpu: Direct3D 12 on Windows, Vulkan or OpenGL ES elsewhere.
    Wgpu,
    /// OpenGL through glow.
    #[serde(rename = "opengl")]
    OpenGl,
}

impl Renderer {
    /// The name shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Renderer::Wgpu => "WGPU",
            Renderer::OpenGl => "OpenGL",
        }
    }
}

/// Why a start uses the renderer it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The usual choice.
    Default,
    /// `--renderer` on the command line.
    CommandLine,
    /// The choice in 设置 → 显示.
    Setting,
    /// `WGPU_BACKEND` is set in the environment.
    Environment,
    /// WGPU failed at an earlier start (it never drew, or reported an error).
    WgpuFailedBefore,
}

impl Reason {
    /// The sentence 设置 and 关于 show.
    pub fn text(&self) -> &'static str {
        match self {
            Reason::Default => "自动选择",
            Reason::CommandLine => "按命令行参数 --renderer",
            Reason::Setting => "按“设置 → 显示”中的选择",
            Reason::Environment => "按环境变量 WGPU_BACKEND",
            Reason::WgpuFailedBefore => {
                "以前用 WGPU 启动时未能显示窗口，已自动改用 OpenGL（可在“设置 → 显示”中改回“自动”再试）"
            }
        }
    }
}

/// What is kept in `display.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The choice in 设置 → 显示.
    pub choice: Choice,
    /// A start with this renderer is under way (cleared at its first frame).
    pub starting: Option<Renderer>,
    /// WGPU failed at an earlier start: auto uses OpenGL.
    pub wgpu_failed: bool,
    /// OpenGL failed at an earlier start.
    pub opengl_failed: bool,
}

/// The decision for one start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The renderer to start with.
    pub renderer: Renderer,
    /// Why.
    pub reason: Reason,
    /// Both renderers failed before: the advice to show before trying again.
    pub warning: Option<String>,
}

/// What to tell the clerk when no renderer could open the window.
pub const ADVICE: &str = "请更新显卡驱动程序后再试；也可以在命令提示符中用 \
volunteer-ledger.exe --renderer opengl 或 --renderer wgpu 启动，或在“设置 → 显示”中选择显示方式。";

impl State {
    /// Reads the state at `path`; a missing or unreadable file is the default state (it only
    /// chooses a renderer, so nothing is lost by starting over).
    pub fn load(path: &Path) -> State {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the state to `path` (beside it first, then renamed).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.part");
        let text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    /// Learns from a mark left by a start that never drew: that renderer failed.
    fn learn_from_mark(&mut self) {
        match self.starting.take() {
            Some(Renderer::Wgpu) => self.wgpu_failed = true,
            Some(Renderer::OpenGl) => self.opengl_failed = true,
            None => {}
        }
    }

    /// Decides the renderer of this start, learning from a mark left by a start that never
    /// drew. `command_line` is `--renderer`; `wgpu_backend_set` whether `WGPU_BACKEND` is set.
    pub fn decide(&mut self, command_line: Option<Choice>, wgpu_backend_set: bool) -> Decision {
        self.learn_from_mark();
        let fixed = |renderer, reason| Decision {
            renderer,
            reason,
            warning: None,
        };
        let (choice, reason) = match command_line {
            Some(c) => (c, Reason::CommandLine),
            None => (self.choice, Reason::Setting),
        };
        match choice {
            Choice::OpenGl => return fixed(Renderer::OpenGl, reason),
            Choice::Wgpu => return fixed(Renderer::Wgpu, reason),
            Choice::Auto => {}
        }
        if self.wgpu_failed && self.opengl_failed {
            // Neither drew: say so, forget it (a driver may have been updated) and try OpenGL.
            self.wgpu_failed = false;
            self.opengl_failed = false;
            return Decision {
                renderer: Renderer::OpenGl,
                reason: Reason::WgpuFailedBefore,
                warning: Some(format!(
                    "上次启动时，两种显示方式（WGPU 和 OpenGL）都未能打开窗口。现在再用 OpenGL 试一次。{ADVICE}"
                )),
            };
        }
        if self.wgpu_failed {
            return fixed(Renderer::OpenGl, Reason::WgpuFailedBefore);
        }
        if wgpu_backend_set {
            return fixed(Renderer::Wgpu, Reason::Environment);
        }
        fixed(Renderer::Wgpu, Reason::Default)
    }

    /// A start with `renderer` begins: the mark is set.
    pub fn begin(&mut self, renderer: Renderer) {
        self.starting = Some(renderer);
    }

    /// The first frame was drawn: the mark is cleared, and that renderer works.
    pub fn drew(&mut self) {
        match self.starting.take() {
            Some(Renderer::Wgpu) => self.wgpu_failed = false,
            Some(Renderer::OpenGl) => self.opengl_failed = false,
            None => {}
        }
    }

    /// The start with `renderer` reported an error (it could not open the window).
    pub fn failed(&mut self, renderer: Renderer) {
        self.starting = None;
        match renderer {
            Renderer::Wgpu => self.wgpu_failed = true,
            Renderer::OpenGl => self.opengl_failed = true,
        }
    }

    /// The clerk chose in 设置: choosing 自动 forgets earlier failures (try WGPU again).
    pub fn set_choice(&mut self, choice: Choice) {
        self.choice = choice;
        if choice == Choice::Auto {
            self.wgpu_failed = false;
            self.opengl_failed = false;
        }
    }
}

/// The renderer this window was started with, for 设置 and 关于.
#[derive(Debug, Clone)]
pub struct Started {
    /// The renderer in use.
    pub renderer: Renderer,
    /// Why it was chosen.
    pub reason: Reason,
    /// Where the display state is kept.
    pub state_file: PathBuf,
}

static STARTED: OnceLock<Mutex<Option<Started>>> = OnceLock::new();

fn started_cell() -> &'static Mutex<Option<Started>> {
    STARTED.get_or_init(|| Mutex::new(None))
}

/// Records the renderer this process's window is started with.
pub fn set_started(started: Started) {
    if let Ok(mut cell) = started_cell().lock() {
        *cell = Some(started);
    }
}

/// The renderer this process's window was started with (`None` when no window was started
/// through [`crate::ui::run_window`], as in tests).
pub fn started() -> Option<Started> {
    started_cell().lock().ok().and_then(|cell| cell.clone())
}

/// The first frame was drawn: clears the start mark in the state file (once per process).
pub fn first_frame_drawn() {
    static DONE: OnceLock<()> = OnceLock::new();
    if DONE.set(()).is_err() {
        return;
    }
    if let Some(s) = started() {
        let mut state = State::load(&s.state_file);
        state.drew();
        if let Err(e) = state.save(&s.state_file) {
            eprintln!("未能保存显示设置：{e}");
        }
    }
}

/// What 设置 and 关于 say about the renderer in use, e.g. "OpenGL（以前用 WGPU 启动时…）".
pub fn describe_started() -> String {
    match started() {
        Some(s) => format!("{}（{}）", s.renderer.label(), s.reason.text()),
        None => "未通过窗口启动（测试环境）".to_string(),
    }
}

/// Where the display state is kept: the running window's file, else the data folder's.
pub fn state_file() -> PathBuf {
    started()
        .map(|s| s.state_file)
        .unwrap_or_else(|| crate::paths::data_dir().join(STATE_FILE))
}

/// The clerk's choice in 设置 → 显示 for the next start, saved at once.
pub fn save_choice(state_file: &Path, choice: Choice) -> std::io::Result<()> {
    let mut state = State::load(state_file);
    state.set_choice(choice);
    state.save(state_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_uses_wgpu_and_sets_the_mark() {
        let mut s = State::default();
        let d = s.decide(None, false);
        assert_eq!(d.renderer, Renderer::Wgpu);
        assert_eq!(d.reason, Reason::Default);
        s.begin(d.renderer);
        assert_eq!(s.starting, Some(Renderer::Wgpu));
    }

    #[test]
    fn a_start_that_never_drew_makes_the_next_one_use_opengl_for_good() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(STATE_FILE);
        // First start: mark set, then the process dies before its first frame.
        let mut s = State::load(&file);
        let d = s.decide(None, false);
        s.begin(d.renderer);
        s.save(&file).unwrap();
        // Second start finds the mark.
        let mut s = State::load(&file);
        let d = s.decide(None, false);
        assert_eq!(d.renderer, Renderer::OpenGl);
        assert_eq!(d.reason, Reason::WgpuFailedBefore);
        assert!(d.warning.is_none());
        s.begin(d.renderer);
        s.save(&file).unwrap();
        // It draws: the mark is cleared, the fallback remembered.
        let mut s = State::load(&file);
        s.drew();
        s.save(&file).unwrap();
        let mut s = State::load(&file);
        assert_eq!(s.starting, None);
        assert_eq!(s.decide(None, false).renderer, Renderer::OpenGl);
    }

    #[test]
    fn the_first_frame_clears_the_mark() {
        let mut s = State::default();
        s.begin(Renderer::Wgpu);
        s.drew();
        assert_eq!(s.starting, None);
        assert!(!s.wgpu_failed);
        assert_eq!(s.decide(None, false).renderer, Renderer::Wgpu);
    }

    #[test]
    fn an_error_from_wgpu_is_remembered() {
        let mut s = State::default();
        s.begin(Renderer::Wgpu);
        s.failed(Renderer::Wgpu);
        assert_eq!(s.starting, None);
        assert_eq!(s.decide(None, false).renderer, Renderer::OpenGl);
    }

    #[test]
    fn the_command_line_and_the_setting_override() {
        let mut s = State {
            wgpu_failed: true,
            ..State::default()
        };
        let d = s.decide(Some(Choice::Wgpu), false);
        assert_eq!(
            (d.renderer, d.reason),
            (Renderer::Wgpu, Reason::CommandLine)
        );
        let mut s = State {
            choice: Choice::OpenGl,
            ..State::default()
        };
        let d = s.decide(None, true);
        assert_eq!((d.renderer, d.reason), (Renderer::OpenGl, Reason::Setting));
        // --renderer auto beats the setting.
        let d = s.decide(Some(Choice::Auto), false);
        assert_eq!((d.renderer, d.reason), (Renderer::Wgpu, Reason::Default));
    }

    #[test]
    fn wgpu_backend_in_the_environment_is_respected() {
        let mut s = State::default();
        let d = s.decide(None, true);
        assert_eq!(
            (d.renderer, d.reason),
            (Renderer::Wgpu, Reason::Environment)
        );
    }

    #[test]
    fn both_failing_warns_and_tries_again() {
        let mut s = State {
            wgpu_failed: true,
            starting: Some(Renderer::OpenGl),
            ..State::default()
        };
        let d = s.decide(None, false);
        assert_eq!(d.renderer, Renderer::OpenGl);
        let warning = d.warning.unwrap();
        assert!(warning.contains("显卡驱动") && warning.contains("--renderer"));
        assert!(!s.wgpu_failed && !s.opengl_failed);
    }

    #[test]
    fn choosing_auto_in_the_settings_tries_wgpu_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(STATE_FILE);
        State {
            wgpu_failed: true,
            ..State::default()
        }
        .save(&file)
        .unwrap();
        save_choice(&file, Choice::OpenGl).unwrap();
        assert!(State::load(&file).wgpu_failed);
        save_choice(&file, Choice::Auto).unwrap();
        let mut s = State::load(&file);
        assert_eq!(s.decide(None, false).renderer, Renderer::Wgpu);
    }

    #[test]
    fn a_damaged_state_file_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(STATE_FILE);
        std::fs::write(&file, b"{not json").unwrap();
        assert_eq!(State::load(&file), State::default());
    }
}
