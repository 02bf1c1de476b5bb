//! The PDF report, laid out as a Vietnamese administrative report (Nghị định 30/2020/NĐ-CP):
//! A4, Liberation Serif embedded as a subset, page 1 portrait with the heading block, the title
//! and the summary; then the annexes (phụ lục): the per-agency table (landscape), the bar chart
//! of on-time shares, the overdue and coming-due lists (landscape), and, when the report has
//! them, the emulation ranking and the trend. Page numbers sit centred at the top from page 2.
//!
//! Two steps: `layout` turns the report into pages of positioned primitives of our own type
//! (testable without printpdf); `draw` turns those into printpdf operations. printpdf types
//! never leave this module.

mod annex;
mod chart;
mod draw;
mod fonts;
mod front;
mod heading;
mod layout;
pub mod letter;
#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;
mod text_table;

use crate::model::Report;
use crate::period;
use crate::vn_number::roman;

pub use fonts::Face;
pub use layout::{Align, Item, Orientation, Page, TextRun};

/// What can go wrong while making the PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("không đọc được phông chữ {0} gắn kèm chương trình")]
    Font(&'static str),
}

/// The annexes' Roman numerals, as the body text refers to them.
pub(crate) struct Annexes {
    pub agencies: String,
    pub chart: String,
    pub lists: String,
    pub ranking: Option<String>,
    pub trend: Option<String>,
}

impl Annexes {
    fn of(report: &Report) -> Self {
        let mut next = 4;
        let mut take = |present: bool| {
            present.then(|| {
                let numeral = roman(next);
                next += 1;
                numeral
            })
        };
        let ranking = take(report.ranking.is_some());
        let trend = take(report.trend.is_some());
        Annexes {
            agencies: roman(1),
            chart: roman(2),
            lists: roman(3),
            ranking,
            trend,
        }
    }
}

/// The finished PDF file of a report.
pub fn pdf_bytes(report: &Report) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    let pages = layout_pages(report, &fonts);
    let title = format!(
        "Báo cáo kết quả thực hiện nhiệm vụ {}",
        period::phrase(&report.meta.period)
    );
    Ok(draw::to_pdf(
        &pages,
        &fonts,
        &title,
        report.meta.report_date,
    ))
}

/// The laid-out pages of a report (the layout step alone, for tests and previews).
pub fn layout_report(report: &Report) -> Result<Vec<Page>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    Ok(layout_pages(report, &fonts))
}

fn layout_pages(report: &Report, fonts: &fonts::Fonts) -> Vec<Page> {
    let annexes = Annexes::of(report);
    let mut flow = layout::Flow::new(fonts);
    front::front_page(&mut flow, report, &annexes);
    annex::agency_annex(&mut flow, report, &annexes.agencies);
    chart::bar_chart_annex(&mut flow, report, &annexes.chart);
    annex::task_lists_annex(&mut flow, report, &annexes.lists);
    if let (Some(ranking), Some(numeral)) = (&report.ranking, &annexes.ranking) {
        annex::ranking_annex(&mut flow, ranking, numeral);
    }
    if let (Some(trend), Some(numeral)) = (&report.trend, &annexes.trend) {
        chart::trend_annex(&mut flow, trend, report.meta.rounding, numeral);
    }
    flow.finish()
}
