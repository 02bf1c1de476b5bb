//! A test report with the SPEC §1 figures done right (3.472 tasks = 3.049 on time, 279 late,
//! 128 within and 16 overdue), spread over 32 agencies in three groups so the annex table runs
//! over more than one landscape page; one agency with a long name that must wrap, one with no
//! completed task (its on-time share is "-"), the 16 overdue tasks, five coming due, a ranking
//! and a trend.

use chrono::NaiveDate;

use crate::model::{
    AgencyLine, Basis, Counts, GroupSection, LeftOut, PeriodUnit, RankedAgency, Ranking, Report,
    ReportMeta, SourceLoc, Status, TaskLine, TrendPoint,
};
use crate::period;
use crate::vn_number::Rounding;

pub const LONG_NAME: &str =
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông và nông nghiệp tỉnh";

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Splits `total` over `weights` so the parts add up exactly.
fn allocate(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u64 = weights.iter().sum();
    let mut parts: Vec<u64> = weights.iter().map(|w| total * w / sum).collect();
    let mut left = total - parts.iter().sum::<u64>();
    for part in parts
        .iter_mut()
        .zip(weights)
        .filter(|(_, w)| **w > 0)
        .map(|(p, _)| p)
    {
        if left == 0 {
            break;
        }
        *part += 1;
        left -= 1;
    }
    parts
}

const GROUPS: [(&str, &[&str]); 3] = [
    (
        "Sở, ban, ngành",
        &[
            "Sở Tài chính",
            "Sở Xây dựng",
            "Sở Nông nghiệp và Môi trường",
            "Sở Y tế",
            "Sở Giáo dục và Đào tạo",
            "Sở Nội vụ",
            "Sở Tư pháp",
            "Sở Công Thương",
            "Sở Khoa học và Công nghệ",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Dân tộc và Tôn giáo",
            "Thanh tra tỉnh",
            "Văn phòng UBND tỉnh",
            "Ban Quản lý Khu kinh tế",
            LONG_NAME,
            "Công an tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh",
            "Trung tâm Phục vụ hành chính công tỉnh",
        ],
    ),
    (
        "UBND cấp xã",
        &[
            "UBND phường Quy Nhơn",
            "UBND phường Quy Nhơn Bắc",
            "UBND xã Tuy Phước",
            "UBND xã Hoài Ân",
            "UBND xã Phù Mỹ",
            "UBND phường Bồng Sơn",
            "UBND xã Vĩnh Thạnh",
            "UBND xã Vân Canh",
            "UBND xã An Lão",
            "UBND phường Hoài Nhơn",
        ],
    ),
    (
        "Đơn vị khác",
        &[
            "Đài Phát thanh và Truyền hình tỉnh",
            "Trường Cao đẳng Kỹ thuật Công nghệ",
            "Quỹ Đầu tư phát triển tỉnh",
            "Liên minh Hợp tác xã tỉnh",
        ],
    ),
];

/// Open overdue tasks per agency (16 in all).
const OVERDUE: [(&str, u64); 6] = [
    ("Sở Tài chính", 5),
    ("Sở Xây dựng", 4),
    ("Sở Nông nghiệp và Môi trường", 3),
    ("Sở Y tế", 2),
    ("UBND phường Quy Nhơn", 1),
    ("UBND xã Tuy Phước", 1),
];

fn agencies() -> Vec<(usize, &'static str)> {
    GROUPS
        .iter()
        .enumerate()
        .flat_map(|(g, (_, names))| names.iter().map(move |n| (g, *n)))
        .collect()
}

fn task(
    agency: &str,
    i: usize,
    deadline: NaiveDate,
    status: Status,
    days: Option<i64>,
) -> TaskLine {
    TaskLine {
        agency: agency.into(),
        task_id: None,
        doc_number: Some(format!("{}/UBND-KT", 1313 + i).into()),
        doc_date: Some(d(2025, 1, 3)),
        summary: Some(
            format!(
                "Tham mưu UBND tỉnh triển khai thực hiện Nghị quyết số 57-NQ/TW về đột phá phát \
             triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, nội dung số {}",
                i + 1
            )
            .into(),
        ),
        leader: Some("Phó Chủ tịch Nguyễn Văn Ấn".into()),
        assigned: Some(d(2025, 1, 3)),
        deadline_used: Some(deadline),
        completed: None,
        status,
        days_overdue: days.filter(|_| status == Status::Overdue),
        days_left: days.filter(|_| status == Status::Within),
        stale: None,
        officer: None,
        is_key: false,
        source: SourceLoc {
            file: "nhiem_vu.xlsx".into(),
            sheet: Some("Danh sách".into()),
            row: 5 + i,
        },
    }
}

