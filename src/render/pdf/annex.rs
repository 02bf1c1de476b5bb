//! The annex tables (phụ lục): the per-agency table in the official column layout (landscape,
//! two-row header with group cells and a column-number row, group rows with sub-totals, the
//! "Tổng cộng" row, the rate footnote and the reconciliation line), the lists of open overdue
//! and coming-due tasks by agency, the emulation ranking and the trend table.

use chrono::Duration;

use super::fonts::Face;
use super::layout::{
    Align, Column, Flow, HeaderCell, Orientation, ParaStyle, Row, Table, fit_columns,
};
use crate::model::{
    Counts, DUE_SOON_DAYS, LeftOut, Ranking, Rate, Report, TaskLine, TrendPoint, UNRANKED,
    UnrankedAgency,
};
use crate::period;
use crate::render::labels;
use crate::render::words as brief;
use crate::vn_number::{Rounding, count, date, decimal1, percent, roman};

const BODY_PT: f32 = 10.5;
/// Task contents longer than this are shortened in the lists.
const LIST_SUMMARY_CHARS: usize = 400;

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

/// A table of the annexes with a one-row header (grey) and body text at [`BODY_PT`].
fn one_row_table(columns: Vec<Column>, header: Vec<HeaderCell>, rows: Vec<Row>) -> Table {
    Table {
        columns,
        header_rows: 1,
        header,
        rows,
        body_size_pt: BODY_PT,
        header_fill_gray: 0.9,
    }
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

/// The figures of one line: total, completed (total, on time, late), not completed (total,
/// within, overdue), completion rate, on-time share.
fn figure_cells(c: &Counts, rounding: Rounding) -> Vec<String> {
    vec![
        count(c.total),
        count(c.completed),
        count(c.on_time),
        count(c.late),
        count(c.not_completed),
        count(c.within),
        count(c.overdue),
        percent(c.rate(Rate::Completion), rounding),
        percent(c.rate(Rate::OnTimeOfCompleted), rounding),
    ]
}

/// The per-agency table (SPEC §5 column layout).
pub fn agency_table(report: &Report) -> Table {
    let rounding = report.meta.rounding;
    // A wide note column: restated agencies carry "Gồm cả nhiệm vụ của …" notes.
    let (num, pct) = (Some(47.0), Some(52.0));
    let mut spec = vec![(Some(28.0), Align::Center), (None, Align::Left)];
    spec.extend([(num, Align::Right); 7]);
    spec.extend([(pct, Align::Right); 2]);
    spec.push((Some(130.0), Align::Left));
    let width = Orientation::Landscape.size_pt().0
        - Orientation::Landscape.margins().left_pt
        - Orientation::Landscape.margins().right_pt;
    let columns = fit_columns(width, &spec);

    let mut header = vec![
        HeaderCell::new("STT", 0, 0, 2, 1),
        HeaderCell::new("Cơ quan, đơn vị", 0, 1, 2, 1),
        HeaderCell::new(labels::ANNEX_TOTAL, 0, 2, 2, 1),
        HeaderCell::new(labels::COMPLETED.head, 0, 3, 1, 3),
        HeaderCell::new(labels::NOT_COMPLETED.head, 0, 6, 1, 3),
        HeaderCell::new(labels::rate_head(Rate::Completion), 0, 9, 2, 1),
        HeaderCell::new(labels::rate_head(Rate::OnTimeOfCompleted), 0, 10, 2, 1),
        HeaderCell::new("Ghi chú", 0, 11, 2, 1),
    ];
    let parts = labels::COMPLETED_PARTS
        .iter()
        .chain(&labels::NOT_COMPLETED_PARTS);
    for (i, label) in parts.enumerate() {
        header.push(HeaderCell::new(label, 1, 3 + i, 1, 1));
    }
    let numbers = [
        "(1)",
        "(2)",
        "(3)=(4)+(7)",
        "(4)=(5)+(6)",
        "(5)",
        "(6)",
        "(7)=(8)+(9)",
        "(8)",
        "(9)",
        "(10)=(4)/(3)",
        "(11)=(5)/(4)",
        "(12)",
    ];
    for (i, label) in numbers.iter().enumerate() {
        header.push(HeaderCell {
            face: Face::Italic,
            size_pt: 8.0,
            ..HeaderCell::new(label, 2, i, 1, 1)
        });
    }

    let mut rows = Vec::new();
    for (g, section) in report.sections.iter().enumerate() {
        let mut cells = vec![roman(g + 1), section.name.clone()];
        cells.extend(figure_cells(&section.subtotal, rounding));
        cells.push(String::new());
        rows.push(Row::bold(cells));
        for (i, agency) in section.agencies.iter().enumerate() {
            let mut cells = vec![(i + 1).to_string(), agency.name.clone()];
            cells.extend(figure_cells(&agency.counts, rounding));
            cells.push(agency.note.clone());
            rows.push(Row::plain(cells));
        }
    }
    let mut cells = vec![String::new(), "Tổng cộng".to_string()];
    cells.extend(figure_cells(&report.total, rounding));
    cells.push(String::new());
    rows.push(Row::bold(cells));

    Table {
        columns,
        header_rows: 3,
        header,
        rows,
        body_size_pt: BODY_PT,
        header_fill_gray: 0.9,
    }
}

/// "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi không tính; …", or None when nothing was left out.
pub fn reconciliation_line(left_out: &LeftOut) -> Option<String> {
    let parts: Vec<String> = [
        (left_out.cancelled, "nhiệm vụ đã hủy/thu hồi không tính"),
        (left_out.duplicates_merged, "dòng trùng lặp đã gộp"),
        (left_out.excluded, "dòng không đủ thông tin"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", count(*n)))
    .collect();
    (!parts.is_empty()).then(|| format!("Ngoài ra: {}.", parts.join("; ")))
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
    flow.table(&agency_table(report));
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
    if let Some(line) = reconciliation_line(&report.left_out) {
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

fn task_table(report: &Report, tasks: &[TaskLine], is_overdue: bool) -> Table {
    let spec = [
        (Some(28.0), Align::Center),
        (Some(120.0), Align::Left),
        (None, Align::Left),
        (Some(95.0), Align::Left),
        (Some(66.0), Align::Center),
        (Some(56.0), Align::Center),
    ];
    let o = Orientation::Landscape;
    let columns = fit_columns(
        o.size_pt().0 - o.margins().left_pt - o.margins().right_pt,
        &spec,
    );
    let last = if is_overdue {
        "Số ngày quá hạn"
    } else {
        "Số ngày còn lại"
    };
    let header = HeaderCell::one_row(&[
        "STT",
        "Số, ngày văn bản giao",
        "Nội dung nhiệm vụ",
        "Lãnh đạo giao",
        "Hạn xử lý",
        last,
    ]);
    let mut rows = Vec::new();
    let mut n = 0;
    for (agency, list) in brief::tasks_by_agency(report, tasks) {
        rows.push(Row::band(format!(
            "{agency} ({} nhiệm vụ)",
            count(list.len() as u64)
        )));
        for task in list {
            n += 1;
            let days = if is_overdue {
                task.days_overdue
            } else {
                task.days_left
            };
            rows.push(Row::plain(vec![
                n.to_string(),
                brief::document_label(task),
                task.summary
                    .as_deref()
                    .map_or_else(String::new, |s| brief::shorten(s, LIST_SUMMARY_CHARS)),
                task.leader.as_deref().unwrap_or_default().to_string(),
                task.deadline_used.map(date).unwrap_or_default(),
                days.map(|d| count(d.max(0) as u64)).unwrap_or_default(),
            ]));
        }
    }
    one_row_table(columns, header, rows)
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

/// The PDF lists at most this many tasks per list (the most overdue first); the workbook's
/// sheets hold them all. A national roll-up can have tens of thousands of open tasks, which
/// no one reads on paper.
const PDF_LIST_MAX: usize = 300;

fn capped_task_table(flow: &mut Flow, report: &Report, tasks: &[TaskLine], is_overdue: bool) {
    let shown = &tasks[..tasks.len().min(PDF_LIST_MAX)];
    flow.table(&task_table(report, shown, is_overdue));
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

fn rank_cell(rank: Option<usize>) -> String {
    rank.map_or_else(|| "-".to_string(), |r| r.to_string())
}

pub fn ranking_annex(flow: &mut Flow, ranking: &Ranking, numeral: &str) {
    annex_title(
        flow,
        Orientation::Portrait,
        numeral,
        "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG TIÊU CHÍ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO",
        &format!("(Theo {})", ranking.rule_name),
    );
    let spec = [
        (Some(26.0), Align::Center),
        (Some(92.0), Align::Left),
        (None, Align::Left),
        (Some(44.0), Align::Right),
        (Some(96.0), Align::Left),
        (Some(44.0), Align::Center),
        (Some(44.0), Align::Center),
    ];
    let columns = fit_columns(flow.width_pt(), &spec);
    let header = HeaderCell::one_row(&[
        "STT",
        "Khối",
        "Cơ quan",
        "Điểm",
        "Xếp loại",
        "Hạng trong khối",
        "Hạng toàn tỉnh",
    ]);
    let rows = ranking
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let tier = match (&a.tier, a.points) {
                (Some(tier), _) => tier.clone(),
                (None, None) if a.note.is_empty() => "Không có nhiệm vụ".to_string(),
                (None, _) => a.note.clone(),
            };
            Row::plain(vec![
                (i + 1).to_string(),
                a.bloc.clone().unwrap_or_default(),
                a.name.clone(),
                a.points.map_or_else(|| "-".to_string(), decimal1),
                tier,
                rank_cell(a.rank_in_bloc),
                rank_cell(a.rank_in_province),
            ])
        })
        .collect();
    flow.table(&one_row_table(columns, header, rows));
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
    flow.ensure(3.0 * BODY_PT * 1.3);
    flow.paragraph(
        &format!("{UNRANKED} (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)"),
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            ..ParaStyle::body()
        },
    );
    let spec = [
        (Some(26.0), Align::Center),
        (None, Align::Left),
        (Some(40.0), Align::Right),
        (Some(44.0), Align::Right),
        (Some(48.0), Align::Right),
        (Some(52.0), Align::Right),
        (Some(150.0), Align::Left),
    ];
    let columns = fit_columns(flow.width_pt(), &spec);
    let header = HeaderCell::one_row(&[
        "STT",
        "Cơ quan",
        labels::TOTAL.head,
        labels::ON_TIME.head,
        labels::LATE.head,
        labels::OVERDUE.head,
        "Lý do",
    ]);
    let rows = unranked
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Row::plain(vec![
                (i + 1).to_string(),
                a.name.clone(),
                count(a.counts.total),
                count(a.counts.on_time),
                count(a.counts.late),
                count(a.counts.overdue),
                capitalised(&a.reason),
            ])
        })
        .collect();
    flow.table(&one_row_table(columns, header, rows));
    flow.gap(6.0);
}

/// The trend table: one row per period with the province figures.
pub fn trend_table(flow: &Flow, trend: &[TrendPoint], rounding: Rounding) -> Table {
    let spec = [
        (None, Align::Left),
        (Some(50.0), Align::Right),
        (Some(56.0), Align::Right),
        (Some(50.0), Align::Right),
        (Some(56.0), Align::Right),
        (Some(58.0), Align::Right),
        (Some(58.0), Align::Right),
    ];
    let columns = fit_columns(flow.width_pt(), &spec);
    let header = HeaderCell::one_row(&[
        "Kỳ báo cáo",
        labels::TOTAL.head,
        labels::COMPLETED.head,
        labels::ON_TIME.head,
        "Chưa hoàn thành quá hạn",
        labels::rate_head(Rate::Completion),
        labels::rate_head(Rate::OnTimeOfCompleted),
    ]);
    let rows = trend
        .iter()
        .map(|p| {
            let c = &p.total;
            Row::plain(vec![
                capitalised(&period::phrase(&p.period)),
                count(c.total),
                count(c.completed),
                count(c.on_time),
                count(c.overdue),
                percent(c.rate(Rate::Completion), rounding),
                percent(c.rate(Rate::OnTimeOfCompleted), rounding),
            ])
        })
        .collect();
    one_row_table(columns, header, rows)
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconciliation_names_only_what_was_left_out() {
        let line = reconciliation_line(&LeftOut {
            excluded: 1,
            cancelled: 2,
            duplicates_merged: 3,
        });
        assert_eq!(
            line.as_deref(),
            Some(
                "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi không tính; 3 dòng trùng lặp đã gộp; 1 dòng \
                 không đủ thông tin."
            )
        );
        let only = reconciliation_line(&LeftOut {
            cancelled: 1_250,
            ..LeftOut::default()
        });
        assert_eq!(
            only.as_deref(),
            Some("Ngoài ra: 1.250 nhiệm vụ đã hủy/thu hồi không tính.")
        );
        assert_eq!(reconciliation_line(&LeftOut::default()), None);
    }

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
