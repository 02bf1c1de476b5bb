//! The annexes (phụ lục) on the page: the per-agency table (landscape) with the rate footnote
//! and the reconciliation line, the lists of open overdue and coming-due tasks by agency
//! (landscape), the emulation ranking with the agencies it leaves out; the tables are
//! `render::tables`' (the Word report draws the same), set by `text_table`.

use chrono::Duration;

use super::fonts::Face;
use super::layout::{Align, Flow, Orientation, ParaStyle};
use super::text_table::{TABLE_PT, pdf_table};
use crate::model::{DUE_SOON_DAYS, Ranking, Rate, Report, TaskLine, UNRANKED, UnrankedAgency};
use crate::period;
use crate::render::outline;
use crate::render::tables::{self, TaskList, TextTable};
use crate::vn_number::{count, date};

/// A new page with "PHỤ LỤC <n>", the annex title and an italic subtitle, centred.
pub fn annex_title(
    flow: &mut Flow,
    orientation: Orientation,
    numeral: &str,
    title: &str,
    subtitle: &str,
) {
    flow.new_page(orientation);
    flow.paragraph(
        &format!("PHỤ LỤC {numeral}"),
        ParaStyle::centered(Face::Bold, 13.0),
    );
    flow.paragraph(title, ParaStyle::centered(Face::Bold, 13.0));
    if !subtitle.is_empty() {
        flow.paragraph(subtitle, ParaStyle::centered(Face::Italic, 12.0));
    }
    flow.gap(8.0);
}

fn note(flow: &mut Flow, text: &str) {
    flow.paragraph(
        text,
        ParaStyle {
            size_pt: 11.0,
            face: Face::Italic,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            line_height: 1.25,
            space_after_pt: 1.0,
        },
    );
}

pub fn agency_annex(flow: &mut Flow, report: &Report, numeral: &str) {
    let meta = &report.meta;
    annex_title(
        flow,
        Orientation::Landscape,
        numeral,
        &format!(
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO {}",
            period::phrase(&meta.period).to_uppercase()
        ),
        &format!("(Số liệu {})", period::span_phrase(&meta.period)),
    );
    table(flow, &tables::agencies(report));
    flow.gap(6.0);
    flow.ensure(4.0 * 14.0);
    note(flow, "Ghi chú:");
    for rate in [Rate::Completion, Rate::OnTimeOfCompleted] {
        note(flow, &format!("- {}.", rate.definition()));
    }
    note(
        flow,
        "- Tỷ lệ có mẫu số bằng 0 ghi “-”; nhiệm vụ chưa hoàn thành quá hạn tính tại ngày chốt \
         số liệu.",
    );
    if let Some(line) = outline::reconciliation_line(&report.left_out) {
        note(flow, &format!("- {line}"));
    }
    // Where the data cannot support a figure or a comparison (SPEC §9).
    for line in report.comparison_withheld.iter() {
        note(flow, &format!("- {line}"));
    }
    for warning in &report.warnings {
        note(flow, &format!("- Lưu ý: {warning}"));
    }
}

pub fn task_lists_annex(flow: &mut Flow, report: &Report, numeral: &str) {
    let cut_off = report.meta.period.effective_end();
    annex_title(
        flow,
        Orientation::Landscape,
        numeral,
        "DANH MỤC NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN",
        &format!(
            "(Tính đến hết ngày {}: {} nhiệm vụ)",
            date(cut_off),
            count(report.overdue.len() as u64)
        ),
    );
    if report.overdue.is_empty() {
        note(flow, "Không có nhiệm vụ chưa hoàn thành quá hạn.");
    } else {
        capped_task_table(flow, report, &report.overdue, true);
    }
    flow.gap(16.0);
    flow.ensure(120.0);
    flow.paragraph(
        &format!("DANH MỤC NHIỆM VỤ SẮP ĐẾN HẠN TRONG {DUE_SOON_DAYS} NGÀY TỚI"),
        ParaStyle::centered(Face::Bold, 13.0),
    );
    flow.paragraph(
        &format!(
            "(Hạn xử lý từ {} đến {}: {} nhiệm vụ)",
            date(cut_off),
            date(cut_off + Duration::days(DUE_SOON_DAYS)),
            count(report.due_soon.len() as u64)
        ),
        ParaStyle::centered(Face::Italic, 12.0),
    );
    flow.gap(8.0);
    if report.due_soon.is_empty() {
        note(
            flow,
            &format!("Không có nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới."),
        );
    } else {
        capped_task_table(flow, report, &report.due_soon, false);
    }
}

