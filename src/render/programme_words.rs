//! The words of the programme report: the summary paragraphs in the style of the Office's own
//! reports on the work programme ("… phải trình 150 nội dung …: đã trình 80 nội dung (đạt
//! 53,3%), trong đó …"), the same period last year, the postponed and withdrawn items, and the
//! agencies with the most overdue items, and the paragraphs of the report's sections II–V.
//! Pure text: `render::programme_outline` puts it in order for the PDF and the Word document.
//!
//! Every figure comes from the report's `ProgrammeCounts`; rates go through
//! `ProgrammeCounts::rate` and `vn_number::percent`, so a zero denominator prints a sentence
//! without a rate, never "0%" or "NaN".

use chrono::Datelike;

use crate::model::{
    FindingKind, ItemLine, ProgrammeCounts, ProgrammeRate, ProgrammeReport, ReportMeta,
};
use crate::period;
use crate::render::words::{change_from_year, compared_count, compared_rate, largest, with_counts};
use crate::vn_number::{Rounding, count, date, percent};

fn previous_year(report: &ProgrammeReport) -> i32 {
    report
        .meta
        .previous
        .as_ref()
        .map_or(report.meta.period.start.year() - 1, |p| p.start.year())
}

/// The summary paragraphs: the figures with the change against the same period last year,
/// postponed and withdrawn items, the rate definitions, the detailed comparison, the agencies
/// with the most overdue items.
pub fn summary_paragraphs(report: &ProgrammeReport) -> Vec<String> {
    let meta = &report.meta;
    let phrase = period::phrase(&meta.period);
    let c = &report.total;
    if c.planned == 0 {
        let mut out = vec![format!(
            "Chương trình công tác {phrase} không có nội dung nào có thời hạn trình trong kỳ \
             (từ {} đến {}).",
            date(meta.period.start),
            date(meta.period.end)
        )];
        if let Some(prev) = report.previous_total.filter(|p| p.planned > 0) {
            out.push(format!(
                "Cùng kỳ năm {} có {} nội dung phải trình.",
                previous_year(report),
                count(prev.planned)
            ));
        }
        return out;
    }
    let mut out = vec![overall_paragraph(report), moved_paragraph(report)];
    out.push(
        "Tỷ lệ đã trình và tỷ lệ đã ban hành tính trên số nội dung phải trình trong kỳ; tỷ lệ \
         trình đúng hạn tính trên số nội dung đã trình; nội dung chưa trình được xác định đã quá \
         hạn hay chưa đến hạn tại ngày chốt số liệu."
            .to_string(),
    );
    // With nothing planned last year there is nothing to compare (the first paragraph says so).
    if let Some(prev) = report.previous_total.as_ref().filter(|p| p.planned > 0) {
        out.push(comparison_paragraph(report, prev));
    }
    out.push(overdue_agencies_sentence(report));
    out
}

fn overall_paragraph(report: &ProgrammeReport) -> String {
    let meta = &report.meta;
    let c = &report.total;
    let r = meta.rounding;
    let change = report.previous_total.map(|prev| {
        let year = previous_year(report);
        format!(
            "; {}",
            change_from_year(c.planned, prev.planned, year, "nội dung phải trình")
        )
    });
    let mut text = format!(
        "Chương trình công tác {} của UBND tỉnh có {} nội dung phải trình UBND tỉnh, Chủ tịch \
         UBND tỉnh (có thời hạn trình từ {} đến {}, kể cả nội dung được lùi thời gian trình vào \
         kỳ này{}). Đến hết ngày {}, các cơ quan, đơn vị đã trình {} nội dung (đạt {})",
        period::phrase(&meta.period),
        count(c.planned),
        date(meta.period.start),
        date(meta.period.end),
        change.unwrap_or_default(),
        date(meta.period.effective_end()),
        count(c.submitted),
        percent(c.rate(ProgrammeRate::Submitted), r),
    );
    if c.submitted > 0 {
        text.push_str(&format!(
            ", trong đó {} nội dung trình đúng hạn (chiếm {}), {} nội dung trình quá hạn; UBND \
             tỉnh, Chủ tịch UBND tỉnh đã ban hành {} nội dung (đạt {} số nội dung phải trình)",
            count(c.on_time),
            percent(c.rate(ProgrammeRate::OnTime), r),
            count(c.late),
            count(c.issued),
            percent(c.rate(ProgrammeRate::Issued), r),
        ));
    }
    if c.not_submitted > 0 {
        text.push_str(&format!(
            "; còn {} nội dung chưa trình, trong đó {} nội dung đã quá hạn, {} nội dung chưa đến \
             hạn.",
            count(c.not_submitted),
            count(c.overdue),
            count(c.not_yet_due),
        ));
    } else {
        text.push_str("; không còn nội dung chưa trình.");
    }
    text
}

