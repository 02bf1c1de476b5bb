//! Normalize: raw sheets in, task rows out. Finds the header row by known column names
//! (tolerant of case, diacritics, tone placement, punctuation, spaces and line breaks),
//! merges a two-row header under group labels such as "Kết quả thực hiện", skips title rows,
//! column-number rows, blank rows, sub-total and note rows, and turns each task row into a
//! [`RawTask`]: NFC text, parsed dates, the deadline cell's meaning, the status text's meaning.
//! Rows it skips and cells it cannot read become [`Finding`]s, never silent losses.

mod cells;
mod fill;
mod headers;

pub use cells::{cell_date, is_no_date_text, parse_status};
use cells::{deadline_date, is_key_flag};
pub(crate) use fill::FillDown;
use headers::HEADER_SCAN_ROWS;
pub use headers::{Columns, Field, HeaderIndex, Layout, find_columns, find_layout, match_header};

use crate::model::Text;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ingest::RowSink;
use crate::model::{
    Cell, CellRef, Deadline, Finding, FindingKind, MergedArea, RawSheet, RawTask, SourceLoc,
    StatusText,
};
use crate::vn_text::{clean, fold};

/// Which task texts (task id, document number, content, cooperating agencies) a load keeps:
/// figures need none, and a report lists only the tasks of its period. The repeated names
/// (agency, leader, tracking officer, status) are always kept: they are shared copies, and
/// figures are keyed by them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Texts {
    #[default]
    All,
    None,
    /// Only for tasks dated (assignment date, else document date) on or after this day, and
    /// for tasks with no date at all.
    From(NaiveDate),
}

impl Texts {
    /// The texts a report on `period` lists: those of the tasks in it. By assignment date
    /// ([`crate::classify::in_period`]), nothing assigned before the period; by deadline, any
    /// task may fall in it.
    pub fn of_period(period: &crate::model::Period, basis: crate::model::Basis) -> Texts {
        match basis {
            crate::model::Basis::Assigned => Texts::From(period.start),
            crate::model::Basis::Due => Texts::All,
        }
    }

    /// Whether a task dated `dated` (its assignment date, else its document date — the date
    /// [`crate::classify::in_period`] goes by) keeps its texts.
    pub fn keeps(self, dated: Option<NaiveDate>) -> bool {
        match self {
            Texts::All => true,
            Texts::None => false,
            Texts::From(day) => dated.is_none_or(|d| d >= day),
        }
    }
}

/// Tasks and findings from one file's sheets.
#[derive(Debug, Default)]
pub struct Normalized {
    pub tasks: Vec<RawTask>,
    pub findings: Vec<Finding>,
    /// Sheets that held a task table.
    pub task_sheets: usize,
    /// What the file says about itself (export date, span) in its titles and notes.
    pub stated: Vec<crate::model::Stated>,
}

/// Rows kept while looking for the header: the header must start in the first
/// [`HEADER_SCAN_ROWS`] rows; a second header row and a column-number row may follow it.
const HEAD_ROWS: usize = HEADER_SCAN_ROWS + 3;

/// Normalises rows as they stream in: it holds the first rows of a sheet until the header is
/// found, then turns every following row into a task at once (no sheet is held in memory).
#[derive(Default)]
pub struct Normalizer {
    pub out: Normalized,
    /// Which task texts to keep.
    pub texts: Texts,
    sheet: Option<SheetState>,
    /// The sheets the reader said are hidden (file, sheet): noted if they hold a task table.
    hidden: Vec<(Text, Text)>,
}

struct SheetState {
    head: RawSheet,
    /// Decided once enough rows were seen: `Some` for a task sheet.
    layout: Option<Option<Layout>>,
    interner: Interner,
    fill: FillDown,
}

/// One shared copy per distinct text of the repeated columns (agency, leader, status …),
/// and the meaning of each distinct status text (a sheet has a dozen, repeated on every row).
#[derive(Default)]
struct Interner {
    texts: std::collections::HashSet<Text, foldhash::fast::RandomState>,
    statuses: HashMap<Text, Option<StatusText>, foldhash::fast::RandomState>,
}

