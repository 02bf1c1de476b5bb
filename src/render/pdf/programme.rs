//! The work programme's PDF (issue 14), laid out like the task report: page 1 portrait with
//! the heading block, the title and the body — I. overall results (the summary paragraphs),
//! II. results by agency group, III. overdue and coming-due items, IV. postponed and withdrawn
//! items, V. data quality — then the annexes: I. the per-agency table (landscape, two-row
//! header with a row of column numbers, repeated on every page), II. the overdue items with
//! how long overdue and the items coming due, III. the postponed and withdrawn items.

use super::annex::open_annex;
use super::fonts::Face;
use super::heading::{report_heading, short_rule};
use super::layout::{
    Align, Column, Flow, HeaderCell, NO_BREAK, Orientation, Page, ParaStyle, Row, Table,
    fit_columns,
};
use super::{PdfError, fonts};
use crate::model::{FindingKind, ItemLine, ProgrammeCounts, ProgrammeRate, ProgrammeReport};
use crate::period;
use crate::render::labels::PROGRAMME_COUNTS;
use crate::render::programme_words::{
    overdue_for, reconciliation, result_text, span_line, summary_paragraphs,
};
use crate::render::words::shorten;
use crate::vn_number::{Rounding, count, date, percent};

const BODY_PT: f32 = 10.5;
/// Item contents longer than this are shortened in the lists.
const LIST_CONTENT_CHARS: usize = 300;
/// The PDF lists at most this many items per list; the workbook holds them all.
const PDF_LIST_MAX: usize = 300;

/// The finished PDF of a programme report.
pub fn programme_pdf_bytes(report: &ProgrammeReport) -> Result<Vec<u8>, PdfError> {
    let title = format!(
        "Báo cáo tình hình thực hiện Chương trình công tác {}",
        period::phrase(&report.meta.period)
    );
    super::finished(&title, report.meta.report_date, |fonts| {
        pages(report, fonts)
    })
}

/// The laid-out pages of a programme report (the layout step alone, for tests).
pub fn layout_programme(report: &ProgrammeReport) -> Result<Vec<Page>, PdfError> {
    Ok(pages(report, &fonts::Fonts::load()?))
}

fn pages(report: &ProgrammeReport, fonts: &fonts::Fonts) -> Vec<Page> {
    let mut flow = Flow::new(fonts);
    front_page(&mut flow, report);
    agency_annex(&mut flow, report);
    lists_annex(&mut flow, report);
    moved_annex(&mut flow, report);
    flow.finish()
}

fn body_style() -> ParaStyle {
    ParaStyle::body()
}

fn section_heading(flow: &mut Flow, text: &str) {
    flow.ensure(3.0 * 13.0 * 1.3);
    flow.paragraph(
        text,
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            ..ParaStyle::body()
        },
    );
}

fn note_style() -> ParaStyle {
    ParaStyle {
        size_pt: 11.0,
        face: Face::Italic,
        align: Some(Align::Left),
        first_indent_pt: 0.0,
        line_height: 1.25,
        space_after_pt: 1.0,
    }
}

fn front_page(flow: &mut Flow, report: &ProgrammeReport) {
    let meta = &report.meta;
    flow.new_page(Orientation::Portrait);
    report_heading(
        flow,
        &meta.issuer,
        &meta.issuer_sub,
        &meta.place,
        meta.report_date,
    );
    flow.gap(16.0);
    flow.paragraph("BÁO CÁO", ParaStyle::centered(Face::Bold, 14.0));
    let subject = format!(
        "Tình hình thực hiện Chương trình công tác {} của UBND tỉnh",
        period::phrase(&meta.period).replace("năm ", &format!("năm{NO_BREAK}"))
    );
    flow.paragraph(&subject, ParaStyle::centered(Face::Bold, 14.0));
    let centre = flow.left_pt() + flow.width_pt() / 2.0;
    short_rule(flow, centre, flow.width_pt() / 4.0);
    flow.gap(4.0);
    flow.paragraph(
        &format!(
            "(Số liệu đến hết ngày {})",
            date(meta.period.effective_end())
        ),
        ParaStyle::centered(Face::Italic, 13.0),
    );
    flow.gap(14.0);
    section_heading(flow, "I. Kết quả chung");
    for paragraph in summary_paragraphs(report) {
        flow.paragraph(&paragraph, body_style());
    }
    section_heading(flow, "II. Kết quả theo cơ quan, đơn vị");
    let r = meta.rounding;
    for section in &report.sections {
        flow.paragraph(
            &group_line(&section.name, &section.subtotal, r),
            body_style(),
        );
    }
    flow.paragraph(
        "Kết quả của từng cơ quan, đơn vị và so sánh với cùng kỳ năm trước tại Phụ lục I.",
        body_style(),
    );
    section_heading(
        flow,
        "III. Nội dung chưa trình quá hạn và sắp đến hạn trình",
    );
    flow.paragraph(&lists_paragraph(report), body_style());
    section_heading(
        flow,
        "IV. Nội dung lùi thời gian trình, rút khỏi chương trình",
    );
    flow.paragraph(&moved_paragraph(report), body_style());
    section_heading(flow, "V. Chất lượng dữ liệu");
    flow.paragraph(&quality_paragraph(report), body_style());
}

