//! An urging letter (công văn đôn đốc) as a Word document, from `render::letters`: one A4
//! portrait section — the heading block with the number and the «V/v» subject under the
//! issuing body, «Kính gửi», the body paragraphs, the two lists as tables whose head rows
//! repeat on every page, the request and the closing sentence, then «Nơi nhận» beside the
//! signature block; page numbers from page 2.

use docx_rs::{Header, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType};

use super::DocxError;
use super::parts::{self, Line, Page, para, style};
use crate::model::{Letter, Letters};
use crate::render::letters::{self, LetterText};
use crate::render::words;

/// Share of the text width given to the issuing body's column (and to «Nơi nhận»).
const LEFT_SHARE: f32 = 0.42;
/// Blank lines left for the signature and the seal.
const SIGNATURE_LINES: usize = 4;

/// The finished `.docx` of one agency's letter.
pub fn letter_bytes(set: &Letters, letter: &Letter) -> Result<Vec<u8>, DocxError> {
    let text = letters::letter_text(set, letter);
    let page = Page::portrait();
    let width = page.text_width();
    let heading = [
        (
            vec![
                Line::plain(&text.issuer),
                Line::bold(&text.issuer_sub).ruled(0.4),
            ],
            vec![
                Line::bold(words::NATION).size(24),
                Line::bold(words::MOTTO).underlined(),
            ],
        ),
        (
            vec![
                Line::plain(&text.number),
                Line::plain(&text.subject).size(24),
            ],
            vec![Line::italic(&text.place_date)],
        ),
    ];
    let mut docx = parts::new_docx(set.meta.report_date)
        .page_size(page.width, page.height)
        .page_orient(page.orient())
        .page_margin(page.margin())
        .title_pg()
        .first_header(Header::new())
        .header(parts::page_number_header())
        .add_table(parts::heading_table(&heading, width, LEFT_SHARE))
        .add_paragraph(para(style::ADDRESS, &text.address).align(docx_rs::AlignmentType::Center))
        .add_paragraph(para(style::BODY, &text.opening));
    for list in &text.lists {
        docx = docx.add_paragraph(para(style::SECTION, &list.caption));
        docx = match &list.table {
            Some(table) => docx
                .add_table(parts::word_table(table, width))
                .add_paragraph(Paragraph::new().style(style::NOTE)),
            None => docx.add_paragraph(para(style::BODY, &list.none)),
        };
    }
    // The closing sentence stays on the page of the signature block.
    let last = text.closing.len().saturating_sub(1);
    for (i, paragraph) in text.closing.iter().enumerate() {
        docx = docx.add_paragraph(para(style::BODY, paragraph).keep_next(i == last));
    }
    docx = docx
        .add_paragraph(Paragraph::new().style(style::NOTE).keep_next(true))
        .add_table(signature_table(&text, width));
    parts::pack(docx)
}

/// «Nơi nhận» left, the signer's title, room to sign and the name right: a borderless table.
fn signature_table(text: &LetterText, width: i32) -> Table {
    let left = (width as f32 * LEFT_SHARE) as i32;
    let right = width - left;
    let mut recipients = TableCell::new()
        .width(left as usize, WidthType::Dxa)
        .add_paragraph(
            Paragraph::new().style(style::RECIPIENTS).add_run(
                parts::run(letters::RECIPIENTS_HEAD)
                    .bold()
                    .italic()
                    .size(24),
            ),
        );
    for line in &text.recipients {
        recipients = recipients.add_paragraph(para(style::RECIPIENTS, line));
    }
    let mut signature = TableCell::new().width(right as usize, WidthType::Dxa);
    for line in &text.signer_title {
        signature = signature.add_paragraph(para(style::SIGNATURE, line));
    }
    for _ in 0..SIGNATURE_LINES {
        signature = signature.add_paragraph(Paragraph::new().style(style::SIGNATURE));
    }
    if let Some(name) = &text.signer {
        signature = signature.add_paragraph(
            Paragraph::new()
                .style(style::SIGNATURE)
                .add_run(parts::run(name).bold()),
        );
    }
    Table::without_borders(vec![
        TableRow::new(vec![recipients, signature]).cant_split(),
    ])
    .set_grid(vec![left as usize, right as usize])
    .width(width as usize, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
}
