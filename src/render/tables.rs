//! The annex tables and the letters' task tables as plain text, one builder per table, for
//! every renderer that lays them out (the PDF and the Word documents): the per-agency table
//! in the official column layout (SPEC §5: a two-row head with group cells and a
//! column-number row, group rows with sub-totals, «Tổng cộng»), the lists of open overdue and
//! coming-due tasks (by agency, or of one agency for its letter), the on-time shares the PDF
//! draws as bars, the emulation ranking with the agencies it leaves out, and the trend. A cell
//! is the string it shows; column heads come from `render::labels`; a column carries the width
//! the PDF annex gives it in points (at 10,5 pt type) and its alignment, so each renderer
//! scales the widths to its own page.

use crate::model::{Counts, Ranking, Rate, Report, TaskLine, TrendPoint, UnrankedAgency};
use crate::period;
use crate::render::{labels, words};
use crate::vn_number::{Rounding, count, date, decimal1, percent, roman};

/// The text width of an A4 portrait page between the margins of Nghị định 30/2020 (left
/// 30 mm, right 15 mm), in points.
pub const PORTRAIT_TEXT_PT: f32 = 165.0 * 72.0 / 25.4;

/// The province's line of the on-time shares (and of the PDF's bar chart).
pub const PROVINCE: &str = "Toàn tỉnh";

/// Task contents longer than this are shortened in the lists.
pub const LIST_SUMMARY_CHARS: usize = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A column: its width in points on an A4 landscape page (None: it takes what the others
/// leave), and how its cells are aligned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub width_pt: Option<f32>,
    pub align: Align,
}

/// A column of `width_pt` points (None: the rest), aligned.
pub const fn col(width_pt: Option<f32>, align: Align) -> Column {
    Column { width_pt, align }
}

/// A head cell at (row, col), spanning rows and columns. `is_numbering`: a cell of the
/// column-number row «(1) (2) …» (set small and italic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub is_numbering: bool,
}

impl HeadCell {
    pub fn new(text: &str, row: usize, col: usize, row_span: usize, col_span: usize) -> Self {
        HeadCell {
            text: text.to_string(),
            row,
            col,
            row_span,
            col_span,
            is_numbering: false,
        }
    }

    /// A head of one row: one cell per column, in order.
    fn one_row(labels: &[&str]) -> Vec<HeadCell> {
        labels
            .iter()
            .enumerate()
            .map(|(i, t)| HeadCell::new(t, 0, i, 1, 1))
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Plain,
    /// A group's sub-total, «Tổng cộng», the province's line: set in bold.
    Bold,
    /// One text across the whole table (an agency heading in a list), bold.
    Band,
}

/// A body row: one text per column (a band has one text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<String>,
}

impl Row {
    pub(crate) fn plain(cells: Vec<String>) -> Self {
        Row {
            kind: RowKind::Plain,
            cells,
        }
    }

    pub(crate) fn bold(cells: Vec<String>) -> Self {
        Row {
            kind: RowKind::Bold,
            cells,
        }
    }

    pub(crate) fn band(text: String) -> Self {
        Row {
            kind: RowKind::Band,
            cells: vec![text],
        }
    }
}

/// A table as text: columns, a head of `head_rows` rows, the body rows.
#[derive(Clone, Debug, PartialEq)]
pub struct TextTable {
    /// The widest the table is drawn, in points: the text width of an A4 portrait page for
    /// the tables the PDF sets on one (None: the whole width it is given).
    pub max_width_pt: Option<f32>,
    pub columns: Vec<Column>,
    pub head_rows: usize,
    pub head: Vec<HeadCell>,
    pub rows: Vec<Row>,
}

impl TextTable {
    /// A table whose head is one row, `heads` in column order.
    fn with_one_head_row(
        columns: Vec<Column>,
        heads: &[&str],
        rows: Vec<Row>,
        max_width_pt: Option<f32>,
    ) -> TextTable {
        TextTable {
            max_width_pt,
            columns,
            head_rows: 1,
            head: HeadCell::one_row(heads),
            rows,
        }
    }
}

