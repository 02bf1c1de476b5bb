//! Terminal output: the figures, trend and ranking as an aligned table, CSV or the machine JSON
//! (the `figures` shape is fixed by the foundation issue; keys may be added, none removed), and
//! the data-quality findings of `check`. A CSV cell holding a text from the inputs (agency,
//! group, bloc and leader names, tier names of a rule file) never starts a formula when the file
//! is opened in a spreadsheet ([`inert`]).

use serde::Serialize;

use super::labels;
use crate::model::{By, Coverage, Figures};
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
        By::Officer => "Chuyên viên theo dõi",
        By::Department => "Phòng",
    }
}

/// A figures table in the chosen format; the table ends with the warnings («Lưu ý: …»).
pub fn figures(
    f: &Figures,
    coverage: &Coverage,
    by: By,
    format: Format,
    rounding: Rounding,
) -> Result<String, TerminalError> {
    Ok(match format {
        Format::Json => json_text(&json_figures(f, coverage))?,
        Format::Csv => csv_figures(f, key_header(by), rounding)?,
        Format::Table => table_figures(f, key_header(by), rounding) + &notes(&f.warnings),
    })
}

/// A trend (one figures table per period) in the chosen format.
pub fn trend(
    all: &[Figures],
    coverage: &Coverage,
    by: By,
    format: Format,
    rounding: Rounding,
) -> Result<String, TerminalError> {
    let warnings: Vec<String> = all.iter().flat_map(|f| f.warnings.clone()).collect();
    Ok(match format {
        Format::Json => json_text(
            &all.iter()
                .map(|f| json_figures(f, coverage))
                .collect::<Vec<_>>(),
        )?,
        Format::Csv => csv_trend(all, key_header(by), rounding)?,
        Format::Table => table_trend(all, key_header(by), rounding) + &notes(&warnings),
    })
}

/// «Lưu ý: …» lines after a table, one per warning.
fn notes(warnings: &[String]) -> String {
    warnings.iter().map(|w| format!("\nLưu ý: {w}\n")).collect()
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
    coverage: JsonCoverage,
    warnings: &'a [String],
}

/// What all inputs cover: `"exported"` is the newest export date they state, or null.
#[derive(Serialize)]
pub struct JsonCoverage {
    first_assigned: Option<String>,
    last_assigned: Option<String>,
    exported: Option<String>,
}

impl JsonCoverage {
    pub fn of(c: &Coverage) -> JsonCoverage {
        JsonCoverage {
            first_assigned: c.first_assigned.map(|d| d.to_string()),
            last_assigned: c.last_assigned.map(|d| d.to_string()),
            exported: c.exported.as_ref().map(|e| e.at.date().to_string()),
        }
    }
}

pub fn json_figures<'a>(f: &'a Figures, coverage: &Coverage) -> JsonFigures<'a> {
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
        coverage: JsonCoverage::of(coverage),
        warnings: &f.warnings,
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

