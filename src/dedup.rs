//! Duplicates across sources (SPEC 4.5, 4.7): the same task exported by iOFFICE and kept in a
//! hand sheet. Two rows are the same task when their task ids match, or — when at least one
//! of them has no id — when document number, document date, lead agency and content match
//! after folding. Two different ids are never the same task. The fuller row wins, empty
//! fields are filled from the others, and the earliest completion date is kept.

use std::collections::HashMap;

use crate::model::{Finding, FindingKind, RawTask, SourceLoc};

/// A task after merging, with the source rows merged into it.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedTask {
    pub task: RawTask,
    pub merged_from: Vec<SourceLoc>,
}

/// Merge duplicates. `agency_key` says which agency a row means (directory entry or folded raw
/// name), so an alias and the canonical name match. Output keeps the input order of the first
/// row of each task.
pub fn merge(
    tasks: Vec<RawTask>,
    mut agency_key: impl FnMut(&RawTask) -> Option<u64>,
) -> (Vec<MergedTask>, Vec<Finding>) {
    let n = tasks.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut by_id: KeyMap<u64, usize> = KeyMap::default();
    let mut by_doc: KeyMap<(u64, u64), Bucket> = KeyMap::default();
    let mut any_union = false;
    for (i, t) in tasks.iter().enumerate() {
        if let Some(id) = t.id_key {
            let first = *by_id.entry(id).or_insert(i);
            any_union |= union(&mut parent, first, i);
        }
        // The document key (number, date, content) was hashed while the file was read.
        if let (Some(key), Some(agency)) = (t.match_key, agency_key(t)) {
            let bucket = by_doc.entry((key, agency)).or_default();
            any_union |= bucket.add(i, t.id_key.is_some(), &mut parent);
        }
    }
    if !any_union {
        // The common case of a single source: nothing to merge, no grouping pass.
        let merged = tasks.into_iter().map(|task| MergedTask { task, merged_from: Vec::new() }).collect();
        return (merged, Vec::new());
    }
    collect(tasks, &mut parent)
}

/// The rows sharing one document key: rows without id join the first row with an id (or
/// each other); rows with different ids stay apart.
#[derive(Default)]
struct Bucket {
    first_without_id: Option<usize>,
    first_with_id: Option<usize>,
}

impl Bucket {
    /// Returns whether two tasks were joined.
    fn add(&mut self, i: usize, has_id: bool, parent: &mut [usize]) -> bool {
        let mut joined = false;
        if has_id {
            if self.first_with_id.is_none() {
                self.first_with_id = Some(i);
                if let Some(j) = self.first_without_id {
                    joined |= union(parent, j, i);
                }
            }
        } else {
            match self.first_without_id {
                Some(j) => joined |= union(parent, j, i),
                None => self.first_without_id = Some(i),
            }
            if let Some(j) = self.first_with_id {
                joined |= union(parent, j, i);
            }
        }
        joined
    }
}

/// The keys here are already 64-bit hashes: hashing them again with SipHash only costs time
/// on a million rows, so the map uses them as they are (std has no identity hasher).
#[derive(Default)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<PassThrough>>;

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Join the sets of `a` and `b` (the smaller index becomes the root); whether they were apart.
fn union(parent: &mut [usize], a: usize, b: usize) -> bool {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
    ra != rb
}

fn collect(tasks: Vec<RawTask>, parent: &mut [usize]) -> (Vec<MergedTask>, Vec<Finding>) {
    let mut groups: Vec<Vec<RawTask>> = Vec::new();
    // Group index of each root; roots are the smallest index of their set, so groups come out
    // in the order of their first row.
    let mut slot: Vec<usize> = vec![usize::MAX; tasks.len()];
    for (i, t) in tasks.into_iter().enumerate() {
        let root = find(parent, i);
        if slot[root] == usize::MAX {
            slot[root] = groups.len();
            groups.push(Vec::with_capacity(1));
        }
        groups[slot[root]].push(t);
    }
    let mut findings = Vec::new();
    let merged = groups
        .into_iter()
        .map(|rows| {
            let m = merge_group(rows);
            let winner = m.task.source.to_string();
            findings.extend(m.merged_from.iter().map(|loc| Finding {
                kind: FindingKind::Duplicate,
                source: loc.clone(),
                message: format!("trùng với nhiệm vụ tại {winner}; đã gộp, giữ dòng đầy đủ hơn"),
            }));
            m
        })
        .collect();
    (merged, findings)
}

