//! The agency directory (danh mục cơ quan, SPEC 3.2) and the reorganisations in it (SPEC 4.6):
//! matching raw names through canonical names, codes and aliases with the tolerance of
//! [`fold`], and deciding which agency a task is reported under at a given date
//! (the successor of a merged agency once the merger has taken effect).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{Cell, RawSheet};
use crate::normalize::cell_date;
use crate::vn_text::{clean, fold};

/// One directory row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub group: String,
    pub bloc: Option<String>,
    pub aliases: Vec<String>,
    /// Index of the successor (Sáp nhập vào), resolved from its code.
    pub successor: Option<usize>,
    /// Date the merger or the end of activity took effect (Từ ngày).
    pub ends_on: Option<NaiveDate>,
    /// Title of the agency's head (Chức danh thủ trưởng: «Giám đốc», «Chủ tịch»), for the
    /// address line of a letter to it.
    pub head_title: Option<String>,
}

impl Agency {
    /// Merged into another agency on `ends_on`, or dissolved then when it has no successor.
    pub fn is_dissolved_by(&self, day: NaiveDate) -> bool {
        self.successor.is_none() && self.ends_on.is_some_and(|d| day >= d)
    }
}

/// The key agency names are matched on: [`fold`]ed, with the abbreviations every office
/// writes spelled out ("UBND" = "Ủy ban nhân dân", "TP" = "thành phố", "TX" = "thị xã",
/// "H." = "huyện"), so "UBND TP Bình An" finds "Ủy ban nhân dân thành phố Bình An" without an
/// alias in the directory.
pub fn name_key(raw: &str) -> String {
    let folded = fold(raw);
    let mut out = String::with_capacity(folded.len() + 16);
    for word in folded.split(' ') {
        let spelled = match word {
            "ubnd" => "uy ban nhan dan",
            "tp" => "thanh pho",
            "tx" => "thi xa",
            "h" => "huyen",
            other => other,
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(spelled);
    }
    out
}

/// The group of agencies not found in the directory.
pub const UNKNOWN_GROUP: &str = "Cơ quan, đơn vị chưa có trong danh mục";
/// The group used when no directory is given.
pub const NO_DIRECTORY_GROUP: &str = "Cơ quan, đơn vị";

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    #[error("danh mục cơ quan «{0}»: không tìm thấy dòng tiêu đề có cột «Tên cơ quan»")]
    NoHeader(String),
    #[error(
        "danh mục cơ quan «{file}», dòng {row}, cột «Sáp nhập vào»: không có cơ quan nào mang mã «{code}»"
    )]
    UnknownSuccessor {
        file: String,
        row: usize,
        code: String,
    },
    #[error("danh mục cơ quan «{file}», dòng {row}, cột «Từ ngày»: «{text}» không phải ngày tháng")]
    BadDate {
        file: String,
        row: usize,
        text: String,
    },
    #[error("danh mục cơ quan «{file}»: vòng lặp sáp nhập qua mã «{code}»")]
    Cycle { file: String, code: String },
}

/// The directory: agencies in report order and a folded-name index.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    pub agencies: Vec<Agency>,
    index: HashMap<String, usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Code,
    Name,
    Group,
    Bloc,
    Aliases,
    MergedInto,
    From,
    HeadTitle,
}

fn directory_column(text: &str) -> Option<Col> {
    match fold(text).as_str() {
        "ma" | "ma co quan" | "ma don vi" => Some(Col::Code),
        "ten co quan" | "ten don vi" | "co quan" | "co quan don vi" | "ten"
        | "ten co quan don vi" => Some(Col::Name),
        "nhom" | "nhom co quan" | "loai" => Some(Col::Group),
        "khoi thi dua" | "khoi" => Some(Col::Bloc),
        "ten goi khac" | "ten khac" | "bi danh" | "ten viet tat" => Some(Col::Aliases),
        "sap nhap vao" | "hop nhat vao" | "sap nhap vao ma" | "co quan ke thua" => {
            Some(Col::MergedInto)
        }
        "tu ngay" | "ngay hieu luc" | "ngay sap nhap" => Some(Col::From),
        "chuc danh thu truong" | "thu truong" | "nguoi dung dau" | "chuc danh nguoi dung dau" => {
            Some(Col::HeadTitle)
        }
        _ => None,
    }
}

