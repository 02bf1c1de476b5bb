//! Page 1 of the report as Nghị định 30/2020/NĐ-CP lays it out: the issuing body top left,
//! the national heading and motto top right (each with its short rule), the place-and-date
//! line, the bold centred title, then the body: I. overall results (the summary paragraphs),
//! II. results by agency (group figures, pointing to the annex), III. overdue and coming-due
//! tasks, and, when present, the emulation scoring and the trend.

use chrono::Duration;

use super::Annexes;
use super::fonts::Face;
use super::heading::{self, short_rule};
use super::layout::{Align, Flow, NO_BREAK, Orientation, ParaStyle};
use crate::model::{DUE_SOON_DAYS, Ranking, Rate, Report, TrendPoint};
use crate::period;
use crate::render::words;
use crate::vn_number::{count, date, percent, roman};

const HEADING_SIZE_PT: f32 = 13.0;
/// Share of the text width given to the issuing body's column.
const LEFT_BLOCK_SHARE: f32 = 0.40;

pub fn front_page(flow: &mut Flow, report: &Report, annexes: &Annexes) {
    flow.new_page(Orientation::Portrait);
    heading_block(flow, report);
    title_block(flow, report);
    body(flow, report, annexes);
}

fn heading_block(flow: &mut Flow, report: &Report) {
    let meta = &report.meta;
    let columns = heading::heading_block(
        flow,
        &meta.issuer.to_uppercase(),
        &meta.issuer_sub.to_uppercase(),
        LEFT_BLOCK_SHARE,
    );
    flow.set_y_pt(flow.y_pt().max(columns.left_bottom_pt) + 10.0);
    let line = words::place_date_line(&meta.place, meta.report_date);
    flow.paragraph_in(
        &line,
        ParaStyle::centered(Face::Italic, HEADING_SIZE_PT),
        columns.right_pt,
        columns.right_width_pt,
    );
}

fn title_block(flow: &mut Flow, report: &Report) {
    let meta = &report.meta;
    flow.gap(16.0);
    flow.paragraph("BÁO CÁO", ParaStyle::centered(Face::Bold, 14.0));
    let subject = format!(
        "Kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao {}",
        period::phrase(&meta.period).replace("năm ", &format!("năm{NO_BREAK}"))
    );
    flow.paragraph(&subject, ParaStyle::centered(Face::Bold, 14.0));
    let centre = flow.left_pt() + flow.width_pt() / 2.0;
    short_rule(flow, centre, flow.width_pt() / 4.0);
    if meta.period.effective_end() < meta.period.end {
        flow.gap(4.0);
        let note = format!(
            "(Số liệu tính đến hết ngày {})",
            date(meta.period.effective_end())
        );
        flow.paragraph(&note, ParaStyle::centered(Face::Italic, 13.0));
    }
    flow.gap(14.0);
}

fn section_heading(flow: &mut Flow, text: &str) {
    flow.ensure(3.0 * 13.0 * 1.3);
    flow.paragraph(
        text,
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            ..ParaStyle::body()
        },
    );
}

/// Sections I–III always; IV (scoring) and the next numeral (trend) when the report has them.
fn body(flow: &mut Flow, report: &Report, annexes: &Annexes) {
    overall_section(flow, report);
    agencies_section(flow, report, annexes);
    overdue_section(flow, report, annexes);
    let mut next = 4;
    if let (Some(ranking), Some(numeral)) = (&report.ranking, &annexes.ranking) {
        scoring_section(flow, ranking, numeral, next);
        next += 1;
    }
    if let (Some(trend), Some(numeral)) = (&report.trend, &annexes.trend) {
        trend_section(flow, report, trend, numeral, next);
    }
}

/// I. The summary paragraphs the brief also says.
fn overall_section(flow: &mut Flow, report: &Report) {
    section_heading(flow, "I. Kết quả chung");
    for paragraph in words::summary_paragraphs(report) {
        flow.paragraph(&paragraph, ParaStyle::body());
    }
}

