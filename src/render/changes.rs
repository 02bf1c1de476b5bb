//! The changes between two cut-offs (the weekly change brief): the counts per key as an
//! aligned table (with the task lists under it), markdown (headings and lists, to paste into
//! a chat or a document), CSV or JSON.

use serde::Serialize;

use super::terminal::TerminalError;
use super::words::{capitalise, document_label, shorten};
use crate::model::{ChangeCounts, Changes, Status, TaskLine};
use crate::vn_number::{count, date};

/// Output format of `tiendo changes`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChangesFormat {
    #[default]
    Table,
    Csv,
    Json,
    Markdown,
}

/// Length a task's content is shortened to in the lists.
const SUMMARY_CHARS: usize = 120;

const HEADS: [&str; 6] = [
    "Giao mới",
    "Hoàn thành",
    "Đúng hạn",
    "Trễ hạn",
    "Mới quá hạn",
    "Quá hạn cuối kỳ",
];

fn values(c: &ChangeCounts) -> [u64; 6] {
    [
        c.assigned,
        c.completed,
        c.on_time,
        c.late,
        c.became_overdue,
        c.overdue_at_end,
    ]
}

pub fn changes(ch: &Changes, format: ChangesFormat) -> Result<String, TerminalError> {
    Ok(match format {
        ChangesFormat::Json => serde_json::to_string_pretty(&json(ch))? + "\n",
        ChangesFormat::Csv => csv(ch)?,
        ChangesFormat::Table => text(ch, false),
        ChangesFormat::Markdown => text(ch, true),
    })
}

#[derive(Serialize)]
struct Json<'a> {
    from: String,
    to: String,
    rows: &'a [crate::model::ChangeRow],
    total: ChangeCounts,
}

fn json(ch: &Changes) -> Json<'_> {
    Json {
        from: ch.from.to_string(),
        to: ch.to.to_string(),
        rows: &ch.rows,
        total: ch.total,
    }
}

