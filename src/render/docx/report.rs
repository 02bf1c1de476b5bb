//! The report as a Word document: a portrait section (heading block, number line, place and
//! date, title, the numbered sections of `render::outline`), then one landscape section with
//! every annex, each on a new page with its tables and notes. Page numbers are centred at the
//! top from page 2 on: the first page has a header of its own, blank. The work programme's
//! report (`programme`) is its own outline drawn the same way.

use docx_rs::{Docx, Paragraph, Section};

use super::DocxError;
use super::parts::{self, Line, Page, para, style};
use crate::model::{Report, ReportMeta};
use crate::render::outline::{self, Outline, Part};
use crate::render::words;

/// Share of the text width given to the issuing body's column.
const LEFT_SHARE: f32 = 0.38;

/// The finished `.docx` of a report; `sign` is the document sign after «BC-» in the number
/// line (e.g. «VP»: «Số: …/BC-VP»).
pub fn report_bytes(report: &Report, sign: &str) -> Result<Vec<u8>, DocxError> {
    outline_bytes(&outline::outline(report), &report.meta, sign)
}

/// The finished `.docx` of a report's outline under the title block of `meta`.
pub(super) fn outline_bytes(
    outline: &Outline,
    meta: &ReportMeta,
    sign: &str,
) -> Result<Vec<u8>, DocxError> {
    let front_page = Page::portrait();
    let width = front_page.text_width();

    let heading = [
        (
            vec![
                Line::plain(meta.issuer.to_uppercase()),
                Line::bold(meta.issuer_sub.to_uppercase()).ruled(0.4),
            ],
            vec![
                Line::bold(words::NATION).size(24),
                Line::bold(words::MOTTO).underlined(),
            ],
        ),
        (
            vec![Line::plain(words::number_line(&format!("BC-{sign}")))],
            vec![Line::italic(words::place_date_line(
                &meta.place,
                meta.report_date,
            ))],
        ),
    ];
    // The first section's first page has a header of its own (titlePg) and none is given: a
    // blank one (ECMA-376 §17.10.5; Word and LibreOffice do so). docx-rs 0.4.22 would keep
    // only one of a section's headers anyway.
    let mut front = Section::new()
        .page_size(front_page.size())
        .page_margin(front_page.margin())
        .title_pg()
        .header(parts::page_number_header())
        .add_table(parts::heading_table(&heading, width, LEFT_SHARE))
        .add_paragraph(Paragraph::new().style(style::HEADING));
    for line in &outline.title {
        front = front.add_paragraph(para(style::TITLE, line));
    }
    front = front.add_paragraph(parts::rule(width, width / 4));
    if let Some(note) = &outline.title_note {
        front = front.add_paragraph(para(style::TITLE_NOTE, note));
    }
    for section in &outline.sections {
        front = front.add_paragraph(para(style::SECTION, &section.heading));
        for paragraph in &section.paragraphs {
            front = front.add_paragraph(para(style::BODY, paragraph));
        }
    }

    let annex_page = Page::landscape();
    let mut docx = parts::new_docx(meta.report_date)
        .add_section(front)
        .page_size(annex_page.width, annex_page.height)
        .page_orient(annex_page.orient())
        .page_margin(annex_page.margin())
        .header(parts::page_number_header());
    for (i, annex) in outline.annexes.iter().enumerate() {
        // The landscape section starts on a new page; each later annex breaks to its own.
        docx = docx.add_paragraph(para(style::ANNEX, &annex.label).page_break_before(i > 0));
        docx = docx.add_paragraph(para(style::ANNEX, &annex.title));
        docx = docx.add_paragraph(para(style::ANNEX_SUB, &annex.subtitle));
        docx = add_parts(docx, &annex.parts, annex_page.text_width());
    }
    parts::pack(docx)
}

fn add_parts(mut docx: Docx, annex_parts: &[Part], width: i32) -> Docx {
    let mut after_table = false;
    for part in annex_parts {
        match part {
            Part::Table(table) => {
                docx = docx.add_table(parts::word_table(table, width));
                after_table = true;
                continue;
            }
            Part::Heading { title, subtitle } => {
                docx = docx
                    .add_paragraph(Paragraph::new().style(style::NOTE))
                    .add_paragraph(para(style::ANNEX, title))
                    .add_paragraph(para(style::ANNEX_SUB, subtitle));
            }
            Part::Caption(text) => docx = line(docx, after_table, style::SECTION, text),
            Part::Note(text) => docx = line(docx, after_table, style::NOTE, text),
        }
        after_table = false;
    }
    docx
}

/// A line of an annex in `style_id`, with room above it when it follows a table.
fn line(mut docx: Docx, after_table: bool, style_id: &str, text: &str) -> Docx {
    if after_table {
        docx = docx.add_paragraph(Paragraph::new().style(style::NOTE));
    }
    docx.add_paragraph(para(style_id, text))
}
