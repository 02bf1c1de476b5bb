//! The sample iOFFICE-like export (`ioffice-2021-2025.xlsx`): a "Hướng dẫn" sheet, then one
//! sheet per year laid out like a printed form, with the quirks of SPEC 3.1 planted in the
//! cells (date forms, NFD, old tone placement, aliases, blank rows, a "Tổng cộng" row, notes),
//! and a last-update column («Ngày cập nhật»).

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::directory::Agency;
use crate::fixed_properties;
use crate::planted::Tally;
use crate::rng::SplitMix64;
use crate::tasks::{Due, Lead, Task};
use crate::textforms::{double_space, has_new_tone, lower_first, nfd, old_tone, upper};

/// Column titles; the two under "Kết quả thực hiện" sit in the second header row.
const COLUMNS: [&str; 16] = [
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
    "Trọng tâm",
    "Chuyên viên theo dõi",
    "Ngày cập nhật",
];
const GROUP_FIRST: u16 = 11;
const GROUP_LAST: u16 = 12;
const WIDTHS: [f64; 16] = [
    5.0, 14.0, 14.0, 12.0, 60.0, 24.0, 30.0, 28.0, 12.0, 14.0, 12.0, 13.0, 20.0, 9.0, 18.0, 12.0,
];
const HEADER_ROW: u32 = 4;
const FIRST_DATA_ROW: u32 = 7;

pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub colnum: Format,
    pub text: Format,
    pub center: Format,
    pub date: Format,
    pub plain: Format,
}

impl Formats {
    pub fn new() -> Self {
        let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
        let cell = |f: Format| {
            font(f)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
        };
        Formats {
            title: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::Center),
            subtitle: font(Format::new())
                .set_italic()
                .set_align(FormatAlign::Center),
            header: cell(Format::new())
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            colnum: cell(Format::new())
                .set_italic()
                .set_align(FormatAlign::Center),
            text: cell(Format::new()).set_text_wrap(),
            center: cell(Format::new()).set_align(FormatAlign::Center),
            date: cell(Format::new())
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            plain: cell(Format::new()),
        }
    }
}

/// How a date cell is written; the weights give the mix of the sample export.
const DATE_FORMS: &[(&str, Option<&str>, f64)] = &[
    ("real Excel date", None, 84.0),
    ("text dd/mm/yyyy", Some("%d/%m/%Y"), 4.0),
    ("text d/m/yyyy", Some("%-d/%-m/%Y"), 2.0),
    ("text dd-mm-yyyy", Some("%d-%m-%Y"), 2.0),
    ("text dd.mm.yyyy", Some("%d.%m.%Y"), 1.5),
    ("text dd/mm/yyyy hh:mm", Some("%H"), 1.5),
    ("text ISO yyyy-mm-dd", Some("%Y-%m-%d"), 2.0),
    ("serial number without date format", None, 3.0),
];

/// Excel serial number of a day (1900 system).
pub fn serial(day: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (day - epoch).num_days() as f64
}

struct SheetWriter<'a> {
    rng: &'a mut SplitMix64,
    tally: &'a mut Tally,
    fmt: &'a Formats,
    dir: &'a [Agency],
    export_day: NaiveDate,
}

