//! `tiendo programme` and `tiendo programme-report` on a small programme the tests write
//! themselves (a CSV, and the same items as a workbook with title rows and a two-row header),
//! with a directory in which Sở Kế hoạch và Đầu tư merges into Sở Tài chính on 01/03/2025.
//! Every expected figure was counted by hand from the rows below; the working is beside them.
//! The report's Word document is re-read from its document part (the helpers of tests/it/docx.rs).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::docx::{Body, body_rows, cells, docx_part, portrait_then_landscape};
use crate::harness::{Run, assert_same, temp_dir, tiendo};

/// The directory: four departments and one merged into Sở Tài chính on 01/03/2025.
const DIRECTORY: &str = "\
Mã,Tên cơ quan,Nhóm,Tên gọi khác,Sáp nhập vào,Từ ngày
SNV,Sở Nội vụ,\"Sở, ban, ngành\",,,
STC,Sở Tài chính,\"Sở, ban, ngành\",,,
SKHDT,Sở Kế hoạch và Đầu tư,\"Sở, ban, ngành\",Sở KH&ĐT,STC,01/03/2025
SXD,Sở Xây dựng,\"Sở, ban, ngành\",,,
SYT,Sở Y tế,\"Sở, ban, ngành\",,,
";

/// The items, one per line from line 3 (line = item + 2). Deadlines: a month's or a quarter's
/// last day, or the date; the effective one is the postponed time when there is one.
const ITEMS: [[&str; 10]; 13] = [
    // 1: due 31/01, submitted 20/01 (on time), issued 10/02.
    [
        "1",
        "Đề án A",
        "Sở Tài chính",
        "Chủ tịch UBND tỉnh",
        "Tháng 1/2025",
        "",
        "20/01/2025",
        "10/02/2025",
        "Đã ban hành",
        "",
    ],
    // 2: due 28/02, submitted 05/03 (late); Sở KH&ĐT, reported under Sở Tài chính from 01/03.
    [
        "2",
        "Đề án B",
        "Sở KH&ĐT",
        "Chủ tịch UBND tỉnh",
        "02/2025",
        "",
        "05/03/2025",
        "",
        "Đã trình",
        "",
    ],
    // 3: due 31/03, not submitted.
    [
        "3",
        "Đề án C",
        "Sở Nội vụ",
        "Phó Chủ tịch Trần Thị Mai",
        "Quý I/2025",
        "",
        "",
        "",
        "Chưa trình",
        "",
    ],
    // 4: planned 31/03, postponed by its status to 31/07.
    [
        "4",
        "Đề án D",
        "Sở Nội vụ",
        "Phó Chủ tịch Trần Thị Mai",
        "3/2025",
        "",
        "",
        "",
        "Xin lùi sang tháng 7/2025",
        "",
    ],
    // 5: planned 31/05, postponed by the column to 31/12; submitted 10/06 (on time).
    [
        "5",
        "Đề án E",
        "Sở Nội vụ",
        "",
        "Tháng 5/2025",
        "Quý IV/2025",
        "10/06/2025",
        "",
        "Đã trình",
        "",
    ],
    // 6: withdrawn.
    [
        "6",
        "Đề án F",
        "Sở Y tế",
        "",
        "Tháng 4/2025",
        "",
        "",
        "",
        "Rút khỏi chương trình",
        "",
    ],
    // 7: due 15/05; no date, the status says on time: submitted on time at any cut-off.
    [
        "7",
        "Đề án G",
        "Sở Y tế",
        "",
        "15/05/2025",
        "",
        "",
        "",
        "Đã trình đúng hạn",
        "",
    ],
    // 8: due 30/06, submitted 25/06 (after a 20/06 cut-off: not submitted then).
    [
        "8",
        "Đề án H",
        "Sở Y tế",
        "",
        "Tháng 6/2025",
        "",
        "25/06/2025",
        "",
        "Đã trình",
        "",
    ],
    // 9: no lead agency: left out.
    ["9", "Đề án I", "", "", "Tháng 6/2025", "", "", "", "", ""],
    // 10: "Đã trình" without a date: left out.
    [
        "10",
        "Đề án K",
        "Sở Y tế",
        "",
        "Tháng 3/2025",
        "",
        "",
        "",
        "Đã trình",
        "",
    ],
    // 11: planned 30/11/2025, postponed to 28/02/2026: out of 2025.
    [
        "11",
        "Đề án L",
        "Sở Y tế",
        "",
        "Tháng 11/2025",
        "Tháng 2/2026",
        "",
        "",
        "",
        "",
    ],
    // 12: planned 31/12/2024, postponed into 2025 (31/01/2025); submitted 15/01 (on time).
    [
        "12",
        "Đề án M",
        "Sở Xây dựng",
        "",
        "Tháng 12/2024",
        "Tháng 1/2025",
        "15/01/2025",
        "",
        "",
        "",
    ],
    // 13: due 28/02, not submitted; Ban Dân tộc is not in the directory.
    [
        "13",
        "Đề án N",
        "Ban Dân tộc",
        "",
        "Tháng 2/2025",
        "",
        "",
        "",
        "Chưa trình",
        "Nội dung trọng tâm",
    ],
];

