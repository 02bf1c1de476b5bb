//! The emulation ranking of the sample province for 2025 (cut-off 31/12/2025) under the
//! built-in rule set `khau-tru`, worked out by hand from the generator's ground truth
//! (sample-data/expected.json, entry "2025"), not from tiendo's output.
//!
//! Rule: 10 points − 0,5 per task completed late − 1 per task overdue at the cut-off, floor 0;
//! +1 (up to 11) when at least one task was completed on time and none was late or overdue.
//! Tiers: ≥ 9 xuất sắc, ≥ 7 tốt, ≥ 5 hoàn thành, below: không hoàn thành.

use crate::harness::assert_same;
use crate::harness::{fixture_in, tiendo};
use serde_json::Value;

/// `tiendo rank` of the sample data for 2025, with `format` options, as it succeeded.
fn rank_sample(format: &[&str]) -> crate::harness::Run {
    let data = |f: &str| fixture_in("sample-data", f);
    let (tasks, hand, agencies) = (
        data("ioffice-2021-2025.xlsx"),
        data("so-theo-doi-tay.csv"),
        data("danh-muc-co-quan.xlsx"),
    );
    let mut args = vec![
        "rank",
        &tasks,
        &hand,
        "--agencies",
        &agencies,
        "--period",
        "2025",
    ];
    args.extend(format);
    args.push("--quiet");
    tiendo(&args).ok()
}

fn ranking() -> Value {
    rank_sample(&["--format", "json"]).json()
}

/// (name, points, rank in bloc, rank in province).
type Ranked = (String, Option<f64>, Option<u64>, Option<u64>);

/// The agencies of one bloc, in output order.
fn bloc(r: &Value, name: &str) -> Vec<Ranked> {
    r["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["bloc"] == name)
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["points"].as_f64(),
                a["rank_in_bloc"].as_u64(),
                a["rank_in_province"].as_u64(),
            )
        })
        .collect()
}

fn row(
    name: &str,
    points: f64,
    in_bloc: u64,
    in_province: u64,
) -> (String, Option<f64>, Option<u64>, Option<u64>) {
    (
        name.to_string(),
        Some(points),
        Some(in_bloc),
        Some(in_province),
    )
}

#[test]
fn sample_ranking_matches_the_hand_worked_scores() {
    let r = ranking();
    // Province: 11 points — Văn phòng UBND tỉnh (29 on time, none late/overdue), UBND huyện
    // Sơn Định (12 on time), Trường Cao đẳng Bình An (7 on time) → rank 1 (three-way tie).
    // 9,5 points — Công an tỉnh, UBND thị xã An Phước, UBND huyện Đức Xuyên, UBND xã Tân Hòa,
    // UBND xã Vĩnh Lạc, Ban Dân tộc (1 late each) → rank 4 (six-way tie after three).
    //
    // Khối nội chính: Công an tỉnh 1 late → 9,5; Thanh tra tỉnh 2 late → 9; Sở Tư pháp 1 late
    // + 1 overdue → 8,5; Bộ Chỉ huy Quân sự tỉnh 1 late + 1 overdue → 8,5 (tie: rank 3, 3).
    // Thanh tra tỉnh (9): ahead of it in the province are the three 11s and the six 9,5s, and
    // UBND huyện Phú Khánh, UBND phường Bình An are 9 too → rank 10.
    assert_same!(
        bloc(&r, "Khối nội chính"),
        vec![
            row("Công an tỉnh", 9.5, 1, 4),
            row("Thanh tra tỉnh", 9.0, 2, 10),
            row("Sở Tư pháp", 8.5, 3, 13),
            row("Bộ Chỉ huy Quân sự tỉnh", 8.5, 3, 13),
        ]
    );
    // Khối các huyện (dissolved 01/07/2025, still scored on the tasks they had):
    // Sơn Định 0 late 0 overdue → 10 + 1 = 11; An Phước, Đức Xuyên 1 late → 9,5; Phú Khánh
    // 1 overdue → 9; Hòa Thuận, Thạnh Lộc 3 late → 8,5; Vĩnh Lạc 3 late + 1 overdue → 7,5;
    // Tân Hòa 2 late + 2 overdue → 7; Bình An 1 late + 3 overdue → 6,5.
    let districts: Vec<(String, Option<f64>, Option<u64>)> =
        bloc(&r, "Khối các huyện, thị xã, thành phố")
            .into_iter()
            .map(|(n, p, b, _)| (n, p, b))
            .collect();
    let d = |n: &str, p: f64, b: u64| (n.to_string(), Some(p), Some(b));
    assert_same!(
        districts,
        vec![
            d("UBND huyện Sơn Định", 11.0, 1),
            d("UBND thị xã An Phước", 9.5, 2),
            d("UBND huyện Đức Xuyên", 9.5, 2),
            d("UBND huyện Phú Khánh", 9.0, 4),
            d("UBND huyện Hòa Thuận", 8.5, 5),
            d("UBND huyện Thạnh Lộc", 8.5, 5),
            d("UBND huyện Vĩnh Lạc", 7.5, 7),
            d("UBND huyện Tân Hòa", 7.0, 8),
            d("UBND thành phố Bình An", 6.5, 9),
        ]
    );
}

