//! `tiendo rank`: the emulation scoring and ranking of a period.

use anyhow::Result;
use clap::Args;

use super::args::{FormatArgs, PeriodArgs, ProgressArgs, ScoringArgs, TasksArgs};
use crate::config::Config;
use crate::pipeline::RankJob;

#[derive(Args, Debug)]
pub struct RankArgs {
    #[command(flatten)]
    tasks: TasksArgs,
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
        let (sources, period, restating) =
            self.tasks
                .for_period(&self.period, &self.progress, config)?;
        Ok(RankJob {
            sources,
            period,
            restating,
            scoring: self.scoring.scoring(config),
            format: self.format.format,
        })
    }
}