const HEADER: [&str; 10] = [
    "STT",
    "Nội dung trình",
    "Cơ quan chủ trì",
    "Lãnh đạo phụ trách",
    "Thời gian trình",
    "Thời gian trình sau điều chỉnh",
    "Ngày trình",
    "Ngày ban hành",
    "Tình trạng",
    "Ghi chú",
];

struct Files {
    _dir: tempfile::TempDir,
    csv: PathBuf,
    directory: PathBuf,
    root: PathBuf,
}

fn files() -> Files {
    let dir = temp_dir();
    let csv = dir.path().join("ctct-2025.csv");
    let mut text = "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025 CỦA UBND TỈNH\n".to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).unwrap();
    for row in ITEMS {
        w.write_record(row).unwrap();
    }
    w.write_record(["Tổng cộng", "13", "", "", "", "", "", "", "", ""])
        .unwrap();
    text.push_str(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    std::fs::write(&csv, text).unwrap();
    let directory = dir.path().join("danh-muc.csv");
    std::fs::write(&directory, DIRECTORY).unwrap();
    Files {
        root: dir.path().to_path_buf(),
        _dir: dir,
        csv,
        directory,
    }
}

/// `tiendo <command> <input> --agencies <directory> <extra…>`.
fn with_directory(command: &str, input: &Path, directory: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        command.to_string(),
        input.display().to_string(),
        "--agencies".into(),
        directory.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    tiendo(&args)
}

fn run(input: &Path, directory: &Path, extra: &[&str]) -> Value {
    let json = [&["--format", "json"][..], extra].concat();
    with_directory("programme", input, directory, &json)
        .ok()
        .json()
}

fn counts(
    on_time: u64,
    late: u64,
    issued: u64,
    overdue: u64,
    not_yet_due: u64,
    postponed: u64,
) -> Value {
    json!({
        "planned": on_time + late + overdue + not_yet_due,
        "submitted": on_time + late, "on_time": on_time, "late": late, "issued": issued,
        "not_submitted": overdue + not_yet_due, "overdue": overdue, "not_yet_due": not_yet_due,
        "postponed": postponed
    })
}

fn row(key: &str, c: Value) -> Value {
    let mut r = json!({ "key": key });
    r.as_object_mut()
        .unwrap()
        .extend(c.as_object().unwrap().clone());
    r
}

fn source(file: &Path, line: usize) -> Value {
    json!({"file": file.display().to_string(), "sheet": null, "row": line})
}

// Cut-off 20/06/2025, after the merger (Sở KH&ĐT reported under Sở Tài chính):
//   Sở Nội vụ: 3 overdue (31/03 < 20/06), 4 not yet due (31/07, postponed), 5 on time
//              (10/06 ≤ 31/12, postponed) → 1 on time, 1 overdue, 1 not yet due, 2 postponed
//   Sở Tài chính: 1 on time and issued (10/02), 2 late (05/03 > 28/02)
//   Sở Xây dựng: 12 on time (15/01 ≤ 31/01), postponed
//   Sở Y tế: 7 on time by its text, 8 not yet due (submitted 25/06 after the cut-off, due 30/06)
//   Ban Dân tộc: 13 overdue (28/02)
//   Total 9 = 5 submitted (4 on time + 1 late; 1 issued) + 4 not submitted (2 overdue + 2 not
//   yet due); 3 postponed. Withdrawn: 6; left out: 9, 10; postponed out of 2025: 11.
#[test]
fn year_figures_at_a_monthly_cut_off_match_the_hand_count_as_exact_json() {
    let f = files();
    let out = run(
        &f.csv,
        &f.directory,
        &["--period", "2025", "--as-of", "2025-06-20"],
    );
    let expected = json!({
        "period": {"label": "2025", "start": "2025-01-01", "end": "2025-12-31",
                   "as_of": "2025-06-20", "cut_off": "2025-06-20"},
        "rows": [
            row("Sở Nội vụ", counts(1, 0, 0, 1, 1, 2)),
            row("Sở Tài chính", counts(1, 1, 1, 0, 0, 0)),
            row("Sở Xây dựng", counts(1, 0, 0, 0, 0, 1)),
            row("Sở Y tế", counts(1, 0, 0, 0, 1, 0)),
            row("Ban Dân tộc", counts(0, 0, 0, 1, 0, 0)),
        ],
        "total": counts(4, 1, 1, 2, 2, 3),
        "withdrawn": 1,
        "excluded": 2,
        "postponed_out": 1,
        "withdrawn_items": [{
            "agency": "Sở Y tế", "content": "Đề án F", "planned": "Tháng 4/2025",
            "deadline": "2025-04-30", "postponed_to": null,
            "status_text": "Rút khỏi chương trình", "note": null, "source": source(&f.csv, 8)
        }],
        "postponed_out_items": [{
            "agency": "Sở Y tế", "content": "Đề án L", "planned": "Tháng 11/2025",
            "deadline": "2026-02-28", "postponed_to": "Tháng 2/2026",
            "status_text": null, "note": null, "source": source(&f.csv, 13)
        }],
        "excluded_items": [
            {"reason": "không có cơ quan chủ trì", "source": source(&f.csv, 11)},
            {"reason": "ghi «Đã trình» nhưng không có ngày trình: không biết trình đúng hạn hay quá hạn",
             "source": source(&f.csv, 12)},
        ],
    });
    assert_same!(out, expected);
}

