//! Typing Chinese through an input method, as egui receives it from winit on Windows (微软拼音:
//! the pinyin letters arrive as pre-edit text, the keys the input method consumed are dropped,
//! the choice arrives as `Preedit(candidate)` → `Preedit("")` → `Commit(candidate)`), in the
//! fields a clerk types most: the register's search box, the volunteer form, the activity form,
//! the unit form, a date field and the first-run dialog.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Settle, app_at, app_with_demo};
use egui::accesskit::Role;
use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::store::Store;
use volunteer_ledger::ui::LedgerApp;

/// One frame with these events.
fn frame(h: &mut Harness<'_, LedgerApp>, events: Vec<Event>) {
    h.input_mut().events.extend(events);
    h.step();
}

fn preedit(text: &str) -> Event {
    let n = text.chars().count();
    Event::Ime(ImeEvent::Preedit {
        text: text.into(),
        active_range_chars: if text.is_empty() { None } else { Some(n..n) },
    })
}

fn commit(text: &str) -> Event {
    Event::Ime(ImeEvent::Commit(text.into()))
}

fn key(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

/// Types `pinyin` letter by letter as pre-edit text, shows `chars` as the candidate, and
/// leaves the composition open (not committed).
fn compose_open(h: &mut Harness<'_, LedgerApp>, pinyin: &str, chars: &str) {
    let mut typed = String::new();
    for c in pinyin.chars() {
        typed.push(c);
        frame(h, vec![preedit(&typed)]);
    }
    frame(h, vec![preedit(chars)]);
}

/// Composes `pinyin` and commits `chars` (the space or number key that picks a candidate is
/// consumed by the input method).
fn compose(h: &mut Harness<'_, LedgerApp>, pinyin: &str, chars: &str) {
    compose_open(h, pinyin, chars);
    frame(h, vec![preedit(""), commit(chars)]);
    h.settle();
}

/// The text field labelled `label` (a list's column of the same name is not one).
fn field<'h>(h: &'h Harness<'_, LedgerApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.query_all_by_label(label)
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no text field labelled {label}"))
}

fn value(h: &Harness<'_, LedgerApp>, label: &str) -> String {
    field(h, label).value().unwrap_or_default()
}

fn focus(h: &mut Harness<'_, LedgerApp>, label: &str) {
    field(h, label).focus();
    h.settle();
}

#[test]
fn composing_inserts_at_the_cursor_at_the_start_middle_and_end_single_and_multi_line() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut h) = app_with_demo(dir.path(), 1280.0);
    h.get_by_label("新增志愿者").click();
    h.settle();
    for field in ["姓名 *", "工作单位或学校", "备注"] {
        focus(&mut h, field);
        compose(&mut h, "wang", "王");
        assert_eq!(value(&h, field), "王", "{field}: into an empty field");
        compose(&mut h, "fang", "芳");
        assert_eq!(value(&h, field), "王芳", "{field}: at the end");
        frame(&mut h, vec![key(Key::ArrowLeft)]);
        compose(&mut h, "xiao", "小");
        assert_eq!(value(&h, field), "王小芳", "{field}: in the middle");
        frame(&mut h, vec![key(Key::Home)]);
        compose(&mut h, "lao", "老");
        assert_eq!(value(&h, field), "老王小芳", "{field}: at the start");
    }
    // The IME's candidate window is placed at the text cursor, inside the focused field.
    focus(&mut h, "工作单位或学校");
    compose_open(&mut h, "zh", "zh");
    let field = field(&h, "工作单位或学校").rect();
    let ime = h
        .output()
        .platform_output
        .ime
        .expect("the IME cursor area is set while composing");
    assert!(
        field.expand(2.0).contains_rect(ime.cursor_rect),
        "cursor {:?} in field {field:?}",
        ime.cursor_rect
    );
    frame(&mut h, vec![preedit(""), commit("张")]);
}

