//! `export`: the rows read and every task, the counted ones classified at one cut-off,
//! written as a Parquet warehouse partitioned by year of assignment (see [`crate::warehouse`]).

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::{Outcome, Sources, load_keeping_rows};
use crate::model::Restating;
use crate::warehouse::{self, Export};

#[derive(Clone, Debug)]
pub struct ExportJob {
    pub sources: Sources,
    pub as_of: NaiveDate,
    pub restating: Restating,
    pub dir: PathBuf,
}

pub fn export(job: &ExportJob) -> Result<Outcome> {
    let (loaded, provenance, rows) =
        load_keeping_rows(&job.sources).context("không đọc được dữ liệu đầu vào")?;
    let export = Export {
        loaded: &loaded,
        provenance: &provenance,
        findings: &rows.findings,
        stated: &rows.stated,
        files: &rows.files,
        as_of: job.as_of,
        structure: job.restating.structure(job.as_of),
    };
    let written = warehouse::write(&export, &job.dir)?;
    Ok(Outcome {
        written,
        ..Outcome::default()
    })
}
