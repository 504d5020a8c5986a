//! Small spreadsheets that claim or unpack to huge ones (issue 18): each refused by the import,
//! also with `--dry-run`, with a Chinese message that says which bound and where, and the
//! command's peak memory stays under 100 MB (measured on Linux from the child's rusage).

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(target_os = "linux", allow(unsafe_code))]

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

/// Writes one part of a workbook.
type Part<'a> = &'a mut dyn FnMut(&mut dyn Write);

/// The parts of a minimal workbook around one worksheet (and optional shared strings).
fn xlsx(path: &Path, sheet: &mut dyn FnMut(&mut dyn Write), shared: Option<Part<'_>>) {
    xlsx_sized(path, true, sheet, shared)
}

/// [`xlsx`], with 32-bit sizes in the headers when `large` is false.
fn xlsx_sized(
    path: &Path,
    large: bool,
    sheet: &mut dyn FnMut(&mut dyn Write),
    shared: Option<Part<'_>>,
) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let o = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(large);
    let strings_type = if shared.is_some() {
        r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
    } else {
        ""
    };
    z.start_file("[Content_Types].xml", o).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{strings_type}</Types>"#).unwrap();
    z.start_file("_rels/.rels", o).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).unwrap();
    z.start_file("xl/workbook.xml", o).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#).unwrap();
    z.start_file("xl/_rels/workbook.xml.rels", o).unwrap();
    let strings_rel = if shared.is_some() {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
    } else {
        ""
    };
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{strings_rel}</Relationships>"#).unwrap();
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    sheet(&mut z);
    if let Some(shared) = shared {
        z.start_file("xl/sharedStrings.xml", o).unwrap();
        shared(&mut z);
    }
    z.finish().unwrap();
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

