//! The fictional province's agency directory (danh mục cơ quan, SPEC 3.2): who exists, under
//! which names, in which group and emulation bloc (khối thi đua), who merged into whom in 2025,
//! and — known only to the generator — when each agency can receive tasks.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use crate::fixed_properties;

/// Day the provincial departments merged (SPEC 4.6).
pub fn merger_day() -> NaiveDate {
    ymd(2025, 3, 1)
}

/// Day the district level (UBND cấp huyện) ended and the new communes started.
pub fn district_end_day() -> NaiveDate {
    ymd(2025, 7, 1)
}

/// A date from constants known to be valid.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub const GROUP_DEPARTMENTS: &str = "Sở, ban, ngành";
pub const GROUP_DISTRICTS: &str = "UBND cấp huyện";
pub const GROUP_COMMUNES: &str = "UBND cấp xã";
pub const GROUP_OTHERS: &str = "Đơn vị khác";

const BLOC_GENERAL: &str = "Khối các cơ quan tổng hợp";
const BLOC_ECONOMY: &str = "Khối kinh tế - kỹ thuật";
const BLOC_SOCIAL: &str = "Khối văn hóa - xã hội";
const BLOC_DISTRICTS: &str = "Khối các huyện, thị xã, thành phố";
const BLOC_COMMUNES: &str = "Khối các xã, phường";
const BLOC_INTERNAL: &str = "Khối nội chính";

/// When an agency can be given tasks (latent: not a column of the directory).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Active {
    Always,
    /// Until the day before the given day (merged departments, dissolved districts).
    Before(NaiveDate),
    /// From the given day on (new departments and communes).
    From(NaiveDate),
    /// Receives no tasks at all (radio-TV station, statistics office).
    Never,
}

#[derive(Clone, Debug)]
pub struct Agency {
    pub code: &'static str,
    pub name: &'static str,
    pub group: &'static str,
    pub bloc: &'static str,
    pub aliases: &'static [&'static str],
    /// Code of the successor (sáp nhập vào).
    pub merged_into: Option<&'static str>,
    /// The directory's `Từ ngày`: merger day, or the day a district ended.
    pub since: Option<NaiveDate>,
    pub active: Active,
    /// Relative share of the tasks it receives while active.
    pub weight: f64,
}

