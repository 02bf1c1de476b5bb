//! Ingest: files in, raw sheets out. `.xlsx`/`.xls`/`.ods` go through calamine, `.csv` through
//! the csv crate; a folder means every such file in it. Nothing here knows what a task is: the
//! output is a grid of [`Cell`]s per sheet with its merged areas, so no calamine type leaves
//! this module. Input files are only ever opened for reading.

mod csv_file;
mod workbook;

use std::path::{Path, PathBuf};

use crate::model::RawSheet;

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

/// Read every sheet of one file.
pub fn read_file(path: &Path) -> Result<Vec<RawSheet>, IngestError> {
    let name = path.display().to_string();
    let sheets = match extension(path).as_deref() {
        Some("csv") => {
            let bytes = std::fs::read(path).map_err(|e| IngestError::Open {
                file: name.clone(),
                reason: e.to_string(),
            })?;
            vec![csv_file::parse(&bytes, &name)?]
        }
        Some("xlsx" | "xls" | "ods") => workbook::read(path, &name)?,
        _ => return Err(IngestError::Unsupported(name)),
    };
    if sheets
        .iter()
        .all(|s| s.rows.iter().all(|r| r.iter().all(|c| c.is_empty())))
    {
        return Err(IngestError::Empty(name));
    }
    Ok(sheets)
}
