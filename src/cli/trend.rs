//! `tiendo trend`: the same figures over several years.

use anyhow::Result;
use clap::Args;

use super::args::{BasisArgs, ByArgs, FormatArgs, ProgressArgs, RoundingArgs, TasksArgs};
use super::values;
use crate::config::Config;
use crate::period::{self, TrendSpec};
use crate::pipeline::TrendJob;

#[derive(Args, Debug)]
pub struct TrendArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    /// Các năm, ví dụ 2018..2025
    #[arg(long, value_name = "NĂM..NĂM", value_parser = values::years, help_heading = "Kỳ báo cáo")]
    years: (i32, i32),
    /// Chỉ 6 tháng đầu (1) hoặc 6 tháng cuối (2) mỗi năm
    #[arg(long, value_name = "1|2", value_parser = values::half, help_heading = "Kỳ báo cáo")]
    half: Option<u8>,
    /// Chốt số liệu cùng một ngày mỗi năm, dạng MM-DD (ví dụ 12-14)
    #[arg(long, value_name = "MM-DD", value_parser = values::day_of_year, help_heading = "Kỳ báo cáo")]
    as_of_day: Option<(u32, u32)>,
    #[command(flatten)]
    basis: BasisArgs,
    #[command(flatten)]
    rounding: RoundingArgs,
    #[command(flatten)]
    by: ByArgs,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl TrendArgs {
    pub fn job(&self, config: &Config) -> Result<TrendJob> {
        let periods = period::periods(TrendSpec {
            first_year: self.years.0,
            last_year: self.years.1,
            half: self.half,
            as_of_day: self.as_of_day,
        })?;
        Ok(TrendJob {
            sources: self.tasks.sources(self.basis.basis, &self.progress, config),
            periods,
            restating: self.tasks.restating(),
            by: self.by.by,
            format: self.format.format,
            rounding: self.rounding.rounding,
        })
    }
}
