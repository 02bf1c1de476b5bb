//! Ingest: files in, rows of cells out. `.xlsx`/`.xlsm`/`.xlsb` go through calamine's cell
//! streams, `.xls` through calamine after its OLE container was checked and its sheets made
//! sparse ([`xls`]), `.ods` through a streaming reader of its own ([`ods`]), text files
//! (`.csv`, `.tsv`, `.txt`) through the csv crate after decoding ([`text`]); a folder means
//! every such file in it. Nothing here knows what a task is: rows stream into a [`RowSink`] as
//! borrowed [`CellRef`]s (no calamine type leaves this module, and no cell is copied unless the
//! sink keeps it); small files can be collected into [`RawSheet`]s. Input files are only ever
//! opened for reading. Every file is either read or refused with a Vietnamese [`IngestError`]
//! naming it; a panic inside a reader becomes that file's error (see [`stream_file`]).

mod ods;
mod text;
mod workbook;
mod xls;

use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::Text;

use crate::model::{Cell, CellRef, MergedArea, RawSheet};

/// Where streamed rows go.
pub trait RowSink {
    /// A new sheet starts (`sheet` is None for CSV), with its merged areas.
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>);
    /// One row: `index` is 0-based (spreadsheet row `index + 1`); rows without any used cell
    /// may be skipped. Rows come in increasing order, each at most once.
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]);
    /// An area merged from a cell of the row about to be given (its top row), from a reader
    /// that learns merges as it streams (OpenDocument marks them on the cell itself).
    fn merged_area(&mut self, _area: MergedArea) {}
    fn end_sheet(&mut self);
    /// A sheet that was not read: a chart, macro or dialog sheet, or one that could not be
    /// read while the rest of the workbook could (`reason` says which, in Vietnamese).
    fn skipped_sheet(&mut self, _file: &Text, _sheet: &Text, _reason: &str) {}
    /// The sheet about to be read is hidden in its workbook (it is read all the same).
    fn hidden_sheet(&mut self, _file: &Text, _sheet: &Text) {}
}

/// Why a file could not be read. Every message names the file; library detail, when there is
/// any, follows the Vietnamese reason in brackets.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("không tìm thấy «{0}»")]
    Missing(String),
    #[error("«{0}»: không phải tệp {KINDS}")]
    Unsupported(String),
    #[error("thư mục «{0}» không có tệp .xlsx, .xlsm, .xlsb, .xls, .ods, .csv hoặc .tsv nào")]
    EmptyFolder(String),
    #[error("không mở được «{file}»: {reason}")]
    Open { file: String, reason: String },
    #[error(
        "«{0}» được bảo vệ bằng mật khẩu (tệp đã mã hoá), tiendo không đọc được: hãy mở bằng Excel, gỡ mật khẩu rồi lưu lại"
    )]
    Password(String),
    #[error("không đọc được sheet «{sheet}» của «{file}»: {reason}")]
    Sheet {
        file: String,
        sheet: String,
        reason: String,
    },
    #[error(
        "«{file}», dòng {line}: tệp CSV không phải mã UTF-8 trọn vẹn (có chỗ mã UTF-8, có chỗ mã khác; hãy lưu lại với mã hóa UTF-8)"
    )]
    NotUtf8 { file: String, line: usize },
    #[error("«{file}»: {reason}")]
    Csv { file: String, reason: String },
    #[error("«{0}»: tệp rỗng, không có dữ liệu")]
    Empty(String),
    #[error("«{file}»: tiendo gặp lỗi khi đọc tệp này (tệp có thể bị hỏng) [{detail}]")]
    Internal { file: String, detail: String },
}

/// The kinds of file read, as the messages name them.
const KINDS: &str = ".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv hoặc .txt";

const EXTENSIONS: [&str; 8] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