/// "- Sở, ban, ngành: 120 nội dung phải trình; đã trình 70 (đạt 58,3%), trong đó đúng hạn 60
/// (chiếm 85,7%); đã ban hành 50 (đạt 41,7%); chưa trình 50, trong đó quá hạn 10."
fn group_line(name: &str, c: &ProgrammeCounts, r: Rounding) -> String {
    let on_time = if c.submitted > 0 {
        format!(
            ", trong đó đúng hạn {} (chiếm {})",
            count(c.on_time),
            percent(c.rate(ProgrammeRate::OnTime), r)
        )
    } else {
        String::new()
    };
    format!(
        "- {name}: {} nội dung phải trình; đã trình {} (đạt {}){on_time}; đã ban hành {} (đạt \
         {}); chưa trình {}, trong đó quá hạn {}.",
        count(c.planned),
        count(c.submitted),
        percent(c.rate(ProgrammeRate::Submitted), r),
        count(c.issued),
        percent(c.rate(ProgrammeRate::Issued), r),
        count(c.not_submitted),
        count(c.overdue),
    )
}

fn agencies_of(lines: &[ItemLine]) -> usize {
    let mut names: Vec<&str> = lines.iter().map(|l| l.agency.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

fn lists_paragraph(report: &ProgrammeReport) -> String {
    let cut = date(report.meta.period.effective_end());
    let overdue = if report.overdue.is_empty() {
        format!("Đến hết ngày {cut} không có nội dung chưa trình quá hạn")
    } else {
        format!(
            "Đến hết ngày {cut} còn {} nội dung chưa trình đã quá hạn của {} cơ quan, đơn vị",
            count(report.overdue.len() as u64),
            count(agencies_of(&report.overdue) as u64)
        )
    };
    format!(
        "{overdue}; {} nội dung đến hạn trình từ {cut} đến {}. Danh mục chi tiết, kèm thời gian \
         quá hạn của từng nội dung, tại Phụ lục II.",
        count(report.due_soon.len() as u64),
        date(report.due_soon_until)
    )
}

fn moved_paragraph(report: &ProgrammeReport) -> String {
    format!(
        "Trong kỳ có {} nội dung được lùi thời gian trình (tính theo thời hạn mới), {} nội dung \
         có thời hạn trình trong kỳ đã lùi sang kỳ khác và {} nội dung được rút khỏi chương \
         trình (không tính vào số liệu). Danh mục tại Phụ lục III.",
        count(report.total.postponed),
        count(report.postponed_out.len() as u64),
        count(report.withdrawn.len() as u64)
    )
}

fn quality_paragraph(report: &ProgrammeReport) -> String {
    let n =
        |kind: FindingKind| count(report.findings.iter().filter(|f| f.kind == kind).count() as u64);
    format!(
        "Khi tổng hợp có {} dòng không đủ thông tin nên không tính (thiếu cơ quan chủ trì, thời \
         gian trình, hoặc ghi đã trình mà không có ngày trình), {} dòng có tình trạng mâu thuẫn \
         với ngày tháng (tính theo ngày), {} ô không đọc được và {} tên cơ quan không có trong \
         danh mục. Từng dòng, kèm tệp, sheet và số dòng, tại sheet «Kiểm tra dữ liệu» của tệp \
         Excel.",
        n(FindingKind::Excluded),
        n(FindingKind::Contradiction),
        n(FindingKind::BadCell),
        n(FindingKind::UnknownAgency),
    )
}

/// The figures of one annex line: the nine counts, then the three rates.
fn figure_cells(c: &ProgrammeCounts, r: Rounding) -> Vec<String> {
    let counts = PROGRAMME_COUNTS.iter().map(|col| count((col.value)(c)));
    let rates = ProgrammeRate::ALL.iter().map(|&x| percent(c.rate(x), r));
    counts.chain(rates).collect()
}

fn landscape_width() -> f32 {
    let o = Orientation::Landscape;
    o.size_pt().0 - o.margins().left_pt - o.margins().right_pt
}

/// The per-agency table: STT | Cơ quan chủ trì | Phải trình | Đã trình (Tổng, Đúng hạn,
/// Quá hạn, Đã ban hành) | Chưa trình (Tổng, Quá hạn, Chưa đến hạn) | Lùi thời gian trình |
/// the three rates | Ghi chú.
pub fn agency_table(report: &ProgrammeReport) -> Table {
    let r = report.meta.rounding;
    let mut spec = vec![(Some(28.0), Align::Center), (None, Align::Left)];
    spec.extend([(Some(36.0), Align::Right); 9]);
    spec.extend([(Some(44.0), Align::Right); 3]);
    // A wide note column: restated agencies carry "Gồm cả nội dung của …".
    spec.push((Some(124.0), Align::Left));
    let columns = fit_columns(landscape_width(), &spec);
    let mut header = vec![
        HeaderCell::new("STT", 0, 0, 2, 1),
        HeaderCell::new("Cơ quan chủ trì", 0, 1, 2, 1),
        HeaderCell::new(PROGRAMME_COUNTS[0].head, 0, 2, 2, 1),
        HeaderCell::new("Đã trình", 0, 3, 1, 4),
        HeaderCell::new("Chưa trình", 0, 7, 1, 3),
        HeaderCell::new(PROGRAMME_COUNTS[8].head, 0, 10, 2, 1),
        HeaderCell::new("Ghi chú", 0, 14, 2, 1),
    ];
    for (i, rate) in ProgrammeRate::ALL.iter().enumerate() {
        header.push(HeaderCell::new(rate.label(), 0, 11 + i, 2, 1));
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
        header.push(HeaderCell::new(label, 1, 3 + i, 1, 1));
    }
    // The sums are spelled out in the note under the table: they do not fit these columns.
    let numbers: Vec<String> = (1..=15).map(|n| format!("({n})")).collect();
    for (i, label) in numbers.iter().enumerate() {
        header.push(HeaderCell {
            face: Face::Italic,
            size_pt: 7.5,
            ..HeaderCell::new(label, 2, i, 1, 1)
        });
    }
    let mut rows = Vec::new();
    for (g, section) in report.sections.iter().enumerate() {
        let mut cells = vec![crate::vn_number::roman(g + 1), section.name.clone()];
        cells.extend(figure_cells(&section.subtotal, r));
        cells.push(String::new());
        rows.push(Row::bold(cells));
        for (i, agency) in section.agencies.iter().enumerate() {
            let mut cells = vec![(i + 1).to_string(), agency.name.clone()];
            cells.extend(figure_cells(&agency.counts, r));
            cells.push(agency.note.clone());
            rows.push(Row::plain(cells));
        }
    }
    let mut cells = vec![String::new(), "Tổng cộng".to_string()];
    cells.extend(figure_cells(&report.total, r));
    cells.push(String::new());
    rows.push(Row::bold(cells));
    Table {
        columns,
        header_rows: 3,
        header,
        rows,
        body_size_pt: 9.5,
        header_fill_gray: 0.9,
    }
}

fn agency_annex(flow: &mut Flow, report: &ProgrammeReport) {
    let meta = &report.meta;
    open_annex(
        flow,
        Orientation::Landscape,
        "PHỤ LỤC I",
        &format!(
            "TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC {} THEO CƠ QUAN CHỦ TRÌ",
            period::phrase(&meta.period).to_uppercase()
        ),
        &span_line(meta),
    );
    flow.table(&agency_table(report));
    flow.gap(6.0);
    // The notes (about ten lines) stay together.
    flow.ensure(10.0 * 14.0);
    flow.paragraph("Ghi chú:", note_style());
    flow.paragraph(
        "- (3) = (4) + (8): số nội dung phải trình = đã trình + chưa trình; (4) = (5) + (6): đã \
         trình = trình đúng hạn + trình quá hạn, (7) đã ban hành là một phần của (4); (8) = (9) + \
         (10): chưa trình = quá hạn + chưa đến hạn; (11) lùi thời gian trình, đã tính trong các \
         cột trên theo thời hạn mới.",
        note_style(),
    );
    for rate in ProgrammeRate::ALL {
        flow.paragraph(&format!("- {}.", rate.definition()), note_style());
    }
    flow.paragraph(
        "- Tỷ lệ có mẫu số bằng 0 ghi “-”; nội dung chưa trình quá hạn hay chưa đến hạn xác định \
         tại ngày chốt số liệu; lùi thời gian trình là số nội dung đã được lùi, tính theo thời \
         hạn mới.",
        note_style(),
    );
    if let Some(previous) = report.previous_total.filter(|p| p.planned > 0) {
        flow.paragraph(
            &format!(
                "- Cùng kỳ năm trước: {} nội dung phải trình, tỷ lệ đã trình {}, tỷ lệ đã ban hành {}.",
                count(previous.planned),
                percent(previous.rate(ProgrammeRate::Submitted), meta.rounding),
                percent(previous.rate(ProgrammeRate::Issued), meta.rounding)
            ),
            note_style(),
        );
    }
    flow.paragraph(&format!("- {}", reconciliation(report)), note_style());
}

/// What the last column of an item list shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Overdue,
    Left,
}

/// An item list by agency (a band per agency, items numbered through).
fn item_table(lines: &[ItemLine], last: Last) -> Table {
    let spec = [
        (Some(26.0), Align::Center),
        (None, Align::Left),
        (Some(110.0), Align::Left),
        (Some(70.0), Align::Center),
        (Some(62.0), Align::Center),
        (Some(110.0), Align::Left),
    ];
    let columns = fit_columns(landscape_width(), &spec);
    let last_head = match last {
        Last::Overdue => "Thời gian quá hạn",
        Last::Left => "Số ngày còn lại",
    };
    let header = HeaderCell::one_row(&[
        "STT",
        "Nội dung trình",
        "Lãnh đạo phụ trách",
        "Thời gian trình",
        "Hạn trình áp dụng",
        last_head,
    ]);
    let mut rows = Vec::new();
    let mut agencies: Vec<&str> = Vec::new();
    for line in lines {
        if !agencies.contains(&line.agency.as_str()) {
            agencies.push(&line.agency);
        }
    }
    let mut n = 0;
    for agency in agencies {
        let of: Vec<&ItemLine> = lines.iter().filter(|l| l.agency == agency).collect();
        rows.push(Row::band(format!(
            "{agency} ({} nội dung)",
            count(of.len() as u64)
        )));
        for line in of {
            n += 1;
            let last = match last {
                Last::Overdue => line.days_overdue.map(overdue_for),
                Last::Left => line.days_left.map(|d| count(d.max(0) as u64)),
            };
            rows.push(Row::plain(vec![
                n.to_string(),
                shorten(
                    line.content.as_deref().unwrap_or_default(),
                    LIST_CONTENT_CHARS,
                ),
                line.leader.clone().unwrap_or_default(),
                planned_text(line),
                date(line.deadline),
                last.unwrap_or_default(),
            ]));
        }
    }
    list_table(columns, header, rows)
}

/// A list's table: a one-row header over body rows at the list size.
fn list_table(columns: Vec<Column>, header: Vec<HeaderCell>, rows: Vec<Row>) -> Table {
    Table {
        columns,
        header_rows: 1,
        header,
        rows,
        body_size_pt: BODY_PT,
        header_fill_gray: 0.9,
    }
}

/// "Tháng 3/2025", or "Tháng 3/2025 → Tháng 6/2025" when postponed.
fn planned_text(line: &ItemLine) -> String {
    let planned = line.planned.clone().unwrap_or_default();
    match &line.postponed_to {
        Some(to) => format!("{planned} → {to}"),
        None => planned,
    }
}

/// A list capped at [`PDF_LIST_MAX`] items, with a line saying where the rest is.
fn capped(flow: &mut Flow, lines: &[ItemLine], table: impl Fn(&[ItemLine]) -> Table, sheet: &str) {
    let shown = &lines[..lines.len().min(PDF_LIST_MAX)];
    flow.table(&table(shown));
    if lines.len() > shown.len() {
        flow.paragraph(
            &format!(
                "… và {} nội dung khác; danh sách đầy đủ ở sheet «{sheet}» của tệp Excel.",
                count((lines.len() - shown.len()) as u64)
            ),
            note_style(),
        );
    }
}

fn list_heading(flow: &mut Flow, title: &str, subtitle: &str) {
    flow.gap(16.0);
    flow.ensure(120.0);
    flow.paragraph(title, ParaStyle::centered(Face::Bold, 13.0));
    flow.paragraph(subtitle, ParaStyle::centered(Face::Italic, 12.0));
    flow.gap(8.0);
}

fn lists_annex(flow: &mut Flow, report: &ProgrammeReport) {
    let cut = date(report.meta.period.effective_end());
    open_annex(
        flow,
        Orientation::Landscape,
        "PHỤ LỤC II",
        "DANH MỤC NỘI DUNG CHƯA TRÌNH ĐÃ QUÁ HẠN",
        &format!(
            "(Tính đến hết ngày {cut}: {} nội dung, quá hạn lâu nhất trước)",
            count(report.overdue.len() as u64)
        ),
    );
    if report.overdue.is_empty() {
        flow.paragraph("Không có nội dung chưa trình quá hạn.", note_style());
    } else {
        capped(
            flow,
            &report.overdue,
            |l| item_table(l, Last::Overdue),
            "Quá hạn",
        );
    }
    list_heading(
        flow,
        "DANH MỤC NỘI DUNG SẮP ĐẾN HẠN TRÌNH",
        &format!(
            "(Hạn trình từ {cut} đến {}: {} nội dung)",
            date(report.due_soon_until),
            count(report.due_soon.len() as u64)
        ),
    );
    if report.due_soon.is_empty() {
        flow.paragraph(
            "Không có nội dung đến hạn trình trong thời gian này.",
            note_style(),
        );
    } else {
        capped(
            flow,
            &report.due_soon,
            |l| item_table(l, Last::Left),
            "Sắp đến hạn",
        );
    }
}

/// The postponed or withdrawn items: STT | Cơ quan chủ trì | Nội dung | Thời gian trình |
/// Lùi đến / căn cứ | Kết quả.
fn moved_table(lines: &[ItemLine], is_withdrawn: bool) -> Table {
    let spec = [
        (Some(26.0), Align::Center),
        (Some(110.0), Align::Left),
        (None, Align::Left),
        (Some(70.0), Align::Center),
        (Some(130.0), Align::Left),
        (Some(96.0), Align::Left),
    ];
    let columns = fit_columns(landscape_width(), &spec);
    let fifth = if is_withdrawn {
        "Căn cứ"
    } else {
        "Lùi đến; căn cứ"
    };
    let header = HeaderCell::one_row(&[
        "STT",
        "Cơ quan chủ trì",
        "Nội dung trình",
        "Thời gian trình",
        fifth,
        "Kết quả tại ngày chốt",
    ]);
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
                shorten(
                    line.content.as_deref().unwrap_or_default(),
                    LIST_CONTENT_CHARS,
                ),
                line.planned.clone().unwrap_or_default(),
                fifth,
                result_text(line),
            ])
        })
        .collect();
    list_table(columns, header, rows)
}

