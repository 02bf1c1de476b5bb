//! Hand-worked scores for every rule kind, the ranking rules and the rule-file errors. The
//! arithmetic is written in the comments; the expected values were worked out by hand.

use super::*;
use crate::model::{Counts, RankedAgency};

fn counts(on_time: u64, late: u64, within: u64, overdue: u64) -> Counts {
    Counts::from_parts(on_time, late, within, overdue, 0)
}

fn agency(name: &str, bloc: Option<&str>, c: Counts) -> ScoreInput {
    ScoreInput {
        name: name.to_string(),
        bloc: bloc.map(str::to_string),
        counts: c,
        key_counts: Counts::default(),
    }
}

fn rules(text: &str) -> RuleSet {
    match parse_rules(text, "test.toml") {
        Ok(r) => r,
        Err(e) => panic!("rules should parse: {e}"),
    }
}

fn only(inputs: &[ScoreInput], rules: &RuleSet) -> RankedAgency {
    let ranking = rank(inputs, rules, &[]);
    assert_eq!(ranking.agencies.len(), 1);
    ranking.agencies[0].clone()
}

fn find<'a>(ranking: &'a [RankedAgency], name: &str) -> &'a RankedAgency {
    match ranking.iter().find(|a| a.name == name) {
        Some(a) => a,
        None => panic!("{name} missing from the ranking"),
    }
}

const DEDUCTION: &str = r#"
ten = "Khấu trừ"
diem_toi_da = 10
[khau_tru]
hoan_thanh_qua_han = 0.5
chua_hoan_thanh_qua_han = 1
"#;

// ---------------------------------------------------------------------------------------------
// Rule kinds.

#[test]
fn deduction_rule_subtracts_per_late_and_per_overdue_task() {
    // 40 tasks: 35 on time, 3 late, 2 overdue. 10 − 3 × 0,5 − 2 × 1 = 10 − 1,5 − 2 = 6,5.
    let a = only(
        &[agency("Sở Xây dựng", None, counts(35, 3, 0, 2))],
        &rules(DEDUCTION),
    );
    assert_eq!(a.points, Some(6.5));
    assert_eq!(
        a.working,
        vec![
            "Tổng số 40 nhiệm vụ; hoàn thành đúng hạn 35, hoàn thành quá hạn 3, chưa hoàn thành quá hạn 2",
            "Điểm tối đa: 10",
            "Trừ hoàn thành quá hạn: 3 × 0,5 = 1,5",
            "Trừ quá hạn chưa hoàn thành: 2 × 1 = 2",
            "Điểm: 10 − 1,5 − 2 = 6,5",
        ]
    );
    assert_eq!(a.rank_in_province, Some(1));
    assert_eq!(a.rank_in_bloc, None);
}

#[test]
fn tasks_within_deadline_are_shown_but_not_deducted() {
    // 20 tasks: 12 on time, 1 late, 6 within, 1 overdue. 10 − 0,5 − 1 = 8,5.
    let a = only(
        &[agency("Sở Y tế", None, counts(12, 1, 6, 1))],
        &rules(DEDUCTION),
    );
    assert_eq!(a.points, Some(8.5));
    assert_eq!(
        a.working[0],
        "Tổng số 20 nhiệm vụ; hoàn thành đúng hạn 12, hoàn thành quá hạn 1, chưa hoàn thành trong hạn 6, chưa hoàn thành quá hạn 1"
    );
}

#[test]
fn points_never_fall_below_zero() {
    // 10 late, 8 overdue: 10 − 10 × 0,5 − 8 × 1 = 10 − 5 − 8 = −3 → 0.
    let a = only(
        &[agency("UBND huyện A", None, counts(2, 10, 0, 8))],
        &rules(DEDUCTION),
    );
    assert_eq!(a.points, Some(0.0));
    assert_eq!(
        a.working.last().map(String::as_str),
        Some("Điểm: 10 − 5 − 8 = −3; không thấp hơn 0 nên lấy 0")
    );
    // A zero score is a score: the agency is ranked.
    assert_eq!(a.rank_in_province, Some(1));
}

#[test]
fn percent_of_task_value_follows_nd335() {
    // 40 tasks, one task is worth 100 / 40 = 2,5.
    // Late: 3 × 25% × 100 / 40 = 1,875 → 1,88; overdue: 2 × 100% × 100 / 40 = 5.
    // 100 − 1,88 − 5 = 93,12 ≥ 90 reaches "Hoàn thành xuất sắc nhiệm vụ", but alone in the
    // ranking the cap allows ⌊20% × 1⌋ = 0 agencies in that tier: it drops to "tốt".
    let Some(nd335) = preset("nd335-2025") else {
        panic!("nd335-2025 preset")
    };
    let a = only(&[agency("Sở Tài chính", None, counts(35, 3, 0, 2))], &nd335);
    assert_eq!(a.points, Some(93.12));
    assert_eq!(a.tier.as_deref(), Some("Hoàn thành tốt nhiệm vụ"));
    assert_eq!(
        a.note,
        "đủ điểm xếp loại «Hoàn thành xuất sắc nhiệm vụ» nhưng vượt giới hạn 20% (toàn tỉnh tối đa 0 cơ quan); xếp loại «Hoàn thành tốt nhiệm vụ»"
    );
    assert_eq!(
        a.working[1..],
        [
            "Điểm tối đa: 100",
            "Giá trị một nhiệm vụ: 100 / 40 = 2,5",
            "Trừ hoàn thành quá hạn: 3 × 25% × 100 / 40 = 1,88",
            "Trừ quá hạn chưa hoàn thành: 2 × 100% × 100 / 40 = 5",
            "Điểm: 100 − 1,88 − 5 = 93,12",
            "Xếp loại: Hoàn thành tốt nhiệm vụ (điểm 93,12; hạ một bậc do giới hạn số cơ quan «Hoàn thành xuất sắc nhiệm vụ»)",
        ]
    );
}

