//! Golden tests of the workbook: render a small hand-made report, read it back with calamine
//! and compare what the cells mean (typed values, formulas), not bytes.

use std::io::Cursor;

use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;

use super::*;
use crate::model::{
    AgencyLine, Basis, Counts, Finding, FindingKind, GroupSection, LeftOut, Period, PeriodUnit,
    RankedAgency, Ranking, ReportMeta, SourceLoc, Status, TaskLine, TrendPoint, UnrankedAgency,
};
use crate::vn_number::Rounding;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year_period(year: i32, as_of: NaiveDate) -> Period {
    Period {
        label: year.to_string(),
        unit: PeriodUnit::Year,
        start: day(year, 1, 1),
        end: day(year, 12, 31),
        as_of: Some(as_of),
    }
}

fn agency(name: &str, counts: Counts, previous: Option<Counts>, note: &str) -> AgencyLine {
    AgencyLine {
        name: name.to_string(),
        bloc: None,
        counts,
        overdue_age: Default::default(),
        previous,
        note: note.to_string(),
    }
}

fn task(agency: &str, status: Status, deadline: NaiveDate, days_overdue: Option<i64>) -> TaskLine {
    TaskLine {
        agency: agency.into(),
        task_id: Some(format!("NV-{}", deadline.format("%m%d")).into()),
        doc_number: Some("1313/UBND-KSTT".into()),
        doc_date: Some(day(2025, 3, 10)),
        summary: Some("Rà soát, báo cáo tiến độ giải ngân vốn đầu tư công".into()),
        leader: Some("Phó Chủ tịch Nguyễn Văn An".into()),
        assigned: Some(day(2025, 3, 12)),
        deadline_used: Some(deadline),
        completed: None,
        status,
        days_overdue,
        days_left: None,
        stale: None,
        officer: Some("Trần Thị Bình".into()),
        is_key: days_overdue.is_some(),
        source: SourceLoc {
            file: "ioffice_2025.xlsx".into(),
            sheet: Some("Nhiệm vụ".into()),
            row: 7,
        },
    }
}

fn finding(kind: FindingKind, row: usize, message: &str) -> Finding {
    Finding {
        kind,
        source: SourceLoc {
            file: "so_theo_doi.csv".into(),
            sheet: None,
            row,
        },
        message: message.to_string(),
    }
}

/// Two groups, four agencies; counts chosen so that the rates are easy to check by hand.
fn sections() -> Vec<GroupSection> {
    let zero = Counts::default();
    vec![
        GroupSection {
            name: "Sở, ban, ngành".to_string(),
            agencies: vec![
                agency(
                    "Sở Tài chính",
                    Counts::from_parts(36, 9, 0, 5, 4),
                    Some(Counts::from_parts(30, 10, 0, 0, 0)),
                    "",
                ),
                agency(
                    "Sở Xây dựng",
                    Counts::from_parts(20, 0, 5, 0, 5),
                    None,
                    "gồm: Sở Xây dựng, Sở Giao thông vận tải",
                ),
            ],
            subtotal: Counts::from_parts(56, 9, 5, 5, 9),
            previous: Some(Counts::from_parts(30, 10, 0, 0, 0)),
        },
        GroupSection {
            name: "UBND cấp xã".to_string(),
            agencies: vec![
                agency(
                    "UBND xã An Phú",
                    Counts::from_parts(10, 5, 2, 3, 0),
                    Some(Counts::from_parts(8, 2, 0, 0, 0)),
                    "",
                ),
                agency("UBND xã Bình Minh", zero, Some(zero), ""),
            ],
            subtotal: Counts::from_parts(10, 5, 2, 3, 0),
            previous: Some(Counts::from_parts(8, 2, 0, 0, 0)),
        },
    ]
}

fn ranking() -> Ranking {
    let ranked = |name: &str, counts: Option<Counts>, points: Option<f64>, rank: Option<usize>| {
        RankedAgency {
            name: name.to_string(),
            bloc: Some("Khối kinh tế".to_string()),
            counts,
            points,
            tier: points.map(|_| "Hoàn thành tốt".to_string()),
            rank_in_bloc: rank,
            rank_in_province: rank,
            working: vec![
                "Điểm tối đa: 10".to_string(),
                "Hoàn thành quá hạn: 9 × 0,5 = 4,5 điểm trừ".to_string(),
            ],
            note: String::new(),
        }
    };
    Ranking {
        rule_name: "Mặc định".to_string(),
        rule_lines: vec![
            "Điểm tối đa 10".to_string(),
            "Trừ 0,5 điểm mỗi nhiệm vụ hoàn thành quá hạn".to_string(),
        ],
        agencies: vec![
            ranked(
                "Sở Xây dựng",
                Some(Counts::from_parts(20, 0, 5, 0, 5)),
                Some(10.0),
                Some(1),
            ),
            ranked(
                "Sở Tài chính",
                Some(Counts::from_parts(36, 9, 0, 5, 4)),
                Some(3.5),
                Some(2),
            ),
            ranked("Cục Thống kê", None, None, None),
        ],
        unranked: vec![UnrankedAgency {
            name: "=Ban Quản lý dự án tỉnh".to_string(),
            counts: Counts::from_parts(20, 3, 2, 1, 0),
            working: vec!["Tổng số 26 nhiệm vụ; hoàn thành đúng hạn 20".to_string()],
            reason: "không có trong danh mục cơ quan".to_string(),
        }],
    }
}

