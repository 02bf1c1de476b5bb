//! Zip-based workbooks: `.xlsx`/`.xlsm` and `.xlsb` through calamine's cell streams (no dense
//! range: a stray cell at XFD1048576 cannot blow up memory, and only the row being read is
//! held), `.ods` handed to [`super::ods`]. Chart, macro and dialog sheets are skipped and
//! reported (Excel 4 macro sheets, which calamine cannot list, by way of a retyped copy: see
//! [`repair`], which also defuses an overclaimed shared-string count); a sheet that fails before its first row is reported and the
//! others are read.
//! Merged areas of xlsx are read only for workbooks whose sheets are small (hand-kept
//! sheets, where cells merged down several rows are common): calamine finds them by parsing
//! the whole sheet a second time (they are stored after the cells), which costs 75 % more on
//! a large export (0,46 s on top of 0,62 s for 100.000 rows), and exports do not merge data
//! cells. Without them the normaliser recognises group labels by their shape.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, Write};

use calamine::{Data, DataRef, DataType, Reader, SheetType, Xlsb, Xlsx};

use crate::model::{CellRef, MergedArea, Text};

use super::{IngestError, RowSink, reason};

/// Which reader a zip needs: by what it holds (`xl/workbook.bin` is xlsb, `content.xml`
/// without `xl/` is OpenDocument), else by the extension.
pub fn stream_zip(
    file: File,
    ext: Option<&str>,
    name: &Text,
    sink: &mut dyn RowSink,
) -> Result<(), IngestError> {
    let open_err = |vietnamese: &str, e: &dyn std::fmt::Display| IngestError::Open {
        file: name.to_string(),
        reason: reason(vietnamese, e),
    };
    let mut reader = BufReader::new(file);
    let (xlsb, ods, small) = {
        let mut zip = zip::ZipArchive::new(&mut reader)
            .map_err(|e| open_err("tệp nén (zip) của bảng tính bị hỏng", &e))?;
        let has = |n: &str| zip.index_for_name(n).is_some();
        let excel = zip.file_names_raw().any(|n| n.starts_with(b"xl/"));
        let (xlsb, ods) = (
            has("xl/workbook.bin") || (!excel && ext == Some("xlsb")),
            !excel && (has("content.xml") || ext == Some("ods")),
        );
        (xlsb, ods, sheets_are_small(&mut zip))
    };
    reader
        .rewind()
        .map_err(|e| open_err("không đọc được tệp", &e))?;
    if ods {
        return super::ods::stream(reader, name, sink);
    }
    let not_excel = "tệp hỏng hoặc không phải bảng tính Excel";
    if xlsb {
        let mut book = Xlsb::new(reader).map_err(|e| open_err(not_excel, &e))?;
        let sheets = book.sheets_metadata().to_vec();
        stream_sheets(&sheets, name, sink, |sheet, sink| {
            let mut cells = book
                .worksheet_cells_reader(sheet)
                .map_err(|e| e.to_string())?;
            stream_cells(|| cells.next_cell().map_err(|e| e.to_string()), sink)
        })
    } else {
        let macros = {
            let mut zip = zip::ZipArchive::new(&mut reader)
                .map_err(|e| open_err("tệp nén (zip) của bảng tính bị hỏng", &e))?;
            repair(&mut zip).map_err(|e| open_err(not_excel, &e))?
        };
        match macros {
            Some((copy, names)) => read_xlsx(Cursor::new(copy), &names, small, name, sink),
            None => {
                reader
                    .rewind()
                    .map_err(|e| open_err("không đọc được tệp", &e))?;
                read_xlsx(reader, &[], small, name, sink)
            }
        }
    }
}

/// Worksheets' XML, all of them together, up to which their merged areas are read: about
/// 9.000 rows of an iOFFICE export (40 ms more), far more than a hand-kept sheet holds.
const MERGES_READ_UP_TO: u64 = 8 << 20;