#[test]
fn rate_bands_give_the_points_of_the_band_reached() {
    let Some(hue) = preset("thua-thien-hue-2019") else {
        panic!("thua-thien-hue-2019 preset")
    };
    // On time 30, late 2, overdue 3: due = 30 + 2 + 3 = 35; 30 / 35 = 85,714 % → 85,7 %,
    // band "từ 80% đến dưới 90%" → 8 points.
    let a = only(&[agency("Sở Du lịch", None, counts(30, 2, 4, 3))], &hue);
    assert_eq!(a.points, Some(8.0));
    assert_eq!(
        a.working[1..],
        [
            "Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đến hạn: 30 / 35 = 85,7%",
            "Bậc áp dụng: từ 80% đến dưới 90% → 8 điểm",
            "Điểm: 8",
        ]
    );
    // On time 5 of 10 due = 50 % < 60 % → 0 points.
    let b = only(&[agency("Sở Tư pháp", None, counts(5, 3, 0, 2))], &hue);
    assert_eq!(b.points, Some(0.0));
    assert_eq!(b.working[2], "Bậc áp dụng: dưới 60% → 0 điểm");
}

#[test]
fn rate_bands_compare_the_rate_as_displayed() {
    let Some(hue) = preset("thua-thien-hue-2019") else {
        panic!("thua-thien-hue-2019 preset")
    };
    // 189 / 199 = 94,97 % is displayed 95,0 %: it reaches the 95 % band → 10.
    let a = only(&[agency("Sở A", None, counts(189, 10, 0, 0))], &hue);
    assert_eq!(a.points, Some(10.0));
    // 379 / 400 = 94,75 % is displayed 94,8 %: band 90 → 9.
    let b = only(&[agency("Sở B", None, counts(379, 21, 0, 0))], &hue);
    assert_eq!(b.points, Some(9.0));
}

#[test]
fn a_rate_without_denominator_scores_the_maximum() {
    let Some(hue) = preset("thua-thien-hue-2019") else {
        panic!("thua-thien-hue-2019 preset")
    };
    // 4 tasks, all still within deadline: nothing is due, nothing went wrong → 10.
    let a = only(&[agency("Sở C", None, counts(0, 0, 4, 0))], &hue);
    assert_eq!(a.points, Some(10.0));
    assert_eq!(
        a.working[1],
        "Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đến hạn: không tính được (chưa có nhiệm vụ đến hạn); không có căn cứ trừ điểm nên lấy điểm tối đa 10"
    );
}

#[test]
fn bonus_is_added_when_nothing_is_late() {
    // Default preset: 12 on time, 3 within, nothing late or overdue: 10 − 0 − 0 = 10, + 1 = 11
    // (ceiling 11).
    let a = only(
        &[agency("Sở Nội vụ", None, counts(12, 0, 3, 0))],
        &default_rules(),
    );
    assert_eq!(a.points, Some(11.0));
    assert_eq!(
        a.working[4..],
        [
            "Điểm: 10 − 0 − 0 = 10",
            "Thưởng không có nhiệm vụ trễ hạn (không hoàn thành quá hạn, không quá hạn chưa hoàn thành): + 1",
            "Điểm sau thưởng: 10 + 1 = 11",
            "Xếp loại: Hoàn thành xuất sắc nhiệm vụ (điểm 11)",
        ]
    );
    // One late task: no bonus. 10 − 0,5 = 9,5.
    let b = only(
        &[agency("Sở Nội vụ", None, counts(12, 1, 3, 0))],
        &default_rules(),
    );
    assert_eq!(b.points, Some(9.5));
}

#[test]
fn bonus_stops_at_the_ceiling() {
    // Deduction: 10 + 1 = 11, ceiling 10,5 → 10,5.
    let text = format!("{DEDUCTION}[thuong]\nkhi_tat_ca_dung_han = 1\ndiem_tran = 10.5\n");
    let a = only(&[agency("Sở D", None, counts(7, 0, 0, 0))], &rules(&text));
    assert_eq!(a.points, Some(10.5));
    assert_eq!(
        a.working.last().map(String::as_str),
        Some("Điểm sau thưởng: 10 + 1 = 11; không vượt quá 10,5 nên lấy 10,5")
    );
}

#[test]
fn bonus_in_band_mode_is_capped_at_the_maximum() {
    // Completion over all tasks: 8 done on time + 2 within = 10 tasks, 8 / 10 = 80 % → 8;
    // nothing late, so + 1 = 9 (≤ 10).
    let text = r#"
ten = "Bậc"
diem_toi_da = 10
ty_le = "hoan_thanh_tren_tong_so"
[[bac_ty_le]]
tu = 95
diem = 10
[[bac_ty_le]]
tu = 80
diem = 8
[thuong]
khi_tat_ca_dung_han = 1
"#;
    let rules = rules(text);
    let a = only(&[agency("Sở E", None, counts(8, 0, 2, 0))], &rules);
    assert_eq!(a.points, Some(9.0));
    // 20 of 20 on time → 10, + 1 = 11 → capped at the maximum 10.
    let b = only(&[agency("Sở F", None, counts(20, 0, 0, 0))], &rules);
    assert_eq!(b.points, Some(10.0));
    assert_eq!(
        b.working.last().map(String::as_str),
        Some("Điểm sau thưởng: 10 + 1 = 11; không vượt quá 10 nên lấy 10")
    );
}

