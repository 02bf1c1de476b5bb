//! The report as a document outline, before any layout: the title lines, the numbered
//! sections of page 1 with their paragraphs (I. overall results — `words`' summary
//! paragraphs —, II. by agency, III. overdue and coming-due tasks, then the scoring and the
//! trend when the report has them), and the annexes (phụ lục), each with its heading, its
//! tables (`render::tables`) and its notes. The renderers that lay out the report — the PDF
//! (`render::pdf`) and the Word document (`render::docx`) — draw this and add no word of
//! their own but the labels of the PDF's charts: each word of the report is written here once.

use chrono::Duration;

use crate::model::{DUE_SOON_DAYS, LeftOut, Ranking, Rate, Report, UNRANKED};
use crate::period;
use crate::render::tables::{self, TaskList, TextTable};
use crate::render::words;
use crate::vn_number::{count, date, percent, roman};

/// The PDF and the Word report list at most this many tasks per list (the most overdue
/// first); the workbook's sheets hold them all. A national roll-up can have tens of thousands
/// of open tasks, which no one reads on paper.
pub const LIST_MAX: usize = 300;

/// Glue between words that must stay on one line ("năm\u{a0}2025").
const NO_BREAK: char = '\u{a0}';

#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// «BÁO CÁO» and the subject line.
    pub title: Vec<String>,
    /// «(Số liệu tính đến hết ngày …)» for a cut-off before the period's end.
    pub title_note: Option<String>,
    pub sections: Vec<Section>,
    pub annexes: Vec<Annex>,
}

/// A numbered section of the body: «I. Kết quả chung» and its paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// An annex: «PHỤ LỤC I», its title and subtitle, then its parts in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Annex {
    /// What the annex shows, for a renderer that sets one kind its own way (the PDF draws the
    /// on-time shares as bars and the trend with a line chart under its table).
    pub kind: AnnexKind,
    pub label: String,
    pub title: String,
    pub subtitle: String,
    pub parts: Vec<Part>,
}

/// The annexes, in the order a report has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnexKind {
    Agencies,
    OnTimeShares,
    TaskLists,
    Ranking,
    Trend,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Table(TextTable),
    /// A second heading inside the annex (the coming-due list under the overdue one).
    Heading {
        title: String,
        subtitle: String,
    },
    /// A bold line introducing the table under it (the agencies the ranking leaves out).
    Caption(String),
    /// A note line under a table (rate definitions, "… và N nhiệm vụ khác").
    Note(String),
}

/// The annexes' Roman numerals, as the body refers to them: I agencies, II on-time shares,
/// III task lists, then the ranking and the trend when present.
struct Numerals {
    agencies: String,
    shares: String,
    lists: String,
    ranking: Option<String>,
    trend: Option<String>,
}

impl Numerals {
    fn of(report: &Report) -> Self {
        let mut next = 4;
        let mut take = |present: bool| {
            present.then(|| {
                let numeral = roman(next);
                next += 1;
                numeral
            })
        };
        let ranking = take(report.ranking.is_some());
        let trend = take(report.trend.is_some());
        Numerals {
            agencies: roman(1),
            shares: roman(2),
            lists: roman(3),
            ranking,
            trend,
        }
    }
}

/// «PHỤ LỤC IV».
fn annex_label(numeral: &str) -> String {
    format!("PHỤ LỤC {numeral}")
}

pub fn outline(report: &Report) -> Outline {
    let numerals = Numerals::of(report);
    let meta = &report.meta;
    let subject = format!(
        "Kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao {}",
        period::phrase(&meta.period).replace("năm ", &format!("năm{NO_BREAK}"))
    );
    let title_note = (meta.period.effective_end() < meta.period.end).then(|| {
        format!(
            "(Số liệu tính đến hết ngày {})",
            date(meta.period.effective_end())
        )
    });
    let mut annexes = vec![
        agency_annex(report, &numerals.agencies),
        shares_annex(report, &numerals.shares),
        lists_annex(report, &numerals.lists),
    ];
    if let (Some(ranking), Some(numeral)) = (&report.ranking, &numerals.ranking) {
        annexes.push(ranking_annex(ranking, numeral));
    }
    if let (Some(trend), Some(numeral)) = (&report.trend, &numerals.trend) {
        annexes.push(Annex {
            kind: AnnexKind::Trend,
            label: annex_label(numeral),
            title: "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUA CÁC KỲ".to_string(),
            subtitle: "(Toàn tỉnh; tỷ lệ đúng hạn tính trên số nhiệm vụ đã hoàn thành)".to_string(),
            parts: vec![Part::Table(tables::trend(trend, meta.rounding))],
        });
    }
    Outline {
        title: vec!["BÁO CÁO".to_string(), subject],
        title_note,
        sections: sections(report, &numerals),
        annexes,
    }
}