impl Interner {
    /// The shared, cleaned copy of a cell's text; no allocation when the text was seen
    /// already in clean form (the common case).
    fn get(&mut self, raw: &str) -> Option<Text> {
        if let Some(found) = self.texts.get(raw) {
            return Some(found.clone());
        }
        let cleaned = crate::vn_text::clean(raw)?;
        if let Some(found) = self.texts.get(cleaned.as_str()) {
            return Some(found.clone());
        }
        let shared: Text = cleaned.into();
        self.texts.insert(shared.clone());
        Some(shared)
    }

    fn status(&mut self, raw: &Text) -> Option<StatusText> {
        *self
            .statuses
            .entry(raw.clone())
            .or_insert_with(|| parse_status(raw))
    }
}

impl Normalizer {
    pub fn new(texts: Texts) -> Self {
        Normalizer {
            texts,
            ..Normalizer::default()
        }
    }

    fn decide(&mut self) {
        let Some(state) = self.sheet.as_mut() else {
            return;
        };
        if state.layout.is_some() {
            return;
        }
        let layout = find_layout(&state.head);
        // Title rows above the header (or every row read of a sheet without one) may say
        // when the file was exported.
        let above = layout
            .as_ref()
            .map_or(state.head.rows.len(), |l| l.data_start);
        for (r, row) in state.head.rows.iter().enumerate().take(above) {
            let source = SourceLoc {
                file: state.head.file.clone(),
                sheet: state.head.sheet.clone(),
                row: r + 1,
            };
            stated_in(&source, row.iter().filter_map(Cell::text), &mut self.out);
        }
        if let Some(layout) = &layout {
            self.out.task_sheets += 1;
            let rows = std::mem::take(&mut state.head.rows);
            for (r, row) in rows.iter().enumerate().skip(layout.data_start) {
                let cells: Vec<CellRef<'_>> = row.iter().map(Cell::as_ref).collect();
                let filled = state.fill.fill(r, &cells, |c| layout.uses(c));
                process_row(
                    &state.head,
                    layout,
                    &mut state.interner,
                    r,
                    filled.as_deref().unwrap_or(&cells),
                    self.texts,
                    &mut self.out,
                );
            }
        }
        state.layout = Some(layout);
    }
}

impl RowSink for Normalizer {
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>) {
        let fill = FillDown::new(&merged);
        // The header is looked for in the first rows only.
        let mut merged = merged;
        merged.retain(|m| m.first_row < HEAD_ROWS);
        self.sheet = Some(SheetState {
            fill,
            head: RawSheet {
                file: file.clone(),
                sheet: sheet.cloned(),
                rows: Vec::new(),
                merged,
            },
            layout: None,
            interner: Interner::default(),
        });
    }

    fn row(&mut self, index: usize, cells: &[CellRef<'_>]) {
        let Some(state) = self.sheet.as_mut() else {
            return;
        };
        match &state.layout {
            None if index < HEAD_ROWS => {
                if state.head.rows.len() <= index {
                    state.head.rows.resize_with(index + 1, Vec::new);
                }
                state.head.rows[index] = cells.iter().map(CellRef::to_owned_cell).collect();
            }
            None => {
                self.decide();
                self.row(index, cells);
            }
            Some(Some(_)) => {
                let SheetState {
                    head,
                    layout: Some(Some(layout)),
                    interner,
                    fill,
                } = state
                else {
                    return;
                };
                let filled = fill.fill(index, cells, |c| layout.uses(c));
                process_row(
                    head,
                    layout,
                    interner,
                    index,
                    filled.as_deref().unwrap_or(cells),
                    self.texts,
                    &mut self.out,
                );
            }
            Some(None) => {}
        }
    }

    fn merged_area(&mut self, area: MergedArea) {
        if let Some(state) = self.sheet.as_mut() {
            state.fill.add(&area);
            // The header is looked for in the first rows only.
            if area.first_row < HEAD_ROWS {
                state.head.merged.push(area);
            }
        }
    }

    fn skipped_sheet(&mut self, file: &Text, sheet: &Text, reason: &str) {
        self.out.findings.push(Finding {
            kind: FindingKind::SkippedSheet,
            source: SourceLoc {
                file: file.clone(),
                sheet: Some(sheet.clone()),
                row: 0,
            },
            message: reason.to_string(),
        });
    }

    fn hidden_sheet(&mut self, file: &Text, sheet: &Text) {
        self.hidden.push((file.clone(), sheet.clone()));
    }

    fn end_sheet(&mut self) {
        self.decide();
        if let Some(state) = self
            .sheet
            .as_ref()
            .filter(|s| matches!(s.layout, Some(Some(_))))
            && let Some(sheet) = &state.head.sheet
            && self
                .hidden
                .iter()
                .any(|(file, name)| *file == state.head.file && name == sheet)
        {
            self.out.findings.push(Finding {
                kind: FindingKind::HiddenSheet,
                source: SourceLoc {
                    file: state.head.file.clone(),
                    sheet: Some(sheet.clone()),
                    row: 0,
                },
                message: HIDDEN_SHEET.to_string(),
            });
        }
        if let Some(state) = self.sheet.take().filter(|s| s.layout == Some(None)) {
            self.out.findings.push(Finding {
                kind: FindingKind::SkippedSheet,
                source: SourceLoc {
                    file: state.head.file,
                    sheet: state.head.sheet,
                    row: 0,
                },
                message: "không tìm thấy dòng tiêu đề cột của danh sách nhiệm vụ".to_string(),
            });
        }
    }
}

