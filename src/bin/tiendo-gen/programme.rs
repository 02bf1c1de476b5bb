//! The sample work programme (chương trình công tác) of tỉnh Bình An for 2024 and 2025: a
//! latent item list invented first (who must submit what by when, whether and when it was
//! postponed, withdrawn, submitted, issued), then written as the workbook an office keeps
//! (`chuong-trinh-cong-tac-2024-2025.xlsx`: a notes sheet without a table, one sheet a year
//! with title rows, a two-row header under «Kết quả thực hiện», a row of column numbers,
//! quarter headings, times as `Tháng 3/2025`, `3/2025`, `03/2025`, `Quý II/2025` or a date, a
//! «Tổng cộng» row and notes). `programme_truth` counts the expected figures from the latent
//! list. Its random stream is its own: the task sample does not change when it does.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::directory::{Agency, GROUP_DEPARTMENTS, GROUP_OTHERS, ymd};
use crate::fixed_properties;
use crate::ioffice::Formats;
use crate::planted::Tally;
use crate::rng::SplitMix64;
use crate::textforms::{double_space, nfd};
use crate::vocab;

/// The day the sample's programme lists were last updated (its latent facts end here).
pub fn export_day() -> NaiveDate {
    ymd(2025, 12, 31)
}

/// Items in each year's programme.
const ITEMS_PER_YEAR: [(i32, usize); 2] = [(2024, 148), (2025, 156)];

/// A body outside the directory that the programme names.
pub const UNKNOWN_AGENCY: &str = "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh";

/// A programme time: a month, a quarter, or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    Month(i32, u32),
    Quarter(i32, u32),
    Day(NaiveDate),
}

impl Time {
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = match self {
            Time::Day(d) => return d,
            Time::Month(y, m) => (y, m),
            Time::Quarter(y, q) => (y, 3 * q),
        };
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        ymd(ny, nm, 1) - Duration::days(1)
    }

    /// A month or a quarter `months` months later (a day moves to the end of its month).
    fn later(self, months: u32) -> Time {
        let (y, m) = match self {
            Time::Month(y, m) => (y, m),
            Time::Quarter(y, q) => (y, 3 * q),
            Time::Day(d) => (d.year(), d.month()),
        };
        let index = y * 12 + (m as i32 - 1) + months as i32;
        let (ny, nm) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        match self {
            Time::Quarter(..) => Time::Quarter(ny, (nm - 1) / 3 + 1),
            _ => Time::Month(ny, nm),
        }
    }

    fn roman(q: u32) -> &'static str {
        ["I", "II", "III", "IV"][(q as usize - 1).min(3)]
    }

    /// The usual written form: "Tháng 6/2025", "Quý III/2025", "15/07/2025".
    pub fn words(self) -> String {
        match self {
            Time::Month(y, m) => format!("Tháng {m}/{y}"),
            Time::Quarter(y, q) => format!("Quý {}/{y}", Time::roman(q)),
            Time::Day(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// The lead agency of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    Known(usize),
    Unknown,
    /// Empty cell: left out.
    Missing,
}

/// Where a postponement is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovedIn {
    /// The column «Thời gian trình sau điều chỉnh».
    Column,
    /// Only the status text: «Xin lùi sang tháng 6/2025».
    Status,
}

/// A row-level quirk (at most one per item).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// No submission date written; the status says «Đã trình đúng hạn» / «Đã trình quá hạn»
    /// (the text decides, at any cut-off).
    TextOnly,
    /// No submission date written and the status says only «Đã trình»: left out.
    SaysSubmittedOnly,
    /// A submission date written, the status still says «Chưa trình» (the date wins).
    SaysNotSubmitted,
    /// The planned time cell says «Chưa xác định»: left out.
    NoTime,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub year: i32,
    pub lead: Lead,
    pub content: String,
    pub leader: &'static str,
    pub planned: Time,
    pub moved: Option<(Time, MovedIn)>,
    /// The true submission date (None: not submitted by the export day).
    pub submitted: Option<NaiveDate>,
    pub issued: Option<NaiveDate>,
    pub submission_no: String,
    pub issued_doc: String,
    pub withdrawn: Option<&'static str>,
    /// What the status says while the item is not submitted (may be empty).
    pub open_status: &'static str,
    pub mark: Mark,
}

impl Item {
    pub fn effective(&self) -> NaiveDate {
        self.moved.map_or(self.planned, |(t, _)| t).last_day()
    }

