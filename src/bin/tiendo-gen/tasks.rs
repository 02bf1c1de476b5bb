//! The latent task list: the truth the generator invents before any file is written. Every
//! file is a (deliberately messy) view of it, and `truth` computes the expected figures from it.
//!
//! Generation runs year by year: directive documents on working days, numbered per kind, each
//! assigning one to five tasks to agencies active on that day; then deadlines, extensions,
//! completion dates drawn so that the on-time share follows the plan's yearly trend.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::directory::Agency;
use crate::planted::Tally;
use crate::rng::SplitMix64;
use crate::textforms::fold;
use crate::truth::{Facts, Outcome, TextDone, status_at};
use crate::vocab::{self, DocKind};

/// Lead agency (đơn vị chủ trì) of a task.
#[derive(Clone, Debug, PartialEq)]
pub enum Lead {
    /// Index into the directory.
    Known(usize),
    /// A name the directory does not hold, written exactly so.
    Unknown(&'static str),
    /// Empty cell: the row is left out ("không đủ thông tin").
    Missing,
}

/// Names of bodies that are not in the directory.
pub const UNKNOWN_AGENCIES: &[&str] = &[
    "Sở Ngoại vụ",
    "Hội Nông dân tỉnh",
    "Liên minh Hợp tác xã tỉnh",
];

/// The deadline as the task has it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Due {
    Date(NaiveDate),
    /// No deadline, written as this text (empty text = empty cell).
    Without(&'static str),
}

/// Row-level quirk a task carries (at most one of these per task).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// No completion date written, the status text says completed (text decides).
    TextOnly,
    /// Completed on time by the dates, status text says "Hoàn thành quá hạn" (dates win).
    SaysLate,
    /// Completed late by the dates, status text says "Hoàn thành đúng hạn" (dates win).
    SaysOnTime,
    /// Lead agency cell empty: excluded.
    NoLead,
    /// Neither assignment nor document date: excluded.
    NoDates,
}

/// Which file(s) a task appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The iOFFICE export (possibly with a copy in the hand sheet, see `Task::hand`).
    Export,
    /// Only the hand-kept sheet.
    HandOnly,
}

/// The copy of an export task in the hand-kept sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct HandCopy {
    pub completed: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct Task {
    pub id: Option<String>,
    pub year: i32,
    pub doc_number: String,
    pub doc_date: Option<NaiveDate>,
    pub assigned: Option<NaiveDate>,
    pub content: String,
    pub leader: &'static str,
    pub lead: Lead,
    pub cooperating: Vec<usize>,
    pub due: Due,
    pub extended: Option<NaiveDate>,
    /// Completion date shown by the task's own source row.
    pub completed: Option<NaiveDate>,
    pub text_done: Option<TextDone>,
    pub cancel: Option<&'static str>,
    pub status_text: String,
    pub is_key: bool,
    pub officer: &'static str,
    pub mark: Mark,
    pub source: Source,
    pub hand: Option<HandCopy>,
}

