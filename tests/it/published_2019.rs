//! The published provincial paragraph of SPEC §1, with its arithmetic put right.
//!
//! The report said: "Lũy kế từ 01/01/2019 đến hết ngày 30/12/2019 … tổng số 3.472 nhiệm vụ (tăng
//! 23% so với 2018): đã hoàn thành 3.328 nhiệm vụ (đạt 95,6%), trong đó 3.049 nhiệm vụ đúng hạn
//! (chiếm 91,6%), 279 nhiệm vụ quá hạn (chiếm 8,4%); còn 141 nhiệm vụ chưa hoàn thành, trong
//! đó 128 còn thời hạn, 13 quá thời hạn". It does not add up: 3.328 + 141 = 3.469 ≠ 3.472, and
//! 3.328 / 3.472 = 0,95852 → 95,9 %, not 95,6 %. Keeping the counts that agree with each other:
//!
//! - 2019 to 30/12: 3.472 = 3.049 on time + 279 late + 128 within + 16 overdue, so
//!   completed = 3.328 and not completed = 3.472 − 3.328 = 144 (= 128 + 16);
//! - rates (by hand): 3.328 / 3.472 = 0,95852 → 95,9 % (truncated: 95,8 %);
//!   3.049 / 3.328 = 0,91617 → 91,6 %; 279 / 3.328 = 0,08383 → 8,4 % (truncated: 8,3 %);
//! - 2018 to 30/12: 2.823 tasks (2.590 on time + 150 late + 60 within + 23 overdue), and
//!   3.472 / 2.823 = 1,22990 → "tăng 23,0 %".
//!
//! The test writes task lists with exactly that composition into a temporary folder — three
//! CSV files in different dialects, every date form of SPEC 3.1, agencies spelt with aliases,
//! NFD, old tone placement and stray spaces — plus rows that must NOT be counted (assigned on
//! 31/12, after the cut-off; cancelled; without agency or date; hand copies of export rows),
//! then runs the real binary.

use crate::harness;
use crate::harness::assert_same;
use crate::pdf_text::pdf_text;

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

/// The province's agencies: canonical name (directory order) and the spellings the task
/// lists use for it.
const AGENCIES: [(&str, &[&str]); 5] = [
    (
        "Sở Tài chính",
        &[
            "Sở Tài chính",
            "Sở TC",
            "sở Tài chính",
            "Sở  Tài chính",
            "NFD:Sở Tài chính",
            "SỞ TÀI CHÍNH",
        ],
    ),
    (
        "Sở Y tế",
        &["Sở Y tế", "Sở Y tế ", "sở Y tế", "NFD:Sở Y tế"],
    ),
    (
        "Sở Giáo dục và Đào tạo",
        &[
            "Sở Giáo dục và Đào tạo",
            "Sở GD&ĐT",
            "Sở Giáo dục  và Đào tạo",
        ],
    ),
    (
        "UBND huyện Tuy An",
        &[
            "UBND huyện Tuy An",
            "UBND H. Tuy An",
            "Uỷ ban nhân dân huyện Tuy An",
            "Ủy ban nhân dân huyện Tuy An",
        ],
    ),
    (
        "UBND thành phố Tuy Hòa",
        &[
            "UBND thành phố Tuy Hòa",
            "UBND TP. Tuy Hòa",
            "UBND thành phố Tuy Hoà",
        ],
    ),
];

const DIRECTORY_CSV: &str = "\
Mã,Tên cơ quan,Nhóm,Khối thi đua,Tên gọi khác,Sáp nhập vào,Từ ngày
STC,Sở Tài chính,\"Sở, ban, ngành\",Khối tổng hợp,Sở TC,,
SYT,Sở Y tế,\"Sở, ban, ngành\",Khối văn hóa - xã hội,,,
SGDDT,Sở Giáo dục và Đào tạo,\"Sở, ban, ngành\",Khối văn hóa - xã hội,Sở GD&ĐT,,
HTA,UBND huyện Tuy An,UBND cấp huyện,Khối các huyện,UBND H. Tuy An;Ủy ban nhân dân huyện Tuy An,,
TPTH,UBND thành phố Tuy Hòa,UBND cấp huyện,Khối các huyện,UBND TP. Tuy Hòa,,
";

