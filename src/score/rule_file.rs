//! The rule file as written (SPEC 6): raw serde types that mirror the TOML
//! (`#[serde(deny_unknown_fields)]`, every checked value `Spanned` so its line is known), and the
//! checker that validates them once into the typed [`RuleSet`], one function per rule kind
//! (key tasks, method, deduction, bands, bonus, tiers, top-tier cap). Every refusal names the
//! file, the line and the key.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::{RuleError, from_toml, line_of};
use super::points_text;
use super::rules::{
    Band, BandRate, Bands, Bonus, ByMonth, CapBase, CapScope, Deduction, DeductionUnit, KeyTasks,
    Method, RuleSet, Tier, TopCap,
};

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
    cham_theo_thang: Option<RawByMonth>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawByMonth {
    TrungBinh,
    Tong,
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

impl From<RawRate> for BandRate {
    fn from(rate: RawRate) -> Self {
        match rate {
            RawRate::DungHanTrenDaHoanThanh => BandRate::OnTimeOfCompleted,
            RawRate::DungHanTrenDenHan => BandRate::OnTimeOfDue,
            RawRate::DungHanTrenTongSo => BandRate::OnTimeOfTotal,
            RawRate::HoanThanhTrenDenHan => BandRate::CompletionOfDue,
            RawRate::HoanThanhTrenTongSo => BandRate::CompletionOfTotal,
        }
    }
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

    /// The whole file: name, maximum, key tasks, method, bonus, tiers, cap, in that order.
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
        let by_month = raw.cham_theo_thang.map(|b| match b {
            RawByMonth::TrungBinh => ByMonth::Mean,
            RawByMonth::Tong => ByMonth::Sum,
        });
        // A sum of monthly scores goes past one month's ceiling: its tiers are not bounded by
        // it (the Office writes them for the sum).
        let ceiling = match by_month {
            Some(ByMonth::Sum) => None,
            _ => Some(bonus.map_or(max_points, |b| b.ceiling)),
        };
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
            by_month,
        })
    }

    /// `ap_dung` and `he_so_trong_tam`: all tasks, key tasks only, or key tasks weighted.
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

    /// Exactly one way of scoring: `[khau_tru]`, or `ty_le` with `[[bac_ty_le]]`.
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
                Ok(Method::Bands(Bands {
                    rate: BandRate::from(*rate.get_ref()),
                    bands: self.bands(bands, max_points)?,
                }))
            }
        }
    }

    /// `[khau_tru]`: per-task figures in points or percent, overdue no lighter than late
    /// unless the file allows it.
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

    /// `[[bac_ty_le]]`: at least one band, thresholds strictly descending.
    fn bands(&self, raw: &Spanned<Vec<RawBand>>, max_points: f64) -> Result<Vec<Band>, RuleError> {
        if raw.get_ref().is_empty() {
            return Err(self.err(Some(raw.span()), "bac_ty_le", "cần ít nhất một bậc"));
        }
        let mut bands: Vec<Band> = Vec::new();
        for (i, b) in raw.get_ref().iter().enumerate() {
            let band = self.band(i, b, max_points, bands.last())?;
            bands.push(band);
        }
        Ok(bands)
    }

    /// Band `i` (0-based): threshold 0–100 %, points 0 to the maximum, below the band above it
    /// and worth no more points.
    fn band(
        &self,
        i: usize,
        b: &RawBand,
        max_points: f64,
        above: Option<&Band>,
    ) -> Result<Band, RuleError> {
        let key = |k: &str| format!("bac_ty_le[{}].{k}", i + 1);
        let from = self.number_in(&b.tu, &key("tu"), 0.0, 100.0, "phải trong khoảng 0–100 (%)")?;
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
        if let Some(prev) = above {
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
        Ok(Band {
            from_percent: from,
            points,
        })
    }

    /// `[thuong]`: a positive bonus and a ceiling no lower than the maximum.
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

    /// `[[xep_loai]]`: tiers strictly descending, the last one starting at 0; none above the
    /// ceiling when there is one.
    fn tiers(&self, raw: &[RawTier], ceiling: Option<f64>) -> Result<Vec<Tier>, RuleError> {
        let mut tiers: Vec<Tier> = Vec::new();
        for (i, t) in raw.iter().enumerate() {
            let tier = self.tier(i, t, ceiling, tiers.last())?;
            tiers.push(tier);
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

    /// Tier `i` (0-based): a name, a start from 0 to the ceiling, below the tier above it.
    fn tier(
        &self,
        i: usize,
        t: &RawTier,
        ceiling: Option<f64>,
        above: Option<&Tier>,
    ) -> Result<Tier, RuleError> {
        let key = |k: &str| format!("xep_loai[{}].{k}", i + 1);
        let name = t.ten.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(self.err(
                Some(t.ten.span()),
                &key("ten"),
                "tên xếp loại không được để trống",
            ));
        }
        let from = match ceiling {
            Some(ceiling) => self.number_in(
                &t.tu,
                &key("tu"),
                0.0,
                ceiling,
                &format!("phải trong khoảng 0 đến {} điểm", points_text(ceiling)),
            )?,
            None => self.number_in(&t.tu, &key("tu"), 0.0, f64::MAX, "phải là số không âm")?,
        };
        if let Some(prev) = above
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
        Ok(Tier {
            name,
            from_points: from,
        })
    }

    /// `[gioi_han_xuat_sac]`: a percentage, and at least two tiers to move an agency down to.
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
