//! `tiendo brief`: the meeting brief, cut at a date or a few days before the meeting.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::args::{IssuerArgs, PeriodArgs, ProgressArgs, RoundingArgs, TasksArgs};
use super::values;
use crate::config::Config;
use crate::pipeline::BriefJob;
use crate::render::words::BriefFormat;

#[derive(Args, Debug)]
pub struct BriefArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    #[command(flatten)]
    period: PeriodArgs,
    /// Ngày họp: số liệu chốt trước ngày họp --lead-days ngày
    #[arg(long, value_name = "NGÀY", value_parser = values::day, conflicts_with = "as_of", help_heading = "Kỳ báo cáo")]
    meeting: Option<NaiveDate>,
    /// Số ngày chốt số liệu trước ngày họp (mặc định 3)
    #[arg(
        long,
        default_value_t = 3,
        hide_default_value = true,
        value_name = "SỐ_NGÀY",
        help_heading = "Kỳ báo cáo"
    )]
    lead_days: u32,
    #[command(flatten)]
    rounding: RoundingArgs,
    #[command(flatten)]
    issuer: IssuerArgs,
    /// Định dạng: text (văn bản thường) hoặc markdown
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = BriefFormat::Text, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    format: BriefFormat,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl BriefArgs {
    pub fn job(&self, config: &Config) -> Result<BriefJob> {
        // The cut-off of a brief: --meeting minus the lead days, else --as-of.
        let cut_off = self
            .meeting
            .map(|day| day - chrono::Duration::days(i64::from(self.lead_days)));
        Ok(BriefJob {
            sources: self
                .tasks
                .sources(self.period.basis.basis, &self.progress, config),
            period: self.period.period(cut_off)?,
            restating: self.tasks.restating(),
            title: self.issuer.title(config),
            rounding: self.rounding.rounding,
            format: self.format,
        })
    }
}
