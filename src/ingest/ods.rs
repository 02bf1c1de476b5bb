//! OpenDocument spreadsheets (`.ods`), streamed from `content.xml` with quick-xml: one row at
//! a time goes to the sink, as for xlsx. Hand-written because calamine 0.38 cannot do it: it
//! parses every sheet when the file opens into a dense range over the bounding box of its cells
//! (an 839-byte file with A1:B1 and one stray cell at row 900.000, column 100 aborts on a 5 GB
//! allocation), it refuses files without a `mimetype` member (Google Sheets writes none) and
//! files with white space between cells (KSpread), and it has no streaming API for ods.
//!
//! What is read, as calamine reads it: a cell's value by its `office:value-type` (numbers from
//! `office:value`, dates from `office:date-value`, times and booleans as text), else its text
//! (`text:p` paragraphs joined by line breaks, `text:s` spaces, tabs, line breaks; annotations
//! left out). Repeated rows and cells are expanded only where they hold something, and only up
//! to [`MAX_EXPANDED`] cells a file, so a claimed repetition costs no memory.

use std::io::{BufRead, BufReader, Read, Seek};

use chrono::NaiveDate;
use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use crate::model::{Cell, MergedArea, Text};

use super::{IngestError, RowSink, reason};

/// The sheet limits of LibreOffice (and Excel): content beyond them is refused.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 16_384;

/// Cells (and spaces) a file may add through `number-rows-repeated`, `number-columns-repeated`
/// and `text:s` beyond the ones it writes out: a real task list repeats blank rows, not
/// millions of filled ones.
pub const MAX_EXPANDED: usize = 1_000_000;

pub fn stream<R: Read + Seek>(
    reader: R,
    file: &Text,
    sink: &mut dyn RowSink,
) -> Result<(), IngestError> {
    let open_err = |why: String| IngestError::Open {
        file: file.to_string(),
        reason: why,
    };
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| open_err(reason("tệp nén (zip) của bảng tính .ods bị hỏng", e)))?;
    if let Some(mime) = super::small_member(&mut zip, "mimetype") {
        let mime = String::from_utf8_lossy(&mime);
        if mime.starts_with("application/vnd.oasis.opendocument.")
            && !mime.starts_with("application/vnd.oasis.opendocument.spreadsheet")
        {
            return Err(open_err(format!(
                "tệp OpenDocument này không phải bảng tính (kiểu «{}»)",
                mime.trim()
            )));
        }
    }
    if super::small_member(&mut zip, "META-INF/manifest.xml")
        .is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data"))
    {
        return Err(IngestError::Password(file.to_string()));
    }
    let content = zip.by_name("content.xml").map_err(|e| {
        open_err(reason(
            "tệp .ods hỏng hoặc không phải bảng tính (không có content.xml)",
            e,
        ))
    })?;
    let mut parser = Parser {
        file,
        sink,
        expanded: 0,
        slots: super::RowSlots::default(),
        sheet: None,
    };
    parser.run(BufReader::new(content)).map_err(|failure| {
        let why = reason("tệp .ods hỏng, không đọc được", &failure.detail);
        match failure.sheet {
            Some(sheet) => IngestError::Sheet {
                file: file.to_string(),
                sheet,
                reason: why,
            },
            None => open_err(why),
        }
    })
}

struct Failure {
    sheet: Option<String>,
    detail: String,
}

struct Parser<'a> {
    file: &'a Text,
    sink: &'a mut dyn RowSink,
    expanded: usize,
    slots: super::RowSlots,
    /// The sheet being read, and the index of its next row.
    sheet: Option<(String, usize)>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(name).map_err(|e| e.to_string())? {
        Some(a) => Ok(Some(
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?
                .into_owned(),
        )),
        None => Ok(None),
    }
}

/// A repetition count: absent is 1; nonsense is an error.
fn repeats(e: &BytesStart<'_>, name: &str) -> Result<usize, String> {
    match attr(e, name)? {
        None => Ok(1),
        Some(v) => v
            .trim()
            .parse::<usize>()
            .map(|n| n.max(1))
            .map_err(|_| format!("số lần lặp «{v}» không hợp lệ")),
    }
}

