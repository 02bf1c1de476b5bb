//! `changes`: what changed between two cut-offs (SPEC §7) — assigned, completed (on time,
//! late), became overdue, overdue at the end — per key and in total, with the tasks behind
//! the counts, for the weekly briefing and the bi-weekly review. Duplicates merged and
//! cancelled tasks out as everywhere; agencies as at D2 (unless `--as-then`).

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::{Outcome, Sources, load};
use crate::aggregate::KeyTable;
use crate::classify::{self, Change};
use crate::model::{
    By, ChangeCounts, ChangeRow, Changes, Counted, Loaded, Period, PeriodUnit, Restating, Status,
};
use crate::normalize::Texts;
use crate::render::changes::{self as render, ChangesFormat};
use crate::{assemble, model::Basis};

#[derive(Clone, Debug)]
pub struct ChangesJob {
    pub sources: Sources,
    /// D1: changes are counted after this day…
    pub from: NaiveDate,
    /// …up to and including this one (D2).
    pub to: NaiveDate,
    /// The ISO week the window is, if it was given as one ("Tuần 48/2025").
    pub week: Option<String>,
    pub restating: Restating,
    pub by: By,
    pub format: ChangesFormat,
}

pub fn changes(job: &ChangesJob) -> Result<Outcome> {
    if job.from >= job.to {
        anyhow::bail!(
            "ngày đầu ({}) phải trước ngày cuối ({})",
            crate::vn_number::date(job.from),
            crate::vn_number::date(job.to)
        );
    }
    let mut sources = job.sources.clone();
    sources.judging.basis = Basis::Assigned;
    let loaded = load(&sources, Texts::All).context("không đọc được dữ liệu đầu vào")?;
    super::check_keys(&loaded, job.by)?;
    let changes = compute(&loaded, job);
    Ok(Outcome {
        text: render::changes(&changes, job.format)?,
        ..Outcome::default()
    })
}

/// Every task assigned by D2, classified at D2 (so that each carries its status, deadline and
/// agency under the structure), then each one's changes over the window.
pub fn compute(loaded: &Loaded, job: &ChangesJob) -> Changes {
    let until_d2 = Period {
        label: format!("..{}", job.to),
        unit: PeriodUnit::Range,
        start: NaiveDate::MIN,
        end: job.to,
        as_of: None,
    };
    let view = classify::view(loaded, &until_d2, job.restating.structure(job.to));
    let table = KeyTable::new(loaded, job.by);
    let mut counts = vec![ChangeCounts::default(); table.names.len()];
    let (mut assigned, mut completed, mut became_overdue) = (Vec::new(), Vec::new(), Vec::new());
    for c in &view.counted {
        let task = &loaded.tasks[c.task];
        let change = classify::change_between(task, job.from, job.to, loaded.judging);
        if change.is_empty() {
            continue;
        }
        add(&mut counts[table.key(loaded, c)], &change);
        if change.is_assigned {
            assigned.push(c);
        }
        if change.completed.is_some() {
            completed.push(c);
        }
        if change.became_overdue {
            became_overdue.push(c);
        }
    }
    let rows: Vec<ChangeRow> = table
        .order
        .iter()
        .filter(|&&k| !counts[k].is_empty())
        .map(|&k| ChangeRow {
            key: table.names[k].clone(),
            counts: counts[k],
        })
        .collect();
    let total = rows
        .iter()
        .fold(ChangeCounts::default(), |acc, r| acc.plus(&r.counts));
    let lines = |list: &[&Counted]| assemble::task_lines(loaded, list, job.to);
    let mut became_overdue = lines(&became_overdue);
    // Agencies in report order; within one, the longest overdue first.
    for agency in became_overdue.chunk_by_mut(|a, b| a.agency == b.agency) {
        agency.sort_by_key(|t| std::cmp::Reverse(t.days_overdue));
    }
    Changes {
        from: job.from,
        to: job.to,
        week: job.week.clone(),
        rows,
        total,
        assigned: lines(&assigned),
        completed: lines(&completed),
        became_overdue,
    }
}

fn add(counts: &mut ChangeCounts, change: &Change) {
    counts.assigned += u64::from(change.is_assigned);
    match change.completed {
        Some(Status::OnTime) => {
            counts.completed += 1;
            counts.on_time += 1;
        }
        Some(_) => {
            counts.completed += 1;
            counts.late += 1;
        }
        None => {}
    }
    counts.became_overdue += u64::from(change.became_overdue);
    counts.overdue_at_end += u64::from(change.is_overdue_at_end);
}