impl Task {
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self.due {
            Due::Date(d) => Some(d),
            Due::Without(_) => None,
        }
    }

    /// Effective deadline: the extension when granted (SPEC 4.2).
    pub fn effective_deadline(&self) -> Option<NaiveDate> {
        self.extended.or(self.deadline())
    }

    /// Date that places the task in a period under basis `assigned`.
    pub fn period_date(&self) -> Option<NaiveDate> {
        self.assigned.or(self.doc_date)
    }

    pub fn is_excluded(&self) -> bool {
        self.lead == Lead::Missing || self.period_date().is_none()
    }

    /// The facts after merging the hand-sheet copy: the earliest completion wins.
    pub fn facts(&self) -> Facts {
        let hand = self.hand.as_ref().and_then(|h| h.completed);
        let completed = match (self.completed, hand) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Facts {
            completed,
            text_done: self.text_done,
            deadline: self.effective_deadline(),
        }
    }

    /// The facts one source row shows on its own.
    pub fn row_facts(&self, completed: Option<NaiveDate>) -> Facts {
        Facts {
            completed,
            text_done: self.text_done,
            deadline: self.effective_deadline(),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Plan {
    pub first_year: i32,
    pub tasks_per_year: Vec<usize>,
    /// Share of completed tasks completed on time, per year.
    pub on_time_share: Vec<f64>,
    /// The export's date: nothing is known after it.
    pub export_day: NaiveDate,
    pub content_chars: (usize, usize),
    pub allow_lists: bool,
    pub unknown_share: f64,
    pub id_prefix: &'static str,
    pub kinds: Vec<DocKind>,
}

pub struct Generator<'a> {
    pub rng: SplitMix64,
    pub dir: &'a [Agency],
    pub plan: Plan,
    /// Folded contents already used, when contents must be distinct (sample data).
    pub seen: Option<HashSet<String>>,
}

const NO_DEADLINE_FORMS: &[&str] = &["Không thời hạn", "Thường xuyên", ""];
const NO_DEADLINE_WEIGHTS: &[f64] = &[0.4, 0.35, 0.25];
const DURATIONS_DAYS: &[i64] = &[5, 7, 10, 10, 15, 15, 20, 30, 30, 30, 45, 60, 90, 120];
pub const CANCEL_TEXTS: &[&str] = &[
    "Thu hồi",
    "Đã hủy",
    "Dừng thực hiện",
    "Giao lại cho đơn vị khác",
];

impl Generator<'_> {
    /// All tasks of the plan, year by year, in document order.
    pub fn generate(&mut self) -> Vec<Task> {
        let mut tasks = Vec::new();
        for (i, target) in self.plan.tasks_per_year.clone().into_iter().enumerate() {
            let year = self.plan.first_year + i as i32;
            let share = self.plan.on_time_share.get(i).copied().unwrap_or(0.9);
            self.generate_year(year, target, share, &mut tasks);
        }
        tasks
    }

    fn working_day(&mut self, year: i32) -> NaiveDate {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let days = if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
            366
        } else {
            365
        };
        let mut day = jan1;
        for _ in 0..10 {
            day = jan1 + Duration::days(self.rng.below(days) as i64);
            if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                break;
            }
        }
        day.min(self.plan.export_day)
    }

    fn generate_year(&mut self, year: i32, target: usize, on_time: f64, out: &mut Vec<Task>) {
        let kinds = self.plan.kinds.clone();
        let weights: Vec<f64> = kinds
            .iter()
            .map(|k| {
                DocKind::ALL
                    .iter()
                    .position(|a| a == k)
                    .map_or(1.0, |p| DocKind::WEIGHTS[p])
            })
            .collect();
        let mut docs: Vec<(NaiveDate, DocKind, usize)> = Vec::new();
        let mut total = 0;
        while total < target {
            let day = self.working_day(year);
            let kind = kinds[self.rng.weighted(&weights)];
            let k = kind.tasks_per_doc(&mut self.rng).min(target - total);
            docs.push((day, kind, k));
            total += k;
        }
        docs.sort_by_key(|d| d.0);
        let mut counters: Vec<(DocKind, i64)> = Vec::new();
        let mut seq = 0;
        for (day, kind, k) in docs {
            let gap = kind.number_gap();
            let n = match counters.iter_mut().find(|c| c.0 == kind) {
                Some(c) => {
                    c.1 += self.rng.between(1, 2 * gap - 1);
                    c.1
                }
                None => {
                    let first = self.rng.between(1, gap);
                    counters.push((kind, first));
                    first
                }
            };
            let number = kind.number(n, &mut self.rng);
            let leader = vocab::leader(&mut self.rng);
            let mut used: Vec<usize> = Vec::new();
            for _ in 0..k {
                seq += 1;
                let task = self.task(year, seq, &number, day, leader, on_time, &mut used);
                out.push(task);
            }
        }
    }

    /// An agency active on both the document day and the assignment day (so that a row that
    /// falls back to its document date still respects the 2025 reorganisation).
    fn lead_on(&mut self, days: (NaiveDate, NaiveDate), used: &[usize]) -> Lead {
        if self.rng.chance(self.plan.unknown_share) {
            return Lead::Unknown(self.rng.pick(UNKNOWN_AGENCIES));
        }
        let weights: Vec<f64> = self
            .dir
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if a.is_active_on(days.0) && a.is_active_on(days.1) && !used.contains(&i) {
                    a.weight
                } else {
                    0.0
                }
            })
            .collect();
        Lead::Known(self.rng.weighted(&weights))
    }

    fn unique_content(&mut self, year: i32, hint: NaiveDate) -> String {
        let (chars, lists) = (self.plan.content_chars, self.plan.allow_lists);
        let mut text = vocab::content(&mut self.rng, year, hint, chars, lists);
        let Some(seen) = self.seen.as_mut() else {
            return text;
        };
        let mut round = 1;
        while seen.contains(&fold(&text)) {
            text = vocab::content(&mut self.rng, year, hint, chars, lists);
            round += 1;
            if round > 20 {
                text = format!("{} (lần {round})", text.trim_end_matches('.'));
            }
        }
        seen.insert(fold(&text));
        text
    }

    #[allow(clippy::too_many_arguments)]
    fn task(
        &mut self,
        year: i32,
        seq: usize,
        number: &str,
        doc_day: NaiveDate,
        leader: &'static str,
        on_time_share: f64,
        used: &mut Vec<usize>,
    ) -> Task {
        let export_day = self.plan.export_day;
        let assigned = (doc_day + Duration::days(self.rng.between(0, 3))).min(export_day);
        let lead = self.lead_on((doc_day, assigned), used);
        if let Lead::Known(i) = lead {
            used.push(i);
        }
        let mut cooperating = Vec::new();
        for _ in 0..self.rng.below(3) {
            let mut taken = used.clone();
            taken.extend(&cooperating);
            if let Lead::Known(i) = self.lead_on((doc_day, assigned), &taken) {
                cooperating.push(i);
            }
        }
        let due = if self.rng.chance(0.08) {
            Due::Without(NO_DEADLINE_FORMS[self.rng.weighted(NO_DEADLINE_WEIGHTS)])
        } else {
            Due::Date(assigned + Duration::days(self.rng.pick(DURATIONS_DAYS)))
        };
        let extended = match due {
            Due::Date(d) if self.rng.chance(0.2) => {
                Some(d + Duration::days(self.rng.between(10, 60)))
            }
            _ => None,
        };
        let hint = match due {
            Due::Date(d) => d,
            Due::Without(_) => assigned + Duration::days(30),
        };
        let content = self.unique_content(year, hint);
        let cancel = self.rng.chance(0.015).then(|| self.rng.pick(CANCEL_TEXTS));
        let completed = if cancel.is_some() {
            None
        } else {
            self.completion(assigned, due, extended, on_time_share)
        };
        Task {
            id: Some(format!("{}{year}-{seq:05}", self.plan.id_prefix)),
            year,
            doc_number: number.to_string(),
            doc_date: Some(doc_day),
            assigned: Some(assigned),
            content,
            leader,
            lead,
            cooperating,
            due,
            extended,
            completed,
            text_done: None,
            cancel,
            status_text: String::new(),
            is_key: self.rng.chance(0.1),
            officer: self.rng.pick(vocab::OFFICERS),
            mark: Mark::Plain,
            source: Source::Export,
            hand: None,
        }
    }

    /// A completion date drawn around the effective deadline, or none when the task is not
    /// finished by the export day.
    fn completion(
        &mut self,
        assigned: NaiveDate,
        due: Due,
        extended: Option<NaiveDate>,
        on_time_share: f64,
    ) -> Option<NaiveDate> {
        if self.rng.chance(0.025) {
            return None; // never finished: open and overdue at the export day
        }
        let day = match (due, extended) {
            (Due::Without(_), _) => {
                if self.rng.chance(0.12) {
                    return None;
                }
                assigned + Duration::days(self.rng.between(5, 200))
            }
            (Due::Date(original), ext) => {
                let effective = ext.unwrap_or(original);
                if self.rng.chance(on_time_share) {
                    match ext {
                        Some(ext) if self.rng.chance(0.5) => {
                            original
                                + Duration::days(self.rng.between(1, (ext - original).num_days()))
                        }
                        _ => {
                            let span = (original - assigned).num_days().max(1);
                            assigned + Duration::days(self.rng.between(1, span))
                        }
                    }
                } else {
                    let late = if self.rng.chance(0.7) {
                        self.rng.between(1, 20)
                    } else {
                        self.rng.between(21, 150)
                    };
                    effective + Duration::days(late)
                }
            }
        };
        (day <= self.plan.export_day).then_some(day)
    }
}

