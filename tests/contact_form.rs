//! The 联络表 written as PDF, DOCX and XLSX and read back: every contact is in each file, a
//! name with rare characters survives, the header repeats and rows stay whole; the contact
//! history gives the person valid on a past date.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use std::io::Read;

use calamine::{Data, Reader};
use volunteer_ledger::export::contact_form::{self, ContactFormData};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::units::{Unit, UnitContact};

fn contact(leader: &str, person: &str, mobile: &str) -> UnitContact {
    UnitContact {
        leader_name: leader.into(),
        leader_title: "副主任".into(),
        leader_office_phone: "022-25301234".into(),
        leader_mobile: "13800001111".into(),
        department: "党群办".into(),
        contact_name: person.into(),
        contact_title: "科员".into(),
        contact_office_phone: "022-25305678".into(),
        contact_mobile: mobile.into(),
        contact_fax: "022-25309999".into(),
        contact_email: "dangqun@tj.gov.cn".into(),
        remark: "周末值班".into(),
        ..Default::default()
    }
}

/// A database with `n` units, each with contacts; the first has rare characters and history.
fn setup(dir: &std::path::Path, n: usize) -> (Store, Vec<String>) {
    let mut store = Store::open(&dir.join("units.sqlite")).unwrap();
    store
        .set_setting(
            volunteer_ledger::store::settings::keys::UNIT_NAME,
            "示范街道办事处",
        )
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let mut unit = Unit {
            name: format!("第{:02}社区居委会", i + 1),
            kind: "村居（社区）".into(),
            ..Default::default()
        };
        let mut c = if i == 0 {
            contact("王玥", "李喆", "13912345678")
        } else {
            contact(
                &format!("领导{i}"),
                &format!("联系人{i}"),
                &format!("139{:08}", i),
            )
        };
        store
            .save_unit_with_contact(&mut unit, Some(&mut c), d(2025, 1, 1))
            .unwrap();
        ids.push(unit.meta.id);
    }
    // The first unit's contact person changed on 2026-03-01.
    let mut unit: Unit = store.get(&ids[0]).unwrap();
    let mut c = contact("王玥", "赵堃", "13700000000");
    store
        .save_unit_with_contact(&mut unit, Some(&mut c), d(2026, 3, 1))
        .unwrap();
    (store, ids)
}

fn pdf_text(path: &std::path::Path) -> String {
    pdf_extract::extract_text(path).unwrap()
}

fn docx_xml(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn xlsx_cells(path: &std::path::Path) -> Vec<String> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("联络表").unwrap();
    range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            Data::Float(f) => Some(f.to_string()),
            Data::Int(i) => Some(i.to_string()),
            _ => None,
        })
        .collect()
}

fn every_value(data: &ContactFormData) -> Vec<String> {
    data.lines
        .iter()
        .flat_map(|l| std::iter::once(l.unit.clone()).chain(l.values.iter().cloned()))
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn contact_history_gives_the_person_valid_on_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = setup(dir.path(), 2);
    let on = |store: &Store, date| {
        store
            .contact_on(&ids[0], date)
            .unwrap()
            .unwrap()
            .contact_name
    };
    assert_eq!(on(&store, d(2025, 6, 1)), "李喆");
    assert_eq!(on(&store, d(2026, 2, 28)), "李喆");
    assert_eq!(on(&store, d(2026, 3, 1)), "赵堃");
    assert_eq!(on(&store, d(2026, 11, 29)), "赵堃");
    assert!(
        store
            .contact_on(&ids[0], d(2024, 12, 31))
            .unwrap()
            .is_none()
    );
    let history = store.contact_history(&ids[0]).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[1].valid_to,
        Some(d(2026, 3, 1)),
        "the old version ends"
    );
    // Saving the same people again makes no new version.
    let mut unit: Unit = store.get(&ids[0]).unwrap();
    let mut same = contact("王玥", "赵堃", "13700000000");
    store
        .save_unit_with_contact(&mut unit, Some(&mut same), d(2026, 6, 1))
        .unwrap();
    assert_eq!(store.contact_history(&ids[0]).unwrap().len(), 2);
    // A form reprinted for a past date shows who was in charge then.
    let past = contact_form::collect(&store, &ids[..1], d(2025, 12, 1)).unwrap();
    assert_eq!(past.lines[0].values[5], "李喆");
    assert_eq!(
        past.issuer, "第01社区居委会",
        "one unit's form is stamped by that unit"
    );
}

