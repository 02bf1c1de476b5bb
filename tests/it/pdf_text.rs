//! A PDF's words read back with a crate rather than a system tool: lopdf decodes the text
//! through the ToUnicode maps of our embedded CID fonts (Identity-H), which gives the
//! Vietnamese back in NFC. Used by the integration tests and, through a `#[path]` module, by
//! the PDF renderer's unit tests (one helper for both test crates).

/// The text of every page in content order, runs separated by one space. lopdf ends a run
/// at every positioned piece of text (a justified line is one run per word), so only the
/// words and their order carry meaning: tests look for phrases in it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().into_keys().collect();
    let raw = doc.extract_text(&pages).expect("the PDF's text decodes");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}
