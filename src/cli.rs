//! The command line: clap parses raw arguments, [`Options`] validates them once into typed
//! values (periods, cut-offs, judging), and each command calls the pipeline and a renderer.
//! Help and errors are Vietnamese.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::classify::Judging;
use crate::model::{Basis, Period, ReportMeta};
use crate::normalize::Texts;
use crate::output::Format;
use crate::pipeline::{self, By, Loaded, Sources, Structure};
use crate::vn_number::Rounding;
use crate::{assemble, period};

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
    pub command: Command,
    /// Tệp cấu hình (mặc định: tiendo.toml trong thư mục hiện tại, nếu có)
    #[arg(long, global = true, value_name = "TỆP", help_heading = "Khác")]
    pub config: Option<PathBuf>,
    /// In hướng dẫn sử dụng
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help_heading = "Khác")]
    help: Option<bool>,
    /// In số phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help_heading = "Khác")]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// In số liệu theo cơ quan, nhóm, khối thi đua hoặc lãnh đạo giao
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo figures <ĐẦU_VÀO>... --period <KỲ> [--as-of <NGÀY>] [--agencies <TỆP>] [--by <THEO>] [--format <ĐỊNH_DẠNG>]")]
    Figures(FiguresArgs),
    /// Ghi báo cáo Excel (và PDF) vào thư mục báo cáo
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo report <ĐẦU_VÀO>... --period <KỲ> [--as-of <NGÀY>] [--agencies <TỆP>] [--out <THƯ_MỤC>] [TÙY_CHỌN]")]
    Report(ReportArgs),
    /// Kiểm tra dữ liệu: dòng bị loại, trùng lặp, cơ quan lạ, trạng thái mâu thuẫn
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo check <ĐẦU_VÀO>... [--agencies <TỆP>]")]
    Check(CheckArgs),
    /// Chấm điểm, xếp hạng thi đua theo khối và toàn tỉnh
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo rank <ĐẦU_VÀO>... --period <KỲ> [--as-of <NGÀY>] [--agencies <TỆP>] [--rules <TỆP|TÊN>] [--manual-points <TỆP>]")]
    Rank(RankArgs),
    /// In bản tin họp: các đoạn tổng hợp và danh sách ngắn (văn bản hoặc markdown)
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo brief <ĐẦU_VÀO>... --period <KỲ> [--as-of <NGÀY> | --meeting <NGÀY>] [--agencies <TỆP>] [--format text|markdown]")]
    Brief(BriefArgs),
    /// So sánh qua các năm (cả năm, 6 tháng, hoặc cắt cùng một ngày mỗi năm)
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo trend <ĐẦU_VÀO>... --years <NĂM..NĂM> [--half 1|2] [--as-of-day <MM-DD>] [--agencies <TỆP>] [--by <THEO>] [--as-then]")]
    Trend(TrendArgs),
    /// Xuất bảng nhiệm vụ đã phân loại ra Parquet, chia thư mục theo năm giao
    #[command(help_template = HELP_TEMPLATE, override_usage = "tiendo export <ĐẦU_VÀO>... --parquet <THƯ_MỤC> --as-of <NGÀY> [--agencies <TỆP>]")]
    Export(ExportArgs),
}

/// Inputs and how to read them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Tệp hoặc thư mục danh sách nhiệm vụ (.xlsx, .xls, .ods, .csv)
    #[arg(required = true, value_name = "ĐẦU_VÀO", help_heading = "Đầu vào")]
    pub inputs: Vec<PathBuf>,
    /// Danh mục cơ quan (.xlsx hoặc .csv): tên chuẩn, nhóm, khối thi đua, tên gọi khác, sáp nhập
    #[arg(long, value_name = "TỆP", help_heading = "Đầu vào")]
    pub agencies: Option<PathBuf>,
    /// Bỏ qua tệp không đọc được (ghi vào sheet Kiểm tra dữ liệu) thay vì dừng lại
    #[arg(long, help_heading = "Đầu vào")]
    pub skip_unreadable: bool,
    /// Hạn dùng để đánh giá: extended (hạn sau gia hạn, mặc định) hoặc original (hạn ban đầu)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = DeadlineChoice::Extended, value_name = "HẠN", help_heading = "Cách tính")]
    pub deadline: DeadlineChoice,
    /// Giữ cơ quan như trước sắp xếp, không quy về cơ quan hợp nhất
    #[arg(long, help_heading = "Cách tính", conflicts_with = "restate_to")]
    pub as_then: bool,
    /// Quy về cơ cấu tổ chức tại ngày này (mặc định: ngày cuối kỳ báo cáo)
    #[arg(long, value_name = "NGÀY", help_heading = "Cách tính")]
    pub restate_to: Option<String>,
    /// Làm tròn tỷ lệ: round (làm tròn, mặc định) hoặc truncate (cắt bỏ, để khớp số đã công bố)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Rounding::Round, value_name = "CÁCH", help_heading = "Cách tính")]
    pub rounding: Rounding,
    /// Không hiện thanh tiến độ
    #[arg(short, long, help_heading = "Khác")]
    pub quiet: bool,
}

