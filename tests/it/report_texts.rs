//! A report keeps the texts of its own period only (`Texts::From`): what it lists must be
//! exactly what a load keeping every text lists — same tasks, same numbers, same contents —
//! while tasks assigned before the period carry no texts.

use std::path::PathBuf;

use chrono::NaiveDate;
use tiendo::classify::Judging;
use tiendo::model::{Basis, ReportMeta};
use tiendo::normalize::Texts;
use tiendo::pipeline::{self, Sources, Structure};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn load(texts: Texts) -> pipeline::Loaded {
    pipeline::load(&Sources {
        inputs: vec![
            sample("ioffice-2021-2025.xlsx"),
            sample("so-theo-doi-tay.csv"),
        ],
        agencies: Some(sample("danh-muc-co-quan.xlsx")),
        skip_unreadable: false,
        texts,
        judging: Judging {
            basis: Basis::Assigned,
            on_original_deadline: false,
        },
        show_progress: false,
    })
    .expect("sample data loads")
}

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
    let report = |loaded: &pipeline::Loaded| {
        let current = pipeline::view(loaded, &period, structure);
        let before = tiendo::assemble::previous_counts(loaded, &last_year, structure).unwrap();
        tiendo::assemble::build(loaded, &current, Some(before), meta.clone()).unwrap()
    };
    let full = load(Texts::All);
    let windowed = load(Texts::From(day(2025, 1, 1)));
    let (a, b) = (report(&full), report(&windowed));
    // 1.287 tasks in 2025 up to 20/12 (the README's figures for this report).
    assert_eq!(a.details.len(), 1287);
    assert_eq!(a.details, b.details);
    assert_eq!(a.overdue, b.overdue);
    assert_eq!(a.due_soon, b.due_soon);
    assert_eq!(a.sections, b.sections);
    assert_eq!(a.findings, b.findings);
    // Contents are there for the period's tasks, and gone for the years before.
    let with_summary =
        |l: &pipeline::Loaded| l.tasks.iter().filter(|t| t.summary.is_some()).count();
    assert!(a.details.iter().filter(|l| l.summary.is_some()).count() > 1200);
    assert!(with_summary(&windowed) < with_summary(&full) / 2);
    assert!(windowed.tasks.iter().all(|t| {
        t.summary.is_none()
            || t.assigned_or_doc_date()
                .is_none_or(|d| d >= day(2025, 1, 1))
    }));
}