#[test]
fn key_tasks_can_weigh_double() {
    // All: 35 on time, 3 late, 2 overdue; key: 8 on time, 1 late, 1 overdue; weight 2.
    // Late counted 3 + 1 × (2 − 1) = 4 → 4 × 0,5 = 2; overdue 2 + 1 = 3 → 3 × 1 = 3.
    // 10 − 2 − 3 = 5.
    let text = DEDUCTION.replace("diem_toi_da = 10", "diem_toi_da = 10\nhe_so_trong_tam = 2");
    let mut input = agency("Sở G", None, counts(35, 3, 0, 2));
    input.key_counts = counts(8, 1, 0, 1);
    let a = only(&[input], &rules(&text));
    assert_eq!(a.points, Some(5.0));
    assert_eq!(
        a.working[1..],
        [
            "Trong đó nhiệm vụ trọng tâm (hệ số 2): 10 nhiệm vụ; hoàn thành đúng hạn 8, hoàn thành quá hạn 1, chưa hoàn thành quá hạn 1",
            "Điểm tối đa: 10",
            "Trừ hoàn thành quá hạn: 4 × 0,5 = 2 (3 nhiệm vụ, trong đó 1 nhiệm vụ trọng tâm tính hệ số 2)",
            "Trừ quá hạn chưa hoàn thành: 3 × 1 = 3 (2 nhiệm vụ, trong đó 1 nhiệm vụ trọng tâm tính hệ số 2)",
            "Điểm: 10 − 2 − 3 = 5",
        ]
    );
}

#[test]
fn key_tasks_only_ignores_the_other_tasks() {
    // Only key tasks: 1 late, 1 overdue → 10 − 0,5 − 1 = 8,5.
    let text = DEDUCTION.replace(
        "diem_toi_da = 10",
        "diem_toi_da = 10\nap_dung = \"trong_tam\"",
    );
    let mut input = agency("Sở G", None, counts(35, 3, 0, 2));
    input.key_counts = counts(8, 1, 0, 1);
    let a = only(&[input], &rules(&text));
    assert_eq!(a.points, Some(8.5));
    assert_eq!(
        a.working[1],
        "Chấm trên nhiệm vụ trọng tâm: 10 nhiệm vụ; hoàn thành đúng hạn 8, hoàn thành quá hạn 1, chưa hoàn thành quá hạn 1"
    );
}

// ---------------------------------------------------------------------------------------------
// Ranking.

#[test]
fn ties_share_a_rank_in_the_bloc_and_in_the_province() {
    // Khối A: A1 10 − 0,5 = 9,5; A2 10 − 2 × 1 = 8; A3 10 − 4 × 0,5 = 8; A4 10 − 3 = 7.
    // Khối B: B1 10 − 2 × 0,5 − 1 = 8; B2 10.
    // Bloc A: 1, 2, 2, 4. Bloc B: B2 1, B1 2.
    // Province: B2 10 → 1; A1 9,5 → 2; A2, A3, B1 8 → 3; A4 7 → 6.
    let inputs = [
        agency("A3", Some("Khối A"), counts(6, 4, 0, 0)),
        agency("B1", Some("Khối B"), counts(7, 2, 0, 1)),
        agency("A1", Some("Khối A"), counts(9, 1, 0, 0)),
        agency("A2", Some("Khối A"), counts(8, 0, 0, 2)),
        agency("B2", Some("Khối B"), counts(5, 0, 0, 0)),
        agency("A4", Some("Khối A"), counts(7, 0, 0, 3)),
    ];
    let ranking = rank(&inputs, &rules(DEDUCTION), &[]);
    type Line<'a> = (&'a str, Option<f64>, Option<usize>, Option<usize>);
    let got: Vec<Line> = ranking
        .agencies
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.points,
                a.rank_in_bloc,
                a.rank_in_province,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("A1", Some(9.5), Some(1), Some(2)),
            ("A3", Some(8.0), Some(2), Some(3)),
            ("A2", Some(8.0), Some(2), Some(3)),
            ("A4", Some(7.0), Some(4), Some(6)),
            ("B2", Some(10.0), Some(1), Some(1)),
            ("B1", Some(8.0), Some(2), Some(3)),
        ]
    );
}

#[test]
fn an_agency_without_tasks_is_not_ranked() {
    // The empty agency would score 10 − 0 − 0 = 10 if it were scored: it must not come first.
    let inputs = [
        agency("Cục Thống kê", Some("Khối A"), Counts::default()),
        agency("Sở H", Some("Khối A"), counts(9, 1, 0, 0)),
    ];
    let ranking = rank(&inputs, &rules(DEDUCTION), &[]);
    let empty = find(&ranking.agencies, "Cục Thống kê");
    assert_eq!(empty.points, None);
    assert_eq!(empty.tier, None);
    assert_eq!(empty.counts, None);
    assert_eq!((empty.rank_in_bloc, empty.rank_in_province), (None, None));
    assert_eq!(empty.note, "không có nhiệm vụ");
    let h = find(&ranking.agencies, "Sở H");
    assert_eq!((h.rank_in_bloc, h.rank_in_province), (Some(1), Some(1)));
    // Ranked agencies come first in the bloc, the unranked after them.
    assert_eq!(ranking.agencies[0].name, "Sở H");
}