/// Which deadline judges a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DeadlineChoice {
    /// Hạn sau gia hạn (nếu có)
    Extended,
    /// Hạn ban đầu
    Original,
}

/// The period and cut-off.
#[derive(Args, Debug, Clone)]
pub struct PeriodArgs {
    /// Kỳ báo cáo: 2025, 2025-H1, 2025-H2, 2025-Q3, 2025-02 hoặc 2025-01-01..2025-07-06
    #[arg(long, value_name = "KỲ", help_heading = "Kỳ báo cáo")]
    pub period: String,
    /// Ngày chốt số liệu (yyyy-mm-dd hoặc dd/mm/yyyy); mặc định là ngày cuối kỳ
    #[arg(long, value_name = "NGÀY", help_heading = "Kỳ báo cáo")]
    pub as_of: Option<String>,
    /// Tính theo ngày giao (assigned, mặc định) hoặc theo hạn xử lý trong kỳ (due)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Basis::Assigned, value_name = "CÁCH", help_heading = "Kỳ báo cáo")]
    pub basis: Basis,
}

#[derive(Args, Debug)]
pub struct FiguresArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Nhóm số liệu theo: agency (cơ quan, mặc định), group (nhóm), bloc (khối thi đua), leader (lãnh đạo giao)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = By::Agency, value_name = "THEO", help_heading = "Đầu ra")]
    pub by: By,
    /// Định dạng: table (bảng, mặc định), csv, json
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Format::Table, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    pub format: Format,
}

/// Who issues the report and when (title block of NĐ 30/2020).
#[derive(Args, Debug, Clone)]
pub struct IssuerArgs {
    /// Cơ quan ban hành, dòng trên ở góc trái (mặc định: [don_vi] ten trong tiendo.toml, hoặc UBND TỈNH)
    #[arg(long, value_name = "TÊN", help_heading = "Trình bày")]
    pub issuer: Option<String>,
    /// Cơ quan ban hành, dòng dưới in đậm (mặc định: [don_vi] ten_cap_duoi, hoặc VĂN PHÒNG)
    #[arg(long, value_name = "TÊN", help_heading = "Trình bày")]
    pub issuer_sub: Option<String>,
    /// Địa danh ở dòng ngày tháng (mặc định: [don_vi] dia_danh)
    #[arg(long, value_name = "ĐỊA_DANH", help_heading = "Trình bày")]
    pub place: Option<String>,
    /// Ngày ký báo cáo; mặc định là ngày chốt số liệu
    #[arg(long, value_name = "NGÀY", help_heading = "Trình bày")]
    pub report_date: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub issuer: IssuerArgs,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Thêm sheet và trang xu hướng: so sánh N năm (kể cả năm báo cáo), cùng ngày chốt
    #[arg(long, value_name = "N", help_heading = "Đầu ra")]
    pub compare_years: Option<u32>,
    /// Thư mục ghi báo cáo (mặc định: reports)
    #[arg(
        long,
        hide_default_value = true,
        default_value = "reports",
        value_name = "THƯ_MỤC",
        help_heading = "Đầu ra"
    )]
    pub out: PathBuf,
}

