//! Report periods (SPEC 4.1, 4.4): parsing the forms `2025`, `2025-H1`, `2025-Q3`, `2025-02`,
//! `2025-01-01..2025-07-06`; the cut-off; the same period last year; the Vietnamese phrase for
//! titles ("6 tháng đầu năm 2025").

mod series;

pub use series::{
    TrendError, TrendSpec, months, parse_day_of_year, parse_years, periods, short_label, trailing,
};

use chrono::{Datelike, NaiveDate};

use crate::model::{Period, PeriodUnit};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PeriodError {
    #[error(
        "kỳ báo cáo «{0}» không hợp lệ: dùng 2025, 2025-H1, 2025-H2, 2025-Q3, 2025-02 hoặc 2025-01-01..2025-07-06"
    )]
    BadForm(String),
    #[error("ngày «{0}» không hợp lệ: dùng dạng yyyy-mm-dd hoặc dd/mm/yyyy")]
    BadDate(String),
    #[error("kỳ báo cáo «{0}»: ngày bắt đầu sau ngày kết thúc")]
    Reversed(String),
    #[error("tuần «{0}» không hợp lệ: dùng dạng 2025-W48 (tuần theo ISO, từ thứ Hai đến Chủ nhật)")]
    BadWeek(String),
    #[error("ngày chốt số liệu {0} trước ngày bắt đầu kỳ {1}")]
    CutOffBeforeStart(String, String),
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).and_then(|d| d.pred_opt())
}

/// Parse a user date: ISO `yyyy-mm-dd` or day-first text.
pub fn parse_day(raw: &str) -> Result<NaiveDate, PeriodError> {
    crate::dates::parse_text(raw).ok_or_else(|| PeriodError::BadDate(raw.to_string()))
}

/// Parse a period label and attach the cut-off.
pub fn parse(label: &str, as_of: Option<NaiveDate>) -> Result<Period, PeriodError> {
    let s = label.trim();
    let bad = || PeriodError::BadForm(label.to_string());
    let (unit, start, end) = if let Some((a, b)) = s.split_once("..") {
        let start = parse_day(a)?;
        let end = parse_day(b)?;
        if start > end {
            return Err(PeriodError::Reversed(label.to_string()));
        }
        (PeriodUnit::Range, start, end)
    } else {
        let (year_txt, rest) = s.split_once('-').map_or((s, None), |(y, r)| (y, Some(r)));
        if year_txt.len() != 4 {
            return Err(bad());
        }
        let year: i32 = year_txt.parse().map_err(|_| bad())?;
        match rest.map(str::to_ascii_uppercase).as_deref() {
            None => (
                PeriodUnit::Year,
                ymd(year, 1, 1).ok_or_else(bad)?,
                ymd(year, 12, 31).ok_or_else(bad)?,
            ),
            Some("H1") => (
                PeriodUnit::Half,
                ymd(year, 1, 1).ok_or_else(bad)?,
                ymd(year, 6, 30).ok_or_else(bad)?,
            ),
            Some("H2") => (
                PeriodUnit::Half,
                ymd(year, 7, 1).ok_or_else(bad)?,
                ymd(year, 12, 31).ok_or_else(bad)?,
            ),
            Some(q) if q.len() == 2 && q.starts_with('Q') => {
                let n: u32 = q[1..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&n) {
                    return Err(bad());
                }
                let first = 3 * (n - 1) + 1;
                (
                    PeriodUnit::Quarter,
                    ymd(year, first, 1).ok_or_else(bad)?,
                    last_day_of_month(year, first + 2).ok_or_else(bad)?,
                )
            }
            Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                let month: u32 = m.parse().map_err(|_| bad())?;
                (
                    PeriodUnit::Month,
                    ymd(year, month, 1).ok_or_else(bad)?,
                    last_day_of_month(year, month).ok_or_else(bad)?,
                )
            }
            Some(_) => return Err(bad()),
        }
    };
    with_cut_off(
        Period {
            label: s.to_string(),
            unit,
            start,
            end,
            as_of: None,
        },
        as_of,
    )
}

/// A period with its cut-off (ngày chốt số liệu), which may not fall before its start.
pub fn with_cut_off(period: Period, as_of: Option<NaiveDate>) -> Result<Period, PeriodError> {
    if let Some(c) = as_of.filter(|c| *c < period.start) {
        return Err(PeriodError::CutOffBeforeStart(
            crate::vn_number::date(c),
            crate::vn_number::date(period.start),
        ));
    }
    Ok(Period { as_of, ..period })
}

/// An ISO week `2025-W48` (Monday to Sunday): its first and last day.
pub fn parse_iso_week(raw: &str) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let bad = || PeriodError::BadWeek(raw.to_string());
    let (year, week) = raw.trim().split_once(['-', '_']).ok_or_else(bad)?;
    let week = week.strip_prefix(['W', 'w']).ok_or_else(bad)?;
    let (year, week): (i32, u32) = (
        year.parse().map_err(|_| bad())?,
        week.parse().map_err(|_| bad())?,
    );
    let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(bad)?;
    let sunday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Sun).ok_or_else(bad)?;
    Ok((monday, sunday))
}

/// One day one year earlier; 29 February becomes 28 February.
pub fn shift_back_one_year(d: NaiveDate) -> NaiveDate {
    ymd(d.year() - 1, d.month(), d.day())
        .or_else(|| ymd(d.year() - 1, d.month(), d.day() - 1))
        .unwrap_or(d)
}

