//! `tiendo-gen`: the deterministic data generator. It invents a fictional province's tasks
//! (a latent task list), writes them as the messy files real offices produce, and computes the
//! figures a correct tool must report from the latent list itself — independent of the
//! `tiendo` library, which it is the ground truth for.
//!
//! - `tiendo-gen sample --out sample-data`: directory, 5-year iOFFICE export, hand-kept sheet,
//!   `expected.json`, the 2024–2025 work programme with `expected-programme.json`, and the
//!   README that lists every planted quirk;
//! - `tiendo-gen bench --rows-per-file 100000 --files 2 --out bench-data/200k`: large clean
//!   exports for timing, with their directory and `expected.json`.

mod bench;
mod directory;
mod hand_sheet;
mod ioffice;
mod planted;
mod programme;
mod programme_truth;
mod readme;
mod rng;
mod sample;
mod tasks;
mod textforms;
mod truth;
mod vocab;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use rust_xlsxwriter::{DocProperties, ExcelDateTime};

#[derive(Parser)]
#[command(
    name = "tiendo-gen",
    about = "Sinh dữ liệu mẫu và dữ liệu đo hiệu năng (tất định) cho tiendo"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sinh bộ dữ liệu mẫu tỉnh Bình An kèm đáp án (expected.json).
    Sample {
        /// Thư mục ghi kết quả.
        #[arg(long, default_value = "sample-data")]
        out: PathBuf,
        /// Hạt giống của bộ sinh số ngẫu nhiên.
        #[arg(long, default_value_t = sample::DEFAULT_SEED)]
        seed: u64,
    },
    /// Sinh các tệp lớn để đo hiệu năng, kèm danh mục cơ quan và expected.json năm 2025.
    Bench {
        /// Số dòng nhiệm vụ mỗi tệp.
        #[arg(long, default_value_t = 100_000)]
        rows_per_file: usize,
        /// Số tệp.
        #[arg(long, default_value_t = 2)]
        files: usize,
        /// Thư mục ghi kết quả.
        #[arg(long, default_value = "bench-data/200k")]
        out: PathBuf,
        /// Hạt giống của bộ sinh số ngẫu nhiên.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

/// Workbook properties with a fixed creation date, so that output is byte-identical run after
/// run (rust_xlsxwriter otherwise stamps the current time into docProps/core.xml).
pub fn fixed_properties(title: &str) -> Result<DocProperties> {
    let created = ExcelDateTime::from_ymd(2025, 12, 31)?;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("Văn phòng UBND tỉnh Bình An")
        .set_creation_datetime(&created))
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Sample { out, seed } => {
            let summary = sample::run(&out, seed)?;
            print!("{summary}");
        }
        Command::Bench {
            rows_per_file,
            files,
            out,
            seed,
        } => {
            let result = bench::run(&out, rows_per_file, files, seed)?;
            for (name, rows) in &result.files {
                println!("{}: {rows} dòng", out.join(name).display());
            }
            let t = &result.expected.total;
            println!(
                "2025: tổng {} = hoàn thành {} (đúng hạn {}, quá hạn {}) + chưa hoàn thành {} (trong hạn {}, quá hạn {})",
                t.total, t.completed, t.on_time, t.late, t.not_completed, t.within, t.overdue
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lỗi: {err:#}");
            ExitCode::from(2)
        }
    }
}
