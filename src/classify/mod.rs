//! Classify: the status of one task at a cut-off (SPEC 4.2, 4.7), whether it belongs to a
//! period (SPEC 4.1), whether it can be counted at all, and whether its status text
//! contradicts its dates. Pure functions over [`RawTask`]; no I/O, no aggregation.

mod changes;
mod view;

pub use changes::{Change, change_between};
pub use view::{agency_slot, each_counted, view};

use chrono::NaiveDate;

use crate::model::{Basis, Deadline, Period, RawTask, Status, StatusText};

/// Options that change how a task is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judging {
    pub basis: Basis,
    /// Judge on the original deadline even when an extension was granted (some offices do).
    pub on_original_deadline: bool,
    /// An open task last updated more than this many days before the cut-off is flagged as
    /// not updated (`[du_lieu] ngay_khong_cap_nhat`, default 30).
    pub not_updated_days: i64,
}

impl Default for Judging {
    fn default() -> Self {
        Judging {
            basis: Basis::default(),
            on_original_deadline: false,
            not_updated_days: i64::from(crate::config::DEFAULT_NOT_UPDATED_DAYS),
        }
    }
}

/// Whether a task can be counted, independent of any period. Kept for every task loaded
/// (five million at the largest benchmark), hence a byte or two, not a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Countable,
    /// Cancelled, withdrawn, reassigned or paused: out of every count.
    Cancelled,
    /// Not enough information (không đủ thông tin).
    Excluded(Exclusion),
}

/// Why a task is left out for want of information.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exclusion {
    NoAgency,
    NoDate,
    CompletedWithoutDate,
    Undecidable,
}

impl Exclusion {
    /// The reason, in Vietnamese, as findings give it.
    pub fn message(self) -> &'static str {
        match self {
            Exclusion::NoAgency => "không có đơn vị chủ trì",
            Exclusion::NoDate => "không có ngày giao và ngày văn bản",
            Exclusion::CompletedWithoutDate => {
                "trạng thái «đã hoàn thành» nhưng không có ngày hoàn thành để biết đúng hạn hay quá hạn"
            }
            Exclusion::Undecidable => {
                "không có hạn xử lý đọc được và trạng thái không cho biết kết quả"
            }
        }
    }
}

/// The deadline a task is judged on: the extended one when present (unless the office judges
/// on the original), else the original.
pub fn deadline_used(task: &RawTask, judging: Judging) -> Deadline {
    match (task.extended, judging.on_original_deadline, task.deadline) {
        (Some(_), true, Deadline::Date(d)) => Deadline::Date(d),
        (Some(ext), _, _) => Deadline::Date(ext),
        (None, _, d) => d,
    }
}

/// Decide whether a task can be counted at all.
pub fn screen(task: &RawTask, judging: Judging) -> Screen {
    if task.status_text == Some(StatusText::Cancelled) {
        return Screen::Cancelled;
    }
    if task.agency.is_none() {
        return Screen::Excluded(Exclusion::NoAgency);
    }
    if task.assigned_or_doc_date().is_none() {
        return Screen::Excluded(Exclusion::NoDate);
    }
    let deadline_known = deadline_used(task, judging) != Deadline::Unknown;
    let text = task.status_text;
    let decidable = match (task.completed, deadline_known) {
        (_, true) => {
            !(task.completed.is_none()
                && text == Some(StatusText::Completed)
                && has_deadline(task, judging))
        }
        // Completed without a deadline to judge on: on time (SPEC 4.2 "no d"), unless the
        // status text says late. Only the within / overdue decision needs a deadline or a text.
        (Some(_), false) => true,
        (None, false) => text.is_some(),
    };
    if decidable {
        Screen::Countable
    } else if task.completed.is_none() && text == Some(StatusText::Completed) {
        Screen::Excluded(Exclusion::CompletedWithoutDate)
    } else {
        Screen::Excluded(Exclusion::Undecidable)
    }
}

fn has_deadline(task: &RawTask, judging: Judging) -> bool {
    matches!(deadline_used(task, judging), Deadline::Date(_))
}

/// Status at cut-off `c` of a countable task (SPEC 4.2): dates decide where they exist; the
/// status text decides only where the dates needed are missing.
pub fn status_at(task: &RawTask, c: NaiveDate, judging: Judging) -> Status {
    let d = deadline_used(task, judging);
    let text = task.status_text;
    match task.completed {
        Some(done) if done <= c => match d {
            Deadline::Date(dd) if done > dd => Status::Late,
            Deadline::Date(_) | Deadline::NoDeadline => Status::OnTime,
            Deadline::Unknown if text == Some(StatusText::CompletedLate) => Status::Late,
            Deadline::Unknown => Status::OnTime,
        },
        // Completed after the cut-off: not completed at the cut-off, whatever the text says.
        Some(_) => open_status(d, c, None),
        None => match text {
            Some(StatusText::CompletedOnTime | StatusText::Completed) => Status::OnTime,
            Some(StatusText::CompletedLate) => Status::Late,
            _ => open_status(d, c, text),
        },
    }
}

