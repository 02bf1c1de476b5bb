//! Cells and sheets as ingest hands them on: no calamine type crosses this border.

use chrono::NaiveDate;

use super::Text;

/// One spreadsheet cell as ingest hands it on (no calamine type crosses the border).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for header matching and text fields.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.clone()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
        }
    }
}

/// A merged area of a sheet, 0-based absolute row/column indexes, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergedArea {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// A cell borrowed from the reader while a row streams past: no copy is made of cells the
/// normaliser does not keep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
}

impl CellRef<'_> {
    pub fn is_empty(&self) -> bool {
        match self {
            CellRef::Empty => true,
            CellRef::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers without a trailing `.0`, dates `dd/mm/yyyy`).
    pub fn text(&self) -> Option<String> {
        match self {
            CellRef::Empty => None,
            CellRef::Text(s) => Some((*s).to_string()),
            CellRef::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Some(format!("{}", *n as i64))
            }
            CellRef::Number(n) => Some(n.to_string()),
            CellRef::Date(d) => Some(d.format("%d/%m/%Y").to_string()),
        }
    }

    /// The cell as text, borrowed when it is text already.
    pub fn as_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            CellRef::Text(s) => Some(std::borrow::Cow::Borrowed(s)),
            other => other.text().map(std::borrow::Cow::Owned),
        }
    }

    pub fn to_owned_cell(&self) -> Cell {
        match self {
            CellRef::Empty => Cell::Empty,
            CellRef::Text(s) => Cell::Text((*s).to_string()),
            CellRef::Number(n) => Cell::Number(*n),
            CellRef::Date(d) => Cell::Date(*d),
        }
    }
}

impl Cell {
    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Empty => CellRef::Empty,
            Cell::Text(s) => CellRef::Text(s),
            Cell::Number(n) => CellRef::Number(*n),
            Cell::Date(d) => CellRef::Date(*d),
        }
    }
}

/// A sheet's cells as read: `rows[i]` is spreadsheet row `i + 1`, `rows[i][j]` column `j`.
/// Only small files (the agency directory, a manual points sheet) and the first rows of a task
/// sheet (to find its header) are held like this; task rows stream.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSheet {
    pub file: Text,
    /// None for CSV.
    pub sheet: Option<Text>,
    pub rows: Vec<Vec<Cell>>,
    pub merged: Vec<MergedArea>,
}
