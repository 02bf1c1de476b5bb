//! Tests of the PDF: the layout (margins, page breaks with repeated headers, wrapping, page
//! numbers) on our own page type, then the file itself read back with crates (lopdf for the
//! words and figures, hayro to render every page and look at its pixels).

use std::path::Path;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::Pixmap;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use super::fonts::{Face, Fonts};
use super::layout::{Align, Column, Flow, HeaderCell, Item, Orientation, Page, Row, Table};
use super::{layout_report, pdf_bytes, sample};
use unicode_normalization::UnicodeNormalization;

// The integration tests' reader, so that both test crates read PDF text the same way.
#[path = "../../../tests/it/pdf_text.rs"]
mod pdf_text;
pub(super) use pdf_text::pdf_text;

fn pages() -> Vec<Page> {
    layout_report(&sample::report()).unwrap()
}

fn pages_with(pages: &[Page], text: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.texts().any(|t| t.text == text))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn every_item_lies_inside_the_page_margins() {
    for (i, page) in pages().iter().enumerate() {
        let m = page.orientation.margins();
        let (w, h) = page.orientation.size_pt();
        let (left, right, top, bottom) = (
            m.left_pt - 0.5,
            w - m.right_pt + 0.5,
            m.top_pt,
            h - m.bottom_pt + 0.5,
        );
        for item in &page.items {
            let (x1, x2, y1, y2) = match item {
                // A baseline sits below the top margin by at least the ascent.
                Item::Text(t) => (t.left_pt(), t.right_pt(), t.y_pt - t.size_pt * 0.7, t.y_pt),
                Item::Rule(r) => (
                    r.x1_pt.min(r.x2_pt),
                    r.x1_pt.max(r.x2_pt),
                    r.y1_pt.min(r.y2_pt),
                    r.y1_pt.max(r.y2_pt),
                ),
                Item::Block(b) => (b.x_pt, b.x_pt + b.width_pt, b.y_pt, b.y_pt + b.height_pt),
            };
            assert!(
                x1 >= left && x2 <= right && y1 >= top - 0.5 && y2 <= bottom,
                "page {}: {item:?} outside [{left}, {right}] × [{top}, {bottom}]",
                i + 1
            );
        }
    }
}

#[test]
fn page_numbers_start_on_page_two_centred_in_the_top_margin() {
    let pages = pages();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    assert_eq!(pages[0].number_label, None);
    for (i, page) in pages.iter().enumerate().skip(1) {
        let label = page.number_label.as_ref().unwrap();
        assert_eq!(label.text, (i + 1).to_string());
        assert_eq!(label.align, Align::Center);
        assert!((label.x_pt - page.orientation.size_pt().0 / 2.0).abs() < 0.01);
        assert!(label.y_pt < page.orientation.margins().top_pt);
    }
}

#[test]
fn first_page_has_the_official_heading_block() {
    let pages = pages();
    let page = &pages[0];
    assert_eq!(page.orientation, Orientation::Portrait);
    let find = |text: &str| {
        page.texts()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("{text}"))
    };
    let width = page.orientation.size_pt().0;
    let nation = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let motto = find("Độc lập - Tự do - Hạnh phúc");
    let issuer = find("UBND TỈNH BÌNH AN");
    let sub = find("VĂN PHÒNG");
    // Issuer left, nation right, on the same first line; the motto under the nation.
    assert!(issuer.x_pt < width / 2.0 && nation.x_pt > width / 2.0);
    assert!((issuer.y_pt - nation.y_pt).abs() < 1.0);
    assert!(sub.y_pt > issuer.y_pt && motto.y_pt > nation.y_pt);
    assert_eq!(
        (nation.face, motto.face, sub.face),
        (Face::Bold, Face::Bold, Face::Bold)
    );
    let date = find("Bình An, ngày 24 tháng 02 năm 2025");
    assert_eq!(date.face, Face::Italic);
    assert!(date.y_pt > motto.y_pt);
    let title = find("BÁO CÁO");
    assert_eq!(title.align, Align::Center);
    assert!(title.y_pt > date.y_pt);
    assert!(page.plain_text().contains("I. Kết quả chung"));
}

#[test]
fn annex_table_breaks_pages_and_repeats_its_header() {
    let pages = pages();
    let with_header = pages_with(&pages, "(3)=(4)+(7)");
    assert!(with_header.len() >= 2, "header on pages {with_header:?}");
    assert_eq!(with_header[1], with_header[0] + 1);
    for &i in &with_header {
        assert_eq!(pages[i].orientation, Orientation::Landscape);
        assert!(pages[i].texts().any(|t| t.text == "Đã hoàn thành"));
    }
    // The total row comes once, on the last page of the table, with the SPEC figures.
    let total = pages_with(&pages, "Tổng cộng");
    assert_eq!(total, vec![*with_header.last().unwrap()]);
    let text = pages[total[0]].plain_text();
    assert!(
        text.contains("Tổng cộng 3.472 3.328 3.049 279 144 128 16 95,9% 91,6%"),
        "{text}"
    );
}

