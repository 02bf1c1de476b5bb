//! `tiendo changes`: what changed between two cut-offs, or in one ISO week.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use clap::Args;

use super::args::{ByArgs, ProgressArgs, TasksArgs};
use super::values;
use crate::config::Config;
use crate::model::Basis;
use crate::pipeline::ChangesJob;
use crate::render::changes::ChangesFormat;

#[derive(Args, Debug)]
pub struct ChangesArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    /// Ngày chốt lần trước (D1): tính các thay đổi sau ngày này
    #[arg(long, value_name = "NGÀY", value_parser = values::day, required_unless_present = "week", requires = "to", help_heading = "Kỳ theo dõi")]
    from: Option<NaiveDate>,
    /// Ngày chốt lần này (D2), tính cả ngày này
    #[arg(long, value_name = "NGÀY", value_parser = values::day, requires = "from", help_heading = "Kỳ theo dõi")]
    to: Option<NaiveDate>,
    /// Một tuần theo ISO, ví dụ 2025-W48 (thứ Hai đến Chủ nhật): thay cho --from/--to
    #[arg(long, value_name = "TUẦN", value_parser = values::iso_week, conflicts_with_all = ["from", "to"], help_heading = "Kỳ theo dõi")]
    week: Option<(NaiveDate, NaiveDate)>,
    #[command(flatten)]
    by: ByArgs,
    /// Định dạng: table (bảng, mặc định), csv, json, markdown
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = ChangesFormat::Table, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    format: ChangesFormat,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl ChangesArgs {
    pub fn job(&self, config: &Config) -> Result<ChangesJob> {
        let (from, to, week) = match (self.week, self.from, self.to) {
            // A week (Monday..Sunday) is the window (Sunday before, Sunday].
            (Some((monday, sunday)), _, _) => {
                let iso = monday.iso_week();
                let label = format!("Tuần {}/{}", iso.week(), iso.year());
                (monday.pred_opt().unwrap_or(monday), sunday, Some(label))
            }
            (None, Some(from), Some(to)) => (from, to, None),
            _ => anyhow::bail!("cần --from và --to, hoặc --week"),
        };
        Ok(ChangesJob {
            sources: self.tasks.sources(Basis::Assigned, &self.progress, config),
            from,
            to,
            week,
            restating: self.tasks.restating(),
            by: self.by.by,
            format: self.format,
        })
    }
}
