//! The heading block of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) for
//! any report, from its issuer, place and date alone: the issuing body top left (parent body
//! regular, issuing unit bold, a short rule under it), the national heading and motto top
//! right (the motto underlined over its width), the place-and-date line in italics under
//! them. (The task report's page 1 draws the same block from its own report type.)

use chrono::NaiveDate;

use super::fonts::Face;
use super::front::place_date_line;
use super::layout::{Flow, ParaStyle};

const HEADING_SIZE_PT: f32 = 13.0;
/// Share of the text width given to the issuing body's column.
const LEFT_SHARE: f32 = 0.40;
const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// A rule of `length_pt` under the line just set, centred on `centre_pt`.
pub fn rule_under(flow: &mut Flow, centre_pt: f32, length_pt: f32) {
    let y = flow.y_pt() + 1.0;
    let half = length_pt / 2.0;
    flow.rule(centre_pt - half, y, centre_pt + half, y, 0.6);
}

/// The heading block at the top of the current page; the cursor ends under the date line.
pub fn heading_block(flow: &mut Flow, issuer: &str, issuer_sub: &str, place: &str, day: NaiveDate) {
    let top = flow.y_pt();
    let left = flow.left_pt();
    let left_w = flow.width_pt() * LEFT_SHARE;
    let (right_x, right_w) = (left + left_w, flow.width_pt() - left_w);
    let regular = ParaStyle::centered(Face::Regular, HEADING_SIZE_PT);
    let bold = ParaStyle::centered(Face::Bold, HEADING_SIZE_PT);
    flow.paragraph_in(&issuer.to_uppercase(), regular, left, left_w);
    let sub = issuer_sub.to_uppercase();
    flow.paragraph_in(&sub, bold, left, left_w);
    let sub_w = flow
        .fonts
        .width_pt(Face::Bold, &sub, HEADING_SIZE_PT)
        .min(left_w);
    rule_under(flow, left + left_w / 2.0, (sub_w * 0.4).max(40.0));
    let left_bottom = flow.y_pt();

    flow.set_y_pt(top);
    // The national heading at the largest size (half points, from 12.5) that fits its column.
    let mut size = 12.5;
    while size > 9.0 && flow.fonts.width_pt(Face::Bold, NATION, size) > right_w {
        size -= 0.5;
    }
    flow.paragraph_in(
        NATION,
        ParaStyle::centered(Face::Bold, size),
        right_x,
        right_w,
    );
    flow.paragraph_in(MOTTO, bold, right_x, right_w);
    let motto_w = flow.fonts.width_pt(Face::Bold, MOTTO, HEADING_SIZE_PT);
    rule_under(flow, right_x + right_w / 2.0, motto_w);

    flow.set_y_pt(flow.y_pt().max(left_bottom) + 10.0);
    flow.paragraph_in(
        &place_date_line(place, day),
        ParaStyle::centered(Face::Italic, HEADING_SIZE_PT),
        right_x,
        right_w,
    );
}
