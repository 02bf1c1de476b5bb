//! "Tổng hợp": the official annex (phụ lục, SPEC §5). Title block after Nghị định 30/2020,
//! a two-row header, one row per group (I, II, …) whose counts are `SUM` formulas over its
//! agencies, the agency rows as plain numbers, a "Tổng cộng" row summing the group rows,
//! rate cells as `IF(den=0,"-",num/den)` formulas, the same-period-last-year columns when
//! there is a previous period, and the footnote with the rate definitions and the
//! reconciliation line (SPEC 3.1). Every formula carries its cached result, so a reader that
//! does not recalculate still sees the figures. The sheets keyed by tracking officer and by
//! department ([`KeyedSheet`]) are drawn with the same title block, columns and lines.

use chrono::Datelike;
use rust_xlsxwriter::{
    ColNum, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatFormula, Formula,
    RowNum, Worksheet, XlsxError as WriterError, column_number_to_name, row_col_to_cell,
};

use super::styles::{RowStyle, Styles, row_height_for};
use super::{SHEET_SUMMARY, clip};
use crate::model::{Basis, Counts, KeyLine, LeftOut, Rate, Report, ReportMeta};
use crate::render::{labels, words};
use crate::vn_number::{Rounding, percent_one_decimal};

/// First of the two header rows (0-based; Excel row 11).
pub const HEADER_ROW: RowNum = 10;
/// The first group row (0-based; Excel row 13). Agencies follow their group row; the
/// "Tổng cộng" row follows the last agency of the last group.
pub const FIRST_BODY_ROW: RowNum = 12;

const STT: ColNum = 0;
const NAME: ColNum = 1;
const TOTAL: ColNum = 2;
const COMPLETED: ColNum = 3;
const ON_TIME: ColNum = 4;
const LATE: ColNum = 5;
const NOT_COMPLETED: ColNum = 6;
const WITHIN: ColNum = 7;
const OVERDUE: ColNum = 8;
const NO_DEADLINE: ColNum = 12;
/// First of the six previous-year columns, when there is a previous period.
const PREVIOUS: ColNum = 13;

const NAME_WIDTH: f64 = 38.0;
const NOTE_WIDTH: f64 = 28.0;

/// Reads one figure out of the counts.
type Figure = fn(&Counts) -> u64;

/// The count columns and the figure each shows.
const COUNT_COLUMNS: [(ColNum, Figure); 8] = [
    (TOTAL, |c| c.total),
    (COMPLETED, |c| c.completed),
    (ON_TIME, |c| c.on_time),
    (LATE, |c| c.late),
    (NOT_COMPLETED, |c| c.not_completed),
    (WITHIN, |c| c.within),
    (OVERDUE, |c| c.overdue),
    (NO_DEADLINE, |c| c.no_deadline),
];

/// A rate column: numerator and denominator are count columns of the same row (the
/// denominator is their sum when there are several).
struct RateColumn {
    col: ColNum,
    rate: Rate,
    num: ColNum,
    den: &'static [ColNum],
}

const RATE_COLUMNS: [RateColumn; 3] = [
    RateColumn {
        col: 9,
        rate: Rate::Completion,
        num: COMPLETED,
        den: &[TOTAL],
    },
    RateColumn {
        col: 10,
        rate: Rate::OnTimeOfCompleted,
        num: ON_TIME,
        den: &[COMPLETED],
    },
    RateColumn {
        col: 11,
        rate: Rate::DueCompletion,
        num: COMPLETED,
        den: &[COMPLETED, OVERDUE],
    },
];

/// The "Ghi chú" column: last, after the previous-year block when there is one.
fn note_col(has_previous: bool) -> ColNum {
    if has_previous { PREVIOUS + 6 } else { PREVIOUS }
}

/// The heads of the annex's own columns.
const ANNEX_HEADS: Heads = Heads {
    titles: [
        "PHỤ LỤC",
        "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO",
    ],
    key: "Cơ quan, đơn vị",
    note: "Ghi chú",
};

pub(super) fn write(ws: &mut Worksheet, report: &Report, st: &Styles) -> Result<(), WriterError> {
    ws.set_name(SHEET_SUMMARY)?;
    let has_previous = report.meta.previous.is_some();
    let last_col = note_col(has_previous);
    column_widths(ws, has_previous)?;
    title_block(ws, &report.meta, &ANNEX_HEADS, last_col, st)?;
    header(ws, &report.meta, &ANNEX_HEADS, st)?;
    let body = body(ws, report, st)?;
    marks(ws, &body, st)?;
    footnote(ws, report, body.total_row + 2, st)?;
    page_setup(ws)
}