fn cell(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A roster header and one person, then whatever `more` adds, in sheet XML.
fn sheet_with(dimension: &str, more: &str) -> String {
    format!(
        r#"{SHEET_HEAD}<dimension ref="{dimension}"/><sheetData><row r="1">{}{}</row><row r="2">{}{}</row>{more}</sheetData></worksheet>"#,
        cell("A1", "姓名"),
        cell("B1", "证件号码"),
        cell("A2", "王玥"),
        cell("B2", "120116199003050113"),
    )
}

/// Rewrites the unpacked size a zip declares for `part` (its local header and its entry in the
/// central directory) to `size`: a part that lies about its size.
fn declare_size(path: &Path, part: &str, size: u32) {
    let mut b = std::fs::read(path).unwrap();
    let name = part.as_bytes();
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let mut patched = 0;
    for i in 0..b.len().saturating_sub(46) {
        let (size_at, name_at, len) = match &b[i..i + 4] {
            b"PK\x03\x04" => (i + 22, i + 30, u16_at(&b, i + 26)),
            b"PK\x01\x02" => (i + 24, i + 46, u16_at(&b, i + 28)),
            _ => continue,
        };
        if b.get(name_at..name_at + len) == Some(name) {
            b[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{part}: local header and directory entry");
    std::fs::write(path, b).unwrap();
}

/// An .xls container whose workbook stream declares the whole sheet and has cells at both
/// ends of it.
fn xls(path: &Path) {
    let mut c = cfb::create(path).unwrap();
    let mut s = c.create_stream("/Workbook").unwrap();
    let mut record = |typ: u16, body: &[u8]| {
        s.write_all(&typ.to_le_bytes()).unwrap();
        s.write_all(&(body.len() as u16).to_le_bytes()).unwrap();
        s.write_all(body).unwrap();
    };
    record(
        0x0809,
        &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    let mut dims = Vec::new();
    dims.extend(0u32.to_le_bytes());
    dims.extend(65536u32.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    dims.extend(256u16.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    record(0x0200, &dims);
    for (r, c) in [(0u16, 0u16), (65535, 255)] {
        let mut number = Vec::new();
        number.extend(r.to_le_bytes());
        number.extend(c.to_le_bytes());
        number.extend(0u16.to_le_bytes());
        number.extend(1.0f64.to_le_bytes());
        record(0x0203, &number);
    }
    record(0x000A, &[]);
}

/// The largest resident size of any child waited for so far, in bytes.
#[cfg(target_os = "linux")]
fn children_peak() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as u64 * 1024
}

#[cfg(not(target_os = "linux"))]
fn children_peak() -> u64 {
    0
}

#[test]
fn small_spreadsheets_claiming_huge_ones_are_refused_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite");
    let exe = env!("CARGO_BIN_EXE_volunteer-ledger");
    // The files stay in the corpus folder, to be opened and timed by hand.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/sheets");
    std::fs::create_dir_all(&corpus).unwrap();
    let at = |name: &str| corpus.join(name);

    // Two cells spanning the whole sheet.
    xlsx(
        &at("两角.xlsx"),
        &mut |w| {
            write!(
                w,
                "{}",
                sheet_with(
                    "A1:XFD1048576",
                    &format!(r#"<row r="1048576">{}</row>"#, cell("XFD1048576", "x"))
                )
            )
            .unwrap()
        },
        None,
    );
    // A declared dimension of the whole sheet over a small roster: read as what it holds.
    xlsx(
        &at("声明.xlsx"),
        &mut |w| write!(w, "{}", sheet_with("A1:XFD1048576", "")).unwrap(),
        None,
    );
    // A sheet part that unpacks to 300 MB of spaces.
    xlsx(
        &at("炸弹.xlsx"),
        &mut |w| {
            write!(w, "{SHEET_HEAD}<sheetData>").unwrap();
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..300 {
                w.write_all(&spaces).unwrap();
            }
            write!(w, "</sheetData></worksheet>").unwrap();
        },
        None,
    );
    // A sheet part that unpacks to 50 MB of spaces and says it holds 1,000 bytes.
    xlsx_sized(
        &at("谎报.xlsx"),
        false,
        &mut |w| {
            write!(w, "{SHEET_HEAD}<sheetData>").unwrap();
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..50 {
                w.write_all(&spaces).unwrap();
            }
            write!(w, "</sheetData></worksheet>").unwrap();
        },
        None,
    );
    declare_size(&at("谎报.xlsx"), "xl/worksheets/sheet1.xml", 1_000);
    // Six million tiny shared strings.
    xlsx(
        &at("共享字符串.xlsx"),
        &mut |w| write!(w, "{}", sheet_with("A1:B2", "")).unwrap(),
        Some(&mut |w: &mut dyn Write| {
            write!(w, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#).unwrap();
            let block = "<si><t>a</t></si>".repeat(10_000);
            for _ in 0..600 {
                w.write_all(block.as_bytes()).unwrap();
            }
            write!(w, "</sst>").unwrap();
        }),
    );
    // A cell past 32,767 characters.
    xlsx(
        &at("长格.xlsx"),
        &mut |w| {
            write!(
                w,
                "{}",
                sheet_with(
                    "A1:C3",
                    &format!(r#"<row r="3">{}</row>"#, cell("C3", &"玥".repeat(40_000)))
                )
            )
            .unwrap()
        },
        None,
    );
    xls(&at("两角.xls"));
    // CSV: too many columns; two encodings pasted together.
    std::fs::write(
        at("宽.csv"),
        format!("姓名,证件号码{}\n王玥,1\n", ",x".repeat(300)),
    )
    .unwrap();
    let mut mixed = "姓名,证件号码\n王玥,120116199003050113\n"
        .as_bytes()
        .to_vec();
    mixed.extend(
        encoding_rs::GBK
            .encode("李喆,120116199003050113\n")
            .0
            .iter(),
    );
    std::fs::write(at("混杂.csv"), mixed).unwrap();

    let cases = [
        ("两角.xlsx", "列的上限"),
        ("炸弹.xlsx", "压缩炸弹"),
        ("谎报.xlsx", "解压后比文件自己声明的还大"),
        ("共享字符串.xlsx", "个共享字符串，读入需要超过 256 MB"),
        ("长格.xlsx", "每格 32767 字的上限"),
        ("两角.xls", "范围过大"),
        ("宽.csv", "列的上限"),
        ("混杂.csv", "第 3 行起不是 UTF-8"),
    ];
    for (file, expect) in cases {
        for dry in [true, false] {
            let mut cmd = std::process::Command::new(exe);
            cmd.arg("--db")
                .arg(&db)
                .args(["import", "volunteers"])
                .arg(at(file));
            if dry {
                cmd.arg("--dry-run");
            }
            let out = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{file}: imported");
            assert!(
                err.contains(expect),
                "{file}: expected “{expect}” in: {err}"
            );
            let peak = children_peak();
            assert!(peak < 100 << 20, "{file}: peak {} MB", peak >> 20);
        }
    }
    // The declared whole-sheet dimension is not trusted: the two rows it holds are read.
    let out = std::process::Command::new(exe)
        .arg("--db")
        .arg(&db)
        .args(["import", "volunteers", "--dry-run", "--json"])
        .arg(at("声明.xlsx"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("\"new\":1"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(children_peak() < 100 << 20);
    // Nothing was written: no volunteer in the ledger (the file, if made, is a new one).
    if db.exists() {
        let store = volunteer_ledger::store::Store::open(&db).unwrap();
        let register = store
            .count_live(volunteer_ledger::store::meta::Table::Volunteers)
            .unwrap();
        assert_eq!(register, 0);
    }
}

/// Rows whose cells come out of order (a row after the header rows, then one before it again)
/// are checked as they stand in the end: the early judging while reading is dropped.
#[test]
fn rows_out_of_order_are_checked_as_they_stand_at_the_end() {
    use volunteer_ledger::export::import;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("乱序.xlsx");
    let mut rows = String::new();
    rows.push_str(&format!(
        r#"<row r="1">{}{}</row>"#,
        cell("A1", "姓名"),
        cell("B1", "证件号码")
    ));
    // Past one batch of cells, so rows are judged before the one that goes back arrives.
    for r in 2..3_000 {
        rows.push_str(&format!(
            r#"<row r="{r}">{}{}</row>"#,
            cell(&format!("A{r}"), "王玥"),
            cell(&format!("B{r}"), &format!("x{r}"))
        ));
    }
    // Row 5 again, after row 2999: its name becomes one with a digit.
    rows.push_str(&format!(r#"<row r="5">{}</row>"#, cell("A5", "王1")));
    let xml = format!(r#"{SHEET_HEAD}<sheetData>{rows}</sheetData></worksheet>"#);
    xlsx(&path, &mut |w| write!(w, "{xml}").unwrap(), None);
    let store = volunteer_ledger::store::Store::open(&dir.path().join("l.sqlite")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let (file, early) = import::read_and_check(&store, &path, today).unwrap();
    let late = import::check(&store, &file, today).unwrap();
    assert_eq!(early, late);
    let row5: Vec<String> = early
        .problems()
        .filter(|p| p.row == 5)
        .map(|p| p.reason.clone())
        .collect();
    assert!(
        row5.iter().any(|r| r.contains("姓名中不能有数字")),
        "{row5:?}"
    );
}
