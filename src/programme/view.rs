//! The programme seen from one period (SPEC §8): the items whose effective deadline is in
//! the period (the whole period, whatever the cut-off), each with its status at the cut-off
//! c = min(period end, as-of) and the agency it is reported under at c (a merged agency's
//! items go to its successor once the merger has taken effect); the withdrawn items of the
//! period; the items planned in it but postponed out of it. Then the figures table by
//! agency, group or leader, and the item lines every list shows.

use chrono::NaiveDate;

use super::judge::{Deadlines, MovedBy, Screen, status_at};
use super::{Item, Programme};
use crate::model::{
    AgencyRef, FindingKind, ItemLine, ItemStatus, Keys, NO_PROGRAMME_LEADER, Period, ProgrammeBy,
    ProgrammeCounts, ProgrammeFigures,
};
use crate::resolve::{Keyed, keys_of};
use crate::vn_text::fold;

/// A counted item placed in a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// Index into `Programme::items`.
    pub item: usize,
    /// Agency slot at the cut-off: directory index, or directory length + unknown index.
    pub slot: usize,
    pub status: ItemStatus,
    pub is_issued: bool,
    pub is_postponed: bool,
    pub deadline: NaiveDate,
}

/// The items of one period.
#[derive(Clone, Debug)]
pub struct ProgrammeView {
    pub period: Period,
    pub cut_off: NaiveDate,
    pub counted: Vec<Placed>,
    /// Withdrawn items whose effective deadline is in the period.
    pub withdrawn: Vec<usize>,
    /// Counted items planned in the period whose effective deadline is outside it.
    pub postponed_out: Vec<usize>,
}

/// The agency slot an item is reported under at `c`.
pub(super) fn slot(p: &Programme, item: usize, c: NaiveDate) -> Option<usize> {
    match p.agencies[item] {
        AgencyRef::Known(i) => Some(p.directory.reported_under(i as usize, c)),
        other => other.slot(p.directory.agencies.len()),
    }
}

/// A counted item with its status at `c` (None for an item that is not counted).
pub(super) fn place(p: &Programme, item: usize, c: NaiveDate) -> Option<Placed> {
    let d = p.deadlines[item].as_ref()?;
    if p.screens[item] != Screen::Counted {
        return None;
    }
    let (status, is_issued) = status_at(&p.items[item], d, c);
    Some(Placed {
        item,
        slot: slot(p, item, c)?,
        status,
        is_issued,
        is_postponed: d.moved.is_some(),
        deadline: d.effective_day(),
    })
}

fn in_period(period: &Period, day: NaiveDate) -> bool {
    day >= period.start && day <= period.end
}

/// The items of `period`, judged at its cut-off and reported under the agencies in force
/// then.
pub fn view(p: &Programme, period: &Period) -> ProgrammeView {
    view_restated(p, period, period.effective_end())
}

/// The items of `period` judged at its cut-off, reported under the agencies in force on
/// `structure_day`: the same period last year is shown in the structure of the report's own
/// cut-off, so that the two years compare agency by agency.
pub fn view_restated(p: &Programme, period: &Period, structure_day: NaiveDate) -> ProgrammeView {
    let cut_off = period.effective_end();
    let mut view = ProgrammeView {
        period: period.clone(),
        cut_off,
        counted: Vec::new(),
        withdrawn: Vec::new(),
        postponed_out: Vec::new(),
    };
    for (i, d) in p.deadlines.iter().enumerate() {
        let Some(d) = d else { continue };
        let is_in = in_period(period, d.effective_day());
        match &p.screens[i] {
            Screen::Withdrawn if is_in => view.withdrawn.push(i),
            Screen::Counted if is_in => view.counted.extend(place(p, i, cut_off).map(|x| Placed {
                slot: slot(p, i, structure_day).unwrap_or(x.slot),
                ..x
            })),
            Screen::Counted if d.planned.is_some_and(|(_, day)| in_period(period, day)) => {
                view.postponed_out.push(i)
            }
            _ => {}
        }
    }
    view
}

