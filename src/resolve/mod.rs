//! Resolve: the tasks of every input made into one set the figures can trust. Raw agency
//! names are matched to the directory (danh mục cơ quan; names outside it are kept under
//! their own name and reported), duplicates across sources are merged (SPEC 4.5), each task is
//! screened (countable, cancelled, or left out for missing information) and its status text
//! checked against its dates; every step leaves its findings. Assigning leaders and tracking
//! officers are interned (one id a task); the Office's list of officers by department is in
//! `departments`.

pub mod agencies;
pub mod dedup;
pub mod departments;
mod keys;
mod names;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::classify::{self, Judging, Screen};
use crate::model::{
    AgencyRef, Finding, FindingKind, Loaded, NO_LEADER, NO_OFFICER, RawTask, SourceLoc, TaskMeta,
};
use agencies::Directory;
pub use keys::{keys, keys_of};
pub use names::Keyed;
use names::SharedMap;

/// Match agencies, merge duplicates, screen, and collect the findings of each step.
pub fn settle(
    directory: Directory,
    tasks: Vec<RawTask>,
    findings: Vec<Finding>,
    judging: Judging,
    files_read: usize,
) -> Loaded {
    settle_rows(directory, tasks, findings, judging, files_read, false).0
}

/// [`settle`], and with `keep_rows`, where every task came from among the rows read (for a
/// warehouse, which must give back the very rows read).
pub fn settle_rows(
    directory: Directory,
    mut tasks: Vec<RawTask>,
    mut findings: Vec<Finding>,
    judging: Judging,
    files_read: usize,
    keep_rows: bool,
) -> (Loaded, Option<dedup::Provenance>) {
    let mut matcher = Matcher::new(&directory);
    // Each row's agency before the merge, matched once for the coverage and the merge.
    let agencies: Vec<AgencyRef> = tasks.iter().map(|t| matcher.resolve(t)).collect();
    let sources = crate::coverage::sources(&tasks, &agencies);
    let directory_len = directory.agencies.len();
    let merge = dedup::merge(
        &mut tasks,
        |i, _| agencies[i].slot(directory_len).map(|s| s as u64),
        keep_rows,
    );
    drop(agencies);
    let merged_rows = merge.merged_rows;
    findings.extend(merge.findings);
    let mut names = Names::default();
    let no_leader = index32(names.leaders.id(NO_LEADER));
    let no_officer = index32(names.officers.id(NO_OFFICER));
    let mut meta = screen(&tasks, merged_rows, judging, (no_leader, no_officer));
    let excluded = screening_findings(&tasks, &meta, judging, &mut findings);
    name_agencies_and_people(&tasks, &mut meta, &mut matcher, &mut names);
    if !directory.is_empty() {
        findings.extend(matcher.unknown_findings(&tasks, &meta));
    }
    findings.sort_by(|a, b| (a.kind, &a.source).cmp(&(b.kind, &b.source)));
    let unknown_names = matcher.unknown.names;
    let loaded = Loaded {
        directory,
        unknown_names,
        leaders: names.leaders.names,
        officers: names.officers.names,
        departments: Default::default(),
        tasks,
        meta,
        findings,
        excluded,
        judging,
        files_read,
        sources,
    };
    (loaded, merge.rows)
}

/// Screen every task (one task each: in parallel). Agency, leader and officer are filled in
/// later, in input order.
fn screen(
    tasks: &[RawTask],
    merged_rows: Vec<u32>,
    judging: Judging,
    (no_leader, no_officer): (u32, u32),
) -> Vec<TaskMeta> {
    tasks
        .par_iter()
        .zip(merged_rows)
        .map(|(t, merged_rows)| TaskMeta {
            agency: AgencyRef::Missing,
            leader: no_leader,
            screen: classify::screen(t, judging),
            merged_rows,
            officer: no_officer,
        })
        .collect()
}

