//! The words of a report: the summary paragraphs in the style of the Office's own reports
//! (SPEC §1, "Lũy kế từ … đã giao … tổng số 3.472 nhiệm vụ …") and the meeting brief
//! (`tiendo brief`), which adds short lists of the open overdue tasks (quá hạn) and of the tasks
//! coming due (sắp đến hạn) by agency. Pure text: the PDF renderer reuses the paragraphs, the
//! grouping of tasks by agency and the shortening of long contents from here.
//!
//! Every figure comes from the report's `Counts`; rates go through `Counts::rate` and
//! `vn_number::percent`, so a zero denominator prints as a sentence without a rate, never as
//! "0%" or "NaN".

use chrono::Datelike;

use crate::model::{Counts, DUE_SOON_DAYS, Rate, Report, STALE_NO_DEADLINE_DAYS, Stale, TaskLine};
use crate::period;
use crate::vn_number::{count, count_change, date, percent, rate_change};

/// How many agencies the "most overdue" sentence names.
const TOP_OVERDUE_AGENCIES: usize = 5;
/// How many tasks of one agency the brief lists before "… và N nhiệm vụ khác".
const TASKS_PER_AGENCY: usize = 10;
/// Length a task's content (trích yếu) is shortened to in the brief.
const SUMMARY_CHARS: usize = 120;

/// Output format of `tiendo brief`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BriefFormat {
    /// Plain lines, for pasting into a document or a chat.
    #[default]
    Text,
    /// `##` headings and `-` lists.
    Markdown,
}

/// The summary paragraphs (SPEC §1 style): overall figures with the change against the same
/// period last year, the rate definitions, the detailed comparison, the most overdue agencies.
pub fn summary_paragraphs(report: &Report) -> Vec<String> {
    let c = &report.total;
    let span = span_sentence_start(report);
    if c.total == 0 {
        let mut paragraphs = vec![format!(
            "Trong kỳ không có nhiệm vụ nào được giao. Số liệu tính {}.",
            period::span_phrase(&report.meta.period)
        )];
        if let Some(prev) = report.previous_total.filter(|p| p.total > 0) {
            paragraphs.push(format!(
                "Cùng kỳ năm {} có {} nhiệm vụ được giao.",
                previous_year(report),
                count(prev.total)
            ));
        }
        return paragraphs;
    }

    let mut paragraphs = vec![overall_paragraph(report, &span)];
    paragraphs.push(
        "Tỷ lệ hoàn thành tính trên tổng số nhiệm vụ được giao; tỷ lệ đúng hạn và tỷ lệ quá hạn \
         của nhiệm vụ đã hoàn thành tính trên số nhiệm vụ đã hoàn thành; nhiệm vụ chưa hoàn \
         thành được xác định còn thời hạn hoặc quá thời hạn tại ngày chốt số liệu."
            .to_string(),
    );
    if let Some(prev) = &report.previous_total {
        paragraphs.push(comparison_paragraph(report, prev));
    }
    paragraphs.extend(report.comparison_withheld.clone());
    paragraphs.push(overdue_agencies_sentence(report));
    paragraphs.extend(report.warnings.iter().map(|w| format!("Lưu ý: {w}")));
    paragraphs
}

/// "Lũy kế từ 01/01/2025 đến hết ngày 21/02/2025" for a span starting on 1 January (the
/// figures are cumulative since the start of the year), "Từ 01/04/2025 …" otherwise.
fn span_sentence_start(report: &Report) -> String {
    let p = &report.meta.period;
    let span = period::span_phrase(p);
    if p.start.month() == 1 && p.start.day() == 1 {
        format!("Lũy kế {span}")
    } else {
        capitalise(&span)
    }
}

/// The text with its first letter in capitals.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn previous_year(report: &Report) -> i32 {
    report
        .meta
        .previous
        .as_ref()
        .map_or(report.meta.period.start.year() - 1, |p| p.start.year())
}

fn overall_paragraph(report: &Report, span: &str) -> String {
    let c = &report.total;
    let rounding = report.meta.rounding;
    let change = report.previous_total.map(|prev| {
        let year = previous_year(report);
        format!(
            " ({})",
            change_from_year(c.total, prev.total, year, "nhiệm vụ")
        )
    });
    let mut text = format!(
        "{span}, UBND tỉnh, Chủ tịch, các Phó Chủ tịch UBND tỉnh đã giao các sở, ban, ngành, \
         địa phương tổng số {} nhiệm vụ{}: đã hoàn thành {} nhiệm vụ (đạt {})",
        count(c.total),
        change.unwrap_or_default(),
        count(c.completed),
        percent(c.rate(Rate::Completion), rounding),
    );
    if c.completed > 0 {
        text.push_str(&format!(
            ", trong đó {} nhiệm vụ đúng hạn (chiếm {}), {} nhiệm vụ quá hạn (chiếm {})",
            count(c.on_time),
            percent(c.rate(Rate::OnTimeOfCompleted), rounding),
            count(c.late),
            percent(c.rate(Rate::LateOfCompleted), rounding),
        ));
    }
    if c.not_completed > 0 {
        text.push_str(&format!(
            "; còn {} nhiệm vụ chưa hoàn thành, trong đó {} nhiệm vụ còn thời hạn, {} nhiệm vụ \
             quá thời hạn.",
            count(c.not_completed),
            count(c.within),
            count(c.overdue),
        ));
    } else {
        text.push_str("; không còn nhiệm vụ chưa hoàn thành.");
    }
    text
}

