//! What the inputs hold cannot act on the reader of an output. A text that starts with `=`,
//! `+`, `-` or `@` is a formula to Excel when it opens a CSV (CSV injection): in the CSVs
//! tiendo writes (figures, trend, ranking), every text from the inputs that starts so gets a
//! leading `'`; in the workbook every input text is a string cell, never a formula.
//!
//! The task list, written by each test (cut-off 30/06/2025, period 2025-H1):
//!   «=1+1»       Việc 1, due 28/02, completed 20/02           → on time
//!   «+84 Sở A»   Việc 2, due 28/02, open                      → overdue
//!   «-Sở B»      Việc 3, due 28/06, open                      → overdue
//!   «@Sở C»      Việc 4, due 31/12, open                      → within
//! Without a directory each name is an agency of its own; rows are alphabetical by the folded
//! name (punctuation dropped): "1 1", "84 so a", "so b", "so c".

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use crate::harness::{self, tiendo};

const TASKS: &str = "\
Nội dung,Số ký hiệu,Đơn vị chủ trì,Lãnh đạo giao,Ngày giao,Hạn xử lý,Ngày hoàn thành,Chuyên viên theo dõi
Việc 1,=2+3,=1+1,=HYPERLINK(0),10/02/2025,28/02/2025,20/02/2025,@Ai
Việc 2,02/UBND,+84 Sở A,Chủ tịch,10/02/2025,28/02/2025,,
@SUM(1),03/UBND,-Sở B,Chủ tịch,10/02/2025,28/06/2025,,
Việc 4,04/UBND,@Sở C,Chủ tịch,10/02/2025,31/12/2025,,
";

/// The agencies «=1+1» and «+84 Sở A» in the bloc «=Khối A»; «-Sở B» and «@Sở C» are not in
/// the directory.
const DIRECTORY: &str = "\
Mã,Tên cơ quan,Nhóm,Khối thi đua
A,=1+1,Sở,=Khối A
B,+84 Sở A,Sở,=Khối A
";

/// 10 points − 0,5 per late task − 1 per overdue task; tiers «@Tốt» from 5, «-Chưa tốt» below.
const RULES: &str = "\
ten = \"Thử\"
diem_toi_da = 10
[khau_tru]
hoan_thanh_qua_han = 0.5
chua_hoan_thanh_qua_han = 1
[[xep_loai]]
ten = \"@Tốt\"
tu = 5
[[xep_loai]]
ten = \"-Chưa tốt\"
tu = 0
";

struct Inputs {
    _dir: tempfile::TempDir,
    tasks: PathBuf,
    directory: PathBuf,
    rules: PathBuf,
    out: PathBuf,
}

fn inputs() -> Inputs {
    let dir = harness::temp_dir();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    Inputs {
        tasks: write("nhiem-vu.csv", TASKS),
        directory: write("danh-muc.csv", DIRECTORY),
        rules: write("quy-tac.toml", RULES),
        out: dir.path().join("out"),
        _dir: dir,
    }
}

/// A command's CSV on the task list: `args` is the command and its options.
fn csv_of(args: &[&str], inputs: &Inputs) -> String {
    let mut all = vec![args[0], inputs.tasks.to_str().unwrap()];
    all.extend(&args[1..]);
    all.extend(["--format", "csv", "--quiet"]);
    tiendo(&all).ok().stdout()
}