impl Agency {
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        match self.active {
            Active::Always => true,
            Active::Before(end) => day < end,
            Active::From(start) => day >= start,
            Active::Never => false,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn agency(
    code: &'static str,
    name: &'static str,
    group: &'static str,
    bloc: &'static str,
    aliases: &'static [&'static str],
    merged_into: Option<&'static str>,
    active: Active,
    weight: f64,
) -> Agency {
    let since = match (merged_into, active, group) {
        (Some(_), _, _) => Some(merger_day()),
        (None, _, GROUP_DISTRICTS) => Some(district_end_day()),
        _ => None,
    };
    Agency {
        code,
        name,
        group,
        bloc,
        aliases,
        merged_into,
        since,
        active,
        weight,
    }
}

/// The directory of tỉnh Bình An, in report order.
#[rustfmt::skip]
pub fn province() -> Vec<Agency> {
    let merged = Active::Before(merger_day());
    let new_dept = Active::From(merger_day());
    let district = Active::Before(district_end_day());
    let commune = Active::From(district_end_day());
    let a = Active::Always;
    let (d, h, x, o) = (GROUP_DEPARTMENTS, GROUP_DISTRICTS, GROUP_COMMUNES, GROUP_OTHERS);
    vec![
        agency("VPUB", "Văn phòng UBND tỉnh", d, BLOC_GENERAL, &["VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VPUBND tỉnh"], None, a, 1.5),
        agency("SNV", "Sở Nội vụ", d, BLOC_GENERAL, &["SNV", "Sở NV"], None, a, 3.0),
        agency("STP", "Sở Tư pháp", d, BLOC_INTERNAL, &["STP", "Sở TP"], None, a, 2.0),
        agency("STC", "Sở Tài chính", d, BLOC_GENERAL, &["STC", "Sở TC"], None, a, 4.0),
        agency("SKHDT", "Sở Kế hoạch và Đầu tư", d, BLOC_GENERAL, &["Sở KH&ĐT", "Sở Kế hoạch - Đầu tư", "Sở KHĐT", "SKHĐT"], Some("STC"), merged, 4.0),
        agency("SXD", "Sở Xây dựng", d, BLOC_ECONOMY, &["SXD", "Sở XD"], None, a, 3.5),
        agency("SGTVT", "Sở Giao thông vận tải", d, BLOC_ECONOMY, &["Sở GTVT", "Sở Giao thông - Vận tải", "SGTVT"], Some("SXD"), merged, 3.0),
        agency("SKHCN", "Sở Khoa học và Công nghệ", d, BLOC_ECONOMY, &["Sở KH&CN", "Sở KHCN", "Sở Khoa học - Công nghệ"], None, a, 2.0),
        agency("STTTT", "Sở Thông tin và Truyền thông", d, BLOC_ECONOMY, &["Sở TT&TT", "Sở TTTT", "Sở Thông tin - Truyền thông"], Some("SKHCN"), merged, 2.0),
        agency("SNNMT", "Sở Nông nghiệp và Môi trường", d, BLOC_ECONOMY, &["Sở NN&MT", "Sở NNMT", "Sở Nông nghiệp - Môi trường"], None, new_dept, 6.0),
        agency("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", d, BLOC_ECONOMY, &["Sở NN&PTNT", "Sở NNPTNT", "Sở Nông nghiệp - PTNT"], Some("SNNMT"), merged, 3.5),
        agency("STNMT", "Sở Tài nguyên và Môi trường", d, BLOC_ECONOMY, &["Sở TN&MT", "Sở TNMT", "Sở Tài nguyên - Môi trường"], Some("SNNMT"), merged, 3.5),
        agency("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", d, BLOC_SOCIAL, &["Sở LĐTBXH", "Sở LĐ-TB&XH", "Sở Lao động Thương binh và Xã hội"], Some("SNV"), merged, 2.5),
        agency("SCT", "Sở Công Thương", d, BLOC_ECONOMY, &["SCT", "Sở CT"], None, a, 2.5),
        agency("SGDDT", "Sở Giáo dục và Đào tạo", d, BLOC_SOCIAL, &["Sở GD&ĐT", "Sở GDĐT", "Sở Giáo dục - Đào tạo"], None, a, 2.5),
        agency("SYT", "Sở Y tế", d, BLOC_SOCIAL, &["SYT", "Sở Y tế tỉnh"], None, a, 3.0),
        agency("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", d, BLOC_SOCIAL, &["Sở VHTTDL", "Sở VH-TT&DL", "Sở Văn hóa - Thể thao và Du lịch"], None, a, 2.0),
        agency("TTT", "Thanh tra tỉnh", d, BLOC_INTERNAL, &["Thanh tra tỉnh Bình An", "TTT"], None, a, 1.5),
        agency("BDT", "Ban Dân tộc", d, BLOC_SOCIAL, &["Ban Dân tộc tỉnh", "BDT"], None, a, 1.0),
        agency("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", d, BLOC_ECONOMY, &["BQL KKT", "Ban Quản lý KKT tỉnh", "BQL Khu kinh tế"], None, a, 2.0),
        agency("TPBA", "UBND thành phố Bình An", h, BLOC_DISTRICTS, &["UBND TP Bình An", "UBND TP. Bình An", "Ủy ban nhân dân thành phố Bình An"], None, district, 2.5),
        agency("TXAP", "UBND thị xã An Phước", h, BLOC_DISTRICTS, &["UBND TX An Phước", "UBND TX. An Phước", "Ủy ban nhân dân thị xã An Phước"], None, district, 2.0),
        agency("HTH", "UBND huyện Tân Hòa", h, BLOC_DISTRICTS, &["UBND H. Tân Hòa", "Ủy ban nhân dân huyện Tân Hòa"], None, district, 2.0),
        agency("HVL", "UBND huyện Vĩnh Lạc", h, BLOC_DISTRICTS, &["UBND H. Vĩnh Lạc", "Ủy ban nhân dân huyện Vĩnh Lạc"], None, district, 1.5),
        agency("HHT", "UBND huyện Hòa Thuận", h, BLOC_DISTRICTS, &["UBND H. Hòa Thuận", "Ủy ban nhân dân huyện Hòa Thuận"], None, district, 1.5),
        agency("HPK", "UBND huyện Phú Khánh", h, BLOC_DISTRICTS, &["UBND H. Phú Khánh", "Ủy ban nhân dân huyện Phú Khánh"], None, district, 1.5),
        agency("HTL", "UBND huyện Thạnh Lộc", h, BLOC_DISTRICTS, &["UBND H. Thạnh Lộc", "Ủy ban nhân dân huyện Thạnh Lộc"], None, district, 1.5),
        agency("HSD", "UBND huyện Sơn Định", h, BLOC_DISTRICTS, &["UBND H. Sơn Định", "Ủy ban nhân dân huyện Sơn Định"], None, district, 1.2),
        agency("HDX", "UBND huyện Đức Xuyên", h, BLOC_DISTRICTS, &["UBND H. Đức Xuyên", "Ủy ban nhân dân huyện Đức Xuyên"], None, district, 1.2),
        agency("PBA", "UBND phường Bình An", x, BLOC_COMMUNES, &["UBND P. Bình An", "Ủy ban nhân dân phường Bình An"], None, commune, 3.0),
        agency("PAP", "UBND phường An Phước", x, BLOC_COMMUNES, &["UBND P. An Phước", "Ủy ban nhân dân phường An Phước"], None, commune, 2.5),
        agency("XTH", "UBND xã Tân Hòa", x, BLOC_COMMUNES, &["UBND X. Tân Hòa", "Ủy ban nhân dân xã Tân Hòa"], None, commune, 2.0),
        agency("XVL", "UBND xã Vĩnh Lạc", x, BLOC_COMMUNES, &["UBND X. Vĩnh Lạc", "Ủy ban nhân dân xã Vĩnh Lạc"], None, commune, 2.0),
        agency("XSD", "UBND xã Sơn Định", x, BLOC_COMMUNES, &["UBND X. Sơn Định", "Ủy ban nhân dân xã Sơn Định"], None, commune, 2.0),
        agency("CAT", "Công an tỉnh", o, BLOC_INTERNAL, &["CA tỉnh", "Công an tỉnh Bình An"], None, a, 1.5),
        agency("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", o, BLOC_INTERNAL, &["Bộ CHQS tỉnh", "BCH Quân sự tỉnh"], None, a, 0.8),
        agency("DPTTH", "Đài Phát thanh và Truyền hình tỉnh", o, BLOC_SOCIAL, &["Đài PT-TH tỉnh", "Đài PTTH tỉnh"], None, Active::Never, 0.0),
        agency("CTK", "Cục Thống kê tỉnh", o, BLOC_GENERAL, &["Cục Thống kê Bình An", "CTK tỉnh"], None, Active::Never, 0.0),
        agency("CDBA", "Trường Cao đẳng Bình An", o, BLOC_SOCIAL, &["Trường CĐ Bình An", "Trường Cao đẳng tỉnh Bình An"], None, a, 0.4),
    ]
}

/// Index of the agency a task of `index` is reported under when the report's effective end is
/// `end`: merged agencies move to their successor once `end` reaches the merger day (SPEC 4.6).
pub fn reported_under(dir: &[Agency], index: usize, end: NaiveDate) -> usize {
    let mut current = index;
    // A chain is at most as long as the directory; the bound guards against a cycle.
    for _ in 0..dir.len() {
        let Some(agency) = dir.get(current) else {
            return current;
        };
        let (Some(code), Some(since)) = (agency.merged_into, agency.since) else {
            return current;
        };
        if end < since {
            return current;
        }
        match dir.iter().position(|a| a.code == code) {
            Some(next) => current = next,
            None => return current,
        }
    }
    current
}

const HEADERS: [&str; 8] = [
    "Mã",
    "Tên cơ quan",
    "Nhóm",
    "Khối thi đua",
    "Tên gọi khác",
    "Sáp nhập vào",
    "Từ ngày",
    "Chức danh thủ trưởng",
];

/// The title of an agency's head, as the address line of a letter to it names it
/// («Kính gửi: Giám đốc Sở Tài chính»): from the kind of body its name begins with.
pub fn head_title(name: &str) -> &'static str {
    const BY_PREFIX: [(&str, &str); 9] = [
        ("Văn phòng", "Chánh Văn phòng"),
        ("Sở", "Giám đốc"),
        ("Thanh tra", "Chánh Thanh tra"),
        ("Ban", "Trưởng ban"),
        ("UBND", "Chủ tịch"),
        ("Công an", "Giám đốc"),
        ("Bộ Chỉ huy", "Chỉ huy trưởng"),
        ("Cục", "Cục trưởng"),
        ("Trường", "Hiệu trưởng"),
    ];
    BY_PREFIX
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map_or("Giám đốc", |(_, title)| title)
}

