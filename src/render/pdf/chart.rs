//! The charts, drawn from lines and rectangles in greys so they read in black-and-white print:
//! horizontal bars of each agency's on-time share (đúng hạn, % of completed) with gridlines
//! at 25/50/75/100 %, value labels and the overdue count beside each bar ("QH: 3"); and the
//! trend line chart of the province's completion rate (solid, filled markers) and on-time
//! share (dashed, open markers) by period.

use super::annex::{self, annex_title};
use super::fonts::Face;
use super::layout::{Align, Block, Flow, Item, Orientation, ParaStyle, Rule, wrap};
use crate::model::{Counts, Rate, Report, TrendPoint};
use crate::period;
use crate::render::outline::{Annex, Part};
use crate::render::tables;
use crate::vn_number::{Rounding, count, decimal1, percent, percent_one_decimal};

const LABEL_PT: f32 = 10.0;
const LABEL_COLUMN_PT: f32 = 150.0;
/// Room right of the plot for the value label and the overdue count.
const RIGHT_RESERVE_PT: f32 = 78.0;
const BAR_PT: f32 = 9.0;
const BAR_GRAY: f32 = 0.55;
const TOTAL_BAR_GRAY: f32 = 0.25;
const AXIS_PT: f32 = 16.0;

/// One line of the bar chart: a group heading or a bar.
enum BarRow {
    Group(String),
    Bar {
        lines: Vec<String>,
        counts: Counts,
        is_total: bool,
    },
}

fn row_height(row: &BarRow) -> f32 {
    match row {
        BarRow::Group(_) => 15.0,
        BarRow::Bar { lines, .. } => (lines.len() as f32 * LABEL_PT * 1.15 + 3.0).max(14.0),
    }
}

fn dashed(x1: f32, y1: f32, x2: f32, y2: f32, gray: f32) -> Item {
    Item::Rule(Rule {
        x1_pt: x1,
        y1_pt: y1,
        x2_pt: x2,
        y2_pt: y2,
        width_pt: 0.4,
        gray,
        is_dashed: true,
    })
}

