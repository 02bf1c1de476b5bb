//! The layout step: pages of positioned primitives (text runs, lines, rectangles) of our own
//! type, built before printpdf is touched so they can be tested. A `Flow` keeps a cursor down
//! the current page and knows the margins of Nghị định 30/2020/NĐ-CP (portrait: left 30 mm,
//! right 15 mm, top and bottom 20 mm; landscape: top 20, right 15, bottom 15, left 20 mm).
//! It wraps paragraphs (justified or aligned), breaks pages, and lays out tables whose header
//! is repeated on every page. Coordinates are points from the page's top-left corner, y down;
//! a text run's `y_pt` is its baseline.

use unicode_normalization::UnicodeNormalization;

use super::fonts::{Face, Fonts};

const MM: f32 = 72.0 / 25.4;
/// A4 in points.
const A4_SHORT_PT: f32 = 210.0 * MM;
const A4_LONG_PT: f32 = 297.0 * MM;
/// Distance from a line box's top to the baseline, as a share of the font size (Liberation
/// Serif ascent 0.891 em).
const ASCENT: f32 = 0.891;
/// Page numbers sit centred in the top margin, this far from the top edge.
const PAGE_NUMBER_BASELINE_PT: f32 = 12.0 * MM;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    /// (width, height) in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => (A4_SHORT_PT, A4_LONG_PT),
            Orientation::Landscape => (A4_LONG_PT, A4_SHORT_PT),
        }
    }

    pub fn margins(self) -> Margins {
        match self {
            Orientation::Portrait => Margins {
                top_pt: 20.0 * MM,
                right_pt: 15.0 * MM,
                bottom_pt: 20.0 * MM,
                left_pt: 30.0 * MM,
            },
            Orientation::Landscape => Margins {
                top_pt: 20.0 * MM,
                right_pt: 15.0 * MM,
                bottom_pt: 15.0 * MM,
                left_pt: 20.0 * MM,
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top_pt: f32,
    pub right_pt: f32,
    pub bottom_pt: f32,
    pub left_pt: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One run of text on one line. `x_pt` is the anchor: left edge, centre or right edge
/// depending on `align`; `width_pt` is the measured advance.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub face: Face,
    pub size_pt: f32,
    pub x_pt: f32,
    pub y_pt: f32,
    pub align: Align,
    pub width_pt: f32,
}

impl TextRun {
    pub fn left_pt(&self) -> f32 {
        match self.align {
            Align::Left => self.x_pt,
            Align::Center => self.x_pt - self.width_pt / 2.0,
            Align::Right => self.x_pt - self.width_pt,
        }
    }

    pub fn right_pt(&self) -> f32 {
        self.left_pt() + self.width_pt
    }
}

/// A straight line; `gray` 0 = black, 1 = white.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub x1_pt: f32,
    pub y1_pt: f32,
    pub x2_pt: f32,
    pub y2_pt: f32,
    pub width_pt: f32,
    pub gray: f32,
    pub is_dashed: bool,
}

/// A rectangle from its top-left corner, filled and/or outlined in black.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub x_pt: f32,
    pub y_pt: f32,
    pub width_pt: f32,
    pub height_pt: f32,
    pub fill_gray: Option<f32>,
    pub stroke_pt: Option<f32>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Block(Block),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub orientation: Orientation,
    pub items: Vec<Item>,
    /// The page number printed at the top (pages 2 onwards).
    pub number_label: Option<TextRun>,
}

