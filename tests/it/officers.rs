//! Views per tracking officer (chuyên viên theo dõi) and department (phòng), and tasks not
//! updated for N days (issue 13), on a hand-kept sheet the test writes. Period 2025-H1, cut
//! off 30/06/2025. Each row's fate, worked out by hand:
//!
//! | row | agency | officer | deadline | completed | last update | status at 30/06 | stale |
//! |---|---|---|---|---|---|---|---|
//! | 1 | Sở Y tế | Lê Thị Hồng | 31/01 | 20/01 | 20/01 | on time | – |
//! | 2 | Sở Y tế | LÊ THỊ HỒNG (same officer) | 28/02 | 10/03 | 10/03 | late | – |
//! | 3 | Sở Tài chính | Trần Văn Bình | 31/03 | – | 15/04 | overdue | not updated 15+31+30 = 76 days |
//! | 4 | Sở Tài chính | Trần Văn Bình | 31/07 | – | 10/06 | within | updated 20 days ago: no |
//! | 5 | Sở Tư pháp | Võ Đức Anh | Thường xuyên | – | – | within, no deadline | no update: assigned 05/01, 26+28+31+30+31+30 = 176 days > 90 |
//! | 6 | Sở Tư pháp | (none) | Thường xuyên | – | 01/05 | within, no deadline | not updated 30+30 = 60 days |
//! | 7 | Sở Y tế | Võ Đức Anh | 20/06 | – | 05/07 (after the cut-off) | overdue | update unknown at 30/06, has a deadline: no |
//! | 8 | Sở Tài chính | Nguyễn Thị Lan | 10/06 | 05/06 | 01/05 | on time | completed: no |
//!
//! Per officer (alphabetically, folded; no officer last), as [on time, late, within,
//! overdue, no deadline]: Lê Thị Hồng [1, 1, 0, 0, 0], Nguyễn Thị Lan [1, 0, 0, 0, 0], Trần
//! Văn Bình [0, 0, 1, 1, 0], Võ Đức Anh [0, 0, 1, 1, 1], Không ghi chuyên viên theo dõi
//! [0, 0, 1, 0, 1]; total [2, 1, 3, 2, 2] = 8 tasks.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::harness::{self, assert_same, sheet_rows, tiendo};

const SHEET: &str = "\
STT,Số ký hiệu,Ngày văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Ngày hoàn thành,Chuyên viên theo dõi,Ngày cập nhật
1,1/UBND-VX,06/01/2025,Việc 1,Sở Y tế,06/01/2025,31/01/2025,20/01/2025,Lê Thị Hồng,20/01/2025
2,2/UBND-VX,10/02/2025,Việc 2,Sở Y tế,10/02/2025,28/02/2025,10/03/2025,LÊ THỊ HỒNG,10/03/2025
3,3/UBND-KT,03/03/2025,Việc 3,Sở Tài chính,03/03/2025,31/03/2025,,Trần Văn Bình,15/04/2025
4,4/UBND-KT,02/05/2025,Việc 4,Sở Tài chính,02/05/2025,31/07/2025,,Trần Văn Bình,10/06/2025
5,5/UBND-NC,05/01/2025,Việc 5,Sở Tư pháp,05/01/2025,Thường xuyên,,Võ Đức Anh,
6,6/UBND-NC,01/04/2025,Việc 6,Sở Tư pháp,01/04/2025,Thường xuyên,,,01/05/2025
7,7/UBND-VX,12/06/2025,Việc 7,Sở Y tế,12/06/2025,20/06/2025,,Võ Đức Anh,05/07/2025
8,8/UBND-KT,15/05/2025,Việc 8,Sở Tài chính,15/05/2025,10/06/2025,05/06/2025,Nguyễn Thị Lan,01/05/2025
";

/// `[phong]` of the Office: Hồng and Bình (written folded) in Phòng Tổng hợp, Anh in Phòng
/// Kinh tế, Phòng Nội chính without officers; Lan is not listed.
const DEPARTMENTS: &str = "\
[phong]
\"Phòng Tổng hợp\" = [\"Lê Thị Hồng\", \"tran van binh\"]
\"Phòng Kinh tế\" = [\"Võ Đức Anh\"]
\"Phòng Nội chính\" = []
";

struct Inputs {
    sheet: PathBuf,
    dir: tempfile::TempDir,
}

