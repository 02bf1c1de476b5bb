//! An agency's tile (its colour, the three numbers a passer-by reads, its age bands and stale
//! flag) and the dialog it opens: the agency's full figures and its task lists — document,
//! content, deadline, days overdue or left, tracking officer.

use maud::{Markup, html};

use super::{BoardAgency, Light, bands};
use crate::model::{Counts, DUE_SOON_DAYS, Rate, Stale, TaskLine};
use crate::render::labels::{ALL_COUNTS, HEADLINE_RATES, rate_head};
use crate::render::words::document_label;
use crate::vn_number::{Rounding, count, date, percent};

/// How many tasks of one list a dialog shows; the rest are counted in a line (a province's
/// thousands of overdue tasks are in the workbook, the board stays light).
const MAX_ROWS: usize = 200;

/// The name of a headline rate in the board's cells.
fn rate_key(rate: Rate) -> &'static str {
    match rate {
        Rate::Completion => "completion",
        Rate::OnTimeOfCompleted => "on_time_of_completed",
        Rate::DueCompletion => "due_completion",
        _ => "rate",
    }
}

pub fn tile(a: &BoardAgency, rounding: Rounding) -> Markup {
    let c = &a.line.counts;
    // A JSON list in an attribute: maud escapes it like any attribute value.
    let officers = serde_json::to_string(&a.officers).unwrap_or_else(|_| "[]".to_string());
    html! {
        a.tile.(a.light.class()) id=(format!("tile-{}", a.id)) href=(format!("#{}", a.id))
            data-agency=(a.id) data-group=(a.group)
            data-bloc=(a.line.bloc.as_deref().unwrap_or("")) data-officers=(officers)
            aria-haspopup="dialog" {
            span.t-state { (a.light.label()) }
            span.t-name { (a.line.name) }
            span.t-stats {
                span.t-stat.lead[a.light == Light::Red] {
                    b.f-overdue { (count(c.overdue)) } span { "quá hạn" }
                }
                span.t-stat.lead[a.light == Light::Amber] {
                    b.f-due-soon { (count(a.due_soon.len() as u64)) } span { "sắp đến hạn" }
                }
                span.t-stat.lead[a.light == Light::Green] {
                    b.r-completion { (percent(c.rate(Rate::Completion), rounding)) }
                    span { "hoàn thành" }
                }
            }
            span.t-facts {
                "Tổng " b.f-total { (count(c.total)) }
                " · đã HT " b.f-completed { (count(c.completed)) }
            }
            @if c.overdue > 0 || !a.stale.is_empty() {
                span.t-foot {
                    @if c.overdue > 0 {
                        span.t-bands { (bands(&a.line.overdue_age)) }
                    }
                    @if !a.stale.is_empty() {
                        span.t-stale title="Lâu không có tin" {
                            "⚑ " b.f-stale { (count(a.stale.len() as u64)) }
                            span.u { " lâu không có tin" }
                        }
                    }
                }
            }
        }
    }
}

/// Which list a task is shown in: it decides the days column.
#[derive(Clone, Copy)]
enum List {
    Overdue,
    DueSoon,
    Stale,
}

pub fn detail(a: &BoardAgency, rounding: Rounding) -> Markup {
    let c = &a.line.counts;
    let listed = !(a.overdue.is_empty() && a.due_soon.is_empty() && a.stale.is_empty());
    let name_id = format!("{}-name", a.id);
    let due_soon_heading = format!("Sắp đến hạn trong {DUE_SOON_DAYS} ngày tới");
    html! {
        dialog.detail.(a.light.class()).quiet[!listed] id=(a.id) aria-labelledby=(name_id) {
            div.d-body {
                div.d-head {
                    div {
                        h2 id=(name_id) { (a.line.name) }
                        p.d-sub {
                            (a.group)
                            @if let Some(bloc) = &a.line.bloc { " · " (bloc) }
                            " · " span.d-state { (a.light.label()) }
                        }
                    }
                    form method="dialog" {
                        button.close type="submit" { "Đóng ✕" }
                    }
                }
                (figures(c, rounding))
                @if c.overdue > 0 {
                    p.d-bands { "Quá hạn theo thời gian: " (bands(&a.line.overdue_age)) }
                }
                @if !a.line.note.is_empty() {
                    p.d-note { "Ghi chú: " (a.line.note) }
                }
                (list("Quá hạn chưa hoàn thành", &a.overdue, List::Overdue))
                (list(&due_soon_heading, &a.due_soon, List::DueSoon))
                (list("⚑ Lâu không có tin", &a.stale, List::Stale))
                @if !listed {
                    p.none { "Không có nhiệm vụ quá hạn, sắp đến hạn hay lâu không có tin." }
                }
            }
        }
    }
}