/// A Vietnamese reason with the library's own words after it, in brackets.
pub(crate) fn reason(vietnamese: &str, detail: impl std::fmt::Display) -> String {
    format!("{vietnamese} [{detail}]")
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Expand the inputs: a folder stands for every supported file in it (sorted by name, so the
/// order and therefore duplicate resolution is deterministic) except `.txt` files, which
/// folders hold as notes more often than as tables (a `.txt` named on its own is read); a
/// file must exist and have a supported extension. Office lock files (`~$…`) are skipped.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| IngestError::Open {
                    file: input.display().to_string(),
                    reason: reason("không đọc được thư mục", e),
                })?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_supported(p))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(IngestError::EmptyFolder(input.display().to_string()));
            }
            files.extend(found);
        } else if input.is_file() {
            if !extension(input).is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                return Err(IngestError::Unsupported(input.display().to_string()));
            }
            files.push(input.clone());
        } else {
            return Err(IngestError::Missing(input.display().to_string()));
        }
    }
    files.dedup();
    Ok(files)
}

fn is_supported(path: &Path) -> bool {
    let is_lock_file = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock"));
    !is_lock_file && extension(path).is_some_and(|e| e != "txt" && EXTENSIONS.contains(&e.as_str()))
}

/// Notes whether any cell is used on the way to the real sink, to tell an empty file (once
/// one is seen, rows are no longer looked at).
struct Counting<'s> {
    inner: &'s mut dyn RowSink,
    used_cells: bool,
    skipped_sheets: usize,
}

impl RowSink for Counting<'_> {
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>) {
        self.inner.begin_sheet(file, sheet, merged);
    }
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]) {
        self.used_cells = self.used_cells || cells.iter().any(|c| !c.is_empty());
        self.inner.row(index, cells);
    }
    fn merged_area(&mut self, area: MergedArea) {
        self.inner.merged_area(area);
    }
    fn end_sheet(&mut self) {
        self.inner.end_sheet();
    }
    fn skipped_sheet(&mut self, file: &Text, sheet: &Text, reason: &str) {
        self.skipped_sheets += 1;
        self.inner.skipped_sheet(file, sheet, reason);
    }
    fn hidden_sheet(&mut self, file: &Text, sheet: &Text) {
        self.inner.hidden_sheet(file, sheet);
    }
}

/// What a file holds, told by its first bytes (the extension can lie: an `.xls` that is
/// really an `.xlsx`, an `.xlsx` that is an encrypted OLE container).
#[derive(Debug, PartialEq, Eq)]
enum Content {
    Ole,
    Zip,
    Other,
}

fn sniff(path: &Path) -> std::io::Result<Content> {
    let mut head = [0u8; 8];
    let mut file = std::fs::File::open(path)?;
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(if head[..n] == *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        Content::Ole
    } else if head[..n.min(4)] == *b"PK\x03\x04" || head[..n.min(4)] == *b"PK\x05\x06" {
        Content::Zip
    } else {
        Content::Other
    })
}

/// Stream every sheet of one file into `sink`. A panic inside a reader (a library's, on a
/// malformed file) is caught and becomes this file's error, so the other files of a run are
/// still read; the sink may then hold part of the file and must be dropped by the caller.
pub fn stream_file(path: &Path, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let name: Text = path.display().to_string().into();
    let mut counting = Counting {
        inner: sink,
        used_cells: false,
        skipped_sheets: 0,
    };
    let read = catch_panic(|| dispatch(path, &name, &mut counting));
    match read {
        Ok(result) => result?,
        Err(detail) => {
            return Err(IngestError::Internal {
                file: name.to_string(),
                detail,
            });
        }
    }
    if !counting.used_cells && counting.skipped_sheets == 0 {
        return Err(IngestError::Empty(name.to_string()));
    }
    Ok(())
}

fn dispatch(path: &Path, name: &Text, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let open_err = |e: std::io::Error| IngestError::Open {
        file: name.to_string(),
        reason: reason("không mở được tệp", e),
    };
    let ext = extension(path);
    match ext.as_deref() {
        Some("csv" | "tsv" | "txt") => {
            let bytes = std::fs::read(path).map_err(open_err)?;
            return text::stream(&bytes, name, ext.as_deref() == Some("tsv"), sink);
        }
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => {}
        _ => return Err(IngestError::Unsupported(name.to_string())),
    }
    match sniff(path).map_err(open_err)? {
        Content::Ole => {
            let bytes = std::fs::read(path).map_err(open_err)?;
            xls::stream(bytes, name, sink)
        }
        Content::Zip => {
            let file = std::fs::File::open(path).map_err(open_err)?;
            workbook::stream_zip(file, ext.as_deref(), name, sink)
        }
        Content::Other => Err(IngestError::Open {
            file: name.to_string(),
            reason: not_a_workbook(path),
        }),
    }
}

