//! The Word documents: the report's `.docx` and the urging letters (`tiendo letters`), re-read
//! by unzipping them (zip crate) and walking `word/document.xml`: paragraphs, tables as rows of
//! cells, which rows repeat as head rows. Expected figures and rows are the hand count of the
//! fixtures in tests/it/cli.rs (the working is repeated where it is used). The reading helpers
//! serve the programme's Word report too (tests/it/programme.rs).

use std::io::Read;
use std::path::Path;

use crate::harness::{assert_same, fixture, temp_dir, tiendo};

/// One part of a `.docx`, as text.
pub(crate) fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let mut text = String::new();
    zip.by_name(part)
        .unwrap_or_else(|e| panic!("{}: no {part}: {e}", path.display()))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

#[derive(Debug, Default)]
pub(crate) struct WordRow {
    pub(crate) cells: Vec<String>,
    pub(crate) is_head: bool,
}

/// What `word/document.xml` says: the paragraphs outside tables, and every table.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) paragraphs: Vec<String>,
    pub(crate) tables: Vec<Vec<WordRow>>,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A walk over the tags of the document part (no nested tables in tiendo's documents): text
/// runs (`w:t`) make paragraphs (`w:p`), paragraphs make cells (`w:tc`, joined by a line
/// break), cells make rows (`w:tr`, head rows marked by `w:tblHeader`), rows make tables.
fn read_body(xml: &str) -> Body {
    let mut body = Body::default();
    let (mut table, mut row, mut cell): (
        Option<Vec<WordRow>>,
        Option<WordRow>,
        Option<Vec<String>>,
    ) = (None, None, None);
    let mut paragraph: Option<String> = None;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        if let Some(p) = paragraph.as_mut().filter(|_| in_text) {
            p.push_str(&unescape(&rest[..start]));
        }
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
        let tag = &rest[start + 1..end];
        rest = &rest[(end + 1).min(rest.len())..];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default();
        match (name, closing) {
            ("w:tbl", false) => table = Some(Vec::new()),
            ("w:tbl", true) => body.tables.extend(table.take()),
            ("w:tr", false) => row = Some(WordRow::default()),
            ("w:tr", true) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.push(r);
                }
            }
            ("w:tblHeader", false) => {
                if let Some(r) = row.as_mut() {
                    r.is_head = true;
                }
            }
            ("w:tc", false) => cell = Some(Vec::new()),
            ("w:tc", true) => {
                if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                    r.cells.push(c.join("\n").trim().to_string());
                }
            }
            ("w:p", false) => {
                paragraph = Some(String::new());
                if self_closing {
                    finish_paragraph(&mut paragraph, &mut cell, &mut body);
                }
            }
            ("w:p", true) => finish_paragraph(&mut paragraph, &mut cell, &mut body),
            ("w:t", false) => in_text = !self_closing,
            ("w:t", true) => in_text = false,
            _ => {}
        }
    }
    body
}

fn finish_paragraph(
    paragraph: &mut Option<String>,
    cell: &mut Option<Vec<String>>,
    body: &mut Body,
) {
    let Some(text) = paragraph.take() else { return };
    match cell.as_mut() {
        Some(c) => c.push(text),
        None => body.paragraphs.push(text),
    }
}

impl Body {
    pub(crate) fn of(path: &Path) -> Body {
        read_body(&docx_part(path, "word/document.xml"))
    }

    /// The table whose first row starts with these cells.
    pub(crate) fn table_headed(&self, first_cells: &[&str]) -> &[WordRow] {
        self.tables
            .iter()
            .find(|t| {
                t.first().is_some_and(|r| {
                    r.cells
                        .iter()
                        .map(String::as_str)
                        .take(first_cells.len())
                        .eq(first_cells.iter().copied())
                })
            })
            .map(Vec::as_slice)
            .unwrap_or_else(|| panic!("no table headed {first_cells:?} in {:#?}", self.tables))
    }

    pub(crate) fn has_paragraph(&self, text: &str) -> bool {
        self.paragraphs.iter().any(|p| p == text)
    }
}

/// The body rows of a table (its head rows left out), as plain cells.
pub(crate) fn body_rows(table: &[WordRow]) -> Vec<Vec<String>> {
    table
        .iter()
        .filter(|r| !r.is_head)
        .map(|r| r.cells.clone())
        .collect()
}

