//! `programme` and `programme-report`: the Committee's work programme (chương trình công
//! tác, issue 14). Both read the programme lists once (ingest → programme::read), match the
//! agencies (resolve::agencies) and judge the items (programme::settle); `programme` prints
//! one period's figures, `programme-report` writes the monthly report on the programme as a
//! workbook, a PDF and a Word document (the PDF's words and tables, for the specialist to
//! edit), with the same period last year.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{Outcome, PipelineError, Title};
use crate::ingest;
use crate::model::{Basis, Period, ProgrammeBy};
use crate::programme::{self, Programme, Read};
use crate::render::terminal::Format;
use crate::resolve::agencies::Directory;
use crate::vn_number::Rounding;
use crate::{period, render};

/// The programme lists to read and the agency directory.
#[derive(Clone, Debug, Default)]
pub struct ProgrammeSources {
    pub inputs: Vec<PathBuf>,
    pub agencies: Option<PathBuf>,
}

#[derive(Clone, Debug)]
pub struct ProgrammeJob {
    pub sources: ProgrammeSources,
    pub period: Period,
    pub by: ProgrammeBy,
    pub format: Format,
}

#[derive(Clone, Debug)]
pub struct ProgrammeReportJob {
    pub sources: ProgrammeSources,
    pub period: Period,
    pub title: Title,
}

/// Read every programme list (each must hold a programme table) and the directory, then
/// match and judge the items.
pub fn load_programme(sources: &ProgrammeSources) -> Result<Programme, PipelineError> {
    let mut read = Read::default();
    for path in ingest::expand_inputs(&sources.inputs)? {
        let tables = read.tables;
        programme::read_sheets(&ingest::read_file(&path)?, &mut read);
        if read.tables == tables {
            return Err(PipelineError::NoProgrammeTable(path.display().to_string()));
        }
    }
    let directory = match &sources.agencies {
        Some(path) => Directory::from_sheets(&ingest::read_file(path)?)?,
        None => Directory::default(),
    };
    Ok(programme::settle(directory, read))
}

pub fn programme(job: &ProgrammeJob) -> Result<Outcome> {
    let p = load_programme(&job.sources).context("không đọc được chương trình công tác")?;
    let view = programme::view(&p, &job.period);
    let figures = programme::figures(&p, &view, job.by);
    let text = render::programme_terminal::programme(&figures, job.by, job.format)?;
    Ok(Outcome {
        text,
        ..Outcome::default()
    })
}

pub fn programme_report(job: &ProgrammeReportJob) -> Result<Outcome> {
    let p = load_programme(&job.sources).context("không đọc được chương trình công tác")?;
    // An item belongs to a period by its deadline: the title says so ("theo hạn trình").
    let meta = job.title.meta(&job.period, Basis::Due, Rounding::Round);
    let last_year = period::same_period_last_year(&job.period);
    let current = programme::view(&p, &job.period);
    // Last year in this year's structure (a merged department's items under its successor).
    let before = programme::view_restated(&p, &last_year, job.period.effective_end());
    let report = programme::report(&p, &current, Some(&before), meta);
    let xlsx = render::xlsx::programme_workbook_bytes(&report)
        .context("không tạo được báo cáo Excel về chương trình công tác")?;
    let pdf = render::pdf::programme_pdf_bytes(&report)
        .context("không tạo được báo cáo PDF về chương trình công tác")?;
    let docx = render::docx::programme_report_bytes(&report, job.title.sign())
        .context("không tạo được báo cáo Word về chương trình công tác")?;
    let stem = super::report::file_stem("chuong-trinh-cong-tac", &job.period);
    Ok(Outcome {
        files: super::report_files(&stem, xlsx, pdf, docx),
        ..Outcome::default()
    })
}
