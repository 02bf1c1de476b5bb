//! A view: the loaded tasks classified for one period and cut-off — which belong to it
//! (SPEC 4.1), their status at its effective end (SPEC 4.2), the agency each is reported
//! under (SPEC 4.6) and what is left out. Made as often as a report needs (current period,
//! same period last year, every year of a trend) without reading anything again.

use super::Screen;
use crate::model::{AgencyRef, Counted, Deadline, LeftOut, Loaded, Period, Structure, View};

/// Classify for one period: which tasks belong to it and their status at its effective end.
pub fn view(loaded: &Loaded, period: &Period, structure: Structure) -> View {
    // Sized once to the tasks of the period (millions at the largest loads), not grown.
    let in_period = loaded
        .tasks
        .iter()
        .filter(|t| super::in_period(t, period, loaded.judging))
        .count();
    let mut counted = Vec::with_capacity(in_period);
    let left_out = each_counted(loaded, period, structure, |c| counted.push(c));
    View {
        period: period.clone(),
        structure,
        counted,
        left_out,
    }
}

/// The classification of [`view`], handed over one counted task at a time and not kept (a
/// figures table of five million tasks needs their counts, not a list of them); returns what
/// was left out.
pub fn each_counted(
    loaded: &Loaded,
    period: &Period,
    structure: Structure,
    mut each: impl FnMut(Counted),
) -> LeftOut {
    let cut = period.effective_end();
    let judging = loaded.judging;
    let mut left_out = LeftOut {
        excluded: loaded.excluded,
        ..LeftOut::default()
    };
    for (i, (t, m)) in loaded.tasks.iter().zip(&loaded.meta).enumerate() {
        if !super::in_period(t, period, judging) {
            continue;
        }
        left_out.duplicates_merged += u64::from(m.merged_rows);
        match m.screen {
            Screen::Cancelled => left_out.cancelled += 1,
            Screen::Excluded(_) => {}
            Screen::Countable => {
                let deadline = super::deadline_used(t, judging);
                let status = super::status_at(t, cut, judging);
                each(Counted {
                    task: i,
                    agency: agency_slot(loaded, m.agency, structure),
                    status,
                    has_no_deadline: deadline == Deadline::NoDeadline,
                    deadline_used: deadline.date(),
                    days_overdue: super::days_overdue(t, status, cut, judging),
                });
            }
        }
    }
    left_out
}

/// The slot a task's agency is reported under: a merged agency's successor once the merger
/// has taken effect at the structure's date (SPEC 4.6), else the agency itself.
pub fn agency_slot(loaded: &Loaded, agency: AgencyRef, structure: Structure) -> usize {
    match (agency, structure) {
        (AgencyRef::Known(i), Structure::AsOf(day)) => {
            loaded.directory.reported_under(i as usize, day)
        }
        // Screened out before any view (no agency); kept total for safety.
        (other, _) => other
            .slot(loaded.directory.agencies.len())
            .unwrap_or(loaded.agency_slots()),
    }
}
