//! The work programme's workbook (issue 14), in the style of the task report: "Tổng hợp",
//! the per-agency annex under the title block of Nghị định 30/2020 (group rows are `SUM`
//! formulas over their agencies, "Tổng cộng" a `SUM` over the group rows, rates
//! `IF(den=0,"-",num/den)`, every formula with its cached result; the same period last year;
//! the rate definitions and what is left out), then the lists — overdue items with how long
//! overdue, items coming due by the end of next month, postponed items, withdrawn items,
//! every counted item — and the data-quality findings.

use rust_xlsxwriter::{
    ColNum, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, Formula, RowNum,
    Workbook, Worksheet, XlsxError as WriterError,
};

use super::styles::{HEADER_HEIGHT, Styles, row_height_for};
use super::summary::{Sum, heading_block, number_or_dash, rate_formula, shown_share, sum_formula};
use super::tasks::{end_list, opt_date, opt_number, opt_text, source_text};
use super::{XlsxError, clip, on_sheet};
use crate::model::{
    FindingKind, ItemLine, ProgrammeCounts, ProgrammeRate, ProgrammeReport, ReportMeta,
};
use crate::render::labels::PROGRAMME_COUNTS;
use crate::render::programme_words::{reconciliation, result_text, span_line};
use crate::render::words;
use crate::vn_number::date;

pub const SHEET_PROGRAMME: &str = "Tổng hợp";
pub const SHEET_PROGRAMME_OVERDUE: &str = "Quá hạn";
pub const SHEET_PROGRAMME_DUE_SOON: &str = "Sắp đến hạn";
pub const SHEET_PROGRAMME_POSTPONED: &str = "Lùi thời gian trình";
pub const SHEET_PROGRAMME_WITHDRAWN: &str = "Rút khỏi chương trình";
pub const SHEET_PROGRAMME_ITEMS: &str = "Chi tiết";

/// First of the two header rows of "Tổng hợp" (0-based; Excel row 11); the first group row
/// follows them (Excel row 13).
pub const PROGRAMME_HEADER_ROW: RowNum = 10;
pub const PROGRAMME_FIRST_BODY_ROW: RowNum = 12;

const STT: ColNum = 0;
const NAME: ColNum = 1;
/// The count columns from C, in `PROGRAMME_COUNTS` order: planned, submitted, on time,
/// late, issued, not submitted, overdue, not yet due, postponed.
const FIRST_COUNT: ColNum = 2;
const SUBMITTED: ColNum = 3;
const ISSUED: ColNum = 6;
const NOT_SUBMITTED: ColNum = 7;
const OVERDUE: ColNum = 8;
const PLANNED: ColNum = 2;
const ON_TIME: ColNum = 4;
/// The three rates after the counts (L, M, N), then last year's three columns.
const FIRST_RATE: ColNum = FIRST_COUNT + PROGRAMME_COUNTS.len() as ColNum;
const PREVIOUS: ColNum = FIRST_RATE + 3;

const NAME_WIDTH: f64 = 38.0;
const NOTE_WIDTH: f64 = 30.0;

/// Numerator and denominator columns of each rate.
const RATES: [(ProgrammeRate, ColNum, ColNum); 3] = [
    (ProgrammeRate::Submitted, SUBMITTED, PLANNED),
    (ProgrammeRate::OnTime, ON_TIME, SUBMITTED),
    (ProgrammeRate::Issued, ISSUED, PLANNED),
];

fn note_col(has_previous: bool) -> ColNum {
    if has_previous { PREVIOUS + 3 } else { PREVIOUS }
}

/// The kinds of finding a programme can have, and their names in its workbook.
const KINDS: [FindingKind; 6] = [
    FindingKind::Excluded,
    FindingKind::UnknownAgency,
    FindingKind::Contradiction,
    FindingKind::BadCell,
    FindingKind::SkippedRow,
    FindingKind::SkippedSheet,
];