#[test]
fn bloc_member_without_tasks_is_shown_but_not_ranked() {
    let r = ranking();
    // Khối văn hóa - xã hội: Trường Cao đẳng 7 on time → 11; Ban Dân tộc 1 late → 9,5;
    // Sở VHTTDL 4 late → 8; Sở GD&ĐT 7 late + 2 overdue → 4,5; Sở Y tế 3 late + 5 overdue → 3,5;
    // Đài Phát thanh và Truyền hình tỉnh receives no tasks: "không có nhiệm vụ", no rank.
    // Sở Lao động - TB&XH merged into Sở Nội vụ (another bloc) on 01/03/2025: not listed.
    let culture = bloc(&r, "Khối văn hóa - xã hội");
    let names: Vec<&str> = culture.iter().map(|a| a.0.as_str()).collect();
    assert_same!(
        names,
        [
            "Trường Cao đẳng Bình An",
            "Ban Dân tộc",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Giáo dục và Đào tạo",
            "Sở Y tế",
            "Đài Phát thanh và Truyền hình tỉnh"
        ]
    );
    let points: Vec<Option<f64>> = culture.iter().map(|a| a.1).collect();
    assert_same!(
        points,
        [Some(11.0), Some(9.5), Some(8.0), Some(4.5), Some(3.5), None]
    );
    let radio = r["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Đài Phát thanh và Truyền hình tỉnh")
        .unwrap();
    assert_same!(radio["note"], "không có nhiệm vụ");
    assert!(radio["rank_in_bloc"].is_null() && radio["rank_in_province"].is_null());
    // Tiers: 4,5 and 3,5 are below 5.
    let health = r["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Sở Y tế")
        .unwrap();
    assert_same!(health["tier"], "Không hoàn thành nhiệm vụ");
    let working = health["working"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        working.contains("Trừ quá hạn chưa hoàn thành: 5 × 1 = 5"),
        "{working}"
    );
}

/// The text ranking opens with its title and names the rule set once, on the line that begins
/// its explanation (the built-in default here); the explanation is indented under it.
#[test]
fn the_text_ranking_names_its_rule_once() {
    let text = rank_sample(&[]).stdout();
    let head: Vec<&str> = text.lines().take(3).collect();
    assert_same!(
        head,
        [
            "XẾP HẠNG THI ĐUA — tiêu chí thực hiện nhiệm vụ năm 2025",
            "Quy tắc chấm điểm: Khấu trừ theo nhiệm vụ trễ hạn (mặc định)",
            "  Căn cứ: Theo cách chấm phổ biến của tiêu chí «thực hiện nhiệm vụ UBND tỉnh giao» trong bộ tiêu chí thi đua các sở, ngành cấp tỉnh; mức điểm cụ thể do tiendo giả định",
        ]
    );
    assert_eq!(text.matches("Khấu trừ theo nhiệm vụ trễ hạn").count(), 1);
}
