//! Terminal output of `tiendo programme`: the work programme's figures as an aligned table
//! (with what is left out, listed, and the rate definitions), CSV, or the machine JSON of
//! issue 14 — `period`, `rows`, `total`, `withdrawn`, `excluded`, plus the lists behind those
//! counts (keys may be added, none removed).

use serde::Serialize;

use super::labels::{self, PROGRAMME_COUNTS};
use super::terminal::{Format, TerminalError, aligned, json_text};
use crate::model::{
    Finding, ItemLine, ProgrammeBy, ProgrammeCounts, ProgrammeFigures, ProgrammeRate, SourceLoc,
};
use crate::vn_number::{self, Rounding};

/// The head of the key column.
pub fn key_header(by: ProgrammeBy) -> &'static str {
    match by {
        ProgrammeBy::Agency => "Cơ quan, đơn vị",
        ProgrammeBy::Group => "Nhóm cơ quan",
        ProgrammeBy::Leader => "Lãnh đạo phụ trách",
    }
}

/// The figures in the chosen format. Rates are rounded half away from zero.
pub fn programme(
    f: &ProgrammeFigures,
    by: ProgrammeBy,
    format: Format,
) -> Result<String, TerminalError> {
    Ok(match format {
        Format::Json => json_text(&json(f))?,
        Format::Csv => csv(f, key_header(by))?,
        Format::Table => table(f, key_header(by)),
    })
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    label: &'a str,
    start: String,
    /// The period's own end: an item belongs to it when its effective deadline is in it.
    end: String,
    as_of: Option<String>,
    /// The day the status is judged at: min(end, as_of).
    cut_off: String,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    key: &'a str,
    #[serde(flatten)]
    counts: ProgrammeCounts,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    agency: &'a str,
    content: Option<&'a str>,
    planned: Option<&'a str>,
    deadline: String,
    postponed_to: Option<&'a str>,
    status_text: Option<&'a str>,
    note: Option<&'a str>,
    source: &'a SourceLoc,
}

#[derive(Serialize)]
struct JsonExcluded<'a> {
    reason: &'a str,
    source: &'a SourceLoc,
}

#[derive(Serialize)]
struct Json<'a> {
    period: JsonPeriod<'a>,
    rows: Vec<JsonRow<'a>>,
    total: ProgrammeCounts,
    withdrawn: usize,
    excluded: usize,
    postponed_out: usize,
    withdrawn_items: Vec<JsonItem<'a>>,
    postponed_out_items: Vec<JsonItem<'a>>,
    excluded_items: Vec<JsonExcluded<'a>>,
}

fn json_item(line: &ItemLine) -> JsonItem<'_> {
    JsonItem {
        agency: &line.agency,
        content: line.content.as_deref(),
        planned: line.planned.as_deref(),
        deadline: line.deadline.to_string(),
        postponed_to: line.postponed_to.as_deref(),
        status_text: line.status_text.as_deref(),
        note: line.note.as_deref(),
        source: &line.source,
    }
}

fn json(f: &ProgrammeFigures) -> Json<'_> {
    Json {
        period: JsonPeriod {
            label: &f.period.label,
            start: f.period.start.to_string(),
            end: f.period.end.to_string(),
            as_of: f.period.as_of.map(|d| d.to_string()),
            cut_off: f.period.effective_end().to_string(),
        },
        rows: f
            .rows
            .iter()
            .map(|(key, counts)| JsonRow {
                key,
                counts: *counts,
            })
            .collect(),
        total: f.total,
        withdrawn: f.withdrawn.len(),
        excluded: f.excluded.len(),
        postponed_out: f.postponed_out.len(),
        withdrawn_items: f.withdrawn.iter().map(json_item).collect(),
        postponed_out_items: f.postponed_out.iter().map(json_item).collect(),
        excluded_items: f
            .excluded
            .iter()
            .map(|e: &Finding| JsonExcluded {
                reason: &e.message,
                source: &e.source,
            })
            .collect(),
    }
}

/// The figure columns' heads, full (CSV) or short (the aligned table).
fn heads(short: bool) -> Vec<String> {
    let counts = PROGRAMME_COUNTS
        .iter()
        .map(|c| if short { c.short } else { c.head });
    let rates = ProgrammeRate::ALL.iter().map(|&r| {
        if short {
            labels::programme_rate_short(r)
        } else {
            r.label()
        }
    });
    counts.chain(rates).map(str::to_string).collect()
}

