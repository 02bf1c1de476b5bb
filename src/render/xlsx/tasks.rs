//! The task lists: "Quá hạn" (open tasks past their deadline, most overdue first), "Sắp đến
//! hạn" (open tasks due in the 30 days after the cut-off) and "Chi tiết" (every counted task,
//! continued on "Chi tiết (2)", … past Excel's row limit, written in constant-memory mode
//! when large). Dates are real Excel dates shown `dd/mm/yyyy`.

use crate::model::Text;
use chrono::NaiveDate;
use std::ops::Range;

use rayon::prelude::*;
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError as WriterError};

use super::styles::{HEADER_HEIGHT, Styles, row_height_for};
use super::{Limits, SHEET_DETAILS, SHEET_DUE_SOON, SHEET_OVERDUE, clip};
use crate::model::{Report, SourceLoc, TaskLine};
use crate::render::labels;

/// Data rows a detail sheet can hold: Excel's 1,048,576 rows less the header row.
pub const EXCEL_DATA_ROWS: usize = 1_048_575;

/// Data rows per detail sheet before the next agency starts a new one: Excel filters and
/// scrolls a sheet of this size without waiting, and the sheets of a national roll-up are
/// written in parallel.
pub const DETAIL_ROWS_PER_SHEET: usize = 250_000;

/// What the days column of a task list shows.
#[derive(Clone, Copy)]
enum Days {
    /// Số ngày quá hạn.
    Overdue,
    /// Còn lại (ngày): from the cut-off to the deadline.
    Remaining,
    /// Days without news (since the last update, or since assignment for a task without a
    /// deadline), under `head`; a last column «Lý do» says which.
    Stale {
        head: &'static str,
        not_updated_days: i64,
    },
}

/// The reason column of the stale list, after [`LIST_HEADER`].
const REASON_COLUMN: (&str, f64) = ("Lý do", 30.0);

const LIST_HEADER: [(&str, f64); 10] = [
    ("STT", 5.0),
    ("Cơ quan chủ trì", 26.0),
    ("Số ký hiệu", 16.0),
    ("Ngày văn bản", 12.0),
    ("Nội dung / Trích yếu", 50.0),
    ("Lãnh đạo giao", 18.0),
    ("Hạn xử lý (đang áp dụng)", 13.0),
    ("", 11.0),
    ("Chuyên viên theo dõi", 18.0),
    ("Nguồn (file · sheet · dòng)", 30.0),
];

pub(super) fn write_overdue(
    ws: &mut Worksheet,
    report: &Report,
    st: &Styles,
) -> Result<(), WriterError> {
    let cut_off = report.meta.period.effective_end();
    let title = format!(
        "DANH SÁCH NHIỆM VỤ CHƯA HOÀN THÀNH, ĐÃ QUÁ HẠN (tính đến hết ngày {})",
        crate::vn_number::date(cut_off)
    );
    let list = TaskList {
        sheet: SHEET_OVERDUE,
        title: &title,
        days: Days::Overdue,
        empty: "Không có nhiệm vụ quá hạn.",
    };
    list.write(ws, &report.overdue, st)?;
    let below = 2 + report.overdue.len().max(1) as RowNum + 1;
    write_overdue_ages(ws, below, report, st)
}

/// Under the overdue list: the open overdue tasks of each agency by how long they are
/// overdue at the cut-off, and the total.
fn write_overdue_ages(
    ws: &mut Worksheet,
    first_row: RowNum,
    report: &Report,
    st: &Styles,
) -> Result<(), WriterError> {
    if report.overdue_age.total() == 0 {
        return Ok(());
    }
    let title = "SỐ NHIỆM VỤ QUÁ HẠN THEO THỜI GIAN QUÁ HẠN";
    ws.write_string_with_format(first_row, 1, title, &st.note_bold)?;
    let head = first_row + 1;
    ws.write_string_with_format(head, 1, "Cơ quan chủ trì", &st.header)?;
    for (i, label) in labels::AGE_BANDS.iter().enumerate() {
        ws.write_string_with_format(head, 2 + i as ColNum, *label, &st.header)?;
    }
    ws.write_string_with_format(head, 6, labels::TOTAL.head, &st.header)?;
    ws.set_row_height(head, HEADER_HEIGHT)?;
    let agencies = report
        .sections
        .iter()
        .flat_map(|s| &s.agencies)
        .filter(|a| a.overdue_age.total() > 0)
        .map(|a| (a.name.as_str(), &a.overdue_age, &st.body));
    let rows = agencies.chain([("Tổng cộng", &report.overdue_age, &st.strong)]);
    for (i, (name, age, style)) in rows.enumerate() {
        let row = head + 1 + i as RowNum;
        ws.write_string_with_format(row, 1, clip(name), &style.text)?;
        let counts = [age.up_to_30, age.from_31_to_90, age.over_90, age.unknown];
        for (j, n) in counts.iter().chain([&age.total()]).enumerate() {
            ws.write_number_with_format(row, 2 + j as ColNum, *n as f64, &style.count)?;
        }
    }
    Ok(())
}