fn kind_label(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Contradiction => "Tình trạng mâu thuẫn với ngày tháng",
        FindingKind::SkippedRow => "Dòng không phải nội dung chương trình, bỏ qua",
        FindingKind::SkippedSheet => "Sheet không có bảng chương trình công tác, bỏ qua",
        other => other.label(),
    }
}

/// The workbook of a programme report as xlsx bytes (the creation time is the report date,
/// so the same report gives the same bytes).
pub fn programme_workbook_bytes(report: &ProgrammeReport) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(&report.meta));
    let cut = date(report.meta.period.effective_end());
    on_sheet(SHEET_PROGRAMME, summary(wb.add_worksheet(), report, &st))?;
    let overdue = ListSheet {
        name: SHEET_PROGRAMME_OVERDUE,
        title: format!("DANH SÁCH NỘI DUNG CHƯA TRÌNH, ĐÃ QUÁ HẠN (tính đến hết ngày {cut})"),
        columns: &[
            Col::Agency,
            Col::Content,
            Col::Leader,
            Col::Planned,
            Col::Deadline,
            Col::DaysOverdue,
            Col::StatusText,
            Col::Note,
            Col::Source,
        ],
        empty: "Không có nội dung chưa trình quá hạn.",
    };
    let due_soon = ListSheet {
        name: SHEET_PROGRAMME_DUE_SOON,
        title: format!(
            "DANH SÁCH NỘI DUNG SẮP ĐẾN HẠN TRÌNH (hạn trình từ {cut} đến {})",
            date(report.due_soon_until)
        ),
        columns: &[
            Col::Agency,
            Col::Content,
            Col::Leader,
            Col::Planned,
            Col::Deadline,
            Col::DaysLeft,
            Col::StatusText,
            Col::Source,
        ],
        empty: "Không có nội dung đến hạn trình trong thời gian này.",
    };
    let postponed = ListSheet {
        name: SHEET_PROGRAMME_POSTPONED,
        title: "DANH SÁCH NỘI DUNG ĐƯỢC LÙI THỜI GIAN TRÌNH".to_string(),
        columns: &[
            Col::Agency,
            Col::Content,
            Col::Planned,
            Col::PostponedTo,
            Col::Deadline,
            Col::InPeriod,
            Col::PostponedBy,
            Col::Result,
            Col::Source,
        ],
        empty: "Không có nội dung được lùi thời gian trình.",
    };
    let withdrawn = ListSheet {
        name: SHEET_PROGRAMME_WITHDRAWN,
        title: "DANH SÁCH NỘI DUNG RÚT KHỎI CHƯƠNG TRÌNH (không tính trong các số liệu)"
            .to_string(),
        columns: &[
            Col::Agency,
            Col::Content,
            Col::Leader,
            Col::Planned,
            Col::Deadline,
            Col::StatusText,
            Col::Note,
            Col::Source,
        ],
        empty: "Không có nội dung rút khỏi chương trình.",
    };
    let items = ListSheet {
        name: SHEET_PROGRAMME_ITEMS,
        title: format!(
            "CÁC NỘI DUNG CỦA CHƯƠNG TRÌNH CÓ THỜI HẠN TRÌNH TRONG KỲ (tình hình đến hết ngày {cut})"
        ),
        columns: &[
            Col::Agency,
            Col::Content,
            Col::Leader,
            Col::Planned,
            Col::PostponedTo,
            Col::Deadline,
            Col::Submitted,
            Col::SubmissionNo,
            Col::Issued,
            Col::IssuedDoc,
            Col::Result,
            Col::DaysOverdue,
            Col::StatusText,
            Col::Note,
            Col::Source,
        ],
        empty: "Không có nội dung nào.",
    };
    let all_postponed: Vec<&ItemLine> = report
        .postponed
        .iter()
        .chain(&report.postponed_out)
        .collect();
    let lists: [(&ListSheet, Vec<&ItemLine>); 5] = [
        (&overdue, report.overdue.iter().collect()),
        (&due_soon, report.due_soon.iter().collect()),
        (&postponed, all_postponed),
        (&withdrawn, report.withdrawn.iter().collect()),
        (&items, report.items.iter().collect()),
    ];
    for (sheet, lines) in lists {
        let ws = wb.add_worksheet();
        on_sheet(sheet.name, sheet.write(ws, &lines, report, &st))?;
    }
    on_sheet(
        super::SHEET_FINDINGS,
        super::findings::write_with(
            wb.add_worksheet(),
            &report.findings,
            &KINDS,
            kind_label,
            &st,
        ),
    )?;
    wb.save_to_buffer().map_err(|e| XlsxError::Save {
        detail: e.to_string(),
    })
}

