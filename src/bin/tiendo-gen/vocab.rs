//! Words of a provincial People's Committee: what tasks say, who assigns them, who follows them
//! up, and how directive documents are numbered (`1313/UBND-KT`, `45/TB-UBND` …).

use chrono::NaiveDate;

use crate::rng::SplitMix64;

pub const LEADERS: &[&str] = &[
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Thường trực UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng",
    "Phó Chủ tịch UBND tỉnh Trần Thị Mai",
    "Phó Chủ tịch UBND tỉnh Lê Quang Minh",
    "UBND tỉnh",
];
const LEADER_WEIGHTS: &[f64] = &[2.0, 2.5, 2.0, 1.5, 1.5, 1.0];

pub const OFFICERS: &[&str] = &[
    "Nguyễn Thị Lan",
    "Trần Văn Bình",
    "Lê Thị Hồng",
    "Phạm Minh Tuấn",
    "Hoàng Thị Thu",
    "Võ Đức Anh",
    "Đặng Ngọc Hà",
];

pub fn leader(rng: &mut SplitMix64) -> &'static str {
    LEADERS[rng.weighted(LEADER_WEIGHTS)]
}

/// The kinds of directive document and how they are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocKind {
    /// Công văn: `1313/UBND-KT`.
    Letter,
    /// Thông báo kết luận: `45/TB-UBND`.
    Notice,
    /// Kế hoạch: `215/KH-UBND`.
    Plan,
    /// Chỉ thị: `12/CT-UBND`.
    Directive,
    /// Quyết định: `2104/QĐ-UBND`.
    Decision,
    /// Thông báo of the Office (hand sheet only): `88/TB-VPUB`.
    OfficeNotice,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [
        DocKind::Letter,
        DocKind::Notice,
        DocKind::Plan,
        DocKind::Directive,
        DocKind::Decision,
    ];
    pub const WEIGHTS: [f64; 5] = [50.0, 25.0, 10.0, 5.0, 10.0];

    /// Tasks one document of this kind assigns (a conclusion notice assigns several).
    pub fn tasks_per_doc(self, rng: &mut SplitMix64) -> usize {
        match self {
            DocKind::Letter | DocKind::Decision => rng.between(1, 2) as usize,
            DocKind::Notice | DocKind::OfficeNotice => rng.between(2, 5) as usize,
            DocKind::Plan | DocKind::Directive => rng.between(2, 4) as usize,
        }
    }

    /// Average gap between numbers of consecutive task-carrying documents of this kind.
    pub fn number_gap(self) -> i64 {
        match self {
            DocKind::Letter => 9,
            DocKind::Decision => 7,
            DocKind::Notice | DocKind::OfficeNotice => 3,
            DocKind::Plan => 2,
            DocKind::Directive => 1,
        }
    }

    pub fn number(self, n: i64, rng: &mut SplitMix64) -> String {
        match self {
            DocKind::Letter => {
                let unit = rng.pick(&["KT", "TH", "VX", "NC", "KTN", "XD", "KSTT"]);
                format!("{n}/UBND-{unit}")
            }
            DocKind::Notice => format!("{n}/TB-UBND"),
            DocKind::Plan => format!("{n}/KH-UBND"),
            DocKind::Directive => format!("{n}/CT-UBND"),
            DocKind::Decision => format!("{n}/QĐ-UBND"),
            DocKind::OfficeNotice => format!("{n}/TB-VPUB"),
        }
    }
}

const PROGRAMS: &[&str] = &[
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử",
    "Chương trình chuyển đổi số tỉnh Bình An",
    "Kế hoạch cải cách hành chính nhà nước",
    "Chương trình phát triển nhà ở xã hội",
    "phong trào thi đua chung tay xóa nhà tạm, nhà dột nát",
    "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Chương trình phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
    "Kế hoạch phát triển du lịch bền vững",
    "Chương trình mỗi xã một sản phẩm (OCOP)",
    "Kế hoạch nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
];

