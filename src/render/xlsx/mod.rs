//! The Excel workbook (bảng tính Excel) of a report: the official per-agency annex
//! ("Tổng hợp", SPEC §5) with live formulas an auditor can check, the overdue and coming-due
//! lists, every counted task, the data-quality findings, and — when asked for — the emulation
//! ranking and the trend with its charts. Plain `model::Report` in, xlsx bytes out; no
//! rust_xlsxwriter type leaves this module, and the bytes depend only on the report (the
//! creation time comes from `meta.report_date`).

mod findings;
mod ranking;
mod styles;
mod summary;
mod tasks;
mod trend;

#[cfg(test)]
mod tests;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError as WriterError};

use crate::model::Report;

pub use findings::FINDINGS_HEADER_ROW;
pub use ranking::ranking_header_row;
pub use summary::{FIRST_BODY_ROW, HEADER_ROW};
pub use tasks::{DETAIL_ROWS_PER_SHEET, EXCEL_DATA_ROWS};
pub use trend::TREND_HEADER_ROW;

/// Why the workbook could not be built.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("không tạo được sheet «{sheet}» của bảng tính Excel: {detail}")]
    Sheet { sheet: String, detail: String },
    #[error("không đóng gói được bảng tính Excel: {detail}")]
    Save { detail: String },
}

/// Sheet names, in workbook order.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_OVERDUE: &str = "Quá hạn";
pub const SHEET_DUE_SOON: &str = "Sắp đến hạn";
pub const SHEET_DETAILS: &str = "Chi tiết";
pub const SHEET_FINDINGS: &str = "Kiểm tra dữ liệu";
pub const SHEET_RANKING: &str = "Xếp hạng";
pub const SHEET_TREND: &str = "Xu hướng";

/// Limits that decide how the task list is laid out; tests shrink them.
#[derive(Clone, Copy, Debug)]
struct Limits {
    /// Data rows per "Chi tiết" sheet before the next agency continues on "Chi tiết (2)".
    detail_rows_per_sheet: usize,
    /// Data rows a sheet can hold (Excel's limit).
    excel_rows: usize,
    /// From this many detail rows on, the detail sheets are written in constant-memory mode.
    constant_memory_from: usize,
}

const LIMITS: Limits = Limits {
    detail_rows_per_sheet: DETAIL_ROWS_PER_SHEET,
    excel_rows: tasks::EXCEL_DATA_ROWS,
    constant_memory_from: 50_000,
};

/// The whole workbook of `report` as xlsx bytes.
pub fn workbook_bytes(report: &Report) -> Result<Vec<u8>, XlsxError> {
    workbook_bytes_with(report, LIMITS)
}

fn workbook_bytes_with(report: &Report, limits: Limits) -> Result<Vec<u8>, XlsxError> {
    let st = styles::Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report));
    // Level 3 is what Excel itself uses: about a third faster to save than the default 6
    // for a file about 5 % larger — it matters for reports of a million tasks.
    wb.set_zip_compression_level(3);
    // Every sheet is made first, in workbook order, then filled: the detail sheets (the bulk
    // of a large report) side by side with one another and with the other sheets.
    let parts = tasks::detail_parts(&report.details, limits);
    for _ in 0..3 {
        wb.add_worksheet();
    }
    for _ in &parts {
        if report.details.len() >= limits.constant_memory_from {
            wb.add_worksheet_with_constant_memory()
                .map_err(|e| sheet_error(SHEET_DETAILS, e))?;
        } else {
            wb.add_worksheet();
        }
    }
    let after = 1 + usize::from(report.ranking.is_some()) + usize::from(report.trend.is_some());
    for _ in 0..after {
        wb.add_worksheet();
    }
    let sheets = wb.worksheets_mut();
    let (head, rest) = sheets.split_at_mut(3);
    let (details, tail) = rest.split_at_mut(parts.len());
    let (details_done, others_done) = rayon::join(
        || {
            let started = std::time::Instant::now();
            let done = tasks::write_details(details, &report.details, &parts, &st)
                .map_err(|e| sheet_error(SHEET_DETAILS, e));
            crate::pipeline::timing("Excel: các sheet Chi tiết", started);
            done
        },
        || write_other_sheets(head, tail, report, &st),
    );
    details_done?;
    others_done?;
    let started = std::time::Instant::now();
    let bytes = wb.save_to_buffer().map_err(|e| XlsxError::Save {
        detail: e.to_string(),
    });
    crate::pipeline::timing("Excel: đóng gói và nén", started);
    bytes
}

/// Every sheet but the detail ones: `head` holds "Tổng hợp", "Quá hạn" and "Sắp đến hạn";
/// `tail` holds "Kiểm tra dữ liệu", then "Xếp hạng" and "Xu hướng" when the report has them.
fn write_other_sheets(
    head: &mut [Worksheet],
    tail: &mut [Worksheet],
    report: &Report,
    st: &styles::Styles,
) -> Result<(), XlsxError> {
    let [summary_ws, overdue_ws, due_soon_ws] = head else {
        unreachable!("three sheets come before the details")
    };
    on_sheet(SHEET_SUMMARY, summary::write(summary_ws, report, st))?;
    on_sheet(SHEET_OVERDUE, tasks::write_overdue(overdue_ws, report, st))?;
    on_sheet(
        SHEET_DUE_SOON,
        tasks::write_due_soon(due_soon_ws, report, st),
    )?;
    let mut tail = tail.iter_mut();
    let mut next = || {
        tail.next()
            .expect("a sheet was made for each part of the report")
    };
    on_sheet(
        SHEET_FINDINGS,
        findings::write(next(), &report.findings, st),
    )?;
    if let Some(ranking) = &report.ranking {
        on_sheet(SHEET_RANKING, ranking::write(next(), ranking, st))?;
    }
    if let Some(points) = &report.trend {
        on_sheet(
            SHEET_TREND,
            trend::write(next(), points, report.meta.rounding, st),
        )?;
    }
    Ok(())
}

/// Title, author and a creation time taken from the report date, so that the same report
/// always gives the same bytes.
fn properties(report: &Report) -> DocProperties {
    DocProperties::new()
        .set_title(format!(
            "Tổng hợp kết quả thực hiện nhiệm vụ {}",
            crate::period::phrase(&report.meta.period)
        ))
        .set_subject(report.meta.issuer.clone())
        .set_author("tiendo")
        .set_company(report.meta.issuer.clone())
        .set_creation_datetime(&report.meta.report_date)
}

fn on_sheet(sheet: &str, result: Result<(), WriterError>) -> Result<(), XlsxError> {
    result.map_err(|e| sheet_error(sheet, e))
}

fn sheet_error(sheet: &str, e: WriterError) -> XlsxError {
    XlsxError::Sheet {
        sheet: sheet.to_string(),
        detail: e.to_string(),
    }
}

/// A4 landscape, one page wide, "Trang x / y" at the foot of every page.
fn print_setup(ws: &mut rust_xlsxwriter::Worksheet) {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C&\"Times New Roman,Regular\"&11Trang &P / &N");
}

/// Excel refuses cells longer than 32,767 characters; free text from the inputs is cut
/// well before that.
fn clip(text: &str) -> &str {
    const MAX_CHARS: usize = 32_000;
    if text.len() <= MAX_CHARS {
        return text; // fewer bytes than the limit: fewer characters too
    }
    match text.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