fn properties(meta: &ReportMeta) -> DocProperties {
    DocProperties::new()
        .set_title(format!(
            "Tình hình thực hiện Chương trình công tác {}",
            crate::period::phrase(&meta.period)
        ))
        .set_subject(meta.issuer.clone())
        .set_author("tiendo")
        .set_company(meta.issuer.clone())
        .set_creation_datetime(&meta.report_date)
}

fn summary(ws: &mut Worksheet, report: &ProgrammeReport, st: &Styles) -> Result<(), WriterError> {
    ws.set_name(SHEET_PROGRAMME)?;
    let meta = &report.meta;
    let has_previous = meta.previous.is_some();
    let last_col = note_col(has_previous);
    ws.set_column_width(STT, 5)?;
    ws.set_column_width(NAME, NAME_WIDTH)?;
    ws.set_column_range_width(FIRST_COUNT, FIRST_RATE - 1, 10)?;
    ws.set_column_range_width(FIRST_RATE, PREVIOUS - 1, 12)?;
    if has_previous {
        ws.set_column_range_width(PREVIOUS, PREVIOUS + 2, 11.5)?;
    }
    ws.set_column_width(last_col, NOTE_WIDTH)?;
    let titles = [
        ("PHỤ LỤC".to_string(), &st.title),
        (
            "TỔNG HỢP TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC CỦA UBND TỈNH".to_string(),
            &st.title,
        ),
        (
            words::capitalise(&crate::period::phrase(&meta.period)),
            &st.title,
        ),
        (span_line(meta), &st.subtitle),
    ];
    heading_block(ws, meta, last_col, &titles, st)?;
    header(ws, meta, st)?;
    let (total_row, agency_ranges) = body(ws, report, st)?;
    let red = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(&st.red);
    for (first, last) in agency_ranges {
        ws.add_conditional_format(first, OVERDUE, last, OVERDUE, &red)?;
    }
    footnote(ws, report, total_row + 2, st)?;
    ws.set_freeze_panes(PROGRAMME_FIRST_BODY_ROW, NAME + 1)?;
    ws.set_repeat_rows(PROGRAMME_HEADER_ROW, PROGRAMME_HEADER_ROW + 1)?;
    super::print_setup(ws);
    Ok(())
}

fn header(ws: &mut Worksheet, meta: &ReportMeta, st: &Styles) -> Result<(), WriterError> {
    let (top, sub) = (PROGRAMME_HEADER_ROW, PROGRAMME_HEADER_ROW + 1);
    let tall = |ws: &mut Worksheet, col: ColNum, text: &str| {
        ws.merge_range(top, col, sub, col, text, &st.header)
            .map(|_| ())
    };
    tall(ws, STT, "STT")?;
    tall(ws, NAME, "Cơ quan chủ trì")?;
    tall(ws, PLANNED, PROGRAMME_COUNTS[0].head)?;
    let postponed = FIRST_RATE - 1;
    tall(ws, postponed, PROGRAMME_COUNTS[8].head)?;
    for (i, (rate, _, _)) in RATES.iter().enumerate() {
        tall(ws, FIRST_RATE + i as ColNum, rate.label())?;
    }
    tall(ws, note_col(meta.previous.is_some()), "Ghi chú")?;
    let group = |ws: &mut Worksheet, first: ColNum, label: &str, parts: &[&str]| {
        let last = first + parts.len() as ColNum - 1;
        ws.merge_range(top, first, top, last, label, &st.header)?;
        for (i, part) in parts.iter().enumerate() {
            ws.write_string_with_format(sub, first + i as ColNum, *part, &st.header)?;
        }
        Ok::<(), WriterError>(())
    };
    group(
        ws,
        SUBMITTED,
        "Đã trình",
        &["Tổng", "Đúng hạn", "Quá hạn", "Đã ban hành"],
    )?;
    group(
        ws,
        NOT_SUBMITTED,
        "Chưa trình",
        &["Tổng", "Quá hạn", "Chưa đến hạn"],
    )?;
    if let Some(previous) = &meta.previous {
        let year = chrono::Datelike::year(&previous.effective_end());
        group(
            ws,
            PREVIOUS,
            &format!("Cùng kỳ năm {year}"),
            &["Phải trình", "Tỷ lệ đã trình", "Tỷ lệ đã ban hành"],
        )?;
    }
    ws.set_row_height(sub, 48)?;
    Ok(())
}