#[test]
fn manual_points_rank_an_agency_without_tasks() {
    // Cục Thống kê 8,5 by hand; Sở H 10 − 0,5 = 9,5; Sở K 10 − 2 = 8.
    let inputs = [
        agency("Sở K", Some("Khối A"), counts(8, 0, 0, 2)),
        agency("Cục Thống Kê", Some("Khối A"), Counts::default()),
        agency("Sở H", Some("Khối A"), counts(9, 1, 0, 0)),
    ];
    let manual = vec![("cuc thong ke".to_string(), 8.5)];
    let ranking = rank(&inputs, &rules(DEDUCTION), &manual);
    let c = find(&ranking.agencies, "Cục Thống Kê");
    assert_eq!(c.points, Some(8.5));
    assert_eq!(c.rank_in_bloc, Some(2));
    assert_eq!(
        c.working,
        vec![
            "Không có nhiệm vụ được giao trong kỳ",
            "Điểm do cơ quan thi đua chấm thủ công: 8,5",
        ]
    );
    let names: Vec<&str> = ranking.agencies.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Sở H", "Cục Thống Kê", "Sở K"]);
    assert!(unmatched_manual(&inputs, &manual).is_empty());
    let stray = vec![("Đài PT-TH".to_string(), 9.0)];
    assert_eq!(unmatched_manual(&inputs, &stray), vec!["Đài PT-TH"]);
}

#[test]
fn manual_points_do_not_replace_computed_points() {
    let inputs = [agency("Sở H", None, counts(9, 1, 0, 0))];
    let ranking = rank(&inputs, &rules(DEDUCTION), &[("Sở H".to_string(), 3.0)]);
    assert_eq!(ranking.agencies[0].points, Some(9.5));
    assert_eq!(
        ranking.agencies[0].note,
        "có điểm chấm thủ công (3) nhưng cơ quan có nhiệm vụ: dùng điểm tính theo nhiệm vụ"
    );
}

const TIERED: &str = r#"
ten = "Xếp loại"
diem_toi_da = 100
[khau_tru]
hoan_thanh_qua_han = 1
chua_hoan_thanh_qua_han = 2
[[xep_loai]]
ten = "Hoàn thành xuất sắc nhiệm vụ"
tu = 90
[[xep_loai]]
ten = "Hoàn thành tốt nhiệm vụ"
tu = 70
[[xep_loai]]
ten = "Hoàn thành nhiệm vụ"
tu = 50
[[xep_loai]]
ten = "Không hoàn thành nhiệm vụ"
tu = 0
"#;

/// Ten agencies without tasks, scored by hand, so the points are exact.
fn by_hand(points: &[f64]) -> (Vec<ScoreInput>, Vec<(String, f64)>) {
    let inputs = (0..points.len())
        .map(|i| agency(&format!("CQ{}", i + 1), None, Counts::default()))
        .collect();
    let manual = points
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("CQ{}", i + 1), *p))
        .collect();
    (inputs, manual)
}

