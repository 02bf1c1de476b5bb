//! A hand-made programme report for the renderers' tests: the year 2025 at a 20/06/2025
//! cut-off, two groups and three agencies with counts whose rates are easy to check by hand,
//! last year's figures, and one item in each list. `with_agencies` adds agencies until the
//! annex runs over more than one page.

use chrono::NaiveDate;

use crate::model::{
    Basis, Finding, FindingKind, ItemLine, ItemStatus, ProgrammeAgencyLine, ProgrammeCounts,
    ProgrammeReport, ProgrammeSection, ReportMeta, SourceLoc,
};
use crate::period;
use crate::vn_number::Rounding;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Counts from their parts: planned, submitted and not submitted follow.
pub fn counts(
    on_time: u64,
    late: u64,
    issued: u64,
    overdue: u64,
    not_yet_due: u64,
    postponed: u64,
) -> ProgrammeCounts {
    ProgrammeCounts {
        planned: on_time + late + overdue + not_yet_due,
        submitted: on_time + late,
        on_time,
        late,
        issued,
        not_submitted: overdue + not_yet_due,
        overdue,
        not_yet_due,
        postponed,
    }
}

fn agency(
    name: &str,
    now: ProgrammeCounts,
    before: ProgrammeCounts,
    note: &str,
) -> ProgrammeAgencyLine {
    ProgrammeAgencyLine {
        name: name.to_string(),
        counts: now,
        previous: Some(before),
        note: note.to_string(),
    }
}

pub fn item(agency: &str, content: &str, planned: &str, deadline: NaiveDate) -> ItemLine {
    ItemLine {
        agency: agency.to_string(),
        content: Some(content.to_string()),
        leader: Some("Phó Chủ tịch UBND tỉnh Trần Thị Mai".to_string()),
        planned: Some(planned.to_string()),
        deadline,
        postponed_to: None,
        postponed_by: None,
        submitted: None,
        submission_no: None,
        issued: None,
        issued_doc: None,
        status: Some(ItemStatus::NotYetDue),
        is_issued: false,
        days_overdue: None,
        days_left: None,
        status_text: Some("Chưa trình".to_string()),
        note: None,
        source: SourceLoc {
            file: "ctct-2025.xlsx".into(),
            sheet: Some("Năm 2025".into()),
            row: 9,
        },
    }
}

