//! Duplicates across sources (SPEC 4.5, 4.7): the same task exported by iOFFICE and kept in a
//! hand sheet. Two rows are the same task when their task ids match, or — when at least one
//! of them has no id — when document number, document date, lead agency and content match
//! after folding. Two different ids are never the same task. The fuller row wins, empty
//! fields are filled from the others, and the earliest completion date is kept.

use rayon::prelude::*;

use crate::model::{Finding, FindingKind, RawTask, SourceLoc};

/// What a merge did: per remaining task, how many rows were merged into it; a finding per
/// merged row; and, when asked for, the rows read behind every merged task.
#[derive(Debug, Default)]
pub struct Merge {
    pub merged_rows: Vec<u32>,
    pub findings: Vec<Finding>,
    pub rows: Option<Provenance>,
}

/// Where the remaining tasks came from among the rows read (their read order: the index of
/// the row among all rows given to the merge). A warehouse keeps it, so that reading the
/// warehouse back gives the very rows read, and merging them again gives the same tasks.
#[derive(Debug, Default)]
pub struct Provenance {
    /// Per remaining task, the read order of its first row.
    pub first_row: Vec<u32>,
    /// Every row read that is part of a merged task (its first row included, as it was read),
    /// with its read order and the index of the remaining task it went into; by read order.
    pub merged: Vec<MergedRow>,
}

#[derive(Debug)]
pub struct MergedRow {
    pub read_order: u32,
    pub task: usize,
    pub row: RawTask,
}

/// A row's task id key and its index among the rows.
type IdKey = (u64, u32);
/// A row's document key, its agency slot and its index among the rows.
type DocKey = (u64, u32, u32);

/// Merge duplicates in place: each task keeps the position of its first row (so the input
/// order of tasks is kept), later copies are removed. `agency_key` says which agency a row
/// (given its index and itself) means — directory entry or unknown name — so an alias and the
/// canonical name match. Returns, per remaining task, how many rows were merged into it, and
/// a finding per merged row; with `keep_rows`, also the rows behind each merged task
/// ([`Provenance`]). Nothing is copied when there are no duplicates (the common case of one
/// source).
pub fn merge(
    tasks: &mut Vec<RawTask>,
    agency_key: impl Fn(usize, &RawTask) -> Option<u64> + Sync,
    keep_rows: bool,
) -> Merge {
    let n = tasks.len();
    let row = |i: usize| u32::try_from(i).expect("fewer than 4 billion rows");
    // The union-find forest: each row's parent, as a row index (four bytes a row).
    let mut parent: Vec<u32> = (0..n).map(row).collect();
    let mut any_union = false;
    // Keys are gathered and sorted rather than put in hash tables: a million-key table costs
    // a hundred megabytes or so; sorted pairs are a sixth of that, read once in order. A run
    // of equal keys lists its rows in input order, as the first-seen rules below need.
    // Both keys are gathered side by side (each in one pass, into room for every row: only
    // the pages written take memory), then sorted side by side.
    // Same task id: every row joins the first row with that id. Same document key (number,
    // date, content; hashed while the file was read) and agency. Sixteen bytes a row each
    // (agency slots are few): five million rows sort in 80 MB.
    let (mut ids, mut docs): (Vec<IdKey>, Vec<DocKey>) = rayon::join(
        || {
            let mut ids = Vec::with_capacity(n);
            let with_id = tasks.iter().enumerate();
            ids.extend(with_id.filter_map(|(i, t)| Some((t.id_key?.get(), row(i)))));
            ids
        },
        || {
            // Rows with ids are joined by their ids only: when every row has one, no document
            // key joins anything (see `Bucket`), and none is gathered.
            if tasks.iter().all(|t| t.id_key.is_some()) {
                return Vec::new();
            }
            let mut docs = Vec::with_capacity(n);
            docs.extend(tasks.iter().enumerate().filter_map(|(i, t)| {
                let agency = u32::try_from(agency_key(i, t)?).ok()?;
                Some((t.match_key?.get(), agency, row(i)))
            }));
            docs
        },
    );
    rayon::join(|| ids.par_sort_unstable(), || docs.par_sort_unstable());
    // A key held by one row joins nothing: only runs of two or more rows are looked at.
    for run in ids.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        for &(_, i) in &run[1..] {
            any_union |= union(&mut parent, run[0].1 as usize, i as usize);
        }
    }
    drop(ids);
    for run in docs
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|run| run.len() > 1)
    {
        let mut bucket = Bucket::default();
        for &(_, _, i) in run {
            let has_id = tasks[i as usize].id_key.is_some();
            any_union |= bucket.add(i as usize, has_id, &mut parent);
        }
    }
    drop(docs);
    if !any_union {
        return Merge {
            merged_rows: vec![0; n],
            findings: Vec::new(),
            rows: keep_rows.then(|| Provenance {
                first_row: (0..n).map(row).collect(),
                merged: Vec::new(),
            }),
        };
    }
    merge_groups(tasks, &mut parent, keep_rows)
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
    fn add(&mut self, i: usize, has_id: bool, parent: &mut [u32]) -> bool {
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

fn find(parent: &mut [u32], mut i: usize) -> usize {
    while parent[i] as usize != i {
        parent[i] = parent[parent[i] as usize];
        i = parent[i] as usize;
    }
    i
}

/// Join the sets of `a` and `b` (the smaller index becomes the root); whether they were apart.
fn union(parent: &mut [u32], a: usize, b: usize) -> bool {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo as u32;
    }
    ra != rb
}

