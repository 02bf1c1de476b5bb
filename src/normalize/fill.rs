//! Cells merged down several rows, given to every row they cover (for the task and the
//! work programme readers alike).

use crate::model::{Cell, CellRef, MergedArea};

/// Cells merged down several rows. A hand-kept sheet merges the lead agency, the leader or
/// the document of several tasks into one tall cell; the reader gives its value on the top
/// row only, and a person reading the sheet sees it on every row. Each row of the table under
/// the top row gets the value in that column (when its own cell there is empty). Only the
/// first column of an area is filled: a merge across columns is a label, not one value per
/// column; and a row with no cell of its own (a blank row inside the area) stays blank.
#[derive(Default)]
pub(crate) struct FillDown {
    /// Areas spanning several rows: first row, last row, column; by first row.
    areas: Vec<(usize, usize, usize)>,
    /// The first area of `areas` whose top row has not come yet.
    next: usize,
    /// Areas whose top row was seen, with a value: last row, column, the value.
    open: Vec<(usize, usize, Cell)>,
}

impl FillDown {
    pub(crate) fn new(merged: &[MergedArea]) -> FillDown {
        let mut areas: Vec<(usize, usize, usize)> = merged
            .iter()
            .filter(|m| m.last_row > m.first_row)
            .map(|m| (m.first_row, m.last_row, m.first_col))
            .collect();
        areas.sort_unstable();
        FillDown {
            areas,
            ..FillDown::default()
        }
    }

    /// An area learnt while the sheet streams, before the row of its top cell. Past a
    /// million areas (a damaged or hostile file: a sheet has at most that many rows) the
    /// others are not kept.
    pub(crate) fn add(&mut self, m: &MergedArea) {
        if m.last_row > m.first_row && self.areas.len() < 1 << 20 {
            let area = (m.first_row, m.last_row, m.first_col);
            let at = self.next + self.areas[self.next..].partition_point(|a| *a < area);
            self.areas.insert(at, area);
        }
    }

    /// Row `r`'s cells with the merged values filled in, or None when there is nothing to
    /// fill. Rows must come in increasing order (those of the table only: an area whose top
    /// row is above the table fills nothing). Only the columns of the table's fields (`used`)
    /// are filled, one area at a time in each (the later one wins), so a row costs a few
    /// comparisons however many areas a file lists.
    pub(crate) fn fill<'a>(
        &'a mut self,
        r: usize,
        row: &[CellRef<'a>],
        used: impl Fn(usize) -> bool,
    ) -> Option<Vec<CellRef<'a>>> {
        if self.areas.is_empty() {
            return None;
        }
        self.open.retain(|(last, _, _)| *last >= r);
        while let Some(&(first, last, col)) = self.areas.get(self.next) {
            if first > r {
                break;
            }
            self.next += 1;
            let value = row.get(col).filter(|c| !c.is_empty());
            if let (true, Some(cell)) = (first == r, value)
                && used(col)
            {
                self.open.retain(|(_, c, _)| *c != col);
                self.open.push((last, col, cell.to_owned_cell()));
            }
        }
        let empty_at = |col: usize| row.get(col).is_none_or(CellRef::is_empty);
        if row.iter().all(CellRef::is_empty) || !self.open.iter().any(|(_, c, _)| empty_at(*c)) {
            return None;
        }
        let width = self
            .open
            .iter()
            .map(|(_, c, _)| c + 1)
            .max()
            .unwrap_or(0)
            .max(row.len());
        let mut cells = row.to_vec();
        cells.resize(width, CellRef::Empty);
        for (_, col, value) in &self.open {
            if cells[*col].is_empty() {
                cells[*col] = value.as_ref();
            }
        }
        Some(cells)
    }
}
