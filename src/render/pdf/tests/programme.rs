//! Tests of the programme's PDF: the layout on our own page type (margins, page numbers, the
//! annex table across pages with its header repeated, the first page), then the file read back
//! with crates (lopdf for the words and figures, hayro to render every page).

use super::{pdf_text, renders_every_page};
use crate::model::ProgrammeCounts;
use crate::render::pdf::{Face, Item, Orientation, Page, layout_programme, programme_pdf_bytes};
use crate::render::programme_sample::{report, with_agencies};

fn texts_of(page: &Page) -> Vec<&str> {
    page.texts().map(|t| t.text.as_str()).collect()
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
fn every_item_lies_inside_the_margins_and_pages_are_numbered_from_two() {
    let pages = layout_programme(&with_agencies(40)).unwrap();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    assert_eq!(pages[0].number_label, None);
    for (i, page) in pages.iter().enumerate() {
        let m = page.orientation.margins();
        let (w, h) = page.orientation.size_pt();
        for item in &page.items {
            let (x1, x2, y1, y2) = match item {
                Item::Text(t) => (t.left_pt(), t.right_pt(), t.y_pt - t.size_pt * 0.7, t.y_pt),
                Item::Rule(r) => (r.x1_pt.min(r.x2_pt), r.x1_pt.max(r.x2_pt), r.y1_pt, r.y2_pt),
                Item::Block(b) => (b.x_pt, b.x_pt + b.width_pt, b.y_pt, b.y_pt + b.height_pt),
            };
            assert!(
                x1 >= m.left_pt - 0.5
                    && x2 <= w - m.right_pt + 0.5
                    && y1 >= m.top_pt - 0.5
                    && y2 <= h - m.bottom_pt + 0.5,
                "page {}: {item:?} outside the margins",
                i + 1
            );
        }
        if i > 0 {
            let label = page.number_label.as_ref().unwrap();
            assert_eq!(label.text, (i + 1).to_string());
            assert!(label.y_pt < m.top_pt);
        }
    }
}

#[test]
fn the_first_page_has_the_heading_block_title_and_five_sections() {
    let pages = layout_programme(&report()).unwrap();
    let page = &pages[0];
    assert_eq!(page.orientation, Orientation::Portrait);
    let find = |text: &str| {
        page.texts()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("{text}"))
    };
    let (issuer, nation) = (
        find("UBND TỈNH BÌNH AN"),
        find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    );
    let width = page.orientation.size_pt().0;
    assert!(issuer.x_pt < width / 2.0 && nation.x_pt > width / 2.0);
    assert!((issuer.y_pt - nation.y_pt).abs() < 1.0);
    let date = find("Bình An, ngày 23 tháng 6 năm 2025");
    assert_eq!(date.face, Face::Italic);
    assert!(find("BÁO CÁO").y_pt > date.y_pt);
    let all: String = pages
        .iter()
        .map(Page::plain_text)
        .collect::<Vec<_>>()
        .join(" ");
    for heading in [
        "I. Kết quả chung",
        "II. Kết quả theo cơ quan, đơn vị",
        "III. Nội dung chưa trình quá hạn và sắp đến hạn trình",
        "IV. Nội dung lùi thời gian trình, rút khỏi chương trình",
        "V. Chất lượng dữ liệu",
    ] {
        assert!(all.contains(heading), "{heading}");
    }
}

#[test]
fn the_annex_table_breaks_pages_repeats_its_header_and_ends_with_the_total() {
    let pages = layout_programme(&with_agencies(40)).unwrap();
    let with_header = pages_with(&pages, "(12)");
    assert!(with_header.len() >= 2, "header on pages {with_header:?}");
    assert_eq!(with_header[1], with_header[0] + 1);
    for &i in &with_header {
        assert_eq!(pages[i].orientation, Orientation::Landscape);
        assert!(texts_of(&pages[i]).contains(&"Chưa trình"));
    }
    let total = pages_with(&pages, "Tổng cộng");
    assert_eq!(total, vec![*with_header.last().unwrap()]);
    // 27 items of the sample + 40 agencies × (1 on time + 1 overdue): 107 planned, 55
    // submitted (52 on time, 3 late; 10 issued), 52 not submitted (43 overdue, 9 not yet
    // due), 3 postponed; 55/107 = 51,4%, 52/55 = 94,5%, 10/107 = 9,3%.
    let text = pages[total[0]].plain_text();
    assert!(
        text.contains("Tổng cộng 107 55 52 3 10 52 43 9 3 51,4% 94,5% 9,3%"),
        "{text}"
    );
}

