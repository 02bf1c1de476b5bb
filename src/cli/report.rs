//! `tiendo report`: the workbook, the PDF and the Word document of a period.

use anyhow::Result;
use clap::Args;

use super::args::{
    InputArgs, IssuerArgs, JudgingArgs, OutArgs, PeriodArgs, ProgressArgs, RoundingArgs,
    ScoringArgs, StructureArgs,
};
use crate::config::Config;
use crate::pipeline::ReportJob;

#[derive(Args, Debug)]
pub struct ReportArgs {
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
    issuer: IssuerArgs,
    #[command(flatten)]
    scoring: ScoringArgs,
    /// Thêm sheet và trang xu hướng: so sánh N năm (kể cả năm báo cáo), cùng ngày chốt
    #[arg(long, value_name = "N", help_heading = "Đầu ra")]
    compare_years: Option<u32>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl ReportArgs {
    pub fn job(&self, config: &Config) -> Result<ReportJob> {
        Ok(ReportJob {
            sources: self.input.sources(
                &self.judging,
                self.period.basis.basis,
                &self.progress,
                config,
            ),
            period: self.period.period(None)?,
            restating: self.structure.restating(),
            title: self.issuer.title(config),
            rounding: self.rounding.rounding,
            scoring: self.scoring.scoring(config),
            compare_years: self.compare_years,
        })
    }
}