/// Picks up to `n` positions among those that satisfy `eligible`, spread by the generator.
pub fn choose(
    rng: &mut SplitMix64,
    tasks: &[Task],
    n: usize,
    eligible: impl Fn(&Task) -> bool,
) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..tasks.len()).filter(|&i| eligible(&tasks[i])).collect();
    let mut chosen = Vec::new();
    while chosen.len() < n && !pool.is_empty() {
        let k = rng.below(pool.len() as u64) as usize;
        chosen.push(pool.swap_remove(k));
    }
    chosen.sort_unstable();
    chosen
}

/// Plants the row-level quirks of SPEC 3.1/4.7 in the export tasks and counts them.
pub fn plant_row_quirks(rng: &mut SplitMix64, tasks: &mut [Task], tally: &mut Tally) {
    let plain =
        |t: &Task| t.mark == Mark::Plain && t.cancel.is_none() && t.source == Source::Export;
    for i in choose(rng, tasks, 24, |t| plain(t) && t.completed.is_some()) {
        let facts = tasks[i].row_facts(tasks[i].completed);
        let done = match facts.completed.map(|c| status_at(&facts, c)) {
            Some(Outcome::Late) => TextDone::Late,
            _ => TextDone::OnTime,
        };
        let t = &mut tasks[i];
        t.text_done = Some(done);
        t.completed = None;
        t.mark = Mark::TextOnly;
        tally.add(match done {
            TextDone::OnTime => "status text only: \"Hoàn thành đúng hạn\", no completion date",
            TextDone::Late => "status text only: \"Hoàn thành quá hạn\", no completion date",
        });
    }
    // The outcome by the row's own dates, judged at its completion day.
    let outcome = |t: &Task| t.completed.map(|c| status_at(&t.row_facts(Some(c)), c));
    for i in choose(rng, tasks, 18, |t| {
        plain(t) && outcome(t) == Some(Outcome::OnTime)
    }) {
        tasks[i].mark = Mark::SaysLate;
        tally.add("contradiction: on time by dates, text \"Hoàn thành quá hạn\"");
    }
    for i in choose(rng, tasks, 6, |t| {
        plain(t) && outcome(t) == Some(Outcome::Late)
    }) {
        tasks[i].mark = Mark::SaysOnTime;
        tally.add("contradiction: late by dates, text \"Hoàn thành đúng hạn\"");
    }
    for i in choose(rng, tasks, 5, plain) {
        tasks[i].mark = Mark::NoLead;
        tasks[i].lead = Lead::Missing;
        tally.add("excluded: no lead agency");
    }
    for i in choose(rng, tasks, 3, plain) {
        tasks[i].mark = Mark::NoDates;
        tasks[i].assigned = None;
        tasks[i].doc_date = None;
        tally.add("excluded: neither assignment nor document date");
    }
    let count = tasks.len() / 50;
    for i in choose(rng, tasks, count, |t| plain(t) && t.assigned.is_some()) {
        tasks[i].assigned = None;
        tally.add("assignment date empty (document date used)");
    }
}