fn trend() -> Vec<TrendPoint> {
    let point = |year: i32, total: Counts, rows: Vec<(&str, Counts)>| TrendPoint {
        period: year_period(year, day(year, 12, 20)),
        total,
        rows: rows.into_iter().map(|(k, c)| (k.to_string(), c)).collect(),
        is_covered: true,
    };
    vec![
        point(
            2023,
            Counts::from_parts(40, 10, 0, 0, 0),
            vec![("Sở, ban, ngành", Counts::from_parts(40, 10, 0, 0, 0))],
        ),
        point(
            2024,
            Counts::from_parts(38, 12, 0, 0, 0),
            vec![
                ("Sở, ban, ngành", Counts::from_parts(30, 10, 0, 0, 0)),
                ("UBND cấp xã", Counts::from_parts(8, 2, 0, 0, 0)),
            ],
        ),
        point(
            2025,
            Counts::from_parts(66, 14, 7, 8, 9),
            vec![
                ("Sở, ban, ngành", Counts::from_parts(56, 9, 5, 5, 9)),
                ("UBND cấp xã", Counts::from_parts(10, 5, 2, 3, 0)),
            ],
        ),
    ]
}

fn sample_report() -> Report {
    let period = year_period(2025, day(2025, 12, 20));
    let previous = crate::period::same_period_last_year(&period);
    let overdue = vec![
        task("Sở Tài chính", Status::Overdue, day(2025, 11, 10), Some(40)),
        task(
            "UBND xã An Phú",
            Status::Overdue,
            day(2025, 12, 8),
            Some(12),
        ),
    ];
    // 20/12/2025 → 05/01/2026: 11 days left in December, 5 in January.
    let mut soon = task("Sở Xây dựng", Status::Within, day(2026, 1, 5), None);
    soon.days_left = Some(16);
    let due_soon = vec![soon];
    let mut details = overdue.clone();
    details.extend(due_soon.clone());
    details.push(task("Sở Tài chính", Status::OnTime, day(2025, 6, 30), None));
    details.push(task("Sở Xây dựng", Status::OnTime, day(2025, 9, 30), None));
    Report {
        meta: ReportMeta {
            issuer: "UBND TỈNH BÌNH AN".to_string(),
            issuer_sub: "VĂN PHÒNG".to_string(),
            place: "Bình An".to_string(),
            report_date: day(2025, 12, 22),
            period,
            previous: Some(previous),
            basis: Basis::Assigned,
            rounding: Rounding::Round,
        },
        sections: sections(),
        total: Counts::from_parts(66, 14, 7, 8, 9),
        previous_total: Some(Counts::from_parts(38, 12, 0, 0, 0)),
        overdue,
        due_soon,
        stale: vec![],
        not_updated_days: 30,
        overdue_age: Default::default(),
        details,
        by_officer: Default::default(),
        findings: vec![
            finding(FindingKind::Excluded, 12, "Thiếu cơ quan chủ trì"),
            finding(FindingKind::Duplicate, 15, "Trùng với dòng 9"),
            finding(FindingKind::Duplicate, 16, "Trùng với dòng 10"),
        ],
        left_out: LeftOut {
            excluded: 1,
            cancelled: 2,
            duplicates_merged: 2,
        },
        ranking: Some(ranking()),
        trend: Some(trend()),
        coverage: Default::default(),
        warnings: vec![],
        comparison_withheld: None,
    }
}

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn rendered() -> Book {
    open(workbook_bytes(&sample_report()).unwrap())
}

fn cell_name(row: u32, col: u32) -> String {
    rust_xlsxwriter::row_col_to_cell(row, col as u16)
}

