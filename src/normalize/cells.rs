//! Reading one cell as a field value: dates in every form, the texts that mean "no
//! deadline", the key-task flag and what a status text says.

use chrono::NaiveDate;

use crate::model::{CellRef, StatusText};
use crate::vn_text::fold;

/// A date from any cell form: real date, serial number, day-first or ISO text.
pub fn cell_date(cell: &CellRef<'_>) -> Option<NaiveDate> {
    match cell {
        CellRef::Date(d) => Some(*d),
        CellRef::Number(n) => crate::dates::from_serial(*n),
        CellRef::Text(t) => crate::dates::parse_text(t).or_else(|| crate::dates::parse_in_words(t)),
        CellRef::Empty => None,
    }
}

/// A deadline cell: any date form, or a month / quarter written in words (its last day).
pub fn deadline_date(cell: &CellRef<'_>) -> Option<NaiveDate> {
    cell_date(cell).or_else(|| match cell {
        CellRef::Text(t) => crate::dates::deadline_in_words(t),
        _ => None,
    })
}

/// "Không thời hạn", "Thường xuyên", "Không có", "-": a cell that says there is no date.
pub fn is_no_date_text(cell: &CellRef<'_>) -> bool {
    match cell {
        CellRef::Empty => true,
        CellRef::Text(t) => {
            let f = fold(t);
            f.is_empty()
                || f.starts_with("khong thoi han")
                || f.starts_with("thuong xuyen")
                || f == "khong co"
                || f == "khong"
                || f == "khong han"
                || f == "chua co"
        }
        _ => false,
    }
}

pub(super) fn is_key_flag(text: &str) -> bool {
    let f = fold(text);
    f.contains("trong tam") || matches!(f.as_str(), "x" | "co" | "1" | "yes" | "true")
}

/// What a status text says (SPEC 3.1). Cancellation words win over everything else.
pub fn parse_status(raw: &str) -> Option<StatusText> {
    let f = format!(" {} ", fold(raw));
    let has = |w: &str| f.contains(&format!(" {w} "));
    const CANCELLED: [&str; 9] = [
        "huy",
        "thu hoi",
        "rut",
        "dung thuc hien",
        "khong thuc hien",
        "giao lai",
        "tam hoan",
        "tam dung",
        "ngung thuc hien",
    ];
    if CANCELLED.iter().any(|w| has(w)) {
        return Some(StatusText::Cancelled);
    }
    let late = has("qua han") || has("tre han") || has("cham");
    let completed = (has("hoan thanh") || has("da xong") || has("xong"))
        && !has("chua hoan thanh")
        && !has("dang");
    if completed {
        return Some(if has("dung han") || has("truoc han") || has("som") {
            StatusText::CompletedOnTime
        } else if late {
            StatusText::CompletedLate
        } else {
            StatusText::Completed
        });
    }
    if late {
        return Some(StatusText::Overdue);
    }
    let open = [
        "trong han",
        "con han",
        "dang thuc hien",
        "dang xu ly",
        "chua hoan thanh",
        "chua thuc hien",
        "moi giao",
        "dang",
    ];
    open.iter().any(|w| has(w)).then_some(StatusText::Within)
}
