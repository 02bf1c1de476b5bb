//! `report`: the period's report as an Excel workbook and a PDF — the figures by agency with
//! the same period last year, the task lists, the findings, and, when asked, the emulation
//! ranking and a trend of the same cut-off over several years.

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::rank::{Scoring, ranking};
use super::trend::{figures_by_period, points};
use super::{OutFile, Outcome, Sources, exit_without_freeing, load};
use crate::model::{Basis, By, Loaded, Period, Report, ReportMeta, Restating, View};
use crate::normalize::Texts;
use crate::progress::timing;
use crate::vn_number::Rounding;
use crate::{assemble, classify, period, render};

/// Who issues a report and when (the title block of Nghị định 30/2020); what is not given
/// falls back to «UBND TỈNH» / «VĂN PHÒNG», no place, and the cut-off as the report date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    pub issuer: Option<String>,
    pub issuer_sub: Option<String>,
    pub place: Option<String>,
    pub report_date: Option<NaiveDate>,
}

impl Title {
    /// The report's title-block data (never from the clock).
    pub fn meta(&self, period: &Period, basis: Basis, rounding: Rounding) -> ReportMeta {
        ReportMeta {
            issuer: self
                .issuer
                .clone()
                .unwrap_or_else(|| "UBND TỈNH".to_string()),
            issuer_sub: self
                .issuer_sub
                .clone()
                .unwrap_or_else(|| "VĂN PHÒNG".to_string()),
            place: self.place.clone().unwrap_or_default(),
            report_date: self.report_date.unwrap_or(period.effective_end()),
            period: period.clone(),
            previous: Some(period::same_period_last_year(period)),
            basis,
            rounding,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ReportJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    pub title: Title,
    pub rounding: Rounding,
    /// Scored when the scoring asks for it (a rule set or manual points).
    pub scoring: Scoring,
    /// A trend over this many years (the report's included) when more than one.
    pub compare_years: Option<u32>,
}

/// The report model of one period beside what it was built from: a job may go on to rank or
/// draw a trend from the same loaded tasks and view.
pub(super) struct Assembled {
    pub loaded: Loaded,
    pub current: View,
    pub report: Report,
}

/// The steps of every job that draws the report model: load the inputs, view the period,
/// count the same period last year (the meta's `previous`), assemble.
pub(super) fn assemble_period(
    sources: &Sources,
    period: &Period,
    restating: Restating,
    meta: ReportMeta,
    texts: Texts,
) -> Result<Assembled> {
    let loaded = load(sources, texts).context("không đọc được dữ liệu đầu vào")?;
    let structure = restating.structure(period.effective_end());
    let last_year = meta.previous.clone().unwrap_or_else(|| period.clone());
    let before = assemble::previous_counts(&loaded, &last_year, structure)?;
    let current = classify::view(&loaded, period, structure);
    let started = std::time::Instant::now();
    let report = assemble::build(&loaded, &current, Some(before), meta)?;
    timing("dựng báo cáo", started);
    Ok(Assembled {
        loaded,
        current,
        report,
    })
}

pub fn report(job: &ReportJob) -> Result<Outcome> {
    let basis = job.sources.judging.basis;
    let meta = job.title.meta(&job.period, basis, job.rounding);
    // The report lists the tasks of its period only: no other task keeps its texts.
    let texts = Texts::of_period(&job.period, basis);
    let Assembled {
        loaded,
        current,
        mut report,
    } = assemble_period(&job.sources, &job.period, job.restating, meta, texts)?;
    let started = std::time::Instant::now();
    let mut warnings = Vec::new();
    if job.scoring.is_asked() {
        report.ranking = Some(ranking(&loaded, &current, &job.scoring, &mut warnings)?);
    }
    if let Some(years) = job.compare_years.filter(|n| *n > 1) {
        let periods = period::trailing(&job.period, years);
        let all = figures_by_period(&loaded, &periods, current.structure, By::Group)?;
        report.trend = Some(points(&all));
    }
    drop(current);
    timing("xếp hạng và xu hướng", started);
    let started = std::time::Instant::now();
    // The workbook and the PDF do not depend on each other: drawn side by side. The loaded
    // tasks (the report shares their texts) are freed first, while the workbook is started:
    // the PDF and the workbook then reuse their memory.
    let (xlsx, pdf) = rayon::join(
        || render::xlsx::workbook_bytes(&report),
        || {
            drop(loaded);
            let started = std::time::Instant::now();
            let pdf = render::pdf::pdf_bytes(&report);
            timing("PDF", started);
            pdf
        },
    );
    let xlsx = xlsx.context("không tạo được báo cáo Excel")?;
    let pdf = pdf.context("không tạo được báo cáo PDF")?;
    timing("vẽ Excel và PDF", started);
    let stem = file_stem("bao-cao", &job.period);
    exit_without_freeing(report);
    Ok(Outcome {
        files: vec![
            OutFile {
                name: format!("{stem}.xlsx"),
                bytes: xlsx,
            },
            OutFile {
                name: format!("{stem}.pdf"),
                bytes: pdf,
            },
        ],
        warnings,
        ..Outcome::default()
    })
}

/// A report file's name without its extension: `bao-cao-2025-H1`, `bao-cao-2025-den-2025-02-21`
/// for a year-to-date cut-off (`prefix` is `bao-cao`, `bang-tin-tien-do`, …).
pub fn file_stem(prefix: &str, period: &Period) -> String {
    let label = period.label.replace("..", "_den_");
    match period.as_of {
        Some(c) if c < period.end => format!("{prefix}-{label}-den-{c}"),
        _ => format!("{prefix}-{label}"),
    }
}