/// Why a file with a spreadsheet's name is not one: web pages saved as `.xls` are common.
fn not_a_workbook(path: &Path) -> String {
    let mut head = Vec::new();
    let looks_like_markup = std::fs::File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .is_ok()
        && String::from_utf8_lossy(&head)
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<');
    if looks_like_markup {
        "tệp này là trang HTML/XML đặt tên như bảng tính, không phải tệp Excel hay ODS thật: hãy mở bằng Excel rồi lưu lại dạng .xlsx".to_string()
    } else {
        "tệp hỏng hoặc không phải bảng tính (nội dung không phải của tệp Excel hay ODS)".to_string()
    }
}

thread_local! {
    /// Set while a reader runs on this thread: the panic hook then keeps the message here
    /// instead of printing it (the user sees the file's Vietnamese error instead).
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Run `f`, turning a panic into its message. The process-wide panic hook is wrapped once:
/// panics elsewhere (and on other threads) are printed as before.
fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let at = info
                            .location()
                            .map(|l| format!(" ({}:{})", crate_path(l.file()), l.line()))
                            .unwrap_or_default();
                        let text = info
                            .payload()
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| info.payload().downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "panic".to_string());
                        *slot = Some(format!("{text}{at}"));
                        true
                    }
                    None => false,
                }
            });
            if !quiet {
                previous(info);
            }
        }));
    });
    let outer = CAUGHT.with(|c| c.borrow_mut().replace(None));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let caught = CAUGHT.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    result.map_err(|_| caught.flatten().unwrap_or_else(|| "panic".to_string()))
}

/// A source path from the cargo registry shortened to the crate's own
/// (`calamine-0.38.0/src/xlsb/cells_reader.rs`).
fn crate_path(file: &str) -> &str {
    match file.find("/registry/src/") {
        Some(at) => {
            let rest = &file[at + "/registry/src/".len()..];
            rest.find('/').map_or(rest, |slash| &rest[slash + 1..])
        }
        None => file,
    }
}

/// Collects whole sheets: for small files (directory, manual points) and for tests.
#[derive(Default)]
pub struct Collector {
    pub sheets: Vec<RawSheet>,
    /// Sheets not read, with the reason.
    pub skipped: Vec<(Text, String)>,
}

impl RowSink for Collector {
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>) {
        self.sheets.push(RawSheet {
            file: file.clone(),
            sheet: sheet.cloned(),
            rows: Vec::new(),
            merged,
        });
    }
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]) {
        if let Some(sheet) = self.sheets.last_mut() {
            if sheet.rows.len() <= index {
                sheet.rows.resize_with(index + 1, Vec::new);
            }
            sheet.rows[index] = cells
                .iter()
                .map(CellRef::to_owned_cell)
                .collect::<Vec<Cell>>();
        }
    }
    fn merged_area(&mut self, area: MergedArea) {
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.merged.push(area);
        }
    }
    fn end_sheet(&mut self) {}
    fn skipped_sheet(&mut self, _file: &Text, sheet: &Text, reason: &str) {
        self.skipped.push((sheet.clone(), reason.to_string()));
    }
}

/// Read every sheet of one (small) file into memory.
pub fn read_file(path: &Path) -> Result<Vec<RawSheet>, IngestError> {
    let mut collector = Collector::default();
    stream_file(path, &mut collector)?;
    Ok(collector.sheets)
}

