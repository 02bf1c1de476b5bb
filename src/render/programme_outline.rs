//! The work programme's report as a document outline (`render::outline::Outline`), before any
//! layout: the title lines and the title note, the five numbered sections of page 1 (I.
//! overall results — `programme_words`' summary paragraphs —, II. by agency group, III.
//! overdue and coming-due items, IV. postponed and withdrawn items, V. data quality), then the
//! three annexes: I. the per-agency table and its notes, II. the overdue items and, under a
//! second heading, the items coming due, III. the postponed and withdrawn items in three
//! numbered lists. The programme's PDF and Word document both draw this and add no word of
//! their own; the tables come from `programme_tables`.
//!
//! A `Part::Heading` with an empty subtitle is a numbered caption over one list of Annex III
//! («1. Nội dung được lùi thời gian trình, vẫn trong kỳ»), set bold at the left; one with a
//! subtitle is a second centred heading (the coming-due list under the overdue one).

use crate::model::{ItemLine, ProgrammeRate, ProgrammeReport};
use crate::period;
use crate::render::outline::{Annex, AnnexKind, Outline, Part, Section};
use crate::render::programme_tables::{self as tables, ItemList, LIST_MAX};
use crate::render::programme_words::{
    group_line, lists_paragraph, moved_items_paragraph, quality_paragraph, reconciliation,
    span_line, summary_paragraphs,
};
use crate::vn_number::{count, date, percent};

/// The annexes' Roman numerals, in the order of [`Outline::annexes`]: the agencies, the
/// overdue and coming-due lists, the postponed and withdrawn items.
pub const ANNEX_NUMERALS: [&str; 3] = ["I", "II", "III"];

/// Glue between words that must stay on one line ("năm\u{a0}2025").
const NO_BREAK: char = '\u{a0}';

pub fn outline(report: &ProgrammeReport) -> Outline {
    let meta = &report.meta;
    let subject = format!(
        "Tình hình thực hiện Chương trình công tác {} của UBND tỉnh",
        period::phrase(&meta.period).replace("năm ", &format!("năm{NO_BREAK}"))
    );
    Outline {
        title: vec!["BÁO CÁO".to_string(), subject],
        title_note: Some(format!(
            "(Số liệu đến hết ngày {})",
            date(meta.period.effective_end())
        )),
        sections: sections(report),
        annexes: vec![
            agency_annex(report),
            lists_annex(report),
            moved_annex(report),
        ],
    }
}

fn section(heading: &str, paragraphs: Vec<String>) -> Section {
    Section {
        heading: heading.to_string(),
        paragraphs,
    }
}

fn sections(report: &ProgrammeReport) -> Vec<Section> {
    let r = report.meta.rounding;
    let mut by_agency: Vec<String> = report
        .sections
        .iter()
        .map(|s| group_line(&s.name, &s.subtotal, r))
        .collect();
    by_agency.push(
        "Kết quả của từng cơ quan, đơn vị và so sánh với cùng kỳ năm trước tại Phụ lục I."
            .to_string(),
    );
    vec![
        section("I. Kết quả chung", summary_paragraphs(report)),
        section("II. Kết quả theo cơ quan, đơn vị", by_agency),
        section(
            "III. Nội dung chưa trình quá hạn và sắp đến hạn trình",
            vec![lists_paragraph(report)],
        ),
        section(
            "IV. Nội dung lùi thời gian trình, rút khỏi chương trình",
            vec![moved_items_paragraph(report)],
        ),
        section("V. Chất lượng dữ liệu", vec![quality_paragraph(report)]),
    ]
}

fn annex(
    kind: AnnexKind,
    numeral: &str,
    title: String,
    subtitle: String,
    parts: Vec<Part>,
) -> Annex {
    Annex {
        kind,
        label: format!("PHỤ LỤC {numeral}"),
        title,
        subtitle,
        parts,
    }
}

fn note(text: &str) -> Part {
    Part::Note(text.to_string())
}

