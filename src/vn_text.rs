//! Vietnamese text as exports really carry it: NFC or NFD, old or new tone placement
//! (`Uỷ`/`Ủy`, `hoà`/`hòa`), stray spaces and line breaks. `clean` gives the text to show;
//! `fold` gives the key to compare on (header names, agency names, status texts, duplicates).

use crate::model::Text;

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
    if is_clean(&raw) {
        return Some(raw);
    }
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

/// [`clean`] into a shared string: text that is already clean is copied once, straight from
/// the cell (task numbers and contents of every row of a report).
pub fn clean_shared(raw: &str) -> Option<Text> {
    if is_clean(raw) {
        return Some(Text::from(raw));
    }
    clean(raw).map(Text::from)
}

/// True when [`clean`] would return `raw` unchanged, decided in one pass over the characters:
/// not empty, no white space but single spaces between words, and only characters that stay
/// as they are under NFC whatever surrounds them (ASCII, the Latin letters with their
/// Vietnamese precomposed forms, common punctuation). Anything else takes the full path.
/// Written by hand because unicode-normalization's quick check alone costs twice this on
/// every text cell, and does not look at spaces.
fn is_clean(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if first != b' ' && last != b' ' => {}
        _ => return false,
    }
    let mut after_space = false;
    for ch in raw.chars() {
        if ch == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        if !is_stable_char(ch) {
            return false;
        }
    }
    true
}

/// Printable characters that are not white space and that NFC leaves alone in any context
/// (checked for every one of them in the tests).
fn is_stable_char(ch: char) -> bool {
    matches!(ch, '!'..='~' | '\u{00A1}'..='\u{02FF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
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
    fold_into(raw, &mut out);
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
        fold_into(raw, buf);
        hasher.write(buf.as_bytes());
    });
    hasher.write_u8(0xff);
}

/// What one character becomes in the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Folded {
    /// Nothing (a combining mark: its base letter was already emitted).
    Skip,
    /// A word break (punctuation, white space, symbols).
    Break,
    /// One lower-case base letter or digit.
    Char(char),
    /// A letter whose lower case is several characters (`İ` → `i̇`): emitted by
    /// [`fold_char_slow`].
    Many,
}

/// The folding of one character, worked out from first principles: base letter (the first
/// character of its canonical decomposition), `đ` → `d`, alphanumerics lower-cased, anything
/// else a break. [`fold_table`] holds it for most characters.
fn fold_char_slow(ch: char) -> Folded {
    if !ch.is_ascii() && is_combining_mark(ch) {
        return Folded::Skip;
    }
    let base = match base_char(ch) {
        'đ' | 'Đ' => 'd',
        c => c,
    };
    if base.is_ascii() {
        return if base.is_ascii_alphanumeric() {
            Folded::Char(base.to_ascii_lowercase())
        } else {
            Folded::Break
        };
    }
    if !base.is_alphanumeric() {
        return Folded::Break;
    }
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(c), None) => Folded::Char(c),
        _ => Folded::Many,
    }
}

/// Where [`fold_table`] starts its second block (the first covers U+0000–U+036F:
/// ASCII, the Latin letters, the combining diacritics).
const FOLD_LOW: u32 = 0x0370;
const FOLD_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

/// What [`fold_table`] holds for a character that does not become one ASCII byte: nothing
/// (a combining mark), a word break, or the slow way ([`fold_char_slow`]: a letter that
/// stays non-ASCII, or whose lower case is several characters). Every other entry is the
/// ASCII letter or digit the character folds to (all of them above these three).
const SKIP: u8 = 0;
const BREAK: u8 = 1;
const SLOW: u8 = 2;

/// [`fold_char_slow`] for ASCII, Latin-1 to Latin Extended-B, the combining diacritics and
/// Latin Extended Additional (every character of Vietnamese text, precomposed or not), by
/// table, a byte per character: the folding of a million task contents is a lookup per
/// character.
fn fold_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..FOLD_LOW)
            .chain(FOLD_HIGH)
            .map(
                |c| match char::from_u32(c).map_or(Folded::Break, fold_char_slow) {
                    Folded::Skip => SKIP,
                    Folded::Break => BREAK,
                    Folded::Char(ch) if ch.is_ascii() => ch as u8,
                    Folded::Char(_) | Folded::Many => SLOW,
                },
            )
            .collect()
    })
}