/// The findings of screening, in input order: rows left out (returned: how many), cancelled
/// tasks, and status texts that contradict the dates (checked in parallel).
fn screening_findings(
    tasks: &[RawTask],
    meta: &[TaskMeta],
    judging: Judging,
    findings: &mut Vec<Finding>,
) -> u64 {
    let mut contradictions: Vec<(usize, String)> = tasks
        .par_iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, classify::contradiction(t, judging)?)))
        .collect();
    contradictions.reverse(); // popped in input order
    let mut excluded = 0;
    for (i, (task, m)) in tasks.iter().zip(meta).enumerate() {
        let finding = |kind, message| Finding {
            kind,
            source: task.source.clone(),
            message,
        };
        match &m.screen {
            Screen::Excluded(reason) => {
                excluded += 1;
                findings.push(finding(FindingKind::Excluded, reason.message().to_string()));
            }
            Screen::Cancelled => findings.push(finding(
                FindingKind::Cancelled,
                format!(
                    "trạng thái «{}»",
                    task.status_raw.as_deref().unwrap_or_default()
                ),
            )),
            Screen::Countable => {}
        }
        if let Some((_, message)) = contradictions.pop_if(|(at, _)| *at == i) {
            findings.push(finding(FindingKind::Contradiction, message));
        }
    }
    excluded
}

/// The assigning leaders and tracking officers of a load, each interned by folded name.
#[derive(Default)]
struct Names {
    leaders: Keyed,
    officers: Keyed,
}

/// Each task's agency (directory entry or name outside it), leader and tracking officer, in
/// input order, so that names outside the directory, leaders and officers are numbered by
/// first appearance.
fn name_agencies_and_people(
    tasks: &[RawTask],
    meta: &mut [TaskMeta],
    matcher: &mut Matcher<'_>,
    names: &mut Names,
) {
    let mut leader_ids: SharedMap<u32> = SharedMap::new();
    let mut officer_ids: SharedMap<u32> = SharedMap::new();
    for (task, m) in tasks.iter().zip(meta) {
        if let Some(name) = &task.leader {
            m.leader = leader_ids.get_or_insert(name, |n| index32(names.leaders.id(n)));
        }
        if let Some(name) = &task.officer {
            m.officer = officer_ids.get_or_insert(name, |n| index32(names.officers.id(n)));
        }
        m.agency = matcher.resolve(task);
    }
}

/// Raw agency name → directory entry or unknown name, cached by raw text (exports repeat
/// the same few dozen spellings thousands of times).
struct Matcher<'a> {
    directory: &'a Directory,
    cache: SharedMap<AgencyRef>,
    unknown: Keyed,
}

impl<'a> Matcher<'a> {
    fn new(directory: &'a Directory) -> Self {
        Matcher {
            directory,
            cache: SharedMap::new(),
            unknown: Keyed::default(),
        }
    }

    fn resolve(&mut self, task: &RawTask) -> AgencyRef {
        let Some(raw) = task.agency.as_ref() else {
            return AgencyRef::Missing;
        };
        let (directory, unknown) = (self.directory, &mut self.unknown);
        self.cache
            .get_or_insert(raw, |name| match directory.lookup(name) {
                Some(i) => AgencyRef::Known(index32(i)),
                None => AgencyRef::Unknown(index32(unknown.id(name))),
            })
    }

    /// One finding per unknown name, at its first row, with how many rows use it.
    fn unknown_findings(&self, tasks: &[RawTask], meta: &[TaskMeta]) -> Vec<Finding> {
        let rows = tasks.iter().zip(meta).map(|(t, m)| (&t.source, m.agency));
        unknown_agency_findings(rows, &self.unknown.names, "nhiệm vụ")
    }
}

/// One finding per agency name outside the directory, at its first row, with how many rows
/// (`unit`: "nhiệm vụ", "nội dung") use it; `rows` gives each row's place and agency.
pub fn unknown_agency_findings<'a>(
    rows: impl Iterator<Item = (&'a SourceLoc, AgencyRef)>,
    names: &[String],
    unit: &str,
) -> Vec<Finding> {
    let mut first: HashMap<usize, (SourceLoc, usize)> = HashMap::new();
    for (source, agency) in rows {
        if let AgencyRef::Unknown(i) = agency {
            first.entry(i as usize).or_insert((source.clone(), 0)).1 += 1;
        }
    }
    let mut out: Vec<Finding> = first
        .into_iter()
        .map(|(i, (source, n))| Finding {
            kind: FindingKind::UnknownAgency,
            source,
            message: format!(
                "«{}» ({n} {unit}) không khớp cơ quan nào trong danh mục; vẫn tính dưới tên này — hãy thêm vào cột «Tên gọi khác» nếu là tên khác của một cơ quan",
                names[i]
            ),
        })
        .collect();
    out.sort_by(|a, b| a.source.cmp(&b.source));
    out
}

/// An agency index as [`AgencyRef`] keeps it. Directory entries and names outside it are
/// numbered from the rows of the inputs: fewer than four billion of them.
pub(crate) fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