/// The ranking annex: the table, the agencies it leaves out with their counts and reason,
/// how the points are worked out.
pub fn ranking_annex(ranking: &Ranking, numeral: &str) -> Annex {
    let mut parts = vec![Part::Table(tables::ranking(ranking))];
    if !ranking.unranked.is_empty() {
        parts.push(Part::Caption(format!(
            "{UNRANKED} (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)"
        )));
        parts.push(Part::Table(tables::unranked(&ranking.unranked)));
    }
    if !ranking.rule_lines.is_empty() {
        parts.push(Part::Note("Cách tính điểm:".to_string()));
        parts.extend(
            ranking
                .rule_lines
                .iter()
                .map(|l| Part::Note(format!("- {l}"))),
        );
    }
    Annex {
        kind: AnnexKind::Ranking,
        label: annex_label(numeral),
        title: "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG TIÊU CHÍ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO".to_string(),
        subtitle: format!("(Theo {})", ranking.rule_name),
        parts,
    }
}

fn sections(report: &Report, numerals: &Numerals) -> Vec<Section> {
    let mut sections = vec![
        Section {
            heading: "I. Kết quả chung".to_string(),
            paragraphs: words::summary_paragraphs(report),
        },
        agencies_section(report, numerals),
        overdue_section(report, numerals),
    ];
    let rounding = report.meta.rounding;
    let mut next = 4;
    if let (Some(ranking), Some(numeral)) = (&report.ranking, &numerals.ranking) {
        let ranked = ranking
            .agencies
            .iter()
            .filter(|a| a.points.is_some())
            .count();
        // Agencies with tasks outside the ranking are named too, so the page accounts for
        // every task of the figures.
        let unranked = if ranking.unranked.is_empty() {
            String::new()
        } else {
            format!(
                "; {} cơ quan, đơn vị có nhiệm vụ nhưng chưa xếp hạng được liệt kê cuối phụ lục, \
                 có ghi lý do",
                count(ranking.unranked.len() as u64)
            )
        };
        sections.push(Section {
            heading: format!("{}. Kết quả chấm điểm thi đua", roman(next)),
            paragraphs: vec![format!(
                "Chấm điểm tiêu chí thực hiện nhiệm vụ được giao theo «{}» cho {} cơ quan, đơn \
                 vị; kết quả, xếp hạng trong khối và toàn tỉnh tại Phụ lục {numeral}{unranked}.",
                ranking.rule_name,
                count(ranked as u64)
            )],
        });
        next += 1;
    }
    if let (Some(trend), Some(numeral)) = (&report.trend, &numerals.trend) {
        let paragraphs = match (trend.first(), trend.last()) {
            (Some(first), Some(last)) => vec![format!(
                "Tỷ lệ hoàn thành {} là {}, {} là {}; tỷ lệ hoàn thành đúng hạn tương ứng {} \
                 và {}. Chi tiết tại Phụ lục {numeral}.",
                period::phrase(&first.period),
                percent(first.total.rate(Rate::Completion), rounding),
                period::phrase(&last.period),
                percent(last.total.rate(Rate::Completion), rounding),
                percent(first.total.rate(Rate::OnTimeOfCompleted), rounding),
                percent(last.total.rate(Rate::OnTimeOfCompleted), rounding),
            )],
            _ => Vec::new(),
        };
        sections.push(Section {
            heading: format!("{}. Xu hướng qua các kỳ", roman(next)),
            paragraphs,
        });
    }
    sections
}

