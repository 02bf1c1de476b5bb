//! The work programme (chương trình công tác, SPEC §8): the status of one programme item at a
//! cut-off, the figures of a group of items with their rates, the figures table of a period,
//! and the plain report model the programme's renderers draw (a workbook, a PDF and a Word
//! document are made from this one model).

use chrono::NaiveDate;
use serde::Serialize;

use super::{Finding, Period, ReportMeta, SourceLoc};

/// Status of a programme item at a cut-off `c` (SPEC §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ItemStatus {
    /// Submitted (đã trình) on or before its effective deadline.
    OnTime,
    /// Submitted after its effective deadline (trình quá hạn).
    Late,
    /// Not submitted, and `c` is past the effective deadline (chưa trình, quá hạn).
    Overdue,
    /// Not submitted, the effective deadline not passed (chưa đến hạn; the deadline day itself
    /// is not yet past).
    NotYetDue,
}

impl ItemStatus {
    pub fn is_submitted(self) -> bool {
        matches!(self, ItemStatus::OnTime | ItemStatus::Late)
    }

    /// The Vietnamese label shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::OnTime => "Đã trình đúng hạn",
            ItemStatus::Late => "Đã trình quá hạn",
            ItemStatus::Overdue => "Chưa trình, quá hạn",
            ItemStatus::NotYetDue => "Chưa trình, chưa đến hạn",
        }
    }
}

/// The figures for one group of programme items: planned = submitted + not_submitted,
/// submitted = on_time + late, not_submitted = overdue + not_yet_due; `issued` (a sub-count of
/// submitted) and `postponed` (items whose deadline was moved) are sub-counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProgrammeCounts {
    pub planned: u64,
    pub submitted: u64,
    pub on_time: u64,
    pub late: u64,
    pub issued: u64,
    pub not_submitted: u64,
    pub overdue: u64,
    pub not_yet_due: u64,
    pub postponed: u64,
}

impl ProgrammeCounts {
    /// Count one item with its status at the cut-off.
    pub fn add(&mut self, status: ItemStatus, is_issued: bool, is_postponed: bool) {
        self.planned += 1;
        match status {
            ItemStatus::OnTime => self.on_time += 1,
            ItemStatus::Late => self.late += 1,
            ItemStatus::Overdue => self.overdue += 1,
            ItemStatus::NotYetDue => self.not_yet_due += 1,
        }
        if status.is_submitted() {
            self.submitted += 1;
            self.issued += u64::from(is_issued);
        } else {
            self.not_submitted += 1;
        }
        self.postponed += u64::from(is_postponed);
    }

    pub fn plus(&self, other: &ProgrammeCounts) -> ProgrammeCounts {
        ProgrammeCounts {
            planned: self.planned + other.planned,
            submitted: self.submitted + other.submitted,
            on_time: self.on_time + other.on_time,
            late: self.late + other.late,
            issued: self.issued + other.issued,
            not_submitted: self.not_submitted + other.not_submitted,
            overdue: self.overdue + other.overdue,
            not_yet_due: self.not_yet_due + other.not_yet_due,
            postponed: self.postponed + other.postponed,
        }
    }

    pub fn rate(&self, rate: ProgrammeRate) -> Option<f64> {
        let (num, den) = match rate {
            ProgrammeRate::Submitted => (self.submitted, self.planned),
            ProgrammeRate::OnTime => (self.on_time, self.submitted),
            ProgrammeRate::Issued => (self.issued, self.planned),
        };
        (den > 0).then(|| num as f64 / den as f64)
    }
}

/// The rates of the work programme (SPEC §8); a zero denominator shows `-`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgrammeRate {
    /// Tỷ lệ đã trình: submitted / planned.
    Submitted,
    /// Tỷ lệ trình đúng hạn: on time / submitted.
    OnTime,
    /// Tỷ lệ đã ban hành: issued / planned.
    Issued,
}

impl ProgrammeRate {
    pub const ALL: [ProgrammeRate; 3] = [
        ProgrammeRate::Submitted,
        ProgrammeRate::OnTime,
        ProgrammeRate::Issued,
    ];

    /// Column label.
    pub fn label(self) -> &'static str {
        match self {
            ProgrammeRate::Submitted => "Tỷ lệ đã trình",
            ProgrammeRate::OnTime => "Tỷ lệ trình đúng hạn",
            ProgrammeRate::Issued => "Tỷ lệ đã ban hành",
        }
    }

    /// The definition printed under every table.
    pub fn definition(self) -> &'static str {
        match self {
            ProgrammeRate::Submitted => {
                "Tỷ lệ đã trình = số nội dung đã trình / số nội dung phải trình trong kỳ"
            }
            ProgrammeRate::OnTime => {
                "Tỷ lệ trình đúng hạn = số nội dung trình đúng hạn / số nội dung đã trình"
            }
            ProgrammeRate::Issued => {
                "Tỷ lệ đã ban hành = số nội dung đã được ban hành / số nội dung phải trình trong kỳ"
            }
        }
    }
}

/// What the rows of a programme figures table are keyed by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgrammeBy {
    /// The lead agency (cơ quan chủ trì), restated to the structure at the cut-off.
    #[default]
    Agency,
    /// The agency's group in the directory (nhóm).
    Group,
    /// The Committee leader in charge (lãnh đạo phụ trách).
    Leader,
}

