//! Page 1 of the report as Nghị định 30/2020/NĐ-CP lays it out: the heading block
//! (`heading`), the place-and-date line, the bold centred title with its rule, then the
//! numbered sections of `render::outline` (I. overall results, II. by agency, III. overdue and
//! coming-due tasks and, when present, the scoring and the trend), each a bold heading over
//! justified paragraphs.

use super::fonts::Face;
use super::heading::{self, short_rule};
use super::layout::{Align, Flow, Orientation, ParaStyle};
use crate::model::Report;
use crate::render::outline::{Outline, Section};

const HEADING_SIZE_PT: f32 = 13.0;

pub fn front_page(flow: &mut Flow, report: &Report, outline: &Outline) {
    flow.new_page(Orientation::Portrait);
    heading_block(flow, report);
    title_block(flow, outline);
    for section in &outline.sections {
        body_section(flow, section);
    }
}

fn heading_block(flow: &mut Flow, report: &Report) {
    let meta = &report.meta;
    heading::report_heading(
        flow,
        &meta.issuer,
        &meta.issuer_sub,
        &meta.place,
        meta.report_date,
    );
}

/// «BÁO CÁO» and the subject, a rule under them, the cut-off note when there is one.
fn title_block(flow: &mut Flow, outline: &Outline) {
    flow.gap(16.0);
    for line in &outline.title {
        flow.paragraph(line, ParaStyle::centered(Face::Bold, 14.0));
    }
    let centre = flow.left_pt() + flow.width_pt() / 2.0;
    short_rule(flow, centre, flow.width_pt() / 4.0);
    if let Some(note) = &outline.title_note {
        flow.gap(4.0);
        flow.paragraph(note, ParaStyle::centered(Face::Italic, HEADING_SIZE_PT));
    }
    flow.gap(14.0);
}

/// A section's heading, kept with the start of its text, then its paragraphs.
fn body_section(flow: &mut Flow, section: &Section) {
    flow.ensure(3.0 * 13.0 * 1.3);
    flow.paragraph(
        &section.heading,
        ParaStyle {
            face: Face::Bold,
            align: Some(Align::Left),
            ..ParaStyle::body()
        },
    );
    for paragraph in &section.paragraphs {
        flow.paragraph(paragraph, ParaStyle::body());
    }
}