/// Sở Tài chính: 8 on time + 2 late = 10 submitted (6 issued), 2 overdue + 8 not yet due;
/// 3 postponed (20 items). Sở Nội vụ: 4 on time (4 issued) + 1 not yet due (5 items).
/// Công an tỉnh: 1 late, 1 overdue (2 items). Last year: 18, 6 and no items.
pub fn report() -> ProgrammeReport {
    let period = period::parse("2025", Some(d(2025, 6, 20))).unwrap();
    let previous = period::same_period_last_year(&period);
    let stc = counts(8, 2, 6, 2, 8, 3);
    let snv = counts(4, 0, 4, 0, 1, 0);
    let cat = counts(0, 1, 0, 1, 0, 0);
    let stc_before = counts(9, 0, 6, 1, 8, 0);
    let snv_before = counts(5, 1, 3, 0, 0, 0);
    let departments = stc.plus(&snv);
    let departments_before = stc_before.plus(&snv_before);
    let mut overdue = item(
        "Sở Tài chính",
        "Đề án phát triển kinh tế số",
        "Quý I/2025",
        d(2025, 3, 31),
    );
    overdue.status = Some(ItemStatus::Overdue);
    overdue.days_overdue = Some(81);
    let mut soon = item(
        "Sở Nội vụ",
        "Đề án vị trí việc làm",
        "Tháng 7/2025",
        d(2025, 7, 31),
    );
    soon.days_left = Some(41);
    let mut postponed = item(
        "Sở Tài chính",
        "Kế hoạch đầu tư công",
        "Tháng 3/2025",
        d(2025, 6, 30),
    );
    postponed.postponed_to = Some("Tháng 6/2025".to_string());
    postponed.postponed_by = Some("Xin lùi sang tháng 6/2025".to_string());
    postponed.days_left = Some(10);
    let mut out = item(
        "Sở Tài chính",
        "Báo cáo thu ngân sách",
        "Tháng 11/2025",
        d(2026, 2, 28),
    );
    out.postponed_to = Some("Tháng 2/2026".to_string());
    out.postponed_by = Some("cột thời gian trình sau điều chỉnh".to_string());
    let mut withdrawn = item(
        "Công an tỉnh",
        "Đề án phòng cháy khu dân cư",
        "Tháng 4/2025",
        d(2025, 4, 30),
    );
    withdrawn.status = None;
    withdrawn.status_text = Some("Rút khỏi chương trình".to_string());
    let mut issued = item(
        "Sở Nội vụ",
        "Quyết định phân cấp quản lý",
        "15/03/2025",
        d(2025, 3, 15),
    );
    issued.status = Some(ItemStatus::OnTime);
    issued.is_issued = true;
    issued.submitted = Some(d(2025, 3, 10));
    issued.submission_no = Some("12/TTr-SNV".to_string());
    issued.issued = Some(d(2025, 3, 25));
    issued.issued_doc = Some("45/QĐ-UBND".to_string());
    issued.status_text = Some("Đã ban hành".to_string());
    let finding = |kind, row, message: &str| Finding {
        kind,
        source: SourceLoc {
            file: "ctct-2025.xlsx".into(),
            sheet: Some("Năm 2025".into()),
            row,
        },
        message: message.to_string(),
    };
    ProgrammeReport {
        meta: ReportMeta {
            issuer: "UBND TỈNH BÌNH AN".to_string(),
            issuer_sub: "VĂN PHÒNG".to_string(),
            place: "Bình An".to_string(),
            report_date: d(2025, 6, 23),
            period,
            previous: Some(previous),
            basis: Basis::Due,
            rounding: Rounding::Round,
        },
        sections: vec![
            ProgrammeSection {
                name: "Sở, ban, ngành".to_string(),
                agencies: vec![
                    agency(
                        "Sở Tài chính",
                        stc,
                        stc_before,
                        "Gồm cả nội dung của Sở Kế hoạch và Đầu tư (hợp nhất từ 01/03/2025)",
                    ),
                    agency("Sở Nội vụ", snv, snv_before, ""),
                ],
                subtotal: departments,
                previous: Some(departments_before),
            },
            ProgrammeSection {
                name: "Đơn vị khác".to_string(),
                agencies: vec![agency("Công an tỉnh", cat, ProgrammeCounts::default(), "")],
                subtotal: cat,
                previous: Some(ProgrammeCounts::default()),
            },
        ],
        total: departments.plus(&cat),
        previous_total: Some(departments_before),
        overdue: vec![overdue],
        due_soon: vec![soon],
        due_soon_until: d(2025, 7, 31),
        postponed: vec![postponed],
        postponed_out: vec![out],
        withdrawn: vec![withdrawn],
        items: vec![issued],
        findings: vec![
            finding(FindingKind::Excluded, 12, "không có cơ quan chủ trì"),
            finding(
                FindingKind::SkippedRow,
                7,
                "dòng ghi chú hoặc tiêu đề nhóm «QUÝ I»",
            ),
        ],
        excluded: 1,
    }
}

/// The report with `n` more agencies in the first group (each 1 on time + 1 overdue): the
/// annex runs over several landscape pages.
pub fn with_agencies(n: usize) -> ProgrammeReport {
    let mut r = report();
    let each = counts(1, 0, 0, 1, 0, 0);
    for i in 0..n {
        r.sections[0].agencies.push(ProgrammeAgencyLine {
            name: format!("UBND xã số {}", i + 1),
            counts: each,
            previous: None,
            note: String::new(),
        });
        r.sections[0].subtotal = r.sections[0].subtotal.plus(&each);
        r.total = r.total.plus(&each);
    }
    r
}
