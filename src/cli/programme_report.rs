//! `tiendo programme-report`: the report on the work programme as a workbook, a PDF and a Word
//! document.

use anyhow::Result;
use clap::Args;

use super::args::{CutOffArgs, IssuerArgs, OutArgs, ProgrammeInputArgs};
use crate::config::Config;
use crate::pipeline::ProgrammeReportJob;

#[derive(Args, Debug)]
pub struct ProgrammeReportArgs {
    #[command(flatten)]
    input: ProgrammeInputArgs,
    #[command(flatten)]
    period: CutOffArgs,
    #[command(flatten)]
    issuer: IssuerArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

impl ProgrammeReportArgs {
    pub fn job(&self, config: &Config) -> Result<ProgrammeReportJob> {
        Ok(ProgrammeReportJob {
            sources: self.input.sources(config),
            period: self.period.period(None)?,
            title: self.issuer.title(config),
        })
    }
}