/// The two title lines above the period, and the heads of the key and note columns.
pub(super) struct Heads<'a> {
    pub titles: [&'a str; 2],
    pub key: &'a str,
    pub note: &'a str,
}

/// A table keyed by tracking officer or department: the annex's title block, header and
/// columns (without the same-period-last-year block), one line per key with plain numbers, a
/// «Tổng cộng» line of `SUM` formulas over them, the overdue cells marked red as on the annex,
/// and the rate definitions under it.
pub(super) struct KeyedSheet<'a> {
    pub sheet: &'a str,
    pub heads: Heads<'a>,
    pub lines: &'a [KeyLine],
    /// Lines of the footnote after the rate definitions.
    pub notes: Vec<String>,
}

impl KeyedSheet<'_> {
    pub(super) fn write(
        &self,
        ws: &mut Worksheet,
        report: &Report,
        st: &Styles,
    ) -> Result<(), WriterError> {
        ws.set_name(self.sheet)?;
        let meta = ReportMeta {
            previous: None,
            ..report.meta.clone()
        };
        column_widths(ws, false)?;
        title_block(ws, &meta, &self.heads, note_col(false), st)?;
        header(ws, &meta, &self.heads, st)?;
        let mut row = FIRST_BODY_ROW;
        for (n, key) in self.lines.iter().enumerate() {
            let line = Line {
                stt: Stt::Number(n + 1),
                name: &key.name,
                counts: &key.counts,
                sum: Sum::Values,
                previous: None,
                note: &key.note,
                is_strong: false,
            };
            write_line(ws, row, &line, &meta, st)?;
            row += 1;
        }
        let total = self
            .lines
            .iter()
            .fold(Counts::default(), |acc, l| acc.plus(&l.counts));
        let (first, last) = (FIRST_BODY_ROW, row.saturating_sub(1));
        let line = Line {
            stt: Stt::Text(String::new()),
            name: "Tổng cộng",
            counts: &total,
            sum: match self.lines.is_empty() {
                true => Sum::Values,
                false => Sum::Range(first, last),
            },
            previous: None,
            note: "",
            is_strong: true,
        };
        write_line(ws, row, &line, &meta, st)?;
        let body = Body {
            agency_ranges: if self.lines.is_empty() {
                Vec::new()
            } else {
                vec![(first, last)]
            },
            ..Body::default()
        };
        marks(ws, &body, st)?;
        let mut notes = rate_notes();
        notes.extend(self.notes.iter().cloned());
        footnote_lines(ws, &notes, row + 2, st)?;
        page_setup(ws)
    }
}

fn column_widths(ws: &mut Worksheet, has_previous: bool) -> Result<(), WriterError> {
    ws.set_column_width(STT, 5)?;
    ws.set_column_width(NAME, NAME_WIDTH)?;
    ws.set_column_range_width(TOTAL, OVERDUE, 10)?;
    ws.set_column_range_width(9, 11, 13)?;
    ws.set_column_width(NO_DEADLINE, 10)?;
    if has_previous {
        ws.set_column_range_width(PREVIOUS, PREVIOUS + 5, 11.5)?;
    }
    ws.set_column_width(note_col(has_previous), NOTE_WIDTH)?;
    Ok(())
}

/// Issuer top left, national heading top right, place and date, then the centred title.
fn title_block(
    ws: &mut Worksheet,
    meta: &ReportMeta,
    heads: &Heads,
    last_col: ColNum,
    st: &Styles,
) -> Result<(), WriterError> {
    let titles = [
        (heads.titles[0].to_string(), &st.title),
        (heads.titles[1].to_string(), &st.title),
        (
            words::capitalise(&crate::period::phrase(&meta.period)),
            &st.title,
        ),
        (span_line(meta), &st.subtitle),
    ];
    heading_block(ws, meta, last_col, &titles, st)
}

