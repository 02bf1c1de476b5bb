//! What the data covers (SPEC §9), and the warnings where it cannot support a figure: each
//! source's span of assignment dates, the agencies it names, the export date it states; the
//! months without any task between busy months (a change of software, an export that
//! skipped a stretch); a cut-off after the newest export date; a period — the report's own,
//! the same period last year, a year of a trend — that starts before the data does or holds
//! an empty month. A comparison with such a period is withheld, not printed as a percentage.
//!
//! The rules, also in the README: a period is covered when it starts no earlier than the first
//! day of the month of the inputs' first assignment date and holds no gap month. A gap month
//! has no task at all, while the nearest months before and after it that have tasks have at
//! least [`BUSY_MONTH_MIN`] each and at least half the median month. A cut-off is judged
//! against the newest export date the inputs state; a cut-off on that same day is not flagged.

pub mod stated;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::model::{
    AgencyRef, Coverage, Exported, Gap, Loaded, Period, RawTask, SourceCoverage, Stated, Text,
};
use crate::vn_number::date;

/// The fewest tasks a month must have, on both sides of an empty one, for the empty month to
/// count as a gap.
pub const BUSY_MONTH_MIN: u64 = 10;

/// Each source's tasks, span and agencies, before duplicates are merged away (a hand sheet
/// that repeats the export still covers what it holds); `agencies` gives each task's agency.
/// Files in order of first task.
pub fn sources(tasks: &[RawTask], agencies: &[AgencyRef]) -> Vec<SourceCoverage> {
    // Rows come file after file: a run of rows of one file is one lookup, not one a row.
    let mut by_file: Vec<(
        SourceCoverage,
        HashSet<AgencyRef, foldhash::fast::FixedState>,
    )> = Vec::new();
    let mut index: HashMap<Text, usize> = HashMap::new();
    let mut current: Option<(Text, usize)> = None;
    for (t, &a) in tasks.iter().zip(agencies) {
        let file = &t.source.file;
        let at = match &current {
            Some((text, at)) if Text::ptr_eq(text, file) || text == file => *at,
            _ => {
                let at = *index.entry(file.clone()).or_insert_with(|| {
                    by_file.push((empty(file.clone()), HashSet::default()));
                    by_file.len() - 1
                });
                current = Some((file.clone(), at));
                at
            }
        };
        let (cov, named) = &mut by_file[at];
        cov.tasks += 1;
        if let Some(d) = t.assigned_or_doc_date() {
            cov.first_assigned = Some(cov.first_assigned.map_or(d, |f| f.min(d)));
            cov.last_assigned = Some(cov.last_assigned.map_or(d, |l| l.max(d)));
        }
        if a != AgencyRef::Missing {
            named.insert(a);
        }
    }
    by_file
        .into_iter()
        .map(|(mut cov, agencies)| {
            cov.agencies = agencies.len();
            cov
        })
        .collect()
}

fn empty(file: Text) -> SourceCoverage {
    SourceCoverage {
        file,
        tasks: 0,
        first_assigned: None,
        last_assigned: None,
        exported: None,
        stated_span: None,
        agencies: 0,
    }
}

/// Add what the files state about themselves to their coverage (a file with statements but
/// no task is listed too).
pub fn with_statements(mut sources: Vec<SourceCoverage>, stated: &[Stated]) -> Vec<SourceCoverage> {
    for s in stated {
        let i = match sources.iter().position(|c| c.file == s.source.file) {
            Some(i) => i,
            None => {
                sources.push(empty(s.source.file.clone()));
                sources.len() - 1
            }
        };
        let cov = &mut sources[i];
        if let Some(at) = s.statement.exported
            && cov.exported.as_ref().is_none_or(|e| at > e.at)
        {
            cov.exported = Some(Exported {
                at,
                has_time: s.statement.has_time,
                source: s.source.clone(),
            });
        }
        if cov.stated_span.is_none() {
            cov.stated_span = s.statement.span;
        }
    }
    sources
}

/// What all the loaded inputs cover.
pub fn of(loaded: &Loaded) -> Coverage {
    let sources = loaded.sources.clone();
    let first_assigned = sources.iter().filter_map(|s| s.first_assigned).min();
    let last_assigned = sources.iter().filter_map(|s| s.last_assigned).max();
    let exported = sources
        .iter()
        .filter_map(|s| s.exported.clone())
        .max_by_key(|e| e.at);
    // Counted in parallel: a map of the few dozen months per thread, added up.
    let months = loaded
        .tasks
        .par_iter()
        .filter_map(|t| t.assigned_or_doc_date())
        .fold(BTreeMap::new, |mut months: BTreeMap<(i32, u32), u64>, d| {
            *months.entry((d.year(), d.month())).or_default() += 1;
            months
        })
        .reduce(BTreeMap::new, |mut a, b| {
            for (month, n) in b {
                *a.entry(month).or_default() += n;
            }
            a
        });
    Coverage {
        sources,
        first_assigned,
        last_assigned,
        exported,
        gaps: gaps(&months),
    }
}

