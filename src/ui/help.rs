//! 帮助: 使用说明 (a short guide), 快捷键, and 关于 (version, where the data lives, licences).

use std::path::Path;

/// The licences of the crates the program is built from and of its fonts, one per line:
/// name version, a tab, the licence.
pub const LICENCES: &str = include_str!("../../assets/licences.txt");

/// The font licence in full.
const OFL: &str = include_str!("../../assets/fonts/OFL.txt");

/// The guide: (heading, paragraphs).
pub const GUIDE: &[(&str, &[&str])] = &[
    (
        "第一次使用",
        &[
            "首次打开时填写本单位名称（如“某某街道办事处”），可选择载入示例数据先熟悉各页面；不载入则从空台账开始，并预置区文明办和各类别的责任单位。",
            "数据保存在一个数据库文件中（见“关于”）。在 U 盘上使用时，在程序旁放一个名为 portable 的文件或 data 文件夹，数据就保存在程序旁的 data 文件夹里。",
        ],
    ),
    (
        "日常录入",
        &[
            "“志愿者”页登记志愿者（身份证号自动核对），可从 Excel 名册批量导入；“队伍”页管理志愿服务队及成员。",
            "“活动”页登记每场活动：类别、日期和起止时间、组织单位、队伍、重要时间节点，添加参与志愿者并填写服务时长，上传照片等留存资料。",
            "“培训”“表彰”“信息报送”“需求登记”各页分别登记对应记录；删除的记录进入回收站，可以恢复。",
        ],
    ),
    (
        "每月检查",
        &[
            "“日历”页的“待办”列出本月尚未开展的学雷锋志愿服务日（每月第二个星期六）、尚无活动的专业类别、5月培训和即将到来的报送截止日。",
            "“统计与总结”页的开展情况表中，本单位职责内的类别在已结束的月份为 0 时标红；点击任一数字可查看其背后的活动或志愿者。",
        ],
    ),
    (
        "导出和打印",
        &[
            "“单位与联络表”页导出《志愿服务工作负责人联络表》（PDF、Word 或 Excel），3月5日前传真至区文明办。",
            "“统计与总结”页导出上半年（7月15日前）和全年（12月15日前）工作总结（Word 或 PDF，公文格式）和统计表（Excel）；“志愿者”页为志愿者出具志愿服务记录证明。",
            "PDF 可用“打印”按钮交给系统的 PDF 阅读器打印，A4 纸。",
        ],
    ),
    (
        "备份与数据交换",
        &[
            "程序每天第一次打开时、升级、导入和恢复之前自动备份到数据库旁的 backups 文件夹；“设置”页可立即备份、备份到U盘、从备份恢复。",
            "各社区（村）工作站在各自电脑上录入，在“数据交换”页导出交换包（.vlx，只含上次导出后新增和修改的记录及照片资料），用U盘带到街道。",
            "街道在“数据交换”页导入各站的交换包：同一交换包导入两次不会重复；同一证件号码的志愿者合并为一人；两边都改过的记录列为冲突，逐条选择保留哪一边。",
        ],
    ),
];

/// The keys: (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("Tab / Shift+Tab", "在输入框和按钮之间前后移动"),
    ("Ctrl+S", "保存正在编辑的志愿者、活动或队伍表单"),
    (
        "Enter",
        "在志愿者表单中保存；鼠标停在列表上时，打开选中的记录",
    ),
    ("Esc", "取消编辑（有改动时先确认）；关闭对话框"),
    ("Ctrl+F", "在志愿者页转到查找框"),
    (
        "Delete",
        "把列表中选中的培训、表彰、信息或需求移入回收站（先确认）",
    ),
    ("Ctrl+A / Ctrl+C / Ctrl+V", "在输入框中全选、复制、粘贴"),
    (
        "PageDown / PageUp",
        "鼠标停在列表上时，向下、向上翻一屏（光标在输入框里时不翻）",
    ),
    ("Home / End", "鼠标停在列表上时，转到列表第一行、最后一行"),
    (
        "↑ / ↓",
        "鼠标停在列表上时，选中上一行、下一行（没有选中时选中显示的第一行）",
    ),
];

/// Which help window is open.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum HelpWindow {
    /// None.
    #[default]
    None,
    /// 使用说明
    Guide,
    /// 快捷键
    Keys,
    /// 关于
    About,
}

/// The 帮助 menu button; returns the window chosen.
pub fn menu(ui: &mut egui::Ui) -> Option<HelpWindow> {
    let mut chosen = None;
    ui.menu_button("帮助", |ui| {
        for (label, window) in [
            ("使用说明", HelpWindow::Guide),
            ("快捷键", HelpWindow::Keys),
            ("关于", HelpWindow::About),
        ] {
            if ui.button(label).clicked() {
                chosen = Some(window);
                ui.close();
            }
        }
    });
    chosen
}

