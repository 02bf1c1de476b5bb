//! The Office's list of tracking officers (chuyên viên theo dõi) by department (phòng): the
//! `[phong]` table of `tiendo.toml` and a «Chuyên viên» sheet of the directory workbook
//! (columns `Chuyên viên`, `Phòng`), in the order they are written. Officer and department
//! names are matched folded, like agency and leader names (case, diacritics, tone placement,
//! spacing ignored). An officer belongs to one department: a second one is refused, naming
//! where. The figures `--by department` key each task through its officer; officers the list
//! does not place go under [`crate::model::NO_DEPARTMENT`].

use std::collections::HashMap;

use crate::model::{Cell, RawSheet};
use crate::vn_text::{clean, fold};

/// Departments in the list's order and the department of each listed officer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Departments {
    /// Department names, first spelling, in the list's order.
    pub names: Vec<String>,
    /// Folded department name → index into `names`.
    ids: HashMap<String, usize>,
    /// Folded officer name → index into `names`.
    of_officer: HashMap<String, usize>,
}

/// An officer listed under two departments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub officer: String,
    pub first: String,
    pub second: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DepartmentError {
    #[error(
        "danh mục cơ quan «{file}», sheet «{sheet}», dòng {row}: chuyên viên «{}» đã thuộc «{}», không thể thuộc thêm «{}»",
        conflict.officer,
        conflict.first,
        conflict.second
    )]
    Conflict {
        file: String,
        sheet: String,
        row: usize,
        conflict: Box<Conflict>,
    },
    #[error(
        "danh mục cơ quan «{file}», sheet «{sheet}», dòng {row}, cột «Phòng»: chuyên viên «{officer}» chưa ghi phòng"
    )]
    NoDepartment {
        file: String,
        sheet: String,
        row: usize,
        officer: String,
    },
}

impl Departments {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The department of an officer, if the list places them.
    pub fn of(&self, officer: &str) -> Option<usize> {
        self.of_officer.get(&fold(officer)).copied()
    }

    /// Put `officer` in `department` (created at the end of the list when new). Listing an
    /// officer twice in the same department is harmless; in another one it is a conflict.
    pub fn add(&mut self, department: &str, officer: &str) -> Result<(), Conflict> {
        let id = self.department(department);
        match self.of_officer.get(&fold(officer)) {
            Some(&was) if was != id => Err(Conflict {
                officer: officer.to_string(),
                first: self.names[was].clone(),
                second: self.names[id].clone(),
            }),
            Some(_) => Ok(()),
            None => {
                self.of_officer.insert(fold(officer), id);
                Ok(())
            }
        }
    }

