//! Judging one programme item (SPEC §8, issue 14): its deadlines (planned; effective = the
//! postponed one when there is one), whether it can be counted at all (withdrawn, or left out
//! for missing information), its status at a cut-off, and where its texts contradict its
//! dates. Dates win over status texts; a text decides only where the dates it needs are
//! missing. Pure functions over [`Item`].

use chrono::NaiveDate;

use super::read::{Due, Item, Moved, Progress, Timing};
use crate::model::ItemStatus;
use crate::vn_number::date;

/// Where a postponement was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovedBy {
    /// The postponement column (Thời gian trình sau điều chỉnh / Lùi đến).
    Column,
    /// The status or note text ("Xin lùi sang tháng 6/2025").
    Text,
}

/// The deadlines of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    /// The planned time and its last day, when readable.
    pub planned: Option<(Due, NaiveDate)>,
    /// The effective time and its last day: the postponed one, else the planned one.
    pub effective: (Due, NaiveDate),
    /// Set when the deadline was moved (the effective deadline is not the planned one).
    pub moved: Option<MovedBy>,
}

impl Deadlines {
    pub fn effective_day(&self) -> NaiveDate {
        self.effective.1
    }
}

fn with_day(due: Due) -> Option<(Due, NaiveDate)> {
    due.deadline().map(|d| (due, d))
}

/// The planned and effective deadlines; None when no time can be read at all. The column
/// wins over a text when both give a postponement (dates win over texts).
pub fn deadlines(item: &Item) -> Option<Deadlines> {
    let planned = item.planned.and_then(with_day);
    let from_text = match item.said.moved {
        Some(Moved::To(due)) => with_day(due),
        _ => None,
    };
    let postponed = match item.postponed.and_then(with_day) {
        Some(p) => Some((p, MovedBy::Column)),
        None => from_text.map(|p| (p, MovedBy::Text)),
    };
    let moved =
        postponed.filter(|((_, day), _)| planned.is_none_or(|(_, planned)| planned != *day));
    Some(Deadlines {
        planned,
        effective: postponed.map(|(p, _)| p).or(planned)?,
        moved: moved.map(|(_, by)| by),
    })
}

/// Whether an item can be counted, independent of any period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Counted,
    /// Withdrawn from the programme: out of every count, listed.
    Withdrawn,
    /// Not enough information: the reason in Vietnamese.
    Excluded(String),
}

/// The status or note text an item's meaning was read from, for messages.
fn said_text(item: &Item) -> &str {
    item.status_text
        .as_deref()
        .or(item.note.as_deref())
        .unwrap_or_default()
}

/// Decide whether an item can be counted at all. A withdrawn item needs a time too: without
/// one no period holds it.
pub fn screen(item: &Item, deadlines: Option<&Deadlines>) -> Screen {
    if deadlines.is_none() {
        let reason = if item.said.withdrawn {
            "ghi rút khỏi chương trình nhưng không có thời gian trình đọc được, không biết thuộc kỳ nào"
        } else {
            "không có thời gian trình đọc được (tháng, quý hoặc ngày)"
        };
        return Screen::Excluded(reason.to_string());
    }
    if item.said.withdrawn {
        return Screen::Withdrawn;
    }
    if item.agency.is_none() {
        return Screen::Excluded("không có cơ quan chủ trì".to_string());
    }
    if item.submitted.is_some() {
        return Screen::Counted;
    }
    match item.said.progress {
        Progress::Submitted(Timing::Unsaid) | Progress::Issued(Timing::Unsaid) => {
            Screen::Excluded(format!(
                "ghi «{}» nhưng không có ngày trình: không biết trình đúng hạn hay quá hạn",
                said_text(item)
            ))
        }
        Progress::Submitted(_) | Progress::Issued(_) => Screen::Counted,
        _ if item.issued.is_some() => Screen::Excluded(
            "có ngày ban hành nhưng không có ngày trình: không biết trình đúng hạn hay quá hạn"
                .to_string(),
        ),
        _ => Screen::Counted,
    }
}

