//! Resolve: the tasks of every input made into one set the figures can trust. Raw agency
//! names are matched to the directory (danh mục cơ quan; names outside it are kept under
//! their own name and reported), duplicates across sources are merged (SPEC 4.5), each task is
//! screened (countable, cancelled, or left out for missing information) and its status text
//! checked against its dates; every step leaves its findings.

pub mod agencies;
pub mod dedup;
mod keys;
mod names;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::classify::{self, Judging, Screen};
use crate::model::{
    AgencyRef, Finding, FindingKind, Loaded, NO_LEADER, RawTask, SourceLoc, TaskMeta,
};
use agencies::Directory;
pub use keys::keys;
use names::{Keyed, SharedMap};

/// Match agencies, merge duplicates, screen, and collect the findings of each step.
pub fn settle(
    directory: Directory,
    mut tasks: Vec<RawTask>,
    mut findings: Vec<Finding>,
    judging: Judging,
    files_read: usize,
) -> Loaded {
    let mut matcher = Matcher::new(&directory);
    let sources = crate::coverage::sources(&tasks, |t| matcher.resolve(t));
    let directory_len = directory.agencies.len();
    let (merged_rows, dup_findings) = dedup::merge(&mut tasks, |t| {
        matcher.resolve(t).slot(directory_len).map(|s| s as u64)
    });
    findings.extend(dup_findings);
    let mut leaders = Keyed::default();
    let no_leader = leaders.id(NO_LEADER);
    let mut meta = screen(&tasks, merged_rows, judging, no_leader);
    let excluded = screening_findings(&tasks, &meta, judging, &mut findings);
    name_agencies_and_leaders(&tasks, &mut meta, &mut matcher, &mut leaders);
    if !directory.is_empty() {
        findings.extend(matcher.unknown_findings(&tasks, &meta));
    }
    findings.sort_by(|a, b| (a.kind, &a.source).cmp(&(b.kind, &b.source)));
    let unknown_names = matcher.unknown.names;
    Loaded {
        directory,
        unknown_names,
        leaders: leaders.names,
        tasks,
        meta,
        findings,
        excluded,
        judging,
        files_read,
        sources,
    }
}

/// Screen every task (one task each: in parallel). Agency and leader are filled in later, in
/// input order.
fn screen(
    tasks: &[RawTask],
    merged_rows: Vec<u32>,
    judging: Judging,
    no_leader: usize,
) -> Vec<TaskMeta> {
    tasks
        .par_iter()
        .zip(merged_rows)
        .map(|(t, merged_rows)| TaskMeta {
            agency: AgencyRef::Missing,
            leader: no_leader,
            screen: classify::screen(t, judging),
            merged_rows,
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

/// Each task's agency (directory entry or name outside it) and leader, in input order, so
/// that names outside the directory and leaders are numbered by first appearance.
fn name_agencies_and_leaders(
    tasks: &[RawTask],
    meta: &mut [TaskMeta],
    matcher: &mut Matcher<'_>,
    leaders: &mut Keyed,
) {
    let mut leader_ids: SharedMap<usize> = SharedMap::new();
    for (task, m) in tasks.iter().zip(meta) {
        if let Some(name) = &task.leader {
            m.leader = leader_ids.get_or_insert(name, |n| leaders.id(n));
        }
        m.agency = matcher.resolve(task);
    }
}

/// Raw agency name → directory entry or unknown name, cached by raw text (exports repeat
/// the same few dozen spellings thousands of times).
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
        let mut first: HashMap<usize, (SourceLoc, usize)> = HashMap::new();
        for (t, m) in tasks.iter().zip(meta) {
            if let AgencyRef::Unknown(i) = m.agency {
                let e = first.entry(i as usize).or_insert((t.source.clone(), 0));
                e.1 += 1;
            }
        }
        let mut out: Vec<Finding> = first
            .into_iter()
            .map(|(i, (source, n))| Finding {
                kind: FindingKind::UnknownAgency,
                source,
                message: format!(
                    "«{}» ({n} nhiệm vụ) không khớp cơ quan nào trong danh mục; vẫn tính dưới tên này — hãy thêm vào cột «Tên gọi khác» nếu là tên khác của một cơ quan",
                    self.unknown.names[i]
                ),
            })
            .collect();
        out.sort_by(|a, b| a.source.cmp(&b.source));
        out
    }
}

/// An agency index as [`AgencyRef`] keeps it. Directory entries and names outside it are
/// numbered from the rows of the inputs: fewer than four billion of them.
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