    /// Left out of every figure for missing information.
    pub fn is_excluded(&self) -> bool {
        self.lead == Lead::Missing || matches!(self.mark, Mark::SaysSubmittedOnly | Mark::NoTime)
    }

    /// The submission date as the file shows it.
    pub fn written_submitted(&self) -> Option<NaiveDate> {
        match self.mark {
            Mark::TextOnly | Mark::SaysSubmittedOnly => None,
            _ => self.submitted,
        }
    }

    /// The issue date as the file shows it.
    pub fn written_issued(&self) -> Option<NaiveDate> {
        match self.mark {
            Mark::TextOnly | Mark::SaysSubmittedOnly => None,
            _ => self.issued,
        }
    }

    pub fn is_on_time(&self) -> bool {
        self.submitted.is_some_and(|s| s <= self.effective())
    }
}

const KINDS: &[&str] = &[
    "Đề án",
    "Quyết định của UBND tỉnh ban hành Quy định",
    "Kế hoạch",
    "Báo cáo",
    "Tờ trình HĐND tỉnh dự thảo Nghị quyết quy định",
    "Chương trình",
];

const SUBJECTS: &[&str] = &[
    "phát triển kinh tế số tỉnh Bình An giai đoạn 2025 - 2030",
    "quản lý, sử dụng tài sản công tại cơ quan, đơn vị",
    "phân cấp quản lý nhà nước về giao thông trên địa bàn tỉnh",
    "hỗ trợ phát triển sản xuất nông nghiệp hàng hóa",
    "vị trí việc làm trong các cơ quan hành chính",
    "bảo vệ môi trường làng nghề",
    "phát triển du lịch biển đảo",
    "thu hút đầu tư vào Khu kinh tế Nam Bình An",
    "nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
    "cải cách hành chính nhà nước",
    "chuyển đổi số trong cơ quan nhà nước",
    "phát triển nhà ở xã hội",
    "giá đất điều chỉnh trên địa bàn tỉnh",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "mạng lưới cơ sở giáo dục mầm non và phổ thông",
    "phát triển y tế cơ sở",
    "thu phí tham quan danh lam thắng cảnh",
    "xây dựng nông thôn mới nâng cao",
    "sắp xếp, xử lý nhà, đất thuộc sở hữu nhà nước",
    "bảo tồn và phát huy giá trị di sản văn hóa",
    "đào tạo nghề cho lao động nông thôn",
    "quản lý cụm công nghiệp",
    "cấp nước sạch nông thôn",
    "an toàn thực phẩm",
];

const OPEN_STATUS: &[&str] = &[
    "Chưa trình",
    "Đang hoàn thiện hồ sơ",
    "Đang lấy ý kiến các sở, ngành",
    "",
];

const WITHDRAWN: &[&str] = &["Rút khỏi chương trình", "Xin rút", "Đã rút", "Không trình"];

const NOTES: &[&str] = &[
    "",
    "",
    "",
    "Trình HĐND tỉnh tại kỳ họp thường lệ",
    "Nội dung trọng tâm",
    "Phối hợp Sở Tư pháp thẩm định",
];

/// Codes used in submission numbers (Tờ trình số …/TTr-SNV).
fn code(agency: &Agency) -> String {
    agency.code.to_string()
}

/// The agencies that take programme items: departments and the other provincial bodies
/// active on `day` (the programme is adopted early in January; agencies merged on 01/03/2025
/// keep the items listed for them, which the reports restate to their successor).
fn pick_agency(rng: &mut SplitMix64, dir: &[Agency], day: NaiveDate) -> usize {
    let weights: Vec<f64> = dir
        .iter()
        .map(|a| {
            let eligible =
                (a.group == GROUP_DEPARTMENTS || a.group == GROUP_OTHERS) && a.is_active_on(day);
            if eligible { a.weight } else { 0.0 }
        })
        .collect();
    rng.weighted(&weights)
}

fn planned_time(rng: &mut SplitMix64, year: i32) -> Time {
    let roll = rng.unit();
    if roll < 0.16 {
        Time::Quarter(year, rng.between(1, 4) as u32)
    } else if roll < 0.30 {
        let month = rng.between(1, 12) as u32;
        let last = Time::Month(year, month).last_day().day();
        Time::Day(ymd(year, month, rng.between(10, i64::from(last)) as u32))
    } else {
        Time::Month(year, rng.between(1, 12) as u32)
    }
}