/// A zip member of at most 4 MB (a manifest, a relationships part), or None.
pub(crate) fn small_member<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<Vec<u8>> {
    let member = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    member.take(4 << 20).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Row widths handed to the sink for one sheet, added up, against the cells that hold
/// something: a row reaches its last used column, so a file with a cell at column XFD in
/// every row costs 16.384 cells a row in time (not memory: one row is held at a time; 100 s in
/// a debug build for 100.000 such rows). A sheet past 100 million cells of row width that are
/// mostly empty (more than 64 for each cell with data) is refused; a dense table of any size
/// is not.
#[derive(Default)]
pub(crate) struct RowSlots {
    width: usize,
    cells: usize,
}

pub(crate) const MAX_ROW_SLOTS: usize = 100_000_000;

impl RowSlots {
    pub(crate) fn take(&mut self, width: usize, cells: usize) -> Result<(), String> {
        self.width = self.width.saturating_add(width);
        self.cells = self.cells.saturating_add(cells);
        if self.width > MAX_ROW_SLOTS && self.width / 64 > self.cells {
            return Err(
                "các dòng trải tới những cột rất xa mà gần như trống (ô có dữ liệu ở cuối dòng, như cột XFD), quá 100 triệu ô cho một sheet: hãy xoá các ô thừa rồi lưu lại"
                    .to_string(),
            );
        }
        Ok(())
    }
}

/// Why a second sheet of an already seen name is not read.
pub(crate) const DUPLICATE_SHEET: &str = "sheet trùng tên với một sheet trước, không đọc";

/// The sheet kinds that hold no data table, as findings name them.
pub(crate) fn non_data_sheet(typ: calamine::SheetType) -> Option<&'static str> {
    match typ {
        calamine::SheetType::WorkSheet => None,
        calamine::SheetType::ChartSheet => Some("sheet biểu đồ (chart), không có bảng dữ liệu"),
        calamine::SheetType::MacroSheet => Some("sheet macro, không có bảng dữ liệu"),
        calamine::SheetType::DialogSheet => Some("sheet hộp thoại (dialog), không có bảng dữ liệu"),
        calamine::SheetType::Vba => Some("mô-đun VBA, không có bảng dữ liệu"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_location() {
        let caught = catch_panic(|| -> u32 { panic!("boom {}", 7) });
        let message = caught.unwrap_err();
        assert!(
            message.starts_with("boom 7 (src/ingest/mod.rs:"),
            "{message}"
        );
        assert_eq!(catch_panic(|| 3), Ok(3));
    }

    #[test]
    fn registry_paths_are_shortened_to_the_crate() {
        assert_eq!(
            crate_path(
                "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/calamine-0.38.0/src/xls.rs"
            ),
            "calamine-0.38.0/src/xls.rs"
        );
        assert_eq!(crate_path("src/ingest/ods.rs"), "src/ingest/ods.rs");
    }

    #[test]
    fn a_folder_means_its_spreadsheets_and_text_tables_but_not_its_notes() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.csv", "b.txt", "c.tsv", "~$d.xlsx", "e.xlsm", "f.xlsb", "g.pdf",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        let found = expand_inputs(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(names(found), ["a.csv", "c.tsv", "e.xlsm", "f.xlsb"]);
        let named = expand_inputs(&[dir.path().join("b.txt")]).unwrap();
        assert_eq!(names(named), ["b.txt"]);
        let err = expand_inputs(&[dir.path().join("g.pdf")]).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "g.pdf»: không phải tệp .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv hoặc .txt"
            ),
            "{err}"
        );
    }

    #[test]
    fn row_width_is_refused_only_past_100_million_mostly_empty_cells() {
        // 6.200 rows of width 16.384 with 2 cells each: 101.580.800 > 100 million, and
        // 101.580.800 / 64 = 1.587.200 > 12.400 cells.
        let mut sparse = RowSlots::default();
        let refused = (0..6200)
            .map(|_| sparse.take(16_384, 2))
            .find(|r| r.is_err());
        assert!(refused.is_some());
        // A dense table: 2 million rows of 60 filled columns (120 million) is read.
        let mut dense = RowSlots::default();
        assert!((0..2_000_000).all(|_| dense.take(60, 60).is_ok()));
    }
}