impl SheetWriter<'_> {
    fn date(&mut self, ws: &mut Worksheet, r: u32, c: u16, day: NaiveDate) -> Result<()> {
        let weights: Vec<f64> = DATE_FORMS.iter().map(|f| f.2).collect();
        let (label, pattern, _) = DATE_FORMS[self.rng.weighted(&weights)];
        self.tally.add(&format!("date cell: {label}"));
        match (label, pattern) {
            (_, Some(p)) => {
                let text = if p.contains("%H") {
                    // A time of day as exports carry it (the date is what counts).
                    let h = 7 + self.rng.below(10);
                    let m = self.rng.below(60);
                    format!("{} {h:02}:{m:02}", day.format("%d/%m/%Y"))
                } else {
                    day.format(p).to_string()
                };
                ws.write_string_with_format(r, c, text, &self.fmt.center)?;
            }
            (l, None) if l.starts_with("serial") => {
                ws.write_number_with_format(r, c, serial(day), &self.fmt.plain)?;
            }
            _ => {
                ws.write_with_format(r, c, &day, &self.fmt.date)?;
            }
        }
        Ok(())
    }

    /// A free text (content, status) with NFD / old tone / double-space quirks.
    fn text(&mut self, raw: &str, what: &str, nfd_share: f64) -> String {
        let mut s = raw.to_string();
        if has_new_tone(&s) && self.rng.chance(0.25) {
            s = old_tone(&s);
            self.tally.add(&format!("{what}: old tone placement"));
        }
        if s.contains(' ') && self.rng.chance(0.03) {
            s = double_space(&s, self.rng.below(40) as usize);
            self.tally.add(&format!("{what}: stray double space"));
        }
        if self.rng.chance(nfd_share) {
            s = nfd(&s);
            self.tally.add(&format!("{what}: NFD"));
        }
        s
    }

    /// An agency as a clerk wrote it: canonical, alias, or a case/spacing/NFD variant.
    fn agency(&mut self, a: &Agency) -> String {
        let roll = self.rng.unit();
        let mut s = if roll < 0.60 || a.aliases.is_empty() {
            a.name.to_string()
        } else if roll < 0.85 {
            self.tally.add("agency written as alias/abbreviation");
            self.rng.pick(a.aliases).to_string()
        } else {
            let (variant, label) = match self.rng.below(4) {
                0 => (upper(a.name), "agency variant: upper case"),
                1 => (
                    lower_first(a.name),
                    "agency variant: lower-case first letter",
                ),
                2 => (
                    double_space(a.name, self.rng.below(8) as usize),
                    "agency variant: double space",
                ),
                _ if has_new_tone(a.name) => {
                    (old_tone(a.name), "agency variant: old tone placement")
                }
                _ => (nfd(a.name), "agency variant: NFD"),
            };
            self.tally.add(label);
            variant
        };
        if self.rng.chance(0.02) {
            s.push(' ');
            self.tally.add("agency variant: trailing space");
        }
        s
    }

    fn task_row(&mut self, ws: &mut Worksheet, r: u32, stt: usize, t: &Task) -> Result<()> {
        let f = self.fmt;
        ws.write_number_with_format(r, 0, stt as f64, &f.center)?;
        ws.write_string_with_format(r, 1, t.id.clone().unwrap_or_default(), &f.plain)?;
        ws.write_string_with_format(r, 2, &t.doc_number, &f.plain)?;
        match t.doc_date {
            Some(d) => self.date(ws, r, 3, d)?,
            None => ws.write_blank(r, 3, &f.plain).map(|_| ())?,
        }
        let content = self.text(&t.content, "content", 0.04);
        if content.contains('\n') {
            self.tally.add("content: line breaks inside the cell");
        }
        ws.write_string_with_format(r, 4, content, &f.text)?;
        ws.write_string_with_format(r, 5, t.leader, &f.text)?;
        let lead = match &t.lead {
            Lead::Known(i) => match self.dir.get(*i) {
                Some(a) => self.agency(a),
                None => String::new(),
            },
            Lead::Unknown(raw) => {
                self.tally.add("agency not in the directory");
                if self.rng.chance(0.3) {
                    nfd(raw)
                } else {
                    raw.to_string()
                }
            }
            Lead::Missing => String::new(),
        };
        ws.write_string_with_format(r, 6, lead, &f.text)?;
        let mut coop = Vec::new();
        for i in &t.cooperating {
            if let Some(a) = self.dir.get(*i) {
                coop.push(if self.rng.chance(0.7) {
                    a.name.to_string()
                } else {
                    self.rng.pick(a.aliases).to_string()
                });
            }
        }
        ws.write_string_with_format(r, 7, coop.join("; "), &f.text)?;
        match t.assigned {
            Some(d) => self.date(ws, r, 8, d)?,
            None => ws.write_blank(r, 8, &f.plain).map(|_| ())?,
        }
        match t.due {
            Due::Date(d) => self.date(ws, r, 9, d)?,
            Due::Without("") => {
                self.tally.add("no deadline: empty cell");
                ws.write_blank(r, 9, &f.plain)?;
            }
            Due::Without(text) => {
                self.tally.add(&format!("no deadline: \"{text}\""));
                ws.write_string_with_format(r, 9, text, &f.center)?;
            }
        }
        match t.extended {
            Some(d) => self.date(ws, r, 10, d)?,
            None => ws.write_blank(r, 10, &f.plain).map(|_| ())?,
        }
        match t.completed {
            Some(d) => self.date(ws, r, 11, d)?,
            None => ws.write_blank(r, 11, &f.plain).map(|_| ())?,
        }
        let status = self.text(&t.status_text, "status", 0.03);
        ws.write_string_with_format(r, 12, status, &f.text)?;
        ws.write_string_with_format(r, 13, if t.is_key { "x" } else { "" }, &f.center)?;
        ws.write_string_with_format(r, 14, t.officer, &f.text)?;
        match last_update(t, self.export_day) {
            Some(day) => ws.write_with_format(r, 15, &day, &f.date).map(|_| ())?,
            None => ws.write_blank(r, 15, &f.plain).map(|_| ())?,
        }
        Ok(())
    }
}

