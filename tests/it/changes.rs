//! `tiendo changes`: what changed between two cut-offs, on a hand-kept sheet the test writes.
//! Window: D1 = 16/11/2025 (exclusive), D2 = 23/11/2025 (inclusive). Each row's fate, worked
//! out by hand from SPEC §7:
//!
//! | row | agency | assigned | deadline | completed | fate |
//! |---|---|---|---|---|---|
//! | 1 | Sở Y tế | 10/11 | 20/11 | – | became overdue (20/11 in [16/11, 23/11)), overdue at D2 |
//! | 2 | Sở Y tế | 17/11 | 30/11 | 22/11 | assigned, completed on time |
//! | 3 | Sở Y tế | 01/10 | 15/11 | 18/11 | completed late |
//! | 4 | Sở Tài chính | 01/10 | 10/11 | – | overdue at D2 only (deadline before D1) |
//! | 5 | Sở Tài chính | 20/11 | 23/11 | – | assigned; due on D2 itself: still within |
//! | 6 | Sở Tài chính | 18/11 | 19/11 | – | assigned, became overdue, overdue at D2 |
//! | 7 | Sở Tài chính | 05/11 | 16/11 | 24/11 | completed after D2: became overdue (16/11 = D1), overdue at D2 |
//! | 8 | Sở Tư pháp | 01/11 | 20/11, extended 30/11 | – | within at D2 (on the original deadline: became overdue) |
//! | 9 | Sở Tư pháp | 18/11 | – | – | «Thu hồi»: cancelled, out of every count |
//! | 10 | Sở Tư pháp | 19/11 | Thường xuyên | 21/11 | assigned, completed on time (no deadline) |
//! | 11 | Sở Y tế | copy of row 2 without its completion date: merged into row 2 |
//! | 12 | Sở Y tế | 16/11 (= D1) | 17/11 | – | not assigned in the window; became overdue, overdue at D2 |

use serde_json::{Value, json};

use crate::harness::{self, assert_same, tiendo};

const SHEET: &str = "\
STT,Số ký hiệu,Ngày văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Hạn gia hạn,Ngày hoàn thành,Trạng thái,Chuyên viên theo dõi
1,101/UBND-VX,10/11/2025,Báo cáo tình hình dịch sốt xuất huyết,Sở Y tế,10/11/2025,20/11/2025,,,,Lê Thị Hồng
2,102/UBND-VX,17/11/2025,Kiểm tra an toàn thực phẩm,Sở Y tế,17/11/2025,30/11/2025,,22/11/2025,,Lê Thị Hồng
3,90/UBND-VX,01/10/2025,Rà soát trang thiết bị y tế,Sở Y tế,01/10/2025,15/11/2025,,18/11/2025,,Lê Thị Hồng
4,80/UBND-KT,01/10/2025,Quyết toán vốn đầu tư công,Sở Tài chính,01/10/2025,10/11/2025,,,,Trần Văn Bình
5,110/UBND-KT,20/11/2025,Thẩm định giá đất,Sở Tài chính,20/11/2025,23/11/2025,,,,Trần Văn Bình
6,105/UBND-KT,18/11/2025,Báo cáo thu ngân sách,Sở Tài chính,18/11/2025,19/11/2025,,,,Trần Văn Bình
7,95/UBND-KT,05/11/2025,Phân bổ vốn sự nghiệp,Sở Tài chính,05/11/2025,16/11/2025,,24/11/2025,,Trần Văn Bình
8,96/UBND-NC,01/11/2025,Góp ý dự thảo quy chế,Sở Tư pháp,01/11/2025,20/11/2025,30/11/2025,,,Phạm Minh Tuấn
9,106/UBND-NC,18/11/2025,Thẩm định văn bản,Sở Tư pháp,18/11/2025,30/11/2025,,,Thu hồi,Phạm Minh Tuấn
10,107/UBND-NC,19/11/2025,Theo dõi thi hành pháp luật,Sở Tư pháp,19/11/2025,Thường xuyên,,21/11/2025,,Phạm Minh Tuấn
11,102/UBND-VX,17/11/2025,Kiểm tra an toàn thực phẩm,Sở Y tế,17/11/2025,30/11/2025,,,,Lê Thị Hồng
12,103/UBND-VX,16/11/2025,Báo cáo phòng chống dịch,Sở Y tế,16/11/2025,17/11/2025,,,,Lê Thị Hồng
";

