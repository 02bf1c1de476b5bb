//! The words of an urging letter (công văn đôn đốc) to one agency, before any layout: the
//! heading block's lines (issuing body, number, subject «V/v …», place and date), «Kính gửi»
//! with the agency's head where the directory names one, the paragraph with its counts at the
//! cut-off, its two lists as tables (`render::tables::agency_tasks`), the request to complete
//! or send a written explanation (báo cáo giải trình) by the reply date, the signature block
//! and the «Nơi nhận» list. The Word and the PDF letter draw this and add no word of their own.

use chrono::Duration;

use crate::model::{DUE_SOON_DAYS, Letter, Letters};
use crate::period;
use crate::render::tables::{self, TaskList, TextTable};
use crate::render::words;
use crate::vn_number::{count, date};
use crate::vn_text::fold;

/// One of the letter's two lists: its caption, then its table or the sentence that it is
/// empty.
#[derive(Clone, Debug, PartialEq)]
pub struct ListText {
    pub caption: String,
    pub table: Option<TextTable>,
    pub none: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LetterText {
    pub issuer: String,
    pub issuer_sub: String,
    /// «Số:        /VP-TH».
    pub number: String,
    /// «V/v đôn đốc …».
    pub subject: String,
    pub place_date: String,
    /// «Kính gửi: Giám đốc Sở Tài chính.»
    pub address: String,
    /// The counts at the cut-off.
    pub opening: String,
    pub lists: Vec<ListText>,
    /// The request with the reply date, then the closing sentence.
    pub closing: Vec<String>,
    pub signer_title: Vec<String>,
    pub signer: Option<String>,
    /// «- Như trên;» … «- Lưu: VT, TH.»
    pub recipients: Vec<String>,
}

pub const SUBJECT: &str = "V/v đôn đốc thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao";
pub const RECIPIENTS_HEAD: &str = "Nơi nhận:";

/// «Giám đốc Sở Tài chính» where the directory gives the head's title, else the agency. A
/// title ending with the words the name begins with says them once: «Chánh Thanh tra» of
/// «Thanh tra tỉnh» is the «Chánh Thanh tra tỉnh», «Trưởng ban» of «Ban Dân tộc» the
/// «Trưởng Ban Dân tộc».
fn addressee(letter: &Letter) -> String {
    let Some(title) = &letter.head_title else {
        return letter.agency.clone();
    };
    let title_words: Vec<&str> = title.split_whitespace().collect();
    let name_words: Vec<&str> = letter.agency.split_whitespace().collect();
    let same = |a: &[&str], b: &[&str]| fold(&a.join(" ")) == fold(&b.join(" "));
    let overlap = (1..title_words.len().min(name_words.len() + 1))
        .rev()
        .find(|&n| same(&title_words[title_words.len() - n..], &name_words[..n]))
        .unwrap_or(0);
    let kept = title_words[..title_words.len() - overlap].join(" ");
    format!("{kept} {}", letter.agency)
}

/// Each recipient on a line of its own, «- » before it, «;» after it and «.» after the last.
fn recipient_lines(recipients: &[String]) -> Vec<String> {
    let items: Vec<&str> = recipients
        .iter()
        .map(|r| r.trim().trim_start_matches(['-', '–']).trim())
        .map(|r| r.trim_end_matches([';', '.', ',']).trim_end())
        .filter(|r| !r.is_empty())
        .collect();
    let last = items.len().saturating_sub(1);
    items
        .iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}", if i == last { "." } else { ";" }))
        .collect()
}

