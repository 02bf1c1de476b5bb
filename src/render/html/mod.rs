//! The public progress board (bảng tin tiến độ): one self-contained HTML page drawn from the
//! report model for the Office's lobby screen, a meeting room, a phone or an A4 printer. A
//! tile per agency — red with open overdue tasks (quá hạn), amber with a task coming due (sắp
//! đến hạn) within [`DUE_SOON_DAYS`], green otherwise — red first; each tile opens a dialog
//! with the agency's figures and its overdue, coming-due and stale tasks. Filters by group,
//! bloc and tracking officer (chuyên viên theo dõi), a search box and a bar chart of the
//! overdue tasks by age.
//!
//! Self-contained: the styles, the script and the chart (inline SVG) are in the page, the
//! fonts are the system's; there is no external address, so the page opens from a USB stick
//! on a screen without a network. Every text from the task files goes through maud, which
//! escapes it; the script only reads the page's own elements and sets text and attributes (it
//! builds no HTML from data), and no data is embedded as JSON inside a script element — the
//! officers of a tile are a JSON list in an attribute, which maud escapes like any other.

mod chart;
mod tiles;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::model::{
    AgencyLine, Basis, DUE_SOON_DAYS, OverdueAge, Rate, Report, STALE_NO_DEADLINE_DAYS, TaskLine,
};
use crate::period;
use crate::vn_number::{count, date, percent};

/// The page's styles and behaviour, kept as files of their own to be read and edited as CSS
/// and JavaScript; a test checks that neither can close the element it is put in.
const STYLE: &str = include_str!("board.css");
const SCRIPT: &str = include_str!("board.js");

/// What the page shows beside the report: where its data came from, when it was made and
/// how often it reloads.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The names of the input files.
    pub sources: Vec<String>,
    /// How many of them were read (the others were skipped as unreadable).
    pub files_read: usize,
    /// `<meta http-equiv="refresh">` every this many seconds.
    pub refresh_seconds: Option<u32>,
    /// When the board was made, from the options (never the clock).
    pub generated_at: Option<NaiveDateTime>,
}

/// The colour of an agency's tile; the order is the board's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Light {
    /// Open overdue tasks.
    Red,
    /// No overdue task, but a task due within the due-soon window.
    Amber,
    Green,
}

impl Light {
    fn class(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Amber => "amber",
            Light::Green => "green",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Light::Red => "Có nhiệm vụ quá hạn",
            Light::Amber => "Có nhiệm vụ sắp đến hạn",
            Light::Green => "Không có nhiệm vụ quá hạn",
        }
    }
}

/// One agency as the board shows it: its line of the report, its colour and its task lists.
#[derive(Debug)]
pub struct BoardAgency<'a> {
    /// The id of its dialog, from its name without marks: `cq-so-tai-chinh` (a link to the
    /// page ending `#cq-so-tai-chinh` opens it).
    pub id: String,
    pub line: &'a AgencyLine,
    pub group: &'a str,
    pub light: Light,
    pub overdue: Vec<&'a TaskLine>,
    pub due_soon: Vec<&'a TaskLine>,
    pub stale: Vec<&'a TaskLine>,
    /// The tracking officers of its tasks of the period, in name order.
    pub officers: BTreeSet<&'a str>,
}

/// The agencies with tasks in the period, red first, then amber, then green; within a
/// colour, in report order.
pub fn agencies<'a>(report: &'a Report) -> Vec<BoardAgency<'a>> {
    let overdue = by_agency(&report.overdue);
    let due_soon = by_agency(&report.due_soon);
    let stale = by_agency(&report.stale);
    let mut officers: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for t in &report.details {
        if let Some(o) = t
            .officer
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            officers.entry(&t.agency).or_default().insert(o);
        }
    }
    let take = |lists: &HashMap<&str, Vec<&'a TaskLine>>, name: &str| -> Vec<&'a TaskLine> {
        lists.get(name).cloned().unwrap_or_default()
    };
    let mut ids = HashSet::new();
    let mut out: Vec<BoardAgency> = report
        .sections
        .iter()
        .flat_map(|s| s.agencies.iter().map(move |a| (s.name.as_str(), a)))
        .enumerate()
        // An agency listed only for last year's figures has nothing to show on the board.
        .filter(|(_, (_, a))| a.counts.total > 0)
        .map(|(i, (group, line))| {
            let due_soon = take(&due_soon, &line.name);
            let light = if line.counts.overdue > 0 {
                Light::Red
            } else if !due_soon.is_empty() {
                Light::Amber
            } else {
                Light::Green
            };
            BoardAgency {
                id: unique_id(&line.name, i + 1, &mut ids),
                line,
                group,
                light,
                overdue: take(&overdue, &line.name),
                due_soon,
                stale: take(&stale, &line.name),
                officers: officers.remove(line.name.as_str()).unwrap_or_default(),
            }
        })
        .collect();
    // A stable sort: report order within a colour.
    out.sort_by_key(|a| a.light);
    out
}

