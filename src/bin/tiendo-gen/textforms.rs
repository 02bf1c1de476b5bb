//! The forms Vietnamese text takes in real exports, produced on purpose: NFD instead of NFC,
//! old tone placement (`Uỷ`, `hoà`), stray double spaces, case variants. Also the generator's
//! own fold key, used only to keep generated contents distinct.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The text decomposed (NFD): looks the same, different bytes.
pub fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// NFC, trimmed, runs of white space made one space: how an unknown agency is keyed.
pub fn clean(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Case-, diacritic-, punctuation- and spacing-blind key.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for ch in s.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = if ch == 'đ' || ch == 'Đ' { 'd' } else { ch };
        if ch.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(ch.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Pairs (new placement, old placement) for open syllables `oa`, `oe`, `uy`.
const TONE_PAIRS: &[(&str, &str)] = &[
    ("òa", "oà"),
    ("óa", "oá"),
    ("ỏa", "oả"),
    ("õa", "oã"),
    ("ọa", "oạ"),
    ("òe", "oè"),
    ("óe", "oé"),
    ("ỏe", "oẻ"),
    ("ọe", "oẹ"),
    ("ùy", "uỳ"),
    ("úy", "uý"),
    ("ủy", "uỷ"),
    ("ũy", "uỹ"),
    ("ụy", "uỵ"),
    ("Ủy", "Uỷ"),
    ("Úy", "Uý"),
    ("Òa", "Oà"),
];

/// Moves the tone mark to the old place (`Ủy ban` → `Uỷ ban`, `hòa` → `hoà`) where the
/// syllable ends after the pair; returns the text unchanged when nothing applies.
pub fn old_tone(s: &str) -> String {
    let mut out = s.to_string();
    for &(new, old) in TONE_PAIRS {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(pos) = rest.find(new) {
            let after = &rest[pos + new.len()..];
            let open = after.chars().next().is_none_or(|c| !c.is_alphabetic());
            result.push_str(&rest[..pos]);
            result.push_str(if open { old } else { new });
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// True when `old_tone` would change the text.
pub fn has_new_tone(s: &str) -> bool {
    old_tone(s) != s
}

/// Doubles the space at the `nth` space of the text (counted modulo the number of spaces).
pub fn double_space(s: &str, nth: usize) -> String {
    let count = s.matches(' ').count();
    if count == 0 {
        return s.to_string();
    }
    let target = nth % count;
    let mut out = String::with_capacity(s.len() + 1);
    let mut seen = 0;
    for ch in s.chars() {
        out.push(ch);
        if ch == ' ' {
            if seen == target {
                out.push(' ');
            }
            seen += 1;
        }
    }
    out
}

/// Upper case of the whole text (`SỞ TÀI CHÍNH`).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// First letter made lower case (`sở Tài chính`).
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_tone_moves_marks_only_in_open_syllables() {
        assert_eq!(
            old_tone("Ủy ban nhân dân huyện Tân Hòa"),
            "Uỷ ban nhân dân huyện Tân Hoà"
        );
        assert_eq!(old_tone("hòa bình, hoàn thành"), "hoà bình, hoàn thành");
        assert_eq!(old_tone("Sở Văn hóa"), "Sở Văn hoá");
    }

    #[test]
    fn nfd_and_old_tone_fold_to_the_same_key() {
        let a = fold("Ủy ban nhân dân huyện Tân Hòa");
        assert_eq!(a, fold(&nfd("Uỷ ban  nhân dân huyện Tân Hoà")));
        assert_eq!(a, "uy ban nhan dan huyen tan hoa");
    }

    #[test]
    fn double_space_adds_exactly_one_space() {
        assert_eq!(double_space("Sở Y tế", 1), "Sở Y  tế");
        assert_eq!(clean(&double_space("Sở Y tế", 0)), "Sở Y tế");
    }
}