/// One line of the annex.
struct Line<'a> {
    stt: String,
    name: &'a str,
    counts: &'a ProgrammeCounts,
    sum: Sum,
    previous: Option<&'a ProgrammeCounts>,
    note: &'a str,
    is_strong: bool,
}

/// The group and agency rows, then "Tổng cộng"; returns its row and each group's block of
/// agency rows.
fn body(
    ws: &mut Worksheet,
    report: &ProgrammeReport,
    st: &Styles,
) -> Result<(RowNum, Vec<(RowNum, RowNum)>), WriterError> {
    let meta = &report.meta;
    let mut row = PROGRAMME_FIRST_BODY_ROW;
    let (mut group_rows, mut ranges) = (Vec::new(), Vec::new());
    for (g, section) in report.sections.iter().enumerate() {
        let group_row = row;
        for (n, agency) in section.agencies.iter().enumerate() {
            row += 1;
            let line = Line {
                stt: (n + 1).to_string(),
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
            ranges.push((group_row + 1, row));
            Sum::Range(group_row + 1, row)
        } else {
            Sum::Values
        };
        let line = Line {
            stt: crate::vn_number::roman(g + 1),
            name: &section.name,
            counts: &section.subtotal,
            sum,
            previous: section.previous.as_ref(),
            note: "",
            is_strong: true,
        };
        write_line(ws, group_row, &line, meta, st)?;
        group_rows.push(group_row);
        row += 1;
    }
    let total = Line {
        stt: String::new(),
        name: "Tổng cộng",
        counts: &report.total,
        sum: if group_rows.is_empty() {
            Sum::Values
        } else {
            Sum::Rows(group_rows)
        },
        previous: report.previous_total.as_ref(),
        note: "",
        is_strong: true,
    };
    write_line(ws, row, &total, meta, st)?;
    Ok((row, ranges))
}

fn write_line(
    ws: &mut Worksheet,
    row: RowNum,
    line: &Line,
    meta: &ReportMeta,
    st: &Styles,
) -> Result<(), WriterError> {
    let style = if line.is_strong { &st.strong } else { &st.body };
    match line.stt.parse::<f64>() {
        Ok(n) => ws.write_number_with_format(row, STT, n, &style.center)?,
        Err(_) => ws.write_string_with_format(row, STT, &line.stt, &style.center)?,
    };
    ws.write_string_with_format(row, NAME, clip(line.name), &style.text)?;
    for (i, column) in PROGRAMME_COUNTS.iter().enumerate() {
        let col = FIRST_COUNT + i as ColNum;
        let value = (column.value)(line.counts);
        match sum_formula(&line.sum, col) {
            Some(formula) => ws.write_formula_with_format(
                row,
                col,
                Formula::new(formula).set_result(value.to_string()),
                &style.count,
            )?,
            None => ws.write_number_with_format(row, col, value as f64, &style.count)?,
        };
    }
    for (i, (rate, num, den)) in RATES.iter().enumerate() {
        let share = line.counts.rate(*rate);
        let formula = rate_formula(row, *num, &[*den], share, meta.rounding);
        ws.write_formula_with_format(row, FIRST_RATE + i as ColNum, formula, &style.rate)?;
    }
    let has_previous = meta.previous.is_some();
    if has_previous {
        match line.previous {
            Some(before) => {
                ws.write_number_with_format(row, PREVIOUS, before.planned as f64, &style.count)?;
                for (i, rate) in [ProgrammeRate::Submitted, ProgrammeRate::Issued]
                    .iter()
                    .enumerate()
                {
                    let share = shown_share(before.rate(*rate), meta.rounding);
                    number_or_dash(ws, row, PREVIOUS + 1 + i as ColNum, share, &style.rate)?;
                }
            }
            None => {
                ws.write_blank(row, PREVIOUS, &style.count)?;
                for col in PREVIOUS + 1..PREVIOUS + 3 {
                    ws.write_string_with_format(row, col, "-", &style.rate)?;
                }
            }
        }
    }
    ws.write_string_with_format(row, note_col(has_previous), clip(line.note), &style.text)?;
    if let Some(height) = row_height_for(&[(line.name, NAME_WIDTH), (line.note, NOTE_WIDTH)]) {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}

fn footnote(
    ws: &mut Worksheet,
    report: &ProgrammeReport,
    first_row: RowNum,
    st: &Styles,
) -> Result<(), WriterError> {
    let mut lines: Vec<String> = vec![
        "Số nội dung phải trình = đã trình + chưa trình; đã trình = trình đúng hạn + trình quá \
         hạn (đã ban hành là một phần của số đã trình); chưa trình = quá hạn + chưa đến hạn; lùi \
         thời gian trình là số nội dung đã được lùi, đã tính trong các cột trên theo thời hạn mới."
            .to_string(),
    ];
    lines.extend(
        ProgrammeRate::ALL
            .iter()
            .map(|r| r.definition().to_string()),
    );
    lines.push("Tỷ lệ có mẫu số bằng 0 được ghi “-”.".to_string());
    lines.push(reconciliation(report));
    ws.write_string_with_format(first_row, 0, "Ghi chú:", &st.note_bold)?;
    for (i, line) in lines.iter().enumerate() {
        ws.write_string_with_format(first_row + 1 + i as RowNum, 0, line, &st.note)?;
    }
    Ok(())
}

/// A column of the item lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Agency,
    Content,
    Leader,
    Planned,
    PostponedTo,
    PostponedBy,
    Deadline,
    InPeriod,
    Submitted,
    SubmissionNo,
    Issued,
    IssuedDoc,
    Result,
    DaysOverdue,
    DaysLeft,
    StatusText,
    Note,
    Source,
}

impl Col {
    fn head(self) -> (&'static str, f64) {
        match self {
            Col::Agency => ("Cơ quan chủ trì", 26.0),
            Col::Content => ("Nội dung trình", 50.0),
            Col::Leader => ("Lãnh đạo phụ trách", 18.0),
            Col::Planned => ("Thời gian trình (kế hoạch)", 13.0),
            Col::PostponedTo => ("Lùi đến", 13.0),
            Col::PostponedBy => ("Căn cứ lùi", 28.0),
            Col::Deadline => ("Hạn trình áp dụng", 12.0),
            Col::InPeriod => ("Tính trong kỳ", 14.0),
            Col::Submitted => ("Ngày trình", 12.0),
            Col::SubmissionNo => ("Số tờ trình", 14.0),
            Col::Issued => ("Ngày ban hành", 12.0),
            Col::IssuedDoc => ("Văn bản ban hành", 16.0),
            Col::Result => ("Kết quả tại ngày chốt", 22.0),
            Col::DaysOverdue => ("Số ngày quá hạn", 10.0),
            Col::DaysLeft => ("Còn lại (ngày)", 10.0),
            Col::StatusText => ("Tình trạng (theo tệp)", 24.0),
            Col::Note => ("Ghi chú", 24.0),
            Col::Source => ("Nguồn (tệp · sheet · dòng)", 30.0),
        }
    }
}

/// A titled list of items: title on row 1, header on row 2, items from row 3.
struct ListSheet<'a> {
    name: &'a str,
    title: String,
    columns: &'a [Col],
    empty: &'a str,
}