pub fn letter_text(set: &Letters, letter: &Letter) -> LetterText {
    let meta = &set.meta;
    let sender = &set.sender;
    let cut_off = meta.period.effective_end();
    let c = &letter.counts;
    let completed = if c.completed > 0 {
        format!(
            "đã hoàn thành {} nhiệm vụ ({} nhiệm vụ đúng hạn, {} nhiệm vụ quá hạn)",
            count(c.completed),
            count(c.on_time),
            count(c.late)
        )
    } else {
        "chưa hoàn thành nhiệm vụ nào".to_string()
    };
    let opening = format!(
        "Qua theo dõi, tổng hợp tình hình thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh \
         giao {}, {} được giao {} nhiệm vụ: {completed}; còn {} nhiệm vụ chưa hoàn thành, trong \
         đó {} nhiệm vụ đã quá thời hạn và {} nhiệm vụ còn thời hạn ({} nhiệm vụ đến hạn trong \
         {DUE_SOON_DAYS} ngày tới). Danh mục các nhiệm vụ quá hạn và sắp đến hạn như sau:",
        period::span_phrase(&meta.period),
        letter.agency,
        count(c.total),
        count(c.not_completed),
        count(c.overdue),
        count(c.within),
        count(letter.due_soon.len() as u64),
    );
    let horizon = cut_off + Duration::days(DUE_SOON_DAYS);
    let list =
        |tasks: &[crate::model::TaskLine], which: TaskList, caption: String, none| ListText {
            caption,
            table: (!tasks.is_empty()).then(|| tables::agency_tasks(tasks, which)),
            none,
        };
    let lists = vec![
        list(
            &letter.overdue,
            TaskList::Overdue,
            format!(
                "1. Nhiệm vụ chưa hoàn thành đã quá thời hạn đến hết ngày {} ({} nhiệm vụ)",
                date(cut_off),
                count(letter.overdue.len() as u64)
            ),
            "Không có nhiệm vụ chưa hoàn thành quá hạn.".to_string(),
        ),
        list(
            &letter.due_soon,
            TaskList::DueSoon,
            format!(
                "2. Nhiệm vụ đến hạn từ ngày {} đến ngày {} ({} nhiệm vụ)",
                date(cut_off),
                date(horizon),
                count(letter.due_soon.len() as u64)
            ),
            format!("Không có nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới."),
        ),
    ];
    let (overdue, due) = (!letter.overdue.is_empty(), !letter.due_soon.is_empty());
    let asked = match (overdue, due) {
        (true, true) => {
            "các nhiệm vụ đã quá thời hạn nêu tại mục 1 và hoàn thành đúng hạn các \
                         nhiệm vụ nêu tại mục 2"
        }
        (true, false) => "các nhiệm vụ đã quá thời hạn nêu tại mục 1",
        (false, _) => "đúng hạn các nhiệm vụ nêu tại mục 2",
    };
    // A head of agency is asked to direct the work; an agency, to do it.
    let (who, act) = match &letter.head_title {
        Some(_) => (addressee(letter), "chỉ đạo hoàn thành"),
        None => (letter.agency.clone(), "hoàn thành"),
    };
    let urgently = if overdue { "khẩn trương " } else { "" };
    let closing = vec![
        format!(
            "Để bảo đảm tiến độ thực hiện các nhiệm vụ được giao, {} đề nghị {who} {urgently}\
             {act} {asked}; trường hợp chưa hoàn thành, đề nghị có báo cáo giải trình, nêu rõ \
             nguyên nhân, khó khăn, vướng mắc và đề xuất thời hạn hoàn thành, gửi về {} trước \
             ngày {} để tổng hợp, báo cáo Chủ tịch UBND tỉnh.",
            sender.name,
            sender.name,
            date(set.reply_by)
        ),
        format!(
            "{} thông báo để {} biết, thực hiện./.",
            sender.name, letter.agency
        ),
    ];
    LetterText {
        issuer: meta.issuer.to_uppercase(),
        issuer_sub: meta.issuer_sub.to_uppercase(),
        number: words::number_line(&sender.sign),
        subject: SUBJECT.to_string(),
        place_date: words::place_date_line(&meta.place, meta.report_date),
        address: format!("Kính gửi: {}.", addressee(letter)),
        opening,
        lists,
        closing,
        signer_title: sender.signer_title.clone(),
        signer: sender.signer.clone(),
        recipients: recipient_lines(&sender.recipients),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basis, Counts, ReportMeta, Sender, SourceLoc, Status, TaskLine};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn task(number: &str, status: Status) -> TaskLine {
        TaskLine {
            agency: "Sở Xây dựng".into(),
            task_id: None,
            doc_number: Some(number.into()),
            doc_date: Some(d(2025, 3, 3)),
            summary: Some("Thẩm định dự án cầu Hòa Bình".into()),
            leader: None,
            assigned: Some(d(2025, 3, 3)),
            deadline_used: Some(d(2025, 10, 31)),
            completed: None,
            status,
            days_overdue: (status == Status::Overdue).then_some(21),
            days_left: (status == Status::Within).then_some(9),
            stale: None,
            officer: None,
            is_key: false,
            source: SourceLoc {
                file: "nv.xlsx".into(),
                sheet: None,
                row: 3,
            },
        }
    }

    /// Sở Xây dựng at 21/11/2025: 10 tasks — 7 completed (6 on time, 1 late), 3 open (1
    /// overdue, 2 within, of which 1 is due by 21/12).
    fn set(head_title: Option<&str>, overdue: bool) -> (Letters, Letter) {
        let period = period::parse("2025", Some(d(2025, 11, 21))).unwrap();
        let letters = Letters {
            meta: ReportMeta {
                issuer: "UBND tỉnh Bình An".to_string(),
                issuer_sub: "Văn phòng".to_string(),
                place: "Bình An".to_string(),
                report_date: d(2025, 11, 21),
                period,
                previous: None,
                basis: Basis::Assigned,
                rounding: Default::default(),
            },
            sender: Sender {
                sign: "VP-TH".to_string(),
                name: "Văn phòng UBND tỉnh".to_string(),
                signer_title: vec!["CHÁNH VĂN PHÒNG".to_string()],
                signer: None,
                recipients: vec!["Như trên".to_string()],
            },
            reply_by: d(2025, 11, 28),
            letters: vec![],
        };
        let letter = Letter {
            agency: "Sở Xây dựng".to_string(),
            code: Some("SXD".to_string()),
            head_title: head_title.map(String::from),
            counts: Counts::from_parts(6, 1, 2, 1, 0),
            overdue: if overdue {
                vec![task("77/UBND-KT", Status::Overdue)]
            } else {
                vec![]
            },
            due_soon: vec![task("78/UBND-KT", Status::Within)],
        };
        (letters, letter)
    }

    #[test]
    fn a_letter_gives_the_counts_the_lists_and_the_reply_date() {
        let (letters, letter) = set(Some("Giám đốc"), true);
        let text = letter_text(&letters, &letter);
        assert_eq!(text.issuer, "UBND TỈNH BÌNH AN");
        assert_eq!(text.address, "Kính gửi: Giám đốc Sở Xây dựng.");
        assert!(text.opening.contains(
            "Sở Xây dựng được giao 10 nhiệm vụ: đã hoàn thành 7 nhiệm vụ (6 nhiệm vụ đúng hạn, 1 \
             nhiệm vụ quá hạn); còn 3 nhiệm vụ chưa hoàn thành, trong đó 1 nhiệm vụ đã quá thời \
             hạn và 2 nhiệm vụ còn thời hạn (1 nhiệm vụ đến hạn trong 30 ngày tới)."
        ));
        assert_eq!(
            text.lists[1].caption,
            "2. Nhiệm vụ đến hạn từ ngày 21/11/2025 đến ngày 21/12/2025 (1 nhiệm vụ)"
        );
        let rows: Vec<&Vec<String>> = text
            .lists
            .iter()
            .flat_map(|l| l.table.iter().flat_map(|t| &t.rows).map(|r| &r.cells))
            .collect();
        assert_eq!(
            rows,
            [
                &vec![
                    "1".to_string(),
                    "77/UBND-KT ngày 03/03/2025".to_string(),
                    "Thẩm định dự án cầu Hòa Bình".to_string(),
                    "31/10/2025".to_string(),
                    "21".to_string()
                ],
                &vec![
                    "1".to_string(),
                    "78/UBND-KT ngày 03/03/2025".to_string(),
                    "Thẩm định dự án cầu Hòa Bình".to_string(),
                    "31/10/2025".to_string(),
                    "9".to_string()
                ],
            ]
        );
        assert!(text.closing[0].contains(
            "đề nghị Giám đốc Sở Xây dựng khẩn trương chỉ đạo hoàn thành các nhiệm vụ đã quá thời \
             hạn nêu tại mục 1 và hoàn thành đúng hạn các nhiệm vụ nêu tại mục 2;"
        ));
        assert!(text.closing[0].contains("gửi về Văn phòng UBND tỉnh trước ngày 28/11/2025"));
        assert_eq!(
            text.closing[1],
            "Văn phòng UBND tỉnh thông báo để Sở Xây dựng biết, thực hiện./."
        );
        assert_eq!(text.recipients, ["- Như trên."]);
    }

    #[test]
    fn without_overdue_tasks_or_a_head_title_the_request_is_the_agency_s_own() {
        let (letters, letter) = set(None, false);
        let text = letter_text(&letters, &letter);
        assert_eq!(text.address, "Kính gửi: Sở Xây dựng.");
        assert_eq!(text.lists[0].table, None);
        assert_eq!(
            text.lists[0].none,
            "Không có nhiệm vụ chưa hoàn thành quá hạn."
        );
        assert!(
            text.closing[0]
                .contains("đề nghị Sở Xây dựng hoàn thành đúng hạn các nhiệm vụ nêu tại mục 2;")
        );
    }

    #[test]
    fn the_head_s_title_and_the_agency_s_name_share_their_common_words() {
        let to = |title: &str, agency: &str| {
            let (_, mut letter) = set(Some(title), true);
            letter.agency = agency.to_string();
            addressee(&letter)
        };
        assert_eq!(to("Giám đốc", "Sở Tài chính"), "Giám đốc Sở Tài chính");
        assert_eq!(
            to("Chánh Thanh tra", "Thanh tra tỉnh"),
            "Chánh Thanh tra tỉnh"
        );
        assert_eq!(
            to("Chánh Văn phòng", "Văn phòng UBND tỉnh"),
            "Chánh Văn phòng UBND tỉnh"
        );
        assert_eq!(to("Trưởng ban", "Ban Dân tộc"), "Trưởng Ban Dân tộc");
        assert_eq!(
            to("Cục trưởng", "Cục Thống kê tỉnh"),
            "Cục trưởng Cục Thống kê tỉnh"
        );
        assert_eq!(
            to("Chủ tịch", "UBND xã Tân Hòa"),
            "Chủ tịch UBND xã Tân Hòa"
        );
    }

    #[test]
    fn recipients_get_their_dashes_and_end_punctuation_once() {
        let given = [
            "Như trên",
            "- Chủ tịch, các PCT UBND tỉnh (b/c);",
            " Lưu: VT, TH. ",
        ]
        .map(String::from);
        assert_eq!(
            recipient_lines(&given),
            [
                "- Như trên;",
                "- Chủ tịch, các PCT UBND tỉnh (b/c);",
                "- Lưu: VT, TH."
            ]
        );
        assert!(recipient_lines(&[]).is_empty());
    }
}
