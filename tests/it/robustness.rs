//! Reading what offices really have, and never crashing on it (issue 11): a small reproducer
//! for each class of file that used to fall over, built here byte by byte (zip for xlsx/ods,
//! the `cfb` crate or hand-assembled sectors for xls), each with its exact outcome: the
//! figures, or exit 2 and the Vietnamese message. Runs that could exhaust memory go through
//! the fuzz program's runner (an address-space limit, a timeout, the peak RSS measured).
//! Set ROBUST_DUMP=dir and run the ignored `dump_reproducers` to write them all to disk.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

#[allow(dead_code)]
#[path = "../../src/bin/tiendo-fuzz/run.rs"]
mod run;

// ---- the task table every reproducer holds ----

const HEADER: [&str; 6] = [
    "STT",
    "Nội dung",
    "Đơn vị chủ trì",
    "Ngày giao",
    "Hạn xử lý",
    "Ngày hoàn thành",
];
const TASKS: [[&str; 6]; 3] = [
    [
        "1",
        "Việc A",
        "Sở Y tế",
        "01/02/2025",
        "28/02/2025",
        "20/02/2025",
    ],
    ["2", "Việc B", "Sở Y tế", "01/03/2025", "31/03/2025", ""],
    ["3", "Việc C", "Sở Tư pháp", "05/03/2025", "30/06/2025", ""],
];

fn table() -> Vec<Vec<&'static str>> {
    let mut rows = vec![HEADER.to_vec()];
    rows.extend(TASKS.iter().map(|r| r.to_vec()));
    rows
}

fn counts(total: u64, on_time: u64, late: u64, within: u64, overdue: u64) -> Value {
    json!({
        "total": total, "completed": on_time + late, "on_time": on_time, "late": late,
        "not_completed": within + overdue, "within": within, "overdue": overdue, "no_deadline": 0
    })
}

/// The table's figures for 2025 at cut-off 30/04/2025, by hand: Việc A completed 20/02 before
/// its deadline 28/02 (on time); Việc B's deadline 31/03 passed without completion (overdue);
/// Việc C's deadline 30/06 is after the cut-off (within). Agencies sorted by name.
fn table_rows() -> Value {
    let row = |key: &str, c: Value| {
        let mut c = c;
        c.as_object_mut().unwrap().insert("key".into(), json!(key));
        c
    };
    json!([
        row("Sở Tư pháp", counts(1, 0, 0, 1, 0)),
        row("Sở Y tế", counts(2, 1, 0, 0, 1)),
    ])
}

const ADDRESS_SPACE: u64 = 3 << 30;

fn tiendo(args: &[String]) -> run::Outcome {
    run::run(
        env!("CARGO_BIN_EXE_tiendo"),
        args,
        ADDRESS_SPACE,
        Duration::from_secs(120),
    )
}

