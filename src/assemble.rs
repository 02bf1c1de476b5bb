//! Assemble the plain report model ([`Report`]) from loaded tasks and period views: agencies
//! grouped in directory order with sub-totals, the same period last year, the overdue and
//! coming-due lists, every counted task and the data-quality findings; and from a report, the
//! urging letters to the agencies with tasks on those lists. Renderers draw this model and
//! nothing else.

use crate::model::Text;
use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;

use crate::aggregate::{self, AggregateError};
use crate::classify;
use crate::model::{
    AgencyLine, AgencyRef, By, Counted, Counts, DUE_SOON_DAYS, GroupSection, KeyLine, Keys, Letter,
    Loaded, NO_DEPARTMENT, NO_OFFICER, OfficerViews, OverdueAge, Report, ReportMeta,
    STALE_NO_DEADLINE_DAYS, Stale, Status, Structure, TaskLine, View,
};
use crate::resolve;
use crate::vn_number::date;

/// Build the report for `current`, compared with `before` if given: the counts per agency
/// slot of the same period last year ([`previous_counts`]).
pub fn build(
    loaded: &Loaded,
    current: &View,
    before: Option<Vec<Counts>>,
    meta: ReportMeta,
) -> Result<Report, AggregateError> {
    let keys = resolve::keys(loaded);
    let now = aggregate::agency_counts(loaded, current)?;
    let ages = overdue_ages(current, loaded.agency_slots());
    let sections = sections(loaded, &keys, current, (&now, &ages), before.as_deref());
    let total = sections
        .iter()
        .fold(Counts::default(), |acc, s| acc.plus(&s.subtotal));
    let previous_total = before.as_ref().map(|_| {
        sections.iter().fold(Counts::default(), |acc, s| {
            acc.plus(&s.previous.unwrap_or_default())
        })
    });
    let position = position_of(&keys);
    let names = shared_names(&keys);
    let cut = current.period.effective_end();
    let line = |c: &Counted| task_line(loaded, &names, c, cut);
    let mut counted: Vec<&Counted> = current.counted.iter().collect();
    counted.par_sort_unstable_by_key(|c| (position[c.agency], c.task));
    let details: Vec<TaskLine> = counted.par_iter().map(|c| line(c)).collect();
    let lists = Lists::of(loaded, &counted, &position, cut);
    let overdue_age = sections
        .iter()
        .flat_map(|s| &s.agencies)
        .fold(OverdueAge::default(), |acc, a| acc.plus(&a.overdue_age));
    Ok(Report {
        meta,
        sections,
        total,
        previous_total,
        overdue: lists.overdue.into_iter().map(line).collect(),
        due_soon: lists.due_soon.into_iter().map(line).collect(),
        stale: lists.stale.into_iter().map(line).collect(),
        not_updated_days: loaded.judging.not_updated_days,
        overdue_age,
        details,
        by_officer: officer_views(loaded, current)?,
        findings: loaded.findings.clone(),
        left_out: current.left_out,
        ranking: None,
        trend: None,
        coverage: crate::model::Coverage::default(),
        warnings: Vec::new(),
        comparison_withheld: None,
    })
}

/// The report's task lists, as counted tasks.
struct Lists<'a> {
    /// Most overdue first, then report order.
    overdue: Vec<&'a Counted>,
    /// Due in the [`DUE_SOON_DAYS`] days after the cut-off, by agency, earliest deadline first.
    due_soon: Vec<&'a Counted>,
    /// By agency, the longest without news first.
    stale: Vec<&'a Counted>,
}

impl<'a> Lists<'a> {
    /// `counted` is in report order (agency, then input order).
    fn of(loaded: &Loaded, counted: &[&'a Counted], position: &[usize], cut: NaiveDate) -> Self {
        let of = |keep: &dyn Fn(&Counted) -> bool| -> Vec<&'a Counted> {
            counted.iter().copied().filter(|c| keep(c)).collect()
        };
        let mut overdue = of(&|c| c.status == Status::Overdue);
        overdue.sort_by_key(|c| {
            (
                std::cmp::Reverse(c.days_overdue.unwrap_or(0)),
                position[c.agency],
                c.task,
            )
        });
        let horizon = cut + Duration::days(DUE_SOON_DAYS);
        let mut due_soon = of(&|c| {
            c.status == Status::Within && c.deadline_used.is_some_and(|d| d >= cut && d <= horizon)
        });
        due_soon.sort_by_key(|c| (position[c.agency], c.deadline_used, c.task));
        let mut stale = of(&|c| stale_at(loaded, c, cut).is_some());
        stale.sort_by_key(|c| {
            let days = stale_at(loaded, c, cut).map_or(0, Stale::days);
            (position[c.agency], std::cmp::Reverse(days), c.task)
        });
        Lists {
            overdue,
            due_soon,
            stale,
        }
    }
}

