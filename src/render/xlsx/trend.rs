//! "Xu hướng": the province's figures period by period with the change against the row
//! before, two small data blocks the charts draw from (rates as displayed, totals per key),
//! a line chart of the three headline rates and a clustered column chart of the tasks per
//! key. Series differ by dash type, marker and fill pattern, so the charts stay readable
//! when printed in black and white.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartFont, ChartFormat, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartPatternFill, ChartPatternFillType, ChartType, ColNum, Format, RowNum,
    Worksheet, XlsxError as WriterError,
};

use super::SHEET_TREND;
use super::styles::{HEADER_HEIGHT, Styles};
use super::summary::{points_change, relative_change, shown_share};
use super::tasks::opt_number;
use crate::model::{Counts, Rate, TrendPoint};
use crate::render::{labels, words};
use crate::vn_number::{Rounding, percent_one_decimal};

/// The header row of the period table (0-based; Excel row 3); one row per period follows.
pub const TREND_HEADER_ROW: RowNum = 2;

/// The period table's heads: the period, the status counts, the headline rates (the on-time
/// share's denominator said in its head: the sheet has no footnote), the changes.
fn header() -> Vec<String> {
    let mut heads = vec!["Kỳ".to_string()];
    heads.extend(labels::STATUS_COUNTS.iter().map(|c| c.head.to_string()));
    heads.extend(RATES.iter().map(|&r| match r {
        Rate::OnTimeOfCompleted => format!("{} (trên số đã HT)", labels::rate_head(r)),
        _ => labels::rate_head(r).to_string(),
    }));
    heads.extend(
        [
            "Tổng số so với kỳ trước (%)",
            "Tỷ lệ hoàn thành so với kỳ trước (điểm %)",
            "Tỷ lệ đúng hạn so với kỳ trước (điểm %)",
            "Tỷ lệ HT trên số đến hạn so với kỳ trước (điểm %)",
        ]
        .map(String::from),
    );
    heads
}

const RATES: [Rate; 3] = labels::HEADLINE_RATES;

/// Excel draws at most 255 series in one chart.
const MAX_SERIES: usize = 255;

pub(super) fn write(
    ws: &mut Worksheet,
    points: &[TrendPoint],
    rounding: Rounding,
    st: &Styles,
) -> Result<(), WriterError> {
    ws.set_name(SHEET_TREND)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_range_width(1, header().len() as ColNum - 1, 12)?;
    let title = "XU HƯỚNG KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUA CÁC KỲ";
    ws.write_string_with_format(0, 0, title, &st.sheet_title)?;
    period_table(ws, points, rounding, st)?;
    let labels: Vec<String> = points.iter().map(period_label).collect();
    let n = points.len() as RowNum;
    let rates_top = TREND_HEADER_ROW + n + 2;
    rate_block(ws, rates_top, points, &labels, rounding, st)?;
    let keys_top = rates_top + n + 3;
    let keys = key_block(ws, keys_top, points, &labels, st)?;
    let charts_top = keys_top + n + 3;
    let line = line_chart(rates_top + 1, n);
    ws.insert_chart(charts_top, 0, &line)?;
    if keys > 0 {
        let columns = column_chart(keys_top + 1, n, keys);
        ws.insert_chart(charts_top + 20, 0, &columns)?;
    }
    super::print_setup(ws);
    Ok(())
}

fn period_label(point: &TrendPoint) -> String {
    words::capitalise(&crate::period::phrase(&point.period))
}

fn period_table(
    ws: &mut Worksheet,
    points: &[TrendPoint],
    rounding: Rounding,
    st: &Styles,
) -> Result<(), WriterError> {
    for (col, label) in header().iter().enumerate() {
        ws.write_string_with_format(TREND_HEADER_ROW, col as ColNum, label, &st.header)?;
    }
    ws.set_row_height(TREND_HEADER_ROW, 64)?;
    let mut before: Option<&TrendPoint> = None;
    for (i, point) in points.iter().enumerate() {
        let row = TREND_HEADER_ROW + 1 + i as RowNum;
        let c = &point.total;
        ws.write_string_with_format(row, 0, period_label(point), &st.body.text)?;
        for (j, column) in labels::STATUS_COUNTS.iter().enumerate() {
            let n = (column.value)(c) as f64;
            ws.write_number_with_format(row, 1 + j as ColNum, n, &st.body.count)?;
        }
        for (j, rate) in RATES.iter().enumerate() {
            let share = shown_share(c.rate(*rate), rounding);
            number_or_dash(ws, row, 8 + j as ColNum, share, &st.body.rate)?;
        }
        // No change against a period the data does not cover.
        let against = before.filter(|b| b.is_covered && point.is_covered);
        changes(ws, row, c, against.map(|b| &b.total), rounding, st)?;
        before = Some(point);
    }
    Ok(())
}

