//! `tiendo programme`: one period's figures of the work programme by agency, group or leader.

use anyhow::Result;
use clap::Args;

use super::args::{CutOffArgs, FormatArgs, ProgrammeInputArgs};
use crate::config::Config;
use crate::model::ProgrammeBy;
use crate::pipeline::ProgrammeJob;

#[derive(Args, Debug)]
pub struct ProgrammeArgs {
    #[command(flatten)]
    input: ProgrammeInputArgs,
    #[command(flatten)]
    period: CutOffArgs,
    /// Nhóm số liệu theo: agency (cơ quan chủ trì, mặc định), group (nhóm cơ quan), leader (lãnh đạo phụ trách)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = ProgrammeBy::Agency, value_name = "THEO", help_heading = "Đầu ra")]
    by: ProgrammeBy,
    #[command(flatten)]
    format: FormatArgs,
}

impl ProgrammeArgs {
    pub fn job(&self, config: &Config) -> Result<ProgrammeJob> {
        Ok(ProgrammeJob {
            sources: self.input.sources(config),
            period: self.period.period(None)?,
            by: self.by,
            format: self.format.format,
        })
    }
}
