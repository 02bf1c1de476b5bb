//! The work programme's PDF (issue 14), laid out like the task report: page 1 portrait with
//! the heading block, the title and the body — I. overall results (the summary paragraphs),
//! II. results by agency group, III. overdue and coming-due items, IV. postponed and withdrawn
//! items, V. data quality — then the annexes: I. the per-agency table (landscape, two-row
//! header with a row of column numbers, repeated on every page), II. the overdue items with
//! how long overdue and the items coming due, III. the postponed and withdrawn items. Every
//! word and table row comes from `render::programme_outline`, which the Word document draws
//! too; this module only sets them on the page.

use super::annex::open_annex;
use super::fonts::Face;
use super::heading::{report_heading, short_rule};
use super::layout::{Align, Flow, Orientation, Page, ParaStyle, Table};
use super::text_table::pdf_table;
use super::{PdfError, fonts};
use crate::model::ProgrammeReport;
use crate::period;
use crate::render::outline::{Outline, Part};
use crate::render::programme_outline::{self, ANNEX_NUMERALS};
use crate::render::tables::TextTable;

/// The finished PDF of a programme report.
pub fn programme_pdf_bytes(report: &ProgrammeReport) -> Result<Vec<u8>, PdfError> {
    let title = format!(
        "Báo cáo tình hình thực hiện Chương trình công tác {}",
        period::phrase(&report.meta.period)
    );
    super::finished(&title, report.meta.report_date, |fonts| {
        pages(report, fonts)
    })
}

/// The laid-out pages of a programme report (the layout step alone, for tests).
pub fn layout_programme(report: &ProgrammeReport) -> Result<Vec<Page>, PdfError> {
    Ok(pages(report, &fonts::Fonts::load()?))
}

fn pages(report: &ProgrammeReport, fonts: &fonts::Fonts) -> Vec<Page> {
    let outline = programme_outline::outline(report);
    let mut flow = Flow::new(fonts);
    front_page(&mut flow, report, &outline);
    for (i, (annex, numeral)) in outline.annexes.iter().zip(ANNEX_NUMERALS).enumerate() {
        open_annex(
            &mut flow,
            Orientation::Landscape,
            &format!("PHỤ LỤC {numeral}"),
            &annex.title,
            &annex.subtitle,
        );
        for part in &annex.parts {
            match part {
                // Annex I's table is the wide one, in smaller type; the notes under it
                // (about ten lines) stay together.
                Part::Table(table) if i == 0 => {
                    flow.table(&agency_table(table));
                    flow.gap(6.0);
                    flow.ensure(10.0 * 14.0);
                }
                Part::Table(table) => flow.table(&pdf_table(table, landscape_width())),
                Part::Note(text) => flow.paragraph(text, ParaStyle::note()),
                Part::Caption(title) => caption(&mut flow, title),
                Part::Heading { title, subtitle } => list_heading(&mut flow, title, subtitle),
            }
        }
    }
    flow.finish()
}

fn body_style() -> ParaStyle {
    ParaStyle::body()
}

fn section_heading(flow: &mut Flow, text: &str) {
    flow.ensure(3.0 * 13.0 * 1.3);
    flow.paragraph(
        text,
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            ..ParaStyle::body()
        },
    );
}

fn front_page(flow: &mut Flow, report: &ProgrammeReport, outline: &Outline) {
    let meta = &report.meta;
    flow.new_page(Orientation::Portrait);
    report_heading(
        flow,
        &meta.issuer,
        &meta.issuer_sub,
        &meta.place,
        meta.report_date,
    );
    flow.gap(16.0);
    for line in &outline.title {
        flow.paragraph(line, ParaStyle::centered(Face::Bold, 14.0));
    }
    let centre = flow.left_pt() + flow.width_pt() / 2.0;
    short_rule(flow, centre, flow.width_pt() / 4.0);
    flow.gap(4.0);
    if let Some(note) = &outline.title_note {
        flow.paragraph(note, ParaStyle::centered(Face::Italic, 13.0));
    }
    flow.gap(14.0);
    for section in &outline.sections {
        section_heading(flow, &section.heading);
        for paragraph in &section.paragraphs {
            flow.paragraph(paragraph, body_style());
        }
    }
}

fn landscape_width() -> f32 {
    let o = Orientation::Landscape;
    o.size_pt().0 - o.margins().left_pt - o.margins().right_pt
}

/// The per-agency table at 9,5 pt, its column numbers at 7,5 pt (the lists keep the common
/// sizes of `pdf_table`).
fn agency_table(table: &TextTable) -> Table {
    let mut out = pdf_table(table, landscape_width());
    out.body_size_pt = 9.5;
    for cell in out.header.iter_mut().filter(|h| h.face == Face::Italic) {
        cell.size_pt = 7.5;
    }
    out
}

/// The second heading of Annex II, centred, kept with the start of its list.
fn list_heading(flow: &mut Flow, title: &str, subtitle: &str) {
    flow.gap(16.0);
    flow.ensure(120.0);
    flow.paragraph(title, ParaStyle::centered(Face::Bold, 13.0));
    flow.paragraph(subtitle, ParaStyle::centered(Face::Italic, 12.0));
    flow.gap(8.0);
}

/// A numbered caption over one list of Annex III, bold at the left.
fn caption(flow: &mut Flow, text: &str) {
    flow.gap(6.0);
    flow.ensure(80.0);
    flow.paragraph(
        text,
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            first_indent_pt: 0.0,
            ..ParaStyle::body()
        },
    );
}