// Cut-off 14/02/2025, before the merger: Sở Kế hoạch và Đầu tư is its own row.
//   Sở Nội vụ: 3 (31/03), 4 (31/07), 5 (submitted 10/06, after the cut-off) all not yet due
//   Sở Tài chính: 1 on time, issued 10/02 ≤ 14/02
//   Sở Kế hoạch và Đầu tư: 2 due 28/02, submitted 05/03 after the cut-off: not yet due
//   Sở Xây dựng: 12 on time; Sở Y tế: 7 on time by its text, 8 not yet due; Ban Dân tộc: not yet due
#[test]
fn before_the_merger_the_merged_department_is_reported_as_itself() {
    let f = files();
    let out = run(
        &f.csv,
        &f.directory,
        &["--period", "2025", "--as-of", "2025-02-14"],
    );
    assert_same!(
        out["rows"],
        json!([
            row("Sở Nội vụ", counts(0, 0, 0, 0, 3, 2)),
            row("Sở Tài chính", counts(1, 0, 1, 0, 0, 0)),
            row("Sở Kế hoạch và Đầu tư", counts(0, 0, 0, 0, 1, 0)),
            row("Sở Xây dựng", counts(1, 0, 0, 0, 0, 1)),
            row("Sở Y tế", counts(1, 0, 0, 0, 1, 0)),
            row("Ban Dân tộc", counts(0, 0, 0, 0, 1, 0)),
        ])
    );
    assert_same!(out["total"], counts(3, 0, 1, 0, 6, 3));
}

// By group at 20/06: the directory's one group holds all but Ban Dân tộc (outside it).
// By leader: Chủ tịch (1 on time issued, 2 late), Phó Chủ tịch Trần Thị Mai (3 overdue, 4 not
// yet due postponed), no leader (5, 7, 12 on time; 8 not yet due; 13 overdue; 5, 12 postponed).
#[test]
fn rows_by_group_and_by_leader_add_up_to_the_same_total() {
    let f = files();
    let cut = ["--period", "2025", "--as-of", "2025-06-20"];
    let by_group = run(
        &f.csv,
        &f.directory,
        &[&cut[..], &["--by", "group"]].concat(),
    );
    assert_same!(
        by_group["rows"],
        json!([
            row("Sở, ban, ngành", counts(4, 1, 1, 1, 2, 3)),
            row(
                "Cơ quan, đơn vị chưa có trong danh mục",
                counts(0, 0, 0, 1, 0, 0)
            ),
        ])
    );
    let by_leader = run(
        &f.csv,
        &f.directory,
        &[&cut[..], &["--by", "leader"]].concat(),
    );
    assert_same!(
        by_leader["rows"],
        json!([
            row("Chủ tịch UBND tỉnh", counts(1, 1, 1, 0, 0, 0)),
            row("Phó Chủ tịch Trần Thị Mai", counts(0, 0, 0, 1, 1, 1)),
            row("Không ghi lãnh đạo phụ trách", counts(3, 0, 0, 1, 1, 2)),
        ])
    );
    assert_same!(by_group["total"], by_leader["total"]);
    assert_same!(by_group["total"], counts(4, 1, 1, 2, 2, 3));
}