const TOPICS: &[&str] = &[
    "công tác giải phóng mặt bằng dự án đường ven biển",
    "tiến độ giải ngân vốn đầu tư công",
    "công tác thu ngân sách nhà nước",
    "việc quản lý, sử dụng đất công",
    "hoạt động khai thác khoáng sản làm vật liệu xây dựng thông thường",
    "tình hình sản xuất vụ Đông Xuân",
    "công tác phòng, chống bệnh dịch tả lợn châu Phi",
    "công tác bảo đảm an toàn thực phẩm",
    "công tác tuyển sinh đầu cấp",
    "cơ sở vật chất trường học",
    "công tác khám, chữa bệnh bảo hiểm y tế",
    "hoạt động du lịch dịp lễ, Tết",
    "trật tự an toàn giao thông trên các tuyến quốc lộ",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "việc sắp xếp lại, xử lý nhà, đất",
    "tình hình đầu tư hạ tầng các cụm công nghiệp",
    "việc giải quyết thủ tục hành chính trên Cổng dịch vụ công",
    "chuyển đổi số trong cơ quan nhà nước",
    "việc cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "công tác quản lý, bảo vệ và phát triển rừng",
    "tình hình lao động, việc làm",
    "việc thực hiện chính sách đối với người có công",
    "kiên cố hóa kênh mương nội đồng",
    "chất lượng nước sinh hoạt nông thôn",
    "ô nhiễm môi trường tại các làng nghề",
    "đầu tư hạ tầng Khu kinh tế Nam Bình An",
    "quản lý giá vật liệu xây dựng",
    "công tác phòng cháy, chữa cháy tại khu dân cư",
    "tình hình thực hiện các dự án sử dụng vốn ODA",
    "công tác quản lý thị trường, chống buôn lậu, gian lận thương mại",
    "công tác chuẩn bị kỳ thi tốt nghiệp trung học phổ thông",
    "việc cung ứng thuốc, vật tư y tế tại các cơ sở khám chữa bệnh",
];

const PROJECTS: &[&str] = &[
    "dự án Đường ven biển đoạn qua huyện Tân Hòa",
    "dự án Nâng cấp, mở rộng Bệnh viện Đa khoa tỉnh",
    "dự án Khu dân cư phía Đông thành phố Bình An",
    "dự án Hồ chứa nước Suối Tre",
    "dự án Trung tâm Phục vụ hành chính công tỉnh",
    "dự án Cầu Bình An 2",
    "dự án Kè chống sạt lở bờ sông Cái",
    "dự án Cụm công nghiệp Vĩnh Lạc",
    "dự án Trường Trung học phổ thông chuyên Bình An (giai đoạn 2)",
    "dự án Khu tái định cư Phú Khánh",
    "dự án Đường tỉnh 642 đoạn Thạnh Lộc - Sơn Định",
    "dự án Nhà máy xử lý chất thải rắn Đức Xuyên",
];

const ISSUES: &[&str] = &[
    "tình trạng lấn chiếm đất công",
    "các vi phạm trật tự xây dựng",
    "tình trạng khai thác cát trái phép trên sông Cái",
    "các điểm ngập úng cục bộ trong mùa mưa",
    "những tồn tại trong công tác quản lý chợ",
    "các vướng mắc về bồi thường, hỗ trợ, tái định cư",
    "nội dung báo chí phản ánh về ô nhiễm môi trường",
    "tình trạng tồn đọng hồ sơ đất đai",
    "kiến nghị của cử tri về chậm chi trả tiền bồi thường",
    "tình trạng xe quá tải trọng lưu thông trên đường tỉnh",
];

const PLACES: &[&str] = &[
    "trên địa bàn tỉnh",
    "tại thành phố Bình An",
    "tại huyện Tân Hòa",
    "tại thị xã An Phước",
    "tại Khu kinh tế Nam Bình An",
    "ở các địa phương ven biển",
    "tại các xã miền núi",
];

const POLICIES: &[&str] = &[
    "mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi",
    "chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa",
    "mức thu phí tham quan danh lam thắng cảnh",
    "chính sách thu hút nguồn nhân lực chất lượng cao",
    "mức chi hỗ trợ cán bộ làm công tác chuyển đổi số",
    "danh mục dự án cần thu hồi đất",
];

const TAILS: &[&str] = &[
    "; báo cáo UBND tỉnh trước ngày {date}",
    ", báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh) để theo dõi, chỉ đạo",
    "; định kỳ hằng tháng báo cáo UBND tỉnh",
    ", bảo đảm đúng quy định của pháp luật",
    "; tham mưu UBND tỉnh xử lý các nội dung vượt thẩm quyền",
    ", hoàn thành trước ngày {date}",
    "; kịp thời báo cáo, đề xuất những vấn đề phát sinh",
];