fn typed(value: &Data) -> String {
    match value {
        Data::Float(x) => {
            let text = format!("{x:.4}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            format!("Float({text})")
        }
        Data::String(s) => format!("String({s:?})"),
        Data::DateTime(d) => format!(
            "Date({})",
            value.as_date().map_or(d.to_string(), |d| d.to_string())
        ),
        other => format!("{other:?}"),
    }
}

/// `A13=String("I")` lines for the non-empty cells of rows `first..=last`, columns A–T.
fn dump(range: &Range<Data>, first: u32, last: u32) -> String {
    let mut out = String::new();
    for row in first..=last {
        let cells: Vec<String> = (0..20)
            .filter_map(|col| {
                let value = range.get_value((row, col))?;
                (*value != Data::Empty).then(|| format!("{}={}", cell_name(row, col), typed(value)))
            })
            .collect();
        out.push_str(&cells.join(" "));
        out.push('\n');
    }
    out
}

/// The formula of a cell named like "C13" on `sheet` ("" for a plain value).
fn formula_at(book: &mut Book, sheet: &str) -> impl Fn(&str) -> String + use<> {
    let formulas = book.worksheet_formula(sheet).unwrap();
    move |cell: &str| {
        let (col, row) = cell.split_at(1);
        let col = u32::from(col.as_bytes()[0] - b'A');
        let row: u32 = row.parse::<u32>().unwrap() - 1;
        formulas.get_value((row, col)).cloned().unwrap_or_default()
    }
}

fn text_cells(range: &Range<Data>) -> Vec<String> {
    range
        .used_cells()
        .filter_map(|(_, _, v)| v.get_string().map(str::to_string))
        .collect()
}

#[test]
fn summary_table_holds_the_hand_computed_figures() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let expected = "\
A13=String(\"I\") B13=String(\"Sở, ban, ngành\") C13=Float(75) D13=Float(65) E13=Float(56) F13=Float(9) G13=Float(10) H13=Float(5) I13=Float(5) J13=Float(0.8667) K13=Float(0.8615) L13=Float(0.9286) M13=Float(9) N13=Float(40) O13=Float(1) P13=Float(0.75) Q13=Float(0.875) R13=Float(-13.3) S13=Float(11.2)
A14=Float(1) B14=String(\"Sở Tài chính\") C14=Float(50) D14=Float(45) E14=Float(36) F14=Float(9) G14=Float(5) H14=Float(0) I14=Float(5) J14=Float(0.9) K14=Float(0.8) L14=Float(0.9) M14=Float(4) N14=Float(40) O14=Float(1) P14=Float(0.75) Q14=Float(0.25) R14=Float(-10) S14=Float(5)
A15=Float(2) B15=String(\"Sở Xây dựng\") C15=Float(25) D15=Float(20) E15=Float(20) F15=Float(0) G15=Float(5) H15=Float(5) I15=Float(0) J15=Float(0.8) K15=Float(1) L15=Float(1) M15=Float(5) Q15=String(\"-\") R15=String(\"-\") S15=String(\"-\") T15=String(\"gồm: Sở Xây dựng, Sở Giao thông vận tải\")
A16=String(\"II\") B16=String(\"UBND cấp xã\") C16=Float(20) D16=Float(15) E16=Float(10) F16=Float(5) G16=Float(5) H16=Float(2) I16=Float(3) J16=Float(0.75) K16=Float(0.6667) L16=Float(0.8333) M16=Float(0) N16=Float(10) O16=Float(1) P16=Float(0.8) Q16=Float(1) R16=Float(-25) S16=Float(-13.3)
A17=Float(1) B17=String(\"UBND xã An Phú\") C17=Float(20) D17=Float(15) E17=Float(10) F17=Float(5) G17=Float(5) H17=Float(2) I17=Float(3) J17=Float(0.75) K17=Float(0.6667) L17=Float(0.8333) M17=Float(0) N17=Float(10) O17=Float(1) P17=Float(0.8) Q17=Float(1) R17=Float(-25) S17=Float(-13.3)
A18=Float(2) B18=String(\"UBND xã Bình Minh\") C18=Float(0) D18=Float(0) E18=Float(0) F18=Float(0) G18=Float(0) H18=Float(0) I18=Float(0) J18=String(\"-\") K18=String(\"-\") L18=String(\"-\") M18=Float(0) N18=Float(0) O18=String(\"-\") P18=String(\"-\") Q18=String(\"-\") R18=String(\"-\") S18=String(\"-\")
B19=String(\"Tổng cộng\") C19=Float(95) D19=Float(80) E19=Float(66) F19=Float(14) G19=Float(15) H19=Float(7) I19=Float(8) J19=Float(0.8421) K19=Float(0.825) L19=Float(0.9091) M19=Float(9) N19=Float(50) O19=Float(1) P19=Float(0.76) Q19=Float(0.9) R19=Float(-15.8) S19=Float(6.5)
";
    assert_eq!(dump(&range, FIRST_BODY_ROW, FIRST_BODY_ROW + 6), expected);
}

#[test]
fn group_and_total_rows_are_formulas_an_auditor_can_follow() {
    let at = formula_at(&mut rendered(), SHEET_SUMMARY);
    assert_eq!(at("C13"), "SUM(C14:C15)");
    assert_eq!(at("M16"), "SUM(M17:M18)");
    assert_eq!(at("C19"), "SUM(C13,C16)");
    assert_eq!(at("I19"), "SUM(I13,I16)");
    assert_eq!(at("J14"), "IF(C14=0,\"-\",D14/C14)");
    assert_eq!(at("K19"), "IF(D19=0,\"-\",E19/D19)");
    assert_eq!(at("L14"), "IF((D14+I14)=0,\"-\",D14/(D14+I14))");
    assert_eq!(at("Q14"), "IF(N14=0,\"-\",(C14-N14)/N14)");
    // Agency counts are plain numbers.
    assert_eq!(at("C14"), "");
}

#[test]
fn total_row_caches_the_sum_of_the_groups() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let total_row = FIRST_BODY_ROW + 6;
    // By hand: 75 + 20 tasks, 65 + 15 completed, 56 + 10 on time, 9 + 5 late,
    // 10 + 5 not completed, 5 + 2 within, 5 + 3 overdue, 9 + 0 without deadline.
    let expected = [95.0, 80.0, 66.0, 14.0, 15.0, 7.0, 8.0];
    for (i, want) in expected.iter().enumerate() {
        let got = range
            .get_value((total_row, 2 + i as u32))
            .and_then(|v| v.as_f64());
        assert_eq!(
            got,
            Some(*want),
            "column {}",
            cell_name(total_row, 2 + i as u32)
        );
    }
    assert_eq!(
        range.get_value((total_row, 12)).and_then(|v| v.as_f64()),
        Some(9.0)
    );
}

#[test]
fn title_block_follows_the_official_layout() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let text = |row, col| {
        range
            .get_value((row, col))
            .and_then(|v| v.get_string())
            .unwrap_or("")
    };
    assert_eq!(text(0, 0), "UBND TỈNH BÌNH AN");
    assert_eq!(text(1, 0), "VĂN PHÒNG");
    assert_eq!(text(0, 11), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(text(1, 11), "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(text(3, 11), "Bình An, ngày 22 tháng 12 năm 2025");
    assert_eq!(text(5, 0), "PHỤ LỤC");
    assert_eq!(
        text(6, 0),
        "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO"
    );
    assert_eq!(text(7, 0), "Năm 2025");
    assert_eq!(
        text(8, 0),
        "(Số liệu tính từ 01/01/2025 đến hết ngày 20/12/2025, theo ngày giao)"
    );
    assert_eq!(text(HEADER_ROW, 3), "Đã hoàn thành");
    assert_eq!(text(HEADER_ROW + 1, 8), "Quá hạn");
    assert_eq!(text(HEADER_ROW, 13), "Cùng kỳ năm 2024");
    assert_eq!(text(HEADER_ROW, 16), "So với cùng kỳ");
    assert_eq!(text(HEADER_ROW, 19), "Ghi chú");
}

#[test]
fn without_a_previous_period_the_note_column_follows_the_rates() {
    let mut report = sample_report();
    report.meta.previous = None;
    report.meta.basis = Basis::Due;
    let mut book = open(workbook_bytes(&report).unwrap());
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let text = |row, col| {
        range
            .get_value((row, col))
            .and_then(|v| v.get_string())
            .unwrap_or("")
    };
    assert_eq!(text(HEADER_ROW, 13), "Ghi chú");
    assert_eq!(
        text(FIRST_BODY_ROW + 2, 13),
        "gồm: Sở Xây dựng, Sở Giao thông vận tải"
    );
    assert!(text(8, 0).ends_with(", theo hạn xử lý)"));
}

#[test]
fn footnote_defines_the_rates_and_reconciles_the_left_out_rows() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let texts = text_cells(&range);
    for line in [
        "Ghi chú:",
        "Tỷ lệ hoàn thành = số đã hoàn thành / tổng số nhiệm vụ",
        "Tỷ lệ đúng hạn = số hoàn thành đúng hạn / số đã hoàn thành",
        "Tỷ lệ hoàn thành trên số đến hạn = số đã hoàn thành / (số đã hoàn thành + số chưa hoàn thành quá hạn)",
        "Tỷ lệ có mẫu số bằng 0 được ghi “-”.",
        "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi/dừng thực hiện không tính; 2 dòng trùng lặp đã gộp; 1 dòng không đủ thông tin, xem sheet Kiểm tra dữ liệu.",
    ] {
        assert!(
            texts.iter().any(|t| t == line),
            "missing footnote line: {line}"
        );
    }
    // The footnote starts two rows under the total row.
    let at = range
        .get_value((FIRST_BODY_ROW + 8, 0))
        .and_then(|v| v.get_string());
    assert_eq!(at, Some("Ghi chú:"));
}

#[test]
fn sheets_come_in_the_agreed_order() {
    let book = rendered();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Tổng hợp",
            "Quá hạn",
            "Sắp đến hạn",
            "Chi tiết",
            "Kiểm tra dữ liệu",
            "Xếp hạng",
            "Xu hướng"
        ]
    );
    let mut report = sample_report();
    report.ranking = None;
    report.trend = None;
    let book = open(workbook_bytes(&report).unwrap());
    assert_eq!(book.sheet_names().len(), 5);
}

#[test]
fn overdue_and_coming_due_lists_show_real_dates_and_days() {
    let mut book = rendered();
    let overdue = book.worksheet_range(SHEET_OVERDUE).unwrap();
    let title = overdue
        .get_value((0, 0))
        .and_then(|v| v.get_string())
        .unwrap();
    assert!(title.ends_with("(tính đến hết ngày 20/12/2025)"), "{title}");
    assert_eq!(
        overdue.get_value((1, 7)).and_then(|v| v.get_string()),
        Some("Số ngày quá hạn")
    );
    assert_eq!(
        overdue.get_value((2, 6)).and_then(|v| v.as_date()),
        Some(day(2025, 11, 10))
    );
    assert_eq!(
        overdue.get_value((2, 7)).and_then(|v| v.as_f64()),
        Some(40.0)
    );
    assert_eq!(
        overdue.get_value((3, 7)).and_then(|v| v.as_f64()),
        Some(12.0)
    );
    assert_eq!(
        overdue.get_value((2, 9)).and_then(|v| v.get_string()),
        Some("ioffice_2025.xlsx · Nhiệm vụ · dòng 7")
    );
    let soon = book.worksheet_range(SHEET_DUE_SOON).unwrap();
    assert_eq!(
        soon.get_value((1, 7)).and_then(|v| v.get_string()),
        Some("Còn lại (ngày)")
    );
    // 20/12/2025 → 05/01/2026: 11 days left in December, 5 in January.
    assert_eq!(soon.get_value((2, 7)).and_then(|v| v.as_f64()), Some(16.0));
}

#[test]
fn detail_sheet_lists_every_counted_task() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_DETAILS).unwrap();
    assert_eq!(range.height(), 1 + 5);
    assert_eq!(
        range.get_value((0, 10)).and_then(|v| v.get_string()),
        Some("Trạng thái")
    );
    assert_eq!(
        range.get_value((1, 10)).and_then(|v| v.get_string()),
        Some("Chưa hoàn thành, quá hạn")
    );
    assert_eq!(
        range.get_value((1, 8)).and_then(|v| v.as_date()),
        Some(day(2025, 11, 10))
    );
    assert_eq!(
        range.get_value((1, 12)).and_then(|v| v.get_string()),
        Some("Có")
    );
    assert_eq!(range.get_value((5, 16)).and_then(|v| v.as_f64()), Some(7.0));
}

#[test]
fn details_continue_on_numbered_sheets_past_the_row_limit() {
    // The sample's five tasks are five runs of one agency each (TC, AP, XD, TC, XD): the
    // fourth would make four rows, so the second sheet starts there.
    let limits = Limits {
        detail_rows_per_sheet: 3,
        excel_rows: 1_000,
        constant_memory_from: 0,
        separate_detail_sheets: true,
    };
    let mut book = open(workbook_bytes_with(&sample_report(), limits).unwrap());
    let names = book.sheet_names();
    assert_eq!(&names[3..5], ["Chi tiết", "Chi tiết (2)"]);
    assert_eq!(names[5], "Kiểm tra dữ liệu");
    let first = book.worksheet_range("Chi tiết").unwrap();
    let second = book.worksheet_range("Chi tiết (2)").unwrap();
    assert_eq!((first.height(), second.height()), (4, 3));
    assert_eq!(
        second.get_value((0, 0)).and_then(|v| v.get_string()),
        Some("STT")
    );
    // STT runs on: the second sheet starts at task 4.
    assert_eq!(second.get_value((1, 0)).and_then(|v| v.as_f64()), Some(4.0));
    assert_eq!(second.get_value((2, 0)).and_then(|v| v.as_f64()), Some(5.0));
}

#[test]
fn findings_sheet_counts_each_kind() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_FINDINGS).unwrap();
    let count_of = |label: &str| {
        (2..FINDINGS_HEADER_ROW).find_map(|row| {
            (range.get_value((row, 1)).and_then(|v| v.get_string()) == Some(label))
                .then(|| range.get_value((row, 2)).and_then(|v| v.as_f64()))
                .flatten()
        })
    };
    assert_eq!(count_of("Không đủ thông tin, không tính"), Some(1.0));
    assert_eq!(count_of("Trùng lặp, đã gộp"), Some(2.0));
    assert_eq!(count_of("Tệp không đọc được, bỏ qua"), Some(0.0));
    assert_eq!(count_of("Tổng cộng"), Some(3.0));
    let top = FINDINGS_HEADER_ROW;
    assert_eq!(
        range.get_value((top, 5)).and_then(|v| v.get_string()),
        Some("Nội dung")
    );
    assert_eq!(
        range.get_value((top + 2, 5)).and_then(|v| v.get_string()),
        Some("Trùng với dòng 9")
    );
    assert_eq!(
        range.get_value((top + 3, 4)).and_then(|v| v.as_f64()),
        Some(16.0)
    );
}