#[test]
fn the_pdf_text_holds_the_figures_and_every_page_renders() {
    let r = report();
    let bytes = programme_pdf_bytes(&r).unwrap();
    let raw = pdf_text(&bytes);
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    // 27 planned (24 last year: +12,5%); 15 submitted (55,6%), 12 on time (80,0%), 3 late;
    // 10 issued (37,0%); 12 not submitted: 3 overdue, 9 not yet due.
    for phrase in [
        "BÁO CÁO",
        "Tình hình thực hiện Chương trình công tác năm 2025 của UBND tỉnh",
        "(Số liệu đến hết ngày 20/06/2025)",
        "có 27 nội dung phải trình",
        "tăng 12,5% so với cùng kỳ năm 2024",
        "đã trình 15 nội dung (đạt 55,6%), trong đó 12 nội dung trình đúng hạn (chiếm 80,0%), 3 nội dung trình quá hạn",
        "đã ban hành 10 nội dung (đạt 37,0% số nội dung phải trình)",
        "còn 12 nội dung chưa trình, trong đó 3 nội dung đã quá hạn, 9 nội dung chưa đến hạn",
        "PHỤ LỤC I",
        "Tổng cộng 27 15 12 3 10 12 3 9 3 55,6% 80,0% 37,0%",
        "Gồm cả nội dung của Sở Kế hoạch và Đầu tư",
        "DANH MỤC NỘI DUNG CHƯA TRÌNH ĐÃ QUÁ HẠN",
        "81 ngày (khoảng 2 tháng 21 ngày)",
        "DANH MỤC NỘI DUNG SẮP ĐẾN HẠN TRÌNH",
        "Tháng 6/2025; Xin lùi sang tháng 6/2025",
        "Rút khỏi chương trình",
        "Tỷ lệ trình đúng hạn = số nội dung trình đúng hạn / số nội dung đã trình",
    ] {
        assert!(
            text.contains(phrase),
            "«{phrase}» not in the PDF text:\n{raw}"
        );
    }
    renders_every_page(&bytes, &layout_programme(&r).unwrap());
}

#[test]
fn a_period_without_items_still_lays_out_and_says_so() {
    let mut r = report();
    r.sections.clear();
    r.total = ProgrammeCounts::default();
    r.previous_total = None;
    for list in [
        &mut r.overdue,
        &mut r.due_soon,
        &mut r.postponed,
        &mut r.postponed_out,
        &mut r.withdrawn,
        &mut r.items,
    ] {
        list.clear();
    }
    let pages = layout_programme(&r).unwrap();
    let all: String = pages
        .iter()
        .map(Page::plain_text)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        all.contains("không có nội dung nào có thời hạn trình trong kỳ"),
        "{all}"
    );
    assert!(all.contains("Tổng cộng 0 0 0 0 0 0 0 0 0 - - -"), "{all}");
    assert!(all.contains("Không có nội dung chưa trình quá hạn."));
    assert!(!all.contains("NaN"));
    assert!(programme_pdf_bytes(&r).unwrap().starts_with(b"%PDF"));
}

#[test]
fn the_same_report_gives_the_same_layout() {
    assert_eq!(
        layout_programme(&report()).unwrap(),
        layout_programme(&report()).unwrap()
    );
}

#[test]
fn the_arrow_of_a_postponed_time_has_a_glyph() {
    let fonts = crate::render::pdf::fonts::Fonts::load().unwrap();
    assert!(fonts.width_pt(Face::Regular, "→", 10.0) > 1.0);
}