pub(crate) fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

fn fixture_inputs() -> Vec<String> {
    vec![
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        "--agencies".to_string(),
        fixture("agencies.csv"),
    ]
}

/// `tiendo report` of the first half of 2025 from the fixtures, into `dir`.
fn half_year_report(dir: &Path) -> std::path::PathBuf {
    let mut args = vec!["report".to_string()];
    args.extend(fixture_inputs());
    args.extend(
        [
            "--period",
            "2025-H1",
            "--place",
            "Bình An",
            "--issuer",
            "UBND tỉnh Bình An",
        ]
        .map(String::from),
    );
    args.extend(["--out".to_string(), dir.display().to_string()]);
    tiendo(&args).ok().stdout_has("bao-cao-2025-H1.docx");
    dir.join("bao-cao-2025-H1.docx")
}

// H1 2025, cut-off 30/06/2025 (tests/it/cli.rs): 9 tasks — 4 completed, all on time
// (4/9 = 44,4 %), 5 open: 2 within, 3 overdue. No task of the fixtures was assigned in
// H1 2024 (NV-013 dates from 20/12/2024), so the same period last year has none.
#[test]
fn word_report_has_the_heading_block_the_summary_and_numbered_sections() {
    let dir = temp_dir();
    let body = Body::of(&half_year_report(dir.path()));
    let heading = &body.tables[0];
    assert_same!(
        heading.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(),
        vec![
            cells(&[
                "UBND TỈNH BÌNH AN\nVĂN PHÒNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
            ]),
            cells(&[
                "Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-VP",
                "Bình An, ngày 30 tháng 6 năm 2025"
            ]),
        ]
    );
    for line in [
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao 6 tháng đầu năm\u{a0}2025",
        "I. Kết quả chung",
        "II. Kết quả theo cơ quan, đơn vị",
        "III. Nhiệm vụ quá hạn và sắp đến hạn",
        "Lũy kế từ 01/01/2025 đến hết ngày 30/06/2025, UBND tỉnh, Chủ tịch, các Phó Chủ tịch UBND \
         tỉnh đã giao các sở, ban, ngành, địa phương tổng số 9 nhiệm vụ: đã hoàn \
         thành 4 nhiệm vụ (đạt 44,4%), trong đó 4 nhiệm vụ đúng hạn (chiếm \
         100,0%), 0 nhiệm vụ quá hạn (chiếm 0,0%); còn 5 nhiệm vụ chưa hoàn thành, trong đó 2 nhiệm \
         vụ còn thời hạn, 3 nhiệm vụ quá thời hạn.",
        // The inputs start on 20/12/2024 (the export's earliest task): H1 2024 is not covered,
        // so no comparison is made with it.
        "Số liệu cùng kỳ năm 2024 chỉ có từ ngày 20/12/2024, chưa đủ để so sánh.",
        // Sở, ban, ngành: Tài chính 2 + Y tế 3 + Tư pháp 1 = 6; 4 on time (4/6 = 66,7 %); open 2,
        // of which Y tế's 30/TB overdue.
        "- Sở, ban, ngành: 6 nhiệm vụ; đã hoàn thành 4 (đạt 66,7%), trong đó đúng hạn 4 (chiếm \
         100,0%); chưa hoàn thành 2, trong đó quá hạn 1.",
        "Đến hết ngày 30/06/2025 còn 3 nhiệm vụ chưa hoàn thành quá hạn của 2 cơ quan, đơn vị; 0 \
         nhiệm vụ đến hạn trong 30 ngày tới (từ 30/06/2025 đến 30/07/2025). Danh mục chi tiết tại \
         Phụ lục III.",
        "PHỤ LỤC I",
        "PHỤ LỤC II",
        "PHỤ LỤC III",
        "Không có nhiệm vụ đến hạn trong 30 ngày tới.",
    ] {
        assert!(
            body.has_paragraph(line),
            "missing paragraph «{line}» in {:#?}",
            body.paragraphs
        );
    }
}

