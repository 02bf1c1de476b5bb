//! The board's page without a browser: colours and order, escaping, no external address. The
//! browser tests (tests/it/board.rs) load the page in headless Chromium.

use chrono::NaiveDate;

use super::*;
use crate::model::{
    Basis, Counts, GroupSection, LeftOut, ReportMeta, SourceLoc, Stale, Status, TaskLine,
};
use crate::vn_number::Rounding;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn line(name: &str, counts: Counts) -> AgencyLine {
    AgencyLine {
        name: name.to_string(),
        bloc: Some("Khối tổng hợp".to_string()),
        counts,
        overdue_age: OverdueAge::default(),
        previous: None,
        note: String::new(),
    }
}

fn task(agency: &str, summary: &str, status: Status, officer: &str) -> TaskLine {
    TaskLine {
        agency: agency.into(),
        task_id: None,
        doc_number: Some("12/UBND-KT".into()),
        doc_date: Some(d(2025, 3, 1)),
        summary: Some(summary.into()),
        leader: None,
        assigned: Some(d(2025, 3, 1)),
        deadline_used: Some(d(2025, 12, 10)),
        completed: None,
        status,
        days_overdue: (status == Status::Overdue).then_some(10),
        days_left: (status == Status::Within).then_some(5),
        stale: None,
        officer: Some(officer.into()),
        is_key: false,
        source: SourceLoc {
            file: "t.csv".into(),
            sheet: None,
            row: 2,
        },
    }
}

const SCRIPT_CONTENT: &str = "<script>document.title='XSS'</script>";
const IMG_CONTENT: &str = "<img src=x onerror=alert(1)>";
const BREAKOUT_OFFICER: &str = "\"><script>alert(2)</script><!--";

/// Four agencies in report order: A green (nothing open), B red (one overdue), C amber (one
/// due in 5 days), D red (one overdue); plus E with tasks only last year.
fn report() -> Report {
    let green = Counts::from_parts(2, 0, 0, 0, 0);
    let red = Counts::from_parts(1, 0, 0, 1, 0);
    let amber = Counts::from_parts(0, 1, 1, 0, 0);
    let mut b = line("Sở B", red);
    b.overdue_age.add(Some(10));
    let mut d_line = line("Sở D", red);
    d_line.overdue_age.add(Some(120));
    let mut e = line("Sở E", Counts::default());
    e.previous = Some(green);
    let agencies = vec![line("Sở A", green), b, line("Sở C", amber), d_line, e];
    let total = agencies
        .iter()
        .fold(Counts::default(), |acc, a| acc.plus(&a.counts));
    let period = crate::period::parse("2025", Some(d(2025, 12, 20))).unwrap();
    let mut stale = task("Sở A", "Theo dõi thường xuyên", Status::Within, "Lê Hồng");
    stale.stale = Some(Stale::NoDeadlineFor(120));
    let overdue = vec![
        task("Sở D", SCRIPT_CONTENT, Status::Overdue, BREAKOUT_OFFICER),
        task("Sở B", "Báo cáo quý", Status::Overdue, "Lê Hồng"),
    ];
    let due_soon = vec![task("Sở C", IMG_CONTENT, Status::Within, "Trần Bình")];
    let mut details = overdue.clone();
    details.extend(due_soon.clone());
    details.push(stale.clone());
    Report {
        meta: ReportMeta {
            issuer: "UBND TỈNH BÌNH AN".to_string(),
            issuer_sub: "VĂN PHÒNG".to_string(),
            place: String::new(),
            report_date: d(2025, 12, 20),
            period,
            previous: None,
            basis: Basis::Assigned,
            rounding: Rounding::Round,
        },
        sections: vec![GroupSection {
            name: "Sở, ban, ngành".to_string(),
            subtotal: total,
            agencies,
            previous: None,
        }],
        total,
        previous_total: None,
        overdue_age: OverdueAge {
            up_to_30: 1,
            over_90: 1,
            ..OverdueAge::default()
        },
        overdue,
        due_soon,
        stale: vec![stale],
        details,
        findings: vec![],
        left_out: LeftOut::default(),
        ranking: None,
        trend: None,
        coverage: Default::default(),
        warnings: vec![],
        comparison_withheld: None,
        by_officer: Default::default(),
        not_updated_days: 30,
    }
}

