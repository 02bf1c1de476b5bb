//! Renderers: plain report data in, finished text or file bytes out — the terminal (tables,
//! CSV, JSON, the data check), the words (summary paragraphs and the meeting brief), the Excel
//! workbook and the PDF. A renderer imports the model and the number and text conventions,
//! never a stage above it; printpdf and rust_xlsxwriter types never leave this module.

pub mod docx;
pub mod labels;
pub mod outline;
pub mod pdf;
pub mod tables;
pub mod terminal;
pub mod words;
pub mod xlsx;