fn changes(extra: &[&str]) -> harness::Run {
    let dir = harness::temp_dir();
    let path = dir.path().join("theo-doi.csv");
    std::fs::write(&path, SHEET).unwrap();
    let mut args = vec![
        "changes".to_string(),
        path.display().to_string(),
        "--from".into(),
        "2025-11-16".into(),
        "--to".into(),
        "2025-11-23".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    tiendo(&args).ok()
}

fn row(key: &str, [a, c, on, late, became, end]: [u64; 6]) -> Value {
    json!({"key": key, "assigned": a, "completed": c, "on_time": on, "late": late,
           "became_overdue": became, "overdue_at_end": end})
}

#[test]
fn every_change_count_matches_the_hand_count() {
    let out = changes(&["--format", "json"]).json();
    assert_same!(out["from"], json!("2025-11-16"));
    assert_same!(out["to"], json!("2025-11-23"));
    // No directory: agencies alphabetically.
    assert_same!(
        out["rows"],
        json!([
            row("Sở Tài chính", [2, 0, 0, 0, 2, 3]),
            row("Sở Tư pháp", [1, 1, 1, 0, 0, 0]),
            row("Sở Y tế", [1, 2, 1, 1, 2, 2]),
        ])
    );
    let mut total = row("", [4, 3, 2, 1, 4, 5]);
    total.as_object_mut().unwrap().remove("key");
    assert_same!(out["total"], total);
}

#[test]
fn on_the_original_deadline_the_extended_task_became_overdue() {
    let out = changes(&["--format", "json", "--deadline", "original"]).json();
    assert_same!(out["rows"][1], row("Sở Tư pháp", [1, 1, 1, 0, 1, 1]));
}

#[test]
fn the_text_brief_lists_the_newly_overdue_tasks_most_overdue_first() {
    let text = changes(&[]).stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_same!(lines[1], "Từ 17/11/2025 đến hết ngày 23/11/2025.");
    let start = lines
        .iter()
        .position(|l| *l == "NHIỆM VỤ MỚI QUÁ HẠN (4):")
        .expect("the newly overdue list");
    // At 23/11: row 7 (deadline 16/11) 7 days overdue, row 6 (19/11) 4 days; row 12 (17/11)
    // 6 days, row 1 (20/11) 3 days.
    assert_same!(
        lines[start + 1..start + 7].to_vec(),
        vec![
            "Sở Tài chính (2 nhiệm vụ):",
            "- 95/UBND-KT ngày 05/11/2025: Phân bổ vốn sự nghiệp — hạn 16/11/2025, quá 7 ngày — theo dõi: Trần Văn Bình",
            "- 105/UBND-KT ngày 18/11/2025: Báo cáo thu ngân sách — hạn 19/11/2025, quá 4 ngày — theo dõi: Trần Văn Bình",
            "Sở Y tế (2 nhiệm vụ):",
            "- 103/UBND-VX ngày 16/11/2025: Báo cáo phòng chống dịch — hạn 17/11/2025, quá 6 ngày — theo dõi: Lê Thị Hồng",
            "- 101/UBND-VX ngày 10/11/2025: Báo cáo tình hình dịch sốt xuất huyết — hạn 20/11/2025, quá 3 ngày — theo dõi: Lê Thị Hồng",
        ]
    );
    assert!(text.contains(
        "- 90/UBND-VX ngày 01/10/2025: Rà soát trang thiết bị y tế — hoàn thành 18/11/2025 (trễ hạn; hạn 15/11/2025) — theo dõi: Lê Thị Hồng"
    ));
    assert!(text.contains(
        "\nTổng cộng               4           3         2        1            4                5\n"
    ));
}

#[test]
fn markdown_and_csv_carry_the_same_counts() {
    let md = changes(&["--format", "markdown"]).stdout();
    assert!(md.starts_with("# Những thay đổi trong kỳ theo dõi\n"));
    assert!(md.contains("| Sở Y tế | 1 | 2 | 1 | 1 | 2 | 2 |"));
    assert!(md.contains("## Nhiệm vụ giao mới trong kỳ (4)"));
    let csv = changes(&["--format", "csv"]).stdout();
    assert_same!(
        csv.lines().collect::<Vec<_>>(),
        vec![
            "\"Cơ quan, đơn vị\",Giao mới,Hoàn thành,Đúng hạn,Trễ hạn,Mới quá hạn,Quá hạn cuối kỳ",
            "Sở Tài chính,2,0,0,0,2,3",
            "Sở Tư pháp,1,1,1,0,0,0",
            "Sở Y tế,1,2,1,1,2,2",
            "Tổng cộng,4,3,2,1,4,5",
        ]
    );
}

// A key from the inputs never starts a formula in the CSV (the same rule as `figures`).
#[test]
fn a_formula_like_agency_name_is_inert_in_the_csv() {
    let dir = harness::temp_dir();
    let path = dir.path().join("theo-doi.csv");
    std::fs::write(&path, SHEET.replace("Sở Tư pháp", "=HYPERLINK(1)")).unwrap();
    let p = path.display().to_string();
    let csv = tiendo(&[
        "changes",
        &p,
        "--from",
        "2025-11-16",
        "--to",
        "2025-11-23",
        "--format",
        "csv",
    ])
    .ok()
    .stdout();
    assert!(csv.contains("\n'=HYPERLINK(1),1,1,1,0,0,0\n"), "{csv}");
}

// ISO week 47 of 2025 is Monday 17/11 to Sunday 23/11: the same window as --from 16/11 --to 23/11.
#[test]
fn an_iso_week_is_the_window_from_the_sunday_before() {
    let dir = harness::temp_dir();
    let path = dir.path().join("theo-doi.csv");
    std::fs::write(&path, SHEET).unwrap();
    let p = path.display().to_string();
    let week = tiendo(&["changes", &p, "--week", "2025-W47", "--format", "json"])
        .ok()
        .json();
    assert_same!(week, changes(&["--format", "json"]).json());
    let text = tiendo(&["changes", &p, "--week", "2025-W47"]).ok().stdout();
    assert!(text.contains("Tuần 47/2025 (từ 17/11/2025 đến hết ngày 23/11/2025)."));
    tiendo(&["changes", &p, "--from", "2025-11-23", "--to", "2025-11-16"])
        .fails_with(2)
        .stderr_has("lỗi: ngày đầu (23/11/2025) phải trước ngày cuối (16/11/2025)");
}
