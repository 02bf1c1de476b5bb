//! The heading block every administrative document opens with (Nghị định 30/2020/NĐ-CP,
//! Phụ lục I), for the report's page 1 and the urging letters: the issuing body in the left
//! column (parent body regular, issuing unit bold, a short rule under it), the national
//! heading and the motto in the right column (the motto underlined over its whole width).
//! What each document sets under it (place and date, number, subject) is its own.

use super::fonts::Face;
use super::layout::{Flow, ParaStyle};
use crate::render::words;

const HEADING_PT: f32 = 13.0;

/// Where the two columns of the heading block sit, and how far down the issuing body's
/// column reaches.
pub struct Columns {
    pub left_pt: f32,
    pub left_width_pt: f32,
    pub right_pt: f32,
    pub right_width_pt: f32,
    pub left_bottom_pt: f32,
}

/// The issuing body (`issuer`, `issuer_sub` as printed: in capitals) left in `left_share` of
/// the text width, the national heading and the motto right, both from the cursor; the
/// cursor ends under the motto.
pub fn heading_block(flow: &mut Flow, issuer: &str, issuer_sub: &str, left_share: f32) -> Columns {
    let top = flow.y_pt();
    let left = flow.left_pt();
    let left_w = flow.width_pt() * left_share;
    let right_x = left + left_w;
    let right_w = flow.width_pt() - left_w;
    let centred = ParaStyle::centered(Face::Regular, HEADING_PT);
    let bold = ParaStyle::centered(Face::Bold, HEADING_PT);

    flow.paragraph_in(issuer, centred, left, left_w);
    flow.paragraph_in(issuer_sub, bold, left, left_w);
    let sub_w = flow
        .fonts
        .width_pt(Face::Bold, issuer_sub, HEADING_PT)
        .min(left_w);
    short_rule(flow, left + left_w / 2.0, (sub_w * 0.4).max(40.0));
    let left_bottom = flow.y_pt();

    flow.set_y_pt(top);
    let size = fitting_size(flow, words::NATION, Face::Bold, 12.5, right_w);
    flow.paragraph_in(
        words::NATION,
        ParaStyle::centered(Face::Bold, size),
        right_x,
        right_w,
    );
    flow.paragraph_in(words::MOTTO, bold, right_x, right_w);
    let motto_w = flow.fonts.width_pt(Face::Bold, words::MOTTO, HEADING_PT);
    short_rule(flow, right_x + right_w / 2.0, motto_w);
    Columns {
        left_pt: left,
        left_width_pt: left_w,
        right_pt: right_x,
        right_width_pt: right_w,
        left_bottom_pt: left_bottom,
    }
}

/// Share of the text width the issuing body's column takes on a report's first page.
pub const REPORT_LEFT_SHARE: f32 = 0.40;

/// A report's heading: the block (issuer and issuing unit in capitals, in
/// [`REPORT_LEFT_SHARE`] of the width), then the place-and-date line in italics under the
/// motto; the cursor ends under the date line.
pub fn report_heading(
    flow: &mut Flow,
    issuer: &str,
    issuer_sub: &str,
    place: &str,
    day: chrono::NaiveDate,
) {
    let columns = heading_block(
        flow,
        &issuer.to_uppercase(),
        &issuer_sub.to_uppercase(),
        REPORT_LEFT_SHARE,
    );
    flow.set_y_pt(flow.y_pt().max(columns.left_bottom_pt) + 10.0);
    flow.paragraph_in(
        &words::place_date_line(place, day),
        ParaStyle::centered(Face::Italic, HEADING_PT),
        columns.right_pt,
        columns.right_width_pt,
    );
}

/// The largest size ≤ `size_pt`, by half points, at which `text` fits `width_pt`.
fn fitting_size(flow: &Flow, text: &str, face: Face, size_pt: f32, width_pt: f32) -> f32 {
    let mut size = size_pt;
    while size > 9.0 && flow.fonts.width_pt(face, text, size) > width_pt {
        size -= 0.5;
    }
    size
}

/// A rule under the line just set, centred on `centre_pt`.
pub fn short_rule(flow: &mut Flow, centre_pt: f32, length_pt: f32) {
    let y = flow.y_pt() + 1.0;
    flow.rule(
        centre_pt - length_pt / 2.0,
        y,
        centre_pt + length_pt / 2.0,
        y,
        0.6,
    );
}
