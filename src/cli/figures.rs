//! `tiendo figures`: one period's figures by agency, group, bloc or leader.

use anyhow::Result;
use clap::Args;

use super::args::{
    ByArgs, FormatArgs, InputArgs, JudgingArgs, PeriodArgs, ProgressArgs, RoundingArgs,
    StructureArgs,
};
use crate::config::Config;
use crate::pipeline::FiguresJob;

#[derive(Args, Debug)]
pub struct FiguresArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    judging: JudgingArgs,
    #[command(flatten)]
    structure: StructureArgs,
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
        Ok(FiguresJob {
            sources: self.input.sources(
                &self.judging,
                self.period.basis.basis,
                &self.progress,
                config,
            ),
            period: self.period.period(None)?,
            restating: self.structure.restating(),
            by: self.by.by,
            format: self.format.format,
            rounding: self.rounding.rounding,
        })
    }
}