fn comparison_paragraph(report: &Report, prev: &Counts) -> String {
    let now = &report.total;
    let rounding = report.meta.rounding;
    let year = previous_year(report);
    let span = report
        .meta
        .previous
        .as_ref()
        .map(|p| format!(", {}", period::span_phrase(p)))
        .unwrap_or_default();
    let count_item = compared_count;
    let rate_item =
        |label: &str, rate: Rate| compared_rate(label, now.rate(rate), prev.rate(rate), rounding);
    let items = [
        count_item("số nhiệm vụ đã hoàn thành", now.completed, prev.completed),
        count_item(
            "số nhiệm vụ chưa hoàn thành quá hạn",
            now.overdue,
            prev.overdue,
        ),
        rate_item("tỷ lệ hoàn thành", Rate::Completion),
        rate_item("tỷ lệ hoàn thành đúng hạn", Rate::OnTimeOfCompleted),
    ];
    format!(
        "So với cùng kỳ năm {year} ({} nhiệm vụ{span}): {}.",
        count(prev.total),
        items.join("; ")
    )
}

/// "tăng 5,0% so với cùng kỳ năm 2024" ("không đổi …"), or, when the year before had none,
/// "cùng kỳ năm 2024 không có {nothing}".
pub fn change_from_year(now: u64, before: u64, year: i32, nothing: &str) -> String {
    match count_change(now, before) {
        Some(change) => format!("{change} so với cùng kỳ năm {year}"),
        None => format!("cùng kỳ năm {year} không có {nothing}"),
    }
}

/// "số nhiệm vụ đã hoàn thành tăng 23,3% (3.328 so với 2.700)", or "… là 3 (cùng kỳ: 0)".
pub fn compared_count(label: &str, now: u64, before: u64) -> String {
    match count_change(now, before) {
        Some(change) => format!("{label} {change} ({} so với {})", count(now), count(before)),
        None => format!("{label} là {} (cùng kỳ: 0)", count(now)),
    }
}

/// "tỷ lệ hoàn thành tăng 0,3 điểm % (95,9% so với 95,6%)", or "… không so sánh được".
pub fn compared_rate(
    label: &str,
    now: Option<f64>,
    before: Option<f64>,
    rounding: crate::vn_number::Rounding,
) -> String {
    match rate_change(now, before, rounding) {
        Some(change) => format!(
            "{label} {change} ({} so với {})",
            percent(now, rounding),
            percent(before, rounding)
        ),
        None => format!("{label} không so sánh được"),
    }
}

/// Agencies with the most open overdue tasks at the cut-off, most first; ties keep report
/// order. Only agencies with at least one overdue task.
pub fn top_overdue_agencies(report: &Report) -> Vec<(&str, u64)> {
    let agencies = report.sections.iter().flat_map(|s| &s.agencies);
    largest(agencies.map(|a| (a.name.as_str(), a.counts.overdue)))
}

/// The [`TOP_OVERDUE_AGENCIES`] names with the largest non-zero counts, most first; a stable
/// sort keeps the given (report) order among equal counts.
pub fn largest<'a>(named: impl Iterator<Item = (&'a str, u64)>) -> Vec<(&'a str, u64)> {
    let mut named: Vec<(&str, u64)> = named.filter(|(_, n)| *n > 0).collect();
    named.sort_by_key(|a| std::cmp::Reverse(a.1));
    named.truncate(TOP_OVERDUE_AGENCIES);
    named
}

/// "Sở Tài chính (9 nhiệm vụ)", "Sở Y tế (3)": each name with its count, the unit said once.
pub fn with_counts(named: &[(&str, u64)], unit: &str) -> Vec<String> {
    named
        .iter()
        .enumerate()
        .map(|(i, (name, n))| {
            if i == 0 {
                format!("{name} ({} {unit})", count(*n))
            } else {
                format!("{name} ({})", count(*n))
            }
        })
        .collect()
}