    /// A department's index, added at the end of the list when new (a department may be
    /// listed without officers yet).
    pub fn department(&mut self, name: &str) -> usize {
        let key = fold(name);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        self.names.push(name.to_string());
        self.ids.insert(key, self.names.len() - 1);
        self.names.len() - 1
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Officer,
    Department,
}

fn column(text: &str) -> Option<Col> {
    match fold(text).as_str() {
        "chuyen vien"
        | "chuyen vien theo doi"
        | "nguoi theo doi"
        | "can bo theo doi"
        | "ho va ten"
        | "ho ten" => Some(Col::Officer),
        "phong" | "phong ban" | "phong chuyen mon" | "ten phong" => Some(Col::Department),
        _ => None,
    }
}

/// Rows searched for the header of an officer sheet.
const HEADER_ROWS: usize = 10;

/// Add the officers of every sheet of the directory workbook whose header (in its first rows)
/// has a `Chuyên viên` column and a `Phòng` column (the «Chuyên viên» sheet), in row order.
pub fn read_sheets(sheets: &[RawSheet], list: &mut Departments) -> Result<(), DepartmentError> {
    for sheet in sheets {
        let Some((header, officer_col, department_col)) = header_of(sheet) else {
            continue;
        };
        let at = |row: usize| {
            (
                sheet.file.to_string(),
                sheet.sheet.as_deref().unwrap_or_default().to_string(),
                row,
            )
        };
        for (r, row) in sheet.rows.iter().enumerate().skip(header + 1) {
            let text = |c: usize| row.get(c).and_then(Cell::text).and_then(|t| clean(&t));
            let Some(officer) = text(officer_col) else {
                continue;
            };
            let Some(department) = text(department_col) else {
                let (file, sheet, row) = at(r + 1);
                return Err(DepartmentError::NoDepartment {
                    file,
                    sheet,
                    row,
                    officer,
                });
            };
            list.add(&department, &officer).map_err(|conflict| {
                let (file, sheet, row) = at(r + 1);
                DepartmentError::Conflict {
                    file,
                    sheet,
                    row,
                    conflict: Box::new(conflict),
                }
            })?;
        }
    }
    Ok(())
}

/// The header row of an officer sheet and its two columns.
fn header_of(sheet: &RawSheet) -> Option<(usize, usize, usize)> {
    sheet
        .rows
        .iter()
        .enumerate()
        .take(HEADER_ROWS)
        .find_map(|(r, row)| {
            let find = |want: Col| {
                row.iter()
                    .position(|cell| cell.text().and_then(|t| column(&t)) == Some(want))
            };
            Some((r, find(Col::Officer)?, find(Col::Department)?))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn sheet(name: &str, rows: Vec<Vec<Cell>>) -> RawSheet {
        RawSheet {
            file: "dm.xlsx".into(),
            sheet: Some(name.into()),
            rows,
            merged: vec![],
        }
    }

    #[test]
    fn officers_are_read_from_the_officer_sheet_in_order_and_matched_folded() {
        let directory = sheet(
            "Danh mục",
            vec![
                vec![t("Mã"), t("Tên cơ quan")],
                vec![t("STC"), t("Sở Tài chính")],
            ],
        );
        let officers = sheet(
            "Chuyên viên",
            vec![
                vec![t("DANH SÁCH CHUYÊN VIÊN THEO DÕI")],
                vec![t("STT"), t("Chuyên viên"), t("Phòng")],
                vec![t("1"), t("Trần Văn Bình"), t("Phòng Kinh tế")],
                vec![t("2"), t("  Lê Thị  Hồng "), t("Phòng Tổng hợp")],
                vec![],
                vec![t("3"), t("Võ Đức Anh"), t("phòng kinh tế")],
            ],
        );
        let mut list = Departments::default();
        list.add("Phòng Nội chính", "Đặng Ngọc Hà").unwrap();
        read_sheets(&[directory, officers], &mut list).unwrap();
        // The configured department first, then the sheet's in row order; «phòng kinh tế» is
        // the same department as «Phòng Kinh tế».
        assert_eq!(
            list.names,
            ["Phòng Nội chính", "Phòng Kinh tế", "Phòng Tổng hợp"]
        );
        assert_eq!(list.of("LÊ THỊ HỒNG"), Some(2));
        assert_eq!(list.of("Vo Duc Anh"), Some(1));
        assert_eq!(list.of("Đặng Ngọc Hà"), Some(0));
        assert_eq!(list.of("Nguyễn Thị Lan"), None);
    }

    #[test]
    fn an_officer_in_two_departments_is_refused_naming_the_row() {
        let officers = sheet(
            "Chuyên viên",
            vec![
                vec![t("Chuyên viên"), t("Phòng")],
                vec![t("Trần Văn Bình"), t("Phòng Kinh tế")],
                vec![t("Tran Van Binh"), t("Phòng Tổng hợp")],
            ],
        );
        let err = read_sheets(&[officers], &mut Departments::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "danh mục cơ quan «dm.xlsx», sheet «Chuyên viên», dòng 3: chuyên viên «Tran Van Binh» đã thuộc «Phòng Kinh tế», không thể thuộc thêm «Phòng Tổng hợp»"
        );
    }

    #[test]
    fn an_officer_without_a_department_is_refused_naming_the_cell() {
        let officers = sheet(
            "Chuyên viên",
            vec![
                vec![t("Chuyên viên"), t("Phòng")],
                vec![t("Trần Văn Bình"), Cell::Empty],
            ],
        );
        let err = read_sheets(&[officers], &mut Departments::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "danh mục cơ quan «dm.xlsx», sheet «Chuyên viên», dòng 2, cột «Phòng»: chuyên viên «Trần Văn Bình» chưa ghi phòng"
        );
    }
}
