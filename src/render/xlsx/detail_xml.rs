//! The rows of a large "Chi tiết" sheet, written straight into the sheet's XML and compressed
//! as they are written, one sheet a thread.
//!
//! Written by hand, and why: rust_xlsxwriter takes about 220 ns a cell in constant-memory
//! mode (two string copies, a per-row map, a temporary file read back at save), which is most
//! of the time of a national roll-up's report — 8.4 million cells for a million tasks. The
//! detail rows have one fixed shape, so they are written here in exactly the XML
//! rust_xlsxwriter writes for them (every escape rule mirrored, numbers formatted by the same
//! `zmij`); everything else in the sheet — name, columns and their styles, header, filter,
//! panes, print set-up — is still laid out by rust_xlsxwriter (`skeleton`). A test compares
//! the result with rust_xlsxwriter's own constant-memory sheet byte for byte, escapes
//! included.

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, Workbook, XlsxError as WriterError};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::styles::Styles;
use super::tasks::DetailCells;
use crate::model::TaskLine;

/// Where the one-entry zip of a detail sheet keeps it (and where the skeleton's workbook,
/// with a stand-in first sheet, has it).
pub(super) const DETAIL_ENTRY: &str = "xl/worksheets/sheet2.xml";

/// Column letters of the 17 detail columns.
const COLUMNS: [&str; 17] = [
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
];
const _: () = assert!(COLUMNS.len() == super::tasks::DETAIL_COLUMNS);

/// Uncompressed bytes handed to the compressor at a time.
const CHUNK: usize = 256 * 1024;

/// Excel's limit on the length of a cell's text, in UTF-16 units (rust_xlsxwriter's check).
const MAX_STRING_LEN: usize = 32_767;

/// The `i`-th detail sheet holding `lines` (STT from `first_stt + 1`), compressed, as the
/// only entry (`DETAIL_ENTRY`) of a zip: `super::merge` copies it into the report's workbook
/// as it is.
pub(super) fn detail_entry(
    lines: &[TaskLine],
    i: usize,
    first_stt: usize,
    st: &Styles,
) -> Result<Vec<u8>, WriterError> {
    let skeleton = Skeleton::new(i, lines.len(), st)?;
    // The sheet compresses to about an eighth of its ~1 kB of XML a task.
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(lines.len() * 200 + 4096)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(super::ZIP_LEVEL)))
        .unix_permissions(0o600)
        .last_modified_time(DateTime::default());
    zip.start_file(DETAIL_ENTRY, options)?;
    let mut out = Rows::new(&skeleton.styles);
    out.buf.extend_from_slice(skeleton.prefix.as_bytes());
    for (k, line) in lines.iter().enumerate() {
        out.row(2 + k as u32, first_stt + k + 1, line)?;
        if out.buf.len() >= CHUNK {
            zip.write_all(&out.buf)?;
            out.buf.clear();
        }
    }
    out.buf.extend_from_slice(skeleton.suffix.as_bytes());
    zip.write_all(&out.buf)?;
    Ok(zip.finish()?.into_inner())
}

/// The sheet as rust_xlsxwriter lays it out, cut around its task rows: the XML before them
/// (through the header row) and after them, and the style each column gives its cells.
struct Skeleton {
    prefix: String,
    suffix: String,
    styles: [u32; COLUMNS.len()],
}

impl Skeleton {
    fn new(i: usize, rows: usize, st: &Styles) -> Result<Self, WriterError> {
        let mut wb = Workbook::new();
        wb.add_worksheet(); // a stand-in first sheet, as in the report: this one is not selected
        let ws = wb.add_worksheet_with_constant_memory()?;
        super::tasks::lay_out_detail(ws, i, rows, st)?;
        // One cell on the first task row (cut away below): the header row is then written out
        // as it is when tasks follow it (alone, rust_xlsxwriter writes its <row> twice).
        ws.write_number(1, 0, 0.0)?;
        let bytes = wb.save_to_buffer()?;
        let mut xml = String::new();
        ZipArchive::new(Cursor::new(bytes))?
            .by_name(DETAIL_ENTRY)?
            .read_to_string(&mut xml)?;
        let broken = |what: &str| {
            WriterError::ParameterError(format!("khung sheet chi tiết không có {what}"))
        };
        // The cells written decide the sheet's dimension: here A1:Q2; every task row writes
        // STT (A) and Dòng (Q).
        let last = COLUMNS[COLUMNS.len() - 1];
        let two_rows = format!("<dimension ref=\"A1:{last}2\"/>");
        if !xml.contains(&two_rows) {
            return Err(broken(&two_rows));
        }
        let xml = xml.replacen(
            &two_rows,
            &format!("<dimension ref=\"A1:{last}{}\"/>", rows + 1),
            1,
        );
        let first_task = xml
            .find("<row r=\"2\"")
            .ok_or_else(|| broken("<row r=\"2\">"))?;
        let end = xml
            .find("</sheetData>")
            .ok_or_else(|| broken("</sheetData>"))?;
        let styles = column_styles(&xml).ok_or_else(|| broken("<cols>"))?;
        Ok(Skeleton {
            prefix: xml[..first_task].to_string(),
            suffix: xml[end..].to_string(),
            styles,
        })
    }
}