/// `cq-` and the name folded to ASCII words joined by hyphens; a name that folds to nothing, or
/// to the id of an agency before it, is told apart by its position in report order.
fn unique_id(name: &str, position: usize, taken: &mut HashSet<String>) -> String {
    let words: Vec<String> = crate::vn_text::fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut id = format!("cq-{}", words.join("-"));
    if words.is_empty() || taken.contains(&id) {
        id = format!("{id}-{position}").replace("--", "-");
    }
    taken.insert(id.clone());
    id
}

fn by_agency(tasks: &[TaskLine]) -> HashMap<&str, Vec<&TaskLine>> {
    let mut map: HashMap<&str, Vec<&TaskLine>> = HashMap::new();
    for t in tasks {
        map.entry(&t.agency).or_default().push(t);
    }
    map
}

/// The whole page.
pub fn board(report: &Report, page: &Page) -> String {
    let agencies = agencies(report);
    let rounding = report.meta.rounding;
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(seconds) = page.refresh_seconds {
                    meta http-equiv="refresh" content=(seconds);
                }
                title { (title(report)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (header(report, page))
                (summary(report, &agencies))
                div.layout {
                    main.board {
                        (filters(&agencies))
                        section.grid aria-label="Các cơ quan, đơn vị" {
                            @for a in &agencies {
                                (tiles::tile(a, rounding))
                            }
                        }
                        @if agencies.is_empty() {
                            p.none { "Không có nhiệm vụ nào trong kỳ." }
                        }
                    }
                    aside.side {
                        (chart::overdue_by_agency(&agencies, &report.overdue_age))
                        (legend())
                    }
                }
                @for a in &agencies {
                    (tiles::detail(a, rounding))
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// "Bảng tin tiến độ — số liệu đến hết ngày 20/12/2025".
fn title(report: &Report) -> String {
    format!(
        "Bảng tin tiến độ thực hiện nhiệm vụ — số liệu đến hết ngày {}",
        date(report.meta.period.effective_end())
    )
}

fn header(report: &Report, page: &Page) -> Markup {
    let meta = &report.meta;
    let skipped = page.sources.len().saturating_sub(page.files_read);
    html! {
        header.top {
            p.issuer { (meta.issuer) " · " (meta.issuer_sub) }
            h1 { "Bảng tin tiến độ thực hiện nhiệm vụ UBND tỉnh giao" }
            p.span {
                "Kỳ " (period::phrase(&meta.period))
                " — số liệu " (period::span_phrase(&meta.period))
                @match meta.basis {
                    Basis::Assigned => ", theo ngày giao",
                    Basis::Due => ", theo hạn xử lý",
                }
            }
            p.cutoff {
                "Số liệu chốt đến hết ngày "
                b.cutoff-date { (date(meta.period.effective_end())) }
                @if let Some(at) = page.generated_at {
                    " · cập nhật lúc "
                    b.generated { (at.format("%H:%M")) " ngày " (date(at.date())) }
                }
            }
            p.source {
                "Nguồn dữ liệu: "
                span.files { (page.sources.join(", ")) }
                @if skipped > 0 {
                    " (bỏ qua " (count(skipped as u64)) " tệp không đọc được)"
                }
            }
        }
    }
}

/// The province's figures in a strip of large numbers.
fn summary(report: &Report, agencies: &[BoardAgency]) -> Markup {
    let c = &report.total;
    let rounding = report.meta.rounding;
    let lights = |l: Light| agencies.iter().filter(|a| a.light == l).count() as u64;
    html! {
        section.summary aria-label="Toàn tỉnh" {
            div.stat {
                span.s-label { "Tổng số nhiệm vụ" }
                b.s-total { (count(c.total)) }
            }
            div.stat {
                span.s-label { "Đã hoàn thành" }
                b.s-completed { (count(c.completed)) }
                small {
                    b.s-completion { (percent(c.rate(Rate::Completion), rounding)) } " tổng số"
                }
            }
            div.stat {
                span.s-label { "Hoàn thành đúng hạn" }
                b.s-on-time { (count(c.on_time)) }
                small {
                    b.s-on-time-rate { (percent(c.rate(Rate::OnTimeOfCompleted), rounding)) }
                    " số đã hoàn thành"
                }
            }
            div.stat.red {
                span.s-label { "Quá hạn chưa hoàn thành" }
                b.s-overdue { (count(c.overdue)) }
                small { (bands(&report.overdue_age)) }
            }
            div.stat.amber {
                span.s-label { "Sắp đến hạn (" (DUE_SOON_DAYS) " ngày tới)" }
                b.s-due-soon { (count(report.due_soon.len() as u64)) }
            }
            div.stat.stale {
                span.s-label { "⚑ Lâu không có tin" }
                b.s-stale { (count(report.stale.len() as u64)) }
            }
            div.stat.lights {
                span.s-label { "Cơ quan, đơn vị" }
                span.light-counts {
                    span.dot.red {} b.n-red { (count(lights(Light::Red))) } " đỏ "
                    span.dot.amber {} b.n-amber { (count(lights(Light::Amber))) } " vàng "
                    span.dot.green {} b.n-green { (count(lights(Light::Green))) } " xanh"
                }
            }
        }
    }
}

/// "≤ 30 ngày: 2 · 31–90 ngày: 2 · > 90 ngày: 1", with the tasks of unknown age when there
/// are any.
fn bands(age: &OverdueAge) -> Markup {
    html! {
        // A tile drops the word «ngày» (span.u) to keep to one line.
        span.bands {
            "≤ 30" span.u { " ngày" } ": " b.b-30 { (count(age.up_to_30)) }
            " · 31–90" span.u { " ngày" } ": " b.b-90 { (count(age.from_31_to_90)) }
            " · > 90" span.u { " ngày" } ": " b.b-over { (count(age.over_90)) }
            @if age.unknown > 0 {
                " · không rõ hạn: " b.b-unknown { (count(age.unknown)) }
            }
        }
    }
}

/// The filters: group, bloc, tracking officer and a search box (used by the script; hidden
/// when it does not run). Their values are kept in the page's address.
fn filters(agencies: &[BoardAgency]) -> Markup {
    let mut groups: Vec<&str> = Vec::new();
    for a in agencies.iter().map(|a| a.group) {
        if !groups.contains(&a) {
            groups.push(a);
        }
    }
    let blocs: Vec<&str> = agencies
        .iter()
        .filter_map(|a| a.line.bloc.as_deref())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let officers: Vec<&str> = agencies
        .iter()
        .flat_map(|a| a.officers.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shown = count(agencies.len() as u64);
    let select = |id: &str, name: &str, label: &str, all: &str, values: &[&str]| {
        html! {
            label for=(id) {
                span { (label) }
                select id=(id) name=(name) {
                    option value="" { (all) }
                    @for v in values {
                        option value=(v) { (v) }
                    }
                }
            }
        }
    };
    html! {
        form.filters role="search" aria-label="Lọc cơ quan" {
            (select("f-group", "nhom", "Nhóm", "Tất cả các nhóm", &groups))
            @if !blocs.is_empty() {
                (select("f-bloc", "khoi", "Khối thi đua", "Tất cả các khối", &blocs))
            }
            @if !officers.is_empty() {
                (select("f-officer", "cv", "Chuyên viên theo dõi", "Tất cả chuyên viên", &officers))
            }
            label.search for="f-q" {
                span { "Tìm" }
                input #f-q type="search" name="q" autocomplete="off"
                    placeholder="Tên cơ quan, số văn bản, nội dung…";
            }
            button #f-reset type="reset" { "Bỏ lọc" }
            output #f-count aria-live="polite" {
                "Đang hiện " (shown) "/" (shown) " cơ quan"
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        section.legend aria-label="Chú giải" {
            h2 { "Chú giải" }
            ul {
                li { span.dot.red {} "Đỏ: có nhiệm vụ chưa hoàn thành đã quá hạn" }
                li {
                    span.dot.amber {}
                    "Vàng: không có nhiệm vụ quá hạn, có nhiệm vụ đến hạn trong "
                    (DUE_SOON_DAYS) " ngày tới"
                }
                li { span.dot.green {} "Xanh: không có nhiệm vụ quá hạn hay sắp đến hạn" }
                li {
                    "⚑ Lâu không có tin: nhiệm vụ không thời hạn đã giao quá "
                    (STALE_NO_DEADLINE_DAYS) " ngày chưa có kết quả, hoặc lâu chưa được cập nhật"
                }
            }
            p {
                "Bấm (hoặc chạm, hoặc chọn rồi nhấn Enter) vào một cơ quan để xem các nhiệm vụ "
                "quá hạn, sắp đến hạn và người theo dõi."
            }
        }
    }
}
