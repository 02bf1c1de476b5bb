//! The Excel workbook (bảng tính Excel) of a report: the official per-agency annex
//! ("Tổng hợp", SPEC §5) with live formulas an auditor can check, the overdue and coming-due
//! lists, every counted task, the tasks gone without news, the figures per tracking officer and
//! per department, the data-quality findings, and — when asked for — the emulation ranking and
//! the trend with its charts; and the work programme's workbook (`programme`). Plain
//! `model::Report` (or `model::ProgrammeReport`) in, xlsx bytes out; no
//! rust_xlsxwriter type leaves this module, and the bytes depend only on the report (the
//! creation time comes from `meta.report_date`).

mod detail_xml;
mod findings;
mod programme;
mod ranking;
mod styles;
mod summary;
mod tasks;
mod trend;

#[cfg(test)]
mod tests;

use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError as WriterError};

use crate::model::Report;

pub use findings::FINDINGS_HEADER_ROW;
pub use programme::{
    PROGRAMME_FIRST_BODY_ROW, PROGRAMME_HEADER_ROW, SHEET_PROGRAMME, SHEET_PROGRAMME_DUE_SOON,
    SHEET_PROGRAMME_ITEMS, SHEET_PROGRAMME_OVERDUE, SHEET_PROGRAMME_POSTPONED,
    SHEET_PROGRAMME_WITHDRAWN, programme_workbook_bytes,
};
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
pub const SHEET_STALE: &str = "Lâu chưa có kết quả";
pub const SHEET_OFFICERS: &str = "Theo chuyên viên";
pub const SHEET_DEPARTMENTS: &str = "Theo phòng";
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
    /// From this many detail rows on, the detail sheets are large: in constant-memory mode,
    /// and (with `separate_detail_sheets`) written and compressed each on its own.
    constant_memory_from: usize,
    /// Whether large detail sheets are written by `detail_xml`, each compressed on its own
    /// thread into a one-entry zip, rather than by rust_xlsxwriter in the report's workbook
    /// (tests compare both ways).
    separate_detail_sheets: bool,
}

const LIMITS: Limits = Limits {
    detail_rows_per_sheet: DETAIL_ROWS_PER_SHEET,
    excel_rows: tasks::EXCEL_DATA_ROWS,
    constant_memory_from: 50_000,
    separate_detail_sheets: true,
};

/// Level 3 is what Excel itself uses: about a third faster to save than the default 6 for a
/// file about 5 % larger — it matters for reports of a million tasks.
const ZIP_LEVEL: u8 = 3;

/// Sheets before the details: "Tổng hợp", "Quá hạn", "Sắp đến hạn".
const SHEETS_BEFORE_DETAILS: usize = 3;

/// The whole workbook of `report` as xlsx bytes.
pub fn workbook_bytes(report: &Report) -> Result<Vec<u8>, XlsxError> {
    workbook_bytes_with(report, LIMITS)
}

fn workbook_bytes_with(report: &Report, limits: Limits) -> Result<Vec<u8>, XlsxError> {
    let st = styles::Styles::new();
    let parts = tasks::detail_parts(&report.details, limits);
    let large = report.details.len() >= limits.constant_memory_from;
    let separate = large && limits.separate_detail_sheets;
    // The detail sheets are the bulk of a large report: each is written and compressed on its
    // own, side by side with the others and with the report's workbook (rust_xlsxwriter
    // compresses a workbook on one thread), then copied in compressed.
    let (sheets, main) = rayon::join(
        || {
            if !separate {
                return Ok(Vec::new());
            }
            let started = std::time::Instant::now();
            let sheets = parts
                .par_iter()
                .enumerate()
                .map(|(i, part)| {
                    detail_xml::detail_entry(&report.details[part.clone()], i, part.start, &st)
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| sheet_error(SHEET_DETAILS, e));
            crate::progress::timing("Excel: các sheet Chi tiết (ghi và nén)", started);
            sheets
        },
        || main_workbook(report, &parts, large, separate, &st),
    );
    let (sheets, main) = (sheets?, main?);
    if !separate {
        return Ok(main);
    }
    let started = std::time::Instant::now();
    let merged = merge(main, sheets, SHEETS_BEFORE_DETAILS + 1);
    crate::progress::timing("Excel: ghép các sheet Chi tiết", started);
    merged
}

/// The report's workbook; with `separate`, its detail sheets are stand-ins for the ones
/// written on their own.
fn main_workbook(
    report: &Report,
    parts: &[std::ops::Range<usize>],
    large: bool,
    separate: bool,
    st: &styles::Styles,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report));
    wb.set_zip_compression_level(ZIP_LEVEL);
    // Every sheet is made first, in workbook order, then filled: the detail sheets side by
    // side with one another and with the other sheets.
    for _ in 0..SHEETS_BEFORE_DETAILS {
        wb.add_worksheet();
    }
    for _ in parts {
        if large {
            wb.add_worksheet_with_constant_memory()
                .map_err(|e| sheet_error(SHEET_DETAILS, e))?;
        } else {
            wb.add_worksheet();
        }
    }
    let after = 1
        + usize::from(!report.stale.is_empty())
        + usize::from(!report.by_officer.officers.is_empty())
        + usize::from(report.by_officer.departments.is_some())
        + usize::from(report.ranking.is_some())
        + usize::from(report.trend.is_some());
    for _ in 0..after {
        wb.add_worksheet();
    }
    let sheets = wb.worksheets_mut();
    let (head, rest) = sheets.split_at_mut(SHEETS_BEFORE_DETAILS);
    let (details, tail) = rest.split_at_mut(parts.len());
    let (details_done, others_done) = rayon::join(
        || {
            // With `separate`, the sheets laid out here are stand-ins: the same name, columns,
            // filter over the same rows and print titles (the workbook's defined names come
            // from these), no rows; the rows are in the sheets written on their own.
            let mut fill = || -> Result<(), WriterError> {
                tasks::lay_out_details(details, parts, st)?;
                if !separate {
                    tasks::write_detail_rows(details, &report.details, parts)?;
                }
                Ok(())
            };
            fill().map_err(|e| sheet_error(SHEET_DETAILS, e))
        },
        || write_other_sheets(head, tail, report, st),
    );
    details_done?;
    others_done?;
    let started = std::time::Instant::now();
    let bytes = wb.save_to_buffer().map_err(|e| XlsxError::Save {
        detail: e.to_string(),
    });
    crate::progress::timing("Excel: đóng gói và nén", started);
    bytes
}

