//! The urging letters (công văn đôn đốc) as PDF, from `render::letters`, on the report's
//! layout engine (`Flow`): A4 portrait, the heading block of Nghị định 30/2020 with the number
//! and the «V/v» subject under the issuing body, «Kính gửi», the paragraphs, the two lists as
//! tables whose head repeats on every page, the request, then «Nơi nhận» beside the signature
//! block; page numbers from each letter's page 2. Each letter is laid out once and drawn
//! alone and, with all the others, into one file for printing.

use super::PdfError;
use super::draw;
use super::fonts::{Face, Fonts};
use super::heading;
use super::layout::{Flow, Orientation, Page, ParaStyle};
use super::text_table::pdf_table;
use crate::model::Letters;
use crate::render::letters::{self, LetterText};

const HEADING_PT: f32 = 13.0;
/// Share of the text width given to the issuing body's column (and to «Nơi nhận»).
const LEFT_SHARE: f32 = 0.42;

/// Each letter's PDF, in the order of the set, and all of them in one file.
pub struct LetterPdfs {
    pub each: Vec<Vec<u8>>,
    pub all: Vec<u8>,
}

pub fn letters_pdf(set: &Letters) -> Result<LetterPdfs, PdfError> {
    let fonts = Fonts::load()?;
    let day = set.meta.report_date;
    let laid: Vec<(String, Vec<Page>)> = set
        .letters
        .iter()
        .map(|letter| {
            let text = letters::letter_text(set, letter);
            (letter.agency.clone(), layout_letter(&fonts, &text))
        })
        .collect();
    let each = laid
        .iter()
        .map(|(agency, pages)| {
            draw::to_pdf(pages, &fonts, &format!("Công văn đôn đốc — {agency}"), day)
        })
        .collect();
    let pages: Vec<Page> = laid.into_iter().flat_map(|(_, pages)| pages).collect();
    let all = draw::to_pdf(&pages, &fonts, "Công văn đôn đốc thực hiện nhiệm vụ", day);
    Ok(LetterPdfs { each, all })
}

/// The laid-out pages of one letter (numbered from its page 2).
pub fn layout_letter(fonts: &Fonts, text: &LetterText) -> Vec<Page> {
    let mut flow = Flow::new(fonts);
    flow.new_page(Orientation::Portrait);
    heading(&mut flow, text);
    flow.gap(12.0);
    flow.paragraph(&text.address, ParaStyle::centered(Face::Regular, 14.0));
    flow.gap(8.0);
    flow.paragraph(&text.opening, ParaStyle::body());
    for list in &text.lists {
        caption(&mut flow, &list.caption);
        match &list.table {
            Some(table) => {
                let width = flow.width_pt();
                flow.table(&pdf_table(table, width));
                flow.gap(8.0);
            }
            None => flow.paragraph(&list.none, ParaStyle::body()),
        }
    }
    for paragraph in &text.closing {
        flow.paragraph(paragraph, ParaStyle::body());
    }
    flow.gap(6.0);
    signature(&mut flow, text);
    flow.finish()
}

/// Issuing body (with its short rule), number and subject left; national heading and motto
/// (underlined over its width), then the place and date right.
fn heading(flow: &mut Flow, text: &LetterText) {
    let columns = heading::heading_block(flow, &text.issuer, &text.issuer_sub, LEFT_SHARE);
    let (left, left_w) = (columns.left_pt, columns.left_width_pt);
    let second = flow.y_pt().max(columns.left_bottom_pt) + 8.0;
    flow.set_y_pt(second);
    flow.paragraph_in(
        &text.number,
        ParaStyle::centered(Face::Regular, HEADING_PT),
        left,
        left_w,
    );
    flow.paragraph_in(
        &text.subject,
        ParaStyle::centered(Face::Regular, 12.0),
        left,
        left_w,
    );
    let left_bottom = flow.y_pt();
    flow.set_y_pt(second);
    flow.paragraph_in(
        &text.place_date,
        ParaStyle::centered(Face::Italic, HEADING_PT),
        columns.right_pt,
        columns.right_width_pt,
    );
    flow.set_y_pt(flow.y_pt().max(left_bottom));
}

fn caption(flow: &mut Flow, text: &str) {
    flow.ensure(4.0 * HEADING_PT * 1.3);
    flow.paragraph(text, ParaStyle::caption());
}

/// «Nơi nhận» left and the signature block right, kept on one page.
fn signature(flow: &mut Flow, text: &LetterText) {
    let lines = text.recipients.len().max(text.signer_title.len() + 6) + 1;
    flow.ensure(lines as f32 * HEADING_PT * 1.3);
    let top = flow.y_pt();
    let left = flow.left_pt();
    let left_w = flow.width_pt() * LEFT_SHARE;
    flow.paragraph_in(
        letters::RECIPIENTS_HEAD,
        ParaStyle::left(Face::Bold, 12.0),
        left,
        left_w,
    );
    for line in &text.recipients {
        flow.paragraph_in(line, ParaStyle::left(Face::Regular, 11.0), left, left_w);
    }
    let left_bottom = flow.y_pt();

    flow.set_y_pt(top);
    let (right_x, right_w) = (left + left_w, flow.width_pt() - left_w);
    let bold = ParaStyle::centered(Face::Bold, HEADING_PT);
    for line in &text.signer_title {
        flow.paragraph_in(line, bold, right_x, right_w);
    }
    flow.gap(4.0 * HEADING_PT * 1.25);
    if let Some(name) = &text.signer {
        flow.paragraph_in(name, bold, right_x, right_w);
    }
    flow.set_y_pt(flow.y_pt().max(left_bottom));
}