fn merge_groups(tasks: &mut Vec<RawTask>, parent: &mut [u32], keep_rows: bool) -> Merge {
    let n = tasks.len();
    // Members of each set with more than one row, by root (the smallest index: the first row).
    let roots: Vec<usize> = (0..n).map(|i| find(parent, i)).collect();
    let mut size = vec![0u32; n];
    for &r in &roots {
        size[r] += 1;
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, &r) in roots.iter().enumerate() {
        if size[r] > 1 {
            members.entry(r).or_default().push(i);
        }
    }
    let mut findings = Vec::new();
    let mut keep = vec![true; n];
    let mut merged_rows = vec![0u32; n];
    // The rows behind each merged task, by read order, before the merge overwrites the first.
    let mut behind: Vec<(u32, usize, RawTask)> = Vec::new();
    for (root, rows) in members {
        if keep_rows {
            behind.extend(rows.iter().map(|&i| (i as u32, root, tasks[i].clone())));
        }
        let (task, merged_from) = merge_group(tasks, &rows);
        let winner = task.source.to_string();
        findings.extend(merged_from.into_iter().map(|loc| Finding {
            kind: FindingKind::Duplicate,
            source: loc,
            message: format!("trùng với nhiệm vụ tại {winner}; đã gộp, giữ dòng đầy đủ hơn"),
        }));
        tasks[root] = task;
        merged_rows[root] = size[root] - 1;
        for &i in &rows[1..] {
            keep[i] = false;
        }
    }
    let mut i = 0;
    tasks.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    let merged_rows = merged_rows
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(m, _)| m)
        .collect();
    let rows = keep_rows.then(|| provenance(&keep, behind));
    Merge {
        merged_rows,
        findings,
        rows,
    }
}

/// The read order of each remaining task's first row, and the rows behind the merged ones
/// with the index of the task (among the remaining) each went into.
fn provenance(keep: &[bool], mut behind: Vec<(u32, usize, RawTask)>) -> Provenance {
    // Remaining index of each kept row: how many rows before it were kept.
    let mut remaining = vec![0usize; keep.len()];
    let mut first_row = Vec::new();
    for (i, &k) in keep.iter().enumerate() {
        remaining[i] = first_row.len();
        if k {
            first_row.push(i as u32);
        }
    }
    behind.sort_by_key(|(read_order, _, _)| *read_order);
    let merged = behind
        .into_iter()
        .map(|(read_order, root, row)| MergedRow {
            read_order,
            task: remaining[root],
            row,
        })
        .collect();
    Provenance { first_row, merged }
}

