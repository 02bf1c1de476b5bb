//! Types that cross a stage border: the task as read, the task as classified, the counts per
//! group, the findings of the data-quality check and the plain report model the renderers
//! draw. No stage-specific crate type (calamine, polars, printpdf, rust_xlsxwriter) appears here.

use chrono::NaiveDate;
use serde::Serialize;

/// A text read from the inputs, shared by every record that holds it: one pointer wide
/// (`Arc<str>` takes two), which a million tasks of ten texts each feel in memory.
pub type Text = arcstr::ArcStr;

/// Where a row came from: file, sheet (none for CSV) and 1-based row number as a spreadsheet
/// program shows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceLoc {
    /// Shared by every row of a file (a million rows must not carry a million path copies).
    pub file: Text,
    pub sheet: Option<Text>,
    pub row: usize,
}

impl std::fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet «{sheet}»")?;
        }
        if self.row > 0 {
            write!(f, ", dòng {}", self.row)?;
        }
        Ok(())
    }
}

/// The deadline cell of a task (hạn xử lý).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Deadline {
    /// A real date.
    Date(NaiveDate),
    /// "Không thời hạn", "Thường xuyên", "Không có" or an empty cell in a file with a deadline
    /// column: the task has no deadline.
    NoDeadline,
    /// The file has no deadline column, or the cell could not be read as a date.
    Unknown,
}

/// What a status text (trạng thái) says, once recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StatusText {
    /// Hoàn thành đúng hạn.
    CompletedOnTime,
    /// Hoàn thành quá hạn / trễ hạn.
    CompletedLate,
    /// Hoàn thành / Đã hoàn thành, without saying on time or late.
    Completed,
    /// Đang thực hiện / Đang xử lý (trong hạn) / Chưa hoàn thành trong hạn.
    Within,
    /// Quá hạn / Chưa hoàn thành quá hạn.
    Overdue,
    /// Đã hủy, Thu hồi, Rút, Dừng thực hiện, Không thực hiện, Giao lại, Tạm hoãn.
    Cancelled,
}

/// One task row after normalisation: fields found by header, dates parsed, text in NFC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RawTask {
    pub source: SourceLoc,
    pub task_id: Option<Text>,
    pub doc_number: Option<Text>,
    pub doc_date: Option<NaiveDate>,
    pub summary: Option<Text>,
    pub leader: Option<Text>,
    pub agency: Option<Text>,
    pub cooperating: Option<Text>,
    pub assigned: Option<NaiveDate>,
    pub deadline: Deadline,
    pub extended: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
    pub status_text: Option<StatusText>,
    pub status_raw: Option<Text>,
    pub is_key: bool,
    pub officer: Option<Text>,
    /// Hash of the folded document number, document date and folded content: the duplicate
    /// key without the agency (SPEC 4.5), computed while files are read in parallel.
    #[serde(skip)]
    pub match_key: Option<Key>,
    /// Hash of the folded task id (two rows with the same id are the same task).
    #[serde(skip)]
    pub id_key: Option<Key>,
    /// How many fields carry a value ([`RawTask::information`]), kept because a lean load
    /// drops the texts the figures do not need.
    #[serde(skip)]
    pub info: u8,
}

impl RawTask {
    /// Fill the keys the duplicate merge works on (hashes of folded texts, and the
    /// information count). The normaliser computes the same values from the raw cells.
    pub fn with_keys(mut self) -> Self {
        self.match_key = match (self.doc_number.as_deref(), self.summary.as_deref()) {
            (Some(doc), Some(content)) => Some(match_key(doc, self.doc_date, content)),
            _ => None,
        };
        self.id_key = self.task_id.as_deref().map(id_key);
        self.info = self.information() as u8;
        self
    }

    /// Assignment date, falling back to the document date (ngày giao / ngày văn bản).
    pub fn assigned_or_doc_date(&self) -> Option<NaiveDate> {
        self.assigned.or(self.doc_date)
    }

