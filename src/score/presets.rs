//! The built-in rule sets (`presets/*.toml`, compiled in) and the Vietnamese description of
//! any rule set, printed above or under a ranking.

use super::points_text;
use super::rule_file::parse_rules;
use super::rules::{
    Bands, ByMonth, CapBase, CapScope, Deduction, DeductionUnit, KeyTasks, Method, RuleSet,
    band_range,
};

/// The preset used when no rule file is given.
pub const DEFAULT_PRESET: &str = "khau-tru";

const PRESETS: [(&str, &str); 4] = [
    ("khau-tru", include_str!("../../presets/khau-tru.toml")),
    ("nd335-2025", include_str!("../../presets/nd335-2025.toml")),
    (
        "dak-nong-2018",
        include_str!("../../presets/dak-nong-2018.toml"),
    ),
    (
        "thua-thien-hue-2019",
        include_str!("../../presets/thua-thien-hue-2019.toml"),
    ),
];

/// The names `preset` knows, default first.
pub fn preset_names() -> &'static [&'static str] {
    &[
        "khau-tru",
        "nd335-2025",
        "dak-nong-2018",
        "thua-thien-hue-2019",
    ]
}

/// A built-in rule set by name (`nd335-2025`, …; a trailing `.toml` is accepted).
pub fn preset(name: &str) -> Option<RuleSet> {
    let name = name.trim();
    let name = name.strip_suffix(".toml").unwrap_or(name);
    let (file, text) = PRESETS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    parse_rules(text, &format!("{file}.toml")).ok()
}

/// The built-in default rule set (`khau-tru`).
pub fn default_rules() -> RuleSet {
    // The presets are compiled in and a unit test parses every one of them.
    preset(DEFAULT_PRESET).expect("the built-in default preset parses")
}

