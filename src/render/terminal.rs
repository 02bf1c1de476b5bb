//! Terminal output: the figures, trend and ranking as an aligned table, CSV or the machine JSON
//! (the `figures` shape is fixed by the foundation issue; keys may be added, none removed), and
//! the data-quality findings of `check`.

use serde::Serialize;

use super::labels;
use crate::model::{By, Figures};
use crate::model::{Counts, Rate};
use crate::vn_number::{self, Rounding};

/// Output format of `figures`, `rank` and `trend`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// The head of the key column.
pub fn key_header(by: By) -> &'static str {
    match by {
        By::Agency => "Cơ quan, đơn vị",
        By::Group => "Nhóm cơ quan",
        By::Bloc => "Khối thi đua",
        By::Leader => "Lãnh đạo giao",
    }
}

/// A figures table in the chosen format.
pub fn figures(
    f: &Figures,
    by: By,
    format: Format,
    rounding: Rounding,
) -> Result<String, TerminalError> {
    Ok(match format {
        Format::Json => json_text(&json_figures(f))?,
        Format::Csv => csv_figures(f, key_header(by), rounding)?,
        Format::Table => table_figures(f, key_header(by), rounding),
    })
}

/// A trend (one figures table per period) in the chosen format.
pub fn trend(
    all: &[Figures],
    by: By,
    format: Format,
    rounding: Rounding,
) -> Result<String, TerminalError> {
    Ok(match format {
        Format::Json => json_text(&all.iter().map(json_figures).collect::<Vec<_>>())?,
        Format::Csv => csv_trend(all, key_header(by), rounding)?,
        Format::Table => table_trend(all, key_header(by), rounding),
    })
}

/// A ranking in the chosen format.
pub fn ranking(
    r: &crate::model::Ranking,
    period: &crate::model::Period,
    format: Format,
) -> Result<String, TerminalError> {
    Ok(match format {
        Format::Json => json_text(r)?,
        Format::Csv => csv_ranking(r)?,
        Format::Table => table_ranking(r, period),
    })
}

/// Pretty JSON with a final line break.
pub(super) fn json_text(value: &impl Serialize) -> Result<String, TerminalError> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// A table that could not be written out (not expected with plain model data).
#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    #[error("không ghi được bảng CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("không ghi được JSON: {0}")]
    Json(#[from] serde_json::Error),
}

#[derive(Serialize)]
pub struct JsonPeriod<'a> {
    pub label: &'a str,
    pub start: String,
    pub end: String,
    pub as_of: Option<String>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    key: &'a str,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
pub struct JsonFigures<'a> {
    period: JsonPeriod<'a>,
    rows: Vec<JsonRow<'a>>,
    total: Counts,
    excluded: u64,
    cancelled: u64,
    duplicates_merged: u64,
}

pub fn json_figures(f: &Figures) -> JsonFigures<'_> {
    JsonFigures {
        period: JsonPeriod {
            label: &f.period.label,
            start: f.period.start.to_string(),
            end: f.period.effective_end().to_string(),
            as_of: f.period.as_of.map(|d| d.to_string()),
        },
        rows: f
            .rows
            .iter()
            .map(|r| JsonRow {
                key: &r.key,
                counts: r.counts,
            })
            .collect(),
        total: f.total,
        excluded: f.left_out.excluded,
        cancelled: f.left_out.cancelled,
        duplicates_merged: f.left_out.duplicates_merged,
    }
}

/// The figure columns' heads, full (CSV) or short (the aligned table, with its legend).
fn heads(short: bool) -> Vec<String> {
    let counts = labels::ALL_COUNTS
        .iter()
        .map(|c| if short { c.short } else { c.head });
    let rates = labels::HEADLINE_RATES.iter().map(|&r| {
        if short {
            labels::rate_short(r)
        } else {
            labels::rate_head(r)
        }
    });
    counts.chain(rates).map(str::to_string).collect()
}

fn cells(c: &Counts, rounding: Rounding, styled: bool) -> Vec<String> {
    let n = |x: u64| {
        if styled {
            vn_number::count(x)
        } else {
            x.to_string()
        }
    };
    let p = |r: Rate| {
        if styled {
            vn_number::percent(c.rate(r), rounding)
        } else {
            vn_number::percent_one_decimal(c.rate(r), rounding)
                .map_or(String::new(), |v| format!("{v:.1}"))
        }
    };
    let counts = labels::ALL_COUNTS.iter().map(|col| n((col.value)(c)));
    counts
        .chain(labels::HEADLINE_RATES.iter().map(|&r| p(r)))
        .collect()
}

