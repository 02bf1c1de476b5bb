//! Text files (`.csv`, `.tsv`, `.txt`): one sheet of text cells. The encoding is the one its
//! byte-order mark names (UTF-8, UTF-16 LE or BE: Excel's "Unicode Text" is UTF-16 LE with
//! tabs), else UTF-8 when the bytes are valid UTF-8, else a single-byte code page guessed by
//! chardetng with Vietnam as the locale: windows-1258 is what Excel's "CSV" writes on
//! Vietnamese Windows (tones as combining marks after the letter; the normaliser composes
//! every text to NFC). A file that is UTF-8 in most places but not everywhere is refused
//! naming the first bad line: decoding it as a code page would garble its good part. The
//! separator is the one of `,` `;` and tab that splits the first lines most often, outside
//! quotes (tab for `.tsv` when none is found).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1258};

use crate::model::{CellRef, Text};

use super::{IngestError, RowSink};

/// Stream text bytes as one sheet of text cells.
pub fn stream(
    bytes: &[u8],
    file: &Text,
    tab_default: bool,
    sink: &mut dyn RowSink,
) -> Result<(), IngestError> {
    let body = decode(bytes, file)?;
    let body = body.as_ref();
    let delimiter = guess_delimiter(body.as_bytes(), tab_default);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    sink.begin_sheet(file, None, Vec::new());
    let mut record = csv::StringRecord::new();
    // The 0-based line where the record starts: a quoted field with line breaks takes more
    // than one line. (The csv crate's own positions miscount CRLF files.)
    let mut line = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(IngestError::Csv {
                    file: file.to_string(),
                    reason: csv_reason(&e),
                });
            }
        }
        let cells: Vec<CellRef<'_>> = record
            .iter()
            .map(|field| {
                if field.trim().is_empty() {
                    CellRef::Empty
                } else {
                    CellRef::Text(field)
                }
            })
            .collect();
        sink.row(line, &cells);
        line += 1 + record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
    }
    sink.end_sheet();
    Ok(())
}

/// The file's text, by the rules in the module comment.
fn decode<'b>(bytes: &'b [u8], file: &Text) -> Result<Cow<'b, str>, IngestError> {
    let not_utf8 = |body: &[u8]| {
        let valid_up_to = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        IngestError::NotUtf8 {
            file: file.to_string(),
            line: body[..valid_up_to].iter().filter(|b| **b == b'\n').count() + 1,
        }
    };
    match Encoding::for_bom(bytes) {
        // A UTF-8 BOM leaves no doubt: bytes that are not UTF-8 are damage, not a code page.
        Some((encoding, bom)) if encoding == UTF_8 => {
            let body = &bytes[bom..];
            return std::str::from_utf8(body)
                .map(Cow::Borrowed)
                .map_err(|_| not_utf8(body));
        }
        // UTF-16: an unpaired surrogate becomes U+FFFD.
        Some((encoding, bom)) => return Ok(encoding.decode_without_bom_handling(&bytes[bom..]).0),
        None => {}
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    // Valid multi-byte UTF-8 characters against invalid bytes: a code page file has almost
    // no valid multi-byte sequences (its letters are single bytes, rarely followed by the
    // 0x80-0xBF bytes a sequence needs), a damaged or mixed UTF-8 file has many.
    let (mut utf8_chars, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        utf8_chars += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if utf8_chars >= invalid {
        return Err(not_utf8(bytes));
    }
    Ok(legacy_encoding(bytes).decode_without_bom_handling(bytes).0)
}

/// The code page of a text that is not UTF-8: chardetng's guess for a Vietnamese locale,
/// kept when it is windows-1258 or windows-1252 (Latin-1; the two share the letters
/// `â ê ô à á …` at the same bytes), else windows-1258, the only other code page Vietnamese
/// offices write.
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Deny);
    if guess == WINDOWS_1252 {
        WINDOWS_1252
    } else {
        WINDOWS_1258
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.position() {
        Some(pos) => super::reason(&format!("lỗi định dạng CSV ở dòng {}", pos.line()), e),
        None => super::reason("lỗi định dạng CSV", e),
    }
}