/// Scoring options.
#[derive(Args, Debug, Clone)]
pub struct ScoringArgs {
    /// Quy tắc chấm điểm: tệp TOML hoặc tên bộ có sẵn (khau-tru, nd335-2025, dak-nong-2018, thua-thien-hue-2019)
    #[arg(long, value_name = "TỆP|TÊN", help_heading = "Thi đua")]
    pub rules: Option<String>,
    /// Bảng điểm chấm thủ công cho cơ quan không có nhiệm vụ (.xlsx/.csv: cột Cơ quan, Điểm)
    #[arg(long, value_name = "TỆP", help_heading = "Thi đua")]
    pub manual_points: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RankArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Định dạng: table, csv, json
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Format::Table, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct BriefArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub issuer: IssuerArgs,
    /// Kỳ báo cáo (bản tin tháng là lũy kế từ đầu năm: --period 2025 --as-of 2025-02-21)
    #[arg(long, value_name = "KỲ", help_heading = "Kỳ báo cáo")]
    pub period: String,
    /// Ngày chốt số liệu
    #[arg(
        long,
        value_name = "NGÀY",
        conflicts_with = "meeting",
        help_heading = "Kỳ báo cáo"
    )]
    pub as_of: Option<String>,
    /// Ngày họp: số liệu chốt trước ngày họp --lead-days ngày
    #[arg(long, value_name = "NGÀY", help_heading = "Kỳ báo cáo")]
    pub meeting: Option<String>,
    /// Số ngày chốt số liệu trước ngày họp (mặc định 3)
    #[arg(
        long,
        default_value_t = 3,
        hide_default_value = true,
        value_name = "SỐ_NGÀY",
        help_heading = "Kỳ báo cáo"
    )]
    pub lead_days: u32,
    /// Tính theo ngày giao (assigned) hoặc theo hạn xử lý (due)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Basis::Assigned, value_name = "CÁCH", help_heading = "Kỳ báo cáo")]
    pub basis: Basis,
    /// Định dạng: text (văn bản thường) hoặc markdown
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = crate::brief::BriefFormat::Text, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    pub format: crate::brief::BriefFormat,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Args, Debug)]
pub struct TrendArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Các năm, ví dụ 2018..2025
    #[arg(long, value_name = "NĂM..NĂM", help_heading = "Kỳ báo cáo")]
    pub years: String,
    /// Chỉ 6 tháng đầu (1) hoặc 6 tháng cuối (2) mỗi năm
    #[arg(long, value_name = "1|2", help_heading = "Kỳ báo cáo")]
    pub half: Option<u8>,
    /// Chốt số liệu cùng một ngày mỗi năm, dạng MM-DD (ví dụ 12-14)
    #[arg(long, value_name = "MM-DD", help_heading = "Kỳ báo cáo")]
    pub as_of_day: Option<String>,
    /// Tính theo ngày giao (assigned) hoặc theo hạn xử lý (due)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Basis::Assigned, value_name = "CÁCH", help_heading = "Kỳ báo cáo")]
    pub basis: Basis,
    /// Nhóm số liệu theo: agency, group, bloc
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = By::Agency, value_name = "THEO", help_heading = "Đầu ra")]
    pub by: By,
    /// Định dạng: table, csv, json
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Format::Table, value_name = "ĐỊNH_DẠNG", help_heading = "Đầu ra")]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Thư mục ghi Parquet (mỗi năm một thư mục con year=YYYY)
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Đầu ra")]
    pub parquet: PathBuf,
    /// Ngày đánh giá trạng thái của mọi nhiệm vụ (yyyy-mm-dd)
    #[arg(long, value_name = "NGÀY", help_heading = "Kỳ báo cáo")]
    pub as_of: String,
}

/// Parse, run, print the error chain; exit code 2 on any error.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return crate::cli_errors::report(err),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lỗi: {err:#}");
            ExitCode::from(2)
        }
    }
}

pub fn run(mut cli: Cli) -> Result<()> {
    let config = crate::config::load(cli.config.as_deref())?;
    apply_config(&mut cli.command, config);
    match cli.command {
        Command::Figures(a) => figures(a),
        Command::Report(a) => report(a),
        Command::Check(a) => check(a),
        Command::Rank(a) => rank(a),
        Command::Brief(a) => brief(a),
        Command::Trend(a) => trend(a),
        Command::Export(a) => export(a),
    }
}

