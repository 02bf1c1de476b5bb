//! Finding the header of a table: the known column names per field (tolerant of case,
//! diacritics, tone placement, punctuation, spaces and line breaks), two-row headers under
//! group labels, and the row of column numbers some forms print under the header. Task lists
//! use the names of [`HEADER_NAMES`]; another kind of table (the work programme) gives its own
//! table of names to [`HeaderIndex`] and finds its header with [`find_columns`].

use std::collections::HashMap;

use crate::model::{Cell, CellRef, RawSheet};
use crate::vn_text::fold;

/// The columns tiendo understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Stt,
    TaskId,
    DocNumber,
    DocDate,
    Summary,
    Leader,
    Agency,
    Cooperating,
    Assigned,
    Deadline,
    Extended,
    Completed,
    Status,
    Key,
    Officer,
    Updated,
}

/// Known header texts per field, best first: when two columns map to one field, the one
/// whose name comes first here wins (e.g. "Nội dung nhiệm vụ" over "Trích yếu").
const HEADER_NAMES: &[(Field, &[&str])] = &[
    (Field::Stt, &["STT", "TT", "Số TT", "Số thứ tự"]),
    (Field::TaskId, &["Mã nhiệm vụ", "Mã NV", "ID", "Mã"]),
    (
        Field::DocNumber,
        &[
            "Số ký hiệu",
            "Số, ký hiệu",
            "Số ký hiệu văn bản",
            "Số văn bản",
            "Ký hiệu văn bản",
            "Văn bản giao",
            "Văn bản chỉ đạo",
            "Số hiệu văn bản",
            "Số",
        ],
    ),
    (
        Field::DocDate,
        &[
            "Ngày văn bản",
            "Ngày ban hành",
            "Ngày ký",
            "Ngày ban hành văn bản",
        ],
    ),
    (
        Field::Summary,
        &[
            "Nội dung nhiệm vụ",
            "Tên nhiệm vụ",
            "Nội dung công việc",
            "Nội dung",
            "Nội dung chỉ đạo",
            "Trích yếu",
            "Trích yếu nội dung",
        ],
    ),
    (
        Field::Leader,
        &[
            "Lãnh đạo giao",
            "Người giao",
            "Lãnh đạo chỉ đạo",
            "Người chỉ đạo",
            "Lãnh đạo UBND tỉnh giao",
        ],
    ),
    (
        Field::Agency,
        &[
            "Đơn vị chủ trì",
            "Cơ quan chủ trì",
            "Đơn vị thực hiện",
            "Cơ quan thực hiện",
            "Đơn vị được giao",
            "Đơn vị xử lý chính",
            "Cơ quan, đơn vị chủ trì",
            "Cơ quan được giao",
            "Đơn vị chủ trì thực hiện",
            "Cơ quan chủ trì thực hiện",
        ],
    ),
    (
        Field::Cooperating,
        &[
            "Đơn vị phối hợp",
            "Cơ quan phối hợp",
            "Đơn vị phối hợp thực hiện",
        ],
    ),
    (
        Field::Assigned,
        &[
            "Ngày giao",
            "Ngày giao nhiệm vụ",
            "Ngày nhận",
            "Ngày nhận nhiệm vụ",
        ],
    ),
    (
        Field::Deadline,
        &[
            "Hạn xử lý",
            "Thời hạn",
            "Thời hạn hoàn thành",
            "Hạn hoàn thành",
            "Hạn giải quyết",
            "Thời hạn xử lý",
            "Hạn",
        ],
    ),
    (
        Field::Extended,
        &[
            "Hạn gia hạn",
            "Gia hạn đến",
            "Thời hạn gia hạn",
            "Hạn sau gia hạn",
            "Gia hạn",
            "Ngày gia hạn",
        ],
    ),
    (
        Field::Completed,
        &[
            "Ngày hoàn thành",
            "Ngày kết thúc",
            "Ngày báo cáo hoàn thành",
            "Ngày hoàn thành thực tế",
        ],
    ),
    (
        Field::Status,
        &[
            "Trạng thái",
            "Tình trạng",
            "Tình hình thực hiện",
            "Kết quả",
            "Trạng thái xử lý",
            "Kết quả thực hiện",
        ],
    ),
    (
        Field::Key,
        &["Trọng tâm", "Loại nhiệm vụ", "Nhiệm vụ trọng tâm"],
    ),
    (
        Field::Officer,
        &[
            "Chuyên viên theo dõi",
            "Người theo dõi",
            "Chuyên viên",
            "Cán bộ theo dõi",
        ],
    ),
    (
        Field::Updated,
        &[
            "Ngày cập nhật",
            "Cập nhật lần cuối",
            "Ngày cập nhật cuối",
            "Ngày cập nhật gần nhất",
            "Lần cập nhật cuối",
        ],
    ),
];

