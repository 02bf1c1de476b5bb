//! The ranking (xếp hạng thi đua): every agency scored, tiered, capped and ranked inside its
//! emulation bloc (khối thi đua) and across the province. Ties share a rank (1, 2, 2, 4) and are
//! judged on the points in whole hundredths, so float noise never splits a tie. An agency with no
//! task is "không có nhiệm vụ" and is not ranked, unless the bloc gave it manual points. An agency
//! outside the directory (or every agency, when no directory is given) belongs to no bloc: it is
//! listed with its counts as not ranked (chưa xếp hạng), with the reason.

use std::collections::HashMap;

use crate::model::{RankedAgency, Ranking, UnrankedAgency};
use crate::vn_text::fold;

use super::points::{Scored, counts_line, hundred_text, score};
use super::rules::{CapBase, CapScope, RuleSet, TopCap};
use super::{MonthInputs, ScoreInput, ScoreInputs, hundredths, monthly, points_text};

/// The note on an agency without tasks.
pub use crate::model::NO_TASKS;

/// Why a name outside the directory is not ranked.
pub const NOT_IN_DIRECTORY: &str =
    "không có trong danh mục cơ quan: chưa thuộc khối thi đua nào nên không xếp hạng";

/// Why no agency is ranked when no directory is given.
pub const NO_DIRECTORY: &str = "không có danh mục cơ quan (--agencies hoặc danh_muc trong tiendo.toml): chưa biết cơ quan thuộc khối thi đua nào nên không xếp hạng";

/// One agency on its way to a `RankedAgency`.
struct Row {
    index: usize,
    input: ScoreInput,
    hundredths: Option<i64>,
    tier: Option<usize>,
    /// Dropped one tier by the top-tier cap.
    is_demoted: bool,
    working: Vec<String>,
    notes: Vec<String>,
    rank_in_bloc: Option<usize>,
    rank_in_province: Option<usize>,
}

/// Scores and ranks the agencies. `manual` holds points from a manual sheet (matched on the
/// folded name); they are used only for agencies without tasks. The ranking's `unranked` part
/// is left empty: [`unranked`] makes it from the same inputs.
pub fn rank(inputs: &[ScoreInput], rules: &RuleSet, manual: &[(String, f64)]) -> Ranking {
    rank_scored(inputs, rules, manual, |_, input| Some(score(input, rules)))
}

/// [`rank`] for a period scored month by month (`cham_theo_thang` of the rules): each
/// agency's score is made from its scores in `months`, whose inputs are in the order of
/// `inputs` (the period's, whose counts are shown). Without `cham_theo_thang`, [`rank`].
pub fn rank_by_month(
    inputs: &[ScoreInput],
    months: &[MonthInputs],
    rules: &RuleSet,
    manual: &[(String, f64)],
) -> Ranking {
    let Some(how) = rules.by_month else {
        return rank(inputs, rules, manual);
    };
    rank_scored(inputs, rules, manual, |i, input| {
        monthly::score(input, months, i, rules, how)
    })
}

/// Ranks the agencies scored by `scorer` (an agency's index and inputs → its points and
/// working; None for no score).
fn rank_scored(
    inputs: &[ScoreInput],
    rules: &RuleSet,
    manual: &[(String, f64)],
    scorer: impl Fn(usize, &ScoreInput) -> Option<Scored>,
) -> Ranking {
    let manual: HashMap<String, f64> = manual.iter().map(|(n, p)| (fold(n), *p)).collect();
    let mut rows: Vec<Row> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| {
            let scored = (input.counts.total > 0)
                .then(|| scorer(index, input))
                .flatten();
            score_row(index, input, scored, manual.get(&fold(&input.name)))
        })
        .collect();
    assign_tiers(&mut rows, rules);
    if let Some(cap) = &rules.top_cap {
        apply_top_cap(&mut rows, rules, cap);
    }
    assign_ranks(&mut rows);
    Ranking {
        rule_name: rules.name.clone(),
        rule_lines: rules.lines(),
        agencies: in_report_order(rows)
            .into_iter()
            .map(|row| finish(row, rules))
            .collect(),
        unranked: Vec::new(),
    }
}

