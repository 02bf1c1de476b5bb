//! Ingest: files in, rows of cells out. `.xlsx`/`.xls`/`.ods` go through calamine, `.csv`
//! through the csv crate; a folder means every such file in it. Nothing here knows what a task
//! is: rows stream into a [`RowSink`] as borrowed [`CellRef`]s (no calamine type leaves this
//! module, and no cell is copied unless the sink keeps it); small files can be collected into
//! [`RawSheet`]s. Input files are only ever opened for reading.

mod csv_file;
mod workbook;

use std::path::{Path, PathBuf};

use crate::model::Text;

use crate::model::{Cell, CellRef, MergedArea, RawSheet};

/// Where streamed rows go.
pub trait RowSink {
    /// A new sheet starts (`sheet` is None for CSV), with its merged areas.
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>);
    /// One row: `index` is 0-based (spreadsheet row `index + 1`); rows without any used cell
    /// may be skipped.
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]);
    fn end_sheet(&mut self);
}

/// Why a file could not be read. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("không tìm thấy «{0}»")]
    Missing(String),
    #[error("«{0}»: không phải tệp .xlsx, .xls, .ods hoặc .csv")]
    Unsupported(String),
    #[error("thư mục «{0}» không có tệp .xlsx, .xls, .ods hoặc .csv nào")]
    EmptyFolder(String),
    #[error(
        "không mở được «{file}»: {reason} (tệp hỏng, không phải bảng tính, hoặc đang được bảo vệ bằng mật khẩu?)"
    )]
    Open { file: String, reason: String },
    #[error("không đọc được sheet «{sheet}» của «{file}»: {reason}")]
    Sheet {
        file: String,
        sheet: String,
        reason: String,
    },
    #[error("«{file}», dòng {line}: tệp CSV không phải mã UTF-8 (hãy lưu lại với mã hóa UTF-8)")]
    NotUtf8 { file: String, line: usize },
    #[error("«{file}»: {reason}")]
    Csv { file: String, reason: String },
    #[error("«{0}»: tệp rỗng, không có dữ liệu")]
    Empty(String),
}

const EXTENSIONS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Expand the inputs: a folder stands for every supported file in it (sorted by name, so the
/// order and therefore duplicate resolution is deterministic); a file must exist and have a
/// supported extension. Office lock files (`~$…`) are skipped.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| IngestError::Open {
                    file: input.display().to_string(),
                    reason: e.to_string(),
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
    !is_lock_file && extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Counts used cells on the way to the real sink, to tell an empty file.
struct Counting<'s> {
    inner: &'s mut dyn RowSink,
    used_cells: usize,
}

impl RowSink for Counting<'_> {
    fn begin_sheet(&mut self, file: &Text, sheet: Option<&Text>, merged: Vec<MergedArea>) {
        self.inner.begin_sheet(file, sheet, merged);
    }
    fn row(&mut self, index: usize, cells: &[CellRef<'_>]) {
        self.used_cells += cells.iter().filter(|c| !c.is_empty()).count();
        self.inner.row(index, cells);
    }
    fn end_sheet(&mut self) {
        self.inner.end_sheet();
    }
}

/// Stream every sheet of one file into `sink`.
pub fn stream_file(path: &Path, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let name: Text = path.display().to_string().into();
    let mut counting = Counting {
        inner: sink,
        used_cells: 0,
    };
    match extension(path).as_deref() {
        Some("csv") => {
            let bytes = std::fs::read(path).map_err(|e| IngestError::Open {
                file: name.to_string(),
                reason: e.to_string(),
            })?;
            csv_file::stream(&bytes, &name, &mut counting)?;
        }
        Some("xlsx" | "xls" | "ods") => workbook::stream(path, &name, &mut counting)?,
        _ => return Err(IngestError::Unsupported(name.to_string())),
    }
    if counting.used_cells == 0 {
        return Err(IngestError::Empty(name.to_string()));
    }
    Ok(())
}

/// Collects whole sheets: for small files (directory, manual points) and for tests.
#[derive(Default)]
pub struct Collector {
    pub sheets: Vec<RawSheet>,
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
    fn end_sheet(&mut self) {}
}

/// Read every sheet of one (small) file into memory.
pub fn read_file(path: &Path) -> Result<Vec<RawSheet>, IngestError> {
    let mut collector = Collector::default();
    stream_file(path, &mut collector)?;
    Ok(collector.sheets)
}