/// Submission and issue dates for an item due on `due`, none after the export day.
fn outcome(rng: &mut SplitMix64, due: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let roll = rng.unit();
    let submitted = if roll < 0.74 {
        Some(due - Duration::days(rng.between(0, 45)))
    } else if roll < 0.91 {
        Some(due + Duration::days(rng.between(1, 75)))
    } else {
        None
    }
    .filter(|s| *s <= export_day());
    let issued = submitted
        .filter(|_| rng.chance(0.78))
        .map(|s| s + Duration::days(rng.between(4, 40)))
        .filter(|i| *i <= export_day());
    (submitted, issued)
}

/// The latent programme of 2024 and 2025, in each year's order of planned time.
pub fn items(rng: &mut SplitMix64, dir: &[Agency]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut doc_number = 120;
    for (year, n) in ITEMS_PER_YEAR {
        let adopted = ymd(year, 1, 10);
        let mut of_year: Vec<Item> = (0..n)
            .map(|_| {
                let lead = if rng.chance(0.015) {
                    Lead::Unknown
                } else {
                    Lead::Known(pick_agency(rng, dir, adopted))
                };
                let planned = planned_time(rng, year);
                let moved = rng.chance(0.11).then(|| {
                    let to = planned.later(rng.between(1, 4) as u32);
                    let by = if rng.chance(0.55) {
                        MovedIn::Column
                    } else {
                        MovedIn::Status
                    };
                    (to, by)
                });
                // A withdrawn item keeps its planned time (its status says it was withdrawn).
                let withdrawn = rng.chance(0.035).then(|| rng.pick(WITHDRAWN));
                let moved = moved.filter(|_| withdrawn.is_none());
                let due = moved.map_or(planned, |(t, _)| t).last_day();
                let (submitted, issued) = outcome(rng, due);
                let kind = rng.pick(KINDS);
                let subject = rng.pick(SUBJECTS);
                doc_number += rng.between(3, 30);
                Item {
                    year,
                    lead,
                    content: format!("{kind} {subject}"),
                    leader: vocab::leader(rng),
                    planned,
                    moved,
                    submitted: submitted.filter(|_| withdrawn.is_none()),
                    issued: issued.filter(|_| withdrawn.is_none()),
                    submission_no: format!("{}", rng.between(5, 260)),
                    issued_doc: format!("{doc_number}"),
                    withdrawn,
                    open_status: rng.pick(OPEN_STATUS),
                    mark: Mark::Plain,
                }
            })
            .collect();
        of_year.sort_by_key(|i| (quarter_of(i.planned), i.planned.last_day()));
        plant_marks(rng, &mut of_year, year);
        out.extend(of_year);
    }
    out
}

fn quarter_of(t: Time) -> u32 {
    (t.last_day().month() - 1) / 3 + 1
}

/// The row quirks of one year: two items whose status alone says submitted on time or late,
/// one that says «Đã trình» without a date, one without a lead agency, one still «Chưa trình»
/// beside its submission date, and (2025) one without a readable time.
fn plant_marks(rng: &mut SplitMix64, items: &mut [Item], year: i32) {
    let mut marks = vec![
        Mark::TextOnly,
        Mark::TextOnly,
        Mark::SaysSubmittedOnly,
        Mark::SaysNotSubmitted,
    ];
    if year == 2025 {
        marks.push(Mark::NoTime);
    }
    for mark in marks {
        let want = |i: &Item| match mark {
            Mark::NoTime => i.moved.is_none(),
            _ => i.submitted.is_some(),
        };
        if let Some(i) = pick_plain(rng, items, want) {
            items[i].mark = mark;
        }
    }
    if let Some(i) = pick_plain(rng, items, |_| true) {
        items[i].lead = Lead::Missing;
    }
}

/// One item, drawn among those without a quirk yet that `want` takes.
fn pick_plain(rng: &mut SplitMix64, items: &[Item], want: impl Fn(&Item) -> bool) -> Option<usize> {
    let candidates: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].mark == Mark::Plain && items[i].lead != Lead::Missing)
        .filter(|&i| items[i].withdrawn.is_none() && want(&items[i]))
        .collect();
    (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len() as u64) as usize])
}