impl RuleSet {
    /// The rules in Vietnamese sentences, printed above or under a ranking.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("Quy tắc chấm điểm: {}", self.name)];
        if let Some(source) = &self.source {
            lines.push(format!("Căn cứ: {source}"));
        }
        if let Some(text) = &self.description {
            lines.push(text.clone());
        }
        lines.push(format!(
            "Điểm tối đa của tiêu chí: {}",
            points_text(self.max_points)
        ));
        match self.key_tasks {
            KeyTasks::All => {}
            KeyTasks::Only => lines.push("Chỉ chấm trên các nhiệm vụ trọng tâm".to_string()),
            KeyTasks::Weighted(k) => {
                lines.push(format!("Nhiệm vụ trọng tâm tính hệ số {}", points_text(k)))
            }
        }
        match &self.method {
            Method::Deduction(d) => self.deduction_lines(d, &mut lines),
            Method::Bands(b) => band_lines(b, &mut lines),
        }
        if let Some(b) = &self.bonus {
            lines.push(format!(
                "Cộng {} điểm khi không có nhiệm vụ hoàn thành quá hạn hoặc quá hạn chưa hoàn thành; điểm sau khi cộng không vượt quá {}",
                points_text(b.points),
                points_text(b.ceiling)
            ));
        }
        if let Some(how) = self.by_month {
            let combined = match how {
                ByMonth::Mean => "trung bình cộng",
                ByMonth::Sum => "tổng",
            };
            lines.push(format!(
                "Chấm theo tháng: mỗi tháng của kỳ được chấm riêng theo các quy tắc trên, trên các nhiệm vụ của tháng đó (giao trong tháng; đến hạn trong tháng khi tính theo hạn xử lý), tính đến hết tháng (tháng có ngày chốt số liệu tính đến ngày chốt); điểm cả kỳ là {combined} điểm các tháng có nhiệm vụ (làm tròn đến hai chữ số thập phân); xếp loại theo điểm cả kỳ"
            ));
        }
        self.tier_lines(&mut lines);
        lines.push(
            "Điểm tính đến hai chữ số thập phân (mỗi dòng tính điểm làm tròn trước khi cộng trừ); xếp hạng theo điểm đó, bằng điểm thì đồng hạng".to_string(),
        );
        lines.push(
            "Cơ quan không có nhiệm vụ ghi «không có nhiệm vụ» và không xếp hạng, trừ khi có điểm do cơ quan thi đua chấm thủ công".to_string(),
        );
        lines
    }

    fn deduction_lines(&self, d: &Deduction, lines: &mut Vec<String>) {
        match d.unit {
            DeductionUnit::Points => {
                lines.push(format!(
                    "Trừ {} điểm cho mỗi nhiệm vụ hoàn thành quá hạn",
                    points_text(d.late)
                ));
                lines.push(format!(
                    "Trừ {} điểm cho mỗi nhiệm vụ chưa hoàn thành đã quá hạn tại thời điểm chốt số liệu",
                    points_text(d.overdue)
                ));
            }
            DeductionUnit::PercentOfTaskValue => {
                lines.push(format!(
                    "Giá trị một nhiệm vụ = {} / tổng số nhiệm vụ được chấm",
                    points_text(self.max_points)
                ));
                lines.push(format!(
                    "Mỗi nhiệm vụ hoàn thành quá hạn bị trừ {}% giá trị một nhiệm vụ",
                    points_text(d.late)
                ));
                lines.push(format!(
                    "Mỗi nhiệm vụ chưa hoàn thành đã quá hạn tại thời điểm chốt số liệu bị trừ {}% giá trị một nhiệm vụ",
                    points_text(d.overdue)
                ));
            }
        }
        lines.push("Điểm không thấp hơn 0".to_string());
    }

    fn tier_lines(&self, lines: &mut Vec<String>) {
        for (i, tier) in self.tiers.iter().enumerate() {
            let above = i.checked_sub(1).and_then(|j| self.tiers.get(j));
            let text = match (above, tier.from_points > 0.0) {
                (None, _) => format!("từ {} điểm trở lên", points_text(tier.from_points)),
                (Some(up), true) => format!(
                    "từ {} đến dưới {} điểm",
                    points_text(tier.from_points),
                    points_text(up.from_points)
                ),
                (Some(up), false) => format!("dưới {} điểm", points_text(up.from_points)),
            };
            lines.push(format!("Xếp loại «{}»: {text}", tier.name));
        }
        if let (Some(cap), Some(top)) = (&self.top_cap, self.tiers.first()) {
            let base = match cap.base {
                CapBase::Rated => "số cơ quan được chấm điểm",
                CapBase::SecondTierOrAbove => "số cơ quan đạt điểm xếp loại thứ hai trở lên",
            };
            let scope = match cap.scope {
                CapScope::Province => "toàn tỉnh",
                CapScope::Bloc => "trong từng khối thi đua",
            };
            lines.push(format!(
                "Số cơ quan xếp loại «{}» không vượt quá {}% {base} ({scope}, làm tròn xuống); cơ quan vượt giới hạn (điểm thấp trước, các cơ quan bằng điểm tại ngưỡng cùng bị hạ) xếp loại kế tiếp",
                top.name,
                points_text(cap.percent)
            ));
        }
    }
}

fn band_lines(b: &Bands, lines: &mut Vec<String>) {
    lines.push(format!(
        "Điểm theo {} (làm tròn một chữ số thập phân như hiển thị):",
        lowercase_first(b.rate.label())
    ));
    for (i, band) in b.bands.iter().enumerate() {
        let above = i.checked_sub(1).and_then(|j| b.bands.get(j));
        lines.push(format!(
            "  {}: {} điểm",
            band_range(band, above),
            points_text(band.points)
        ));
    }
    if let Some(lowest) = b.bands.last().filter(|l| l.from_percent > 0.0) {
        lines.push(format!(
            "  dưới {}%: 0 điểm",
            points_text(lowest.from_percent)
        ));
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
