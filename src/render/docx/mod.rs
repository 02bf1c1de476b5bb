//! The Word documents (`.docx`, written with docx-rs) the specialist edits before the PDF is
//! final: the report — the same words, figures and annex tables as the PDF, laid out as
//! Nghị định 30/2020/NĐ-CP wants (heading block, number line, place and date, bold centred
//! title, numbered sections, page numbers centred at the top from page 2, the annexes in a
//! landscape section whose tables repeat their head rows on every page) — and the urging
//! letter to one agency (công văn đôn đốc). Paragraphs are real paragraphs in named styles
//! and tables are real tables, so an edit re-flows; there is no text box and no picture. The
//! PDF's charts are tables here (the on-time shares) or left out (the trend's line chart: its
//! table is there). The work programme's report (`programme`) is written the same way, from
//! its own outline. docx-rs types never leave this module.

mod letter;
mod parts;
mod programme;
mod report;

pub use letter::letter_bytes;
pub use programme::programme_report_bytes;
pub use report::report_bytes;

/// What can go wrong while writing a Word document.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("không ghi được tệp Word: {0}")]
    Write(String),
}