/// The agencies with tasks that are not ranked, in the inputs' order, with their counts and
/// the reason: outside the directory, or no directory at all.
pub fn unranked(inputs: &ScoreInputs) -> Vec<UnrankedAgency> {
    let reason = if inputs.has_directory {
        NOT_IN_DIRECTORY
    } else {
        NO_DIRECTORY
    };
    inputs
        .outside
        .iter()
        .map(|(name, counts)| UnrankedAgency {
            name: name.clone(),
            counts: *counts,
            working: vec![counts_line("Tổng số", counts)],
            reason: reason.to_string(),
        })
        .collect()
}

/// The manual sheet's names that match no agency of the ranking (to report them).
pub fn unmatched_manual<'a>(inputs: &[ScoreInput], manual: &'a [(String, f64)]) -> Vec<&'a str> {
    let names: Vec<String> = inputs.iter().map(|i| fold(&i.name)).collect();
    manual
        .iter()
        .filter(|(name, _)| !names.contains(&fold(name)))
        .map(|(name, _)| name.as_str())
        .collect()
}

fn score_row(
    index: usize,
    input: &ScoreInput,
    scored: Option<Scored>,
    manual: Option<&f64>,
) -> Row {
    let mut notes = Vec::new();
    let (points, working) = if let Some(Scored {
        hundredths,
        working,
    }) = scored
    {
        if let Some(m) = manual {
            notes.push(format!(
                "có điểm chấm thủ công ({}) nhưng cơ quan có nhiệm vụ: dùng điểm tính theo nhiệm vụ",
                points_text(*m)
            ));
        }
        (Some(hundredths), working)
    } else {
        notes.push(NO_TASKS.to_string());
        match manual {
            Some(m) => (
                Some(hundredths(*m)),
                vec![
                    "Không có nhiệm vụ được giao trong kỳ".to_string(),
                    format!("Điểm do cơ quan thi đua chấm thủ công: {}", points_text(*m)),
                ],
            ),
            None => (
                None,
                vec!["Không có nhiệm vụ được giao trong kỳ".to_string()],
            ),
        }
    };
    Row {
        index,
        input: input.clone(),
        hundredths: points,
        tier: None,
        is_demoted: false,
        working,
        notes,
        rank_in_bloc: None,
        rank_in_province: None,
    }
}

/// The first tier whose threshold the points reach.
fn assign_tiers(rows: &mut [Row], rules: &RuleSet) {
    for row in rows.iter_mut() {
        row.tier = row.hundredths.and_then(|h| {
            rules
                .tiers
                .iter()
                .position(|t| h >= hundredths(t.from_points))
        });
    }
}