/// The title block of Nghị định 30/2020 over columns A to `last_col`: the issuing body top
/// left (rows 1–3, under it a short rule), the national heading and motto top right with the
/// place and date (rows 1–4), then `titles` centred from row 6.
pub(super) fn heading_block(
    ws: &mut Worksheet,
    meta: &ReportMeta,
    last_col: ColNum,
    titles: &[(String, &rust_xlsxwriter::Format)],
    st: &Styles,
) -> Result<(), WriterError> {
    let (left_end, right) = (NAME + 1, last_col.saturating_sub(8));
    let rule = "____________";
    ws.merge_range(0, 0, 0, left_end, clip(&meta.issuer), &st.heading)?;
    ws.merge_range(1, 0, 1, left_end, clip(&meta.issuer_sub), &st.heading_bold)?;
    ws.merge_range(2, 0, 2, left_end, rule, &st.rule)?;
    let national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    ws.merge_range(0, right, 0, last_col, national, &st.heading_bold)?;
    let motto = "Độc lập - Tự do - Hạnh phúc";
    ws.merge_range(1, right, 1, last_col, motto, &st.heading_bold)?;
    ws.merge_range(2, right, 2, last_col, rule, &st.rule)?;
    ws.merge_range(
        3,
        right,
        3,
        last_col,
        &words::place_date_line(&meta.place, meta.report_date),
        &st.place_date,
    )?;
    for (i, (text, format)) in titles.iter().enumerate() {
        let row = 5 + i as RowNum;
        ws.merge_range(row, 0, row, last_col, text, format)?;
    }
    Ok(())
}

/// "(Số liệu tính từ 01/01/2025 đến hết ngày 20/12/2025, theo ngày giao)".
pub(super) fn span_line(meta: &ReportMeta) -> String {
    let basis = match meta.basis {
        Basis::Assigned => ", theo ngày giao",
        Basis::Due => ", theo hạn xử lý",
    };
    format!(
        "(Số liệu tính {}{basis})",
        crate::period::span_phrase(&meta.period)
    )
}

fn header(
    ws: &mut Worksheet,
    meta: &ReportMeta,
    heads: &Heads,
    st: &Styles,
) -> Result<(), WriterError> {
    let (top, sub) = (HEADER_ROW, HEADER_ROW + 1);
    let tall = |ws: &mut Worksheet, col: ColNum, text: &str| {
        ws.merge_range(top, col, sub, col, text, &st.header)
            .map(|_| ())
    };
    tall(ws, STT, "STT")?;
    tall(ws, NAME, heads.key)?;
    tall(ws, TOTAL, labels::ANNEX_TOTAL)?;
    for rate in &RATE_COLUMNS {
        tall(ws, rate.col, rate.rate.label())?;
    }
    tall(ws, NO_DEADLINE, labels::NO_DEADLINE.head)?;
    tall(ws, note_col(meta.previous.is_some()), heads.note)?;
    let (done, open) = (labels::COMPLETED.head, labels::NOT_COMPLETED.head);
    header_group(ws, COMPLETED, done, &labels::COMPLETED_PARTS, st)?;
    header_group(ws, NOT_COMPLETED, open, &labels::NOT_COMPLETED_PARTS, st)?;
    if let Some(previous) = &meta.previous {
        let year = previous.effective_end().year();
        let parts = [
            labels::TOTAL.head,
            labels::rate_head(Rate::Completion),
            labels::rate_head(Rate::OnTimeOfCompleted),
        ];
        header_group(ws, PREVIOUS, &format!("Cùng kỳ năm {year}"), &parts, st)?;
        let parts = [
            "Tổng số (%)",
            "Tỷ lệ hoàn thành (điểm %)",
            "Tỷ lệ đúng hạn (điểm %)",
        ];
        header_group(ws, PREVIOUS + 3, "So với cùng kỳ", &parts, st)?;
    }
    ws.set_row_height(sub, 66)?;
    Ok(())
}

/// A merged group label on the first header row over its sub-columns on the second.
fn header_group(
    ws: &mut Worksheet,
    first: ColNum,
    label: &str,
    parts: &[&str; 3],
    st: &Styles,
) -> Result<(), WriterError> {
    ws.merge_range(HEADER_ROW, first, HEADER_ROW, first + 2, label, &st.header)?;
    for (i, part) in parts.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW + 1, first + i as ColNum, *part, &st.header)?;
    }
    Ok(())
}

/// Where the body rows landed.
#[derive(Default)]
struct Body {
    group_rows: Vec<RowNum>,
    /// First and last agency row of each group that has agencies.
    agency_ranges: Vec<(RowNum, RowNum)>,
    total_row: RowNum,
}