/// [`fold`] appended to `out`. Written over the bytes (the hot path: task contents and
/// numbers of every row are folded for their duplicate keys): ASCII is looked up by its
/// byte, other characters are decoded from their UTF-8 bytes and looked up in the table,
/// or folded by [`fold_char_slow`] outside it.
fn fold_into(raw: &str, out: &mut String) {
    let table = fold_table();
    let bytes = raw.as_bytes();
    out.reserve(bytes.len());
    let (mut pending_space, mut started) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            // ASCII, most of every text, needs no decoding; the table makes it a letter or
            // digit, or a break.
            i += 1;
            match table[usize::from(lead)] {
                BREAK => pending_space = started,
                byte => {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    started = true;
                    out.push(char::from(byte));
                }
            }
            continue;
        }
        // The code point and the length of its encoding (`raw` is valid UTF-8).
        let (c, len) = match lead {
            0xC0..0xE0 => (
                (u32::from(lead & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F),
                2,
            ),
            0xE0..0xF0 => (
                (u32::from(lead & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F),
                3,
            ),
            _ => (
                (u32::from(lead & 0x07) << 18)
                    | (u32::from(bytes[i + 1] & 0x3F) << 12)
                    | (u32::from(bytes[i + 2] & 0x3F) << 6)
                    | u32::from(bytes[i + 3] & 0x3F),
                4,
            ),
        };
        i += len;
        let code = if c < FOLD_LOW {
            table[c as usize]
        } else if FOLD_HIGH.contains(&c) {
            table[(c - FOLD_HIGH.start + FOLD_LOW) as usize]
        } else {
            SLOW
        };
        let folded = match code {
            SKIP => continue,
            BREAK => Folded::Break,
            SLOW => char::from_u32(c).map_or(Folded::Break, fold_char_slow),
            byte => Folded::Char(char::from(byte)),
        };
        match folded {
            Folded::Skip => {}
            Folded::Break => pending_space = started,
            Folded::Char(ch) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                started = true;
                out.push(ch);
            }
            Folded::Many => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                started = true;
                if let Some(ch) = char::from_u32(c) {
                    out.extend(base_char(ch).to_lowercase());
                }
            }
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
    fn stable_characters_are_nfc_in_any_context_and_not_spaces() {
        use unicode_normalization::char::canonical_combining_class;
        let stable: Vec<char> = (0..=0x2FFFu32)
            .filter_map(char::from_u32)
            .filter(|c| is_stable_char(*c))
            .collect();
        assert_eq!(stable.len(), 94 + (0x2FF - 0xA1 + 1) + 0x100 + 0x18 + 0x2F);
        for ch in stable {
            assert!(!ch.is_whitespace() && !ch.is_control(), "{ch:?}");
            assert_eq!(canonical_combining_class(ch), 0, "{ch:?}");
            assert_eq!(
                is_nfc_quick(std::iter::once(ch)),
                IsNormalized::Yes,
                "{ch:?}"
            );
        }
    }

    #[test]
    fn the_fast_check_agrees_with_the_full_cleaning() {
        let samples = [
            "Sở Y tế",
            "Tổ chức kiểm tra, xử lý dứt điểm “khai thác cát” trái phép… (đợt 2); 44591/KH-UBND",
            "Hoa\u{300}n thành",
            "Sở  Y tế",
            " Sở Y tế",
            "Sở Y tế ",
            "Sở\tY tế",
            "Sở\u{a0}Y tế",
            "Uỷ ban nhân dân",
            "",
            " ",
            "a",
            "Ủy ban\u{2028}tỉnh",
            "Việc\u{202f}A",
            "한국어",
            "x\u{0}y",
        ];
        for raw in samples {
            if is_clean(raw) {
                assert_eq!(clean(raw).as_deref(), Some(raw), "{raw:?}");
            }
            assert_eq!(
                clean_shared(raw).as_deref(),
                clean(raw).as_deref(),
                "{raw:?}"
            );
            assert_eq!(clean_owned(raw.to_string()), clean(raw), "{raw:?}");
        }
        assert!(is_clean(
            "Tổ chức kiểm tra, xử lý dứt điểm “khai thác cát” trái phép… (đợt 2)"
        ));
        assert!(!is_clean("Sở  Y tế") && !is_clean("Hoa\u{300}n") && !is_clean(""));
    }

    /// The folding as it was written before the lookup table (one character at a time, by
    /// decomposition and the Unicode properties), kept as the reference the table must match.
    fn fold_by_properties(raw: &str) -> String {
        let mut out = String::new();
        let (mut pending_space, mut started) = (false, false);
        for ch in raw.chars() {
            if is_combining_mark(ch) {
                continue;
            }
            let base = match decompose_first(ch) {
                'đ' | 'Đ' => 'd',
                c => c,
            };
            if !base.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            if pending_space && started {
                out.push(' ');
            }
            pending_space = false;
            started = true;
            out.extend(base.to_lowercase());
        }
        out
    }

    #[test]
    fn the_folding_table_agrees_with_the_unicode_properties_for_every_character() {
        // Each character alone, between letters and between breaks: the table covers
        // U+0000–U+036F and U+1E00–U+1EFF, the rest goes the slow way; all must agree.
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("a{c}b"), format!("- {c} -")] {
                assert_eq!(fold(&text), fold_by_properties(&text), "U+{:04X}", c as u32);
            }
        }
        let nfd = "Tha\u{300}nh pho\u{302}\u{301} \u{110}\u{1ea0}I HO\u{323}C İstanbul ǅ";
        assert_eq!(fold(nfd), fold_by_properties(nfd));
        // İ decomposes to I + dot above (base I); ǅ has only a compatibility decomposition,
        // so it stays itself, lower-cased.
        assert_eq!(fold(nfd), "thanh pho dai hoc istanbul ǆ");
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
