//! `tiendo export`: the Parquet warehouse (the classified task table by year, and every row
//! read, so that the warehouse can be read back as input).

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
    /// Thư mục kho Parquet (mỗi năm giao một thư mục con year=YYYY, kèm _left_out, _merged, _findings, _tiendo.json)
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Đầu ra")]
    parquet: PathBuf,
    /// Ngày đánh giá cột trạng thái (status) của mọi nhiệm vụ (yyyy-mm-dd); khi đọc lại kho, mọi ngày chốt khác vẫn tính được
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
