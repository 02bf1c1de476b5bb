//! Writing a warehouse: the counted tasks classified at one cut-off and reported under one
//! structure, one file per year of assignment (`year=2025/part-0.parquet`, the hive layout
//! DuckDB and Spark read), beside the tasks not counted, the rows behind merged tasks, the
//! findings of reading and the manifest. Every file is written to a temporary name and moved
//! into place whole; the manifest last.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
// polars-io directly, not polars' `parquet` feature: see Cargo.toml.
use polars_io::parquet::write::ParquetWriter;

use super::{
    DATE_TIME, FINDINGS, FORMAT, LEFT_OUT, MANIFEST, MERGED, Manifest, ManifestSource,
    ManifestStatement, VERSION, WarehouseError, day_text, deadline_kind, finding_kind, status_code,
    status_kind,
};
use crate::classify::{self, Screen};
use crate::model::{
    AgencyRef, Deadline, Finding, Keys, Loaded, RawTask, Stated, Structure, TaskMeta, Text,
};
use crate::resolve::dedup::Provenance;

/// What an export writes: the settled load, where its tasks came from among the rows read,
/// what reading found, and the cut-off and structure of its `status` and `agency` columns.
pub struct Export<'a> {
    pub loaded: &'a Loaded,
    pub provenance: &'a Provenance,
    /// The findings of reading (before agencies were matched).
    pub findings: &'a [Finding],
    pub stated: &'a [Stated],
    pub files: &'a [Text],
    pub as_of: NaiveDate,
    pub structure: Structure,
}

/// The three task tables and the columns of each, in order. The year files keep the columns
/// of the first exports first (the README's DuckDB query reads them).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Year,
    LeftOut,
    Merged,
}

/// What a task row needs to be read back as it was read: every table has these.
pub(super) const ROW_COLUMNS: [&str; 24] = [
    "read_order",
    "task_id",
    "doc_number",
    "doc_date",
    "summary",
    "leader_raw",
    "agency_raw",
    "cooperating",
    "assigned_raw",
    "deadline",
    "deadline_kind",
    "extended",
    "completed",
    "status_kind",
    "status_text",
    "is_key",
    "officer_raw",
    "updated",
    "match_key",
    "id_key",
    "info",
    "source_file",
    "source_sheet",
    "source_row",
];

impl Table {
    fn columns(self) -> Vec<&'static str> {
        let derived: &[&str] = match self {
            Table::Year => &[
                "task_id",
                "doc_number",
                "doc_date",
                "summary",
                "leader",
                "agency_raw",
                "agency",
                "agency_group",
                "bloc",
                "assigned",
                "deadline_used",
                "has_no_deadline",
                "completed",
                "status_text",
                "status",
                "days_overdue",
                "is_key",
                "merged_rows",
                "source_file",
                "source_sheet",
                "source_row",
                "officer",
            ],
            Table::LeftOut => &[
                "left_out",
                "reason",
                "leader",
                "agency",
                "agency_group",
                "bloc",
                "assigned",
                "merged_rows",
                "officer",
            ],
            Table::Merged => &["merged_into"],
        };
        let mut out = derived.to_vec();
        out.extend(ROW_COLUMNS.iter().filter(|c| !derived.contains(c)));
        out
    }
}

