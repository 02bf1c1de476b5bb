//! What the command line's values mean: clap value parsers for dates, periods, year ranges and
//! days of the year (so a bad value is refused naming its flag), and the accepted words of the
//! domain's choices. The domain enums know nothing of clap; their `ValueEnum` is here.

use chrono::{NaiveDate, NaiveDateTime};
use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::model::{Basis, By, Period, ProgrammeBy};
use crate::period;
use crate::render::changes::ChangesFormat;
use crate::render::terminal::Format;
use crate::render::words::BriefFormat;
use crate::vn_number::Rounding;

/// A day: ISO `yyyy-mm-dd` or day-first `dd/mm/yyyy`.
pub fn day(raw: &str) -> Result<NaiveDate, String> {
    period::parse_day(raw).map_err(|e| e.to_string())
}

/// A day and a time of day: `2025-12-20 08:00` or `20/12/2025 08:00`.
pub fn moment(raw: &str) -> Result<NaiveDateTime, String> {
    let raw = raw.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
        .ok_or_else(|| {
            format!(
                "thời điểm «{raw}» không hợp lệ: dùng dạng yyyy-mm-dd hh:mm hoặc dd/mm/yyyy hh:mm"
            )
        })
}

/// A period label (its cut-off is attached once every flag is read).
pub fn period_label(raw: &str) -> Result<Period, String> {
    period::parse(raw, None).map_err(|e| e.to_string())
}

/// `2018..2025`.
pub fn years(raw: &str) -> Result<(i32, i32), String> {
    period::parse_years(raw).map_err(|e| e.to_string())
}

/// `MM-DD`, a cut-off day repeated every year.
pub fn day_of_year(raw: &str) -> Result<(u32, u32), String> {
    period::parse_day_of_year(raw).map_err(|e| e.to_string())
}

/// An ISO week `2025-W48`: its Monday and Sunday.
pub fn iso_week(raw: &str) -> Result<(NaiveDate, NaiveDate), String> {
    period::parse_iso_week(raw).map_err(|e| e.to_string())
}

/// `1` or `2`: the first or the second half of each year.
pub fn half(raw: &str) -> Result<u8, String> {
    match raw.trim() {
        "1" => Ok(1),
        "2" => Ok(2),
        _ => Err("chỉ nhận 1 (6 tháng đầu) hoặc 2 (6 tháng cuối)".to_string()),
    }
}

/// Which deadline judges a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DeadlineChoice {
    /// Hạn sau gia hạn (nếu có)
    Extended,
    /// Hạn ban đầu
    Original,
}

/// `ValueEnum` for a domain enum: its variants and the word that names each.
macro_rules! words {
    ($ty:ty { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$(<$ty>::$variant),+]
            }
            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(match self {
                    $(<$ty>::$variant => $word),+
                }))
            }
        }
    };
}

words!(Basis { Assigned => "assigned", Due => "due" });
words!(By { Agency => "agency", Group => "group", Bloc => "bloc", Leader => "leader", Officer => "officer", Department => "department" });
words!(ProgrammeBy { Agency => "agency", Group => "group", Leader => "leader" });
words!(Rounding { Round => "round", Truncate => "truncate" });
words!(Format { Table => "table", Csv => "csv", Json => "json" });
words!(BriefFormat { Text => "text", Markdown => "markdown" });
words!(ChangesFormat { Table => "table", Csv => "csv", Json => "json", Markdown => "markdown" });
