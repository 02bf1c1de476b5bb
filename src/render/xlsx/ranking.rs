//! "Xếp hạng": the emulation ranking (xếp hạng thi đua, SPEC §6) — the rule set on top, then
//! one row per agency with its counts, points, tier, ranks and the working that produced the
//! points, so an agency can check its own score.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError as WriterError};

use super::styles::{HEADER_HEIGHT, Styles, row_height_for};
use super::tasks::{opt_number, opt_text};
use super::{SHEET_RANKING, clip};
use crate::model::{RankedAgency, Ranking};
use crate::render::labels;

const HEADER: [(&str, f64); 12] = [
    ("Khối thi đua", 22.0),
    ("Cơ quan", 30.0),
    (labels::TOTAL.head, 9.0),
    (labels::ON_TIME.head, 9.0),
    (labels::LATE.head, 10.0),
    (labels::OVERDUE.head, 10.0),
    ("Điểm", 17.0),
    ("Xếp loại", 18.0),
    ("Hạng trong khối", 9.0),
    ("Hạng toàn tỉnh", 9.0),
    ("Cách tính", 55.0),
    ("Ghi chú", 24.0),
];

/// The header row of the ranking table: below the title, the rule name, the rule lines and
/// one blank row.
pub fn ranking_header_row(ranking: &Ranking) -> RowNum {
    3 + ranking.rule_lines.len() as RowNum
}

pub(super) fn write(ws: &mut Worksheet, ranking: &Ranking, st: &Styles) -> Result<(), WriterError> {
    ws.set_name(SHEET_RANKING)?;
    let title =
        "XẾP HẠNG THI ĐUA: KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO";
    ws.write_string_with_format(0, 0, title, &st.sheet_title)?;
    let rule = format!("Bộ tiêu chí: {}", ranking.rule_name);
    ws.write_string_with_format(1, 0, clip(&rule), &st.note_bold)?;
    for (i, line) in ranking.rule_lines.iter().enumerate() {
        ws.write_string_with_format(2 + i as RowNum, 0, clip(line), &st.note)?;
    }
    let top = ranking_header_row(ranking);
    for (col, (label, width)) in HEADER.iter().enumerate() {
        ws.set_column_width(col as ColNum, *width)?;
        ws.write_string_with_format(top, col as ColNum, *label, &st.header)?;
    }
    ws.set_row_height(top, HEADER_HEIGHT)?;
    for (i, agency) in ranking.agencies.iter().enumerate() {
        agency_row(ws, top + 1 + i as RowNum, agency, st)?;
    }
    let last = top + ranking.agencies.len().max(1) as RowNum;
    ws.autofilter(top, 0, last, HEADER.len() as ColNum - 1)?;
    ws.set_freeze_panes(top + 1, 2)?;
    ws.set_repeat_rows(top, top)?;
    super::print_setup(ws);
    Ok(())
}

fn agency_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: RowNum,
    agency: &RankedAgency,
    st: &Styles,
) -> Result<(), WriterError> {
    let text = &st.body.text;
    opt_text(ws, row, 0, agency.bloc.as_deref(), text)?;
    ws.write_string_with_format(row, 1, clip(&agency.name), text)?;
    let counts = agency.counts.as_ref();
    let figures = [
        counts.map(|c| c.total),
        counts.map(|c| c.on_time),
        counts.map(|c| c.late),
        counts.map(|c| c.overdue),
    ];
    for (i, figure) in figures.iter().enumerate() {
        let col = 2 + i as ColNum;
        opt_number(ws, row, col, figure.map(|n| n as f64), &st.body.count)?;
    }
    match agency.points {
        Some(points) => ws.write_number_with_format(row, 6, points, &st.score)?,
        None => ws.write_string_with_format(row, 6, "không có nhiệm vụ", &st.body.center)?,
    };
    opt_text(ws, row, 7, agency.tier.as_deref(), text)?;
    let ranks = [agency.rank_in_bloc, agency.rank_in_province];
    for (i, rank) in ranks.iter().enumerate() {
        let col = 8 + i as ColNum;
        opt_number(ws, row, col, rank.map(|r| r as f64), &st.body.center)?;
    }
    let working = agency.working.join("\n");
    ws.write_string_with_format(row, 10, clip(&working), &st.wrap)?;
    ws.write_string_with_format(row, 11, clip(&agency.note), text)?;
    let texts = [
        (0, agency.bloc.as_deref().unwrap_or("")),
        (1, agency.name.as_str()),
        (7, agency.tier.as_deref().unwrap_or("")),
        (10, working.as_str()),
        (11, agency.note.as_str()),
    ];
    if let Some(height) = row_height_for(&texts.map(|(col, t)| (t, HEADER[col].1))) {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}