/// The columns of one table being built. Texts are borrowed from the load: each text is
/// copied once, into the Parquet column.
#[derive(Default)]
struct Columns<'a> {
    // The row as read.
    read_order: Vec<u32>,
    task_id: Vec<Option<&'a str>>,
    doc_number: Vec<Option<&'a str>>,
    doc_date: Vec<Option<i32>>,
    summary: Vec<Option<&'a str>>,
    leader_raw: Vec<Option<&'a str>>,
    agency_raw: Vec<Option<&'a str>>,
    cooperating: Vec<Option<&'a str>>,
    assigned_raw: Vec<Option<i32>>,
    deadline: Vec<Option<i32>>,
    deadline_kind: Vec<&'static str>,
    extended: Vec<Option<i32>>,
    completed: Vec<Option<i32>>,
    status_kind: Vec<Option<&'static str>>,
    status_text: Vec<Option<&'a str>>,
    is_key: Vec<bool>,
    officer_raw: Vec<Option<&'a str>>,
    updated: Vec<Option<i32>>,
    match_key: Vec<Option<u64>>,
    id_key: Vec<Option<u64>>,
    info: Vec<u32>,
    source_file: Vec<&'a str>,
    source_sheet: Vec<Option<&'a str>>,
    source_row: Vec<u32>,
    // What the export made of it.
    leader: Vec<&'a str>,
    officer: Vec<&'a str>,
    agency: Vec<Option<&'a str>>,
    agency_group: Vec<Option<&'a str>>,
    bloc: Vec<Option<&'a str>>,
    assigned: Vec<Option<i32>>,
    merged_rows: Vec<u32>,
    deadline_used: Vec<Option<i32>>,
    has_no_deadline: Vec<bool>,
    status: Vec<&'static str>,
    days_overdue: Vec<Option<i64>>,
    left_out: Vec<&'static str>,
    reason: Vec<Option<&'a str>>,
    merged_into: Vec<u32>,
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    d.map(|d| (d - epoch).num_days() as i32)
}

impl<'a> Columns<'a> {
    fn push_row(&mut self, read_order: u32, task: &'a RawTask) {
        self.read_order.push(read_order);
        self.task_id.push(task.task_id.as_deref());
        self.doc_number.push(task.doc_number.as_deref());
        self.doc_date.push(days(task.doc_date));
        self.summary.push(task.summary.as_deref());
        self.leader_raw.push(task.leader.as_deref());
        self.agency_raw.push(task.agency.as_deref());
        self.cooperating.push(task.cooperating.as_deref());
        self.assigned_raw.push(days(task.assigned));
        self.deadline.push(days(task.deadline.date()));
        self.deadline_kind.push(deadline_kind(task.deadline));
        self.extended.push(days(task.extended));
        self.completed.push(days(task.completed));
        self.status_kind.push(task.status_text.map(status_kind));
        self.status_text.push(task.status_raw.as_deref());
        self.is_key.push(task.is_key);
        self.officer_raw.push(task.officer.as_deref());
        self.updated.push(days(task.updated));
        self.match_key.push(task.match_key.map(|k| k.get()));
        self.id_key.push(task.id_key.map(|k| k.get()));
        self.info.push(u32::from(task.info));
        self.source_file.push(&task.source.file);
        self.source_sheet.push(task.source.sheet.as_deref());
        self.source_row.push(task.source.row as u32);
    }

    /// What the load says of a task: its names as reported, its assignment date.
    fn push_names(&mut self, loaded: &'a Loaded, keys: &'a Keys, i: usize, structure: Structure) {
        let (task, m) = (&loaded.tasks[i], &loaded.meta[i]);
        self.leader.push(&loaded.leaders[m.leader as usize]);
        self.officer.push(&loaded.officers[m.officer as usize]);
        let slot = (m.agency != AgencyRef::Missing)
            .then(|| classify::agency_slot(loaded, m.agency, structure));
        self.agency
            .push(slot.map(|s| keys.agency_names[s].as_str()));
        self.agency_group
            .push(slot.map(|s| keys.groups[keys.agency_group[s]].as_str()));
        self.bloc
            .push(slot.map(|s| keys.blocs[keys.agency_bloc[s]].as_str()));
        self.assigned.push(days(task.assigned_or_doc_date()));
        self.merged_rows.push(m.merged_rows);
    }