fn moved_paragraph(report: &ProgrammeReport) -> String {
    let n = |x: usize| count(x as u64);
    let postponed = match report.total.postponed {
        0 => "Không có nội dung nào được lùi thời gian trình vào kỳ".to_string(),
        k => format!(
            "Có {} nội dung được lùi thời gian trình (đã tính theo thời gian trình mới)",
            count(k)
        ),
    };
    let out = match report.postponed_out.len() {
        0 => String::new(),
        k => format!(
            "; {} nội dung có thời hạn trình trong kỳ đã được lùi sang kỳ sau, không tính trong \
             kỳ này",
            n(k)
        ),
    };
    let withdrawn = match report.withdrawn.len() {
        0 => "không có nội dung nào được rút khỏi chương trình".to_string(),
        k => format!(
            "{} nội dung được rút khỏi chương trình, không tính vào các số trên",
            n(k)
        ),
    };
    format!("{postponed}{out}; {withdrawn}.")
}

fn comparison_paragraph(report: &ProgrammeReport, prev: &ProgrammeCounts) -> String {
    let now = &report.total;
    let r = report.meta.rounding;
    let span = report
        .meta
        .previous
        .as_ref()
        .map(|p| format!(", tình hình đến hết ngày {}", date(p.effective_end())))
        .unwrap_or_default();
    let count_item = compared_count;
    let rate_item =
        |label: &str, rate: ProgrammeRate| compared_rate(label, now.rate(rate), prev.rate(rate), r);
    let items = [
        count_item("số nội dung đã trình", now.submitted, prev.submitted),
        count_item("số nội dung chưa trình quá hạn", now.overdue, prev.overdue),
        rate_item("tỷ lệ đã trình", ProgrammeRate::Submitted),
        rate_item("tỷ lệ trình đúng hạn", ProgrammeRate::OnTime),
        rate_item("tỷ lệ đã ban hành", ProgrammeRate::Issued),
    ];
    format!(
        "So với cùng kỳ năm {} ({} nội dung phải trình{span}): {}.",
        previous_year(report),
        count(prev.planned),
        items.join("; ")
    )
}

/// Agencies with the most overdue items, most first (ties in report order).
pub fn top_overdue_agencies(report: &ProgrammeReport) -> Vec<(&str, u64)> {
    let agencies = report.sections.iter().flat_map(|s| &s.agencies);
    largest(agencies.map(|a| (a.name.as_str(), a.counts.overdue)))
}

fn overdue_agencies_sentence(report: &ProgrammeReport) -> String {
    let named = with_counts(&top_overdue_agencies(report), "nội dung");
    match named.len() {
        0 => "Không có nội dung chưa trình quá hạn.".to_string(),
        1 => format!("Cơ quan có nội dung chưa trình quá hạn: {}.", named[0]),
        _ => format!(
            "Các cơ quan có nhiều nội dung chưa trình quá hạn nhất: {}.",
            named.join(", ")
        ),
    }
}

