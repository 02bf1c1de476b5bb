//! The pieces every Word document of tiendo is made of, on docx-rs: the page set-ups of
//! Nghị định 30/2020/NĐ-CP (A4; portrait margins top 20, bottom 20, left 30, right 15 mm;
//! landscape top 20, bottom 15, left 20, right 15 mm), the named paragraph styles (Times New
//! Roman 13 pt body, justified with a 1 cm first-line indent, so an edited paragraph re-flows
//! and keeps its look), the page-number header, the two-column heading block as a borderless
//! table, short rules as paragraph borders (no drawing, no text box), the tables of
//! `render::tables` as real Word tables whose head rows repeat on every page, and the packing.

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageOrientationType, PageSize, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, Shading, ShdType, SpecialIndentType, Style, StyleType, Table,
    TableAlignmentType, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use super::DocxError;
use crate::render::tables::{Align, Column, HeadCell, RowKind, TextTable};

/// The font named in the document; LibreOffice substitutes the metric-compatible Liberation
/// Serif where Times New Roman is not installed.
pub const FONT: &str = "Times New Roman";

const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
const TWIPS_PER_PT: f32 = 20.0;

pub fn mm(v: f32) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// Font sizes in half points, as Word stores them.
pub const BODY_SIZE: usize = 26;
const TABLE_SIZE: usize = 21;

/// The paragraph styles, by id. Names are what the specialist sees in Word's style list.
pub mod style {
    pub const BODY: &str = "VanBan";
    pub const SECTION: &str = "Muc";
    pub const TITLE: &str = "TenBaoCao";
    pub const TITLE_NOTE: &str = "GhiChuTen";
    pub const HEADING: &str = "DauVanBan";
    pub const ANNEX: &str = "PhuLuc";
    pub const ANNEX_SUB: &str = "PhuLucPhu";
    pub const NOTE: &str = "GhiChu";
    pub const CELL: &str = "OBang";
    pub const HEAD_CELL: &str = "DauBang";
    pub const PAGE_NUMBER: &str = "SoTrang";
    pub const RULE: &str = "DuongKe";
    pub const ADDRESS: &str = "KinhGui";
    pub const SIGNATURE: &str = "ChuKy";
    pub const RECIPIENTS: &str = "NoiNhan";
}

/// A page set-up: size and margins in twips.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    pub is_landscape: bool,
}

impl Page {
    pub fn portrait() -> Page {
        Page {
            width: 11906,
            height: 16838,
            top: mm(20.0),
            bottom: mm(20.0),
            left: mm(30.0),
            right: mm(15.0),
            is_landscape: false,
        }
    }

    pub fn landscape() -> Page {
        Page {
            width: 16838,
            height: 11906,
            top: mm(20.0),
            bottom: mm(15.0),
            left: mm(20.0),
            right: mm(15.0),
            is_landscape: true,
        }
    }

    /// Width between the margins, in twips.
    pub fn text_width(&self) -> i32 {
        self.width as i32 - self.left - self.right
    }

    pub fn size(&self) -> PageSize {
        let orient = if self.is_landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        };
        PageSize::new().size(self.width, self.height).orient(orient)
    }

    pub fn orient(&self) -> PageOrientationType {
        if self.is_landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        }
    }

    /// The margins; the page number sits in the top margin, 10 mm from the edge.
    pub fn margin(&self) -> PageMargin {
        PageMargin::new()
            .top(self.top)
            .bottom(self.bottom)
            .left(self.left)
            .right(self.right)
            .header(mm(10.0))
            .footer(mm(10.0))
            .gutter(0)
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// Spacing in twips before and after, and the line height in 240ths of a line.
fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .before(before)
        .after(after)
        .line(line)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next(style::BODY)
}

fn keep_with_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