const LEADERS: [&str; 3] = [
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Nguyễn Văn Hùng",
    "Phó Chủ tịch Trần Thị Mai",
];

const TOPICS: [&str; 5] = [
    "Kiểm tra, đôn đốc tiến độ giải ngân vốn đầu tư công",
    "Rà soát thủ tục hành chính",
    "Báo cáo tình hình phòng, chống thiên tai",
    "Triển khai chương trình chuyển đổi số",
    "Xây dựng kế hoạch cải cách hành chính",
];

const DOC_KINDS: [&str; 5] = ["UBND-KT", "TB-UBND", "CT-UBND", "KH-UBND", "QĐ-UBND"];

/// What a row was designed to be at the cut-off 30/12 of its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Design {
    OnTime,
    Late,
    Within,
    Overdue,
    /// Assigned on 31/12: after the cut-off, not in the year-to-date period.
    AfterCutOff,
    Cancelled,
    /// No lead agency, or no assignment and no document date: left out.
    Excluded,
}

#[derive(Clone, Debug)]
enum DeadlineCell {
    Date(NaiveDate),
    Words(&'static str),
}

#[derive(Clone, Debug)]
struct Row {
    design: Design,
    /// Index into AGENCIES (None: the row names no agency).
    agency: Option<usize>,
    id: String,
    doc_number: String,
    doc_date: Option<NaiveDate>,
    summary: String,
    leader: &'static str,
    agency_text: String,
    assigned: Option<NaiveDate>,
    deadline: DeadlineCell,
    extended: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    status: &'static str,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Every date form of SPEC 3.1 in turn.
fn date_text(d: NaiveDate, form: usize) -> String {
    match form % 6 {
        0 => d.format("%d/%m/%Y").to_string(),
        1 => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        2 => d.format("%Y-%m-%d").to_string(),
        3 => d.format("%d-%m-%Y").to_string(),
        4 => d.format("%d.%m.%Y").to_string(),
        _ => d.format("%d/%m/%Y 08:30").to_string(),
    }
}

fn spelling(agency: usize, n: usize) -> String {
    let spellings = AGENCIES[agency].1;
    let s = spellings[n % spellings.len()];
    match s.strip_prefix("NFD:") {
        Some(rest) => rest.nfd().collect(),
        None => s.to_string(),
    }
}

/// The dates and status text that decide a row's status.
struct Shape {
    deadline: DeadlineCell,
    extended: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    status: &'static str,
}

const DONE_ON_TIME: &str = "Hoàn thành đúng hạn";
const DONE_LATE: &str = "Hoàn thành quá hạn";
const IN_PROGRESS: &str = "Đang thực hiện";

/// Not completed ("Đang thực hiện").
fn open(deadline: DeadlineCell, extended: Option<NaiveDate>) -> Shape {
    Shape {
        deadline,
        extended,
        completed: None,
        status: IN_PROGRESS,
    }
}

/// Completed on `completed`, with the status text the row's own dates give.
fn done(
    deadline: DeadlineCell,
    extended: Option<NaiveDate>,
    completed: NaiveDate,
    status: &'static str,
) -> Shape {
    Shape {
        deadline,
        extended,
        completed: Some(completed),
        status,
    }
}

/// Builds the rows of one year, numbering them as it goes.
struct YearBuilder {
    year: i32,
    rows: Vec<Row>,
}

impl YearBuilder {
    fn push(&mut self, design: Design, agency: Option<usize>, assigned: NaiveDate, shape: Shape) {
        let n = self.rows.len();
        self.rows.push(Row {
            design,
            agency,
            id: format!("NV-{}-{:04}", self.year, n + 1),
            doc_number: format!("{}/{}", 100 + n, DOC_KINDS[n % DOC_KINDS.len()]),
            // The document may be dated a day or two before the assignment (even in the
            // previous year, for tasks assigned on 1 or 2 January).
            doc_date: Some(assigned - Duration::days((n % 3) as i64)),
            summary: format!("{} (nhiệm vụ {})", TOPICS[n % TOPICS.len()], n + 1),
            leader: LEADERS[n % LEADERS.len()],
            agency_text: agency.map_or_else(String::new, |a| spelling(a, n / 5)),
            assigned: Some(assigned),
            deadline: shape.deadline,
            extended: shape.extended,
            completed: shape.completed,
            status: shape.status,
        });
    }
}

/// One year's rows: `on_time + late + within + overdue` counted tasks, with their status at
/// 30/12 of the year built in by their dates, then the rows that must not be counted.
fn year_rows(year: i32, [on_time, late, within, overdue]: [usize; 4]) -> Vec<Row> {
    use DeadlineCell::{Date, Words};
    let mut b = YearBuilder {
        year,
        rows: Vec::new(),
    };
    let day = |offset: usize| ymd(year, 1, 1) + Duration::days(offset as i64);
    let after = |a: NaiveDate, days: usize| a + Duration::days(days as i64);
    let cut = ymd(year, 12, 30);
    let mut counted = 0usize;
    let mut next_agency = || {
        counted += 1;
        Some((counted - 1) % AGENCIES.len())
    };
    for j in 0..on_time {
        let a = day((j * 7) % 300);
        let shape = match j % 6 {
            // No deadline: a completed task is on time.
            0 => done(Words("Không thời hạn"), None, after(a, 12), DONE_ON_TIME),
            // Late by the original deadline, on time by the extended one.
            1 => done(
                Date(after(a, 20)),
                Some(after(a, 45)),
                after(a, 30),
                DONE_ON_TIME,
            ),
            // Completed on the deadline day itself.
            2 => done(Date(after(a, 30)), None, after(a, 30), DONE_ON_TIME),
            _ => done(Date(after(a, 30)), None, after(a, j % 25), DONE_ON_TIME),
        };
        b.push(Design::OnTime, next_agency(), a, shape);
    }
    for j in 0..late {
        let a = day((j * 11) % 280);
        let shape = match j % 3 {
            // Late even by the extended deadline.
            0 => done(
                Date(after(a, 20)),
                Some(after(a, 25)),
                after(a, 26 + j % 20),
                DONE_LATE,
            ),
            // One day after the deadline.
            1 => done(Date(after(a, 15)), None, after(a, 16), DONE_LATE),
            _ => done(Date(after(a, 15)), None, after(a, 16 + j % 60), DONE_LATE),
        };
        b.push(Design::Late, next_agency(), a, shape);
    }
    for j in 0..within {
        let a = after(ymd(year, 10, 1), j % 60);
        let shape = match j % 4 {
            // Open, due on the cut-off day itself: still within.
            0 => open(Date(cut), None),
            1 => open(Words("Thường xuyên"), None),
            // Completed on 31/12, the day after the cut-off: not completed at the cut-off.
            2 => done(
                Date(ymd(year + 1, 1, 15)),
                None,
                ymd(year, 12, 31),
                DONE_ON_TIME,
            ),
            // Original deadline passed, extended beyond the cut-off.
            _ => open(Date(ymd(year, 11, 30)), Some(ymd(year + 1, 1, 31))),
        };
        b.push(Design::Within, next_agency(), a, shape);
    }
    for j in 0..overdue {
        let a = after(ymd(year, 5, 1), j * 3);
        let shape = match j % 4 {
            // Due the day before the cut-off.
            0 => open(Date(ymd(year, 12, 29)), None),
            // Completed next year, after the cut-off.
            1 => done(
                Date(ymd(year, 12, 15)),
                None,
                ymd(year + 1, 1, 10),
                DONE_LATE,
            ),
            // Even the extended deadline has passed.
            2 => open(Date(ymd(year, 6, 30)), Some(ymd(year, 9, 30))),
            // Completed on 31/12, after the cut-off, long after its deadline.
            _ => done(Date(ymd(year, 10, 31)), None, ymd(year, 12, 31), DONE_LATE),
        };
        b.push(Design::Overdue, next_agency(), a, shape);
    }
    // Not in the period: assigned on 31/12, after the cut-off 30/12.
    for k in 0..3 {
        let shape = open(Date(ymd(year + 1, 1, 31)), None);
        b.push(Design::AfterCutOff, Some(k), ymd(year, 12, 31), shape);
    }
    // Cancelled, withdrawn, stopped, reassigned: out of every count.
    for (k, word) in [
        "Thu hồi",
        "Đã hủy",
        "Dừng thực hiện",
        "Giao lại cho đơn vị khác",
    ]
    .into_iter()
    .enumerate()
    {
        let mut shape = open(Date(ymd(year, 8, 31)), None);
        shape.status = word;
        b.push(
            Design::Cancelled,
            Some(k),
            ymd(year, 3 + k as u32, 10),
            shape,
        );
    }
    // Left out for missing information: no lead agency; no assignment and no document date.
    b.push(
        Design::Excluded,
        None,
        ymd(year, 4, 4),
        open(Date(ymd(year, 5, 5)), None),
    );
    b.push(
        Design::Excluded,
        Some(2),
        ymd(year, 4, 5),
        open(Date(ymd(year, 5, 5)), None),
    );
    if let Some(last) = b.rows.last_mut() {
        last.assigned = None;
        last.doc_date = None;
    }
    // Some exports leave the assignment date empty: the document date stands in.
    for (n, r) in b.rows.iter_mut().enumerate() {
        if r.design == Design::OnTime && n % 50 == 7 {
            r.doc_date = r.assigned;
            r.assigned = None;
        }
    }
    b.rows
}

fn opt_date(d: Option<NaiveDate>, form: usize) -> String {
    d.map_or_else(String::new, |d| date_text(d, form))
}

fn deadline_text(c: &DeadlineCell, form: usize) -> String {
    match c {
        DeadlineCell::Date(d) => date_text(*d, form),
        DeadlineCell::Words(w) => w.to_string(),
    }
}

/// The 2019 list, as an iOFFICE-like CSV: UTF-8 with BOM, `;`, CRLF, a title line.
fn ioffice_csv(rows: &[Row]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut title = vec![String::new(); 13];
        title[0] = "DANH SÁCH NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO NĂM 2019".into();
        w.write_record(&title).expect("csv");
        w.write_record([
            "STT",
            "Mã nhiệm vụ",
            "Số ký hiệu",
            "Ngày văn bản",
            "Nội dung nhiệm vụ",
            "Lãnh đạo giao",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Ngày giao",
            "Hạn xử lý",
            "Hạn gia hạn",
            "Ngày hoàn thành",
            "Trạng thái",
        ])
        .expect("csv");
        for (n, r) in rows.iter().enumerate() {
            w.write_record([
                (n + 1).to_string(),
                r.id.clone(),
                r.doc_number.clone(),
                opt_date(r.doc_date, n),
                r.summary.clone(),
                r.leader.to_string(),
                r.agency_text.clone(),
                if n % 4 == 0 {
                    "Sở Tư pháp, Công an tỉnh".to_string()
                } else {
                    String::new()
                },
                opt_date(r.assigned, n + 1),
                deadline_text(&r.deadline, n + 2),
                opt_date(r.extended, n + 3),
                opt_date(r.completed, n + 4),
                r.status.to_string(),
            ])
            .expect("csv");
        }
        w.flush().expect("csv");
    }
    out
}

/// The 2018 list: another system's headers, comma separated, LF, no BOM.
fn older_csv(rows: &[Row]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Mã NV",
        "Số văn bản",
        "Ngày ban hành",
        "Trích yếu",
        "Người giao",
        "Cơ quan chủ trì",
        "Ngày giao nhiệm vụ",
        "Thời hạn",
        "Gia hạn đến",
        "Ngày kết thúc",
        "Tình trạng",
    ])
    .expect("csv");
    for (n, r) in rows.iter().enumerate() {
        w.write_record([
            r.id.clone(),
            r.doc_number.clone(),
            opt_date(r.doc_date, n + 5),
            r.summary.clone(),
            r.leader.to_string(),
            r.agency_text.clone(),
            opt_date(r.assigned, n + 4),
            deadline_text(&r.deadline, n + 3),
            opt_date(r.extended, n + 2),
            opt_date(r.completed, n + 1),
            r.status.to_string(),
        ])
        .expect("csv");
    }
    w.into_inner().expect("csv")
}