#[test]
fn backspace_in_a_composition_edits_only_the_composition_and_punctuation_commits_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut h) = app_with_demo(dir.path(), 1280.0);
    h.get_by_label("新增志愿者").click();
    h.settle();
    focus(&mut h, "备注");
    compose(&mut h, "zhiyuan", "志愿");
    // zhang → Backspace → zhan: the input method shortens its pre-edit text.
    compose_open(&mut h, "zhang", "zhang");
    frame(&mut h, vec![preedit("zhan")]);
    frame(&mut h, vec![preedit("zha")]);
    assert_eq!(value(&h, "备注"), "志愿zha");
    // Backspace on the last pinyin letter (微软拼音: Preedit("", 0..0), Preedit(""), Commit("")).
    frame(
        &mut h,
        vec![
            Event::Ime(ImeEvent::Preedit {
                text: String::new(),
                active_range_chars: Some(0..0),
            }),
            preedit(""),
            commit(""),
        ],
    );
    h.settle();
    assert_eq!(value(&h, "备注"), "志愿", "committed text untouched");
    // Chinese punctuation is committed without a composition.
    for mark in ["，", "。", "、", "《", "》"] {
        frame(&mut h, vec![commit(mark)]);
    }
    h.settle();
    assert_eq!(value(&h, "备注"), "志愿，。、《》");
}

#[test]
fn enter_that_commits_does_not_save_and_esc_that_cancels_does_not_close() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = app_with_demo(dir.path(), 1280.0);
    h.get_by_label("新增志愿者").click();
    h.settle();
    common::type_into(&mut h, "证件号码 *", "11010519491231002X");
    focus(&mut h, "姓名 *");
    compose(&mut h, "wang", "王");
    // The form could be saved now: Enter that commits the letters as typed (were the key to
    // reach the form in the same frame) must not save it.
    compose_open(&mut h, "zhe", "喆");
    frame(&mut h, vec![preedit(""), commit("zhe"), key(Key::Enter)]);
    h.settle();
    assert!(
        h.state().volunteer_form_open(),
        "Enter that commits does not save"
    );
    assert_eq!(value(&h, "姓名 *"), "王zhe");
    // Esc that cancels a composition: the input method consumes the key (egui-winit drops it
    // on Windows) and sends Preedit(""), Commit(""): the form stays, with its edits.
    compose_open(&mut h, "zhe", "喆");
    frame(&mut h, vec![preedit(""), commit("")]);
    h.settle();
    assert!(
        h.state().volunteer_form_open(),
        "Esc that cancels does not close"
    );
    assert!(
        h.query_by_label_contains("放弃").is_none(),
        "nor ask to discard"
    );
    assert_eq!(value(&h, "姓名 *"), "王zhe");
    // With the input method on but no composition open, the keys work as always: Ctrl+S
    // saves.
    common::type_into(&mut h, "姓名 *", "王喆");
    frame(
        &mut h,
        vec![Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        }],
    );
    h.settle();
    assert!(!h.state().volunteer_form_open(), "Ctrl+S saves");
    let store = Store::open(&path).unwrap();
    assert!(
        store
            .id_number_holder("11010519491231002X", "")
            .unwrap()
            .is_some_and(|v| v.name == "王喆")
    );
}

