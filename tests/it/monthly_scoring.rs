//! `rank` with a rule file that scores a period month by month (`cham_theo_thang`, issue 13:
//! Thanh Hóa scores every month and takes the year's score from the months), on a task list
//! and a directory the test writes. Rules: 10 points, −0,5 per task completed late, −1 per
//! open overdue task. Each month is judged at its own end; the month of the cut-off at the
//! cut-off. By hand:
//!
//! | task | agency | assigned | deadline | completed | its month, at the month's end | the quarter, at 31/03 |
//! |---|---|---|---|---|---|---|
//! | 1 | Sở Tài chính | 06/01 | 20/01 | 05/02 | January: overdue | late |
//! | 2 | Sở Tài chính | 10/01 | 25/01 | 20/01 | January: on time | on time |
//! | 3 | Sở Tài chính | 03/02 | 28/02 | 10/03 | February: within (due on 28/02 itself) | late |
//! | 4 | Sở Tài chính | 05/03 | 15/03 | – | March: overdue | overdue |
//! | 5 | Sở Y tế | 08/01 | 30/01 | 29/01 | January: on time | on time |
//! | 6 | Sở Y tế | 12/03 | 20/03 | 25/03 | March: late (at 18/03: within) | late |
//!
//! Sở Tài chính: January 10 − 1 = 9, February 10, March 10 − 1 = 9: mean (9 + 10 + 9) / 3 =
//! 9,333… → 9,33 (the quarter scored at once would be 10 − 2 × 0,5 − 1 = 8). Sở Y tế: January
//! 10, no task in February, March 10 − 0,5 = 9,5: mean (10 + 9,5) / 2 = 9,75.

use serde_json::json;

use crate::harness::{self, assert_same, tiendo};

const TASKS: &str = "\
Số ký hiệu,Ngày văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Ngày hoàn thành
1/UBND-KT,06/01/2025,Việc 1,Sở Tài chính,06/01/2025,20/01/2025,05/02/2025
2/UBND-KT,10/01/2025,Việc 2,Sở Tài chính,10/01/2025,25/01/2025,20/01/2025
3/UBND-KT,03/02/2025,Việc 3,Sở Tài chính,03/02/2025,28/02/2025,10/03/2025
4/UBND-KT,05/03/2025,Việc 4,Sở Tài chính,05/03/2025,15/03/2025,
5/UBND-VX,08/01/2025,Việc 5,Sở Y tế,08/01/2025,30/01/2025,29/01/2025
6/UBND-VX,12/03/2025,Việc 6,Sở Y tế,12/03/2025,20/03/2025,25/03/2025
";

const DIRECTORY: &str = "\
Mã,Tên cơ quan,Nhóm,Khối thi đua
STC,Sở Tài chính,\"Sở, ban, ngành\",Khối tổng hợp
SYT,Sở Y tế,\"Sở, ban, ngành\",Khối tổng hợp
";

const RULES: &str = r#"
ten = "Chấm điểm hằng tháng"
diem_toi_da = 10
cham_theo_thang = "trung_binh"
[khau_tru]
hoan_thanh_qua_han = 0.5
chua_hoan_thanh_qua_han = 1
"#;

/// The ranking's agencies as (name, points, rank in bloc), and the working lines of `agency`
/// that give counts or points.
fn rank(rules: &str, extra: &[&str], agency: &str) -> (Vec<serde_json::Value>, Vec<String>) {
    let dir = harness::temp_dir();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let (tasks, directory, rules) = (
        write("nhiem-vu.csv", TASKS),
        write("danh-muc.csv", DIRECTORY),
        write("quy-tac.toml", rules),
    );
    let mut args = vec![
        "rank",
        tasks.as_str(),
        "--agencies",
        directory.as_str(),
        "--rules",
        rules.as_str(),
        "--period",
        "2025-Q1",
        "--format",
        "json",
    ];
    args.extend(extra);
    let out = tiendo(&args).ok().json();
    let agencies = out["agencies"].as_array().unwrap();
    let rows = agencies
        .iter()
        .map(|a| json!([a["name"], a["points"], a["rank_in_bloc"]]))
        .collect();
    let working: Vec<String> = agencies
        .iter()
        .find(|a| a["name"] == agency)
        .map(|a| serde_json::from_value(a["working"].clone()).unwrap())
        .unwrap();
    let working = working
        .into_iter()
        .filter(|l| l.contains("Tổng số") || l.contains("Điểm:") || l.starts_with("Điểm cả kỳ"))
        .collect();
    (rows, working)
}

#[test]
fn a_quarter_scored_by_month_is_the_mean_of_its_months_each_judged_at_its_end() {
    let (rows, working) = rank(RULES, &[], "Sở Tài chính");
    assert_same!(
        rows,
        vec![
            json!(["Sở Y tế", 9.75, 1]),
            json!(["Sở Tài chính", 9.33, 2])
        ]
    );
    // January at 31/01: task 1 (done 05/02) is overdue; February at 28/02: task 3 is within.
    assert_same!(
        working,
        vec![
            "Tháng 01/2025: Tổng số 2 nhiệm vụ; hoàn thành đúng hạn 1, hoàn thành quá hạn 0, chưa hoàn thành quá hạn 1",
            "Tháng 01/2025: Điểm: 10 − 0 − 1 = 9",
            "Tháng 02/2025: Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 0, hoàn thành quá hạn 0, chưa hoàn thành trong hạn 1, chưa hoàn thành quá hạn 0",
            "Tháng 02/2025: Điểm: 10 − 0 − 0 = 10",
            "Tháng 03/2025: Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 0, hoàn thành quá hạn 0, chưa hoàn thành quá hạn 1",
            "Tháng 03/2025: Điểm: 10 − 0 − 1 = 9",
            "Điểm cả kỳ: trung bình 3 tháng có nhiệm vụ = (9 + 10 + 9) / 3 = 9,33",
        ]
    );
}

#[test]
fn the_month_of_the_cut_off_is_judged_at_the_cut_off() {
    // Cut at 18/03: March ends there. Task 6 (due 20/03, done 25/03) is still within: Sở Y tế
    // scores 10 in March, (10 + 10) / 2 = 10. Task 4 (due 15/03) is overdue: Sở Tài chính
    // keeps 9 in March, 9,33.
    let (rows, working) = rank(RULES, &["--as-of", "2025-03-18"], "Sở Y tế");
    assert_same!(
        rows,
        vec![
            json!(["Sở Y tế", 10.0, 1]),
            json!(["Sở Tài chính", 9.33, 2])
        ]
    );
    assert_same!(
        working[2],
        "Tháng 03/2025 (đến 18/03/2025): Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 0, hoàn thành quá hạn 0, chưa hoàn thành trong hạn 1, chưa hoàn thành quá hạn 0"
    );
}

#[test]
fn without_the_option_the_quarter_is_scored_at_once() {
    // Sở Tài chính: 10 − 2 × 0,5 − 1 = 8; Sở Y tế: 10 − 0,5 = 9,5.
    let (rows, _) = rank(
        &RULES.replace("cham_theo_thang = \"trung_binh\"\n", ""),
        &[],
        "Sở Y tế",
    );
    assert_same!(
        rows,
        vec![json!(["Sở Y tế", 9.5, 1]), json!(["Sở Tài chính", 8.0, 2])]
    );
}
