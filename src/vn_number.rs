//! Numbers and dates in Vietnamese style (SPEC 5): `2.805`, `94,2%`, `dd/mm/yyyy`, and the
//! changes against the same period last year (`tăng 23,8%`, `giảm 1,2 điểm %`).

use chrono::NaiveDate;

/// How a percentage is cut to one decimal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Half away from zero (the default): 95,85 → 95,9.
    #[default]
    Round,
    /// Truncate, to reproduce a published figure: 95,89 → 95,8.
    Truncate,
}

/// A share (0..=1) as a percentage with one decimal, as displayed. `None` stays `None`.
pub fn percent_one_decimal(share: Option<f64>, rounding: Rounding) -> Option<f64> {
    // Work in tenths of a percent; the small epsilon absorbs binary error (0.9585 * 1000 = 958.4999…).
    share.map(|s| {
        let tenths = s * 1000.0;
        let cut = match rounding {
            Rounding::Round => (tenths.abs() + 1e-9).round() * tenths.signum(),
            Rounding::Truncate => (tenths.abs() + 1e-9).trunc() * tenths.signum(),
        };
        cut / 10.0
    })
}

/// `2805` → `2.805`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A number with one decimal and a decimal comma: `94.2` → `94,2`, `1234.5` → `1.234,5`.
pub fn decimal1(x: f64) -> String {
    let tenths = (x.abs() * 10.0 + 1e-9).round() as u64;
    let sign = if x < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{},{}", count(tenths / 10), tenths % 10)
}

/// A share as displayed: `94,2%`, or `-` when the denominator is zero.
pub fn percent(share: Option<f64>, rounding: Rounding) -> String {
    match percent_one_decimal(share, rounding) {
        Some(p) => format!("{}%", decimal1(p)),
        None => "-".to_string(),
    }
}

/// The change of a count against last year: `tăng 23,8%`, `giảm 5,0%`, `không đổi`;
/// `None` when last year had none (no relative change can be stated).
pub fn count_change(now: u64, before: u64) -> Option<String> {
    if before == 0 {
        return None;
    }
    let rel = (now as f64 - before as f64) / before as f64 * 100.0;
    let shown = decimal1(rel.abs());
    Some(if now > before {
        format!("tăng {shown}%")
    } else if now < before {
        format!("giảm {shown}%")
    } else {
        "không đổi".to_string()
    })
}

/// The change of a rate in percentage points, computed from the two displayed (rounded)
/// rates so that the printed numbers add up: `tăng 5,8 điểm %`.
pub fn rate_change(now: Option<f64>, before: Option<f64>, rounding: Rounding) -> Option<String> {
    let now = percent_one_decimal(now, rounding)?;
    let before = percent_one_decimal(before, rounding)?;
    let diff = ((now - before) * 10.0).round() / 10.0;
    Some(if diff > 0.0 {
        format!("tăng {} điểm %", decimal1(diff))
    } else if diff < 0.0 {
        format!("giảm {} điểm %", decimal1(-diff))
    } else {
        "không đổi".to_string()
    })
}

/// Roman numerals for group rows, sections and annexes: 1 → "I", 4 → "IV", 14 → "XIV".
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `dd/mm/yyyy`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Points as the working and the reports show them: hundredths, decimal comma, trailing zeros
/// dropped, `.` between thousands: `10`, `6,5`, `93,13`, `1.250`; a negative value takes `−`.
pub fn points_text(points: f64) -> String {
    let h = hundredths(points);
    let sign = if h < 0 { "−" } else { "" };
    let abs = h.unsigned_abs();
    let whole = count(abs / 100);
    match abs % 100 {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
        f => format!("{sign}{whole},{f:02}"),
    }
}

/// Points in whole hundredths, half away from zero (the small epsilon absorbs binary error:
/// 1.875 × 100 is exact, 2.675 × 100 = 267.4999…).
pub fn hundredths(points: f64) -> i64 {
    let h = (points.abs() * 100.0 + 1e-6).round() as i64;
    if points < 0.0 { -h } else { h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_for_annexes() {
        assert_eq!(
            (1..=6).map(roman).collect::<Vec<_>>(),
            ["I", "II", "III", "IV", "V", "VI"]
        );
    }

    #[test]
    fn counts_use_dot_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(2805), "2.805");
        assert_eq!(count(1234567), "1.234.567");
    }

    #[test]
    fn percent_rounds_half_away_from_zero_with_decimal_comma() {
        // 3328 / 3472 = 0.95852… → 95,9 % (the SPEC §1 report printed 95,6 %).
        assert_eq!(percent(Some(3328.0 / 3472.0), Rounding::Round), "95,9%");
        assert_eq!(percent(Some(0.9585), Rounding::Round), "95,9%");
        assert_eq!(percent(Some(0.9585), Rounding::Truncate), "95,8%");
        assert_eq!(percent(Some(1.0), Rounding::Round), "100,0%");
        assert_eq!(percent(None, Rounding::Round), "-");
    }

    #[test]
    fn changes_are_relative_for_counts_and_points_for_rates() {
        assert_eq!(count_change(3472, 2823).as_deref(), Some("tăng 23,0%"));
        assert_eq!(count_change(90, 100).as_deref(), Some("giảm 10,0%"));
        assert_eq!(count_change(5, 0), None);
        // 91,6 % vs 85,8 % → 5,8 points, from the displayed values.
        assert_eq!(
            rate_change(Some(0.9161), Some(0.8579), Rounding::Round).as_deref(),
            Some("tăng 5,8 điểm %")
        );
        assert_eq!(rate_change(Some(0.5), None, Rounding::Round), None);
    }
}