/// Whether an open task has gone without news too long at the cut-off. Where its row gives a
/// last-update date on or before the cut-off, that date decides: not updated for more than
/// `judging.not_updated_days` days. Otherwise (no update column, an empty cell, or an update
/// after the cut-off: whether the task had news before then is not known) a task without a
/// deadline is flagged once assigned more than [`STALE_NO_DEADLINE_DAYS`] days before it
/// (Bình Định).
fn stale_at(loaded: &Loaded, c: &Counted, cut: NaiveDate) -> Option<Stale> {
    if c.status.is_completed() {
        return None;
    }
    let task = &loaded.tasks[c.task];
    if let Some(updated) = task.updated.filter(|&d| d <= cut) {
        let days = (cut - updated).num_days();
        return (days > loaded.judging.not_updated_days).then_some(Stale::NotUpdatedFor(days));
    }
    if c.status != Status::Within || !c.has_no_deadline {
        return None;
    }
    let assigned = task.assigned_or_doc_date()?;
    let days = (cut - assigned).num_days();
    (days > STALE_NO_DEADLINE_DAYS).then_some(Stale::NoDeadlineFor(days))
}

/// The figures per tracking officer (none when no counted task names one), each with their
/// department, and per department when the Office's list is given.
fn officer_views(loaded: &Loaded, view: &View) -> Result<OfficerViews, AggregateError> {
    let officers = aggregate::figures(loaded, view, By::Officer)?;
    if officers.rows.iter().all(|r| r.key == NO_OFFICER) {
        return Ok(OfficerViews::default());
    }
    let list = &loaded.departments;
    let department = |officer: &str| match list.of(officer) {
        _ if list.is_empty() => String::new(),
        Some(d) => list.names[d].clone(),
        None => NO_DEPARTMENT.to_string(),
    };
    let lines = |figures: crate::model::Figures, note: &dyn Fn(&str) -> String| {
        figures
            .rows
            .into_iter()
            .map(|r| KeyLine {
                note: note(&r.key),
                name: r.key,
                counts: r.counts,
            })
            .collect::<Vec<_>>()
    };
    let departments = match list.is_empty() {
        true => None,
        false => Some(lines(
            aggregate::figures(loaded, view, By::Department)?,
            &|_| String::new(),
        )),
    };
    Ok(OfficerViews {
        officers: lines(officers, &department),
        departments,
    })
}

/// Each agency slot's open overdue tasks by age.
fn overdue_ages(view: &View, slots: usize) -> Vec<OverdueAge> {
    let mut ages = vec![OverdueAge::default(); slots];
    for c in view.counted.iter().filter(|c| c.status == Status::Overdue) {
        ages[c.agency].add(c.days_overdue);
    }
    ages
}

/// An agency with tasks on the report's lists that no letter goes to: it ended its activity
/// by the cut-off (a district after 01/07/2025), so there is no one to send it to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsent {
    pub agency: String,
    pub ended_on: Option<NaiveDate>,
    pub tasks: usize,
}

