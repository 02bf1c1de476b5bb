//! Ground truth of the sample work programme: the figures a correct tool must print for a
//! period and a cut-off, counted from the latent item list (never by reading the workbook),
//! with the definitions of issue 14 implemented here, independently of the `tiendo` library:
//! an item belongs to the period of its effective deadline (the postponed time, else the
//! planned one; the whole period); withdrawn and left-out items are counted apart; at the
//! cut-off c an item is submitted when its written submission date is on or before c (on
//! time when on or before the effective deadline), or — with no date written — when its
//! status says submitted on time or late; issued when its written issue date is on or
//! before c; otherwise overdue when c is past the effective deadline, else not yet due.
//! Merged agencies are reported under their successor once c reaches the merger day.

use chrono::NaiveDate;
use serde::Serialize;

use crate::directory::{Agency, reported_under, ymd};
use crate::programme::{Item, Lead, Mark, UNKNOWN_AGENCY};
use crate::textforms::clean;
use crate::truth::Rows;

/// One report to count.
#[derive(Clone, Debug)]
pub struct Spec {
    pub period: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
}

/// The reports `expected-programme.json` gives figures for: the year 2025 at its end and at a
/// monthly cut-off, 2025 before the departments merged, 2024, the first half, a quarter and
/// a month of 2025.
pub fn reports() -> Vec<Spec> {
    let spec = |period, start, end, as_of| Spec {
        period,
        start,
        end,
        as_of,
    };
    let (s25, e25) = (ymd(2025, 1, 1), ymd(2025, 12, 31));
    vec![
        spec("2025", s25, e25, e25),
        spec("2025", s25, e25, ymd(2025, 6, 20)),
        spec("2025", s25, e25, ymd(2025, 2, 14)),
        spec(
            "2024",
            ymd(2024, 1, 1),
            ymd(2024, 12, 31),
            ymd(2024, 12, 31),
        ),
        spec("2025-H1", s25, ymd(2025, 6, 30), ymd(2025, 6, 30)),
        spec(
            "2025-Q3",
            ymd(2025, 7, 1),
            ymd(2025, 9, 30),
            ymd(2025, 9, 30),
        ),
        spec(
            "2025-06",
            ymd(2025, 6, 1),
            ymd(2025, 6, 30),
            ymd(2025, 6, 30),
        ),
    ]
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
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

/// Status of an item at a cut-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    OnTime,
    Late,
    Overdue,
    NotYetDue,
}

impl Counts {
    fn add(&mut self, status: Status, issued: bool, postponed: bool) {
        self.planned += 1;
        match status {
            Status::OnTime => self.on_time += 1,
            Status::Late => self.late += 1,
            Status::Overdue => self.overdue += 1,
            Status::NotYetDue => self.not_yet_due += 1,
        }
        let submitted = matches!(status, Status::OnTime | Status::Late);
        self.submitted += u64::from(submitted);
        self.not_submitted += u64::from(!submitted);
        self.issued += u64::from(submitted && issued);
        self.postponed += u64::from(postponed);
    }
}

fn status_at(item: &Item, c: NaiveDate) -> (Status, bool) {
    let due = item.effective();
    let open = if c > due {
        Status::Overdue
    } else {
        Status::NotYetDue
    };
    let status = match (item.written_submitted(), item.mark) {
        (Some(s), _) if s <= c => {
            if s <= due {
                Status::OnTime
            } else {
                Status::Late
            }
        }
        (Some(_), _) => open,
        (None, Mark::TextOnly) if item.is_on_time() => Status::OnTime,
        (None, Mark::TextOnly) => Status::Late,
        (None, _) => open,
    };
    let issued = item.written_issued().is_some_and(|i| i <= c);
    (status, issued)
}

#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    pub period: String,
    pub as_of: String,
    pub total: Counts,
    pub rows: Rows<Counts>,
    pub withdrawn: u64,
    pub excluded: u64,
    pub postponed_out: u64,
}

impl Expected {
    /// The figures of the README's table and the generator's summary, in their order:
    /// planned, submitted, on time, late, issued, not submitted, overdue, not yet due,
    /// postponed, withdrawn, left out, postponed out.
    pub fn figures(&self) -> [u64; 12] {
        let t = &self.total;
        [
            t.planned,
            t.submitted,
            t.on_time,
            t.late,
            t.issued,
            t.not_submitted,
            t.overdue,
            t.not_yet_due,
            t.postponed,
            self.withdrawn,
            self.excluded,
            self.postponed_out,
        ]
    }
}

pub fn expected(items: &[Item], dir: &[Agency], spec: &Spec) -> Expected {
    let c = spec.end.min(spec.as_of);
    let inside = |d: NaiveDate| d >= spec.start && d <= spec.end;
    let mut known = vec![None::<Counts>; dir.len()];
    let mut unknown: Option<Counts> = None;
    let mut total = Counts::default();
    let (mut withdrawn, mut excluded, mut postponed_out) = (0, 0, 0);
    for item in items {
        if item.is_excluded() {
            excluded += 1;
            continue;
        }
        let due = item.effective();
        if !inside(due) {
            if item.withdrawn.is_none() && inside(item.planned.last_day()) {
                postponed_out += 1;
            }
            continue;
        }
        if item.withdrawn.is_some() {
            withdrawn += 1;
            continue;
        }
        let (status, issued) = status_at(item, c);
        let postponed = item.moved.is_some();
        total.add(status, issued, postponed);
        let slot = match item.lead {
            Lead::Known(i) => known
                .get_mut(reported_under(dir, i, c))
                .map(|s| s.get_or_insert_with(Counts::default)),
            Lead::Unknown => Some(unknown.get_or_insert_with(Counts::default)),
            Lead::Missing => None,
        };
        if let Some(counts) = slot {
            counts.add(status, issued, postponed);
        }
    }
    let mut rows: Vec<(String, Counts)> = dir
        .iter()
        .zip(known)
        .filter_map(|(a, c)| c.map(|c| (a.name.to_string(), c)))
        .collect();
    rows.extend(unknown.map(|c| (clean(UNKNOWN_AGENCY), c)));
    Expected {
        period: spec.period.to_string(),
        as_of: spec.as_of.format("%Y-%m-%d").to_string(),
        total,
        rows: Rows(rows),
        withdrawn,
        excluded,
        postponed_out,
    }
}
