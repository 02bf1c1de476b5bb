//! The office's settings file, `tiendo.toml` (found in the current folder, or given with
//! `--config`): who issues the reports, the agency directory and when a task counts as not
//! updated, the scoring rules, how the urging letters are numbered, signed and sent, and the
//! tracking officers of each department (phòng). Command-line
//! options always win over it. Raw TOML is parsed into [`Config`] once; paths in it are taken
//! relative to the file's own folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

/// The file looked for in the current folder when `--config` is not given.
pub const DEFAULT_FILE: &str = "tiendo.toml";

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub don_vi: Issuer,
    #[serde(default)]
    pub du_lieu: Data,
    #[serde(default)]
    pub thi_dua: Scoring,
    #[serde(default)]
    pub cong_van: Letters,
    /// `[phong]`: the departments and their tracking officers, in the file's order.
    #[serde(default, deserialize_with = "departments_in_file_order")]
    pub phong: Vec<Department>,
}

/// `[don_vi]`: the title block of every report.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// "UBND TỈNH BÌNH AN"
    pub ten: Option<String>,
    /// "VĂN PHÒNG"
    pub ten_cap_duoi: Option<String>,
    /// "Bình An"
    pub dia_danh: Option<String>,
    /// "VP": the issuing body's abbreviation in document numbers («Số: …/BC-VP»).
    pub ky_hieu: Option<String>,
}

/// `[du_lieu]`: inputs used by every command.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// The agency directory.
    pub danh_muc: Option<PathBuf>,
    /// An open task whose last-update date (where the export has one) is more than this many
    /// days before the cut-off is flagged as not updated; [`DEFAULT_NOT_UPDATED_DAYS`] when
    /// not given.
    pub ngay_khong_cap_nhat: Option<u32>,
}

/// Days without an update after which an open task is flagged, when `tiendo.toml` does not
/// say (`[du_lieu] ngay_khong_cap_nhat`).
pub const DEFAULT_NOT_UPDATED_DAYS: u32 = 30;

impl Data {
    /// `ngay_khong_cap_nhat`, or the default.
    pub fn not_updated_days(&self) -> i64 {
        i64::from(self.ngay_khong_cap_nhat.unwrap_or(DEFAULT_NOT_UPDATED_DAYS))
    }
}

/// One department of `[phong]`: `"Phòng Tổng hợp" = ["Lê Thị Hồng", "Trần Văn Bình"]`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Department {
    pub name: String,
    pub officers: Vec<String>,
}

/// `[phong]` in the order it is written (a TOML table has no order of its own: the keys' places
/// in the file give it), refusing an officer listed under two departments.
fn departments_in_file_order<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Department>, D::Error> {
    use serde::de::Error;
    use toml::Spanned;
    let table = std::collections::BTreeMap::<Spanned<String>, Vec<String>>::deserialize(d)?;
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    let mut check = crate::resolve::departments::Departments::default();
    let mut out = Vec::with_capacity(entries.len());
    for (name, officers) in entries {
        let Some(name) = crate::vn_text::clean(name.get_ref()) else {
            return Err(D::Error::custom("[phong]: tên phòng không được để trống"));
        };
        check.department(&name);
        let officers: Vec<String> = officers
            .iter()
            .filter_map(|o| crate::vn_text::clean(o))
            .collect();
        for officer in &officers {
            check.add(&name, officer).map_err(|c| {
                D::Error::custom(format!(
                    "[phong]: chuyên viên «{}» đã thuộc «{}», không thể thuộc thêm «{}»",
                    c.officer, c.first, c.second
                ))
            })?;
        }
        out.push(Department { name, officers });
    }
    Ok(out)
}

/// `[thi_dua]`: scoring; with `quy_tac` set, every report gets its ranking sheet and section.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// A rule file or a preset name.
    pub quy_tac: Option<String>,
    pub diem_thu_cong: Option<PathBuf>,
}

/// `[cong_van]`: the urging letters (công văn đôn đốc) of `tiendo letters`.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Letters {
    /// The sign after the number: "VP-TH" in «Số: …/VP-TH».
    pub so_hieu: Option<String>,
    /// The sender as the letter's sentences name it: "Văn phòng UBND tỉnh".
    pub co_quan_gui: Option<String>,
    /// The signer's title lines: ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"].
    pub chuc_danh_ky: Option<Vec<String>>,
    /// The signer's name.
    pub nguoi_ky: Option<String>,
    /// The «Nơi nhận» list, in order: ["Như trên", "Chủ tịch, các PCT UBND tỉnh (b/c)", "Lưu: VT, TH"].
    pub noi_nhan: Option<Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("không đọc được tệp cấu hình «{0}»: {1}")]
    Read(String, String),
    #[error("tệp cấu hình «{file}», dòng {line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
}

