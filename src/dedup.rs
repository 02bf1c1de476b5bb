//! Duplicates across sources (SPEC 4.5, 4.7): the same task exported by iOFFICE and kept in a
//! hand sheet. Two rows are the same task when their task ids match, or — when at least one
//! of them has no id — when document number, document date, lead agency and content match
//! after folding. Two different ids are never the same task. The fuller row wins, empty
//! fields are filled from the others, and the earliest completion date is kept.

use std::collections::HashMap;

use crate::model::{Finding, FindingKind, RawTask, SourceLoc};
use crate::vn_text::fold;

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
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_doc: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for (i, t) in tasks.iter().enumerate() {
        if let Some(id) = &t.task_id {
            let first = *by_id.entry(fold(id)).or_insert(i);
            union(&mut parent, first, i);
        }
        // The document key (number, date, content) was hashed while the file was read.
        if let (Some(key), Some(agency)) = (t.match_key, agency_key(t)) {
            by_doc.entry((key, agency)).or_default().push(i);
        }
    }
    // Bucket order does not matter: each bucket only links its own rows.
    for rows in by_doc.values() {
        link_doc_bucket(&tasks, rows, &mut parent);
    }
    collect(tasks, &mut parent)
}

/// In one document bucket: rows without id join the first row (with or without id); rows with
/// different ids stay apart.
fn link_doc_bucket(tasks: &[RawTask], rows: &[usize], parent: &mut [usize]) {
    let anchor = rows
        .iter()
        .copied()
        .find(|&i| tasks[i].task_id.is_some())
        .unwrap_or(rows[0]);
    for &i in rows {
        if tasks[i].task_id.is_none() {
            union(parent, anchor, i);
        }
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

fn collect(tasks: Vec<RawTask>, parent: &mut [usize]) -> (Vec<MergedTask>, Vec<Finding>) {
    let mut groups: Vec<Vec<RawTask>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (i, t) in tasks.into_iter().enumerate() {
        let root = find(parent, i);
        let g = *slot.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(t);
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
        if rows[i].information() > rows[best].information() {
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
        }
        .with_key()
    }

    trait WithKey {
        fn with_key(self) -> Self;
    }

    impl WithKey for RawTask {
        fn with_key(mut self) -> Self {
            self.match_key = self.compute_match_key();
            self
        }
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