fn figures(files: &[&Path]) -> run::Outcome {
    let mut args = vec!["figures".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(
        [
            "--period",
            "2025",
            "--as-of",
            "2025-04-30",
            "--format",
            "json",
        ]
        .map(String::from),
    );
    tiendo(&args)
}

fn check(files: &[&Path]) -> run::Outcome {
    let mut args = vec!["check".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.push("--skip-unreadable".into());
    tiendo(&args)
}

/// Figures that must be the table's, read in well under 300 MB.
fn assert_table_figures(file: &Path) {
    let out = figures(&[file]);
    assert_eq!(
        out.ending,
        run::Ending::Exit(0),
        "{}: {}",
        file.display(),
        out.stderr
    );
    let got: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(got["rows"], table_rows(), "{}", file.display());
    assert_eq!(got["excluded"], json!(0), "{}", file.display());
    assert!(
        out.peak_rss_kb < 300 * 1024,
        "{}: {} KB",
        file.display(),
        out.peak_rss_kb
    );
}

/// Exit 2 with a message naming the file and saying `words`, in bounded memory.
fn assert_refused(file: &Path, words: &str) -> run::Outcome {
    let out = figures(&[file]);
    assert_eq!(
        out.ending,
        run::Ending::Exit(2),
        "{}: {}",
        file.display(),
        out.stderr
    );
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(out.stderr.contains(name), "no file name in: {}", out.stderr);
    assert!(
        out.stderr.contains(words),
        "expected «{words}» in: {}",
        out.stderr
    );
    assert!(
        out.peak_rss_kb < 300 * 1024,
        "{}: {} KB",
        file.display(),
        out.peak_rss_kb
    );
    out
}

/// The reproducer `name` gives the table's figures, and `check` lists `finding`.
fn assert_read_and_listed(name: &str, finding: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = reproducer(dir.path(), name);
    assert_table_figures(&file);
    let out = check(&[&file]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    assert!(
        out.stdout.contains(finding),
        "{name}: expected «{finding}» in:\n{}",
        out.stdout
    );
}

/// With `--skip-unreadable`, `bad` is listed as unreadable and the good file beside it counted.
fn assert_skipped_beside_a_good_file(dir: &Path, bad: &Path) {
    let good = reproducer(dir, "utf8-bom.csv");
    let out = check(&[bad, &good]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("Tệp không đọc được, bỏ qua (1)"),
        "{}",
        out.stdout
    );
    // The good file's three tasks are counted.
    assert!(
        out.stdout.contains("3 nhiệm vụ sau khi gộp trùng"),
        "{}",
        out.stdout
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn zip(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in members {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

// ---- xlsx ----

fn column(c: usize) -> String {
    let mut name = String::new();
    let mut n = c + 1;
    while n > 0 {
        name.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

/// A worksheet of inline strings; `reversed` writes each row's cells last column first.
fn sheet_xml(rows: &[Vec<&str>], reversed: bool, dimension: &str, extra_rows: &str) -> Vec<u8> {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>"#
    );
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, v)| {
                format!(
                    r#"<c r="{}{}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                    column(c),
                    r + 1
                )
            })
            .collect();
        if reversed {
            cells.reverse();
        }
        xml.push_str(&format!(r#"<row r="{}">{}</row>"#, r + 1, cells.concat()));
    }
    xml.push_str(extra_rows);
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

/// A sheet of an xlsx: a worksheet's XML, a chart sheet, or an Excel 4 macro sheet (which
/// holds cells, formulas of the macro language).
enum Part {
    Work(Vec<u8>),
    Chart,
    Macro,
}

/// A workbook of sheets.
fn xlsx(sheets: &[(&str, Part)]) -> Vec<u8> {
    xlsx_with(sheets, Vec::new())
}

/// A workbook of sheets and other members (a shared-string table, …).
fn xlsx_with(sheets: &[(&str, Part)], extra: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let (mut types, mut entries, mut rels) = (String::new(), String::new(), String::new());
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        let sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        let (rel_type, content_type, part, body) = match xml {
            Part::Work(xml) => (
                format!("{ns}/worksheet"),
                format!("{sheet_type}.worksheet+xml"),
                format!("worksheets/sheet{n}.xml"),
                xml.clone(),
            ),
            Part::Chart => (
                format!("{ns}/chartsheet"),
                format!("{sheet_type}.chartsheet+xml"),
                format!("chartsheets/sheet{n}.xml"),
                br#"<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>"#.to_vec(),
            ),
            Part::Macro => (
                "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet".to_string(),
                "application/vnd.ms-excel.macrosheet+xml".to_string(),
                format!("macrosheets/sheet{n}.xml"),
                br#"<?xml version="1.0" encoding="UTF-8"?><xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1"><f>HALT()</f><v>1</v></c></row></sheetData></xm:macrosheet>"#.to_vec(),
            ),
        };
        types.push_str(&format!(
            r#"<Override PartName="/xl/{part}" ContentType="{content_type}"/>"#
        ));
        entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{rel_type}" Target="{part}"/>"#
        ));
        members.push((format!("xl/{part}"), body));
    }
    let mut all: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{types}</Types>"#).into_bytes()),
        ("_rels/.rels".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()),
        ("xl/workbook.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{ns}"><sheets>{entries}</sheets></workbook>"#).into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes()),
    ];
    all.extend(members);
    all.extend(extra);
    let borrowed: Vec<(&str, Vec<u8>)> = all.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    zip(&borrowed)
}

fn plain_xlsx() -> Vec<u8> {
    xlsx(&[(
        "Nhiệm vụ",
        Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
    )])
}

// ---- xlsb ----

/// An XLSB record: its type and size in the format's 7-bits-a-byte variable lengths.
fn brt(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = if typ < 0x80 {
        vec![typ as u8]
    } else {
        vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
    };
    let mut len = data.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            r.push(byte);
            break;
        }
        r.push(byte | 0x80);
    }
    r.extend_from_slice(data);
    r
}

/// XLWideString: a u32 count of UTF-16 code units, then the units.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// A one-sheet xlsb: the workbook (one BrtBundleSh naming rId1), and the sheet: BrtWsDim,
/// then per row a BrtRowHdr and a BrtCellSt (inline string) per cell; `extra` goes after the
/// last row.
fn xlsb(rows: &[Vec<&str>], extra: &[u8]) -> Vec<u8> {
    let u32s = |vs: &[u32]| vs.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>();
    let mut bundle = u32s(&[0, 1]);
    bundle.extend(wide("rId1"));
    bundle.extend(wide("Nhiệm vụ"));
    let workbook = [
        brt(0x0083, &[]),
        brt(0x008F, &[]),
        brt(0x009C, &bundle),
        brt(0x0090, &[]),
        brt(0x0084, &[]),
    ]
    .concat();
    let mut sheet = [
        brt(0x0081, &[]),
        brt(0x0094, &u32s(&[0, 3, 0, 5])),
        brt(0x0091, &[]),
    ]
    .concat();
    for (r, row) in rows.iter().enumerate() {
        let mut header = u32s(&[r as u32, 0]);
        header.extend([0u8; 9]);
        sheet.extend(brt(0x0000, &header));
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            let mut cell = u32s(&[c as u32, 0]);
            cell.extend(wide(v));
            sheet.extend(brt(0x0006, &cell));
        }
    }
    sheet.extend_from_slice(extra);
    sheet.extend([brt(0x0092, &[]), brt(0x0082, &[])].concat());
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip(&[
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#.to_vec()),
        ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument" Target="xl/workbook.bin"/></Relationships>"#).into_bytes()),
        ("xl/workbook.bin", workbook),
        ("xl/_rels/workbook.bin.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#).into_bytes()),
        ("xl/worksheets/sheet1.bin", sheet),
    ])
}

// ---- ods ----

/// content.xml for the table; `sep` goes between cells and rows (KSpread writes line breaks
/// and indentation there); `extra` is appended inside the table.
fn ods_content(sep: &str, extra: &str) -> Vec<u8> {
    let mut rows = String::new();
    for row in table() {
        rows.push_str(&format!("<table:table-row>{sep}"));
        for v in row {
            if v.is_empty() {
                rows.push_str(&format!("<table:table-cell/>{sep}"));
            } else {
                rows.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>{sep}"#
                ));
            }
        }
        rows.push_str(&format!("</table:table-row>{sep}"));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Nhiệm vụ">{sep}{rows}{extra}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
    .into_bytes()
}

fn ods(content: Vec<u8>, mimetype: bool, manifest_extra: &str) -> Vec<u8> {
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry></manifest:manifest>"#
    );
    let mut members = Vec::new();
    if mimetype {
        members.push((
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ));
    }
    members.push(("META-INF/manifest.xml", manifest.into_bytes()));
    members.push(("content.xml", content));
    zip(&members)
}

// ---- xls (BIFF8) ----

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend_from_slice(&(data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

/// LABEL (0x0204): row, column, XF 0, then the text as UTF-16 (cch, flags 1, code units).
fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut d = Vec::new();
    for v in [row, col, 0, units.len() as u16] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    d.push(1);
    for u in units {
        d.extend_from_slice(&u.to_le_bytes());
    }
    record(0x0204, &d)
}

fn bof(kind: u16) -> Vec<u8> {
    let mut d = Vec::new();
    for v in [0x0600u16, kind, 0x0DBB, 0x07CC, 0, 0, 0x0006, 0] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    record(0x0809, &d)
}

/// A sheet of an xls: its type in BoundSheet (0 worksheet, 1 macro, 2 chart) and records.
struct XlsSheet<'a> {
    name: &'a str,
    dt: u8,
    records: Vec<u8>,
}

fn table_records() -> Vec<u8> {
    let mut out = Vec::new();
    for (r, row) in table().iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                out.extend(label(r as u16, c as u16, v));
            }
        }
    }
    out
}

