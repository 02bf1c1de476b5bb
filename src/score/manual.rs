//! Manual points (điểm chấm thủ công) for bloc members that receive no tasks (Cục Thống kê, the
//! radio-TV station): a plain table already read into rows by the caller, header first, with a
//! name column ("Cơ quan", "Tên cơ quan", "Đơn vị" …) and a points column ("Điểm",
//! "Điểm thủ công" …). Headers are matched folded; "8,5" and "8.5" both read as 8.5.

use crate::vn_text::{clean, fold};

use super::error::RuleError;

const NAME_HEADERS: [&str; 6] = [
    "co quan",
    "ten co quan",
    "co quan don vi",
    "don vi",
    "ten don vi",
    "ten co quan don vi",
];
const POINTS_HEADERS: [&str; 4] = ["diem", "diem thu cong", "diem cham thu cong", "so diem"];

/// Reads (name, points) pairs. Rows with an empty name and empty points are skipped; a name
/// without points is skipped too (no manual points for it). Row numbers in errors count the
/// header as row 1.
pub fn parse_manual_points(
    rows: &[Vec<String>],
    file_name: &str,
) -> Result<Vec<(String, f64)>, RuleError> {
    let err = |row: Option<usize>, message: String| RuleError::Manual {
        file: file_name.to_string(),
        row,
        message,
    };
    let header = rows
        .first()
        .ok_or_else(|| err(None, "bảng trống, không có dòng tiêu đề".to_string()))?;
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&fold(h).as_str()))
    };
    let name_col = find(&NAME_HEADERS).ok_or_else(|| {
        err(
            Some(1),
            "không tìm thấy cột tên cơ quan (\"Cơ quan\" hoặc \"Tên cơ quan\")".to_string(),
        )
    })?;
    let points_col = find(&POINTS_HEADERS).ok_or_else(|| {
        err(
            Some(1),
            "không tìm thấy cột điểm (\"Điểm\" hoặc \"Điểm thủ công\")".to_string(),
        )
    })?;
    let mut out: Vec<(String, f64, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let line = i + 1;
        let cell = |col: usize| row.get(col).and_then(|c| clean(c));
        let (Some(name), Some(points_text)) = (cell(name_col), cell(points_col)) else {
            continue;
        };
        let points = read_points(&points_text).ok_or_else(|| {
            err(
                Some(line),
                format!("điểm «{points_text}» của «{name}» không phải là số không âm"),
            )
        })?;
        if let Some((_, _, first)) = out.iter().find(|(n, _, _)| fold(n) == fold(&name)) {
            return Err(err(
                Some(line),
                format!("«{name}» đã có điểm ở dòng {first}"),
            ));
        }
        out.push((name, points, line));
    }
    Ok(out.into_iter().map(|(n, p, _)| (n, p)).collect())
}

/// "8,5" / "8.5" / "10" → a non-negative finite number.
fn read_points(text: &str) -> Option<f64> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn manual_points_accept_decimal_comma_and_folded_headers() {
        let rows = table(&[
            &["STT", "Tên  cơ quan", "ĐIỂM THỦ CÔNG"],
            &["1", "Cục Thống kê", "8,5"],
            &["2", "Đài Phát thanh và Truyền hình", "9"],
            &["", "", ""],
            &["3", "Ban Dân tộc", ""],
        ]);
        let got = parse_manual_points(&rows, "diem.xlsx");
        assert_eq!(
            got,
            Ok(vec![
                ("Cục Thống kê".to_string(), 8.5),
                ("Đài Phát thanh và Truyền hình".to_string(), 9.0),
            ])
        );
    }

    #[test]
    fn manual_points_that_are_not_numbers_name_the_row() {
        let rows = table(&[&["Cơ quan", "Điểm"], &["Cục Thống kê", "tám"]]);
        let err = parse_manual_points(&rows, "diem.csv").map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err(
                "bảng điểm thủ công diem.csv, dòng 2: điểm «tám» của «Cục Thống kê» không phải là số không âm"
                    .to_string()
            )
        );
    }

    #[test]
    fn manual_points_need_a_points_column() {
        let rows = table(&[&["Cơ quan", "Ghi chú"]]);
        let err = parse_manual_points(&rows, "diem.csv").map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err(
                "bảng điểm thủ công diem.csv, dòng 1: không tìm thấy cột điểm (\"Điểm\" hoặc \"Điểm thủ công\")"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_name_given_twice_is_an_error() {
        let rows = table(&[
            &["Cơ quan", "Điểm"],
            &["Cục Thống kê", "8"],
            &["CỤC THỐNG KÊ", "9"],
        ]);
        let err = parse_manual_points(&rows, "d.csv").map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("bảng điểm thủ công d.csv, dòng 3: «CỤC THỐNG KÊ» đã có điểm ở dòng 2".to_string())
        );
    }
}
