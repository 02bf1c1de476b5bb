//! The work programme's report as a Word document: its outline
//! (`render::programme_outline`, the words and tables its PDF prints) drawn like the task
//! report — a portrait section with the heading block, the title and the five numbered
//! sections, then the three annexes in one landscape section.

use super::DocxError;
use super::report::outline_bytes;
use crate::model::ProgrammeReport;
use crate::render::programme_outline;

/// The finished `.docx` of a programme report; `sign` is the document sign after «BC-» in the
/// number line («Số: …/BC-VP»).
pub fn programme_report_bytes(report: &ProgrammeReport, sign: &str) -> Result<Vec<u8>, DocxError> {
    outline_bytes(&programme_outline::outline(report), &report.meta, sign)
}
