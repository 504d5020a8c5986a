//! The panes of the window, one struct each with `fn ui(&mut self, ui, ctx)`.

pub mod activities;
pub mod calendar;
pub mod exchange;
pub mod honors;
pub mod info_reports;
pub mod key_dates;
pub mod ledger_ask;
pub mod needs;
pub mod platform_ask;
pub mod reports;
pub mod settings;
pub mod teams;
pub mod trainings;
pub mod units;
pub mod volunteers;

use chrono::NaiveDate;

use crate::store::Store;

/// What a pane may use while drawing: read the store, queue commands.
pub struct AppCtx<'a> {
    /// The open database (read only while drawing).
    pub store: &'a Store,
    /// Today (injected, so tests do not depend on the clock).
    pub today: NaiveDate,
    /// Changes whenever data was written; caches compare it.
    pub version: u64,
    /// Commands carried out at the end of the frame.
    pub commands: &'a mut Vec<Command>,
}

pub use crate::ui::commands::{BinAction, Command};

/// The panes, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Pane {
    /// 日历
    #[default]
    Calendar,
    /// 活动
    Activities,
    /// 志愿者
    Volunteers,
    /// 队伍
    Teams,
    /// 培训
    Trainings,
    /// 表彰
    Honors,
    /// 信息报送
    InfoReports,
    /// 需求登记
    Needs,
    /// 单位与联络表
    Units,
    /// 统计与总结
    Reports,
    /// 数据交换
    Exchange,
    /// 设置
    Settings,
}

impl Pane {
    /// All panes in navigation order.
    pub const ALL: [Pane; 12] = [
        Pane::Calendar,
        Pane::Activities,
        Pane::Volunteers,
        Pane::Teams,
        Pane::Trainings,
        Pane::Honors,
        Pane::InfoReports,
        Pane::Needs,
        Pane::Units,
        Pane::Reports,
        Pane::Exchange,
        Pane::Settings,
    ];

    /// The navigation label.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Calendar => "日历",
            Pane::Activities => "活动",
            Pane::Volunteers => "志愿者",
            Pane::Teams => "队伍",
            Pane::Trainings => "培训",
            Pane::Honors => "表彰",
            Pane::InfoReports => "信息报送",
            Pane::Needs => "需求登记",
            Pane::Units => "单位与联络表",
            Pane::Reports => "统计与总结",
            Pane::Exchange => "数据交换",
            Pane::Settings => "设置",
        }
    }

    /// The heading shown at the top of the pane: its navigation label (one name a thing).
    pub fn heading(self) -> &'static str {
        self.label()
    }
}

/// What a pane does when the app reports how a save its form asked for went: close the form,
/// or keep everything typed and show why the save failed.
pub fn saved<F>(
    form: &mut Option<F>,
    result: Result<(), String>,
    show_error: impl FnOnce(&mut F, String),
) {
    match result {
        Ok(()) => *form = None,
        Err(e) => {
            if let Some(f) = form {
                show_error(f, e);
            }
        }
    }
}