/// Counts per agency slot of a view.
pub(super) fn agency_counts(p: &Programme, view: &ProgrammeView) -> Vec<ProgrammeCounts> {
    let mut counts =
        vec![ProgrammeCounts::default(); p.directory.agencies.len() + p.unknown_names.len()];
    for placed in &view.counted {
        counts[placed.slot].add(placed.status, placed.is_issued, placed.is_postponed);
    }
    counts
}

/// The figures table of a view, by agency (directory order, then names outside it
/// alphabetically), group (directory order) or leader (alphabetically, items without one
/// last). Only keys with at least one item make a row; the total is the sum of the rows.
pub fn figures(p: &Programme, view: &ProgrammeView, by: ProgrammeBy) -> ProgrammeFigures {
    let keys = keys_of(&p.directory, &p.unknown_names);
    let per_slot = agency_counts(p, view);
    let rows: Vec<(String, ProgrammeCounts)> = match by {
        ProgrammeBy::Agency => keys
            .agency_order
            .iter()
            .map(|&s| (keys.agency_names[s].clone(), per_slot[s]))
            .collect(),
        ProgrammeBy::Group => {
            let mut counts = vec![ProgrammeCounts::default(); keys.groups.len()];
            for (slot, c) in per_slot.iter().enumerate() {
                let group = &mut counts[keys.agency_group[slot]];
                *group = group.plus(c);
            }
            keys.groups.iter().cloned().zip(counts).collect()
        }
        ProgrammeBy::Leader => {
            let mut leaders = Keyed::default();
            let mut counts: Vec<ProgrammeCounts> = Vec::new();
            for placed in &view.counted {
                let name = p.items[placed.item].leader.as_deref();
                let id = leaders.id(name.unwrap_or(NO_PROGRAMME_LEADER));
                counts.resize(counts.len().max(id + 1), ProgrammeCounts::default());
                counts[id].add(placed.status, placed.is_issued, placed.is_postponed);
            }
            let mut rows: Vec<_> = leaders.names.into_iter().zip(counts).collect();
            rows.sort_by_cached_key(|(k, _)| (k == NO_PROGRAMME_LEADER, fold(k)));
            rows
        }
    };
    let rows: Vec<_> = rows.into_iter().filter(|(_, c)| c.planned > 0).collect();
    let total = rows
        .iter()
        .fold(ProgrammeCounts::default(), |acc, (_, c)| acc.plus(c));
    ProgrammeFigures {
        period: view.period.clone(),
        rows,
        total,
        withdrawn: lines(p, &keys, &view.withdrawn, view.cut_off),
        postponed_out: lines(p, &keys, &view.postponed_out, view.cut_off),
        excluded: p
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Excluded)
            .cloned()
            .collect(),
    }
}

/// The lines of `items`, each with its status at `c` when it is counted (an item postponed
/// out of the period is still judged, where it now falls); a withdrawn one has none.
pub(super) fn lines(p: &Programme, keys: &Keys, items: &[usize], c: NaiveDate) -> Vec<ItemLine> {
    items
        .iter()
        .map(|&i| line(p, keys, i, place(p, i, c).as_ref(), c))
        .collect()
}

/// The name an item's line shows: the agency it is reported under at `c`, else its own text.
fn agency_name(p: &Programme, keys: &Keys, item: usize, c: NaiveDate) -> String {
    match slot(p, item, c) {
        Some(s) => keys.agency_names[s].clone(),
        None => p.items[item]
            .agency
            .clone()
            .unwrap_or_else(|| "(không ghi cơ quan chủ trì)".to_string()),
    }
}

fn moved_by(item: &Item, d: &Deadlines) -> Option<String> {
    d.moved.map(|by| match by {
        MovedBy::Column => "cột thời gian trình sau điều chỉnh".to_string(),
        MovedBy::Text => item
            .status_text
            .clone()
            .filter(|t| super::said(t).moved.is_some())
            .or_else(|| item.note.clone())
            .unwrap_or_default(),
    })
}

