//! What a file says about itself in its title rows, notes or instructions sheet: when it was
//! exported (`trích xuất ngày 20/10/2025`, `Dữ liệu trích xuất từ hệ thống VNPT-iOFFICE lúc
//! 08:15 ngày 06/07/2020`, `Ngày xuất: 06/07/2020`, `kết xuất … ngày 31/12/2025`) and which
//! span it says it holds (`Từ ngày 01/01/2025 đến ngày 30/06/2025`). A date counts as an export
//! date only after a word that says so; any other date in a title is left alone.

use chrono::{NaiveDate, NaiveTime};

use crate::model::Statement;
use crate::vn_text::fold;

/// The words (folded) after which a date is the export date.
const EXPORT_WORDS: [&[&str]; 6] = [
    &["trich", "xuat"],
    &["ket", "xuat"],
    &["ngay", "xuat"],
    &["xuat", "du", "lieu"],
    &["xuat", "luc"],
    &["thoi", "diem", "xuat"],
];

pub fn statement(text: &str) -> Statement {
    let folded = fold(text);
    let tokens: Vec<&str> = folded.split(' ').collect();
    let mut out = Statement::default();
    if let Some(at) = find_any(&tokens, &EXPORT_WORDS) {
        let rest = &tokens[at..];
        if let Some((date, _)) = first_date(rest) {
            let time = time_in(rest);
            out.has_time = time.is_some();
            out.exported = Some(date.and_time(time.unwrap_or(NaiveTime::MIN)));
        }
    }
    if let Some(at) = find_any(&tokens, &[&["tu", "ngay"]])
        && let Some((from, used)) = first_date(&tokens[at..])
        && let after = &tokens[at + used..]
        && let Some(to_at) = find_any(after, &[&["den", "ngay"], &["den", "het", "ngay"]])
        && let Some((to, _)) = first_date(&after[to_at..]).filter(|(to, _)| *to >= from)
    {
        out.span = Some((from, to));
    }
    out
}

/// The index just after the first occurrence of any of the word sequences.
fn find_any(tokens: &[&str], phrases: &[&[&str]]) -> Option<usize> {
    (0..tokens.len()).find_map(|i| {
        phrases
            .iter()
            .find(|p| tokens[i..].starts_with(p))
            .map(|p| i + p.len())
    })
}

/// The first date in the tokens and the index just after it: `20 10 2025` (day first),
/// `2025 10 20` (ISO), or `20 thang 10 nam 2025`.
fn first_date(tokens: &[&str]) -> Option<(NaiveDate, usize)> {
    let num = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    for i in 0..tokens.len() {
        let Some(a) = num(tokens[i]) else { continue };
        let words = (
            tokens.get(i + 1),
            tokens.get(i + 2),
            tokens.get(i + 3),
            tokens.get(i + 4),
        );
        if let (Some(&"thang"), Some(m), Some(&"nam"), Some(y)) = words
            && let (Some(m), Some(y)) = (num(m), num(y))
            && let Some(d) = NaiveDate::from_ymd_opt(y as i32, m, a)
        {
            return Some((d, i + 5));
        }
        let (Some(b), Some(c)) = (
            tokens.get(i + 1).and_then(|t| num(t)),
            tokens.get(i + 2).and_then(|t| num(t)),
        ) else {
            continue;
        };
        let date = if tokens[i].len() == 4 {
            NaiveDate::from_ymd_opt(a as i32, b, c)
        } else if tokens[i + 2].len() == 4 {
            NaiveDate::from_ymd_opt(c as i32, b, a)
        } else {
            None
        };
        if let Some(d) = date {
            return Some((d, i + 3));
        }
    }
    None
}

/// `luc 08 15`, `luc 8h15`, `08h15`, `8 gio 15`: a time of day.
fn time_in(tokens: &[&str]) -> Option<NaiveTime> {
    let hm = |h: &str, m: &str| -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
    };
    tokens.iter().enumerate().find_map(|(i, t)| {
        let next = |k: usize| tokens.get(i + k).copied().unwrap_or("");
        // "08h15": digits on both sides of one h.
        let glued = t
            .split_once('h')
            .filter(|(h, m)| {
                (1..=2).contains(&h.len())
                    && (1..=2).contains(&m.len())
                    && format!("{h}{m}").bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|(h, m)| hm(h, m));
        glued
            .or_else(|| (*t == "luc").then(|| hm(next(1), next(2))).flatten())
            .or_else(|| (next(1) == "gio").then(|| hm(t, next(2))).flatten())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn export_dates_are_read_after_the_words_that_say_so() {
        let s = statement("Dữ liệu trích xuất từ hệ thống VNPT-iOFFICE lúc 08:15 ngày 06/07/2020");
        assert_eq!(
            s.exported,
            Some(d(2020, 7, 6).and_hms_opt(8, 15, 0).unwrap())
        );
        assert!(s.has_time);
        let s = statement("(trích xuất ngày 20/10/2025)");
        assert_eq!(s.exported, Some(d(2025, 10, 20).and_time(NaiveTime::MIN)));
        assert!(!s.has_time);
        assert_eq!(
            statement("Ngày xuất: 2025-12-31")
                .exported
                .map(|t| t.date()),
            Some(d(2025, 12, 31))
        );
        assert_eq!(
            statement("Năm 2021 (dữ liệu kết xuất từ hệ thống VNPT-iOFFICE ngày 31/12/2025)")
                .exported
                .map(|t| t.date()),
            Some(d(2025, 12, 31))
        );
        assert_eq!(
            statement("Kết xuất lúc 16h30 ngày 05 tháng 3 năm 2024").exported,
            Some(d(2024, 3, 5).and_hms_opt(16, 30, 0).unwrap())
        );
    }

    #[test]
    fn a_date_without_an_export_word_is_not_an_export_date() {
        assert_eq!(statement("Báo cáo ngày 20/10/2025").exported, None);
        assert_eq!(statement("DANH SÁCH NHIỆM VỤ NĂM 2025").exported, None);
    }

    #[test]
    fn a_stated_span_is_read_from_the_title() {
        let s = statement("Từ ngày 01/01/2025 đến ngày 30/06/2025");
        assert_eq!(s.span, Some((d(2025, 1, 1), d(2025, 6, 30))));
        assert_eq!(
            statement("Từ ngày 30/06/2025 đến ngày 01/01/2025").span,
            None
        );
    }
}