/// The fuller row wins (the first on a tie); its empty fields are filled from the others;
/// the earliest completion date is kept.
fn merge_group(mut rows: Vec<RawTask>) -> MergedTask {
    if rows.len() == 1 {
        return MergedTask {
            task: rows.remove(0),
            merged_from: Vec::new(),
        };
    }
    let best = (0..rows.len()).fold(0, |best, i| {
        if rows[i].info > rows[best].info {
            i
        } else {
            best
        }
    });
    let mut task = rows.remove(best);
    for other in &rows {
        fill(&mut task, other);
        task.completed = match (task.completed, other.completed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let merged_from = rows.into_iter().map(|r| r.source).collect();
    MergedTask { task, merged_from }
}

fn fill(task: &mut RawTask, other: &RawTask) {
    macro_rules! fill_opt {
        ($($f:ident),*) => { $( if task.$f.is_none() { task.$f = other.$f.clone(); } )* };
    }
    fill_opt!(
        task_id,
        doc_number,
        doc_date,
        summary,
        leader,
        agency,
        cooperating,
        assigned,
        extended,
        officer
    );
    if task.status_text.is_none() {
        task.status_text = other.status_text;
        task.status_raw = other.status_raw.clone();
    }
    if task.deadline == crate::model::Deadline::Unknown {
        task.deadline = other.deadline;
    }
    task.is_key |= other.is_key;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vn_text::fold;
    use crate::model::Deadline;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    fn row(
        id: Option<&str>,
        agency: &str,
        content: &str,
        completed: Option<NaiveDate>,
        line: usize,
    ) -> RawTask {
        RawTask {
            source: SourceLoc {
                file: "a.xlsx".into(),
                sheet: None,
                row: line,
            },
            task_id: id.map(String::from),
            doc_number: Some("1313/UBND-KT".into()),
            doc_date: d(2025, 3, 5),
            summary: Some(content.into()),
            leader: None,
            agency: Some(agency.into()),
            cooperating: None,
            assigned: d(2025, 3, 5),
            deadline: Deadline::Date(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()),
            extended: None,
            completed,
            status_text: None,
            status_raw: None,
            is_key: false,
            officer: None,
            match_key: None,
            id_key: None,
            info: 0,
        }
        .with_keys()
    }

    /// The test's directory: "Sở KH&ĐT" is an alias of agency 1; other names are agency 2, 3 ….
    fn key(t: &RawTask) -> Option<u64> {
        let name = fold(t.agency.as_deref()?);
        Some(match name.as_str() {
            "so kh dt" | "so ke hoach va dau tu" => 1,
            "so y te" => 2,
            _ => 3,
        })
    }

    #[test]
    fn same_document_agency_and_content_without_ids_are_merged_keeping_earliest_completion() {
        let rows = vec![
            row(
                Some("NV-1"),
                "Sở Kế hoạch và Đầu tư",
                "Xây dựng kế hoạch",
                d(2025, 3, 30),
                5,
            ),
            row(None, "Sở KH&ĐT", "xây dựng  kế hoạch", d(2025, 3, 20), 9),
        ];
        let (merged, findings) = merge(rows, key);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].task.completed, d(2025, 3, 20));
        assert_eq!(merged[0].task.task_id.as_deref(), Some("NV-1"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].source.row, 9);
    }

    #[test]
    fn two_different_ids_are_never_the_same_task() {
        let rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 5),
            row(Some("NV-2"), "Sở Y tế", "Việc A", None, 6),
        ];
        assert_eq!(merge(rows, key).0.len(), 2);
    }

    #[test]
    fn same_id_is_the_same_task_whatever_the_content() {
        let rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 5),
            row(Some("nv-1"), "Sở Y tế", "Việc B", None, 6),
        ];
        assert_eq!(merge(rows, key).0.len(), 1);
    }

    #[test]
    fn different_content_is_a_different_task() {
        let rows = vec![
            row(None, "Sở Y tế", "Việc A", None, 5),
            row(None, "Sở Y tế", "Việc B", None, 6),
        ];
        assert_eq!(merge(rows, key).0.len(), 2);
    }
}