/// The records of a CSV tiendo printed, after its header line.
fn csv_rows(out: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn figures_csv_makes_every_name_from_the_inputs_inert() {
    let i = inputs();
    let out = csv_of(&["figures", "--period", "2025-H1"], &i);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    // Counts: total, completed, on time, late, not completed, within, overdue, no deadline;
    // rates: completion, on time of completed, completion of due.
    assert_eq!(
        rows,
        [
            "'=1+1,1,1,1,0,0,0,0,0,100.0,100.0,100.0",
            "'+84 Sở A,1,0,0,0,1,0,1,0,0.0,,0.0",
            "'-Sở B,1,0,0,0,1,0,1,0,0.0,,0.0",
            "'@Sở C,1,0,0,0,1,1,0,0,0.0,,",
            "Tổng cộng,4,1,1,0,3,1,2,0,25.0,100.0,33.3",
        ],
        "{out}"
    );
}

// Leaders: «=HYPERLINK(0)» gave Việc 1 (on time), «Chủ tịch» the three others.
#[test]
fn figures_csv_by_leader_makes_leader_names_inert() {
    let i = inputs();
    let out = csv_of(&["figures", "--period", "2025-H1", "--by", "leader"], &i);
    let keys: Vec<String> = csv_rows(&out).into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(keys, ["Chủ tịch", "'=HYPERLINK(0)", "Tổng cộng"], "{out}");
}

#[test]
fn trend_csv_makes_every_name_from_the_inputs_inert() {
    let i = inputs();
    let out = csv_of(&["trend", "--years", "2025..2025", "--half", "1"], &i);
    // Columns: period, key, then the figures.
    let keys: Vec<String> = csv_rows(&out).into_iter().map(|r| r[1].clone()).collect();
    assert_eq!(
        keys,
        ["'=1+1", "'+84 Sở A", "'-Sở B", "'@Sở C", "Toàn tỉnh"],
        "{out}"
    );
}

// By hand with the rules above: «=1+1» 1 on time → 10, tier «@Tốt», rank 1 in its bloc and
// the province; «+84 Sở A» 1 overdue → 10 − 1 = 9, «@Tốt», rank 2. «-Sở B» and «@Sở C» are
// outside the directory: not ranked, with their totals (1 each).
#[test]
fn ranking_csv_makes_blocs_names_and_tiers_inert() {
    let i = inputs();
    let out = csv_of(
        &[
            "rank",
            "--period",
            "2025-H1",
            "--agencies",
            i.directory.to_str().unwrap(),
            "--rules",
            i.rules.to_str().unwrap(),
        ],
        &i,
    );
    // Columns: bloc, agency, total, points, tier, rank in bloc, rank in province (then the
    // working and the note, tiendo's own words).
    let rows: Vec<Vec<String>> = csv_rows(&out)
        .into_iter()
        .map(|r| r[..7].to_vec())
        .collect();
    let row = |cells: [&str; 7]| cells.map(String::from).to_vec();
    assert_eq!(
        rows,
        [
            row(["'=Khối A", "'=1+1", "1", "10", "'@Tốt", "1", "1"]),
            row(["'=Khối A", "'+84 Sở A", "1", "9", "'@Tốt", "2", "2"]),
            row(["Chưa xếp hạng", "'-Sở B", "1", "", "", "-", "-"]),
            row(["Chưa xếp hạng", "'@Sở C", "1", "", "", "-", "-"]),
        ],
        "{out}"
    );
}

/// Every string cell of every sheet (sheet name, text), and every formula of the workbook.
fn strings_and_formulas(path: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let mut book = open_workbook_auto(path).unwrap();
    let (mut strings, mut formulas) = (Vec::new(), Vec::new());
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                strings.push((sheet.clone(), s.clone()));
            }
        }
        let f = book.worksheet_formula(&sheet).unwrap();
        formulas.extend(f.used_cells().map(|(_, _, f)| f.clone()));
    }
    (strings, formulas)
}

// The workbook of the same inputs: each input text that looks like a formula is a string cell
// on the sheets that list it, and no formula of the workbook holds any of them (the summary's
// own SUM formulas refer to cells only).
#[test]
fn workbook_writes_every_input_text_as_a_string_cell() {
    let i = inputs();
    tiendo(&[
        "report",
        i.tasks.to_str().unwrap(),
        "--period",
        "2025-H1",
        "--agencies",
        i.directory.to_str().unwrap(),
        "--rules",
        i.rules.to_str().unwrap(),
        "--out",
        i.out.to_str().unwrap(),
        "--quiet",
    ])
    .ok();
    let (strings, formulas) = strings_and_formulas(&i.out.join("bao-cao-2025-H1.xlsx"));
    let sheets_with = |text: &str| {
        let mut sheets: Vec<&str> = strings
            .iter()
            .filter(|(_, s)| s == text)
            .map(|(sheet, _)| sheet.as_str())
            .collect();
        sheets.dedup();
        sheets
    };
    // Agency names: the summary, the task details and the ranking (overdue list for the two
    // overdue agencies, coming-due list for none: Việc 4 is due in more than 30 days).
    assert_eq!(
        sheets_with("=1+1"),
        ["Tổng hợp", "Chi tiết", "Xếp hạng"],
        "{strings:?}"
    );
    assert_eq!(
        sheets_with("+84 Sở A"),
        ["Tổng hợp", "Quá hạn", "Chi tiết", "Xếp hạng"]
    );
    assert_eq!(sheets_with("=Khối A"), ["Xếp hạng"]);
    assert_eq!(sheets_with("@Tốt"), ["Xếp hạng"]);
    // Texts of a task: document number, content, leader and officer.
    assert_eq!(sheets_with("=2+3"), ["Chi tiết"]);
    assert_eq!(sheets_with("@SUM(1)"), ["Quá hạn", "Chi tiết"]);
    assert_eq!(sheets_with("=HYPERLINK(0)"), ["Chi tiết"]);
    // The officer also keys a line of the figures per officer.
    assert_eq!(sheets_with("@Ai"), ["Chi tiết", "Theo chuyên viên"]);
    let payloads = [
        "1+1",
        "HYPERLINK",
        "2+3",
        "SUM(1)",
        "Sở",
        "Khối",
        "Tốt",
        "Ai",
    ];
    for formula in &formulas {
        assert!(
            !payloads.iter().any(|p| formula.contains(p)),
            "an input text became a formula: {formula}"
        );
    }
    assert!(!formulas.is_empty(), "the summary's totals are formulas");
}