/// "Lâu chưa có kết quả": the title and the days column say which kind of task it lists (not
/// updated for more than N days, old tasks without a deadline, or both), and a last column
/// gives each task's reason.
pub(super) fn write_stale(
    ws: &mut Worksheet,
    report: &Report,
    st: &Styles,
) -> Result<(), WriterError> {
    let (not_updated, no_deadline) = crate::render::words::stale_counts(report);
    let n = report.not_updated_days;
    let old = crate::model::STALE_NO_DEADLINE_DAYS;
    let (what, days_head) = match (not_updated > 0, no_deadline > 0) {
        (true, false) => (
            format!("NHIỆM VỤ CHƯA HOÀN THÀNH KHÔNG ĐƯỢC CẬP NHẬT QUÁ {n} NGÀY"),
            "Số ngày không cập nhật",
        ),
        (true, true) => (
            format!(
                "NHIỆM VỤ LÂU CHƯA CÓ KẾT QUẢ: KHÔNG ĐƯỢC CẬP NHẬT QUÁ {n} NGÀY, HOẶC KHÔNG THỜI HẠN ĐÃ GIAO QUÁ {old} NGÀY"
            ),
            "Số ngày (xem cột Lý do)",
        ),
        _ => (
            format!("NHIỆM VỤ KHÔNG THỜI HẠN ĐÃ GIAO QUÁ {old} NGÀY, CHƯA CÓ KẾT QUẢ"),
            "Số ngày chưa có kết quả",
        ),
    };
    let title = format!(
        "{what} (tính đến hết ngày {})",
        crate::vn_number::date(report.meta.period.effective_end())
    );
    let list = TaskList {
        sheet: super::SHEET_STALE,
        title: &title,
        days: Days::Stale {
            head: days_head,
            not_updated_days: n,
        },
        empty: "Không có nhiệm vụ nào lâu chưa có kết quả.",
    };
    list.write(ws, &report.stale, st)
}

pub(super) fn write_due_soon(
    ws: &mut Worksheet,
    report: &Report,
    st: &Styles,
) -> Result<(), WriterError> {
    let cut_off = report.meta.period.effective_end();
    let title = format!(
        "DANH SÁCH NHIỆM VỤ SẮP ĐẾN HẠN (trong {} ngày sau ngày {})",
        crate::model::DUE_SOON_DAYS,
        crate::vn_number::date(cut_off)
    );
    let list = TaskList {
        sheet: SHEET_DUE_SOON,
        title: &title,
        days: Days::Remaining,
        empty: "Không có nhiệm vụ sắp đến hạn.",
    };
    list.write(ws, &report.due_soon, st)
}

/// A titled list of tasks: title on row 1, header on row 2, tasks from row 3.
struct TaskList<'a> {
    sheet: &'a str,
    title: &'a str,
    days: Days,
    empty: &'a str,
}

