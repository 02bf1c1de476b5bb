//! Renderers: plain report data in, finished text or file bytes out — the terminal (tables,
//! CSV, JSON, the data check), the words (summary paragraphs and the meeting brief), the Excel
//! workbook and the PDF; the work programme's figures, words, workbook and PDF beside them.
//! A renderer imports the model and the number and text conventions,
//! never a stage above it; printpdf and rust_xlsxwriter types never leave this module.

pub mod labels;
pub mod pdf;
#[cfg(test)]
pub(crate) mod programme_sample;
pub mod programme_terminal;
pub mod programme_words;
pub mod terminal;
pub mod words;
pub mod xlsx;