/// One letter per agency (report order) with open overdue or coming-due tasks at the cut-off:
/// its counts and exactly its tasks of the report's two lists, in their order; with its code
/// and its head's title from the directory. Agencies that ended their activity by the cut-off
/// get none and are returned apart.
pub fn letters(loaded: &Loaded, report: &Report) -> (Vec<Letter>, Vec<Unsent>) {
    let cut = report.meta.period.effective_end();
    let of = |list: &[TaskLine], name: &str| -> Vec<TaskLine> {
        list.iter()
            .filter(|t| &*t.agency == name)
            .cloned()
            .collect()
    };
    let mut letters = Vec::new();
    let mut unsent = Vec::new();
    for line in report.sections.iter().flat_map(|s| &s.agencies) {
        let overdue = of(&report.overdue, &line.name);
        let due_soon = of(&report.due_soon, &line.name);
        if overdue.is_empty() && due_soon.is_empty() {
            continue;
        }
        let entry = loaded
            .directory
            .agencies
            .iter()
            .find(|a| a.name == line.name);
        if let Some(a) = entry.filter(|a| a.is_dissolved_by(cut)) {
            unsent.push(Unsent {
                agency: line.name.clone(),
                ended_on: a.ends_on,
                tasks: overdue.len() + due_soon.len(),
            });
            continue;
        }
        letters.push(Letter {
            agency: line.name.clone(),
            code: entry.map(|a| a.code.clone()).filter(|c| !c.is_empty()),
            head_title: entry.and_then(|a| a.head_title.clone()),
            counts: line.counts,
            overdue,
            due_soon,
        });
    }
    (letters, unsent)
}

/// The counts per agency slot of `period` (the same period last year), for [`build`]: only
/// counts are kept of it, not its classified tasks.
pub fn previous_counts(
    loaded: &Loaded,
    period: &crate::model::Period,
    structure: Structure,
) -> Result<Vec<Counts>, AggregateError> {
    aggregate::agency_counts(loaded, &classify::view(loaded, period, structure))
}

/// The agency names of `keys` as shared texts: every task line of an agency shares one.
fn shared_names(keys: &Keys) -> Vec<Text> {
    keys.agency_names
        .iter()
        .map(|n| Text::from(n.as_str()))
        .collect()
}

/// Task lines for `counted` at cut-off `cut`, in the report order of their agencies, then in
/// input order (for lists outside a report, such as the changes of a week).
pub fn task_lines(loaded: &Loaded, counted: &[&Counted], cut: NaiveDate) -> Vec<TaskLine> {
    let keys = resolve::keys(loaded);
    let position = position_of(&keys);
    let names = shared_names(&keys);
    let mut sorted = counted.to_vec();
    sorted.sort_by_key(|c| (position[c.agency], c.task));
    sorted
        .into_iter()
        .map(|c| task_line(loaded, &names, c, cut))
        .collect()
}

/// Agency slot → position in report order.
fn position_of(keys: &Keys) -> Vec<usize> {
    let mut position = vec![usize::MAX; keys.agency_names.len()];
    for (pos, &slot) in keys.agency_order.iter().enumerate() {
        position[slot] = pos;
    }
    position
}

fn sections(
    loaded: &Loaded,
    keys: &Keys,
    view: &View,
    (now, ages): (&[Counts], &[OverdueAge]),
    before: Option<&[Counts]>,
) -> Vec<GroupSection> {
    // Directory agencies named by at least one loaded task, found in one pass (a note asks it
    // of each predecessor of each line).
    let named: HashSet<usize> = loaded
        .meta
        .iter()
        .filter_map(|m| match m.agency {
            AgencyRef::Known(i) => Some(i as usize),
            _ => None,
        })
        .collect();
    keys.groups
        .iter()
        .enumerate()
        .filter_map(|(g, name)| {
            let agencies: Vec<AgencyLine> = keys
                .agency_order
                .iter()
                .copied()
                .filter(|&s| keys.agency_group[s] == g)
                .filter(|&s| now[s].total > 0 || before.is_some_and(|b| b[s].total > 0))
                .map(|s| AgencyLine {
                    name: keys.agency_names[s].clone(),
                    bloc: Some(keys.blocs[keys.agency_bloc[s]].clone())
                        .filter(|b| b != crate::model::NO_BLOC),
                    counts: now[s],
                    overdue_age: ages[s],
                    previous: before.map(|b| b[s]),
                    note: note(loaded, s, view, &named),
                })
                .collect();
            if agencies.is_empty() {
                return None;
            }
            let subtotal = agencies
                .iter()
                .fold(Counts::default(), |acc, a| acc.plus(&a.counts));
            let previous = before.map(|_| {
                agencies.iter().fold(Counts::default(), |acc, a| {
                    acc.plus(&a.previous.unwrap_or_default())
                })
            });
            Some(GroupSection {
                name: name.clone(),
                agencies,
                subtotal,
                previous,
            })
        })
        .collect()
}

