//! Page 1 of the report as Nghị định 30/2020/NĐ-CP lays it out: the issuing body top left,
//! the national heading and motto top right (each with its short rule), the place-and-date
//! line, the bold centred title, then the body: I. overall results (the summary paragraphs),
//! II. results by agency (group figures, pointing to the annex), III. overdue and coming-due
//! tasks, and, when present, the emulation scoring and the trend.

use chrono::{Datelike, Duration};

use super::Annexes;
use super::fonts::Face;
use super::layout::{Align, Flow, NO_BREAK, Orientation, ParaStyle};
use crate::model::{DUE_SOON_DAYS, Ranking, Rate, Report, TrendPoint};
use crate::period;
use crate::render::words as brief;
use crate::vn_number::{count, date, percent};

const HEADING_SIZE_PT: f32 = 13.0;
/// Share of the text width given to the issuing body's column.
const LEFT_BLOCK_SHARE: f32 = 0.40;

pub fn front_page(flow: &mut Flow, report: &Report, annexes: &Annexes) {
    flow.new_page(Orientation::Portrait);
    heading_block(flow, report);
    title_block(flow, report);
    body(flow, report, annexes);
}

/// "Bình An, ngày 21 tháng 02 năm 2025": day below 10 and months 1–2 take a leading zero
/// (Nghị định 30/2020/NĐ-CP, Phụ lục I).
pub fn place_date_line(place: &str, day: chrono::NaiveDate) -> String {
    let month = if day.month() <= 2 {
        format!("{:02}", day.month())
    } else {
        day.month().to_string()
    };
    let place = if place.trim().is_empty() {
        ""
    } else {
        place.trim()
    };
    let sep = if place.is_empty() { "" } else { ", " };
    let line = format!(
        "{place}{sep}ngày {:02} tháng {month} năm {}",
        day.day(),
        day.year()
    );
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => line,
    }
}

/// The largest size ≤ `size_pt` (in half points) at which `text` fits `width_pt`.
fn fitting_size(flow: &Flow, text: &str, face: Face, size_pt: f32, width_pt: f32) -> f32 {
    let mut size = size_pt;
    while size > 9.0 && flow.fonts.width_pt(face, text, size) > width_pt {
        size -= 0.5;
    }
    size
}

/// A rule under the line just set, centred on `centre_pt`.
fn short_rule(flow: &mut Flow, centre_pt: f32, length_pt: f32) {
    let y = flow.y_pt() + 1.0;
    flow.rule(
        centre_pt - length_pt / 2.0,
        y,
        centre_pt + length_pt / 2.0,
        y,
        0.6,
    );
}

fn heading_block(flow: &mut Flow, report: &Report) {
    let meta = &report.meta;
    let top = flow.y_pt();
    let left = flow.left_pt();
    let left_w = flow.width_pt() * LEFT_BLOCK_SHARE;
    let right_x = left + left_w;
    let right_w = flow.width_pt() - left_w;

    // Issuing body: parent body regular, issuing unit bold, a short rule under it.
    let style = ParaStyle::centered(Face::Regular, HEADING_SIZE_PT);
    flow.paragraph_in(&meta.issuer.to_uppercase(), style, left, left_w);
    let sub = meta.issuer_sub.to_uppercase();
    flow.paragraph_in(
        &sub,
        ParaStyle {
            face: Face::Bold,
            ..style
        },
        left,
        left_w,
    );
    let sub_w = flow
        .fonts
        .width_pt(Face::Bold, &sub, HEADING_SIZE_PT)
        .min(left_w);
    short_rule(flow, left + left_w / 2.0, (sub_w * 0.4).max(40.0));
    let left_bottom = flow.y_pt();

    // National heading and motto, the motto underlined over its whole width.
    flow.set_y_pt(top);
    let nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let size = fitting_size(flow, nation, Face::Bold, 12.5, right_w);
    flow.paragraph_in(
        nation,
        ParaStyle::centered(Face::Bold, size),
        right_x,
        right_w,
    );
    let motto = "Độc lập - Tự do - Hạnh phúc";
    flow.paragraph_in(
        motto,
        ParaStyle::centered(Face::Bold, HEADING_SIZE_PT),
        right_x,
        right_w,
    );
    let motto_w = flow.fonts.width_pt(Face::Bold, motto, HEADING_SIZE_PT);
    short_rule(flow, right_x + right_w / 2.0, motto_w);

    flow.set_y_pt(flow.y_pt().max(left_bottom) + 10.0);
    let line = place_date_line(&meta.place, meta.report_date);
    flow.paragraph_in(
        &line,
        ParaStyle::centered(Face::Italic, HEADING_SIZE_PT),
        right_x,
        right_w,
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
    for paragraph in brief::summary_paragraphs(report) {
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
    let overdue_agencies = brief::tasks_by_agency(report, &report.overdue).len();
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

pub use crate::vn_number::roman;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn date_line_pads_days_below_ten_and_months_one_and_two() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            place_date_line("Bình An", d(2025, 2, 21)),
            "Bình An, ngày 21 tháng 02 năm 2025"
        );
        assert_eq!(
            place_date_line("Bình An", d(2025, 7, 6)),
            "Bình An, ngày 06 tháng 7 năm 2025"
        );
        assert_eq!(
            place_date_line("", d(2025, 12, 30)),
            "Ngày 30 tháng 12 năm 2025"
        );
    }

    #[test]
    fn roman_numerals_for_annexes() {
        assert_eq!(
            (1..=6).map(roman).collect::<Vec<_>>(),
            ["I", "II", "III", "IV", "V", "VI"]
        );
    }
}