// The annex in the official layout: group rows with their sub-totals, agencies numbered in
// their group, «Tổng cộng». UBND cấp huyện: Đông Hòa's NV-005 and NV-006, both overdue at
// 30/06 (0 completed: on-time share "-"); the unknown group: Sở Ngoại vụ's NV-007, within.
#[test]
fn word_report_annex_rows_are_the_hand_count_and_its_head_rows_repeat() {
    let dir = temp_dir();
    let body = Body::of(&half_year_report(dir.path()));
    let annex = body.table_headed(&["STT", "Cơ quan, đơn vị", "Tổng số nhiệm vụ"]);
    let heads: Vec<bool> = annex.iter().map(|r| r.is_head).collect();
    assert_same!(heads[..4], [true, true, true, false]);
    assert!(
        heads[3..].iter().all(|h| !h),
        "only the three head rows repeat"
    );
    assert_same!(
        annex[1].cells,
        cells(&[
            "",
            "",
            "",
            "Tổng",
            "Đúng hạn",
            "Quá hạn",
            "Tổng",
            "Trong hạn",
            "Quá hạn",
            "",
            "",
            ""
        ])
    );
    let merged = "Gồm cả nhiệm vụ của Sở Kế hoạch và Đầu tư (hợp nhất từ 01/03/2025)";
    #[rustfmt::skip]
    let expected = vec![
        cells(&["I", "Sở, ban, ngành", "6", "4", "4", "0", "2", "1", "1", "66,7%", "100,0%", ""]),
        cells(&["1", "Sở Tài chính", "2", "2", "2", "0", "0", "0", "0", "100,0%", "100,0%", merged]),
        cells(&["2", "Sở Y tế", "3", "2", "2", "0", "1", "0", "1", "66,7%", "100,0%", ""]),
        cells(&["3", "Sở Tư pháp", "1", "0", "0", "0", "1", "1", "0", "0,0%", "-", ""]),
        cells(&["II", "UBND cấp huyện", "2", "0", "0", "0", "2", "0", "2", "0,0%", "-", ""]),
        cells(&["1", "UBND huyện Đông Hòa", "2", "0", "0", "0", "2", "0", "2", "0,0%", "-", ""]),
        cells(&["III", "Cơ quan, đơn vị chưa có trong danh mục", "1", "0", "0", "0", "1", "1", "0", "0,0%", "-", ""]),
        cells(&["1", "Sở Ngoại vụ", "1", "0", "0", "0", "1", "1", "0", "0,0%", "-", "Chưa có trong danh mục cơ quan"]),
        cells(&["", "Tổng cộng", "9", "4", "4", "0", "5", "2", "3", "44,4%", "100,0%", ""]),
    ];
    assert_same!(body_rows(annex), expected);
    // Every table but the heading block repeats exactly its head rows.
    for table in &body.tables[1..] {
        let n = table.iter().take_while(|r| r.is_head).count();
        assert!(n >= 1 && table[n..].iter().all(|r| !r.is_head));
    }
}

// Open overdue tasks at 30/06/2025, by agency in report order, most overdue first inside:
// Y tế's hand-sheet 30/TB (deadline 28/02: 31 + 30 + 31 + 30 = 122 days), then Đông Hòa's
// NV-005 (30/04: 31 + 30 = 61) and NV-006 (15/05, completed only on 10/07: 16 + 30 = 46).
#[test]
fn word_report_lists_the_overdue_tasks_by_agency_with_their_days() {
    let dir = temp_dir();
    let body = Body::of(&half_year_report(dir.path()));
    let list = body.table_headed(&[
        "STT",
        "Số, ngày văn bản giao",
        "Nội dung nhiệm vụ",
        "Lãnh đạo giao",
    ]);
    assert_same!(list[0].cells[5], "Số ngày quá hạn");
    #[rustfmt::skip]
    let expected = vec![
        cells(&["Sở Y tế (1 nhiệm vụ)"]),
        cells(&["1", "30/TB-UBND ngày 15/01/2025", "Kiểm tra công tác phòng, chống dịch", "Phó Chủ tịch Trần Bình", "28/02/2025", "122"]),
        cells(&["UBND huyện Đông Hòa (2 nhiệm vụ)"]),
        cells(&["2", "14/UBND-KT ngày 10/03/2025", "Giải phóng mặt bằng dự án đường ven biển", "Chủ tịch UBND tỉnh", "30/04/2025", "61"]),
        cells(&["3", "15/UBND-KT ngày 01/04/2025", "Báo cáo kết quả xây dựng nông thôn mới", "Phó Chủ tịch Nguyễn Văn An", "15/05/2025", "46"]),
    ];
    assert_same!(body_rows(list), expected);
}