fn capped_task_table(flow: &mut Flow, report: &Report, tasks: &[TaskLine], is_overdue: bool) {
    let shown = &tasks[..tasks.len().min(outline::LIST_MAX)];
    let list = if is_overdue {
        TaskList::Overdue
    } else {
        TaskList::DueSoon
    };
    table(flow, &tables::tasks(report, shown, list));
    if tasks.len() > shown.len() {
        let sheet = if is_overdue {
            "Quá hạn"
        } else {
            "Sắp đến hạn"
        };
        note(
            flow,
            &format!(
                "… và {} nhiệm vụ khác; danh sách đầy đủ ở sheet «{sheet}» của tệp Excel.",
                count((tasks.len() - shown.len()) as u64)
            ),
        );
    }
}

pub fn ranking_annex(flow: &mut Flow, ranking: &Ranking, numeral: &str) {
    annex_title(
        flow,
        Orientation::Portrait,
        numeral,
        "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG TIÊU CHÍ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO",
        &format!("(Theo {})", ranking.rule_name),
    );
    table(flow, &tables::ranking(ranking));
    flow.gap(6.0);
    unranked_part(flow, &ranking.unranked);
    if !ranking.rule_lines.is_empty() {
        note(flow, "Cách tính điểm:");
        for line in &ranking.rule_lines {
            note(flow, &format!("- {line}"));
        }
    }
}

/// After the ranked table: the agencies with tasks that are not ranked, with their counts and
/// the reason, so no task counted in the figures is missing from the ranking annex.
fn unranked_part(flow: &mut Flow, unranked: &[UnrankedAgency]) {
    if unranked.is_empty() {
        return;
    }
    flow.ensure(3.0 * TABLE_PT * 1.3);
    flow.paragraph(
        &format!("{UNRANKED} (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)"),
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            ..ParaStyle::body()
        },
    );
    table(flow, &tables::unranked(unranked));
    flow.gap(6.0);
}

/// A table of `render::tables` across the page's text width.
pub fn table(flow: &mut Flow, table: &TextTable) {
    let width = flow.width_pt();
    flow.table(&pdf_table(table, width));
}

#[cfg(test)]
mod tests {
    use super::*;

    // The ranking annex laid out on our own page type: one ranked agency, then the part «Chưa
    // xếp hạng» with the agency outside the directory — its number, name, counts (26 tasks:
    // 20 on time, 3 late, 1 overdue) and reason on one line — before the rule notes.
    #[test]
    fn ranking_annex_lists_unranked_agencies_after_the_table_with_counts_and_reason() {
        use crate::model::{Counts, RankedAgency, UnrankedAgency};
        use crate::render::pdf::fonts::Fonts;
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts);
        let ranking = Ranking {
            rule_name: "Khấu trừ".to_string(),
            rule_lines: vec!["Điểm tối đa: 10".to_string()],
            agencies: vec![RankedAgency {
                name: "Sở Y tế".to_string(),
                bloc: Some("Khối văn hóa - xã hội".to_string()),
                counts: Some(Counts::from_parts(3, 0, 0, 0, 0)),
                points: Some(11.0),
                tier: Some("Hoàn thành xuất sắc".to_string()),
                rank_in_bloc: Some(1),
                rank_in_province: Some(1),
                working: vec![],
                note: String::new(),
            }],
            unranked: vec![UnrankedAgency {
                name: "Ban Quản lý dự án".to_string(),
                counts: Counts::from_parts(20, 3, 2, 1, 0),
                working: vec![],
                reason: "không có trong danh mục".to_string(),
            }],
        };
        ranking_annex(&mut flow, &ranking, "IV");
        let pages = flow.finish();
        assert_eq!(pages.len(), 1);
        let texts: Vec<_> = pages[0].texts().collect();
        let at = |text: &str| {
            texts
                .iter()
                .position(|t| t.text == text)
                .unwrap_or_else(|| panic!("«{text}» not laid out"))
        };
        let heading = at("Chưa xếp hạng (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)");
        let name = at("Ban Quản lý dự án");
        let y = texts[name].y_pt;
        let line: Vec<&str> = texts
            .iter()
            .filter(|t| (t.y_pt - y).abs() < 0.01)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(
            line,
            [
                "1",
                "Ban Quản lý dự án",
                "26",
                "20",
                "3",
                "1",
                "Không có trong danh mục"
            ]
        );
        assert!(texts[at("Sở Y tế")].y_pt < texts[heading].y_pt);
        assert!(texts[heading].y_pt < y);
        assert!(y < texts[at("Cách tính điểm:")].y_pt);
    }
}