/// The status text a clerk wrote for an item, from what the file shows.
fn status_text(item: &Item) -> String {
    if let Some(text) = item.withdrawn {
        return text.to_string();
    }
    let moved_words = match item.moved {
        Some((to, MovedIn::Status)) => Some(match to {
            Time::Quarter(..) => format!("Lùi sang {}", to.words()),
            _ => format!("Xin lùi sang {}", to.words().to_lowercase()),
        }),
        _ => None,
    };
    let progress = match (item.mark, item.written_submitted(), item.written_issued()) {
        (Mark::TextOnly, ..) if item.is_on_time() => Some("Đã trình đúng hạn"),
        (Mark::TextOnly, ..) => Some("Đã trình quá hạn"),
        (Mark::SaysSubmittedOnly, ..) => Some("Đã trình"),
        (Mark::SaysNotSubmitted, ..) => Some("Chưa trình"),
        (_, Some(_), Some(_)) => Some("Đã ban hành"),
        (_, Some(_), None) => Some("Đã trình"),
        (_, None, _) => Some(item.open_status).filter(|t| !t.is_empty()),
    };
    match (progress, moved_words) {
        (Some(p), Some(m)) => format!("{p} ({m})"),
        (Some(p), None) => p.to_string(),
        (None, Some(m)) => m,
        (None, None) => String::new(),
    }
}

const COLUMNS: [(&str, f64); 12] = [
    ("STT", 5.0),
    ("Nội dung trình", 56.0),
    ("Cơ quan chủ trì", 28.0),
    ("Lãnh đạo phụ trách", 24.0),
    ("Thời gian trình", 14.0),
    ("Thời gian trình sau điều chỉnh", 14.0),
    ("Ngày trình", 12.0),
    ("Số tờ trình", 14.0),
    ("Ngày ban hành", 12.0),
    ("Văn bản ban hành", 16.0),
    ("Tình trạng", 26.0),
    ("Ghi chú", 24.0),
];
/// Columns under the group label «Kết quả thực hiện» (second header row).
const RESULT_FIRST: u16 = 6;
const RESULT_LAST: u16 = 9;
const HEADER_ROW: u32 = 4;

struct SheetWriter<'a> {
    rng: &'a mut SplitMix64,
    tally: &'a mut Tally,
    fmt: &'a Formats,
    dir: &'a [Agency],
}

