//! Renderers: plain report data in, finished text or file bytes out — the terminal (tables,
//! CSV, JSON, the data check), the words (summary paragraphs and the meeting brief), the Excel
//! workbook, the PDF, the Word documents and the HTML progress board; the work programme's figures, words, workbook,
//! PDF and Word document beside them. What several renderers lay out is made once as
//! plain text: the report's outline (`outline`), its tables (`tables`), the urging letters'
//! words (`letters`), the programme report's outline (`programme_outline`, on
//! `programme_words` and `programme_tables`). A renderer imports the model and the number and text conventions, never
//! a stage above it; printpdf, rust_xlsxwriter, docx-rs and maud types never leave this module.

pub mod changes;
pub mod docx;
pub mod html;
pub mod labels;
pub mod letters;
pub mod outline;
pub mod pdf;
pub mod programme_outline;
#[cfg(test)]
pub(crate) mod programme_sample;
pub mod programme_tables;
pub mod programme_terminal;
pub mod programme_words;
pub mod tables;
pub mod terminal;
pub mod words;
pub mod xlsx;
