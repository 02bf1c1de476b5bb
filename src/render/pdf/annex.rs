//! The annexes (phụ lục) of `render::outline` on the page: each on a new page with its
//! label, title and subtitle centred, then its parts — the tables of `render::tables` (set by
//! `text_table`), the notes in small italics, a second heading (the coming-due list), a
//! caption over a table (the agencies the ranking leaves out). The per-agency table and the
//! task lists are set landscape, the rest portrait; `chart` draws the on-time shares and the
//! trend.

use super::fonts::Face;
use super::layout::{Flow, Orientation, ParaStyle};
use super::text_table::{TABLE_PT, pdf_table};
use crate::render::outline::{Annex, AnnexKind, Part};
use crate::render::tables::TextTable;

/// A new page with the annex's label, title and subtitle, centred.
pub fn annex_title(flow: &mut Flow, orientation: Orientation, annex: &Annex) {
    open_annex(
        flow,
        orientation,
        &annex.label,
        &annex.title,
        &annex.subtitle,
    );
}

/// A new page for an annex: its label («PHỤ LỤC I»), its title and subtitle.
pub fn open_annex(
    flow: &mut Flow,
    orientation: Orientation,
    label: &str,
    title: &str,
    subtitle: &str,
) {
    flow.new_page(orientation);
    flow.paragraph(label, ParaStyle::centered(Face::Bold, 13.0));
    heading(flow, title, subtitle);
}

/// A bold centred title, its italic subtitle, room under them.
fn heading(flow: &mut Flow, title: &str, subtitle: &str) {
    flow.paragraph(title, ParaStyle::centered(Face::Bold, 13.0));
    if !subtitle.is_empty() {
        flow.paragraph(subtitle, ParaStyle::centered(Face::Italic, 12.0));
    }
    flow.gap(8.0);
}

/// The parts of an annex in order, from the cursor: `gap_pt` under each table, then a new
/// page unless `keep_pt` is left (None: no matter).
fn parts(flow: &mut Flow, parts: &[Part], gap_pt: f32, keep_pt: Option<f32>) {
    for part in parts {
        match part {
            Part::Table(text) => {
                table(flow, text);
                flow.gap(gap_pt);
                if let Some(keep) = keep_pt {
                    flow.ensure(keep);
                }
            }
            Part::Heading { title, subtitle } => {
                flow.gap(16.0);
                flow.ensure(120.0);
                heading(flow, title, subtitle);
            }
            Part::Caption(text) => {
                flow.ensure(3.0 * TABLE_PT * 1.3);
                flow.paragraph(text, ParaStyle::caption());
            }
            Part::Note(text) => flow.paragraph(text, ParaStyle::note()),
        }
    }
}

/// An annex of tables and notes: the per-agency table (its notes start where four of their
/// lines fit) and the task lists (each note right under its table) landscape, the ranking and
/// the trend's table portrait.
pub fn tables_annex(flow: &mut Flow, annex: &Annex) {
    let (orientation, gap_pt, keep_pt) = match annex.kind {
        AnnexKind::Agencies => (Orientation::Landscape, 6.0, Some(4.0 * 14.0)),
        AnnexKind::TaskLists => (Orientation::Landscape, 0.0, None),
        // Room for the line chart's axis labels under the trend table.
        AnnexKind::Trend => (Orientation::Portrait, 18.0, None),
        // The on-time shares are drawn as bars (`chart`); as a table they would sit so.
        AnnexKind::Ranking | AnnexKind::OnTimeShares => (Orientation::Portrait, 6.0, None),
    };
    annex_title(flow, orientation, annex);
    parts(flow, &annex.parts, gap_pt, keep_pt);
}

/// A table of `render::tables` across the page's text width.
fn table(flow: &mut Flow, table: &TextTable) {
    let width = flow.width_pt();
    flow.table(&pdf_table(table, width));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::outline;

    // The ranking annex laid out on our own page type: one ranked agency, then the part «Chưa
    // xếp hạng» with the agency outside the directory — its number, name, counts (26 tasks:
    // 20 on time, 3 late, 1 overdue) and reason on one line — before the rule notes.
    #[test]
    fn ranking_annex_lists_unranked_agencies_after_the_table_with_counts_and_reason() {
        use crate::model::{Counts, RankedAgency, Ranking, UnrankedAgency};
        use crate::render::pdf::fonts::Fonts;
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts);
        let ranking = Ranking {
            rule_name: "Khấu trừ".to_string(),
            rule_lines: vec!["Điểm tối đa: 10".to_string()],
            agencies: vec![RankedAgency {
                name: "Sở Y tế".to_string(),
                bloc: Some("Khối văn hóa - xã hội".to_string()),
                counts: Some(Counts::from_parts(3, 0, 0, 0, 0)),
                points: Some(11.0),
                tier: Some("Hoàn thành xuất sắc".to_string()),
                rank_in_bloc: Some(1),
                rank_in_province: Some(1),
                working: vec![],
                note: String::new(),
            }],
            unranked: vec![UnrankedAgency {
                name: "Ban Quản lý dự án".to_string(),
                counts: Counts::from_parts(20, 3, 2, 1, 0),
                working: vec![],
                reason: "không có trong danh mục".to_string(),
            }],
        };
        tables_annex(&mut flow, &outline::ranking_annex(&ranking, "IV"));
        let pages = flow.finish();
        assert_eq!(pages.len(), 1);
        let texts: Vec<_> = pages[0].texts().collect();
        let at = |text: &str| {
            texts
                .iter()
                .position(|t| t.text == text)
                .unwrap_or_else(|| panic!("«{text}» not laid out"))
        };
        let heading = at("Chưa xếp hạng (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)");
        let name = at("Ban Quản lý dự án");
        let y = texts[name].y_pt;
        let line: Vec<&str> = texts
            .iter()
            .filter(|t| (t.y_pt - y).abs() < 0.01)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(
            line,
            [
                "1",
                "Ban Quản lý dự án",
                "26",
                "20",
                "3",
                "1",
                "Không có trong danh mục"
            ]
        );
        assert!(texts[at("Sở Y tế")].y_pt < texts[heading].y_pt);
        assert!(texts[heading].y_pt < y);
        assert!(y < texts[at("Cách tính điểm:")].y_pt);
    }
}
