//! What changed between two cut-offs (SPEC §7), per key and in total, with the tasks behind
//! the counts, for the weekly briefing and the bi-weekly review.

use chrono::NaiveDate;
use serde::Serialize;

use super::TaskLine;

/// The change counts of one group of tasks. `completed` = `on_time` + `late`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    pub assigned: u64,
    pub completed: u64,
    pub on_time: u64,
    pub late: u64,
    pub became_overdue: u64,
    pub overdue_at_end: u64,
}

impl ChangeCounts {
    pub fn plus(&self, o: &ChangeCounts) -> ChangeCounts {
        ChangeCounts {
            assigned: self.assigned + o.assigned,
            completed: self.completed + o.completed,
            on_time: self.on_time + o.on_time,
            late: self.late + o.late,
            became_overdue: self.became_overdue + o.became_overdue,
            overdue_at_end: self.overdue_at_end + o.overdue_at_end,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == ChangeCounts::default()
    }
}

/// One row of a changes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeRow {
    pub key: String,
    #[serde(flatten)]
    pub counts: ChangeCounts,
}

/// The changes from D1 (exclusive) to D2 (inclusive).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "Tuần 48/2025" when the window is an ISO week.
    pub week: Option<String>,
    /// Rows with at least one change or overdue task, in report order.
    pub rows: Vec<ChangeRow>,
    pub total: ChangeCounts,
    /// The tasks behind the counts, by agency in report order: newly assigned, completed in
    /// the window, newly overdue (most overdue first within an agency).
    pub assigned: Vec<TaskLine>,
    pub completed: Vec<TaskLine>,
    pub became_overdue: Vec<TaskLine>,
}
