//! `check`: what every input covers (span, agencies, export date, gap months) and the
//! data-quality findings, grouped by kind, with where each is.

use anyhow::{Context, Result};

use super::{Outcome, Sources, load};
use crate::normalize::Texts;
use crate::render::terminal;

pub fn check(sources: &Sources) -> Result<Outcome> {
    let loaded = load(sources, Texts::All).context("không đọc được dữ liệu đầu vào")?;
    Ok(Outcome {
        text: terminal::check_text(&loaded, &crate::coverage::of(&loaded)),
        ..Outcome::default()
    })
}