/// A hand-kept sheet repeating some 2019 tasks (same ids): merged, never counted twice.
fn hand_copies_csv(rows: &[Row]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Mã NV",
        "Số văn bản",
        "Ngày ban hành",
        "Nội dung công việc",
        "Người chỉ đạo",
        "Cơ quan thực hiện",
        "Ngày nhận",
        "Thời hạn",
        "Ngày báo cáo hoàn thành",
        "Tình hình thực hiện",
    ])
    .expect("csv");
    for r in rows {
        w.write_record([
            r.id.clone(),
            r.doc_number.clone(),
            opt_date(r.doc_date, 0),
            r.summary.clone(),
            r.leader.to_string(),
            AGENCIES[r.agency.expect("copied rows have an agency")]
                .0
                .to_string(),
            opt_date(r.assigned, 0),
            deadline_text(&r.deadline, 0),
            opt_date(r.completed, 0),
            r.status.to_string(),
        ])
        .expect("csv");
    }
    w.into_inner().expect("csv")
}

/// The rows of 2019 copied into the hand sheet (on-time rows without an extension).
const HAND_COPIED: [usize; 5] = [10, 201, 1002, 2003, 3004];

struct Scenario {
    _dir: tempfile::TempDir,
    tasks: PathBuf,
    directory: PathBuf,
    out: PathBuf,
    rows_2019: Vec<Row>,
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn scenario() -> Scenario {
    let dir = harness::temp_dir();
    let tasks = dir.path().join("nhiem-vu");
    std::fs::create_dir(&tasks).expect("tasks folder");
    let rows_2019 = year_rows(2019, [3049, 279, 128, 16]);
    let rows_2018 = year_rows(2018, [2590, 150, 60, 23]);
    let copies: Vec<Row> = HAND_COPIED.iter().map(|&n| rows_2019[n].clone()).collect();
    assert!(
        copies
            .iter()
            .all(|r| r.design == Design::OnTime && r.extended.is_none() && r.assigned.is_some())
    );
    write(&tasks.join("ioffice-2019.csv"), &ioffice_csv(&rows_2019));
    write(&tasks.join("nhiem-vu-2018.csv"), &older_csv(&rows_2018));
    write(
        &tasks.join("so-theo-doi-2019.csv"),
        &hand_copies_csv(&copies),
    );
    let directory = dir.path().join("danh-muc.csv");
    write(&directory, DIRECTORY_CSV.as_bytes());
    let out = dir.path().join("bao-cao");
    Scenario {
        tasks,
        directory,
        out,
        rows_2019,
        _dir: dir,
    }
}

impl Scenario {
    fn args(&self, command: &str, extra: &[&str]) -> Vec<String> {
        let mut args = vec![
            command.to_string(),
            self.tasks.display().to_string(),
            "--agencies".into(),
            self.directory.display().to_string(),
            "--period".into(),
            "2019".into(),
            "--as-of".into(),
            "2019-12-30".into(),
            "--quiet".into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }
}

fn counts(on_time: u64, late: u64, within: u64, overdue: u64, no_deadline: u64) -> Value {
    json!({
        "total": on_time + late + within + overdue,
        "completed": on_time + late,
        "on_time": on_time,
        "late": late,
        "not_completed": within + overdue,
        "within": within,
        "overdue": overdue,
        "no_deadline": no_deadline,
    })
}

/// Per agency, what the rows were built to be: [on time, late, within, overdue, no deadline].
fn designed_by_agency(rows: &[Row]) -> Vec<[u64; 5]> {
    let mut by = vec![[0u64; 5]; AGENCIES.len()];
    for r in rows {
        let (Some(a), Some(slot)) = (
            r.agency,
            match r.design {
                Design::OnTime => Some(0),
                Design::Late => Some(1),
                Design::Within => Some(2),
                Design::Overdue => Some(3),
                _ => None,
            },
        ) else {
            continue;
        };
        by[a][slot] += 1;
        if matches!(r.deadline, DeadlineCell::Words(_)) {
            by[a][4] += 1;
        }
    }
    by
}

#[test]
fn figures_give_the_consistent_2019_counts() {
    let s = scenario();
    let out = harness::tiendo(&s.args("figures", &["--format", "json"]))
        .ok()
        .json();
    assert_same!(
        out["period"],
        json!({"label": "2019", "start": "2019-01-01", "end": "2019-12-30", "as_of": "2019-12-30"})
    );
    // No deadline: on-time rows j ≡ 0 (mod 6), j < 3.049 → 509; within rows j ≡ 1 (mod 4),
    // j < 128 → 32; 509 + 32 = 541.
    assert_same!(out["total"], counts(3049, 279, 128, 16, 541));
    assert_same!(out["total"]["total"], json!(3472));
    assert_same!(out["total"]["completed"], json!(3328));
    assert_same!(out["total"]["not_completed"], json!(144));
    // Left out: 2 rows of each year's list lack an agency or a date (all inputs count);
    // 4 cancelled rows fall in 2019; the 5 hand copies are merged into their 2019 tasks.
    assert_same!(out["excluded"], json!(4));
    assert_same!(out["cancelled"], json!(4));
    assert_same!(out["duplicates_merged"], json!(5));

    let designed = designed_by_agency(&s.rows_2019);
    let sum: Vec<u64> = (0..5)
        .map(|k| designed.iter().map(|a| a[k]).sum())
        .collect();
    assert_same!(
        sum,
        [3049, 279, 128, 16, 541],
        "the test's own rows are off"
    );
    let expected: Vec<Value> = AGENCIES
        .iter()
        .zip(&designed)
        .map(|((name, _), c)| {
            let mut v = counts(c[0], c[1], c[2], c[3], c[4]);
            v["key"] = json!(name);
            v
        })
        .collect();
    let got = out["rows"].as_array().expect("rows");
    for (want, got) in expected.iter().zip(got) {
        assert_same!(got, want, "agency row");
    }
    assert_same!(got.len(), expected.len(), "rows: {got:#?}");
}

#[test]
fn brief_prints_the_published_paragraph_with_the_arithmetic_put_right() {
    let s = scenario();
    let run = harness::tiendo(&s.args("brief", &[])).ok();
    let text = run.stdout();
    for needle in [
        "Lũy kế từ 01/01/2019 đến hết ngày 30/12/2019",
        // 3.472 / 2.823 = 1,22990: up 23,0 %.
        "tổng số 3.472 nhiệm vụ (tăng 23,0% so với cùng kỳ năm 2018)",
        // 3.328 / 3.472 = 0,95852 → 95,9 %.
        "đã hoàn thành 3.328 nhiệm vụ (đạt 95,9%)",
        // 3.049 / 3.328 = 0,91617 → 91,6 %; 279 / 3.328 = 0,08383 → 8,4 %.
        "3.049 nhiệm vụ đúng hạn (chiếm 91,6%)",
        "279 nhiệm vụ quá hạn (chiếm 8,4%)",
        // 3.472 − 3.328 = 144 = 128 + 16.
        "còn 144 nhiệm vụ chưa hoàn thành, trong đó 128 nhiệm vụ còn thời hạn, 16 nhiệm vụ quá thời hạn",
    ] {
        assert!(
            text.contains(needle),
            "expected in the brief: {needle}\n--- got ---\n{text}"
        );
    }
}

#[test]
fn truncating_reproduces_a_rate_cut_instead_of_rounded() {
    let s = scenario();
    let run = harness::tiendo(&s.args("brief", &["--rounding", "truncate"])).ok();
    // 95,852 % cut to 95,8 %; 8,383 % cut to 8,3 %; 91,617 % stays 91,6 %.
    run.stdout_has("đã hoàn thành 3.328 nhiệm vụ (đạt 95,8%)")
        .stdout_has("3.049 nhiệm vụ đúng hạn (chiếm 91,6%)")
        .stdout_has("279 nhiệm vụ quá hạn (chiếm 8,3%)");
}

#[test]
fn pdf_report_carries_the_total_and_the_completion_rate() {
    let s = scenario();
    let out = s.out.display().to_string();
    let run = harness::tiendo(&s.args("report", &["--out", &out])).ok();
    let pdf = s.out.join("bao-cao-2019-den-2019-12-30.pdf");
    assert!(
        pdf.is_file(),
        "no {} (stdout: {})",
        pdf.display(),
        run.stdout()
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("read {}: {e}", pdf.display()));
    let text = pdf_text(&bytes);
    for needle in ["3.472", "95,9%", "3.328", "3.049"] {
        assert!(
            text.contains(needle),
            "expected in the PDF: {needle}\n--- got ---\n{text}"
        );
    }
}