fn styles() -> Vec<Style> {
    use style::*;
    let centered = |id, name, size| {
        paragraph_style(id, name)
            .size(size)
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 0, 240))
    };
    vec![
        paragraph_style(BODY, "Văn bản")
            .size(BODY_SIZE)
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(mm(10.0))),
                None,
                None,
            )
            .line_spacing(spacing(0, 120, 312)),
        keep_with_next(
            paragraph_style(SECTION, "Mục")
                .size(BODY_SIZE)
                .bold()
                .align(AlignmentType::Left)
                .outline_lvl(0)
                .line_spacing(spacing(120, 60, 312)),
        ),
        keep_with_next(
            centered(TITLE, "Tên văn bản", 28)
                .bold()
                .line_spacing(spacing(0, 0, 276)),
        ),
        keep_with_next(centered(TITLE_NOTE, "Ghi chú tên văn bản", BODY_SIZE).italic()),
        centered(HEADING, "Đầu văn bản", BODY_SIZE),
        keep_with_next(
            centered(ANNEX, "Phụ lục", BODY_SIZE)
                .bold()
                .outline_lvl(0)
                .line_spacing(spacing(0, 0, 264)),
        ),
        keep_with_next(
            centered(ANNEX_SUB, "Phụ lục (dòng phụ)", 24)
                .italic()
                .line_spacing(spacing(0, 160, 264)),
        ),
        paragraph_style(NOTE, "Ghi chú")
            .size(22)
            .italic()
            .align(AlignmentType::Left)
            .line_spacing(spacing(0, 20, 264)),
        paragraph_style(CELL, "Ô bảng")
            .size(TABLE_SIZE)
            .line_spacing(spacing(40, 40, 240)),
        paragraph_style(HEAD_CELL, "Đầu bảng")
            .size(TABLE_SIZE)
            .bold()
            .align(AlignmentType::Center)
            .line_spacing(spacing(40, 40, 240)),
        centered(PAGE_NUMBER, "Số trang", BODY_SIZE),
        centered(RULE, "Đường kẻ", 8).line_spacing(spacing(60, 0, 240)),
        paragraph_style(ADDRESS, "Kính gửi")
            .size(28)
            .align(AlignmentType::Left)
            .line_spacing(spacing(120, 120, 276)),
        centered(SIGNATURE, "Chức danh, người ký", BODY_SIZE).bold(),
        paragraph_style(RECIPIENTS, "Nơi nhận")
            .size(22)
            .align(AlignmentType::Left)
            .line_spacing(spacing(0, 0, 240)),
    ]
}

/// A new document: the styles, Times New Roman 13 pt as the default, the document dates set
/// to `day` (the same inputs give the same file).
pub fn new_docx(day: NaiveDate) -> Docx {
    let stamp = format!("{}T00:00:00Z", day.format("%Y-%m-%d"));
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .created_at(&stamp)
        .updated_at(&stamp);
    for s in styles() {
        docx = docx.add_style(s);
    }
    docx
}

/// A run of text (made NFC; exports may hold NFD and Word would show it split).
pub fn run(text: &str) -> Run {
    use unicode_normalization::UnicodeNormalization;
    Run::new().add_text(text.nfc().collect::<String>())
}

/// A paragraph of one run in a style.
pub fn para(style_id: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style_id).add_run(run(text))
}

/// The header of every page but the first: the page number, centred.
pub fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style(style::PAGE_NUMBER)
            .add_page_num(PageNum::new()),
    )
}

/// A short horizontal rule of `length` twips centred in a column `width` twips wide: the top
/// border of an empty, tiny paragraph indented from both sides.
pub fn rule(width: i32, length: i32) -> Paragraph {
    let side = ((width - length) / 2).max(0);
    let mut p = Paragraph::new()
        .style(style::RULE)
        .indent(Some(side), None, Some(side), None);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    p
}

/// An estimate of the width of `text` set in Times New Roman at `size_pt`, in twips
/// (capitals average about 0.72 em, lower case about 0.46 em): only to size the short rules
/// under a heading line, which Nghị định 30/2020 wants between a third and a half of it.
pub fn estimated_width(text: &str, size_pt: f32) -> i32 {
    let em: f32 = text
        .chars()
        .map(|c| if c.is_uppercase() { 0.72 } else { 0.46 })
        .sum();
    (em * size_pt * TWIPS_PER_PT) as i32
}