#[test]
fn ranking_sheet_shows_points_and_agencies_without_tasks() {
    let report = sample_report();
    let ranking = report.ranking.as_ref().unwrap();
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_RANKING).unwrap();
    let top = ranking_header_row(ranking);
    assert_eq!(top, 5);
    assert_eq!(
        range.get_value((top, 6)).and_then(|v| v.get_string()),
        Some("Điểm")
    );
    assert_eq!(
        range.get_value((top + 2, 6)).and_then(|v| v.as_f64()),
        Some(3.5)
    );
    assert_eq!(
        range.get_value((top + 2, 4)).and_then(|v| v.as_f64()),
        Some(9.0)
    );
    assert_eq!(
        range.get_value((top + 3, 6)).and_then(|v| v.get_string()),
        Some("không có nhiệm vụ")
    );
    assert_eq!(
        range.get_value((top + 1, 10)).and_then(|v| v.get_string()),
        Some("Điểm tối đa: 10\nHoàn thành quá hạn: 9 × 0,5 = 4,5 điểm trừ")
    );
}

// After the three ranked agencies: the agency outside the directory, «Chưa xếp hạng» in the
// bloc column, its counts as numbers (20 on time + 3 late + 2 within + 1 overdue = 26), the
// text «chưa xếp hạng» where the points go, no tier or ranks, its working and the reason. Its
// name starts with `=` and stays a text cell.
#[test]
fn ranking_sheet_lists_unranked_agencies_after_the_ranked_ones() {
    let report = sample_report();
    let top = ranking_header_row(report.ranking.as_ref().unwrap());
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_RANKING).unwrap();
    let row = top + 4;
    let cell = |c: u32| range.get_value((row, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0), Data::String("Chưa xếp hạng".into()));
    assert_eq!(cell(1), Data::String("=Ban Quản lý dự án tỉnh".into()));
    assert_eq!(
        (2..6).map(cell).collect::<Vec<_>>(),
        [26.0, 20.0, 3.0, 1.0].map(Data::Float)
    );
    assert_eq!(cell(6), Data::String("chưa xếp hạng".into()));
    assert_eq!((7..10).map(cell).collect::<Vec<_>>(), vec![Data::Empty; 3]);
    assert_eq!(
        cell(10),
        Data::String("Tổng số 26 nhiệm vụ; hoàn thành đúng hạn 20".into())
    );
    assert_eq!(
        cell(11),
        Data::String("không có trong danh mục cơ quan".into())
    );
    assert_eq!(range.get_value((row + 1, 1)), None);
}