/// The agency's figures: every count and the headline rates, as in the report's tables.
fn figures(c: &Counts, rounding: Rounding) -> Markup {
    html! {
        div.figures-wrap {
            table.figures {
                thead {
                    tr {
                        @for col in ALL_COUNTS { th scope="col" { (col.head) } }
                        @for rate in HEADLINE_RATES { th scope="col" { (rate_head(rate)) } }
                    }
                }
                tbody {
                    tr {
                        @for col in ALL_COUNTS {
                            td data-key=(col.key) data-label=(col.head) { (count((col.value)(c))) }
                        }
                        @for rate in HEADLINE_RATES {
                            td data-key=(rate_key(rate)) data-label=(rate_head(rate)) {
                                (percent(c.rate(rate), rounding))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn list(heading: &str, tasks: &[&TaskLine], kind: List) -> Markup {
    let days_head = match kind {
        List::Overdue => "Số ngày quá hạn",
        List::DueSoon => "Thời gian còn lại",
        List::Stale => "Lâu không có tin",
    };
    let class = match kind {
        List::Overdue => "overdue",
        List::DueSoon => "due-soon",
        List::Stale => "stale",
    };
    html! {
        @if !tasks.is_empty() {
            section.list.(class) {
                h3 { (heading) " (" (count(tasks.len() as u64)) ")" }
                table.tasks {
                    thead {
                        tr {
                            th scope="col" { "Văn bản" }
                            th scope="col" { "Nội dung" }
                            th scope="col" { "Hạn xử lý" }
                            th scope="col" { (days_head) }
                            th scope="col" { "Chuyên viên theo dõi" }
                        }
                    }
                    tbody {
                        @for t in tasks.iter().take(MAX_ROWS) {
                            (row(t, kind, days_head))
                        }
                    }
                }
                @if tasks.len() > MAX_ROWS {
                    p.more {
                        "… và " (count((tasks.len() - MAX_ROWS) as u64))
                        " nhiệm vụ khác (danh sách đầy đủ trong báo cáo Excel)"
                    }
                }
            }
        }
    }
}

fn row(t: &TaskLine, kind: List, days_head: &str) -> Markup {
    let officer = t.officer.as_deref().map(str::trim).unwrap_or("");
    html! {
        tr data-officer=(officer) {
            td.doc data-label="Văn bản" { (document_label(t)) }
            td.content data-label="Nội dung" {
                span.text { (t.summary.as_deref().unwrap_or("(không có trích yếu)")) }
                @if t.is_key { " " span.key { "trọng tâm" } }
                @if let (Some(stale), List::Overdue | List::DueSoon) = (t.stale, kind) {
                    " " span.flag title=(stale_text(stale)) { "⚑" }
                }
            }
            td.deadline data-label="Hạn xử lý" {
                (t.deadline_used.map_or_else(|| "Không thời hạn".to_string(), date))
            }
            td.days data-label=(days_head) { (days(t, kind)) }
            td.officer data-label="Chuyên viên theo dõi" {
                @if officer.is_empty() { "—" } @else { (officer) }
            }
        }
    }
}

/// "quá 40 ngày", "còn 16 ngày", "đến hạn hôm nay", "đã giao 233 ngày".
fn days(t: &TaskLine, kind: List) -> String {
    match kind {
        List::Overdue => t.days_overdue.map_or_else(
            || "quá hạn".to_string(),
            |n| format!("quá {} ngày", count(n.max(0) as u64)),
        ),
        List::DueSoon => match t.days_left {
            Some(0) => "đến hạn hôm nay".to_string(),
            Some(n) => format!("còn {} ngày", count(n.max(0) as u64)),
            None => String::new(),
        },
        List::Stale => t.stale.map(stale_text).unwrap_or_default(),
    }
}

fn stale_text(stale: Stale) -> String {
    match stale {
        Stale::NoDeadlineFor(d) => {
            format!("đã giao {} ngày, không thời hạn", count(d.max(0) as u64))
        }
        Stale::NotUpdatedFor(d) => format!("{} ngày chưa cập nhật", count(d.max(0) as u64)),
    }
}
