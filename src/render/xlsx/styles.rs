//! Cell formats of the workbook: Times New Roman everywhere (12 pt body, 13–14 pt titles),
//! thin borders on tables, `#,##0` counts, `0.0%` rates, `dd/mm/yyyy` dates, and the
//! red / green fills of the conditional formats.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

const FONT: &str = "Times New Roman";

/// `#,##0`: Excel shows the thousands separator of the reader's locale (`.` in Vietnamese).
const COUNT: &str = "#,##0";
const RATE: &str = "0.0%";
const CHANGE_PCT: &str = "+0.0%;-0.0%;0.0%";
const CHANGE_POINTS: &str = "+0.0;-0.0;0.0";
const DATE: &str = "dd/mm/yyyy";

/// The cell formats of one kind of table row: plain (agency, task) or strong (group, total).
pub(super) struct RowStyle {
    pub text: Format,
    pub center: Format,
    pub count: Format,
    pub rate: Format,
    pub change_pct: Format,
    pub points: Format,
}

impl RowStyle {
    fn new(bold: bool) -> Self {
        let cell = || {
            let f = cell();
            if bold { f.set_bold() } else { f }
        };
        RowStyle {
            text: cell().set_text_wrap(),
            center: cell().set_align(FormatAlign::Center),
            count: cell().set_num_format(COUNT),
            rate: cell().set_num_format(RATE).set_align(FormatAlign::Right),
            change_pct: cell()
                .set_num_format(CHANGE_PCT)
                .set_align(FormatAlign::Right),
            points: cell()
                .set_num_format(CHANGE_POINTS)
                .set_align(FormatAlign::Right),
        }
    }
}

/// Every format the sheets use, built once per workbook.
pub(super) struct Styles {
    /// Issuer and national heading lines (centred, 13 pt).
    pub heading: Format,
    pub heading_bold: Format,
    /// The short rule (a run of underscores) under the issuer and under the motto.
    pub rule: Format,
    pub place_date: Format,
    /// Bold centred title lines (14 pt).
    pub title: Format,
    pub subtitle: Format,
    /// A title left-aligned above a list sheet.
    pub sheet_title: Format,
    pub header: Format,
    pub body: RowStyle,
    pub strong: RowStyle,
    /// A bordered text cell that does not wrap (long lists).
    pub text: Format,
    pub date: Format,
    pub wrap: Format,
    pub score: Format,
    /// Text outside the table (footnotes).
    pub note: Format,
    pub note_bold: Format,
    pub red: Format,
    pub green: Format,
}

impl Styles {
    pub fn new() -> Self {
        let centred = || base().set_align(FormatAlign::Center);
        Styles {
            heading: centred().set_font_size(13),
            heading_bold: centred().set_font_size(13).set_bold(),
            rule: centred().set_align(FormatAlign::Top),
            place_date: centred().set_italic().set_font_size(13),
            title: centred().set_bold().set_font_size(14),
            subtitle: centred().set_italic().set_font_size(13),
            sheet_title: base().set_bold().set_font_size(14),
            header: cell()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            body: RowStyle::new(false),
            strong: RowStyle::new(true),
            text: cell(),
            date: cell().set_num_format(DATE).set_align(FormatAlign::Center),
            wrap: cell().set_text_wrap().set_align(FormatAlign::Top),
            score: cell().set_num_format("0.0").set_align(FormatAlign::Right),
            note: base(),
            note_bold: base().set_bold(),
            red: Format::new()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006)),
            green: Format::new()
                .set_background_color(Color::RGB(0xC6EFCE))
                .set_font_color(Color::RGB(0x006100)),
        }
    }
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_align(FormatAlign::VerticalCenter)
}

fn cell() -> Format {
    base().set_border(FormatBorder::Thin)
}

/// Height in points of a table header row whose labels wrap onto two or three lines.
pub(super) const HEADER_HEIGHT: f64 = 48.0;

/// The height a row needs so that its wrapped cells show whole, or `None` when one line is
/// enough. Readers do not grow rows for wrapped text by themselves, so the height is
/// estimated from each cell's text and column width (in characters; Times New Roman 12 is
/// taken as a tenth wider than the width unit).
pub(super) fn row_height_for(cells: &[(&str, f64)]) -> Option<f64> {
    const LINE_PT: f64 = 15.75;
    let lines_of = |text: &str, width: f64| -> usize {
        text.split('\n')
            .map(|part| {
                let chars = part.chars().count() as f64 * 1.1;
                (chars / (width - 1.0).max(1.0)).ceil().max(1.0) as usize
            })
            .sum()
    };
    let lines = cells
        .iter()
        .map(|(text, width)| lines_of(text, *width))
        .max()
        .unwrap_or(1);
    (lines > 1).then(|| lines.min(20) as f64 * LINE_PT + 2.0)
}