/// Status at cut-off `c` of a counted item, and whether it was issued by then: submitted when
/// the submission date is on or before `c` (on time when on or before the effective
/// deadline); a submission date after `c` does not count; without a submission date a text
/// that says submitted on time or late decides. Issued when the issue date is on or before
/// `c` (or, without an issue date, when the text says issued) — and only if submitted.
pub fn status_at(item: &Item, d: &Deadlines, c: NaiveDate) -> (ItemStatus, bool) {
    let due = d.effective_day();
    let open = if c > due {
        ItemStatus::Overdue
    } else {
        ItemStatus::NotYetDue
    };
    let issued_by_c = || match item.issued {
        Some(day) => day <= c,
        None => matches!(item.said.progress, Progress::Issued(_)),
    };
    let status = match (item.submitted, item.said.progress) {
        (Some(day), _) if day <= c => {
            if day <= due {
                ItemStatus::OnTime
            } else {
                ItemStatus::Late
            }
        }
        (Some(_), _) => open,
        (None, Progress::Submitted(Timing::OnTime) | Progress::Issued(Timing::OnTime)) => {
            ItemStatus::OnTime
        }
        (None, Progress::Submitted(Timing::Late) | Progress::Issued(Timing::Late)) => {
            ItemStatus::Late
        }
        (None, _) => open,
    };
    (status, status.is_submitted() && issued_by_c())
}