/// One line of the heading block: its text and how it is set.
#[derive(Clone, Debug, Default)]
pub struct Line {
    pub text: String,
    pub size: usize,
    pub is_bold: bool,
    pub is_italic: bool,
    pub is_underlined: bool,
    /// A rule under the line, as long as this share of it (None: none).
    pub rule_share: Option<f32>,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            size: BODY_SIZE,
            ..Line::default()
        }
    }

    pub fn bold(text: impl Into<String>) -> Line {
        Line {
            is_bold: true,
            ..Line::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Line {
        Line {
            is_italic: true,
            ..Line::plain(text)
        }
    }

    pub fn size(self, size: usize) -> Line {
        Line { size, ..self }
    }

    pub fn ruled(self, share: f32) -> Line {
        Line {
            rule_share: Some(share),
            ..self
        }
    }

    pub fn underlined(self) -> Line {
        Line {
            is_underlined: true,
            ..self
        }
    }

    fn paragraphs(&self, width: i32) -> Vec<Paragraph> {
        let mut r = run(&self.text).size(self.size);
        if self.is_bold {
            r = r.bold();
        }
        if self.is_italic {
            r = r.italic();
        }
        if self.is_underlined {
            r = r.underline("single");
        }
        let mut out = vec![Paragraph::new().style(style::HEADING).add_run(r)];
        if let Some(share) = self.rule_share {
            let text = estimated_width(&self.text, self.size as f32 / 2.0);
            let length = ((text as f32 * share) as i32).max(40 * TWIPS_PER_PT as i32);
            out.push(rule(width, length.min(width)));
        }
        out
    }
}

fn borderless_cell(lines: &[Line], width: i32) -> TableCell {
    let mut cell = TableCell::new()
        .width(width.max(0) as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for line in lines {
        for p in line.paragraphs(width) {
            cell = cell.add_paragraph(p);
        }
    }
    if lines.is_empty() {
        cell = cell.add_paragraph(Paragraph::new().style(style::HEADING));
    }
    cell
}

/// The heading block of Nghị định 30/2020: a borderless table of two columns (the issuing
/// body and the number left, the national heading and the place and date right), `rows` of
/// (left lines, right lines); `left_share` of `width` twips goes to the left column.
pub fn heading_table(rows: &[(Vec<Line>, Vec<Line>)], width: i32, left_share: f32) -> Table {
    let left = (width as f32 * left_share) as i32;
    let right = width - left;
    let rows = rows
        .iter()
        .map(|(l, r)| {
            TableRow::new(vec![borderless_cell(l, left), borderless_cell(r, right)]).cant_split()
        })
        .collect();
    Table::without_borders(rows)
        .set_grid(vec![left.max(0) as usize, right.max(0) as usize])
        .width(width.max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .align(TableAlignmentType::Center)
}

/// Column widths in twips: the fixed ones as the PDF gives them, the flexible ones share what
/// is left; scaled down together when they do not fit `width`.
fn column_widths(columns: &[Column], width: i32) -> Vec<i32> {
    let fixed: f32 = columns
        .iter()
        .filter_map(|c| c.width_pt)
        .map(|w| w * TWIPS_PER_PT)
        .sum();
    let flexible = columns.iter().filter(|c| c.width_pt.is_none()).count();
    let rest = ((width as f32 - fixed) / flexible.max(1) as f32).max(30.0 * TWIPS_PER_PT);
    let raw: Vec<f32> = columns
        .iter()
        .map(|c| c.width_pt.map_or(rest, |w| w * TWIPS_PER_PT))
        .collect();
    let sum: f32 = raw.iter().sum();
    let scale = if sum > width as f32 {
        width as f32 / sum
    } else {
        1.0
    };
    raw.iter().map(|w| (w * scale).floor() as i32).collect()
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// A cell of `span` grid columns starting at `first`.
fn sized_cell(widths: &[i32], first: usize, span: usize) -> TableCell {
    let w: i32 = widths.iter().skip(first).take(span).sum();
    let mut cell = TableCell::new().width(w.max(0) as usize, WidthType::Dxa);
    if span > 1 {
        cell = cell.grid_span(span);
    }
    cell
}

/// Marks a head row for [`pack`], which turns the mark into `<w:tblHeader/>`: docx-rs 0.4.22
/// has no setter for the "repeat as header row" property (checked in its source, also at
/// its repository's head), so a head row carries a one-twip minimum height, a value no other
/// row uses, and the mark is replaced in the document part after docx-rs has written it.
const HEAD_ROW_MARK_TWIPS: f32 = 1.0;
const HEAD_ROW_MARK_XML: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const HEAD_ROW_XML: &str = "<w:tblHeader />";

fn head_rows(table: &TextTable, widths: &[i32]) -> Vec<TableRow> {
    let n = widths.len();
    let covering = |r: usize, c: usize| -> Option<&HeadCell> {
        table
            .head
            .iter()
            .find(|h| r >= h.row && r < h.row + h.row_span && c >= h.col && c < h.col + h.col_span)
    };
    (0..table.head_rows)
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < n {
                let Some(h) = covering(r, c) else {
                    cells.push(
                        sized_cell(widths, c, 1)
                            .add_paragraph(Paragraph::new().style(style::HEAD_CELL)),
                    );
                    c += 1;
                    continue;
                };
                let span = h.col_span.max(1).min(n - c);
                let mut cell = sized_cell(widths, c, span)
                    .vertical_align(VAlignType::Center)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("E6E6E6"));
                if h.row == r {
                    let mut text = run(&h.text);
                    if h.is_numbering {
                        text = text.italic().size(16).disable_bold();
                    }
                    cell =
                        cell.add_paragraph(Paragraph::new().style(style::HEAD_CELL).add_run(text));
                    if h.row_span > 1 {
                        cell = cell.vertical_merge(VMergeType::Restart);
                    }
                } else {
                    cell = cell
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(style::HEAD_CELL));
                }
                cells.push(cell);
                c += span;
            }
            TableRow::new(cells)
                .cant_split()
                .row_height(HEAD_ROW_MARK_TWIPS)
        })
        .collect()
}