/// Turn every sheet with a task header into task rows; sheets without one are noted.
pub fn tasks_from_sheets(sheets: &[RawSheet]) -> Normalized {
    let mut n = Normalizer::default();
    for sheet in sheets {
        n.begin_sheet(&sheet.file, sheet.sheet.as_ref(), sheet.merged.clone());
        for (r, row) in sheet.rows.iter().enumerate() {
            let cells: Vec<CellRef<'_>> = row.iter().map(Cell::as_ref).collect();
            n.row(r, &cells);
        }
        n.end_sheet();
    }
    n.out
}

/// What a hidden sheet with a task table is told.
const HIDDEN_SHEET: &str = "sheet đang ẩn trong tệp: vẫn được đọc và tính như mọi sheet; nếu đó là bản sao hay số liệu cũ, hãy xoá sheet hoặc chuyển ra tệp khác";

/// Why a row that repeats the header further down is skipped.
pub(crate) const REPEATED_HEADER: &str =
    "dòng lặp lại tiêu đề cột (danh sách dán nối tiếp, hoặc kết xuất theo từng trang)";

/// Fields that make a row a task candidate when at least two carry a value.
const CONTENT_FIELDS: [Field; 10] = [
    Field::TaskId,
    Field::DocNumber,
    Field::DocDate,
    Field::Summary,
    Field::Agency,
    Field::Assigned,
    Field::Deadline,
    Field::Extended,
    Field::Completed,
    Field::Status,
];

fn process_row(
    head: &RawSheet,
    layout: &Layout,
    interner: &mut Interner,
    r: usize,
    row: &[CellRef<'_>],
    texts: Texts,
    out: &mut Normalized,
) {
    if row.iter().all(CellRef::is_empty) {
        return;
    }
    let source = SourceLoc {
        file: head.file.clone(),
        sheet: head.sheet.clone(),
        row: r + 1,
    };
    let get = |f: Field| {
        layout
            .column(f)
            .and_then(|c| row.get(c))
            .filter(|c| !c.is_empty())
    };
    if layout.header.repeated_by(row) {
        out.findings
            .push(skipped(source, REPEATED_HEADER.to_string()));
        return;
    }
    if let Some(label) = total_label(row) {
        out.findings
            .push(skipped(source, format!("dòng tổng hợp «{label}»")));
        return;
    }
    let filled = CONTENT_FIELDS.iter().filter(|f| get(**f).is_some()).count();
    if filled < 2 {
        stated_in(&source, row.iter().filter_map(CellRef::as_text), out);
        let text = row.iter().find_map(CellRef::text).unwrap_or_default();
        out.findings.push(skipped(
            source,
            format!("dòng ghi chú hoặc tiêu đề nhóm «{}»", shorten(&text, 80)),
        ));
        return;
    }
    out.tasks.push(task_from_row(
        &get,
        layout,
        interner,
        source,
        texts,
        &mut out.findings,
    ));
}

/// What the texts of a row that is not a task (a title, a note) say about the file's export
/// date or span (SPEC §9).
fn stated_in<S: AsRef<str>>(
    source: &SourceLoc,
    texts: impl Iterator<Item = S>,
    out: &mut Normalized,
) {
    for text in texts {
        let statement = crate::coverage::stated::statement(text.as_ref());
        if statement.exported.is_some() || statement.span.is_some() {
            out.stated.push(crate::model::Stated {
                source: source.clone(),
                statement,
            });
        }
    }
}

fn skipped(source: SourceLoc, message: String) -> Finding {
    Finding {
        kind: FindingKind::SkippedRow,
        source,
        message,
    }
}

pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    let clean = clean(text).unwrap_or_default();
    if clean.chars().count() <= max_chars {
        clean
    } else {
        format!("{}…", clean.chars().take(max_chars).collect::<String>())
    }
}