#[test]
fn the_register_searches_on_commit_not_on_pinyin_letters_and_ctrl_f_tab_work() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let everyone = format!(
        "共 {} 名志愿者",
        store
            .count_live(volunteer_ledger::store::meta::Table::Volunteers)
            .unwrap()
    );
    h.get_by_label_contains(&everyone);
    // Ctrl+F goes to the search box with the input method on.
    frame(
        &mut h,
        vec![Event::Key {
            key: Key::F,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        }],
    );
    h.settle();
    assert!(field(&h, "查找").is_focused(), "Ctrl+F");
    // A surname of the register.
    let surname: String = store.volunteer_page(false, 0, 1).unwrap()[0]
        .name
        .chars()
        .take(1)
        .collect();
    // While the surname is composed, its pinyin letters are pre-edit text: nothing is searched
    // (the letters alone would narrow the list, by initials).
    let letters: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT initials FROM volunteer_search s JOIN volunteers v ON v.key = s.volunteer_key
             WHERE v.number = (SELECT min(number) FROM volunteers WHERE deleted_at IS NULL)",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .chars()
        .take(2)
        .collect();
    let by_letters = store
        .register_count(&volunteer_ledger::store::register::RegisterQuery {
            search: letters.clone(),
            ..Default::default()
        })
        .unwrap();
    assert!(
        !everyone.contains(&format!("共 {by_letters} 名")),
        "the letters alone narrow the list"
    );
    compose_open(&mut h, &letters, &letters);
    h.settle();
    assert_eq!(value(&h, "查找"), letters);
    h.get_by_label_contains(&everyone);
    frame(&mut h, vec![preedit(""), commit(&surname)]);
    h.settle();
    assert_eq!(value(&h, "查找"), surname);
    let named = {
        let q = volunteer_ledger::store::register::RegisterQuery {
            search: surname.clone(),
            ..Default::default()
        };
        store.register_count(&q).unwrap()
    };
    assert!(named > 0);
    assert!(
        h.query_by_label_contains(&everyone).is_none(),
        "searched on commit"
    );
    h.get_by_label_contains(&format!("找到 {named} 名志愿者"));
    // Tab leaves the box.
    frame(&mut h, vec![key(Key::Tab)]);
    h.settle();
    assert!(!field(&h, "查找").is_focused(), "Tab");
}

#[test]
fn the_activity_form_and_a_date_field_take_composed_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut h) = app_with_demo(dir.path(), 1400.0);
    h.get_by_label("活动").click();
    h.settle();
    h.get_by_label("新建活动").click();
    h.settle();
    for (field, pinyin, chars) in [
        ("活动名称 *", "qingjie", "清洁"),
        ("地点", "shequ", "社区"),
        ("服务内容", "saodi", "扫地"),
        ("粘贴签到名单", "wangfang", "王芳"),
    ] {
        focus(&mut h, field);
        frame(&mut h, vec![key(Key::End)]);
        let before = value(&h, field);
        compose(&mut h, pinyin, chars);
        assert_eq!(value(&h, field), format!("{before}{chars}"), "{field}");
    }
    // A date typed with the input method: digits, then 年 月 日 committed.
    focus(&mut h, "日期 *");
    h.input_mut().events.push(Event::Key {
        key: Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    h.step();
    for part in ["2026", "年", "3", "月", "5", "日"] {
        if part.chars().all(|c| c.is_ascii_digit()) {
            frame(&mut h, vec![Event::Text(part.into())]);
        } else {
            compose(&mut h, "nian", part);
        }
    }
    h.settle();
    assert_eq!(value(&h, "日期 *"), "2026年3月5日");
    assert!(
        h.query_by_label_contains("日期：").is_none(),
        "the date is understood"
    );
}

#[test]
fn the_unit_form_takes_composed_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut h) = app_with_demo(dir.path(), 1400.0);
    h.get_by_label("单位与联络表").click();
    h.settle();
    h.get_by_label("新增单位").click();
    h.settle();
    focus(&mut h, "单位名称 *");
    compose(&mut h, "xinhe", "新河");
    compose(&mut h, "jiedao", "街道");
    assert_eq!(value(&h, "单位名称 *"), "新河街道");
}

#[test]
fn the_first_run_dialog_takes_a_composed_name_and_enter_that_commits_does_not_submit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let mut h = app_at(&path, egui::vec2(1280.0, 800.0));
    h.settle();
    focus(&mut h, "本单位名称");
    compose(&mut h, "xinhe", "新河");
    compose_open(&mut h, "jiedao", "街道");
    frame(&mut h, vec![preedit(""), commit("街道"), key(Key::Enter)]);
    h.settle();
    assert_eq!(value(&h, "本单位名称"), "新河街道");
    h.get_by_label("本单位名称");
    assert_eq!(
        Store::open(&path).unwrap().unit_name().unwrap(),
        None,
        "not submitted by the Enter that committed"
    );
}