impl SheetWriter<'_> {
    fn date(&mut self, ws: &mut Worksheet, r: u32, c: u16, day: NaiveDate) -> Result<()> {
        if self.rng.chance(0.15) {
            self.tally.add("programme: date as text dd/mm/yyyy");
            ws.write_string_with_format(
                r,
                c,
                day.format("%d/%m/%Y").to_string(),
                &self.fmt.center,
            )?;
        } else {
            ws.write_with_format(r, c, &day, &self.fmt.date)?;
        }
        Ok(())
    }

    /// A programme time in one of the forms offices write.
    fn time(&mut self, ws: &mut Worksheet, r: u32, c: u16, t: Time) -> Result<()> {
        let (text, form) = match t {
            Time::Quarter(..) => (t.words(), "Quý II/2025"),
            Time::Day(d) => return self.date(ws, r, c, d),
            Time::Month(y, m) => match self.rng.below(10) {
                0..=5 => (t.words(), "Tháng 3/2025"),
                6 | 7 => (format!("{m}/{y}"), "3/2025"),
                _ => (format!("{m:02}/{y}"), "03/2025"),
            },
        };
        self.tally
            .add(&format!("programme time written as «{form}»"));
        ws.write_string_with_format(r, c, text, &self.fmt.center)?;
        Ok(())
    }

    fn agency(&mut self, item: &Item) -> String {
        let a = match item.lead {
            Lead::Known(i) => &self.dir[i],
            Lead::Unknown => {
                self.tally.add("programme: agency not in the directory");
                return UNKNOWN_AGENCY.to_string();
            }
            Lead::Missing => {
                self.tally.add("programme: no lead agency (left out)");
                return String::new();
            }
        };
        let roll = self.rng.unit();
        if roll < 0.62 || a.aliases.is_empty() {
            a.name.to_string()
        } else if roll < 0.92 {
            self.tally.add("programme: agency written as alias");
            self.rng.pick(a.aliases).to_string()
        } else if roll < 0.96 {
            self.tally.add("programme: agency in NFD");
            nfd(a.name)
        } else {
            self.tally.add("programme: agency with a double space");
            double_space(a.name, self.rng.below(6) as usize)
        }
    }

    fn row(&mut self, ws: &mut Worksheet, r: u32, stt: usize, item: &Item) -> Result<()> {
        let f = self.fmt;
        ws.write_number_with_format(r, 0, stt as f64, &f.center)?;
        ws.write_string_with_format(r, 1, &item.content, &f.text)?;
        let agency = self.agency(item);
        ws.write_string_with_format(r, 2, agency, &f.text)?;
        ws.write_string_with_format(r, 3, item.leader, &f.text)?;
        if item.mark == Mark::NoTime {
            self.tally.add("programme: time «Chưa xác định» (left out)");
            ws.write_string_with_format(r, 4, "Chưa xác định", &f.center)?;
        } else {
            self.time(ws, r, 4, item.planned)?;
        }
        match item.moved {
            Some((to, MovedIn::Column)) => {
                self.tally.add("programme: postponed, in the column");
                self.time(ws, r, 5, to)?;
            }
            Some((_, MovedIn::Status)) => {
                self.tally
                    .add("programme: postponed, in the status text only");
                ws.write_blank(r, 5, &f.center)?;
            }
            None => {
                ws.write_blank(r, 5, &f.center)?;
            }
        }
        let agency_code = match item.lead {
            Lead::Known(i) => code(&self.dir[i]),
            _ => "BQLDA".to_string(),
        };
        match item.written_submitted() {
            Some(s) => {
                self.date(ws, r, 6, s)?;
                let number = format!("{}/TTr-{agency_code}", item.submission_no);
                ws.write_string_with_format(r, 7, number, &f.center)?;
            }
            None => {
                ws.write_blank(r, 6, &f.center)?;
                ws.write_blank(r, 7, &f.center)?;
            }
        }
        match item.written_issued() {
            Some(i) => {
                self.date(ws, r, 8, i)?;
                let kind = self.rng.pick(&["QĐ-UBND", "KH-UBND", "NQ-HĐND"]);
                let doc = format!("{}/{kind}", item.issued_doc);
                ws.write_string_with_format(r, 9, doc, &f.center)?;
            }
            None => {
                ws.write_blank(r, 8, &f.center)?;
                ws.write_blank(r, 9, &f.center)?;
            }
        }
        // (An unreadable time is counted where it is written.)
        match item.mark {
            Mark::Plain | Mark::NoTime => {}
            mark => self.tally.add(&format!("programme: {}", mark_label(mark))),
        }
        if let Some(text) = item.withdrawn {
            self.tally.add(&format!("programme: withdrawn «{text}»"));
        }
        ws.write_string_with_format(r, 10, status_text(item), &f.text)?;
        let note = if item.withdrawn.is_some() {
            format!(
                "Theo Công văn số {}/UBND-TH",
                100 + self.rng.between(1, 900)
            )
        } else {
            self.rng.pick(NOTES).to_string()
        };
        ws.write_string_with_format(r, 11, note, &f.text)?;
        Ok(())
    }

    fn year_sheet(&mut self, wb: &mut Workbook, year: i32, items: &[&Item]) -> Result<usize> {
        let f = self.fmt;
        // Quarter headings and the total row: bold, in the table's borders.
        let group = f.plain.clone().set_bold();
        let ws = wb.add_worksheet();
        ws.set_name(format!("Năm {year}"))?;
        let last = COLUMNS.len() as u16 - 1;
        ws.merge_range(0, 0, 0, last, "ỦY BAN NHÂN DÂN TỈNH BÌNH AN", &f.title)?;
        let title = format!("CHƯƠNG TRÌNH CÔNG TÁC NĂM {year} CỦA UBND TỈNH");
        ws.merge_range(1, 0, 1, last, &title, &f.title)?;
        let sub = format!(
            "(Ban hành kèm theo Quyết định số {}/QĐ-UBND ngày 10/01/{year} của UBND tỉnh; cập nhật \
             tình hình thực hiện đến ngày {})",
            if year == 2024 { 52 } else { 45 },
            export_day().format("%d/%m/%Y")
        );
        ws.merge_range(2, 0, 2, last, &sub, &f.subtitle)?;
        for (c, (head, width)) in COLUMNS.iter().enumerate() {
            let c = c as u16;
            ws.set_column_width(c, *width)?;
            if (RESULT_FIRST..=RESULT_LAST).contains(&c) {
                ws.write_string_with_format(HEADER_ROW + 1, c, *head, &f.header)?;
            } else {
                ws.merge_range(HEADER_ROW, c, HEADER_ROW + 1, c, head, &f.header)?;
            }
        }
        ws.merge_range(
            HEADER_ROW,
            RESULT_FIRST,
            HEADER_ROW,
            RESULT_LAST,
            "Kết quả thực hiện",
            &f.header,
        )?;
        for c in 0..=last {
            ws.write_string_with_format(HEADER_ROW + 2, c, format!("({})", c + 1), &f.colnum)?;
        }
        let mut r = HEADER_ROW + 3;
        let mut quarter = 0;
        for (n, item) in items.iter().enumerate() {
            let q = quarter_of(item.planned);
            if q != quarter {
                quarter = q;
                let heading = format!("QUÝ {}", Time::roman(q));
                ws.merge_range(r, 0, r, last, &heading, &group)?;
                self.tally.add("programme: quarter heading row");
                r += 1;
            }
            self.row(ws, r, n + 1, item)?;
            r += 1;
        }
        ws.write_string_with_format(r, 1, "Tổng cộng", &group)?;
        ws.write_string_with_format(r, 2, format!("{} nội dung", items.len()), &group)?;
        self.tally.add("programme: «Tổng cộng» row");
        let notes = [
            "Ghi chú: thời gian trình ghi theo tháng được hiểu là trước ngày cuối tháng; theo quý là trước ngày cuối quý.",
            "Các cơ quan cập nhật tình hình thực hiện trước ngày 15 hằng tháng.",
        ];
        for (i, note) in notes.iter().enumerate() {
            ws.write_string(r + 2 + i as u32, 1, *note)?;
            self.tally.add("programme: note row below the table");
        }
        ws.set_freeze_panes(HEADER_ROW + 3, 2)?;
        Ok(items.len())
    }
}

