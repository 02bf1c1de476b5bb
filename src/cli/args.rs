//! The option groups several commands share, each declared once and flattened into the
//! commands that use it (a command takes only the groups it uses), and how each group turns
//! into the pipeline's typed options. Command-line values win over `tiendo.toml`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::values::{self, DeadlineChoice};
use crate::classify::Judging;
use crate::config::Config;
use crate::model::{Basis, By, Period, Restating};
use crate::pipeline::{ProgrammeSources, Scoring, Sources, Title};
use crate::render::terminal::Format;
use crate::resolve::departments::Departments;
use crate::vn_number::Rounding;

/// The task lists and the agency directory.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Tệp hoặc thư mục danh sách nhiệm vụ (.xlsx, .xls, .ods, .csv), hoặc kho Parquet do `tiendo export --parquet` ghi (một hay nhiều kho, hoặc thư mục chứa các kho)
    #[arg(required = true, value_name = "ĐẦU_VÀO", help_heading = "Đầu vào")]
    pub inputs: Vec<PathBuf>,
    /// Danh mục cơ quan (.xlsx hoặc .csv): tên chuẩn, nhóm, khối thi đua, tên gọi khác, sáp nhập
    #[arg(long, value_name = "TỆP", help_heading = "Đầu vào")]
    pub agencies: Option<PathBuf>,
    /// Bỏ qua tệp không đọc được (ghi vào sheet Kiểm tra dữ liệu) thay vì dừng lại
    #[arg(long, help_heading = "Đầu vào")]
    pub skip_unreadable: bool,
}

/// The work programme's lists and the agency directory.
#[derive(Args, Debug, Clone)]
pub struct ProgrammeInputArgs {
    /// Tệp hoặc thư mục chương trình công tác (.xlsx, .xls, .ods, .csv)
    #[arg(required = true, value_name = "ĐẦU_VÀO", help_heading = "Đầu vào")]
    pub inputs: Vec<PathBuf>,
    /// Danh mục cơ quan (.xlsx hoặc .csv): tên chuẩn, nhóm, tên gọi khác, sáp nhập
    #[arg(long, value_name = "TỆP", help_heading = "Đầu vào")]
    pub agencies: Option<PathBuf>,
}

impl ProgrammeInputArgs {
    /// What to read; the directory from `tiendo.toml` when the command line names none.
    pub fn sources(&self, config: &Config) -> ProgrammeSources {
        ProgrammeSources {
            inputs: self.inputs.clone(),
            agencies: self
                .agencies
                .clone()
                .or_else(|| config.du_lieu.danh_muc.clone()),
        }
    }
}

/// Whether a progress bar is shown (flattened last: its heading «Khác» ends the help).
#[derive(Args, Debug, Clone)]
pub struct ProgressArgs {
    /// Không hiện thanh tiến độ
    #[arg(short, long, help_heading = "Khác")]
    pub quiet: bool,
}

/// Which deadline judges a task.
#[derive(Args, Debug, Clone)]
pub struct JudgingArgs {
    /// Hạn dùng để đánh giá: extended (hạn sau gia hạn, mặc định) hoặc original (hạn ban đầu)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = DeadlineChoice::Extended, value_name = "HẠN", help_heading = "Cách tính")]
    pub deadline: DeadlineChoice,
}

impl InputArgs {
    /// What to read, how to judge, on which basis; the directory from `tiendo.toml` when the
    /// command line names none.
    pub fn sources(
        &self,
        judging: &JudgingArgs,
        basis: Basis,
        progress: &ProgressArgs,
        config: &Config,
    ) -> Sources {
        Sources {
            inputs: self.inputs.clone(),
            agencies: self
                .agencies
                .clone()
                .or_else(|| config.du_lieu.danh_muc.clone()),
            skip_unreadable: self.skip_unreadable,
            judging: Judging {
                basis,
                on_original_deadline: judging.deadline == DeadlineChoice::Original,
                not_updated_days: config.du_lieu.not_updated_days(),
            },
            departments: departments(&config.phong),
            show_progress: !progress.quiet,
        }
    }
}

/// The Office's list of officers by department from `[phong]` (an officer under two
/// departments was refused when the file was read).
fn departments(list: &[crate::config::Department]) -> Departments {
    let mut out = Departments::default();
    for department in list {
        out.department(&department.name);
        for officer in &department.officers {
            // Cannot conflict: `config` refused an officer listed under two departments.
            let _ = out.add(&department.name, officer);
        }
    }
    out
}

/// What every task command reads and how it judges: the inputs, the deadline, the structure.
#[derive(Args, Debug, Clone)]
pub struct TasksArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub judging: JudgingArgs,
    #[command(flatten)]
    pub structure: StructureArgs,
}

impl TasksArgs {
    /// What to read on `basis`, and the structure to report under.
    pub fn sources(&self, basis: Basis, progress: &ProgressArgs, config: &Config) -> Sources {
        self.input.sources(&self.judging, basis, progress, config)
    }

    pub fn restating(&self) -> Restating {
        self.structure.restating()
    }

    /// What a one-period command needs: the sources on the period's basis, the period cut
    /// at `--as-of`, the structure.
    pub fn for_period(
        &self,
        period: &PeriodArgs,
        progress: &ProgressArgs,
        config: &Config,
    ) -> anyhow::Result<(Sources, Period, Restating)> {
        Ok((
            self.sources(period.basis.basis, progress, config),
            period.period(None)?,
            self.restating(),
        ))
    }
}

