//! `rank`: the emulation scoring (chấm điểm thi đua) of one period — rules from a file or a
//! preset, manual points for bodies without tasks — ranked inside each bloc and across the
//! province. Also used by `report` for its ranking sheet and section.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{Outcome, Sources, load};
use crate::model::{Loaded, Period, Ranking, Restating, View};
use crate::normalize::Texts;
use crate::render::terminal::{self, Format};
use crate::{aggregate, classify, score};

/// Which rules score, and the manual points for bloc members without tasks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scoring {
    /// A rule file's path or a preset's name; the built-in default when None.
    pub rules: Option<String>,
    pub manual_points: Option<PathBuf>,
}

impl Scoring {
    /// Whether anything asks for scoring (a report adds its ranking only then).
    pub fn is_asked(&self) -> bool {
        self.rules.is_some() || self.manual_points.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct RankJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    pub scoring: Scoring,
    pub format: Format,
}

pub fn rank(job: &RankJob) -> Result<Outcome> {
    let loaded = load(&job.sources, Texts::None).context("không đọc được dữ liệu đầu vào")?;
    let structure = job.restating.structure(job.period.effective_end());
    let view = classify::view(&loaded, &job.period, structure);
    let mut warnings = Vec::new();
    let ranking = ranking(&loaded, &view, &job.scoring, &mut warnings)?;
    Ok(Outcome {
        text: terminal::ranking(&ranking, &job.period, job.format)?,
        warnings,
        ..Outcome::default()
    })
}

/// The ranking of a view under `scoring`, then the agencies with tasks that are not ranked;
/// names of the manual points sheet that match no agency, and a missing directory, become
/// warnings.
pub(super) fn ranking(
    loaded: &Loaded,
    view: &View,
    scoring: &Scoring,
    warnings: &mut Vec<String>,
) -> Result<Ranking> {
    let rules = rules(scoring.rules.as_deref())?;
    let manual = manual_points(scoring.manual_points.as_deref())?;
    let inputs = aggregate::score_inputs(loaded, view)?;
    let unmatched = score::unmatched_manual(&inputs.scored, &manual);
    if !unmatched.is_empty() {
        warnings.push(format!(
            "bảng điểm thủ công có tên không khớp cơ quan nào: {}",
            unmatched.join("; ")
        ));
    }
    if !inputs.has_directory && !inputs.outside.is_empty() {
        warnings.push(
            "không có danh mục cơ quan (--agencies): không cơ quan nào được xếp hạng, các cơ quan chỉ được liệt kê với số liệu ở phần «Chưa xếp hạng»".to_string(),
        );
    }
    // A period of one month (or less) is scored as it is: its monthly score is its score.
    let months = crate::period::months(&view.period);
    let ranked = match rules.by_month {
        Some(_) if months.len() > 1 => {
            let months = month_inputs(loaded, view, &months)?;
            score::rank_by_month(&inputs.scored, &months, &rules, &manual)
        }
        _ => score::rank(&inputs.scored, &rules, &manual),
    };
    Ok(Ranking {
        unranked: score::unranked(&inputs),
        ..ranked
    })
}

/// The months of the view's period, each classified at its own end (the month the cut-off
/// falls in at the cut-off) under the view's agency structure, with each scored agency's
/// inputs.
fn month_inputs(
    loaded: &Loaded,
    view: &View,
    months: &[Period],
) -> Result<Vec<score::MonthInputs>> {
    let views: Vec<View> = months
        .iter()
        .map(|m| classify::view(loaded, m, view.structure))
        .collect();
    let inputs = aggregate::month_score_inputs(loaded, view, &views)?;
    Ok(months
        .iter()
        .zip(inputs)
        .map(|(month, inputs)| score::MonthInputs {
            label: month_label(month),
            inputs,
        })
        .collect())
}

/// «03/2025»; a part of a month says which: «12/2025 (đến 20/12/2025)», «01/2025 (từ
/// 15/01/2025)».
fn month_label(month: &Period) -> String {
    use crate::vn_number::date;
    use chrono::Datelike;
    let (start, end) = (month.start, month.effective_end());
    let label = format!("{:02}/{}", start.month(), start.year());
    let cut_early = end
        .succ_opt()
        .is_some_and(|next| next.month() == end.month());
    match (start.day() > 1, cut_early) {
        (false, false) => label,
        (true, false) => format!("{label} (từ {})", date(start)),
        (false, true) => format!("{label} (đến {})", date(end)),
        (true, true) => format!("{label} ({}–{})", date(start), date(end)),
    }
}

/// A rule file path, or a preset name; the built-in default without one.
fn rules(arg: Option<&str>) -> Result<score::RuleSet> {
    let Some(arg) = arg else {
        return Ok(score::default_rules());
    };
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("không đọc được tệp quy tắc «{arg}»"))?;
        return Ok(score::parse_rules(&text, arg)?);
    }
    score::preset(arg).ok_or_else(|| {
        anyhow::anyhow!(
            "«{arg}» không phải tệp quy tắc có sẵn, cũng không phải tên bộ quy tắc; các bộ có sẵn: {}",
            score::preset_names().join(", ")
        )
    })
}

fn manual_points(path: Option<&Path>) -> Result<Vec<(String, f64)>> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let sheets = crate::ingest::read_file(path)
        .with_context(|| format!("không đọc được bảng điểm thủ công «{}»", path.display()))?;
    let rows: Vec<Vec<String>> = sheets
        .first()
        .map(|s| {
            s.rows
                .iter()
                .map(|r| r.iter().map(|c| c.text().unwrap_or_default()).collect())
                .collect()
        })
        .unwrap_or_default();
    Ok(score::parse_manual_points(
        &rows,
        &path.display().to_string(),
    )?)
}
