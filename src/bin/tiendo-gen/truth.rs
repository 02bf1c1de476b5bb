//! Ground truth: the figures a correct tool must print, computed from the latent task list
//! (never by re-reading the files) with SPEC 4.1, 4.2, 4.5, 4.6 and 4.7 implemented here,
//! independently of the `tiendo` library.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::directory::{Agency, reported_under};
use crate::tasks::{Lead, Source, Task};
use crate::textforms::clean;

/// What a status text says when it alone decides a completed task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDone {
    OnTime,
    Late,
}

/// Status of one task at a cut-off (SPEC 4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    OnTime,
    Late,
    Within,
    Overdue,
}

/// The facts status depends on: completion date, a completed-status text used only when the
/// completion date is missing, and the effective deadline (extension if granted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub completed: Option<NaiveDate>,
    pub text_done: Option<TextDone>,
    pub deadline: Option<NaiveDate>,
}

/// SPEC 4.2 and 4.7: a completion date after the cut-off means not completed, whatever the
/// text says; with no completion date a completed-status text decides; the deadline day
/// itself is still within.
pub fn status_at(f: &Facts, cut: NaiveDate) -> Outcome {
    match (f.completed, f.text_done) {
        (Some(done), _) if done <= cut => match f.deadline {
            Some(d) if done > d => Outcome::Late,
            _ => Outcome::OnTime,
        },
        (None, Some(TextDone::OnTime)) => Outcome::OnTime,
        (None, Some(TextDone::Late)) => Outcome::Late,
        _ => match f.deadline {
            Some(d) if cut > d => Outcome::Overdue,
            _ => Outcome::Within,
        },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Assigned,
    Due,
}

/// One report to compute: a named period, its cut-off and basis.
#[derive(Clone, Debug)]
pub struct ReportSpec {
    pub period: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub basis: Basis,
}

impl ReportSpec {
    pub fn effective_end(&self) -> NaiveDate {
        self.end.min(self.as_of)
    }
}

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
    fn add(&mut self, outcome: Outcome, has_no_deadline: bool) {
        self.total += 1;
        match outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => self.late += 1,
            Outcome::Within => self.within += 1,
            Outcome::Overdue => self.overdue += 1,
        }
        self.completed = self.on_time + self.late;
        self.not_completed = self.within + self.overdue;
        self.no_deadline += u64::from(has_no_deadline);
    }
}

/// Agency rows in report order (directory order, then unknown names alphabetically),
/// serialised as a JSON object that keeps that order (the programme's rows hold its own
/// counts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows<C = Counts>(pub Vec<(String, C)>);

impl<C: Serialize> Serialize for Rows<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, counts) in &self.0 {
            map.serialize_entry(name, counts)?;
        }
        map.end()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    pub period: String,
    pub as_of: String,
    pub basis: Basis,
    pub total: Counts,
    pub rows: Rows,
    pub excluded: u64,
    pub cancelled: u64,
    pub duplicates_merged: u64,
}

/// The date that puts a task in the period under the basis (none: never in any period).
fn basis_date(t: &Task, basis: Basis) -> Option<NaiveDate> {
    match basis {
        Basis::Assigned => t.period_date(),
        Basis::Due => t.effective_deadline(),
    }
}