impl Parser<'_> {
    fn fail(&self, detail: String) -> Failure {
        Failure {
            sheet: self.sheet.as_ref().map(|(name, _)| name.clone()),
            detail,
        }
    }

    /// The next XML event (the buffer cleared first).
    fn next<'b, B: BufRead>(
        &self,
        xml: &mut XmlReader<B>,
        buf: &'b mut Vec<u8>,
    ) -> Result<Event<'b>, Failure> {
        buf.clear();
        xml.read_event_into(buf)
            .map_err(|e| self.fail(e.to_string()))
    }

    fn run<B: BufRead>(&mut self, input: B) -> Result<(), Failure> {
        let mut xml = XmlReader::from_reader(input);
        xml.config_mut().expand_empty_elements = true;
        xml.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        loop {
            let event = self.next(&mut xml, &mut buf)?;
            match event {
                Event::Start(e) => match e.name().as_ref() {
                    "table:table" => {
                        let name = attr(&e, "table:name")
                            .map_err(|d| self.fail(d))?
                            .unwrap_or_else(|| "(không tên)".to_string());
                        let text: Text = name.as_str().into();
                        // A table opened inside another (outside any cell): the first ends here.
                        if self.sheet.take().is_some() {
                            self.sink.end_sheet();
                        }
                        self.sink.begin_sheet(self.file, Some(&text), Vec::new());
                        self.sheet = Some((name, 0));
                        self.slots = super::RowSlots::default();
                    }
                    "table:table-row" if self.sheet.is_some() => {
                        let n =
                            repeats(&e, "table:number-rows-repeated").map_err(|d| self.fail(d))?;
                        self.row(&mut xml, n)?;
                    }
                    _ => {}
                },
                Event::End(e) if e.name().as_ref() == "table:table" && self.sheet.is_some() => {
                    self.sheet = None;
                    self.sink.end_sheet();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if self.sheet.is_some() {
            return Err(self.fail("tệp kết thúc giữa một sheet (bị cắt cụt)".to_string()));
        }
        Ok(())
    }

    /// One `table:table-row` (its start already read), repeated `n` times.
    fn row<B: BufRead>(&mut self, xml: &mut XmlReader<B>, n: usize) -> Result<(), Failure> {
        let mut cells: Vec<Cell> = Vec::new();
        let mut col = 0usize;
        let here = self.sheet.as_ref().map_or(0, |(_, next)| *next);
        let mut buf = Vec::new();
        loop {
            let event = self.next(xml, &mut buf)?;
            match event {
                Event::Start(e)
                    if matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
                {
                    let e = e.into_owned();
                    let times =
                        repeats(&e, "table:number-columns-repeated").map_err(|d| self.fail(d))?;
                    // A merged cell says how far it spans (a span that is no number is no
                    // merge); the cells it covers follow as covered cells.
                    let span = |name: &str| repeats(&e, name).unwrap_or(1);
                    let (rows, cols) = (
                        span("table:number-rows-spanned"),
                        span("table:number-columns-spanned"),
                    );
                    if (rows > 1 || cols > 1) && here < MAX_ROWS && col < MAX_COLUMNS {
                        self.sink.merged_area(MergedArea {
                            first_row: here,
                            first_col: col,
                            last_row: here.saturating_add(rows - 1).min(MAX_ROWS - 1),
                            last_col: col.saturating_add(cols - 1).min(MAX_COLUMNS - 1),
                        });
                    }
                    let cell = self.cell(xml, &e)?;
                    if !cell.is_empty() {
                        let end = col.saturating_add(times);
                        if end > MAX_COLUMNS {
                            return Err(self.fail(format!(
                                "ô có dữ liệu ở ngoài {MAX_COLUMNS} cột của bảng tính"
                            )));
                        }
                        self.expand(times - 1)?;
                        cells.resize(col, Cell::Empty);
                        cells.extend(std::iter::repeat_n(cell, times));
                    }
                    col = col.saturating_add(times);
                }
                Event::End(e) if e.name().as_ref() == "table:table-row" => break,
                Event::Eof => {
                    return Err(self.fail("tệp kết thúc giữa một dòng (bị cắt cụt)".to_string()));
                }
                _ => {}
            }
        }
        let Some((_, next)) = self.sheet.as_mut() else {
            return Ok(());
        };
        let first = *next;
        *next = first.saturating_add(n);
        if cells.is_empty() {
            return Ok(());
        }
        if first.saturating_add(n) > MAX_ROWS {
            return Err(self.fail(format!(
                "dòng có dữ liệu ở ngoài {MAX_ROWS} dòng của bảng tính"
            )));
        }
        self.expand((n - 1).saturating_mul(cells.len()))?;
        let used = cells.iter().filter(|c| !c.is_empty()).count();
        self.slots
            .take(n.saturating_mul(cells.len()), n.saturating_mul(used))
            .map_err(|d| self.fail(d))?;
        let row: Vec<_> = cells.iter().map(Cell::as_ref).collect();
        for index in first..first + n {
            self.sink.row(index, &row);
        }
        Ok(())
    }

    fn expand(&mut self, cells: usize) -> Result<(), Failure> {
        self.expanded = self.expanded.saturating_add(cells);
        if self.expanded > MAX_EXPANDED {
            return Err(self.fail(format!(
                "các dòng, ô, dấu cách lặp lại (number-rows-repeated, number-columns-repeated, text:s) sinh ra quá {MAX_EXPANDED} ô có dữ liệu hoặc dấu cách"
            )));
        }
        Ok(())
    }

    /// One cell (its start already read) up to its end.
    fn cell<B: BufRead>(
        &mut self,
        xml: &mut XmlReader<B>,
        start: &BytesStart<'_>,
    ) -> Result<Cell, Failure> {
        let text = self.cell_text(xml, start)?;
        let get = |name: &str| attr(start, name).map_err(|d| self.fail(d));
        let value_type = get("office:value-type")?;
        let or_text = |t: String| {
            if t.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(t)
            }
        };
        Ok(match value_type.as_deref() {
            Some("float" | "percentage" | "currency") => match get("office:value")? {
                Some(v) => v.trim().parse::<f64>().map_or(or_text(text), Cell::Number),
                None => or_text(text),
            },
            Some("date") => match get("office:date-value")? {
                Some(v) => v
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map_or(or_text(text), Cell::Date),
                None => or_text(text),
            },
            Some("time") => or_text(get("office:time-value")?.unwrap_or(text)),
            Some("boolean") => match get("office:boolean-value")?.as_deref() {
                Some("true" | "TRUE" | "1") => Cell::Text("x".to_string()),
                Some(_) => Cell::Empty,
                None => or_text(text),
            },
            _ => match get("office:string-value")? {
                Some(v) if !v.is_empty() => Cell::Text(v),
                _ => or_text(text),
            },
        })
    }

    /// The text of a cell's paragraphs, read up to the cell's end.
    fn cell_text<B: BufRead>(
        &mut self,
        xml: &mut XmlReader<B>,
        start: &BytesStart<'_>,
    ) -> Result<String, Failure> {
        let mut text = String::new();
        // Paragraphs begun, and how deep inside one the reader is (white space between
        // paragraphs is layout, not text).
        let (mut paragraphs, mut inside) = (0usize, 0usize);
        let mut buf = Vec::new();
        let end = start.name().as_ref().to_string();
        loop {
            let event = self.next(xml, &mut buf)?;
            match event {
                Event::Start(e) => match e.name().as_ref() {
                    "text:p" | "text:h" => {
                        if paragraphs > 0 {
                            text.push('\n');
                        }
                        paragraphs += 1;
                        inside += 1;
                    }
                    "text:s" => {
                        let n = repeats(&e, "text:c").map_err(|d| self.fail(d))?;
                        // Spaces beyond the first count against the repetition budget.
                        self.expand(n - 1)?;
                        text.extend(std::iter::repeat_n(' ', n));
                    }
                    "text:tab" => text.push('\t'),
                    "text:line-break" => text.push('\n'),
                    // Comments and tables inside a cell are not its value.
                    "office:annotation" | "table:table" => {
                        let name = e.name().as_ref().to_string();
                        let mut skip = Vec::new();
                        xml.read_to_end_into(quick_xml::name::QName(&name), &mut skip)
                            .map_err(|e| self.fail(e.to_string()))?;
                    }
                    _ => {}
                },
                Event::End(e) if matches!(e.name().as_ref(), "text:p" | "text:h") => {
                    inside = inside.saturating_sub(1);
                }
                Event::Text(t) if inside > 0 => text.push_str(&t.xml10_content()),
                Event::CData(t) if inside > 0 => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if inside > 0 => {
                    let name = r.xml10_content();
                    if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                        text.push_str(s);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else {
                        return Err(self.fail(format!("ký tự «&{name};» không hợp lệ")));
                    }
                }
                Event::End(e) if e.name().as_ref() == end => break,
                Event::Eof => {
                    return Err(self.fail("tệp kết thúc giữa một ô (bị cắt cụt)".to_string()));
                }
                _ => {}
            }
        }
        Ok(text)
    }
}