/// A text from the inputs, safe as a CSV cell: Excel, LibreOffice and Google Sheets read a
/// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CSV
/// injection), so such a text gets a leading `'` and stays a text. Only texts from the inputs
/// go through here (names in the key, bloc and agency columns, tier names): the numbers tiendo
/// writes itself and its own words (headers, "Tổng cộng", the working, notes, the "-" of a
/// missing rank) are left as they are. Hand-written: one rule, the OWASP one, with no crate to
/// keep up.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
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
        let mut rec = vec![inert(&r.key).into_owned()];
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
pub fn check_text(loaded: &crate::model::Loaded, coverage: &Coverage) -> String {
    use crate::model::FindingKind;
    let mut out = format!(
        "Đã đọc {} tệp: {} nhiệm vụ sau khi gộp trùng.\n",
        vn_number::count(loaded.files_read as u64),
        vn_number::count(loaded.tasks.len() as u64)
    );
    out.push_str(&coverage_text(coverage));
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

/// "Phạm vi dữ liệu": each source's span, agencies and export date, then all of them together
/// and the months without any task between busy months.
fn coverage_text(c: &Coverage) -> String {
    let mut out = String::from("\nPhạm vi dữ liệu:\n");
    for line in super::words::coverage_lines(c) {
        out.push_str(&format!("  - {line}\n"));
    }
    if let (Some(a), Some(b)) = (c.first_assigned, c.last_assigned) {
        out.push_str(&format!(
            "  Tất cả các tệp: nhiệm vụ giao từ {} đến {}",
            vn_number::date(a),
            vn_number::date(b)
        ));
        match &c.exported {
            Some(e) => out.push_str(&format!(
                "; trích xuất mới nhất ngày {}.\n",
                vn_number::date(e.at.date())
            )),
            None => out.push_str("; không tệp nào ghi ngày trích xuất.\n"),
        }
    }
    for g in &c.gaps {
        out.push_str(&format!(
            "  Lưu ý: không có nhiệm vụ nào được giao từ {} đến {}, giữa các tháng có nhiều nhiệm vụ: so sánh với kỳ có những ngày này sẽ không được tính.\n",
            vn_number::date(g.from),
            vn_number::date(g.to)
        ));
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
        let rows = f.rows.iter().map(|r| (inert(&r.key), &r.counts));
        for (key, counts) in rows.chain([("Toàn tỉnh".into(), &f.total)]) {
            let mut rec = vec![f.period.label.clone(), key.into_owned()];
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
    let mut previous: Option<&Figures> = None;
    for f in all {
        let c = &f.total;
        // No change against a period the data does not cover (its warning is under the table).
        let change = previous
            .filter(|p| p.is_covered && f.is_covered)
            .map(|p| &p.total);
        let change = change.map_or(String::new(), |p| {
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
        previous = Some(f);
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
        || crate::model::NO_TASKS.to_string(),
        vn_number::points_text,
    )
}

/// The ranking as CSV (one line per agency, working joined with " | "), the agencies not
/// ranked last.
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
            inert(a.bloc.as_deref().unwrap_or_default()).into_owned(),
            inert(&a.name).into_owned(),
            a.counts.map_or(String::new(), |c| c.total.to_string()),
            points_cell(a),
            inert(a.tier.as_deref().unwrap_or_default()).into_owned(),
            rank_text(a.rank_in_bloc),
            rank_text(a.rank_in_province),
            a.working.join(" | "),
            a.note.clone(),
        ])?;
    }
    for a in &r.unranked {
        w.write_record([
            crate::model::UNRANKED.to_string(),
            inert(&a.name).into_owned(),
            a.counts.total.to_string(),
            String::new(),
            String::new(),
            rank_text(None),
            rank_text(None),
            a.working.join(" | "),
            a.reason.clone(),
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
        "XẾP HẠNG THI ĐUA — tiêu chí thực hiện nhiệm vụ {}\n",
        crate::period::phrase(period),
    );
    // The rule's first line names it («Quy tắc chấm điểm: …»); the lines under it explain it.
    for (i, line) in r.rule_lines.iter().enumerate() {
        let indent = if i == 0 { "" } else { "  " };
        out.push_str(&format!("{indent}{line}\n"));
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
            || crate::model::NO_TASKS.to_string(),
            |p| format!("{} điểm", vn_number::points_text(p)),
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
    if !r.unranked.is_empty() {
        out.push_str(&format!("\n{}\n", crate::model::UNRANKED));
    }
    for a in &r.unranked {
        out.push_str(&format!(
            "  {:>3}. {} — {}\n",
            rank_text(None),
            a.name,
            a.reason
        ));
        for w in &a.working {
            out.push_str(&format!("         {w}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_would_start_a_formula_get_a_leading_quote() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+84 912 345 678", "'+84 912 345 678"),
            ("-Sở B", "'-Sở B"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Sở Y tế", "Sở Y tế"),
            ("Sở =1", "Sở =1"),
            ("", ""),
        ] {
            assert_eq!(inert(text), cell, "{text:?}");
        }
    }
}
