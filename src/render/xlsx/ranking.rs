//! "Xếp hạng": the emulation ranking (xếp hạng thi đua, SPEC §6) — the rule set on top, then
//! one row per agency with its counts, points, tier, ranks and the working that produced the
//! points, so an agency can check its own score; after the ranked blocs, the agencies with tasks
//! that are not ranked («Chưa xếp hạng»: outside the directory), with their counts and the reason.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError as WriterError};

use super::styles::{HEADER_HEIGHT, Styles, row_height_for};
use super::tasks::{opt_number, opt_text};
use super::{SHEET_RANKING, clip};
use crate::model::{Counts, NO_TASKS, RankedAgency, Ranking, UNRANKED, UnrankedAgency};
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
    let lines = ranking
        .agencies
        .iter()
        .map(Line::ranked)
        .chain(ranking.unranked.iter().map(Line::unranked));
    let mut count: RowNum = 0;
    for line in lines {
        count += 1;
        line_row(ws, top + count, &line, st)?;
    }
    let last = top + count.max(1);
    ws.autofilter(top, 0, last, HEADER.len() as ColNum - 1)?;
    ws.set_freeze_panes(top + 1, 2)?;
    ws.set_repeat_rows(top, top)?;
    super::print_setup(ws);
    Ok(())
}

/// One line of the ranking table, ranked or not, as the cells show it.
struct Line<'a> {
    bloc: Option<&'a str>,
    name: &'a str,
    counts: Option<&'a Counts>,
    /// The points, or the text in their place («không có nhiệm vụ», «chưa xếp hạng»).
    points: Result<f64, &'a str>,
    tier: Option<&'a str>,
    ranks: [Option<usize>; 2],
    working: String,
    note: &'a str,
}

impl<'a> Line<'a> {
    fn ranked(a: &'a RankedAgency) -> Self {
        Line {
            bloc: a.bloc.as_deref(),
            name: &a.name,
            counts: a.counts.as_ref(),
            points: a.points.ok_or(NO_TASKS),
            tier: a.tier.as_deref(),
            ranks: [a.rank_in_bloc, a.rank_in_province],
            working: a.working.join("\n"),
            note: &a.note,
        }
    }

    /// An agency with tasks outside the ranking: «Chưa xếp hạng» in the bloc column, its
    /// counts, and the reason as the note.
    fn unranked(a: &'a UnrankedAgency) -> Self {
        Line {
            bloc: Some(UNRANKED),
            name: &a.name,
            counts: Some(&a.counts),
            points: Err(UNRANKED_POINTS),
            tier: None,
            ranks: [None, None],
            working: a.working.join("\n"),
            note: &a.reason,
        }
    }
}

/// The text in the points cell of a line not ranked.
const UNRANKED_POINTS: &str = "chưa xếp hạng";

fn line_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: RowNum,
    line: &Line<'_>,
    st: &Styles,
) -> Result<(), WriterError> {
    let text = &st.body.text;
    opt_text(ws, row, 0, line.bloc, text)?;
    ws.write_string_with_format(row, 1, clip(line.name), text)?;
    let figures = [
        line.counts.map(|c| c.total),
        line.counts.map(|c| c.on_time),
        line.counts.map(|c| c.late),
        line.counts.map(|c| c.overdue),
    ];
    for (i, figure) in figures.iter().enumerate() {
        let col = 2 + i as ColNum;
        opt_number(ws, row, col, figure.map(|n| n as f64), &st.body.count)?;
    }
    match line.points {
        Ok(points) => ws.write_number_with_format(row, 6, points, &st.score)?,
        Err(instead) => ws.write_string_with_format(row, 6, instead, &st.body.center)?,
    };
    opt_text(ws, row, 7, line.tier, text)?;
    for (i, rank) in line.ranks.iter().enumerate() {
        let col = 8 + i as ColNum;
        opt_number(ws, row, col, rank.map(|r| r as f64), &st.body.center)?;
    }
    ws.write_string_with_format(row, 10, clip(&line.working), &st.wrap)?;
    ws.write_string_with_format(row, 11, clip(line.note), text)?;
    let texts = [
        (0, line.bloc.unwrap_or("")),
        (1, line.name),
        (7, line.tier.unwrap_or("")),
        (10, line.working.as_str()),
        (11, line.note),
    ];
    if let Some(height) = row_height_for(&texts.map(|(col, t)| (t, HEADER[col].1))) {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}
