//! The scoring rules as the scorer trusts them (SPEC 6): the typed `RuleSet` and its parts.
//! A rule file becomes one only through `rule_file` (read and checked once); the built-in
//! presets and the Vietnamese description of a rule set are in `presets`; `docs/scoring.md`
//! documents the format and each preset.

use super::points_text;

/// A validated rule set.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    /// `ten`: shown above the ranking.
    pub name: String,
    /// `nguon`: the regulation the rules come from.
    pub source: Option<String>,
    /// `mo_ta`: free text for the reader.
    pub description: Option<String>,
    /// `diem_toi_da`: the criterion's maximum points (> 0).
    pub max_points: f64,
    /// `ap_dung` / `he_so_trong_tam`: which tasks are scored and how key tasks weigh.
    pub key_tasks: KeyTasks,
    /// `[khau_tru]` or `ty_le` + `[[bac_ty_le]]`: exactly one.
    pub method: Method,
    /// `[thuong]`.
    pub bonus: Option<Bonus>,
    /// `[[xep_loai]]`, highest first; the last starts at 0. Empty: no tiers.
    pub tiers: Vec<Tier>,
    /// `[gioi_han_xuat_sac]`: a cap on the share of the top tier.
    pub top_cap: Option<TopCap>,
    /// `cham_theo_thang`: a period of several months is scored month by month and its score
    /// made from the months' (Thanh Hóa); None: one score over the whole period.
    pub by_month: Option<ByMonth>,
}

/// How the score of a period of several months is made from its monthly scores
/// (`cham_theo_thang`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByMonth {
    /// `"trung_binh"`: the mean of the months with tasks.
    Mean,
    /// `"tong"`: the sum of the months with tasks.
    Sum,
}

/// Which tasks the score is computed on (nhiệm vụ trọng tâm = key task).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyTasks {
    /// Every task counts once (`ap_dung = "tat_ca"`, the default).
    All,
    /// Only key tasks are scored (`ap_dung = "trong_tam"`).
    Only,
    /// Every task counts, a key task counts this many times (`he_so_trong_tam = 2`).
    Weighted(f64),
}

/// How the points are computed.
#[derive(Clone, Debug, PartialEq)]
pub enum Method {
    Deduction(Deduction),
    Bands(Bands),
}

/// Points deducted from the maximum per late / overdue task (`[khau_tru]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deduction {
    pub unit: DeductionUnit,
    /// Per task completed late (hoàn thành quá hạn).
    pub late: f64,
    /// Per task not completed and overdue at the cut-off (chưa hoàn thành quá hạn).
    pub overdue: f64,
}

/// What a deduction figure means (`khau_tru.don_vi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeductionUnit {
    /// Points per task (`"diem"`, the default).
    Points,
    /// Percent of one task's value, where one task is worth maximum / number of tasks
    /// (`"phan_tram_gia_tri_nhiem_vu"`): Nghị định 335/2025 "each late item loses 25 %".
    PercentOfTaskValue,
}

/// Rate bands (`ty_le` + `[[bac_ty_le]]`): the first band whose threshold the rate reaches
/// gives the points; below every band the points are 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    pub rate: BandRate,
    /// Highest threshold first, strictly descending.
    pub bands: Vec<Band>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Threshold in percent (0–100), reached when the displayed rate is at least this.
    pub from_percent: f64,
    pub points: f64,
}

/// The rate compared with the bands (`ty_le`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandRate {
    /// `dung_han_tren_da_hoan_thanh`: on time / completed.
    OnTimeOfCompleted,
    /// `dung_han_tren_den_han`: on time / (completed + overdue).
    OnTimeOfDue,
    /// `dung_han_tren_tong_so`: on time / total.
    OnTimeOfTotal,
    /// `hoan_thanh_tren_den_han`: completed / (completed + overdue).
    CompletionOfDue,
    /// `hoan_thanh_tren_tong_so`: completed / total.
    CompletionOfTotal,
}

impl BandRate {
    pub fn label(self) -> &'static str {
        match self {
            BandRate::OnTimeOfCompleted => "Tỷ lệ hoàn thành đúng hạn trên số đã hoàn thành",
            BandRate::OnTimeOfDue => "Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đến hạn",
            BandRate::OnTimeOfTotal => "Tỷ lệ hoàn thành đúng hạn trên tổng số nhiệm vụ",
            BandRate::CompletionOfDue => "Tỷ lệ hoàn thành trên số nhiệm vụ đến hạn",
            BandRate::CompletionOfTotal => "Tỷ lệ hoàn thành trên tổng số nhiệm vụ",
        }
    }
}

/// A bonus when no scored task was late (`[thuong]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bonus {
    /// `khi_tat_ca_dung_han`: points added when no task was completed late and none is overdue.
    pub points: f64,
    /// `diem_tran`: the score after the bonus never exceeds this (default: the maximum).
    pub ceiling: f64,
}

/// A tier (xếp loại): reached from `from_points` up.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    pub name: String,
    pub from_points: f64,
}

/// The cap on the top tier (`[gioi_han_xuat_sac]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopCap {
    /// At most this percent (0–100) of the base may hold the top tier (rounded down).
    pub percent: f64,
    pub base: CapBase,
    pub scope: CapScope,
}

/// What the cap's percentage is taken of (`tren`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapBase {
    /// `so_duoc_xep_loai`: every agency with points (the default).
    Rated,
    /// `so_dat_hoan_thanh_tot`: the agencies whose points reach the second tier or above.
    SecondTierOrAbove,
}

/// Where the cap is counted (`pham_vi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapScope {
    /// `toan_tinh`: across the province (the default).
    Province,
    /// `khoi`: inside each emulation bloc.
    Bloc,
}

/// "từ 95% trở lên" / "từ 90% đến dưới 95%".
pub(crate) fn band_range(band: &Band, above: Option<&Band>) -> String {
    match above {
        None => format!("từ {}% trở lên", points_text(band.from_percent)),
        Some(up) => format!(
            "từ {}% đến dưới {}%",
            points_text(band.from_percent),
            points_text(up.from_percent)
        ),
    }
}
