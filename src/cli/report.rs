//! `tiendo report`: the workbook, the PDF and the Word document of a period.

use anyhow::Result;
use clap::Args;

use super::args::{
    IssuerArgs, OutArgs, PeriodArgs, ProgressArgs, RoundingArgs, ScoringArgs, TasksArgs,
};
use crate::config::Config;
use crate::pipeline::ReportJob;

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    tasks: TasksArgs,
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
        let (sources, period, restating) =
            self.tasks
                .for_period(&self.period, &self.progress, config)?;
        Ok(ReportJob {
            sources,
            period,
            restating,
            title: self.issuer.title(config),
            rounding: self.rounding.rounding,
            scoring: self.scoring.scoring(config),
            compare_years: self.compare_years,
        })
    }
}