impl ListSheet<'_> {
    fn write(
        &self,
        ws: &mut Worksheet,
        lines: &[&ItemLine],
        report: &ProgrammeReport,
        st: &Styles,
    ) -> Result<(), WriterError> {
        ws.set_name(self.name)?;
        let last_col = self.columns.len() as ColNum;
        ws.merge_range(0, 0, 0, last_col, &self.title, &st.sheet_title)?;
        ws.set_row_height(0, 24)?;
        ws.set_column_width(0, 5)?;
        ws.write_string_with_format(1, 0, "STT", &st.header)?;
        for (i, col) in self.columns.iter().enumerate() {
            let (label, width) = col.head();
            ws.set_column_width(1 + i as ColNum, width)?;
            ws.write_string_with_format(1, 1 + i as ColNum, label, &st.header)?;
        }
        ws.set_row_height(1, HEADER_HEIGHT)?;
        for (n, line) in lines.iter().enumerate() {
            let row = 2 + n as RowNum;
            ws.write_number_with_format(row, 0, (n + 1) as f64, &st.body.center)?;
            let mut texts: Vec<(String, f64)> = Vec::new();
            for (i, col) in self.columns.iter().enumerate() {
                if let Some(text) = cell(ws, row, 1 + i as ColNum, *col, line, report, st)? {
                    texts.push((text, col.head().1));
                }
            }
            let cells: Vec<(&str, f64)> = texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
            if let Some(height) = row_height_for(&cells) {
                ws.set_row_height(row, height)?;
            }
        }
        end_list(ws, lines.len(), last_col, self.empty, st)
    }
}