fn csv(ch: &Changes) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["Cơ quan, đơn vị".to_string()];
    head.extend(HEADS.map(String::from));
    w.write_record(&head)?;
    let rows = ch.rows.iter().map(|r| (r.key.as_str(), &r.counts));
    for (key, c) in rows.chain([("Tổng cộng", &ch.total)]) {
        let mut rec = vec![super::terminal::inert(key).into_owned()];
        rec.extend(values(c).map(|n| n.to_string()));
        w.write_record(&rec)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// "Tuần 48/2025 (từ 24/11/2025 đến hết ngày 30/11/2025)" or "từ 17/11/2025 đến hết ngày …":
/// the window (D1, D2] said as the days it holds.
pub fn window_phrase(ch: &Changes) -> String {
    let first = ch.from.succ_opt().unwrap_or(ch.from);
    let span = format!("từ {} đến hết ngày {}", date(first), date(ch.to));
    match &ch.week {
        Some(week) => format!("{week} ({span})"),
        None => span,
    }
}

fn text(ch: &Changes, md: bool) -> String {
    let heading = |level: usize, t: &str| {
        if md {
            format!("{} {t}", "#".repeat(level))
        } else if level == 1 {
            t.to_uppercase()
        } else {
            format!("{}:", t.to_uppercase())
        }
    };
    let t = &ch.total;
    let mut out = vec![
        heading(1, "Những thay đổi trong kỳ theo dõi"),
        capitalise(&window_phrase(ch)) + ".",
        String::new(),
        format!(
            "Trong kỳ có {} nhiệm vụ được giao mới; {} nhiệm vụ hoàn thành ({} đúng hạn, {} trễ hạn); \
             {} nhiệm vụ mới chuyển sang quá hạn. Đến hết ngày {} còn {} nhiệm vụ chưa hoàn thành quá hạn.",
            count(t.assigned),
            count(t.completed),
            count(t.on_time),
            count(t.late),
            count(t.became_overdue),
            date(ch.to),
            count(t.overdue_at_end),
        ),
        String::new(),
    ];
    out.extend(table(ch, md));
    out.push(String::new());
    out.push(
        "Giao mới: ngày giao trong kỳ; Hoàn thành: ngày hoàn thành trong kỳ (đúng hạn / trễ hạn so \
         với hạn xử lý, kể cả gia hạn); Mới quá hạn: chưa hoàn thành và hạn xử lý rơi vào kỳ, trước \
         ngày cuối kỳ; Quá hạn cuối kỳ: chưa hoàn thành quá hạn tại ngày cuối kỳ (mọi nhiệm vụ đã giao)."
            .to_string(),
    );
    for (title, list, detail) in [
        ("Nhiệm vụ mới quá hạn", &ch.became_overdue, Detail::Overdue),
        (
            "Nhiệm vụ hoàn thành trong kỳ",
            &ch.completed,
            Detail::Completed,
        ),
        ("Nhiệm vụ giao mới trong kỳ", &ch.assigned, Detail::Deadline),
    ] {
        out.push(String::new());
        out.push(heading(
            2,
            &format!("{title} ({})", count(list.len() as u64)),
        ));
        if list.is_empty() {
            out.push("Không có.".to_string());
        }
        for agency in list.chunk_by(|a, b| a.agency == b.agency) {
            let name = &agency[0].agency;
            let n = count(agency.len() as u64);
            out.push(if md {
                format!("**{name}** ({n} nhiệm vụ)")
            } else {
                format!("{name} ({n} nhiệm vụ):")
            });
            out.extend(agency.iter().map(|task| item(task, detail)));
        }
    }
    out.join("\n") + "\n"
}

/// The aligned table (text) or a markdown table.
fn table(ch: &Changes, md: bool) -> Vec<String> {
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once("Cơ quan, đơn vị".to_string())
            .chain(HEADS.map(String::from))
            .collect(),
    ];
    let body = ch.rows.iter().map(|r| (r.key.as_str(), &r.counts));
    for (key, c) in body.chain([("Tổng cộng", &ch.total)]) {
        let mut line = vec![key.to_string()];
        line.extend(values(c).map(count));
        rows.push(line);
    }
    if md {
        let mut out = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            out.push(format!("| {} |", r.join(" | ")));
            if i == 0 {
                let rule: Vec<&str> = (0..r.len())
                    .map(|c| if c == 0 { "---" } else { "---:" })
                    .collect();
                out.push(format!("| {} |", rule.join(" | ")));
            }
        }
        return out;
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1));
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, s)| {
                let pad = " ".repeat(widths[c] - s.chars().count());
                if c == 0 {
                    format!("{s}{pad}")
                } else {
                    format!("{pad}{s}")
                }
            })
            .collect();
        out.push(cells.join("  ").trim_end().to_string());
        if i == 0 || i == rows.len() - 2 {
            out.push(rule.clone());
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Detail {
    Overdue,
    Completed,
    Deadline,
}

fn item(task: &TaskLine, detail: Detail) -> String {
    let summary = task.summary.as_deref().map_or_else(
        || "(không có trích yếu)".to_string(),
        |s| shorten(s, SUMMARY_CHARS),
    );
    let deadline = task.deadline_used.map_or_else(
        || "không thời hạn".to_string(),
        |d| format!("hạn {}", date(d)),
    );
    let tail = match detail {
        Detail::Overdue => match task.days_overdue {
            Some(n) => format!("{deadline}, quá {} ngày", count(n.max(0) as u64)),
            None => deadline,
        },
        Detail::Completed => {
            let how = if task.status == Status::Late {
                "trễ hạn"
            } else {
                "đúng hạn"
            };
            match task.completed {
                Some(d) => format!("hoàn thành {} ({how}; {deadline})", date(d)),
                None => format!("hoàn thành ({how})"),
            }
        }
        Detail::Deadline => deadline,
    };
    let officer = task
        .officer
        .as_deref()
        .map(|o| format!(" — theo dõi: {o}"))
        .unwrap_or_default();
    format!("- {}: {summary} — {tail}{officer}", document_label(task))
}
