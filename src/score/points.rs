//! One agency's points under a rule set, with the working (cách tính) a clerk can redo by hand:
//! the counts, each rule line that applied and the arithmetic. Every line's value is rounded to
//! hundredths (half away from zero) before it is added or subtracted, so the printed numbers
//! always add up; the result is kept in whole hundredths.

use crate::model::Counts;
use crate::vn_number::{self, Rounding};

use super::rules::{
    BandRate, Bands, Bonus, Deduction, DeductionUnit, KeyTasks, Method, RuleSet, band_range,
};
use super::{ScoreInput, hundredths, points_text};

/// An agency's points in hundredths and the lines that produced them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scored {
    pub hundredths: i64,
    pub working: Vec<String>,
}

/// Scores an agency that has at least one task.
pub(crate) fn score(input: &ScoreInput, rules: &RuleSet) -> Scored {
    let mut working = vec![counts_line("Tổng số", &input.counts)];
    let basis = Basis::new(input, rules.key_tasks, &mut working);
    let points = match &rules.method {
        Method::Deduction(d) => deduct(d, &basis, rules.max_points, &mut working),
        Method::Bands(b) => banded(b, &basis, rules.max_points, &mut working),
    };
    let points = match &rules.bonus {
        Some(bonus) => add_bonus(bonus, &basis, points, &mut working),
        None => points,
    };
    Scored {
        hundredths: points,
        working,
    }
}

/// "Tổng số 40 nhiệm vụ; hoàn thành đúng hạn 35, hoàn thành quá hạn 3, chưa hoàn thành quá hạn 2".
/// Tasks still within their deadline are named only when there are some.
pub(crate) fn counts_line(prefix: &str, c: &Counts) -> String {
    let within = if c.within > 0 {
        format!(", chưa hoàn thành trong hạn {}", vn_number::count(c.within))
    } else {
        String::new()
    };
    format!(
        "{prefix} {} nhiệm vụ; hoàn thành đúng hạn {}, hoàn thành quá hạn {}{within}, chưa hoàn thành quá hạn {}",
        vn_number::count(c.total),
        vn_number::count(c.on_time),
        vn_number::count(c.late),
        vn_number::count(c.overdue),
    )
}

/// The counts the rule is applied to: all tasks, key tasks only, or key tasks weighted.
struct Basis {
    total: f64,
    on_time: f64,
    late: f64,
    overdue: f64,
    /// For weighted counts: the key-task weight and the key counts, to explain a line.
    weight: Option<(f64, Counts)>,
    all: Counts,
}

impl Basis {
    fn new(input: &ScoreInput, key_tasks: KeyTasks, working: &mut Vec<String>) -> Basis {
        let (all, key) = (input.counts, input.key_counts);
        match key_tasks {
            KeyTasks::All => Basis::plain(all),
            KeyTasks::Only => {
                working.push(counts_line("Chấm trên nhiệm vụ trọng tâm:", &key));
                Basis::plain(key)
            }
            KeyTasks::Weighted(k) => {
                working.push(counts_line(
                    &format!("Trong đó nhiệm vụ trọng tâm (hệ số {}):", points_text(k)),
                    &key,
                ));
                let w = |a: u64, b: u64| a as f64 + (k - 1.0) * b as f64;
                Basis {
                    total: w(all.total, key.total),
                    on_time: w(all.on_time, key.on_time),
                    late: w(all.late, key.late),
                    overdue: w(all.overdue, key.overdue),
                    weight: Some((k, key)),
                    all,
                }
            }
        }
    }

    fn plain(c: Counts) -> Basis {
        Basis {
            total: c.total as f64,
            on_time: c.on_time as f64,
            late: c.late as f64,
            overdue: c.overdue as f64,
            weight: None,
            all: c,
        }
    }

    fn completed(&self) -> f64 {
        self.on_time + self.late
    }

    fn due(&self) -> f64 {
        self.completed() + self.overdue
    }

    /// " (3 nhiệm vụ, trong đó 1 nhiệm vụ trọng tâm tính hệ số 2)" after a weighted count.
    fn weight_note(&self, pick: fn(&Counts) -> u64) -> String {
        match self.weight {
            Some((k, key)) if pick(&key) > 0 => format!(
                " ({} nhiệm vụ, trong đó {} nhiệm vụ trọng tâm tính hệ số {})",
                vn_number::count(pick(&self.all)),
                vn_number::count(pick(&key)),
                points_text(k)
            ),
            _ => String::new(),
        }
    }
}

