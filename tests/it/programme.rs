//! `tiendo programme` and `tiendo programme-report` on a small programme the tests write
//! themselves (a CSV, and the same items as a workbook with title rows and a two-row header),
//! with a directory in which Sở Kế hoạch và Đầu tư merges into Sở Tài chính on 01/03/2025.
//! Every expected figure was counted by hand from the rows below; the working is beside them.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

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

#[test]
fn programme_report_writes_a_workbook_and_a_pdf_and_prints_their_paths() {
    let f = files();
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
    let stem = out_dir.join("chuong-trinh-cong-tac-2025-den-2025-06-20");
    let (xlsx, pdf) = (stem.with_extension("xlsx"), stem.with_extension("pdf"));
    assert_same!(
        run.stdout().lines().collect::<Vec<_>>(),
        vec![xlsx.to_str().unwrap(), pdf.to_str().unwrap()]
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
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
