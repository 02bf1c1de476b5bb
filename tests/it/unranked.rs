//! Agencies with tasks outside the ranking (chưa xếp hạng): an agency not in the directory is
//! listed after the ranked blocs — in `rank` (table, CSV, JSON) and on the report's ranking
//! sheet — with its counts and the reason; without a directory nothing is ranked and every
//! agency with tasks is listed so. Nothing counted in the figures disappears from a ranking.
//!
//! The fixtures (tests/fixtures/README.md), whole 2025, cut-off 31/12/2025: «Sở Ngoại vụ» is
//! not in agencies.csv and has one task, NV-007 (assigned 02/04/2025, due 31/12/2025, not
//! completed): within its deadline on the cut-off day → 1 task, 0 on time, 0 late, 1 within,
//! 0 overdue.

use serde_json::json;

use crate::harness::{self, fixture, sheet_rows, tiendo};

const REASON: &str =
    "không có trong danh mục cơ quan: chưa thuộc khối thi đua nào nên không xếp hạng";
const COUNTS_LINE: &str = "Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 0, hoàn thành quá hạn 0, \
                           chưa hoàn thành trong hạn 1, chưa hoàn thành quá hạn 0";

/// The export and the hand-kept sheet, with the directory or without.
fn inputs(with_directory: bool) -> Vec<String> {
    let mut args = vec![fixture("ioffice_2025.xlsx"), fixture("so_theo_doi.csv")];
    if with_directory {
        args.extend(["--agencies".to_string(), fixture("agencies.csv")]);
    }
    args
}

fn rank(format: &str, with_directory: bool) -> harness::Run {
    let mut args = vec!["rank".to_string()];
    args.extend(inputs(with_directory));
    args.extend(["--period", "2025", "--format", format, "--quiet"].map(String::from));
    tiendo(&args).ok()
}

#[test]
fn rank_table_lists_an_agency_outside_the_directory_after_the_ranked_blocs() {
    let out = rank("table", true).stdout();
    let lines: Vec<&str> = out.lines().collect();
    let expected_tail = [
        "",
        "Chưa xếp hạng",
        &format!("    -. Sở Ngoại vụ — {REASON}"),
        &format!("         {COUNTS_LINE}"),
    ];
    assert_eq!(lines[lines.len() - 4..], expected_tail, "{out}");
    // Listed once, in the unranked part only.
    assert_eq!(out.matches("Sở Ngoại vụ").count(), 1, "{out}");
}

#[test]
fn rank_csv_ends_with_the_unranked_line() {
    let out = rank("csv", true).stdout();
    assert_eq!(
        out.lines().last(),
        Some(format!("Chưa xếp hạng,Sở Ngoại vụ,1,,,-,-,\"{COUNTS_LINE}\",{REASON}").as_str()),
        "{out}"
    );
}

#[test]
fn rank_json_carries_the_unranked_agency_with_its_counts_and_reason() {
    let out = rank("json", true).json();
    assert_eq!(
        out["unranked"],
        json!([{
            "name": "Sở Ngoại vụ",
            "counts": {
                "total": 1, "completed": 0, "on_time": 0, "late": 0,
                "not_completed": 1, "within": 1, "overdue": 0, "no_deadline": 0
            },
            "working": [COUNTS_LINE],
            "reason": REASON
        }])
    );
    let ranked = out["agencies"].as_array().unwrap();
    assert!(ranked.iter().all(|a| a["name"] != "Sở Ngoại vụ"));
}

// The report's "Xếp hạng" sheet, read back with calamine: the line after the ranked agencies.
#[test]
fn ranking_sheet_lists_the_unranked_agency_with_its_counts_and_reason() {
    let dir = harness::temp_dir();
    let out = dir.path().join("out");
    let mut args = vec!["report".to_string()];
    args.extend(inputs(true));
    args.extend(
        [
            "--period", "2025", "--rules", "khau-tru", "--quiet", "--out",
        ]
        .map(String::from),
    );
    args.push(out.to_str().unwrap().to_string());
    tiendo(&args).ok();
    let rows = sheet_rows(&out.join("bao-cao-2025.xlsx"), "Xếp hạng");
    // After the ranked agencies of agencies.csv, last: the one outside it, with its counts
    // (total, on time, late, overdue) as numbers and no points, tier or ranks.
    let last = rows.last().unwrap();
    assert_eq!(
        last,
        &[
            "Chưa xếp hạng",
            "Sở Ngoại vụ",
            "1",
            "0",
            "0",
            "0",
            "chưa xếp hạng",
            "",
            "",
            "",
            COUNTS_LINE,
            REASON,
        ]
        .map(String::from)
    );
}

// Without a directory there are no blocs and no checked names (the hand sheet's «Sở Kế hoạch
// và Đầu tư» is not known as the export's «Sở KH&ĐT», so that duplicate is not merged: 11
// tasks, not 10). Nothing is ranked; every name with tasks is listed with the reason, and
// their totals add up to the figures' 11.
#[test]
fn without_a_directory_nothing_is_ranked_and_every_agency_with_tasks_is_listed() {
    let run = rank("json", false);
    assert!(
        run.stderr()
            .contains("không có danh mục cơ quan (--agencies): không cơ quan nào được xếp hạng"),
        "{}",
        run.stderr()
    );
    let out = run.json();
    assert_eq!(out["agencies"], json!([]));
    let unranked: Vec<(String, u64)> = out["unranked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(
                a["reason"],
                "không có danh mục cơ quan (--agencies hoặc danh_muc trong tiendo.toml): chưa \
                 biết cơ quan thuộc khối thi đua nào nên không xếp hạng"
            );
            (
                a["name"].as_str().unwrap().to_string(),
                a["counts"]["total"].as_u64().unwrap(),
            )
        })
        .collect();
    // By hand from the fixture rows of 2025, names as written, alphabetical (folded):
    // Sở Kế hoạch và Đầu tư: hand 10/UBND-KT; Sở KH&ĐT: NV-001; Sở Ngoại vụ: NV-007; Sở Tài chính:
    // NV-011, NV-012; Sở Tư pháp: NV-004; Sở Y tế: NV-002, NV-003, hand 30/TB; UBND H. Đông Hòa:
    // NV-005; Uỷ ban nhân dân huyện Đông Hoà: NV-006.
    let expected: Vec<(String, u64)> = [
        ("Sở Kế hoạch và Đầu tư", 1),
        ("Sở KH&ĐT", 1),
        ("Sở Ngoại vụ", 1),
        ("Sở Tài chính", 2),
        ("Sở Tư pháp", 1),
        ("Sở Y tế", 3),
        ("UBND H. Đông Hòa", 1),
        ("Uỷ ban nhân dân huyện Đông Hoà", 1),
    ]
    .map(|(n, t)| (n.to_string(), t))
    .to_vec();
    assert_eq!(unranked, expected);
    assert_eq!(unranked.iter().map(|(_, t)| t).sum::<u64>(), 11);
}