    /// How many fields carry a value: the duplicate merge keeps the fuller row.
    pub fn information(&self) -> usize {
        let opts = [
            self.task_id.is_some(),
            self.doc_number.is_some(),
            self.doc_date.is_some(),
            self.summary.is_some(),
            self.leader.is_some(),
            self.agency.is_some(),
            self.cooperating.is_some(),
            self.assigned.is_some(),
            !matches!(self.deadline, Deadline::Unknown),
            self.extended.is_some(),
            self.completed.is_some(),
            self.status_text.is_some(),
            self.officer.is_some(),
        ];
        opts.iter().filter(|b| **b).count()
    }
}

/// The document key of a task without the agency (SPEC 4.5): folded document number,
/// document date and folded content, hashed. `fold` ignores spacing and normal form, so raw
/// and cleaned texts give the same key.
pub fn match_key(doc_number: &str, doc_date: Option<NaiveDate>, content: &str) -> Key {
    use std::hash::Hash;
    let mut h = key_hasher();
    crate::vn_text::fold_hash(doc_number, &mut h);
    doc_date.hash(&mut h);
    crate::vn_text::fold_hash(content, &mut h);
    key(h)
}

/// The key of a task id (case, spacing and punctuation ignored).
pub fn id_key(id: &str) -> Key {
    let mut h = key_hasher();
    crate::vn_text::fold_hash(id, &mut h);
    key(h)
}

/// A 64-bit hash of folded texts; never zero, so that an absent key costs no extra space.
pub type Key = std::num::NonZeroU64;

/// foldhash's quality hasher with a fixed seed: the same keys on every run and machine, and
/// several times faster than SipHash on a million task contents (keys only live in memory).
fn key_hasher() -> impl std::hash::Hasher {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7469_656e_646f).build_hasher()
}

fn key(h: impl std::hash::Hasher) -> Key {
    Key::new(h.finish()).unwrap_or(Key::MIN)
}

/// Status of a task at a cut-off (SPEC 4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// Completed on or before its deadline (đúng hạn).
    OnTime,
    /// Completed after its deadline (hoàn thành quá hạn).
    Late,
    /// Not completed, deadline not passed or no deadline (trong hạn).
    Within,
    /// Not completed, deadline passed (quá hạn).
    Overdue,
}

impl Status {
    pub fn is_completed(self) -> bool {
        matches!(self, Status::OnTime | Status::Late)
    }

    /// The Vietnamese label shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTime => "Hoàn thành đúng hạn",
            Status::Late => "Hoàn thành quá hạn",
            Status::Within => "Chưa hoàn thành, trong hạn",
            Status::Overdue => "Chưa hoàn thành, quá hạn",
        }
    }
}

/// The figures for one group of tasks (SPEC 4.3). `no_deadline` is a sub-count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: u64,
    pub completed: u64,
    pub on_time: u64,
    pub late: u64,
    pub not_completed: u64,
    pub within: u64,
    pub overdue: u64,
    pub no_deadline: u64,
}

impl Counts {
    /// Counts from the four status counts and the no-deadline sub-count.
    pub fn from_parts(
        on_time: u64,
        late: u64,
        within: u64,
        overdue: u64,
        no_deadline: u64,
    ) -> Self {
        Counts {
            total: on_time + late + within + overdue,
            completed: on_time + late,
            on_time,
            late,
            not_completed: within + overdue,
            within,
            overdue,
            no_deadline,
        }
    }

    pub fn plus(&self, other: &Counts) -> Counts {
        Counts::from_parts(
            self.on_time + other.on_time,
            self.late + other.late,
            self.within + other.within,
            self.overdue + other.overdue,
            self.no_deadline + other.no_deadline,
        )
    }

    /// Tasks whose deadline has come (đến hạn): completed + overdue.
    pub fn due(&self) -> u64 {
        self.completed + self.overdue
    }

