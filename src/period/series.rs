//! Series of periods (SPEC 4.4): the periods of a trend — whole years, one half of each year,
//! or each year cut at the same day — and the periods trailing a report's own, with the
//! short labels their tables and charts use.

use chrono::{Datelike, NaiveDate};

use crate::model::{Period, PeriodUnit};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TrendError {
    #[error("khoảng năm «{0}» không hợp lệ: dùng dạng 2018..2025 (năm đầu không sau năm cuối)")]
    BadYears(String),
    #[error("--half chỉ nhận 1 hoặc 2")]
    BadHalf,
    #[error("ngày chốt hằng năm «{0}» không hợp lệ: dùng dạng MM-DD, ví dụ 12-14")]
    BadDay(String),
}

/// Which part of each year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrendSpec {
    pub first_year: i32,
    pub last_year: i32,
    /// 1 or 2: the first or second half of each year.
    pub half: Option<u8>,
    /// Cut each year at this (month, day).
    pub as_of_day: Option<(u32, u32)>,
}

pub fn parse_years(raw: &str) -> Result<(i32, i32), TrendError> {
    let bad = || TrendError::BadYears(raw.to_string());
    let (a, b) = raw.split_once("..").ok_or_else(bad)?;
    let (a, b): (i32, i32) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b || !(1990..=2100).contains(&a) || !(1990..=2100).contains(&b) {
        return Err(bad());
    }
    Ok((a, b))
}

pub fn parse_day_of_year(raw: &str) -> Result<(u32, u32), TrendError> {
    let bad = || TrendError::BadDay(raw.to_string());
    let (m, d) = raw.split_once('-').ok_or_else(bad)?;
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is accepted (and becomes 28/02 in other years).
    NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

/// The periods of a trend, oldest first.
pub fn periods(spec: TrendSpec) -> Result<Vec<Period>, TrendError> {
    (spec.first_year..=spec.last_year)
        .map(|y| {
            let label = match spec.half {
                None => y.to_string(),
                Some(1) => format!("{y}-H1"),
                Some(2) => format!("{y}-H2"),
                Some(_) => return Err(TrendError::BadHalf),
            };
            let as_of = spec.as_of_day.and_then(|(m, d)| {
                NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, d - 1))
            });
            crate::period::parse(&label, as_of).map_err(|_| TrendError::BadYears(label))
        })
        .collect()
}

/// The periods ending at `period`'s cut-off, `years` of them (this one included), for a
/// report's trend sheet: the same unit and the same cut-off day each year.
pub fn trailing(period: &Period, years: u32) -> Vec<Period> {
    let mut out = vec![period.clone()];
    for _ in 1..years.max(1) {
        let Some(last) = out.last() else { break };
        out.push(crate::period::same_period_last_year(last));
    }
    out.reverse();
    out
}

/// The calendar months of a period, from its start to its effective end, each judged at its
/// own end (monthly emulation scoring): a whole month is the month (`2025-03`); the month the
/// cut-off falls in ends at the cut-off (`2025-12` cut at 20/12); a range's first month starts
/// at the range's start (`2025-01-15..2025-01-31`). Months after the cut-off are not there.
pub fn months(period: &Period) -> Vec<Period> {
    let end = period.effective_end();
    let mut out = Vec::new();
    let mut first = period.start;
    while first <= end {
        let (y, m) = (first.year(), first.month());
        let Ok(month) = crate::period::parse(&format!("{y}-{m:02}"), None) else {
            break;
        };
        let cut = (end < month.end).then_some(end);
        let next = month.end.succ_opt();
        let part = if first > month.start {
            Period {
                label: format!("{first}..{}", cut.unwrap_or(month.end)),
                unit: PeriodUnit::Range,
                start: first,
                end: cut.unwrap_or(month.end),
                as_of: None,
            }
        } else {
            Period {
                as_of: cut,
                ..month
            }
        };
        out.push(part);
        match next {
            Some(day) => first = day,
            None => break,
        }
    }
    out
}

/// Short label of a trend period for table heads and chart axes: "2025", "6T/2025", "2025 (đến 14/12)".
pub fn short_label(p: &Period) -> String {
    let base = match p.unit {
        PeriodUnit::Half if p.start.month() == 1 => format!("6T đầu {}", p.start.year()),
        PeriodUnit::Half => format!("6T cuối {}", p.start.year()),
        _ => p.label.clone(),
    };
    match p.as_of {
        Some(c) if c < p.end => format!("{base} (đến {})", c.format("%d/%m")),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_halves_and_cut_days_make_one_period_per_year() {
        let spec = TrendSpec {
            first_year: 2023,
            last_year: 2025,
            half: Some(1),
            as_of_day: None,
        };
        let ps = periods(spec).unwrap();
        assert_eq!(
            ps.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(),
            ["2023-H1", "2024-H1", "2025-H1"]
        );
        let spec = TrendSpec {
            first_year: 2023,
            last_year: 2024,
            half: None,
            as_of_day: Some(parse_day_of_year("02-29").unwrap()),
        };
        let ps = periods(spec).unwrap();
        assert_eq!(
            ps[0].effective_end(),
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        );
        assert_eq!(
            ps[1].effective_end(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn bad_ranges_are_refused() {
        assert!(parse_years("2025..2018").is_err());
        assert!(parse_years("2018-2025").is_err());
        assert!(parse_day_of_year("13-01").is_err());
    }

    #[test]
    fn a_period_splits_into_its_months_each_cut_at_its_own_end() {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        // 2025 cut at 20/12: twelve months, the last ending at the cut-off.
        let p = crate::period::parse("2025", Some(day(12, 20))).unwrap();
        let ms = months(&p);
        assert_eq!(ms.len(), 12);
        assert_eq!(
            (ms[1].start, ms[1].effective_end()),
            (day(2, 1), day(2, 28))
        );
        assert_eq!(ms[11].label, "2025-12");
        assert_eq!(ms[11].effective_end(), day(12, 20));
        // A range from 15/01 to 10/03: 15/01–31/01, February, 01/03–10/03.
        let p = crate::period::parse("2025-01-15..2025-03-10", None).unwrap();
        let spans: Vec<(NaiveDate, NaiveDate)> = months(&p)
            .iter()
            .map(|m| (m.start, m.effective_end()))
            .collect();
        assert_eq!(
            spans,
            [
                (day(1, 15), day(1, 31)),
                (day(2, 1), day(2, 28)),
                (day(3, 1), day(3, 10))
            ]
        );
        // A month is its own only month.
        let p = crate::period::parse("2025-02", None).unwrap();
        assert_eq!(months(&p), [p]);
    }

    #[test]
    fn trailing_periods_shift_the_cut_off_each_year() {
        let p = crate::period::parse("2025", NaiveDate::from_ymd_opt(2025, 12, 14)).unwrap();
        let ps = trailing(&p, 3);
        assert_eq!(
            ps.iter()
                .map(|p| p.effective_end().to_string())
                .collect::<Vec<_>>(),
            ["2023-12-14", "2024-12-14", "2025-12-14"]
        );
    }
}
