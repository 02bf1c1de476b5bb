//! The work programme report's annex tables as plain text (`render::tables::TextTable`), one
//! builder per table, for the programme's PDF and Word document alike: the per-agency table
//! (a two-row head with group cells over a row of column numbers, group rows with sub-totals,
//! «Tổng cộng»), the lists of overdue and coming-due items by agency (a band per agency, items
//! numbered through the list) and the postponed or withdrawn items. A column carries the width
//! the PDF gives it in points on an A4 landscape page, so each renderer scales the widths to
//! its own page.

use crate::model::{ItemLine, ProgrammeCounts, ProgrammeRate, ProgrammeReport};
use crate::render::labels::PROGRAMME_COUNTS;
use crate::render::programme_words::{overdue_for, result_text};
use crate::render::tables::{Align, HeadCell, Row, TextTable, col, grouped_rows};
use crate::render::words::shorten;
use crate::vn_number::{Rounding, count, date, percent};

/// Item contents longer than this are shortened in the lists.
pub const LIST_CONTENT_CHARS: usize = 300;

/// The PDF and the Word document list at most this many items per list; the workbook holds
/// them all.
pub const LIST_MAX: usize = 300;

/// A table whose head is one row, `heads` in column order.
fn one_head_row(
    columns: Vec<crate::render::tables::Column>,
    heads: &[&str],
    rows: Vec<Row>,
) -> TextTable {
    TextTable {
        max_width_pt: None,
        columns,
        head_rows: 1,
        head: heads
            .iter()
            .enumerate()
            .map(|(i, t)| HeadCell::new(t, 0, i, 1, 1))
            .collect(),
        rows,
    }
}

/// The figures of one annex line: the nine counts, then the three rates.
fn figure_cells(c: &ProgrammeCounts, r: Rounding) -> Vec<String> {
    let counts = PROGRAMME_COUNTS.iter().map(|col| count((col.value)(c)));
    let rates = ProgrammeRate::ALL.iter().map(|&x| percent(c.rate(x), r));
    counts.chain(rates).collect()
}

/// The per-agency table: STT | Cơ quan chủ trì | Phải trình | Đã trình (Tổng, Đúng hạn,
/// Quá hạn, Đã ban hành) | Chưa trình (Tổng, Quá hạn, Chưa đến hạn) | Lùi thời gian trình |
/// the three rates | Ghi chú, over a row of column numbers (1) … (15).
pub fn agencies(report: &ProgrammeReport) -> TextTable {
    let r = report.meta.rounding;
    let mut columns = vec![col(Some(28.0), Align::Center), col(None, Align::Left)];
    columns.extend([col(Some(36.0), Align::Right); 9]);
    columns.extend([col(Some(44.0), Align::Right); 3]);
    // A wide note column: restated agencies carry "Gồm cả nội dung của …".
    columns.push(col(Some(124.0), Align::Left));
    let mut head = vec![
        HeadCell::new("STT", 0, 0, 2, 1),
        HeadCell::new("Cơ quan chủ trì", 0, 1, 2, 1),
        HeadCell::new(PROGRAMME_COUNTS[0].head, 0, 2, 2, 1),
        HeadCell::new("Đã trình", 0, 3, 1, 4),
        HeadCell::new("Chưa trình", 0, 7, 1, 3),
        HeadCell::new(PROGRAMME_COUNTS[8].head, 0, 10, 2, 1),
        HeadCell::new("Ghi chú", 0, 14, 2, 1),
    ];
    for (i, rate) in ProgrammeRate::ALL.iter().enumerate() {
        head.push(HeadCell::new(rate.label(), 0, 11 + i, 2, 1));
    }
    let parts = [
        "Tổng",
        "Đúng hạn",
        "Quá hạn",
        "Đã ban hành",
        "Tổng",
        "Quá hạn",
        "Chưa đến hạn",
    ];
    for (i, label) in parts.iter().enumerate() {
        head.push(HeadCell::new(label, 1, 3 + i, 1, 1));
    }
    // The sums are spelled out in the note under the table: they do not fit these columns.
    for i in 0..15 {
        head.push(HeadCell {
            is_numbering: true,
            ..HeadCell::new(&format!("({})", i + 1), 2, i, 1, 1)
        });
    }
    let groups = report.sections.iter().map(|section| {
        let agencies = section
            .agencies
            .iter()
            .map(|a| (a.name.as_str(), figure_cells(&a.counts, r), a.note.as_str()));
        (
            section.name.as_str(),
            figure_cells(&section.subtotal, r),
            agencies,
        )
    });
    let rows = grouped_rows(groups, figure_cells(&report.total, r));
    TextTable {
        max_width_pt: None,
        columns,
        head_rows: 3,
        head,
        rows,
    }
}