fn page() -> Page {
    Page {
        sources: vec!["theo-doi.csv".to_string()],
        files_read: 1,
        refresh_seconds: None,
        generated_at: None,
    }
}

#[test]
fn red_tiles_come_first_then_amber_then_green_each_in_report_order() {
    let report = report();
    let shown: Vec<(&str, Light)> = agencies(&report)
        .iter()
        .map(|a| (a.line.name.as_str(), a.light))
        .collect();
    // Sở E had tasks only last year: not on the board.
    assert_eq!(
        shown,
        [
            ("Sở B", Light::Red),
            ("Sở D", Light::Red),
            ("Sở C", Light::Amber),
            ("Sở A", Light::Green),
        ]
    );
    let a = agencies(&report);
    assert_eq!(a[3].id, "cq-so-a");
    assert_eq!(a[0].id, "cq-so-b");
    assert_eq!(a[3].stale.len(), 1);
    assert_eq!(
        a[3].officers.iter().copied().collect::<Vec<_>>(),
        ["Lê Hồng"]
    );
}

#[test]
fn dialog_ids_are_the_names_without_marks_told_apart_when_they_meet() {
    let mut taken = HashSet::new();
    let ids: Vec<String> = [
        "Sở Tài chính",
        "UBND huyện Đức Xuyên",
        "Sở Tài Chính",
        "<b>…</b>",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| unique_id(name, i + 1, &mut taken))
    .collect();
    // «b» is a word of «<b>…</b>» once the punctuation is gone.
    assert_eq!(
        ids,
        [
            "cq-so-tai-chinh",
            "cq-ubnd-huyen-duc-xuyen",
            "cq-so-tai-chinh-3",
            "cq-b-b"
        ]
    );
    assert_eq!(unique_id("…", 7, &mut taken), "cq-7");
}

#[test]
fn texts_from_the_task_files_are_escaped() {
    let html = board(&report(), &page());
    assert!(html.contains("&lt;script&gt;document.title='XSS'&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains(SCRIPT_CONTENT));
    assert!(!html.contains(IMG_CONTENT));
    assert!(!html.contains("<img"));
    // The officer, in a cell, an option and the tile's JSON attribute: its quote never closes
    // the attribute.
    assert!(!html.contains(BREAKOUT_OFFICER));
    assert!(html.contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;!--"));
    // The page's own script and nothing else.
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn style_and_script_cannot_close_their_element() {
    assert!(!STYLE.contains("</"));
    assert!(!SCRIPT.contains("</"));
    assert!(!SCRIPT.contains("<!--"));
}

#[test]
fn refresh_and_generation_time_come_from_the_options() {
    let report = report();
    let plain = board(&report, &page());
    assert!(!plain.contains("http-equiv"));
    assert!(!plain.contains("cập nhật lúc"));
    let timed = board(
        &report,
        &Page {
            refresh_seconds: Some(300),
            generated_at: Some(d(2025, 12, 20).and_hms_opt(8, 5, 0).unwrap()),
            ..page()
        },
    );
    assert!(timed.contains(r#"<meta http-equiv="refresh" content="300">"#));
    assert!(timed.contains("cập nhật lúc <b class=\"generated\">08:05 ngày 20/12/2025</b>"));
    assert!(timed.contains("Số liệu chốt đến hết ngày <b class=\"cutoff-date\">20/12/2025</b>"));
    assert!(timed.contains("Nguồn dữ liệu: <span class=\"files\">theo-doi.csv</span>"));
}
