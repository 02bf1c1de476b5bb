//! Assemble the programme's report model ([`ProgrammeReport`]) from a period's view and the
//! same period last year: agencies grouped in directory order with sub-totals and last year's
//! figures, the overdue items (most overdue first), the items coming due by the end of the
//! month after the cut-off, the postponed and withdrawn items, every counted item and the
//! data-quality findings. Every derived value is worked out here, once, for every renderer.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use super::Programme;
use super::view::{ProgrammeView, agency_counts, line, lines, place};
use crate::model::{
    AgencyRef, ItemStatus, Keys, ProgrammeAgencyLine, ProgrammeCounts, ProgrammeReport,
    ProgrammeSection, ReportMeta,
};
use crate::resolve::keys_of;
use crate::vn_number::date;

/// The last day of the month after `c`'s: the end of the window of items coming due.
pub fn next_month_end(c: NaiveDate) -> NaiveDate {
    let (y, m) = match c.month() {
        11 => (c.year() + 1, 1),
        12 => (c.year() + 1, 2),
        m => (c.year(), m + 2),
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(c)
}

/// The report of `current`, compared with `previous` (the same period last year) if given.
pub fn report(
    p: &Programme,
    current: &ProgrammeView,
    previous: Option<&ProgrammeView>,
    meta: ReportMeta,
) -> ProgrammeReport {
    let keys = keys_of(&p.directory, &p.unknown_names);
    let c = current.cut_off;
    let now = agency_counts(p, current);
    let before = previous.map(|v| agency_counts(p, v));
    let sections = sections(p, &keys, c, &now, before.as_deref());
    let sum = |f: fn(&ProgrammeAgencyLine) -> ProgrammeCounts| {
        sections
            .iter()
            .flat_map(|s| &s.agencies)
            .fold(ProgrammeCounts::default(), |acc, a| acc.plus(&f(a)))
    };
    let total = sum(|a| a.counts);
    let previous_total = before
        .as_ref()
        .map(|_| sum(|a| a.previous.unwrap_or_default()));
    let mut position = vec![usize::MAX; keys.agency_names.len()];
    for (pos, &slot) in keys.agency_order.iter().enumerate() {
        position[slot] = pos;
    }
    let mut counted: Vec<_> = current.counted.clone();
    counted.sort_by_key(|x| (position[x.slot], x.item));
    let line_of = |x: &super::Placed| line(p, &keys, x.item, Some(x), c);
    let mut overdue: Vec<_> = counted
        .iter()
        .filter(|x| x.status == ItemStatus::Overdue)
        .collect();
    overdue.sort_by_key(|x| (x.deadline, position[x.slot], x.item));
    let until = next_month_end(c);
    let mut due_soon: Vec<_> = (0..p.items.len())
        .filter_map(|i| place(p, i, c))
        .filter(|x| x.status == ItemStatus::NotYetDue && x.deadline <= until)
        .collect();
    due_soon.sort_by_key(|x| (x.deadline, position[x.slot], x.item));
    let mut withdrawn = current.withdrawn.clone();
    withdrawn.sort_by_key(|&i| (super::view::slot(p, i, c).map(|s| position[s]), i));
    let mut postponed_out = current.postponed_out.clone();
    postponed_out.sort_by_key(|&i| (super::view::slot(p, i, c).map(|s| position[s]), i));
    ProgrammeReport {
        meta,
        sections,
        total,
        previous_total,
        overdue: overdue.into_iter().map(line_of).collect(),
        due_soon: due_soon.iter().map(line_of).collect(),
        due_soon_until: until,
        postponed: counted
            .iter()
            .filter(|x| x.is_postponed)
            .map(line_of)
            .collect(),
        postponed_out: lines(p, &keys, &postponed_out, c),
        withdrawn: lines(p, &keys, &withdrawn, c),
        items: counted.iter().map(line_of).collect(),
        findings: p.findings.clone(),
        excluded: p.excluded,
    }
}

/// The groups in directory order, each with the agencies that have items this period or the
/// same period last year.
fn sections(
    p: &Programme,
    keys: &Keys,
    c: NaiveDate,
    now: &[ProgrammeCounts],
    before: Option<&[ProgrammeCounts]>,
) -> Vec<ProgrammeSection> {
    let named: HashSet<usize> = p
        .agencies
        .iter()
        .filter_map(|a| match a {
            AgencyRef::Known(i) => Some(*i as usize),
            _ => None,
        })
        .collect();
    let has_items = |s: usize| now[s].planned > 0 || before.is_some_and(|b| b[s].planned > 0);
    keys.groups
        .iter()
        .enumerate()
        .filter_map(|(g, name)| {
            let agencies: Vec<ProgrammeAgencyLine> = keys
                .agency_order
                .iter()
                .copied()
                .filter(|&s| keys.agency_group[s] == g && has_items(s))
                .map(|s| ProgrammeAgencyLine {
                    name: keys.agency_names[s].clone(),
                    counts: now[s],
                    previous: before.map(|b| b[s]),
                    note: note(p, s, c, &named),
                })
                .collect();
            if agencies.is_empty() {
                return None;
            }
            let subtotal = agencies
                .iter()
                .fold(ProgrammeCounts::default(), |acc, a| acc.plus(&a.counts));
            let previous = before.map(|_| {
                agencies.iter().fold(ProgrammeCounts::default(), |acc, a| {
                    acc.plus(&a.previous.unwrap_or_default())
                })
            });
            Some(ProgrammeSection {
                name: name.clone(),
                agencies,
                subtotal,
                previous,
            })
        })
        .collect()
}

/// Ghi chú of an agency line: outside the directory, dissolved, or holding the items of the
/// agencies merged into it by the cut-off.
fn note(p: &Programme, slot: usize, c: NaiveDate, named: &HashSet<usize>) -> String {
    let dir = &p.directory;
    let Some(agency) = dir.agencies.get(slot) else {
        return if dir.is_empty() {
            String::new()
        } else {
            "Chưa có trong danh mục cơ quan".to_string()
        };
    };
    if agency.is_dissolved_by(c) {
        return format!(
            "Đã kết thúc hoạt động từ {}",
            agency.ends_on.map(date).unwrap_or_default()
        );
    }
    let merged: Vec<String> = dir
        .predecessors(slot, c)
        .into_iter()
        .filter(|i| named.contains(i))
        .map(|i| match dir.agencies[i].ends_on {
            Some(from) => format!("{} (hợp nhất từ {})", dir.agencies[i].name, date(from)),
            None => dir.agencies[i].name.clone(),
        })
        .collect();
    if merged.is_empty() {
        String::new()
    } else {
        format!("Gồm cả nội dung của {}", merged.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_window_of_items_coming_due_ends_with_the_next_month() {
        assert_eq!(next_month_end(ymd(2025, 6, 20)), ymd(2025, 7, 31));
        assert_eq!(next_month_end(ymd(2025, 1, 31)), ymd(2025, 2, 28));
        assert_eq!(next_month_end(ymd(2025, 11, 5)), ymd(2025, 12, 31));
        assert_eq!(next_month_end(ymd(2025, 12, 20)), ymd(2026, 1, 31));
        assert_eq!(next_month_end(ymd(2023, 12, 31)), ymd(2024, 1, 31));
    }
}