/// II. One line per group with its sub-total, then the pointer to the annexes.
fn agencies_section(report: &Report, numerals: &Numerals) -> Section {
    let rounding = report.meta.rounding;
    let mut paragraphs: Vec<String> = report
        .sections
        .iter()
        .map(|section| {
            let c = &section.subtotal;
            let completed = if c.completed > 0 {
                format!(
                    ", trong đó đúng hạn {} (chiếm {})",
                    count(c.on_time),
                    percent(c.rate(Rate::OnTimeOfCompleted), rounding)
                )
            } else {
                String::new()
            };
            format!(
                "- {}: {} nhiệm vụ; đã hoàn thành {} (đạt {}){completed}; chưa hoàn thành {}, \
                 trong đó quá hạn {}.",
                section.name,
                count(c.total),
                count(c.completed),
                percent(c.rate(Rate::Completion), rounding),
                count(c.not_completed),
                count(c.overdue),
            )
        })
        .collect();
    paragraphs.push(format!(
        "Kết quả chi tiết của từng cơ quan, đơn vị tại Phụ lục {}; tỷ lệ hoàn thành đúng hạn \
         của từng cơ quan, đơn vị tại Phụ lục {}.",
        numerals.agencies, numerals.shares
    ));
    Section {
        heading: "II. Kết quả theo cơ quan, đơn vị".to_string(),
        paragraphs,
    }
}

/// III. The open overdue tasks at the cut-off and those due in the next days.
fn overdue_section(report: &Report, numerals: &Numerals) -> Section {
    let cut_off = report.meta.period.effective_end();
    let overdue_agencies = words::tasks_by_agency(report, &report.overdue).len();
    let overdue = if report.overdue.is_empty() {
        format!(
            "Đến hết ngày {} không có nhiệm vụ chưa hoàn thành quá hạn",
            date(cut_off)
        )
    } else {
        format!(
            "Đến hết ngày {} còn {} nhiệm vụ chưa hoàn thành quá hạn của {} cơ quan, đơn vị",
            date(cut_off),
            count(report.overdue.len() as u64),
            count(overdue_agencies as u64)
        )
    };
    let mut paragraphs = vec![format!(
        "{overdue}; {} nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới (từ {} đến {}). Danh \
         mục chi tiết tại Phụ lục {}.",
        count(report.due_soon.len() as u64),
        date(cut_off),
        date(cut_off + Duration::days(DUE_SOON_DAYS)),
        numerals.lists
    )];
    // How long the overdue tasks are overdue, and the tasks without news (issue 13).
    paragraphs.extend(words::overdue_age_sentence(report));
    paragraphs.extend(words::stale_sentence(report));
    Section {
        heading: "III. Nhiệm vụ quá hạn và sắp đến hạn".to_string(),
        paragraphs,
    }
}

