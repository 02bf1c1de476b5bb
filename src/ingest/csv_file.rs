//! CSV exports: UTF-8 with or without BOM, `,` or `;` separated (the separator is the one that
//! splits the first lines more often, outside quotes).

use crate::model::Text;

use crate::model::CellRef;

use super::{IngestError, RowSink};

/// Stream CSV bytes as one sheet of text cells.
pub fn stream(bytes: &[u8], file: &Text, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(body) {
        let line = body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return Err(IngestError::NotUtf8 {
            file: file.to_string(),
            line,
        });
    }
    let delimiter = guess_delimiter(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body);
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

fn csv_reason(e: &csv::Error) -> String {
    match e.position() {
        Some(pos) => format!("lỗi định dạng CSV ở dòng {}: {e}", pos.line()),
        None => format!("lỗi định dạng CSV: {e}"),
    }
}

/// Count `;` and `,` outside quotes in the first 20 lines; the more frequent one wins.
fn guess_delimiter(body: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut lines, mut quoted) = (0usize, 0usize, 0usize, false);
    for &b in body {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Collector;
    use crate::model::{Cell, RawSheet};

    fn parse(bytes: &[u8], file: &str) -> Result<RawSheet, IngestError> {
        let mut c = Collector::default();
        stream(bytes, &Text::from(file), &mut c)?;
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
    fn latin1_bytes_are_refused_with_the_line_number() {
        let err = parse(b"a,b\nS\xf4 Y t\xea,1\n", "c.csv").unwrap_err();
        assert!(matches!(err, IngestError::NotUtf8 { line: 2, .. }), "{err}");
    }
}