/// CSV with Vietnamese headers, plain numbers and rates in percent with one decimal.
pub fn csv_figures(
    f: &Figures,
    key_header: &str,
    rounding: Rounding,
) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![key_header.to_string()];
    header.extend(heads(false));
    w.write_record(&header)?;
    for r in &f.rows {
        let mut rec = vec![r.key.clone()];
        rec.extend(cells(&r.counts, rounding, false));
        w.write_record(&rec)?;
    }
    let mut rec = vec!["Tổng cộng".to_string()];
    rec.extend(cells(&f.total, rounding, false));
    w.write_record(&rec)?;
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// An aligned text table with the total row, the reconciliation and the rate definitions.
pub fn table_figures(f: &Figures, key_header: &str, rounding: Rounding) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![key_header.to_string()];
    header.extend(heads(true));
    rows.push(header);
    for r in &f.rows {
        let mut line = vec![r.key.clone()];
        line.extend(cells(&r.counts, rounding, true));
        rows.push(line);
    }
    let mut total = vec!["Tổng cộng".to_string()];
    total.extend(cells(&f.total, rounding, true));
    rows.push(total);
    let mut out = format!(
        "Kỳ {} — số liệu {}\n\n",
        crate::period::phrase(&f.period),
        crate::period::span_phrase(&f.period)
    );
    out.push_str(&aligned(&rows));
    out.push_str(&format!(
        "\nKhông tính: {} nhiệm vụ đã hủy/thu hồi/dừng thực hiện; {} dòng trùng lặp đã gộp; {} dòng không đủ thông tin (mọi tệp).\n",
        vn_number::count(f.left_out.cancelled),
        vn_number::count(f.left_out.duplicates_merged),
        vn_number::count(f.left_out.excluded)
    ));
    out.push_str(
        "Cột: Tổng = tổng số nhiệm vụ; Đã HT = đã hoàn thành (Đúng hạn + HT trễ = hoàn thành quá hạn); \
         Chưa HT = chưa hoàn thành (Trong hạn + Quá hạn); Không TH = không thời hạn (đã tính trong các cột trên).\n",
    );
    for rate in labels::HEADLINE_RATES {
        out.push_str(&format!("{}.\n", rate.definition()));
    }
    out.push_str("Tỷ lệ có mẫu số bằng 0 được ghi “-”.\n");
    out
}

/// Rows (a header, the body, a total last) as an aligned text table: the key column
/// left-aligned, the figures right-aligned, a rule under the header and above the total.
pub fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let width = |c: usize| {
        rows.iter()
            .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (s, w))| {
                let pad = " ".repeat(w.saturating_sub(s.chars().count()));
                if c == 0 {
                    format!("{s}{pad}")
                } else {
                    format!("{pad}{s}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 || i + 2 == rows.len() {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1)));
            out.push('\n');
        }
    }
    out
}

/// The data-quality findings as text, grouped by kind, for `tiendo check`.
pub fn check_text(loaded: &crate::model::Loaded) -> String {
    use crate::model::FindingKind;
    let mut out = format!(
        "Đã đọc {} tệp: {} nhiệm vụ sau khi gộp trùng.\n",
        vn_number::count(loaded.files_read as u64),
        vn_number::count(loaded.tasks.len() as u64)
    );
    let mut kinds: Vec<FindingKind> = loaded.findings.iter().map(|f| f.kind).collect();
    kinds.dedup();
    if kinds.is_empty() {
        out.push_str("Không có vấn đề nào về dữ liệu.\n");
    }
    for kind in kinds {
        let of_kind: Vec<_> = loaded.findings.iter().filter(|f| f.kind == kind).collect();
        out.push_str(&format!(
            "\n{} ({}):\n",
            kind.label(),
            vn_number::count(of_kind.len() as u64)
        ));
        for f in of_kind {
            out.push_str(&format!("  - {}: {}\n", f.source, f.message));
        }
    }
    out
}