#[test]
fn trend_sheet_gives_changes_against_the_period_before() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_TREND).unwrap();
    let row = |i: u32| TREND_HEADER_ROW + 1 + i;
    let num = |r, c| range.get_value((r, c)).and_then(|v| v.as_f64());
    assert_eq!(
        range.get_value((row(0), 0)).and_then(|v| v.get_string()),
        Some("Năm 2023")
    );
    assert_eq!(num(row(2), 1), Some(95.0));
    // 2024 → 2025: 50 → 95 tasks (+90 %); completion 100,0 % → 84,2 %; on time 76,0 % → 82,5 %.
    assert_eq!(num(row(2), 11), Some(0.9));
    assert_eq!(num(row(2), 12), Some(-15.8));
    assert_eq!(num(row(2), 13), Some(6.5));
    // 2023 has no period before it.
    assert_eq!(
        range.get_value((row(0), 11)).and_then(|v| v.get_string()),
        Some("-")
    );
}

#[test]
fn trend_sheet_carries_a_line_and_a_column_chart() {
    let Some(xml) = zip_part(
        &workbook_bytes(&sample_report()).unwrap(),
        "xl/charts/chart1.xml",
    ) else {
        return;
    };
    assert!(xml.contains("<c:lineChart>"), "line chart");
    assert!(xml.contains("<a:prstDash val=\"dash\"/>"), "dashed series");
    let columns = zip_part(
        &workbook_bytes(&sample_report()).unwrap(),
        "xl/charts/chart2.xml",
    )
    .unwrap_or_default();
    assert!(columns.contains("<c:barChart>"), "column chart");
    assert!(columns.contains("<a:pattFill"), "patterned columns");
}

