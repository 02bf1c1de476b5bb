//! A report keeps the texts of its own period only (`Texts::From`): what it lists must be
//! exactly what a load keeping every text lists — same tasks, same numbers, same contents —
//! while tasks assigned before the period carry no texts.

use crate::harness::assert_same;
use chrono::NaiveDate;
use tiendo::model::{Basis, ReportMeta};
use tiendo::model::{Loaded, Structure};
use tiendo::normalize::Texts;

use crate::harness::load_sample;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_report_from_the_texts_of_its_period_equals_one_from_all_texts() {
    let period = tiendo::period::parse("2025", Some(day(2025, 12, 20))).unwrap();
    let last_year = tiendo::period::same_period_last_year(&period);
    let structure = Structure::AsOf(period.effective_end());
    let meta = ReportMeta {
        issuer: "UBND TỈNH BÌNH AN".into(),
        issuer_sub: "VĂN PHÒNG".into(),
        place: "Bình An".into(),
        report_date: day(2025, 12, 20),
        period: period.clone(),
        previous: Some(last_year.clone()),
        basis: Basis::Assigned,
        rounding: Default::default(),
    };
    let report = |loaded: &Loaded| {
        let current = tiendo::classify::view(loaded, &period, structure);
        let before = tiendo::assemble::previous_counts(loaded, &last_year, structure).unwrap();
        tiendo::assemble::build(loaded, &current, Some(before), meta.clone()).unwrap()
    };
    let full = load_sample(Basis::Assigned, Texts::All);
    let windowed = load_sample(Basis::Assigned, Texts::From(day(2025, 1, 1)));
    let (a, b) = (report(&full), report(&windowed));
    // 1.287 tasks in 2025 up to 20/12 (the README's figures for this report).
    assert_same!(a.details.len(), 1287);
    assert_same!(a.details, b.details);
    assert_same!(a.overdue, b.overdue);
    assert_same!(a.due_soon, b.due_soon);
    assert_same!(a.sections, b.sections);
    assert_same!(a.findings, b.findings);
    // Contents are there for the period's tasks, and gone for the years before.
    let with_summary = |l: &Loaded| l.tasks.iter().filter(|t| t.summary.is_some()).count();
    assert!(a.details.iter().filter(|l| l.summary.is_some()).count() > 1200);
    assert!(with_summary(&windowed) < with_summary(&full) / 2);
    assert!(windowed.tasks.iter().all(|t| {
        t.summary.is_none()
            || t.assigned_or_doc_date()
                .is_none_or(|d| d >= day(2025, 1, 1))
    }));
}