/// Runs of empty months between busy ones.
fn gaps(months: &BTreeMap<(i32, u32), u64>) -> Vec<Gap> {
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let mut busy: Vec<u64> = months.values().copied().collect();
    busy.sort_unstable();
    let median = busy[busy.len() / 2];
    let threshold = BUSY_MONTH_MIN.max(median / 2);
    let mut out = Vec::new();
    let mut month = first;
    let mut run: Option<(i32, u32)> = None;
    let mut before = 0;
    while month <= last {
        let n = months.get(&month).copied().unwrap_or(0);
        match (n, run) {
            (0, None) => run = Some(month),
            (0, Some(_)) => {}
            (n, Some(start)) => {
                if before >= threshold && n >= threshold {
                    out.push(Gap {
                        from: first_day(start),
                        to: last_day(previous(month)),
                    });
                }
                run = None;
                before = n;
            }
            (n, None) => before = n,
        }
        month = next(month);
    }
    out
}

fn next((y, m): (i32, u32)) -> (i32, u32) {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

fn previous((y, m): (i32, u32)) -> (i32, u32) {
    if m == 1 { (y - 1, 12) } else { (y, m - 1) }
}

fn first_day((y, m): (i32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
}

fn last_day(month: (i32, u32)) -> NaiveDate {
    first_day(next(month)).pred_opt().unwrap_or_default()
}

/// Why the data cannot support figures for `period` (it starts before the data does, or
/// holds an empty month), as the clause after "Số liệu … ": None when it is covered.
pub fn uncovered(cov: &Coverage, period: &Period) -> Option<String> {
    let first = cov.first_assigned?;
    let end = period.effective_end();
    if period.start < first_day((first.year(), first.month())) {
        return Some(format!("chỉ có từ ngày {}", date(first)));
    }
    let empty: Vec<&Gap> = cov
        .gaps
        .iter()
        .filter(|g| g.from <= end && g.to >= period.start)
        .collect();
    if empty.is_empty() {
        return None;
    }
    let months: Vec<String> = empty.iter().map(|g| month_span(g)).collect();
    Some(format!(
        "không có nhiệm vụ nào được giao trong {}",
        months.join(", ")
    ))
}

/// "tháng 02/2020" or "các tháng 01/2020–02/2020".
fn month_span(g: &Gap) -> String {
    let (a, b) = (g.from.format("%m/%Y"), g.to.format("%m/%Y"));
    if a.to_string() == b.to_string() {
        format!("tháng {a}")
    } else {
        format!("các tháng {a}–{b}")
    }
}

/// The sentence that replaces a comparison with `previous` when the data cannot support it:
/// "Số liệu cùng kỳ năm 2024 chỉ có từ ngày 01/11/2024, chưa đủ để so sánh."
pub fn comparison_withheld(cov: &Coverage, previous: &Period, name: &str) -> Option<String> {
    uncovered(cov, previous).map(|why| format!("Số liệu {name} {why}, chưa đủ để so sánh."))
}

/// The warning on the figures of `period` itself.
pub fn period_warning(cov: &Coverage, period: &Period) -> Option<String> {
    uncovered(cov, period).map(|why| {
        format!(
            "Số liệu {} {why}: các con số chưa phản ánh đủ cả kỳ.",
            crate::period::phrase(period)
        )
    })
}

/// The warning when the cut-off is after the newest export date the inputs state.
pub fn cut_off_warning(cov: &Coverage, cut: NaiveDate) -> Option<String> {
    let e = cov.exported.as_ref()?;
    if cut <= e.at.date() {
        return None;
    }
    let when = if e.has_time {
        format!("{} ngày {}", e.at.format("%H:%M"), date(e.at.date()))
    } else {
        date(e.at.date())
    };
    Some(format!(
        "Ngày chốt số liệu {} sau thời điểm trích xuất dữ liệu mới nhất ({when}, tệp «{}»): tình \
         hình thực hiện sau thời điểm đó chưa có trong dữ liệu, nên các nhiệm vụ được tính là còn \
         hạn hoặc quá hạn có thể đã hoàn thành.",
        date(cut),
        file_name(&e.source.file)
    ))
}

/// The file's name without its folders.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Every warning on the figures of `period`: the cut-off, then the period itself.
pub fn warnings(cov: &Coverage, period: &Period) -> Vec<String> {
    cut_off_warning(cov, period.effective_end())
        .into_iter()
        .chain(period_warning(cov, period))
        .collect()
}

#[cfg(test)]
mod tests;