#[test]
fn same_report_gives_identical_bytes() {
    let report = sample_report();
    assert_eq!(
        workbook_bytes(&report).unwrap(),
        workbook_bytes(&report).unwrap()
    );
}

#[test]
fn every_text_is_nfc() {
    use unicode_normalization::is_nfc;
    let mut book = rendered();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for text in text_cells(&range) {
            assert!(is_nfc(&text), "not NFC in {name}: {text}");
        }
    }
}

/// One part of the xlsx zip, read with the system's `unzip`; `None` (test skipped) where
/// `unzip` is not installed.
fn zip_part(bytes: &[u8], part: &str) -> Option<String> {
    let file = tempfile::NamedTempFile::new().ok()?;
    std::fs::write(file.path(), bytes).ok()?;
    let out = std::process::Command::new("unzip")
        .arg("-p")
        .arg(file.path())
        .arg(part)
        .output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            eprintln!("unzip not available: XML part {part} not checked");
            None
        }
    }
}

#[test]
fn overdue_cells_are_red_and_clean_agencies_green() {
    let bytes = workbook_bytes(&sample_report()).unwrap();
    let Some(sheet) = zip_part(&bytes, "xl/worksheets/sheet1.xml") else {
        return;
    };
    // One pair of rules per group: rows 14–15 and 17–18.
    for (overdue, names, first) in [("I14:I15", "B14:B15", 14), ("I17:I18", "B17:B18", 17)] {
        let red = format!("<conditionalFormatting sqref=\"{overdue}\">");
        assert!(sheet.contains(&red), "missing {red}");
        let green = format!("<conditionalFormatting sqref=\"{names}\">");
        assert!(sheet.contains(&green), "missing {green}");
        let rule = format!("<formula>AND($C{first}&gt;0,$F{first}=0,$I{first}=0)</formula>");
        assert!(sheet.contains(&rule), "missing {rule}");
    }
    assert!(sheet.contains("operator=\"greaterThan\""));
    let styles = zip_part(&bytes, "xl/styles.xml").unwrap_or_default();
    for color in ["FFFFC7CE", "FF9C0006", "FFC6EFCE", "FF006100"] {
        assert!(styles.contains(color), "missing colour {color}");
    }
    // Print setup: A4 landscape, one page wide, header rows repeated.
    assert!(sheet.contains("paperSize=\"9\""));
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("fitToHeight=\"0\""));
    let workbook = zip_part(&bytes, "xl/workbook.xml").unwrap_or_default();
    assert!(workbook.contains("'Tổng hợp'!$11:$12"), "repeat rows");
}

#[test]
fn truncating_cuts_rates_and_changes_like_the_published_figures() {
    let mut report = sample_report();
    report.meta.rounding = Rounding::Truncate;
    let mut book = open(workbook_bytes(&report).unwrap());
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let group = FIRST_BODY_ROW;
    let num = |col| {
        range
            .get_value((group, col))
            .and_then(|v| v.as_f64())
            .unwrap()
    };
    // 56/65 = 86,15…% → 86,1%; 65/75 = 86,66…% → 86,6%, so the change is 86,6 − 100,0.
    assert!((num(10) - 0.861).abs() < 1e-12, "{}", num(10));
    assert!((num(17) + 13.4).abs() < 1e-12, "{}", num(17));
    let formulas = book.worksheet_formula(SHEET_SUMMARY).unwrap();
    let formula = formulas.get_value((group, 9)).cloned().unwrap_or_default();
    assert_eq!(formula, "IF(C13=0,\"-\",TRUNC(D13/C13,3))");
}