    /// The status at the cut-off of a counted task.
    fn push_status(&mut self, task: &RawTask, as_of: NaiveDate, loaded: &Loaded) {
        let judging = loaded.judging;
        let deadline = classify::deadline_used(task, judging);
        self.deadline_used.push(days(deadline.date()));
        self.has_no_deadline.push(deadline == Deadline::NoDeadline);
        let status = classify::status_at(task, as_of, judging);
        self.status.push(status_code(status));
        self.days_overdue
            .push(classify::days_overdue(task, status, as_of, judging));
    }

    fn push_left_out(&mut self, meta: &'a TaskMeta) {
        let (code, reason) = match &meta.screen {
            Screen::Cancelled => ("da_huy", None),
            Screen::Excluded(reason) => ("khong_du_thong_tin", Some(reason.message())),
            Screen::Countable => ("", None),
        };
        self.left_out.push(code);
        self.reason.push(reason);
    }

    fn len(&self) -> usize {
        self.read_order.len()
    }

    /// One column, taken out of the builder.
    fn take(&mut self, name: &str) -> PolarsResult<Column> {
        use std::mem::take;
        let n = name.into();
        Ok(match name {
            "read_order" => Column::new(n, take(&mut self.read_order)),
            "task_id" => Column::new(n, take(&mut self.task_id)),
            "doc_number" => Column::new(n, take(&mut self.doc_number)),
            "doc_date" => date_column(n, take(&mut self.doc_date))?,
            "summary" => Column::new(n, take(&mut self.summary)),
            "leader_raw" => Column::new(n, take(&mut self.leader_raw)),
            "agency_raw" => Column::new(n, take(&mut self.agency_raw)),
            "cooperating" => Column::new(n, take(&mut self.cooperating)),
            "assigned_raw" => date_column(n, take(&mut self.assigned_raw))?,
            "deadline" => date_column(n, take(&mut self.deadline))?,
            "deadline_kind" => Column::new(n, take(&mut self.deadline_kind)),
            "extended" => date_column(n, take(&mut self.extended))?,
            "completed" => date_column(n, take(&mut self.completed))?,
            "status_kind" => Column::new(n, take(&mut self.status_kind)),
            "status_text" => Column::new(n, take(&mut self.status_text)),
            "is_key" => Column::new(n, take(&mut self.is_key)),
            "officer_raw" => Column::new(n, take(&mut self.officer_raw)),
            "updated" => date_column(n, take(&mut self.updated))?,
            "match_key" => Column::new(n, take(&mut self.match_key)),
            "id_key" => Column::new(n, take(&mut self.id_key)),
            "info" => Column::new(n, take(&mut self.info)),
            "source_file" => Column::new(n, take(&mut self.source_file)),
            "source_sheet" => Column::new(n, take(&mut self.source_sheet)),
            "source_row" => Column::new(n, take(&mut self.source_row)),
            "leader" => Column::new(n, take(&mut self.leader)),
            "officer" => Column::new(n, take(&mut self.officer)),
            "agency" => Column::new(n, take(&mut self.agency)),
            "agency_group" => Column::new(n, take(&mut self.agency_group)),
            "bloc" => Column::new(n, take(&mut self.bloc)),
            "assigned" => date_column(n, take(&mut self.assigned))?,
            "merged_rows" => Column::new(n, take(&mut self.merged_rows)),
            "deadline_used" => date_column(n, take(&mut self.deadline_used))?,
            "has_no_deadline" => Column::new(n, take(&mut self.has_no_deadline)),
            "status" => Column::new(n, take(&mut self.status)),
            "days_overdue" => Column::new(n, take(&mut self.days_overdue)),
            "left_out" => Column::new(n, take(&mut self.left_out)),
            "reason" => Column::new(n, take(&mut self.reason)),
            "merged_into" => Column::new(n, take(&mut self.merged_into)),
            other => polars_bail!(ColumnNotFound: "{other}"),
        })
    }

    fn frame(mut self, table: Table) -> PolarsResult<DataFrame> {
        let n = self.len();
        let columns = table
            .columns()
            .into_iter()
            .map(|name| self.take(name))
            .collect::<PolarsResult<Vec<_>>>()?;
        DataFrame::new(n, columns)
    }
}