/// An item as the lists show it; `placed` gives its status at `c` (None for a withdrawn
/// item, listed without a status).
pub(super) fn line(
    p: &Programme,
    keys: &Keys,
    item: usize,
    placed: Option<&Placed>,
    c: NaiveDate,
) -> ItemLine {
    let it = &p.items[item];
    let d = p.deadlines[item].as_ref();
    let deadline = d.map_or(c, Deadlines::effective_day);
    let status = placed.map(|x| x.status);
    let days = |days: i64, when: ItemStatus| (status == Some(when)).then_some(days);
    ItemLine {
        agency: agency_name(p, keys, item, c),
        content: it.content.clone(),
        leader: it.leader.clone(),
        planned: it.planned.map(super::Due::label),
        deadline,
        postponed_to: d
            .filter(|d| d.moved.is_some())
            .map(|d| d.effective.0.label()),
        postponed_by: d.and_then(|d| moved_by(it, d)),
        submitted: it.submitted,
        submission_no: it.submission_no.clone(),
        issued: it.issued,
        issued_doc: it.issued_doc.clone(),
        status,
        is_issued: placed.is_some_and(|x| x.is_issued),
        days_overdue: days((c - deadline).num_days(), ItemStatus::Overdue),
        days_left: days((deadline - c).num_days(), ItemStatus::NotYetDue),
        status_text: it.status_text.clone(),
        note: it.note.clone(),
        source: it.source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Span;
    use crate::model::SourceLoc;
    use crate::programme::{Due, Read, said, settle};
    use crate::resolve::agencies::{Agency, Directory};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn month(year: i32, month: u32) -> Option<Due> {
        Some(Due::Span(Span::Month { year, month }))
    }

    fn agency(code: &str, name: &str, successor: Option<usize>) -> Agency {
        Agency {
            code: code.to_string(),
            name: name.to_string(),
            group: "Sở, ban, ngành".to_string(),
            bloc: None,
            aliases: vec![],
            successor,
            ends_on: successor.map(|_| ymd(2025, 3, 1)),
            head_title: None,
        }
    }

    /// Sở Tài chính, and Sở Kế hoạch và Đầu tư merged into it on 01/03/2025.
    fn directory() -> Directory {
        Directory::new(vec![
            agency("STC", "Sở Tài chính", None),
            agency("SKHDT", "Sở Kế hoạch và Đầu tư", Some(0)),
        ])
    }

    fn item(row: usize, agency: &str, planned: Option<Due>, status: &str) -> Item {
        Item {
            source: SourceLoc {
                file: "ctct.xlsx".into(),
                sheet: None,
                row,
            },
            content: Some(format!("Nội dung {row}")),
            agency: Some(agency.to_string()),
            leader: None,
            planned,
            postponed: None,
            submitted: None,
            submission_no: None,
            issued: None,
            issued_doc: None,
            status_text: (!status.is_empty()).then(|| status.to_string()),
            note: None,
            said: said(status),
        }
    }

    fn programme(items: Vec<Item>) -> Programme {
        settle(
            directory(),
            Read {
                items,
                findings: vec![],
                tables: 1,
            },
        )
    }

    fn period(label: &str, as_of: Option<NaiveDate>) -> Period {
        crate::period::parse(label, as_of).unwrap()
    }

    #[test]
    fn an_item_belongs_to_the_period_of_its_effective_deadline() {
        let mut submitted = item(2, "Sở Tài chính", month(2025, 2), "");
        submitted.submitted = Some(ymd(2025, 2, 10));
        let items = vec![
            submitted,
            // Planned for 2024-12, postponed into 2025: in 2025, postponed.
            item(
                3,
                "Sở Tài chính",
                month(2024, 12),
                "Xin lùi sang tháng 1/2025",
            ),
            // Planned for 2025-11, postponed to 2026: out of 2025, listed as moved out.
            item(4, "Sở Tài chính", month(2025, 11), "Lùi sang Quý I/2026"),
            // Due in December: in the whole year even at a June cut-off, not yet due.
            item(5, "Sở Tài chính", month(2025, 12), ""),
            item(6, "Sở Tài chính", month(2025, 4), "Rút khỏi chương trình"),
        ];
        let p = programme(items);
        let v = view(&p, &period("2025", Some(ymd(2025, 6, 20))));
        let placed: Vec<(usize, ItemStatus, bool)> = v
            .counted
            .iter()
            .map(|x| (p.items[x.item].source.row, x.status, x.is_postponed))
            .collect();
        assert_eq!(
            placed,
            vec![
                (2, ItemStatus::OnTime, false),
                (3, ItemStatus::Overdue, true),
                (5, ItemStatus::NotYetDue, false),
            ]
        );
        assert_eq!(v.withdrawn, vec![4]);
        assert_eq!(v.postponed_out, vec![2]);
        let f = figures(&p, &v, ProgrammeBy::Agency);
        // 3 planned = 1 submitted (on time) + 2 not submitted (1 overdue, 1 not yet due).
        assert_eq!(
            f.total,
            ProgrammeCounts {
                planned: 3,
                submitted: 1,
                on_time: 1,
                late: 0,
                issued: 0,
                not_submitted: 2,
                overdue: 1,
                not_yet_due: 1,
                postponed: 1,
            }
        );
        assert_eq!(f.withdrawn.len(), 1);
        assert_eq!(
            f.postponed_out[0].postponed_to.as_deref(),
            Some("Quý I/2026")
        );
        // 2024 holds none of them: the December 2024 item was postponed into 2025.
        let last_year = view(&p, &period("2024", None));
        assert!(last_year.counted.is_empty());
        assert_eq!(last_year.postponed_out, vec![1]);
    }

    #[test]
    fn a_merged_agency_is_reported_under_its_successor_from_the_merger_day() {
        let items = vec![
            item(2, "Sở Kế hoạch và Đầu tư", month(2025, 1), ""),
            item(3, "Sở Tài chính", month(2025, 1), ""),
        ];
        let p = programme(items);
        let before = figures(&p, &view(&p, &period("2025-01", None)), ProgrammeBy::Agency);
        let keys: Vec<&str> = before.rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]);
        let after = figures(
            &p,
            &view(&p, &period("2025", Some(ymd(2025, 3, 1)))),
            ProgrammeBy::Agency,
        );
        assert_eq!(after.rows.len(), 1);
        assert_eq!(after.rows[0].0, "Sở Tài chính");
        assert_eq!(after.rows[0].1.planned, 2);
    }

    #[test]
    fn last_year_is_shown_in_the_structure_of_this_years_cut_off() {
        let p = programme(vec![item(2, "Sở Kế hoạch và Đầu tư", month(2024, 5), "")]);
        let last_year = period("2024", None);
        let as_then = figures(&p, &view(&p, &last_year), ProgrammeBy::Agency);
        assert_eq!(as_then.rows[0].0, "Sở Kế hoạch và Đầu tư");
        // Judged at 31/12/2024 (overdue), reported under the successor of 2025.
        let restated = view_restated(&p, &last_year, ymd(2025, 6, 20));
        let f = figures(&p, &restated, ProgrammeBy::Agency);
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].0, "Sở Tài chính");
        assert_eq!(f.rows[0].1.overdue, 1);
    }

    #[test]
    fn rows_by_leader_are_alphabetical_with_items_without_one_last() {
        let mut a = item(2, "Sở Tài chính", month(2025, 1), "");
        a.leader = Some("Phó Chủ tịch Trần Thị Mai".to_string());
        let mut b = item(3, "Sở Tài chính", month(2025, 2), "");
        b.leader = Some("Chủ tịch UBND tỉnh".to_string());
        let c = item(4, "Sở Tài chính", month(2025, 3), "");
        let p = programme(vec![a, b, c]);
        let f = figures(&p, &view(&p, &period("2025", None)), ProgrammeBy::Leader);
        let keys: Vec<&str> = f.rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "Chủ tịch UBND tỉnh",
                "Phó Chủ tịch Trần Thị Mai",
                NO_PROGRAMME_LEADER
            ]
        );
    }
}