    pub fn rate(&self, rate: Rate) -> Option<f64> {
        let (num, den) = match rate {
            Rate::Completion => (self.completed, self.total),
            Rate::OnTimeOfCompleted => (self.on_time, self.completed),
            Rate::LateOfCompleted => (self.late, self.completed),
            Rate::NotCompleted => (self.not_completed, self.total),
            Rate::WithinOfNotCompleted => (self.within, self.not_completed),
            Rate::OverdueOfNotCompleted => (self.overdue, self.not_completed),
            Rate::OnTimeOfTotal => (self.on_time, self.total),
            Rate::DueCompletion => (self.completed, self.due()),
        };
        (den > 0).then(|| num as f64 / den as f64)
    }
}

/// The rates of SPEC 4.3. Each table states the definitions it uses in a footnote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    Completion,
    OnTimeOfCompleted,
    LateOfCompleted,
    NotCompleted,
    WithinOfNotCompleted,
    OverdueOfNotCompleted,
    OnTimeOfTotal,
    DueCompletion,
}

impl Rate {
    pub const ALL: [Rate; 8] = [
        Rate::Completion,
        Rate::OnTimeOfCompleted,
        Rate::LateOfCompleted,
        Rate::NotCompleted,
        Rate::WithinOfNotCompleted,
        Rate::OverdueOfNotCompleted,
        Rate::OnTimeOfTotal,
        Rate::DueCompletion,
    ];

    /// Short column label.
    pub fn label(self) -> &'static str {
        match self {
            Rate::Completion => "Tỷ lệ hoàn thành",
            Rate::OnTimeOfCompleted => "Tỷ lệ đúng hạn (trên số đã hoàn thành)",
            Rate::LateOfCompleted => "Tỷ lệ quá hạn (trên số đã hoàn thành)",
            Rate::NotCompleted => "Tỷ lệ chưa hoàn thành",
            Rate::WithinOfNotCompleted => "Tỷ lệ trong hạn (trên số chưa hoàn thành)",
            Rate::OverdueOfNotCompleted => "Tỷ lệ quá hạn (trên số chưa hoàn thành)",
            Rate::OnTimeOfTotal => "Tỷ lệ đúng hạn trên tổng số",
            Rate::DueCompletion => "Tỷ lệ hoàn thành trên số đến hạn",
        }
    }

    /// The definition printed in every table footnote.
    pub fn definition(self) -> &'static str {
        match self {
            Rate::Completion => "Tỷ lệ hoàn thành = số đã hoàn thành / tổng số nhiệm vụ",
            Rate::OnTimeOfCompleted => "Tỷ lệ đúng hạn = số hoàn thành đúng hạn / số đã hoàn thành",
            Rate::LateOfCompleted => "Tỷ lệ quá hạn = số hoàn thành quá hạn / số đã hoàn thành",
            Rate::NotCompleted => "Tỷ lệ chưa hoàn thành = số chưa hoàn thành / tổng số nhiệm vụ",
            Rate::WithinOfNotCompleted => {
                "Tỷ lệ trong hạn = số chưa hoàn thành còn hạn / số chưa hoàn thành"
            }
            Rate::OverdueOfNotCompleted => {
                "Tỷ lệ quá hạn = số chưa hoàn thành quá hạn / số chưa hoàn thành"
            }
            Rate::OnTimeOfTotal => "Tỷ lệ đúng hạn trên tổng số = số hoàn thành đúng hạn / tổng số",
            Rate::DueCompletion => {
                "Tỷ lệ hoàn thành trên số đến hạn = số đã hoàn thành / (số đã hoàn thành + số chưa hoàn thành quá hạn)"
            }
        }
    }
}

