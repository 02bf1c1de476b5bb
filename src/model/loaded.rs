//! The rows read from the inputs (what a warehouse keeps), what loading found (the tasks
//! after duplicates were merged, and what is known of each:
//! its agency, leader, tracking officer and screening) and how one period views it: the counted tasks with
//! their status at the cut-off, the key tables of agencies, groups and blocs, and a figures
//! table.

use chrono::NaiveDate;

use super::{Counts, Finding, LeftOut, Period, RawTask, SourceCoverage, Stated, Status, Text};
use crate::classify::{Judging, Screen};
use crate::resolve::agencies::Directory;
use crate::resolve::departments::Departments;

/// The agency a task names. Indices are 32-bit: one is kept for every task (five million at
/// the largest benchmark), and directories and names outside them number in the hundreds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgencyRef {
    /// A directory entry.
    Known(u32),
    /// Not in the directory: index into `Loaded::unknown_names`.
    Unknown(u32),
    Missing,
}

/// The rows of the inputs as read, before agencies are matched and duplicates merged: what
/// the files hold, and what a warehouse keeps and gives back.
#[derive(Debug, Default)]
pub struct RowsRead {
    /// Every task row, in reading order (files in input order, rows in file order).
    pub tasks: Vec<RawTask>,
    /// What reading found: rows, sheets and cells skipped, files that could not be read.
    pub findings: Vec<Finding>,
    /// What the files' titles and notes state about their export.
    pub stated: Vec<Stated>,
    /// The files read (also those skipped as unreadable), in reading order.
    pub files: Vec<Text>,
}

/// What loading found out about one task (kept beside the tasks, not inside them, so a
/// million tasks are never copied from one structure into another).
#[derive(Clone, Debug)]
pub struct TaskMeta {
    pub agency: AgencyRef,
    /// The assigning leader: index into `Loaded::leaders`. Four bytes, like `officer`: 24 bytes
    /// a task in all (five million tasks at the largest benchmark).
    pub leader: u32,
    pub screen: Screen,
    /// Rows of other sources merged into this task.
    pub merged_rows: u32,
    /// The tracking officer (chuyên viên theo dõi): index into `Loaded::officers`.
    pub officer: u32,
}

/// Everything read from the inputs, ready to be viewed for any period.
#[derive(Debug)]
pub struct Loaded {
    pub directory: Directory,
    pub unknown_names: Vec<String>,
    pub leaders: Vec<String>,
    /// Tracking officers by first appearance (names folded alike are one officer), with
    /// [`NO_OFFICER`] for the tasks that name none.
    pub officers: Vec<String>,
    /// The Office's list of officers by department (phòng), when one is given.
    pub departments: Departments,
    /// The tasks after duplicates were merged, in input order…
    pub tasks: Vec<RawTask>,
    /// …and what loading found out about each (same index).
    pub meta: Vec<TaskMeta>,
    pub findings: Vec<Finding>,
    /// Rows of all inputs left out for missing information.
    pub excluded: u64,
    pub judging: Judging,
    pub files_read: usize,
    /// What each input covers (its span, agencies, stated export date), in input order.
    pub sources: Vec<SourceCoverage>,
}

impl AgencyRef {
    /// The agency's slot in the tables of a load: a directory index, or, for a name outside
    /// the directory, the directory's length plus the name's index. None without an agency.
    /// Every table keyed by agency (duplicates, views, figures) uses this one encoding.
    pub fn slot(self, directory_len: usize) -> Option<usize> {
        match self {
            AgencyRef::Known(i) => Some(i as usize),
            AgencyRef::Unknown(i) => Some(directory_len + i as usize),
            AgencyRef::Missing => None,
        }
    }
}

impl Loaded {
    /// How many agency slots the load has: directory entries, then names outside it.
    pub fn agency_slots(&self) -> usize {
        self.directory.agencies.len() + self.unknown_names.len()
    }
}

/// The leader key for tasks that do not name one.
pub const NO_LEADER: &str = "Không ghi lãnh đạo giao";

/// The officer key for tasks that do not name their tracking officer.
pub const NO_OFFICER: &str = "Không ghi chuyên viên theo dõi";

/// The department key for officers the Office's list does not place (and for tasks without
/// an officer).
pub const NO_DEPARTMENT: &str = "Chưa xác định phòng";

/// How tasks are mapped to the agencies they are reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    /// Restated to the structure in force on this day (mergers with effect by then applied).
    AsOf(NaiveDate),
    /// Every agency as it was (--as-then).
    AsThen,
}

/// How a job chooses the structure its tasks are reported under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Restating {
    /// Restated to the structure in force at the end of what is reported (the default).
    #[default]
    ToEnd,
    /// Restated to the structure in force on this day (--restate-to).
    To(NaiveDate),
    /// Every agency as it was (--as-then).
    AsThen,
}

impl Restating {
    /// The structure for a report whose figures end on `end`.
    pub fn structure(self, end: NaiveDate) -> Structure {
        match self {
            Restating::ToEnd => Structure::AsOf(end),
            Restating::To(day) => Structure::AsOf(day),
            Restating::AsThen => Structure::AsThen,
        }
    }
}

/// A counted task in a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    /// Index into `Loaded::tasks`.
    pub task: usize,
    /// Agency slot: directory index, or directory length + unknown index.
    pub agency: usize,
    pub status: Status,
    pub has_no_deadline: bool,
    pub deadline_used: Option<NaiveDate>,
    /// Only for overdue tasks.
    pub days_overdue: Option<i64>,
}

/// The loaded tasks classified for one period.
#[derive(Clone, Debug)]
pub struct View {
    pub period: Period,
    pub structure: Structure,
    pub counted: Vec<Counted>,
    pub left_out: LeftOut,
}

/// What the rows of a figures table are keyed by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum By {
    #[default]
    Agency,
    Group,
    Bloc,
    Leader,
    /// The tracking officer (chuyên viên theo dõi).
    Officer,
    /// The officer's department (phòng), from the Office's list.
    Department,
}

/// The key tables of a loaded set: names of agency slots, groups and blocs in report order.
#[derive(Clone, Debug)]
pub struct Keys {
    /// Agency slot → display name.
    pub agency_names: Vec<String>,
    /// Agency slot → group id.
    pub agency_group: Vec<usize>,
    /// Agency slot → bloc id.
    pub agency_bloc: Vec<usize>,
    pub groups: Vec<String>,
    pub blocs: Vec<String>,
    /// Agency slots in report order: directory order, then unknown names alphabetically.
    pub agency_order: Vec<usize>,
}

/// The bloc of agencies without one.
pub const NO_BLOC: &str = "Chưa xếp khối thi đua";

/// One row of a figures table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRow {
    pub key: String,
    pub counts: Counts,
}

/// A figures table for one view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub period: Period,
    pub rows: Vec<FigureRow>,
    pub total: Counts,
    pub left_out: LeftOut,
    /// Where the data cannot support these figures (SPEC §9), in Vietnamese sentences.
    pub warnings: Vec<String>,
    /// Whether the data covers the whole period (no comparison is made with one it does not).
    pub is_covered: bool,
}