pub fn report() -> Report {
    let list = agencies();
    let no_completion = "Trung tâm Phục vụ hành chính công tỉnh";
    let weights: Vec<u64> = (0..list.len())
        .map(|i| {
            if list[i].1 == no_completion {
                0
            } else {
                (i as u64 * 7) % 11 + 3
            }
        })
        .collect();
    let on_time = allocate(3049, &weights);
    // Late tasks spread unevenly, so the on-time shares differ from agency to agency.
    let late_weights: Vec<u64> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| if *w == 0 { 0 } else { (i as u64 * 5) % 9 + 1 })
        .collect();
    let late = allocate(279, &late_weights);
    let mut within_weights = weights.clone();
    if let Some(pos) = list.iter().position(|(_, n)| *n == no_completion) {
        within_weights[pos] = 4;
    }
    let within = allocate(128, &within_weights);

    let mut sections: Vec<GroupSection> = GROUPS
        .iter()
        .map(|(name, _)| GroupSection {
            name: name.to_string(),
            agencies: Vec::new(),
            subtotal: Counts::default(),
            previous: None,
        })
        .collect();
    for (i, (g, name)) in list.iter().enumerate() {
        let overdue = OVERDUE
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, k)| *k);
        let counts = Counts::from_parts(on_time[i], late[i], within[i], overdue, 0);
        let section = &mut sections[*g];
        section.subtotal = section.subtotal.plus(&counts);
        section.agencies.push(AgencyLine {
            name: name.to_string(),
            bloc: None,
            counts,
            overdue_age: Default::default(),
            previous: None,
            note: if *name == "Sở Xây dựng" {
                "gồm: Sở Xây dựng, Sở Giao thông vận tải".to_string()
            } else {
                String::new()
            },
        });
    }
    let total = sections
        .iter()
        .fold(Counts::default(), |acc, s| acc.plus(&s.subtotal));

    let cut_off = d(2025, 2, 21);
    let mut overdue = Vec::new();
    for (agency, k) in OVERDUE {
        for j in 0..k {
            let days = 10 + 7 * j as i64;
            overdue.push(task(
                agency,
                overdue.len(),
                cut_off - chrono::Duration::days(days),
                Status::Overdue,
                Some(days),
            ));
        }
    }
    overdue.sort_by_key(|t| std::cmp::Reverse(t.days_overdue));
    let due_soon = (0..5)
        .map(|i| {
            task(
                ["Sở Y tế", LONG_NAME, "UBND xã Hoài Ân"][i % 3],
                100 + i,
                cut_off + chrono::Duration::days(3 + 5 * i as i64),
                Status::Within,
                Some(3 + 5 * i as i64),
            )
        })
        .collect();

    let period = period::parse("2025", Some(cut_off)).unwrap();
    let previous = period::same_period_last_year(&period);
    Report {
        meta: ReportMeta {
            issuer: "UBND tỉnh Bình An".to_string(),
            issuer_sub: "Văn phòng".to_string(),
            place: "Bình An".to_string(),
            report_date: d(2025, 2, 24),
            period,
            previous: Some(previous),
            basis: Basis::Assigned,
            rounding: Rounding::Round,
        },
        sections,
        total,
        previous_total: Some(Counts::from_parts(2400, 300, 100, 23, 0)),
        overdue,
        due_soon,
        stale: vec![],
        not_updated_days: 30,
        overdue_age: Default::default(),
        details: vec![],
        by_officer: Default::default(),
        findings: vec![],
        left_out: LeftOut {
            excluded: 1,
            cancelled: 2,
            duplicates_merged: 3,
        },
        ranking: Some(ranking()),
        trend: Some(trend()),
        coverage: Default::default(),
        warnings: vec![],
        comparison_withheld: None,
    }
}

fn ranking() -> Ranking {
    let ranked =
        |name: &str, bloc: &str, points: Option<f64>, tier: Option<&str>, rb, rp| RankedAgency {
            name: name.to_string(),
            bloc: Some(bloc.to_string()),
            counts: None,
            points,
            tier: tier.map(str::to_string),
            rank_in_bloc: rb,
            rank_in_province: rp,
            working: vec![],
            note: String::new(),
        };
    Ranking {
        rule_name: "Bộ tiêu chí mặc định (100 điểm)".to_string(),
        rule_lines: vec![
            "Điểm tối đa 100; trừ 0,5 điểm mỗi nhiệm vụ hoàn thành quá hạn".to_string(),
            "Trừ 2 điểm mỗi nhiệm vụ chưa hoàn thành quá hạn; thấp nhất 0 điểm".to_string(),
        ],
        agencies: vec![
            ranked(
                "Sở Y tế",
                "Khối Văn hóa - Xã hội",
                Some(95.5),
                Some("Hoàn thành xuất sắc"),
                Some(1),
                Some(1),
            ),
            ranked(
                "Sở Tài chính",
                "Khối Kinh tế",
                Some(82.0),
                Some("Hoàn thành tốt"),
                Some(1),
                Some(2),
            ),
            ranked(
                "Sở Xây dựng",
                "Khối Kinh tế",
                Some(64.5),
                Some("Hoàn thành"),
                Some(2),
                Some(3),
            ),
            ranked(
                "Đài Phát thanh và Truyền hình tỉnh",
                "Khối Văn hóa - Xã hội",
                None,
                None,
                None,
                None,
            ),
        ],
        unranked: Vec::new(),
    }
}

fn trend() -> Vec<TrendPoint> {
    let figures: [(i32, u64, u64, u64, u64); 4] = [
        (2022, 2100, 260, 150, 40),
        (2023, 2400, 280, 120, 30),
        (2024, 2700, 290, 110, 21),
        (2025, 3049, 279, 128, 16),
    ];
    figures
        .iter()
        .map(|(year, on_time, late, within, overdue)| TrendPoint {
            period: crate::model::Period {
                label: year.to_string(),
                unit: PeriodUnit::Year,
                start: d(*year, 1, 1),
                end: d(*year, 12, 31),
                as_of: None,
            },
            total: Counts::from_parts(*on_time, *late, *within, *overdue, 0),
            rows: vec![],
            is_covered: true,
        })
        .collect()
}
