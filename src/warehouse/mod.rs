//! The Parquet warehouse (kho dữ liệu) `export --parquet` writes and every task command reads
//! back: the rows read from the inputs, kept so that a report from the warehouse is the report
//! from the original files, and laid out so that DuckDB and Spark see one simple table. Like
//! `aggregate`, this module owns its polars types: nothing polars leaves it.
//!
//! ```text
//! kho/
//!   year=2024/part-0.parquet   counted tasks (one row a task, duplicates merged), by year of
//!   year=2025/part-0.parquet   assignment: status at the export's cut-off + every field read
//!   _left_out.parquet          tasks not counted: cancelled, or left out (with the reason)
//!   _merged.parquet            the rows read behind every merged task, each as it was read
//!   _findings.parquet          what reading the files found (rows, sheets, cells, files skipped)
//!   _tiendo.json               manifest: format version, the export's options, the files read,
//!                              what each file states about its export, what each covers
//! ```
//!
//! Reading ([`read`]) gives back the rows read, in the order they were read (`read_order`),
//! with the findings of reading and the files' statements: they enter the pipeline where the
//! rows of the files would, before agencies are matched, duplicates merged and tasks screened,
//! so the directory, mergers, `--as-then`, `--restate-to`, `--deadline` and any period,
//! cut-off and basis work as on the files; several warehouses, or a warehouse and workbooks,
//! are the rows of all their files one after the other. A task row of a merged task is not
//! read back (its rows are, from `_merged.parquet`). Files whose names start with `_` are
//! hidden to Spark and outside DuckDB's `kho/*/*.parquet`.

mod read;
mod write;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Deadline, FindingKind, Status, StatusText};

pub use read::{files_of, read, warehouses_in};
pub use write::{Export, write};

/// The manifest's file name: a folder holding it is a warehouse.
pub const MANIFEST: &str = "_tiendo.json";
const LEFT_OUT: &str = "_left_out.parquet";
const MERGED: &str = "_merged.parquet";
const FINDINGS: &str = "_findings.parquet";
/// The manifest's `format`.
const FORMAT: &str = "tiendo-warehouse";
/// Raised whenever a column or file changes meaning; a reader refuses other versions.
const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum WarehouseError {
    #[error("không ghi được kho Parquet «{path}»: {reason}")]
    Write { path: String, reason: String },
    #[error("không đọc được kho Parquet «{path}»: {reason}")]
    Read { path: String, reason: String },
    #[error(
        "«{0}» là kho Parquet do phiên bản tiendo cũ ghi (không có tệp {MANIFEST}, không giữ đủ dữ liệu để tính lại): hãy xuất lại bằng `tiendo export … --parquet`"
    )]
    Legacy(String),
    #[error(
        "«{path}» là một phần của kho Parquet «{root}»: hãy chỉ thư mục gốc của kho (thư mục có tệp {MANIFEST})"
    )]
    Part { path: String, root: String },
}

/// Whether `path` is a warehouse written by `export --parquet`.
pub fn is_warehouse(path: &Path) -> bool {
    path.join(MANIFEST).is_file()
}

/// A path that looks like a warehouse or part of one but cannot be read as one: an export
/// of an older version (partitions, no manifest), or a partition or file of a warehouse.
pub fn refuse_partial(path: &Path) -> Result<(), WarehouseError> {
    if is_warehouse(path) {
        return Ok(());
    }
    if let Some(root) = path.ancestors().skip(1).take(2).find(|p| is_warehouse(p)) {
        return Err(WarehouseError::Part {
            path: path.display().to_string(),
            root: root.display().to_string(),
        });
    }
    if !path.is_dir() {
        return Ok(());
    }
    let has_partitions = std::fs::read_dir(path).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().is_dir() && e.file_name().to_string_lossy().starts_with("year="))
    });
    if has_partitions {
        return Err(WarehouseError::Legacy(path.display().to_string()));
    }
    Ok(())
}

