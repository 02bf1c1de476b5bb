//! The urging letters (công văn đôn đốc) as plain data: who sends and signs them, the reply
//! date, and for each agency with open overdue or coming-due tasks at the cut-off, its counts
//! and exactly those tasks of the report's two lists.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Counts, ReportMeta, TaskLine};

/// How the Office numbers, signs and sends its letters (tiendo.toml `[cong_van]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sender {
    /// The sign after the number: "VP-TH" in «Số: …/VP-TH».
    pub sign: String,
    /// The sender as sentences name it: "Văn phòng UBND tỉnh".
    pub name: String,
    /// The signer's title lines: "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG".
    pub signer_title: Vec<String>,
    pub signer: Option<String>,
    /// The «Nơi nhận» list, in order, without its dashes and end punctuation.
    pub recipients: Vec<String>,
}

/// One agency's letter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Letter {
    /// The agency as the report names it.
    pub agency: String,
    /// Its code in the directory (Mã), for the file name.
    pub code: Option<String>,
    /// Its head's title (Chức danh thủ trưởng), for the address line.
    pub head_title: Option<String>,
    /// Its figures at the cut-off (those of `figures` for it).
    pub counts: Counts,
    /// Its open overdue tasks: the report's list filtered by agency, in the list's order.
    pub overdue: Vec<TaskLine>,
    /// Its tasks coming due: the report's list filtered by agency, in the list's order.
    pub due_soon: Vec<TaskLine>,
}

/// Every letter of one cut-off.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Letters {
    /// The issuing body, the period and its cut-off, the letters' date.
    pub meta: ReportMeta,
    pub sender: Sender,
    /// The date by which an agency completes or explains (báo cáo giải trình).
    pub reply_by: NaiveDate,
    pub letters: Vec<Letter>,
}