/// The workbook stream: globals (BOF, optional extra records, a BoundSheet per sheet, EOF),
/// then each sheet's substream (BOF, records, EOF) at the offset its BoundSheet names.
fn biff(sheets: &[XlsSheet<'_>], globals_extra: &[u8]) -> Vec<u8> {
    let boundsheet = |pos: u32, s: &XlsSheet<'_>| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, s.dt, s.name.chars().count() as u8, 1]);
        for u in s.name.encode_utf16() {
            d.extend_from_slice(&u.to_le_bytes());
        }
        record(0x0085, &d)
    };
    let mut globals = bof(0x0005);
    globals.extend_from_slice(globals_extra);
    let sizes: usize = sheets.iter().map(|s| boundsheet(0, s).len()).sum();
    let mut pos = globals.len() + sizes + 4;
    let mut bodies = Vec::new();
    for s in sheets {
        let kind = match s.dt {
            2 => 0x0020,
            1 => 0x0040,
            _ => 0x0010,
        };
        let mut body = bof(kind);
        body.extend_from_slice(&s.records);
        body.extend(record(0x000A, &[]));
        globals.extend(boundsheet(pos as u32, s));
        pos += body.len();
        bodies.push(body);
    }
    globals.extend(record(0x000A, &[]));
    for b in bodies {
        globals.extend(b);
    }
    globals
}