/// Ghi chú of an agency line: unknown, dissolved, merged, or restated with its predecessors.
fn note(loaded: &Loaded, slot: usize, view: &View, named: &HashSet<usize>) -> String {
    let dir = &loaded.directory;
    let Some(agency) = dir.agencies.get(slot) else {
        return if dir.is_empty() {
            String::new()
        } else {
            "Chưa có trong danh mục cơ quan".to_string()
        };
    };
    let end = view.period.effective_end();
    if agency.is_dissolved_by(end) {
        return format!(
            "Đã kết thúc hoạt động từ {}",
            agency.ends_on.map(date).unwrap_or_default()
        );
    }
    match view.structure {
        Structure::AsThen => match (agency.successor, agency.ends_on) {
            (Some(next), Some(from)) if end >= from => {
                format!(
                    "Đã hợp nhất vào {} từ {}",
                    dir.agencies[next].name,
                    date(from)
                )
            }
            _ => String::new(),
        },
        Structure::AsOf(day) => {
            let merged: Vec<String> = dir
                .predecessors(slot, day)
                .into_iter()
                .filter(|p| named.contains(p))
                .map(|p| match dir.agencies[p].ends_on {
                    Some(from) => format!("{} (hợp nhất từ {})", dir.agencies[p].name, date(from)),
                    None => dir.agencies[p].name.clone(),
                })
                .collect();
            if merged.is_empty() {
                String::new()
            } else {
                format!("Gồm cả nhiệm vụ của {}", merged.join("; "))
            }
        }
    }
}

/// A task as the lists show it, with the days overdue or left at the cut-off worked out once
/// here for every renderer.
fn task_line(loaded: &Loaded, names: &[Text], c: &Counted, cut: NaiveDate) -> TaskLine {
    let t = &loaded.tasks[c.task];
    TaskLine {
        agency: names[c.agency].clone(),
        task_id: t.task_id.clone(),
        doc_number: t.doc_number.clone(),
        doc_date: t.doc_date,
        summary: t.summary.clone(),
        leader: t.leader.clone(),
        assigned: t.assigned_or_doc_date(),
        deadline_used: c.deadline_used,
        // A completion date after the cut-off is not a completion at that cut-off.
        completed: t.completed.filter(|_| c.status.is_completed()),
        status: c.status,
        days_overdue: c.days_overdue,
        days_left: days_left(c, cut),
        stale: stale_at(loaded, c, cut),
        officer: t.officer.clone(),
        is_key: t.is_key,
        source: t.source.clone(),
    }
}