/// Deduction mode: maximum minus each deduction line, floored at zero.
fn deduct(d: &Deduction, basis: &Basis, max: f64, working: &mut Vec<String>) -> i64 {
    let max_h = hundredths(max);
    working.push(format!("Điểm tối đa: {}", points_text(max)));
    let per_task = |count: f64, rate: f64| -> (i64, String) {
        match d.unit {
            DeductionUnit::Points => (
                hundredths(count * rate),
                format!("{} × {}", points_text(count), points_text(rate)),
            ),
            DeductionUnit::PercentOfTaskValue => {
                let value = if basis.total > 0.0 {
                    count * rate / 100.0 * max / basis.total
                } else {
                    0.0
                };
                (
                    hundredths(value),
                    format!(
                        "{} × {}% × {} / {}",
                        points_text(count),
                        points_text(rate),
                        points_text(max),
                        points_text(basis.total)
                    ),
                )
            }
        }
    };
    if d.unit == DeductionUnit::PercentOfTaskValue && basis.total > 0.0 {
        working.push(format!(
            "Giá trị một nhiệm vụ: {} / {} = {}",
            points_text(max),
            points_text(basis.total),
            points_text(max / basis.total)
        ));
    }
    let (late_h, late_expr) = per_task(basis.late, d.late);
    let (overdue_h, overdue_expr) = per_task(basis.overdue, d.overdue);
    working.push(format!(
        "Trừ hoàn thành quá hạn: {late_expr} = {}{}",
        hundred_text(late_h),
        basis.weight_note(|c| c.late)
    ));
    working.push(format!(
        "Trừ quá hạn chưa hoàn thành: {overdue_expr} = {}{}",
        hundred_text(overdue_h),
        basis.weight_note(|c| c.overdue)
    ));
    let raw = max_h - late_h - overdue_h;
    let sum = format!(
        "Điểm: {} − {} − {} = {}",
        hundred_text(max_h),
        hundred_text(late_h),
        hundred_text(overdue_h),
        hundred_text(raw)
    );
    if raw < 0 {
        working.push(format!("{sum}; không thấp hơn 0 nên lấy 0"));
        0
    } else {
        working.push(sum);
        raw
    }
}

/// Band mode: the rate, rounded to one decimal as displayed, picks the band.
fn banded(b: &Bands, basis: &Basis, max: f64, working: &mut Vec<String>) -> i64 {
    let (num, den, missing) = match b.rate {
        BandRate::OnTimeOfCompleted => (basis.on_time, basis.completed(), "đã hoàn thành"),
        BandRate::OnTimeOfDue => (basis.on_time, basis.due(), "đến hạn"),
        BandRate::OnTimeOfTotal => (basis.on_time, basis.total, "được chấm"),
        BandRate::CompletionOfDue => (basis.completed(), basis.due(), "đến hạn"),
        BandRate::CompletionOfTotal => (basis.completed(), basis.total, "được chấm"),
    };
    if den <= 0.0 {
        working.push(format!(
            "{}: không tính được (chưa có nhiệm vụ {missing}); không có căn cứ trừ điểm nên lấy điểm tối đa {}",
            b.rate.label(),
            points_text(max)
        ));
        working.push(format!("Điểm: {}", points_text(max)));
        return hundredths(max);
    }
    let share = num / den;
    let shown = vn_number::percent_one_decimal(Some(share), Rounding::Round).unwrap_or(0.0);
    working.push(format!(
        "{}: {} / {} = {}",
        b.rate.label(),
        points_text(num),
        points_text(den),
        vn_number::percent(Some(share), Rounding::Round)
    ));
    let hit = b
        .bands
        .iter()
        .position(|band| shown + 1e-9 >= band.from_percent);
    let points = match hit.and_then(|i| b.bands.get(i).map(|band| (i, band))) {
        Some((i, band)) => {
            let above = i.checked_sub(1).and_then(|j| b.bands.get(j));
            working.push(format!(
                "Bậc áp dụng: {} → {} điểm",
                band_range(band, above),
                points_text(band.points)
            ));
            hundredths(band.points)
        }
        None => {
            let lowest = b.bands.last().map_or(0.0, |l| l.from_percent);
            working.push(format!(
                "Bậc áp dụng: dưới {}% → 0 điểm",
                points_text(lowest)
            ));
            0
        }
    };
    working.push(format!("Điểm: {}", hundred_text(points)));
    points
}

/// The bonus when every task that came due was done on time: at least one task completed on
/// time, none completed late, none overdue (tasks still within their deadline do not cancel
/// it; an agency that completed nothing has earned nothing). Capped at the ceiling.
fn add_bonus(bonus: &Bonus, basis: &Basis, points: i64, working: &mut Vec<String>) -> i64 {
    let earned = basis.on_time > 0.0 && basis.late == 0.0 && basis.overdue == 0.0;
    if !earned {
        return points;
    }
    let bonus_h = hundredths(bonus.points);
    let ceiling_h = hundredths(bonus.ceiling);
    working.push(format!(
        "Thưởng không có nhiệm vụ trễ hạn (không hoàn thành quá hạn, không quá hạn chưa hoàn thành): + {}",
        hundred_text(bonus_h)
    ));
    let sum = points + bonus_h;
    let line = format!(
        "Điểm sau thưởng: {} + {} = {}",
        hundred_text(points),
        hundred_text(bonus_h),
        hundred_text(sum)
    );
    if sum > ceiling_h {
        working.push(format!(
            "{line}; không vượt quá {} nên lấy {}",
            hundred_text(ceiling_h),
            hundred_text(ceiling_h)
        ));
        ceiling_h
    } else {
        working.push(line);
        sum
    }
}

/// Hundredths as points text.
pub(crate) fn hundred_text(h: i64) -> String {
    points_text(h as f64 / 100.0)
}