impl Page {
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }

    /// Every text of the page in drawing order, joined by spaces (for tests and debugging).
    pub fn plain_text(&self) -> String {
        self.texts()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParaStyle {
    pub face: Face,
    pub size_pt: f32,
    /// `None`: justified (the last line left-aligned).
    pub align: Option<Align>,
    pub first_indent_pt: f32,
    pub line_height: f32,
    pub space_after_pt: f32,
}

impl ParaStyle {
    /// Body text: 13 pt, justified, 1 cm first-line indent.
    pub fn body() -> Self {
        ParaStyle {
            face: Face::Regular,
            size_pt: 13.0,
            align: None,
            first_indent_pt: 10.0 * MM,
            line_height: 1.3,
            space_after_pt: 5.0,
        }
    }

    /// A note under a table: 11 pt italic, flush left.
    pub fn note() -> Self {
        ParaStyle {
            size_pt: 11.0,
            face: Face::Italic,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            line_height: 1.25,
            space_after_pt: 1.0,
        }
    }

    pub fn centered(face: Face, size_pt: f32) -> Self {
        ParaStyle {
            face,
            size_pt,
            align: Some(Align::Center),
            first_indent_pt: 0.0,
            line_height: 1.25,
            space_after_pt: 0.0,
        }
    }

    /// A bold line at body size, flush left: the caption over a table.
    pub fn caption() -> Self {
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            ..ParaStyle::body()
        }
    }

    pub fn left(face: Face, size_pt: f32) -> Self {
        ParaStyle {
            align: Some(Align::Left),
            ..ParaStyle::centered(face, size_pt)
        }
    }

    fn line_pt(&self) -> f32 {
        self.size_pt * self.line_height
    }
}

/// Glue between words that must stay on one line ("năm\u{a0}2025"): a no-break space,
/// drawn as a plain space.
pub const NO_BREAK: char = '\u{a0}';

/// Breaks `text` into lines no wider than `width_pt` (the first `first_indent_pt` narrower),
/// at spaces but not at `NO_BREAK`; a word longer than a line is cut between characters.
pub fn wrap(
    fonts: &Fonts,
    text: &str,
    face: Face,
    size_pt: f32,
    width_pt: f32,
    first_indent_pt: f32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let room = |lines: &Vec<String>| {
        if lines.is_empty() {
            width_pt - first_indent_pt
        } else {
            width_pt
        }
    };
    let words = text
        .split(|c: char| c.is_whitespace() && c != NO_BREAK)
        .filter(|w| !w.is_empty());
    for word in words {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fonts.width_pt(face, &candidate, size_pt) <= room(&lines) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone: cut it if it still does not fit.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if fonts.width_pt(face, &piece, size_pt) > room(&lines) && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        current = piece;
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|l| l.replace(NO_BREAK, " "))
        .collect()
}

/// One column of a table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub width_pt: f32,
    pub align: Align,
}

/// A header cell at (row, col), spanning rows and columns.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub face: Face,
    pub size_pt: f32,
}

impl HeaderCell {
    pub fn new(text: &str, row: usize, col: usize, row_span: usize, col_span: usize) -> Self {
        HeaderCell {
            text: text.to_string(),
            row,
            col,
            row_span,
            col_span,
            face: Face::Bold,
            size_pt: 10.5,
        }
    }
}

/// A body row: one text per column, or a band (one text across the whole table).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub is_bold: bool,
    pub band: Option<String>,
}

impl Row {
    pub fn plain(cells: Vec<String>) -> Self {
        Row {
            cells,
            is_bold: false,
            band: None,
        }
    }

    pub fn bold(cells: Vec<String>) -> Self {
        Row {
            cells,
            is_bold: true,
            band: None,
        }
    }

    pub fn band(text: String) -> Self {
        Row {
            cells: Vec::new(),
            is_bold: true,
            band: Some(text),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub header_rows: usize,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Row>,
    pub body_size_pt: f32,
    pub header_fill_gray: f32,
}

const CELL_PAD_X_PT: f32 = 3.0;
const CELL_PAD_Y_PT: f32 = 3.0;
const CELL_LINE: f32 = 1.2;
const RULE_PT: f32 = 0.5;

/// The page builder: a cursor on the current page and the pages done so far.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Page>,
    y_pt: f32,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Flow {
            fonts,
            pages: Vec::new(),
            y_pt: 0.0,
        }
    }

    pub fn new_page(&mut self, orientation: Orientation) {
        self.pages.push(Page {
            orientation,
            items: Vec::new(),
            number_label: None,
        });
        self.y_pt = orientation.margins().top_pt;
    }

    fn orientation(&self) -> Orientation {
        self.pages
            .last()
            .map_or(Orientation::Portrait, |p| p.orientation)
    }

    pub fn left_pt(&self) -> f32 {
        self.orientation().margins().left_pt
    }

    pub fn right_pt(&self) -> f32 {
        let o = self.orientation();
        o.size_pt().0 - o.margins().right_pt
    }

    pub fn width_pt(&self) -> f32 {
        self.right_pt() - self.left_pt()
    }

