//! A period scored month by month (`cham_theo_thang`; Thanh Hóa scores the criterion every
//! month and takes the year's score from the months): each month with tasks is scored under
//! the rule set on its own counts, with its whole working, and the period's score is the mean
//! (`trung_binh`) or the sum (`tong`) of those monthly scores. A month without tasks has no
//! score and is left out of both (its line says so), as an agency without tasks is left out
//! of a ranking. Every monthly score is already in whole hundredths, and the mean is rounded to
//! hundredths half away from zero, so the printed arithmetic adds up.

use super::points::{Scored, counts_line, hundred_text, score as score_month};
use super::rules::{ByMonth, RuleSet};
use super::{MonthInputs, ScoreInput};

/// The period's points of agency `index` (whose period counts are `input`) from `months`;
/// None when no month has a task of it.
pub(super) fn score(
    input: &ScoreInput,
    months: &[MonthInputs],
    index: usize,
    rules: &RuleSet,
    how: ByMonth,
) -> Option<Scored> {
    let combined = match how {
        ByMonth::Mean => "trung bình cộng",
        ByMonth::Sum => "tổng",
    };
    let mut working = vec![
        format!(
            "Chấm theo tháng ({} tháng, mỗi tháng tính đến hết tháng, tháng có ngày chốt tính đến ngày chốt); điểm cả kỳ là {combined} điểm các tháng có nhiệm vụ",
            months.len()
        ),
        counts_line("Cả kỳ, tại ngày chốt: tổng số", &input.counts),
    ];
    let mut points = Vec::new();
    for month in months {
        let Some(m) = month.inputs.get(index).filter(|m| m.counts.total > 0) else {
            working.push(format!(
                "Tháng {}: không có nhiệm vụ, không tính",
                month.label
            ));
            continue;
        };
        let scored = score_month(m, rules);
        working.extend(
            scored
                .working
                .iter()
                .map(|line| format!("Tháng {}: {line}", month.label)),
        );
        points.push(scored.hundredths);
    }
    if points.is_empty() {
        return None;
    }
    let n = points.len() as i64;
    let sum: i64 = points.iter().sum();
    let terms: Vec<String> = points.iter().map(|h| hundred_text(*h)).collect();
    let (hundredths, line) = match how {
        ByMonth::Mean => {
            let mean = mean_hundredths(sum, n);
            let line = format!(
                "Điểm cả kỳ: trung bình {n} tháng có nhiệm vụ = ({}) / {n} = {}",
                terms.join(" + "),
                hundred_text(mean)
            );
            (mean, line)
        }
        ByMonth::Sum => {
            let line = format!(
                "Điểm cả kỳ: tổng {n} tháng có nhiệm vụ = {} = {}",
                terms.join(" + "),
                hundred_text(sum)
            );
            (sum, line)
        }
    };
    working.push(line);
    Some(Scored {
        hundredths,
        working,
    })
}

/// `sum / n` in hundredths, half away from zero (points are never negative: the floor is 0).
fn mean_hundredths(sum: i64, n: i64) -> i64 {
    (2 * sum + n) / (2 * n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_is_rounded_half_away_from_zero_in_hundredths() {
        // (9,5 + 10 + 8) / 3 = 9,1666… → 9,17; (9,5 + 10) / 2 = 9,75; (0,01 + 0) / 2 = 0,005 → 0,01.
        assert_eq!(mean_hundredths(950 + 1000 + 800, 3), 917);
        assert_eq!(mean_hundredths(1950, 2), 975);
        assert_eq!(mean_hundredths(1, 2), 1);
    }
}
