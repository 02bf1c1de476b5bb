//! The draw step: laid-out pages become printpdf operations, one `PdfPage` each. Nothing is
//! decided here but the PDF's own conventions: the origin moves to the bottom-left corner,
//! italic is the regular face slanted by a text matrix, fonts are embedded as subsets, and the
//! document dates are the report date so the same report gives the same file.

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::fonts::{Face, Fonts};
use super::layout::{Block, Item, Page, Rule, TextRun};

/// Horizontal shear of the slanted (italic) face.
const ITALIC_SLANT: f32 = 0.2;

struct FontIds {
    regular: FontId,
    bold: FontId,
}

/// The PDF file of `pages`.
pub fn to_pdf(pages: &[Page], fonts: &Fonts, title: &str, date: NaiveDate) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    let stamp = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    if let Ok(when) = printpdf::OffsetDateTime::from_unix_timestamp(stamp) {
        doc.metadata.info.creation_date = when;
        doc.metadata.info.modification_date = when;
        doc.metadata.info.metadata_date = when;
    }
    doc.metadata.info.creator = "tiendo".to_string();
    doc.metadata.info.producer = "tiendo".to_string();
    let ids = FontIds {
        regular: doc.add_font(&fonts.regular),
        bold: doc.add_font(&fonts.bold),
    };
    let pdf_pages = pages.iter().map(|p| page_ops(p, &ids)).collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    doc.with_pages(pdf_pages).save(&options, &mut Vec::new())
}

fn page_ops(page: &Page, ids: &FontIds) -> PdfPage {
    let (width_pt, height_pt) = page.orientation.size_pt();
    let mut ops = Vec::new();
    for item in &page.items {
        match item {
            Item::Text(run) => text_ops(&mut ops, run, ids, height_pt),
            Item::Rule(rule) => rule_ops(&mut ops, rule, height_pt),
            Item::Block(block) => block_ops(&mut ops, block, height_pt),
        }
    }
    if let Some(label) = &page.number_label {
        text_ops(&mut ops, label, ids, height_pt);
    }
    PdfPage::new(Mm(width_pt * 25.4 / 72.0), Mm(height_pt * 25.4 / 72.0), ops)
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn text_ops(ops: &mut Vec<Op>, run: &TextRun, ids: &FontIds, height_pt: f32) {
    let font = match run.face {
        Face::Bold => ids.bold.clone(),
        Face::Regular | Face::Italic => ids.regular.clone(),
    };
    let (x, y) = (run.left_pt(), height_pt - run.y_pt);
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: gray(0.0) });
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font),
        size: Pt(run.size_pt),
    });
    if run.face == Face::Italic {
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([1.0, 0.0, ITALIC_SLANT, 1.0, x, y]),
        });
    } else {
        ops.push(Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        });
    }
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(run.text.clone())],
    });
    ops.push(Op::EndTextSection);
}

fn rule_ops(ops: &mut Vec<Op>, rule: &Rule, height_pt: f32) {
    if rule.width_pt <= 0.0 {
        return;
    }
    let point = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(height_pt - y),
        },
        bezier: false,
    };
    ops.push(Op::SetOutlineColor {
        col: gray(rule.gray),
    });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(rule.width_pt),
    });
    ops.push(Op::SetLineDashPattern {
        dash: if rule.is_dashed {
            LineDashPattern::new(0.0, &[4.0, 3.0])
        } else {
            LineDashPattern::solid()
        },
    });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![point(rule.x1_pt, rule.y1_pt), point(rule.x2_pt, rule.y2_pt)],
            is_closed: false,
        },
    });
}

fn block_ops(ops: &mut Vec<Op>, block: &Block, height_pt: f32) {
    let mode = match (block.fill_gray, block.stroke_pt) {
        (Some(_), Some(_)) => PaintMode::FillStroke,
        (Some(_), None) => PaintMode::Fill,
        (None, Some(_)) => PaintMode::Stroke,
        (None, None) => return,
    };
    if let Some(level) = block.fill_gray {
        ops.push(Op::SetFillColor { col: gray(level) });
    }
    if let Some(width) = block.stroke_pt {
        ops.push(Op::SetOutlineColor { col: gray(0.0) });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
    }
    ops.push(Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(block.x_pt),
            y: Pt(height_pt - block.y_pt - block.height_pt),
            width: Pt(block.width_pt),
            height: Pt(block.height_pt),
            mode: Some(mode),
            winding_order: None,
        },
    });
}