    pub fn bottom_pt(&self) -> f32 {
        let o = self.orientation();
        o.size_pt().1 - o.margins().bottom_pt
    }

    /// Where the next content starts.
    pub fn y_pt(&self) -> f32 {
        self.y_pt
    }

    pub fn set_y_pt(&mut self, y_pt: f32) {
        self.y_pt = y_pt;
    }

    pub fn gap(&mut self, height_pt: f32) {
        self.y_pt += height_pt;
    }

    /// Starts a new page of the same orientation when less than `height_pt` is left.
    /// Returns whether it did.
    pub fn ensure(&mut self, height_pt: f32) -> bool {
        if self.pages.is_empty() || self.y_pt + height_pt > self.bottom_pt() + 0.01 {
            let o = self.orientation();
            self.new_page(o);
            return true;
        }
        false
    }

    pub fn push(&mut self, item: Item) {
        if self.pages.is_empty() {
            self.new_page(Orientation::Portrait);
        }
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// A text run measured with the flow's fonts (text made NFC).
    pub fn run(
        &self,
        text: &str,
        face: Face,
        size_pt: f32,
        x_pt: f32,
        y_pt: f32,
        align: Align,
    ) -> Item {
        let text: String = text.nfc().collect();
        let width_pt = self.fonts.width_pt(face, &text, size_pt);
        Item::Text(TextRun {
            text,
            face,
            size_pt,
            x_pt,
            y_pt,
            align,
            width_pt,
        })
    }

    pub fn text(
        &mut self,
        text: &str,
        face: Face,
        size_pt: f32,
        x_pt: f32,
        y_pt: f32,
        align: Align,
    ) {
        let item = self.run(text, face, size_pt, x_pt, y_pt, align);
        self.push(item);
    }

    pub fn rule(&mut self, x1_pt: f32, y1_pt: f32, x2_pt: f32, y2_pt: f32, width_pt: f32) {
        self.push(Item::Rule(Rule {
            x1_pt,
            y1_pt,
            x2_pt,
            y2_pt,
            width_pt,
            gray: 0.0,
            is_dashed: false,
        }));
    }

    /// A paragraph across the full text width, breaking pages between lines.
    pub fn paragraph(&mut self, text: &str, style: ParaStyle) {
        let (left, width) = (self.left_pt(), self.width_pt());
        self.paragraph_in(text, style, left, width);
    }

    /// A paragraph in the column `[left_pt, left_pt + width_pt]`.
    pub fn paragraph_in(&mut self, text: &str, style: ParaStyle, left_pt: f32, width_pt: f32) {
        let text: String = text.nfc().collect();
        let wrap_at = |w: f32| {
            wrap(
                self.fonts,
                &text,
                style.face,
                style.size_pt,
                w,
                style.first_indent_pt,
            )
        };
        let lines = wrap_at(width_pt);
        let line_pt = style.line_pt();
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(line_pt);
            let baseline = self.y_pt + style.size_pt * ASCENT;
            let indent = if i == 0 { style.first_indent_pt } else { 0.0 };
            let (face, size) = (style.face, style.size_pt);
            match style.align {
                None if i != last => {
                    self.justified_line(line, style, left_pt + indent, width_pt - indent, baseline)
                }
                None | Some(Align::Left) => {
                    self.text(line, face, size, left_pt + indent, baseline, Align::Left)
                }
                Some(Align::Center) => self.text(
                    line,
                    face,
                    size,
                    left_pt + width_pt / 2.0,
                    baseline,
                    Align::Center,
                ),
                Some(Align::Right) => {
                    self.text(line, face, size, left_pt + width_pt, baseline, Align::Right)
                }
            }
            self.y_pt += line_pt;
        }
        self.y_pt += style.space_after_pt;
    }