/// Whether the worksheets of an xlsx are small enough for their merged areas to be read.
fn sheets_are_small<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> bool {
    let mut total = 0u64;
    for i in 0..zip.len() {
        if let Ok(member) = zip.by_index_raw(i)
            && member.name_raw().starts_with(b"xl/worksheets/")
        {
            total = total.saturating_add(member.size());
        }
    }
    total <= MERGES_READ_UP_TO
}

/// calamine's merged areas of a sheet as the model's (0-based, inclusive).
fn merged_areas(areas: &[calamine::Dimensions]) -> Vec<MergedArea> {
    areas
        .iter()
        .map(|d| MergedArea {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect()
}

fn read_xlsx<R: Read + Seek>(
    reader: R,
    macro_sheets: &[String],
    with_merges: bool,
    name: &Text,
    sink: &mut dyn RowSink,
) -> Result<(), IngestError> {
    let mut book = Xlsx::new(reader).map_err(|e| IngestError::Open {
        file: name.to_string(),
        reason: reason("tệp hỏng hoặc không phải bảng tính Excel", e),
    })?;
    let mut sheets = book.sheets_metadata().to_vec();
    for sheet in &mut sheets {
        if macro_sheets.contains(&sheet.name) {
            sheet.typ = SheetType::MacroSheet;
        }
    }
    stream_sheets(&sheets, name, sink, |sheet, sink| {
        if with_merges {
            let areas = book
                .merge_cells_by_sheet_name(sheet)
                .map_err(|e| e.to_string())?;
            sink.begin_sheet(name, Some(&sheet.into()), merged_areas(&areas));
        }
        let mut cells = book
            .worksheet_cells_reader(sheet)
            .map_err(|e| e.to_string())?;
        stream_cells(|| cells.next_cell().map_err(|e| e.to_string()), sink)
    })
}

const RELS: &str = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";
const MACRO_TYPES: [&str; 2] = [
    "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
    "http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet",
];
const DIALOG_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/dialogsheet";

/// A repaired copy of an xlsx, and the names of its macro sheets.
type Repaired = (Vec<u8>, Vec<String>);

/// Two things in an xlsx that calamine takes at their word, with a copy that it can read:
///
/// - Excel 4 macro sheets (`xlMacrosheet` relationships, kept in `.xlsm` files) make it refuse
///   the whole workbook: it knows worksheets, chart sheets and dialog sheets only. Those
///   relationships are retyped as dialog sheets, which calamine lists without reading; the
///   names of the macro sheets come back so they are reported as what they are.
/// - The shared-string table's `uniqueCount`: calamine reserves that many strings up front,
///   so one attribute claiming three billion aborts the process on a 72 GB allocation. A
///   count larger than the part could hold (a string takes at least the 9 bytes of
///   `<si></si>`) is set to 0.
///
/// The copy is made in memory (other members copied compressed, as they are; the shared
/// strings streamed through). None when neither is needed.
fn repair<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<Option<Repaired>, String> {
    let rels = super::small_member(zip, RELS)
        .map(|r| String::from_utf8_lossy(&r).into_owned())
        .filter(|r| MACRO_TYPES.iter().any(|t| r.contains(t)));
    let strings_claim = overclaimed_strings(zip);
    if rels.is_none() && strings_claim.is_none() {
        return Ok(None);
    }
    let mut names = Vec::new();
    let mut retyped = None;
    if let Some(rels) = rels {
        let ids: Vec<String> = xml_elements(rels.as_bytes(), "Relationship")?
            .into_iter()
            .filter(|attrs| {
                attrs
                    .iter()
                    .any(|(k, v)| k == "Type" && MACRO_TYPES.contains(&v.as_str()))
            })
            .filter_map(|attrs| attrs.into_iter().find(|(k, _)| k == "Id").map(|(_, v)| v))
            .collect();
        let workbook = super::small_member(zip, "xl/workbook.xml").unwrap_or_default();
        names = xml_elements(&workbook, "sheet")?
            .into_iter()
            .filter(|attrs| {
                attrs.iter().any(|(k, v)| {
                    k.rsplit(':').next() == Some("id") && k != "sheetId" && ids.contains(v)
                })
            })
            .filter_map(|attrs| attrs.into_iter().find(|(k, _)| k == "name").map(|(_, v)| v))
            .collect();
        let mut text = rels;
        for t in MACRO_TYPES {
            text = text.replace(t, DIALOG_TYPE);
        }
        retyped = Some(text);
    }
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let raw_name = zip.by_index_raw(i).map_err(|x| e(&x))?.name_raw().to_vec();
        if let (Some(text), true) = (&retyped, raw_name == RELS.as_bytes()) {
            out.start_file(RELS, deflated).map_err(|x| e(&x))?;
            out.write_all(text.as_bytes()).map_err(|x| e(&x))?;
        } else if let (Some(claim), true) = (&strings_claim, raw_name == SHARED_STRINGS.as_bytes())
        {
            let mut member = zip.by_index(i).map_err(|x| e(&x))?;
            let mut head = Vec::new();
            (&mut member)
                .take(64 << 10)
                .read_to_end(&mut head)
                .map_err(|x| e(&x))?;
            let head = String::from_utf8_lossy(&head)
                .replacen(claim.as_str(), "uniqueCount=\"0\"", 1)
                .into_bytes();
            out.start_file(SHARED_STRINGS, deflated)
                .map_err(|x| e(&x))?;
            out.write_all(&head).map_err(|x| e(&x))?;
            std::io::copy(&mut member, &mut out).map_err(|x| e(&x))?;
        } else {
            let member = zip.by_index_raw(i).map_err(|x| e(&x))?;
            out.raw_copy_file(member).map_err(|x| e(&x))?;
        }
    }
    let copy = out.finish().map_err(|x| e(&x))?.into_inner();
    Ok(Some((copy, names)))
}

/// The shared strings' `uniqueCount="…"` attribute, as written, when it claims more strings
/// than the part's size allows.
fn overclaimed_strings<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Option<String> {
    let member = zip.by_name(SHARED_STRINGS).ok()?;
    let room = member.size() / 9 + 1;
    let mut head = Vec::new();
    member.take(4096).read_to_end(&mut head).ok()?;
    let head = String::from_utf8_lossy(&head);
    let at = head.find("uniqueCount=\"")? + "uniqueCount=\"".len();
    let digits: String = head[at..].chars().take_while(|c| *c != '"').collect();
    let claimed: u64 = digits.trim().parse().unwrap_or(u64::MAX);
    (claimed > room).then(|| format!("uniqueCount=\"{digits}\""))
}

/// The attributes (unescaped) of every `<tag …>` element of a small XML part.
fn xml_elements(xml: &[u8], tag: &str) -> Result<Vec<Vec<(String, String)>>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut found = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
        {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == tag =>
            {
                let mut attrs = Vec::new();
                for a in e.attributes().with_checks(false) {
                    let a = a.map_err(|e| e.to_string())?;
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| e.to_string())?;
                    attrs.push((a.key.as_ref().to_string(), value.into_owned()));
                }
                found.push(attrs);
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

/// Read each data sheet with `read`, skip the others; a sheet that fails before any row is
/// reported through the sink and the workbook goes on, one that fails later refuses the file.
/// If no sheet could be read at all, the first failure is the file's error.
pub(super) fn stream_sheets(
    sheets: &[calamine::Sheet],
    file: &Text,
    sink: &mut dyn RowSink,
    mut read: impl FnMut(&str, &mut dyn RowSink) -> Result<(), String>,
) -> Result<(), IngestError> {
    let mut first_failure = None;
    let mut read_any = false;
    let mut seen = std::collections::HashSet::new();
    for sheet in sheets {
        let sheet_name: Text = sheet.name.as_str().into();
        if let Some(why) = super::non_data_sheet(sheet.typ) {
            sink.skipped_sheet(file, &sheet_name, why);
            continue;
        }
        // calamine finds a sheet by its name: a second entry of one name would read the
        // first sheet again (Excel never writes two).
        if !seen.insert(sheet.name.as_str()) {
            sink.skipped_sheet(file, &sheet_name, super::DUPLICATE_SHEET);
            continue;
        }
        if sheet.visible != calamine::SheetVisible::Visible {
            sink.hidden_sheet(file, &sheet_name);
        }
        let mut lazy = LazySheet {
            inner: &mut *sink,
            file,
            sheet: &sheet_name,
            merged: Vec::new(),
            begun: false,
        };
        let result = read(&sheet.name, &mut lazy);
        let (begun, merged) = (lazy.begun, lazy.merged);
        match result {
            Ok(()) => {
                if !begun {
                    sink.begin_sheet(file, Some(&sheet_name), merged);
                }
                sink.end_sheet();
                read_any = true;
            }
            Err(detail) => {
                // The error reads «không đọc được sheet «S» của «f»: sheet hỏng [...]», the
                // finding «sheet «S»: sheet hỏng, không đọc được [...]».
                let error = IngestError::Sheet {
                    file: file.to_string(),
                    sheet: sheet.name.clone(),
                    reason: reason("sheet hỏng", &detail),
                };
                // Rows already went to the sink: the sheet cannot be taken back, so the whole
                // file is refused rather than counted in part.
                if begun {
                    return Err(error);
                }
                sink.skipped_sheet(
                    file,
                    &sheet_name,
                    &reason("sheet hỏng, không đọc được", &detail),
                );
                first_failure.get_or_insert(error);
            }
        }
    }
    match first_failure {
        Some(error) if !read_any => Err(error),
        _ => Ok(()),
    }
}

/// Begins the sheet in the real sink with its first row, so a sheet that fails before any
/// row is only reported as skipped (not also as a sheet without a task table). A reader that
/// knows the sheet's merged areas says so with `begin_sheet` before the rows; they are handed
/// on with the first row.
struct LazySheet<'s> {
    inner: &'s mut dyn RowSink,
    file: &'s Text,
    sheet: &'s Text,
    merged: Vec<MergedArea>,
    begun: bool,
}

impl RowSink for LazySheet<'_> {
    fn begin_sheet(&mut self, _file: &Text, _sheet: Option<&Text>, merged: Vec<MergedArea>) {
        self.merged = merged;
    }
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]) {
        if !self.begun {
            self.begun = true;
            let merged = std::mem::take(&mut self.merged);
            self.inner.begin_sheet(self.file, Some(self.sheet), merged);
        }
        self.inner.row(index, cells);
    }
    fn merged_area(&mut self, area: MergedArea) {
        if self.begun {
            self.inner.merged_area(area);
        } else {
            self.merged.push(area);
        }
    }
    fn end_sheet(&mut self) {}
}