/// Which item list a table shows: its last column is how long overdue or the days left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemList {
    Overdue,
    DueSoon,
}

/// "Tháng 3/2025", or "Tháng 3/2025 → Tháng 6/2025" when postponed.
fn planned_text(line: &ItemLine) -> String {
    let planned = line.planned.clone().unwrap_or_default();
    match &line.postponed_to {
        Some(to) => format!("{planned} → {to}"),
        None => planned,
    }
}

fn content_cell(line: &ItemLine) -> String {
    shorten(
        line.content.as_deref().unwrap_or_default(),
        LIST_CONTENT_CHARS,
    )
}

/// An item list by agency (a band per agency, in order of first appearance, with its count;
/// items numbered through the list): STT | Nội dung trình | Lãnh đạo phụ trách | Thời gian
/// trình | Hạn trình áp dụng | how long overdue or the days left.
pub fn items(lines: &[ItemLine], list: ItemList) -> TextTable {
    let columns = vec![
        col(Some(26.0), Align::Center),
        col(None, Align::Left),
        col(Some(110.0), Align::Left),
        col(Some(70.0), Align::Center),
        col(Some(62.0), Align::Center),
        col(Some(110.0), Align::Left),
    ];
    let last_head = match list {
        ItemList::Overdue => "Thời gian quá hạn",
        ItemList::DueSoon => "Số ngày còn lại",
    };
    let heads = [
        "STT",
        "Nội dung trình",
        "Lãnh đạo phụ trách",
        "Thời gian trình",
        "Hạn trình áp dụng",
        last_head,
    ];
    let mut agencies: Vec<&str> = Vec::new();
    for line in lines {
        if !agencies.contains(&line.agency.as_str()) {
            agencies.push(&line.agency);
        }
    }
    let mut rows = Vec::new();
    let mut n = 0;
    for agency in agencies {
        let of: Vec<&ItemLine> = lines.iter().filter(|l| l.agency == agency).collect();
        rows.push(Row::band(format!(
            "{agency} ({} nội dung)",
            count(of.len() as u64)
        )));
        for line in of {
            n += 1;
            let last = match list {
                ItemList::Overdue => line.days_overdue.map(overdue_for),
                ItemList::DueSoon => line.days_left.map(|d| count(d.max(0) as u64)),
            };
            rows.push(Row::plain(vec![
                n.to_string(),
                content_cell(line),
                line.leader.clone().unwrap_or_default(),
                planned_text(line),
                date(line.deadline),
                last.unwrap_or_default(),
            ]));
        }
    }
    one_head_row(columns, &heads, rows)
}

/// The postponed or withdrawn items: STT | Cơ quan chủ trì | Nội dung trình | Thời gian trình
/// | Lùi đến; căn cứ (or Căn cứ) | Kết quả tại ngày chốt.
pub fn moved(lines: &[ItemLine], is_withdrawn: bool) -> TextTable {
    let columns = vec![
        col(Some(26.0), Align::Center),
        col(Some(110.0), Align::Left),
        col(None, Align::Left),
        col(Some(70.0), Align::Center),
        col(Some(130.0), Align::Left),
        col(Some(96.0), Align::Left),
    ];
    let fifth = if is_withdrawn {
        "Căn cứ"
    } else {
        "Lùi đến; căn cứ"
    };
    let heads = [
        "STT",
        "Cơ quan chủ trì",
        "Nội dung trình",
        "Thời gian trình",
        fifth,
        "Kết quả tại ngày chốt",
    ];
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let basis = line
                .postponed_by
                .clone()
                .or_else(|| line.status_text.clone())
                .or_else(|| line.note.clone())
                .unwrap_or_default();
            let fifth = match (&line.postponed_to, is_withdrawn) {
                (Some(to), false) => format!("{to}; {basis}"),
                _ => basis,
            };
            Row::plain(vec![
                (i + 1).to_string(),
                line.agency.clone(),
                content_cell(line),
                line.planned.clone().unwrap_or_default(),
                fifth,
                result_text(line),
            ])
        })
        .collect();
    one_head_row(columns, &heads, rows)
}
