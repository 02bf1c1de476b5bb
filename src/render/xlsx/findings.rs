//! "Kiểm tra dữ liệu": the data-quality findings, a count per kind at the top and then one
//! row per finding with where it is (file, sheet, row) and what it says, under an autofilter.
//! The task report and the programme report each give the kinds they can find and their
//! names.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError as WriterError};

use super::styles::Styles;
use super::tasks::opt_text;
use super::{SHEET_FINDINGS, clip};
use crate::model::{Finding, FindingKind, Report};

/// Every kind, in the order of the summary block.
const KINDS: [FindingKind; 10] = FindingKind::ALL;

/// The header row of the findings table (0-based; Excel row 15); findings follow it.
pub const FINDINGS_HEADER_ROW: RowNum = 4 + KINDS.len() as RowNum;

const HEADER: [(&str, f64); 6] = [
    ("STT", 7.0),
    ("Loại", 36.0),
    ("Tệp", 28.0),
    ("Sheet", 16.0),
    ("Dòng", 8.0),
    ("Nội dung", 90.0),
];

/// Excel's last row index.
const LAST_EXCEL_ROW: RowNum = 1_048_575;

pub(super) fn write(ws: &mut Worksheet, report: &Report, st: &Styles) -> Result<(), WriterError> {
    write_with(ws, &report.findings, &KINDS, FindingKind::label, st)?;
    coverage(ws, report, st)
}

/// The sheet with the kinds a report can find, in the order of its summary block, each named
/// by `label` (the work programme names its own rows "nội dung", not "nhiệm vụ").
pub(super) fn write_with(
    ws: &mut Worksheet,
    findings: &[Finding],
    kinds: &[FindingKind],
    label: fn(FindingKind) -> &'static str,
    st: &Styles,
) -> Result<(), WriterError> {
    ws.set_name(SHEET_FINDINGS)?;
    for (col, (_, width)) in HEADER.iter().enumerate() {
        ws.set_column_width(col as ColNum, *width)?;
    }
    ws.write_string_with_format(0, 0, "KIỂM TRA DỮ LIỆU ĐẦU VÀO", &st.sheet_title)?;
    summary(ws, findings, kinds, label, st)?;
    let top = 4 + kinds.len() as RowNum;
    for (col, (label, _)) in HEADER.iter().enumerate() {
        ws.write_string_with_format(top, col as ColNum, *label, &st.header)?;
    }
    // A sheet cannot hold more than Excel's rows: the rest is counted in a last line.
    let room = (LAST_EXCEL_ROW - top - 1) as usize;
    for (i, finding) in findings.iter().take(room).enumerate() {
        let row = top + 1 + i as RowNum;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.body.center)?;
        ws.write_string_with_format(row, 1, label(finding.kind), &st.text)?;
        ws.write_string_with_format(row, 2, clip(&finding.source.file), &st.text)?;
        opt_text(ws, row, 3, finding.source.sheet.as_deref(), &st.text)?;
        ws.write_number_with_format(row, 4, finding.source.row as f64, &st.body.center)?;
        ws.write_string_with_format(row, 5, clip(&finding.message), &st.text)?;
    }
    if findings.len() > room {
        let more = crate::vn_number::count((findings.len() - room) as u64);
        let text =
            format!("… và {more} phát hiện nữa không hiển thị được (quá số dòng của Excel).");
        ws.write_string_with_format(LAST_EXCEL_ROW, 1, &text, &st.note)?;
    }
    let last = top + findings.len().clamp(1, room) as RowNum;
    ws.autofilter(top, 0, last, HEADER.len() as ColNum - 1)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Beside the counts, in the wide last column: what each source covers, then the warnings
/// and the withheld comparison (SPEC §9). What does not fit above the findings table is
/// counted in its last line.
fn coverage(ws: &mut Worksheet, report: &Report, st: &Styles) -> Result<(), WriterError> {
    ws.write_string_with_format(1, 5, "Phạm vi dữ liệu và lưu ý", &st.header)?;
    let mut lines = crate::render::words::coverage_lines(&report.coverage);
    lines.extend(report.warnings.iter().map(|w| format!("Lưu ý: {w}")));
    lines.extend(report.comparison_withheld.clone());
    let room = (FINDINGS_HEADER_ROW - 3) as usize;
    if lines.len() > room {
        let more = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(format!(
            "… và {} dòng nữa (xem: tiendo check)",
            crate::vn_number::count(more as u64)
        ));
    }
    if lines.is_empty() {
        lines.push("Không có thông tin về phạm vi dữ liệu.".to_string());
    }
    for (i, line) in lines.iter().enumerate() {
        ws.write_string_with_format(2 + i as RowNum, 5, clip(line), &st.body.text)?;
    }
    Ok(())
}

/// "Loại | Số lượng" for every kind, zeros included, and the total.
fn summary(
    ws: &mut rust_xlsxwriter::Worksheet,
    findings: &[Finding],
    kinds: &[FindingKind],
    label: fn(FindingKind) -> &'static str,
    st: &Styles,
) -> Result<(), WriterError> {
    ws.write_string_with_format(1, 0, "STT", &st.header)?;
    ws.write_string_with_format(1, 1, "Loại", &st.header)?;
    ws.write_string_with_format(1, 2, "Số lượng", &st.header)?;
    for (i, kind) in kinds.iter().enumerate() {
        let row = 2 + i as RowNum;
        let n = findings.iter().filter(|f| f.kind == *kind).count();
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.body.center)?;
        ws.write_string_with_format(row, 1, label(*kind), &st.body.text)?;
        ws.write_number_with_format(row, 2, n as f64, &st.body.count)?;
    }
    let row = 2 + kinds.len() as RowNum;
    ws.write_blank(row, 0, &st.strong.center)?;
    ws.write_string_with_format(row, 1, "Tổng cộng", &st.strong.text)?;
    ws.write_number_with_format(row, 2, findings.len() as f64, &st.strong.count)?;
    Ok(())
}
