//! Integration tests: the real binary on small fixtures (tests/fixtures/README.md says what
//! quirk each one covers). Expected figures were counted by hand from the fixture rows; the
//! working is in the comments.

use crate::harness;
use crate::harness::assert_same;

use crate::harness::{fixture, sheet_rows, tiendo, vn_count, vn_percent};
use serde_json::{Value, json};

fn counts(
    total: u64,
    on_time: u64,
    late: u64,
    within: u64,
    overdue: u64,
    no_deadline: u64,
) -> Value {
    json!({
        "total": total, "completed": on_time + late, "on_time": on_time, "late": late,
        "not_completed": within + overdue, "within": within, "overdue": overdue, "no_deadline": no_deadline
    })
}

fn rows(out: &Value) -> Vec<(String, Value)> {
    out["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut c = r.clone();
            let key = c.as_object_mut().unwrap().remove("key").unwrap();
            (key.as_str().unwrap().to_string(), c)
        })
        .collect()
}

fn export_and_hand_sheet(extra: &[&str]) -> Value {
    let mut args = vec![
        "figures".to_string(),
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        "--agencies".into(),
        fixture("agencies.csv"),
        "--format".into(),
        "json".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    tiendo(&args).ok().json()
}

// H1 2025, cut-off 30/06/2025 (after the 01/03/2025 merger, before the district's end):
//   Sở Tài chính: NV-001 (Sở KH&ĐT, restated; on time) + NV-011 (on time: dates beat the text) = 2 on time
//   Sở Y tế: NV-002 (merged with the hand sheet, earliest completion 14/02 ≤ 15/02: on time),
//            NV-003 (15/04 ≤ extended 30/04: on time), hand-only 30/TB (deadline 28/02, open: overdue)
//   Sở Tư pháp: NV-004 "Thường xuyên": within, no deadline
//   UBND huyện Đông Hòa: NV-005 (30/04 passed: overdue), NV-006 (completed 10/07 after the cut-off: overdue)
//   Sở Ngoại vụ (not in the directory): NV-007 within
//   NV-008 "Thu hồi": cancelled; NV-009 (no agency), NV-010 (no date): excluded; 2 hand rows merged.
#[test]
fn half_year_figures_from_export_and_hand_sheet_match_the_hand_count() {
    let out = export_and_hand_sheet(&["--period", "2025-H1"]);
    assert_same!(
        out["period"],
        json!({"label": "2025-H1", "start": "2025-01-01", "end": "2025-06-30", "as_of": null})
    );
    assert_same!(
        rows(&out),
        vec![
            ("Sở Tài chính".to_string(), counts(2, 2, 0, 0, 0, 0)),
            ("Sở Y tế".to_string(), counts(3, 2, 0, 0, 1, 0)),
            ("Sở Tư pháp".to_string(), counts(1, 0, 0, 1, 0, 1)),
            ("UBND huyện Đông Hòa".to_string(), counts(2, 0, 0, 0, 2, 0)),
            ("Sở Ngoại vụ".to_string(), counts(1, 0, 0, 1, 0, 0)),
        ]
    );
    assert_same!(out["total"], counts(9, 4, 0, 2, 3, 1));
    assert_same!(
        (
            out["excluded"].clone(),
            out["cancelled"].clone(),
            out["duplicates_merged"].clone()
        ),
        (json!(2), json!(1), json!(2))
    );
}

// Whole 2025 (cut-off 31/12): NV-012 (assigned 01/07, due 31/07, open) adds an overdue task to
// Sở Tài chính; NV-006 completed 10/07 after its 15/05 deadline is now late.
#[test]
fn year_figures_count_late_completions_made_after_the_half_year() {
    let out = export_and_hand_sheet(&["--period", "2025"]);
    assert_same!(out["total"], counts(10, 4, 1, 2, 3, 1));
    assert_same!(
        rows(&out)[0],
        ("Sở Tài chính".to_string(), counts(3, 2, 0, 0, 1, 0))
    );
    assert_same!(
        rows(&out)[3],
        ("UBND huyện Đông Hòa".to_string(), counts(2, 0, 1, 0, 1, 0))
    );
}

#[test]
fn as_then_keeps_the_merged_department_apart() {
    let out = export_and_hand_sheet(&["--period", "2025-H1", "--as-then"]);
    let r = rows(&out);
    assert_same!(r[0], ("Sở Tài chính".to_string(), counts(1, 1, 0, 0, 0, 0)));
    assert_same!(
        r[1],
        (
            "Sở Kế hoạch và Đầu tư".to_string(),
            counts(1, 1, 0, 0, 0, 0)
        )
    );
}

// Cut-off 15/04/2025: tasks assigned by then — NV-001, NV-002, NV-003 (completed 15/04 = the
// cut-off: on time), NV-004, NV-005 (due 30/04: within), NV-006 (due 15/05: within), NV-007,
// 30/TB (due 28/02: overdue).
#[test]
fn an_earlier_cut_off_gives_year_to_date_figures() {
    let out = export_and_hand_sheet(&["--period", "2025-H1", "--as-of", "2025-04-15"]);
    assert_same!(out["period"]["end"], json!("2025-04-15"));
    assert_same!(out["total"], counts(8, 3, 0, 4, 1, 1));
}

// A period that ends before the merger shows the old department as itself: February 2025 has
// only NV-003 (assigned 03/02), open at 28/02 with its deadline extended to 30/04.
#[test]
fn month_before_the_merger_is_reported_as_it_was() {
    let out = export_and_hand_sheet(&["--period", "2025-02"]);
    assert_same!(
        rows(&out),
        vec![("Sở Y tế".to_string(), counts(1, 0, 0, 1, 0, 0))]
    );
}

// Basis "due": deadlines in H1 — NV-001, NV-011 (Tài chính, on time); NV-002, NV-003, NV-013
// (assigned in 2024, due 15/01), 30/TB (overdue) for Sở Y tế; NV-005, NV-006 overdue; NV-008
// cancelled (due 05/06). Tasks without deadline (NV-004) are never due.
#[test]
fn due_basis_counts_tasks_whose_deadline_falls_in_the_period() {
    let out = export_and_hand_sheet(&["--period", "2025-H1", "--basis", "due"]);
    assert_same!(out["total"], counts(8, 5, 0, 0, 3, 0));
    assert_same!(
        rows(&out)[1],
        ("Sở Y tế".to_string(), counts(4, 3, 0, 0, 1, 0))
    );
    assert_same!(out["cancelled"], json!(1));
}

// Judged on the original deadline, NV-003 (completed 15/04, original deadline 31/03) is late.
#[test]
fn judging_on_the_original_deadline_makes_extended_tasks_late() {
    let out = export_and_hand_sheet(&["--period", "2025-H1", "--deadline", "original"]);
    assert_same!(
        rows(&out)[1],
        ("Sở Y tế".to_string(), counts(3, 1, 1, 0, 1, 0))
    );
}

#[test]
fn by_group_bloc_and_leader_add_up_to_the_same_total() {
    for by in ["group", "bloc", "leader"] {
        let out = export_and_hand_sheet(&["--period", "2025-H1", "--by", by]);
        assert_same!(out["total"], counts(9, 4, 0, 2, 3, 1), "--by {by}");
    }
    let groups = export_and_hand_sheet(&["--period", "2025-H1", "--by", "group"]);
    let keys: Vec<String> = rows(&groups).into_iter().map(|(k, _)| k).collect();
    assert_same!(
        keys,
        [
            "Sở, ban, ngành",
            "UBND cấp huyện",
            "Cơ quan, đơn vị chưa có trong danh mục"
        ]
    );
    // Sở, ban, ngành = Tài chính 2 + Y tế 3 + Tư pháp 1.
    assert_same!(rows(&groups)[0].1, counts(6, 4, 0, 1, 1, 1));
}

// legacy.xls: no assignment column (the document date stands in), NFD text with old tone
// placement matched to the directory; row 1 completed 25/03 before 01/04: on time; row 2 due
// 15/03/2024 still open at 31/12/2024: overdue.
#[test]
fn xls_with_nfd_names_and_document_dates_only() {
    let out = tiendo(&[
        "figures",
        &fixture("legacy.xls"),
        "--agencies",
        &fixture("agencies.csv"),
        "--period",
        "2024",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(
        rows(&out),
        vec![
            ("Sở Tư pháp".to_string(), counts(1, 0, 0, 0, 1, 0)),
            ("UBND huyện Đông Hòa".to_string(), counts(1, 1, 0, 0, 0, 0))
        ]
    );
}

// export.ods: A1 due 31/05, completed 02/06: late; A2 "Không thời hạn": within, no deadline.
#[test]
fn ods_export_is_read() {
    let out = tiendo(&[
        "figures",
        &fixture("export.ods"),
        "--period",
        "2024-Q2",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(
        rows(&out),
        vec![("Sở Y tế".to_string(), counts(2, 0, 1, 1, 0, 1))]
    );
}

// No deadline column: the status text decides within / overdue / late; the row without a
// status cannot be judged and is excluded.
#[test]
fn without_a_deadline_column_the_status_text_decides() {
    let out = tiendo(&[
        "figures",
        &fixture("no_deadline_column.csv"),
        "--period",
        "2025",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(out["total"], counts(3, 0, 1, 1, 1, 0));
    assert_same!(out["excluded"], json!(1));
}

#[test]
fn bad_inputs_give_a_vietnamese_error_naming_the_file_and_exit_2() {
    let cases = [
        ("corrupt.xlsx", "không mở được"),
        ("empty.csv", "tệp rỗng"),
        ("no_header.csv", "không tìm thấy bảng nhiệm vụ"),
        ("latin1.csv", "dòng 2: tệp CSV không phải mã UTF-8"),
    ];
    for (file, words) in cases {
        let run = tiendo(&["figures", &fixture(file), "--period", "2025"]);
        run.fails_with(2).stderr_has(file).stderr_has(words);
    }
    tiendo(&["figures", "/khong/co/tep.xlsx", "--period", "2025"])
        .fails_with(2)
        .stderr_has("không tìm thấy «/khong/co/tep.xlsx»");
    tiendo(&["figures", &fixture("export.ods"), "--period", "2025-H3"])
        .fails_with(2)
        .stderr_has("kỳ báo cáo «2025-H3» không hợp lệ");
    tiendo(&["figures", &fixture("export.ods")])
        .fails_with(2)
        .stderr_has("thiếu tham số bắt buộc");
}

#[test]
fn skip_unreadable_goes_on_and_lists_the_file() {
    let run = tiendo(&[
        "check",
        &fixture("corrupt.xlsx"),
        &fixture("export.ods"),
        "--skip-unreadable",
    ])
    .ok();
    run.stdout_has("Tệp không đọc được, bỏ qua (1)")
        .stdout_has("corrupt.xlsx");
}

#[test]
fn check_lists_every_kind_of_finding_with_its_location() {
    let run = tiendo(&[
        "check",
        &fixture("ioffice_2025.xlsx"),
        &fixture("so_theo_doi.csv"),
        "--agencies",
        &fixture("agencies.csv"),
    ])
    .ok();
    run.stdout_has("Không đủ thông tin, không tính (2)")
        .stdout_has("ioffice_2025.xlsx, sheet «Nhiệm vụ», dòng 16: không có đơn vị chủ trì")
        .stdout_has("Trùng lặp, đã gộp (2)")
        .stdout_has("«Sở Ngoại vụ» (1 nhiệm vụ) không khớp")
        .stdout_has("Trạng thái mâu thuẫn với ngày tháng (2)")
        .stdout_has("sheet «Hướng dẫn»: không tìm thấy dòng tiêu đề");
}

#[test]
fn input_files_are_never_modified() {
    let files = ["ioffice_2025.xlsx", "so_theo_doi.csv", "agencies.csv"];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(fixture(f)).unwrap())
        .collect();
    let dir = harness::temp_dir();
    tiendo(&[
        "report",
        &fixture("ioffice_2025.xlsx"),
        &fixture("so_theo_doi.csv"),
        "--agencies",
        &fixture("agencies.csv"),
        "--period",
        "2025",
        "--out",
        dir.path().to_str().unwrap(),
    ])
    .ok();
    let after: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(fixture(f)).unwrap())
        .collect();
    assert!(before == after);
}

#[test]
fn a_failed_report_writes_nothing() {
    let dir = harness::temp_dir();
    tiendo(&[
        "report",
        &fixture("corrupt.xlsx"),
        "--period",
        "2025",
        "--out",
        dir.path().to_str().unwrap(),
    ])
    .fails_with(2);
    assert_same!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn trend_years_equal_single_period_figures_with_and_without_restatement() {
    let base = [
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        fixture("legacy.xls"),
        "--agencies".into(),
        fixture("agencies.csv"),
    ];
    for extra in [vec![], vec!["--as-then"]] {
        let mut args: Vec<String> = vec!["trend".into()];
        args.extend(base.iter().cloned());
        args.extend(["--years", "2024..2025", "--format", "json"].map(String::from));
        args.extend(extra.iter().map(|s| s.to_string()));
        let trend = tiendo(&args).ok().json();
        for (i, year) in ["2024", "2025"].iter().enumerate() {
            let mut single: Vec<String> = vec!["figures".into()];
            single.extend(base.iter().cloned());
            single.extend(["--period", year, "--format", "json"].map(String::from));
            single.extend(extra.iter().map(|s| s.to_string()));
            if extra.is_empty() {
                // The trend restates every year to the structure at its last period's end.
                single.extend(["--restate-to", "2025-12-31"].map(String::from));
            }
            let f = tiendo(&single).ok().json();
            assert_same!(trend[i], f, "{year} {extra:?}");
        }
    }
}

#[test]
fn help_is_vietnamese() {
    let run = tiendo(&["--help"]).ok();
    run.stdout_has("Cách dùng:")
        .stdout_has("Lệnh")
        .stdout_has("In số liệu theo cơ quan");
    let run = tiendo(&["figures", "--help"]).ok();
    run.stdout_has("Kỳ báo cáo: 2025, 2025-H1")
        .stdout_has("Danh mục cơ quan");
}

// The usage line lists the positional and the required arguments as they are declared.
#[test]
fn usage_lines_are_made_from_the_arguments() {
    tiendo(&["figures", "--help"])
        .ok()
        .stdout_has("Cách dùng: tiendo figures <ĐẦU_VÀO>... --period <KỲ> [TÙY_CHỌN]\n");
    tiendo(&["export", "--help"]).ok().stdout_has(
        "Cách dùng: tiendo export <ĐẦU_VÀO>... --parquet <THƯ_MỤC> --as-of <NGÀY> [TÙY_CHỌN]\n",
    );
    tiendo(&["programme-report", "--help"])
        .ok()
        .stdout_has("Cách dùng: tiendo programme-report <ĐẦU_VÀO>... --period <KỲ> [TÙY_CHỌN]\n");
    tiendo::<&str>(&[]).fails_with(2).stderr_has(
        "lỗi: thiếu lệnh. Các lệnh: figures, report, letters, check, rank, brief, trend, changes, \
         export, programme, programme-report, board.",
    );
}

// `check` neither rounds rates nor takes a period; `export` judges at one day, not a period.
#[test]
fn a_command_accepts_only_the_options_it_uses() {
    let input = fixture("so_theo_doi.csv");
    for args in [
        vec!["check", &input, "--rounding", "truncate"],
        vec!["check", &input, "--period", "2025"],
        vec![
            "export",
            &input,
            "--as-of",
            "2025-12-31",
            "--parquet",
            "x",
            "--rounding",
            "truncate",
        ],
        vec![
            "export",
            &input,
            "--as-of",
            "2025-12-31",
            "--parquet",
            "x",
            "--basis",
            "due",
        ],
    ] {
        let flag = args[args.len() - 2];
        tiendo(&args)
            .fails_with(2)
            .stderr_has(&format!("lỗi: không có tùy chọn «{flag}»"));
    }
}

// Dates, periods and year ranges are checked when the command line is read, and the error
// names the flag.
#[test]
fn a_bad_date_or_period_is_refused_naming_its_flag() {
    let input = fixture("so_theo_doi.csv");
    let cases = [
        (
            vec![
                "figures",
                &input,
                "--period",
                "2025",
                "--as-of",
                "2025-13-01",
            ],
            "lỗi: giá trị «2025-13-01» không hợp lệ cho --as-of: ngày «2025-13-01» không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy",
        ),
        (
            vec!["figures", &input, "--period", "2025-H3"],
            "lỗi: giá trị «2025-H3» không hợp lệ cho --period: kỳ báo cáo «2025-H3» không hợp lệ",
        ),
        (
            vec!["trend", &input, "--years", "2025..2018"],
            "lỗi: giá trị «2025..2018» không hợp lệ cho --years: khoảng năm «2025..2018» không hợp lệ",
        ),
        (
            vec!["trend", &input, "--years", "2024..2025", "--half", "3"],
            "lỗi: giá trị «3» không hợp lệ cho --half: chỉ nhận 1 (6 tháng đầu) hoặc 2 (6 tháng cuối)",
        ),
        (
            vec![
                "report",
                &input,
                "--period",
                "2025",
                "--report-date",
                "31/02/2025",
            ],
            "lỗi: giá trị «31/02/2025» không hợp lệ cho --report-date",
        ),
    ];
    for (args, message) in cases {
        tiendo(&args).fails_with(2).stderr_has(message);
    }
}

// The brief's numbers are those of `figures` for the same options; its comparison numbers are
// those of `figures` for the same period one year earlier (2024-H1, restated to the structure
// of the 2025 report so the two years compare the same agencies).
#[test]
fn brief_numbers_equal_figures_for_the_period_and_the_same_period_last_year() {
    // legacy.xls holds 2024 from 01/03/2024 only: one older task (December 2023) shows the
    // data covers the whole of H1 2024, so the brief may compare (see the next test).
    let dir = harness::temp_dir();
    let older = dir.path().join("so-2023.csv");
    std::fs::write(
        &older,
        "Số ký hiệu,Ngày văn bản,Nội dung,Đơn vị chủ trì,Hạn xử lý,Ngày hoàn thành\n\
         90/UBND-VX,15/12/2023,Tổng kết năm 2023,Sở Y tế,25/12/2023,20/12/2023\n",
    )
    .unwrap();
    let inputs = [
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        fixture("legacy.xls"),
        older.display().to_string(),
    ];
    let with = |extra: &[&str]| {
        let mut args: Vec<String> = inputs.to_vec();
        args.extend(["--agencies".to_string(), fixture("agencies.csv")]);
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let mut figures_now = vec!["figures".to_string()];
    figures_now.extend(with(&["--period", "2025-H1", "--format", "json"]));
    let now = tiendo(&figures_now).ok().json()["total"].clone();
    let mut figures_before = vec!["figures".to_string()];
    figures_before.extend(with(&[
        "--period",
        "2024-H1",
        "--restate-to",
        "2025-06-30",
        "--format",
        "json",
    ]));
    let before = tiendo(&figures_before).ok().json()["total"].clone();
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
    let mut brief = vec!["brief".to_string()];
    brief.extend(with(&["--period", "2025-H1"]));
    let run = tiendo(&brief).ok();
    run.stdout_has(&format!("tổng số {} nhiệm vụ", vn_count(n(&now, "total"))))
        .stdout_has(&format!(
            "đã hoàn thành {} nhiệm vụ (đạt {})",
            n(&now, "completed"),
            vn_percent(n(&now, "completed"), n(&now, "total"))
        ))
        .stdout_has(&format!("trong đó {} nhiệm vụ đúng hạn", n(&now, "on_time")))
        .stdout_has(&format!(
            "còn {} nhiệm vụ chưa hoàn thành, trong đó {} nhiệm vụ còn thời hạn, {} nhiệm vụ quá thời hạn",
            n(&now, "not_completed"),
            n(&now, "within"),
            n(&now, "overdue")
        ))
        .stdout_has(&format!("({} nhiệm vụ, từ 01/01/2024 đến hết ngày 30/06/2024)", n(&before, "total")))
        .stdout_has(&format!("({} so với {})", n(&now, "completed"), n(&before, "completed")))
        .stdout_has(&format!("({} so với {})", n(&now, "overdue"), n(&before, "overdue")))
        .stdout_has(&format!(
            "({} so với {})",
            vn_percent(n(&now, "completed"), n(&now, "total")),
            vn_percent(n(&before, "completed"), n(&before, "total"))
        ));
    // By hand: 9 tasks now (see the half-year test), 2 a year earlier (legacy.xls: one on time,
    // one overdue at 30/06/2024): 9 / 2 − 1 = +350 %; completion 4/9 = 44,4 % vs 1/2 = 50,0 %.
    assert_same!((n(&now, "total"), n(&before, "total")), (9, 2));
    let run = tiendo(&brief).ok();
    run.stdout_has("(tăng 350,0% so với cùng kỳ năm 2024)")
        .stdout_has("tỷ lệ hoàn thành giảm 5,6 điểm %");
}

// Without the older task the inputs start on 01/03/2024 (legacy.xls's first task): H1 2024 is
// only partly covered, so the brief says so instead of "tăng 350,0%".
#[test]
fn brief_withholds_a_comparison_with_a_partly_covered_last_year() {
    let run = tiendo(&[
        "brief".to_string(),
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        fixture("legacy.xls"),
        "--agencies".into(),
        fixture("agencies.csv"),
        "--period".into(),
        "2025-H1".into(),
    ])
    .ok();
    let text = run.stdout();
    assert!(!text.contains("so với cùng kỳ"), "{text}");
    assert!(!text.contains("350"), "{text}");
    run.stdout_has("\nSố liệu cùng kỳ năm 2024 chỉ có từ ngày 01/03/2024, chưa đủ để so sánh.\n")
        .stdout_has("tổng số 9 nhiệm vụ: đã hoàn thành 4 nhiệm vụ");
}

// The monthly brief is year-to-date with the cut-off three days before the meeting.
#[test]
fn meeting_date_sets_the_cut_off_three_days_earlier() {
    let run = tiendo(&[
        "brief",
        &fixture("ioffice_2025.xlsx"),
        "--agencies",
        &fixture("agencies.csv"),
        "--period",
        "2025",
        "--meeting",
        "2025-04-18",
        "--format",
        "markdown",
    ])
    .ok();
    run.stdout_has("Lũy kế từ 01/01/2025 đến hết ngày 15/04/2025")
        .stdout_has("## ");
}

/// Cell text of a workbook sheet as read back by calamine (cached values for formulas).
// The workbook of the whole of 2025 from the export + hand sheet, read back with calamine.
// Hand counts (see `year_figures_count_late_completions_made_after_the_half_year`): 10 tasks
// = 4 on time + 1 late + 2 within + 3 overdue; overdue at 31/12/2025, most overdue first:
// 30/TB-UBND (due 28/02: 306 days), 14/UBND-KT (due 30/04: 245 days), 21/UBND-KT (due 31/07: 153 days).
#[test]
fn workbook_cells_read_back_hold_the_hand_counted_figures() {
    let dir = harness::temp_dir();
    let out = dir.path().to_str().unwrap();
    let run = tiendo(&[
        "report",
        &fixture("ioffice_2025.xlsx"),
        &fixture("so_theo_doi.csv"),
        "--agencies",
        &fixture("agencies.csv"),
        "--period",
        "2025",
        "--out",
        out,
    ])
    .ok();
    let xlsx = dir.path().join("bao-cao-2025.xlsx");
    assert_same!(
        run.stdout(),
        format!(
            "{}\n{}\n{}\n",
            xlsx.display(),
            dir.path().join("bao-cao-2025.pdf").display(),
            dir.path().join("bao-cao-2025.docx").display()
        )
    );
    let summary = sheet_rows(&xlsx, "Tổng hợp");
    let total = summary
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("Tổng cộng"))
        .expect("Tổng cộng row");
    assert_same!(&total[2..9], ["10", "5", "4", "1", "5", "2", "3"]);
    let agency = |name: &str| {
        summary
            .iter()
            .find(|r| r.get(1).map(String::as_str) == Some(name))
            .unwrap()
            .clone()
    };
    let finance = agency("Sở Tài chính");
    assert_same!(&finance[2..9], ["3", "2", "2", "0", "1", "0", "1"]);
    assert_same!(
        finance.last().unwrap(),
        "Gồm cả nhiệm vụ của Sở Kế hoạch và Đầu tư (hợp nhất từ 01/03/2025)"
    );
    assert_same!(
        agency("UBND huyện Đông Hòa").last().unwrap(),
        "Đã kết thúc hoạt động từ 01/07/2025"
    );
    assert_same!(
        agency("Sở Ngoại vụ").last().unwrap(),
        "Chưa có trong danh mục cơ quan"
    );
    let overdue = sheet_rows(&xlsx, "Quá hạn");
    let days: Vec<(String, String)> = overdue
        .iter()
        .filter(|r| r.first().is_some_and(|c| c.parse::<u32>().is_ok()))
        .map(|r| (r[2].clone(), r[7].clone()))
        .collect();
    assert_same!(
        days,
        [
            ("30/TB-UBND".to_string(), "306".to_string()),
            ("14/UBND-KT".into(), "245".into()),
            ("21/UBND-KT".into(), "153".into())
        ]
    );
    let details = sheet_rows(&xlsx, "Chi tiết");
    assert_same!(details.len() - 1, 10, "one detail row per counted task");
    let findings = sheet_rows(&xlsx, "Kiểm tra dữ liệu");
    assert!(
        findings
            .iter()
            .any(|r| r.iter().any(|c| c == "không có đơn vị chủ trì"))
    );
}

#[cfg(unix)]
#[test]
fn reports_are_readable_by_the_whole_office() {
    use std::os::unix::fs::PermissionsExt;
    let dir = harness::temp_dir();
    tiendo(&[
        "report",
        &fixture("export.ods"),
        "--period",
        "2024",
        "--out",
        dir.path().to_str().unwrap(),
    ])
    .ok();
    let mode = std::fs::metadata(dir.path().join("bao-cao-2024.xlsx"))
        .unwrap()
        .permissions()
        .mode();
    assert_same!(mode & 0o644, 0o644);
}

// tiendo.toml gives the title block, the directory and the rules; the command line wins.
#[test]
fn settings_file_fills_what_the_command_line_leaves_open() {
    let dir = harness::temp_dir();
    std::fs::copy(fixture("agencies.csv"), dir.path().join("dm.csv")).unwrap();
    let config = dir.path().join("tiendo.toml");
    std::fs::write(
        &config,
        "[don_vi]\nten = \"UBND TỈNH BÌNH AN\"\ndia_danh = \"Bình An\"\n\n[du_lieu]\ndanh_muc = \"dm.csv\"\n\n[thi_dua]\nquy_tac = \"nd335-2025\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let inputs = [fixture("ioffice_2025.xlsx"), fixture("so_theo_doi.csv")];
    let mut args: Vec<String> = vec!["report".into()];
    args.extend(inputs.iter().cloned());
    args.extend(
        [
            "--config",
            config.to_str().unwrap(),
            "--period",
            "2025",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(String::from),
    );
    tiendo(&args).ok();
    let summary = sheet_rows(&out.join("bao-cao-2025.xlsx"), "Tổng hợp");
    assert_same!(summary[0][0], "UBND TỈNH BÌNH AN");
    // The directory from the settings file: KH&ĐT restated under Sở Tài chính.
    assert!(
        summary
            .iter()
            .any(|r| r.get(1).map(String::as_str) == Some("Sở Tài chính"))
    );
    // The rules from the settings file: a ranking sheet whose rule name is Nghị định 335's.
    let ranking = sheet_rows(&out.join("bao-cao-2025.xlsx"), "Xếp hạng");
    assert!(
        ranking.iter().flatten().any(|c| c.contains("335")),
        "{ranking:?}"
    );
    // The command line wins over the file.
    let mut args: Vec<String> = vec!["figures".into()];
    args.extend(inputs.iter().cloned());
    args.extend(
        [
            "--config",
            config.to_str().unwrap(),
            "--period",
            "2025-H1",
            "--as-then",
            "--format",
            "json",
        ]
        .map(String::from),
    );
    let rows = rows(&tiendo(&args).ok().json());
    assert_same!(rows[1].0, "Sở Kế hoạch và Đầu tư");
    // A broken settings file is an error naming its line.
    std::fs::write(&config, "[don_vi]\nten = \"A\"\ncap = 1\n").unwrap();
    let mut args: Vec<String> = vec!["check".into(), fixture("export.ods")];
    args.extend(["--config", config.to_str().unwrap()].map(String::from));
    tiendo(&args).fails_with(2).stderr_has("dòng 3");
}

// A hand-kept sheet that writes dates in words. By hand, at 30/06/2025: "Trước ngày
// 30/6/2025" is due on the cut-off day itself (within); "Quý I/2025" means 31/03/2025
// (overdue); "Tháng 3/2025" = 31/03/2025 and completed "ngày 31 tháng 3 năm 2025" (on time).
#[test]
fn dates_written_in_words_are_read() {
    let dir = harness::temp_dir();
    let csv = dir.path().join("so-tay.csv");
    std::fs::write(
        &csv,
        "Nội dung,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Ngày hoàn thành\n\
         Việc 1,Sở Y tế,ngày 10 tháng 2 năm 2025,Trước ngày 30/6/2025,\n\
         Việc 2,Sở Y tế,10/02/2025,Quý I/2025,\n\
         Việc 3,Sở Y tế,10/02/2025,Tháng 3/2025,ngày 31 tháng 3 năm 2025\n",
    )
    .unwrap();
    let out = tiendo(&[
        "figures",
        csv.to_str().unwrap(),
        "--period",
        "2025-H1",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(out["total"], counts(3, 1, 0, 1, 1, 0));
}