/// "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi không tính; …", or None when nothing was left out.
pub fn reconciliation_line(left_out: &LeftOut) -> Option<String> {
    let parts: Vec<String> = [
        (left_out.cancelled, "nhiệm vụ đã hủy/thu hồi không tính"),
        (left_out.duplicates_merged, "dòng trùng lặp đã gộp"),
        (left_out.excluded, "dòng không đủ thông tin"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{} {what}", count(*n)))
    .collect();
    (!parts.is_empty()).then(|| format!("Ngoài ra: {}.", parts.join("; ")))
}

fn agency_annex(report: &Report, numeral: &str) -> Annex {
    let meta = &report.meta;
    let mut parts = vec![
        Part::Table(tables::agencies(report)),
        Part::Note("Ghi chú:".to_string()),
    ];
    for rate in [Rate::Completion, Rate::OnTimeOfCompleted] {
        parts.push(Part::Note(format!("- {}.", rate.definition())));
    }
    parts.push(Part::Note(
        "- Tỷ lệ có mẫu số bằng 0 ghi “-”; nhiệm vụ chưa hoàn thành quá hạn tính tại ngày chốt \
         số liệu."
            .to_string(),
    ));
    if let Some(line) = reconciliation_line(&report.left_out) {
        parts.push(Part::Note(format!("- {line}")));
    }
    // Where the data cannot support a figure or a comparison (SPEC §9).
    parts.extend(
        report
            .comparison_withheld
            .iter()
            .map(|line| Part::Note(format!("- {line}"))),
    );
    parts.extend(
        report
            .warnings
            .iter()
            .map(|warning| Part::Note(format!("- Lưu ý: {warning}"))),
    );
    Annex {
        kind: AnnexKind::Agencies,
        label: annex_label(numeral),
        title: format!(
            "KẾT QUẢ THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO {}",
            period::phrase(&meta.period).to_uppercase()
        ),
        subtitle: format!("(Số liệu {})", period::span_phrase(&meta.period)),
        parts,
    }
}

/// The on-time shares the PDF draws as bars, as a table with the PDF chart's legend.
fn shares_annex(report: &Report, numeral: &str) -> Annex {
    Annex {
        kind: AnnexKind::OnTimeShares,
        label: annex_label(numeral),
        title: "TỶ LỆ HOÀN THÀNH ĐÚNG HẠN THEO CƠ QUAN, ĐƠN VỊ".to_string(),
        subtitle: format!(
            "(Tỷ lệ đúng hạn = số hoàn thành đúng hạn / số đã hoàn thành; QH: số nhiệm vụ chưa \
             hoàn thành quá hạn đến hết ngày {})",
            date(report.meta.period.effective_end())
        ),
        parts: vec![
            Part::Table(tables::on_time_shares(report)),
            Part::Note(
                "Tỷ lệ hoàn thành đúng hạn (% số nhiệm vụ đã hoàn thành); “-”: chưa có nhiệm vụ \
                 hoàn thành."
                    .to_string(),
            ),
            Part::Note(
                "QH: số nhiệm vụ chưa hoàn thành quá hạn tại ngày chốt số liệu.".to_string(),
            ),
        ],
    }
}

fn lists_annex(report: &Report, numeral: &str) -> Annex {
    let cut_off = report.meta.period.effective_end();
    let mut parts = list_parts(report, TaskList::Overdue);
    parts.push(Part::Heading {
        title: format!("DANH MỤC NHIỆM VỤ SẮP ĐẾN HẠN TRONG {DUE_SOON_DAYS} NGÀY TỚI"),
        subtitle: format!(
            "(Hạn xử lý từ {} đến {}: {} nhiệm vụ)",
            date(cut_off),
            date(cut_off + Duration::days(DUE_SOON_DAYS)),
            count(report.due_soon.len() as u64)
        ),
    });
    parts.extend(list_parts(report, TaskList::DueSoon));
    Annex {
        kind: AnnexKind::TaskLists,
        label: annex_label(numeral),
        title: "DANH MỤC NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN".to_string(),
        subtitle: format!(
            "(Tính đến hết ngày {}: {} nhiệm vụ)",
            date(cut_off),
            count(report.overdue.len() as u64)
        ),
        parts,
    }
}

/// One list: its table of at most [`LIST_MAX`] tasks and a note on the rest, or the sentence
/// that there is none.
fn list_parts(report: &Report, list: TaskList) -> Vec<Part> {
    let (tasks, none, sheet) = match list {
        TaskList::Overdue => (
            &report.overdue,
            "Không có nhiệm vụ chưa hoàn thành quá hạn.".to_string(),
            "Quá hạn",
        ),
        TaskList::DueSoon => (
            &report.due_soon,
            format!("Không có nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới."),
            "Sắp đến hạn",
        ),
    };
    if tasks.is_empty() {
        return vec![Part::Note(none)];
    }
    let shown = &tasks[..tasks.len().min(LIST_MAX)];
    let mut parts = vec![Part::Table(tables::tasks(report, shown, list))];
    if tasks.len() > shown.len() {
        parts.push(Part::Note(format!(
            "… và {} nhiệm vụ khác; danh sách đầy đủ ở sheet «{sheet}» của tệp Excel.",
            count((tasks.len() - shown.len()) as u64)
        )));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconciliation_names_only_what_was_left_out() {
        let line = reconciliation_line(&LeftOut {
            excluded: 1,
            cancelled: 2,
            duplicates_merged: 3,
        });
        assert_eq!(
            line.as_deref(),
            Some(
                "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi không tính; 3 dòng trùng lặp đã gộp; 1 dòng \
                 không đủ thông tin."
            )
        );
        let only = reconciliation_line(&LeftOut {
            cancelled: 1_250,
            ..LeftOut::default()
        });
        assert_eq!(
            only.as_deref(),
            Some("Ngoài ra: 1.250 nhiệm vụ đã hủy/thu hồi không tính.")
        );
        assert_eq!(reconciliation_line(&LeftOut::default()), None);
    }
}
