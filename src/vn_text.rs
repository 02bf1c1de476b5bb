//! Vietnamese text as exports really carry it: NFC or NFD, old or new tone placement
//! (`Uỷ`/`Ủy`, `hoà`/`hòa`), stray spaces and line breaks. `clean` gives the text to show;
//! `fold` gives the key to compare on (header names, agency names, status texts, duplicates).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Text to show: NFC, every run of white space (line breaks too) made one space, trimmed.
/// Empty text becomes `None`.
pub fn clean(raw: &str) -> Option<String> {
    clean_owned(raw.to_string())
}

/// [`clean`] for an owned string: text that is already clean (the common case: NFC, single
/// spaces) is returned without copying — this runs on every text cell of every input.
pub fn clean_owned(raw: String) -> Option<String> {
    let is_nfc = raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes;
    let has_odd_spaces = raw.starts_with(char::is_whitespace)
        || raw.ends_with(char::is_whitespace)
        || raw
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b' ' && w[1] == b' ')
        || raw.chars().any(|c| c.is_whitespace() && c != ' ');
    if is_nfc && !has_odd_spaces {
        return (!raw.is_empty()).then_some(raw);
    }
    let nfc: String = if is_nfc { raw } else { raw.nfc().collect() };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// The base letter of a character: `ệ` → `e`, `Ư` → `U`; NFC input needs no decomposition
/// pass over the whole string (the hot path: agency names and task contents of every row).
fn base_char(ch: char) -> char {
    if ch.is_ascii() {
        return ch;
    }
    let c = ch as u32;
    let table = base_table();
    match c {
        0x00C0..0x0250 => table[(c - 0x00C0) as usize],
        0x1E00..0x1F00 => table[(c - 0x1E00) as usize + LATIN_LEN],
        _ => decompose_first(ch),
    }
}

/// Latin-1 Supplement to Latin Extended-B, then Latin Extended Additional (where the
/// precomposed Vietnamese letters live): base letters looked up by index instead of a
/// decomposition search for every character of every row.
const LATIN_LEN: usize = 0x0250 - 0x00C0;

fn base_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x00C0..0x0250u32)
            .chain(0x1E00..0x1F00)
            .map(|c| char::from_u32(c).map_or('\u{fffd}', decompose_first))
            .collect()
    })
}

fn decompose_first(ch: char) -> char {
    let mut first = None;
    decompose_canonical(ch, |c| {
        if first.is_none() {
            first = Some(c);
        }
    });
    first.unwrap_or(ch)
}

/// Comparison key: lower case, diacritics and tone marks removed (so tone placement cannot
/// matter), `đ` → `d`, punctuation turned into spaces, spaces collapsed.
/// `"Uỷ ban nhân dân\nhuyện  Đông-Hà"` → `"uy ban nhan dan huyen dong ha"`.
pub fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    fold_each(raw, |ch| out.push(ch));
    out
}

/// Hash of [`fold`]`(raw)` without building the folded string (duplicate keys of a million
/// task contents).
pub fn fold_hash(raw: &str, hasher: &mut impl std::hash::Hasher) {
    thread_local! {
        // One buffer per thread: the folded text is hashed in one write, not char by char.
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        fold_each(raw, |ch| buf.push(ch));
        hasher.write(buf.as_bytes());
    });
    hasher.write_u8(0xff);
}

/// The characters of the folded text, one by one.
fn fold_each(raw: &str, mut emit: impl FnMut(char)) {
    let (mut pending_space, mut started) = (false, false);
    for ch in raw.chars() {
        // Combining marks start at U+0300: nothing below needs the table lookup.
        if ch >= '\u{300}' && is_combining_mark(ch) {
            continue;
        }
        let ch = match base_char(ch) {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if ch.is_alphanumeric() {
            if pending_space && started {
                emit(' ');
            }
            pending_space = false;
            started = true;
            if ch.is_ascii() {
                emit(ch.to_ascii_lowercase());
            } else {
                ch.to_lowercase().for_each(&mut emit);
            }
        } else {
            pending_space = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_nfc_and_collapses_spaces() {
        let nfd = "Hoa\u{300}n tha\u{300}nh  \n đúng hạn ";
        assert_eq!(clean(nfd).as_deref(), Some("Hoàn thành đúng hạn"));
        assert_eq!(clean("  \n "), None);
        assert_eq!(
            clean_owned("Sở Y tế".to_string()).as_deref(),
            Some("Sở Y tế")
        );
        assert_eq!(
            clean_owned("Sở  Y tế\t".to_string()).as_deref(),
            Some("Sở Y tế")
        );
    }

    #[test]
    fn fold_ignores_case_diacritics_tone_placement_and_punctuation() {
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("Hoa\u{300}n tha\u{300}nh"), "hoan thanh");
        assert_eq!(fold("Số ký hiệu\n(văn bản)"), "so ky hieu van ban");
        assert_eq!(fold("Sở KH&ĐT"), "so kh dt");
        assert_eq!(fold("  Mã NV: "), "ma nv");
        assert_eq!(fold("Ưu tiên ĐƯỜNG bộ"), "uu tien duong bo");
        let hash = |s: &str| {
            let mut h = std::hash::DefaultHasher::new();
            fold_hash(s, &mut h);
            std::hash::Hasher::finish(&h)
        };
        assert_eq!(
            hash("Xây dựng  kế hoạch"),
            hash("xây dựng ke\u{302}\u{301} hoạch.")
        );
        assert_ne!(hash("Việc A"), hash("Việc B"));
        assert_eq!(fold("Tha\u{300}nh pho\u{302}\u{301}"), fold("Thành phố"));
    }
}
