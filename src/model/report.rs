//! The plain report model the renderers draw: the issuing body, the agencies by group with
//! their counts and last year's, the task lists, the findings, the ranking and the trend.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Basis, Counts, Coverage, Finding, LeftOut, Period, SourceLoc, Status, Text};

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
    /// Its emulation bloc (khối thi đua), when the directory gives one.
    pub bloc: Option<String>,
    pub counts: Counts,
    /// Its open overdue tasks by how long they are overdue.
    pub overdue_age: OverdueAge,
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
    /// Open overdue tasks only: days from the deadline to the cut-off.
    pub days_overdue: Option<i64>,
    /// Open tasks within a deadline they have: days from the cut-off to the deadline (0 on
    /// the deadline day itself).
    pub days_left: Option<i64>,
    /// Open tasks that have gone without news too long (see [`Stale`]).
    pub stale: Option<Stale>,
    pub officer: Option<Text>,
    pub is_key: bool,
    pub source: SourceLoc,
}

/// One line of a table keyed by tracking officer or department.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyLine {
    pub name: String,
    pub counts: Counts,
    /// For an officer, their department when the Office's list is given.
    pub note: String,
}

/// The figures per tracking officer (chuyên viên theo dõi) and, when the Office's list places
/// officers in departments, per department (phòng): the workbook's «Theo chuyên viên» and
/// «Theo phòng» sheets. Each adds up to the report's total.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OfficerViews {
    /// Officers with tasks in the report, alphabetically, «Không ghi chuyên viên theo dõi»
    /// last; empty when no counted task names an officer.
    pub officers: Vec<KeyLine>,
    /// Departments in the list's order, «Chưa xác định phòng» last; None without a list.
    pub departments: Option<Vec<KeyLine>>,
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

/// An agency with tasks in the period that is not ranked (chưa xếp hạng): its counts and why.
/// Listed after the ranked blocs, so no task counted in the figures is missing from a ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnrankedAgency {
    pub name: String,
    pub counts: Counts,
    /// The counts in words, as the first line of a ranked agency's working.
    pub working: Vec<String>,
    pub reason: String,
}

/// The heading of a ranking's part after the ranked blocs (and, in the CSV and the workbook, the
/// bloc cell of its lines).
pub const UNRANKED: &str = "Chưa xếp hạng";

/// How an agency without tasks in the period is shown instead of points.
pub const NO_TASKS: &str = "không có nhiệm vụ";

/// A scored ranking and the rule set that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ranking {
    pub rule_name: String,
    pub rule_lines: Vec<String>,
    pub agencies: Vec<RankedAgency>,
    /// Agencies with tasks outside the ranking (not in the directory, or no directory given).
    pub unranked: Vec<UnrankedAgency>,
}

/// One period of a trend: the province total, and per key (agency, group or bloc).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: Period,
    pub total: Counts,
    pub rows: Vec<(String, Counts)>,
    /// Whether the data covers the whole period: no change is shown against one it does not.
    pub is_covered: bool,
}

/// Open overdue tasks by how long they are overdue at the cut-off (Quảng Nam reports tasks
/// overdue for over 120 days): up to 30 days, 31 to 90, over 90. Tasks overdue by their
/// status text alone (a file without a deadline column) have no age. The four add up to the
/// overdue count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OverdueAge {
    pub up_to_30: u64,
    pub from_31_to_90: u64,
    pub over_90: u64,
    pub unknown: u64,
}

impl OverdueAge {
    /// Count one overdue task, `days` overdue.
    pub fn add(&mut self, days: Option<i64>) {
        match days {
            Some(..=30) => self.up_to_30 += 1,
            Some(31..=90) => self.from_31_to_90 += 1,
            Some(_) => self.over_90 += 1,
            None => self.unknown += 1,
        }
    }

    pub fn plus(&self, o: &OverdueAge) -> OverdueAge {
        OverdueAge {
            up_to_30: self.up_to_30 + o.up_to_30,
            from_31_to_90: self.from_31_to_90 + o.from_31_to_90,
            over_90: self.over_90 + o.over_90,
            unknown: self.unknown + o.unknown,
        }
    }

    pub fn total(&self) -> u64 {
        self.up_to_30 + self.from_31_to_90 + self.over_90 + self.unknown
    }
}

/// Why an open task is flagged as having gone without news (Bình Định flags tasks without a
/// deadline that have had no report for three months; Tiền Giang takes an agency that does
/// not update as not having done the task).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Stale {
    /// No deadline, assigned this many days before the cut-off (more than
    /// [`STALE_NO_DEADLINE_DAYS`]).
    NoDeadlineFor(i64),
    /// Not updated (the export's last-update column) for this many days, more than
    /// [`Report::not_updated_days`].
    NotUpdatedFor(i64),
}

impl Stale {
    pub fn days(self) -> i64 {
        match self {
            Stale::NoDeadlineFor(d) | Stale::NotUpdatedFor(d) => d,
        }
    }
}

/// An open task without a deadline is flagged once it was assigned more than this many days
/// before the cut-off.
pub const STALE_NO_DEADLINE_DAYS: i64 = 90;

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
    /// Open tasks that have gone without news too long, by agency, the longest first.
    pub stale: Vec<TaskLine>,
    /// The days without an update after which an open task is on `stale`
    /// ([`Stale::NotUpdatedFor`]; `[du_lieu] ngay_khong_cap_nhat`).
    pub not_updated_days: i64,
    /// Every open overdue task by how long it is overdue.
    pub overdue_age: OverdueAge,
    /// Every counted task.
    pub details: Vec<TaskLine>,
    /// The figures per tracking officer and per department.
    pub by_officer: OfficerViews,
    pub findings: Vec<Finding>,
    pub left_out: LeftOut,
    pub ranking: Option<Ranking>,
    pub trend: Option<Vec<TrendPoint>>,
    /// What the inputs cover (SPEC §9).
    pub coverage: Coverage,
    /// Where the data cannot support the report's figures, in Vietnamese sentences.
    pub warnings: Vec<String>,
    /// Said instead of the comparison with the same period last year when the data cannot
    /// support it (then `previous_total` and every `previous` are None).
    pub comparison_withheld: Option<String>,
}
