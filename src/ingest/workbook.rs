//! Workbooks through calamine. `.xlsx` sheets are read as a cell stream (no dense range: a
//! stray cell at XFD1048576 cannot blow up memory, and only the row being read is held);
//! `.xls` and `.ods` through the range API. Merged areas come from xls only (see `stream`). Rows go to the sink as borrowed cells.

use crate::model::Text;
use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, DataType, Dimensions, Reader, Sheets, Xlsx, open_workbook_auto};

use crate::model::{CellRef, MergedArea};

use super::{IngestError, RowSink};

pub fn stream(path: &Path, file: &Text, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let open_err = |reason: String| IngestError::Open {
        file: file.to_string(),
        reason,
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| open_err(e.to_string()))?;
    for name in workbook.sheet_names() {
        let sheet_err = |reason: String| IngestError::Sheet {
            file: file.to_string(),
            sheet: name.clone(),
            reason,
        };
        let sheet_name: Text = name.as_str().into();
        match &mut workbook {
            Sheets::Xlsx(xlsx) => {
                // No merged areas for xlsx: calamine finds them by parsing the whole sheet a
                // second time (they are stored after the cells), which doubled the read time
                // of large exports. The normaliser recognises group labels by their shape.
                sink.begin_sheet(file, Some(&sheet_name), Vec::new());
                stream_xlsx(xlsx, &name, sink).map_err(|e| sheet_err(e.to_string()))?;
            }
            Sheets::Xls(xls) => {
                let merged = xls
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                let range = xls
                    .worksheet_range(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                sink.begin_sheet(
                    file,
                    Some(&sheet_name),
                    merged.iter().map(merged_area).collect(),
                );
                range_rows(&range, sink);
            }
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                sink.begin_sheet(file, Some(&sheet_name), Vec::new());
                range_rows(&range, sink);
            }
        }
        sink.end_sheet();
    }
    Ok(())
}

fn merged_area(d: &Dimensions) -> MergedArea {
    MergedArea {
        first_row: d.start.0 as usize,
        first_col: d.start.1 as usize,
        last_row: d.end.0 as usize,
        last_col: d.end.1 as usize,
    }
}

/// Cells arrive row-major; a row is handed on when the next row starts.
fn stream_xlsx<R: Read + Seek>(
    xlsx: &mut Xlsx<R>,
    name: &str,
    sink: &mut dyn RowSink,
) -> Result<(), calamine::XlsxError> {
    let mut reader = xlsx.worksheet_cells_reader(name)?;
    let mut current: Option<u32> = None;
    // The cells of the current row, kept as they came (moved, not copied).
    let mut values: Vec<calamine::Cell<DataRef<'_>>> = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let r = cell.get_position().0;
        if current != Some(r) {
            if let Some(row) = current {
                flush(row as usize, &values, sink);
            }
            values.clear();
            current = Some(r);
        }
        if !matches!(cell.get_value(), DataRef::Empty) {
            values.push(cell);
        }
    }
    if let Some(row) = current {
        flush(row as usize, &values, sink);
    }
    Ok(())
}

fn flush(row: usize, values: &[calamine::Cell<DataRef<'_>>], sink: &mut dyn RowSink) {
    let width = values.last().map_or(0, |c| c.get_position().1 as usize + 1);
    let mut cells = vec![CellRef::Empty; width];
    for v in values {
        cells[v.get_position().1 as usize] = cell_from_ref(v.get_value());
    }
    sink.row(row, &cells);
}

fn range_rows(range: &calamine::Range<Data>, sink: &mut dyn RowSink) {
    let (row0, col0) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    for (i, raw) in range.rows().enumerate() {
        let mut cells = vec![CellRef::Empty; col0];
        cells.extend(raw.iter().map(cell_from_data));
        sink.row(row0 + i, &cells);
    }
}

fn cell_from_data(d: &Data) -> CellRef<'_> {
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