/// A trend as CSV: one line per period and key, then the province line of each period.
pub fn csv_trend(
    all: &[Figures],
    key_header: &str,
    rounding: Rounding,
) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Kỳ".to_string(), key_header.to_string()];
    header.extend(heads(false));
    w.write_record(&header)?;
    for f in all {
        for (key, counts) in f
            .rows
            .iter()
            .map(|r| (r.key.as_str(), &r.counts))
            .chain([("Toàn tỉnh", &f.total)])
        {
            let mut rec = vec![f.period.label.clone(), key.to_string()];
            rec.extend(cells(counts, rounding, false));
            w.write_record(&rec)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A trend as text: the province by period with the change on the period before, then the
/// on-time share of each key by period.
pub fn table_trend(all: &[Figures], key_header: &str, rounding: Rounding) -> String {
    let mut out = String::from("Toàn tỉnh qua các kỳ\n");
    let mut previous: Option<&Counts> = None;
    for f in all {
        let c = &f.total;
        let change = previous.map_or(String::new(), |p| {
            format!(
                "  | tổng số {}; tỷ lệ hoàn thành {}; tỷ lệ đúng hạn {}",
                vn_number::count_change(c.total, p.total).unwrap_or_else(|| "-".into()),
                vn_number::rate_change(
                    c.rate(Rate::Completion),
                    p.rate(Rate::Completion),
                    rounding
                )
                .unwrap_or_else(|| "-".into()),
                vn_number::rate_change(
                    c.rate(Rate::OnTimeOfCompleted),
                    p.rate(Rate::OnTimeOfCompleted),
                    rounding
                )
                .unwrap_or_else(|| "-".into()),
            )
        });
        out.push_str(&format!(
            "{:<22} tổng {:>7}  hoàn thành {:>7} ({:>6})  đúng hạn {:>7} ({:>6})  quá hạn chưa HT {:>6}{change}\n",
            crate::period::short_label(&f.period),
            vn_number::count(c.total),
            vn_number::count(c.completed),
            vn_number::percent(c.rate(Rate::Completion), rounding),
            vn_number::count(c.on_time),
            vn_number::percent(c.rate(Rate::OnTimeOfCompleted), rounding),
            vn_number::count(c.overdue),
        ));
        previous = Some(c);
    }
    let mut keys: Vec<&str> = Vec::new();
    for f in all {
        for r in &f.rows {
            if !keys.contains(&r.key.as_str()) {
                keys.push(&r.key);
            }
        }
    }
    out.push_str(&format!(
        "\nTỷ lệ đúng hạn (trên số đã hoàn thành) theo {}\n",
        key_header.to_lowercase()
    ));
    let width = keys.iter().map(|k| k.chars().count()).max().unwrap_or(10);
    let mut head = format!("{:<width$}", key_header);
    for f in all {
        head.push_str(&format!(" {:>9}", f.period.label));
    }
    out.push_str(head.trim_end());
    out.push('\n');
    for k in keys {
        let mut line = format!("{k}{}", " ".repeat(width - k.chars().count()));
        for f in all {
            let share = f
                .rows
                .iter()
                .find(|r| r.key == k)
                .and_then(|r| r.counts.rate(Rate::OnTimeOfCompleted));
            line.push_str(&format!(" {:>9}", vn_number::percent(share, rounding)));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn rank_text(r: Option<usize>) -> String {
    r.map_or_else(|| "-".to_string(), |r| r.to_string())
}

fn points_cell(a: &crate::model::RankedAgency) -> String {
    a.points.map_or_else(
        || crate::score::NO_TASKS.to_string(),
        crate::score::points_text,
    )
}

/// The ranking as CSV (one line per agency, working joined with " | ").
pub fn csv_ranking(r: &crate::model::Ranking) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Khối thi đua",
        "Cơ quan, đơn vị",
        "Tổng số",
        "Điểm",
        "Xếp loại",
        "Hạng trong khối",
        "Hạng toàn tỉnh",
        "Cách tính",
        "Ghi chú",
    ])?;
    for a in &r.agencies {
        w.write_record([
            a.bloc.clone().unwrap_or_default(),
            a.name.clone(),
            a.counts.map_or(String::new(), |c| c.total.to_string()),
            points_cell(a),
            a.tier.clone().unwrap_or_default(),
            rank_text(a.rank_in_bloc),
            rank_text(a.rank_in_province),
            a.working.join(" | "),
            a.note.clone(),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The ranking as text: per bloc, rank, points, tier, and each agency's working.
pub fn table_ranking(r: &crate::model::Ranking, period: &crate::model::Period) -> String {
    let mut out = format!(
        "XẾP HẠNG THI ĐUA — tiêu chí thực hiện nhiệm vụ {}\nQuy tắc: {}\n",
        crate::period::phrase(period),
        r.rule_name
    );
    for line in &r.rule_lines {
        out.push_str(&format!("  {line}\n"));
    }
    let mut bloc: Option<&Option<String>> = None;
    for a in &r.agencies {
        if bloc != Some(&a.bloc) {
            out.push_str(&format!(
                "\n{}\n",
                a.bloc.as_deref().unwrap_or(crate::model::NO_BLOC)
            ));
            bloc = Some(&a.bloc);
        }
        let points = a.points.map_or_else(
            || crate::score::NO_TASKS.to_string(),
            |p| format!("{} điểm", crate::score::points_text(p)),
        );
        out.push_str(&format!(
            "  {:>3}. {} — {}{}{} (hạng toàn tỉnh: {})\n",
            rank_text(a.rank_in_bloc),
            a.name,
            points,
            a.tier
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default(),
            if a.note.is_empty() || a.points.is_none() {
                String::new()
            } else {
                format!("; {}", a.note)
            },
            rank_text(a.rank_in_province),
        ));
        for w in &a.working {
            out.push_str(&format!("         {w}\n"));
        }
    }
    out
}
