//! `tiendo letters`: one urging letter (công văn đôn đốc) per agency with overdue or
//! coming-due tasks at the cut-off, as Word and PDF, and one PDF of them all.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::args::{IssuerArgs, OutArgs, PeriodArgs, ProgressArgs, TasksArgs};
use super::values;
use crate::config::Config;
use crate::model::Sender;
use crate::pipeline::LettersJob;

#[derive(Args, Debug)]
pub struct LettersArgs {
    #[command(flatten)]
    tasks: TasksArgs,
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    issuer: IssuerArgs,
    /// Hạn gửi báo cáo giải trình (mặc định: 7 ngày sau ngày chốt số liệu)
    #[arg(long, value_name = "NGÀY", value_parser = values::day, help_heading = "Trình bày")]
    reply_by: Option<NaiveDate>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl LettersArgs {
    pub fn job(&self, config: &Config) -> Result<LettersJob> {
        let (sources, period, restating) =
            self.tasks
                .for_period(&self.period, &self.progress, config)?;
        let title = self.issuer.title(config);
        Ok(LettersJob {
            sources,
            period,
            restating,
            sender: sender(config, title.sign()),
            title,
            reply_by: self.reply_by,
        })
    }
}

/// `[cong_van]` of tiendo.toml, with what an Office's letter says when it is not given: the
/// sign of the issuing body (`[don_vi] ky_hieu`), «Văn phòng UBND tỉnh», signed by the
/// «CHÁNH VĂN PHÒNG», sent to the addressee and kept on file («Như trên», «Lưu: VT»).
fn sender(config: &Config, issuer_sign: &str) -> Sender {
    let c = &config.cong_van;
    Sender {
        sign: c.so_hieu.clone().unwrap_or_else(|| issuer_sign.to_string()),
        name: c
            .co_quan_gui
            .clone()
            .unwrap_or_else(|| "Văn phòng UBND tỉnh".to_string()),
        signer_title: c
            .chuc_danh_ky
            .clone()
            .unwrap_or_else(|| vec!["CHÁNH VĂN PHÒNG".to_string()]),
        signer: c.nguoi_ky.clone(),
        recipients: c
            .noi_nhan
            .clone()
            .unwrap_or_else(|| vec!["Như trên".to_string(), "Lưu: VT".to_string()]),
    }
}