/// The kinds of data-quality finding (Kiểm tra dữ liệu).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FindingKind {
    /// Left out of the figures: not enough information.
    Excluded,
    /// Merged into another row as the same task.
    Duplicate,
    /// Agency name not in the directory.
    UnknownAgency,
    /// Status text contradicts the dates (dates win).
    Contradiction,
    /// Cancelled / withdrawn / paused: out of every count.
    Cancelled,
    /// A cell could not be read (e.g. an unreadable date); the row may still count.
    BadCell,
    /// A row that is not a task (sub-total, note, group heading) was skipped.
    SkippedRow,
    /// A sheet without a task header, a chart/macro/dialog sheet, or one that could not be
    /// read while the rest of its workbook was, was skipped.
    SkippedSheet,
    /// A whole file could not be read and was skipped (--skip-unreadable).
    UnreadableFile,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Excluded => "Không đủ thông tin, không tính",
            FindingKind::Duplicate => "Trùng lặp, đã gộp",
            FindingKind::UnknownAgency => "Cơ quan không có trong danh mục",
            FindingKind::Contradiction => "Trạng thái mâu thuẫn với ngày tháng",
            FindingKind::Cancelled => "Đã hủy / thu hồi / dừng, không tính",
            FindingKind::BadCell => "Ô dữ liệu không đọc được",
            FindingKind::SkippedRow => "Dòng không phải nhiệm vụ, bỏ qua",
            FindingKind::SkippedSheet => "Sheet không có bảng nhiệm vụ hoặc không đọc được, bỏ qua",
            FindingKind::UnreadableFile => "Tệp không đọc được, bỏ qua",
        }
    }
}

/// One data-quality finding with where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub source: SourceLoc,
    pub message: String,
}

/// Which date puts a task in a period (SPEC 4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Assignment date (ngày giao) in the period: the default.
    #[default]
    Assigned,
    /// Effective deadline in the period (nhiệm vụ đến hạn).
    Due,
}

/// What kind of period a label named: it decides how "same period last year" shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PeriodUnit {
    Year,
    Half,
    Quarter,
    Month,
    Range,
}

/// A validated report period with its cut-off. `end` is the nominal end; the figures use
/// `effective_end()` = min(end, as_of).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub unit: PeriodUnit,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: Option<NaiveDate>,
}

impl Period {
    pub fn effective_end(&self) -> NaiveDate {
        match self.as_of {
            Some(c) if c < self.end => c,
            _ => self.end,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start && day <= self.effective_end()
    }
}

/// Titles and place of the issuing body, from the options (never from the clock).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportMeta {
    /// e.g. "UBND TỈNH BÌNH AN".
    pub issuer: String,
    /// e.g. "VĂN PHÒNG".
    pub issuer_sub: String,
    /// Place for the date line, e.g. "Bình An".
    pub place: String,
    pub report_date: NaiveDate,
    pub period: Period,
    pub previous: Option<Period>,
    pub basis: Basis,
    pub rounding: crate::vn_number::Rounding,
}

/// One agency's line in the annex table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgencyLine {
    pub name: String,
    pub counts: Counts,
    pub previous: Option<Counts>,
    /// Ghi chú: "không có trong danh mục", "đã kết thúc hoạt động", "gồm: …" for restated mergers.
    pub note: String,
}

/// A group of agencies (nhóm) with its sub-total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupSection {
    pub name: String,
    pub agencies: Vec<AgencyLine>,
    pub subtotal: Counts,
    pub previous: Option<Counts>,
}

/// A task as listed in the overdue, coming-due and detail tables. Its texts are shared with
/// the loaded task (a report of a million tasks copies no text to list them).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskLine {
    pub agency: Text,
    pub task_id: Option<Text>,
    pub doc_number: Option<Text>,
    pub doc_date: Option<NaiveDate>,
    pub summary: Option<Text>,
    pub leader: Option<Text>,
    pub assigned: Option<NaiveDate>,
    pub deadline_used: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
    pub status: Status,
    pub days_overdue: Option<i64>,
    pub officer: Option<Text>,
    pub is_key: bool,
    pub source: SourceLoc,
}

/// Counters of the rows that are not in the figures (SPEC 4.7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub excluded: u64,
    pub cancelled: u64,
    pub duplicates_merged: u64,
}