/// The leader key for items that name none.
pub const NO_PROGRAMME_LEADER: &str = "Không ghi lãnh đạo phụ trách";

/// A programme item as the lists show it, with every derived value (deadline, days overdue
/// or left, status at the cut-off) worked out once.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemLine {
    /// The agency it is reported under (the successor of a merged agency).
    pub agency: String,
    pub content: Option<String>,
    pub leader: Option<String>,
    /// The planned time as the programme gives it: "Tháng 3/2025", "Quý II/2025", a date.
    pub planned: Option<String>,
    /// The effective deadline: the postponed one, else the planned one.
    pub deadline: NaiveDate,
    /// The postponed time when the deadline was moved, as given: "Tháng 6/2025", …
    pub postponed_to: Option<String>,
    /// Where the postponement was read: the column's name or the status text.
    pub postponed_by: Option<String>,
    pub submitted: Option<NaiveDate>,
    pub submission_no: Option<String>,
    pub issued: Option<NaiveDate>,
    pub issued_doc: Option<String>,
    /// Status at the cut-off; None for a withdrawn item.
    pub status: Option<ItemStatus>,
    /// Issued (đã ban hành) by the cut-off.
    pub is_issued: bool,
    /// Not submitted and overdue: days from the deadline to the cut-off.
    pub days_overdue: Option<i64>,
    /// Not submitted and not yet due: days from the cut-off to the deadline (0 on the day).
    pub days_left: Option<i64>,
    /// The status column's text (tình trạng) and the note (ghi chú), as written.
    pub status_text: Option<String>,
    pub note: Option<String>,
    pub source: SourceLoc,
}

/// The figures table of one period: a row per key with at least one item, the total, and
/// what is not in them.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeFigures {
    pub period: Period,
    pub rows: Vec<(String, ProgrammeCounts)>,
    pub total: ProgrammeCounts,
    /// Withdrawn items whose effective deadline is in the period.
    pub withdrawn: Vec<ItemLine>,
    /// Items planned in the period but postponed out of it (counted where they now fall).
    pub postponed_out: Vec<ItemLine>,
    /// Rows of every input left out for missing information, with the reason.
    pub excluded: Vec<Finding>,
}

/// One agency's line in the programme annex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeAgencyLine {
    pub name: String,
    pub counts: ProgrammeCounts,
    pub previous: Option<ProgrammeCounts>,
    /// Ghi chú: restated predecessors, not in the directory, dissolved.
    pub note: String,
}

/// A group of agencies with its sub-total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeSection {
    pub name: String,
    pub agencies: Vec<ProgrammeAgencyLine>,
    pub subtotal: ProgrammeCounts,
    pub previous: Option<ProgrammeCounts>,
}

/// Everything the programme's renderers need, as plain data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgrammeReport {
    pub meta: ReportMeta,
    pub sections: Vec<ProgrammeSection>,
    pub total: ProgrammeCounts,
    pub previous_total: Option<ProgrammeCounts>,
    /// Not submitted and overdue at the cut-off, most overdue first.
    pub overdue: Vec<ItemLine>,
    /// Not submitted, due from the cut-off to `due_soon_until` (whatever their period).
    pub due_soon: Vec<ItemLine>,
    /// The last day of the month after the cut-off's month.
    pub due_soon_until: NaiveDate,
    /// Counted items of the period whose deadline was moved.
    pub postponed: Vec<ItemLine>,
    /// Items planned in the period, postponed out of it.
    pub postponed_out: Vec<ItemLine>,
    /// Withdrawn items of the period.
    pub withdrawn: Vec<ItemLine>,
    /// Every counted item of the period.
    pub items: Vec<ItemLine>,
    /// Data-quality findings of every input (excluded rows, unknown agencies, contradictions,
    /// unreadable cells, skipped rows and sheets).
    pub findings: Vec<Finding>,
    /// Rows of every input left out for missing information.
    pub excluded: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_sub_counts_stay_inside() {
        let mut c = ProgrammeCounts::default();
        c.add(ItemStatus::OnTime, true, false);
        c.add(ItemStatus::Late, false, true);
        c.add(ItemStatus::Overdue, false, false);
        c.add(ItemStatus::NotYetDue, true, true);
        // The issued flag of an item not submitted does not count: issued ⊆ submitted.
        assert_eq!(
            c,
            ProgrammeCounts {
                planned: 4,
                submitted: 2,
                on_time: 1,
                late: 1,
                issued: 1,
                not_submitted: 2,
                overdue: 1,
                not_yet_due: 1,
                postponed: 2,
            }
        );
        assert_eq!(c.plus(&c).planned, 8);
    }

    #[test]
    fn rates_use_their_denominators_and_none_for_zero() {
        let mut c = ProgrammeCounts::default();
        assert_eq!(c.rate(ProgrammeRate::Submitted), None);
        c.add(ItemStatus::OnTime, true, false);
        c.add(ItemStatus::Late, false, false);
        c.add(ItemStatus::Overdue, false, false);
        c.add(ItemStatus::Overdue, false, false);
        // 2 of 4 submitted, 1 of 2 on time, 1 of 4 issued.
        assert_eq!(c.rate(ProgrammeRate::Submitted), Some(0.5));
        assert_eq!(c.rate(ProgrammeRate::OnTime), Some(0.5));
        assert_eq!(c.rate(ProgrammeRate::Issued), Some(0.25));
    }
}