/// "Tổng cộng", "Tổng số", "Cộng", "Tổng" in one of the first cells marks a sub-total row.
pub(crate) fn total_label(row: &[CellRef<'_>]) -> Option<String> {
    // Only short texts starting with T or C can say it (checked before the costly fold).
    let may_be_total = |t: &str| t.len() < 60 && t.trim_start().starts_with(['T', 't', 'C', 'c']);
    row.iter().take(4).find_map(|cell| match cell {
        CellRef::Text(t) if may_be_total(t) => {
            let f = fold(t);
            // "Cộng" folds like "Công" (Công an tỉnh, Công văn, Công tác …): its tone decides.
            let is_sum = || clean(t).is_some_and(|c| c.to_lowercase().starts_with("cộng"));
            let is_total = f == "tong"
                || f.starts_with("tong cong")
                || f.starts_with("tong so")
                || ((f == "cong" || f.starts_with("cong ")) && is_sum());
            is_total.then(|| clean(t).unwrap_or_default())
        }
        _ => None,
    })
}

/// A task row's cells by field (`None` for a missing column or an empty cell).
type RowCells<'g, 'a> = &'g dyn Fn(Field) -> Option<&'a CellRef<'a>>;

/// One task from a row already known to be a task row: its dates, names, deadline, status and
/// keys; every cell it cannot read becomes a finding (in column order: dates, deadline,
/// status).
fn task_from_row<'a>(
    get: RowCells<'_, 'a>,
    layout: &Layout,
    interner: &mut Interner,
    source: SourceLoc,
    texts: Texts,
    findings: &mut Vec<Finding>,
) -> RawTask {
    let raw = |f: Field| get(f).and_then(CellRef::as_text);
    let dates = RowDates::read(get, &source, findings);
    // Texts not kept are not even copied; their keys are hashed from the raw cells (folding
    // ignores spacing and normal form).
    let drop_texts = !texts.keeps(dates.assigned.or(dates.doc_date));
    let owned = |f: Field| {
        if drop_texts {
            None
        } else {
            raw(f).and_then(|t| crate::vn_text::clean_shared(&t))
        }
    };
    let mut shared = |f: Field| raw(f).and_then(|t| interner.get(&t));
    let (leader, agency, status_raw, officer) = (
        shared(Field::Leader),
        shared(Field::Agency),
        shared(Field::Status),
        shared(Field::Officer),
    );
    let cooperating = if drop_texts {
        None
    } else {
        shared(Field::Cooperating)
    };
    let deadline = read_deadline(get, layout, &source, findings);
    let status_text = read_status(interner, status_raw.as_ref(), &source, findings);
    let (match_key, id_key) = row_keys(get, dates.doc_date);
    let mut task = RawTask {
        task_id: owned(Field::TaskId),
        doc_number: owned(Field::DocNumber),
        doc_date: dates.doc_date,
        summary: owned(Field::Summary),
        leader,
        agency,
        cooperating,
        assigned: dates.assigned,
        deadline,
        extended: dates.extended,
        completed: dates.completed,
        status_text,
        status_raw,
        is_key: raw(Field::Key).is_some_and(|t| is_key_flag(&t)),
        officer,
        updated: dates.updated,
        source,
        match_key,
        id_key,
        info: 0,
    };
    task.info = (task.information() + texts_not_copied(get, drop_texts)) as u8;
    task
}

