//! Loading: every input read once (files in parallel, each file's rows streamed into the
//! normaliser and its cells dropped as soon as its tasks are extracted; a Parquet warehouse
//! read back into the rows its files gave), then resolved into one set of tasks (agencies
//! matched, duplicates merged, rows screened).

use std::path::PathBuf;

use rayon::prelude::*;

use super::PipelineError;
use crate::classify::Judging;
use crate::ingest;
use crate::model::{Finding, FindingKind, Loaded, RawTask, RowsRead, SourceLoc, Stated};
use crate::normalize::{self, Texts};
use crate::progress::timing;
use crate::resolve::dedup::Provenance;
use crate::resolve::departments::{self, Departments};
use crate::resolve::{agencies::Directory, settle_rows};
use crate::warehouse;

/// What to read and how to judge.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub inputs: Vec<PathBuf>,
    pub agencies: Option<PathBuf>,
    pub skip_unreadable: bool,
    pub judging: Judging,
    /// The Office's list of officers by department from `tiendo.toml`; a «Chuyên viên» sheet
    /// of the directory workbook adds to it.
    pub departments: Departments,
    pub show_progress: bool,
}

/// Read, match, merge and screen every input, keeping the task texts `texts` asks for.
pub fn load(sources: &Sources, texts: Texts) -> Result<Loaded, PipelineError> {
    let rows = read_rows(sources, texts)?;
    let files_read = rows.files.len();
    let (loaded, _) = resolve_rows(
        sources,
        rows.tasks,
        rows.findings,
        &rows.stated,
        files_read,
        false,
    )?;
    Ok(loaded)
}

/// [`load`] for a warehouse: the rows read are kept beside the load (where each task came
/// from, the findings of reading, the files' statements and names).
pub fn load_keeping_rows(
    sources: &Sources,
) -> Result<(Loaded, Provenance, RowsRead), PipelineError> {
    let mut rows = read_rows(sources, Texts::All)?;
    let tasks = std::mem::take(&mut rows.tasks);
    let (loaded, provenance) = resolve_rows(
        sources,
        tasks,
        rows.findings.clone(),
        &rows.stated,
        rows.files.len(),
        true,
    )?;
    Ok((loaded, provenance.unwrap_or_default(), rows))
}

/// Match, merge and screen the rows read, against the directory of `sources`.
fn resolve_rows(
    sources: &Sources,
    tasks: Vec<RawTask>,
    findings: Vec<Finding>,
    stated: &[Stated],
    files_read: usize,
    keep_rows: bool,
) -> Result<(Loaded, Option<Provenance>), PipelineError> {
    let (directory, listed) = directory(sources)?;
    let started = std::time::Instant::now();
    let (mut loaded, provenance) = settle_rows(
        directory,
        tasks,
        findings,
        sources.judging,
        files_read,
        keep_rows,
    );
    loaded.sources = crate::coverage::with_statements(std::mem::take(&mut loaded.sources), stated);
    loaded.departments = listed;
    timing("khớp cơ quan, gộp trùng, sàng lọc", started);
    Ok((loaded, provenance))
}

/// The agency directory and the Office's officers by department.
fn directory(sources: &Sources) -> Result<(Directory, Departments), PipelineError> {
    let mut listed = sources.departments.clone();
    let directory = match &sources.agencies {
        Some(path) => {
            let sheets = ingest::read_file(path)?;
            departments::read_sheets(&sheets, &mut listed)?;
            Directory::from_sheets(&sheets)?
        }
        None => Directory::default(),
    };
    Ok((directory, listed))
}

/// One input as read: task files (a folder of them expanded), or a warehouse.
enum Input {
    Files(Vec<PathBuf>),
    Warehouse(PathBuf),
}