// Whole 2025 with the deduction rules (tests/it/unranked.rs): «Sở Ngoại vụ» is outside
// agencies.csv and has one task, NV-007, within its deadline at 31/12/2025 → 1 task, 0 on
// time, 0 late, 0 overdue. The Word report says what the PDF says: section IV counts it
// among the unranked, the ranking annex lists it under «Chưa xếp hạng» with its counts and
// the reason; and the inputs start on 20/12/2024, so the agency annex's notes say why 2024
// is not compared.
#[test]
fn word_report_names_the_unranked_agency_and_the_withheld_comparison_as_the_pdf_does() {
    let dir = temp_dir();
    let mut args = vec!["report".to_string()];
    args.extend(fixture_inputs());
    args.extend(["--period", "2025", "--rules", "khau-tru", "--quiet"].map(String::from));
    args.extend(["--out".to_string(), dir.path().display().to_string()]);
    tiendo(&args).ok().stdout_has("bao-cao-2025.docx");
    let body = Body::of(&dir.path().join("bao-cao-2025.docx"));
    let scoring = body
        .paragraphs
        .iter()
        .find(|p| p.starts_with("Chấm điểm tiêu chí thực hiện nhiệm vụ được giao"))
        .unwrap_or_else(|| panic!("no scoring paragraph in {:#?}", body.paragraphs));
    assert!(
        scoring.ends_with(
            "tại Phụ lục IV; 1 cơ quan, đơn vị có nhiệm vụ nhưng chưa xếp hạng được liệt kê \
             cuối phụ lục, có ghi lý do."
        ),
        "{scoring}"
    );
    for line in [
        "Chưa xếp hạng (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)",
        "- Số liệu cùng kỳ năm 2024 chỉ có từ ngày 20/12/2024, chưa đủ để so sánh.",
    ] {
        assert!(
            body.has_paragraph(line),
            "missing paragraph «{line}» in {:#?}",
            body.paragraphs
        );
    }
    let unranked = body.table_headed(&["STT", "Cơ quan", "Tổng số", "Đúng hạn"]);
    assert_same!(
        body_rows(unranked),
        vec![cells(&[
            "1",
            "Sở Ngoại vụ",
            "1",
            "0",
            "0",
            "0",
            "Không có trong danh mục cơ quan: chưa thuộc khối thi đua nào nên không xếp hạng"
        ])]
    );
}

/// The `w:sectPr` elements of the document part, in order.
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr")
        .map(|(at, _)| {
            let end = xml[at..].find("</w:sectPr>").map_or(xml.len(), |e| at + e);
            &xml[at..end]
        })
        .collect()
}

/// The two sections of a report's document part, checked: A4 portrait 11906 × 16838 twips
/// with margins 20/20/30/15 mm (1134/1134/1701/850), a first page of its own and a default
/// header (the page number), then A4 landscape.
pub(crate) fn portrait_then_landscape(xml: &str) -> (&str, &str) {
    let sections = sections(xml);
    assert_same!(sections.len(), 2);
    let (front, annex) = (sections[0], sections[1]);
    for needle in [
        r#"<w:pgSz w:w="11906" w:h="16838""#,
        r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#,
        "<w:titlePg",
        r#"<w:headerReference w:type="default""#,
    ] {
        assert!(
            front.contains(needle),
            "portrait section lacks {needle}: {front}"
        );
    }
    assert!(
        annex.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape""#),
        "{annex}"
    );
    (front, annex)
}