/// The on-time shares as bars, portrait. The annex's table (the shares as text, as the Word
/// report sets them) is drawn as the bars; its notes are the legend.
pub fn bar_chart_annex(flow: &mut Flow, report: &Report, annex: &Annex) {
    let rounding = report.meta.rounding;
    annex_title(flow, Orientation::Portrait, annex);
    let label_w = LABEL_COLUMN_PT - 6.0;
    let mut rows = vec![BarRow::Bar {
        lines: vec![tables::PROVINCE.to_string()],
        counts: report.total,
        is_total: true,
    }];
    for section in &report.sections {
        rows.push(BarRow::Group(section.name.clone()));
        for agency in &section.agencies {
            rows.push(BarRow::Bar {
                lines: wrap(
                    flow.fonts,
                    &agency.name,
                    Face::Regular,
                    LABEL_PT,
                    label_w,
                    0.0,
                ),
                counts: agency.counts,
                is_total: false,
            });
        }
    }

    let plot_left = flow.left_pt() + LABEL_COLUMN_PT;
    let plot_w = flow.width_pt() - LABEL_COLUMN_PT - RIGHT_RESERVE_PT;
    let mut index = 0;
    while index < rows.len() {
        // One segment per page: the rows that fit under the axis labels.
        flow.ensure(AXIS_PT + row_height(&rows[index]) + 4.0);
        let room = flow.bottom_pt() - flow.y_pt() - AXIS_PT - 4.0;
        let mut end = index;
        let mut used = 0.0;
        while end < rows.len() && (end == index || used + row_height(&rows[end]) <= room) {
            used += row_height(&rows[end]);
            end += 1;
        }
        let top = flow.y_pt() + AXIS_PT;
        for tick in [0u32, 25, 50, 75, 100] {
            let x = plot_left + plot_w * tick as f32 / 100.0;
            flow.text(
                &format!("{tick}%"),
                Face::Regular,
                9.0,
                x,
                top - 5.0,
                Align::Center,
            );
            let gray = if tick == 0 { 0.0 } else { 0.55 };
            let item = if tick == 0 {
                Item::Rule(Rule {
                    x1_pt: x,
                    y1_pt: top,
                    x2_pt: x,
                    y2_pt: top + used,
                    width_pt: 0.8,
                    gray,
                    is_dashed: false,
                })
            } else {
                dashed(x, top, x, top + used, gray)
            };
            flow.push(item);
        }
        let mut y = top;
        for row in &rows[index..end] {
            draw_bar_row(flow, row, y, plot_left, plot_w, rounding);
            y += row_height(row);
        }
        flow.set_y_pt(y + 8.0);
        index = end;
    }
    let legend_lines: Vec<&str> = annex
        .parts
        .iter()
        .filter_map(|part| match part {
            Part::Note(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    legend(flow, &legend_lines);
}

fn draw_bar_row(
    flow: &mut Flow,
    row: &BarRow,
    y: f32,
    plot_left: f32,
    plot_w: f32,
    rounding: Rounding,
) {
    let h = row_height(row);
    match row {
        BarRow::Group(name) => {
            let x = flow.left_pt();
            flow.text(name, Face::Bold, LABEL_PT, x, y + h - 4.0, Align::Left);
        }
        BarRow::Bar {
            lines,
            counts,
            is_total,
        } => {
            let face = if *is_total { Face::Bold } else { Face::Regular };
            let line_pt = LABEL_PT * 1.15;
            let mut baseline = y + (h - lines.len() as f32 * line_pt) / 2.0 + LABEL_PT * 0.85;
            for line in lines {
                flow.text(
                    line,
                    face,
                    LABEL_PT,
                    plot_left - 6.0,
                    baseline,
                    Align::Right,
                );
                baseline += line_pt;
            }
            let centre = y + h / 2.0;
            let share = counts.rate(Rate::OnTimeOfCompleted);
            let shown = percent_one_decimal(share, rounding);
            let bar_w = shown.map_or(0.0, |p| plot_w * (p as f32 / 100.0).clamp(0.0, 1.0));
            if bar_w > 0.0 {
                flow.push(Item::Block(Block {
                    x_pt: plot_left,
                    y_pt: centre - BAR_PT / 2.0,
                    width_pt: bar_w,
                    height_pt: BAR_PT,
                    fill_gray: Some(if *is_total { TOTAL_BAR_GRAY } else { BAR_GRAY }),
                    stroke_pt: Some(0.4),
                }));
            }
            // Value and overdue count in their own columns right of the plot, clear of the
            // gridlines.
            let value_baseline = centre + 3.2;
            let label = percent(share, rounding);
            flow.text(
                &label,
                face,
                9.0,
                plot_left + plot_w + 36.0,
                value_baseline,
                Align::Right,
            );
            let qh = format!("QH: {}", count(counts.overdue));
            flow.text(
                &qh,
                face,
                9.0,
                plot_left + plot_w + 44.0,
                value_baseline,
                Align::Left,
            );
        }
    }
}

/// A sample bar, the legend's lines beside it.
fn legend(flow: &mut Flow, lines: &[&str]) {
    flow.ensure(40.0);
    let x = flow.left_pt();
    let y = flow.y_pt();
    flow.push(Item::Block(Block {
        x_pt: x,
        y_pt: y + 1.0,
        width_pt: 18.0,
        height_pt: BAR_PT,
        fill_gray: Some(BAR_GRAY),
        stroke_pt: Some(0.4),
    }));
    flow.set_y_pt(y - 2.0);
    let style = ParaStyle::left(Face::Italic, 10.5);
    for line in lines {
        flow.paragraph_in(line, style, x + 24.0, flow.width_pt() - 24.0);
    }
}

/// The trend annex: the table by period (`annex::tables_annex`) and, under it, the line
/// chart of the two rates.
pub fn trend_annex(flow: &mut Flow, trend: &[TrendPoint], rounding: Rounding, annex: &Annex) {
    annex::tables_annex(flow, annex);
    line_chart(flow, trend, rounding);
}

const CHART_PT: f32 = 220.0;
const MARKER_PT: f32 = 5.0;

/// Where the line chart sits on the page and how a value and a period index map to it.
struct Plot {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// The value at the bottom axis (a multiple of 10).
    floor: f64,
    /// Number of periods along the horizontal axis.
    points: usize,
}

impl Plot {
    fn y_of(&self, v: f64) -> f32 {
        self.bottom - (CHART_PT * ((v - self.floor) / (100.0 - self.floor)) as f32)
    }

    fn x_of(&self, i: usize) -> f32 {
        let step = (self.right - self.left) / self.points as f32;
        self.left + step * (i as f32 + 0.5)
    }
}

/// The two series: completion rate (solid) and on-time share (dashed).
const LINE_SERIES: [(Rate, bool); 2] = [(Rate::Completion, false), (Rate::OnTimeOfCompleted, true)];

fn line_chart(flow: &mut Flow, trend: &[TrendPoint], rounding: Rounding) {
    if trend.is_empty() {
        return;
    }
    flow.ensure(CHART_PT + 70.0);
    let values: Vec<Vec<Option<f64>>> = LINE_SERIES
        .iter()
        .map(|(rate, _)| {
            trend
                .iter()
                .map(|p| percent_one_decimal(p.total.rate(*rate), rounding))
                .collect()
        })
        .collect();
    let top = flow.y_pt() + 10.0;
    let plot = Plot {
        left: flow.left_pt() + 40.0,
        right: flow.right_pt() - 20.0,
        top,
        bottom: top + CHART_PT,
        floor: axis_floor(&values),
        points: trend.len(),
    };
    value_axis(flow, &plot);
    period_labels(flow, &plot, trend);
    for ((_, is_dashed), vals) in LINE_SERIES.iter().zip(&values) {
        series_line(flow, &plot, vals, *is_dashed);
    }
    flow.set_y_pt(plot.bottom + 26.0);
    line_legend(flow);
}

/// The axis starts at a multiple of 10 below the lowest value, so close rates stay apart.
fn axis_floor(values: &[Vec<Option<f64>>]) -> f64 {
    let lowest = values
        .iter()
        .flatten()
        .flatten()
        .fold(100.0_f64, |a, b| a.min(*b));
    ((lowest - 5.0) / 10.0).floor().clamp(0.0, 8.0) * 10.0
}

/// Dashed gridlines with their percent labels every 5 or 10 points, then both axes.
fn value_axis(flow: &mut Flow, plot: &Plot) {
    let step = if 100.0 - plot.floor <= 30.0 {
        5.0
    } else {
        10.0
    };
    let mut tick = plot.floor;
    while tick <= 100.0 + 1e-9 {
        let y = plot.y_of(tick);
        flow.push(dashed(plot.left, y, plot.right, y, 0.6));
        flow.text(
            &format!("{}%", decimal1(tick).trim_end_matches(",0")),
            Face::Regular,
            9.0,
            plot.left - 4.0,
            y + 3.0,
            Align::Right,
        );
        tick += step;
    }
    flow.rule(plot.left, plot.bottom, plot.right, plot.bottom, 0.8);
    flow.rule(plot.left, plot.top, plot.left, plot.bottom, 0.8);
}

/// Each period's short name under its point.
fn period_labels(flow: &mut Flow, plot: &Plot, trend: &[TrendPoint]) {
    for (i, point) in trend.iter().enumerate() {
        let label = short_label(point);
        flow.text(
            &label,
            Face::Regular,
            9.0,
            plot.x_of(i),
            plot.bottom + 13.0,
            Align::Center,
        );
    }
}

/// One series: segments between known values, a marker and a value label at each.
fn series_line(flow: &mut Flow, plot: &Plot, vals: &[Option<f64>], is_dashed: bool) {
    for i in 1..vals.len() {
        if let (Some(a), Some(b)) = (vals[i - 1], vals[i]) {
            flow.push(Item::Rule(Rule {
                x1_pt: plot.x_of(i - 1),
                y1_pt: plot.y_of(a),
                x2_pt: plot.x_of(i),
                y2_pt: plot.y_of(b),
                width_pt: 1.5,
                gray: 0.0,
                is_dashed,
            }));
        }
    }
    for (i, v) in vals.iter().enumerate() {
        let Some(v) = v else { continue };
        let (x, y) = (plot.x_of(i), plot.y_of(*v));
        flow.push(marker(x, y, is_dashed));
        // Completion labels above the point, on-time labels below it.
        let label_y = if is_dashed { y + 13.0 } else { y - 6.0 };
        flow.text(
            &format!("{}%", decimal1(*v)),
            Face::Regular,
            8.5,
            x,
            label_y,
            Align::Center,
        );
    }
}

/// A square marker centred on (x, y): filled on the solid series, open on the dashed one.
fn marker(x: f32, y: f32, is_open: bool) -> Item {
    Item::Block(Block {
        x_pt: x - MARKER_PT / 2.0,
        y_pt: y - MARKER_PT / 2.0,
        width_pt: MARKER_PT,
        height_pt: MARKER_PT,
        fill_gray: Some(if is_open { 1.0 } else { 0.0 }),
        stroke_pt: Some(0.8),
    })
}

/// The legend under the line chart: a sample of each line with its marker and its meaning.
fn line_legend(flow: &mut Flow) {
    let x = flow.left_pt() + 40.0;
    for (label, is_dashed) in [
        ("Tỷ lệ hoàn thành (số đã hoàn thành / tổng số)", false),
        (
            "Tỷ lệ đúng hạn (số hoàn thành đúng hạn / số đã hoàn thành)",
            true,
        ),
    ] {
        let y = flow.y_pt() + 5.0;
        flow.push(Item::Rule(Rule {
            x1_pt: x,
            y1_pt: y,
            x2_pt: x + 30.0,
            y2_pt: y,
            width_pt: 1.5,
            gray: 0.0,
            is_dashed,
        }));
        flow.push(marker(x + 15.0, y, is_dashed));
        flow.text(label, Face::Regular, 10.0, x + 38.0, y + 3.5, Align::Left);
        flow.gap(15.0);
    }
}

/// "2019", "6T/2025", "Q3/2025", "02/2025": short enough to sit under a point.
fn short_label(point: &TrendPoint) -> String {
    use crate::model::PeriodUnit;
    use chrono::Datelike;
    let p = &point.period;
    let year = p.start.year();
    match p.unit {
        PeriodUnit::Year => year.to_string(),
        PeriodUnit::Half => format!(
            "{}/{year}",
            if p.start.month() == 1 {
                "6T đầu"
            } else {
                "6T cuối"
            }
        ),
        PeriodUnit::Quarter => format!("Q{}/{year}", (p.start.month() - 1) / 3 + 1),
        PeriodUnit::Month => format!("{:02}/{year}", p.start.month()),
        PeriodUnit::Range => period::phrase(p),
    }
}
