//! `figures`: one period's figures by agency, group, bloc, assigning leader, tracking officer or
//! department, printed as a table, CSV or JSON.

use anyhow::{Context, Result};

use super::{Outcome, Sources, exit_without_freeing, load};
use crate::model::{By, Period, Restating};
use crate::normalize::Texts;
use crate::progress::timing;
use crate::render::terminal::{self, Format};
use crate::vn_number::Rounding;
use crate::{aggregate, coverage};

#[derive(Clone, Debug)]
pub struct FiguresJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    pub by: By,
    pub format: Format,
    pub rounding: Rounding,
}

pub fn figures(job: &FiguresJob) -> Result<Outcome> {
    let loaded = load(&job.sources, Texts::None).context("không đọc được dữ liệu đầu vào")?;
    super::check_keys(&loaded, job.by)?;
    let started = std::time::Instant::now();
    let structure = job.restating.structure(job.period.effective_end());
    let mut figures = aggregate::figures_of_period(&loaded, &job.period, structure, job.by)?;
    let coverage = coverage::of(&loaded);
    figures.warnings = coverage::warnings(&coverage, &job.period);
    timing("phân loại và tổng hợp", started);
    let text = terminal::figures(&figures, &coverage, job.by, job.format, job.rounding)?;
    exit_without_freeing(loaded);
    Ok(Outcome {
        text,
        ..Outcome::default()
    })
}
