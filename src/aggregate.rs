//! Aggregate: classified task facts in, figures per key out, with polars. Keys are dense ids
//! (agency, group, bloc or leader slots) chosen by the pipeline, so the result comes back in
//! the report order the caller defines, not in polars' unspecified group order. Totals are
//! sums of rows, so every total row equals the sum of its rows. No polars type leaves here.

use polars::prelude::*;

use crate::model::{
    By, Counted, Counts, FigureRow, Figures, LeftOut, Loaded, NO_DEPARTMENT, NO_LEADER, NO_OFFICER,
    Period, Status, Structure, View,
};
use crate::vn_text::fold;

/// What the aggregation needs of one counted task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    pub key: u32,
    pub status: Status,
    pub has_no_deadline: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("lỗi khi tổng hợp số liệu: {0}")]
pub struct AggregateError(#[from] PolarsError);

/// Counts per key id, as a dense vector of `n_keys` entries (keys without tasks stay zero).
/// The facts are taken one by one into the three columns (no list of facts is held beside
/// them: millions of tasks at the largest loads).
pub fn counts_by_key(
    facts: impl IntoIterator<Item = Fact>,
    n_keys: usize,
) -> Result<Vec<Counts>, AggregateError> {
    let (mut keys, mut status, mut no_deadline) = (Vec::new(), Vec::new(), Vec::new());
    for f in facts {
        keys.push(f.key);
        status.push(f.status as u32);
        no_deadline.push(f.has_no_deadline);
    }
    counts_of_columns(keys, status, no_deadline, n_keys)
}

/// [`counts_by_key`] of facts given as columns: key id, status (`Status as u32`), whether
/// the task has no deadline.
fn counts_of_columns(
    keys: Vec<u32>,
    status: Vec<u32>,
    no_deadline: Vec<bool>,
    n_keys: usize,
) -> Result<Vec<Counts>, AggregateError> {
    let mut out = vec![Counts::default(); n_keys];
    if keys.is_empty() {
        return Ok(out);
    }
    let df = DataFrame::new(
        keys.len(),
        vec![
            Column::new("key".into(), keys),
            Column::new("status".into(), status),
            Column::new("no_deadline".into(), no_deadline),
        ],
    )?;
    let is = |s: Status| col("status").eq(lit(s as u32)).sum().cast(DataType::UInt64);
    let grouped = df
        .lazy()
        .group_by([col("key")])
        .agg([
            is(Status::OnTime).alias("on_time"),
            is(Status::Late).alias("late"),
            is(Status::Within).alias("within"),
            is(Status::Overdue).alias("overdue"),
            col("no_deadline")
                .sum()
                .cast(DataType::UInt64)
                .alias("no_deadline"),
        ])
        .collect()?;
    let key = grouped.column("key")?.u32()?;
    let get = |name: &str| -> Result<Vec<u64>, PolarsError> {
        Ok(grouped
            .column(name)?
            .u64()?
            .iter()
            .map(|v| v.unwrap_or(0))
            .collect())
    };
    let (on_time, late, within, overdue, nd) = (
        get("on_time")?,
        get("late")?,
        get("within")?,
        get("overdue")?,
        get("no_deadline")?,
    );
    for (i, k) in key.iter().enumerate() {
        if let Some(slot) = k.and_then(|k| out.get_mut(k as usize)) {
            *slot = Counts::from_parts(on_time[i], late[i], within[i], overdue[i], nd[i]);
        }
    }
    Ok(out)
}

/// The sum of rows: the total row of every table.
pub fn total(rows: &[Counts]) -> Counts {
    rows.iter().fold(Counts::default(), |acc, c| acc.plus(c))
}

/// Counts per agency slot (dense, indexed by slot).
pub fn agency_counts(loaded: &Loaded, view: &View) -> Result<Vec<Counts>, AggregateError> {
    counts_by(view, loaded.agency_slots(), |c| Some(c.agency))
}

/// Counts of the view's tasks per key id (`n_keys` ids); `key` gives a task's id, or None to
/// leave it out.
fn counts_by(
    view: &View,
    n_keys: usize,
    key: impl Fn(&Counted) -> Option<usize>,
) -> Result<Vec<Counts>, AggregateError> {
    let facts = view.counted.iter().filter_map(|c| {
        key(c).map(|k| Fact {
            key: k as u32,
            status: c.status,
            has_no_deadline: c.has_no_deadline,
        })
    });
    counts_by_key(facts, n_keys)
}

/// The keys of a table keyed `by`: each key's name, the keys in report order, and which key a
/// counted task falls under. Figures and changes are both keyed through it.
pub struct KeyTable {
    pub names: Vec<String>,
    /// Key ids in report order: agencies in directory order (then names outside it
    /// alphabetically), groups and blocs in directory order, leaders and officers
    /// alphabetically with «Không ghi lãnh đạo giao» / «Không ghi chuyên viên theo dõi» last,
    /// departments in the Office's list order with «Chưa xác định phòng» last.
    pub order: Vec<usize>,
    by: By,
    /// Agency slot → group or bloc id; officer id → department id.
    map: Vec<usize>,
}

impl KeyTable {
    pub fn new(loaded: &Loaded, by: By) -> KeyTable {
        let keys = crate::resolve::keys(loaded);
        let (names, order, map) = match by {
            By::Agency => (keys.agency_names, keys.agency_order, Vec::new()),
            By::Group => {
                let order = (0..keys.groups.len()).collect();
                (keys.groups, order, keys.agency_group)
            }
            By::Bloc => {
                let order = (0..keys.blocs.len()).collect();
                (keys.blocs, order, keys.agency_bloc)
            }
            By::Leader => (
                loaded.leaders.clone(),
                alphabetical(&loaded.leaders, NO_LEADER),
                Vec::new(),
            ),
            By::Officer => (
                loaded.officers.clone(),
                alphabetical(&loaded.officers, NO_OFFICER),
                Vec::new(),
            ),
            By::Department => {
                let departments = &loaded.departments;
                let unplaced = departments.names.len();
                let map = loaded
                    .officers
                    .iter()
                    .map(|o| departments.of(o).unwrap_or(unplaced))
                    .collect();
                let mut names = departments.names.clone();
                names.push(NO_DEPARTMENT.to_string());
                let order = (0..names.len()).collect();
                (names, order, map)
            }
        };
        KeyTable {
            names,
            order,
            by,
            map,
        }
    }

    /// The key a counted task falls under.
    pub fn key(&self, loaded: &Loaded, c: &Counted) -> usize {
        match self.by {
            By::Agency => c.agency,
            By::Group | By::Bloc => self.map[c.agency],
            By::Leader => loaded.meta[c.task].leader as usize,
            By::Officer => loaded.meta[c.task].officer as usize,
            By::Department => self.map[loaded.meta[c.task].officer as usize],
        }
    }
}

/// Ids of `names` alphabetically (folded), with `last` (the key of tasks naming no one) last.
fn alphabetical(names: &[String], last: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_cached_key(|&i| (names[i] == last, fold(&names[i])));
    order
}

/// Aggregate a view by the chosen key; rows without tasks are left out; report order.
pub fn figures(loaded: &Loaded, view: &View, by: By) -> Result<Figures, AggregateError> {
    let table = KeyTable::new(loaded, by);
    let counts = counts_by(view, table.names.len(), |c| Some(table.key(loaded, c)))?;
    Ok(table.figures(&view.period, view.left_out, &counts))
}

/// [`figures`] of one period classified on the way ([`classify::each_counted`]), without a
/// view: only each counted task's key and status are kept (9 bytes a task instead of a
/// view's 40), what `figures` of millions of tasks needs.
pub fn figures_of_period(
    loaded: &Loaded,
    period: &Period,
    structure: Structure,
    by: By,
) -> Result<Figures, AggregateError> {
    let table = KeyTable::new(loaded, by);
    let (mut keys, mut status, mut no_deadline) = (Vec::new(), Vec::new(), Vec::new());
    let left_out = crate::classify::each_counted(loaded, period, structure, |c| {
        keys.push(table.key(loaded, &c) as u32);
        status.push(c.status as u32);
        no_deadline.push(c.has_no_deadline);
    });
    let counts = counts_of_columns(keys, status, no_deadline, table.names.len())?;
    Ok(table.figures(period, left_out, &counts))
}

impl KeyTable {
    /// The rows with tasks, in report order, and their total.
    fn figures(&self, period: &Period, left_out: LeftOut, counts: &[Counts]) -> Figures {
        let rows: Vec<FigureRow> = self
            .order
            .iter()
            .filter(|&&k| counts[k].total > 0)
            .map(|&k| FigureRow {
                key: self.names[k].clone(),
                counts: counts[k],
            })
            .collect();
        let total = total(&rows.iter().map(|r| r.counts).collect::<Vec<_>>());
        Figures {
            period: period.clone(),
            rows,
            total,
            left_out,
            warnings: Vec::new(),
            is_covered: true,
        }
    }
}

/// Counts per agency slot over key tasks (nhiệm vụ trọng tâm) only.
pub fn key_agency_counts(loaded: &Loaded, view: &View) -> Result<Vec<Counts>, AggregateError> {
    counts_by(view, loaded.agency_slots(), |c| {
        loaded.tasks[c.task].is_key.then_some(c.agency)
    })
}

/// What a view's ranking is made of: every directory agency still in existence under the
/// view's structure (a merged-away agency is scored under its successor; a dissolved one only
/// if it had tasks), with its counts and key-task counts; and every name outside the directory
/// that has tasks in the view, in report order (alphabetical), with its counts: those are
/// listed as not ranked (chưa xếp hạng), never dropped.
pub fn score_inputs(
    loaded: &Loaded,
    view: &View,
) -> Result<crate::score::ScoreInputs, AggregateError> {
    let counts = agency_counts(loaded, view)?;
    let key_counts = key_agency_counts(loaded, view)?;
    let dir = &loaded.directory;
    let scored = inputs_of(
        loaded,
        &scored_slots(loaded, view, &counts),
        &counts,
        &key_counts,
    );
    let keys = crate::resolve::keys(loaded);
    let outside = keys
        .agency_order
        .iter()
        .filter(|&&slot| slot >= dir.agencies.len() && counts[slot].total > 0)
        .map(|&slot| (keys.agency_names[slot].clone(), counts[slot]))
        .collect();
    Ok(crate::score::ScoreInputs {
        scored,
        outside,
        has_directory: !dir.is_empty(),
    })
}

/// For a period scored month by month: the score inputs of each view of `months` for the
/// agencies [`score_inputs`] scores in `view` (the whole period), in the same order.
pub fn month_score_inputs(
    loaded: &Loaded,
    view: &View,
    months: &[View],
) -> Result<Vec<Vec<crate::score::ScoreInput>>, AggregateError> {
    let slots = scored_slots(loaded, view, &agency_counts(loaded, view)?);
    months
        .iter()
        .map(|month| {
            let counts = agency_counts(loaded, month)?;
            let key_counts = key_agency_counts(loaded, month)?;
            Ok(inputs_of(loaded, &slots, &counts, &key_counts))
        })
        .collect()
}

/// The directory agencies a view's ranking scores (see [`score_inputs`]), as slots.
fn scored_slots(loaded: &Loaded, view: &View, counts: &[Counts]) -> Vec<usize> {
    let end = view.period.effective_end();
    let dir = &loaded.directory;
    (0..dir.agencies.len())
        .filter(|&i| match view.structure {
            Structure::AsOf(day) => dir.reported_under(i, day) == i,
            Structure::AsThen => true,
        })
        .filter(|&i| counts[i].total > 0 || dir.agencies[i].ends_on.is_none_or(|d| d > end))
        .collect()
}

/// The score inputs of directory agency `slots` from counts per slot.
fn inputs_of(
    loaded: &Loaded,
    slots: &[usize],
    counts: &[Counts],
    key_counts: &[Counts],
) -> Vec<crate::score::ScoreInput> {
    slots
        .iter()
        .map(|&i| crate::score::ScoreInput {
            name: loaded.directory.agencies[i].name.clone(),
            bloc: loaded.directory.agencies[i].bloc.clone(),
            counts: counts[i],
            key_counts: key_counts[i],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(key: u32, status: Status, nd: bool) -> Fact {
        Fact {
            key,
            status,
            has_no_deadline: nd,
        }
    }

    #[test]
    fn counts_are_grouped_by_key_in_key_order() {
        let facts = [
            fact(2, Status::OnTime, false),
            fact(0, Status::Late, false),
            fact(2, Status::Overdue, false),
            fact(2, Status::Within, true),
            fact(0, Status::OnTime, true),
        ];
        let rows = counts_by_key(facts, 3).unwrap();
        assert_eq!(rows[0], Counts::from_parts(1, 1, 0, 0, 1));
        assert_eq!(rows[1], Counts::default());
        assert_eq!(rows[2], Counts::from_parts(1, 0, 1, 1, 1));
        assert_eq!(total(&rows), Counts::from_parts(2, 1, 1, 1, 2));
        assert_eq!(total(&rows).total, 5);
    }
}
