//! Emulation scoring and ranking (chấm điểm, xếp hạng thi đua, SPEC 6). The rules are data: a
//! TOML rule file (or a built-in preset from `presets/`) is validated into a `RuleSet`; `rank`
//! turns each agency's counts into points with their working, a tier (xếp loại) and a rank inside
//! its emulation bloc (khối thi đua) and across the province. The format and the presets are
//! documented in `docs/scoring.md`.
//!
//! ```text
//! rule file ─▶ parse_rules ─▶ RuleSet ─┐
//! manual sheet rows ─▶ parse_manual_points ─┼─▶ rank ─▶ model::Ranking
//! counts per agency (ScoreInput) ───────────┘            ▲
//! counts outside the directory ─▶ unranked ─────────────┘ (chưa xếp hạng)
//! ```

mod error;
mod manual;
mod monthly;
mod points;
mod presets;
mod rank;
mod rule_file;
mod rules;

#[cfg(test)]
mod tests;

pub(crate) use crate::vn_number::hundredths;
pub use crate::vn_number::points_text;
pub use error::RuleError;
pub use manual::parse_manual_points;
pub use presets::{DEFAULT_PRESET, default_rules, preset, preset_names};
pub use rank::{
    NO_DIRECTORY, NO_TASKS, NOT_IN_DIRECTORY, rank, rank_by_month, unmatched_manual, unranked,
};
pub use rule_file::parse_rules;
pub use rules::{
    Band, BandRate, Bands, Bonus, ByMonth, CapBase, CapScope, Deduction, DeductionUnit, KeyTasks,
    Method, RuleSet, Tier, TopCap,
};

use crate::model::Counts;

/// One agency to score: its counts for the period, and the counts of its key tasks (nhiệm vụ
/// trọng tâm) only, which the rules use when they score or weigh key tasks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreInput {
    pub name: String,
    pub bloc: Option<String>,
    pub counts: Counts,
    /// Key tasks only (a subset of `counts`); all zero when the export has no key flag.
    pub key_counts: Counts,
}

/// One month of a period scored month by month: how the working names it («01/2025», «12/2025
/// (đến 20/12/2025)») and each agency's inputs for it, in the order of the period's inputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthInputs {
    pub label: String,
    pub inputs: Vec<ScoreInput>,
}

/// What a ranking is made of (`aggregate::score_inputs`): the directory agencies to score, and
/// the agencies with tasks outside the directory, listed but not ranked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreInputs {
    pub scored: Vec<ScoreInput>,
    /// Names outside the directory with tasks in the period, in report order, with their counts.
    pub outside: Vec<(String, Counts)>,
    /// Whether a directory was given; without one every name is outside it.
    pub has_directory: bool,
}