/// The known header texts of one kind of table, folded: header text → (field, rank among
/// that field's names). Task lists use [`HEADER_NAMES`]; other tables (the work programme)
/// bring their own names and share the rest of the header machinery.
pub struct HeaderIndex<F> {
    names: HashMap<String, (F, usize)>,
}

impl<F: Copy> HeaderIndex<F> {
    /// Index `names` (best first per field; the first field to claim a text keeps it).
    pub fn new(names: &[(F, &[&str])]) -> Self {
        let mut map = HashMap::new();
        for (field, texts) in names {
            for (rank, name) in texts.iter().enumerate() {
                map.entry(fold(name)).or_insert((*field, rank));
            }
        }
        HeaderIndex { names: map }
    }

    /// Match one header cell: parenthesised hints ("Hạn xử lý (dd/mm/yyyy)") are ignored.
    pub fn lookup(&self, text: &str) -> Option<(F, usize)> {
        let without_hints: String = {
            let mut depth = 0usize;
            text.chars()
                .filter(|c| match c {
                    '(' => {
                        depth += 1;
                        false
                    }
                    ')' => {
                        depth = depth.saturating_sub(1);
                        false
                    }
                    _ => depth == 0,
                })
                .collect()
        };
        self.names
            .get(&fold(&without_hints))
            .or_else(|| self.names.get(&fold(text)))
            .copied()
    }
}

fn header_index() -> &'static HeaderIndex<Field> {
    static INDEX: std::sync::OnceLock<HeaderIndex<Field>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| HeaderIndex::new(HEADER_NAMES))
}

/// Match one header cell of a task list: parenthesised hints are ignored.
pub fn match_header(text: &str) -> Option<(Field, usize)> {
    header_index().lookup(text)
}

const FIELD_COUNT: usize = Field::Updated as usize + 1;

impl Layout {
    pub fn column(&self, f: Field) -> Option<usize> {
        self.slots[f as usize]
    }

    /// Whether column `c` holds one of the fields.
    pub fn uses(&self, c: usize) -> bool {
        self.slots.contains(&Some(c))
    }
}

/// The texts of a table's header rows (trimmed), with their columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderRows(Vec<(usize, String)>);

impl HeaderRows {
    fn of(sheet: &RawSheet, rows: std::ops::Range<usize>) -> HeaderRows {
        let rows = sheet.rows.get(rows).unwrap_or_default();
        HeaderRows(
            rows.iter()
                .flat_map(|row| row.iter().enumerate())
                .filter_map(|(c, cell)| match cell {
                    Cell::Text(t) if !t.trim().is_empty() => Some((c, t.trim().to_string())),
                    _ => None,
                })
                .collect(),
        )
    }

    /// Whether `row` repeats the header: two or more of its cells hold, column for column, a
    /// text of the header rows (trimmed), and they are most of its used cells; or it is a row
    /// of column numbers. Lists pasted one under another and exports printed page by page
    /// repeat them; they are not data. Cheap on data rows: a few length comparisons, and the
    /// number test stops at the first text cell.
    pub fn repeated_by(&self, row: &[CellRef<'_>]) -> bool {
        let same = self
            .0
            .iter()
            .filter(|(c, text)| {
                matches!(row.get(*c), Some(CellRef::Text(t)) if t.trim() == text.as_str())
            })
            .count();
        (same >= 2 && same * 2 > row.iter().filter(|c| !c.is_empty()).count())
            || is_column_number_cells(row.iter().copied())
    }
}

/// Where the fields are in a sheet and where its data starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub columns: HashMap<Field, usize>,
    /// The same, indexed by `Field as usize`: looked up for every field of every row.
    slots: [Option<usize>; FIELD_COUNT],
    /// 0-based index of the first row after the header.
    pub data_start: usize,
    /// The header rows' texts: a row that repeats them further down is not a task.
    pub header: HeaderRows,
}

/// Where the fields of any kind of table are in a sheet and where its data starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns<F: Eq + std::hash::Hash> {
    pub columns: HashMap<F, usize>,
    /// 0-based index of the first row after the header.
    pub data_start: usize,
    /// The header rows' texts: a row that repeats them further down is not data.
    pub header: HeaderRows,
}

pub(super) const HEADER_SCAN_ROWS: usize = 40;

/// Find the header row (and a second header row under group labels) of a task sheet.
pub fn find_layout(sheet: &RawSheet) -> Option<Layout> {
    let found = find_columns(sheet, header_index(), |has| {
        has(Field::Agency) && (has(Field::Summary) || has(Field::DocNumber) || has(Field::TaskId))
    })?;
    let mut slots = [None; FIELD_COUNT];
    for (f, c) in &found.columns {
        slots[*f as usize] = Some(*c);
    }
    Some(Layout {
        columns: found.columns,
        slots,
        data_start: found.data_start,
        header: found.header,
    })
}