/// The date cells of a task row other than the deadline.
struct RowDates {
    doc_date: Option<NaiveDate>,
    assigned: Option<NaiveDate>,
    extended: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    updated: Option<NaiveDate>,
}

impl RowDates {
    /// A cell that is neither a date nor a "no date" text is a finding, and no date.
    fn read(get: RowCells<'_, '_>, source: &SourceLoc, findings: &mut Vec<Finding>) -> Self {
        let mut date = |f: Field, label: &str| -> Option<NaiveDate> {
            let cell = get(f)?;
            let parsed = cell_date(cell);
            if parsed.is_none() && !is_no_date_text(cell) {
                findings.push(bad_cell(source, label, cell));
            }
            parsed
        };
        RowDates {
            doc_date: date(Field::DocDate, "Ngày văn bản"),
            assigned: date(Field::Assigned, "Ngày giao"),
            extended: date(Field::Extended, "Hạn gia hạn"),
            completed: date(Field::Completed, "Ngày hoàn thành"),
            updated: date(Field::Updated, "Ngày cập nhật"),
        }
    }
}

/// The deadline cell's meaning: no deadline column at all is `Unknown`; an empty cell or a
/// "no deadline" text is `NoDeadline`; a cell that is no date is a finding and `Unknown`.
fn read_deadline(
    get: RowCells<'_, '_>,
    layout: &Layout,
    source: &SourceLoc,
    findings: &mut Vec<Finding>,
) -> Deadline {
    match get(Field::Deadline) {
        _ if layout.column(Field::Deadline).is_none() => Deadline::Unknown,
        None => Deadline::NoDeadline,
        Some(cell) => match deadline_date(cell) {
            Some(d) => Deadline::Date(d),
            None if is_no_date_text(cell) => Deadline::NoDeadline,
            None => {
                findings.push(bad_cell(source, "Hạn xử lý", cell));
                Deadline::Unknown
            }
        },
    }
}

/// The status text's meaning; a text it does not understand is a finding and is ignored.
fn read_status(
    interner: &mut Interner,
    status_raw: Option<&Text>,
    source: &SourceLoc,
    findings: &mut Vec<Finding>,
) -> Option<StatusText> {
    let raw = status_raw?;
    let status_text = interner.status(raw);
    if status_text.is_none() {
        findings.push(Finding {
            kind: FindingKind::BadCell,
            source: source.clone(),
            message: format!("cột Trạng thái: không hiểu «{raw}», bỏ qua trạng thái này"),
        });
    }
    status_text
}

/// The duplicate-matching keys: document number + date + content, and the task id.
fn row_keys(
    get: RowCells<'_, '_>,
    doc_date: Option<NaiveDate>,
) -> (Option<crate::model::Key>, Option<crate::model::Key>) {
    let raw = |f: Field| get(f).and_then(CellRef::as_text);
    let match_key = match (raw(Field::DocNumber), raw(Field::Summary)) {
        (Some(doc), Some(content)) => Some(crate::model::match_key(&doc, doc_date, &content)),
        _ => None,
    };
    let id_key = raw(Field::TaskId).as_deref().map(crate::model::id_key);
    (match_key, id_key)
}

/// The texts a load without texts did not copy, counted so that the information count is as
/// if every text had been kept: a load without texts then picks the same winner of a
/// duplicate merge as a full one.
fn texts_not_copied(get: RowCells<'_, '_>, drop_texts: bool) -> usize {
    let not_kept = [
        Field::TaskId,
        Field::DocNumber,
        Field::Summary,
        Field::Cooperating,
    ];
    if drop_texts {
        not_kept.iter().filter(|f| get(**f).is_some()).count()
    } else {
        0
    }
}

