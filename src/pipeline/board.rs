//! `board`: the public progress board (bảng tin tiến độ) — one self-contained HTML page for
//! the Office's lobby screen, a meeting room or a phone: a tile per agency, red with open
//! overdue tasks, amber with a task coming due, green otherwise; each opens to its task lists.

use anyhow::{Context, Result};
use chrono::NaiveDateTime;

use super::report::{Assembled, assemble_period, file_stem};
use super::{OutFile, Outcome, Sources, Title, exit_without_freeing};
use crate::model::{Period, Restating};
use crate::normalize::Texts;
use crate::render::html::{self, Page};
use crate::vn_number::Rounding;

#[derive(Clone, Debug)]
pub struct BoardJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    pub title: Title,
    pub rounding: Rounding,
    /// The page reloads itself every this many seconds (a screen a scheduled job regenerates).
    pub refresh_seconds: Option<u32>,
    /// When the board was made, as the options say (never the clock).
    pub generated_at: Option<NaiveDateTime>,
}

pub fn board(job: &BoardJob) -> Result<Outcome> {
    let basis = job.sources.judging.basis;
    let meta = job.title.meta(&job.period, basis, job.rounding);
    // The board lists tasks of its period only: no other task keeps its texts.
    let texts = Texts::of_period(&job.period, basis);
    let Assembled { loaded, report, .. } =
        assemble_period(&job.sources, &job.period, job.restating, meta, texts)?;
    let files =
        super::input_files(&job.sources.inputs).context("không đọc được danh sách tệp đầu vào")?;
    let page = Page {
        sources: files
            .iter()
            .map(|f| {
                let p = std::path::Path::new(f);
                p.file_name()
                    .map_or_else(|| f.clone(), |n| n.to_string_lossy().into())
            })
            .collect(),
        files_read: loaded.files_read,
        refresh_seconds: job.refresh_seconds,
        generated_at: job.generated_at,
    };
    let bytes = html::board(&report, &page).into_bytes();
    exit_without_freeing((loaded, report));
    Ok(Outcome {
        files: vec![OutFile {
            name: format!("{}.html", file_stem("bang-tin-tien-do", &job.period)),
            bytes,
        }],
        ..Outcome::default()
    })
}