/// Writes `danh-muc-co-quan.xlsx` (sheet "Danh mục", real Excel dates in `Từ ngày`).
pub fn write_xlsx(dir: &[Agency], path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties("Danh mục cơ quan, đơn vị")?);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Danh mục")?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (i, a) in dir.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, a.code)?;
        ws.write_string(r, 1, a.name)?;
        ws.write_string(r, 2, a.group)?;
        ws.write_string(r, 3, a.bloc)?;
        ws.write_string(r, 4, a.aliases.join("; "))?;
        if let Some(code) = a.merged_into {
            ws.write_string(r, 5, code)?;
        }
        if let Some(since) = a.since {
            ws.write_with_format(r, 6, &since, &date)?;
        }
        ws.write_string(r, 7, head_title(a.name))?;
    }
    for (c, w) in [10.0, 42.0, 18.0, 34.0, 60.0, 14.0, 12.0, 22.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    wb.save(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(())
}

/// Writes the same directory as `danh-muc-co-quan.csv` (UTF-8, comma, `Từ ngày` as dd/mm/yyyy).
pub fn write_csv(dir: &[Agency], path: &Path) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .from_path(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    w.write_record(HEADERS)?;
    for a in dir {
        let since = a
            .since
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        w.write_record([
            a.code,
            a.name,
            a.group,
            a.bloc,
            &a.aliases.join("; "),
            a.merged_into.unwrap_or(""),
            &since,
            head_title(a.name),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textforms::fold;
    use std::collections::BTreeMap;

    #[test]
    fn every_name_and_alias_folds_to_one_agency_only() {
        let dir = province();
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for a in &dir {
            for name in std::iter::once(&a.name).chain(a.aliases.iter()) {
                if let Some(other) = seen.insert(fold(name), a.code) {
                    assert_eq!(other, a.code, "{name} folds like an alias of {other}");
                }
            }
        }
    }

    #[test]
    fn every_agency_has_the_title_of_its_kind_of_head() {
        let dir = province();
        let title = |code: &str| {
            dir.iter()
                .find(|a| a.code == code)
                .map_or("", |a| head_title(a.name))
        };
        assert_eq!(title("STC"), "Giám đốc");
        assert_eq!(title("VPUB"), "Chánh Văn phòng");
        assert_eq!(title("TTT"), "Chánh Thanh tra");
        assert_eq!(title("BQLKKT"), "Trưởng ban");
        assert_eq!(title("XTH"), "Chủ tịch");
        assert_eq!(title("BCHQS"), "Chỉ huy trưởng");
        assert_eq!(title("CDBA"), "Hiệu trưởng");
    }

    #[test]
    fn merged_departments_move_to_their_successor_from_the_merger_day() {
        let dir = province();
        let at = |code: &str| {
            dir.iter()
                .position(|a| a.code == code)
                .unwrap_or(usize::MAX)
        };
        let before = ymd(2025, 2, 28);
        let after = ymd(2025, 3, 1);
        assert_eq!(reported_under(&dir, at("SKHDT"), before), at("SKHDT"));
        assert_eq!(reported_under(&dir, at("SKHDT"), after), at("STC"));
        assert_eq!(reported_under(&dir, at("STNMT"), after), at("SNNMT"));
        // A dissolved district has no successor: it keeps its own name.
        assert_eq!(
            reported_under(&dir, at("HTH"), ymd(2025, 12, 31)),
            at("HTH")
        );
    }
}