fn date_column(name: PlSmallStr, values: Vec<Option<i32>>) -> PolarsResult<Column> {
    Column::new(name, values).cast(&DataType::Date)
}

/// Rows per Parquet row group (and per frame held in memory while writing).
const ROWS_PER_GROUP: usize = 128 * 1024;

/// Write the warehouse into `dir`. Returns the files written: the year files, then the
/// others, the manifest last.
pub fn write(export: &Export<'_>, dir: &Path) -> Result<Vec<PathBuf>, WarehouseError> {
    let loaded = export.loaded;
    let keys = crate::resolve::keys(loaded);
    // Which tasks go in which year's file; the columns are then made one row group at a
    // time, so that only one group's columns and frame are held at once.
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut left_out = Vec::new();
    for (i, (task, t)) in loaded.tasks.iter().zip(&loaded.meta).enumerate() {
        match (&t.screen, task.assigned_or_doc_date()) {
            (Screen::Countable, Some(day)) => by_year.entry(day.year()).or_default().push(i),
            _ => left_out.push(i),
        }
    }
    let first_row = &export.provenance.first_row;
    let task_rows = |rows: &[usize], table: Table| {
        let mut c = Columns::default();
        for &i in rows {
            c.push_row(first_row[i], &loaded.tasks[i]);
            c.push_names(loaded, &keys, i, export.structure);
            match table {
                Table::Year => c.push_status(&loaded.tasks[i], export.as_of, loaded),
                _ => c.push_left_out(&loaded.meta[i]),
            }
        }
        c.frame(table)
    };
    let mut written = Vec::new();
    let mut parts = Vec::new();
    for (year, rows) in &by_year {
        let part = format!("year={year}/part-0.parquet");
        let path = dir.join(&part);
        write_groups(&path, rows, |group| task_rows(group, Table::Year))?;
        written.push(path);
        parts.push(part);
    }
    let path = dir.join(LEFT_OUT);
    write_groups(&path, &left_out, |group| task_rows(group, Table::LeftOut))?;
    written.push(path);
    let merged = &export.provenance.merged;
    let path = dir.join(MERGED);
    write_groups(&path, merged, |group| {
        let mut c = Columns::default();
        for m in group {
            c.push_row(m.read_order, &m.row);
            c.merged_into.push(first_row[m.task]);
        }
        c.frame(Table::Merged)
    })?;
    written.push(path);
    let path = dir.join(FINDINGS);
    write_groups(&path, export.findings, findings_frame)?;
    written.push(path);
    let path = dir.join(MANIFEST);
    let json = serde_json::to_vec_pretty(&manifest(export, parts, left_out.len()))
        .map_err(|e| write_error(&path, e))?;
    persist(&path, |file| {
        std::io::Write::write_all(file, &json).map_err(|e| e.to_string())
    })?;
    written.push(path);
    Ok(written)
}