#[test]
fn a_group_without_agencies_shows_its_subtotal_as_numbers() {
    let mut report = sample_report();
    report.sections.push(GroupSection {
        name: "Đơn vị sự nghiệp".to_string(),
        agencies: Vec::new(),
        subtotal: Counts::default(),
        previous: None,
    });
    let mut book = open(workbook_bytes(&report).unwrap());
    let range = book.worksheet_range(SHEET_SUMMARY).unwrap();
    let row = FIRST_BODY_ROW + 6;
    let text = range.get_value((row, 0)).and_then(|v| v.get_string());
    assert_eq!(text, Some("III"));
    assert_eq!(
        range.get_value((row, 2)).and_then(|v| v.as_f64()),
        Some(0.0)
    );
    let formulas = book.worksheet_formula(SHEET_SUMMARY).unwrap();
    let total = formulas
        .get_value((row + 1, 2))
        .cloned()
        .unwrap_or_default();
    assert_eq!(total, "SUM(C13,C16,C19)");
}

/// Tasks completed on time, in runs of one agency each, in the order given.
fn in_runs(runs: &[(&str, usize)]) -> Vec<TaskLine> {
    runs.iter()
        .flat_map(|(agency, n)| {
            (0..*n).map(|_| task(agency, Status::OnTime, day(2025, 6, 30), None))
        })
        .collect()
}

#[test]
fn detail_sheets_are_cut_between_agencies() {
    // Runs: A×2, B×3, C×1, D×4 (10 tasks, in agency order as the report lists them).
    let details = in_runs(&[("A", 2), ("B", 3), ("C", 1), ("D", 4)]);
    let parts = |soft, hard| {
        let limits = Limits {
            detail_rows_per_sheet: soft,
            excel_rows: hard,
            constant_memory_from: 0,
            separate_detail_sheets: true,
        };
        super::tasks::detail_parts(&details, limits)
    };
    // At most 4 rows a sheet: A (2) fits, A+B would be 5 → B starts sheet 2; B+C = 4 fits;
    // D (4) starts sheet 3.
    assert_eq!(parts(4, 100), vec![0..2, 2..6, 6..10]);
    // At most 6: A+B = 5, +C = 6 fits; D on its own.
    assert_eq!(parts(6, 100), vec![0..6, 6..10]);
    // Everything fits on one sheet.
    assert_eq!(parts(100, 100), vec![0..10]);
    // An agency larger than a sheet stays whole up to Excel's limit (here 3 rows): B (3) is
    // whole; D (4) is cut at the limit.
    assert_eq!(parts(1, 3), vec![0..2, 2..5, 5..6, 6..9, 9..10]);
    // No tasks: one (empty) sheet.
    assert_eq!(super::tasks::detail_parts(&[], LIMITS), vec![0..0]);
}

#[test]
fn a_large_report_splits_its_details_between_agencies_and_keeps_every_row() {
    // Constant-memory sheets written side by side: every task once, in order, STT running on.
    let mut report = sample_report();
    report.details = in_runs(&[
        ("Sở Tài chính", 3),
        ("Sở Xây dựng", 2),
        ("UBND xã An Phú", 2),
    ]);
    let limits = Limits {
        detail_rows_per_sheet: 4,
        excel_rows: 1_000,
        constant_memory_from: 0,
        separate_detail_sheets: true,
    };
    let mut book = open(workbook_bytes_with(&report, limits).unwrap());
    let names = book.sheet_names();
    assert_eq!(
        &names[..6],
        [
            "Tổng hợp",
            "Quá hạn",
            "Sắp đến hạn",
            "Chi tiết",
            "Chi tiết (2)",
            "Kiểm tra dữ liệu"
        ]
    );
    let first = book.worksheet_range("Chi tiết").unwrap();
    let second = book.worksheet_range("Chi tiết (2)").unwrap();
    // 3 + 2 would be 5 > 4: Sở Xây dựng starts the second sheet with An Phú after it.
    let agencies = |range: &calamine::Range<calamine::Data>| -> Vec<String> {
        (1..range.height())
            .map(|r| range.get_value((r as u32, 6)).unwrap().to_string())
            .collect()
    };
    assert_eq!(agencies(&first), ["Sở Tài chính"; 3]);
    assert_eq!(
        agencies(&second),
        [
            "Sở Xây dựng",
            "Sở Xây dựng",
            "UBND xã An Phú",
            "UBND xã An Phú"
        ]
    );
    let stt = |range: &calamine::Range<calamine::Data>| -> Vec<f64> {
        (1..range.height())
            .map(|r| {
                range
                    .get_value((r as u32, 0))
                    .and_then(|v| v.as_f64())
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(stt(&first), [1.0, 2.0, 3.0]);
    assert_eq!(stt(&second), [4.0, 5.0, 6.0, 7.0]);
}

#[test]
fn detail_sheets_made_on_their_own_equal_the_workbook_made_in_one_piece() {
    // The fast path for large reports writes the detail rows' XML itself and compresses each
    // detail sheet on its own, then copies it in; every entry of the result must be the same
    // XML as rust_xlsxwriter's workbook written in one piece, in constant-memory mode (same
    // cells and escapes, same styles, same defined names, same sheet order).
    let mut report = sample_report();
    report.details = in_runs(&[
        ("Sở Tài chính", 3),
        ("Sở Xây dựng", 2),
        ("UBND xã An Phú", 2),
    ]);
    // The detail rows of the fast path are written by hand (`detail_xml`): texts that need
    // every escape, texts with edge whitespace, empty and missing cells, a CSV source, a
    // completed and a late task, a date before Excel's 1900 leap day.
    let odd = &mut report.details[1];
    odd.summary = Some("Báo cáo <đợt 1> & \"đợt 2\"; mã _x000D_, _x00G0_ và _x12".into());
    odd.doc_number = Some(" 12/UBND\u{1}-\rVX\t".into());
    odd.leader = Some("\nPhó Chủ tịch\u{FFFF}".into());
    odd.officer = Some("".into());
    odd.task_id = None;
    odd.doc_date = Some(day(1900, 2, 28));
    odd.completed = Some(day(2025, 7, 3));
    odd.days_overdue = Some(3);
    odd.is_key = true;
    odd.source = SourceLoc {
        file: "so-theo-doi-tay.csv".into(),
        sheet: None,
        row: 1_048_576,
    };
    let late = &mut report.details[5];
    late.summary = Some("Tăng cường công tác 𝔸 (ngoài BMP) ".into());
    late.leader = Some("Phó Chủ tịch _x0041_".into());
    late.assigned = None;
    late.deadline_used = None;
    let limits = |separate_detail_sheets| Limits {
        detail_rows_per_sheet: 4,
        excel_rows: 1_000,
        constant_memory_from: 0,
        separate_detail_sheets,
    };
    let entries = |bytes: Vec<u8>| -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut text = String::new();
                std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
                (entry.name().unwrap().into_owned(), text)
            })
            .collect()
    };
    let one_piece = entries(workbook_bytes_with(&report, limits(false)).unwrap());
    let separate = entries(workbook_bytes_with(&report, limits(true)).unwrap());
    let names: Vec<&str> = one_piece.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"xl/worksheets/sheet4.xml") && names.contains(&"xl/worksheets/sheet5.xml")
    );
    for ((name_a, a), (name_b, b)) in one_piece.iter().zip(&separate) {
        assert_eq!(name_a, name_b);
        assert_eq!(a, b, "{name_a} differs");
    }
    assert_eq!(one_piece.len(), separate.len());
    // The detail sheets hold their rows (not the stand-ins' empty ones).
    let sheet5 = &separate
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet5.xml")
        .unwrap()
        .1;
    assert_eq!(sheet5.matches("<row ").count(), 1 + 4);
    assert!(sheet5.contains("UBND xã An Phú"));
}