fn xls(stream: &[u8]) -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn table_xls(extra: &[u8]) -> Vec<u8> {
    let mut records = table_records();
    records.extend_from_slice(extra);
    xls(&biff(
        &[XlsSheet {
            name: "Nhiệm vụ",
            dt: 0,
            records,
        }],
        &[],
    ))
}

/// An OLE file of three sectors whose directory chain points at itself: header (512 bytes),
/// sector 0 the FAT (entry 0 = FAT sector, entry 1 = 1, the loop), sector 1 the directory.
fn looping_ole() -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    h[24..26].copy_from_slice(&0x003Eu16.to_le_bytes()); // minor version
    h[26..28].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little endian
    h[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    h[32..34].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    h[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    h[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory starts at sector 1
    h[56..60].copy_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    h[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no mini FAT
    h[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT sectors
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        h[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut fat = vec![0xFFu8; 512];
    fat[0..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    fat[4..8].copy_from_slice(&1u32.to_le_bytes());
    let mut dir = vec![0u8; 512];
    for (i, u) in "Root Entry".encode_utf16().enumerate() {
        dir[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
    }
    dir[64..66].copy_from_slice(&22u16.to_le_bytes());
    dir[66] = 5; // root storage
    dir[116..120].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h.extend(fat);
    h.extend(dir);
    h
}

/// An encrypted Office file: what Excel writes for a password-protected .xlsx (an OLE
/// container with EncryptionInfo and EncryptedPackage streams).
fn encrypted_xlsx() -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    file.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    file.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 600])
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

// ---- text ----

fn table_text(sep: &str) -> String {
    table()
        .iter()
        .map(|r| r.join(sep))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// The text as Excel's "CSV" writes it on Vietnamese Windows: windows-1258, where a letter with
/// a tone is its base letter (ơ, ê, … are single bytes) followed by the tone as a combining mark.
fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut split = String::new();
    for c in text.chars() {
        let nfd: String = c.to_string().nfd().collect();
        let base: String = nfd
            .chars()
            .filter(|m| !tones.contains(m))
            .collect::<String>()
            .nfc()
            .collect();
        split.push_str(&base);
        split.extend(nfd.chars().filter(|m| tones.contains(m)));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&split);
    assert!(!unmappable, "not representable in windows-1258: {text}");
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Every reproducer, by file name.
fn reproducers() -> Vec<(&'static str, Vec<u8>)> {
    let far = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let stray_ods = r#"<table:table-row table:number-rows-repeated="899996"><table:table-cell table:number-columns-repeated="6"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="99"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let mut dims = Vec::new();
    for v in [0u32, 65536] {
        dims.extend_from_slice(&v.to_le_bytes());
    }
    dims.extend([0, 0, 0, 1, 0, 0]);
    let dimensions = record(0x0200, &dims);
    let mut far_xls = dimensions.clone();
    far_xls.extend(label(65535, 255, "x"));
    vec![
        (
            "cells-out-of-order.xlsx",
            xlsx(&[(
                "Nhiệm vụ",
                Part::Work(sheet_xml(&table(), true, "A1:F4", "")),
            )]),
        ),
        (
            "chart-sheet.xlsx",
            xlsx(&[
                ("Biểu đồ", Part::Chart),
                (
                    "Nhiệm vụ",
                    Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
                ),
            ]),
        ),
        // 6.200 rows each with a cell at A and at XFD: 6.200 × 16.384 = 101.580.800 cells of
        // row width, over the 100 million a sheet may take, for 12.400 cells with data
        // (8.192 a cell, over 64).
        ("wide-rows.xlsx", {
            let rows: String = (7..6207)
                .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>a</t></is></c><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>"#))
                .collect();
            xlsx(&[(
                "Rộng",
                Part::Work(sheet_xml(&table(), false, "A1:XFD6206", &rows)),
            )])
        }),
        // A shared-string table claiming three billion strings (calamine reserved them: a
        // 72 GB allocation, the process aborted).
        (
            "string-count-claim.xlsx",
            xlsx_with(
                &[("Nhiệm vụ", Part::Work(sheet_xml(&table(), false, "A1:F4", "")))],
                vec![(
                    "xl/sharedStrings.xml".to_string(),
                    br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000000000" uniqueCount="3000000000"><si><t>x</t></si></sst>"#.to_vec(),
                )],
            ),
        ),
        // A cell reference at column ZZZZZZ, number 26·(26⁵+26⁴+26³+26²+26+1) = 321.272.406:
        // the row would be 7,7 GB wide.
        (
            "far-column.xlsx",
            xlsx(&[
                (
                    "Hỏng",
                    Part::Work(sheet_xml(
                        &[],
                        false,
                        "A1",
                        r#"<row r="1"><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>"#,
                    )),
                ),
                ("Nhiệm vụ", Part::Work(sheet_xml(&table(), false, "A1:F4", ""))),
            ]),
        ),
        (
            "macro-sheet.xlsm",
            xlsx(&[
                ("Macro1", Part::Macro),
                (
                    "Nhiệm vụ",
                    Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
                ),
            ]),
        ),
        (
            "same-name-twice.xlsx",
            xlsx(&[
                (
                    "Nhiệm vụ",
                    Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
                ),
                (
                    "Nhiệm vụ",
                    Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
                ),
            ]),
        ),
        (
            "bad-dimension.xlsx",
            xlsx(&[
                ("Hỏng", Part::Work(sheet_xml(&table(), false, "A1:!!", ""))),
                (
                    "Nhiệm vụ",
                    Part::Work(sheet_xml(&table(), false, "A1:F4", "")),
                ),
            ]),
        ),
        (
            "far-cell.xlsx",
            xlsx(&[(
                "Nhiệm vụ",
                Part::Work(sheet_xml(&table(), false, "A1:XFD1048576", far)),
            )]),
        ),
        ("macro-enabled.xlsm", plain_xlsx()),
        ("binary.xlsb", xlsb(&table(), &[])),
        // A shared-string cell (BrtCellIsst) naming string 7 of a workbook that has none:
        // calamine indexes its string table without a check and panics.
        (
            "bad-string-index.xlsb",
            xlsb(
                &table(),
                &brt(0x0007, &[0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0]),
            ),
        ),
        ("encrypted.xlsx", encrypted_xlsx()),
        ("libreoffice.ods", ods(ods_content("", ""), true, "")),
        ("kspread.ods", ods(ods_content("\n   ", ""), true, "")),
        ("google-sheets.ods", ods(ods_content("", ""), false, "")),
        ("stray-cell.ods", ods(ods_content("", stray_ods), true, "")),
        (
            "encrypted.ods",
            ods(ods_content("", ""), true, "<manifest:encryption-data/>"),
        ),
        ("looping-chain.xls", looping_ole()),
        ("far-cells.xls", table_xls(&far_xls)),
        (
            "chart-and-macro.xls",
            xls(&biff(
                &[
                    XlsSheet {
                        name: "Biểu đồ",
                        dt: 2,
                        records: Vec::new(),
                    },
                    XlsSheet {
                        name: "Macro1",
                        dt: 1,
                        records: label(0, 0, "=HALT()"),
                    },
                    XlsSheet {
                        name: "Nhiệm vụ",
                        dt: 0,
                        records: table_records(),
                    },
                ],
                &[],
            )),
        ),
        // Cells on a diagonal: after renumbering, 8000 rows × 256 columns (2.048.000 cells,
        // over the 2 million) in the first sheet, which is skipped; the table sheet is read.
        (
            "diagonal.xls",
            xls(&biff(
                &[
                    XlsSheet {
                        name: "Rải rác",
                        dt: 0,
                        records: (0..8000u16).flat_map(|i| label(i, i % 256, "x")).collect(),
                    },
                    XlsSheet {
                        name: "Nhiệm vụ",
                        dt: 0,
                        records: table_records(),
                    },
                ],
                &[],
            )),
        ),
        (
            "password.xls",
            xls(&biff(
                &[XlsSheet {
                    name: "Nhiệm vụ",
                    dt: 0,
                    records: table_records(),
                }],
                &record(0x002F, &[0, 0, 0x34, 0x12, 0x78, 0x56]),
            )),
        ),
        (
            "utf8-bom.csv",
            [b"\xEF\xBB\xBF".as_slice(), table_text(";").as_bytes()].concat(),
        ),
        ("unicode-text.txt", utf16(&table_text("\t"), false)),
        ("utf16-be.csv", utf16(&table_text(","), true)),
        ("windows-1258.csv", windows_1258(&table_text(","))),
        ("tabs.tsv", table_text("\t").into_bytes()),
        (
            "no-table.txt",
            utf16("Ghi chú\r\nKhông có bảng nào ở đây\r\n", false),
        ),
    ]
}

fn reproducer(dir: &Path, name: &str) -> PathBuf {
    let (_, bytes) = reproducers()
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no reproducer {name}"));
    write(dir, name, &bytes)
}

#[test]
#[ignore = "writes the reproducers to $ROBUST_DUMP, for measuring other builds"]
fn dump_reproducers() {
    let dir = PathBuf::from(std::env::var("ROBUST_DUMP").expect("ROBUST_DUMP=dir"));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in reproducers() {
        write(&dir, name, &bytes);
    }
}

// ---- the classes of issue 11, each with its outcome ----

#[test]
fn xlsx_cells_out_of_column_order_are_read() {
    let dir = tempfile::tempdir().unwrap();
    assert_table_figures(&reproducer(dir.path(), "cells-out-of-order.xlsx"));
}

#[test]
fn xlsm_and_xlsb_read_like_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    assert_table_figures(&reproducer(dir.path(), "macro-enabled.xlsm"));
    assert_table_figures(&reproducer(dir.path(), "binary.xlsb"));
}

/// A panic inside a reader (here calamine's, on a bad string index) is that file's error, in
/// Vietnamese with the detail in brackets; `--skip-unreadable` keeps the other files.
#[test]
fn a_panic_while_reading_is_the_files_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = reproducer(dir.path(), "bad-string-index.xlsb");
    assert_refused(
        &bad,
        "tiendo gặp lỗi khi đọc tệp này (tệp có thể bị hỏng) [",
    );
    let out = figures(&[&bad]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_skipped_beside_a_good_file(dir.path(), &bad);
}

/// Rows that all reach column XFD cost time, not memory: refused past 100 million cells of
/// row width that are mostly empty (100.000 such rows, a 700 KB file, took 100 s in a debug
/// build).
#[test]
fn rows_reaching_the_last_column_are_refused_past_the_width_budget() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_refused(
        &reproducer(dir.path(), "wide-rows.xlsx"),
        "sheet «Rộng» của «",
    );
    assert!(
        out.stderr.contains("quá 100 triệu ô cho một sheet"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_far_cell_and_a_whole_sheet_dimension_cost_no_memory() {
    let dir = tempfile::tempdir().unwrap();
    assert_table_figures(&reproducer(dir.path(), "string-count-claim.xlsx"));
    assert_table_figures(&reproducer(dir.path(), "far-cell.xlsx"));
    assert_table_figures(&reproducer(dir.path(), "stray-cell.ods"));
    assert_table_figures(&reproducer(dir.path(), "far-cells.xls"));
}

#[test]
fn chart_and_macro_sheets_are_skipped_and_listed() {
    assert_read_and_listed(
        "chart-sheet.xlsx",
        "sheet «Biểu đồ»: sheet biểu đồ (chart), không có bảng dữ liệu",
    );
    assert_read_and_listed(
        "macro-sheet.xlsm",
        "sheet «Macro1»: sheet macro, không có bảng dữ liệu",
    );
    assert_read_and_listed(
        "chart-and-macro.xls",
        "sheet «Biểu đồ»: sheet biểu đồ (chart), không có bảng dữ liệu",
    );
    assert_read_and_listed(
        "chart-and-macro.xls",
        "sheet «Macro1»: sheet macro, không có bảng dữ liệu",
    );
}

#[test]
fn an_xls_sheet_too_scattered_to_read_is_listed_and_the_others_are_read() {
    assert_read_and_listed(
        "diagonal.xls",
        "sheet «Rải rác»: các ô có dữ liệu rải trên 8000 dòng × 256 cột, quá giới hạn 2 triệu ô",
    );
}

/// Two sheets of one name (a damaged workbook list): the second is not read again.
#[test]
fn a_second_sheet_of_the_same_name_is_listed_not_counted_twice() {
    assert_read_and_listed(
        "same-name-twice.xlsx",
        "sheet «Nhiệm vụ»: sheet trùng tên với một sheet trước, không đọc",
    );
}

#[test]
fn a_sheet_that_cannot_be_read_is_listed_and_the_others_are_read() {
    assert_read_and_listed(
        "bad-dimension.xlsx",
        "sheet «Hỏng»: sheet hỏng, không đọc được [",
    );
    assert_read_and_listed(
        "far-column.xlsx",
        "sheet «Hỏng»: sheet hỏng, không đọc được [ô ở ngoài giới hạn 1.048.576 dòng × 16.384 cột của bảng tính (dòng 1, cột thứ 321272406)]",
    );
}

/// The sample export with one chart sheet added (the workbook's sheet list, its relationships
/// and content types extended) gives exactly the sample's figures.
#[test]
fn the_sample_export_with_a_chart_sheet_gives_the_sample_figures() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ioffice-2021-2025.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&sample).unwrap()).unwrap();
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        members.push((f.name().unwrap().to_string(), data));
    }
    let edit = |members: &mut Vec<(String, Vec<u8>)>, name: &str, before: &str, insert: &str| {
        let m = members.iter_mut().find(|(n, _)| n == name).unwrap();
        let text = String::from_utf8(m.1.clone()).unwrap();
        let at = text
            .find(before)
            .unwrap_or_else(|| panic!("{before} in {name}"));
        m.1 = format!("{}{insert}{}", &text[..at], &text[at..]).into_bytes();
    };
    edit(
        &mut members,
        "xl/workbook.xml",
        "</sheets>",
        r#"<sheet name="Biểu đồ" sheetId="99" r:id="rId99"/>"#,
    );
    edit(
        &mut members,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        r#"<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet99.xml"/>"#,
    );
    edit(
        &mut members,
        "[Content_Types].xml",
        "</Types>",
        r#"<Override PartName="/xl/chartsheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>"#,
    );
    members.push((
        "xl/chartsheets/sheet99.xml".into(),
        br#"<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>"#.to_vec(),
    ));
    let borrowed: Vec<(&str, Vec<u8>)> = members
        .iter()
        .map(|(n, d)| (n.as_str(), d.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let with_chart = write(dir.path(), "mau-co-bieu-do.xlsx", &zip(&borrowed));
    let alone = figures(&[&sample]);
    let both = figures(&[&with_chart]);
    assert_eq!(alone.ending, run::Ending::Exit(0), "{}", alone.stderr);
    assert_eq!(both.ending, run::Ending::Exit(0), "{}", both.stderr);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&alone.stdout).unwrap(),
        serde_json::from_str(&both.stdout).unwrap(),
    );
    assert!(a["total"]["total"].as_u64().unwrap() > 0);
    assert_eq!(a, b);
}

#[test]
fn ods_from_libreoffice_kspread_and_google_sheets_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["libreoffice.ods", "kspread.ods", "google-sheets.ods"] {
        assert_table_figures(&reproducer(dir.path(), name));
    }
}

#[test]
fn password_protected_files_say_so() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["encrypted.xlsx", "password.xls", "encrypted.ods"] {
        assert_refused(
            &reproducer(dir.path(), name),
            "được bảo vệ bằng mật khẩu (tệp đã mã hoá), tiendo không đọc được",
        );
    }
}

/// The 1 KB xls whose directory chain loops used to allocate until the machine ran out.
#[test]
fn a_looping_ole_chain_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let file = reproducer(dir.path(), "looping-chain.xls");
    assert_refused(&file, "tệp hỏng: cấu trúc OLE của tệp .xls không hợp lệ [");
    assert_skipped_beside_a_good_file(dir.path(), &file);
}

