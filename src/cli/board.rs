//! `tiendo board`: the public progress board, one self-contained HTML page.

use anyhow::Result;
use chrono::NaiveDateTime;
use clap::Args;

use super::args::{OutArgs, PeriodArgs, ProgressArgs, RoundingArgs, TasksArgs, title_from_file};
use super::values;
use crate::config::Config;
use crate::pipeline::BoardJob;

#[derive(Args, Debug)]
pub struct BoardArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    rounding: RoundingArgs,
    /// Trang tự tải lại sau mỗi N giây (cho màn hình được cập nhật theo lịch)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Trình bày")]
    refresh: Option<u32>,
    /// Thời điểm lập bảng tin ghi trên trang, ví dụ "2025-12-20 08:00" (mặc định: chỉ ghi ngày chốt số liệu)
    #[arg(long, value_name = "THỜI_ĐIỂM", value_parser = values::moment, help_heading = "Trình bày")]
    generated_at: Option<NaiveDateTime>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl BoardArgs {
    pub fn job(&self, config: &Config) -> Result<BoardJob> {
        let (sources, period, restating) =
            self.tasks
                .for_period(&self.period, &self.progress, config)?;
        Ok(BoardJob {
            sources,
            period,
            restating,
            title: title_from_file(config),
            rounding: self.rounding.rounding,
            refresh_seconds: self.refresh,
            generated_at: self.generated_at,
        })
    }
}