/// The change against the period before: the total in %, the rates in points.
fn changes(
    ws: &mut Worksheet,
    row: RowNum,
    now: &Counts,
    before: Option<&Counts>,
    rounding: Rounding,
    st: &Styles,
) -> Result<(), WriterError> {
    let total = before
        .filter(|b| b.total > 0)
        .map(|b| relative_change(now.total, b.total));
    number_or_dash(ws, row, 11, total, &st.body.change_pct)?;
    for (j, rate) in RATES.iter().enumerate() {
        let points = before.and_then(|b| points_change(now.rate(*rate), b.rate(*rate), rounding));
        number_or_dash(ws, row, 12 + j as ColNum, points, &st.body.points)?;
    }
    Ok(())
}

fn number_or_dash(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<f64>,
    format: &Format,
) -> Result<(), WriterError> {
    match value {
        Some(x) => ws.write_number_with_format(row, col, x, format)?,
        None => ws.write_string_with_format(row, col, "-", format)?,
    };
    Ok(())
}

/// Rates in percent as displayed, blank (a gap in the chart) where the denominator is zero.
fn rate_block(
    ws: &mut Worksheet,
    top: RowNum,
    points: &[TrendPoint],
    labels: &[String],
    rounding: Rounding,
    st: &Styles,
) -> Result<(), WriterError> {
    let title = "Số liệu biểu đồ: tỷ lệ của toàn tỉnh (%)";
    ws.write_string_with_format(top, 0, title, &st.note_bold)?;
    ws.write_string_with_format(top + 1, 0, "Kỳ", &st.header)?;
    ws.set_row_height(top + 1, HEADER_HEIGHT)?;
    for (j, rate) in RATES.iter().enumerate() {
        ws.write_string_with_format(top + 1, 1 + j as ColNum, rate.label(), &st.header)?;
    }
    for (i, point) in points.iter().enumerate() {
        let row = top + 2 + i as RowNum;
        ws.write_string_with_format(row, 0, &labels[i], &st.body.text)?;
        for (j, rate) in RATES.iter().enumerate() {
            let percent = percent_one_decimal(point.total.rate(*rate), rounding);
            opt_number(ws, row, 1 + j as ColNum, percent, &st.score)?;
        }
    }
    Ok(())
}

/// Total tasks per key (agency, group or bloc) and period; returns the number of keys
/// written. Keys keep their first-seen order.
fn key_block(
    ws: &mut Worksheet,
    top: RowNum,
    points: &[TrendPoint],
    labels: &[String],
    st: &Styles,
) -> Result<usize, WriterError> {
    let mut keys: Vec<&str> = Vec::new();
    let mut totals: Vec<BTreeMap<&str, u64>> = Vec::new();
    for point in points {
        let mut per_key = BTreeMap::new();
        for (key, counts) in &point.rows {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
            *per_key.entry(key.as_str()).or_insert(0) += counts.total;
        }
        totals.push(per_key);
    }
    if keys.is_empty() {
        return Ok(0);
    }
    let shown = keys.len().min(MAX_SERIES);
    let title = if shown < keys.len() {
        format!(
            "Số liệu biểu đồ: tổng số nhiệm vụ ({shown} đầu tiên trong {} mục)",
            keys.len()
        )
    } else {
        "Số liệu biểu đồ: tổng số nhiệm vụ theo từng mục".to_string()
    };
    ws.write_string_with_format(top, 0, &title, &st.note_bold)?;
    ws.write_string_with_format(top + 1, 0, "Kỳ", &st.header)?;
    ws.set_row_height(top + 1, HEADER_HEIGHT)?;
    for (j, key) in keys.iter().take(shown).enumerate() {
        ws.write_string_with_format(top + 1, 1 + j as ColNum, super::clip(key), &st.header)?;
    }
    for (i, per_key) in totals.iter().enumerate() {
        let row = top + 2 + i as RowNum;
        ws.write_string_with_format(row, 0, &labels[i], &st.body.text)?;
        for (j, key) in keys.iter().take(shown).enumerate() {
            let total = per_key.get(key).map(|n| *n as f64);
            opt_number(ws, row, 1 + j as ColNum, total, &st.body.count)?;
        }
    }
    Ok(shown)
}

