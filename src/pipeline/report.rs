//! `report`: the period's report as an Excel workbook, a PDF and a Word document (the same
//! words and annex tables as the PDF, for the specialist to edit) — the figures by agency with
//! the same period last year, the task lists, the findings, and, when asked, the emulation
//! ranking and a trend of the same cut-off over several years.

use anyhow::{Context, Result};
use chrono::NaiveDate;

use super::rank::{Scoring, ranking};
use super::trend::{figures_by_period, points};
use super::{Outcome, Sources, exit_without_freeing, load};
use chrono::Datelike;

use crate::model::{Basis, By, Loaded, Period, Report, ReportMeta, Restating, View};
use crate::normalize::Texts;
use crate::progress::timing;
use crate::vn_number::Rounding;
use crate::{assemble, classify, coverage, period, render};

/// Who issues a report and when (the title block of Nghị định 30/2020); what is not given
/// falls back to «UBND TỈNH» / «VĂN PHÒNG», no place, the cut-off as the report date and
/// «VP» as the issuing body's abbreviation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    pub issuer: Option<String>,
    pub issuer_sub: Option<String>,
    pub place: Option<String>,
    pub report_date: Option<NaiveDate>,
    /// The issuing body's abbreviation in document numbers (ký hiệu): «VP» in «Số: …/BC-VP».
    pub sign: Option<String>,
}

impl Title {
    /// The issuing body's abbreviation, «VP» when none is given.
    pub fn sign(&self) -> &str {
        self.sign.as_deref().unwrap_or("VP")
    }

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
/// count the same period last year — unless the data cannot support the comparison (SPEC §9):
/// then a sentence says why and nothing is compared —, assemble, and say what the data covers
/// and where it cannot support the figures.
pub(super) fn assemble_period(
    sources: &Sources,
    period: &Period,
    restating: Restating,
    meta: ReportMeta,
    texts: Texts,
) -> Result<Assembled> {
    let loaded = load(sources, texts).context("không đọc được dữ liệu đầu vào")?;
    let structure = restating.structure(period.effective_end());
    let coverage = coverage::of(&loaded);
    let last_year = period::same_period_last_year(period);
    let name = format!("cùng kỳ năm {}", last_year.start.year());
    let withheld = coverage::comparison_withheld(&coverage, &last_year, &name);
    let (before, meta) = match withheld {
        Some(_) => (
            None,
            ReportMeta {
                previous: None,
                ..meta
            },
        ),
        None => (
            Some(assemble::previous_counts(&loaded, &last_year, structure)?),
            meta,
        ),
    };
    let current = classify::view(&loaded, period, structure);
    let started = std::time::Instant::now();
    let mut report = assemble::build(&loaded, &current, before, meta)?;
    report.warnings = coverage::warnings(&coverage, period);
    report.comparison_withheld = withheld;
    report.coverage = coverage;
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
        let mut all = figures_by_period(&loaded, &periods, current.structure, By::Group)?;
        for f in &mut all {
            f.is_covered = coverage::uncovered(&report.coverage, &f.period).is_none();
        }
        report.trend = Some(points(&all));
    }
    drop(current);
    timing("xếp hạng và xu hướng", started);
    let started = std::time::Instant::now();
    // The workbook and the documents do not depend on each other: drawn side by side. The
    // loaded tasks (the report shares their texts) are freed first, while the workbook is
    // started: the PDF and the workbook then reuse their memory.
    let (xlsx, (pdf, docx)) = rayon::join(
        || render::xlsx::workbook_bytes(&report),
        || {
            drop(loaded);
            let started = std::time::Instant::now();
            let pdf = render::pdf::pdf_bytes(&report);
            timing("PDF", started);
            let started = std::time::Instant::now();
            let docx = render::docx::report_bytes(&report, job.title.sign());
            timing("Word", started);
            (pdf, docx)
        },
    );
    let xlsx = xlsx.context("không tạo được báo cáo Excel")?;
    let pdf = pdf.context("không tạo được báo cáo PDF")?;
    let docx = docx.context("không tạo được báo cáo Word")?;
    timing("vẽ Excel, PDF và Word", started);
    let stem = file_stem("bao-cao", &job.period);
    exit_without_freeing(report);
    Ok(Outcome {
        files: super::report_files(&stem, xlsx, pdf, docx),
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
