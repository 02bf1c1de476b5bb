//! The task as read (SPEC 3.1): where its row came from, its fields after normalisation,
//! the duplicate keys computed from them (SPEC 4.5), and the status a task has at a cut-off
//! (SPEC 4.2).

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

impl Deadline {
    /// The date, when the deadline is one.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(d) => Some(d),
            Deadline::NoDeadline | Deadline::Unknown => None,
        }
    }
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
    /// The export's last-update date (Ngày cập nhật, Cập nhật lần cuối), when it has one: when
    /// the task's record last had news. Not counted in [`RawTask::information`] (it says
    /// nothing about the task itself, and a merge keeps the latest of its copies anyway).
    pub updated: Option<NaiveDate>,
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
    /// A task for tests: row `row` of `t.csv`, agency «Sở Y tế», document «1/UBND» with the
    /// content «Việc», assigned `assigned` with `deadline`, open; every other field empty.
    /// Tests change the fields they are about.
    #[cfg(test)]
    pub fn example(row: usize, assigned: NaiveDate, deadline: Deadline) -> RawTask {
        RawTask {
            source: SourceLoc {
                file: "t.csv".into(),
                sheet: None,
                row,
            },
            task_id: None,
            doc_number: Some("1/UBND".into()),
            doc_date: None,
            summary: Some("Việc".into()),
            leader: None,
            agency: Some("Sở Y tế".into()),
            cooperating: None,
            assigned: Some(assigned),
            deadline,
            extended: None,
            completed: None,
            status_text: None,
            status_raw: None,
            is_key: false,
            officer: None,
            updated: None,
            match_key: None,
            id_key: None,
            info: 0,
        }
    }

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