/// The `style` of each column in the sheet's `<cols>`: a cell written without a format takes
/// its column's (0: none).
fn column_styles(xml: &str) -> Option<[u32; COLUMNS.len()]> {
    let start = xml.find("<cols>")?;
    let end = start + xml[start..].find("</cols>")?;
    let mut styles = [0; COLUMNS.len()];
    for tag in xml[start..end].split("<col ").skip(1) {
        let tag = format!(" {tag}");
        let number = |name: &str| -> Option<usize> {
            let at = tag
                .find(&format!(" {name}=\""))
                .map(|a| a + name.len() + 3)?;
            tag[at..].split('"').next()?.parse().ok()
        };
        let (min, max) = (number("min")?, number("max")?);
        let style = number("style").unwrap_or(0) as u32;
        for col in min..=max.min(COLUMNS.len()) {
            styles[col.checked_sub(1)?] = style;
        }
    }
    Some(styles)
}

/// Task rows as XML, into `buf`.
struct Rows {
    buf: Vec<u8>,
    /// Each column's cell opening after the row number: `"` or `" s="3"`.
    after_ref: [String; COLUMNS.len()],
    /// The number of the row being written, as text.
    row: String,
}

impl Rows {
    fn new(styles: &[u32; COLUMNS.len()]) -> Self {
        Rows {
            buf: Vec::with_capacity(CHUNK + 64 * 1024),
            after_ref: styles.map(|s| match s {
                0 => "\"".to_string(),
                s => format!("\" s=\"{s}\""),
            }),
            row: String::new(),
        }
    }

    /// Row `row` (1-based, as Excel numbers it) holding `line`.
    fn row(&mut self, row: u32, stt: usize, line: &TaskLine) -> Result<(), WriterError> {
        self.row.clear();
        self.row.push_str(itoa::Buffer::new().format(row));
        self.buf.extend_from_slice(b"<row r=\"");
        self.buf.extend_from_slice(self.row.as_bytes());
        self.buf.extend_from_slice(b"\">");
        super::tasks::detail_cells(self, stt, line)?;
        self.buf.extend_from_slice(b"</row>");
        Ok(())
    }

    /// `<c r="B7" s="3"`: the cell's opening, without its closing `>`.
    fn open(&mut self, col: ColNum) {
        let col = usize::from(col);
        self.buf.extend_from_slice(b"<c r=\"");
        self.buf.extend_from_slice(COLUMNS[col].as_bytes());
        self.buf.extend_from_slice(self.row.as_bytes());
        self.buf.extend_from_slice(self.after_ref[col].as_bytes());
    }
}

/// The cells as rust_xlsxwriter writes them in constant-memory mode.
impl DetailCells for Rows {
    fn number(&mut self, col: ColNum, value: f64) -> Result<(), WriterError> {
        self.open(col);
        self.buf.extend_from_slice(b"><v>");
        self.buf
            .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
        self.buf.extend_from_slice(b"</v></c>");
        Ok(())
    }

    fn date(&mut self, col: ColNum, value: Option<NaiveDate>) -> Result<(), WriterError> {
        match value {
            Some(date) => self.number(col, excel_serial(date)),
            None => Ok(()),
        }
    }

    /// An inline string; none for an empty text, as rust_xlsxwriter does for a cell written
    /// without a format.
    fn text(&mut self, col: ColNum, value: Option<&str>) -> Result<(), WriterError> {
        let Some(text) = value.map(super::clip).filter(|t| !t.is_empty()) else {
            return Ok(());
        };
        if text.len() > MAX_STRING_LEN && text.encode_utf16().count() > MAX_STRING_LEN {
            return Err(WriterError::MaxStringLengthExceeded);
        }
        self.open(col);
        let whitespace = ['\t', '\n', ' '];
        self.buf.extend_from_slice(
            if text.starts_with(whitespace) || text.ends_with(whitespace) {
                b" t=\"inlineStr\"><is><t xml:space=\"preserve\">".as_slice()
            } else {
                b" t=\"inlineStr\"><is><t>".as_slice()
            },
        );
        if may_need_escaping(text) {
            self.buf
                .extend_from_slice(escape_xml_data(&escape_xml_escapes(text)).as_bytes());
        } else {
            self.buf.extend_from_slice(text.as_bytes());
        }
        self.buf.extend_from_slice(b"</t></is></c>");
        Ok(())
    }
}