/// Not completed at `c`: within while `c ≤ d` (the deadline day itself is within).
fn open_status(d: Deadline, c: NaiveDate, text: Option<StatusText>) -> Status {
    match d {
        Deadline::Date(dd) if c > dd => Status::Overdue,
        Deadline::Date(_) | Deadline::NoDeadline => Status::Within,
        Deadline::Unknown if text == Some(StatusText::Overdue) => Status::Overdue,
        Deadline::Unknown => Status::Within,
    }
}

/// Days past the deadline at `c` of a task whose status at `c` is overdue (None for any
/// other status, and when only the status text said overdue).
pub fn days_overdue(task: &RawTask, status: Status, c: NaiveDate, judging: Judging) -> Option<i64> {
    match deadline_used(task, judging) {
        Deadline::Date(d) if status == Status::Overdue && c > d => Some((c - d).num_days()),
        _ => None,
    }
}

/// Whether a task belongs to the period: by assignment date (ngày giao, falling back to the
/// document date), or with basis `due` by the deadline it is judged on (never without one).
pub fn in_period(task: &RawTask, period: &Period, judging: Judging) -> bool {
    match judging.basis {
        Basis::Assigned => task
            .assigned_or_doc_date()
            .is_some_and(|d| period.contains(d)),
        Basis::Due => {
            matches!(deadline_used(task, judging), Deadline::Date(d) if period.contains(d))
        }
    }
}

