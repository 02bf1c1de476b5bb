//! What the data covers (issue 17, SPEC §9): the export date read from a title row or a note
//! row (or absent), a last year the data covers only in part, a month without any task. Each
//! fixture is written by the test; the sentences and JSON were worked out by hand from the
//! rules in the README («Phạm vi dữ liệu»).

use serde_json::{Value, json};

use crate::harness::{self, assert_same, sheet_rows, tiendo};

const HEADER: &str =
    "Số ký hiệu,Ngày văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Ngày hoàn thành";

/// A task row: number, assignment date (also the document date), agency, deadline, completion.
fn row(n: usize, assigned: &str, agency: &str, deadline: &str, done: &str) -> String {
    format!("{n}/UBND-TH,{assigned},Nhiệm vụ số {n},{agency},{assigned},{deadline},{done}")
}

fn write(dir: &tempfile::TempDir, name: &str, lines: &[String]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.display().to_string()
}

fn figures(file: &str, period: &str) -> Value {
    tiendo(&["figures", file, "--period", period, "--format", "json"])
        .ok()
        .json()
}

#[test]
fn an_export_date_in_a_title_row_flags_a_later_cut_off() {
    let dir = harness::temp_dir();
    let file = write(
        &dir,
        "ioffice.csv",
        &[
            "DANH SÁCH NHIỆM VỤ NĂM 2025 (trích xuất ngày 20/10/2025)".to_string(),
            HEADER.to_string(),
            row(1, "06/01/2025", "Sở Y tế", "30/01/2025", "20/01/2025"),
            row(2, "03/03/2025", "Sở Y tế", "30/11/2025", ""),
        ],
    );
    // Cut at 31/12/2025, after the export of 20/10/2025: task 2 (due 30/11) counts overdue,
    // but may have been done since.
    let out = figures(&file, "2025");
    assert_same!(
        out["coverage"],
        json!({"first_assigned": "2025-01-06", "last_assigned": "2025-03-03", "exported": "2025-10-20"})
    );
    assert_same!(
        out["warnings"],
        json!([
            "Ngày chốt số liệu 31/12/2025 sau thời điểm trích xuất dữ liệu mới nhất (20/10/2025, \
             tệp «ioffice.csv»): tình hình thực hiện sau thời điểm đó chưa có trong dữ liệu, nên \
             các nhiệm vụ được tính là còn hạn hoặc quá hạn có thể đã hoàn thành."
        ])
    );
    // A cut-off on the export day itself is not flagged.
    let out = tiendo(&[
        "figures",
        &file,
        "--period",
        "2025",
        "--as-of",
        "2025-10-20",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(out["warnings"], json!([]));
}

#[test]
fn an_export_date_and_time_in_a_note_row_is_read_too() {
    let dir = harness::temp_dir();
    let file = write(
        &dir,
        "ioffice-2020.csv",
        &[
            HEADER.to_string(),
            row(1, "06/01/2020", "Sở Tư pháp", "30/01/2020", "20/01/2020"),
            row(2, "03/02/2020", "Sở Tư pháp", "28/02/2020", "27/02/2020"),
            "Dữ liệu trích xuất từ hệ thống VNPT-iOFFICE lúc 08:15 ngày 06/07/2020".to_string(),
        ],
    );
    let half = figures(&file, "2020-H1");
    assert_same!(half["coverage"]["exported"], json!("2020-07-06"));
    assert_same!(half["warnings"], json!([]));
    let year = figures(&file, "2020");
    assert!(
        year["warnings"][0]
            .as_str()
            .unwrap()
            .contains("(08:15 ngày 06/07/2020, tệp «ioffice-2020.csv»)"),
        "{year}"
    );
    // `check` lists what the file covers and where it says when it was exported.
    tiendo(&["check", &file]).ok().stdout_has(&format!(
        "  - {file}: 2 dòng nhiệm vụ, giao từ 06/01/2020 đến 03/02/2020, 1 cơ quan chủ trì; \
         trích xuất 08:15 ngày 06/07/2020 (ghi ở dòng 4)\n"
    ));
}

#[test]
fn without_an_export_date_nothing_is_flagged_and_exported_is_null() {
    let dir = harness::temp_dir();
    let file = write(
        &dir,
        "so-tay.csv",
        &[
            HEADER.to_string(),
            row(1, "06/01/2025", "Sở Y tế", "30/01/2025", "20/01/2025"),
        ],
    );
    let out = figures(&file, "2025");
    assert_same!(
        out["coverage"],
        json!({"first_assigned": "2025-01-06", "last_assigned": "2025-01-06", "exported": null})
    );
    assert_same!(out["warnings"], json!([]));
}

/// Tasks from 01/11/2024 (the bench export's first day) to 2025.
fn from_november_2024(dir: &tempfile::TempDir) -> String {
    write(
        dir,
        "tu-11-2024.csv",
        &[
            HEADER.to_string(),
            row(1, "01/11/2024", "Sở Y tế", "30/11/2024", "20/11/2024"),
            row(2, "15/12/2024", "Sở Y tế", "30/12/2024", "28/12/2024"),
            row(3, "06/01/2025", "Sở Y tế", "30/01/2025", "20/01/2025"),
            row(4, "03/03/2025", "Sở Y tế", "30/04/2025", "20/05/2025"),
            row(5, "10/06/2025", "Sở Y tế", "30/06/2025", "25/06/2025"),
        ],
    )
}

#[test]
fn last_year_partly_covered_is_not_compared_anywhere() {
    let dir = harness::temp_dir();
    let file = from_november_2024(&dir);
    // 2025: 3 tasks against 2 in the two months of 2024 the file holds: «tăng 50,0%» would
    // be printed without the rule.
    let brief = tiendo(&["brief", &file, "--period", "2025"]).ok().stdout();
    assert!(
        brief.contains(
            "\nSố liệu cùng kỳ năm 2024 chỉ có từ ngày 01/11/2024, chưa đủ để so sánh.\n"
        ),
        "{brief}"
    );
    assert!(!brief.contains("so với cùng kỳ"), "{brief}");
    assert!(!brief.contains("50,0%"), "{brief}");
    // The figures of 2024 itself say so too.
    assert_same!(
        figures(&file, "2024")["warnings"],
        json!(["Số liệu năm 2024 chỉ có từ ngày 01/11/2024: các con số chưa phản ánh đủ cả kỳ."])
    );
    // The workbook: no «Cùng kỳ» columns, the sentence in the annex's notes and on the
    // data-quality sheet.
    let out = dir.path().join("bao-cao");
    tiendo(&[
        "report",
        &file,
        "--period",
        "2025",
        "--out",
        &out.display().to_string(),
    ])
    .ok();
    let xlsx = out.join("bao-cao-2025.xlsx");
    let summary = sheet_rows(&xlsx, "Tổng hợp");
    let all: Vec<&String> = summary.iter().flatten().collect();
    assert!(!all.iter().any(|c| c.starts_with("Cùng kỳ")), "{all:?}");
    assert!(
        all.iter().any(
            |c| *c == "Số liệu cùng kỳ năm 2024 chỉ có từ ngày 01/11/2024, chưa đủ để so sánh."
        )
    );
    let quality = sheet_rows(&xlsx, "Kiểm tra dữ liệu");
    let column: Vec<&str> = quality
        .iter()
        .filter_map(|r| r.get(5))
        .map(String::as_str)
        .collect();
    assert_same!(
        column[1..5].to_vec(),
        vec![
            "Phạm vi dữ liệu và lưu ý",
            &format!(
                "{file}: 5 dòng nhiệm vụ, giao từ 01/11/2024 đến 10/06/2025, 1 cơ quan chủ trì; \
                 không ghi ngày trích xuất"
            ),
            "Số liệu cùng kỳ năm 2024 chỉ có từ ngày 01/11/2024, chưa đủ để so sánh.",
            "",
        ]
    );
}

/// 12 tasks a month in January, February, April and May 2020, none in March; 12 in
/// January 2021.
fn with_a_march_gap(dir: &tempfile::TempDir) -> String {
    let mut lines = vec![HEADER.to_string()];
    let mut n = 0;
    for (month, year) in [(1, 2020), (2, 2020), (4, 2020), (5, 2020), (1, 2021)] {
        for day in 1..=12 {
            n += 1;
            let d = format!("{day:02}/{month:02}/{year}");
            lines.push(row(n, &d, "Sở Xây dựng", &d, &d));
        }
    }
    write(dir, "co-thang-trong.csv", &lines)
}

#[test]
fn a_month_without_any_task_between_busy_months_is_a_gap() {
    let dir = harness::temp_dir();
    let file = with_a_march_gap(&dir);
    // March is empty between February and April (12 each); June to December are empty
    // between May and January 2021 (12 each): two gaps.
    assert_same!(
        figures(&file, "2020")["warnings"],
        json!([
            "Số liệu năm 2020 không có nhiệm vụ nào được giao trong tháng 03/2020, các tháng \
             06/2020–12/2020: các con số chưa phản ánh đủ cả kỳ."
        ])
    );
    assert_same!(
        figures(&file, "2020-H1")["warnings"],
        json!([
            "Số liệu 6 tháng đầu năm 2020 không có nhiệm vụ nào được giao trong tháng 03/2020, \
             các tháng 06/2020–12/2020: các con số chưa phản ánh đủ cả kỳ."
        ])
    );
    // January 2021 compared with January 2020 (both full): compared.
    let brief = tiendo(&["brief", &file, "--period", "2021-01"])
        .ok()
        .stdout();
    assert!(
        brief.contains("(không đổi so với cùng kỳ năm 2020)"),
        "{brief}"
    );
    // `check` names the gaps.
    tiendo(&["check", &file])
        .ok()
        .stdout_has("  Lưu ý: không có nhiệm vụ nào được giao từ 01/03/2020 đến 31/03/2020,");
}

#[test]
fn a_trend_year_the_data_does_not_cover_gets_no_change_and_a_warning() {
    let dir = harness::temp_dir();
    let file = from_november_2024(&dir);
    let json = tiendo(&["trend", &file, "--years", "2024..2025", "--format", "json"])
        .ok()
        .json();
    assert_same!(
        json[0]["warnings"],
        json!(["Số liệu năm 2024 chỉ có từ ngày 01/11/2024: các con số chưa phản ánh đủ cả kỳ."])
    );
    assert_same!(json[1]["warnings"], json!([]));
    assert_same!(json[1]["coverage"]["first_assigned"], json!("2024-11-01"));
    let table = tiendo(&["trend", &file, "--years", "2024..2025"])
        .ok()
        .stdout();
    let line_2025 = table.lines().find(|l| l.starts_with("2025")).unwrap();
    assert!(!line_2025.contains("tăng"), "{line_2025}");
}