/// Where an item's texts contradict its dates, or its dates each other: judged on the row's
/// own dates, independent of the cut-off, and only reported (dates win).
pub fn contradictions(item: &Item, d: Option<&Deadlines>) -> Vec<String> {
    let mut out = Vec::new();
    let text = said_text(item);
    if item.said.withdrawn && (item.submitted.is_some() || item.issued.is_some()) {
        out.push(format!(
            "ghi «{text}» (rút khỏi chương trình) nhưng có ngày trình hoặc ngày ban hành; \
             không tính vì đã rút"
        ));
        return out;
    }
    if let (Some(sub), Some(d)) = (item.submitted, d) {
        let due = d.effective_day();
        let timing = match item.said.progress {
            Progress::Submitted(t) | Progress::Issued(t) => Some(t),
            _ => None,
        };
        if item.said.progress == Progress::NotSubmitted {
            out.push(format!(
                "có ngày trình {} nhưng tình trạng ghi «{text}»; tính theo ngày trình",
                date(sub)
            ));
        } else if timing == Some(Timing::OnTime) && sub > due {
            out.push(format!(
                "trình ngày {}, sau hạn {}, nhưng ghi «{text}»; tính theo ngày: trình quá hạn",
                date(sub),
                date(due)
            ));
        } else if timing == Some(Timing::Late) && sub <= due {
            out.push(format!(
                "trình ngày {}, không sau hạn {}, nhưng ghi «{text}»; tính theo ngày: trình đúng hạn",
                date(sub),
                date(due)
            ));
        }
    }
    if let (Some(sub), Some(issued)) = (item.submitted, item.issued)
        && issued < sub
    {
        out.push(format!(
            "ngày ban hành {} trước ngày trình {}",
            date(issued),
            date(sub)
        ));
    }
    match (item.postponed.and_then(Due::deadline), item.said.moved) {
        (Some(column), Some(Moved::To(due))) if due.deadline() != Some(column) => {
            out.push(format!(
                "cột thời gian trình sau điều chỉnh ghi {}, còn «{text}» ghi {}; tính theo cột",
                date(column),
                due.label()
            ));
        }
        (None, Some(Moved::WithoutTime)) => out.push(format!(
            "ghi «{text}» nhưng không nêu thời gian trình mới; tính theo thời gian trình ban đầu"
        )),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Span;
    use crate::model::SourceLoc;
    use crate::programme::read::{Said, said};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn month(year: i32, month: u32) -> Due {
        Due::Span(Span::Month { year, month })
    }

    /// An item due in March 2025 (deadline 31/03/2025), of the Sở Nội vụ.
    fn item() -> Item {
        Item {
            source: SourceLoc {
                file: "ctct.xlsx".into(),
                sheet: None,
                row: 5,
            },
            content: Some("Đề án vị trí việc làm".to_string()),
            agency: Some("Sở Nội vụ".to_string()),
            leader: None,
            planned: Some(month(2025, 3)),
            postponed: None,
            submitted: None,
            submission_no: None,
            issued: None,
            issued_doc: None,
            status_text: None,
            note: None,
            said: Said::default(),
        }
    }

    fn with_status(mut it: Item, text: &str) -> Item {
        it.said = said(text);
        it.status_text = Some(text.to_string());
        it
    }

    fn judge(it: &Item, c: NaiveDate) -> (ItemStatus, bool) {
        let d = deadlines(it).unwrap();
        assert_eq!(screen(it, Some(&d)), Screen::Counted);
        status_at(it, &d, c)
    }

    #[test]
    fn planned_deadline_is_the_last_day_of_the_month_or_quarter_or_the_date() {
        let d = deadlines(&item()).unwrap();
        assert_eq!(d.effective_day(), ymd(2025, 3, 31));
        assert_eq!(d.moved, None);
        let mut q = item();
        q.planned = Some(Due::Span(Span::Quarter {
            year: 2025,
            quarter: 2,
        }));
        assert_eq!(deadlines(&q).unwrap().effective_day(), ymd(2025, 6, 30));
        q.planned = Some(Due::Day(ymd(2025, 5, 15)));
        assert_eq!(deadlines(&q).unwrap().effective_day(), ymd(2025, 5, 15));
    }

    #[test]
    fn a_postponement_gives_the_effective_deadline_column_before_text() {
        let by_text = with_status(item(), "Xin lùi sang tháng 6/2025");
        let d = deadlines(&by_text).unwrap();
        assert_eq!(
            (d.effective_day(), d.moved),
            (ymd(2025, 6, 30), Some(MovedBy::Text))
        );
        let mut by_column = with_status(item(), "Lùi sang Quý III/2025");
        by_column.postponed = Some(month(2025, 8));
        let d = deadlines(&by_column).unwrap();
        assert_eq!(
            (d.effective_day(), d.moved),
            (ymd(2025, 8, 31), Some(MovedBy::Column))
        );
        assert_eq!(
            contradictions(&by_column, Some(&d)),
            vec![
                "cột thời gian trình sau điều chỉnh ghi 31/08/2025, còn «Lùi sang Quý III/2025» \
                 ghi Quý III/2025; tính theo cột"
                    .to_string()
            ]
        );
        // A "postponement" to the planned time itself moves nothing.
        let mut same = item();
        same.postponed = Some(Due::Day(ymd(2025, 3, 31)));
        assert_eq!(deadlines(&same).unwrap().moved, None);
        // No new time given: the planned deadline stands, and the row is reported.
        let vague = with_status(item(), "Xin lùi thời gian trình");
        let d = deadlines(&vague).unwrap();
        assert_eq!((d.effective_day(), d.moved), (ymd(2025, 3, 31), None));
        assert_eq!(contradictions(&vague, Some(&d)).len(), 1);
    }

    #[test]
    fn submitted_on_or_before_the_deadline_is_on_time_after_it_late() {
        let c = ymd(2025, 6, 20);
        let mut it = item();
        it.submitted = Some(ymd(2025, 3, 31));
        assert_eq!(judge(&it, c), (ItemStatus::OnTime, false));
        it.submitted = Some(ymd(2025, 4, 1));
        assert_eq!(judge(&it, c), (ItemStatus::Late, false));
        // Judged on the postponed deadline: 30/06/2025.
        let mut moved = with_status(it.clone(), "Xin lùi sang tháng 6/2025");
        moved.submitted = Some(ymd(2025, 6, 10));
        assert_eq!(judge(&moved, c), (ItemStatus::OnTime, false));
    }

    #[test]
    fn a_submission_or_issue_date_after_the_cut_off_does_not_count() {
        let mut it = item();
        it.submitted = Some(ymd(2025, 3, 20));
        it.issued = Some(ymd(2025, 4, 10));
        // Issued counts from its own date on; submitted from its own.
        assert_eq!(judge(&it, ymd(2025, 4, 9)), (ItemStatus::OnTime, false));
        assert_eq!(judge(&it, ymd(2025, 4, 10)), (ItemStatus::OnTime, true));
        // Before the submission date: not submitted; before 31/03 not yet due, after overdue.
        assert_eq!(judge(&it, ymd(2025, 3, 19)), (ItemStatus::NotYetDue, false));
        it.submitted = Some(ymd(2025, 5, 2));
        it.issued = None;
        assert_eq!(judge(&it, ymd(2025, 4, 30)), (ItemStatus::Overdue, false));
    }

    #[test]
    fn not_submitted_is_overdue_only_after_the_deadline_day() {
        let it = item();
        assert_eq!(judge(&it, ymd(2025, 3, 31)), (ItemStatus::NotYetDue, false));
        assert_eq!(judge(&it, ymd(2025, 4, 1)), (ItemStatus::Overdue, false));
    }

    #[test]
    fn texts_decide_only_where_the_dates_are_missing() {
        let c = ymd(2025, 12, 31);
        let on_time = with_status(item(), "Đã trình đúng hạn");
        assert_eq!(judge(&on_time, c), (ItemStatus::OnTime, false));
        let late_issued = with_status(item(), "Trình chậm, đã ban hành");
        assert_eq!(judge(&late_issued, c), (ItemStatus::Late, true));
        // Dates win: a submission date on 10/03 makes "quá hạn" on time, and is reported.
        let mut dated = with_status(item(), "Đã trình quá hạn");
        dated.submitted = Some(ymd(2025, 3, 10));
        assert_eq!(judge(&dated, c), (ItemStatus::OnTime, false));
        let d = deadlines(&dated).unwrap();
        assert_eq!(contradictions(&dated, Some(&d)).len(), 1);
        // "Chưa trình" with a submission date: the date wins.
        let mut open = with_status(item(), "Chưa trình");
        open.submitted = Some(ymd(2025, 4, 2));
        assert_eq!(judge(&open, c), (ItemStatus::Late, false));
        // "Đã ban hành" without an issue date: issued, once submitted by its date.
        let mut issued = with_status(item(), "Đã ban hành");
        issued.submitted = Some(ymd(2025, 3, 2));
        assert_eq!(judge(&issued, c), (ItemStatus::OnTime, true));
    }

    #[test]
    fn without_the_dates_needed_an_item_is_left_out_with_the_reason() {
        let said_submitted = with_status(item(), "Đã trình");
        let d = deadlines(&said_submitted);
        assert_eq!(
            screen(&said_submitted, d.as_ref()),
            Screen::Excluded(
                "ghi «Đã trình» nhưng không có ngày trình: không biết trình đúng hạn hay quá hạn"
                    .to_string()
            )
        );
        let mut issued_only = item();
        issued_only.issued = Some(ymd(2025, 4, 1));
        assert!(matches!(
            screen(&issued_only, deadlines(&issued_only).as_ref()),
            Screen::Excluded(_)
        ));
        let mut no_agency = item();
        no_agency.agency = None;
        assert_eq!(
            screen(&no_agency, deadlines(&no_agency).as_ref()),
            Screen::Excluded("không có cơ quan chủ trì".to_string())
        );
        let mut no_time = item();
        no_time.planned = None;
        assert_eq!(deadlines(&no_time), None);
        assert!(matches!(screen(&no_time, None), Screen::Excluded(_)));
    }

    #[test]
    fn withdrawn_items_leave_the_counts_whatever_their_dates() {
        for text in ["Rút khỏi chương trình", "Xin rút", "Đã rút", "Không trình"] {
            let mut it = with_status(item(), text);
            assert_eq!(screen(&it, deadlines(&it).as_ref()), Screen::Withdrawn);
            it.submitted = Some(ymd(2025, 3, 1));
            assert_eq!(screen(&it, deadlines(&it).as_ref()), Screen::Withdrawn);
            assert_eq!(contradictions(&it, deadlines(&it).as_ref()).len(), 1);
        }
    }

    #[test]
    fn an_issue_date_before_the_submission_date_is_reported() {
        let mut it = item();
        it.submitted = Some(ymd(2025, 3, 20));
        it.issued = Some(ymd(2025, 3, 10));
        assert_eq!(
            contradictions(&it, deadlines(&it).as_ref()),
            vec!["ngày ban hành 10/03/2025 trước ngày trình 20/03/2025".to_string()]
        );
    }
}