impl TaskList<'_> {
    fn write(
        &self,
        ws: &mut Worksheet,
        lines: &[TaskLine],
        st: &Styles,
    ) -> Result<(), WriterError> {
        ws.set_name(self.sheet)?;
        let reason = matches!(self.days, Days::Stale { .. }).then_some(REASON_COLUMN);
        let columns: Vec<(&str, f64)> = LIST_HEADER.iter().copied().chain(reason).collect();
        let last_col = columns.len() as ColNum - 1;
        ws.merge_range(0, 0, 0, last_col, self.title, &st.sheet_title)?;
        ws.set_row_height(0, 24)?;
        let days_label = match self.days {
            Days::Overdue => "Số ngày quá hạn",
            Days::Remaining => "Còn lại (ngày)",
            Days::Stale { head, .. } => head,
        };
        for (col, (label, width)) in columns.iter().enumerate() {
            let label = if label.is_empty() { days_label } else { label };
            ws.set_column_width(col as ColNum, *width)?;
            ws.write_string_with_format(1, col as ColNum, label, &st.header)?;
        }
        ws.set_row_height(1, HEADER_HEIGHT)?;
        for (i, line) in lines.iter().enumerate() {
            self.write_row(ws, 2 + i as RowNum, i + 1, line, st)?;
        }
        end_list(ws, lines.len(), last_col, self.empty, st)
    }

    fn write_row(
        &self,
        ws: &mut Worksheet,
        row: RowNum,
        stt: usize,
        line: &TaskLine,
        st: &Styles,
    ) -> Result<(), WriterError> {
        let text = &st.body.text;
        ws.write_number_with_format(row, 0, stt as f64, &st.body.center)?;
        ws.write_string_with_format(row, 1, clip(&line.agency), text)?;
        opt_text(ws, row, 2, line.doc_number.as_deref(), text)?;
        opt_date(ws, row, 3, line.doc_date, &st.date)?;
        opt_text(ws, row, 4, line.summary.as_deref(), text)?;
        opt_text(ws, row, 5, line.leader.as_deref(), text)?;
        opt_date(ws, row, 6, line.deadline_used, &st.date)?;
        let days = match self.days {
            Days::Overdue => line.days_overdue,
            Days::Remaining => line.days_left,
            Days::Stale { .. } => line.stale.map(crate::model::Stale::days),
        };
        opt_number(ws, row, 7, days.map(|d| d as f64), &st.body.count)?;
        opt_text(ws, row, 8, line.officer.as_deref(), text)?;
        let source = source_text(&line.source);
        ws.write_string_with_format(row, 9, &source, text)?;
        if let Days::Stale {
            not_updated_days, ..
        } = self.days
        {
            let reason = line
                .stale
                .map(|s| crate::render::words::stale_reason(s, not_updated_days));
            opt_text(ws, row, 10, reason.as_deref(), text)?;
        }
        let texts = [
            (1, &*line.agency),
            (2, line.doc_number.as_deref().unwrap_or("")),
            (4, line.summary.as_deref().unwrap_or("")),
            (5, line.leader.as_deref().unwrap_or("")),
            (8, line.officer.as_deref().unwrap_or("")),
            (9, source.as_str()),
        ];
        let cells = texts.map(|(col, text)| (text, LIST_HEADER[col].1));
        if let Some(height) = row_height_for(&cells) {
            ws.set_row_height(row, height)?;
        }
        Ok(())
    }
}

/// The end of a list sheet whose header is row 2 and whose `rows` lines follow it: the text
/// `empty` when there is none, a filter over the list, the header frozen and printed on every
/// page.
pub(super) fn end_list(
    ws: &mut Worksheet,
    rows: usize,
    last_col: ColNum,
    empty: &str,
    st: &Styles,
) -> Result<(), WriterError> {
    if rows == 0 {
        ws.merge_range(2, 0, 2, last_col, empty, &st.body.text)?;
    }
    let last_row = 1 + rows.max(1) as RowNum;
    ws.autofilter(1, 0, last_row, last_col)?;
    ws.set_freeze_panes(2, 0)?;
    ws.set_repeat_rows(1, 1)?;
    super::print_setup(ws);
    Ok(())
}

/// "ds_2025.xlsx · Nhiệm vụ · dòng 12"; a CSV has no sheet.
pub(super) fn source_text(source: &SourceLoc) -> String {
    match &source.sheet {
        Some(sheet) => format!("{} · {} · dòng {}", source.file, sheet, source.row),
        None => format!("{} · dòng {}", source.file, source.row),
    }
}

/// Columns of a detail sheet.
pub(super) const DETAIL_COLUMNS: usize = DETAIL_HEADER.len();