/// Fill what the command line left open from the settings file (the command line wins).
fn apply_config(command: &mut Command, config: crate::config::Config) {
    let crate::config::Config {
        don_vi,
        du_lieu,
        thi_dua,
    } = config;
    let input = match command {
        Command::Figures(a) => &mut a.input,
        Command::Report(a) => &mut a.input,
        Command::Check(a) => &mut a.input,
        Command::Rank(a) => &mut a.input,
        Command::Brief(a) => &mut a.input,
        Command::Trend(a) => &mut a.input,
        Command::Export(a) => &mut a.input,
    };
    if input.agencies.is_none() {
        input.agencies = du_lieu.danh_muc;
    }
    let (issuer, scoring) = match command {
        Command::Report(a) => (Some(&mut a.issuer), Some(&mut a.scoring)),
        Command::Brief(a) => (Some(&mut a.issuer), None),
        Command::Rank(a) => (None, Some(&mut a.scoring)),
        _ => (None, None),
    };
    if let Some(i) = issuer {
        i.issuer = i.issuer.take().or(don_vi.ten);
        i.issuer_sub = i.issuer_sub.take().or(don_vi.ten_cap_duoi);
        i.place = i.place.take().or(don_vi.dia_danh);
    }
    if let Some(sc) = scoring {
        sc.rules = sc.rules.take().or(thi_dua.quy_tac);
        sc.manual_points = sc.manual_points.take().or(thi_dua.diem_thu_cong);
    }
}

fn sources(a: &InputArgs, basis: Basis, texts: Texts) -> Sources {
    Sources {
        texts,
        inputs: a.inputs.clone(),
        agencies: a.agencies.clone(),
        skip_unreadable: a.skip_unreadable,
        judging: Judging {
            basis,
            on_original_deadline: a.deadline == DeadlineChoice::Original,
        },
        show_progress: !a.quiet,
    }
}

/// Validate the period arguments into a [`Period`].
pub fn parse_period(p: &PeriodArgs) -> Result<Period> {
    let as_of = p.as_of.as_deref().map(period::parse_day).transpose()?;
    Ok(period::parse(&p.period, as_of)?)
}

/// The structure tasks are reported under for a view ending on `end`.
pub fn structure(input: &InputArgs, end: NaiveDate) -> Result<Structure> {
    if input.as_then {
        return Ok(Structure::AsThen);
    }
    Ok(Structure::AsOf(restate_to(input)?.unwrap_or(end)))
}

fn restate_to(input: &InputArgs) -> Result<Option<NaiveDate>> {
    Ok(input
        .restate_to
        .as_deref()
        .map(period::parse_day)
        .transpose()?)
}

/// Read everything once, keeping the task texts asked for: none for figures, rank and trend;
/// those of the period for a report; all for briefs, checks and exports.
fn load(input: &InputArgs, basis: Basis, texts: Texts) -> Result<Loaded> {
    pipeline::load(&sources(input, basis, texts)).context("không đọc được dữ liệu đầu vào")
}

fn key_header(by: By) -> &'static str {
    match by {
        By::Agency => "Cơ quan, đơn vị",
        By::Group => "Nhóm cơ quan",
        By::Bloc => "Khối thi đua",
        By::Leader => "Lãnh đạo giao",
    }
}

fn figures(a: FiguresArgs) -> Result<()> {
    let period = parse_period(&a.period)?;
    let loaded = load(&a.input, a.period.basis, Texts::None)?;
    let started = std::time::Instant::now();
    let view = pipeline::view(
        &loaded,
        &period,
        structure(&a.input, period.effective_end())?,
    );
    let f = pipeline::figures(&loaded, &view, a.by)?;
    pipeline::timing("phân loại và tổng hợp", started);
    let text = match a.format {
        Format::Json => serde_json::to_string_pretty(&crate::output::json_figures(&f))? + "\n",
        Format::Csv => crate::output::csv_figures(&f, key_header(a.by), a.input.rounding)?,
        Format::Table => crate::output::table_figures(&f, key_header(a.by), a.input.rounding),
    };
    print!("{text}");
    exit_without_freeing(loaded);
    Ok(())
}

/// The process ends right after this: freeing a million tasks one by one only costs time
/// (the system reclaims the memory at exit).
fn exit_without_freeing(loaded: Loaded) {
    std::mem::forget(loaded);
}

/// Title-block data from the options (never from the clock).
pub fn meta(
    issuer: &IssuerArgs,
    period: &Period,
    previous: Option<Period>,
    basis: Basis,
    rounding: Rounding,
) -> Result<ReportMeta> {
    let report_date = match &issuer.report_date {
        Some(d) => period::parse_day(d)?,
        None => period.effective_end(),
    };
    Ok(ReportMeta {
        issuer: issuer
            .issuer
            .clone()
            .unwrap_or_else(|| "UBND TỈNH".to_string()),
        issuer_sub: issuer
            .issuer_sub
            .clone()
            .unwrap_or_else(|| "VĂN PHÒNG".to_string()),
        place: issuer.place.clone().unwrap_or_default(),
        report_date,
        period: period.clone(),
        previous,
        basis,
        rounding,
    })
}