/// One line's figures: Vietnamese style (`1.234`, `94,2%`) or plain (CSV: `1234`, `94.2`).
fn cells(c: &ProgrammeCounts, styled: bool) -> Vec<String> {
    let counts = PROGRAMME_COUNTS.iter().map(|col| {
        let n = (col.value)(c);
        if styled {
            vn_number::count(n)
        } else {
            n.to_string()
        }
    });
    let rates = ProgrammeRate::ALL.iter().map(|&r| {
        if styled {
            vn_number::percent(c.rate(r), Rounding::Round)
        } else {
            vn_number::percent_one_decimal(c.rate(r), Rounding::Round)
                .map_or(String::new(), |v| format!("{v:.1}"))
        }
    });
    counts.chain(rates).collect()
}

fn csv(f: &ProgrammeFigures, key_header: &str) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![key_header.to_string()];
    header.extend(heads(false));
    w.write_record(&header)?;
    for (key, counts) in &f.rows {
        let mut rec = vec![key.clone()];
        rec.extend(cells(counts, false));
        w.write_record(&rec)?;
    }
    let mut rec = vec!["Tổng cộng".to_string()];
    rec.extend(cells(&f.total, false));
    w.write_record(&rec)?;
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// "Sở Nội vụ: Đề án … (Tháng 3/2025) — «Rút khỏi chương trình» — ctct.xlsx, sheet …, dòng 7".
fn item_text(line: &ItemLine) -> String {
    let content = line.content.as_deref().unwrap_or("(không ghi nội dung)");
    let content = super::words::shorten(content, 100);
    let planned = line.planned.as_deref().unwrap_or("không ghi thời gian");
    let moved = line
        .postponed_to
        .as_deref()
        .map(|to| format!(" → {to}"))
        .unwrap_or_default();
    let said = line
        .status_text
        .as_deref()
        .or(line.note.as_deref())
        .map(|t| format!(" — «{t}»"))
        .unwrap_or_default();
    format!(
        "{}: {content} ({planned}{moved}){said} — {}",
        line.agency, line.source
    )
}

fn table(f: &ProgrammeFigures, key_header: &str) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![key_header.to_string()];
    header.extend(heads(true));
    rows.push(header);
    for (key, counts) in &f.rows {
        let mut line = vec![key.clone()];
        line.extend(cells(counts, true));
        rows.push(line);
    }
    let mut total = vec!["Tổng cộng".to_string()];
    total.extend(cells(&f.total, true));
    rows.push(total);
    let p = &f.period;
    let mut out = format!(
        "Chương trình công tác {} — các nội dung có hạn trình từ {} đến {}, tình hình đến hết \
         ngày {}\n\n",
        crate::period::phrase(p),
        vn_number::date(p.start),
        vn_number::date(p.end),
        vn_number::date(p.effective_end())
    );
    out.push_str(&aligned(&rows));
    let count = |n: usize| vn_number::count(n as u64);
    out.push_str(&format!(
        "\nKhông tính: {} nội dung đã rút khỏi chương trình; {} nội dung lùi sang kỳ khác (tính ở \
         kỳ có hạn mới); {} dòng không đủ thông tin (mọi tệp).\n",
        count(f.withdrawn.len()),
        count(f.postponed_out.len()),
        count(f.excluded.len())
    ));
    out.push_str(
        "Cột: Phải trình = Đã trình + Chưa trình; Đã trình = Đúng hạn + Trình trễ (trình quá \
         hạn), trong đó Ban hành = đã ban hành; Chưa trình = Quá hạn + Chưa đến hạn; Lùi hạn = \
         nội dung đã được lùi thời gian trình (đã tính trong các cột trên).\n",
    );
    for rate in ProgrammeRate::ALL {
        out.push_str(&format!("{}.\n", rate.definition()));
    }
    out.push_str("Tỷ lệ có mẫu số bằng 0 được ghi “-”.\n");
    let lists: [(&str, Vec<String>); 3] = [
        (
            "Nội dung rút khỏi chương trình",
            f.withdrawn.iter().map(item_text).collect(),
        ),
        (
            "Nội dung có hạn trình trong kỳ đã lùi sang kỳ khác",
            f.postponed_out.iter().map(item_text).collect(),
        ),
        (
            "Dòng không đủ thông tin, không tính",
            f.excluded
                .iter()
                .map(|e| format!("{}: {}", e.source, e.message))
                .collect(),
        ),
    ];
    for (title, lines) in lists.iter().filter(|(_, l)| !l.is_empty()) {
        out.push_str(&format!("\n{title} ({}):\n", count(lines.len())));
        for line in lines {
            out.push_str(&format!("  - {line}\n"));
        }
    }
    out
}
