//! Hand-worked coverage: spans, gaps, and the sentences that warn or withhold a comparison.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::model::{SourceLoc, Statement};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn months(list: &[((i32, u32), u64)]) -> BTreeMap<(i32, u32), u64> {
    list.iter().copied().collect()
}

#[test]
fn an_empty_month_between_busy_months_is_a_gap() {
    // 40, 35, then nothing in March and April 2020, then 50: one gap of two months.
    let m = months(&[
        ((2020, 1), 40),
        ((2020, 2), 35),
        ((2020, 5), 50),
        ((2020, 6), 45),
    ]);
    assert_eq!(
        gaps(&m),
        [Gap {
            from: d(2020, 3, 1),
            to: d(2020, 4, 30)
        }]
    );
}

#[test]
fn an_empty_month_next_to_a_quiet_one_is_not_a_gap() {
    // February has 3 tasks: fewer than 10, so March's emptiness is a quiet spell, not a gap.
    let m = months(&[((2020, 1), 40), ((2020, 2), 3), ((2020, 4), 50)]);
    assert_eq!(gaps(&m), []);
    // Half the median (median 200 → 100) also counts: 60 is not busy enough here.
    let m = months(&[
        ((2020, 1), 200),
        ((2020, 2), 60),
        ((2020, 4), 200),
        ((2020, 5), 210),
    ]);
    assert_eq!(gaps(&m), []);
}

fn coverage(first: NaiveDate, gaps: Vec<Gap>) -> Coverage {
    Coverage {
        first_assigned: Some(first),
        last_assigned: Some(d(2025, 12, 31)),
        gaps,
        ..Coverage::default()
    }
}

#[test]
fn last_year_partly_covered_withholds_the_comparison() {
    // The bench's export: tasks from 01/11/2024. Same period last year of 2025 = 2024.
    let cov = coverage(d(2024, 11, 1), vec![]);
    let y2024 = crate::period::parse("2024", None).unwrap();
    assert_eq!(
        comparison_withheld(&cov, &y2024, "cùng kỳ năm 2024").as_deref(),
        Some("Số liệu cùng kỳ năm 2024 chỉ có từ ngày 01/11/2024, chưa đủ để so sánh.")
    );
    // November–December 2024 alone is covered: the first task's month starts it.
    let nov = crate::period::parse("2024-11-01..2024-12-31", None).unwrap();
    assert_eq!(comparison_withheld(&cov, &nov, "cùng kỳ"), None);
    // Data from 04/01/2021 (the first working day) covers the whole of 2021.
    let cov = coverage(d(2021, 1, 4), vec![]);
    let y2021 = crate::period::parse("2021", None).unwrap();
    assert_eq!(uncovered(&cov, &y2021), None);
}

#[test]
fn a_period_with_a_gap_month_is_not_compared() {
    let gap = Gap {
        from: d(2020, 3, 1),
        to: d(2020, 3, 31),
    };
    let cov = coverage(d(2018, 1, 2), vec![gap]);
    let y2020 = crate::period::parse("2020", None).unwrap();
    assert_eq!(
        comparison_withheld(&cov, &y2020, "năm 2020").as_deref(),
        Some(
            "Số liệu năm 2020 không có nhiệm vụ nào được giao trong tháng 03/2020, chưa đủ để so sánh."
        )
    );
    let h2 = crate::period::parse("2020-H2", None).unwrap();
    assert_eq!(uncovered(&cov, &h2), None);
    assert_eq!(
        period_warning(&cov, &y2020).as_deref(),
        Some(
            "Số liệu năm 2020 không có nhiệm vụ nào được giao trong tháng 03/2020: các con số chưa phản ánh đủ cả kỳ."
        )
    );
}

fn exported(at: NaiveDateTime, has_time: bool) -> Coverage {
    Coverage {
        exported: Some(Exported {
            at,
            has_time,
            source: SourceLoc {
                file: "du-lieu/ioffice.xlsx".into(),
                sheet: Some("Năm 2025".into()),
                row: 3,
            },
        }),
        ..Coverage::default()
    }
}

#[test]
fn a_cut_off_after_the_export_date_is_flagged_and_names_it() {
    let cov = exported(d(2025, 10, 20).and_hms_opt(0, 0, 0).unwrap(), false);
    assert_eq!(cut_off_warning(&cov, d(2025, 10, 20)), None);
    assert_eq!(
        cut_off_warning(&cov, d(2025, 12, 31)).as_deref(),
        Some(
            "Ngày chốt số liệu 31/12/2025 sau thời điểm trích xuất dữ liệu mới nhất (20/10/2025, \
             tệp «ioffice.xlsx»): tình hình thực hiện sau thời điểm đó chưa có trong dữ liệu, nên \
             các nhiệm vụ được tính là còn hạn hoặc quá hạn có thể đã hoàn thành."
        )
    );
    let cov = exported(d(2020, 7, 6).and_hms_opt(8, 15, 0).unwrap(), true);
    assert!(
        cut_off_warning(&cov, d(2020, 12, 31))
            .unwrap()
            .contains("(08:15 ngày 06/07/2020, tệp «ioffice.xlsx»)")
    );
}

#[test]
fn statements_give_each_file_its_newest_export_date() {
    let at = |y, m, dd| Stated {
        source: SourceLoc {
            file: "a.xlsx".into(),
            sheet: None,
            row: 1,
        },
        statement: Statement {
            exported: Some(d(y, m, dd).and_hms_opt(0, 0, 0).unwrap()),
            has_time: false,
            span: None,
        },
    };
    let sources = with_statements(
        Vec::new(),
        &[at(2025, 6, 30), at(2025, 12, 31), at(2025, 7, 1)],
    );
    assert_eq!(sources.len(), 1);
    assert_eq!(
        sources[0].exported.as_ref().map(|e| e.at.date()),
        Some(d(2025, 12, 31))
    );
}
