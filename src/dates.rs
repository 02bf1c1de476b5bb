//! Dates as exports carry them (SPEC 3.1): real Excel dates, Excel serial numbers, day-first
//! text (`dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, with or without a time) and ISO
//! `yyyy-mm-dd`. A text date is never month-first. Deadlines and work-programme times may also
//! be a month or a quarter (`Tháng 3/2025`, `3/2025`, `Quý II/2025`): a [`Span`], due on its
//! last day.

use chrono::{Duration, NaiveDate};

/// Excel's day zero in the 1900 date system (serial 1 = 1900-01-01, with the 1900 leap-year bug
/// absorbed for every serial after 60).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// A serial number as a date, when it is a plausible one (1920..2100).
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(7_306.0..=73_051.0).contains(&serial) {
        return None;
    }
    excel_epoch().checked_add_signed(Duration::days(serial.floor() as i64))
}

/// Parse a date typed as text. Returns `None` when the text is not a date.
pub fn parse_text(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    // Drop a time part: "15/03/2024 08:30", "2024-03-15T08:30:00", "2024-03-15 08:30".
    let day_part = s.split(['T', ' ']).next().unwrap_or(s).trim();
    if day_part.is_empty() {
        return None;
    }
    let parts: Vec<&str> = day_part.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        // Maybe a serial number kept as text (CSV exports).
        return day_part.parse::<f64>().ok().and_then(from_serial);
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0] as i32, nums[1], nums[2]) // ISO yyyy-mm-dd
    } else {
        let year = match parts[2].len() {
            4 => nums[2] as i32,
            2 => 2000 + nums[2] as i32,
            _ => return None,
        };
        (year, nums[1], nums[0]) // day first, always
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date written inside words, as hand-kept sheets do: "ngày 05 tháng 3 năm 2025",
/// "Trước ngày 30/6/2025", "hoàn thành 15.7.2025". The first date found wins.
pub fn parse_in_words(raw: &str) -> Option<NaiveDate> {
    let words = words_after(raw);
    if let (Some(d), Some(m), Some(y)) = (words("ngay"), words("thang"), words("nam")) {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    raw.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()))
        .filter(|w| w.contains(['/', '-', '.']))
        .find_map(parse_text)
}

/// A deadline given as a month or a quarter means its last day: "Tháng 6/2025",
/// "tháng 6 năm 2025" → 30/06/2025; "Quý II/2025", "quý 3 năm 2025" → 30/09/2025.
pub fn deadline_in_words(raw: &str) -> Option<NaiveDate> {
    if let Some(d) = parse_in_words(raw) {
        return Some(d);
    }
    month_or_quarter(raw).and_then(Span::last_day)
}

/// A month or a quarter of a year: how work programmes give the time an item is due
/// ("Tháng 3/2025", "Quý II/2025").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Span {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
}

impl Span {
    /// The span's last day (None only for a month or quarter out of range).
    pub fn last_day(self) -> Option<NaiveDate> {
        let (year, month) = match self {
            Span::Month { year, month } => (year, month),
            Span::Quarter { year, quarter } => (year, quarter * 3),
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        let (ny, nm) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
    }

    /// As a programme writes it: "Tháng 3/2025", "Quý II/2025".
    pub fn label(self) -> String {
        match self {
            Span::Month { year, month } => format!("Tháng {month}/{year}"),
            Span::Quarter { year, quarter } => {
                let roman = ["I", "II", "III", "IV"];
                let q = roman.get(quarter as usize - 1).copied().unwrap_or("?");
                format!("Quý {q}/{year}")
            }
        }
    }
}

/// A month or a quarter written in words anywhere in a text: "Tháng 6/2025", "trong tháng
/// 2 năm 2024", "Xin lùi sang tháng 6/2025"; "Quý II/2025", "quý 3 năm 2025", "Lùi sang
/// Quý III/2025"; or abbreviated as hand-kept sheets do, the letter against the number: "T6/2025",
/// "T06-2025", "Q2/2025", "QII/2025". The year is the first four-digit number between 1990
/// and 2100.
pub fn month_or_quarter(raw: &str) -> Option<Span> {
    let folded = crate::vn_text::fold(raw);
    let tokens: Vec<&str> = folded.split(' ').collect();
    let year = tokens
        .iter()
        .filter_map(|t| t.parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y))?;
    let after = |word: &str| {
        tokens
            .iter()
            .position(|t| *t == word)
            .and_then(|i| tokens.get(i + 1))
            .copied()
    };
    let quarter_of = |t: &str| match t {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    };
    // "t6", "q2", "qii": one letter against the number, as a token of its own.
    let abbreviated = |letter: char, number: &dyn Fn(&str) -> Option<u32>| {
        tokens
            .iter()
            .find_map(|t| t.strip_prefix(letter).and_then(number))
    };
    // Folded tokens are letters and digits only: a number parses, a word does not.
    let number = |t: &str| t.parse::<u32>().ok();
    let month = match after("thang") {
        Some(t) => number(t),
        None => abbreviated('t', &number),
    };
    let span = if let Some(month) = month {
        Span::Month { year, month }
    } else {
        let quarter = match after("quy") {
            Some(t) => quarter_of(t)?,
            None => abbreviated('q', &quarter_of)?,
        };
        Span::Quarter { year, quarter }
    };
    span.last_day().map(|_| span)
}