/// The fuller row wins (the first on a tie); its empty fields are filled from the others;
/// the earliest completion date and the latest update date are kept. Returns the merged task and the sources of the rows
/// merged into it.
fn merge_group(tasks: &[RawTask], rows: &[usize]) -> (RawTask, Vec<SourceLoc>) {
    let best = rows.iter().copied().fold(rows[0], |best, i| {
        if tasks[i].info > tasks[best].info {
            i
        } else {
            best
        }
    });
    let mut task = tasks[best].clone();
    let mut merged_from = Vec::with_capacity(rows.len() - 1);
    for &i in rows.iter().filter(|&&i| i != best) {
        let other = &tasks[i];
        fill(&mut task, other);
        task.completed = match (task.completed, other.completed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // The latest news of any copy is the task's last update.
        task.updated = task.updated.max(other.updated);
        merged_from.push(other.source.clone());
    }
    (task, merged_from)
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
    use crate::model::Deadline;
    use crate::vn_text::fold;
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
            task_id: id.map(Into::into),
            doc_number: Some("1313/UBND-KT".into()),
            doc_date: d(2025, 3, 5),
            summary: Some(content.into()),
            agency: Some(agency.into()),
            assigned: d(2025, 3, 5),
            completed,
            ..RawTask::example(
                line,
                NaiveDate::MIN,
                Deadline::Date(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()),
            )
        }
        .with_keys()
    }

    fn merged_len(mut rows: Vec<RawTask>) -> usize {
        merge(&mut rows, |_, t| key(t), false);
        rows.len()
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
        let mut merged = rows;
        let Merge {
            merged_rows: counts,
            findings,
            ..
        } = merge(&mut merged, |_, t| key(t), false);
        assert_eq!((merged.len(), counts), (1, vec![1]));
        assert_eq!(merged[0].completed, d(2025, 3, 20));
        assert_eq!(merged[0].task_id.as_deref(), Some("NV-1"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].source.row, 9);
    }

    #[test]
    fn a_merge_keeps_the_latest_update_of_its_copies() {
        // The export says updated 10/04, the hand copy (no update column) nothing, a third
        // copy 02/05: the task had news on 02/05.
        let mut rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Kiểm tra", None, 2),
            row(Some("NV-1"), "Sở Y tế", "Kiểm tra", None, 3),
            row(Some("NV-1"), "Sở Y tế", "Kiểm tra", None, 4),
        ];
        rows[0].updated = d(2025, 4, 10);
        rows[2].updated = d(2025, 5, 2);
        merge(&mut rows, |_, t| key(t), false);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].updated, d(2025, 5, 2));
    }

    #[test]
    fn the_rows_behind_a_merged_task_are_kept_when_asked_as_they_were_read() {
        // Rows read: 0 NV-1 (open), 1 NV-2, 2 NV-1 again (completed 20/03). NV-1's two rows
        // become task 0 (completed 20/03), NV-2 is task 1, unmerged.
        let mut rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 2),
            row(Some("NV-2"), "Sở Y tế", "Việc B", None, 3),
            row(Some("NV-1"), "Sở Y tế", "Việc A", d(2025, 3, 20), 4),
        ];
        let read = rows.clone();
        let merge = merge(&mut rows, |_, t| key(t), true);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].completed, d(2025, 3, 20));
        let kept = merge.rows.expect("rows kept");
        assert_eq!(kept.first_row, [0, 1]);
        let behind: Vec<(u32, usize, &RawTask)> = kept
            .merged
            .iter()
            .map(|m| (m.read_order, m.task, &m.row))
            .collect();
        assert_eq!(behind, [(0, 0, &read[0]), (2, 0, &read[2])]);
    }

    #[test]
    fn without_duplicates_every_row_is_its_own_task_in_read_order() {
        let mut rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 2),
            row(Some("NV-2"), "Sở Y tế", "Việc B", None, 3),
        ];
        let kept = merge(&mut rows, |_, t| key(t), true)
            .rows
            .expect("rows kept");
        assert_eq!(kept.first_row, [0, 1]);
        assert!(kept.merged.is_empty());
    }

    #[test]
    fn two_different_ids_are_never_the_same_task() {
        let rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 5),
            row(Some("NV-2"), "Sở Y tế", "Việc A", None, 6),
        ];
        assert_eq!(merged_len(rows), 2);
    }

    #[test]
    fn same_id_is_the_same_task_whatever_the_content() {
        let rows = vec![
            row(Some("NV-1"), "Sở Y tế", "Việc A", None, 5),
            row(Some("nv-1"), "Sở Y tế", "Việc B", None, 6),
        ];
        assert_eq!(merged_len(rows), 1);
    }

    #[test]
    fn different_content_is_a_different_task() {
        let rows = vec![
            row(None, "Sở Y tế", "Việc A", None, 5),
            row(None, "Sở Y tế", "Việc B", None, 6),
        ];
        assert_eq!(merged_len(rows), 2);
    }
}