/// Count `,` `;` and tabs outside quotes in the first 20 lines; the most frequent one wins
/// (ties: `;` over `,`, tab over both; no separator at all: tab for `.tsv`, else `,`).
fn guess_delimiter(body: &[u8], tab_default: bool) -> u8 {
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let (mut lines, mut quoted) = (0usize, false);
    for &b in body {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\t' if !quoted => tabs += 1,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            _ => {}
        }
    }
    if tabs > 0 && tabs >= semicolons && tabs >= commas {
        b'\t'
    } else if semicolons > 0 && semicolons >= commas {
        b';'
    } else if commas > 0 || !tab_default {
        b','
    } else {
        b'\t'
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Collector;
    use crate::model::{Cell, RawSheet};

    fn parse(bytes: &[u8], file: &str) -> Result<RawSheet, IngestError> {
        let mut c = Collector::default();
        stream(bytes, &Text::from(file), false, &mut c)?;
        Ok(c.sheets.remove(0))
    }

    #[test]
    fn semicolon_csv_with_bom_is_split_on_semicolons() {
        let bytes = "\u{feff}STT;Nội dung;Đơn vị\r\n1;\"Báo cáo, tổng hợp\";Sở Y tế\r\n".as_bytes();
        let sheet = parse(bytes, "a.csv").unwrap();
        assert_eq!(sheet.rows[0][0], Cell::Text("STT".into()));
        assert_eq!(sheet.rows[1][1], Cell::Text("Báo cáo, tổng hợp".into()));
        assert_eq!(sheet.rows[1][2], Cell::Text("Sở Y tế".into()));
    }

    #[test]
    fn rows_keep_their_line_numbers_across_quoted_line_breaks() {
        let sheet = parse(b"a,b\r\n\"x\r\ny\",1\r\nz,2\r\n", "d.csv").unwrap();
        // Record 2 spans lines 2-3, record 3 is on line 4.
        assert_eq!(sheet.rows[1][0], Cell::Text("x\r\ny".into()));
        assert_eq!(sheet.rows[3][0], Cell::Text("z".into()));
    }

    #[test]
    fn comma_csv_is_split_on_commas() {
        let sheet = parse(b"a,b,c\n1,,3\n", "b.csv").unwrap();
        assert_eq!(
            sheet.rows[1],
            vec![Cell::Text("1".into()), Cell::Empty, Cell::Text("3".into())]
        );
    }

    #[test]
    fn mixed_utf8_and_code_page_bytes_are_refused_with_the_line_number() {
        // Line 1 has two valid UTF-8 letters (ộ, Đ), line 2 two Latin-1 bytes (ô, ê): more
        // UTF-8 than not, so a damaged UTF-8 file, refused at its first bad line.
        let err = parse("Nội dung,Đơn vị\n".as_bytes(), "c.csv").map(|_| ());
        assert!(err.is_ok());
        let mut bytes = "Nội dung,Đơn vị\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"a,S\xf4 Y t\xea\n");
        let err = parse(&bytes, "c.csv").unwrap_err();
        assert!(matches!(err, IngestError::NotUtf8 { line: 2, .. }), "{err}");
    }

    #[test]
    fn bad_bytes_after_a_utf8_bom_are_refused_with_the_line_number() {
        let err = parse(b"\xEF\xBB\xBFa,b\r\nc,d\r\nS\xf4 Y t\xea,1\r\n", "g.csv").unwrap_err();
        assert!(matches!(err, IngestError::NotUtf8 { line: 3, .. }), "{err}");
    }

    #[test]
    fn a_code_page_file_is_decoded() {
        // No UTF-8 at all: a code page. 0xF4 and 0xEA are ô and ê in windows-1252 and
        // windows-1258 alike.
        let sheet = parse(b"a,b\nS\xf4 Y t\xea,1\n", "c.csv").unwrap();
        assert_eq!(sheet.rows[1][0], Cell::Text("Sô Y tê".into()));
    }

    #[test]
    fn windows_1258_tones_are_combining_marks_after_the_letter() {
        // «Sở Y tế» as Excel writes it on Vietnamese Windows: S, ơ (0xF5), hook above (0xD2),
        // space, Y, space, t, ê (0xEA), acute (0xEC); «Đơn vị»: Đ (0xD0), ơ, n, space, v, i,
        // dot below (0xF2). Decoded: ơ and ê precomposed, the tones combining after them; the
        // normaliser composes them to NFC.
        let sheet = parse(b"STT;\xd0\xf5n vi\xf2\n1;S\xf5\xd2 Y t\xea\xec\n", "d.csv").unwrap();
        assert_eq!(
            sheet.rows[1][1],
            Cell::Text("S\u{1a1}\u{309} Y t\u{ea}\u{301}".into())
        );
        assert_eq!(
            sheet.rows[0][1],
            Cell::Text("\u{110}\u{1a1}n vi\u{323}".into())
        );
    }

    #[test]
    fn utf16_with_a_bom_and_tabs_is_read() {
        // Excel's "Unicode Text": UTF-16 LE with BOM, tab separated.
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "STT\tĐơn vị\r\n1\tSở Y tế\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let sheet = parse(&bytes, "e.txt").unwrap();
        assert_eq!(sheet.rows[1][1], Cell::Text("Sở Y tế".into()));
        let mut be = vec![0xFE, 0xFF];
        for unit in "a;b\n1;Sở\n".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let sheet = parse(&be, "f.csv").unwrap();
        assert_eq!(sheet.rows[1][1], Cell::Text("Sở".into()));
    }

    #[test]
    fn the_most_frequent_separator_wins() {
        assert_eq!(guess_delimiter(b"a\tb\tc\n1\t2,5\t3\n", false), b'\t');
        assert_eq!(guess_delimiter(b"a;b;c\n1;2,5;3\n", false), b';');
        assert_eq!(guess_delimiter(b"a,b\n\"x;y\",1\n", false), b',');
        assert_eq!(guess_delimiter(b"one column\n", true), b'\t');
        assert_eq!(guess_delimiter(b"one column\n", false), b',');
    }
}