/// Annex I: the per-agency table, then what its columns and rates mean, last year's figures
/// and what is left out.
fn agency_annex(report: &ProgrammeReport) -> Annex {
    let meta = &report.meta;
    let mut parts = vec![
        Part::Table(tables::agencies(report)),
        note("Ghi chú:"),
        note(
            "- (3) = (4) + (8): số nội dung phải trình = đã trình + chưa trình; (4) = (5) + (6): \
             đã trình = trình đúng hạn + trình quá hạn, (7) đã ban hành là một phần của (4); (8) \
             = (9) + (10): chưa trình = quá hạn + chưa đến hạn; (11) lùi thời gian trình, đã tính \
             trong các cột trên theo thời hạn mới.",
        ),
    ];
    for rate in ProgrammeRate::ALL {
        parts.push(Part::Note(format!("- {}.", rate.definition())));
    }
    parts.push(note(
        "- Tỷ lệ có mẫu số bằng 0 ghi “-”; nội dung chưa trình quá hạn hay chưa đến hạn xác định \
         tại ngày chốt số liệu; lùi thời gian trình là số nội dung đã được lùi, tính theo thời \
         hạn mới.",
    ));
    if let Some(previous) = report.previous_total.filter(|p| p.planned > 0) {
        parts.push(Part::Note(format!(
            "- Cùng kỳ năm trước: {} nội dung phải trình, tỷ lệ đã trình {}, tỷ lệ đã ban hành {}.",
            count(previous.planned),
            percent(previous.rate(ProgrammeRate::Submitted), meta.rounding),
            percent(previous.rate(ProgrammeRate::Issued), meta.rounding)
        )));
    }
    parts.push(Part::Note(format!("- {}", reconciliation(report))));
    annex(
        AnnexKind::Agencies,
        ANNEX_NUMERALS[0],
        format!(
            "TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC {} THEO CƠ QUAN CHỦ TRÌ",
            period::phrase(&meta.period).to_uppercase()
        ),
        span_line(meta),
        parts,
    )
}

/// One list: its table of at most [`LIST_MAX`] items and a line saying where the rest is, or
/// the sentence `none` when it is empty.
fn list_parts(
    lines: &[ItemLine],
    table: impl Fn(&[ItemLine]) -> crate::render::tables::TextTable,
    none: &str,
    sheet: &str,
) -> Vec<Part> {
    if lines.is_empty() {
        return vec![note(none)];
    }
    let shown = &lines[..lines.len().min(LIST_MAX)];
    let mut parts = vec![Part::Table(table(shown))];
    if lines.len() > shown.len() {
        parts.push(Part::Note(format!(
            "… và {} nội dung khác; danh sách đầy đủ ở sheet «{sheet}» của tệp Excel.",
            count((lines.len() - shown.len()) as u64)
        )));
    }
    parts
}

/// Annex II: the overdue items (most overdue first), then the items coming due by the end of
/// the next month.
fn lists_annex(report: &ProgrammeReport) -> Annex {
    let cut = date(report.meta.period.effective_end());
    let mut parts = list_parts(
        &report.overdue,
        |l| tables::items(l, ItemList::Overdue),
        "Không có nội dung chưa trình quá hạn.",
        "Quá hạn",
    );
    parts.push(Part::Heading {
        title: "DANH MỤC NỘI DUNG SẮP ĐẾN HẠN TRÌNH".to_string(),
        subtitle: format!(
            "(Hạn trình từ {cut} đến {}: {} nội dung)",
            date(report.due_soon_until),
            count(report.due_soon.len() as u64)
        ),
    });
    parts.extend(list_parts(
        &report.due_soon,
        |l| tables::items(l, ItemList::DueSoon),
        "Không có nội dung đến hạn trình trong thời gian này.",
        "Sắp đến hạn",
    ));
    annex(
        AnnexKind::TaskLists,
        ANNEX_NUMERALS[1],
        "DANH MỤC NỘI DUNG CHƯA TRÌNH ĐÃ QUÁ HẠN".to_string(),
        format!(
            "(Tính đến hết ngày {cut}: {} nội dung, quá hạn lâu nhất trước)",
            count(report.overdue.len() as u64)
        ),
        parts,
    )
}

/// Annex III: three numbered lists — postponed within the period, postponed out of it,
/// withdrawn.
fn moved_annex(report: &ProgrammeReport) -> Annex {
    let lists: [(&str, &[ItemLine], bool); 3] = [
        (
            "1. Nội dung được lùi thời gian trình, vẫn trong kỳ",
            &report.postponed,
            false,
        ),
        (
            "2. Nội dung có thời hạn trình trong kỳ, đã lùi sang kỳ khác (không tính trong kỳ)",
            &report.postponed_out,
            false,
        ),
        (
            "3. Nội dung rút khỏi chương trình (không tính)",
            &report.withdrawn,
            true,
        ),
    ];
    let mut parts = Vec::new();
    for (caption, lines, is_withdrawn) in lists {
        parts.push(Part::Caption(caption.to_string()));
        let sheet = if is_withdrawn {
            "Rút khỏi chương trình"
        } else {
            "Lùi thời gian trình"
        };
        parts.extend(list_parts(
            lines,
            |l| tables::moved(l, is_withdrawn),
            "Không có.",
            sheet,
        ));
    }
    annex(
        AnnexKind::TaskLists,
        ANNEX_NUMERALS[2],
        "DANH MỤC NỘI DUNG LÙI THỜI GIAN TRÌNH, RÚT KHỎI CHƯƠNG TRÌNH".to_string(),
        format!(
            "({} nội dung lùi thời gian trình trong kỳ; {} nội dung lùi sang kỳ khác; {} nội dung \
             rút khỏi chương trình)",
            count(report.postponed.len() as u64),
            count(report.postponed_out.len() as u64),
            count(report.withdrawn.len() as u64)
        ),
        parts,
    )
}
