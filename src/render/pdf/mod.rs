//! The PDF report, laid out as a Vietnamese administrative report (Nghị định 30/2020/NĐ-CP):
//! A4, Liberation Serif embedded as a subset, page 1 portrait with the heading block, the title
//! and the summary; then the annexes (phụ lục): the per-agency table (landscape), the bar chart
//! of on-time shares, the overdue and coming-due lists (landscape), and, when the report has
//! them, the emulation ranking and the trend. Page numbers sit centred at the top from page 2.
//! The work programme's report (`programme`) is laid out the same way.
//!
//! Every word and table row comes from `render::outline` and `render::tables`, which the
//! Word report draws too; this module adds only the layout and the charts (their axes, value
//! labels and the line chart's legend). Two steps: `layout` turns the outline into pages of positioned primitives of our
//! own type (testable without printpdf); `draw` turns those into printpdf operations.
//! printpdf types never leave this module.

mod annex;
mod chart;
mod draw;
mod fonts;
mod front;
mod heading;
mod layout;
pub mod letter;
mod programme;
#[cfg(test)]
mod sample;
#[cfg(test)]
mod tests;
mod text_table;

use crate::model::Report;
use crate::period;
use crate::render::outline::{self, AnnexKind};

pub use fonts::Face;
pub use layout::{Align, Item, Orientation, Page, TextRun};
pub use programme::{layout_programme, programme_pdf_bytes};

/// What can go wrong while making the PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("không đọc được phông chữ {0} gắn kèm chương trình")]
    Font(&'static str),
}

/// The finished PDF file of a report.
pub fn pdf_bytes(report: &Report) -> Result<Vec<u8>, PdfError> {
    let title = format!(
        "Báo cáo kết quả thực hiện nhiệm vụ {}",
        period::phrase(&report.meta.period)
    );
    finished(&title, report.meta.report_date, |fonts| {
        layout_pages(report, fonts)
    })
}

/// The laid-out pages of a report (the layout step alone, for tests and previews).
pub fn layout_report(report: &Report) -> Result<Vec<Page>, PdfError> {
    Ok(layout_pages(report, &fonts::Fonts::load()?))
}

/// The PDF of the pages `lay_out` makes with the embedded fonts, with its title and date.
fn finished(
    title: &str,
    date: chrono::NaiveDate,
    lay_out: impl FnOnce(&fonts::Fonts) -> Vec<Page>,
) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    let pages = lay_out(&fonts);
    Ok(draw::to_pdf(&pages, &fonts, title, date))
}

fn layout_pages(report: &Report, fonts: &fonts::Fonts) -> Vec<Page> {
    let outline = outline::outline(report);
    let mut flow = layout::Flow::new(fonts);
    front::front_page(&mut flow, report, &outline);
    for annex in &outline.annexes {
        match annex.kind {
            AnnexKind::Agencies | AnnexKind::TaskLists | AnnexKind::Ranking => {
                annex::tables_annex(&mut flow, annex)
            }
            AnnexKind::OnTimeShares => chart::bar_chart_annex(&mut flow, report, annex),
            AnnexKind::Trend => {
                let trend = report.trend.as_deref().unwrap_or_default();
                chart::trend_annex(&mut flow, trend, report.meta.rounding, annex);
            }
        }
    }
    flow.finish()
}