/// The status text a row shows, as of the export day, given the completion it shows.
pub fn status_text(
    t: &Task,
    completed: Option<NaiveDate>,
    export_day: NaiveDate,
    rng: &mut SplitMix64,
) -> String {
    if let Some(text) = t.cancel {
        return text.to_string();
    }
    let facts = t.row_facts(completed);
    let text = match (status_at(&facts, export_day), t.mark) {
        (Outcome::OnTime, Mark::SaysLate) => "Hoàn thành quá hạn",
        (Outcome::Late, Mark::SaysOnTime) => "Hoàn thành đúng hạn",
        (Outcome::OnTime, _) => "Hoàn thành đúng hạn",
        (Outcome::Late, _) => rng.pick(&[
            "Hoàn thành quá hạn",
            "Hoàn thành quá hạn",
            "Hoàn thành trễ hạn",
        ]),
        (Outcome::Within, _) => rng.pick(&[
            "Đang thực hiện",
            "Đang thực hiện",
            "Đang xử lý trong hạn",
            "Chưa hoàn thành trong hạn",
        ]),
        (Outcome::Overdue, _) => rng.pick(&["Quá hạn", "Chưa hoàn thành quá hạn"]),
    };
    text.to_string()
}

/// Fills every task's `status_text` for its own source row.
pub fn set_status_texts(tasks: &mut [Task], export_day: NaiveDate, rng: &mut SplitMix64) {
    for t in tasks.iter_mut() {
        t.status_text = status_text(t, t.completed, export_day, rng);
    }
}
