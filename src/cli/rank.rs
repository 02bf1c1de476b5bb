//! `tiendo rank`: the emulation scoring and ranking of a period.

use anyhow::Result;
use clap::Args;

use super::args::{
    FormatArgs, InputArgs, JudgingArgs, PeriodArgs, ProgressArgs, ScoringArgs, StructureArgs,
};
use crate::config::Config;
use crate::pipeline::RankJob;

#[derive(Args, Debug)]
pub struct RankArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    judging: JudgingArgs,
    #[command(flatten)]
    structure: StructureArgs,
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl RankArgs {
    pub fn job(&self, config: &Config) -> Result<RankJob> {
        Ok(RankJob {
            sources: self.input.sources(
                &self.judging,
                self.period.basis.basis,
                &self.progress,
                config,
            ),
            period: self.period.period(None)?,
            restating: self.structure.restating(),
            scoring: self.scoring.scoring(config),
            format: self.format.format,
        })
    }
}
