//! Reading a programme list: its header found by the known column names (the task lists'
//! tolerant header machinery with the programme's own names), then every item row made into
//! an [`Item`] — NFC texts, the planned and postponed times (a month, a quarter or a date),
//! the submission and issue dates, and what the status and note texts say. Rows that are not
//! items and cells that cannot be read become findings.

use chrono::NaiveDate;

use crate::dates::{self, Span};
use crate::model::{Cell, CellRef, Finding, FindingKind, RawSheet, SourceLoc};
use crate::normalize::{Columns, FillDown, HeaderIndex, cell_date, find_columns, is_no_date_text};
use crate::vn_text::{clean, fold};

/// The columns of a programme list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Stt,
    Content,
    Agency,
    Leader,
    Planned,
    Postponed,
    Submitted,
    SubmissionNo,
    Issued,
    IssuedDoc,
    Status,
    Note,
}

/// Known header texts per field, best first (when two columns map to one field, the one
/// whose name comes first wins).
pub const HEADER_NAMES: &[(Field, &[&str])] = &[
    (Field::Stt, &["STT", "TT", "Số TT", "Số thứ tự"]),
    (
        Field::Content,
        &[
            "Nội dung trình",
            "Tên đề án",
            "Nội dung",
            "Tên đề án, nội dung",
            "Nội dung, đề án",
            "Tên đề án, văn bản",
            "Tên nội dung, đề án",
            "Đề án, nội dung trình",
            "Tên văn bản, đề án",
            "Nội dung công việc",
        ],
    ),
    (
        Field::Agency,
        &[
            "Cơ quan chủ trì",
            "Cơ quan trình",
            "Cơ quan chủ trì soạn thảo",
            "Cơ quan chủ trì tham mưu",
            "Cơ quan, đơn vị chủ trì",
            "Đơn vị chủ trì",
            "Đơn vị trình",
            "Cơ quan thực hiện",
            "Cơ quan tham mưu",
        ],
    ),
    (
        Field::Leader,
        &[
            "Lãnh đạo phụ trách",
            "Lãnh đạo UBND tỉnh phụ trách",
            "Lãnh đạo chỉ đạo",
            "Lãnh đạo UBND tỉnh chỉ đạo",
            "Lãnh đạo chủ trì",
        ],
    ),
    (
        Field::Planned,
        &[
            "Thời gian trình",
            "Thời hạn trình",
            "Thời gian trình theo kế hoạch",
            "Thời gian trình dự kiến",
            "Dự kiến thời gian trình",
            "Tháng trình",
            "Thời gian hoàn thành",
            "Thời hạn",
        ],
    ),
    (
        Field::Postponed,
        &[
            "Thời gian trình sau điều chỉnh",
            "Lùi đến",
            "Thời gian điều chỉnh",
            "Thời hạn sau điều chỉnh",
            "Thời gian trình điều chỉnh",
            "Điều chỉnh thời gian trình",
            "Xin lùi đến",
            "Lùi thời gian trình đến",
        ],
    ),
    (
        Field::Submitted,
        &[
            "Ngày trình",
            "Ngày tờ trình",
            "Ngày trình thực tế",
            "Ngày cơ quan trình",
        ],
    ),
    (
        Field::SubmissionNo,
        &["Số tờ trình", "Tờ trình số", "Tờ trình"],
    ),
    (
        Field::Issued,
        &["Ngày ban hành", "Ngày ký ban hành", "Ngày ban hành văn bản"],
    ),
    (
        Field::IssuedDoc,
        &[
            "Văn bản ban hành",
            "Số văn bản ban hành",
            "Số, ký hiệu văn bản ban hành",
            "Số ký hiệu văn bản ban hành",
        ],
    ),
    (
        Field::Status,
        &[
            "Tình trạng",
            "Tình hình thực hiện",
            "Kết quả thực hiện",
            "Trạng thái",
            "Tiến độ",
            "Kết quả",
        ],
    ),
    (Field::Note, &["Ghi chú"]),
];

fn header_index() -> &'static HeaderIndex<Field> {
    static INDEX: std::sync::OnceLock<HeaderIndex<Field>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| HeaderIndex::new(HEADER_NAMES))
}