/// II. One line per group with its subtotal, then the pointer to the annexes.
fn agencies_section(flow: &mut Flow, report: &Report, annexes: &Annexes) {
    let rounding = report.meta.rounding;
    let body = ParaStyle::body();
    section_heading(flow, "II. Kết quả theo cơ quan, đơn vị");
    for section in &report.sections {
        let c = &section.subtotal;
        let completed = if c.completed > 0 {
            format!(
                ", trong đó đúng hạn {} (chiếm {})",
                count(c.on_time),
                percent(c.rate(Rate::OnTimeOfCompleted), rounding)
            )
        } else {
            String::new()
        };
        flow.paragraph(
            &format!(
                "- {}: {} nhiệm vụ; đã hoàn thành {} (đạt {}){completed}; chưa hoàn thành {}, \
                 trong đó quá hạn {}.",
                section.name,
                count(c.total),
                count(c.completed),
                percent(c.rate(Rate::Completion), rounding),
                count(c.not_completed),
                count(c.overdue),
            ),
            body,
        );
    }
    flow.paragraph(
        &format!(
            "Kết quả chi tiết của từng cơ quan, đơn vị tại Phụ lục {}; tỷ lệ hoàn thành đúng hạn \
             của từng cơ quan, đơn vị tại Phụ lục {}.",
            annexes.agencies, annexes.chart
        ),
        body,
    );
}

/// III. Overdue tasks at the cut-off and those due in the next [`DUE_SOON_DAYS`] days.
fn overdue_section(flow: &mut Flow, report: &Report, annexes: &Annexes) {
    let cut_off = report.meta.period.effective_end();
    section_heading(flow, "III. Nhiệm vụ quá hạn và sắp đến hạn");
    let overdue_agencies = words::tasks_by_agency(report, &report.overdue).len();
    let overdue = if report.overdue.is_empty() {
        format!(
            "Đến hết ngày {} không có nhiệm vụ chưa hoàn thành quá hạn",
            date(cut_off)
        )
    } else {
        format!(
            "Đến hết ngày {} còn {} nhiệm vụ chưa hoàn thành quá hạn của {} cơ quan, đơn vị",
            date(cut_off),
            count(report.overdue.len() as u64),
            count(overdue_agencies as u64)
        )
    };
    flow.paragraph(
        &format!(
            "{overdue}; {} nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới (từ {} đến {}). Danh \
             mục chi tiết tại Phụ lục {}.",
            count(report.due_soon.len() as u64),
            date(cut_off),
            date(cut_off + Duration::days(DUE_SOON_DAYS)),
            annexes.lists
        ),
        ParaStyle::body(),
    );
}

/// The emulation scoring: which rules, how many agencies scored, where the table is.
fn scoring_section(flow: &mut Flow, ranking: &Ranking, numeral: &str, number: usize) {
    section_heading(
        flow,
        &format!("{}. Kết quả chấm điểm thi đua", roman(number)),
    );
    let ranked = ranking
        .agencies
        .iter()
        .filter(|a| a.points.is_some())
        .count();
    // Agencies with tasks outside the ranking are named too, so the page accounts for every
    // task of the figures.
    let unranked = if ranking.unranked.is_empty() {
        String::new()
    } else {
        format!(
            "; {} cơ quan, đơn vị có nhiệm vụ nhưng chưa xếp hạng được liệt kê cuối phụ lục, có \
             ghi lý do",
            count(ranking.unranked.len() as u64)
        )
    };
    flow.paragraph(
        &format!(
            "Chấm điểm tiêu chí thực hiện nhiệm vụ được giao theo «{}» cho {} cơ quan, đơn \
             vị; kết quả, xếp hạng trong khối và toàn tỉnh tại Phụ lục {numeral}{unranked}.",
            ranking.rule_name,
            count(ranked as u64)
        ),
        ParaStyle::body(),
    );
}

/// The trend: both rates in the first and the last period.
fn trend_section(
    flow: &mut Flow,
    report: &Report,
    trend: &[TrendPoint],
    numeral: &str,
    number: usize,
) {
    let rounding = report.meta.rounding;
    section_heading(flow, &format!("{}. Xu hướng qua các kỳ", roman(number)));
    if let (Some(first), Some(last)) = (trend.first(), trend.last()) {
        flow.paragraph(
            &format!(
                "Tỷ lệ hoàn thành {} là {}, {} là {}; tỷ lệ hoàn thành đúng hạn tương ứng {} \
                 và {}. Chi tiết tại Phụ lục {numeral}.",
                period::phrase(&first.period),
                percent(first.total.rate(Rate::Completion), rounding),
                period::phrase(&last.period),
                percent(last.total.rate(Rate::Completion), rounding),
                percent(first.total.rate(Rate::OnTimeOfCompleted), rounding),
                percent(last.total.rate(Rate::OnTimeOfCompleted), rounding),
            ),
            ParaStyle::body(),
        );
    }
}