fn report(a: ReportArgs) -> Result<()> {
    let period = parse_period(&a.period)?;
    // The report lists the tasks of its period only: no other task keeps its texts.
    let texts = Texts::of_period(&period, a.period.basis);
    let loaded = load(&a.input, a.period.basis, texts)?;
    let structure = structure(&a.input, period.effective_end())?;
    let last_year = period::same_period_last_year(&period);
    let before = assemble::previous_counts(&loaded, &last_year, structure)?;
    let current = pipeline::view(&loaded, &period, structure);
    let meta = meta(
        &a.issuer,
        &period,
        Some(last_year),
        a.period.basis,
        a.input.rounding,
    )?;
    let started = std::time::Instant::now();
    let mut report = assemble::build(&loaded, &current, Some(before), meta)?;
    if a.scoring.rules.is_some() || a.scoring.manual_points.is_some() {
        report.ranking = Some(ranking(&loaded, &current, &a.scoring)?);
    }
    if let Some(years) = a.compare_years.filter(|n| *n > 1) {
        let periods = crate::trend::trailing(&period, years);
        let all = crate::trend::figures(&loaded, &periods, structure, By::Group)?;
        report.trend = Some(crate::trend::points(&all));
    }
    drop(current);
    pipeline::timing("dựng báo cáo", started);
    let stem = report_stem(&period);
    let started = std::time::Instant::now();
    // The workbook and the PDF do not depend on each other: drawn side by side. The loaded
    // tasks (the report shares their texts) are freed first, while the workbook is started:
    // the PDF and the workbook then reuse their memory.
    let (xlsx, pdf) = rayon::join(
        || crate::render::xlsx::workbook_bytes(&report),
        || {
            drop(loaded);
            let started = std::time::Instant::now();
            let pdf = crate::render::pdf::pdf_bytes(&report);
            pipeline::timing("PDF", started);
            pdf
        },
    );
    let xlsx = xlsx.context("không tạo được báo cáo Excel")?;
    let pdf = pdf.context("không tạo được báo cáo PDF")?;
    pipeline::timing("vẽ Excel và PDF", started);
    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("không tạo được thư mục «{}»", a.out.display()))?;
    for (ext, bytes) in [("xlsx", xlsx), ("pdf", pdf)] {
        let path = a.out.join(format!("{stem}.{ext}"));
        write_atomic(&path, &bytes)?;
        println!("{}", path.display());
    }
    // The process ends here: a million task lines need not be freed one by one.
    std::mem::forget(report);
    Ok(())
}

/// `bao-cao-2025-H1`, `bao-cao-2025-den-2025-02-21` for a year-to-date cut-off.
pub fn report_stem(period: &Period) -> String {
    let label = period.label.replace("..", "_den_");
    match period.as_of {
        Some(c) if c < period.end => format!("bao-cao-{label}-den-{c}"),
        _ => format!("bao-cao-{label}"),
    }
}

/// Write to a temporary file in the same folder, then rename: a failed run never leaves a
/// half-written report.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
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

fn check(a: CheckArgs) -> Result<()> {
    let loaded = load(&a.input, Basis::Assigned, Texts::All)?;
    print!("{}", crate::output::check_text(&loaded));
    Ok(())
}

fn trend(a: TrendArgs) -> Result<()> {
    let (first_year, last_year) = crate::trend::parse_years(&a.years)?;
    let as_of_day = a
        .as_of_day
        .as_deref()
        .map(crate::trend::parse_day)
        .transpose()?;
    let periods = crate::trend::periods(crate::trend::TrendSpec {
        first_year,
        last_year,
        half: a.half,
        as_of_day,
    })?;
    let loaded = load(&a.input, a.basis, Texts::None)?;
    let structure = crate::trend::structure(a.input.as_then, restate_to(&a.input)?, &periods);
    let all = crate::trend::figures(&loaded, &periods, structure, a.by)?;
    let text = match a.format {
        Format::Json => {
            serde_json::to_string_pretty(
                &all.iter()
                    .map(crate::output::json_figures)
                    .collect::<Vec<_>>(),
            )? + "\n"
        }
        Format::Csv => crate::output::csv_trend(&all, key_header(a.by), a.input.rounding)?,
        Format::Table => crate::output::table_trend(&all, key_header(a.by), a.input.rounding),
    };
    print!("{text}");
    Ok(())
}