/// A programme's time for an item: a month or a quarter (due on its last day) or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Due {
    Day(NaiveDate),
    Span(Span),
}

impl Due {
    pub fn deadline(self) -> Option<NaiveDate> {
        match self {
            Due::Day(d) => Some(d),
            Due::Span(s) => s.last_day(),
        }
    }

    /// As a programme writes it: "Tháng 3/2025", "Quý II/2025", "15/03/2025".
    pub fn label(self) -> String {
        match self {
            Due::Day(d) => crate::vn_number::date(d),
            Due::Span(s) => s.label(),
        }
    }
}

/// A time written as text: a whole date, a month in digits (`3/2025`), a date inside words
/// (`ngày 15/7/2025`), or a month or quarter in words (`Tháng 3/2025`, `Quý II/2025`).
pub fn due_text(raw: &str) -> Option<Due> {
    dates::parse_text(raw)
        .map(Due::Day)
        .or_else(|| dates::month_in_digits(raw).map(Due::Span))
        .or_else(|| dates::parse_in_words(raw).map(Due::Day))
        .or_else(|| dates::month_or_quarter(raw).map(Due::Span))
}

fn due_cell(cell: &Cell) -> Option<Due> {
    match cell {
        Cell::Text(t) => due_text(t),
        other => cell_date(&other.as_ref()).map(Due::Day),
    }
}

/// What a status or note text says of submission.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Timing {
    #[default]
    Unsaid,
    OnTime,
    Late,
}

/// How far an item got, by its status or note text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    /// The text says nothing of it.
    #[default]
    Nothing,
    /// "Chưa trình", "Đang xây dựng", "Đang hoàn thiện hồ sơ", …
    NotSubmitted,
    /// "Đã trình", "Đã trình đúng hạn", "Trình chậm", …
    Submitted(Timing),
    /// "Đã ban hành", "Đã ký ban hành", … (issued, hence submitted).
    Issued(Timing),
}

/// A postponement a text states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    /// "Xin lùi sang tháng 6/2025", "Lùi sang Quý III/2025", "Lùi đến 15/7/2025".
    To(Due),
    /// "Xin lùi thời gian trình" without saying to when.
    WithoutTime,
}

/// What a status or note text says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Said {
    /// "Rút khỏi chương trình", "Xin rút", "Đã rút", "Không trình".
    pub withdrawn: bool,
    pub moved: Option<Moved>,
    pub progress: Progress,
    /// On time or late, said with or without a progress ("Quá hạn" alone says only this).
    pub timing: Timing,
}

impl Said {
    pub fn is_understood(&self) -> bool {
        self.withdrawn
            || self.moved.is_some()
            || self.progress != Progress::Nothing
            || self.timing != Timing::Unsaid
    }

    /// The status text's meaning, completed by the note's: a withdrawal or a postponement
    /// either states counts; the note tells the progress only when the status says nothing.
    fn or(self, other: Said) -> Said {
        Said {
            withdrawn: self.withdrawn || other.withdrawn,
            moved: self.moved.or(other.moved),
            progress: match self.progress {
                Progress::Nothing => other.progress,
                p => p,
            },
            timing: match self.timing {
                Timing::Unsaid => other.timing,
                t => t,
            },
        }
    }
}