#[test]
fn one_units_form_holds_every_field_in_pdf_docx_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path(), 3);
    let data = contact_form::collect(&store, &ids[..1], d(2026, 11, 29)).unwrap();
    assert!(data.is_single());
    let values = every_value(&data);
    assert!(values.contains(&"王玥".to_string()) && values.contains(&"赵堃".to_string()));
    for ext in ["pdf", "docx", "xlsx"] {
        let path = dir.path().join(format!("一个单位.{ext}"));
        contact_form::write(&data, &path).unwrap();
        let text = match ext {
            "pdf" => pdf_text(&path),
            "docx" => docx_xml(&path),
            _ => xlsx_cells(&path).join("\n"),
        };
        for v in &values {
            assert!(text.contains(v.as_str()), "{ext}: {v} missing");
        }
        for fixed in [
            "志愿服务工作负责人联络表",
            "填报单位（盖章）",
            "具体负责同志手机",
        ] {
            assert!(text.contains(fixed), "{ext}: {fixed} missing");
        }
        assert!(text.contains("2026年"), "{ext}: date line");
    }
    let pdf = pdf_text(&dir.path().join("一个单位.pdf"));
    assert!(pdf.contains("第 1 页 共 1 页"), "one unit fits one page");
}

#[test]
fn sixty_units_span_pages_with_the_header_on_each() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = setup(dir.path(), 60);
    let data = contact_form::collect(&store, &[], d(2026, 11, 29)).unwrap();
    assert_eq!(data.lines.len(), 60);
    let path = dir.path().join("全部单位.pdf");
    contact_form::write(&data, &path).unwrap();
    let text = pdf_text(&path);
    let pages = text.matches("页 共").count();
    assert!(pages >= 3, "{pages} pages");
    assert!(text.contains(&format!("第 {pages} 页 共 {pages} 页")));
    // The header is on every page.
    assert_eq!(text.matches("具体负责同志").count(), pages);
    for v in every_value(&data) {
        assert!(text.contains(v.as_str()), "{v} missing");
    }
    // Each unit's row is whole on one page: its name and its contact's mobile are on the same
    // page.
    let page_texts: Vec<&str> = (1..=pages)
        .map(|n| {
            let end = text.find(&format!("第 {n} 页 共")).unwrap();
            let start = if n == 1 {
                0
            } else {
                text.find(&format!("第 {} 页 共", n - 1)).unwrap()
            };
            &text[start..end]
        })
        .collect();
    for line in &data.lines {
        let on_page = page_texts
            .iter()
            .position(|p| p.contains(line.unit.as_str()))
            .unwrap();
        assert!(
            page_texts[on_page].contains(line.values[8].as_str()),
            "{}",
            line.unit
        );
    }
    // DOCX: header rows repeat (w:tblHeader) and rows do not split.
    let docx = dir.path().join("全部单位.docx");
    contact_form::write(&data, &docx).unwrap();
    let xml = docx_xml(&docx);
    assert_eq!(xml.matches("<w:tblHeader").count(), 2);
    assert_eq!(xml.matches("<w:cantSplit").count(), 60);
    for v in every_value(&data) {
        assert!(xml.contains(v.as_str()), "docx: {v} missing");
    }
    // XLSX: every value, landscape A4 with the header rows repeated.
    let xlsx = dir.path().join("全部单位.xlsx");
    contact_form::write(&data, &xlsx).unwrap();
    let cells = xlsx_cells(&xlsx);
    for v in every_value(&data) {
        assert!(cells.contains(&v), "xlsx: {v} missing");
    }
    let file = std::fs::File::open(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""));
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    assert!(book.contains("_xlnm.Print_Titles"));
}