/// The same period last year (cùng kỳ, SPEC 4.4): a named unit maps to the same unit one year
/// earlier (its real month end: `2025-02` → 01/02/2024–29/02/2024); a range and the cut-off
/// shift date by date.
pub fn same_period_last_year(p: &Period) -> Period {
    let (start, end) = match p.unit {
        PeriodUnit::Range => (shift_back_one_year(p.start), shift_back_one_year(p.end)),
        _ => {
            let start = shift_back_one_year(p.start);
            let end = last_day_of_month(p.end.year() - 1, p.end.month()).unwrap_or(p.end);
            (start, end)
        }
    };
    let label = match p.unit {
        PeriodUnit::Range => format!("{start}..{end}"),
        _ => {
            let year = p.start.year();
            p.label
                .replacen(&year.to_string(), &(year - 1).to_string(), 1)
        }
    };
    Period {
        label,
        unit: p.unit,
        start,
        end,
        as_of: p.as_of.map(shift_back_one_year),
    }
}

/// Vietnamese phrase for a title: "năm 2025", "6 tháng đầu năm 2025", "quý III năm 2025",
/// "tháng 02 năm 2025", "từ ngày 01/01/2025 đến ngày 06/07/2025".
pub fn phrase(p: &Period) -> String {
    let year = p.start.year();
    match p.unit {
        PeriodUnit::Year => format!("năm {year}"),
        PeriodUnit::Half if p.start.month() == 1 => format!("6 tháng đầu năm {year}"),
        PeriodUnit::Half => format!("6 tháng cuối năm {year}"),
        PeriodUnit::Quarter => {
            let roman = ["I", "II", "III", "IV"][((p.start.month() - 1) / 3) as usize];
            format!("quý {roman} năm {year}")
        }
        PeriodUnit::Month => format!("tháng {:02} năm {year}", p.start.month()),
        PeriodUnit::Range => format!(
            "từ ngày {} đến ngày {}",
            crate::vn_number::date(p.start),
            crate::vn_number::date(p.end)
        ),
    }
}

/// "Lũy kế từ 01/01/2025 đến hết ngày 21/02/2025": the span the figures cover.
pub fn span_phrase(p: &Period) -> String {
    format!(
        "từ {} đến hết ngày {}",
        crate::vn_number::date(p.start),
        crate::vn_number::date(p.effective_end())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn every_period_form_parses_to_its_bounds() {
        let cases = [
            ("2025", d(2025, 1, 1), d(2025, 12, 31)),
            ("2025-H1", d(2025, 1, 1), d(2025, 6, 30)),
            ("2025-H2", d(2025, 7, 1), d(2025, 12, 31)),
            ("2025-Q3", d(2025, 7, 1), d(2025, 9, 30)),
            ("2024-02", d(2024, 2, 1), d(2024, 2, 29)),
            ("2025-01-01..2025-07-06", d(2025, 1, 1), d(2025, 7, 6)),
        ];
        for (label, start, end) in cases {
            let p = parse(label, None).unwrap();
            assert_eq!((p.start, p.end), (start, end), "{label}");
        }
    }

    #[test]
    fn iso_weeks_run_from_monday_to_sunday() {
        // 1 January 2026 is a Thursday: ISO week 1 of 2026 starts on Monday 29/12/2025.
        assert_eq!(
            parse_iso_week("2026-W01").unwrap(),
            (d(2025, 12, 29), d(2026, 1, 4))
        );
        assert_eq!(
            parse_iso_week("2025-W48").unwrap(),
            (d(2025, 11, 24), d(2025, 11, 30))
        );
        // 2026 has 53 ISO weeks (it starts on a Thursday), 2025 has 52.
        assert!(parse_iso_week("2026-W53").is_ok());
        assert!(parse_iso_week("2025-W53").is_err());
        assert!(parse_iso_week("2025-48").is_err());
    }

    #[test]
    fn cut_off_before_end_is_the_effective_end() {
        let p = parse("2019", Some(d(2019, 12, 30))).unwrap();
        assert_eq!(p.effective_end(), d(2019, 12, 30));
        let later = parse("2019-H1", Some(d(2019, 12, 30))).unwrap();
        assert_eq!(later.effective_end(), d(2019, 6, 30));
    }

    #[test]
    fn unknown_forms_are_refused() {
        for bad in [
            "2025-H3",
            "2025-Q5",
            "2025-13",
            "25",
            "năm 2025",
            "2025-07-06..2025-01-01",
        ] {
            assert!(parse(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn same_period_last_year_keeps_the_unit_and_shifts_the_cut_off() {
        let feb = same_period_last_year(&parse("2025-02", None).unwrap());
        assert_eq!(
            (feb.start, feb.end, feb.label.as_str()),
            (d(2024, 2, 1), d(2024, 2, 29), "2024-02")
        );
        let ytd = same_period_last_year(&parse("2025", Some(d(2025, 2, 21))).unwrap());
        assert_eq!(ytd.effective_end(), d(2024, 2, 21));
        let leap = same_period_last_year(&parse("2024-01-01..2024-02-29", None).unwrap());
        assert_eq!(leap.end, d(2023, 2, 28));
    }
}
