//! Export for a national warehouse: the normalised, classified task table with its source
//! locations, written as Parquet partitioned by year of assignment (`year=2025/part-0.parquet`,
//! the hive layout DuckDB and Spark read). Like `aggregate`, this module owns its polars
//! types: nothing polars leaves it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
// polars-io directly, not polars' `parquet` feature: see Cargo.toml.
use polars_io::parquet::write::ParquetWriter;

use crate::classify::{self, Screen};
use crate::model::{Deadline, Status};
use crate::model::{Loaded, Structure};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("không ghi được tệp Parquet «{path}»: {reason}")]
    Write { path: String, reason: String },
}

/// Status code written to the `status` column.
pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::OnTime => "dung_han",
        Status::Late => "qua_han_da_hoan_thanh",
        Status::Within => "trong_han",
        Status::Overdue => "qua_han_chua_hoan_thanh",
    }
}

/// The columns of one year's file. Texts are borrowed from the loaded tasks: the export
/// copies each text once, into the Parquet column, not into an intermediate table too.
#[derive(Default)]
struct Columns<'a> {
    task_id: Vec<Option<&'a str>>,
    doc_number: Vec<Option<&'a str>>,
    doc_date: Vec<Option<i32>>,
    summary: Vec<Option<&'a str>>,
    leader: Vec<&'a str>,
    agency_raw: Vec<Option<&'a str>>,
    agency: Vec<&'a str>,
    group: Vec<&'a str>,
    bloc: Vec<&'a str>,
    assigned: Vec<Option<i32>>,
    deadline_used: Vec<Option<i32>>,
    has_no_deadline: Vec<bool>,
    completed: Vec<Option<i32>>,
    status_text: Vec<Option<&'a str>>,
    status: Vec<&'static str>,
    days_overdue: Vec<Option<i64>>,
    is_key: Vec<bool>,
    merged_rows: Vec<u32>,
    source_file: Vec<&'a str>,
    source_sheet: Vec<Option<&'a str>>,
    source_row: Vec<u32>,
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    d.map(|d| (d - epoch).num_days() as i32)
}

/// Rows per Parquet row group (and per frame held in memory while writing).
const ROWS_PER_GROUP: usize = 128 * 1024;

/// Write every countable task, classified at `as_of` and reported under `structure`, into
/// `dir/year=YYYY/part-0.parquet`. Returns the files written.
pub fn write_parquet(
    loaded: &Loaded,
    as_of: NaiveDate,
    structure: Structure,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let keys = crate::resolve::keys(loaded);
    let judging = loaded.judging;
    // Which tasks go in which year's file; the columns are then made one year at a time, so
    // that only one year's columns and frame are held at once.
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, (task, t)) in loaded.tasks.iter().zip(&loaded.meta).enumerate() {
        if t.screen != Screen::Countable {
            continue;
        }
        if let Some(assigned) = task.assigned_or_doc_date() {
            by_year.entry(assigned.year()).or_default().push(i);
        }
    }
    let columns = |rows: &[usize]| {
        let mut c = Columns::default();
        for &i in rows {
            let (task, t) = (&loaded.tasks[i], &loaded.meta[i]);
            let slot = crate::classify::agency_slot(loaded, t.agency, structure);
            let deadline = classify::deadline_used(task, judging);
            c.task_id.push(task.task_id.as_deref());
            c.doc_number.push(task.doc_number.as_deref());
            c.doc_date.push(days(task.doc_date));
            c.summary.push(task.summary.as_deref());
            c.leader.push(&loaded.leaders[t.leader]);
            c.agency_raw.push(task.agency.as_deref());
            c.agency.push(&keys.agency_names[slot]);
            c.group.push(&keys.groups[keys.agency_group[slot]]);
            c.bloc.push(&keys.blocs[keys.agency_bloc[slot]]);
            c.assigned.push(days(task.assigned_or_doc_date()));
            c.deadline_used.push(days(match deadline {
                Deadline::Date(d) => Some(d),
                _ => None,
            }));
            c.has_no_deadline.push(deadline == Deadline::NoDeadline);
            c.completed.push(days(task.completed));
            c.status_text.push(task.status_raw.as_deref());
            let status = classify::status_at(task, as_of, judging);
            c.status.push(status_code(status));
            c.days_overdue
                .push(classify::days_overdue(task, status, as_of, judging));
            c.is_key.push(task.is_key);
            c.merged_rows.push(t.merged_rows);
            c.source_file.push(&task.source.file);
            c.source_sheet.push(task.source.sheet.as_deref());
            c.source_row.push(task.source.row as u32);
        }
        c
    };
    let mut written = Vec::new();
    for (year, rows) in by_year {
        let part = dir.join(format!("year={year}"));
        let path = part.join("part-0.parquet");
        let err = |reason: String| ExportError::Write {
            path: path.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(&part).map_err(|e| err(e.to_string()))?;
        let tmp = tempfile::NamedTempFile::new_in(&part).map_err(|e| err(e.to_string()))?;
        // One row group at a time: a national year is millions of rows, and only one group's
        // frame is held at once.
        let mut writer = None;
        for group in rows.chunks(ROWS_PER_GROUP) {
            let df = frame(columns(group)).map_err(|e| err(e.to_string()))?;
            let w = match &mut writer {
                Some(w) => w,
                None => writer.insert(
                    ParquetWriter::new(tmp.as_file())
                        .batched(df.schema())
                        .map_err(|e| err(e.to_string()))?,
                ),
            };
            w.write_batch(&df).map_err(|e| err(e.to_string()))?;
        }
        if let Some(w) = writer {
            w.finish().map_err(|e| err(e.to_string()))?;
        }
        tmp.persist(&path).map_err(|e| err(e.to_string()))?;
        written.push(path);
    }
    Ok(written)
}

fn date_column(name: &str, values: Vec<Option<i32>>) -> PolarsResult<Column> {
    Column::new(name.into(), values).cast(&DataType::Date)
}

fn frame(c: Columns) -> PolarsResult<DataFrame> {
    let n = c.agency.len();
    DataFrame::new(
        n,
        vec![
            Column::new("task_id".into(), c.task_id),
            Column::new("doc_number".into(), c.doc_number),
            date_column("doc_date", c.doc_date)?,
            Column::new("summary".into(), c.summary),
            Column::new("leader".into(), c.leader),
            Column::new("agency_raw".into(), c.agency_raw),
            Column::new("agency".into(), c.agency),
            Column::new("agency_group".into(), c.group),
            Column::new("bloc".into(), c.bloc),
            date_column("assigned", c.assigned)?,
            date_column("deadline_used", c.deadline_used)?,
            Column::new("has_no_deadline".into(), c.has_no_deadline),
            date_column("completed", c.completed)?,
            Column::new("status_text".into(), c.status_text),
            Column::new("status".into(), c.status),
            Column::new("days_overdue".into(), c.days_overdue),
            Column::new("is_key".into(), c.is_key),
            Column::new("merged_rows".into(), c.merged_rows),
            Column::new("source_file".into(), c.source_file),
            Column::new("source_sheet".into(), c.source_sheet),
            Column::new("source_row".into(), c.source_row),
        ],
    )
}