#[test]
fn a_bad_file_name_is_refused_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path(), 1);
    let data = contact_form::collect(&store, &ids, d(2026, 11, 29)).unwrap();
    let bad = dir.path().join("联络表.txt");
    let e = contact_form::write(&data, &bad).unwrap_err();
    assert!(e.to_string().contains("请用 .pdf、.docx 或 .xlsx"));
    assert!(!bad.exists());
    let missing = dir.path().join("没有的文件夹").join("联络表.pdf");
    assert!(contact_form::write(&data, &missing).is_err());
    assert!(!missing.exists());
    let e = contact_form::units_named(&store, &["不存在的单位".to_string()]).unwrap_err();
    assert!(e.to_string().contains("没有名为“不存在的单位”的单位"));
}

#[test]
fn a_certificate_is_numbered_registered_and_shows_the_service_of_its_period() {
    use volunteer_ledger::store::activities::Activity;
    use volunteer_ledger::store::certificates::CertificateRequest;
    use volunteer_ledger::store::volunteers::Volunteer;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = setup(dir.path(), 1);
    let mut v = Volunteer {
        number: "SF0000009".into(),
        name: "赵堃".into(),
        gender: "男".into(),
        id_type: "居民身份证".into(),
        id_number: "110105194912310037".into(),
        mobile: "13800000009".into(),
        status: "在册".into(),
        registered_on: d(2025, 1, 1),
        ..Default::default()
    };
    store.insert(&mut v).unwrap();
    for (title, date, tenths, status) in [
        ("清明文明祭扫劝导", d(2026, 4, 5), 25, "已完成"),
        ("学雷锋：清扫楼道", d(2026, 5, 9), 20, "已完成"),
        ("取消的活动", d(2026, 5, 20), 30, "已取消"),
        ("期间以外的活动", d(2026, 8, 1), 40, "已完成"),
    ] {
        let mut a = Activity {
            title: title.into(),
            category: "文明祭扫".into(),
            location: "福州道".into(),
            date,
            status: status.into(),
            ..Default::default()
        };
        store
            .save_activity(
                &mut a,
                &[(
                    v.meta.id.clone(),
                    volunteer_ledger::domain::hours::Tenths(tenths),
                )],
            )
            .unwrap();
    }
    let request = |from, to| CertificateRequest {
        volunteer_id: v.meta.id.clone(),
        from,
        to,
        leader: "王主任".into(),
        handler: "李干事".into(),
        remark: String::new(),
        issued_on: d(2026, 11, 29),
    };
    let first = store
        .issue_certificate(&request(d(2026, 1, 1), d(2026, 6, 30)))
        .unwrap();
    assert_eq!(
        first.hours.0, 45,
        "cancelled and out-of-period service left out"
    );
    let second = store
        .issue_certificate(&request(d(2026, 1, 1), d(2026, 12, 31)))
        .unwrap();
    assert_eq!(second.hours.0, 85);
    assert_ne!(first.serial, second.serial);
    assert!(first.serial.ends_with("-2026-0001") && second.serial.ends_with("-2026-0002"));
    let e = store
        .issue_certificate(&request(d(2024, 1, 1), d(2024, 12, 31)))
        .unwrap_err();
    assert!(e.to_string().contains("没有服务记录"));
    assert!(
        store
            .issue_certificate(&request(d(2026, 6, 1), d(2026, 1, 1)))
            .is_err()
    );
    // The register: searched by name, serial or number, newest first.
    assert_eq!(store.certificate_count("赵堃").unwrap(), 2);
    assert_eq!(store.certificate_count(&first.serial).unwrap(), 1);
    let rows = store.certificate_page("SF0000009", 0, 10).unwrap();
    assert_eq!(rows[0].serial, second.serial);
    // The PDF holds the four blocks.
    let data = store.certificate_data(&first.meta.id).unwrap();
    assert_eq!(data.services.len(), 2);
    let path = dir.path().join("证明.pdf");
    volunteer_ledger::export::certificate::write(&data, &path).unwrap();
    let text = pdf_text(&path);
    for v in [
        "志愿服务记录证明",
        "赵堃",
        "SF0000009",
        "110105194912310037",
        "清明文明祭扫劝导",
        "学雷锋：清扫楼道",
        "4.5",
        &first.serial,
        "王主任",
        "李干事",
        "示范街道办事处",
        "出具单位（盖章）",
        "负责人（签字）",
        "2026年1月1日至2026年6月30日",
    ] {
        assert!(text.contains(v), "{v} missing");
    }
    assert!(!text.contains("取消的活动") && !text.contains("期间以外的活动"));
}