#[test]
fn overdue_sheet_ends_with_the_age_bands_and_stale_tasks_get_their_own_sheet() {
    let mut report = sample_report();
    // The two overdue tasks of sample_report: 40 days (31-90) and 12 days (up to 30).
    let band = |up_to_30, from_31_to_90| crate::model::OverdueAge {
        up_to_30,
        from_31_to_90,
        over_90: 0,
        unknown: 0,
    };
    report.sections[0].agencies[0].overdue_age = band(0, 1);
    report.sections[1].agencies[0].overdue_age = band(1, 0);
    report.overdue_age = band(1, 1);
    let mut stale = task("Sở Tư pháp", Status::Within, day(2026, 1, 1), None);
    stale.deadline_used = None;
    stale.stale = Some(crate::model::Stale::NoDeadlineFor(120));
    report.stale = vec![stale];
    let mut book = open(workbook_bytes(&report).unwrap());
    let overdue = book.worksheet_range(SHEET_OVERDUE).unwrap();
    // Two tasks on rows 3-4 (0-based 2-3), a blank row, then the band table from row 6.
    // Texts as they are, numbers as whole numbers.
    let text = |r: u32, c: u32| match overdue.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(x)) => format!("{x}"),
        other => format!("{other:?}"),
    };
    assert_eq!(text(5, 1), "SỐ NHIỆM VỤ QUÁ HẠN THEO THỜI GIAN QUÁ HẠN");
    let header: Vec<String> = (1..7).map(|c| text(6, c)).collect();
    assert_eq!(
        header,
        [
            "Cơ quan chủ trì",
            "Đến 30 ngày",
            "Từ 31 đến 90 ngày",
            "Trên 90 ngày",
            "Không xác định số ngày",
            "Tổng số"
        ]
    );
    let row = |r: u32| -> Vec<String> { (1..7).map(|c| text(r, c)).collect() };
    let name0 = report.sections[0].agencies[0].name.clone();
    let name1 = report.sections[1].agencies[0].name.clone();
    assert_eq!(row(7), [name0.as_str(), "0", "1", "0", "0", "1"]);
    assert_eq!(row(8), [name1.as_str(), "1", "0", "0", "0", "1"]);
    assert_eq!(row(9), ["Tổng cộng", "1", "1", "0", "0", "2"]);
    assert_eq!(book.sheet_names()[4], SHEET_STALE);
    let sheet = book.worksheet_range(SHEET_STALE).unwrap();
    assert_eq!(
        sheet.get_value((1, 7)).and_then(|v| v.get_string()),
        Some("Số ngày chưa có kết quả")
    );
    assert_eq!(
        sheet.get_value((2, 7)).and_then(|v| v.as_f64()),
        Some(120.0)
    );
    assert_eq!(
        sheet.get_value((2, 1)).and_then(|v| v.get_string()),
        Some("Sở Tư pháp")
    );
}

mod programme;