/// A date as Excel's serial number, as rust_xlsxwriter computes it (1900 counted as a leap
/// year, as Excel does).
fn excel_serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 31).expect("a valid date");
    let days = (date - epoch).num_days() as f64;
    if days > 59.0 { days + 1.0 } else { days }
}

/// Whether `text` has a byte that one of the escapes below may change: `&`, `<`, `>`, a
/// control character other than tab and newline, `_` (of `_xHHHH_`) or the first byte of
/// U+FFFE/U+FFFF. Written without early exit, so that it runs over whole vectors.
fn may_need_escaping(text: &str) -> bool {
    text.bytes().fold(false, |found, b| {
        found
            | (b < 0x20 && b != b'\t' && b != b'\n')
            | (b == b'&')
            | (b == b'<')
            | (b == b'>')
            | (b == b'_')
            | (b == 0xEF)
    })
}

/// rust_xlsxwriter's `escape_xml_escapes`: a literal `_xHHHH_` in a text gets its underscore
/// escaped (`_x005F_xHHHH_`), since Excel reads `_xHHHH_` as a character.
fn escape_xml_escapes(original: &str) -> Cow<'_, str> {
    const LEN: usize = "_xHHHH_".len();
    if !original.contains("_x") {
        return Cow::Borrowed(original);
    }
    let mut escaped = original.to_string();
    for (index, _) in original.rmatch_indices("_x") {
        if index + LEN > original.len()
            || !original.is_char_boundary(index + LEN - 1)
            || !original[index + LEN - 1..].starts_with('_')
        {
            continue;
        }
        if original[index + 2..index + LEN - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit())
        {
            escaped.replace_range(index..index, "_x005F");
        }
    }
    if escaped == original {
        Cow::Borrowed(original)
    } else {
        Cow::Owned(escaped)
    }
}

/// rust_xlsxwriter's `escape_xml_data`: `&`, `<`, `>`, and control characters (but tab and
/// newline) and U+FFFE/U+FFFF as `_xHHHH_`, as Excel writes them.
fn escape_xml_data(original: &str) -> Cow<'_, str> {
    let escape = |c: char| -> Option<Cow<'static, str>> {
        match c {
            '&' => Some("&amp;".into()),
            '<' => Some("&lt;".into()),
            '>' => Some("&gt;".into()),
            '\t' | '\n' => None,
            '\x00'..='\x1F' | '\u{FFFE}' | '\u{FFFF}' => {
                Some(format!("_x{:04X}_", u32::from(c)).into())
            }
            _ => None,
        }
    };
    if !original.chars().any(|c| escape(c).is_some()) {
        return Cow::Borrowed(original);
    }
    let mut escaped = String::with_capacity(original.len() + 16);
    for c in original.chars() {
        match escape(c) {
            Some(e) => escaped.push_str(&e),
            None => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_excel() {
        // Worked out from Excel's rules (ECMA-376 ST_Xstring): markup characters as entities,
        // control characters as _xHHHH_, a literal _xHHHH_ protected by _x005F.
        assert_eq!(escape_xml_data("a & b < c > d"), "a &amp; b &lt; c &gt; d");
        assert_eq!(
            escape_xml_data("dòng\tmột\ndòng\u{1}hai\r"),
            "dòng\tmột\ndòng_x0001_hai_x000D_"
        );
        assert_eq!(escape_xml_data("x\u{FFFF}"), "x_xFFFF_");
        assert_eq!(
            escape_xml_escapes("mã _x000D_ và _x00G0_ _x12"),
            "mã _x005F_x000D_ và _x00G0_ _x12"
        );
        assert_eq!(
            escape_xml_escapes("_x1234__xABCD_"),
            "_x005F_x1234__x005F_xABCD_"
        );
        assert!(matches!(
            escape_xml_escapes("Sở Tài chính"),
            Cow::Borrowed(_)
        ));
        assert!(!may_need_escaping(
            "Nghiên cứu, đề xuất giải pháp (đợt 1); 50% \"xong\"."
        ));
        for s in ["a&b", "a<b", "a>b", "a_b", "a\u{1}b", "a\u{FFFE}", "a\rb"] {
            assert!(may_need_escaping(s), "{s:?}");
        }
    }

    #[test]
    fn excel_serials_count_the_1900_leap_day() {
        // Excel: 1900-01-01 is 1, 1900-02-28 is 59, (the non-existent 29/02 is 60),
        // 1900-03-01 is 61, 2025-01-01 is 45658.
        let serial = |y, m, d| excel_serial(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(serial(1900, 1, 1), 1.0);
        assert_eq!(serial(1900, 2, 28), 59.0);
        assert_eq!(serial(1900, 3, 1), 61.0);
        assert_eq!(serial(2025, 1, 1), 45658.0);
    }
}
