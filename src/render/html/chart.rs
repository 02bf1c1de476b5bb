//! The board's chart: the agencies with the most open overdue tasks, each a bar split by how
//! long its tasks are overdue (up to 30 days, 31–90, over 90, unknown). The names and numbers
//! are HTML text (they stay readable at any width); each bar is a small inline SVG whose
//! length is its share of the longest bar.

use maud::{Markup, html};

use super::{BoardAgency, bands};
use crate::model::OverdueAge;
use crate::vn_number::count;

/// How many agencies the chart shows, most overdue first.
const MAX_BARS: usize = 15;

pub fn overdue_by_agency(agencies: &[BoardAgency], total: &OverdueAge) -> Markup {
    let mut with_overdue: Vec<&BoardAgency> = agencies
        .iter()
        .filter(|a| a.line.counts.overdue > 0)
        .collect();
    // A stable sort: report order among agencies with as many overdue tasks.
    with_overdue.sort_by_key(|a| std::cmp::Reverse(a.line.counts.overdue));
    let longest = with_overdue
        .first()
        .map_or(1, |a| a.line.counts.overdue.max(1));
    html! {
        section.chart aria-labelledby="chart-title" {
            h2 #chart-title { "Nhiệm vụ quá hạn chưa hoàn thành theo cơ quan" }
            p.chart-total { "Toàn tỉnh: " (bands(total)) }
            p.chart-key aria-hidden="true" {
                span.key-30 { "≤ 30 ngày" }
                span.key-90 { "31–90 ngày" }
                span.key-over { "> 90 ngày" }
                @if total.unknown > 0 { span.key-unknown { "không rõ hạn" } }
            }
            @if with_overdue.is_empty() {
                p.none { "Không có nhiệm vụ quá hạn." }
            } @else {
                ol.bars {
                    @for a in with_overdue.iter().take(MAX_BARS) {
                        (bar(a, longest))
                    }
                }
                @if with_overdue.len() > MAX_BARS {
                    p.more {
                        "… và " (count((with_overdue.len() - MAX_BARS) as u64))
                        " cơ quan khác có nhiệm vụ quá hạn"
                    }
                }
            }
        }
    }
}

fn bar(a: &BoardAgency, longest: u64) -> Markup {
    let age = &a.line.overdue_age;
    let n = a.line.counts.overdue;
    let parts = [
        ("b30", age.up_to_30),
        ("b90", age.from_31_to_90),
        ("bover", age.over_90),
        ("bunknown", age.unknown),
    ];
    let label = format!(
        "{}: {} nhiệm vụ quá hạn ({} đến 30 ngày, {} từ 31 đến 90 ngày, {} trên 90 ngày)",
        a.line.name,
        count(n),
        count(age.up_to_30),
        count(age.from_31_to_90),
        count(age.over_90)
    );
    // Each part starts where the one before it ends.
    let segments: Vec<(&str, u64, u64)> = parts
        .iter()
        .filter(|(_, width)| *width > 0)
        .scan(0, |x, &(class, width)| {
            let start = *x;
            *x += width;
            Some((class, start, width))
        })
        .collect();
    html! {
        li data-agency=(a.id) {
            span.bar-name { (a.line.name) }
            span.bar-track {
                svg.bar viewBox=(format!("0 0 {longest} 1")) preserveAspectRatio="none"
                    role="img" aria-label=(label) {
                    @for (class, x, width) in segments {
                        rect class=(class) x=(x) y="0" width=(width) height="1" {}
                    }
                }
            }
            b.bar-n { (count(n)) }
        }
    }
}