/// "- Sở, ban, ngành: 120 nội dung phải trình; đã trình 70 (đạt 58,3%), trong đó đúng hạn 60
/// (chiếm 85,7%); đã ban hành 50 (đạt 41,7%); chưa trình 50, trong đó quá hạn 10.": a group's
/// line in section II of the report.
pub fn group_line(name: &str, c: &ProgrammeCounts, r: Rounding) -> String {
    let on_time = if c.submitted > 0 {
        format!(
            ", trong đó đúng hạn {} (chiếm {})",
            count(c.on_time),
            percent(c.rate(ProgrammeRate::OnTime), r)
        )
    } else {
        String::new()
    };
    format!(
        "- {name}: {} nội dung phải trình; đã trình {} (đạt {}){on_time}; đã ban hành {} (đạt \
         {}); chưa trình {}, trong đó quá hạn {}.",
        count(c.planned),
        count(c.submitted),
        percent(c.rate(ProgrammeRate::Submitted), r),
        count(c.issued),
        percent(c.rate(ProgrammeRate::Issued), r),
        count(c.not_submitted),
        count(c.overdue),
    )
}

fn agencies_of(lines: &[ItemLine]) -> usize {
    let mut names: Vec<&str> = lines.iter().map(|l| l.agency.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// Section III: the overdue items and those coming due, pointing to Annex II.
pub fn lists_paragraph(report: &ProgrammeReport) -> String {
    let cut = date(report.meta.period.effective_end());
    let overdue = if report.overdue.is_empty() {
        format!("Đến hết ngày {cut} không có nội dung chưa trình quá hạn")
    } else {
        format!(
            "Đến hết ngày {cut} còn {} nội dung chưa trình đã quá hạn của {} cơ quan, đơn vị",
            count(report.overdue.len() as u64),
            count(agencies_of(&report.overdue) as u64)
        )
    };
    format!(
        "{overdue}; {} nội dung đến hạn trình từ {cut} đến {}. Danh mục chi tiết, kèm thời gian \
         quá hạn của từng nội dung, tại Phụ lục II.",
        count(report.due_soon.len() as u64),
        date(report.due_soon_until)
    )
}

/// Section IV: the postponed and withdrawn items, pointing to Annex III.
pub fn moved_items_paragraph(report: &ProgrammeReport) -> String {
    format!(
        "Trong kỳ có {} nội dung được lùi thời gian trình (tính theo thời hạn mới), {} nội dung \
         có thời hạn trình trong kỳ đã lùi sang kỳ khác và {} nội dung được rút khỏi chương \
         trình (không tính vào số liệu). Danh mục tại Phụ lục III.",
        count(report.total.postponed),
        count(report.postponed_out.len() as u64),
        count(report.withdrawn.len() as u64)
    )
}

/// Section V: the data-quality findings by kind, pointing to the workbook's sheet.
pub fn quality_paragraph(report: &ProgrammeReport) -> String {
    let n =
        |kind: FindingKind| count(report.findings.iter().filter(|f| f.kind == kind).count() as u64);
    format!(
        "Khi tổng hợp có {} dòng không đủ thông tin nên không tính (thiếu cơ quan chủ trì, thời \
         gian trình, hoặc ghi đã trình mà không có ngày trình), {} dòng có tình trạng mâu thuẫn \
         với ngày tháng (tính theo ngày), {} ô không đọc được và {} tên cơ quan không có trong \
         danh mục. Từng dòng, kèm tệp, sheet và số dòng, tại sheet «Kiểm tra dữ liệu» của tệp \
         Excel.",
        n(FindingKind::Excluded),
        n(FindingKind::Contradiction),
        n(FindingKind::BadCell),
        n(FindingKind::UnknownAgency),
    )
}

/// "quá 20 ngày", "quá 1 tháng 5 ngày": how long an item is overdue, in days and, past a
/// month, in whole months and days as the Office counts them (a month = 30 days).
pub fn overdue_for(days: i64) -> String {
    let days = days.max(0);
    if days < 30 {
        return format!("{} ngày", count(days as u64));
    }
    let (months, rest) = (days / 30, days % 30);
    if rest == 0 {
        format!("{} ngày (khoảng {months} tháng)", count(days as u64))
    } else {
        format!(
            "{} ngày (khoảng {months} tháng {rest} ngày)",
            count(days as u64)
        )
    }
}

/// "(Các nội dung có thời hạn trình từ 01/01/2025 đến 31/12/2025; tình hình thực hiện đến
/// hết ngày 20/06/2025)": the subtitle of every table of the programme report.
pub fn span_line(meta: &ReportMeta) -> String {
    format!(
        "(Các nội dung có thời hạn trình từ {} đến {}; tình hình thực hiện đến hết ngày {})",
        date(meta.period.start),
        date(meta.period.end),
        date(meta.period.effective_end())
    )
}

/// The rows not in the figures (withdrawn, postponed out of the period, not enough
/// information), in one line under every table.
pub fn reconciliation(report: &ProgrammeReport) -> String {
    format!(
        "Ngoài ra: {} nội dung rút khỏi chương trình và {} nội dung lùi sang kỳ khác không tính \
         trong kỳ; {} dòng không đủ thông tin, xem sheet Kiểm tra dữ liệu.",
        count(report.withdrawn.len() as u64),
        count(report.postponed_out.len() as u64),
        count(report.excluded)
    )
}

/// An item's result at the cut-off: "Đã trình đúng hạn, đã ban hành", "Chưa trình, quá
/// hạn"…; "Rút khỏi chương trình" for a withdrawn item.
pub fn result_text(line: &ItemLine) -> String {
    match line.status {
        Some(s) if line.is_issued => format!("{}, đã ban hành", s.label()),
        Some(s) => s.label().to_string(),
        None => "Rút khỏi chương trình".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basis, ItemStatus, ProgrammeAgencyLine, ProgrammeSection, ReportMeta};
    use crate::vn_number::Rounding;
    use chrono::NaiveDate;

    fn counts(on_time: u64, late: u64, issued: u64, overdue: u64, not_yet: u64) -> ProgrammeCounts {
        let mut c = ProgrammeCounts::default();
        for (n, status) in [
            (on_time, ItemStatus::OnTime),
            (late, ItemStatus::Late),
            (overdue, ItemStatus::Overdue),
            (not_yet, ItemStatus::NotYetDue),
        ] {
            for _ in 0..n {
                c.add(status, false, false);
            }
        }
        c.issued = issued;
        c
    }

    fn agency(name: &str, c: ProgrammeCounts) -> ProgrammeAgencyLine {
        ProgrammeAgencyLine {
            name: name.to_string(),
            counts: c,
            previous: None,
            note: String::new(),
        }
    }

    /// 150 items: 70 on time + 10 late = 80 submitted, 60 issued; 12 overdue + 58 not yet due
    /// = 70 not submitted. Last year: 144 items, 76 submitted (70 on time), 50 issued, 15
    /// overdue.
    fn report() -> ProgrammeReport {
        let period = period::parse("2025", NaiveDate::from_ymd_opt(2025, 6, 20)).unwrap();
        let previous = period::same_period_last_year(&period);
        let a = counts(40, 4, 35, 8, 30);
        let b = counts(30, 6, 25, 4, 28);
        let mut total = a.plus(&b);
        total.postponed = 9;
        ProgrammeReport {
            meta: ReportMeta {
                issuer: "UBND TỈNH BÌNH AN".to_string(),
                issuer_sub: "VĂN PHÒNG".to_string(),
                place: "Bình An".to_string(),
                report_date: period.effective_end(),
                period,
                previous: Some(previous),
                basis: Basis::Due,
                rounding: Rounding::Round,
            },
            sections: vec![ProgrammeSection {
                name: "Sở, ban, ngành".to_string(),
                agencies: vec![agency("Sở Tài chính", a), agency("Sở Nội vụ", b)],
                subtotal: total,
                previous: None,
            }],
            total,
            previous_total: Some(counts(70, 6, 50, 15, 53)),
            overdue: vec![],
            due_soon: vec![],
            due_soon_until: NaiveDate::from_ymd_opt(2025, 7, 31).unwrap(),
            postponed: vec![],
            postponed_out: vec![],
            withdrawn: vec![],
            items: vec![],
            findings: vec![],
            excluded: 0,
        }
    }

    #[test]
    fn the_summary_gives_the_figures_with_correct_arithmetic() {
        let p = summary_paragraphs(&report());
        // 150 vs 144: +4,2%; 80/150 = 53,3%; 70/80 = 87,5%; 60/150 = 40,0%.
        assert_eq!(
            p[0],
            "Chương trình công tác năm 2025 của UBND tỉnh có 150 nội dung phải trình UBND tỉnh, \
             Chủ tịch UBND tỉnh (có thời hạn trình từ 01/01/2025 đến 31/12/2025, kể cả nội dung \
             được lùi thời gian trình vào kỳ này; tăng 4,2% so với cùng kỳ năm 2024). Đến hết \
             ngày 20/06/2025, các cơ quan, đơn vị đã trình 80 nội dung (đạt 53,3%), trong đó 70 \
             nội dung trình đúng hạn (chiếm 87,5%), 10 nội dung trình quá hạn; UBND tỉnh, Chủ \
             tịch UBND tỉnh đã ban hành 60 nội dung (đạt 40,0% số nội dung phải trình); còn 70 \
             nội dung chưa trình, trong đó 12 nội dung đã quá hạn, 58 nội dung chưa đến hạn."
        );
        assert_eq!(
            p[1],
            "Có 9 nội dung được lùi thời gian trình (đã tính theo thời gian trình mới); không có \
             nội dung nào được rút khỏi chương trình."
        );
    }

    #[test]
    fn the_comparison_gives_counts_in_percent_and_rates_in_points() {
        // Submitted 80 vs 76: +5,3%; overdue 12 vs 15: −20,0%; submitted share 53,3% vs
        // 52,8% (76/144): +0,5 points; on time 87,5% vs 92,1% (70/76): −4,6 points; issued
        // 40,0% vs 34,7% (50/144): +5,3 points.
        let p = summary_paragraphs(&report());
        assert_eq!(
            p[3],
            "So với cùng kỳ năm 2024 (144 nội dung phải trình, tình hình đến hết ngày \
             20/06/2024): số nội dung đã trình tăng 5,3% (80 so với 76); số nội dung chưa trình \
             quá hạn giảm 20,0% (12 so với 15); tỷ lệ đã trình tăng 0,5 điểm % (53,3% so với \
             52,8%); tỷ lệ trình đúng hạn giảm 4,6 điểm % (87,5% so với 92,1%); tỷ lệ đã ban \
             hành tăng 5,3 điểm % (40,0% so với 34,7%)."
        );
        assert_eq!(
            p[4],
            "Các cơ quan có nhiều nội dung chưa trình quá hạn nhất: Sở Tài chính (8 nội dung), \
             Sở Nội vụ (4)."
        );
    }

    #[test]
    fn an_empty_period_says_so_without_rates() {
        let mut r = report();
        r.total = ProgrammeCounts::default();
        r.previous_total = Some(ProgrammeCounts::default());
        assert_eq!(
            summary_paragraphs(&r),
            vec![
                "Chương trình công tác năm 2025 không có nội dung nào có thời hạn trình trong kỳ \
                 (từ 01/01/2025 đến 31/12/2025)."
                    .to_string()
            ]
        );
    }

    #[test]
    fn nothing_submitted_drops_the_shares_of_submitted_items() {
        let mut r = report();
        r.total = counts(0, 0, 0, 2, 1);
        r.previous_total = None;
        let p = summary_paragraphs(&r);
        assert!(p[0].ends_with(
            "đã trình 0 nội dung (đạt 0,0%); còn 3 nội dung chưa trình, trong đó 2 nội dung đã \
             quá hạn, 1 nội dung chưa đến hạn."
        ));
        assert!(
            p.iter()
                .all(|x| !x.contains("NaN") && !x.contains("chiếm -"))
        );
    }

    #[test]
    fn how_long_overdue_in_days_and_months() {
        assert_eq!(overdue_for(20), "20 ngày");
        assert_eq!(overdue_for(60), "60 ngày (khoảng 2 tháng)");
        assert_eq!(overdue_for(95), "95 ngày (khoảng 3 tháng 5 ngày)");
    }
}