#[test]
fn long_agency_names_wrap_inside_their_cell() {
    let pages = pages();
    let annex = pages_with(&pages, "(3)=(4)+(7)");
    let texts: Vec<_> = pages[annex[0]].texts().collect();
    let first = texts
        .iter()
        .position(|t| t.text.starts_with("Ban Quản lý dự án") && t.text != sample::LONG_NAME)
        .expect("the long name starts a wrapped cell");
    // The lines of one cell are consecutive runs; take them until the name is complete.
    let mut runs = Vec::new();
    let mut joined = String::new();
    for t in &texts[first..] {
        runs.push(*t);
        joined = runs
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if joined.len() >= sample::LONG_NAME.len() {
            break;
        }
    }
    assert!(runs.len() >= 2, "{runs:?}");
    assert_eq!(joined, sample::LONG_NAME);
    assert!(
        runs.windows(2)
            .all(|w| w[1].y_pt > w[0].y_pt && (w[1].x_pt - w[0].x_pt).abs() < 0.01)
    );
}

#[test]
fn a_table_longer_than_a_page_repeats_the_header_and_never_splits_a_row() {
    let fonts = Fonts::load().unwrap();
    let mut flow = Flow::new(&fonts);
    flow.new_page(Orientation::Portrait);
    let table = Table {
        columns: vec![
            Column {
                width_pt: 40.0,
                align: Align::Center,
            },
            Column {
                width_pt: 200.0,
                align: Align::Left,
            },
        ],
        header_rows: 1,
        header: vec![
            HeaderCell::new("Số", 0, 0, 1, 1),
            HeaderCell::new("Nội dung", 0, 1, 1, 1),
        ],
        rows: (1..=80)
            .map(|i| Row::plain(vec![i.to_string(), format!("Dòng {i}")]))
            .collect(),
        body_size_pt: 10.0,
        header_fill_gray: 0.9,
    };
    flow.table(&table);
    let pages = flow.finish();
    assert!(pages.len() >= 2);
    let mut next_row = 1;
    for page in &pages {
        let header: Vec<_> = page.texts().filter(|t| t.text == "Nội dung").collect();
        assert_eq!(header.len(), 1);
        // The header is the first thing on each page, at the same height.
        assert!(
            (header[0].y_pt
                - pages[0]
                    .texts()
                    .find(|t| t.text == "Nội dung")
                    .unwrap()
                    .y_pt)
                .abs()
                < 0.01
        );
        for t in page.texts().filter(|t| t.text.starts_with("Dòng ")) {
            assert_eq!(t.text, format!("Dòng {next_row}"));
            assert!(header[0].y_pt < t.y_pt);
            next_row += 1;
        }
    }
    assert_eq!(next_row, 81);
}

#[test]
fn wrapping_breaks_at_spaces_and_cuts_words_longer_than_a_line() {
    let fonts = Fonts::load().unwrap();
    let lines = super::layout::wrap(
        &fonts,
        "Sở Nông nghiệp và Môi trường",
        Face::Regular,
        10.0,
        70.0,
        0.0,
    );
    assert_eq!(lines, ["Sở Nông nghiệp", "và Môi trường"]);
    let long = super::layout::wrap(
        &fonts,
        "1313/UBND-KTTTTTTTTTTTTTT",
        Face::Regular,
        10.0,
        50.0,
        0.0,
    );
    assert!(long.len() >= 2 && long.concat() == "1313/UBND-KTTTTTTTTTTTTTT");
    assert!(
        long.iter()
            .all(|l| fonts.width_pt(Face::Regular, l, 10.0) <= 50.0)
    );
}

/// One rendered page at one pixel per point: which pixels carry ink.
struct Raster {
    width: usize,
    height: usize,
    ink: Vec<bool>,
    pixmap: Pixmap,
}

impl Raster {
    /// Ink pixels inside the box (points from the top-left corner, clipped to the page).
    fn ink_in(&self, x1: f32, y1: f32, x2: f32, y2: f32) -> usize {
        let clip = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
        let (x1, x2) = (clip(x1, self.width), clip(x2.ceil(), self.width));
        let (y1, y2) = (clip(y1, self.height), clip(y2.ceil(), self.height));
        (y1..y2)
            .map(|y| {
                self.ink[y * self.width + x1..y * self.width + x2]
                    .iter()
                    .filter(|&&i| i)
                    .count()
            })
            .sum()
    }
}