/// The expected figures of one report over every task of every input.
pub fn expected(tasks: &[Task], dir: &[Agency], spec: &ReportSpec) -> Expected {
    let end = spec.effective_end();
    let mut known = vec![None::<Counts>; dir.len()];
    let mut unknown: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let (mut excluded, mut cancelled, mut merged) = (0, 0, 0);
    for t in tasks {
        if t.is_excluded() {
            excluded += 1;
            continue;
        }
        let Some(day) = basis_date(t, spec.basis) else {
            continue;
        };
        if day < spec.start || day > end {
            continue;
        }
        if t.cancel.is_some() {
            cancelled += 1;
            continue;
        }
        if t.source == Source::Export && t.hand.is_some() {
            merged += 1;
        }
        let outcome = status_at(&t.facts(), end);
        let no_deadline = t.effective_deadline().is_none();
        total.add(outcome, no_deadline);
        match &t.lead {
            Lead::Known(i) => {
                let at = reported_under(dir, *i, end);
                if let Some(slot) = known.get_mut(at) {
                    slot.get_or_insert_with(Counts::default)
                        .add(outcome, no_deadline);
                }
            }
            Lead::Unknown(raw) => unknown
                .entry(clean(raw))
                .or_default()
                .add(outcome, no_deadline),
            Lead::Missing => {}
        }
    }
    let mut rows: Vec<(String, Counts)> = dir
        .iter()
        .zip(known)
        .filter_map(|(a, c)| c.map(|c| (a.name.to_string(), c)))
        .collect();
    rows.extend(unknown);
    Expected {
        period: spec.period.to_string(),
        as_of: spec.as_of.format("%Y-%m-%d").to_string(),
        basis: spec.basis,
        total,
        rows: Rows(rows),
        excluded,
        cancelled,
        duplicates_merged: merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::ymd;
    use crate::tasks::{Due, HandCopy, Mark};

    fn facts(completed: Option<NaiveDate>, deadline: Option<NaiveDate>) -> Facts {
        Facts {
            completed,
            text_done: None,
            deadline,
        }
    }

    #[test]
    fn completion_on_the_deadline_day_is_on_time() {
        let f = facts(Some(ymd(2025, 3, 10)), Some(ymd(2025, 3, 10)));
        assert_eq!(status_at(&f, ymd(2025, 12, 31)), Outcome::OnTime);
    }

    #[test]
    fn completion_one_day_after_the_deadline_is_late() {
        let f = facts(Some(ymd(2025, 3, 11)), Some(ymd(2025, 3, 10)));
        assert_eq!(status_at(&f, ymd(2025, 12, 31)), Outcome::Late);
    }

    #[test]
    fn completion_after_the_cutoff_counts_as_not_completed() {
        // Completed 15/02/2025 against a deadline of 20/12/2024: at a 31/12/2024 cut-off the
        // task is overdue, at a 28/02/2025 cut-off it is completed late.
        let f = facts(Some(ymd(2025, 2, 15)), Some(ymd(2024, 12, 20)));
        assert_eq!(status_at(&f, ymd(2024, 12, 31)), Outcome::Overdue);
        assert_eq!(status_at(&f, ymd(2025, 2, 28)), Outcome::Late);
        // Same task with a deadline of 10/01/2025: within at the 2024 cut-off.
        let g = facts(Some(ymd(2025, 2, 15)), Some(ymd(2025, 1, 10)));
        assert_eq!(status_at(&g, ymd(2024, 12, 31)), Outcome::Within);
    }

    #[test]
    fn the_deadline_day_itself_is_still_within() {
        let f = facts(None, Some(ymd(2025, 6, 30)));
        assert_eq!(status_at(&f, ymd(2025, 6, 30)), Outcome::Within);
        assert_eq!(status_at(&f, ymd(2025, 7, 1)), Outcome::Overdue);
    }

    #[test]
    fn a_task_without_deadline_is_never_late_nor_overdue() {
        let open = facts(None, None);
        assert_eq!(status_at(&open, ymd(2030, 1, 1)), Outcome::Within);
        let done = facts(Some(ymd(2029, 1, 1)), None);
        assert_eq!(status_at(&done, ymd(2030, 1, 1)), Outcome::OnTime);
    }

    #[test]
    fn a_completed_status_text_decides_only_without_a_completion_date() {
        let text_only = Facts {
            completed: None,
            text_done: Some(TextDone::Late),
            deadline: None,
        };
        assert_eq!(status_at(&text_only, ymd(2021, 1, 1)), Outcome::Late);
        // A completion date after the cut-off wins over the text: not completed.
        let dated = Facts {
            completed: Some(ymd(2025, 5, 2)),
            text_done: Some(TextDone::OnTime),
            deadline: Some(ymd(2025, 4, 1)),
        };
        assert_eq!(status_at(&dated, ymd(2025, 4, 30)), Outcome::Overdue);
    }

    fn task(
        lead: Lead,
        assigned: NaiveDate,
        deadline: Option<NaiveDate>,
        completed: Option<NaiveDate>,
    ) -> Task {
        Task {
            id: Some("NV-1".into()),
            year: assigned.format("%Y").to_string().parse().unwrap_or(2025),
            doc_number: "1/UBND-KT".into(),
            doc_date: Some(assigned),
            assigned: Some(assigned),
            content: String::new(),
            leader: "Chủ tịch UBND tỉnh",
            lead,
            cooperating: vec![],
            due: deadline.map_or(Due::Without("Thường xuyên"), Due::Date),
            extended: None,
            completed,
            text_done: None,
            cancel: None,
            status_text: String::new(),
            is_key: false,
            officer: "",
            mark: Mark::Plain,
            source: Source::Export,
            hand: None,
        }
    }

    /// Seven tasks worked by hand through a pre-merger and a post-merger report.
    fn worked_example() -> (Vec<Agency>, Vec<Task>) {
        let dir = crate::directory::province();
        let at = |code: &str| Lead::Known(dir.iter().position(|a| a.code == code).unwrap_or(0));
        let d = |m, day| Some(ymd(2025, m, day));
        let a = task(at("SKHDT"), ymd(2025, 2, 10), d(2, 20), d(2, 18)); // on time
        let b = task(at("STC"), ymd(2025, 2, 12), d(2, 15), None); // overdue at 21/02
        let c = task(at("HTH"), ymd(2025, 1, 5), None, None); // within, no deadline
        let mut cancelled = task(at("SKHDT"), ymd(2025, 2, 14), d(3, 1), None);
        cancelled.cancel = Some("Thu hồi");
        let excluded = task(Lead::Missing, ymd(2025, 2, 3), d(3, 1), None);
        let mut merged = task(at("STC"), ymd(2025, 2, 3), d(3, 10), None);
        merged.hand = Some(HandCopy {
            completed: d(2, 20),
        }); // the hand sheet knows it is done
        let before = task(Lead::Unknown("Sở Ngoại vụ"), ymd(2024, 12, 30), None, None);
        (dir, vec![a, b, c, cancelled, excluded, merged, before])
    }

    #[test]
    fn a_report_ending_before_the_merger_shows_the_old_department() {
        let (dir, tasks) = worked_example();
        let spec = ReportSpec {
            period: "2025-02",
            start: ymd(2025, 2, 1),
            end: ymd(2025, 2, 28),
            as_of: ymd(2025, 2, 21),
            basis: Basis::Assigned,
        };
        let e = expected(&tasks, &dir, &spec);
        let names: Vec<&str> = e.rows.0.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]);
        let stc = e.rows.0[0].1;
        assert_eq!((stc.total, stc.on_time, stc.overdue), (2, 1, 1));
        assert_eq!(
            (e.total.total, e.total.completed, e.total.overdue),
            (3, 2, 1)
        );
        assert_eq!((e.excluded, e.cancelled, e.duplicates_merged), (1, 1, 1));
    }

    #[test]
    fn a_report_ending_after_the_merger_restates_to_the_successor() {
        let (dir, tasks) = worked_example();
        let spec = ReportSpec {
            period: "2025-H1",
            start: ymd(2025, 1, 1),
            end: ymd(2025, 6, 30),
            as_of: ymd(2025, 6, 30),
            basis: Basis::Assigned,
        };
        let e = expected(&tasks, &dir, &spec);
        let names: Vec<&str> = e.rows.0.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["Sở Tài chính", "UBND huyện Tân Hòa"]);
        let stc = e.rows.0[0].1;
        assert_eq!((stc.total, stc.on_time, stc.overdue), (3, 2, 1));
        let hth = e.rows.0[1].1;
        assert_eq!((hth.total, hth.within, hth.no_deadline), (1, 1, 1));
        assert_eq!(e.total.total, 4);
    }

    #[test]
    fn basis_due_never_takes_a_task_without_deadline() {
        let (dir, tasks) = worked_example();
        let spec = ReportSpec {
            period: "2025-02",
            start: ymd(2025, 2, 1),
            end: ymd(2025, 2, 28),
            as_of: ymd(2025, 2, 28),
            basis: Basis::Due,
        };
        let e = expected(&tasks, &dir, &spec);
        // Due in February: a (20/02, done 18/02) and b (15/02, open). c has no deadline;
        // the merged task is due 10/03; the cancelled one 01/03.
        assert_eq!((e.total.total, e.total.on_time, e.total.overdue), (2, 1, 1));
        assert_eq!(e.cancelled, 0);
    }

    #[test]
    fn counts_add_up_by_outcome() {
        let mut c = Counts::default();
        c.add(Outcome::OnTime, false);
        c.add(Outcome::Late, false);
        c.add(Outcome::Within, true);
        c.add(Outcome::Overdue, false);
        c.add(Outcome::OnTime, true);
        let want = Counts {
            total: 5,
            completed: 3,
            on_time: 2,
            late: 1,
            not_completed: 2,
            within: 1,
            overdue: 1,
            no_deadline: 2,
        };
        assert_eq!(c, want);
    }
}
