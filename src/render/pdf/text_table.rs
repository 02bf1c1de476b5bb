//! The tables of `render::tables` (plain text, column widths in points) as the layout's
//! tables, for the report's annexes and the letters: the columns fitted to the page (the
//! flexible one takes the rest), the column-number head row small and italic, sub-total rows
//! bold, bands across the table; body text at 10,5 pt under a grey head.

use super::fonts::Face;
use super::layout::{Align, HeaderCell, Row, Table, fit_columns};
use crate::render::tables::{self, RowKind, TextTable};

/// The size of a table's body text (and of its head cells but the column numbers).
pub const TABLE_PT: f32 = 10.5;

fn align(a: tables::Align) -> Align {
    match a {
        tables::Align::Left => Align::Left,
        tables::Align::Center => Align::Center,
        tables::Align::Right => Align::Right,
    }
}

/// A table of `render::tables` as the layout's table, fitted to `width_pt` (or to its own
/// narrower width).
pub fn pdf_table(table: &TextTable, width_pt: f32) -> Table {
    let spec: Vec<(Option<f32>, Align)> = table
        .columns
        .iter()
        .map(|c| (c.width_pt, align(c.align)))
        .collect();
    let width = table.max_width_pt.map_or(width_pt, |w| w.min(width_pt));
    let header = table
        .head
        .iter()
        .map(|h| {
            let cell = HeaderCell::new(&h.text, h.row, h.col, h.row_span, h.col_span);
            if h.is_numbering {
                HeaderCell {
                    face: Face::Italic,
                    size_pt: 8.0,
                    ..cell
                }
            } else {
                cell
            }
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|r| match r.kind {
            RowKind::Plain => Row::plain(r.cells.clone()),
            RowKind::Bold => Row::bold(r.cells.clone()),
            RowKind::Band => Row::band(r.cells.first().cloned().unwrap_or_default()),
        })
        .collect();
    Table {
        columns: fit_columns(width, &spec),
        header_rows: table.head_rows,
        header,
        rows,
        body_size_pt: TABLE_PT,
        header_fill_gray: 0.9,
    }
}
