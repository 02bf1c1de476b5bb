//! Aggregate: classified task facts in, figures per key out, with polars. Keys are dense ids
//! (agency, group, bloc or leader slots) chosen by the pipeline, so the result comes back in
//! the report order the caller defines, not in polars' unspecified group order. Totals are
//! sums of rows, so every total row equals the sum of its rows. No polars type leaves here.

use polars::prelude::*;

use crate::model::{Counts, Status};

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
pub fn counts_by_key(facts: &[Fact], n_keys: usize) -> Result<Vec<Counts>, AggregateError> {
    let mut out = vec![Counts::default(); n_keys];
    if facts.is_empty() {
        return Ok(out);
    }
    let keys: Vec<u32> = facts.iter().map(|f| f.key).collect();
    let status: Vec<u32> = facts.iter().map(|f| f.status as u32).collect();
    let no_deadline: Vec<bool> = facts.iter().map(|f| f.has_no_deadline).collect();
    let df = DataFrame::new(
        facts.len(),
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
        let rows = counts_by_key(&facts, 3).unwrap();
        assert_eq!(rows[0], Counts::from_parts(1, 1, 0, 0, 1));
        assert_eq!(rows[1], Counts::default());
        assert_eq!(rows[2], Counts::from_parts(1, 0, 1, 1, 1));
        assert_eq!(total(&rows), Counts::from_parts(2, 1, 1, 1, 2));
        assert_eq!(total(&rows).total, 5);
    }
}