const SUB_ITEMS: &[&str] = &[
    "Rà soát, tổng hợp số liệu, đánh giá kết quả đạt được",
    "Xác định rõ nguyên nhân chậm tiến độ, trách nhiệm của tổ chức, cá nhân liên quan",
    "Đề xuất giải pháp cụ thể, khả thi cho thời gian tới",
    "Chủ động phối hợp với các đơn vị liên quan tổ chức thực hiện",
    "Tổng hợp báo cáo UBND tỉnh kết quả thực hiện",
];

fn fill(template: &str, rng: &mut SplitMix64, year: i32, deadline_hint: NaiveDate) -> String {
    let kl = rng.between(12, 480);
    template
        .replace("{program}", rng.pick(PROGRAMS))
        .replace("{topic}", rng.pick(TOPICS))
        .replace("{project}", rng.pick(PROJECTS))
        .replace("{issue}", rng.pick(ISSUES))
        .replace("{place}", rng.pick(PLACES))
        .replace("{policy}", rng.pick(POLICIES))
        .replace("{year}", &year.to_string())
        .replace("{kl}", &kl.to_string())
        .replace("{date}", &deadline_hint.format("%d/%m/%Y").to_string())
}

const OPENINGS: &[&str] = &[
    "Tham mưu UBND tỉnh ban hành kế hoạch triển khai {program} năm {year}",
    "Chủ trì, phối hợp với các sở, ngành, địa phương liên quan rà soát, đánh giá {topic} {place}",
    "Khẩn trương hoàn thiện hồ sơ {project}, trình UBND tỉnh xem xét, phê duyệt",
    "Tổ chức kiểm tra, xử lý dứt điểm {issue} {place}",
    "Nghiên cứu, đề xuất giải pháp tháo gỡ khó khăn, vướng mắc trong {topic}",
    "Triển khai thực hiện Kết luận số {kl}-KL/TU của Ban Thường vụ Tỉnh ủy về {topic}",
    "Xây dựng dự thảo Nghị quyết của HĐND tỉnh quy định {policy}, trình UBND tỉnh",
    "Tăng cường công tác {topic} {place}",
    "Báo cáo tình hình, kết quả thực hiện {program} năm {year}",
    "Tiếp thu ý kiến góp ý, hoàn chỉnh dự thảo Quyết định của UBND tỉnh về {policy}",
    "Đôn đốc các chủ đầu tư đẩy nhanh tiến độ {project}",
    "Phối hợp với các địa phương giải quyết {issue}",
    "Chỉ đạo các đơn vị trực thuộc thực hiện nghiêm {program} {place}",
];

/// A task content (nội dung nhiệm vụ) of `min..=max` characters; with `allow_list` some
/// contents are a lead sentence followed by dash items on their own lines.
pub fn content(
    rng: &mut SplitMix64,
    year: i32,
    deadline_hint: NaiveDate,
    (min, max): (usize, usize),
    allow_list: bool,
) -> String {
    let mut best = String::new();
    for _ in 0..12 {
        let mut text = fill(rng.pick(OPENINGS), rng, year, deadline_hint);
        if allow_list && rng.chance(0.06) {
            text.push_str(", cụ thể:");
            let first = rng.below(SUB_ITEMS.len() as u64) as usize;
            let second =
                (first + 1 + rng.below(SUB_ITEMS.len() as u64 - 1) as usize) % SUB_ITEMS.len();
            text = format!("{text}\n- {};\n- {}.", SUB_ITEMS[first], SUB_ITEMS[second]);
        } else {
            while text.chars().count() < min {
                text.push_str(&fill(rng.pick(TAILS), rng, year, deadline_hint));
            }
            if rng.chance(0.5) {
                let with_tail =
                    format!("{text}{}", fill(rng.pick(TAILS), rng, year, deadline_hint));
                if with_tail.chars().count() <= max {
                    text = with_tail;
                }
            }
            text.push('.');
        }
        let n = text.chars().count();
        if (min..=max).contains(&n) {
            return text;
        }
        best = text;
    }
    // Rare: every draw missed the range; cut at a word boundary below `max`.
    let mut cut: String = best.chars().take(max.saturating_sub(1)).collect();
    if let Some(pos) = cut.rfind(' ') {
        cut.truncate(pos);
    }
    cut.push('.');
    cut
}