/// Renders every page with hayro (pure Rust) on white. A pixel is ink when it is darker than
/// mid-grey: glyph stems and black rules are, the light grey fills of table headers are not.
fn render_pages(pdf: &[u8]) -> Vec<Raster> {
    let pdf = Pdf::new(pdf.to_vec()).expect("hayro parses the PDF");
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let at_72_dpi = PixmapSettings {
        x_scale: 1.0,
        y_scale: 1.0,
        bg_color: WHITE,
    };
    pdf.pages()
        .iter()
        .map(|page| {
            let pixmap = hayro::render(
                page,
                &cache,
                &interpreter,
                &RenderSettings::default(),
                &at_72_dpi,
            );
            let ink = pixmap
                .data_as_u8_slice()
                .chunks_exact(4)
                .map(|p| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 128)
                .collect();
            Raster {
                width: usize::from(pixmap.width()),
                height: usize::from(pixmap.height()),
                ink,
                pixmap,
            }
        })
        .collect()
}

#[test]
fn pdf_text_holds_the_figures_and_vietnamese_phrases_and_every_page_renders() {
    let report = sample::report();
    let bytes = pdf_bytes(&report).unwrap();

    let text = pdf_text(&bytes);
    for phrase in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình An, ngày 24 tháng 02 năm 2025",
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao năm 2025",
        "Lũy kế từ 01/01/2025 đến hết ngày 21/02/2025",
        "tổng số 3.472 nhiệm vụ (tăng 23,0% so với cùng kỳ năm 2024)",
        "đã hoàn thành 3.328 nhiệm vụ (đạt 95,9%)",
        "3.049 nhiệm vụ đúng hạn (chiếm 91,6%)",
        "còn 144 nhiệm vụ chưa hoàn thành, trong đó 128 nhiệm vụ còn thời hạn, 16 nhiệm vụ quá thời hạn",
        "Các cơ quan có nhiều nhiệm vụ quá hạn nhất: Sở Tài chính (5 nhiệm vụ), Sở Xây dựng (4)",
        "Sở Nông nghiệp và Môi trường",
        "Sở Văn hóa, Thể thao và Du lịch",
        "UBND phường Quy Nhơn",
        "PHỤ LỤC I",
        "Tổng cộng 3.472 3.328 3.049 279 144 128 16 95,9% 91,6%",
        "Tỷ lệ hoàn thành = số đã hoàn thành / tổng số nhiệm vụ",
        "Ngoài ra: 2 nhiệm vụ đã hủy/thu hồi không tính; 3 dòng trùng lặp đã gộp; 1 dòng không đủ thông tin.",
        "QH: 5",
        "DANH MỤC NHIỆM VỤ CHƯA HOÀN THÀNH QUÁ HẠN",
        "1313/UBND-KT ngày 03/01/2025",
        "DANH MỤC NHIỆM VỤ SẮP ĐẾN HẠN TRONG 30 NGÀY TỚI",
        "Hoàn thành xuất sắc",
        "KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUA CÁC KỲ",
    ] {
        assert!(
            text.contains(phrase),
            "«{phrase}» not in the PDF text:\n{text}"
        );
    }

    renders_every_page(&bytes, &layout_report(&report).unwrap());
}

/// Every page renders, at the size of its orientation, with ink under every text run the
/// layout placed on it (page number included) and none in the left, right and bottom
/// margins, where the layout puts nothing.
pub(super) fn renders_every_page(bytes: &[u8], pages: &[Page]) {
    let rasters = render_pages(bytes);
    assert_eq!(rasters.len(), pages.len());
    for (i, (page, raster)) in pages.iter().zip(&rasters).enumerate() {
        let (w, h) = page.orientation.size_pt();
        assert_eq!(
            (raster.width, raster.height),
            (w as usize, h as usize),
            "page {}",
            i + 1
        );
        for t in page.texts().chain(&page.number_label) {
            let (top, bottom) = (t.y_pt - 0.75 * t.size_pt, t.y_pt + 0.25 * t.size_pt);
            assert!(
                t.text.trim().is_empty()
                    || raster.ink_in(t.left_pt(), top, t.right_pt(), bottom) > 0,
                "page {}: no ink under {t:?}",
                i + 1
            );
        }
        // 2 pt of slack: a table's outer rule is centred on the margin line and anti-aliased.
        let m = page.orientation.margins();
        let margins = [
            (0.0, 0.0, m.left_pt - 2.0, h),
            (w - m.right_pt + 2.0, 0.0, w, h),
            (0.0, h - m.bottom_pt + 2.0, w, h),
        ];
        for (x1, y1, x2, y2) in margins {
            assert_eq!(
                raster.ink_in(x1, y1, x2, y2),
                0,
                "page {}: ink in a margin",
                i + 1
            );
        }
    }
    keep_for_inspection(bytes, &rasters);
}