/// Where the data lives, looked up once when 关于 opens (not every frame).
#[derive(Debug, Clone)]
pub struct AboutFacts {
    data: std::path::PathBuf,
    portable: bool,
}

impl AboutFacts {
    fn look_up() -> Self {
        AboutFacts {
            data: crate::paths::data_dir(),
            portable: std::env::current_exe()
                .ok()
                .and_then(|e| e.parent().and_then(crate::paths::portable_dir_beside))
                .is_some(),
        }
    }
}

/// The help window open and what 关于 shows.
#[derive(Debug, Default)]
pub struct Help {
    open: HelpWindow,
    facts: Option<AboutFacts>,
}

impl Help {
    /// Opens a help window.
    pub fn open(&mut self, window: HelpWindow) {
        if window == HelpWindow::About {
            self.facts = Some(AboutFacts::look_up());
        }
        self.open = window;
    }
}

/// Draws the open help window; closes it when asked.
pub fn show(ctx: &egui::Context, help: &mut Help, db: &Path) {
    let mut keep = true;
    match help.open {
        HelpWindow::None => return,
        HelpWindow::Guide => {
            egui::Window::new("使用说明")
                .open(&mut keep)
                .default_size([560.0, 480.0])
                .show(ctx, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        for (heading, paragraphs) in GUIDE {
                            ui.heading(*heading);
                            for p in *paragraphs {
                                ui.label(*p);
                                ui.add_space(4.0);
                            }
                            ui.add_space(6.0);
                        }
                    });
                });
        }
        HelpWindow::Keys => {
            egui::Window::new("快捷键")
                .open(&mut keep)
                .resizable(false)
                .show(ctx, |ui| {
                    egui::Grid::new("keys").striped(true).show(ui, |ui| {
                        for (keys, what) in KEYS {
                            ui.strong(*keys);
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                });
        }
        HelpWindow::About => {
            egui::Window::new("关于志愿服务台账")
                .open(&mut keep)
                .default_size([600.0, 480.0])
                .show(ctx, |ui| {
                    let facts = help.facts.get_or_insert_with(AboutFacts::look_up);
                    about(ui, db, facts);
                });
        }
    }
    if !keep {
        help.open = HelpWindow::None;
    }
}

fn about(ui: &mut egui::Ui, db: &Path, facts: &AboutFacts) {
    let (data, portable) = (&facts.data, facts.portable);
    egui::Grid::new("about").num_columns(2).show(ui, |ui| {
        ui.label("版本");
        ui.label(env!("CARGO_PKG_VERSION"));
        ui.end_row();
        ui.label("数据库");
        ui.label(db.display().to_string());
        ui.end_row();
        ui.label("数据文件夹");
        ui.label(data.display().to_string());
        ui.end_row();
        ui.label("便携模式");
        ui.label(if portable {
            "是（数据保存在程序旁的 data 文件夹）"
        } else {
            "否"
        });
        ui.end_row();
        ui.label("显示方式");
        ui.label(crate::display::describe_started());
        ui.end_row();
    });
    if ui.button("打开数据库所在文件夹").clicked()
        && let Some(folder) = db.parent()
    {
        let _ = crate::ui::system::open_with_system(folder);
    }
    ui.separator();
    ui.strong("使用的开源软件及许可证");
    egui::ScrollArea::vertical()
        .id_salt("licences")
        .max_height(180.0)
        .show(ui, |ui| {
            egui::Grid::new("licences").striped(true).show(ui, |ui| {
                for line in LICENCES.lines().filter(|l| !l.trim().is_empty()) {
                    let (name, licence) = line.split_once('\t').unwrap_or((line, ""));
                    ui.label(name);
                    ui.label(licence);
                    ui.end_row();
                }
            });
        });
    egui::CollapsingHeader::new("字体许可证全文（SIL Open Font License 1.1）")
        .id_salt("ofl")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("ofl_text")
                .max_height(200.0)
                .show(ui, |ui| ui.label(OFL));
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every direct dependency in Cargo.toml is named with its licence.
    #[test]
    fn every_dependency_is_listed_with_a_licence() {
        let manifest = include_str!("../../Cargo.toml");
        let mut section = "";
        let mut names = Vec::new();
        for line in manifest.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let in_deps = section == "[dependencies]"
                || (section.starts_with("[target.") && section.ends_with(".dependencies]"));
            if in_deps
                && !line.starts_with('#')
                && let Some((name, _)) = line.split_once('=')
            {
                names.push(name.trim().to_string());
            }
        }
        assert!(names.len() > 10, "{names:?}");
        for name in names {
            let listed = LICENCES
                .lines()
                .find(|l| l.starts_with(&format!("{name} ")));
            let licence = listed.and_then(|l| l.split_once('\t')).map(|(_, l)| l);
            assert!(
                licence.is_some_and(|l| !l.trim().is_empty()),
                "{name} is missing from assets/licences.txt"
            );
        }
    }
}
