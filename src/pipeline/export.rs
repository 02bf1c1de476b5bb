//! `export`: every countable task, classified at one cut-off, written as a Parquet warehouse
//! partitioned by year of assignment.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::{Outcome, Sources, load};
use crate::model::Restating;
use crate::normalize::Texts;

#[derive(Clone, Debug)]
pub struct ExportJob {
    pub sources: Sources,
    pub as_of: NaiveDate,
    pub restating: Restating,
    pub dir: PathBuf,
}

pub fn export(job: &ExportJob) -> Result<Outcome> {
    let loaded = load(&job.sources, Texts::All).context("không đọc được dữ liệu đầu vào")?;
    let structure = job.restating.structure(job.as_of);
    let written = crate::export::write_parquet(&loaded, job.as_of, structure, &job.dir)?;
    Ok(Outcome {
        written,
        ..Outcome::default()
    })
}