/// One agency's score and rank (thi đua), with the working that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankedAgency {
    pub name: String,
    pub bloc: Option<String>,
    pub counts: Option<Counts>,
    /// None: "không có nhiệm vụ" and no manual points.
    pub points: Option<f64>,
    pub tier: Option<String>,
    pub rank_in_bloc: Option<usize>,
    pub rank_in_province: Option<usize>,
    /// Lines like "Hoàn thành quá hạn: 3 × 0,5 = 1,5 điểm trừ".
    pub working: Vec<String>,
    pub note: String,
}

/// A scored ranking and the rule set that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranking {
    pub rule_name: String,
    pub rule_lines: Vec<String>,
    pub agencies: Vec<RankedAgency>,
}

/// One period of a trend: the province total, and per key (agency, group or bloc).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: Period,
    pub total: Counts,
    pub rows: Vec<(String, Counts)>,
}

/// Days after the cut-off in which an open task counts as coming due (sắp đến hạn); a task due
/// on the cut-off day itself is still within its deadline and is listed as coming due. The
/// report's lists and every sentence about them use this one number.
pub const DUE_SOON_DAYS: i64 = 30;

/// Everything a renderer needs, as plain data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub meta: ReportMeta,
    pub sections: Vec<GroupSection>,
    pub total: Counts,
    pub previous_total: Option<Counts>,
    /// Open overdue tasks at the cut-off, most overdue first.
    pub overdue: Vec<TaskLine>,
    /// Open tasks whose deadline falls in the [`DUE_SOON_DAYS`] days after the cut-off.
    pub due_soon: Vec<TaskLine>,
    /// Every counted task.
    pub details: Vec<TaskLine>,
    pub findings: Vec<Finding>,
    pub left_out: LeftOut,
    pub ranking: Option<Ranking>,
    pub trend: Option<Vec<TrendPoint>>,
}

/// One spreadsheet cell as ingest hands it on (no calamine type crosses the border).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for header matching and text fields.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.clone()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
        }
    }
}

/// A merged area of a sheet, 0-based absolute row/column indexes, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedArea {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// A cell borrowed from the reader while a row streams past: no copy is made of cells the
/// normaliser does not keep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
}

impl CellRef<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers without a trailing `.0`, dates `dd/mm/yyyy`).
    pub fn text(&self) -> Option<String> {
        match self {
            CellRef::Empty => None,
            CellRef::Text(s) => Some((*s).to_string()),
            CellRef::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Some(format!("{}", *n as i64))
            }
            CellRef::Number(n) => Some(n.to_string()),
            CellRef::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
        }
    }

    /// The cell as text, borrowed when it is text already.
    pub fn as_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            CellRef::Text(s) => Some(std::borrow::Cow::Borrowed(s)),
            other => other.text().map(std::borrow::Cow::Owned),
        }
    }

    pub fn to_owned_cell(&self) -> Cell {
        match self {
            CellRef::Empty => Cell::Empty,
            CellRef::Text(s) => Cell::Text((*s).to_string()),
            CellRef::Number(n) => Cell::Number(*n),
            CellRef::Date(d) => Cell::Date(*d),
        }
    }
}

impl Cell {
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Empty => CellRef::Empty,
            Cell::Text(s) => CellRef::Text(s),
            Cell::Number(n) => CellRef::Number(*n),
            Cell::Date(d) => CellRef::Date(*d),
        }
    }
}

/// A sheet's cells as read: `rows[i]` is spreadsheet row `i + 1`, `rows[i][j]` column `j`.
/// Only small files (the agency directory, a manual points sheet) and the first rows of a task
/// sheet (to find its header) are held like this; task rows stream.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSheet {
    pub file: Text,
    /// None for CSV.
    pub sheet: Option<Text>,
    pub rows: Vec<Vec<Cell>>,
    pub merged: Vec<MergedArea>,
}
