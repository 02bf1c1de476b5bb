//! The pipeline: the only place the stages are called together. One entry per job, each in
//! its own file, taking typed options (no clap type, no raw string) and returning an
//! [`Outcome`]: the text to print, the files to write, the warnings to show. Files are made
//! by the renderers; the command line writes them (atomically) and prints.
//!
//! ```text
//!            ┌─▶ figures ─▶ aggregate ─────────────▶ render::terminal
//!            ├─▶ trend   ─▶ aggregate per period ──▶ render::terminal
//!            ├─▶ changes ─▶ classify at D1 and D2 ──▶ render::changes
//! load ─▶ view ─▶ rank  ─▶ aggregate ─▶ score ─────▶ render::terminal
//!  │         ├─▶ brief   ─▶ assemble ──────────────▶ render::words
//!  │         ├─▶ report  ─▶ assemble (+ rank, trend) ▶ render::{xlsx, pdf, docx}
//!  │         ├─▶ letters ─▶ assemble, letters ─────▶ render::{docx, pdf::letter}
//!  │         └─▶ board   ─▶ assemble ──────────────▶ render::html
//!  ├─▶ check ─────────────────────────────────────▶ render::terminal
//!  └─▶ export ─▶ classify at one cut-off ─────────▶ warehouse (Parquet): the rows read, kept
//!                                                   so that `load` can read them back
//!
//! programme lists ─▶ programme::{read, settle} ─▶ view ─┬─▶ figures ─▶ render::programme_terminal
//!                                                       └─▶ report ──▶ render::{xlsx, pdf}
//! ```
//!
//! [`load`] reads every input once (ingest → normalize, or a warehouse read back into the
//! same rows → resolve); a view
//! ([`crate::classify::view`]) classifies the loaded tasks for one period, as often as a job
//! needs, without reading anything again.

mod board;
mod brief;
mod changes;
mod check;
mod export;
mod figures;
mod letters;
mod load;
mod programme;
mod rank;
mod report;
mod trend;

pub use board::{BoardJob, board};
pub use brief::{BriefJob, brief};
pub use changes::{ChangesJob, changes};
pub use check::check;
pub use export::{ExportJob, export};
pub use figures::{FiguresJob, figures};
pub use letters::{LettersJob, REPLY_DAYS, letters};
pub use load::{Sources, input_files, load, load_keeping_rows};
pub use programme::{
    ProgrammeJob, ProgrammeReportJob, ProgrammeSources, load_programme, programme, programme_report,
};
pub use rank::{RankJob, Scoring, rank};
pub use report::{ReportJob, Title, report};
pub use trend::{TrendJob, trend};

use std::path::PathBuf;

use crate::ingest::IngestError;

/// What a job gives back to the command line.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed on standard output.
    pub text: String,
    /// Files to write into the output folder, whole (each written completely or not at all).
    pub files: Vec<OutFile>,
    /// Files the job wrote itself (a Parquet warehouse written row group by row group).
    pub written: Vec<PathBuf>,
    /// Shown on standard error as «cảnh báo: …».
    pub warnings: Vec<String>,
}

/// A finished file: its name in the output folder and its bytes.
#[derive(Debug)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A report's three files, `{stem}.xlsx`, `.pdf` and `.docx`.
fn report_files(stem: &str, xlsx: Vec<u8>, pdf: Vec<u8>, docx: Vec<u8>) -> Vec<OutFile> {
    [("xlsx", xlsx), ("pdf", pdf), ("docx", docx)]
        .into_iter()
        .map(|(ext, bytes)| OutFile {
            name: format!("{stem}.{ext}"),
            bytes,
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Directory(#[from] crate::resolve::agencies::DirectoryError),
    #[error(transparent)]
    Departments(#[from] crate::resolve::departments::DepartmentError),
    #[error(transparent)]
    Warehouse(#[from] crate::warehouse::WarehouseError),
    #[error(transparent)]
    Aggregate(#[from] crate::aggregate::AggregateError),
    #[error(
        "chưa có danh sách chuyên viên theo phòng để nhóm số liệu theo phòng: thêm bảng [phong] vào tiendo.toml (ví dụ \"Phòng Tổng hợp\" = [\"Lê Thị Hồng\"]) hoặc sheet «Chuyên viên» (cột Chuyên viên, Phòng) vào danh mục cơ quan"
    )]
    NoDepartments,
    #[error(
        "«{0}»: không tìm thấy bảng nhiệm vụ nào (cần một dòng tiêu đề có cột đơn vị chủ trì và cột nội dung hoặc số ký hiệu)"
    )]
    NoTaskTable(String),
    #[error(
        "«{0}»: không tìm thấy bảng chương trình công tác nào (cần một dòng tiêu đề có cột cơ quan chủ trì và cột nội dung hoặc thời gian trình)"
    )]
    NoProgrammeTable(String),
}

/// Refuse `--by department` when no list places the officers in departments (every row would
/// be «Chưa xác định phòng»).
fn check_keys(loaded: &crate::model::Loaded, by: crate::model::By) -> Result<(), PipelineError> {
    if by == crate::model::By::Department && loaded.departments.is_empty() {
        return Err(PipelineError::NoDepartments);
    }
    Ok(())
}

/// The process ends right after a job: freeing a million tasks one by one only costs time
/// (the system reclaims the memory at exit), so the largest structures are let go unfreed.
fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}