fn chart_font() -> ChartFont {
    ChartFont::new().set_name("Times New Roman").clone()
}

/// The three rates by period: one line each, told apart by dash and marker as well as colour.
fn line_chart(header_row: RowNum, periods: RowNum) -> Chart {
    let looks = [
        (0x1F4E79, ChartLineDashType::Solid, ChartMarkerType::Circle),
        (0xC00000, ChartLineDashType::Dash, ChartMarkerType::Square),
        (
            0x375623,
            ChartLineDashType::RoundDot,
            ChartMarkerType::Triangle,
        ),
    ];
    let mut chart = Chart::new(ChartType::Line);
    let (first, last) = (header_row + 1, header_row + periods.max(1));
    for (j, (color, dash, marker)) in looks.into_iter().enumerate() {
        let col = 1 + j as ColNum;
        let line = ChartLine::new()
            .set_color(color)
            .set_width(2.25)
            .set_dash_type(dash)
            .clone();
        let marker = ChartMarker::new()
            .set_type(marker)
            .set_size(7)
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(color)),
            )
            .clone();
        chart
            .add_series()
            .set_name((SHEET_TREND, header_row, col))
            .set_categories((SHEET_TREND, first, 0, last, 0))
            .set_values((SHEET_TREND, first, col, last, col))
            .set_format(&mut ChartFormat::new().set_line(&line).clone())
            .set_marker(&marker);
    }
    chart
        .title()
        .set_name("Tỷ lệ thực hiện nhiệm vụ của toàn tỉnh qua các kỳ");
    chart
        .title()
        .set_font(&chart_font().set_size(12).set_bold().clone());
    chart.y_axis().set_name("%").set_min(0).set_max(100);
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart.set_width(760).set_height(380);
    chart
}

/// Tasks per key and period as clustered columns, each key with its own fill pattern.
fn column_chart(header_row: RowNum, periods: RowNum, keys: usize) -> Chart {
    let patterns = [
        ChartPatternFillType::Dotted50Percent,
        ChartPatternFillType::DiagonalStripesWideUpwards,
        ChartPatternFillType::Dotted20Percent,
        ChartPatternFillType::HorizontalStripesDark,
        ChartPatternFillType::VerticalStripesDark,
        ChartPatternFillType::SmallConfetti,
        ChartPatternFillType::DiagonalBrick,
        ChartPatternFillType::Zigzag,
    ];
    let mut chart = Chart::new(ChartType::Column);
    let (first, last) = (header_row + 1, header_row + periods.max(1));
    for j in 0..keys {
        let col = 1 + j as ColNum;
        let fill = ChartPatternFill::new()
            .set_pattern(patterns[j % patterns.len()])
            .set_foreground_color(0x404040)
            .set_background_color(0xFFFFFF)
            .clone();
        let border = ChartLine::new().set_color(0x000000).set_width(0.75).clone();
        chart
            .add_series()
            .set_name((SHEET_TREND, header_row, col))
            .set_categories((SHEET_TREND, first, 0, last, 0))
            .set_values((SHEET_TREND, first, col, last, col))
            .set_format(
                &mut ChartFormat::new()
                    .set_pattern_fill(&fill)
                    .set_border(&border)
                    .clone(),
            );
    }
    chart
        .title()
        .set_name("Tổng số nhiệm vụ được giao theo từng mục qua các kỳ");
    chart
        .title()
        .set_font(&chart_font().set_size(12).set_bold().clone());
    chart.y_axis().set_name("Nhiệm vụ").set_min(0);
    chart.set_width(960).set_height(420);
    chart
}