fn export(a: ExportArgs) -> Result<()> {
    let as_of = period::parse_day(&a.as_of)?;
    let loaded = load(&a.input, Basis::Assigned, Texts::All)?;
    let structure = structure(&a.input, as_of)?;
    for path in crate::export::write_parquet(&loaded, as_of, structure, &a.parquet)? {
        println!("{}", path.display());
    }
    Ok(())
}

/// The cut-off of a brief: `--as-of`, or `--meeting` minus the lead days.
fn brief_cut_off(a: &BriefArgs) -> Result<Option<NaiveDate>> {
    if let Some(meeting) = &a.meeting {
        let day = period::parse_day(meeting)?;
        return Ok(Some(day - chrono::Duration::days(i64::from(a.lead_days))));
    }
    Ok(a.as_of.as_deref().map(period::parse_day).transpose()?)
}

fn brief(a: BriefArgs) -> Result<()> {
    let period = period::parse(&a.period, brief_cut_off(&a)?)?;
    let loaded = load(&a.input, a.basis, Texts::All)?;
    let structure = structure(&a.input, period.effective_end())?;
    let last_year = period::same_period_last_year(&period);
    let before = assemble::previous_counts(&loaded, &last_year, structure)?;
    let current = pipeline::view(&loaded, &period, structure);
    let meta = meta(
        &a.issuer,
        &period,
        Some(last_year),
        a.basis,
        a.input.rounding,
    )?;
    let report = assemble::build(&loaded, &current, Some(before), meta)?;
    println!("{}", crate::brief::brief(&report, a.format));
    Ok(())
}

/// A rule file path, or a preset name; the built-in default without `--rules`.
fn rules(arg: Option<&str>) -> Result<crate::score::RuleSet> {
    let Some(arg) = arg else {
        return Ok(crate::score::default_rules());
    };
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("không đọc được tệp quy tắc «{arg}»"))?;
        return Ok(crate::score::parse_rules(&text, arg)?);
    }
    crate::score::preset(arg).ok_or_else(|| {
        anyhow::anyhow!(
            "«{arg}» không phải tệp quy tắc có sẵn, cũng không phải tên bộ quy tắc; các bộ có sẵn: {}",
            crate::score::preset_names().join(", ")
        )
    })
}

fn manual_points(path: Option<&Path>) -> Result<Vec<(String, f64)>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let sheets = crate::ingest::read_file(path)
        .with_context(|| format!("không đọc được bảng điểm thủ công «{}»", path.display()))?;
    let rows: Vec<Vec<String>> = sheets
        .first()
        .map(|s| {
            s.rows
                .iter()
                .map(|r| r.iter().map(|c| c.text().unwrap_or_default()).collect())
                .collect()
        })
        .unwrap_or_default();
    Ok(crate::score::parse_manual_points(
        &rows,
        &path.display().to_string(),
    )?)
}

fn ranking(
    loaded: &Loaded,
    view: &pipeline::View,
    scoring: &ScoringArgs,
) -> Result<crate::model::Ranking> {
    let rules = rules(scoring.rules.as_deref())?;
    let manual = manual_points(scoring.manual_points.as_deref())?;
    let inputs = pipeline::score_inputs(loaded, view)?;
    let unmatched = crate::score::unmatched_manual(&inputs, &manual);
    if !unmatched.is_empty() {
        eprintln!(
            "cảnh báo: bảng điểm thủ công có tên không khớp cơ quan nào: {}",
            unmatched.join("; ")
        );
    }
    Ok(crate::score::rank(&inputs, &rules, &manual))
}

fn rank(a: RankArgs) -> Result<()> {
    let period = parse_period(&a.period)?;
    let loaded = load(&a.input, a.period.basis, Texts::None)?;
    let view = pipeline::view(
        &loaded,
        &period,
        structure(&a.input, period.effective_end())?,
    );
    let ranking = ranking(&loaded, &view, &a.scoring)?;
    let text = match a.format {
        Format::Json => serde_json::to_string_pretty(&ranking)? + "\n",
        Format::Csv => crate::output::csv_ranking(&ranking)?,
        Format::Table => crate::output::table_ranking(&ranking, &period),
    };
    print!("{text}");
    Ok(())
}