/// Find the header of a table whose known names are `index`, in the first
/// [`HEADER_SCAN_ROWS`] rows: the first row with at least three known names (and a second
/// row of sub-columns under group labels) whose fields `accept` takes (it is asked whether
/// a field has a column).
pub fn find_columns<F: Copy + Eq + std::hash::Hash + Ord>(
    sheet: &RawSheet,
    index: &HeaderIndex<F>,
    accept: impl Fn(&dyn Fn(F) -> bool) -> bool,
) -> Option<Columns<F>> {
    (0..sheet.rows.len().min(HEADER_SCAN_ROWS)).find_map(|r| columns_at(sheet, index, r, &accept))
}

fn row_fields<F: Copy>(
    sheet: &RawSheet,
    index: &HeaderIndex<F>,
    r: usize,
) -> HashMap<usize, (F, usize)> {
    sheet.rows.get(r).map_or_else(HashMap::new, |row| {
        row.iter()
            .enumerate()
            .filter_map(|(c, cell)| match cell {
                Cell::Text(t) => index.lookup(t).map(|m| (c, m)),
                _ => None,
            })
            .collect()
    })
}

/// A header cell that spans several columns is a group label ("Kết quả thực hiện"), not a
/// field: known from the merged areas when the reader gives them, else from the shape — the
/// cell to its right is empty while the row below has sub-column names under both.
fn is_group_label(sheet: &RawSheet, r: usize, c: usize) -> bool {
    let merged = sheet
        .merged
        .iter()
        .any(|m| m.first_row == r && m.first_col == c && m.last_col > m.first_col);
    let cell = |row: usize, col: usize| {
        sheet
            .rows
            .get(row)
            .and_then(|x| x.get(col))
            .filter(|x| !x.is_empty())
    };
    let shaped =
        cell(r, c + 1).is_none() && cell(r + 1, c).is_some() && cell(r + 1, c + 1).is_some();
    merged || shaped
}

fn columns_at<F: Copy + Eq + std::hash::Hash + Ord>(
    sheet: &RawSheet,
    index: &HeaderIndex<F>,
    r: usize,
    accept: &impl Fn(&dyn Fn(F) -> bool) -> bool,
) -> Option<Columns<F>> {
    let top = row_fields(sheet, index, r);
    if top.len() < 3 {
        return None;
    }
    // A second header row: cells under group labels (or under empty cells) that name fields.
    let below = row_fields(sheet, index, r + 1);
    let mut per_column: HashMap<usize, (F, usize)> = HashMap::new();
    for (&c, &m) in &top {
        if !is_group_label(sheet, r, c) {
            per_column.insert(c, m);
        }
    }
    let has_second_row = !below.is_empty() && below.len() * 2 >= count_non_empty(sheet, r + 1);
    if has_second_row {
        for (&c, &m) in &below {
            per_column.insert(c, m);
        }
    }
    let mut columns: HashMap<F, (usize, usize)> = HashMap::new();
    let mut ordered: Vec<(usize, (F, usize))> = per_column.into_iter().collect();
    ordered.sort();
    for (c, (field, rank)) in ordered {
        match columns.get(&field) {
            Some(&(_, best)) if best <= rank => {}
            _ => {
                columns.insert(field, (c, rank));
            }
        }
    }
    if !accept(&|f| columns.contains_key(&f)) {
        return None;
    }
    let mut data_start = r + if has_second_row { 2 } else { 1 };
    // A row of column numbers "(1) (2) (3) …" under the header.
    while sheet
        .rows
        .get(data_start)
        .is_some_and(|row| is_column_number_row(row))
    {
        data_start += 1;
    }
    Some(Columns {
        columns: columns.into_iter().map(|(f, (c, _))| (f, c)).collect(),
        data_start,
        header: HeaderRows::of(sheet, r..data_start),
    })
}

fn count_non_empty(sheet: &RawSheet, r: usize) -> usize {
    sheet
        .rows
        .get(r)
        .map_or(0, |row| row.iter().filter(|c| !c.is_empty()).count())
}

fn is_column_number_row(row: &[Cell]) -> bool {
    is_column_number_cells(row.iter().map(Cell::as_ref))
}

/// Three or more used cells, every one a column number: `1`, `2` … or `(1)`, `(2)` … (under
/// 100). Stops at the first cell that is not one.
fn is_column_number_cells<'a>(cells: impl Iterator<Item = CellRef<'a>>) -> bool {
    let mut numbers = 0;
    for cell in cells.filter(|c| !c.is_empty()) {
        let is_number = match cell {
            CellRef::Number(n) => n.fract() == 0.0 && n < 100.0,
            CellRef::Text(t) => {
                let t = t.trim().trim_start_matches('(').trim_end_matches(')');
                !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
            }
            _ => false,
        };
        if !is_number {
            return false;
        }
        numbers += 1;
    }
    numbers >= 3
}