/// The inputs in order: a warehouse (a folder with a manifest) is read as one, a folder of
/// warehouses as each of them by name (and its own task files after them, if any), any
/// other run of paths as task files.
fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, PipelineError> {
    let mut out = Vec::new();
    let mut run: Vec<PathBuf> = Vec::new();
    let flush = |run: &mut Vec<PathBuf>, out: &mut Vec<Input>| -> Result<(), PipelineError> {
        if !run.is_empty() {
            out.push(Input::Files(ingest::expand_inputs(run)?));
            run.clear();
        }
        Ok(())
    };
    for path in paths {
        if warehouse::is_warehouse(path) {
            flush(&mut run, &mut out)?;
            out.push(Input::Warehouse(path.clone()));
            continue;
        }
        warehouse::refuse_partial(path)?;
        let held = warehouse::warehouses_in(path);
        if held.is_empty() {
            run.push(path.clone());
            continue;
        }
        flush(&mut run, &mut out)?;
        out.extend(held.into_iter().map(Input::Warehouse));
        match ingest::expand_inputs(std::slice::from_ref(path)) {
            Ok(files) => out.push(Input::Files(files)),
            Err(ingest::IngestError::EmptyFolder(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    flush(&mut run, &mut out)?;
    Ok(out)
}

/// The task files behind the inputs, in reading order: a warehouse's are those it was
/// written from.
pub fn input_files(paths: &[PathBuf]) -> Result<Vec<String>, PipelineError> {
    let mut out = Vec::new();
    for input in inputs(paths)? {
        match input {
            Input::Files(files) => out.extend(files.iter().map(|f| f.display().to_string())),
            Input::Warehouse(dir) => out.extend(warehouse::files_of(&dir)?),
        }
    }
    Ok(out)
}

/// Every input's rows as read, in input order, before anything is resolved.
fn read_rows(sources: &Sources, texts: Texts) -> Result<RowsRead, PipelineError> {
    let started = std::time::Instant::now();
    let inputs = inputs(&sources.inputs)?;
    let files: Vec<&PathBuf> = inputs
        .iter()
        .flat_map(|input| match input {
            Input::Files(files) => files.iter().collect(),
            Input::Warehouse(_) => Vec::new(),
        })
        .collect();
    let progress = crate::progress::Bar::new(files.len() as u64, "Đọc tệp", sources.show_progress);
    let mut results = files
        .par_iter()
        .map(|path| {
            // Rows stream from the reader into the normaliser: a file's cells are never all
            // held at once, only the tasks made of them.
            let mut normalizer = normalize::Normalizer::new(texts);
            let out = ingest::stream_file(path, &mut normalizer).map(|()| normalizer.out);
            progress.inc();
            (*path, out)
        })
        .collect::<Vec<_>>()
        .into_iter();
    progress.finish();
    let mut got = Vec::with_capacity(inputs.len());
    for input in &inputs {
        got.push(match input {
            Input::Files(files) => Got::Files(results.by_ref().take(files.len()).collect()),
            Input::Warehouse(dir) => Got::Warehouse(warehouse::read(dir, texts)?),
        });
    }
    // One allocation for all tasks (a warehouse read first lends its own, grown in place);
    // each input's own list is freed as soon as it is moved in, so the tasks are never held
    // twice.
    let total = got.iter().map(Got::tasks).sum();
    let mut got = got.into_iter();
    let mut all = match got.next() {
        Some(Got::Warehouse(mut rows)) => {
            rows.tasks.reserve_exact(total - rows.tasks.len());
            rows
        }
        first => {
            let mut all = RowsRead {
                tasks: Vec::with_capacity(total),
                ..RowsRead::default()
            };
            if let Some(first) = first {
                add(&mut all, first, sources.skip_unreadable)?;
            }
            all
        }
    };
    for g in got {
        add(&mut all, g, sources.skip_unreadable)?;
    }
    timing("đọc và chuẩn hoá tệp", started);
    Ok(all)
}

type FileResult<'p> = (
    &'p PathBuf,
    Result<normalize::Normalized, ingest::IngestError>,
);

/// What one input gave.
enum Got<'p> {
    Files(Vec<FileResult<'p>>),
    Warehouse(RowsRead),
}

impl Got<'_> {
    fn tasks(&self) -> usize {
        match self {
            Got::Files(results) => results
                .iter()
                .map(|(_, r)| r.as_ref().map_or(0, |n| n.tasks.len()))
                .sum(),
            Got::Warehouse(rows) => rows.tasks.len(),
        }
    }
}

fn add(all: &mut RowsRead, got: Got<'_>, skip_unreadable: bool) -> Result<(), PipelineError> {
    match got {
        Got::Files(results) => add_files(all, results, skip_unreadable),
        Got::Warehouse(rows) => {
            all.tasks.extend(rows.tasks);
            all.findings.extend(rows.findings);
            all.stated.extend(rows.stated);
            all.files.extend(rows.files);
            Ok(())
        }
    }
}

/// The rows of task files read, in order; a file that could not be read (or holds no task
/// table) stops the load, or with `--skip-unreadable` is a finding.
fn add_files(
    all: &mut RowsRead,
    results: Vec<FileResult<'_>>,
    skip_unreadable: bool,
) -> Result<(), PipelineError> {
    for (path, result) in results {
        let name = path.display().to_string();
        all.files.push(name.as_str().into());
        let error = match result {
            Ok(n) if n.task_sheets > 0 => {
                all.tasks.extend(n.tasks);
                all.findings.extend(n.findings);
                all.stated.extend(n.stated);
                continue;
            }
            Ok(_) => PipelineError::NoTaskTable(name.clone()),
            Err(e) => PipelineError::Ingest(e),
        };
        if !skip_unreadable {
            return Err(error);
        }
        all.findings.push(Finding {
            kind: FindingKind::UnreadableFile,
            source: SourceLoc {
                file: name.into(),
                sheet: None,
                row: 0,
            },
            message: error.to_string(),
        });
    }
    Ok(())
}