pub fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Plain => "plain",
        Mark::TextOnly => "status alone says submitted on time / late (no date)",
        Mark::SaysSubmittedOnly => "status «Đã trình» without a date (left out)",
        Mark::SaysNotSubmitted => "status «Chưa trình» beside a submission date (dates win)",
        Mark::NoTime => "no readable time (left out)",
    }
}

/// Writes the programme workbook; returns the item rows per sheet.
pub fn write(
    path: &Path,
    items: &[Item],
    dir: &[Agency],
    rng: &mut SplitMix64,
    tally: &mut Tally,
) -> Result<Vec<(String, usize)>> {
    let fmt = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties(
        "Chương trình công tác của UBND tỉnh 2024 - 2025",
    )?);
    let notes = wb.add_worksheet();
    notes.set_name("Ghi chú cập nhật")?;
    notes.write_string(0, 0, "Hướng dẫn cập nhật chương trình công tác")?;
    notes.write_string(
        1,
        0,
        "Mỗi năm một sheet; cập nhật cột «Kết quả thực hiện» và «Tình trạng».",
    )?;
    let mut writer = SheetWriter {
        rng,
        tally,
        fmt: &fmt,
        dir,
    };
    let mut sheets = Vec::new();
    for (year, _) in ITEMS_PER_YEAR {
        let of_year: Vec<&Item> = items.iter().filter(|i| i.year == year).collect();
        let n = writer.year_sheet(&mut wb, year, &of_year)?;
        sheets.push((format!("Năm {year}"), n));
    }
    wb.save(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_end_on_the_last_day_of_their_month_or_quarter() {
        assert_eq!(Time::Month(2025, 2).last_day(), ymd(2025, 2, 28));
        assert_eq!(Time::Quarter(2025, 2).last_day(), ymd(2025, 6, 30));
        assert_eq!(Time::Month(2025, 11).later(3), Time::Month(2026, 2));
        assert_eq!(Time::Quarter(2025, 4).later(3), Time::Quarter(2026, 1));
        assert_eq!(Time::Quarter(2025, 3).words(), "Quý III/2025");
    }

    #[test]
    fn status_texts_follow_what_the_file_shows() {
        let item = Item {
            year: 2025,
            lead: Lead::Known(0),
            content: String::new(),
            leader: "Chủ tịch UBND tỉnh",
            planned: Time::Month(2025, 3),
            moved: Some((Time::Month(2025, 6), MovedIn::Status)),
            submitted: None,
            issued: None,
            submission_no: String::new(),
            issued_doc: String::new(),
            withdrawn: None,
            open_status: "",
            mark: Mark::Plain,
        };
        assert_eq!(status_text(&item), "Xin lùi sang tháng 6/2025");
        let done = Item {
            submitted: Some(ymd(2025, 6, 2)),
            issued: Some(ymd(2025, 6, 20)),
            ..item.clone()
        };
        assert_eq!(
            status_text(&done),
            "Đã ban hành (Xin lùi sang tháng 6/2025)"
        );
        let text_only = Item {
            mark: Mark::TextOnly,
            ..done
        };
        assert_eq!(
            status_text(&text_only),
            "Đã trình đúng hạn (Xin lùi sang tháng 6/2025)"
        );
    }
}