/// Read a status or note text (case, diacritics, tone placement and spacing ignored). The
/// words are matched whole, and words that fold alike are told apart ("chăm sóc" is not
/// "chậm", "đăng ký" and "Đảng ủy" are not "đang", "thời gian" is not "giãn").
pub fn said(raw: &str) -> Said {
    let f = format!(" {} ", fold(raw));
    let has = |w: &str| f.contains(&format!(" {w} "));
    let any = |words: &[&str]| words.iter().any(|w| has(w));
    let withdrawn = (has("rut") && !any(&["rut kinh", "rut ngan", "rut gon"]))
        || any(&["khong trinh", "dua ra khoi chuong trinh"]);
    let is_moved = any(&[
        "lui",
        "dieu chinh",
        "chuyen sang",
        "tam hoan",
        "hoan trinh",
        "gian tien do",
    ]);
    let moved = is_moved.then(|| match moved_to(raw) {
        Some(due) => Moved::To(due),
        None => Moved::WithoutTime,
    });
    let slow = has("cham") && !has("cham soc");
    let timing = if slow || any(&["khong dung han", "qua han", "tre han"]) {
        Timing::Late
    } else if any(&["dung han", "dung thoi han", "truoc han", "dung tien do"]) {
        Timing::OnTime
    } else {
        Timing::Unsaid
    };
    let issued = any(&["da ban hanh", "da duoc ban hanh", "da ky ban hanh", "da ky"]);
    let submitted = any(&["da trinh", "da hoan thanh"]);
    let busy = has("dang") && !any(&["dang ky", "dang uy", "dang bo", "cua dang", "hoi dang"]);
    // "Chưa ban hành" says nothing of submission; "Quá hạn", "Chậm" alone may mean submitted
    // late as well as not submitted: neither makes an item not submitted.
    let not_yet = f.replace(" chua ban hanh ", " ").contains(" chua ");
    let open = busy || not_yet;
    let progress = if issued {
        Progress::Issued(timing)
    } else if submitted {
        Progress::Submitted(timing)
    } else if open {
        Progress::NotSubmitted
    } else {
        Progress::Nothing
    };
    Said {
        withdrawn,
        moved,
        progress,
        timing,
    }
}

/// The time a postponement moves to: what follows the last "sang" / "đến" / "tới" / "vào", up
/// to a bracket or a separator (so that the date of the approving letter in "(Công văn … ngày
/// 20/05/2025)" is not taken for it).
fn moved_to(raw: &str) -> Option<Due> {
    let text = clean(raw)?.to_lowercase();
    let at = ["sang ", "đến ", "tới ", "vào "]
        .iter()
        .filter_map(|w| text.rfind(w).map(|i| i + w.len()))
        .max()?;
    let tail = text[at..].split(['(', ';', ',']).next().unwrap_or("");
    due_text(tail.trim())
}

/// One programme item as read: its row, its texts and dates, what its texts say.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub source: SourceLoc,
    pub content: Option<String>,
    pub agency: Option<String>,
    pub leader: Option<String>,
    pub planned: Option<Due>,
    /// The postponed time of the postponement column.
    pub postponed: Option<Due>,
    pub submitted: Option<NaiveDate>,
    pub submission_no: Option<String>,
    pub issued: Option<NaiveDate>,
    pub issued_doc: Option<String>,
    pub status_text: Option<String>,
    pub note: Option<String>,
    /// What the status text says, completed by the note.
    pub said: Said,
}

/// Items and findings from the sheets of the inputs.
#[derive(Debug, Default)]
pub struct Read {
    pub items: Vec<Item>,
    pub findings: Vec<Finding>,
    /// Sheets that held a programme table.
    pub tables: usize,
}

/// Fields that make a row an item candidate when at least two carry a value.
const CONTENT_FIELDS: [Field; 9] = [
    Field::Content,
    Field::Agency,
    Field::Planned,
    Field::Postponed,
    Field::Submitted,
    Field::SubmissionNo,
    Field::Issued,
    Field::IssuedDoc,
    Field::Status,
];

/// A programme table has a lead agency column and a content or planned-time column.
fn is_programme_header(has: &dyn Fn(Field) -> bool) -> bool {
    has(Field::Agency) && (has(Field::Content) || has(Field::Planned))
}

/// Read every sheet with a programme header into items; other sheets are noted.
pub fn read_sheets(sheets: &[RawSheet], out: &mut Read) {
    for sheet in sheets {
        let Some(columns) = find_columns(sheet, header_index(), is_programme_header) else {
            out.findings.push(finding(
                FindingKind::SkippedSheet,
                loc(sheet, 0),
                "không tìm thấy dòng tiêu đề cột của chương trình công tác".to_string(),
            ));
            continue;
        };
        out.tables += 1;
        // Cells merged down several rows (an agency over several items) fill every row.
        let mut fill = FillDown::new(&sheet.merged);
        let used = |c: usize| columns.columns.values().any(|&col| col == c);
        for (r, row) in sheet.rows.iter().enumerate().skip(columns.data_start) {
            let refs: Vec<CellRef<'_>> = row.iter().map(Cell::as_ref).collect();
            let filled: Option<Vec<Cell>> = fill
                .fill(r, &refs, used)
                .map(|cells| cells.iter().map(CellRef::to_owned_cell).collect());
            read_row(sheet, &columns, r, filled.as_deref().unwrap_or(row), out);
        }
    }
}