fn write_error(path: &Path, reason: impl std::fmt::Display) -> WarehouseError {
    WarehouseError::Write {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Write a file under a temporary name beside it and move it into place once whole.
fn persist(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), String>,
) -> Result<(), WarehouseError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| write_error(path, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(folder).map_err(|e| write_error(path, e))?;
    fill(tmp.as_file_mut()).map_err(|e| write_error(path, e))?;
    tmp.persist(path).map_err(|e| write_error(path, e))?;
    Ok(())
}

/// One Parquet file written a row group at a time: a national year is millions of rows, and
/// only one group's frame is held at once. A table without rows is written with its columns.
fn write_groups<T>(
    path: &Path,
    items: &[T],
    mut frame: impl FnMut(&[T]) -> PolarsResult<DataFrame>,
) -> Result<(), WarehouseError> {
    persist(path, |file| {
        let err = |e: PolarsError| e.to_string();
        let mut writer = None;
        for group in items.chunks(ROWS_PER_GROUP) {
            let df = frame(group).map_err(err)?;
            let w = match &mut writer {
                Some(w) => w,
                None => writer.insert(
                    ParquetWriter::new(&*file)
                        .batched(df.schema())
                        .map_err(err)?,
                ),
            };
            w.write_batch(&df).map_err(err)?;
        }
        match writer {
            Some(w) => w.finish().map(|_| ()).map_err(err),
            None => {
                let mut empty = frame(&[]).map_err(err)?;
                ParquetWriter::new(&*file)
                    .finish(&mut empty)
                    .map(|_| ())
                    .map_err(err)
            }
        }
    })
}

fn findings_frame(findings: &[Finding]) -> PolarsResult<DataFrame> {
    let n = findings.len();
    let kind: Vec<&str> = findings.iter().map(|f| finding_kind(f.kind)).collect();
    let file: Vec<&str> = findings.iter().map(|f| f.source.file.as_str()).collect();
    let sheet: Vec<Option<&str>> = findings.iter().map(|f| f.source.sheet.as_deref()).collect();
    let row: Vec<u32> = findings.iter().map(|f| f.source.row as u32).collect();
    let message: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    DataFrame::new(
        n,
        vec![
            Column::new("kind".into(), kind),
            Column::new("file".into(), file),
            Column::new("sheet".into(), sheet),
            Column::new("row".into(), row),
            Column::new("message".into(), message),
        ],
    )
}

fn manifest(export: &Export<'_>, parts: Vec<String>, left_out: usize) -> Manifest {
    let loaded = export.loaded;
    let count = |s: fn(&Screen) -> bool| loaded.meta.iter().filter(|m| s(&m.screen)).count() as u64;
    let span = |s: Option<(NaiveDate, NaiveDate)>| s.map(|(a, b)| (day_text(a), day_text(b)));
    Manifest {
        format: FORMAT.to_string(),
        version: VERSION,
        written_by: format!("tiendo {}", env!("CARGO_PKG_VERSION")),
        as_of: day_text(export.as_of),
        structure: match export.structure {
            Structure::AsOf(day) => day_text(day),
            Structure::AsThen => "as_then".to_string(),
        },
        deadline: if loaded.judging.on_original_deadline {
            "original"
        } else {
            "extended"
        }
        .to_string(),
        rows: export.provenance.first_row.len() as u64 + loaded_merged_away(export),
        tasks: loaded.tasks.len() as u64,
        counted: (loaded.tasks.len() - left_out) as u64,
        cancelled: count(|s| *s == Screen::Cancelled),
        excluded: loaded.excluded,
        parts,
        files: export.files.iter().map(|f| f.to_string()).collect(),
        statements: export
            .stated
            .iter()
            .map(|s| ManifestStatement {
                file: s.source.file.to_string(),
                sheet: s.source.sheet.as_ref().map(|s| s.to_string()),
                row: s.source.row,
                exported: s
                    .statement
                    .exported
                    .map(|at| at.format(DATE_TIME).to_string()),
                has_time: s.statement.has_time,
                span: span(s.statement.span),
            })
            .collect(),
        sources: loaded
            .sources
            .iter()
            .map(|s| ManifestSource {
                file: s.file.to_string(),
                tasks: s.tasks,
                first_assigned: s.first_assigned.map(day_text),
                last_assigned: s.last_assigned.map(day_text),
                exported: s
                    .exported
                    .as_ref()
                    .map(|e| e.at.format(DATE_TIME).to_string()),
                stated_span: span(s.stated_span),
                agencies: s.agencies,
            })
            .collect(),
    }
}

/// Rows read that are not the first row of a task: merged into another.
fn loaded_merged_away(export: &Export<'_>) -> u64 {
    export
        .loaded
        .meta
        .iter()
        .map(|m| u64::from(m.merged_rows))
        .sum()
}