/// The figures of one line: total, completed (total, on time, late), not completed (total,
/// within, overdue), completion rate, on-time share.
fn figure_cells(c: &Counts, rounding: Rounding) -> Vec<String> {
    let mut cells: Vec<String> = labels::STATUS_COUNTS
        .iter()
        .map(|column| count((column.value)(c)))
        .collect();
    cells.push(percent(c.rate(Rate::Completion), rounding));
    cells.push(percent(c.rate(Rate::OnTimeOfCompleted), rounding));
    cells
}

/// The per-agency table (SPEC §5): group rows (I, II, …) with their sub-totals, the agencies
/// numbered inside their group, then «Tổng cộng».
pub fn agencies(report: &Report) -> TextTable {
    let rounding = report.meta.rounding;
    let mut columns = vec![col(Some(28.0), Align::Center), col(None, Align::Left)];
    columns.extend([col(Some(47.0), Align::Right); 7]);
    columns.extend([col(Some(52.0), Align::Right); 2]);
    // A wide note column: restated agencies carry "Gồm cả nhiệm vụ của …" notes.
    columns.push(col(Some(130.0), Align::Left));

    let mut head = vec![
        HeadCell::new("STT", 0, 0, 2, 1),
        HeadCell::new("Cơ quan, đơn vị", 0, 1, 2, 1),
        HeadCell::new(labels::ANNEX_TOTAL, 0, 2, 2, 1),
        HeadCell::new(labels::COMPLETED.head, 0, 3, 1, 3),
        HeadCell::new(labels::NOT_COMPLETED.head, 0, 6, 1, 3),
        HeadCell::new(labels::rate_head(Rate::Completion), 0, 9, 2, 1),
        HeadCell::new(labels::rate_head(Rate::OnTimeOfCompleted), 0, 10, 2, 1),
        HeadCell::new("Ghi chú", 0, 11, 2, 1),
    ];
    let parts = labels::COMPLETED_PARTS
        .iter()
        .chain(&labels::NOT_COMPLETED_PARTS);
    for (i, label) in parts.enumerate() {
        head.push(HeadCell::new(label, 1, 3 + i, 1, 1));
    }
    let numbers = [
        "(1)",
        "(2)",
        "(3)=(4)+(7)",
        "(4)=(5)+(6)",
        "(5)",
        "(6)",
        "(7)=(8)+(9)",
        "(8)",
        "(9)",
        "(10)=(4)/(3)",
        "(11)=(5)/(4)",
        "(12)",
    ];
    for (i, label) in numbers.iter().enumerate() {
        head.push(HeadCell {
            is_numbering: true,
            ..HeadCell::new(label, 2, i, 1, 1)
        });
    }

    let groups = report.sections.iter().map(|section| {
        let agencies = section.agencies.iter().map(|a| {
            (
                a.name.as_str(),
                figure_cells(&a.counts, rounding),
                a.note.as_str(),
            )
        });
        (
            section.name.as_str(),
            figure_cells(&section.subtotal, rounding),
            agencies,
        )
    });
    let rows = grouped_rows(groups, figure_cells(&report.total, rounding));
    TextTable {
        max_width_pt: None,
        columns,
        head_rows: 3,
        head,
        rows,
    }
}

/// The body of a summary table by group: each group's row (Roman numeral, bold, its subtotal),
/// its agencies' rows (numbered within the group, their figures and note), then the «Tổng
/// cộng» row. A group is (name, subtotal cells, agencies); an agency (name, cells, note).
pub(crate) fn grouped_rows<'a, G, A>(groups: G, total: Vec<String>) -> Vec<Row>
where
    G: IntoIterator<Item = (&'a str, Vec<String>, A)>,
    A: IntoIterator<Item = (&'a str, Vec<String>, &'a str)>,
{
    let line = |first: String, name: &str, figures: Vec<String>, note: &str| {
        let mut cells = vec![first, name.to_string()];
        cells.extend(figures);
        cells.push(note.to_string());
        cells
    };
    let mut rows = Vec::new();
    for (g, (name, subtotal, agencies)) in groups.into_iter().enumerate() {
        rows.push(Row::bold(line(roman(g + 1), name, subtotal, "")));
        for (i, (name, figures, note)) in agencies.into_iter().enumerate() {
            rows.push(Row::plain(line((i + 1).to_string(), name, figures, note)));
        }
    }
    rows.push(Row::bold(line(String::new(), "Tổng cộng", total, "")));
    rows
}

/// Which list a task table shows: its last column is the days overdue or the days left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskList {
    Overdue,
    DueSoon,
}