fn loc(sheet: &RawSheet, row: usize) -> SourceLoc {
    SourceLoc {
        file: sheet.file.clone(),
        sheet: sheet.sheet.clone(),
        row,
    }
}

fn finding(kind: FindingKind, source: SourceLoc, message: String) -> Finding {
    Finding {
        kind,
        source,
        message,
    }
}

fn read_row(sheet: &RawSheet, columns: &Columns<Field>, r: usize, row: &[Cell], out: &mut Read) {
    if row.iter().all(Cell::is_empty) {
        return;
    }
    let source = loc(sheet, r + 1);
    let get = |f: Field| {
        columns
            .columns
            .get(&f)
            .and_then(|c| row.get(*c))
            .filter(|c| !c.is_empty())
    };
    let refs: Vec<_> = row.iter().map(Cell::as_ref).collect();
    if columns.header.repeated_by(&refs) {
        let message = crate::normalize::REPEATED_HEADER.to_string();
        out.findings
            .push(finding(FindingKind::SkippedRow, source, message));
        return;
    }
    if let Some(label) = crate::normalize::total_label(&refs) {
        let message = format!("dòng tổng hợp «{label}»");
        out.findings
            .push(finding(FindingKind::SkippedRow, source, message));
        return;
    }
    if CONTENT_FIELDS.iter().filter(|f| get(**f).is_some()).count() < 2 {
        let text = row.iter().find_map(Cell::text).unwrap_or_default();
        let text = crate::normalize::shorten(&text, 80);
        let message = format!("dòng ghi chú hoặc tiêu đề nhóm «{text}»");
        out.findings
            .push(finding(FindingKind::SkippedRow, source, message));
        return;
    }
    let text = |f: Field| get(f).and_then(Cell::text).and_then(|t| clean(&t));
    let mut bad = |column: &str, cell: &Cell, what: &str| {
        let message = format!(
            "cột {column}: «{}» không phải {what}",
            cell.text().unwrap_or_default()
        );
        out.findings
            .push(finding(FindingKind::BadCell, source.clone(), message));
    };
    let mut date = |f: Field, column: &str| {
        let cell = get(f)?;
        let parsed = cell_date(&cell.as_ref());
        if parsed.is_none() && !is_no_date_text(&cell.as_ref()) {
            bad(column, cell, "ngày tháng");
        }
        parsed
    };
    let submitted = date(Field::Submitted, "Ngày trình");
    let issued = date(Field::Issued, "Ngày ban hành");
    let mut due = |f: Field, column: &str| {
        let cell = get(f)?;
        let parsed = due_cell(cell);
        if parsed.is_none() && !is_no_date_text(&cell.as_ref()) {
            bad(column, cell, "tháng, quý hay ngày");
        }
        parsed
    };
    let planned = due(Field::Planned, "Thời gian trình");
    let postponed = due(Field::Postponed, "Thời gian trình sau điều chỉnh");
    let (status_text, note) = (text(Field::Status), text(Field::Note));
    let from_status = status_text.as_deref().map(said).unwrap_or_default();
    if let Some(raw) = status_text
        .as_deref()
        .filter(|_| !from_status.is_understood())
    {
        let message = format!("cột Tình trạng: không hiểu «{raw}», bỏ qua");
        out.findings
            .push(finding(FindingKind::BadCell, source.clone(), message));
    }
    let from_note = note.as_deref().map(said).unwrap_or_default();
    out.items.push(Item {
        content: text(Field::Content),
        agency: text(Field::Agency),
        leader: text(Field::Leader),
        planned,
        postponed,
        submitted,
        submission_no: text(Field::SubmissionNo),
        issued,
        issued_doc: text(Field::IssuedDoc),
        said: from_status.or(from_note),
        status_text,
        note,
        source,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn month(year: i32, month: u32) -> Due {
        Due::Span(Span::Month { year, month })
    }

    #[test]
    fn planned_times_in_every_form() {
        assert_eq!(due_text("Tháng 3/2025"), Some(month(2025, 3)));
        assert_eq!(due_text("3/2025"), Some(month(2025, 3)));
        assert_eq!(due_text("03/2025"), Some(month(2025, 3)));
        assert_eq!(
            due_text("Quý II/2025"),
            Some(Due::Span(Span::Quarter {
                year: 2025,
                quarter: 2
            }))
        );
        assert_eq!(due_text("15/03/2025"), Some(Due::Day(ymd(2025, 3, 15))));
        assert_eq!(
            due_text("Trước ngày 15/7/2025"),
            Some(Due::Day(ymd(2025, 7, 15)))
        );
        assert_eq!(due_text("Chưa xác định"), None);
        assert_eq!(
            due_cell(&Cell::Date(ymd(2025, 4, 30))),
            Some(Due::Day(ymd(2025, 4, 30)))
        );
        assert_eq!(month(2025, 2).deadline(), Some(ymd(2025, 2, 28)));
        assert_eq!(month(2025, 3).label(), "Tháng 3/2025");
    }

    #[test]
    fn status_texts_say_withdrawal_postponement_and_progress() {
        for text in ["Rút khỏi chương trình", "Xin rút", "Đã rút", "Không trình"] {
            assert!(said(text).withdrawn, "{text}");
        }
        assert!(!said("Đề nghị rút kinh nghiệm").withdrawn);
        // Words that fold alike: no postponement in "thời gian", no lateness in "chăm sóc",
        // nothing open in "Đảng ủy".
        assert_eq!(said("Đúng thời gian").moved, None);
        assert_eq!(
            said("Đã trình đề án chăm sóc người cao tuổi").progress,
            Progress::Submitted(Timing::Unsaid)
        );
        assert_eq!(said("Theo chỉ đạo của Đảng ủy").progress, Progress::Nothing);
        assert_eq!(
            said("Xin lùi sang tháng 6/2025").moved,
            Some(Moved::To(month(2025, 6)))
        );
        assert_eq!(
            said("Lùi sang Quý III/2025 (Công văn số 45/SNV ngày 20/05/2025)").moved,
            Some(Moved::To(Due::Span(Span::Quarter {
                year: 2025,
                quarter: 3
            })))
        );
        assert_eq!(
            said("Xin lùi từ tháng 3/2025 sang tháng 9/2025").moved,
            Some(Moved::To(month(2025, 9)))
        );
        assert_eq!(
            said("Được đồng ý lùi đến 15/7/2025").moved,
            Some(Moved::To(Due::Day(ymd(2025, 7, 15))))
        );
        assert_eq!(
            said("Xin lùi thời gian trình").moved,
            Some(Moved::WithoutTime)
        );
        let progress = |t: &str| said(t).progress;
        assert_eq!(progress("Đã trình"), Progress::Submitted(Timing::Unsaid));
        assert_eq!(
            progress("Đã trình đúng hạn"),
            Progress::Submitted(Timing::OnTime)
        );
        assert_eq!(
            progress("Trình chậm, đã trình"),
            Progress::Submitted(Timing::Late)
        );
        assert_eq!(progress("Đã ban hành"), Progress::Issued(Timing::Unsaid));
        assert_eq!(progress("Chưa trình"), Progress::NotSubmitted);
        assert_eq!(progress("Đang hoàn thiện hồ sơ"), Progress::NotSubmitted);
        assert_eq!(progress("Theo kế hoạch"), Progress::Nothing);
        assert_eq!(progress("Chưa ban hành"), Progress::Nothing);
        assert_eq!(progress("Quá hạn"), Progress::Nothing);
        assert!(said("Quá hạn").is_understood());
        assert_eq!(
            progress("Chưa trình, chưa ban hành"),
            Progress::NotSubmitted
        );
        assert_eq!(
            progress("Đã trình, chưa ban hành"),
            Progress::Submitted(Timing::Unsaid)
        );
    }

    fn sheet(rows: Vec<Vec<Cell>>) -> RawSheet {
        RawSheet {
            file: "ctct.xlsx".into(),
            sheet: Some("Năm 2025".into()),
            rows,
            merged: vec![],
        }
    }

    /// The kind and row of every finding.
    fn found(out: &Read) -> Vec<(FindingKind, usize)> {
        out.findings
            .iter()
            .map(|f| (f.kind, f.source.row))
            .collect()
    }

    #[test]
    fn a_two_row_header_under_a_group_label_and_title_rows_are_read() {
        let rows = vec![
            vec![t("ỦY BAN NHÂN DÂN TỈNH BÌNH AN")],
            vec![t("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025")],
            vec![
                t("STT"),
                t("Nội dung trình"),
                t("Cơ quan chủ trì"),
                t("Thời gian trình"),
                t("Kết quả thực hiện"),
                Cell::Empty,
                t("Ghi chú"),
            ],
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                t("Ngày trình"),
                t("Ngày ban hành"),
                Cell::Empty,
            ],
            vec![t("Quý I")],
            vec![
                Cell::Number(1.0),
                t("Đề án A"),
                t("Sở Nội vụ"),
                t("3/2025"),
                Cell::Date(ymd(2025, 3, 20)),
                t("30/02/2025"),
                t("Xin lùi sang tháng 6/2025"),
            ],
            vec![t("Tổng cộng"), Cell::Number(1.0)],
        ];
        let mut out = Read::default();
        read_sheets(&[sheet(rows)], &mut out);
        assert_eq!(out.tables, 1);
        assert_eq!(out.items.len(), 1);
        let item = &out.items[0];
        assert_eq!(item.source.row, 6);
        assert_eq!(item.agency.as_deref(), Some("Sở Nội vụ"));
        assert_eq!(item.planned, Some(month(2025, 3)));
        assert_eq!(item.submitted, Some(ymd(2025, 3, 20)));
        // 30/02 is no date: the cell is reported and the item has no issue date.
        assert_eq!(item.issued, None);
        assert_eq!(item.said.moved, Some(Moved::To(month(2025, 6))));
        assert_eq!(
            found(&out),
            vec![
                (FindingKind::SkippedRow, 5),
                (FindingKind::BadCell, 6),
                (FindingKind::SkippedRow, 7)
            ]
        );
    }

    #[test]
    fn a_header_repeated_under_the_first_items_is_not_an_item() {
        let header = vec![
            t("STT"),
            t("Nội dung trình"),
            t("Cơ quan chủ trì"),
            t("Thời gian trình"),
        ];
        let item = |what: &str| vec![Cell::Number(1.0), t(what), t("Sở Nội vụ"), t("3/2025")];
        let rows = vec![
            header.clone(),
            item("Đề án A"),
            header,
            vec![t("1"), t("2"), t("3"), t("4")],
            item("Đề án B"),
        ];
        let mut out = Read::default();
        read_sheets(&[sheet(rows)], &mut out);
        let items: Vec<usize> = out.items.iter().map(|i| i.source.row).collect();
        assert_eq!(items, vec![2, 5]);
        assert_eq!(
            found(&out),
            vec![(FindingKind::SkippedRow, 3), (FindingKind::SkippedRow, 4)]
        );
    }

    #[test]
    fn an_agency_merged_down_two_items_is_both_items_agency() {
        let rows = vec![
            vec![
                t("STT"),
                t("Nội dung trình"),
                t("Cơ quan chủ trì"),
                t("Thời gian trình"),
            ],
            vec![Cell::Number(1.0), t("Đề án A"), t("Sở Nội vụ"), t("3/2025")],
            vec![Cell::Number(2.0), t("Đề án B"), Cell::Empty, t("6/2025")],
        ];
        let mut out = Read::default();
        let mut merged = sheet(rows);
        merged.merged = vec![crate::model::MergedArea {
            first_row: 1,
            first_col: 2,
            last_row: 2,
            last_col: 2,
        }];
        read_sheets(&[merged], &mut out);
        let agencies: Vec<Option<&str>> = out.items.iter().map(|i| i.agency.as_deref()).collect();
        assert_eq!(agencies, vec![Some("Sở Nội vụ"), Some("Sở Nội vụ")]);
    }

    #[test]
    fn a_sheet_without_a_programme_header_is_noted() {
        let mut out = Read::default();
        read_sheets(&[sheet(vec![vec![t("Hướng dẫn")]])], &mut out);
        assert_eq!(out.tables, 0);
        assert_eq!(out.findings[0].kind, FindingKind::SkippedSheet);
    }
}