/// Days from the cut-off to the deadline of an open task within it; None otherwise.
fn days_left(c: &Counted, cut: NaiveDate) -> Option<i64> {
    match (c.status, c.deadline_used) {
        (Status::Within, Some(d)) => Some((d - cut).num_days()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::classify::Judging;
    use crate::model::{Deadline, RawTask};
    use crate::resolve::{agencies::Directory, settle};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn open_task(row: usize, deadline: NaiveDate) -> RawTask {
        RawTask {
            task_id: Some(format!("NV-{row}").into()),
            doc_number: Some(format!("{row}/UBND-KT").into()),
            summary: Some("Rà soát".into()),
            agency: Some("Sở Xây dựng".into()),
            ..RawTask::example(row, d(2025, 3, 1), Deadline::Date(deadline))
        }
        .with_keys()
    }

    /// The tasks loaded without a directory and their report of 2025 cut on 20/12/2025.
    fn report_at_20_december(tasks: Vec<RawTask>) -> (Loaded, Report) {
        let loaded = settle(
            Directory::default(),
            tasks,
            Vec::new(),
            Judging::default(),
            1,
        );
        let period = crate::period::parse("2025", Some(d(2025, 12, 20))).unwrap();
        let view = crate::classify::view(&loaded, &period, Structure::AsOf(d(2025, 12, 20)));
        let meta =
            crate::pipeline::Title::default().meta(&period, Default::default(), Default::default());
        let report = build(&loaded, &view, None, meta).unwrap();
        (loaded, report)
    }

    #[test]
    fn days_overdue_and_days_left_are_worked_out_at_the_cut_off() {
        // Cut-off 20/12/2025. Deadline 10/11/2025: 20 days left in November + 20 = 40 days
        // overdue. Deadline 05/01/2026: 11 days left in December + 5 = 16 days left.
        // Deadline 20/12/2025 itself: still within, 0 days left.
        let tasks = vec![
            open_task(2, d(2025, 11, 10)),
            open_task(3, d(2026, 1, 5)),
            open_task(4, d(2025, 12, 20)),
        ];
        let (_, report) = report_at_20_december(tasks);
        assert_eq!(report.overdue.len(), 1);
        assert_eq!(report.overdue[0].days_overdue, Some(40));
        assert_eq!(report.overdue[0].days_left, None);
        let left: Vec<Option<i64>> = report.due_soon.iter().map(|t| t.days_left).collect();
        // Coming due in deadline order: 20/12/2025, then 05/01/2026.
        assert_eq!(left, [Some(0), Some(16)]);
        assert!(report.due_soon.iter().all(|t| t.days_overdue.is_none()));
    }

    #[test]
    fn overdue_tasks_are_banded_by_age_and_old_tasks_without_deadline_flagged() {
        // Cut-off 20/12/2025. Overdue: deadline 20/11 (30 days: up to 30), 19/11 (31 days:
        // 31-90), 21/09 (90 days: 31-90), 20/09 (91 days: over 90).
        let mut tasks: Vec<RawTask> = [
            d(2025, 11, 20),
            d(2025, 11, 19),
            d(2025, 9, 21),
            d(2025, 9, 20),
        ]
        .iter()
        .enumerate()
        .map(|(i, deadline)| open_task(i + 2, *deadline))
        .collect();
        // Without a deadline: assigned 21/09 (90 days before the cut-off: not yet flagged) and
        // 20/09 (91 days: flagged).
        for (row, assigned) in [(10, d(2025, 9, 21)), (11, d(2025, 9, 20))] {
            let mut t = open_task(row, d(2026, 1, 1));
            t.deadline = Deadline::NoDeadline;
            t.assigned = Some(assigned);
            tasks.push(t.with_keys());
        }
        let (_, report) = report_at_20_december(tasks);
        let expected = OverdueAge {
            up_to_30: 1,
            from_31_to_90: 2,
            over_90: 1,
            unknown: 0,
        };
        assert_eq!(report.overdue_age, expected);
        assert_eq!(report.sections[0].agencies[0].overdue_age, expected);
        assert_eq!(report.stale.len(), 1);
        assert_eq!(report.stale[0].source.row, 11);
        assert_eq!(report.stale[0].stale, Some(Stale::NoDeadlineFor(91)));
    }

    // Cut-off 20/12/2025. Sở Xây dựng: row 2 overdue (deadline 10/11), row 3 due 05/01/2026
    // (within the 30 days), row 4 due 30/06/2026 (not yet coming due). Sở Y tế: row 5, done on
    // time. One letter, to Sở Xây dựng, with rows 2 and 3 only; its counts: 3 tasks, 1
    // overdue, 2 within.
    #[test]
    fn a_letter_goes_to_each_agency_on_the_lists_with_exactly_its_tasks() {
        let mut tasks = vec![
            open_task(2, d(2025, 11, 10)),
            open_task(3, d(2026, 1, 5)),
            open_task(4, d(2026, 6, 30)),
        ];
        let mut done = open_task(5, d(2025, 12, 1));
        done.agency = Some("Sở Y tế".into());
        done.completed = Some(d(2025, 11, 20));
        tasks.push(done.with_keys());
        let (loaded, report) = report_at_20_december(tasks);
        let (letters, unsent) = letters(&loaded, &report);
        assert!(unsent.is_empty());
        assert_eq!(letters.len(), 1);
        let rows = |list: &[TaskLine]| list.iter().map(|t| t.source.row).collect::<Vec<_>>();
        assert_eq!(letters[0].agency, "Sở Xây dựng");
        assert_eq!(rows(&letters[0].overdue), [2]);
        assert_eq!(rows(&letters[0].due_soon), [3]);
        assert_eq!(
            (
                letters[0].counts.total,
                letters[0].counts.overdue,
                letters[0].counts.within
            ),
            (3, 1, 2)
        );
    }
}
