//! Workbooks through calamine. `.xlsx` sheets are read as a cell stream (no dense range: a
//! stray cell at XFD1048576 cannot blow up memory, and memory stays proportional to the used
//! cells); `.xls` and `.ods` through the range API. Merged areas come from xlsx and xls (ods
//! has none in calamine).

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, DataType, Dimensions, Reader, Sheets, Xlsx, open_workbook_auto};

use crate::model::{Cell, MergedArea, RawSheet};

use super::IngestError;

pub fn read(path: &Path, file: &str) -> Result<Vec<RawSheet>, IngestError> {
    let open_err = |reason: String| IngestError::Open {
        file: file.to_string(),
        reason,
    };
    let mut workbook = open_workbook_auto(path).map_err(|e| open_err(e.to_string()))?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let sheet_err = |reason: String| IngestError::Sheet {
            file: file.to_string(),
            sheet: name.clone(),
            reason,
        };
        let (rows, merged) = match &mut workbook {
            Sheets::Xlsx(xlsx) => {
                let merged = xlsx
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                (
                    stream_xlsx(xlsx, &name).map_err(|e| sheet_err(e.to_string()))?,
                    merged,
                )
            }
            Sheets::Xls(xls) => {
                let merged = xls
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                let range = xls
                    .worksheet_range(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                (range_rows(&range), merged)
            }
            other => {
                let range = other
                    .worksheet_range(&name)
                    .map_err(|e| sheet_err(e.to_string()))?;
                (range_rows(&range), Vec::new())
            }
        };
        sheets.push(RawSheet {
            file: file.to_string(),
            sheet: Some(name),
            rows,
            merged: merged.iter().map(merged_area).collect(),
        });
    }
    Ok(sheets)
}

fn merged_area(d: &Dimensions) -> MergedArea {
    MergedArea {
        first_row: d.start.0 as usize,
        first_col: d.start.1 as usize,
        last_row: d.end.0 as usize,
        last_col: d.end.1 as usize,
    }
}

fn stream_xlsx<R: Read + Seek>(
    xlsx: &mut Xlsx<R>,
    name: &str,
) -> Result<Vec<Vec<Cell>>, calamine::XlsxError> {
    let mut reader = xlsx.worksheet_cells_reader(name)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        let value = cell_from_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = value;
    }
    Ok(rows)
}

fn range_rows(range: &calamine::Range<Data>) -> Vec<Vec<Cell>> {
    let (row0, col0) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); row0];
    for raw in range.rows() {
        let mut row = vec![Cell::Empty; col0];
        row.extend(raw.iter().map(cell_from_data));
        rows.push(row);
    }
    rows
}

fn cell_from_data(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "x".into() } else { String::new() }),
        Data::DateTime(_) | Data::DateTimeIso(_) => d.as_date().map_or(Cell::Empty, Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn cell_from_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(if *b { "x".into() } else { String::new() }),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => {
            d.as_date().map_or(Cell::Empty, Cell::Date)
        }
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
    }
}
