//! `tiendo export`: the classified task table as a Parquet warehouse.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::args::{ProgressArgs, TasksArgs};
use super::values;
use crate::config::Config;
use crate::model::Basis;
use crate::pipeline::ExportJob;

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    /// Thư mục ghi Parquet (mỗi năm một thư mục con year=YYYY)
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Đầu ra")]
    parquet: PathBuf,
    /// Ngày đánh giá trạng thái của mọi nhiệm vụ (yyyy-mm-dd)
    #[arg(long, value_name = "NGÀY", value_parser = values::day, help_heading = "Kỳ báo cáo")]
    as_of: NaiveDate,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl ExportArgs {
    pub fn job(&self, config: &Config) -> ExportJob {
        ExportJob {
            sources: self.tasks.sources(Basis::Assigned, &self.progress, config),
            as_of: self.as_of,
            restating: self.tasks.restating(),
            dir: self.parquet.clone(),
        }
    }
}