/// How the count cells of a line are filled.
pub(super) enum Sum {
    /// Plain numbers (agency rows).
    Values,
    /// `SUM` over a block of rows (group rows).
    Range(RowNum, RowNum),
    /// `SUM` over scattered rows (the total row over the group rows).
    Rows(Vec<RowNum>),
}

/// The STT cell: agencies are numbered, groups carry a Roman numeral.
enum Stt {
    Number(usize),
    Text(String),
}

/// One table line as written.
struct Line<'a> {
    stt: Stt,
    name: &'a str,
    counts: &'a Counts,
    sum: Sum,
    previous: Option<&'a Counts>,
    note: &'a str,
    is_strong: bool,
}

fn body(ws: &mut Worksheet, report: &Report, st: &Styles) -> Result<Body, WriterError> {
    let meta = &report.meta;
    let mut body = Body::default();
    let mut row = FIRST_BODY_ROW;
    for (i, section) in report.sections.iter().enumerate() {
        let group_row = row;
        for (n, agency) in section.agencies.iter().enumerate() {
            row += 1;
            let line = Line {
                stt: Stt::Number(n + 1),
                name: &agency.name,
                counts: &agency.counts,
                sum: Sum::Values,
                previous: agency.previous.as_ref(),
                note: &agency.note,
                is_strong: false,
            };
            write_line(ws, row, &line, meta, st)?;
        }
        let sum = if row > group_row {
            body.agency_ranges.push((group_row + 1, row));
            Sum::Range(group_row + 1, row)
        } else {
            Sum::Values
        };
        let line = Line {
            stt: Stt::Text(crate::vn_number::roman(i + 1)),
            name: &section.name,
            counts: &section.subtotal,
            sum,
            previous: section.previous.as_ref(),
            note: "",
            is_strong: true,
        };
        write_line(ws, group_row, &line, meta, st)?;
        body.group_rows.push(group_row);
        row += 1;
    }
    body.total_row = row;
    write_line(ws, row, &total_line(report, &body.group_rows), meta, st)?;
    Ok(body)
}

/// The "Tổng cộng" line: formulas over the group rows, cached with `report.total` (the
/// figure the rest of the report uses, even if upstream sub-totals disagreed).
fn total_line<'a>(report: &'a Report, group_rows: &[RowNum]) -> Line<'a> {
    Line {
        stt: Stt::Text(String::new()),
        name: "Tổng cộng",
        counts: &report.total,
        sum: if group_rows.is_empty() {
            Sum::Values
        } else {
            Sum::Rows(group_rows.to_vec())
        },
        previous: report.previous_total.as_ref(),
        note: "",
        is_strong: true,
    }
}