/// Load `explicit`, else `tiendo.toml` in the current folder if there is one, else nothing.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None if Path::new(DEFAULT_FILE).is_file() => PathBuf::from(DEFAULT_FILE),
        None => return Ok(Config::default()),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ConfigError::Read(path.display().to_string(), e.to_string()))?;
    let mut config = parse(&text, &path.display().to_string())?;
    let base = path.parent().unwrap_or(Path::new(""));
    let relative = |p: &mut Option<PathBuf>| {
        if let Some(p) = p.as_mut().filter(|p| p.is_relative()) {
            *p = base.join(&*p);
        }
    };
    relative(&mut config.du_lieu.danh_muc);
    relative(&mut config.thi_dua.diem_thu_cong);
    if let Some(rules) = config
        .thi_dua
        .quy_tac
        .as_mut()
        .filter(|r| r.ends_with(".toml") && Path::new(r.as_str()).is_relative())
    {
        *rules = base.join(rules.as_str()).display().to_string();
    }
    Ok(config)
}

/// Parse the text of a settings file; errors name the line.
pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        let message = match e.message() {
            m if m.starts_with("unknown field") => format!("khóa không hợp lệ ({m})"),
            m => m.to_string(),
        };
        ConfigError::Syntax {
            file: file.to_string(),
            line,
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_settings_file_is_read() {
        let c = parse(
            "[don_vi]\nten = \"UBND TỈNH BÌNH AN\"\nten_cap_duoi = \"VĂN PHÒNG\"\ndia_danh = \"Bình An\"\n\n[du_lieu]\ndanh_muc = \"dm.xlsx\"\n\n[thi_dua]\nquy_tac = \"nd335-2025\"\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(c.don_vi.dia_danh.as_deref(), Some("Bình An"));
        assert_eq!(c.du_lieu.danh_muc, Some(PathBuf::from("dm.xlsx")));
        assert_eq!(c.thi_dua.quy_tac.as_deref(), Some("nd335-2025"));
    }

    #[test]
    fn the_letters_section_is_read() {
        let c = parse(
            "[don_vi]\nky_hieu = \"VP\"\n\n[cong_van]\nso_hieu = \"VP-TH\"\nchuc_danh_ky = [\"KT. CHÁNH VĂN PHÒNG\", \"PHÓ CHÁNH VĂN PHÒNG\"]\nnguoi_ky = \"Nguyễn Văn A\"\nnoi_nhan = [\"Như trên\", \"Lưu: VT, TH\"]\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(c.don_vi.ky_hieu.as_deref(), Some("VP"));
        assert_eq!(c.cong_van.so_hieu.as_deref(), Some("VP-TH"));
        assert_eq!(
            c.cong_van.chuc_danh_ky,
            Some(vec![
                "KT. CHÁNH VĂN PHÒNG".to_string(),
                "PHÓ CHÁNH VĂN PHÒNG".to_string()
            ])
        );
        assert_eq!(c.cong_van.noi_nhan.map(|n| n.len()), Some(2));
        assert_eq!(c.cong_van.co_quan_gui, None);
    }

    #[test]
    fn departments_keep_the_files_order_and_the_update_days_are_read() {
        let c = parse(
            "[du_lieu]\nngay_khong_cap_nhat = 45\n\n[phong]\n\"Phòng Tổng hợp\" = [\"Lê Thị Hồng\", \" Trần Văn  Bình \"]\n\"Phòng Kinh tế\" = [\"Võ Đức Anh\"]\n\"Phòng Nội chính\" = []\n",
            "t.toml",
        )
        .unwrap();
        // Not alphabetical (a TOML table's own order): as written, names cleaned.
        let names: Vec<&str> = c.phong.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Nội chính"]
        );
        assert_eq!(c.phong[0].officers, ["Lê Thị Hồng", "Trần Văn Bình"]);
        assert_eq!(c.du_lieu.not_updated_days(), 45);
        assert_eq!(Config::default().du_lieu.not_updated_days(), 30);
    }

    #[test]
    fn an_officer_under_two_departments_is_refused() {
        let err = parse(
            "[phong]\n\"Phòng Tổng hợp\" = [\"Lê Thị Hồng\"]\n\"Phòng Kinh tế\" = [\"LE THI HONG\"]\n",
            "t.toml",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "tệp cấu hình «t.toml», dòng 1: [phong]: chuyên viên «LE THI HONG» đã thuộc «Phòng Tổng hợp», không thể thuộc thêm «Phòng Kinh tế»"
        );
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let err = parse("[don_vi]\nten = \"A\"\nten_khac = \"B\"\n", "t.toml").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("tệp cấu hình «t.toml», dòng 3: khóa không hợp lệ"),
            "{text}"
        );
    }
}