/// A table of `render::tables` as a Word table `width` twips wide: grid, head rows marked to
/// repeat on every page, body rows that do not break across pages, bands across the table.
pub fn word_table(table: &TextTable, width: i32) -> Table {
    let width = table
        .max_width_pt
        .map_or(width, |w| width.min((w * TWIPS_PER_PT) as i32));
    let widths = column_widths(&table.columns, width);
    let mut rows = head_rows(table, &widths);
    for row in &table.rows {
        let bold = row.kind != RowKind::Plain;
        let cell = |i: usize, text: &str, align: Align, span: usize| {
            let mut r = run(text);
            if bold {
                r = r.bold();
            }
            sized_cell(&widths, i, span)
                .vertical_align(VAlignType::Center)
                .add_paragraph(
                    Paragraph::new()
                        .style(style::CELL)
                        .align(alignment(align))
                        // An agency's band stays on the page of its first task.
                        .keep_next(row.kind == RowKind::Band)
                        .add_run(r),
                )
        };
        let cells = match row.kind {
            RowKind::Band => {
                let text = row.cells.first().map_or("", String::as_str);
                vec![cell(0, text, Align::Left, widths.len())]
            }
            RowKind::Plain | RowKind::Bold => table
                .columns
                .iter()
                .enumerate()
                .map(|(i, column)| {
                    let text = row.cells.get(i).map_or("", String::as_str);
                    cell(i, text, column.align, 1)
                })
                .collect(),
        };
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(widths.iter().map(|w| (*w).max(0) as usize).collect())
        .width(widths.iter().sum::<i32>().max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(0, 60, 0, 60))
}

/// The finished `.docx`: docx-rs writes the parts, the head-row marks become
/// `<w:tblHeader/>` (see [`HEAD_ROW_MARK_XML`]), docx-rs packs the zip.
pub fn pack(docx: Docx) -> Result<Vec<u8>, DocxError> {
    let mut parts = docx.build();
    let document = String::from_utf8(std::mem::take(&mut parts.document))
        .map_err(|e| DocxError::Write(e.to_string()))?;
    parts.document = document
        .replace(HEAD_ROW_MARK_XML, HEAD_ROW_XML)
        .into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    parts
        .pack(&mut out)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tables::{Row, TextTable, col};
    use std::io::Read;

    #[test]
    fn fixed_columns_keep_their_width_and_the_flexible_one_takes_the_rest() {
        // 28 pt and 66 pt are 560 and 1320 twips; 9000 − 1880 = 7120 left for the content.
        let columns = [
            col(Some(28.0), Align::Center),
            col(None, Align::Left),
            col(Some(66.0), Align::Right),
        ];
        assert_eq!(column_widths(&columns, 9000), [560, 7120, 1320]);
        // Too wide for 1000 twips: every column scaled by 1000 / 2480.
        let scaled = column_widths(&columns, 1000);
        assert!(scaled.iter().sum::<i32>() <= 1000, "{scaled:?}");
    }

    /// A table with a two-row head («A» over two columns, «B» over two rows) and two rows.
    fn two_row_head() -> TextTable {
        let head = HeadCell::new;
        TextTable {
            max_width_pt: None,
            columns: vec![col(None, Align::Left); 3],
            head_rows: 2,
            head: vec![
                head("A", 0, 0, 1, 2),
                head("B", 0, 2, 2, 1),
                head("a1", 1, 0, 1, 1),
                head("a2", 1, 1, 1, 1),
            ],
            rows: vec![
                Row {
                    kind: RowKind::Plain,
                    cells: vec!["1".into(), "2".into(), "3".into()],
                },
                Row {
                    kind: RowKind::Band,
                    cells: vec!["dải".into()],
                },
            ],
        }
    }

    fn document_xml(docx: Docx) -> String {
        let bytes = pack(docx).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn head_rows_repeat_and_spans_become_grid_spans_and_vertical_merges() {
        let table = word_table(&two_row_head(), 9000);
        let xml = document_xml(Docx::new().add_table(table));
        let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 4);
        // The two head rows carry the repeat mark, the body rows do not; no mark is left.
        let repeats: Vec<bool> = rows.iter().map(|r| r.contains("<w:tblHeader />")).collect();
        assert_eq!(repeats, [true, true, false, false]);
        assert!(!xml.contains(HEAD_ROW_MARK_XML));
        // «A» spans two grid columns; «B» starts a vertical merge continued in row 2.
        assert!(rows[0].contains(r#"<w:gridSpan w:val="2" />"#));
        assert!(rows[0].contains(r#"<w:vMerge w:val="restart" />"#));
        assert!(rows[1].contains(r#"<w:vMerge w:val="continue" />"#));
        // The band spans the three columns.
        assert!(rows[3].contains(r#"<w:gridSpan w:val="3" />"#));
    }
}