impl TaskList {
    pub fn days_head(self) -> &'static str {
        match self {
            TaskList::Overdue => "Số ngày quá hạn",
            TaskList::DueSoon => "Số ngày còn lại",
        }
    }

    fn days(self, task: &TaskLine) -> String {
        let days = match self {
            TaskList::Overdue => task.days_overdue,
            TaskList::DueSoon => task.days_left,
        };
        days.map(|d| count(d.max(0) as u64)).unwrap_or_default()
    }
}

fn summary_cell(task: &TaskLine) -> String {
    task.summary
        .as_deref()
        .map_or_else(String::new, |s| words::shorten(s, LIST_SUMMARY_CHARS))
}

/// A task list's table without its rows: number, document, content, the assigning leader
/// when asked, deadline, days overdue or left.
fn task_table(list: TaskList, with_leader: bool, rows: Vec<Row>) -> TextTable {
    let mut columns = vec![
        col(Some(28.0), Align::Center),
        col(Some(120.0), Align::Left),
        col(None, Align::Left),
    ];
    let mut heads = vec!["STT", "Số, ngày văn bản giao", "Nội dung nhiệm vụ"];
    if with_leader {
        columns.push(col(Some(95.0), Align::Left));
        heads.push("Lãnh đạo giao");
    }
    columns.extend([
        col(Some(66.0), Align::Center),
        col(Some(56.0), Align::Center),
    ]);
    heads.extend(["Hạn xử lý", list.days_head()]);
    TextTable::with_one_head_row(columns, &heads, rows, None)
}

fn task_row(n: usize, task: &TaskLine, list: TaskList, with_leader: bool) -> Row {
    let mut cells = vec![
        n.to_string(),
        words::document_label(task),
        summary_cell(task),
    ];
    if with_leader {
        cells.push(task.leader.as_deref().unwrap_or_default().to_string());
    }
    cells.extend([
        task.deadline_used.map(date).unwrap_or_default(),
        list.days(task),
    ]);
    Row::plain(cells)
}

/// A list of tasks by agency (report order), each agency a band row with its count; tasks
/// numbered through the whole list: document, content, assigning leader, deadline, days.
pub fn tasks(report: &Report, tasks: &[TaskLine], list: TaskList) -> TextTable {
    let mut rows = Vec::new();
    let mut n = 0;
    for (agency, group) in words::tasks_by_agency(report, tasks) {
        rows.push(Row::band(format!(
            "{agency} ({} nhiệm vụ)",
            count(group.len() as u64)
        )));
        for task in group {
            n += 1;
            rows.push(task_row(n, task, list, true));
        }
    }
    task_table(list, true, rows)
}

/// One agency's tasks of a list, for its urging letter: document, content, deadline, days.
pub fn agency_tasks(tasks: &[TaskLine], list: TaskList) -> TextTable {
    let rows = tasks
        .iter()
        .enumerate()
        .map(|(i, task)| task_row(i + 1, task, list, false))
        .collect();
    task_table(list, false, rows)
}

/// The on-time share of every agency (the PDF's bar chart, as a table): the province first,
/// then each group as a band and its agencies, with the open overdue count beside each share.
pub fn on_time_shares(report: &Report) -> TextTable {
    let rounding = report.meta.rounding;
    let columns = vec![
        col(None, Align::Left),
        col(Some(80.0), Align::Right),
        col(Some(80.0), Align::Right),
    ];
    let heads = [
        "Cơ quan, đơn vị",
        labels::rate_head(Rate::OnTimeOfCompleted),
        // As the chart labels its bars; the annex's subtitle and legend say what QH counts.
        "QH",
    ];
    let line = |name: &str, c: &Counts| {
        vec![
            name.to_string(),
            percent(c.rate(Rate::OnTimeOfCompleted), rounding),
            count(c.overdue),
        ]
    };
    let mut rows = vec![Row::bold(line(PROVINCE, &report.total))];
    for section in &report.sections {
        rows.push(Row::band(section.name.clone()));
        for agency in &section.agencies {
            rows.push(Row::plain(line(&agency.name, &agency.counts)));
        }
    }
    TextTable::with_one_head_row(columns, &heads, rows, Some(PORTRAIT_TEXT_PT))
}