/// With TIENDO_KEEP_PDF=<dir>, writes the test PDF and its rendered pages there for a look
/// by eye.
fn keep_for_inspection(pdf: &[u8], pages: &[Raster]) {
    let Some(keep) = std::env::var_os("TIENDO_KEEP_PDF") else {
        return;
    };
    let keep = Path::new(&keep);
    let _ = std::fs::create_dir_all(keep);
    let _ = std::fs::write(keep.join("bao_cao.pdf"), pdf);
    for (i, page) in pages.iter().enumerate() {
        if let Ok(png) = page.pixmap.clone().into_png() {
            let _ = std::fs::write(keep.join(format!("trang-{:02}.png", i + 1)), png);
        }
    }
}

#[test]
fn same_report_gives_the_same_layout() {
    assert_eq!(pages(), pages());
}

#[test]
fn a_report_without_tasks_still_lays_out_and_says_so() {
    let mut report = sample::report();
    report.sections.clear();
    report.total = crate::model::Counts::default();
    report.previous_total = None;
    report.overdue.clear();
    report.due_soon.clear();
    report.ranking = None;
    report.trend = None;
    let pages = layout_report(&report).unwrap();
    let all: String = pages
        .iter()
        .map(Page::plain_text)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        all.contains("Trong kỳ không có nhiệm vụ nào được giao."),
        "{all}"
    );
    assert!(all.contains("Tổng cộng 0 0 0 0 0 0 0 - -"), "{all}");
    assert!(all.contains("Không có nhiệm vụ chưa hoàn thành quá hạn."));
    assert!(!all.contains("NaN"));
    assert!(pdf_bytes(&report).unwrap().starts_with(b"%PDF"));
}

// The PDF and the Word report draw one outline: every line of it but the table cells — the
// title, the section headings and paragraphs, each annex's label, title, subtitle, second
// headings, captions and notes — is laid out, in outline order. The sample gets an agency
// outside the ranking, a withheld comparison and a warning, so the lines only some reports
// have are there too.
#[test]
fn the_pdf_lays_out_every_line_of_the_outline_in_order() {
    use crate::model::{Counts, UnrankedAgency};
    use crate::render::outline::{self, Part};
    let mut report = sample::report();
    report.comparison_withheld = Some("Không so sánh với cùng kỳ năm 2024.".to_string());
    report.warnings = vec!["tệp so-theo-doi.csv có 2 dòng trùng.".to_string()];
    if let Some(ranking) = report.ranking.as_mut() {
        ranking.unranked = vec![UnrankedAgency {
            name: "Ban Quản lý dự án".to_string(),
            counts: Counts::from_parts(20, 3, 2, 1, 0),
            working: vec![],
            reason: "không có trong danh mục".to_string(),
        }];
    }
    let outline = outline::outline(&report);
    let mut lines: Vec<&str> = outline.title.iter().map(String::as_str).collect();
    lines.extend(outline.title_note.as_deref());
    for section in &outline.sections {
        lines.push(&section.heading);
        lines.extend(section.paragraphs.iter().map(String::as_str));
    }
    for annex in &outline.annexes {
        lines.extend([&annex.label, &annex.title, &annex.subtitle].map(String::as_str));
        for part in &annex.parts {
            match part {
                Part::Table(_) => {}
                Part::Heading { title, subtitle } => {
                    lines.extend([title, subtitle].map(String::as_str))
                }
                Part::Caption(text) | Part::Note(text) => lines.push(text),
            }
        }
    }
    for line in [
        "Lưu ý: tệp so-theo-doi.csv có 2 dòng trùng.",
        "Không so sánh với cùng kỳ năm 2024.",
        "Chưa xếp hạng (cơ quan, đơn vị có nhiệm vụ nhưng không xếp hạng)",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(line)),
            "«{line}» not in the outline"
        );
    }

    let laid_out: String = layout_report(&report)
        .unwrap()
        .iter()
        .map(Page::plain_text)
        .collect::<Vec<_>>()
        .join(" ");
    let mut from = 0;
    for line in lines {
        // As laid out: NFC, runs joined by single spaces, no-break spaces drawn as spaces.
        let words: String = line
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let at = laid_out[from..]
            .find(&words)
            .unwrap_or_else(|| panic!("«{words}» not laid out after byte {from}"));
        from += at + words.len();
    }
}

mod programme;