fn tiers_of(ranking: &crate::model::Ranking) -> Vec<(String, String)> {
    ranking
        .agencies
        .iter()
        .map(|a| (a.name.clone(), a.tier.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn tiers_follow_the_thresholds() {
    // 90 → xuất sắc, 89,99 → tốt, 50 → hoàn thành, 49,99 → không hoàn thành.
    let (inputs, manual) = by_hand(&[90.0, 89.99, 50.0, 49.99]);
    let ranking = rank(&inputs, &rules(TIERED), &manual);
    let tiers: Vec<Option<&str>> = ranking.agencies.iter().map(|a| a.tier.as_deref()).collect();
    assert_eq!(
        tiers,
        [
            Some("Hoàn thành xuất sắc nhiệm vụ"),
            Some("Hoàn thành tốt nhiệm vụ"),
            Some("Hoàn thành nhiệm vụ"),
            Some("Không hoàn thành nhiệm vụ"),
        ]
    );
}

#[test]
fn top_tier_cap_demotes_the_lowest_beyond_the_cap() {
    // 10 rated, cap 20 % → ⌊0,2 × 10⌋ = 2 may be "xuất sắc". Five reach 90: 98, 95 kept;
    // 93, 93, 91 drop to "tốt".
    let text = format!("{TIERED}[gioi_han_xuat_sac]\nty_le = 20\n");
    let (inputs, manual) = by_hand(&[98.0, 93.0, 95.0, 93.0, 91.0, 85.0, 80.0, 75.0, 60.0, 40.0]);
    let ranking = rank(&inputs, &rules(&text), &manual);
    let xs = "Hoàn thành xuất sắc nhiệm vụ";
    let tot = "Hoàn thành tốt nhiệm vụ";
    let tiers = tiers_of(&ranking);
    assert_eq!(tiers[0], ("CQ1".to_string(), xs.to_string()));
    assert_eq!(tiers[1], ("CQ3".to_string(), xs.to_string()));
    for name in ["CQ2", "CQ4", "CQ5"] {
        let a = find(&ranking.agencies, name);
        assert_eq!(a.tier.as_deref(), Some(tot));
        assert_eq!(
            a.note,
            "không có nhiệm vụ; đủ điểm xếp loại «Hoàn thành xuất sắc nhiệm vụ» nhưng vượt giới hạn 20% (toàn tỉnh tối đa 2 cơ quan); xếp loại «Hoàn thành tốt nhiệm vụ»"
        );
    }
}

#[test]
fn agencies_tied_at_the_cap_line_are_demoted_together() {
    // Cap 2 of 10; 98 fits (1 ≤ 2), the two at 95 would make 3 > 2: both drop to "tốt".
    let text = format!("{TIERED}[gioi_han_xuat_sac]\nty_le = 20\n");
    let (inputs, manual) = by_hand(&[95.0, 98.0, 95.0, 85.0, 80.0, 75.0, 70.0, 60.0, 55.0, 40.0]);
    let ranking = rank(&inputs, &rules(&text), &manual);
    let excellent: Vec<&str> = ranking
        .agencies
        .iter()
        .filter(|a| a.tier.as_deref() == Some("Hoàn thành xuất sắc nhiệm vụ"))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(excellent, ["CQ2"]);
    // Ranks are untouched by the cap: 98 → 1, both 95 → 2.
    assert_eq!(find(&ranking.agencies, "CQ1").rank_in_province, Some(2));
    assert_eq!(find(&ranking.agencies, "CQ3").rank_in_province, Some(2));
}

#[test]
fn nd335_caps_excellent_at_a_fifth_of_those_rated_good_or_better() {
    // Scores ≥ 70: 98, 95, 93, 93, 91, 85, 80, 75 = 8 → ⌊0,2 × 8⌋ = 1: only 98 stays.
    let Some(nd335) = preset("nd335-2025") else {
        panic!("nd335-2025 preset")
    };
    let (inputs, manual) = by_hand(&[98.0, 95.0, 93.0, 93.0, 91.0, 85.0, 80.0, 75.0, 60.0, 40.0]);
    let ranking = rank(&inputs, &nd335, &manual);
    let excellent: Vec<&str> = ranking
        .agencies
        .iter()
        .filter(|a| a.tier.as_deref() == Some("Hoàn thành xuất sắc nhiệm vụ"))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(excellent, ["CQ1"]);
}

#[test]
fn top_tier_cap_can_count_per_bloc() {
    // Two blocs of 5, cap 20 % per bloc → 1 each. Bloc X: 99, 95 → 95 demoted. Bloc Y: 92 only.
    let text = format!("{TIERED}[gioi_han_xuat_sac]\nty_le = 20\npham_vi = \"khoi\"\n");
    let points = [99.0, 95.0, 80.0, 70.0, 60.0, 92.0, 85.0, 80.0, 70.0, 60.0];
    let (mut inputs, manual) = by_hand(&points);
    for (i, input) in inputs.iter_mut().enumerate() {
        input.bloc = Some(if i < 5 { "X" } else { "Y" }.to_string());
    }
    let ranking = rank(&inputs, &rules(&text), &manual);
    let excellent: Vec<&str> = ranking
        .agencies
        .iter()
        .filter(|a| a.tier.as_deref() == Some("Hoàn thành xuất sắc nhiệm vụ"))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(excellent, ["CQ1", "CQ6"]);
}

#[test]
fn ranking_carries_the_rule_lines() {
    let ranking = rank(&[], &default_rules(), &[]);
    assert_eq!(
        ranking.rule_name,
        "Khấu trừ theo nhiệm vụ trễ hạn (mặc định)"
    );
    for line in [
        "Điểm tối đa của tiêu chí: 10",
        "Trừ 0,5 điểm cho mỗi nhiệm vụ hoàn thành quá hạn",
        "Trừ 1 điểm cho mỗi nhiệm vụ chưa hoàn thành đã quá hạn tại thời điểm chốt số liệu",
        "Điểm không thấp hơn 0",
        "Xếp loại «Hoàn thành xuất sắc nhiệm vụ»: từ 9 điểm trở lên",
        "Xếp loại «Hoàn thành tốt nhiệm vụ»: từ 7 đến dưới 9 điểm",
        "Xếp loại «Không hoàn thành nhiệm vụ»: dưới 5 điểm",
    ] {
        assert!(
            ranking.rule_lines.iter().any(|l| l == line),
            "missing rule line «{line}» in {:#?}",
            ranking.rule_lines
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Presets and the rule file.

#[test]
fn every_preset_parses_and_the_default_is_the_deduction_rule() {
    for name in preset_names() {
        let path = format!("{name}.toml");
        let text = match *name {
            "khau-tru" => include_str!("../../presets/khau-tru.toml"),
            "nd335-2025" => include_str!("../../presets/nd335-2025.toml"),
            "dak-nong-2018" => include_str!("../../presets/dak-nong-2018.toml"),
            "thua-thien-hue-2019" => include_str!("../../presets/thua-thien-hue-2019.toml"),
            other => panic!("preset {other} has no file in this test"),
        };
        if let Err(e) = parse_rules(text, &path) {
            panic!("{e}");
        }
        assert!(preset(name).is_some(), "{name}");
    }
    assert_eq!(preset_names()[0], DEFAULT_PRESET);
    let default = default_rules();
    assert_eq!(default.max_points, 10.0);
    assert!(matches!(
        default.method,
        Method::Deduction(Deduction {
            unit: DeductionUnit::Points,
            late: 0.5,
            overdue: 1.0
        })
    ));
    assert_eq!(preset("Dak-Nong-2018.toml").map(|r| r.tiers.len()), Some(4));
    assert_eq!(preset("khong-co"), None);
}

#[test]
fn dak_nong_tiers_are_90_75_50() {
    let Some(r) = preset("dak-nong-2018") else {
        panic!("dak-nong-2018 preset")
    };
    let from: Vec<f64> = r.tiers.iter().map(|t| t.from_points).collect();
    assert_eq!(from, [90.0, 75.0, 50.0, 0.0]);
}

fn error_of(text: &str) -> String {
    match parse_rules(text, "diem.toml") {
        Ok(_) => panic!("should not parse:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_negative_deduction_names_the_key_and_line() {
    let text = "ten = \"x\"\ndiem_toi_da = 10\n\n[khau_tru]\nhoan_thanh_qua_han = -0.5\nchua_hoan_thanh_qua_han = 1\n";
    assert_eq!(
        error_of(text),
        "tệp quy tắc diem.toml, dòng 5, khóa `khau_tru.hoan_thanh_qua_han`: phải là số không âm"
    );
}

#[test]
fn an_unknown_key_names_the_key_and_line() {
    let text = "ten = \"x\"\ndiem_toi_da = 10\n[khau_tru]\nhoan_thanh_qua_han = 0.5\nqua_han = 1\n";
    let err = error_of(text);
    assert!(
        err.starts_with(
            "tệp quy tắc diem.toml, dòng 5, khóa `khau_tru.qua_han`: khóa không được hỗ trợ; các khóa hợp lệ ở đây: "
        ),
        "{err}"
    );
    assert!(err.contains("chua_hoan_thanh_qua_han"), "{err}");
}

#[test]
fn an_unknown_top_level_key_is_refused() {
    let text = "ten = \"x\"\ndiem_toi_da = 10\ndiem_toi_thieu = 0\n";
    let err = error_of(text);
    assert!(
        err.starts_with(
            "tệp quy tắc diem.toml, dòng 3, khóa `diem_toi_thieu`: khóa không được hỗ trợ"
        ),
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_type_names_the_key() {
    let text = "ten = \"x\"\ndiem_toi_da = \"mười\"\n";
    assert_eq!(
        error_of(text),
        "tệp quy tắc diem.toml, dòng 2, khóa `diem_toi_da`: sai kiểu giá trị: cần một số"
    );
}

#[test]
fn an_unknown_choice_lists_the_valid_ones() {
    let text = "ten = \"x\"\ndiem_toi_da = 10\nap_dung = \"mot_phan\"\n[khau_tru]\nhoan_thanh_qua_han = 1\nchua_hoan_thanh_qua_han = 1\n";
    assert_eq!(
        error_of(text),
        "tệp quy tắc diem.toml, dòng 3, khóa `ap_dung`: giá trị `mot_phan` không hợp lệ; chọn một trong: `tat_ca`, `trong_tam`"
    );
}

#[test]
fn a_missing_key_is_named() {
    let text =
        "diem_toi_da = 10\n[khau_tru]\nhoan_thanh_qua_han = 1\nchua_hoan_thanh_qua_han = 1\n";
    let err = error_of(text);
    assert!(err.ends_with("khóa `ten`: thiếu khóa bắt buộc"), "{err}");
}

#[test]
fn overdue_must_weigh_at_least_as_much_as_late_unless_allowed() {
    let text = "ten = \"x\"\ndiem_toi_da = 10\n[khau_tru]\nhoan_thanh_qua_han = 1\nchua_hoan_thanh_qua_han = 0.5\n";
    assert_eq!(
        error_of(text),
        "tệp quy tắc diem.toml, dòng 5, khóa `khau_tru.chua_hoan_thanh_qua_han`: phải không nhỏ hơn `khau_tru.hoan_thanh_qua_han` (1): nhiệm vụ quá hạn chưa hoàn thành bị trừ nặng hơn; nếu quy định khác, đặt `khau_tru.cho_phep_qua_han_nhe_hon = true`"
    );
    let allowed = format!("{text}cho_phep_qua_han_nhe_hon = true\n");
    assert!(parse_rules(&allowed, "diem.toml").is_ok());
}

#[test]
fn exactly_one_scoring_method_is_required() {
    let neither = "ten = \"x\"\ndiem_toi_da = 10\n";
    assert_eq!(
        error_of(neither),
        "tệp quy tắc diem.toml, khóa `khau_tru`: thiếu cách chấm điểm: cần bảng `[khau_tru]` hoặc các bảng `[[bac_ty_le]]`"
    );
    let both = format!("{DEDUCTION}ty_le = \"dung_han_tren_den_han\"\n");
    // `ty_le` after `[khau_tru]` belongs to that table: an unknown key there.
    assert!(error_of(&both).contains("khóa `khau_tru.ty_le`"));
    let both = "ten = \"x\"\ndiem_toi_da = 10\nty_le = \"dung_han_tren_den_han\"\n[khau_tru]\nhoan_thanh_qua_han = 1\nchua_hoan_thanh_qua_han = 1\n[[bac_ty_le]]\ntu = 90\ndiem = 10\n";
    assert_eq!(
        error_of(both),
        "tệp quy tắc diem.toml, dòng 7, khóa `bac_ty_le`: chỉ dùng một trong hai cách chấm: `[khau_tru]` hoặc `[[bac_ty_le]]`"
    );
}

#[test]
fn bands_must_descend_and_stay_within_a_hundred_percent() {
    let head = "ten = \"x\"\ndiem_toi_da = 10\nty_le = \"dung_han_tren_den_han\"\n";
    let rising =
        format!("{head}[[bac_ty_le]]\ntu = 80\ndiem = 8\n[[bac_ty_le]]\ntu = 90\ndiem = 9\n");
    assert_eq!(
        error_of(&rising),
        "tệp quy tắc diem.toml, dòng 8, khóa `bac_ty_le[2].tu`: các bậc phải xếp từ cao xuống thấp: bậc này (từ 90%) phải thấp hơn bậc trên (từ 80%)"
    );
    let over = format!("{head}[[bac_ty_le]]\ntu = 120\ndiem = 8\n");
    assert_eq!(
        error_of(&over),
        "tệp quy tắc diem.toml, dòng 5, khóa `bac_ty_le[1].tu`: phải trong khoảng 0–100 (%)"
    );
}

#[test]
fn tiers_must_descend_and_end_at_zero() {
    let rising = format!(
        "{DEDUCTION}[[xep_loai]]\nten = \"Tốt\"\ntu = 5\n[[xep_loai]]\nten = \"Xuất sắc\"\ntu = 9\n"
    );
    let err = error_of(&rising);
    assert!(
        err.contains("khóa `xep_loai[2].tu`: các bậc xếp loại phải xếp từ cao xuống thấp"),
        "{err}"
    );
    let open = format!("{DEDUCTION}[[xep_loai]]\nten = \"Xuất sắc\"\ntu = 9\n");
    assert!(
        error_of(&open).ends_with(
            "khóa `xep_loai[1].tu`: bậc xếp loại cuối cùng phải có `tu = 0` để điểm nào cũng được xếp loại"
        )
    );
}

#[test]
fn a_bonus_that_cannot_count_is_refused() {
    // In deduction mode nothing late already means the maximum: the bonus needs a ceiling above it.
    let text = format!("{DEDUCTION}[thuong]\nkhi_tat_ca_dung_han = 1\n");
    assert!(
        error_of(&text)
            .contains("khóa `thuong.khi_tat_ca_dung_han`: điểm thưởng không có tác dụng")
    );
}

#[test]
fn broken_toml_is_reported_with_its_line() {
    let text = "ten = \"x\"\ndiem_toi_da = \n";
    let err = error_of(text);
    assert!(
        err.starts_with("tệp quy tắc diem.toml, dòng 2: lỗi cú pháp TOML"),
        "{err}"
    );
}

#[test]
fn points_show_up_to_two_decimals_with_a_comma() {
    assert_eq!(points_text(10.0), "10");
    assert_eq!(points_text(6.5), "6,5");
    assert_eq!(points_text(93.125), "93,13");
    assert_eq!(points_text(1.875), "1,88");
    assert_eq!(points_text(0.1 + 0.2), "0,3");
    assert_eq!(points_text(1250.0), "1.250");
    assert_eq!(points_text(-3.0), "−3");
}

#[test]
fn the_documented_examples_hold() {
    // docs/scoring.md 1: the complete example parses.
    let doc = include_str!("../../docs/scoring.md");
    let Some(example) = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
    else {
        panic!("docs/scoring.md has no TOML example")
    };
    let parsed = parse_rules(example, "diem-thi-dua-2025.toml");
    assert_eq!(
        parsed.as_ref().map(|r| r.key_tasks),
        Ok(KeyTasks::Weighted(2.0))
    );
    // docs/scoring.md 3.8: 10 − 1,5 − 2 = 6,5; 5 ≤ 6,5 < 7 → "Hoàn thành nhiệm vụ"; no bonus.
    let a = only(
        &[agency("Sở X", None, counts(35, 3, 0, 2))],
        &default_rules(),
    );
    assert_eq!(a.points, Some(6.5));
    assert_eq!(
        a.working.last().map(String::as_str),
        Some("Xếp loại: Hoàn thành nhiệm vụ (điểm 6,5)")
    );
}

// ---------------------------------------------------------------------------------------------
// Scoring month by month (cham_theo_thang).

const MONTHLY: &str = r#"
ten = "Khấu trừ theo tháng"
diem_toi_da = 10
cham_theo_thang = "trung_binh"
[khau_tru]
hoan_thanh_qua_han = 0.5
chua_hoan_thanh_qua_han = 1
[[xep_loai]]
ten = "Xuất sắc"
tu = 9.5
[[xep_loai]]
ten = "Tốt"
tu = 0
"#;

/// Three months of two agencies, each month's counts at its own end. Sở A: January 1 on time
/// and 1 overdue (10 − 1 = 9), February 1 within (10), March 1 overdue (9). Sở B: January 1 on
/// time (10), no task in February, March 1 late (10 − 0,5 = 9,5).
fn three_months() -> (Vec<ScoreInput>, Vec<MonthInputs>) {
    let month = |label: &str, a: Counts, b: Counts| MonthInputs {
        label: label.to_string(),
        inputs: vec![agency("Sở A", Some("K"), a), agency("Sở B", Some("K"), b)],
    };
    let months = vec![
        month("01/2025", counts(1, 0, 0, 1), counts(1, 0, 0, 0)),
        month("02/2025", counts(0, 0, 1, 0), Counts::default()),
        month("03/2025", counts(0, 0, 0, 1), counts(0, 1, 0, 0)),
    ];
    // The quarter at 31/03: Sở A's January overdue task and its February task were done late.
    let period = vec![
        agency("Sở A", Some("K"), counts(1, 2, 0, 1)),
        agency("Sở B", Some("K"), counts(1, 1, 0, 0)),
    ];
    (period, months)
}

#[test]
fn a_period_scored_by_month_takes_the_mean_of_the_months_with_tasks() {
    let (period, months) = three_months();
    let ranking = rank_by_month(&period, &months, &rules(MONTHLY), &[]);
    // Sở A: (9 + 10 + 9) / 3 = 9,333… → 9,33 (not the quarter's 10 − 2 × 0,5 − 1 = 8).
    // Sở B: (10 + 9,5) / 2 = 9,75: February has no task and does not count.
    let a = find(&ranking.agencies, "Sở A");
    let b = find(&ranking.agencies, "Sở B");
    assert_eq!((a.points, b.points), (Some(9.33), Some(9.75)));
    assert_eq!((b.rank_in_bloc, a.rank_in_bloc), (Some(1), Some(2)));
    assert_eq!(
        (a.tier.as_deref(), b.tier.as_deref()),
        (Some("Tốt"), Some("Xuất sắc"))
    );
    // The counts shown are the quarter's.
    assert_eq!(a.counts, Some(counts(1, 2, 0, 1)));
    assert_eq!(
        b.working,
        [
            "Chấm theo tháng (3 tháng, mỗi tháng tính đến hết tháng, tháng có ngày chốt tính đến ngày chốt); điểm cả kỳ là trung bình cộng điểm các tháng có nhiệm vụ",
            "Cả kỳ, tại ngày chốt: tổng số 2 nhiệm vụ; hoàn thành đúng hạn 1, hoàn thành quá hạn 1, chưa hoàn thành quá hạn 0",
            "Tháng 01/2025: Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 1, hoàn thành quá hạn 0, chưa hoàn thành quá hạn 0",
            "Tháng 01/2025: Điểm tối đa: 10",
            "Tháng 01/2025: Trừ hoàn thành quá hạn: 0 × 0,5 = 0",
            "Tháng 01/2025: Trừ quá hạn chưa hoàn thành: 0 × 1 = 0",
            "Tháng 01/2025: Điểm: 10 − 0 − 0 = 10",
            "Tháng 02/2025: không có nhiệm vụ, không tính",
            "Tháng 03/2025: Tổng số 1 nhiệm vụ; hoàn thành đúng hạn 0, hoàn thành quá hạn 1, chưa hoàn thành quá hạn 0",
            "Tháng 03/2025: Điểm tối đa: 10",
            "Tháng 03/2025: Trừ hoàn thành quá hạn: 1 × 0,5 = 0,5",
            "Tháng 03/2025: Trừ quá hạn chưa hoàn thành: 0 × 1 = 0",
            "Tháng 03/2025: Điểm: 10 − 0,5 − 0 = 9,5",
            "Điểm cả kỳ: trung bình 2 tháng có nhiệm vụ = (10 + 9,5) / 2 = 9,75",
            "Xếp loại: Xuất sắc (điểm 9,75)",
        ]
    );
    assert!(
        ranking
            .rule_lines
            .iter()
            .any(|l| l.starts_with("Chấm theo tháng: mỗi tháng của kỳ được chấm riêng")),
        "{:?}",
        ranking.rule_lines
    );
}

#[test]
fn a_period_scored_by_month_can_take_the_sum_with_tiers_above_one_months_maximum() {
    // Tiers for a sum of months may start above one month's 10 points.
    let text = MONTHLY
        .replace("\"trung_binh\"", "\"tong\"")
        .replace("tu = 9.5", "tu = 25");
    let (period, months) = three_months();
    let ranking = rank_by_month(&period, &months, &rules(&text), &[]);
    // Sở A: 9 + 10 + 9 = 28 (Xuất sắc, from 25); Sở B: 10 + 9,5 = 19,5.
    let a = find(&ranking.agencies, "Sở A");
    let b = find(&ranking.agencies, "Sở B");
    assert_eq!((a.points, b.points), (Some(28.0), Some(19.5)));
    assert_eq!(a.tier.as_deref(), Some("Xuất sắc"));
    assert_eq!(
        a.working.last().map(String::as_str),
        Some("Xếp loại: Xuất sắc (điểm 28)")
    );
    assert_eq!(
        a.working[a.working.len() - 2],
        "Điểm cả kỳ: tổng 3 tháng có nhiệm vụ = 9 + 10 + 9 = 28"
    );
    // The mean keeps tiers within one month's maximum.
    let err = parse_rules(&MONTHLY.replace("tu = 9.5", "tu = 25"), "t.toml").unwrap_err();
    assert!(err.to_string().contains("xep_loai[1].tu"), "{err}");
}

#[test]
fn an_unknown_way_of_combining_months_is_refused_naming_the_choices() {
    let err = parse_rules(&MONTHLY.replace("\"trung_binh\"", "\"lon_nhat\""), "t.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("cham_theo_thang"), "{err}");
    assert!(err.contains("trung_binh") && err.contains("tong"), "{err}");
}

#[test]
fn without_cham_theo_thang_the_months_are_not_used() {
    let (period, months) = three_months();
    let ranking = rank_by_month(&period, &months, &rules(DEDUCTION), &[]);
    // The quarter's own counts: Sở A 10 − 2 × 0,5 − 1 × 1 = 8; Sở B 10 − 0,5 = 9,5.
    assert_eq!(find(&ranking.agencies, "Sở A").points, Some(8.0));
    assert_eq!(find(&ranking.agencies, "Sở B").points, Some(9.5));
}
