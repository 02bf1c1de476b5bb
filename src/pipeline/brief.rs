//! `brief`: the meeting brief (bản tin họp) — the summary paragraphs with the same period last
//! year, then the open overdue tasks and those coming due, by agency — as text or markdown.

use anyhow::Result;

use super::report::assemble_period;
use super::{Outcome, Sources, Title};
use crate::model::{Period, Restating};
use crate::normalize::Texts;
use crate::render::words::{self, BriefFormat};
use crate::vn_number::Rounding;

#[derive(Clone, Debug)]
pub struct BriefJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    pub title: Title,
    pub rounding: Rounding,
    pub format: BriefFormat,
}

pub fn brief(job: &BriefJob) -> Result<Outcome> {
    let meta = job
        .title
        .meta(&job.period, job.sources.judging.basis, job.rounding);
    let report =
        assemble_period(&job.sources, &job.period, job.restating, meta, Texts::All)?.report;
    Ok(Outcome {
        text: words::brief(&report, job.format) + "\n",
        ..Outcome::default()
    })
}
