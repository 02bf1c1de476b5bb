//! The data-quality findings (kiểm tra dữ liệu): every row or file that was left out,
//! merged, skipped or questioned, with where it is and why.

use serde::Serialize;

use super::SourceLoc;

/// The kinds of data-quality finding (Kiểm tra dữ liệu).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FindingKind {
    /// Left out of the figures: not enough information.
    Excluded,
    /// Merged into another row as the same task.
    Duplicate,
    /// Agency name not in the directory.
    UnknownAgency,
    /// Status text contradicts the dates (dates win).
    Contradiction,
    /// Cancelled / withdrawn / paused: out of every count.
    Cancelled,
    /// A cell could not be read (e.g. an unreadable date); the row may still count.
    BadCell,
    /// A row that is not a task (sub-total, note, group heading) was skipped.
    SkippedRow,
    /// A sheet without a task header, a chart/macro/dialog sheet, or one that could not be
    /// read while the rest of its workbook was, was skipped.
    SkippedSheet,
    /// A whole file could not be read and was skipped (--skip-unreadable).
    UnreadableFile,
    /// A hidden sheet with a task table: read and counted like the others, and said so (a
    /// hidden copy of a sheet would be counted twice).
    HiddenSheet,
}

impl FindingKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [FindingKind; 10] = [
        FindingKind::Excluded,
        FindingKind::Duplicate,
        FindingKind::UnknownAgency,
        FindingKind::Contradiction,
        FindingKind::Cancelled,
        FindingKind::BadCell,
        FindingKind::SkippedRow,
        FindingKind::SkippedSheet,
        FindingKind::UnreadableFile,
        FindingKind::HiddenSheet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Excluded => "Không đủ thông tin, không tính",
            FindingKind::Duplicate => "Trùng lặp, đã gộp",
            FindingKind::UnknownAgency => "Cơ quan không có trong danh mục",
            FindingKind::Contradiction => "Trạng thái mâu thuẫn với ngày tháng",
            FindingKind::Cancelled => "Đã hủy / thu hồi / dừng, không tính",
            FindingKind::BadCell => "Ô dữ liệu không đọc được",
            FindingKind::SkippedRow => "Dòng không phải nhiệm vụ, bỏ qua",
            FindingKind::SkippedSheet => "Sheet không có bảng nhiệm vụ hoặc không đọc được, bỏ qua",
            FindingKind::UnreadableFile => "Tệp không đọc được, bỏ qua",
            FindingKind::HiddenSheet => "Sheet đang ẩn, vẫn được đọc và tính",
        }
    }
}

/// One data-quality finding with where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub source: SourceLoc,
    pub message: String,
}