fn bad_cell(source: &SourceLoc, column: &str, cell: &CellRef<'_>) -> Finding {
    Finding {
        kind: FindingKind::BadCell,
        source: source.clone(),
        message: format!(
            "cột {column}: «{}» không phải ngày tháng",
            cell.text().unwrap_or_default()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MergedArea;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn sheet(rows: Vec<Vec<Cell>>, merged: Vec<MergedArea>) -> RawSheet {
        RawSheet {
            file: "f.xlsx".into(),
            sheet: Some("S".into()),
            rows,
            merged,
        }
    }

    /// A two-row header (its fourth column named `fourth`) under the group label «Kết quả
    /// thực hiện», and its row of column numbers.
    fn two_row_header(fourth: &str) -> Vec<Vec<Cell>> {
        vec![
            vec![
                t("STT"),
                t("Nội dung"),
                t("Đơn vị chủ trì"),
                t(fourth),
                t("Kết quả thực hiện"),
                Cell::Empty,
            ],
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                t("Ngày hoàn thành"),
                t("Trạng thái"),
            ],
            vec![t("(1)"), t("(2)"), t("(3)"), t("(4)"), t("(5)"), t("(6)")],
        ]
    }

    /// The row of every task, with one of its texts.
    fn tasks_with<'a>(
        out: &'a Normalized,
        text: impl Fn(&'a RawTask) -> Option<&'a str>,
    ) -> Vec<(usize, Option<&'a str>)> {
        out.tasks.iter().map(|t| (t.source.row, text(t))).collect()
    }

    /// The kind and row of every finding.
    fn found(out: &Normalized) -> Vec<(FindingKind, usize)> {
        out.findings
            .iter()
            .map(|f| (f.kind, f.source.row))
            .collect()
    }

    #[test]
    fn header_names_match_ignoring_case_diacritics_tone_and_hints() {
        assert_eq!(
            match_header("ĐƠN VỊ CHỦ TRÌ").map(|m| m.0),
            Some(Field::Agency)
        );
        assert_eq!(
            match_header("Hạn xử lý\n(dd/mm/yyyy)").map(|m| m.0),
            Some(Field::Deadline)
        );
        assert_eq!(
            match_header("Thời hạn gia hạn").map(|m| m.0),
            Some(Field::Extended)
        );
        assert_eq!(
            match_header("Số, ký hiệu").map(|m| m.0),
            Some(Field::DocNumber)
        );
        assert_eq!(match_header("Ghi chú").map(|m| m.0), None);
        for last_update in ["Ngày cập nhật", "CẬP NHẬT LẦN CUỐI", "Ngày cập nhật cuối"]
        {
            assert_eq!(match_header(last_update).map(|m| m.0), Some(Field::Updated));
        }
    }

    #[test]
    fn status_texts_are_understood() {
        assert_eq!(
            parse_status("Hoàn thành đúng hạn"),
            Some(StatusText::CompletedOnTime)
        );
        assert_eq!(
            parse_status("Hoàn thành quá hạn"),
            Some(StatusText::CompletedLate)
        );
        assert_eq!(
            parse_status("Hoàn thành trễ hạn"),
            Some(StatusText::CompletedLate)
        );
        assert_eq!(parse_status("Đang thực hiện"), Some(StatusText::Within));
        assert_eq!(
            parse_status("Đang xử lý trong hạn"),
            Some(StatusText::Within)
        );
        assert_eq!(
            parse_status("Chưa hoàn thành trong hạn"),
            Some(StatusText::Within)
        );
        assert_eq!(
            parse_status("Chưa hoàn thành quá hạn"),
            Some(StatusText::Overdue)
        );
        assert_eq!(parse_status("Quá hạn"), Some(StatusText::Overdue));
        assert_eq!(parse_status("Đã hủy"), Some(StatusText::Cancelled));
        assert_eq!(parse_status("Đã huỷ"), Some(StatusText::Cancelled));
        assert_eq!(parse_status("Thu hồi"), Some(StatusText::Cancelled));
        assert_eq!(parse_status("Dừng thực hiện"), Some(StatusText::Cancelled));
        assert_eq!(
            parse_status("Giao lại cho Sở Y tế"),
            Some(StatusText::Cancelled)
        );
        assert_eq!(parse_status("Tạm hoãn"), Some(StatusText::Cancelled));
        assert_eq!(parse_status("Đã hoàn thành"), Some(StatusText::Completed));
        assert_eq!(parse_status("abc"), None);
    }

    #[test]
    fn two_row_header_under_a_group_label_is_merged() {
        let mut rows = vec![vec![t("UBND TỈNH")]];
        rows.extend(two_row_header("Hạn xử lý"));
        rows.push(vec![
            Cell::Number(1.0),
            t("Việc A"),
            t("Sở Y tế"),
            t("05/03/2025"),
            Cell::Empty,
            t("Đang thực hiện"),
        ]);
        let s = sheet(
            rows,
            vec![MergedArea {
                first_row: 1,
                first_col: 4,
                last_row: 1,
                last_col: 5,
            }],
        );
        let layout = find_layout(&s).unwrap();
        assert_eq!(layout.columns[&Field::Completed], 4);
        assert_eq!(layout.columns[&Field::Status], 5);
        assert_eq!(layout.columns[&Field::Agency], 2);
        assert_eq!(layout.data_start, 4);
    }

    #[test]
    fn group_label_is_recognised_by_its_shape_without_merge_information() {
        let s = sheet(
            vec![
                vec![
                    t("STT"),
                    t("Nội dung"),
                    t("Đơn vị chủ trì"),
                    t("Kết quả thực hiện"),
                    Cell::Empty,
                ],
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    t("Ngày hoàn thành"),
                    t("Trạng thái"),
                ],
                vec![
                    Cell::Number(1.0),
                    t("Việc A"),
                    t("Sở Y tế"),
                    Cell::Empty,
                    t("Đang thực hiện"),
                ],
            ],
            vec![],
        );
        let layout = find_layout(&s).unwrap();
        assert_eq!(
            (
                layout.column(Field::Completed),
                layout.column(Field::Status)
            ),
            (Some(3), Some(4))
        );
        assert_eq!(layout.data_start, 2);
    }

    #[test]
    fn total_and_note_rows_are_skipped_and_reported() {
        let s = sheet(
            vec![
                vec![
                    t("STT"),
                    t("Nội dung"),
                    t("Đơn vị chủ trì"),
                    t("Ngày giao"),
                    t("Hạn xử lý"),
                ],
                vec![
                    Cell::Number(1.0),
                    t("Việc A"),
                    t("Sở Y tế"),
                    t("01/03/2025"),
                    Cell::Empty,
                ],
                vec![],
                vec![t("Tổng cộng"), Cell::Empty, Cell::Number(1.0)],
                vec![t("Ghi chú: số liệu đến 31/12/2025")],
            ],
            vec![],
        );
        let out = tasks_from_sheets(&[s]);
        assert_eq!(out.tasks.len(), 1);
        assert_eq!(out.tasks[0].deadline, Deadline::NoDeadline);
        assert_eq!(out.tasks[0].source.row, 2);
        assert_eq!(
            found(&out),
            vec![(FindingKind::SkippedRow, 4), (FindingKind::SkippedRow, 5)]
        );
    }

    #[test]
    fn a_header_repeated_further_down_is_skipped_and_reported_not_counted() {
        // Two lists pasted one under the other: the second repeats the two-row header and
        // its column numbers; and a sheet printed page by page repeats only the numbers.
        let header = || two_row_header("Ngày giao");
        let task = |n: f64, what: &str| {
            vec![
                Cell::Number(n),
                t(what),
                t("Sở Y tế"),
                t("01/03/2025"),
                Cell::Empty,
                t("Đang thực hiện"),
            ]
        };
        let mut rows = header();
        rows.push(task(1.0, "Việc A"));
        // The second list's header, with a stray space as a retyped copy has.
        let mut again = header();
        again[0][2] = t("Đơn vị chủ trì ");
        rows.extend(again);
        rows.push(task(1.0, "Việc B"));
        rows.push((1..=6).map(|n| Cell::Number(f64::from(n))).collect());
        rows.push(task(2.0, "Việc C"));
        let out = tasks_from_sheets(&[sheet(rows, vec![])]);
        assert_eq!(
            tasks_with(&out, |t| t.summary.as_deref()),
            vec![
                (4, Some("Việc A")),
                (8, Some("Việc B")),
                (10, Some("Việc C"))
            ]
        );
        let skipped: Vec<(FindingKind, usize, bool)> = out
            .findings
            .iter()
            .map(|f| (f.kind, f.source.row, f.message == REPEATED_HEADER))
            .collect();
        let repeated = |row| (FindingKind::SkippedRow, row, true);
        assert_eq!(
            skipped,
            vec![repeated(5), repeated(6), repeated(7), repeated(9)]
        );
    }

    #[test]
    fn a_cell_merged_down_gives_its_value_to_every_row_it_covers() {
        let task = |n: f64, what: &str, agency: Cell, day: &str| {
            vec![Cell::Number(n), t(what), agency, t(day)]
        };
        let rows = vec![
            vec![t("STT"), t("Nội dung"), t("Đơn vị chủ trì"), t("Ngày giao")],
            task(1.0, "Việc A", t("Sở Y tế"), "01/03/2025"),
            task(2.0, "Việc B", Cell::Empty, "02/03/2025"),
            vec![],
            task(3.0, "Việc C", Cell::Empty, "03/03/2025"),
            vec![t("II. CÁC HUYỆN")],
            task(4.0, "Việc D", t("Sở Tư pháp"), "04/03/2025"),
        ];
        let area = |first_row, first_col, last_row, last_col| MergedArea {
            first_row,
            first_col,
            last_row,
            last_col,
        };
        // C2:C5 (a blank row inside), and a group label across A6:D6.
        let merged = vec![area(1, 2, 4, 2), area(5, 0, 5, 3)];
        let out = tasks_from_sheets(&[sheet(rows, merged)]);
        assert_eq!(
            tasks_with(&out, |t| t.agency.as_deref()),
            vec![
                (2, Some("Sở Y tế")),
                (3, Some("Sở Y tế")),
                (5, Some("Sở Y tế")),
                (7, Some("Sở Tư pháp"))
            ]
        );
        // The label stays one cell (a note row), the blank row stays blank.
        assert_eq!(found(&out), vec![(FindingKind::SkippedRow, 6)]);
    }

    #[test]
    fn a_cell_starting_with_cong_is_a_total_only_when_it_says_cong_with_its_tone() {
        let label = |text: &str| total_label(&[CellRef::Text(text)]);
        assert_eq!(label("Cộng").as_deref(), Some("Cộng"));
        assert_eq!(label("Cộng nhóm I").as_deref(), Some("Cộng nhóm I"));
        assert_eq!(label("Công an tỉnh"), None);
        assert_eq!(label("Công tác phòng, chống thiên tai"), None);
        assert_eq!(label("Tổng cộng").as_deref(), Some("Tổng cộng"));
    }

    #[test]
    fn sheet_without_task_header_is_noted() {
        let s = sheet(
            vec![vec![t("Hướng dẫn sử dụng")], vec![t("Bước 1")]],
            vec![],
        );
        let out = tasks_from_sheets(&[s]);
        assert_eq!(out.task_sheets, 0);
        assert_eq!(out.findings[0].kind, FindingKind::SkippedSheet);
    }

    #[test]
    fn deadline_cells_distinguish_no_deadline_from_unreadable() {
        let s = sheet(
            vec![
                vec![
                    t("Nội dung"),
                    t("Đơn vị chủ trì"),
                    t("Ngày giao"),
                    t("Hạn xử lý"),
                ],
                vec![
                    t("A"),
                    t("Sở Y tế"),
                    Cell::Number(45658.0),
                    t("Thường xuyên"),
                ],
                vec![t("B"), t("Sở Y tế"), t("2025-01-02"), t("30/02/2025")],
                vec![
                    t("C"),
                    t("Sở Y tế"),
                    t("2.1.2025"),
                    Cell::Date(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
                ],
            ],
            vec![],
        );
        let out = tasks_from_sheets(&[s]);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(out.tasks[0].deadline, Deadline::NoDeadline);
        assert_eq!(out.tasks[0].assigned, Some(d(2025, 1, 1)));
        assert_eq!(out.tasks[1].deadline, Deadline::Unknown);
        assert_eq!(out.tasks[2].assigned, Some(d(2025, 1, 2)));
        assert_eq!(out.tasks[2].deadline, Deadline::Date(d(2025, 3, 1)));
        assert_eq!(
            out.findings
                .iter()
                .filter(|f| f.kind == FindingKind::BadCell)
                .count(),
            1
        );
    }
}