/// The same items in a workbook as offices keep it: title rows, a two-row header with the
/// group label «Kết quả thực hiện» over the dates, a row of column numbers, a quarter heading,
/// real date cells and a total row.
fn workbook(dir: &Path) -> PathBuf {
    use rust_xlsxwriter::{Format, Workbook};
    let path = dir.join("ctct-2025.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("CTCT 2025").unwrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.merge_range(0, 0, 0, 9, "ỦY BAN NHÂN DÂN TỈNH BÌNH AN", &plain)
        .unwrap();
    ws.merge_range(1, 0, 1, 9, "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025", &plain)
        .unwrap();
    for (c, head) in HEADER.iter().enumerate() {
        let c = c as u16;
        if c == 6 || c == 7 {
            ws.write_string(4, c, *head).unwrap();
        } else {
            ws.merge_range(3, c, 4, c, head, &plain).unwrap();
        }
    }
    ws.merge_range(3, 6, 3, 7, "Kết quả thực hiện", &plain)
        .unwrap();
    for c in 0..10u16 {
        ws.write_string(5, c, format!("({})", c + 1)).unwrap();
    }
    ws.write_string(6, 0, "QUÝ I").unwrap();
    for (i, item) in ITEMS.iter().enumerate() {
        let r = 7 + i as u32;
        for (c, value) in item.iter().enumerate() {
            let c = c as u16;
            let day = tiendo::dates::parse_text(value).filter(|_| c == 6 || c == 7);
            match day {
                Some(d) => ws.write_with_format(r, c, &d, &date).map(|_| ()).unwrap(),
                None if !value.is_empty() => ws.write_string(r, c, *value).map(|_| ()).unwrap(),
                None => {}
            }
        }
    }
    ws.write_string(20, 1, "Tổng cộng").unwrap();
    ws.write_string(22, 0, "Ghi chú: cập nhật trước ngày 15 hằng tháng.")
        .unwrap();
    wb.save(&path).unwrap();
    path
}

#[test]
fn the_same_programme_as_a_workbook_gives_the_same_figures() {
    let f = files();
    let xlsx = workbook(&f.root);
    let cut = ["--period", "2025", "--as-of", "2025-06-20"];
    let from_csv = run(&f.csv, &f.directory, &cut);
    let from_xlsx = run(&xlsx, &f.directory, &cut);
    assert_same!(from_xlsx["rows"], from_csv["rows"]);
    assert_same!(from_xlsx["total"], from_csv["total"]);
    // Item 9 is on sheet row 16 (7 + 8 + 1), item 10 on row 17.
    assert_same!(
        from_xlsx["excluded_items"][0]["source"],
        json!({"file": xlsx.display().to_string(), "sheet": "CTCT 2025", "row": 16})
    );
}

#[test]
fn the_table_lists_what_is_left_out_and_defines_the_rates() {
    let f = files();
    let cut = ["--period", "2025", "--as-of", "2025-06-20"];
    let run = with_directory("programme", &f.csv, &f.directory, &cut).ok();
    // 5 / 9 = 55,6% submitted, 4 / 5 = 80,0% on time, 1 / 9 = 11,1% issued.
    run.stdout_has("Tổng cộng")
        .stdout_has("55,6%")
        .stdout_has("80,0%")
        .stdout_has("11,1%")
        .stdout_has("Nội dung rút khỏi chương trình (1):")
        .stdout_has("Sở Y tế: Đề án F (Tháng 4/2025) — «Rút khỏi chương trình»")
        .stdout_has("Dòng không đủ thông tin, không tính (2):")
        .stdout_has("dòng 11: không có cơ quan chủ trì")
        .stdout_has("Tỷ lệ đã trình = số nội dung đã trình / số nội dung phải trình trong kỳ.")
        .stdout_has("Tỷ lệ có mẫu số bằng 0 được ghi “-”.");
}

#[test]
fn csv_output_has_plain_numbers_and_rates_with_one_decimal() {
    let f = files();
    let csv = ["--period", "2025-Q1", "--format", "csv"];
    let out = with_directory("programme", &f.csv, &f.directory, &csv)
        .ok()
        .stdout();
    // Q1 at 31/03: Sở Tài chính 1 (on time, issued), 2 (late); Sở Nội vụ 3 not yet due (the
    // deadline day itself); Sở Xây dựng 12 on time; Ban Dân tộc 13 overdue. Item 4 (planned
    // in March) was postponed out of the quarter. Total 5 = 3 submitted + 2 not submitted.
    let lines: Vec<&str> = out.lines().collect();
    assert_same!(
        lines,
        vec![
            "\"Cơ quan, đơn vị\",Số nội dung phải trình,Đã trình,Trình đúng hạn,Trình quá hạn,Đã ban hành,Chưa trình,\"Chưa trình, quá hạn\",\"Chưa trình, chưa đến hạn\",Lùi thời gian trình,Tỷ lệ đã trình,Tỷ lệ trình đúng hạn,Tỷ lệ đã ban hành",
            "Sở Nội vụ,1,0,0,0,0,1,0,1,0,0.0,,0.0",
            "Sở Tài chính,2,2,1,1,1,0,0,0,0,100.0,50.0,50.0",
            "Sở Xây dựng,1,1,1,0,0,0,0,0,1,100.0,100.0,0.0",
            "Ban Dân tộc,1,0,0,0,0,1,1,0,0,0.0,,0.0",
            "Tổng cộng,5,3,2,1,1,2,1,1,1,60.0,66.7,20.0",
        ]
    );
}

/// `tiendo programme-report` of 2025 at 20/06/2025 from the CSV, in Bình An; the stem of the
/// files written (without extension).
fn programme_report(f: &Files) -> (Run, PathBuf) {
    let out_dir = f.root.join("bao-cao");
    let options = [
        "--period",
        "2025",
        "--as-of",
        "2025-06-20",
        "--place",
        "Bình An",
        "--out",
        out_dir.to_str().unwrap(),
    ];
    let run = with_directory("programme-report", &f.csv, &f.directory, &options).ok();
    (
        run,
        out_dir.join("chuong-trinh-cong-tac-2025-den-2025-06-20"),
    )
}

#[test]
fn programme_report_writes_a_workbook_a_pdf_and_a_word_document_and_prints_their_paths() {
    let f = files();
    let (run, stem) = programme_report(&f);
    let [xlsx, pdf, docx] = ["xlsx", "pdf", "docx"].map(|e| stem.with_extension(e));
    assert_same!(
        run.stdout().lines().collect::<Vec<_>>(),
        vec![
            xlsx.to_str().unwrap(),
            pdf.to_str().unwrap(),
            docx.to_str().unwrap()
        ]
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    use calamine::{DataType, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("Tổng hợp").unwrap();
    // The "Tổng cộng" row after group I (row 13), its 4 agencies and group II with Ban Dân tộc.
    let total_row = (0..range.height() as u32)
        .find(|&r| range.get_value((r, 1)).and_then(|v| v.get_string()) == Some("Tổng cộng"))
        .unwrap();
    let figures: Vec<f64> = (2..11)
        .map(|c| range.get_value((total_row, c)).unwrap().as_f64().unwrap())
        .collect();
    assert_same!(figures, vec![9.0, 5.0, 4.0, 1.0, 1.0, 4.0, 2.0, 2.0, 3.0]);
}

/// The Word report of [`programme_report`], re-read from its document part.
fn word_report(f: &Files) -> (Body, String) {
    let (_, stem) = programme_report(f);
    let path = stem.with_extension("docx");
    (Body::of(&path), docx_part(&path, "word/document.xml"))
}

// The figures at 20/06/2025 are those of the first test: 9 items, 5 submitted (4 on time, 1
// late; 1 issued), 4 not submitted (2 overdue, 2 not yet due), 3 postponed; 1 withdrawn (6),
// 1 postponed out of 2025 (11). Rates: 5/9 = 55,6%, 4/5 = 80,0%, 1/9 = 11,1%. Nothing of the
// programme falls in 2024 (item 12 was moved into January 2025), so last year has no item.
// Group «Sở, ban, ngành» (Nội vụ 3, Tài chính 2, Xây dựng 1, Y tế 2 = 8): submitted 1 + 2 + 1 +
// 1 = 5 (5/8 = 62,5%), on time 4 (4/5 = 80,0%), issued 1 (1/8 = 12,5%), not submitted 2 + 0 +
// 0 + 1 = 3, overdue 1 (item 3). Overdue: 13 (Ban Dân tộc) and 3 (Sở Nội vụ): 2 agencies;
// coming due by 31/07 (the end of the month after June): 8 (30/06) and 4 (31/07).
#[test]
fn programme_word_report_has_the_heading_block_and_the_pdf_words_with_the_hand_count() {
    let f = files();
    let (body, _) = word_report(&f);
    assert_same!(
        body.tables[0]
            .iter()
            .map(|r| r.cells.clone())
            .collect::<Vec<_>>(),
        vec![
            cells(&[
                "UBND TỈNH\nVĂN PHÒNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
            ]),
            cells(&[
                "Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-VP",
                "Bình An, ngày 20 tháng 6 năm 2025"
            ]),
        ]
    );
    for line in [
        "BÁO CÁO",
        "Tình hình thực hiện Chương trình công tác năm\u{a0}2025 của UBND tỉnh",
        "(Số liệu đến hết ngày 20/06/2025)",
        "I. Kết quả chung",
        "Chương trình công tác năm 2025 của UBND tỉnh có 9 nội dung phải trình UBND tỉnh, Chủ \
         tịch UBND tỉnh (có thời hạn trình từ 01/01/2025 đến 31/12/2025, kể cả nội dung được lùi \
         thời gian trình vào kỳ này; cùng kỳ năm 2024 không có nội dung phải trình). Đến hết \
         ngày 20/06/2025, các cơ quan, đơn vị đã trình 5 nội dung (đạt 55,6%), trong đó 4 nội \
         dung trình đúng hạn (chiếm 80,0%), 1 nội dung trình quá hạn; UBND tỉnh, Chủ tịch UBND \
         tỉnh đã ban hành 1 nội dung (đạt 11,1% số nội dung phải trình); còn 4 nội dung chưa \
         trình, trong đó 2 nội dung đã quá hạn, 2 nội dung chưa đến hạn.",
        "Có 3 nội dung được lùi thời gian trình (đã tính theo thời gian trình mới); 1 nội dung \
         có thời hạn trình trong kỳ đã được lùi sang kỳ sau, không tính trong kỳ này; 1 nội dung \
         được rút khỏi chương trình, không tính vào các số trên.",
        "II. Kết quả theo cơ quan, đơn vị",
        "- Sở, ban, ngành: 8 nội dung phải trình; đã trình 5 (đạt 62,5%), trong đó đúng hạn 4 \
         (chiếm 80,0%); đã ban hành 1 (đạt 12,5%); chưa trình 3, trong đó quá hạn 1.",
        // Nothing submitted: no on-time share.
        "- Cơ quan, đơn vị chưa có trong danh mục: 1 nội dung phải trình; đã trình 0 (đạt \
         0,0%); đã ban hành 0 (đạt 0,0%); chưa trình 1, trong đó quá hạn 1.",
        "III. Nội dung chưa trình quá hạn và sắp đến hạn trình",
        "Đến hết ngày 20/06/2025 còn 2 nội dung chưa trình đã quá hạn của 2 cơ quan, đơn vị; 2 \
         nội dung đến hạn trình từ 20/06/2025 đến 31/07/2025. Danh mục chi tiết, kèm thời gian \
         quá hạn của từng nội dung, tại Phụ lục II.",
        "IV. Nội dung lùi thời gian trình, rút khỏi chương trình",
        "Trong kỳ có 3 nội dung được lùi thời gian trình (tính theo thời hạn mới), 1 nội dung có \
         thời hạn trình trong kỳ đã lùi sang kỳ khác và 1 nội dung được rút khỏi chương trình \
         (không tính vào số liệu). Danh mục tại Phụ lục III.",
        "V. Chất lượng dữ liệu",
        // Left out: 9 (no agency) and 10 («Đã trình» without a date); Ban Dân tộc is the one
        // name outside the directory; every status agrees with its dates.
        "Khi tổng hợp có 2 dòng không đủ thông tin nên không tính (thiếu cơ quan chủ trì, thời \
         gian trình, hoặc ghi đã trình mà không có ngày trình), 0 dòng có tình trạng mâu thuẫn \
         với ngày tháng (tính theo ngày), 0 ô không đọc được và 1 tên cơ quan không có trong \
         danh mục. Từng dòng, kèm tệp, sheet và số dòng, tại sheet «Kiểm tra dữ liệu» của tệp \
         Excel.",
        "PHỤ LỤC I",
        "TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025 THEO CƠ QUAN CHỦ TRÌ",
        "(Các nội dung có thời hạn trình từ 01/01/2025 đến 31/12/2025; tình hình thực hiện đến \
         hết ngày 20/06/2025)",
        // Withdrawn 6, postponed out 11; left out 9 and 10.
        "- Ngoài ra: 1 nội dung rút khỏi chương trình và 1 nội dung lùi sang kỳ khác không tính \
         trong kỳ; 2 dòng không đủ thông tin, xem sheet Kiểm tra dữ liệu.",
        "PHỤ LỤC II",
        "(Tính đến hết ngày 20/06/2025: 2 nội dung, quá hạn lâu nhất trước)",
        "(Hạn trình từ 20/06/2025 đến 31/07/2025: 2 nội dung)",
        "PHỤ LỤC III",
        "(3 nội dung lùi thời gian trình trong kỳ; 1 nội dung lùi sang kỳ khác; 1 nội dung rút \
         khỏi chương trình)",
        "1. Nội dung được lùi thời gian trình, vẫn trong kỳ",
        "3. Nội dung rút khỏi chương trình (không tính)",
    ] {
        assert!(
            body.has_paragraph(line),
            "missing paragraph «{line}» in {:#?}",
            body.paragraphs
        );
    }
    // Last year had nothing planned: no comparison paragraph, no last-year note.
    assert!(
        !body
            .paragraphs
            .iter()
            .any(|p| p.starts_with("So với cùng kỳ") || p.starts_with("- Cùng kỳ năm trước"))
    );
}

// Annex I at 20/06/2025, the agencies in directory order (Nội vụ, Tài chính, Xây dựng, Y tế),
// then the group of agencies outside the directory (Ban Dân tộc). Columns: planned, submitted,
// on time, late, issued, not submitted, overdue, not yet due, postponed, then the rates.
//   Nội vụ: 3, 4, 5 → 3 | 1 (5) 1 0 0 | 2 (3 overdue, 4 not yet due) | 2 postponed (4, 5);
//           1/3 = 33,3%, 1/1 = 100,0%, 0/3 = 0,0%
//   Tài chính: 1 (on time, issued) and 2 (late) → 2 | 2 1 1 1 | 0 | 0; 100,0%, 50,0%, 50,0%
//   Xây dựng: 12 → 1 | 1 1 0 0 | 0 | 1; 100,0%, 100,0%, 0,0%
//   Y tế: 7 on time, 8 not yet due → 2 | 1 1 0 0 | 1 0 1 | 0; 50,0%, 100,0%, 0,0%
//   Ban Dân tộc: 13 overdue → 1 | 0 | 1 1 0 | 0; 0,0%, "-", 0,0%
#[test]
fn programme_word_annex_rows_are_the_hand_count_and_its_three_head_rows_repeat() {
    let f = files();
    let (body, _) = word_report(&f);
    let annex = body.table_headed(&["STT", "Cơ quan chủ trì", "Số nội dung phải trình"]);
    let heads: Vec<bool> = annex.iter().map(|r| r.is_head).collect();
    assert_same!(heads[..4], [true, true, true, false]);
    assert!(heads[3..].iter().all(|h| !h), "only the head rows repeat");
    assert_same!(
        annex[1].cells,
        cells(&[
            "",
            "",
            "",
            "Tổng",
            "Đúng hạn",
            "Quá hạn",
            "Đã ban hành",
            "Tổng",
            "Quá hạn",
            "Chưa đến hạn",
            "",
            "",
            "",
            "",
            ""
        ])
    );
    let numbers: Vec<String> = (1..=15).map(|n| format!("({n})")).collect();
    assert_same!(annex[2].cells, numbers);
    let merged = "Gồm cả nội dung của Sở Kế hoạch và Đầu tư (hợp nhất từ 01/03/2025)";
    #[rustfmt::skip]
    let expected = vec![
        cells(&["I", "Sở, ban, ngành", "8", "5", "4", "1", "1", "3", "1", "2", "3", "62,5%", "80,0%", "12,5%", ""]),
        cells(&["1", "Sở Nội vụ", "3", "1", "1", "0", "0", "2", "1", "1", "2", "33,3%", "100,0%", "0,0%", ""]),
        cells(&["2", "Sở Tài chính", "2", "2", "1", "1", "1", "0", "0", "0", "0", "100,0%", "50,0%", "50,0%", merged]),
        cells(&["3", "Sở Xây dựng", "1", "1", "1", "0", "0", "0", "0", "0", "1", "100,0%", "100,0%", "0,0%", ""]),
        cells(&["4", "Sở Y tế", "2", "1", "1", "0", "0", "1", "0", "1", "0", "50,0%", "100,0%", "0,0%", ""]),
        cells(&["II", "Cơ quan, đơn vị chưa có trong danh mục", "1", "0", "0", "0", "0", "1", "1", "0", "0", "0,0%", "-", "0,0%", ""]),
        cells(&["1", "Ban Dân tộc", "1", "0", "0", "0", "0", "1", "1", "0", "0", "0,0%", "-", "0,0%", "Chưa có trong danh mục cơ quan"]),
        cells(&["", "Tổng cộng", "9", "5", "4", "1", "1", "4", "2", "2", "3", "55,6%", "80,0%", "11,1%", ""]),
    ];
    assert_same!(body_rows(annex), expected);
    // Every table but the heading block repeats exactly its head rows (one row for the lists).
    for table in &body.tables[1..] {
        let n = table.iter().take_while(|r| r.is_head).count();
        assert!(
            n >= 1 && table[n..].iter().all(|r| !r.is_head),
            "{table:#?}"
        );
    }
}

// Annex II at 20/06/2025, by agency, most overdue first: 13 (Ban Dân tộc, due 28/02: 31 + 30 +
// 31 + 20 = 112 days = 3 months of 30 days and 22 days), then 3 (Sở Nội vụ, due 31/03: 30 + 31
// + 20 = 81 days = 2 months 21 days). Coming due by 31/07, soonest first: 8 (Sở Y tế, 30/06:
// 10 days left) and 4 (Sở Nội vụ, planned in March, moved by its status to 31/07: 11 + 30 = 41).
// Annex III: postponed within 2025 in agency order — 4 and 5 (Nội vụ: by the status, by the
// column), 12 (Xây dựng: from December 2024 into January 2025); postponed out: 11 (to February
// 2026, not yet due); withdrawn: 6, its status the basis.
#[test]
fn programme_word_lists_hold_the_overdue_coming_due_postponed_and_withdrawn_items() {
    let f = files();
    let (body, _) = word_report(&f);
    let overdue = body.table_headed(&["STT", "Nội dung trình", "Lãnh đạo phụ trách"]);
    assert_same!(overdue[0].cells[5], "Thời gian quá hạn");
    let leader = "Phó Chủ tịch Trần Thị Mai";
    #[rustfmt::skip]
    let expected = vec![
        cells(&["Ban Dân tộc (1 nội dung)"]),
        cells(&["1", "Đề án N", "", "Tháng 2/2025", "28/02/2025", "112 ngày (khoảng 3 tháng 22 ngày)"]),
        cells(&["Sở Nội vụ (1 nội dung)"]),
        cells(&["2", "Đề án C", leader, "Quý I/2025", "31/03/2025", "81 ngày (khoảng 2 tháng 21 ngày)"]),
    ];
    assert_same!(body_rows(overdue), expected);
    let lists: Vec<&Vec<crate::docx::WordRow>> = body
        .tables
        .iter()
        .filter(|t| t[0].cells.get(1).is_some_and(|c| c == "Nội dung trình"))
        .collect();
    assert_same!(lists.len(), 2, "the overdue and the coming-due lists");
    assert_same!(lists[1][0].cells[5], "Số ngày còn lại");
    #[rustfmt::skip]
    let expected = vec![
        cells(&["Sở Y tế (1 nội dung)"]),
        cells(&["1", "Đề án H", "", "Tháng 6/2025", "30/06/2025", "10"]),
        cells(&["Sở Nội vụ (1 nội dung)"]),
        cells(&["2", "Đề án D", leader, "Tháng 3/2025 → Tháng 7/2025", "31/07/2025", "41"]),
    ];
    assert_same!(body_rows(lists[1]), expected);

    let moved: Vec<&Vec<crate::docx::WordRow>> = body
        .tables
        .iter()
        .filter(|t| {
            t[0].cells.get(1).is_some_and(|c| c == "Cơ quan chủ trì") && t[0].cells.len() == 6
        })
        .collect();
    assert_same!(moved.len(), 3, "postponed, postponed out, withdrawn");
    let column = "cột thời gian trình sau điều chỉnh";
    #[rustfmt::skip]
    let expected = vec![
        cells(&["1", "Sở Nội vụ", "Đề án D", "Tháng 3/2025", "Tháng 7/2025; Xin lùi sang tháng 7/2025", "Chưa trình, chưa đến hạn"]),
        cells(&["2", "Sở Nội vụ", "Đề án E", "Tháng 5/2025", &format!("Quý IV/2025; {column}"), "Đã trình đúng hạn"]),
        cells(&["3", "Sở Xây dựng", "Đề án M", "Tháng 12/2024", &format!("Tháng 1/2025; {column}"), "Đã trình đúng hạn"]),
    ];
    assert_same!(body_rows(moved[0]), expected);
    assert_same!(
        body_rows(moved[1]),
        vec![cells(&[
            "1",
            "Sở Y tế",
            "Đề án L",
            "Tháng 11/2025",
            &format!("Tháng 2/2026; {column}"),
            "Chưa trình, chưa đến hạn"
        ])]
    );
    assert_same!(moved[2][0].cells[4], "Căn cứ");
    assert_same!(
        body_rows(moved[2]),
        vec![cells(&[
            "1",
            "Sở Y tế",
            "Đề án F",
            "Tháng 4/2025",
            "Rút khỏi chương trình",
            "Rút khỏi chương trình"
        ])]
    );
}

// A4 portrait with the margins of Nghị định 30/2020 (20/20/30/15 mm: 1134/1134/1701/850
// twips), a blank first-page header and the page number from page 2, then one landscape
// section for the three annexes; Annex III's numbered captions are paragraphs in the «Mục»
// style, not text boxes.
#[test]
fn programme_word_report_is_a4_portrait_then_one_landscape_section_for_the_annexes() {
    let f = files();
    let (_, xml) = word_report(&f);
    let (_, annexes) = portrait_then_landscape(&xml);
    assert!(!annexes.contains("<w:titlePg"), "{annexes}");
    // The landscape section's paragraphs come after the first section's end.
    let landscape = &xml[xml.find("</w:sectPr>").unwrap()..];
    assert!(landscape.contains("PHỤ LỤC I<") && landscape.contains("PHỤ LỤC III<"));
    let caption = landscape
        .split("<w:p>")
        .find(|p| p.contains("1. Nội dung được lùi thời gian trình, vẫn trong kỳ"))
        .unwrap();
    assert!(caption.contains(r#"<w:pStyle w:val="Muc" />"#), "{caption}");
    for absent in ["<w:drawing", "<w:pict", "<w:txbxContent"] {
        assert!(!xml.contains(absent), "{absent}");
    }
}

#[test]
fn a_file_without_a_programme_table_is_refused_naming_it() {
    let f = files();
    let other = f.root.join("khac.csv");
    std::fs::write(&other, "Họ tên,Chức vụ\nNguyễn Văn A,Chuyên viên\n").unwrap();
    tiendo(&["programme", other.to_str().unwrap(), "--period", "2025"])
        .fails_with(2)
        .stderr_has("khac.csv")
        .stderr_has("không tìm thấy bảng chương trình công tác nào");
}

#[test]
fn programme_commands_refuse_the_options_of_task_lists() {
    let f = files();
    for (command, option) in [
        ("programme", "--basis"),
        ("programme", "--deadline"),
        ("programme-report", "--rules"),
    ] {
        tiendo(&[
            command,
            f.csv.to_str().unwrap(),
            "--period",
            "2025",
            option,
            "x",
        ])
        .fails_with(2)
        .stderr_has(&format!("không có tùy chọn «{option}»"));
    }
    tiendo(&[
        "programme",
        f.csv.to_str().unwrap(),
        "--period",
        "2025",
        "--by",
        "bloc",
    ])
    .fails_with(2)
    .stderr_has("agency, group, leader");
}