#[test]
fn text_files_in_every_encoding_and_separator_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "utf8-bom.csv",
        "unicode-text.txt",
        "utf16-be.csv",
        "windows-1258.csv",
        "tabs.tsv",
    ] {
        assert_table_figures(&reproducer(dir.path(), name));
    }
}

#[test]
fn a_text_file_without_a_task_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(
        &reproducer(dir.path(), "no-table.txt"),
        "không tìm thấy bảng nhiệm vụ nào",
    );
}

/// tests/fixtures/latin1.csv has a UTF-8 header line and a Latin-1 second line: more valid
/// UTF-8 letters (ộ Đ ơ ị ủ ì à: 7) than bad bytes (ô ê: 2), so it is damaged UTF-8, refused at
/// line 2 (decoding it as a code page would garble the header). A file in a code page alone
/// is read: «Sô Y tê» (0xF4 ô, 0xEA ê, the same bytes in windows-1252 and windows-1258).
#[test]
fn latin1_mixed_into_utf8_is_refused_and_a_pure_code_page_file_is_read() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/latin1.csv");
    assert_refused(
        &fixture,
        "dòng 2: tệp CSV không phải mã UTF-8 trọn vẹn (có chỗ mã UTF-8, có chỗ mã khác; hãy lưu lại với mã hóa UTF-8)",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "latin1-only.csv",
        b"Noi dung,Don vi chu tri,Ngay giao,Han xu ly\nViec A,S\xf4 Y t\xea,01/02/2025,30/06/2025\n",
    );
    let out = figures(&[&file]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    let got: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got["rows"][0]["key"], json!("Sô Y tê"));
    assert_eq!(got["total"], counts(1, 0, 0, 1, 0));
}

