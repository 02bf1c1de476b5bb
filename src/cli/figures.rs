//! `tiendo figures`: one period's figures by agency, group, bloc or leader.

use anyhow::Result;
use clap::Args;

use super::args::{ByArgs, FormatArgs, PeriodArgs, ProgressArgs, RoundingArgs, TasksArgs};
use crate::config::Config;
use crate::pipeline::FiguresJob;

#[derive(Args, Debug)]
pub struct FiguresArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    rounding: RoundingArgs,
    #[command(flatten)]
    by: ByArgs,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl FiguresArgs {
    pub fn job(&self, config: &Config) -> Result<FiguresJob> {
        let (sources, period, restating) =
            self.tasks
                .for_period(&self.period, &self.progress, config)?;
        Ok(FiguresJob {
            sources,
            period,
            restating,
            by: self.by.by,
            format: self.format.format,
            rounding: self.rounding.rounding,
        })
    }
}