/// A status text that contradicts the row's own dates, judged independent of any cut-off
/// (SPEC 4.7). Dates win; this is only reported.
pub fn contradiction(task: &RawTask, judging: Judging) -> Option<String> {
    let text = task.status_text?;
    let raw = task.status_raw.as_deref().unwrap_or_default();
    let d = deadline_used(task, judging);
    match (task.completed, text) {
        (Some(done), StatusText::Within | StatusText::Overdue) => Some(format!(
            "trạng thái «{raw}» nhưng có ngày hoàn thành {}; tính theo ngày hoàn thành",
            crate::vn_number::date(done)
        )),
        (Some(done), StatusText::CompletedLate)
            if matches!(d, Deadline::NoDeadline)
                || matches!(d, Deadline::Date(dd) if done <= dd) =>
        {
            Some(format!(
                "trạng thái «{raw}» nhưng ngày hoàn thành {} không sau hạn; tính là đúng hạn",
                crate::vn_number::date(done)
            ))
        }
        (Some(done), StatusText::CompletedOnTime) if matches!(d, Deadline::Date(dd) if done > dd) => {
            Some(format!(
                "trạng thái «{raw}» nhưng ngày hoàn thành {} sau hạn; tính là quá hạn",
                crate::vn_number::date(done)
            ))
        }
        (None, StatusText::Overdue) if d == Deadline::NoDeadline => Some(format!(
            "trạng thái «{raw}» nhưng nhiệm vụ không có thời hạn; tính là trong hạn"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn task(deadline: Deadline, completed: Option<NaiveDate>) -> RawTask {
        RawTask {
            completed,
            ..RawTask::example(2, d(2025, 1, 10), deadline)
        }
    }

    const J: Judging = Judging {
        basis: Basis::Assigned,
        on_original_deadline: false,
        not_updated_days: 30,
    };
    const CUT: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();

    #[test]
    fn completed_on_or_before_deadline_is_on_time() {
        assert_eq!(
            status_at(
                &task(Deadline::Date(d(2025, 3, 1)), Some(d(2025, 3, 1))),
                CUT(),
                J
            ),
            Status::OnTime
        );
    }

    #[test]
    fn completed_after_deadline_is_late() {
        assert_eq!(
            status_at(
                &task(Deadline::Date(d(2025, 3, 1)), Some(d(2025, 3, 2))),
                CUT(),
                J
            ),
            Status::Late
        );
    }

    #[test]
    fn completed_without_deadline_is_on_time() {
        assert_eq!(
            status_at(&task(Deadline::NoDeadline, Some(d(2025, 5, 2))), CUT(), J),
            Status::OnTime
        );
    }

    #[test]
    fn open_task_on_its_deadline_day_is_within() {
        assert_eq!(
            status_at(&task(Deadline::Date(CUT()), None), CUT(), J),
            Status::Within
        );
    }

    #[test]
    fn open_task_past_its_deadline_is_overdue() {
        let t = task(Deadline::Date(d(2025, 6, 29)), None);
        assert_eq!(status_at(&t, CUT(), J), Status::Overdue);
        assert_eq!(days_overdue(&t, Status::Overdue, CUT(), J), Some(1));
        // A task completed late has no days overdue.
        let late = task(Deadline::Date(d(2025, 6, 1)), Some(d(2025, 6, 10)));
        assert_eq!(
            days_overdue(&late, status_at(&late, CUT(), J), CUT(), J),
            None
        );
    }

    #[test]
    fn open_task_without_deadline_is_within() {
        assert_eq!(
            status_at(&task(Deadline::NoDeadline, None), CUT(), J),
            Status::Within
        );
    }

    #[test]
    fn completion_after_cutoff_counts_as_not_completed() {
        let mut t = task(Deadline::Date(d(2025, 6, 1)), Some(d(2025, 7, 5)));
        t.status_text = Some(StatusText::CompletedLate);
        assert_eq!(status_at(&t, CUT(), J), Status::Overdue);
        let t = task(Deadline::Date(d(2025, 7, 10)), Some(d(2025, 7, 5)));
        assert_eq!(status_at(&t, CUT(), J), Status::Within);
    }

    #[test]
    fn extended_deadline_is_used_unless_judging_on_the_original() {
        let mut t = task(Deadline::Date(d(2025, 3, 1)), Some(d(2025, 3, 20)));
        t.extended = Some(d(2025, 3, 31));
        assert_eq!(status_at(&t, CUT(), J), Status::OnTime);
        let original = Judging {
            on_original_deadline: true,
            ..J
        };
        assert_eq!(status_at(&t, CUT(), original), Status::Late);
    }

    #[test]
    fn status_text_decides_when_completion_date_is_missing() {
        let mut t = task(Deadline::Date(d(2025, 3, 1)), None);
        t.status_text = Some(StatusText::CompletedLate);
        assert_eq!(status_at(&t, CUT(), J), Status::Late);
        t.status_text = Some(StatusText::CompletedOnTime);
        assert_eq!(status_at(&t, CUT(), J), Status::OnTime);
    }

    #[test]
    fn status_text_decides_within_or_overdue_only_without_a_deadline_column() {
        let mut t = task(Deadline::Unknown, None);
        t.status_text = Some(StatusText::Overdue);
        assert_eq!(screen(&t, J), Screen::Countable);
        assert_eq!(status_at(&t, CUT(), J), Status::Overdue);
        // With a deadline (even none), dates decide: a "Quá hạn" text on a task without deadline is within.
        let mut t = task(Deadline::NoDeadline, None);
        t.status_text = Some(StatusText::Overdue);
        assert_eq!(status_at(&t, CUT(), J), Status::Within);
        assert!(contradiction(&t, J).is_some());
    }

    #[test]
    fn rows_without_usable_dates_or_status_are_excluded() {
        assert!(matches!(
            screen(&task(Deadline::Unknown, None), J),
            Screen::Excluded(_)
        ));
        let mut t = task(Deadline::NoDeadline, None);
        t.agency = None;
        assert!(matches!(screen(&t, J), Screen::Excluded(_)));
        let mut t = task(Deadline::NoDeadline, None);
        t.assigned = None;
        assert!(matches!(screen(&t, J), Screen::Excluded(_)));
        t.doc_date = Some(d(2025, 1, 2));
        assert_eq!(screen(&t, J), Screen::Countable);
    }

    #[test]
    fn completed_task_in_a_file_without_deadline_column_is_on_time_unless_the_text_says_late() {
        let mut t = task(Deadline::Unknown, Some(d(2025, 3, 1)));
        assert_eq!(screen(&t, J), Screen::Countable);
        assert_eq!(status_at(&t, CUT(), J), Status::OnTime);
        t.status_text = Some(StatusText::CompletedLate);
        assert_eq!(status_at(&t, CUT(), J), Status::Late);
    }

    #[test]
    fn cancelled_task_is_screened_out() {
        let mut t = task(Deadline::NoDeadline, None);
        t.status_text = Some(StatusText::Cancelled);
        assert_eq!(screen(&t, J), Screen::Cancelled);
    }

    #[test]
    fn due_basis_takes_tasks_whose_deadline_is_in_the_period() {
        let p = crate::period::parse("2025-Q2", None).unwrap();
        let due = Judging {
            basis: Basis::Due,
            ..J
        };
        assert!(in_period(
            &task(Deadline::Date(d(2025, 5, 1)), None),
            &p,
            due
        ));
        assert!(!in_period(
            &task(Deadline::Date(d(2025, 3, 1)), None),
            &p,
            due
        ));
        assert!(!in_period(&task(Deadline::NoDeadline, None), &p, due));
        assert!(!in_period(
            &task(Deadline::Date(d(2025, 5, 1)), None),
            &p,
            J
        ));
    }

    #[test]
    fn dates_win_over_a_contradicting_status_text() {
        let mut t = task(Deadline::Date(d(2025, 3, 1)), Some(d(2025, 2, 20)));
        t.status_text = Some(StatusText::CompletedLate);
        t.status_raw = Some("Hoàn thành quá hạn".into());
        assert_eq!(status_at(&t, CUT(), J), Status::OnTime);
        assert!(contradiction(&t, J).unwrap().contains("tính là đúng hạn"));
    }
}