impl Inputs {
    fn new() -> Inputs {
        let dir = harness::temp_dir();
        let sheet = dir.path().join("theo-doi.csv");
        std::fs::write(&sheet, SHEET).unwrap();
        Inputs { sheet, dir }
    }

    /// A settings file with `text`, in the inputs' folder.
    fn config(&self, text: &str) -> String {
        let path = self.dir.path().join("tiendo.toml");
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    fn sheet(&self) -> String {
        self.sheet.display().to_string()
    }

    fn run(&self, command: &str, extra: &[&str]) -> harness::Run {
        let sheet = self.sheet();
        let mut args = vec![command, sheet.as_str()];
        args.extend(extra);
        tiendo(&args)
    }
}

/// A figures row: key, then [on time, late, within, overdue, no deadline].
fn row(key: &str, [on, late, within, overdue, nd]: [u64; 5]) -> Value {
    json!({"key": key, "total": on + late + within + overdue, "completed": on + late,
           "on_time": on, "late": late, "not_completed": within + overdue, "within": within,
           "overdue": overdue, "no_deadline": nd})
}

fn by(inputs: &Inputs, key: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--period", "2025-H1", "--by", key, "--format", "json"];
    args.extend(extra);
    inputs.run("figures", &args).ok().json()
}

#[test]
fn figures_by_officer_key_each_task_by_its_folded_officer_with_no_officer_last() {
    let out = by(&Inputs::new(), "officer", &[]);
    assert_same!(
        out["rows"],
        json!([
            row("Lê Thị Hồng", [1, 1, 0, 0, 0]),
            row("Nguyễn Thị Lan", [1, 0, 0, 0, 0]),
            row("Trần Văn Bình", [0, 0, 1, 1, 0]),
            row("Võ Đức Anh", [0, 0, 1, 1, 1]),
            row("Không ghi chuyên viên theo dõi", [0, 0, 1, 0, 1]),
        ])
    );
    let mut total = row("", [2, 1, 3, 2, 2]);
    total.as_object_mut().unwrap().remove("key");
    assert_same!(out["total"], total);
}

#[test]
fn trend_by_officer_has_the_same_rows() {
    let inputs = Inputs::new();
    let out = inputs
        .run(
            "trend",
            &[
                "--years",
                "2025..2025",
                "--half",
                "1",
                "--by",
                "officer",
                "--format",
                "json",
            ],
        )
        .ok()
        .json();
    assert_same!(out[0]["rows"], by(&inputs, "officer", &[])["rows"]);
    assert_same!(
        out[0]["rows"][4],
        row("Không ghi chuyên viên theo dõi", [0, 0, 1, 0, 1])
    );
}

#[test]
fn figures_by_department_follow_the_offices_list_with_the_unplaced_last() {
    let inputs = Inputs::new();
    let config = inputs.config(DEPARTMENTS);
    let out = by(&inputs, "department", &["--config", &config]);
    // Tổng hợp = Hồng + Bình; Kinh tế = Anh; Nội chính has no task (no row); Lan (not listed)
    // and row 6 (no officer) are «Chưa xác định phòng».
    assert_same!(
        out["rows"],
        json!([
            row("Phòng Tổng hợp", [1, 1, 1, 1, 0]),
            row("Phòng Kinh tế", [0, 0, 1, 1, 1]),
            row("Chưa xác định phòng", [1, 0, 1, 0, 1]),
        ])
    );
    assert_same!(out["total"]["total"], json!(8));
}

/// A directory workbook: the agencies on «Danh mục», then a «Chuyên viên» sheet placing Hồng
/// and Lan in Phòng Tổng hợp and Anh in Phòng Kinh tế.
fn directory_with_officers(dir: &Path) -> String {
    let path = dir.join("danh-muc.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, [[&str; 3]; 4]); 2] = [
        (
            "Danh mục",
            [
                ["Mã", "Tên cơ quan", "Nhóm"],
                ["STC", "Sở Tài chính", "Sở, ban, ngành"],
                ["SYT", "Sở Y tế", "Sở, ban, ngành"],
                ["STP", "Sở Tư pháp", "Sở, ban, ngành"],
            ],
        ),
        (
            "Chuyên viên",
            [
                ["STT", "Chuyên viên", "Phòng"],
                ["1", "Lê Thị Hồng", "Phòng Tổng hợp"],
                ["2", "Nguyễn Thị Lan", "Phòng Tổng hợp"],
                ["3", "Võ Đức Anh", "Phòng Kinh tế"],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, text) in cells.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    path.display().to_string()
}

#[test]
fn the_directory_workbooks_officer_sheet_adds_to_the_settings_files_list() {
    let inputs = Inputs::new();
    let config = inputs.config("[phong]\n\"Phòng Nội chính\" = [\"Trần Văn Bình\"]\n");
    let directory = directory_with_officers(inputs.dir.path());
    let out = by(
        &inputs,
        "department",
        &["--config", &config, "--agencies", &directory],
    );
    // The settings file's department first, then the sheet's in row order.
    assert_same!(
        out["rows"],
        json!([
            row("Phòng Nội chính", [0, 0, 1, 1, 0]),
            row("Phòng Tổng hợp", [2, 1, 0, 0, 0]),
            row("Phòng Kinh tế", [0, 0, 1, 1, 1]),
            row("Chưa xác định phòng", [0, 0, 1, 0, 1]),
        ])
    );
}

#[test]
fn by_department_without_a_list_is_refused_saying_where_to_put_one() {
    Inputs::new()
        .run("figures", &["--period", "2025-H1", "--by", "department"])
        .fails_with(2)
        .stderr_has("chưa có danh sách chuyên viên theo phòng")
        .stderr_has("[phong] vào tiendo.toml");
}

#[test]
fn an_officer_under_two_departments_in_the_settings_file_is_refused() {
    let inputs = Inputs::new();
    let config = inputs.config(
        "[phong]\n\"Phòng Tổng hợp\" = [\"Lê Thị Hồng\"]\n\"Phòng Kinh tế\" = [\"le thi hong\"]\n",
    );
    inputs
        .run("figures", &["--period", "2025-H1", "--config", &config])
        .fails_with(2)
        .stderr_has(
            "[phong]: chuyên viên «le thi hong» đã thuộc «Phòng Tổng hợp», không thể thuộc thêm «Phòng Kinh tế»",
        );
}

#[test]
fn the_brief_says_both_kinds_of_tasks_gone_without_news() {
    let inputs = Inputs::new();
    let brief = inputs.run("brief", &["--period", "2025-H1"]).ok().stdout();
    // Rows 3 (76 days) and 6 (60 days) not updated for more than 30 days; row 5 without a
    // deadline for 176 days.
    assert!(
        brief.contains(
            "Có 2 nhiệm vụ chưa hoàn thành không được cập nhật quá 30 ngày; 1 nhiệm vụ không \
             thời hạn đã giao quá 90 ngày, đến nay chưa có kết quả."
        ),
        "{brief}"
    );
    // With 70 days, row 6 (60 days) is no longer flagged; it has an update, so the
    // no-deadline rule does not apply to it (and 90 days would not be more than 90 anyway).
    let config = inputs.config("[du_lieu]\nngay_khong_cap_nhat = 70\n");
    let brief = inputs
        .run("brief", &["--period", "2025-H1", "--config", &config])
        .ok()
        .stdout();
    assert!(
        brief.contains(
            "Có 1 nhiệm vụ chưa hoàn thành không được cập nhật quá 70 ngày; 1 nhiệm vụ không \
             thời hạn đã giao quá 90 ngày, đến nay chưa có kết quả."
        ),
        "{brief}"
    );
}

/// The report of 2025-H1 with the departments of [`DEPARTMENTS`].
fn workbook(inputs: &Inputs) -> PathBuf {
    let config = inputs.config(DEPARTMENTS);
    let out = inputs.dir.path().join("out");
    let out_text = out.display().to_string();
    inputs
        .run(
            "report",
            &[
                "--period", "2025-H1", "--config", &config, "--out", &out_text, "--quiet",
            ],
        )
        .ok();
    out.join("bao-cao-2025-H1.xlsx")
}

#[test]
fn the_stale_sheet_names_both_kinds_and_gives_each_tasks_reason() {
    let inputs = Inputs::new();
    let rows = sheet_rows(&workbook(&inputs), "Lâu chưa có kết quả");
    assert_eq!(
        rows[0][0],
        "NHIỆM VỤ LÂU CHƯA CÓ KẾT QUẢ: KHÔNG ĐƯỢC CẬP NHẬT QUÁ 30 NGÀY, HOẶC KHÔNG THỜI HẠN ĐÃ \
         GIAO QUÁ 90 NGÀY (tính đến hết ngày 30/06/2025)"
    );
    assert_eq!(rows[1][7], "Số ngày (xem cột Lý do)");
    assert_eq!(rows[1][10], "Lý do");
    // By agency (alphabetically without a directory), the longest first: (STT, agency,
    // content, days, reason).
    let listed: Vec<[&str; 5]> = rows[2..]
        .iter()
        .map(|r| {
            [
                r[0].as_str(),
                r[1].as_str(),
                r[4].as_str(),
                r[7].as_str(),
                r[10].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        listed,
        [
            [
                "1",
                "Sở Tài chính",
                "Việc 3",
                "76",
                "Không cập nhật 76 ngày (quá 30 ngày)"
            ],
            [
                "2",
                "Sở Tư pháp",
                "Việc 5",
                "176",
                "Không thời hạn, đã giao 176 ngày (quá 90 ngày)"
            ],
            [
                "3",
                "Sở Tư pháp",
                "Việc 6",
                "60",
                "Không cập nhật 60 ngày (quá 30 ngày)"
            ],
        ]
    );
}

/// The body of a keyed sheet: from the first body row (Excel row 13) on, name, the eight
/// counts (total, completed, on time, late, not completed, within, overdue, no deadline) and
/// the note, until the «Tổng cộng» line included.
fn keyed_body(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let rows = sheet_rows(path, sheet);
    let mut out = Vec::new();
    for r in &rows[12..] {
        let pick = |c: usize| r.get(c).cloned().unwrap_or_default();
        let mut line = vec![pick(1)];
        line.extend([2, 3, 4, 5, 6, 7, 8, 12, 13].map(pick));
        let is_total = line[0] == "Tổng cộng";
        out.push(line);
        if is_total {
            break;
        }
    }
    out
}

fn line(cells: [&str; 10]) -> Vec<String> {
    cells.map(String::from).to_vec()
}

#[test]
fn the_workbook_has_a_sheet_per_officer_and_per_department() {
    let inputs = Inputs::new();
    let path = workbook(&inputs);
    let officers = sheet_rows(&path, "Theo chuyên viên");
    let title = "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO";
    assert_eq!(officers[5][0], title);
    assert_eq!(officers[6][0], "THEO CHUYÊN VIÊN THEO DÕI");
    assert_eq!(officers[10][1], "Chuyên viên theo dõi");
    assert_eq!(officers[10][13], "Phòng");
    assert_same!(
        keyed_body(&path, "Theo chuyên viên"),
        vec![
            line([
                "Lê Thị Hồng",
                "2",
                "2",
                "1",
                "1",
                "0",
                "0",
                "0",
                "0",
                "Phòng Tổng hợp"
            ]),
            line([
                "Nguyễn Thị Lan",
                "1",
                "1",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "Chưa xác định phòng"
            ]),
            line([
                "Trần Văn Bình",
                "2",
                "0",
                "0",
                "0",
                "2",
                "1",
                "1",
                "0",
                "Phòng Tổng hợp"
            ]),
            line([
                "Võ Đức Anh",
                "2",
                "0",
                "0",
                "0",
                "2",
                "1",
                "1",
                "1",
                "Phòng Kinh tế"
            ]),
            line([
                "Không ghi chuyên viên theo dõi",
                "1",
                "0",
                "0",
                "0",
                "1",
                "1",
                "0",
                "1",
                "Chưa xác định phòng"
            ]),
            line(["Tổng cộng", "8", "3", "2", "1", "5", "3", "2", "2", ""]),
        ]
    );
    let departments = sheet_rows(&path, "Theo phòng");
    assert_eq!(departments[5][0], title);
    assert_eq!(departments[6][0], "THEO PHÒNG");
    assert_eq!(departments[10][1], "Phòng");
    assert_same!(
        keyed_body(&path, "Theo phòng"),
        vec![
            line(["Phòng Tổng hợp", "4", "2", "1", "1", "2", "1", "1", "0", ""]),
            line(["Phòng Kinh tế", "2", "0", "0", "0", "2", "1", "1", "1", ""]),
            line([
                "Chưa xác định phòng",
                "2",
                "1",
                "1",
                "0",
                "1",
                "1",
                "0",
                "1",
                ""
            ]),
            line(["Tổng cộng", "8", "3", "2", "1", "5", "3", "2", "2", ""]),
        ]
    );
}