impl Directory {
    /// Build the directory from the sheets of its file (the first sheet with a "Tên cơ quan"
    /// header).
    pub fn from_sheets(sheets: &[RawSheet]) -> Result<Directory, DirectoryError> {
        let file = sheets
            .first()
            .map(|s| s.file.to_string())
            .unwrap_or_default();
        for sheet in sheets {
            for (r, row) in sheet.rows.iter().enumerate().take(30) {
                let cols: Vec<(usize, Col)> = row
                    .iter()
                    .enumerate()
                    .filter_map(|(c, cell)| {
                        cell.text()
                            .and_then(|t| directory_column(&t))
                            .map(|k| (c, k))
                    })
                    .collect();
                if cols.iter().any(|(_, k)| *k == Col::Name) {
                    return Self::from_rows(&file, &sheet.rows[r + 1..], r + 2, &cols);
                }
            }
        }
        Err(DirectoryError::NoHeader(file))
    }

    fn from_rows(
        file: &str,
        rows: &[Vec<Cell>],
        first_row: usize,
        cols: &[(usize, Col)],
    ) -> Result<Directory, DirectoryError> {
        let mut agencies = Vec::new();
        let mut pending_successors = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let get = |k: Col| {
                cols.iter()
                    .find(|(_, kk)| *kk == k)
                    .and_then(|(c, _)| row.get(*c))
            };
            let text = |k: Col| get(k).and_then(Cell::text).and_then(|t| clean(&t));
            let Some(name) = text(Col::Name) else {
                continue;
            };
            let row_no = first_row + i;
            let ends_on = match get(Col::From).filter(|c| !c.is_empty()) {
                None => None,
                Some(cell) => {
                    Some(
                        cell_date(&cell.as_ref()).ok_or_else(|| DirectoryError::BadDate {
                            file: file.to_string(),
                            row: row_no,
                            text: cell.text().unwrap_or_default(),
                        })?,
                    )
                }
            };
            if let Some(code) = text(Col::MergedInto) {
                pending_successors.push((agencies.len(), code, row_no));
            }
            agencies.push(Agency {
                code: text(Col::Code).unwrap_or_default(),
                group: text(Col::Group).unwrap_or_else(|| NO_DIRECTORY_GROUP.to_string()),
                bloc: text(Col::Bloc),
                aliases: text(Col::Aliases)
                    .map(|a| a.split([';', '\n']).filter_map(clean).collect())
                    .unwrap_or_default(),
                successor: None,
                ends_on,
                head_title: text(Col::HeadTitle),
                name,
            });
        }
        for (idx, code, row) in pending_successors {
            let target = agencies
                .iter()
                .position(|a| fold(&a.code) == fold(&code) || fold(&a.name) == fold(&code));
            let Some(target) = target else {
                return Err(DirectoryError::UnknownSuccessor {
                    file: file.to_string(),
                    row,
                    code,
                });
            };
            agencies[idx].successor = Some(target);
        }
        let directory = Directory::new(agencies);
        for start in 0..directory.agencies.len() {
            let mut seen = vec![start];
            let mut at = start;
            while let Some(next) = directory.agencies[at].successor {
                if seen.contains(&next) {
                    return Err(DirectoryError::Cycle {
                        file: file.to_string(),
                        code: directory.agencies[next].code.clone(),
                    });
                }
                seen.push(next);
                at = next;
            }
        }
        Ok(directory)
    }

    /// Index names, codes and aliases; the first agency to claim a key keeps it.
    pub fn new(agencies: Vec<Agency>) -> Directory {
        let mut index = HashMap::new();
        for (i, a) in agencies.iter().enumerate() {
            index.entry(name_key(&a.name)).or_insert(i);
        }
        for (i, a) in agencies.iter().enumerate() {
            for alias in &a.aliases {
                index.entry(name_key(alias)).or_insert(i);
            }
            if !a.code.is_empty() {
                index.entry(name_key(&a.code)).or_insert(i);
            }
        }
        Directory { agencies, index }
    }

    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// The directory agency a raw name means, if any.
    pub fn lookup(&self, raw: &str) -> Option<usize> {
        self.index.get(&name_key(raw)).copied()
    }

    /// The agency a task of `agency` is reported under for a report ending on `day`:
    /// the successor chain is followed through every merger in effect by then.
    pub fn reported_under(&self, agency: usize, day: NaiveDate) -> usize {
        let mut at = agency;
        while let Some(next) = self.agencies[at].successor {
            if self.agencies[at].ends_on.is_some_and(|d| day >= d) {
                at = next;
            } else {
                break;
            }
        }
        at
    }

    /// Agencies merged into `agency` by `day` (directly or through a chain), for the note
    /// "gồm cả nhiệm vụ của …".
    pub fn predecessors(&self, agency: usize, day: NaiveDate) -> Vec<usize> {
        (0..self.agencies.len())
            .filter(|&i| i != agency && self.reported_under(i, day) == agency)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn sample() -> Directory {
        let rows = vec![
            vec![t("DANH MỤC CƠ QUAN")],
            vec![
                t("Mã"),
                t("Tên cơ quan"),
                t("Nhóm"),
                t("Khối thi đua"),
                t("Tên gọi khác"),
                t("Sáp nhập vào"),
                t("Từ ngày"),
                t("Chức danh thủ trưởng"),
            ],
            vec![
                t("STC"),
                t("Sở Tài chính"),
                t("Sở, ban, ngành"),
                t("Khối tổng hợp"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                t(" Giám đốc "),
            ],
            vec![
                t("SKHDT"),
                t("Sở Kế hoạch và Đầu tư"),
                t("Sở, ban, ngành"),
                t("Khối tổng hợp"),
                t("Sở KH&ĐT; Sở Kế hoạch - Đầu tư"),
                t("STC"),
                Cell::Date(d(2025, 3, 1)),
            ],
            vec![
                t("HDH"),
                t("UBND huyện Đông Hòa"),
                t("UBND cấp huyện"),
                Cell::Empty,
                t("UBND H. Đông Hoà"),
                Cell::Empty,
                t("01/07/2025"),
            ],
        ];
        Directory::from_sheets(&[RawSheet {
            file: "dm.xlsx".into(),
            sheet: Some("DM".into()),
            rows,
            merged: vec![],
        }])
        .unwrap()
    }

    #[test]
    fn names_match_through_aliases_codes_and_tolerant_folding() {
        let dir = sample();
        assert_eq!(dir.lookup("Sở KH&ĐT"), Some(1));
        assert_eq!(dir.lookup("SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), Some(1));
        assert_eq!(dir.lookup("skhdt"), Some(1));
        assert_eq!(dir.lookup("UBND H. Đông Hòa"), Some(2));
        assert_eq!(dir.lookup("Sở Ngoại vụ"), None);
        // Abbreviations are spelled out on both sides: no alias needed for these.
        assert_eq!(dir.lookup("Ủy ban nhân dân huyện Đông Hòa"), Some(2));
        assert_eq!(dir.lookup("UBND H. Đông Hoà"), Some(2));
    }

    #[test]
    fn the_head_title_column_is_optional_and_cleaned() {
        let dir = sample();
        assert_eq!(dir.agencies[0].head_title.as_deref(), Some("Giám đốc"));
        assert_eq!(dir.agencies[1].head_title, None);
    }

    #[test]
    fn merged_agency_is_reported_under_its_successor_from_the_effective_date() {
        let dir = sample();
        assert_eq!(dir.reported_under(1, d(2025, 2, 28)), 1);
        assert_eq!(dir.reported_under(1, d(2025, 3, 1)), 0);
        assert_eq!(dir.predecessors(0, d(2025, 12, 31)), vec![1]);
        assert!(dir.agencies[2].is_dissolved_by(d(2025, 7, 1)));
        assert!(!dir.agencies[2].is_dissolved_by(d(2025, 6, 30)));
    }

    #[test]
    fn unknown_successor_code_is_an_error_naming_the_row() {
        let rows = vec![
            vec![t("Mã"), t("Tên cơ quan"), t("Sáp nhập vào")],
            vec![t("A"), t("Sở A"), t("ZZZ")],
        ];
        let err = Directory::from_sheets(&[RawSheet {
            file: "dm.csv".into(),
            sheet: None,
            rows,
            merged: vec![],
        }])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "danh mục cơ quan «dm.csv», dòng 2, cột «Sáp nhập vào»: không có cơ quan nào mang mã «ZZZ»"
        );
    }
}