/// The report's workbook with each detail stand-in (`xl/worksheets/sheetN.xml` from sheet
/// number `first`) replaced by the sheet written on its own (one-entry zips, `sheets`). Entries
/// are copied as compressed bytes: nothing is compressed twice. Those sheets were laid out
/// with the same formats registered in the same order as the stand-ins, so their cells name
/// the same styles (a test compares the result with the workbook made in one piece, entry by
/// entry).
fn merge(main: Vec<u8>, sheets: Vec<Vec<u8>>, first: usize) -> Result<Vec<u8>, XlsxError> {
    use std::io::Cursor;
    use zip::{ZipArchive, ZipWriter};
    let save = |e: zip::result::ZipError| XlsxError::Save {
        detail: e.to_string(),
    };
    let size = main.len() + sheets.iter().map(Vec::len).sum::<usize>();
    let mut main = ZipArchive::new(Cursor::new(main)).map_err(save)?;
    // Each sheet's zip is freed once it is copied: the report is not held twice over.
    let mut sheets: Vec<Option<Vec<u8>>> = sheets.into_iter().map(Some).collect();
    let stand_ins: Vec<String> = (0..sheets.len())
        .map(|k| format!("xl/worksheets/sheet{}.xml", first + k))
        .collect();
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for i in 0..main.len() {
        let entry = main.by_index_raw(i).map_err(save)?;
        let name = entry.name().map_err(save)?.into_owned();
        let Some(k) = stand_ins.iter().position(|n| *n == name) else {
            out.raw_copy_file(entry).map_err(save)?;
            continue;
        };
        drop(entry);
        let missing = || XlsxError::Save {
            detail: format!(
                "thiếu {} trong sheet chi tiết {}",
                detail_xml::DETAIL_ENTRY,
                k + 1
            ),
        };
        let sheet_zip = sheets[k].take().ok_or_else(missing)?;
        let mut sheet_zip = ZipArchive::new(Cursor::new(sheet_zip)).map_err(save)?;
        let sheet = sheet_zip
            .by_name_raw(detail_xml::DETAIL_ENTRY.as_bytes())
            .map_err(save)?;
        out.raw_copy_file_rename(sheet, name).map_err(save)?;
    }
    Ok(out.finish().map_err(save)?.into_inner())
}

/// Every sheet but the detail ones: `head` holds "Tổng hợp", "Quá hạn" and "Sắp đến hạn";
/// `tail` holds "Lâu chưa có kết quả" when some task is, "Theo chuyên viên" when some task
/// names its officer, "Theo phòng" when the Office's list of departments is given, "Kiểm tra
/// dữ liệu", then "Xếp hạng" and "Xu hướng" when the report has them.
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
    if !report.stale.is_empty() {
        on_sheet(SHEET_STALE, tasks::write_stale(next(), report, st))?;
    }
    for sheet in officer_sheets(report) {
        on_sheet(sheet.sheet, sheet.write(next(), report, st))?;
    }
    on_sheet(SHEET_FINDINGS, findings::write(next(), report, st))?;
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

/// «Theo chuyên viên» and «Theo phòng», when the report has them.
fn officer_sheets(report: &Report) -> Vec<summary::KeyedSheet<'_>> {
    const BY_OFFICER: &str = "THEO CHUYÊN VIÊN THEO DÕI";
    const BY_DEPARTMENT: &str = "THEO PHÒNG";
    const TITLE: &str = "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO";
    let views = &report.by_officer;
    let mut sheets = Vec::new();
    if !views.officers.is_empty() {
        let has_list = views.departments.is_some();
        sheets.push(summary::KeyedSheet {
            sheet: SHEET_OFFICERS,
            heads: summary::Heads {
                titles: [TITLE, BY_OFFICER],
                key: "Chuyên viên theo dõi",
                note: if has_list { "Phòng" } else { "Ghi chú" },
            },
            lines: &views.officers,
            notes: vec![format!(
                "Nhiệm vụ của từng chuyên viên: sheet «{SHEET_DETAILS}», lọc theo cột «Chuyên viên»."
            )],
        });
    }
    if let Some(departments) = &views.departments {
        sheets.push(summary::KeyedSheet {
            sheet: SHEET_DEPARTMENTS,
            heads: summary::Heads {
                titles: [TITLE, BY_DEPARTMENT],
                key: "Phòng",
                note: "Ghi chú",
            },
            lines: departments,
            notes: vec![format!(
                "Phòng theo danh sách chuyên viên theo dõi của Văn phòng ([phong] trong \
                 tiendo.toml, sheet «Chuyên viên» của danh mục cơ quan); chuyên viên không có \
                 trong danh sách và nhiệm vụ không ghi chuyên viên theo dõi được tính vào «{}».",
                crate::model::NO_DEPARTMENT
            )],
        });
    }
    sheets
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
