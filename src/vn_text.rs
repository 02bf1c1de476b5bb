//! Vietnamese text as exports really carry it: NFC or NFD, old or new tone placement
//! (`Uỷ`/`Ủy`, `hoà`/`hòa`), stray spaces and line breaks. `clean` gives the text to show;
//! `fold` gives the key to compare on (header names, agency names, status texts, duplicates).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text to show: NFC, every run of white space (line breaks too) made one space, trimmed.
/// Empty text becomes `None`.
pub fn clean(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for word in raw.nfc().collect::<String>().split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Comparison key: lower case, diacritics and tone marks removed (so tone placement cannot
/// matter), `đ` → `d`, punctuation turned into spaces, spaces collapsed.
/// `"Uỷ ban nhân dân\nhuyện  Đông-Hà"` → `"uy ban nhan dan huyen dong ha"`.
pub fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for ch in raw.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            _ => ch,
        };
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_nfc_and_collapses_spaces() {
        let nfd = "Hoa\u{300}n tha\u{300}nh  \n đúng hạn ";
        assert_eq!(clean(nfd).as_deref(), Some("Hoàn thành đúng hạn"));
        assert_eq!(clean("  \n "), None);
    }

    #[test]
    fn fold_ignores_case_diacritics_tone_placement_and_punctuation() {
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("Hoa\u{300}n tha\u{300}nh"), "hoan thanh");
        assert_eq!(fold("Số ký hiệu\n(văn bản)"), "so ky hieu van ban");
        assert_eq!(fold("Sở KH&ĐT"), "so kh dt");
        assert_eq!(fold("  Mã NV: "), "ma nv");
    }
}
