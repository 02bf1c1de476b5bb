//! `trend`: the figures of several periods from one load, restated to one agency structure
//! (by default the one in force at the end of the last period) or shown as they were.

use anyhow::{Context, Result};

use super::{Outcome, Sources, load};
use crate::aggregate::{self, AggregateError};
use crate::coverage;
use crate::model::{By, Figures, Loaded, Period, Restating, Structure, TrendPoint};
use crate::normalize::Texts;
use crate::render::terminal::{self, Format};
use crate::vn_number::Rounding;

#[derive(Clone, Debug)]
pub struct TrendJob {
    pub sources: Sources,
    /// Oldest first.
    pub periods: Vec<Period>,
    pub restating: Restating,
    pub by: By,
    pub format: Format,
    pub rounding: Rounding,
}

pub fn trend(job: &TrendJob) -> Result<Outcome> {
    let loaded = load(&job.sources, Texts::None).context("không đọc được dữ liệu đầu vào")?;
    super::check_keys(&loaded, job.by)?;
    let end = job
        .periods
        .last()
        .map_or(chrono::NaiveDate::MAX, Period::effective_end);
    let mut all = figures_by_period(&loaded, &job.periods, job.restating.structure(end), job.by)?;
    let coverage = coverage::of(&loaded);
    for f in &mut all {
        f.warnings = coverage::warnings(&coverage, &f.period);
        f.is_covered = coverage::uncovered(&coverage, &f.period).is_none();
    }
    Ok(Outcome {
        text: terminal::trend(&all, &coverage, job.by, job.format, job.rounding)?,
        ..Outcome::default()
    })
}

/// Figures for every period from one load.
pub(super) fn figures_by_period(
    loaded: &Loaded,
    periods: &[Period],
    structure: Structure,
    by: By,
) -> Result<Vec<Figures>, AggregateError> {
    periods
        .iter()
        .map(|p| aggregate::figures_of_period(loaded, p, structure, by))
        .collect()
}

/// Trend points (province total and per-key rows) for the report model.
pub(super) fn points(figures: &[Figures]) -> Vec<TrendPoint> {
    figures
        .iter()
        .map(|f| TrendPoint {
            period: f.period.clone(),
            total: f.total,
            rows: f.rows.iter().map(|r| (r.key.clone(), r.counts)).collect(),
            is_covered: f.is_covered,
        })
        .collect()
}