// A4 portrait 11906 × 16838 twips with margins 20/20/30/15 mm (1134/1134/1701/850), a first
// page of its own (titlePg: with no first-page header given, the first section's is blank,
// ECMA-376 §17.10.5), then the annexes in a landscape section.
#[test]
fn word_report_is_a4_portrait_then_landscape_with_page_numbers_from_page_two() {
    let dir = temp_dir();
    let path = half_year_report(dir.path());
    let xml = docx_part(&path, "word/document.xml");
    let (front, annex) = portrait_then_landscape(&xml);
    assert!(!annex.contains("<w:titlePg"), "{annex}");
    assert!(!front.contains(r#"w:type="first""#), "{front}");
    // The default headers hold the PAGE field, centred.
    let headers: Vec<String> = (1..=3)
        .filter_map(|i| {
            let part = format!("word/header{i}.xml");
            let file = std::fs::File::open(&path).ok()?;
            let mut zip = zip::ZipArchive::new(file).ok()?;
            let mut text = String::new();
            zip.by_name(&part).ok()?.read_to_string(&mut text).ok()?;
            Some(text)
        })
        .collect();
    assert_same!(headers.len(), 2, "one header per section");
    assert!(headers.iter().all(|h| {
        h.contains("<w:instrText>PAGE</w:instrText>")
            && h.contains(r#"<w:pStyle w:val="SoTrang" />"#)
    }));
    // Real paragraphs in named styles; no text box, no picture.
    assert!(xml.contains(r#"<w:pStyle w:val="VanBan" />"#));
    for absent in ["<w:drawing", "<w:pict", "txbx", "<w:txbxContent"] {
        assert!(!xml.contains(absent), "{absent}");
    }
    let styles = docx_part(&path, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
    assert!(
        styles.contains(r#"<w:sz w:val="26" />"#),
        "13 pt body: {styles}"
    );
}

/// `tiendo letters` on the fixtures at `as_of` with `extra` options, into `dir`.
fn letters(dir: &Path, as_of: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["letters".to_string()];
    args.extend(fixture_inputs());
    args.extend(["--period", "2025", "--as-of", as_of].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(["--out".to_string(), dir.display().to_string()]);
    tiendo(&args)
}

// Cut-off 10/07/2025, tasks of 2025 assigned by then (tests/it/cli.rs): overdue — Y tế's 30/TB
// (deadline 28/02: 31 + 30 + 31 + 30 + 10 = 132 days) and Đông Hòa's NV-005 (30/04); coming
// due by 09/08 — Tài chính's NV-012 (assigned 01/07, due 31/07: 21 days left). NV-006 was
// completed on 10/07 (late), NV-004 has no deadline, NV-007 is due 31/12. Đông Hòa ended on
// 01/07/2025: no letter goes to it. So two letters: Sở Tài chính (STC), Sở Y tế (SYT).
#[test]
fn letters_go_to_each_agency_with_exactly_its_overdue_and_coming_due_tasks() {
    let dir = temp_dir();
    let run = letters(dir.path(), "2025-07-10", &[]).ok();
    let written: Vec<String> = run.stdout().lines().map(String::from).collect();
    let path = |name: &str| dir.path().join(name).display().to_string();
    assert_same!(
        written,
        [
            "cong-van-STC.docx",
            "cong-van-STC.pdf",
            "cong-van-SYT.docx",
            "cong-van-SYT.pdf",
            "cong-van-tat-ca.pdf"
        ]
        .map(path)
    );
    run.stderr_has("«UBND huyện Đông Hòa» đã kết thúc hoạt động từ 01/07/2025: không gửi công văn");

    let finance = Body::of(&dir.path().join("cong-van-STC.docx"));
    assert!(
        finance.has_paragraph("Kính gửi: Sở Tài chính."),
        "{:#?}",
        finance.paragraphs
    );
    assert!(finance.has_paragraph("Không có nhiệm vụ chưa hoàn thành quá hạn."));
    let due = finance.table_headed(&[
        "STT",
        "Số, ngày văn bản giao",
        "Nội dung nhiệm vụ",
        "Hạn xử lý",
        "Số ngày còn lại",
    ]);
    assert_same!(
        body_rows(due),
        vec![cells(&[
            "1",
            "21/UBND-KT ngày 01/07/2025",
            "Sắp xếp đơn vị hành chính cấp xã",
            "31/07/2025",
            "21"
        ])]
    );
    assert_same!(finance.tables.len(), 3, "heading, the one list, signature");

    let health = Body::of(&dir.path().join("cong-van-SYT.docx"));
    assert!(health.has_paragraph("Kính gửi: Sở Y tế."));
    assert!(health.has_paragraph("Không có nhiệm vụ đến hạn trong 30 ngày tới."));
    let overdue = health.table_headed(&[
        "STT",
        "Số, ngày văn bản giao",
        "Nội dung nhiệm vụ",
        "Hạn xử lý",
        "Số ngày quá hạn",
    ]);
    assert!(overdue[0].is_head && !overdue[1].is_head);
    assert_same!(
        body_rows(overdue),
        vec![cells(&[
            "1",
            "30/TB-UBND ngày 15/01/2025",
            "Kiểm tra công tác phòng, chống dịch",
            "28/02/2025",
            "132"
        ])]
    );
    // Defaults: the reply date 7 days after the cut-off, the issuing body's sign, the
    // Office's signer and recipients.
    assert!(
        health
            .paragraphs
            .iter()
            .any(|p| p.contains("gửi về Văn phòng UBND tỉnh trước ngày 17/07/2025"))
    );
    let heading = &health.tables[0];
    assert_same!(
        heading[1].cells[0],
        "Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/VP\nV/v đôn đốc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao"
    );
    assert_same!(
        health.tables[2][0].cells,
        cells(&["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "CHÁNH VĂN PHÒNG"])
    );
}

// The counts in each letter are the agency's row of `tiendo figures` at the same cut-off.
#[test]
fn letter_counts_equal_the_figures_of_the_agency() {
    let dir = temp_dir();
    letters(dir.path(), "2025-07-10", &[]).ok();
    let mut args = vec!["figures".to_string()];
    args.extend(fixture_inputs());
    args.extend(
        [
            "--period",
            "2025",
            "--as-of",
            "2025-07-10",
            "--format",
            "json",
        ]
        .map(String::from),
    );
    let figures = tiendo(&args).ok().json();
    let row = |agency: &str| {
        figures["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == agency)
            .unwrap_or_else(|| panic!("{agency} not in figures"))
            .clone()
    };
    for (agency, file, due_soon) in [
        ("Sở Tài chính", "cong-van-STC.docx", 1),
        ("Sở Y tế", "cong-van-SYT.docx", 0),
    ] {
        let r = row(agency);
        let n = |k: &str| r[k].as_u64().unwrap();
        let expected = format!(
            "{agency} được giao {} nhiệm vụ: đã hoàn thành {} nhiệm vụ ({} nhiệm vụ đúng hạn, {} \
             nhiệm vụ quá hạn); còn {} nhiệm vụ chưa hoàn thành, trong đó {} nhiệm vụ đã quá thời \
             hạn và {} nhiệm vụ còn thời hạn ({due_soon} nhiệm vụ đến hạn trong 30 ngày tới).",
            n("total"),
            n("completed"),
            n("on_time"),
            n("late"),
            n("not_completed"),
            n("overdue"),
            n("within")
        );
        let body = Body::of(&dir.path().join(file));
        assert!(
            body.paragraphs.iter().any(|p| p.contains(&expected)),
            "«{expected}» not in {:#?}",
            body.paragraphs
        );
        // Sở Tài chính: 3 = NV-001 + NV-011 (on time) + NV-012 (within); Sở Y tế: 3 = NV-002 +
        // NV-003 (on time) + 30/TB (overdue).
        assert_same!(
            (n("total"), n("completed"), n("overdue")),
            if due_soon == 1 { (3, 2, 0) } else { (3, 2, 1) }
        );
    }
}

// The head's title from a directory column, the reply date from --reply-by, the number, the
// signer and the recipients from tiendo.toml.
#[test]
fn letters_take_the_head_title_the_reply_date_and_the_signature_from_the_settings() {
    let dir = temp_dir();
    let directory = std::fs::read_to_string(fixture("agencies.csv")).unwrap();
    let mut lines = directory.lines();
    let mut with_heads = format!("{},Chức danh thủ trưởng\n", lines.next().unwrap());
    for line in lines {
        let head = if line.starts_with("SYT,") {
            "Giám đốc"
        } else {
            ""
        };
        with_heads.push_str(&format!("{line},{head}\n"));
    }
    let agencies = dir.path().join("danh-muc.csv");
    std::fs::write(&agencies, with_heads).unwrap();
    let config = dir.path().join("tiendo.toml");
    std::fs::write(
        &config,
        "[don_vi]\nten = \"UBND TỈNH BÌNH AN\"\ndia_danh = \"Bình An\"\n\n[cong_van]\nso_hieu = \"VP-TH\"\n\
         chuc_danh_ky = [\"KT. CHÁNH VĂN PHÒNG\", \"PHÓ CHÁNH VĂN PHÒNG\"]\nnguoi_ky = \"Trần Minh Đức\"\n\
         noi_nhan = [\"Như trên\", \"Chủ tịch UBND tỉnh (b/c)\", \"Lưu: VT, TH\"]\n",
    )
    .unwrap();
    let out = dir.path().join("cv");
    let run = tiendo(&[
        "letters",
        &fixture("ioffice_2025.xlsx"),
        &fixture("so_theo_doi.csv"),
        "--agencies",
        agencies.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--period",
        "2025",
        "--as-of",
        "2025-07-10",
        "--reply-by",
        "20/07/2025",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.ok();
    let health = Body::of(&out.join("cong-van-SYT.docx"));
    assert!(
        health.has_paragraph("Kính gửi: Giám đốc Sở Y tế."),
        "{:#?}",
        health.paragraphs
    );
    assert!(health.paragraphs.iter().any(|p| p.contains(
        "đề nghị Giám đốc Sở Y tế khẩn trương chỉ đạo hoàn thành các nhiệm vụ đã quá thời hạn nêu tại mục 1;"
    )));
    assert!(
        health
            .paragraphs
            .iter()
            .any(|p| p.contains("trước ngày 20/07/2025"))
    );
    assert_same!(
        health.tables[0][1].cells[1],
        "Bình An, ngày 10 tháng 7 năm 2025"
    );
    assert!(
        health.tables[0][1].cells[0]
            .starts_with("Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/VP-TH\n")
    );
    assert_same!(
        health.tables[2][0].cells,
        cells(&[
            "Nơi nhận:\n- Như trên;\n- Chủ tịch UBND tỉnh (b/c);\n- Lưu: VT, TH.",
            "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\n\n\n\nTrần Minh Đức"
        ])
    );
    // Sở Tài chính has no head title in this directory: the letter goes to the agency.
    let finance = Body::of(&out.join("cong-van-STC.docx"));
    assert!(finance.has_paragraph("Kính gửi: Sở Tài chính."));
}

fn page_count(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    lopdf::Document::load_mem(&bytes)
        .expect("the PDF parses")
        .get_pages()
        .len()
}

// The PDF letters say what the Word letters say; the combined file holds every page of each.
#[test]
fn pdf_letters_hold_the_same_tasks_and_the_combined_pdf_has_every_page() {
    let dir = temp_dir();
    letters(dir.path(), "2025-07-10", &[]).ok();
    let text =
        crate::pdf_text::pdf_text(&std::fs::read(dir.path().join("cong-van-SYT.pdf")).unwrap());
    for words in [
        "Kính gửi: Sở Y tế.",
        "30/TB-UBND ngày",
        "28/02/2025 132",
        "trước ngày",
        "17/07/2025",
        "CHÁNH VĂN PHÒNG",
        "Nơi nhận:",
    ] {
        assert!(text.contains(words), "«{words}» not in:\n{text}");
    }
    let each = page_count(&dir.path().join("cong-van-STC.pdf"))
        + page_count(&dir.path().join("cong-van-SYT.pdf"));
    assert_same!(page_count(&dir.path().join("cong-van-tat-ca.pdf")), each);
}

// February 2025 (cut-off 28/02): only NV-003, its deadline extended to 30/04 — neither overdue
// nor due by 30/03. Nothing to send, nothing written.
#[test]
fn without_overdue_or_coming_due_tasks_no_letter_is_written() {
    let dir = temp_dir();
    let mut args = vec!["letters".to_string()];
    args.extend(fixture_inputs());
    args.extend(["--period", "2025-02", "--out", dir.path().to_str().unwrap()].map(String::from));
    tiendo(&args).ok().stdout_has(
        "Đến hết ngày 28/02/2025 không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn",
    );
    assert_same!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_reply_date_not_after_the_letter_is_refused() {
    let dir = temp_dir();
    letters(dir.path(), "2025-07-10", &["--reply-by", "2025-07-10"])
        .fails_with(2)
        .stderr_has(
            "--reply-by: hạn báo cáo giải trình 10/07/2025 phải sau ngày công văn 10/07/2025",
        );
    assert_same!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