/// A month written in digits alone: "3/2025", "03/2025", "03-2025", "03.2025".
pub fn month_in_digits(raw: &str) -> Option<Span> {
    let parts: Vec<&str> = raw.trim().split(['/', '-', '.']).collect();
    let [month, year] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(month, 1..=2) || !digits(year, 4..=4) {
        return None;
    }
    let span = Span::Month {
        year: year.parse().ok()?,
        month: month.parse().ok()?,
    };
    span.last_day().map(|_| span)
}

/// The number after a folded word: "ngay 05 thang 3 nam 2025" → ("thang") → 3.
fn words_after(raw: &str) -> impl Fn(&str) -> Option<u32> {
    let folded = crate::vn_text::fold(raw);
    move |word: &str| {
        let tokens: Vec<&str> = folded.split(' ').collect();
        tokens
            .iter()
            .position(|t| *t == word)
            .and_then(|i| tokens.get(i + 1))
            .and_then(|t| t.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn text_dates_are_day_first_in_every_separator() {
        assert_eq!(parse_text("05/03/2024"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("5/3/2024"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("05-03-2024"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("05.03.2024"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("05/03/2024 14:30"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("12/01/2024"), Some(ymd(2024, 1, 12)));
    }

    #[test]
    fn iso_and_serial_dates_are_read() {
        assert_eq!(parse_text("2024-03-05"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("2024-03-05T08:00:00"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_text("45292"), Some(ymd(2024, 1, 1)));
        assert_eq!(from_serial(45292.75), Some(ymd(2024, 1, 1)));
    }

    #[test]
    fn dates_inside_words_are_found() {
        assert_eq!(
            parse_in_words("ngày 05 tháng 3 năm 2025"),
            Some(ymd(2025, 3, 5))
        );
        assert_eq!(
            parse_in_words("Trước ngày 30/6/2025"),
            Some(ymd(2025, 6, 30))
        );
        assert_eq!(
            parse_in_words("Hoàn thành (15.7.2025)"),
            Some(ymd(2025, 7, 15))
        );
        assert_eq!(parse_in_words("Đang chờ ý kiến"), None);
    }

    #[test]
    fn a_month_or_quarter_deadline_means_its_last_day() {
        assert_eq!(deadline_in_words("Tháng 6/2025"), Some(ymd(2025, 6, 30)));
        assert_eq!(
            deadline_in_words("trong tháng 2 năm 2024"),
            Some(ymd(2024, 2, 29))
        );
        assert_eq!(deadline_in_words("Quý II/2025"), Some(ymd(2025, 6, 30)));
        assert_eq!(deadline_in_words("quý 4 năm 2025"), Some(ymd(2025, 12, 31)));
        assert_eq!(deadline_in_words("Thường xuyên"), None);
    }

    #[test]
    fn months_and_quarters_in_every_form_give_their_span() {
        let month = |year, month| Some(Span::Month { year, month });
        let quarter = |year, quarter| Some(Span::Quarter { year, quarter });
        assert_eq!(month_in_digits("3/2025"), month(2025, 3));
        assert_eq!(month_in_digits("03/2025"), month(2025, 3));
        assert_eq!(month_in_digits(" 12-2024 "), month(2024, 12));
        assert_eq!(month_in_digits("13/2025"), None);
        assert_eq!(month_in_digits("05/03/2025"), None);
        assert_eq!(month_in_digits("3/25"), None);
        assert_eq!(month_or_quarter("Tháng 3/2025"), month(2025, 3));
        assert_eq!(
            month_or_quarter("Xin lùi sang tháng 6/2025"),
            month(2025, 6)
        );
        assert_eq!(month_or_quarter("Lùi sang Quý III/2025"), quarter(2025, 3));
        assert_eq!(month_or_quarter("Tháng 13/2025"), None);
        // Abbreviated: the letter against the number.
        assert_eq!(month_or_quarter("T6/2025"), month(2025, 6));
        assert_eq!(month_or_quarter("t06-2025"), month(2025, 6));
        assert_eq!(month_or_quarter("Q2/2025"), quarter(2025, 2));
        assert_eq!(month_or_quarter("QIV/2024"), quarter(2024, 4));
        assert_eq!(month_or_quarter("T13/2025"), None);
        assert_eq!(month_or_quarter("TP/2025"), None);
        assert_eq!(month_or_quarter("Tổ 2/2025"), None);
        // The abbreviation is found after other words starting with its letter.
        assert_eq!(month_or_quarter("Trình trước T9/2025"), month(2025, 9));
        assert_eq!(
            month_or_quarter("Quyết định trong Q3/2025"),
            quarter(2025, 3)
        );
        // 30/06 for the second quarter; February of a leap year ends on the 29th.
        assert_eq!(
            Span::Quarter {
                year: 2025,
                quarter: 2
            }
            .last_day(),
            Some(ymd(2025, 6, 30))
        );
        assert_eq!(
            Span::Month {
                year: 2024,
                month: 2
            }
            .last_day(),
            Some(ymd(2024, 2, 29))
        );
        assert_eq!(
            Span::Quarter {
                year: 2025,
                quarter: 2
            }
            .label(),
            "Quý II/2025"
        );
        assert_eq!(
            Span::Month {
                year: 2025,
                month: 3
            }
            .label(),
            "Tháng 3/2025"
        );
    }

    #[test]
    fn non_dates_are_rejected() {
        assert_eq!(parse_text("31/02/2024"), None);
        assert_eq!(parse_text("Thường xuyên"), None);
        assert_eq!(parse_text("13/13/2024"), None);
        assert_eq!(parse_text("12"), None);
    }
}