/// Excel's sheet limits.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// Cells arrive row by row (the formats require it) but not always in column order within a
/// row (B2 may come before A2): a row is sorted by column and handed on when the next starts.
fn stream_cells<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
    sink: &mut dyn RowSink,
) -> Result<(), String> {
    let mut current: Option<u32> = None;
    let mut slots = super::RowSlots::default();
    let mut dates = DateCache::default();
    // The cells of the current row, kept as they came (moved, not copied).
    let mut values: Vec<calamine::Cell<DataRef<'a>>> = Vec::new();
    loop {
        let cell = match next() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(detail) => return Err(detail),
        };
        let (r, c) = cell.get_position();
        // The row is a spreadsheet's: its index sizes the sink's rows, its last column the
        // row handed on; a cell reference beyond them («ZZZZZZ1» is column 308 million) is
        // damage, not data.
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(format!(
                "ô ở ngoài giới hạn 1.048.576 dòng × 16.384 cột của bảng tính (dòng {}, cột thứ {})",
                u64::from(r) + 1,
                u64::from(c) + 1
            ));
        }
        if current.is_some_and(|c| r < c) {
            return Err(format!(
                "dòng {} đứng sau dòng {}",
                r + 1,
                current.unwrap_or(0) + 1
            ));
        }
        if current != Some(r) {
            if let Some(row) = current {
                slots.take(
                    flush(row as usize, &mut values, &mut dates, sink),
                    values.len(),
                )?;
            }
            values.clear();
            current = Some(r);
        }
        if !matches!(cell.get_value(), DataRef::Empty) {
            values.push(cell);
        }
    }
    if let Some(row) = current {
        flush(row as usize, &mut values, &mut dates, sink);
    }
    Ok(())
}

