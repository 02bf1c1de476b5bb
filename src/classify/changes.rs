//! What happened to one task between two cut-offs D1 < D2 (SPEC §7), for the weekly and
//! bi-weekly reviews: assigned in (D1, D2], completed in (D1, D2] (on time or late by the
//! deadline it is judged on), became overdue (not completed by D2, deadline in [D1, D2): it
//! was within at D1, or not yet assigned, and is overdue at D2), overdue at D2.

use chrono::NaiveDate;

use super::{Judging, deadline_used, status_at};
use crate::model::{Deadline, RawTask, Status};

/// The changes of one task between `from` (D1) and `to` (D2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Assignment date (falling back to the document date) in (D1, D2].
    pub is_assigned: bool,
    /// Completion date in (D1, D2]: on time or late.
    pub completed: Option<Status>,
    /// Not completed at D2, deadline in [D1, D2).
    pub became_overdue: bool,
    /// Not completed at D2, deadline before D2 (or a status text saying overdue where the
    /// file has no deadline column).
    pub is_overdue_at_end: bool,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

pub fn change_between(task: &RawTask, from: NaiveDate, to: NaiveDate, judging: Judging) -> Change {
    let in_window = |d: NaiveDate| d > from && d <= to;
    let at_end = status_at(task, to, judging);
    let completed = task
        .completed
        .filter(|d| in_window(*d))
        .and(Some(at_end))
        .filter(|s| s.is_completed());
    let became_overdue = at_end == Status::Overdue
        && matches!(deadline_used(task, judging), Deadline::Date(d) if d >= from && d < to);
    Change {
        is_assigned: task.assigned_or_doc_date().is_some_and(in_window),
        completed,
        became_overdue,
        is_overdue_at_end: at_end == Status::Overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn task(assigned: NaiveDate, deadline: Deadline, completed: Option<NaiveDate>) -> RawTask {
        RawTask {
            completed,
            ..RawTask::example(2, assigned, deadline)
        }
    }

    // The week 24/11–30/11/2025: D1 = 23/11 (the Sunday before), D2 = 30/11.
    const FROM: fn() -> NaiveDate = || d(2025, 11, 23);
    const TO: fn() -> NaiveDate = || d(2025, 11, 30);

    fn change(t: &RawTask) -> Change {
        change_between(t, FROM(), TO(), Judging::default())
    }

    #[test]
    fn assigned_means_after_d1_up_to_and_including_d2() {
        let on_d1 = task(d(2025, 11, 23), Deadline::NoDeadline, None);
        let on_d2 = task(d(2025, 11, 30), Deadline::NoDeadline, None);
        assert!(!change(&on_d1).is_assigned);
        assert!(change(&on_d2).is_assigned);
    }

    #[test]
    fn completed_in_the_window_is_on_time_or_late_by_its_deadline() {
        let on_time = task(
            d(2025, 10, 1),
            Deadline::Date(d(2025, 11, 25)),
            Some(d(2025, 11, 25)),
        );
        let late = task(
            d(2025, 10, 1),
            Deadline::Date(d(2025, 11, 20)),
            Some(d(2025, 11, 24)),
        );
        let before = task(
            d(2025, 10, 1),
            Deadline::Date(d(2025, 11, 20)),
            Some(d(2025, 11, 23)),
        );
        let after = task(
            d(2025, 10, 1),
            Deadline::Date(d(2025, 11, 20)),
            Some(d(2025, 12, 1)),
        );
        assert_eq!(change(&on_time).completed, Some(Status::OnTime));
        assert_eq!(change(&late).completed, Some(Status::Late));
        assert_eq!(change(&before).completed, None);
        // Completed after D2: open at D2, and its deadline 20/11 is before D1: overdue all
        // week long, not newly.
        assert_eq!(change(&after).completed, None);
        assert!(!change(&after).became_overdue);
        assert!(change(&after).is_overdue_at_end);
    }

    #[test]
    fn became_overdue_needs_a_deadline_from_d1_to_the_day_before_d2() {
        let due_on_d1 = task(d(2025, 10, 1), Deadline::Date(d(2025, 11, 23)), None);
        let due_mid_week = task(d(2025, 10, 1), Deadline::Date(d(2025, 11, 27)), None);
        // Due on D2 itself: still within at D2 (the deadline day is within).
        let due_on_d2 = task(d(2025, 10, 1), Deadline::Date(d(2025, 11, 30)), None);
        let due_before = task(d(2025, 10, 1), Deadline::Date(d(2025, 11, 22)), None);
        assert!(change(&due_on_d1).became_overdue);
        assert!(change(&due_mid_week).became_overdue);
        assert!(!change(&due_on_d2).became_overdue);
        assert!(!change(&due_on_d2).is_overdue_at_end);
        assert!(!change(&due_before).became_overdue);
        assert!(change(&due_before).is_overdue_at_end);
        // Assigned in the week with a deadline already inside it: new and newly overdue.
        let new_and_late = task(d(2025, 11, 24), Deadline::Date(d(2025, 11, 26)), None);
        let c = change(&new_and_late);
        assert!(c.is_assigned && c.became_overdue && c.is_overdue_at_end);
    }
}