/// Demotes the top-tier agencies beyond the cap by one tier, lowest points first. Agencies tied
/// at the cut line are demoted together: the cap is a ceiling ("không vượt quá").
fn apply_top_cap(rows: &mut [Row], rules: &RuleSet, cap: &TopCap) {
    let (Some(top), Some(next)) = (rules.tiers.first(), rules.tiers.get(1)) else {
        return;
    };
    let scope_of = |row: &Row| match cap.scope {
        CapScope::Province => None,
        CapScope::Bloc => Some(row.input.bloc.clone()),
    };
    let mut scopes: Vec<Option<Option<String>>> = Vec::new();
    for row in rows.iter() {
        let s = scope_of(row);
        if !scopes.contains(&s) {
            scopes.push(s);
        }
    }
    let next_from = hundredths(next.from_points);
    for scope in scopes {
        let members: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].hundredths.is_some() && scope_of(&rows[i]) == scope)
            .collect();
        let base = match cap.base {
            CapBase::Rated => members.len(),
            CapBase::SecondTierOrAbove => members
                .iter()
                .filter(|&&i| rows[i].hundredths.is_some_and(|h| h >= next_from))
                .count(),
        };
        let allowed = (cap.percent * base as f64 / 100.0 + 1e-9).floor() as usize;
        let mut qualifying: Vec<(i64, usize)> = members
            .iter()
            .filter(|&&i| rows[i].tier == Some(0))
            .filter_map(|&i| rows[i].hundredths.map(|h| (h, i)))
            .collect();
        if qualifying.len() <= allowed {
            continue;
        }
        qualifying.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // Keep whole groups of equal points while they fit under the cap.
        let mut kept = 0;
        while kept < qualifying.len() {
            let points = qualifying[kept].0;
            let group = qualifying[kept..]
                .iter()
                .take_while(|(h, _)| *h == points)
                .count();
            if kept + group > allowed {
                break;
            }
            kept += group;
        }
        let where_ = match cap.scope {
            CapScope::Province => "toàn tỉnh".to_string(),
            CapScope::Bloc => "trong khối".to_string(),
        };
        let note = format!(
            "đủ điểm xếp loại «{}» nhưng vượt giới hạn {}% ({where_} tối đa {} cơ quan); xếp loại «{}»",
            top.name,
            points_text(cap.percent),
            allowed,
            next.name
        );
        for &(_, i) in &qualifying[kept..] {
            rows[i].tier = Some(1);
            rows[i].is_demoted = true;
            rows[i].notes.push(note.clone());
        }
    }
}

/// Competition ranking (1, 2, 2, 4) on hundredths, in each bloc and across the province.
fn assign_ranks(rows: &mut [Row]) {
    let scored: Vec<(i64, Option<String>)> = rows
        .iter()
        .filter_map(|r| r.hundredths.map(|h| (h, r.input.bloc.clone())))
        .collect();
    for row in rows.iter_mut() {
        let Some(h) = row.hundredths else { continue };
        row.rank_in_province = Some(1 + scored.iter().filter(|(o, _)| *o > h).count());
        if row.input.bloc.is_some() {
            let better = scored
                .iter()
                .filter(|(o, b)| *o > h && *b == row.input.bloc)
                .count();
            row.rank_in_bloc = Some(1 + better);
        }
    }
}

/// Blocs in first-seen order (agencies without a bloc last), then rank in bloc (rank in the
/// province for those without a bloc; unranked last), then input order.
fn in_report_order(mut rows: Vec<Row>) -> Vec<Row> {
    let mut blocs: Vec<String> = Vec::new();
    for row in &rows {
        if let Some(b) = &row.input.bloc
            && !blocs.contains(b)
        {
            blocs.push(b.clone());
        }
    }
    rows.sort_by_key(|row| {
        let bloc_order = row
            .input
            .bloc
            .as_ref()
            .and_then(|b| blocs.iter().position(|x| x == b))
            .unwrap_or(blocs.len());
        let rank = row
            .rank_in_bloc
            .or(row.rank_in_province.filter(|_| row.input.bloc.is_none()))
            .unwrap_or(usize::MAX);
        (bloc_order, rank, row.index)
    });
    rows
}

fn finish(mut row: Row, rules: &RuleSet) -> RankedAgency {
    let tier = row.tier.and_then(|t| rules.tiers.get(t));
    if let (Some(t), Some(h)) = (tier, row.hundredths) {
        let demoted = match rules.tiers.first() {
            Some(top) if row.is_demoted => {
                format!("; hạ một bậc do giới hạn số cơ quan «{}»", top.name)
            }
            _ => String::new(),
        };
        row.working.push(format!(
            "Xếp loại: {} (điểm {}{demoted})",
            t.name,
            hundred_text(h)
        ));
    }
    RankedAgency {
        name: row.input.name,
        bloc: row.input.bloc,
        counts: (row.input.counts.total > 0).then_some(row.input.counts),
        points: row.hundredths.map(|h| h as f64 / 100.0),
        tier: tier.map(|t| t.name.clone()),
        rank_in_bloc: row.rank_in_bloc,
        rank_in_province: row.rank_in_province,
        working: row.working,
        note: row.notes.join("; "),
    }
}