fn rank_cell(rank: Option<usize>) -> String {
    rank.map_or_else(|| "-".to_string(), |r| r.to_string())
}

/// The emulation ranking: bloc, agency, points, tier, rank in the bloc and in the province.
pub fn ranking(ranking: &Ranking) -> TextTable {
    let columns = vec![
        col(Some(26.0), Align::Center),
        col(Some(92.0), Align::Left),
        col(None, Align::Left),
        col(Some(44.0), Align::Right),
        col(Some(96.0), Align::Left),
        col(Some(44.0), Align::Center),
        col(Some(44.0), Align::Center),
    ];
    let heads = [
        "STT",
        "Khối",
        "Cơ quan",
        "Điểm",
        "Xếp loại",
        "Hạng trong khối",
        "Hạng toàn tỉnh",
    ];
    let rows = ranking
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let tier = match (&a.tier, a.points) {
                (Some(tier), _) => tier.clone(),
                (None, None) if a.note.is_empty() => "Không có nhiệm vụ".to_string(),
                (None, _) => a.note.clone(),
            };
            Row::plain(vec![
                (i + 1).to_string(),
                a.bloc.clone().unwrap_or_default(),
                a.name.clone(),
                a.points.map_or_else(|| "-".to_string(), decimal1),
                tier,
                rank_cell(a.rank_in_bloc),
                rank_cell(a.rank_in_province),
            ])
        })
        .collect();
    TextTable::with_one_head_row(columns, &heads, rows, Some(PORTRAIT_TEXT_PT))
}

/// The agencies with tasks that the ranking leaves out, after the ranked table: their counts
/// and the reason, so no task counted in the figures is missing from the ranking annex.
pub fn unranked(unranked: &[UnrankedAgency]) -> TextTable {
    let mut columns = vec![col(Some(26.0), Align::Center), col(None, Align::Left)];
    columns.extend([40.0, 44.0, 48.0, 52.0].map(|w| col(Some(w), Align::Right)));
    columns.push(col(Some(150.0), Align::Left));
    let heads = [
        "STT",
        "Cơ quan",
        labels::TOTAL.head,
        labels::ON_TIME.head,
        labels::LATE.head,
        labels::OVERDUE.head,
        "Lý do",
    ];
    let rows = unranked
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Row::plain(vec![
                (i + 1).to_string(),
                a.name.clone(),
                count(a.counts.total),
                count(a.counts.on_time),
                count(a.counts.late),
                count(a.counts.overdue),
                words::capitalise(&a.reason),
            ])
        })
        .collect();
    TextTable::with_one_head_row(columns, &heads, rows, Some(PORTRAIT_TEXT_PT))
}

/// The trend: one row per period with the province's figures.
pub fn trend(trend: &[TrendPoint], rounding: Rounding) -> TextTable {
    let mut columns = vec![col(None, Align::Left)];
    columns.extend([50.0, 56.0, 50.0, 56.0, 58.0, 58.0].map(|w| col(Some(w), Align::Right)));
    let heads = [
        "Kỳ báo cáo",
        labels::TOTAL.head,
        labels::COMPLETED.head,
        labels::ON_TIME.head,
        "Chưa hoàn thành quá hạn",
        labels::rate_head(Rate::Completion),
        labels::rate_head(Rate::OnTimeOfCompleted),
    ];
    let rows = trend
        .iter()
        .map(|p| {
            let c = &p.total;
            Row::plain(vec![
                words::capitalise(&period::phrase(&p.period)),
                count(c.total),
                count(c.completed),
                count(c.on_time),
                count(c.overdue),
                percent(c.rate(Rate::Completion), rounding),
                percent(c.rate(Rate::OnTimeOfCompleted), rounding),
            ])
        })
        .collect();
    TextTable::with_one_head_row(columns, &heads, rows, Some(PORTRAIT_TEXT_PT))
}