/// The day a task's record was last updated, as iOFFICE shows it in «Ngày cập nhật»: a
/// completed task on its completion day or up to two days after (the report entered), an open
/// one some days before the export, often recently, sometimes months ago; a few rows have none
/// and a cancelled task none. Drawn from a stream of the task's own (seeded by its id), so that
/// the column takes no draw from the sheet's generator: every other cell of the export stays
/// as it was before the column was added, and so do the figures and `expected.json`.
fn last_update(t: &Task, export_day: NaiveDate) -> Option<NaiveDate> {
    use chrono::Duration;
    if t.cancel.is_some() {
        return None;
    }
    let id = t.id.as_deref().unwrap_or(&t.doc_number);
    // FNV-1a of the id: a fixed seed per task, the same on every run.
    let seed = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut rng = SplitMix64::new(seed);
    if rng.chance(0.05) {
        return None;
    }
    let day = match t.completed {
        Some(done) => done + Duration::days(rng.between(0, 2)),
        None if rng.chance(0.7) => export_day - Duration::days(rng.between(0, 25)),
        None => export_day - Duration::days(rng.between(31, 150)),
    };
    let floor = t.period_date().unwrap_or(day);
    Some(day.clamp(floor, export_day.max(floor)))
}

fn write_guide(ws: &mut Worksheet, fmt: &Formats) -> Result<()> {
    ws.set_name("Hướng dẫn")?;
    ws.set_column_width(0, 110)?;
    let lines = [
        "HƯỚNG DẪN SỬ DỤNG TỆP KẾT XUẤT",
        "",
        "1. Tệp được kết xuất từ hệ thống quản lý văn bản và điều hành VNPT-iOFFICE ngày 31/12/2025.",
        "2. Mỗi sheet \"Năm …\" là danh sách nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao trong năm đó.",
        "3. Trạng thái nhiệm vụ tính đến thời điểm kết xuất; nhiệm vụ được gia hạn tính theo hạn gia hạn.",
        "4. Không sửa tên cột, không chèn thêm cột vào giữa bảng.",
        "5. Mọi thắc mắc liên hệ Phòng Tổng hợp - Văn phòng UBND tỉnh (ĐT: 0256.3822.xxx).",
    ];
    ws.write_string_with_format(0, 0, lines[0], &fmt.title)?;
    for (i, line) in lines.iter().enumerate().skip(1) {
        ws.write_string(i as u32, 0, *line)?;
    }
    Ok(())
}

