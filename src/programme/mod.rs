//! The Committee's work programme (chương trình công tác, SPEC §8, issue 14): the schemes,
//! draft decisions and reports each agency must submit in a given month, quarter or by a date.
//! This module owns the programme from rows to figures: `read` finds a programme table in the
//! sheets of the inputs (the task lists' tolerant header machinery with the programme's own
//! column names) and makes each row an [`Item`]; `judge` gives an item its deadlines, decides
//! whether it counts (withdrawn, left out) and its status at a cut-off; [`settle`] matches the
//! agencies to the directory and collects the findings; `view` places the items of a period
//! and counts them per agency, group or leader; `report` assembles the plain report model.

mod judge;
mod read;
mod report;
mod view;

pub use judge::{Deadlines, MovedBy, Screen, contradictions, deadlines, screen, status_at};
pub use read::{Due, Item, Moved, Progress, Read, Said, Timing, due_text, read_sheets, said};
pub use report::report;
pub use view::{Placed, ProgrammeView, figures, view, view_restated};

use crate::model::{AgencyRef, Finding, FindingKind};
use crate::resolve::agencies::Directory;
use crate::resolve::{Keyed, index32, unknown_agency_findings};

/// Every programme item read from the inputs, and what is known of each (same index).
#[derive(Debug)]
pub struct Programme {
    pub directory: Directory,
    pub items: Vec<Item>,
    pub agencies: Vec<AgencyRef>,
    /// Agency names outside the directory, in order of first appearance.
    pub unknown_names: Vec<String>,
    pub deadlines: Vec<Option<Deadlines>>,
    pub screens: Vec<Screen>,
    /// Every data-quality finding, sorted by kind and place.
    pub findings: Vec<Finding>,
    /// Rows of every input left out for missing information.
    pub excluded: u64,
}

/// Match the items' agencies to the directory, judge what can be judged without a cut-off,
/// and collect the findings: what reading found, the rows left out with their reason, the
/// contradictions, and each name outside the directory (once, at its first row).
pub fn settle(directory: Directory, read: Read) -> Programme {
    let Read {
        items,
        mut findings,
        ..
    } = read;
    let mut unknown = Keyed::default();
    let agencies: Vec<AgencyRef> = items
        .iter()
        .map(|item| match item.agency.as_deref() {
            None => AgencyRef::Missing,
            Some(name) => match directory.lookup(name) {
                Some(i) => AgencyRef::Known(index32(i)),
                None => AgencyRef::Unknown(index32(unknown.id(name))),
            },
        })
        .collect();
    let deadlines: Vec<Option<Deadlines>> = items.iter().map(judge::deadlines).collect();
    let screens: Vec<Screen> = items
        .iter()
        .zip(&deadlines)
        .map(|(item, d)| judge::screen(item, d.as_ref()))
        .collect();
    let mut excluded = 0;
    for ((item, d), screen) in items.iter().zip(&deadlines).zip(&screens) {
        let at = |kind, message| Finding {
            kind,
            source: item.source.clone(),
            message,
        };
        if let Screen::Excluded(reason) = screen {
            excluded += 1;
            findings.push(at(FindingKind::Excluded, reason.clone()));
        }
        for message in judge::contradictions(item, d.as_ref()) {
            findings.push(at(FindingKind::Contradiction, message));
        }
    }
    if !directory.is_empty() {
        let rows = items.iter().zip(&agencies).map(|(i, a)| (&i.source, *a));
        findings.extend(unknown_agency_findings(rows, &unknown.names, "nội dung"));
    }
    findings.sort_by(|a, b| (a.kind, &a.source).cmp(&(b.kind, &b.source)));
    Programme {
        directory,
        items,
        agencies,
        unknown_names: unknown.names,
        deadlines,
        screens,
        findings,
        excluded,
    }
}
