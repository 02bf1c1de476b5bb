//! Renderers: plain report data in, finished files out. printpdf and rust_xlsxwriter types
//! never leave this module.

pub mod pdf;
pub mod xlsx;