fn write_head(ws: &mut Worksheet, fmt: &Formats, year: i32, export_day: NaiveDate) -> Result<()> {
    let last = COLUMNS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, 5, "ỦY BAN NHÂN DÂN TỈNH BÌNH AN", &fmt.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last,
        "DANH SÁCH NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO",
        &fmt.title,
    )?;
    let sub = format!(
        "Năm {year} (dữ liệu kết xuất từ hệ thống VNPT-iOFFICE ngày {})",
        export_day.format("%d/%m/%Y")
    );
    ws.merge_range(2, 0, 2, last, &sub, &fmt.subtitle)?;
    for (c, title) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        if (GROUP_FIRST..=GROUP_LAST).contains(&c) {
            ws.write_string_with_format(HEADER_ROW + 1, c, *title, &fmt.header)?;
        } else {
            ws.merge_range(HEADER_ROW, c, HEADER_ROW + 1, c, title, &fmt.header)?;
        }
        ws.write_string_with_format(HEADER_ROW + 2, c, format!("({})", c + 1), &fmt.colnum)?;
        ws.set_column_width(c, WIDTHS[c as usize])?;
    }
    ws.merge_range(
        HEADER_ROW,
        GROUP_FIRST,
        HEADER_ROW,
        GROUP_LAST,
        "Kết quả thực hiện",
        &fmt.header,
    )?;
    ws.set_row_height(HEADER_ROW, 24)?;
    ws.set_row_height(HEADER_ROW + 1, 30)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Writes the export; returns each year sheet's name with its number of task rows.
pub fn write_sample(
    path: &Path,
    tasks: &[&Task],
    dir: &[Agency],
    export_day: NaiveDate,
    rng: &mut SplitMix64,
    tally: &mut Tally,
) -> Result<Vec<(String, usize)>> {
    let fmt = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties(
        "Danh sách nhiệm vụ do UBND tỉnh giao 2021-2025",
    )?);
    write_guide(wb.add_worksheet(), &fmt)?;
    let years: Vec<i32> = {
        let mut y: Vec<i32> = tasks.iter().map(|t| sheet_year(t)).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let mut counts = Vec::new();
    for year in years {
        let ws = wb.add_worksheet();
        let name = format!("Năm {year}");
        ws.set_name(&name)?;
        write_head(ws, &fmt, year, export_day)?;
        let mut w = SheetWriter {
            rng: &mut *rng,
            tally: &mut *tally,
            fmt: &fmt,
            dir,
            export_day,
        };
        let mut r = FIRST_DATA_ROW;
        let (mut n, mut done) = (0usize, 0usize);
        for t in tasks.iter().filter(|t| sheet_year(t) == year) {
            if w.rng.chance(0.004) {
                w.tally.add("blank row between tasks");
                r += 1;
            }
            n += 1;
            done += usize::from(t.completed.is_some());
            w.task_row(ws, r, n, t)?;
            r += 1;
        }
        write_foot(ws, &fmt, r + 1, n, done, tally)?;
        counts.push((name, n));
    }
    wb.save(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(counts)
}

/// The sheet a task is listed on: the year of its assignment (else document) date.
pub fn sheet_year(t: &Task) -> i32 {
    use chrono::Datelike;
    t.period_date().map_or(t.year, |d| d.year())
}

fn write_foot(
    ws: &mut Worksheet,
    fmt: &Formats,
    r: u32,
    n: usize,
    done: usize,
    tally: &mut Tally,
) -> Result<()> {
    ws.merge_range(r, 0, r, 3, "Tổng cộng", &fmt.header)?;
    ws.write_number_with_format(r, 4, n as f64, &fmt.header)?;
    ws.write_number_with_format(r, 11, done as f64, &fmt.header)?;
    let text = format!("Hoàn thành: {done}; Chưa hoàn thành: {}", n - done);
    ws.write_string_with_format(r, 12, text, &fmt.header)?;
    tally.add("\"Tổng cộng\" row with counts");
    let notes = [
        "Ghi chú: Trạng thái nhiệm vụ tính đến thời điểm kết xuất dữ liệu; nhiệm vụ được gia hạn tính theo hạn gia hạn.",
        "Các nhiệm vụ không ghi thời hạn là nhiệm vụ thường xuyên.",
        "Người lập biểu: Nguyễn Thị Lan - Phòng Tổng hợp, Văn phòng UBND tỉnh",
    ];
    ws.merge_range(r + 2, 0, r + 2, 10, notes[0], &Format::new().set_italic())?;
    ws.write_string(r + 3, 0, notes[1])?;
    ws.write_string(r + 4, 0, notes[2])?;
    tally.add_n("note rows below the table", notes.len());
    Ok(())
}