fn write_line(
    ws: &mut Worksheet,
    row: RowNum,
    line: &Line,
    meta: &ReportMeta,
    st: &Styles,
) -> Result<(), WriterError> {
    let style = if line.is_strong { &st.strong } else { &st.body };
    match &line.stt {
        Stt::Number(n) => ws.write_number_with_format(row, STT, *n as f64, &style.center)?,
        Stt::Text(text) => ws.write_string_with_format(row, STT, text, &style.center)?,
    };
    ws.write_string_with_format(row, NAME, clip(line.name), &style.text)?;
    count_cells(ws, row, line, style)?;
    rate_cells(ws, row, line.counts, meta.rounding, style)?;
    let has_previous = meta.previous.is_some();
    if has_previous {
        previous_cells(ws, row, line, meta.rounding, style)?;
    }
    ws.write_string_with_format(row, note_col(has_previous), clip(line.note), &style.text)?;
    let cells = [(line.name, NAME_WIDTH), (line.note, NOTE_WIDTH)];
    if let Some(height) = row_height_for(&cells) {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}

fn count_cells(
    ws: &mut Worksheet,
    row: RowNum,
    line: &Line,
    style: &RowStyle,
) -> Result<(), WriterError> {
    for (col, figure) in COUNT_COLUMNS {
        let value = figure(line.counts);
        match sum_formula(&line.sum, col) {
            Some(formula) => {
                let formula = Formula::new(formula).set_result(value.to_string());
                ws.write_formula_with_format(row, col, formula, &style.count)?
            }
            None => ws.write_number_with_format(row, col, value as f64, &style.count)?,
        };
    }
    Ok(())
}

pub(super) fn sum_formula(sum: &Sum, col: ColNum) -> Option<String> {
    match sum {
        Sum::Values => None,
        Sum::Range(first, last) => Some(format!(
            "=SUM({}:{})",
            row_col_to_cell(*first, col),
            row_col_to_cell(*last, col)
        )),
        Sum::Rows(rows) => {
            let cells: Vec<String> = rows.iter().map(|r| row_col_to_cell(*r, col)).collect();
            // SUM takes at most 255 arguments; a longer list is added up with `+`.
            Some(if cells.len() <= 255 {
                format!("=SUM({})", cells.join(","))
            } else {
                format!("={}", cells.join("+"))
            })
        }
    }
}

fn rate_cells(
    ws: &mut Worksheet,
    row: RowNum,
    counts: &Counts,
    rounding: Rounding,
    style: &RowStyle,
) -> Result<(), WriterError> {
    for column in &RATE_COLUMNS {
        let share = counts.rate(column.rate);
        let formula = rate_formula(row, column.num, column.den, share, rounding);
        ws.write_formula_with_format(row, column.col, formula, &style.rate)?;
    }
    Ok(())
}

/// A rate cell's formula over count cells of the same row, `IF(den=0,"-",num/den)` (the
/// denominator the sum of `den` when there are several), carrying `share` as its result.
pub(super) fn rate_formula(
    row: RowNum,
    num: ColNum,
    den: &[ColNum],
    share: Option<f64>,
    rounding: Rounding,
) -> Formula {
    let num = row_col_to_cell(row, num);
    let den: Vec<String> = den.iter().map(|c| row_col_to_cell(row, *c)).collect();
    let den = match den.as_slice() {
        [one] => one.clone(),
        many => format!("({})", many.join("+")),
    };
    let share_text = match rounding {
        Rounding::Round => format!("{num}/{den}"),
        Rounding::Truncate => format!("TRUNC({num}/{den},3)"),
    };
    let cached = shown_share(share, rounding);
    Formula::new(format!("=IF({den}=0,\"-\",{share_text})"))
        .set_result(cached.map_or("-".to_string(), |x| x.to_string()))
}

/// A share as the workbook stores it: exact when rounding half away from zero (Excel's
/// `0.0%` display does the same), cut to one decimal of a percent when truncating.
pub(super) fn shown_share(share: Option<f64>, rounding: Rounding) -> Option<f64> {
    match rounding {
        Rounding::Round => share,
        Rounding::Truncate => percent_one_decimal(share, rounding).map(|p| p / 100.0),
    }
}

/// The difference of two rates in percentage points, from the rates as displayed (one
/// decimal), so the printed figures add up (SPEC 4.7).
pub(super) fn points_change(now: Option<f64>, before: Option<f64>, r: Rounding) -> Option<f64> {
    let now = percent_one_decimal(now, r)?;
    let before = percent_one_decimal(before, r)?;
    // `+ 0.0` turns a negative zero into a plain zero.
    Some(((now - before) * 10.0).round() / 10.0 + 0.0)
}

/// Cùng kỳ: last year's total and two rates; So với cùng kỳ: the count change in % (a
/// formula over this row) and the two rate changes in points.
fn previous_cells(
    ws: &mut Worksheet,
    row: RowNum,
    line: &Line,
    rounding: Rounding,
    style: &RowStyle,
) -> Result<(), WriterError> {
    let Some(before) = line.previous else {
        for col in PREVIOUS..PREVIOUS + 3 {
            ws.write_blank(row, col, &style.count)?;
        }
        for col in PREVIOUS + 3..PREVIOUS + 6 {
            ws.write_string_with_format(row, col, "-", &style.rate)?;
        }
        return Ok(());
    };
    ws.write_number_with_format(row, PREVIOUS, before.total as f64, &style.count)?;
    let rates = [Rate::Completion, Rate::OnTimeOfCompleted];
    for (i, rate) in rates.iter().enumerate() {
        let col = PREVIOUS + 1 + i as ColNum;
        number_or_dash(
            ws,
            row,
            col,
            shown_share(before.rate(*rate), rounding),
            &style.rate,
        )?;
    }
    let (now_total, before_total) = (row_col_to_cell(row, TOTAL), row_col_to_cell(row, PREVIOUS));
    let change = (before.total > 0)
        .then(|| relative_change(line.counts.total, before.total))
        .map_or("-".to_string(), |x| x.to_string());
    let formula = Formula::new(format!(
        "=IF({before_total}=0,\"-\",({now_total}-{before_total})/{before_total})"
    ))
    .set_result(change);
    ws.write_formula_with_format(row, PREVIOUS + 3, formula, &style.change_pct)?;
    for (i, rate) in rates.iter().enumerate() {
        let col = PREVIOUS + 4 + i as ColNum;
        let points = points_change(line.counts.rate(*rate), before.rate(*rate), rounding);
        number_or_dash(ws, row, col, points, &style.points)?;
    }
    Ok(())
}

/// (now − before) / before; written this way so that 95 against 50 is exactly 0.9.
pub(super) fn relative_change(now: u64, before: u64) -> f64 {
    (now as f64 - before as f64) / before as f64
}

pub(super) fn number_or_dash(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<f64>,
    format: &rust_xlsxwriter::Format,
) -> Result<(), WriterError> {
    match value {
        Some(x) => ws.write_number_with_format(row, col, x, format)?,
        None => ws.write_string_with_format(row, col, "-", format)?,
    };
    Ok(())
}

/// Like the offices' public boards: an agency with overdue open tasks shows a red cell, an
/// agency with tasks and nothing late or overdue a green name.
fn marks(ws: &mut Worksheet, body: &Body, st: &Styles) -> Result<(), WriterError> {
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(&st.red);
    for &(first, last) in &body.agency_ranges {
        ws.add_conditional_format(first, OVERDUE, last, OVERDUE, &red)?;
        let r = first + 1;
        let [total, late, overdue] = [TOTAL, LATE, OVERDUE].map(column_number_to_name);
        let green = ConditionalFormatFormula::new()
            .set_rule(format!("=AND(${total}{r}>0,${late}{r}=0,${overdue}{r}=0)").as_str())
            .set_format(&st.green);
        ws.add_conditional_format(first, NAME, last, NAME, &green)?;
    }
    Ok(())
}

/// Rate definitions, the zero-denominator convention and the reconciliation line.
fn footnote(
    ws: &mut Worksheet,
    report: &Report,
    first_row: RowNum,
    st: &Styles,
) -> Result<(), WriterError> {
    let mut lines = rate_notes();
    if report.meta.previous.is_some() {
        lines.push(
            "So với cùng kỳ: tổng số tính bằng %, tỷ lệ tính bằng điểm % \
             (hiệu của hai tỷ lệ đã làm tròn đến một chữ số thập phân)."
                .to_string(),
        );
    }
    lines.push(reconciliation(&report.left_out));
    lines.extend(report.comparison_withheld.clone());
    lines.extend(report.warnings.iter().map(|w| format!("Lưu ý: {w}")));
    footnote_lines(ws, &lines, first_row, st)
}

/// The definitions of the rate columns and the zero-denominator convention.
fn rate_notes() -> Vec<String> {
    let mut lines: Vec<String> = RATE_COLUMNS
        .iter()
        .map(|c| c.rate.definition().to_string())
        .collect();
    lines.push("Tỷ lệ có mẫu số bằng 0 được ghi “-”.".to_string());
    lines
}

/// «Ghi chú:» on `first_row`, then one line a row.
fn footnote_lines(
    ws: &mut Worksheet,
    lines: &[String],
    first_row: RowNum,
    st: &Styles,
) -> Result<(), WriterError> {
    ws.write_string_with_format(first_row, 0, "Ghi chú:", &st.note_bold)?;
    for (i, line) in lines.iter().enumerate() {
        ws.write_string_with_format(first_row + 1 + i as RowNum, 0, line, &st.note)?;
    }
    Ok(())
}

/// The rows that are not in the figures (SPEC 3.1, 4.7).
pub(super) fn reconciliation(left: &LeftOut) -> String {
    use crate::vn_number::count;
    format!(
        "Ngoài ra: {} nhiệm vụ đã hủy/thu hồi/dừng thực hiện không tính; {} dòng trùng lặp \
         đã gộp; {} dòng không đủ thông tin, xem sheet Kiểm tra dữ liệu.",
        count(left.cancelled),
        count(left.duplicates_merged),
        count(left.excluded)
    )
}

fn page_setup(ws: &mut Worksheet) -> Result<(), WriterError> {
    ws.set_freeze_panes(FIRST_BODY_ROW, NAME + 1)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW + 1)?;
    super::print_setup(ws);
    Ok(())
}