/// Write one cell of an item list; returns the text written, for the row height.
fn cell(
    ws: &mut Worksheet,
    row: RowNum,
    at: ColNum,
    col: Col,
    line: &ItemLine,
    report: &ProgrammeReport,
    st: &Styles,
) -> Result<Option<String>, WriterError> {
    let text = &st.body.text;
    let shown = |value: Option<&str>| value.map(str::to_string);
    let written = match col {
        Col::Agency => Some(line.agency.clone()),
        Col::Content => shown(line.content.as_deref()),
        Col::Leader => shown(line.leader.as_deref()),
        Col::Planned => shown(line.planned.as_deref()),
        Col::PostponedTo => shown(line.postponed_to.as_deref()),
        Col::PostponedBy => shown(line.postponed_by.as_deref()),
        Col::InPeriod => {
            let p = &report.meta.period;
            let inside = line.deadline >= p.start && line.deadline <= p.end;
            Some(
                if inside {
                    "Có"
                } else {
                    "Không (lùi sang kỳ khác)"
                }
                .to_string(),
            )
        }
        Col::SubmissionNo => shown(line.submission_no.as_deref()),
        Col::IssuedDoc => shown(line.issued_doc.as_deref()),
        Col::Result => Some(result_text(line)),
        Col::StatusText => shown(line.status_text.as_deref()),
        Col::Note => shown(line.note.as_deref()),
        Col::Source => Some(source_text(&line.source)),
        Col::Deadline | Col::Submitted | Col::Issued => {
            let day = match col {
                Col::Deadline => Some(line.deadline),
                Col::Submitted => line.submitted,
                _ => line.issued,
            };
            opt_date(ws, row, at, day, &st.date)?;
            return Ok(None);
        }
        Col::DaysOverdue | Col::DaysLeft => {
            let days = if col == Col::DaysOverdue {
                line.days_overdue
            } else {
                line.days_left
            };
            opt_number(ws, row, at, days.map(|d| d as f64), &st.body.count)?;
            return Ok(None);
        }
    };
    opt_text(ws, row, at, written.as_deref(), text)?;
    Ok(written)
}
