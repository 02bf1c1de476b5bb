//! The scoring rules as data (SPEC 6): a TOML rule file is read with serde into raw types that
//! mirror the file (`#[serde(deny_unknown_fields)]`, every checked value `Spanned` so its line is
//! known), then validated once into the typed `RuleSet` the scorer trusts. The presets in
//! `presets/*.toml` are compiled in; `docs/scoring.md` documents the format and each preset.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::{RuleError, from_toml, line_of};
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

// ---------------------------------------------------------------------------------------------
// Raw types: the file as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    ten: Spanned<String>,
    nguon: Option<String>,
    mo_ta: Option<String>,
    diem_toi_da: Spanned<f64>,
    ap_dung: Option<Spanned<RawScope>>,
    he_so_trong_tam: Option<Spanned<f64>>,
    khau_tru: Option<Spanned<RawDeduction>>,
    ty_le: Option<Spanned<RawRate>>,
    bac_ty_le: Option<Spanned<Vec<RawBand>>>,
    thuong: Option<Spanned<RawBonus>>,
    xep_loai: Option<Vec<RawTier>>,
    gioi_han_xuat_sac: Option<Spanned<RawCap>>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawScope {
    TatCa,
    TrongTam,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeduction {
    don_vi: Option<RawUnit>,
    hoan_thanh_qua_han: Spanned<f64>,
    chua_hoan_thanh_qua_han: Spanned<f64>,
    #[serde(default)]
    cho_phep_qua_han_nhe_hon: bool,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawUnit {
    Diem,
    PhanTramGiaTriNhiemVu,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawRate {
    DungHanTrenDaHoanThanh,
    DungHanTrenDenHan,
    DungHanTrenTongSo,
    HoanThanhTrenDenHan,
    HoanThanhTrenTongSo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    tu: Spanned<f64>,
    diem: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBonus {
    khi_tat_ca_dung_han: Spanned<f64>,
    diem_tran: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    ten: Spanned<String>,
    tu: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCap {
    ty_le: Spanned<f64>,
    tren: Option<RawCapBase>,
    pham_vi: Option<RawCapScope>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawCapBase {
    SoDuocXepLoai,
    SoDatHoanThanhTot,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawCapScope {
    ToanTinh,
    Khoi,
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation.

/// Reads a rule file's text. `file_name` is only used in error messages.
pub fn parse_rules(toml_text: &str, file_name: &str) -> Result<RuleSet, RuleError> {
    let raw: RawRules =
        toml::from_str(toml_text).map_err(|e| from_toml(&e, toml_text, file_name))?;
    Checker {
        text: toml_text,
        file: file_name,
    }
    .rules(raw)
}

/// Builds validation errors that point at a value's line.
struct Checker<'a> {
    text: &'a str,
    file: &'a str,
}

impl Checker<'_> {
    fn err(&self, span: Option<Range<usize>>, key: &str, message: impl Into<String>) -> RuleError {
        RuleError::Invalid {
            file: self.file.to_string(),
            line: span.map(|s| line_of(self.text, s.start)),
            key: key.to_string(),
            message: message.into(),
        }
    }

    /// A finite number inside `[low, high]`.
    fn number_in(
        &self,
        value: &Spanned<f64>,
        key: &str,
        low: f64,
        high: f64,
        message: &str,
    ) -> Result<f64, RuleError> {
        let v = *value.get_ref();
        if v.is_finite() && v >= low && v <= high {
            Ok(v)
        } else {
            Err(self.err(Some(value.span()), key, message))
        }
    }

    fn positive(&self, value: &Spanned<f64>, key: &str) -> Result<f64, RuleError> {
        let v = *value.get_ref();
        if v.is_finite() && v > 0.0 {
            Ok(v)
        } else {
            Err(self.err(Some(value.span()), key, "phải là số dương"))
        }
    }

    fn rules(&self, raw: RawRules) -> Result<RuleSet, RuleError> {
        let name = raw.ten.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(self.err(
                Some(raw.ten.span()),
                "ten",
                "tên quy tắc không được để trống",
            ));
        }
        let max_points = self.positive(&raw.diem_toi_da, "diem_toi_da")?;
        let key_tasks = self.key_tasks(raw.ap_dung.as_ref(), raw.he_so_trong_tam.as_ref())?;
        let method = self.method(&raw, max_points)?;
        let bonus = match &raw.thuong {
            Some(b) => Some(self.bonus(b, max_points, &method)?),
            None => None,
        };
        let ceiling = bonus.map_or(max_points, |b| b.ceiling);
        let tiers = self.tiers(raw.xep_loai.as_deref().unwrap_or(&[]), ceiling)?;
        let top_cap = match &raw.gioi_han_xuat_sac {
            Some(c) => Some(self.top_cap(c, tiers.len())?),
            None => None,
        };
        Ok(RuleSet {
            name,
            source: raw.nguon.and_then(|s| crate::vn_text::clean(&s)),
            description: raw.mo_ta.and_then(|s| crate::vn_text::clean(&s)),
            max_points,
            key_tasks,
            method,
            bonus,
            tiers,
            top_cap,
        })
    }

    fn key_tasks(
        &self,
        scope: Option<&Spanned<RawScope>>,
        weight: Option<&Spanned<f64>>,
    ) -> Result<KeyTasks, RuleError> {
        let only = matches!(scope.map(|s| *s.get_ref()), Some(RawScope::TrongTam));
        match (only, weight) {
            (true, Some(w)) => Err(self.err(
                Some(w.span()),
                "he_so_trong_tam",
                "không dùng cùng `ap_dung = \"trong_tam\"` (khi chỉ chấm nhiệm vụ trọng tâm, hệ số không có tác dụng)",
            )),
            (true, None) => Ok(KeyTasks::Only),
            (false, Some(w)) => Ok(KeyTasks::Weighted(self.positive(w, "he_so_trong_tam")?)),
            (false, None) => Ok(KeyTasks::All),
        }
    }

    fn method(&self, raw: &RawRules, max_points: f64) -> Result<Method, RuleError> {
        match (&raw.khau_tru, &raw.bac_ty_le) {
            (Some(_), Some(bands)) => Err(self.err(
                Some(bands.span()),
                "bac_ty_le",
                "chỉ dùng một trong hai cách chấm: `[khau_tru]` hoặc `[[bac_ty_le]]`",
            )),
            (None, None) => Err(self.err(
                None,
                "khau_tru",
                "thiếu cách chấm điểm: cần bảng `[khau_tru]` hoặc các bảng `[[bac_ty_le]]`",
            )),
            (Some(d), None) => {
                if let Some(rate) = &raw.ty_le {
                    return Err(self.err(
                        Some(rate.span()),
                        "ty_le",
                        "chỉ dùng với các bảng `[[bac_ty_le]]`, không dùng với `[khau_tru]`",
                    ));
                }
                Ok(Method::Deduction(self.deduction(d.get_ref())?))
            }
            (None, Some(bands)) => {
                let Some(rate) = &raw.ty_le else {
                    return Err(self.err(
                        Some(bands.span()),
                        "ty_le",
                        "thiếu khóa: cho biết tỷ lệ nào được so với các bậc (ví dụ `ty_le = \"dung_han_tren_den_han\"`)",
                    ));
                };
                let rate = match *rate.get_ref() {
                    RawRate::DungHanTrenDaHoanThanh => BandRate::OnTimeOfCompleted,
                    RawRate::DungHanTrenDenHan => BandRate::OnTimeOfDue,
                    RawRate::DungHanTrenTongSo => BandRate::OnTimeOfTotal,
                    RawRate::HoanThanhTrenDenHan => BandRate::CompletionOfDue,
                    RawRate::HoanThanhTrenTongSo => BandRate::CompletionOfTotal,
                };
                Ok(Method::Bands(Bands {
                    rate,
                    bands: self.bands(bands, max_points)?,
                }))
            }
        }
    }

    fn deduction(&self, raw: &RawDeduction) -> Result<Deduction, RuleError> {
        let unit = match raw.don_vi {
            None | Some(RawUnit::Diem) => DeductionUnit::Points,
            Some(RawUnit::PhanTramGiaTriNhiemVu) => DeductionUnit::PercentOfTaskValue,
        };
        let (high, message) = match unit {
            DeductionUnit::Points => (f64::MAX, "phải là số không âm"),
            DeductionUnit::PercentOfTaskValue => (
                100.0,
                "phải trong khoảng 0–100 (phần trăm giá trị một nhiệm vụ)",
            ),
        };
        let late_key = "khau_tru.hoan_thanh_qua_han";
        let overdue_key = "khau_tru.chua_hoan_thanh_qua_han";
        let late = self.number_in(&raw.hoan_thanh_qua_han, late_key, 0.0, high, message)?;
        let overdue = self.number_in(
            &raw.chua_hoan_thanh_qua_han,
            overdue_key,
            0.0,
            high,
            message,
        )?;
        if overdue < late && !raw.cho_phep_qua_han_nhe_hon {
            return Err(self.err(
                Some(raw.chua_hoan_thanh_qua_han.span()),
                overdue_key,
                format!(
                    "phải không nhỏ hơn `{late_key}` ({}): nhiệm vụ quá hạn chưa hoàn thành bị trừ nặng hơn; nếu quy định khác, đặt `khau_tru.cho_phep_qua_han_nhe_hon = true`",
                    points_text(late)
                ),
            ));
        }
        Ok(Deduction {
            unit,
            late,
            overdue,
        })
    }

    fn bands(&self, raw: &Spanned<Vec<RawBand>>, max_points: f64) -> Result<Vec<Band>, RuleError> {
        if raw.get_ref().is_empty() {
            return Err(self.err(Some(raw.span()), "bac_ty_le", "cần ít nhất một bậc"));
        }
        let mut bands: Vec<Band> = Vec::new();
        for (i, b) in raw.get_ref().iter().enumerate() {
            let key = |k: &str| format!("bac_ty_le[{}].{k}", i + 1);
            let from =
                self.number_in(&b.tu, &key("tu"), 0.0, 100.0, "phải trong khoảng 0–100 (%)")?;
            let points = self.number_in(
                &b.diem,
                &key("diem"),
                0.0,
                max_points,
                &format!(
                    "phải trong khoảng 0 đến điểm tối đa ({})",
                    points_text(max_points)
                ),
            )?;
            if let Some(prev) = bands.last() {
                if from >= prev.from_percent {
                    return Err(self.err(
                        Some(b.tu.span()),
                        &key("tu"),
                        format!(
                            "các bậc phải xếp từ cao xuống thấp: bậc này (từ {}%) phải thấp hơn bậc trên (từ {}%)",
                            points_text(from),
                            points_text(prev.from_percent)
                        ),
                    ));
                }
                if points > prev.points {
                    return Err(self.err(
                        Some(b.diem.span()),
                        &key("diem"),
                        format!(
                            "bậc thấp hơn không được nhiều điểm hơn bậc trên ({} điểm)",
                            points_text(prev.points)
                        ),
                    ));
                }
            }
            bands.push(Band {
                from_percent: from,
                points,
            });
        }
        Ok(bands)
    }

    fn bonus(
        &self,
        raw: &Spanned<RawBonus>,
        max_points: f64,
        method: &Method,
    ) -> Result<Bonus, RuleError> {
        let b = raw.get_ref();
        let points = self.positive(&b.khi_tat_ca_dung_han, "thuong.khi_tat_ca_dung_han")?;
        let ceiling = match &b.diem_tran {
            Some(c) => self.number_in(
                c,
                "thuong.diem_tran",
                max_points,
                f64::MAX,
                &format!(
                    "không được nhỏ hơn điểm tối đa ({})",
                    points_text(max_points)
                ),
            )?,
            None => max_points,
        };
        // In deduction mode a task list with nothing late already scores the maximum.
        if matches!(method, Method::Deduction(_)) && ceiling <= max_points {
            return Err(self.err(
                Some(b.khi_tat_ca_dung_han.span()),
                "thuong.khi_tat_ca_dung_han",
                format!(
                    "điểm thưởng không có tác dụng: khi chấm theo khấu trừ, cơ quan không có nhiệm vụ trễ hạn đã được điểm tối đa; đặt `thuong.diem_tran` lớn hơn `diem_toi_da` (ví dụ {}) để cộng vượt",
                    points_text(max_points + points)
                ),
            ));
        }
        Ok(Bonus { points, ceiling })
    }

    fn tiers(&self, raw: &[RawTier], ceiling: f64) -> Result<Vec<Tier>, RuleError> {
        let mut tiers: Vec<Tier> = Vec::new();
        for (i, t) in raw.iter().enumerate() {
            let key = |k: &str| format!("xep_loai[{}].{k}", i + 1);
            let name = t.ten.get_ref().trim().to_string();
            if name.is_empty() {
                return Err(self.err(
                    Some(t.ten.span()),
                    &key("ten"),
                    "tên xếp loại không được để trống",
                ));
            }
            let from = self.number_in(
                &t.tu,
                &key("tu"),
                0.0,
                ceiling,
                &format!("phải trong khoảng 0 đến {} điểm", points_text(ceiling)),
            )?;
            if let Some(prev) = tiers.last()
                && from >= prev.from_points
            {
                return Err(self.err(
                    Some(t.tu.span()),
                    &key("tu"),
                    format!(
                        "các bậc xếp loại phải xếp từ cao xuống thấp: bậc này (từ {} điểm) phải thấp hơn bậc trên (từ {} điểm)",
                        points_text(from),
                        points_text(prev.from_points)
                    ),
                ));
            }
            tiers.push(Tier {
                name,
                from_points: from,
            });
        }
        if let (Some(last), Some(raw_last)) = (tiers.last(), raw.last())
            && last.from_points != 0.0
        {
            return Err(self.err(
                Some(raw_last.tu.span()),
                &format!("xep_loai[{}].tu", raw.len()),
                "bậc xếp loại cuối cùng phải có `tu = 0` để điểm nào cũng được xếp loại",
            ));
        }
        Ok(tiers)
    }

    fn top_cap(&self, raw: &Spanned<RawCap>, tier_count: usize) -> Result<TopCap, RuleError> {
        let c = raw.get_ref();
        let percent = self.number_in(
            &c.ty_le,
            "gioi_han_xuat_sac.ty_le",
            0.0,
            100.0,
            "phải trong khoảng 0–100 (%)",
        )?;
        if tier_count < 2 {
            return Err(self.err(
                Some(c.ty_le.span()),
                "gioi_han_xuat_sac",
                "cần ít nhất hai bậc `[[xep_loai]]` để cơ quan vượt giới hạn được xếp bậc kế tiếp",
            ));
        }
        Ok(TopCap {
            percent,
            base: match c.tren {
                None | Some(RawCapBase::SoDuocXepLoai) => CapBase::Rated,
                Some(RawCapBase::SoDatHoanThanhTot) => CapBase::SecondTierOrAbove,
            },
            scope: match c.pham_vi {
                None | Some(RawCapScope::ToanTinh) => CapScope::Province,
                Some(RawCapScope::Khoi) => CapScope::Bloc,
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Presets.

/// The preset used when no rule file is given.
pub const DEFAULT_PRESET: &str = "khau-tru";

const PRESETS: [(&str, &str); 4] = [
    ("khau-tru", include_str!("../../presets/khau-tru.toml")),
    ("nd335-2025", include_str!("../../presets/nd335-2025.toml")),
    (
        "dak-nong-2018",
        include_str!("../../presets/dak-nong-2018.toml"),
    ),
    (
        "thua-thien-hue-2019",
        include_str!("../../presets/thua-thien-hue-2019.toml"),
    ),
];

/// The names `preset` knows, default first.
pub fn preset_names() -> &'static [&'static str] {
    &[
        "khau-tru",
        "nd335-2025",
        "dak-nong-2018",
        "thua-thien-hue-2019",
    ]
}

/// A built-in rule set by name (`nd335-2025`, …; a trailing `.toml` is accepted).
pub fn preset(name: &str) -> Option<RuleSet> {
    let name = name.trim();
    let name = name.strip_suffix(".toml").unwrap_or(name);
    let (file, text) = PRESETS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    parse_rules(text, &format!("{file}.toml")).ok()
}

/// The built-in default rule set (`khau-tru`).
pub fn default_rules() -> RuleSet {
    // The presets are compiled in and a unit test parses every one of them.
    preset(DEFAULT_PRESET).expect("the built-in default preset parses")
}

// ---------------------------------------------------------------------------------------------
// Description.

impl RuleSet {
    /// The rules in Vietnamese sentences, printed above or under a ranking.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("Quy tắc chấm điểm: {}", self.name)];
        if let Some(source) = &self.source {
            lines.push(format!("Căn cứ: {source}"));
        }
        if let Some(text) = &self.description {
            lines.push(text.clone());
        }
        lines.push(format!(
            "Điểm tối đa của tiêu chí: {}",
            points_text(self.max_points)
        ));
        match self.key_tasks {
            KeyTasks::All => {}
            KeyTasks::Only => lines.push("Chỉ chấm trên các nhiệm vụ trọng tâm".to_string()),
            KeyTasks::Weighted(k) => {
                lines.push(format!("Nhiệm vụ trọng tâm tính hệ số {}", points_text(k)))
            }
        }
        match &self.method {
            Method::Deduction(d) => self.deduction_lines(d, &mut lines),
            Method::Bands(b) => band_lines(b, &mut lines),
        }
        if let Some(b) = &self.bonus {
            lines.push(format!(
                "Cộng {} điểm khi không có nhiệm vụ hoàn thành quá hạn hoặc quá hạn chưa hoàn thành; điểm sau khi cộng không vượt quá {}",
                points_text(b.points),
                points_text(b.ceiling)
            ));
        }
        self.tier_lines(&mut lines);
        lines.push(
            "Điểm tính đến hai chữ số thập phân (mỗi dòng tính điểm làm tròn trước khi cộng trừ); xếp hạng theo điểm đó, bằng điểm thì đồng hạng".to_string(),
        );
        lines.push(
            "Cơ quan không có nhiệm vụ ghi «không có nhiệm vụ» và không xếp hạng, trừ khi có điểm do cơ quan thi đua chấm thủ công".to_string(),
        );
        lines
    }

    fn deduction_lines(&self, d: &Deduction, lines: &mut Vec<String>) {
        match d.unit {
            DeductionUnit::Points => {
                lines.push(format!(
                    "Trừ {} điểm cho mỗi nhiệm vụ hoàn thành quá hạn",
                    points_text(d.late)
                ));
                lines.push(format!(
                    "Trừ {} điểm cho mỗi nhiệm vụ chưa hoàn thành đã quá hạn tại thời điểm chốt số liệu",
                    points_text(d.overdue)
                ));
            }
            DeductionUnit::PercentOfTaskValue => {
                lines.push(format!(
                    "Giá trị một nhiệm vụ = {} / tổng số nhiệm vụ được chấm",
                    points_text(self.max_points)
                ));
                lines.push(format!(
                    "Mỗi nhiệm vụ hoàn thành quá hạn bị trừ {}% giá trị một nhiệm vụ",
                    points_text(d.late)
                ));
                lines.push(format!(
                    "Mỗi nhiệm vụ chưa hoàn thành đã quá hạn tại thời điểm chốt số liệu bị trừ {}% giá trị một nhiệm vụ",
                    points_text(d.overdue)
                ));
            }
        }
        lines.push("Điểm không thấp hơn 0".to_string());
    }

    fn tier_lines(&self, lines: &mut Vec<String>) {
        for (i, tier) in self.tiers.iter().enumerate() {
            let above = i.checked_sub(1).and_then(|j| self.tiers.get(j));
            let text = match (above, tier.from_points > 0.0) {
                (None, _) => format!("từ {} điểm trở lên", points_text(tier.from_points)),
                (Some(up), true) => format!(
                    "từ {} đến dưới {} điểm",
                    points_text(tier.from_points),
                    points_text(up.from_points)
                ),
                (Some(up), false) => format!("dưới {} điểm", points_text(up.from_points)),
            };
            lines.push(format!("Xếp loại «{}»: {text}", tier.name));
        }
        if let (Some(cap), Some(top)) = (&self.top_cap, self.tiers.first()) {
            let base = match cap.base {
                CapBase::Rated => "số cơ quan được chấm điểm",
                CapBase::SecondTierOrAbove => "số cơ quan đạt điểm xếp loại thứ hai trở lên",
            };
            let scope = match cap.scope {
                CapScope::Province => "toàn tỉnh",
                CapScope::Bloc => "trong từng khối thi đua",
            };
            lines.push(format!(
                "Số cơ quan xếp loại «{}» không vượt quá {}% {base} ({scope}, làm tròn xuống); cơ quan vượt giới hạn (điểm thấp trước, các cơ quan bằng điểm tại ngưỡng cùng bị hạ) xếp loại kế tiếp",
                top.name,
                points_text(cap.percent)
            ));
        }
    }
}

fn band_lines(b: &Bands, lines: &mut Vec<String>) {
    lines.push(format!(
        "Điểm theo {} (làm tròn một chữ số thập phân như hiển thị):",
        lowercase_first(b.rate.label())
    ));
    for (i, band) in b.bands.iter().enumerate() {
        let above = i.checked_sub(1).and_then(|j| b.bands.get(j));
        lines.push(format!(
            "  {}: {} điểm",
            band_range(band, above),
            points_text(band.points)
        ));
    }
    if let Some(lowest) = b.bands.last().filter(|l| l.from_percent > 0.0) {
        lines.push(format!(
            "  dưới {}%: 0 điểm",
            points_text(lowest.from_percent)
        ));
    }
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

pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