    /// A full line spread to `width_pt`: one run per word, the slack shared between the gaps.
    fn justified_line(
        &mut self,
        line: &str,
        style: ParaStyle,
        left_pt: f32,
        width_pt: f32,
        baseline: f32,
    ) {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        let widths: Vec<f32> = words
            .iter()
            .map(|w| self.fonts.width_pt(style.face, w, style.size_pt))
            .collect();
        let space = self.fonts.width_pt(style.face, " ", style.size_pt);
        let gaps = words.len().saturating_sub(1) as f32;
        let gap = if gaps > 0.0 {
            (width_pt - widths.iter().sum::<f32>()) / gaps
        } else {
            space
        };
        if gaps == 0.0 || gap > 4.0 * space {
            self.text(
                line,
                style.face,
                style.size_pt,
                left_pt,
                baseline,
                Align::Left,
            );
            return;
        }
        let mut x = left_pt;
        for (word, w) in words.iter().zip(widths) {
            self.text(word, style.face, style.size_pt, x, baseline, Align::Left);
            x += w + gap;
        }
    }

    /// The lines of a cell, cut to `max_lines` (the last marked "…").
    fn cell_lines(
        &self,
        text: &str,
        face: Face,
        size_pt: f32,
        width_pt: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = wrap(
            self.fonts,
            text,
            face,
            size_pt,
            width_pt - 2.0 * CELL_PAD_X_PT,
            0.0,
        );
        if lines.len() > max_lines.max(1) {
            lines.truncate(max_lines.max(1));
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        lines
    }

    /// Heights of the header rows: every cell's wrapped text fits its span.
    fn header_heights(&self, table: &Table) -> Vec<f32> {
        let mut heights = vec![0.0_f32; table.header_rows];
        let mut cells: Vec<&HeaderCell> = table.header.iter().collect();
        cells.sort_by_key(|c| c.row_span);
        for cell in cells {
            let width = span_width(&table.columns, cell.col, cell.col_span);
            let lines = self.cell_lines(&cell.text, cell.face, cell.size_pt, width, usize::MAX);
            let need = lines.len() as f32 * cell.size_pt * CELL_LINE + 2.0 * CELL_PAD_Y_PT;
            let rows = cell.row..(cell.row + cell.row_span).min(table.header_rows);
            let have: f32 = heights[rows.clone()].iter().sum();
            if need > have {
                let last = rows.end - 1;
                heights[last] += need - have;
            }
        }
        heights
    }

    fn draw_header(&mut self, table: &Table, heights: &[f32]) {
        let top = self.y_pt;
        for cell in &table.header {
            let x = self.left_pt() + span_width(&table.columns, 0, cell.col);
            let y = top + heights[..cell.row].iter().sum::<f32>();
            let w = span_width(&table.columns, cell.col, cell.col_span);
            let h: f32 = heights[cell.row..(cell.row + cell.row_span).min(heights.len())]
                .iter()
                .sum();
            self.push(Item::Block(Block {
                x_pt: x,
                y_pt: y,
                width_pt: w,
                height_pt: h,
                fill_gray: Some(table.header_fill_gray),
                stroke_pt: Some(RULE_PT),
            }));
            let lines = self.cell_lines(&cell.text, cell.face, cell.size_pt, w, usize::MAX);
            self.cell_text(&lines, cell.face, cell.size_pt, x, y, w, h, Align::Center);
        }
        self.y_pt = top + heights.iter().sum::<f32>();
    }

    /// Lines of a cell centred vertically in the box (x, y, w, h).
    #[allow(clippy::too_many_arguments)]
    fn cell_text(
        &mut self,
        lines: &[String],
        face: Face,
        size_pt: f32,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        align: Align,
    ) {
        let line_pt = size_pt * CELL_LINE;
        let block = lines.len() as f32 * line_pt;
        let mut top = y + (h - block) / 2.0;
        let anchor = match align {
            Align::Left => x + CELL_PAD_X_PT,
            Align::Center => x + w / 2.0,
            Align::Right => x + w - CELL_PAD_X_PT,
        };
        for line in lines {
            let baseline = top + (line_pt - size_pt) / 2.0 + size_pt * ASCENT;
            self.text(line, face, size_pt, anchor, baseline, align);
            top += line_pt;
        }
    }

    /// A table at the cursor: the header, then the rows, breaking pages between rows and
    /// repeating the header on every page.
    pub fn table(&mut self, table: &Table) {
        let header_heights = self.header_heights(table);
        let header_pt: f32 = header_heights.iter().sum();
        let body_line = table.body_size_pt * CELL_LINE;
        let full_body = self.bottom_pt() - self.orientation().margins().top_pt - header_pt;
        let max_lines = ((full_body - 2.0 * CELL_PAD_Y_PT) / body_line)
            .floor()
            .max(1.0) as usize;
        let table_width = span_width(&table.columns, 0, table.columns.len());
        let mut laid: Vec<(Vec<Vec<String>>, f32)> = Vec::new();
        for row in &table.rows {
            let face = if row.is_bold {
                Face::Bold
            } else {
                Face::Regular
            };
            let cells: Vec<Vec<String>> = match &row.band {
                Some(text) => vec![self.cell_lines(
                    text,
                    Face::Bold,
                    table.body_size_pt,
                    table_width,
                    max_lines,
                )],
                None => table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, col)| {
                        let text = row.cells.get(i).map_or("", String::as_str);
                        self.cell_lines(text, face, table.body_size_pt, col.width_pt, max_lines)
                    })
                    .collect(),
            };
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1) as f32;
            laid.push((cells, lines * body_line + 2.0 * CELL_PAD_Y_PT));
        }
        let first_row = laid.first().map_or(0.0, |(_, h)| *h);
        self.ensure(header_pt + first_row);
        self.draw_header(table, &header_heights);
        let heights: Vec<f32> = laid.iter().map(|(_, h)| *h).collect();
        for (i, (row, (cells, height))) in table.rows.iter().zip(laid).enumerate() {
            // A band (agency heading) stays with the row under it.
            let keep = if row.band.is_some() {
                heights.get(i + 1).copied().unwrap_or(0.0)
            } else {
                0.0
            };
            if self.ensure(height + keep) {
                self.draw_header(table, &header_heights);
            }
            let y = self.y_pt;
            let face = if row.is_bold {
                Face::Bold
            } else {
                Face::Regular
            };
            if row.band.is_some() {
                let x = self.left_pt();
                self.cell_box(x, y, table_width, height);
                let lines = cells.first().cloned().unwrap_or_default();
                self.cell_text(
                    &lines,
                    Face::Bold,
                    table.body_size_pt,
                    x,
                    y,
                    table_width,
                    height,
                    Align::Left,
                );
            } else {
                let mut x = self.left_pt();
                for (col, lines) in table.columns.iter().zip(&cells) {
                    self.cell_box(x, y, col.width_pt, height);
                    self.cell_text(
                        lines,
                        face,
                        table.body_size_pt,
                        x,
                        y,
                        col.width_pt,
                        height,
                        col.align,
                    );
                    x += col.width_pt;
                }
            }
            self.y_pt = y + height;
        }
    }

    fn cell_box(&mut self, x_pt: f32, y_pt: f32, width_pt: f32, height_pt: f32) {
        self.push(Item::Block(Block {
            x_pt,
            y_pt,
            width_pt,
            height_pt,
            fill_gray: None,
            stroke_pt: Some(RULE_PT),
        }));
    }

    /// The pages, numbered at the top centre from page 2 on.
    pub fn finish(mut self) -> Vec<Page> {
        for (i, page) in self.pages.iter_mut().enumerate().skip(1) {
            let centre = page.orientation.size_pt().0 / 2.0;
            let label = (i + 1).to_string();
            let width_pt = self.fonts.width_pt(Face::Regular, &label, 13.0);
            page.number_label = Some(TextRun {
                text: label,
                face: Face::Regular,
                size_pt: 13.0,
                x_pt: centre,
                y_pt: PAGE_NUMBER_BASELINE_PT,
                align: Align::Center,
                width_pt,
            });
        }
        self.pages
    }
}

/// Width of `span` columns from `first`.
pub fn span_width(columns: &[Column], first: usize, span: usize) -> f32 {
    columns
        .iter()
        .skip(first)
        .take(span)
        .map(|c| c.width_pt)
        .sum()
}

/// Column widths: the fixed ones as given, the flexible one (`None`) takes what is left of
/// `total_pt`.
pub fn fit_columns(total_pt: f32, spec: &[(Option<f32>, Align)]) -> Vec<Column> {
    let fixed: f32 = spec.iter().filter_map(|(w, _)| *w).sum();
    let flexible = spec.iter().filter(|(w, _)| w.is_none()).count().max(1) as f32;
    spec.iter()
        .map(|(w, align)| Column {
            width_pt: w.unwrap_or(((total_pt - fixed) / flexible).max(20.0)),
            align: *align,
        })
        .collect()
}