const DETAIL_HEADER: [(&str, f64); 17] = [
    ("STT", 7.0),
    ("Mã nhiệm vụ", 12.0),
    ("Số ký hiệu", 16.0),
    ("Ngày văn bản", 12.0),
    ("Nội dung", 50.0),
    ("Lãnh đạo giao", 18.0),
    ("Cơ quan (báo cáo theo)", 26.0),
    ("Ngày giao", 12.0),
    ("Hạn xử lý áp dụng", 12.0),
    ("Ngày hoàn thành", 12.0),
    ("Trạng thái", 24.0),
    ("Số ngày quá hạn", 10.0),
    ("Trọng tâm", 9.0),
    ("Chuyên viên", 18.0),
    ("Tệp", 24.0),
    ("Sheet", 14.0),
    ("Dòng", 8.0),
];

/// Which tasks go on which detail sheet ("Chi tiết", "Chi tiết (2)", …): at most
/// `limits.detail_rows_per_sheet` rows a sheet, cut only between two agencies — the tasks are
/// in agency order, and an agency finds all of its tasks on one sheet. An agency with more
/// tasks than Excel's row limit alone is cut at that limit.
pub(super) fn detail_parts(details: &[TaskLine], limits: Limits) -> Vec<Range<usize>> {
    let (soft, hard) = (
        limits.detail_rows_per_sheet.max(1),
        limits.excel_rows.max(1),
    );
    let mut parts = Vec::new();
    let (mut start, mut run) = (0, 0);
    while run < details.len() {
        let agency = &details[run].agency;
        let run_end = run
            + details[run..]
                .iter()
                .take_while(|t| Text::ptr_eq(&t.agency, agency) || t.agency == *agency)
                .count();
        if run_end - start > soft && run > start {
            parts.push(start..run);
            start = run;
        }
        while run_end - start > hard {
            parts.push(start..start + hard);
            start += hard;
        }
        run = run_end;
    }
    if start < details.len() || parts.is_empty() {
        parts.push(start..details.len());
    }
    parts
}

/// The name of the `i`-th detail sheet (from 0).
fn detail_sheet_name(i: usize) -> String {
    match i {
        0 => SHEET_DETAILS.to_string(),
        _ => format!("{SHEET_DETAILS} ({})", i + 1),
    }
}

/// Name and lay out the detail sheets (made beforehand, one per part), one after the other:
/// the formats are then registered in one fixed order, whatever fills the sheets later.
pub(super) fn lay_out_details(
    sheets: &mut [Worksheet],
    parts: &[Range<usize>],
    st: &Styles,
) -> Result<(), WriterError> {
    for (i, (ws, part)) in sheets.iter_mut().zip(parts).enumerate() {
        lay_out_detail(ws, i, part.len(), st)?;
    }
    Ok(())
}

/// Fill the laid-out detail sheets, each on its own thread: they are the bulk of a large
/// report. STT runs on across the sheets.
pub(super) fn write_detail_rows(
    sheets: &mut [Worksheet],
    details: &[TaskLine],
    parts: &[Range<usize>],
) -> Result<(), WriterError> {
    sheets
        .par_iter_mut()
        .zip(parts)
        .try_for_each(|(ws, part)| detail_rows(ws, &details[part.clone()], part.start))
}

/// Name, header, columns, filter and print set-up of the `i`-th detail sheet, of `rows` data
/// rows. Every format a detail sheet uses is registered here, always in the same order: the
/// sheets are then filled in parallel, and a sheet written on its own (`detail_xml`) names
/// the same styles.
pub(super) fn lay_out_detail(
    ws: &mut Worksheet,
    i: usize,
    rows: usize,
    st: &Styles,
) -> Result<(), WriterError> {
    ws.set_name(detail_sheet_name(i))?;
    let last_col = DETAIL_HEADER.len() as ColNum - 1;
    ws.set_row_height(0, HEADER_HEIGHT)?;
    // Formats go on the columns, and cells are written without one: an unformatted cell takes
    // its column's format, and a million rows then cost no per-cell format lookup.
    let text = &st.text;
    let column_formats = [
        &st.body.center,
        text,
        text,
        &st.date,
        text,
        text,
        text,
        &st.date,
        &st.date,
        &st.date,
        text,
        &st.body.count,
        &st.body.center,
        text,
        text,
        text,
        &st.body.center,
    ];
    for (col, ((label, width), format)) in DETAIL_HEADER.iter().zip(column_formats).enumerate() {
        ws.set_column_width(col as ColNum, *width)?;
        ws.set_column_format(col as ColNum, format)?;
        ws.write_string_with_format(0, col as ColNum, *label, &st.header)?;
    }
    ws.autofilter(0, 0, rows.max(1) as RowNum, last_col)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    super::print_setup(ws);
    Ok(())
}