/// The manifest (`_tiendo.json`). Dates are `yyyy-mm-dd` texts, times `yyyy-mm-ddThh:mm:ss`.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    written_by: String,
    /// The cut-off of the `status` column.
    as_of: String,
    /// The structure the `agency` column is reported under: a date, or `as_then`.
    structure: String,
    /// The deadline the `status` column was judged on: `extended` or `original`.
    deadline: String,
    /// Rows read (the rows the warehouse gives back), and tasks after duplicates were merged:
    /// counted (in the year files), cancelled and left out (in `_left_out.parquet`).
    rows: u64,
    tasks: u64,
    counted: u64,
    cancelled: u64,
    excluded: u64,
    /// The year files, relative to the warehouse.
    parts: Vec<String>,
    /// The files read, in reading order (as named to the export).
    files: Vec<String>,
    /// What the files' titles and notes state about their export (SPEC §9), as found.
    statements: Vec<ManifestStatement>,
    /// What each file covers, as the export computed it (for people: the reader computes it
    /// again from the rows).
    sources: Vec<ManifestSource>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestStatement {
    file: String,
    sheet: Option<String>,
    row: usize,
    exported: Option<String>,
    has_time: bool,
    span: Option<(String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestSource {
    file: String,
    tasks: u64,
    first_assigned: Option<String>,
    last_assigned: Option<String>,
    exported: Option<String>,
    stated_span: Option<(String, String)>,
    agencies: usize,
}

/// Status code written to the `status` column.
pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::OnTime => "dung_han",
        Status::Late => "qua_han_da_hoan_thanh",
        Status::Within => "trong_han",
        Status::Overdue => "qua_han_chua_hoan_thanh",
    }
}

/// The `deadline_kind` column: what the deadline cell holds.
fn deadline_kind(d: Deadline) -> &'static str {
    match d {
        Deadline::Date(_) => "ngay",
        Deadline::NoDeadline => "khong_thoi_han",
        Deadline::Unknown => "khong_ro",
    }
}

/// The `status_kind` column: what the status text says (null when it says nothing known).
fn status_kind(s: StatusText) -> &'static str {
    match s {
        StatusText::CompletedOnTime => "hoan_thanh_dung_han",
        StatusText::CompletedLate => "hoan_thanh_qua_han",
        StatusText::Completed => "hoan_thanh",
        StatusText::Within => "trong_han",
        StatusText::Overdue => "qua_han",
        StatusText::Cancelled => "da_huy",
    }
}

/// Every status text meaning, for reading the codes back.
const STATUS_TEXTS: [StatusText; 6] = [
    StatusText::CompletedOnTime,
    StatusText::CompletedLate,
    StatusText::Completed,
    StatusText::Within,
    StatusText::Overdue,
    StatusText::Cancelled,
];

/// The `kind` column of `_findings.parquet`.
fn finding_kind(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Excluded => "khong_du_thong_tin",
        FindingKind::Duplicate => "trung_lap",
        FindingKind::UnknownAgency => "co_quan_ngoai_danh_muc",
        FindingKind::Contradiction => "mau_thuan",
        FindingKind::Cancelled => "da_huy",
        FindingKind::BadCell => "o_khong_doc_duoc",
        FindingKind::SkippedRow => "dong_bo_qua",
        FindingKind::SkippedSheet => "sheet_bo_qua",
        FindingKind::UnreadableFile => "tep_khong_doc_duoc",
        FindingKind::HiddenSheet => "sheet_an",
    }
}

const DATE: &str = "%Y-%m-%d";
const DATE_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";

fn day_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_KEY_V1: u64 = 1_278_233_819_137_219_746;
    const ID_KEY_V1: u64 = 471_107_202_170_655_712;

    #[test]
    fn duplicate_keys_are_the_ones_warehouses_were_written_with() {
        // The warehouse stores the keys, and a warehouse read beside workbooks is merged on
        // them: if the hashing ever changes, warehouses of this format version no longer
        // match rows read now, and VERSION must be raised. These are the values of format 1.
        let day = NaiveDate::from_ymd_opt(2025, 3, 5);
        let doc = crate::model::match_key("1313/UBND-KSTT", day, "Xây dựng kế hoạch");
        let id = crate::model::id_key("NV-001");
        assert_eq!((doc.get(), id.get()), (DOC_KEY_V1, ID_KEY_V1));
    }

    #[test]
    fn every_status_text_and_finding_kind_has_its_own_code() {
        // The lists name every variant (the `match`es above are exhaustive: a new variant
        // needs a code there and a place here) and no two share a code.
        let mut codes: Vec<&str> = STATUS_TEXTS.iter().map(|s| status_kind(*s)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 6);
        let mut codes: Vec<&str> = FindingKind::ALL.iter().map(|k| finding_kind(*k)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 10);
    }
}
