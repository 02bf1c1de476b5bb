//! The command line: clap types only. Option groups shared by several commands are declared
//! once in `args` and flattened; each command is one file with its arguments and how they
//! become the pipeline's typed job options; `run` calls the job and writes or prints what it
//! returns. Help, usage and errors are Vietnamese; the usage lines are made from the
//! arguments themselves, so they cannot drift from them.

mod args;
mod board;
mod brief;
mod changes;
mod check;
mod errors;
mod export;
mod figures;
mod letters;
mod programme;
mod programme_report;
mod rank;
mod report;
mod trend;
mod values;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::pipeline::{self, Outcome};

pub use errors::explain as explain_parse_error;

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "tiendo",
    version,
    about = "tiendo — tổng hợp kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    disable_help_flag = true,
    disable_help_subcommand = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Tệp cấu hình (mặc định: tiendo.toml trong thư mục hiện tại, nếu có)
    #[arg(long, global = true, value_name = "TỆP", help_heading = "Khác")]
    config: Option<std::path::PathBuf>,
    /// In hướng dẫn sử dụng
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Khác")]
    help: Option<bool>,
    /// In số phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Khác")]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// In số liệu theo cơ quan, nhóm, khối thi đua, lãnh đạo giao, chuyên viên theo dõi hoặc phòng
    Figures(figures::FiguresArgs),
    /// Ghi báo cáo Excel, PDF và Word vào thư mục báo cáo
    Report(report::ReportArgs),
    /// Ghi công văn đôn đốc (Word và PDF) gửi từng cơ quan có nhiệm vụ quá hạn, sắp đến hạn
    Letters(letters::LettersArgs),
    /// Kiểm tra dữ liệu: dòng bị loại, trùng lặp, cơ quan lạ, trạng thái mâu thuẫn
    Check(check::CheckArgs),
    /// Chấm điểm, xếp hạng thi đua theo khối và toàn tỉnh
    Rank(rank::RankArgs),
    /// In bản tin họp: các đoạn tổng hợp và danh sách ngắn (văn bản hoặc markdown)
    Brief(brief::BriefArgs),
    /// So sánh qua các năm (cả năm, 6 tháng, hoặc cắt cùng một ngày mỗi năm)
    Trend(trend::TrendArgs),
    /// Những thay đổi giữa hai ngày chốt (giao mới, hoàn thành, mới quá hạn) cho họp giao ban tuần
    Changes(changes::ChangesArgs),
    /// Xuất kho Parquet: bảng nhiệm vụ đã phân loại theo năm giao, kèm mọi dòng đã đọc (đọc lại được làm đầu vào)
    Export(export::ExportArgs),
    /// In số liệu chương trình công tác: phải trình, đã trình, đã ban hành, chưa trình
    Programme(programme::ProgrammeArgs),
    /// Ghi báo cáo chương trình công tác (Excel, PDF và Word) vào thư mục báo cáo
    ProgrammeReport(programme_report::ProgrammeReportArgs),
    /// Ghi bảng tin tiến độ (một tệp HTML) cho màn hình ở sảnh, phòng họp hoặc điện thoại
    Board(board::BoardArgs),
}

/// The command line's definition with Vietnamese help and usage lines.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommands(|sub| {
        let usage = usage(&sub);
        sub.help_template(HELP_TEMPLATE).override_usage(usage)
    })
}

/// Parse the process's arguments.
pub fn parse() -> Result<Cli, clap::Error> {
    Cli::from_arg_matches(&command().try_get_matches()?)
}

/// `tiendo figures <ĐẦU_VÀO>... --period <KỲ> [TÙY_CHỌN]`: the positional and required
/// arguments as they are declared, then the optional ones in one word.
fn usage(sub: &clap::Command) -> String {
    let mut parts = vec![format!("tiendo {}", sub.get_name())];
    for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
        let name = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().to_string(), |v| v.to_string());
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        if arg.is_positional() {
            parts.push(format!("<{name}>{}", if many { "..." } else { "" }));
        } else if let Some(long) = arg.get_long().filter(|_| arg.is_required_set()) {
            parts.push(format!("--{long} <{name}>"));
        }
    }
    parts.push("[TÙY_CHỌN]".to_string());
    parts.join(" ")
}

/// Run one command: its job, then the files it made written into its output folder and its
/// text printed.
pub fn run(cli: Cli) -> Result<()> {
    let config = crate::config::load(cli.config.as_deref())?;
    let (outcome, out_dir) = match &cli.command {
        Command::Figures(a) => (pipeline::figures(&a.job(&config)?)?, None),
        Command::Report(a) => (pipeline::report(&a.job(&config)?)?, Some(&a.out.out)),
        Command::Letters(a) => (pipeline::letters(&a.job(&config)?)?, Some(&a.out.out)),
        Command::Check(a) => (pipeline::check(&a.job(&config))?, None),
        Command::Rank(a) => (pipeline::rank(&a.job(&config)?)?, None),
        Command::Brief(a) => (pipeline::brief(&a.job(&config)?)?, None),
        Command::Trend(a) => (pipeline::trend(&a.job(&config)?)?, None),
        Command::Changes(a) => (pipeline::changes(&a.job(&config)?)?, None),
        Command::Export(a) => (pipeline::export(&a.job(&config))?, None),
        Command::Programme(a) => (pipeline::programme(&a.job(&config)?)?, None),
        Command::ProgrammeReport(a) => (
            pipeline::programme_report(&a.job(&config)?)?,
            Some(&a.out.out),
        ),
        Command::Board(a) => (pipeline::board(&a.job(&config)?)?, Some(&a.out.out)),
    };
    deliver(outcome, out_dir.map(|p| p.as_path()))
}

/// Warnings to standard error, files into `out_dir` (each whole or not at all) with their
/// paths printed, then the text.
fn deliver(outcome: Outcome, out_dir: Option<&Path>) -> Result<()> {
    for warning in &outcome.warnings {
        eprintln!("cảnh báo: {warning}");
    }
    if !outcome.files.is_empty() {
        let dir = out_dir.unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục «{}»", dir.display()))?;
        for file in &outcome.files {
            let path = dir.join(&file.name);
            write_atomic(&path, &file.bytes)?;
            println!("{}", path.display());
        }
    }
    for path in &outcome.written {
        println!("{}", path.display());
    }
    print!("{}", outcome.text);
    std::io::stdout().flush().ok();
    // The process ends here: a million task lines need not be freed one by one.
    std::mem::forget(outcome);
    Ok(())
}

/// Write to a temporary file in the same folder, then rename: a failed run never leaves a
/// half-written report.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("không ghi được vào «{}»", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("không ghi được «{}»", path.display()))?;
    // A report is for everyone in the office to read (tempfile creates files 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path)
        .with_context(|| format!("không ghi được «{}»", path.display()))?;
    Ok(())
}
