//! Loading: every input read once (files in parallel, each file's rows streamed into the
//! normaliser and its cells dropped as soon as its tasks are extracted), then resolved into
//! one set of tasks (agencies matched, duplicates merged, rows screened).

use std::path::PathBuf;

use rayon::prelude::*;

use super::PipelineError;
use crate::classify::Judging;
use crate::ingest;
use crate::model::{Finding, FindingKind, Loaded, SourceLoc};
use crate::normalize::{self, Texts};
use crate::progress::timing;
use crate::resolve::departments::{self, Departments};
use crate::resolve::{agencies::Directory, settle};

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
    let started = std::time::Instant::now();
    let files = ingest::expand_inputs(&sources.inputs)?;
    let progress = crate::progress::Bar::new(files.len() as u64, "Đọc tệp", sources.show_progress);
    let results: Vec<_> = files
        .par_iter()
        .map(|path| {
            // Rows stream from the reader into the normaliser: a file's cells are never all
            // held at once, only the tasks made of them.
            let mut normalizer = normalize::Normalizer::new(texts);
            let out = ingest::stream_file(path, &mut normalizer).map(|()| normalizer.out);
            progress.inc();
            (path, out)
        })
        .collect();
    progress.finish();
    // One exact allocation for all tasks; each file's own list is freed as soon as it is
    // moved in, so the tasks are never held twice.
    let total = results
        .iter()
        .map(|(_, r)| r.as_ref().map_or(0, |n| n.tasks.len()))
        .sum();
    let mut raw_tasks = Vec::with_capacity(total);
    let mut findings = Vec::new();
    let mut stated = Vec::new();
    for (path, result) in results {
        let name = path.display().to_string();
        let error = match result {
            Ok(n) if n.task_sheets > 0 => {
                raw_tasks.extend(n.tasks);
                findings.extend(n.findings);
                stated.extend(n.stated);
                continue;
            }
            Ok(_) => PipelineError::NoTaskTable(name.clone()),
            Err(e) => PipelineError::Ingest(e),
        };
        if !sources.skip_unreadable {
            return Err(error);
        }
        findings.push(Finding {
            kind: FindingKind::UnreadableFile,
            source: SourceLoc {
                file: name.into(),
                sheet: None,
                row: 0,
            },
            message: error.to_string(),
        });
    }
    timing("đọc và chuẩn hoá tệp", started);
    let mut listed = sources.departments.clone();
    let directory = match &sources.agencies {
        Some(path) => {
            let sheets = ingest::read_file(path)?;
            departments::read_sheets(&sheets, &mut listed)?;
            Directory::from_sheets(&sheets)?
        }
        None => Directory::default(),
    };
    let started = std::time::Instant::now();
    let mut loaded = settle(directory, raw_tasks, findings, sources.judging, files.len());
    loaded.sources = crate::coverage::with_statements(std::mem::take(&mut loaded.sources), &stated);
    loaded.departments = listed;
    timing("khớp cơ quan, gộp trùng, sàng lọc", started);
    Ok(loaded)
}