/// The fuzz program's short fixed-seed run: a few dozen mutants of the small fixtures, every
/// one read (exit 0) or refused (exit 2), never anything else.
#[test]
fn a_short_mutation_run_gives_only_exit_0_or_2() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo-fuzz"))
        .args(["--quick", "--seed", "11", "--iterations", "48", "--exe"])
        .arg(env!("CARGO_BIN_EXE_tiendo"))
        .arg("--out")
        .arg(out_dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("48 mutants"), "{stdout}");
    assert!(stdout.contains("anything else: 0"), "{stdout}");
}

/// Two lists pasted one under the other (or an export printed page by page) repeat the header
/// and its column numbers further down: those rows are listed as skipped, and the figures are
/// the table's (before, every repeated row was a task of an agency named «Đơn vị chủ trì»).
#[test]
fn a_header_repeated_inside_the_table_is_skipped_and_listed() {
    let numbers = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"];
    let mut rows = vec![HEADER.to_vec(), TASKS[0].to_vec()];
    rows.push(HEADER.to_vec());
    rows.push(numbers.to_vec());
    rows.extend(TASKS[1..].iter().map(|r| r.to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "hai-danh-sach-noi-tiep.xlsx",
        &xlsx(&[("Nhiệm vụ", Part::Work(sheet_xml(&rows, false, "A1:F6", "")))]),
    );
    assert_table_figures(&file);
    let out = check(&[&file]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    for row in [3, 4] {
        let line = format!("dòng {row}: dòng lặp lại tiêu đề cột");
        assert!(out.stdout.contains(&line), "«{line}» in:\n{}", out.stdout);
    }
}

/// Hand-kept sheets merge the lead agency of several tasks into one tall cell; the file holds
/// the name on the top row only. Every row of the cell is that agency's task, in xlsx (merged
/// areas listed after the cells) and in OpenDocument (the cell says how many rows it spans):
/// the figures are the table's (before, Việc B had no agency and was left out).
#[test]
fn an_agency_merged_down_two_rows_is_both_rows_agency() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Nhiệm vụ").unwrap();
    for (r, row) in table().iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    // C2:C3 (Việc A and Việc B) merged: C3's own text is blanked by the merge.
    sheet
        .merge_range(1, 2, 2, 2, "Sở Y tế", &rust_xlsxwriter::Format::new())
        .unwrap();
    let xlsx = dir.path().join("so-theo-doi-o-gop.xlsx");
    book.save(&xlsx).unwrap();
    assert_table_figures(&xlsx);

    let content = String::from_utf8(ods_content("", "")).unwrap();
    let agency = r#"<table:table-cell office:value-type="string"><text:p>Sở Y tế</text:p></table:table-cell>"#;
    let spanning = agency.replacen(
        "<table:table-cell ",
        r#"<table:table-cell table:number-rows-spanned="2" "#,
        1,
    );
    let content =
        content
            .replacen(agency, &spanning, 1)
            .replacen(agency, "<table:covered-table-cell/>", 1);
    assert!(!content.contains(agency), "both agency cells replaced");
    let ods_file = write(
        dir.path(),
        "so-theo-doi-o-gop.ods",
        &ods(content.clone().into_bytes(), true, ""),
    );
    assert_table_figures(&ods_file);

    // A span that is no number is no merge: the sheet is read, Việc B without its agency.
    let garbled = content.replace(
        r#"table:number-rows-spanned="2""#,
        r#"table:number-rows-spanned="hai""#,
    );
    let garbled = write(
        dir.path(),
        "o-gop-hong.ods",
        &ods(garbled.into_bytes(), true, ""),
    );
    let out = figures(&[&garbled]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    let got: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(got["rows"][1]["key"], json!("Sở Y tế"));
    assert_eq!(got["rows"][1]["total"], json!(1));
}

/// A hidden sheet with a task table is read and counted like the others, and `check` says it is
/// hidden (a hidden copy would be counted twice); a hidden list without a task table (the
/// values of a drop-down) is only a sheet without a task table.
#[test]
fn a_hidden_task_sheet_is_counted_and_said_to_be_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let rows = table();
    let parts = [("Nhiệm vụ", &rows[..2]), ("Bổ sung", &rows[2..])];
    for (name, part) in parts {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        let with_header =
            std::iter::once(&rows[0]).chain(part.iter().skip(usize::from(name == "Nhiệm vụ")));
        for (r, row) in with_header.enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        if name == "Bổ sung" {
            sheet.set_hidden(true);
        }
    }
    let list = book.add_worksheet().set_name("Danh sách").unwrap();
    list.write_string(0, 0, "Sở Y tế").unwrap();
    list.set_hidden(true);
    let file = dir.path().join("co-sheet-an.xlsx");
    book.save(&file).unwrap();
    assert_table_figures(&file);
    let out = check(&[&file]);
    assert_eq!(out.ending, run::Ending::Exit(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Sheet đang ẩn, vẫn được đọc và tính (1)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sheet «Bổ sung»: sheet đang ẩn"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("sheet «Danh sách»: sheet đang ẩn"),
        "{}",
        out.stdout
    );
}