/// Which agency structure the tasks are reported under (SPEC 4.6).
#[derive(Args, Debug, Clone)]
pub struct StructureArgs {
    /// Giữ cơ quan như trước sắp xếp, không quy về cơ quan hợp nhất
    #[arg(long, help_heading = "Cách tính", conflicts_with = "restate_to")]
    pub as_then: bool,
    /// Quy về cơ cấu tổ chức tại ngày này (mặc định: ngày cuối kỳ báo cáo)
    #[arg(long, value_name = "NGÀY", value_parser = values::day, help_heading = "Cách tính")]
    pub restate_to: Option<NaiveDate>,
}

impl StructureArgs {
    pub fn restating(&self) -> Restating {
        match (self.as_then, self.restate_to) {
            (true, _) => Restating::AsThen,
            (false, Some(day)) => Restating::To(day),
            (false, None) => Restating::ToEnd,
        }
    }
}

/// Which date puts a task in a period.
#[derive(Args, Debug, Clone)]
pub struct BasisArgs {
    /// Tính theo ngày giao (assigned, mặc định) hoặc theo hạn xử lý trong kỳ (due)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Basis::Assigned, value_name = "CÁCH", help_heading = "Kỳ báo cáo")]
    pub basis: Basis,
}

/// The period and its cut-off, without a basis (the work programme places its items by
/// their deadline).
#[derive(Args, Debug, Clone)]
pub struct CutOffArgs {
    /// Kỳ báo cáo: 2025, 2025-H1, 2025-H2, 2025-Q3, 2025-02 hoặc 2025-01-01..2025-07-06 (bản tin tháng là lũy kế từ đầu năm: --period 2025 --as-of 2025-02-21)
    #[arg(long, value_name = "KỲ", value_parser = values::period_label, help_heading = "Kỳ báo cáo")]
    pub period: Period,
    /// Ngày chốt số liệu (yyyy-mm-dd hoặc dd/mm/yyyy); mặc định là ngày cuối kỳ
    #[arg(long, value_name = "NGÀY", value_parser = values::day, help_heading = "Kỳ báo cáo")]
    pub as_of: Option<NaiveDate>,
}

impl CutOffArgs {
    /// The period cut at `--as-of` (or at `cut_off` when the command works it out itself).
    pub fn period(&self, cut_off: Option<NaiveDate>) -> anyhow::Result<Period> {
        Ok(crate::period::with_cut_off(
            self.period.clone(),
            cut_off.or(self.as_of),
        )?)
    }
}

/// The period, its cut-off, and the date that puts a task in it.
#[derive(Args, Debug, Clone)]
pub struct PeriodArgs {
    #[command(flatten)]
    pub cut: CutOffArgs,
    #[command(flatten)]
    pub basis: BasisArgs,
}

impl PeriodArgs {
    /// The period cut at `--as-of` (or at `cut_off` when the command works it out itself).
    pub fn period(&self, cut_off: Option<NaiveDate>) -> anyhow::Result<Period> {
        self.cut.period(cut_off)
    }
}

/// How rates are rounded.
#[derive(Args, Debug, Clone)]
pub struct RoundingArgs {
    /// Làm tròn tỷ lệ: round (làm tròn, mặc định) hoặc truncate (cắt bỏ, để khớp số đã công bố)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = Rounding::Round, value_name = "CÁCH", help_heading = "Cách tính")]
    pub rounding: Rounding,
}

/// What the rows of a figures table are keyed by.
#[derive(Args, Debug, Clone)]
pub struct ByArgs {
    /// Nhóm số liệu theo: agency (cơ quan, mặc định), group (nhóm), bloc (khối thi đua), leader (lãnh đạo giao), officer (chuyên viên theo dõi), department (phòng, theo danh sách chuyên viên của Văn phòng)
    #[arg(long, value_enum, hide_possible_values = true, hide_default_value = true, default_value_t = By::Agency, value_name = "THEO", help_heading = "Đầu ra")]
    pub by: By,
}

/// The format of a printed table.
#[derive(Args, Debug, Clone)]
pub struct FormatArgs {
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
    /// Ngày ký văn bản (báo cáo, công văn); mặc định là ngày chốt số liệu
    #[arg(long, value_name = "NGÀY", value_parser = values::day, help_heading = "Trình bày")]
    pub report_date: Option<NaiveDate>,
}

impl IssuerArgs {
    pub fn title(&self, config: &Config) -> Title {
        let from_file = title_from_file(config);
        Title {
            issuer: self.issuer.clone().or(from_file.issuer),
            issuer_sub: self.issuer_sub.clone().or(from_file.issuer_sub),
            place: self.place.clone().or(from_file.place),
            report_date: self.report_date,
            sign: from_file.sign,
        }
    }
}

/// The issuer as `tiendo.toml` names it (`[don_vi]`), for a command without title options.
pub fn title_from_file(config: &Config) -> Title {
    let from_file = &config.don_vi;
    Title {
        issuer: from_file.ten.clone(),
        issuer_sub: from_file.ten_cap_duoi.clone(),
        place: from_file.dia_danh.clone(),
        report_date: None,
        sign: from_file.ky_hieu.clone(),
    }
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

impl ScoringArgs {
    pub fn scoring(&self, config: &Config) -> Scoring {
        Scoring {
            rules: self
                .rules
                .clone()
                .or_else(|| config.thi_dua.quy_tac.clone()),
            manual_points: self
                .manual_points
                .clone()
                .or_else(|| config.thi_dua.diem_thu_cong.clone()),
        }
    }
}

/// Where report files go.
#[derive(Args, Debug, Clone)]
pub struct OutArgs {
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