fn overdue_agencies_sentence(report: &Report) -> String {
    let named = with_counts(&top_overdue_agencies(report), "nhiệm vụ");
    match named.len() {
        0 => "Không có nhiệm vụ chưa hoàn thành quá hạn.".to_string(),
        1 => format!("Cơ quan có nhiệm vụ quá hạn: {}.", named[0]),
        _ => format!(
            "Các cơ quan có nhiều nhiệm vụ quá hạn nhất: {}.",
            named.join(", ")
        ),
    }
}

/// Tasks grouped by agency: agencies in report order (agencies missing from the sections after
/// them, in order of first appearance), tasks in their given order.
pub fn tasks_by_agency<'a>(
    report: &'a Report,
    tasks: &'a [TaskLine],
) -> Vec<(&'a str, Vec<&'a TaskLine>)> {
    let mut groups: Vec<(&str, Vec<&TaskLine>)> = report
        .sections
        .iter()
        .flat_map(|s| &s.agencies)
        .map(|a| (a.name.as_str(), Vec::new()))
        .collect();
    for task in tasks {
        match groups.iter_mut().find(|(name, _)| *name == &*task.agency) {
            Some((_, list)) => list.push(task),
            None => groups.push((&task.agency, vec![task])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

/// The national heading and motto of every administrative document (Nghị định 30/2020/NĐ-CP).
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// "Số:       /BC-VP": the number is left blank for the clerk who registers the document
/// (no-break spaces, so no renderer collapses them), then its sign.
pub fn number_line(sign: &str) -> String {
    format!("Số:{}/{sign}", "\u{a0}".repeat(8))
}

/// "Bình An, ngày 21 tháng 02 năm 2025": day below 10 and months 1–2 take a leading zero
/// (Nghị định 30/2020/NĐ-CP, Phụ lục I).
pub fn place_date_line(place: &str, day: chrono::NaiveDate) -> String {
    let month = if day.month() <= 2 {
        format!("{:02}", day.month())
    } else {
        day.month().to_string()
    };
    let place = place.trim();
    let sep = if place.is_empty() { "" } else { ", " };
    capitalise(&format!(
        "{place}{sep}ngày {:02} tháng {month} năm {}",
        day.day(),
        day.year()
    ))
}

/// Text cut at a word boundary to at most `max_chars` characters, with "…" when cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let head = match cut.rfind(' ') {
        Some(pos) if pos > cut.len() / 2 => &cut[..pos],
        _ => cut.as_str(),
    };
    format!("{}…", head.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// "1313/UBND-KT ngày 05/03/2025", falling back to the task id when there is no number.
pub fn document_label(task: &TaskLine) -> String {
    let number = task
        .doc_number
        .as_deref()
        .or(task.task_id.as_deref())
        .unwrap_or("(không số)");
    match task.doc_date {
        Some(d) => format!("{number} ngày {}", date(d)),
        None => number.to_string(),
    }
}

fn task_item(task: &TaskLine, is_overdue: bool) -> String {
    let summary = task.summary.as_deref().map_or_else(
        || "(không có trích yếu)".to_string(),
        |s| shorten(s, SUMMARY_CHARS),
    );
    let deadline = task
        .deadline_used
        .map(|d| format!(" — hạn {}", date(d)))
        .unwrap_or_default();
    let days = if is_overdue {
        task.days_overdue
            .map(|n| format!(", quá {} ngày", count(n.max(0) as u64)))
    } else {
        task.days_left
            .map(|n| format!(", còn {} ngày", count(n.max(0) as u64)))
    };
    format!(
        "- {}: {summary}{deadline}{}",
        document_label(task),
        days.unwrap_or_default()
    )
}

/// The meeting brief: heading, summary paragraphs, then the open overdue tasks and the tasks
/// coming due in the next 30 days, by agency (at most 10 per agency).
pub fn brief(report: &Report, format: BriefFormat) -> String {
    let md = format == BriefFormat::Markdown;
    let heading = |level: usize, text: &str| -> String {
        if md {
            format!("{} {text}", "#".repeat(level))
        } else if level <= 2 {
            text.to_uppercase()
        } else {
            format!("{text}:")
        }
    };
    let meta = &report.meta;
    let cut_off = meta.period.effective_end();
    let mut out: Vec<String> = vec![
        heading(
            1,
            "Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao",
        ),
        format!(
            "{} - {}. Kỳ báo cáo: {}, số liệu đến hết ngày {}.",
            meta.issuer,
            meta.issuer_sub,
            period::phrase(&meta.period),
            date(cut_off)
        ),
        String::new(),
    ];
    for paragraph in summary_paragraphs(report) {
        out.push(paragraph);
        out.push(String::new());
    }
    let lists = [
        (
            format!(
                "Nhiệm vụ chưa hoàn thành quá hạn ({})",
                count(report.overdue.len() as u64)
            ),
            &report.overdue,
            true,
            "Không có nhiệm vụ chưa hoàn thành quá hạn.".to_string(),
        ),
        (
            format!(
                "Nhiệm vụ sắp đến hạn trong {DUE_SOON_DAYS} ngày tới ({})",
                count(report.due_soon.len() as u64)
            ),
            &report.due_soon,
            false,
            format!("Không có nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới."),
        ),
    ];
    for (title, tasks, is_overdue, none) in lists {
        out.push(heading(2, &title));
        if tasks.is_empty() {
            out.push(none.clone());
        }
        if is_overdue {
            out.extend(overdue_age_sentence(report));
        }
        for (agency, list) in tasks_by_agency(report, tasks) {
            out.push(heading(
                3,
                &format!("{agency} ({} nhiệm vụ)", count(list.len() as u64)),
            ));
            for task in list.iter().take(TASKS_PER_AGENCY) {
                out.push(task_item(task, is_overdue));
            }
            if list.len() > TASKS_PER_AGENCY {
                out.push(format!(
                    "- … và {} nhiệm vụ khác",
                    count((list.len() - TASKS_PER_AGENCY) as u64)
                ));
            }
        }
        out.push(String::new());
    }
    out.extend(stale_sentence(report));
    out.join("\n").trim_end().to_string()
}

/// "Theo thời gian quá hạn: 12 nhiệm vụ quá hạn đến 30 ngày, 15 nhiệm vụ từ 31 đến 90 ngày,
/// 6 nhiệm vụ trên 90 ngày." — None without overdue tasks.
pub fn overdue_age_sentence(report: &Report) -> Option<String> {
    let age = &report.overdue_age;
    if age.total() == 0 {
        return None;
    }
    let mut parts = vec![
        format!("{} nhiệm vụ quá hạn đến 30 ngày", count(age.up_to_30)),
        format!("{} nhiệm vụ từ 31 đến 90 ngày", count(age.from_31_to_90)),
        format!("{} nhiệm vụ trên 90 ngày", count(age.over_90)),
    ];
    if age.unknown > 0 {
        parts.push(format!(
            "{} nhiệm vụ không xác định được số ngày (tệp không có cột hạn xử lý)",
            count(age.unknown)
        ));
    }
    Some(format!("Theo thời gian quá hạn: {}.", parts.join(", ")))
}

/// How many of the report's tasks gone without news are so for want of an update
/// ([`Stale::NotUpdatedFor`]), and how many are old tasks without a deadline.
pub fn stale_counts(report: &Report) -> (u64, u64) {
    let not_updated = report
        .stale
        .iter()
        .filter(|t| matches!(t.stale, Some(Stale::NotUpdatedFor(_))))
        .count() as u64;
    let no_deadline = report
        .stale
        .iter()
        .filter(|t| matches!(t.stale, Some(Stale::NoDeadlineFor(_))))
        .count() as u64;
    (not_updated, no_deadline)
}

/// "Có 5 nhiệm vụ chưa hoàn thành không được cập nhật quá 30 ngày; 14 nhiệm vụ không thời hạn
/// đã giao quá 90 ngày, đến nay chưa có kết quả." — each part only when it has tasks; None
/// when neither has.
pub fn stale_sentence(report: &Report) -> Option<String> {
    let (not_updated, no_deadline) = stale_counts(report);
    let mut parts = Vec::new();
    if not_updated > 0 {
        parts.push(format!(
            "{} nhiệm vụ chưa hoàn thành không được cập nhật quá {} ngày",
            count(not_updated),
            report.not_updated_days
        ));
    }
    if no_deadline > 0 {
        parts.push(format!(
            "{} nhiệm vụ không thời hạn đã giao quá {STALE_NO_DEADLINE_DAYS} ngày, đến nay chưa có kết quả",
            count(no_deadline)
        ));
    }
    (!parts.is_empty()).then(|| format!("Có {}.", parts.join("; ")))
}

/// Why a task is on the list of tasks gone without news: «Không cập nhật 45 ngày (quá 30
/// ngày)», «Không thời hạn, đã giao 120 ngày (quá 90 ngày)».
pub fn stale_reason(stale: Stale, not_updated_days: i64) -> String {
    match stale {
        Stale::NotUpdatedFor(days) => {
            format!("Không cập nhật {days} ngày (quá {not_updated_days} ngày)")
        }
        Stale::NoDeadlineFor(days) => {
            format!("Không thời hạn, đã giao {days} ngày (quá {STALE_NO_DEADLINE_DAYS} ngày)")
        }
    }
}

/// One line per source for `check`: span, agencies, tasks, export date.
pub fn coverage_lines(cov: &crate::model::Coverage) -> Vec<String> {
    cov.sources
        .iter()
        .map(|s| {
            let span = match (s.first_assigned, s.last_assigned) {
                (Some(a), Some(b)) => format!("giao từ {} đến {}", date(a), date(b)),
                _ => "không có nhiệm vụ có ngày giao".to_string(),
            };
            let exported = s.exported.as_ref().map_or_else(
                || "không ghi ngày trích xuất".to_string(),
                |e| {
                    let at = if e.has_time {
                        format!("{} ngày {}", e.at.format("%H:%M"), date(e.at.date()))
                    } else {
                        date(e.at.date())
                    };
                    let at_row = match &e.source.sheet {
                        Some(sheet) => format!("sheet «{sheet}», dòng {}", e.source.row),
                        None => format!("dòng {}", e.source.row),
                    };
                    format!("trích xuất {at} (ghi ở {at_row})")
                },
            );
            let stated = s
                .stated_span
                .map(|(a, b)| format!("; tệp ghi phạm vi từ {} đến {}", date(a), date(b)))
                .unwrap_or_default();
            format!(
                "{}: {} dòng nhiệm vụ, {span}, {} cơ quan chủ trì; {exported}{stated}",
                s.file,
                count(s.tasks),
                count(s.agencies as u64)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgencyLine, Basis, GroupSection, LeftOut, ReportMeta, SourceLoc, Status};
    use crate::vn_number::Rounding;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn agency(name: &str, on_time: u64, late: u64, within: u64, overdue: u64) -> AgencyLine {
        AgencyLine {
            name: name.to_string(),
            bloc: None,
            counts: Counts::from_parts(on_time, late, within, overdue, 0),
            overdue_age: Default::default(),
            previous: None,
            note: String::new(),
        }
    }

    fn section(name: &str, agencies: Vec<AgencyLine>) -> GroupSection {
        let subtotal = agencies
            .iter()
            .fold(Counts::default(), |acc, a| acc.plus(&a.counts));
        GroupSection {
            name: name.to_string(),
            agencies,
            subtotal,
            previous: None,
        }
    }

    fn report_for(label: &str, as_of: Option<NaiveDate>, sections: Vec<GroupSection>) -> Report {
        let period = period::parse(label, as_of).unwrap();
        let previous = period::same_period_last_year(&period);
        let total = sections
            .iter()
            .fold(Counts::default(), |acc, s| acc.plus(&s.subtotal));
        Report {
            meta: ReportMeta {
                issuer: "UBND TỈNH BÌNH AN".to_string(),
                issuer_sub: "VĂN PHÒNG".to_string(),
                place: "Bình An".to_string(),
                report_date: period.effective_end(),
                period,
                previous: Some(previous),
                basis: Basis::Assigned,
                rounding: Rounding::Round,
            },
            sections,
            total,
            previous_total: None,
            overdue: vec![],
            due_soon: vec![],
            stale: vec![],
            not_updated_days: 30,
            overdue_age: Default::default(),
            details: vec![],
            by_officer: Default::default(),
            findings: vec![],
            left_out: LeftOut::default(),
            ranking: None,
            trend: None,
            coverage: Default::default(),
            warnings: vec![],
            comparison_withheld: None,
        }
    }

    /// The SPEC §1 figures, done right: 3.049 + 279 = 3.328 completed, 128 + 16 = 144 open,
    /// 3.328 + 144 = 3.472; last year 2.823 tasks (2.400 on time, 300 late, 100 within, 23 overdue).
    fn spec_report() -> Report {
        let mut report = report_for(
            "2025",
            Some(d(2025, 2, 21)),
            vec![
                section(
                    "Sở, ban, ngành",
                    vec![
                        agency("Sở Tài chính", 1000, 100, 40, 9),
                        agency("Sở Y tế", 900, 80, 30, 3),
                        agency("Sở Xây dựng", 600, 50, 30, 3),
                    ],
                ),
                section(
                    "UBND cấp xã",
                    vec![
                        agency("UBND phường Hải Châu", 349, 29, 20, 1),
                        agency("UBND xã Hòa Vang", 200, 20, 8, 0),
                    ],
                ),
            ],
        );
        report.previous_total = Some(Counts::from_parts(2400, 300, 100, 23, 0));
        report
    }

    fn task(agency: &str, number: &str, summary: &str, deadline: NaiveDate) -> TaskLine {
        TaskLine {
            agency: agency.into(),
            task_id: None,
            doc_number: Some(number.into()),
            doc_date: Some(d(2025, 1, 2)),
            summary: Some(summary.into()),
            leader: Some("Chủ tịch".into()),
            assigned: Some(d(2025, 1, 2)),
            deadline_used: Some(deadline),
            completed: None,
            status: Status::Overdue,
            days_overdue: None,
            days_left: None,
            stale: None,
            officer: None,
            is_key: false,
            source: SourceLoc {
                file: "nv.xlsx".into(),
                sheet: None,
                row: 5,
            },
        }
    }

    #[test]
    fn spec_figures_make_the_official_paragraph_with_correct_arithmetic() {
        let paragraphs = summary_paragraphs(&spec_report());
        assert_eq!(
            paragraphs[0],
            "Lũy kế từ 01/01/2025 đến hết ngày 21/02/2025, UBND tỉnh, Chủ tịch, các Phó Chủ tịch \
             UBND tỉnh đã giao các sở, ban, ngành, địa phương tổng số 3.472 nhiệm vụ (tăng 23,0% \
             so với cùng kỳ năm 2024): đã hoàn thành 3.328 nhiệm vụ (đạt 95,9%), trong đó 3.049 \
             nhiệm vụ đúng hạn (chiếm 91,6%), 279 nhiệm vụ quá hạn (chiếm 8,4%); còn 144 nhiệm \
             vụ chưa hoàn thành, trong đó 128 nhiệm vụ còn thời hạn, 16 nhiệm vụ quá thời hạn."
        );
        assert!(paragraphs[1].starts_with("Tỷ lệ hoàn thành tính trên tổng số nhiệm vụ"));
        assert_eq!(paragraphs.len(), 4);
    }

    #[test]
    fn comparison_gives_counts_in_percent_and_rates_in_points() {
        // Completed 3.328 vs 2.700: +23,3%; overdue 16 vs 23: −30,4%;
        // completion 95,9% vs 95,6% (2.700/2.823); on time 91,6% vs 88,9% (2.400/2.700).
        let paragraphs = summary_paragraphs(&spec_report());
        assert_eq!(
            paragraphs[2],
            "So với cùng kỳ năm 2024 (2.823 nhiệm vụ, từ 01/01/2024 đến hết ngày 21/02/2024): \
             số nhiệm vụ đã hoàn thành tăng 23,3% (3.328 so với 2.700); số nhiệm vụ chưa hoàn \
             thành quá hạn giảm 30,4% (16 so với 23); tỷ lệ hoàn thành tăng 0,3 điểm % (95,9% so \
             với 95,6%); tỷ lệ hoàn thành đúng hạn tăng 2,7 điểm % (91,6% so với 88,9%)."
        );
    }

    #[test]
    fn most_overdue_agencies_are_named_ties_in_report_order() {
        let paragraphs = summary_paragraphs(&spec_report());
        assert_eq!(
            paragraphs[3],
            "Các cơ quan có nhiều nhiệm vụ quá hạn nhất: Sở Tài chính (9 nhiệm vụ), Sở Y tế (3), \
             Sở Xây dựng (3), UBND phường Hải Châu (1)."
        );
    }

    #[test]
    fn no_task_at_all_says_so_without_rates() {
        let report = report_for("2025-Q2", None, vec![]);
        assert_eq!(
            summary_paragraphs(&report),
            vec![
                "Trong kỳ không có nhiệm vụ nào được giao. Số liệu tính từ 01/04/2025 đến hết \
                 ngày 30/06/2025."
                    .to_string()
            ]
        );
    }

    #[test]
    fn nothing_completed_drops_the_shares_of_completed_tasks() {
        let mut report = report_for(
            "2025-Q2",
            None,
            vec![section(
                "Sở, ban, ngành",
                vec![agency("Sở Y tế", 0, 0, 3, 2)],
            )],
        );
        report.previous_total = Some(Counts::default());
        let paragraphs = summary_paragraphs(&report);
        assert_eq!(
            paragraphs[0],
            "Từ 01/04/2025 đến hết ngày 30/06/2025, UBND tỉnh, Chủ tịch, các Phó Chủ tịch UBND \
             tỉnh đã giao các sở, ban, ngành, địa phương tổng số 5 nhiệm vụ (cùng kỳ năm 2024 \
             không có nhiệm vụ): đã hoàn thành 0 nhiệm vụ (đạt 0,0%); còn 5 nhiệm vụ chưa hoàn \
             thành, trong đó 3 nhiệm vụ còn thời hạn, 2 nhiệm vụ quá thời hạn."
        );
        assert_eq!(
            paragraphs[2],
            "So với cùng kỳ năm 2024 (0 nhiệm vụ, từ 01/04/2024 đến hết ngày 30/06/2024): số \
             nhiệm vụ đã hoàn thành là 0 (cùng kỳ: 0); số nhiệm vụ chưa hoàn thành quá hạn là 2 \
             (cùng kỳ: 0); tỷ lệ hoàn thành không so sánh được; tỷ lệ hoàn thành đúng hạn không \
             so sánh được."
        );
        assert_eq!(
            paragraphs[3],
            "Cơ quan có nhiệm vụ quá hạn: Sở Y tế (2 nhiệm vụ)."
        );
        assert!(paragraphs.iter().all(|p| !p.contains("NaN")));
    }

    #[test]
    fn everything_completed_says_nothing_is_left_and_no_agency_is_overdue() {
        let report = report_for(
            "2025-03",
            None,
            vec![section(
                "Sở, ban, ngành",
                vec![agency("Sở Y tế", 4, 0, 0, 0)],
            )],
        );
        let paragraphs = summary_paragraphs(&report);
        assert_eq!(
            paragraphs[0],
            "Từ 01/03/2025 đến hết ngày 31/03/2025, UBND tỉnh, Chủ tịch, các Phó Chủ tịch UBND \
             tỉnh đã giao các sở, ban, ngành, địa phương tổng số 4 nhiệm vụ: đã hoàn thành 4 \
             nhiệm vụ (đạt 100,0%), trong đó 4 nhiệm vụ đúng hạn (chiếm 100,0%), 0 nhiệm vụ quá \
             hạn (chiếm 0,0%); không còn nhiệm vụ chưa hoàn thành."
        );
        assert_eq!(
            paragraphs.last().unwrap(),
            "Không có nhiệm vụ chưa hoàn thành quá hạn."
        );
    }

    #[test]
    fn date_line_pads_days_below_ten_and_months_one_and_two() {
        assert_eq!(
            place_date_line("Bình An", d(2025, 2, 21)),
            "Bình An, ngày 21 tháng 02 năm 2025"
        );
        assert_eq!(
            place_date_line("Bình An", d(2025, 7, 6)),
            "Bình An, ngày 06 tháng 7 năm 2025"
        );
        assert_eq!(
            place_date_line(" ", d(2025, 12, 30)),
            "Ngày 30 tháng 12 năm 2025"
        );
        assert_eq!(
            place_date_line("", d(2025, 12, 30)),
            "Ngày 30 tháng 12 năm 2025"
        );
        assert_eq!(
            number_line("BC-VP"),
            "Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-VP"
        );
    }

    #[test]
    fn shorten_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(shorten("một hai ba bốn năm", 10), "một hai…");
        assert_eq!(shorten("ngắn", 10), "ngắn");
    }

    fn brief_report() -> Report {
        let mut report = spec_report();
        // Cut-off 21/02/2025: deadline 07/01/2025 is 24 + 21 = 45 days before it, 20/02/2025
        // one day; 03/03/2025 is 7 + 3 = 10 days after it (February 2025 has 28 days).
        report.overdue = (0..11)
            .map(|i| {
                let mut t = task(
                    "Sở Tài chính",
                    &format!("{}/UBND-KT", 1313 + i),
                    "Tham mưu kế hoạch đầu tư công trung hạn",
                    d(2025, 1, 7),
                );
                t.days_overdue = Some(45);
                t
            })
            .collect();
        let mut health = task(
            "Sở Y tế",
            "20/UBND-VX",
            "Báo cáo công tác phòng, chống dịch",
            d(2025, 2, 20),
        );
        health.days_overdue = Some(1);
        report.overdue.push(health);
        let mut soon = task(
            "Sở Xây dựng",
            "77/UBND-KT",
            "Thẩm định dự án cầu Hòa Bình",
            d(2025, 3, 3),
        );
        soon.status = Status::Within;
        soon.days_left = Some(10);
        report.due_soon = vec![soon];
        report
    }

    #[test]
    fn text_brief_lists_overdue_tasks_by_agency_with_at_most_ten_each() {
        let text = brief(&brief_report(), BriefFormat::Text);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO"
        );
        assert_eq!(
            lines[1],
            "UBND TỈNH BÌNH AN - VĂN PHÒNG. Kỳ báo cáo: năm 2025, số liệu đến hết ngày 21/02/2025."
        );
        let start = lines
            .iter()
            .position(|l| *l == "NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN (12)")
            .unwrap();
        assert_eq!(lines[start + 1], "Sở Tài chính (11 nhiệm vụ):");
        assert_eq!(
            lines[start + 2],
            "- 1313/UBND-KT ngày 02/01/2025: Tham mưu kế hoạch đầu tư công trung hạn — hạn \
             07/01/2025, quá 45 ngày"
        );
        assert_eq!(lines[start + 12], "- … và 1 nhiệm vụ khác");
        assert_eq!(lines[start + 13], "Sở Y tế (1 nhiệm vụ):");
        assert_eq!(
            lines[start + 14],
            "- 20/UBND-VX ngày 02/01/2025: Báo cáo công tác phòng, chống dịch — hạn 20/02/2025, \
             quá 1 ngày"
        );
        assert_eq!(
            lines[start + 16],
            "NHIỆM VỤ SẮP ĐẾN HẠN TRONG 30 NGÀY TỚI (1)"
        );
        assert_eq!(lines[start + 17], "Sở Xây dựng (1 nhiệm vụ):");
        assert_eq!(
            lines[start + 18],
            "- 77/UBND-KT ngày 02/01/2025: Thẩm định dự án cầu Hòa Bình — hạn 03/03/2025, còn \
             10 ngày"
        );
        assert_eq!(lines.len(), start + 19);
    }

    #[test]
    fn overdue_age_and_stale_tasks_are_said_in_one_sentence_each() {
        let mut report = brief_report();
        report.overdue_age = crate::model::OverdueAge {
            up_to_30: 1,
            from_31_to_90: 11,
            over_90: 0,
            unknown: 0,
        };
        assert_eq!(
            overdue_age_sentence(&report).unwrap(),
            "Theo thời gian quá hạn: 1 nhiệm vụ quá hạn đến 30 ngày, 11 nhiệm vụ từ 31 đến 90 \
             ngày, 0 nhiệm vụ trên 90 ngày."
        );
        assert_eq!(stale_sentence(&report), None);
        let mut old = report.due_soon[0].clone();
        old.stale = Some(Stale::NoDeadlineFor(120));
        report.stale = vec![old.clone(); 1200];
        assert_eq!(
            stale_sentence(&report).unwrap(),
            "Có 1.200 nhiệm vụ không thời hạn đã giao quá 90 ngày, đến nay chưa có kết quả."
        );
        let text = brief(&report, BriefFormat::Text);
        let lines: Vec<&str> = text.lines().collect();
        let start = lines
            .iter()
            .position(|l| *l == "NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN (12)")
            .unwrap();
        assert!(lines[start + 1].starts_with("Theo thời gian quá hạn: 1 nhiệm vụ"));
        assert_eq!(
            *lines.last().unwrap(),
            "Có 1.200 nhiệm vụ không thời hạn đã giao quá 90 ngày, đến nay chưa có kết quả."
        );
    }

    #[test]
    fn the_stale_sentence_says_each_kind_with_its_own_number_of_days() {
        let mut report = brief_report();
        report.not_updated_days = 45;
        let with = |stale| {
            let mut line = report.due_soon[0].clone();
            line.stale = Some(stale);
            line
        };
        // Three tasks not updated (46, 60 and 200 days: more than 45), one without a deadline.
        report.stale = vec![
            with(Stale::NotUpdatedFor(46)),
            with(Stale::NoDeadlineFor(91)),
            with(Stale::NotUpdatedFor(60)),
            with(Stale::NotUpdatedFor(200)),
        ];
        assert_eq!(stale_counts(&report), (3, 1));
        assert_eq!(
            stale_sentence(&report).unwrap(),
            "Có 3 nhiệm vụ chưa hoàn thành không được cập nhật quá 45 ngày; 1 nhiệm vụ không \
             thời hạn đã giao quá 90 ngày, đến nay chưa có kết quả."
        );
        report.stale.remove(1);
        assert_eq!(
            stale_sentence(&report).unwrap(),
            "Có 3 nhiệm vụ chưa hoàn thành không được cập nhật quá 45 ngày."
        );
        assert_eq!(
            stale_reason(Stale::NotUpdatedFor(46), 45),
            "Không cập nhật 46 ngày (quá 45 ngày)"
        );
        assert_eq!(
            stale_reason(Stale::NoDeadlineFor(91), 45),
            "Không thời hạn, đã giao 91 ngày (quá 90 ngày)"
        );
    }

    #[test]
    fn markdown_brief_uses_headings_and_dash_lists() {
        let text = brief(&brief_report(), BriefFormat::Markdown);
        assert!(
            text.starts_with(
                "# Tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao\n"
            )
        );
        assert!(text.contains("\n## Nhiệm vụ chưa hoàn thành quá hạn (12)\n### Sở Tài chính (11 nhiệm vụ)\n- 1313/UBND-KT"));
        assert!(text.contains("\n## Nhiệm vụ sắp đến hạn trong 30 ngày tới (1)\n"));
    }

    #[test]
    fn empty_lists_say_there_is_nothing() {
        let text = brief(&spec_report(), BriefFormat::Text);
        assert!(text.contains(
            "NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN (0)\nKhông có nhiệm vụ chưa hoàn thành quá hạn."
        ));
        assert!(text.ends_with("Không có nhiệm vụ đến hạn trong 30 ngày tới."));
    }
}
