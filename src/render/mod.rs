//! Renderers: plain report data in, finished text or file bytes out — the terminal (tables,
//! CSV, JSON, the data check), the words (summary paragraphs and the meeting brief), the Excel
//! workbook, the PDF and the HTML progress board. A renderer imports the model and the number
//! and text conventions, never a stage above it; printpdf, rust_xlsxwriter and maud types
//! never leave this module.

pub mod changes;
pub mod html;
pub mod labels;
pub mod pdf;
pub mod terminal;
pub mod words;
pub mod xlsx;
