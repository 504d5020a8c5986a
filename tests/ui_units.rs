//! Units and the 联络表 through the real window: a unit and its contacts entered in the form
//! (a bad mobile named), the form exported and read back, the submission recorded.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use common::{app_with_demo, step_until, type_into};
use egui_kittest::kittest::Queryable;
use volunteer_ledger::store::Store;

#[test]
fn a_unit_and_its_contacts_are_entered_exported_and_the_submission_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    harness.get_by_label("单位与联络表").click();
    harness.settle();
    harness.get_by_label_contains("年联络表");
    harness.get_by_label("新增单位").click();
    harness.settle();
    harness.get_by_label("单位名称：请填写");
    type_into(&mut harness, "单位名称 *", "第九社区居委会");
    type_into(&mut harness, "分管领导姓名", "王玥");
    type_into(&mut harness, "分管领导职务", "副主任");
    type_into(&mut harness, "具体负责同志姓名", "李喆");
    type_into(&mut harness, "具体负责同志手机", "1391234567");
    harness.get_by_label("具体负责同志手机：手机号码应为11位数字，以13～19开头");
    type_into(&mut harness, "具体负责同志手机", "13912345678");
    type_into(&mut harness, "具体负责同志电子邮箱", "dj9@tj.gov.cn");
    harness.get_by_label("保存单位").click();
    harness.settle();
    harness.get_by_label("已保存单位“第九社区居委会”。");

    type_into(&mut harness, "查找单位", "第九社区");
    harness.get_by_label("共 1 个单位");
    harness.get_by_label("第九社区居委会").click();
    harness.settle();
    harness.get_by_label("导出联络表…").click();
    harness.settle();
    harness.get_by_label("选中的单位（第九社区居委会）");
    let out_dir = dir.path().join("导出");
    std::fs::create_dir_all(&out_dir).unwrap();
    type_into(&mut harness, "保存到文件夹", &out_dir.display().to_string());
    type_into(&mut harness, "文件名", "第九社区联络表");
    harness.get_by_label("生成联络表").click();
    let file = out_dir.join("第九社区联络表.pdf");
    step_until(&mut harness, "the PDF", |h| {
        h.query_by_label_contains("已生成 1 个单位的联络表")
            .is_some()
    });
    assert!(file.exists());
    harness.settle();
    harness.get_by_label("打印");
    harness.get_by_label("打开所在文件夹");
    let text = pdf_extract::extract_text(&file).unwrap();
    for v in [
        "第九社区居委会",
        "王玥",
        "李喆",
        "13912345678",
        "dj9@tj.gov.cn",
    ] {
        assert!(text.contains(v), "{v}");
    }

    harness.get_by_label("登记报送…").click();
    harness.settle();
    harness.get_by_label("登记").click();
    harness.settle();
    harness.get_by_label("2026年联络表已于2026年11月29日以传真报送。");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.submissions_of(2026, "负责人联络表").unwrap().len(), 2);

    // To the recycle bin and back.
    harness.get_by_label("第九社区居委会").click();
    harness.settle();
    harness.get_by_label("删除单位").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    harness.get_by_label("共 0 个单位");
    harness.get_by_label("单位回收站").click();
    harness.settle();
    harness.get_by_label("回收站：已删除的单位");
    harness.get_by_label("第九社区居委会").click();
    harness.settle();
    harness.get_by_label("恢复单位").click();
    harness.settle();
    harness.get_by_label("返回列表").click();
    harness.settle();
    harness.get_by_label("共 1 个单位");
}

#[test]
fn a_certificate_is_issued_for_a_volunteer_and_reprinted_from_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let before = store.certificate_count("").unwrap();
    harness.get_by_label("SF0000001").click();
    harness.settle();
    harness.get_by_label("出具记录证明…").click();
    harness.settle();
    harness.get_by_label("负责人：请填写（证明须由负责人签字）");
    type_into(&mut harness, "服务起始日期", "2020-1-1");
    type_into(&mut harness, "负责人", "王主任");
    type_into(&mut harness, "经办人", "李干事");
    let out = dir.path().join("证明");
    std::fs::create_dir_all(&out).unwrap();
    type_into(&mut harness, "保存到文件夹", &out.display().to_string());
    harness.get_by_label("出具证明").click();
    step_until(&mut harness, "the certificate", |h| {
        h.query_by_label_contains("已生成志愿服务记录证明")
            .is_some()
    });
    assert_eq!(store.certificate_count("").unwrap(), before + 1);
    let issued = store.certificate_page("SF0000001", 0, 1).unwrap().remove(0);
    let file = out.join(format!("志愿服务记录证明-{}.pdf", issued.serial));
    assert!(file.exists());
    let text = pdf_extract::extract_text(&file).unwrap();
    assert!(text.contains("SF0000001") && text.contains(&issued.serial) && text.contains("王主任"));
    harness.settle();
    harness.get_by_label("打印");

    // The register finds it and prints it again under the same number.
    std::fs::remove_file(&file).unwrap();
    harness.get_by_label("证明登记簿…").click();
    harness.settle();
    type_into(&mut harness, "查找证明", &issued.serial);
    harness.get_by_label("找到 1 份证明");
    type_into(&mut harness, "重新打印到", &out.display().to_string());
    harness
        .get_by_label(&format!("重新打印{}", issued.serial))
        .click();
    step_until(&mut harness, "the reprint", |_| file.exists());
    assert_eq!(
        store.certificate_count("").unwrap(),
        before + 1,
        "no new number"
    );
}

#[test]
fn the_half_year_summary_is_edited_and_exported_from_the_report_pane() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    harness.get_by_label("统计与总结").click();
    harness.settle();
    harness.get_by_label("上半年").click();
    step_until(&mut harness, "the matrix", |h| {
        h.query_by_label("专业志愿服务开展情况（本单位职责按平均每月至少一次检查）")
            .is_some()
    });
    harness.get_by_label("2026年上半年工作总结").click();
    harness.settle();
    type_into(
        &mut harness,
        "存在的问题",
        "一是青年志愿者较少；二是宣传不够。",
    );
    harness.get_by_label("保存总结文字").click();
    harness.settle();
    harness.get_by_label("已保存“存在的问题”。");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        volunteer_ledger::export::summary::narrative(&store, "2026H1", "存在的问题")
            .unwrap()
            .as_deref(),
        Some("一是青年志愿者较少；二是宣传不够。")
    );
    let out = dir.path().join("总结");
    std::fs::create_dir_all(&out).unwrap();
    type_into(&mut harness, "保存到文件夹", &out.display().to_string());
    harness.get_by_label("Word 文档").click();
    harness.settle();
    harness.get_by_label("导出工作总结").click();
    step_until(&mut harness, "the summary", |h| {
        h.query_by_label_contains("已生成《").is_some()
    });
    let file = out.join("滨海新区示范街道办事处2026年上半年志愿服务工作总结.docx");
    assert!(file.exists());
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(&file).unwrap())
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("一是青年志愿者较少；二是宣传不够。"));
    assert!(xml.contains("一、基本情况"));
}