fn detail_rows(
    ws: &mut Worksheet,
    lines: &[TaskLine],
    first_stt: usize,
) -> Result<(), WriterError> {
    for (i, line) in lines.iter().enumerate() {
        let mut row = SheetRow {
            ws: &mut *ws,
            row: 1 + i as RowNum,
        };
        detail_cells(&mut row, first_stt + i + 1, line)?;
    }
    Ok(())
}

/// Where the cells of a detail row go: a rust_xlsxwriter sheet ([`SheetRow`]), or the XML
/// `detail_xml` writes itself. Cells are written without a format: they take their column's.
pub(super) trait DetailCells {
    fn number(&mut self, col: ColNum, value: f64) -> Result<(), WriterError>;
    /// No cell for `None`.
    fn text(&mut self, col: ColNum, value: Option<&str>) -> Result<(), WriterError>;
    /// No cell for `None`.
    fn date(&mut self, col: ColNum, value: Option<NaiveDate>) -> Result<(), WriterError>;
}

/// One row of a rust_xlsxwriter sheet.
struct SheetRow<'a> {
    ws: &'a mut Worksheet,
    row: RowNum,
}

impl DetailCells for SheetRow<'_> {
    fn number(&mut self, col: ColNum, value: f64) -> Result<(), WriterError> {
        self.ws.write_number(self.row, col, value)?;
        Ok(())
    }

    fn text(&mut self, col: ColNum, value: Option<&str>) -> Result<(), WriterError> {
        if let Some(v) = value {
            self.ws.write_string(self.row, col, clip(v))?;
        }
        Ok(())
    }

    fn date(&mut self, col: ColNum, value: Option<NaiveDate>) -> Result<(), WriterError> {
        if let Some(d) = value {
            self.ws.write_datetime(self.row, col, d)?;
        }
        Ok(())
    }
}

/// The cells of one detail row (`DETAIL_HEADER`), STT `stt`.
pub(super) fn detail_cells(
    out: &mut impl DetailCells,
    stt: usize,
    line: &TaskLine,
) -> Result<(), WriterError> {
    out.number(0, stt as f64)?;
    out.text(1, line.task_id.as_deref())?;
    out.text(2, line.doc_number.as_deref())?;
    out.date(3, line.doc_date)?;
    out.text(4, line.summary.as_deref())?;
    out.text(5, line.leader.as_deref())?;
    out.text(6, Some(&line.agency))?;
    out.date(7, line.assigned)?;
    out.date(8, line.deadline_used)?;
    out.date(9, line.completed)?;
    out.text(10, Some(line.status.label()))?;
    if let Some(days) = line.days_overdue {
        out.number(11, days as f64)?;
    }
    out.text(12, line.is_key.then_some("Có"))?;
    out.text(13, line.officer.as_deref())?;
    out.text(14, Some(&line.source.file))?;
    out.text(15, line.source.sheet.as_deref())?;
    out.number(16, line.source.row as f64)
}

/// A text cell, or a bordered blank.
pub(super) fn opt_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<&str>,
    format: &Format,
) -> Result<(), WriterError> {
    match value {
        Some(text) => ws.write_string_with_format(row, col, clip(text), format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

pub(super) fn opt_date(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<NaiveDate>,
    format: &Format,
) -> Result<(), WriterError> {
    match value {
        Some(day) => ws.write_date_with_format(row, col, day, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

pub(super) fn opt_number(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<f64>,
    format: &Format,
) -> Result<(), WriterError> {
    match value {
        Some(x) => ws.write_number_with_format(row, col, x, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}