/// The days of the date cells seen last. calamine works a date cell out through chrono's
/// date-time arithmetic (milliseconds added to an epoch), a few hundred instructions; an
/// export repeats a few hundred distinct days over its 100.000 rows and four date columns,
/// so each serial value is converted once and then looked up (by its exact value, epoch and
/// kind: the same answer calamine gives).
struct DateCache {
    slots: Vec<Option<(calamine::ExcelDateTime, Option<chrono::NaiveDate>)>>,
}

impl Default for DateCache {
    fn default() -> Self {
        DateCache {
            slots: vec![None; 1 << 10],
        }
    }
}

impl DateCache {
    fn date(
        &mut self,
        cell: &DataRef<'_>,
        excel: &calamine::ExcelDateTime,
    ) -> Option<chrono::NaiveDate> {
        // Fibonacci hashing of the bits: serial days differ only in a few middle bits.
        let bits = excel.as_f64().to_bits();
        let slot = (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
        match &self.slots[slot] {
            Some((seen, day)) if seen == excel => *day,
            _ => {
                let day = cell.as_date();
                self.slots[slot] = Some((*excel, day));
                day
            }
        }
    }
}

/// Hand one row on; returns its width. Cells are placed by their column, so their order
/// in the file does not matter; of two cells at one position the later wins.
fn flush(
    row: usize,
    values: &mut [calamine::Cell<DataRef<'_>>],
    dates: &mut DateCache,
    sink: &mut dyn RowSink,
) -> usize {
    let width = values
        .iter()
        .map(|c| c.get_position().1 as usize + 1)
        .max()
        .unwrap_or(0);
    if width == 0 {
        return 0;
    }
    let mut cells = vec![CellRef::Empty; width];
    for v in values.iter() {
        cells[v.get_position().1 as usize] = match v.get_value() {
            cell @ DataRef::DateTime(excel) => dates
                .date(cell, excel)
                .map_or(CellRef::Empty, CellRef::Date),
            other => cell_from_ref(other),
        };
    }
    sink.row(row, &cells);
    width
}

pub(super) fn cell_from_data(d: &Data) -> CellRef<'_> {
    match d {
        Data::Empty | Data::Error(_) => CellRef::Empty,
        Data::String(s) => CellRef::Text(s),
        Data::Int(i) => CellRef::Number(*i as f64),
        Data::Float(f) => CellRef::Number(*f),
        Data::Bool(b) => CellRef::Text(if *b { "x" } else { "" }),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            d.as_date().map_or(CellRef::Empty, CellRef::Date)
        }
        Data::DurationIso(s) => CellRef::Text(s),
    }
}

fn cell_from_ref<'a>(d: &'a DataRef<'_>) -> CellRef<'a> {
    match d {
        DataRef::Empty | DataRef::Error(_) => CellRef::Empty,
        DataRef::String(s) => CellRef::Text(s),
        DataRef::SharedString(s) => CellRef::Text(s),
        DataRef::Int(i) => CellRef::Number(*i as f64),
        DataRef::Float(f) => CellRef::Number(*f),
        DataRef::Bool(b) => CellRef::Text(if *b { "x" } else { "" }),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => {
            d.as_date().map_or(CellRef::Empty, CellRef::Date)
        }
        DataRef::DurationIso(s) => CellRef::Text(s),
    }
}