fn moved_annex(flow: &mut Flow, report: &ProgrammeReport) {
    open_annex(
        flow,
        Orientation::Landscape,
        "PHỤ LỤC III",
        "DANH MỤC NỘI DUNG LÙI THỜI GIAN TRÌNH, RÚT KHỎI CHƯƠNG TRÌNH",
        &format!(
            "({} nội dung lùi thời gian trình trong kỳ; {} nội dung lùi sang kỳ khác; {} nội dung \
             rút khỏi chương trình)",
            count(report.postponed.len() as u64),
            count(report.postponed_out.len() as u64),
            count(report.withdrawn.len() as u64)
        ),
    );
    let lists: [(&str, &[ItemLine], bool, &str); 3] = [
        (
            "1. Nội dung được lùi thời gian trình, vẫn trong kỳ",
            &report.postponed,
            false,
            "Không có.",
        ),
        (
            "2. Nội dung có thời hạn trình trong kỳ, đã lùi sang kỳ khác (không tính trong kỳ)",
            &report.postponed_out,
            false,
            "Không có.",
        ),
        (
            "3. Nội dung rút khỏi chương trình (không tính)",
            &report.withdrawn,
            true,
            "Không có.",
        ),
    ];
    for (title, lines, is_withdrawn, none) in lists {
        flow.gap(6.0);
        flow.ensure(80.0);
        flow.paragraph(
            title,
            ParaStyle {
                face: Face::Bold,
                align: Some(Align::Left),
                first_indent_pt: 0.0,
                ..ParaStyle::body()
            },
        );
        if lines.is_empty() {
            flow.paragraph(none, note_style());
        } else {
            capped(
                flow,
                lines,
                |l| moved_table(l, is_withdrawn),
                if is_withdrawn {
                    "Rút khỏi chương trình"
                } else {
                    "Lùi thời gian trình"
                },
            );
        }
    }
}
