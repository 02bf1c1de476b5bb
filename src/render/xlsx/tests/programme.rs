//! Golden test of the programme's workbook: the hand-made report of `programme_sample`
//! rendered, read back with calamine, and compared by meaning (typed values, formulas).

use super::{dump, formula_at, open, text_cells};
use crate::render::programme_sample::{d, report};
use crate::render::xlsx::{
    PROGRAMME_FIRST_BODY_ROW, PROGRAMME_HEADER_ROW, SHEET_FINDINGS, SHEET_PROGRAMME,
    SHEET_PROGRAMME_DUE_SOON, SHEET_PROGRAMME_ITEMS, SHEET_PROGRAMME_OVERDUE,
    SHEET_PROGRAMME_POSTPONED, SHEET_PROGRAMME_WITHDRAWN, programme_workbook_bytes,
};
use calamine::{DataType, Reader};

fn rendered() -> super::Book {
    open(programme_workbook_bytes(&report()).unwrap())
}

#[test]
fn the_programme_annex_holds_the_hand_computed_figures() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_PROGRAMME).unwrap();
    // Group I = Sở Tài chính + Sở Nội vụ: 20 + 5 planned, 10 + 4 submitted (8 + 4 on time,
    // 2 late, 6 + 4 issued), 10 + 1 not submitted (2 overdue, 8 + 1 not yet due), 3 postponed;
    // 14/25 = 0,56 submitted, 12/14 = 0,8571 on time, 10/25 = 0,4 issued. Last year 18 + 6
    // planned, 9 + 6 submitted (15/24 = 0,625), 6 + 3 issued (9/24 = 0,375). Công an tỉnh had
    // none last year: its rates show "-". Total = I + II: 27 planned, 15 submitted (15/27 =
    // 0,5556), 12 on time (12/15 = 0,8), 10 issued (10/27 = 0,3704).
    let expected = "\
A13=String(\"I\") B13=String(\"Sở, ban, ngành\") C13=Float(25) D13=Float(14) E13=Float(12) F13=Float(2) G13=Float(10) H13=Float(11) I13=Float(2) J13=Float(9) K13=Float(3) L13=Float(0.56) M13=Float(0.8571) N13=Float(0.4) O13=Float(24) P13=Float(0.625) Q13=Float(0.375)
A14=Float(1) B14=String(\"Sở Tài chính\") C14=Float(20) D14=Float(10) E14=Float(8) F14=Float(2) G14=Float(6) H14=Float(10) I14=Float(2) J14=Float(8) K14=Float(3) L14=Float(0.5) M14=Float(0.8) N14=Float(0.3) O14=Float(18) P14=Float(0.5) Q14=Float(0.3333) R14=String(\"Gồm cả nội dung của Sở Kế hoạch và Đầu tư (hợp nhất từ 01/03/2025)\")
A15=Float(2) B15=String(\"Sở Nội vụ\") C15=Float(5) D15=Float(4) E15=Float(4) F15=Float(0) G15=Float(4) H15=Float(1) I15=Float(0) J15=Float(1) K15=Float(0) L15=Float(0.8) M15=Float(1) N15=Float(0.8) O15=Float(6) P15=Float(1) Q15=Float(0.5)
A16=String(\"II\") B16=String(\"Đơn vị khác\") C16=Float(2) D16=Float(1) E16=Float(0) F16=Float(1) G16=Float(0) H16=Float(1) I16=Float(1) J16=Float(0) K16=Float(0) L16=Float(0.5) M16=Float(0) N16=Float(0) O16=Float(0) P16=String(\"-\") Q16=String(\"-\")
A17=Float(1) B17=String(\"Công an tỉnh\") C17=Float(2) D17=Float(1) E17=Float(0) F17=Float(1) G17=Float(0) H17=Float(1) I17=Float(1) J17=Float(0) K17=Float(0) L17=Float(0.5) M17=Float(0) N17=Float(0) O17=Float(0) P17=String(\"-\") Q17=String(\"-\")
B18=String(\"Tổng cộng\") C18=Float(27) D18=Float(15) E18=Float(12) F18=Float(3) G18=Float(10) H18=Float(12) I18=Float(3) J18=Float(9) K18=Float(3) L18=Float(0.5556) M18=Float(0.8) N18=Float(0.3704) O18=Float(24) P18=Float(0.625) Q18=Float(0.375)
";
    assert_eq!(
        dump(
            &range,
            PROGRAMME_FIRST_BODY_ROW,
            PROGRAMME_FIRST_BODY_ROW + 5
        ),
        expected
    );
}

#[test]
fn group_and_total_rows_are_formulas_with_their_results() {
    let at = formula_at(&mut rendered(), SHEET_PROGRAMME);
    assert_eq!(at("C13"), "SUM(C14:C15)");
    assert_eq!(at("K16"), "SUM(K17:K17)");
    assert_eq!(at("C18"), "SUM(C13,C16)");
    assert_eq!(at("G18"), "SUM(G13,G16)");
    assert_eq!(at("L14"), "IF(C14=0,\"-\",D14/C14)");
    assert_eq!(at("M18"), "IF(D18=0,\"-\",E18/D18)");
    assert_eq!(at("N14"), "IF(C14=0,\"-\",G14/C14)");
    // Agency figures are plain numbers.
    assert_eq!(at("C14"), "");
}

#[test]
fn the_title_block_header_and_footnote_follow_the_task_report() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_PROGRAMME).unwrap();
    let text = |row, col| {
        range
            .get_value((row, col))
            .and_then(|v| v.get_string())
            .unwrap_or("")
    };
    assert_eq!(text(0, 0), "UBND TỈNH BÌNH AN");
    assert_eq!(text(0, 9), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(text(3, 9), "Bình An, ngày 23 tháng 6 năm 2025");
    assert_eq!(
        text(6, 0),
        "TỔNG HỢP TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC CỦA UBND TỈNH"
    );
    assert_eq!(text(7, 0), "Năm 2025");
    assert_eq!(
        text(8, 0),
        "(Các nội dung có thời hạn trình từ 01/01/2025 đến 31/12/2025; tình hình thực hiện đến \
         hết ngày 20/06/2025)"
    );
    let (top, sub) = (PROGRAMME_HEADER_ROW, PROGRAMME_HEADER_ROW + 1);
    assert_eq!(text(top, 2), "Số nội dung phải trình");
    assert_eq!(text(top, 3), "Đã trình");
    assert_eq!(
        (text(sub, 3), text(sub, 4), text(sub, 5), text(sub, 6)),
        ("Tổng", "Đúng hạn", "Quá hạn", "Đã ban hành")
    );
    assert_eq!(text(top, 7), "Chưa trình");
    assert_eq!((text(sub, 8), text(sub, 9)), ("Quá hạn", "Chưa đến hạn"));
    assert_eq!(text(top, 10), "Lùi thời gian trình");
    assert_eq!(text(top, 14), "Cùng kỳ năm 2024");
    assert_eq!(text(top, 17), "Ghi chú");
    let texts = text_cells(&range);
    for line in [
        "Tỷ lệ đã trình = số nội dung đã trình / số nội dung phải trình trong kỳ",
        "Tỷ lệ trình đúng hạn = số nội dung trình đúng hạn / số nội dung đã trình",
        "Tỷ lệ đã ban hành = số nội dung đã được ban hành / số nội dung phải trình trong kỳ",
        "Tỷ lệ có mẫu số bằng 0 được ghi “-”.",
        "Ngoài ra: 1 nội dung rút khỏi chương trình và 1 nội dung lùi sang kỳ khác không tính \
         trong kỳ; 1 dòng không đủ thông tin, xem sheet Kiểm tra dữ liệu.",
    ] {
        assert!(texts.iter().any(|t| t == line), "missing: {line}");
    }
}

#[test]
fn the_lists_show_items_with_real_dates_and_days() {
    let mut book = rendered();
    assert_eq!(
        book.sheet_names(),
        vec![
            SHEET_PROGRAMME,
            SHEET_PROGRAMME_OVERDUE,
            SHEET_PROGRAMME_DUE_SOON,
            SHEET_PROGRAMME_POSTPONED,
            SHEET_PROGRAMME_WITHDRAWN,
            SHEET_PROGRAMME_ITEMS,
            SHEET_FINDINGS,
        ]
    );
    let overdue = book.worksheet_range(SHEET_PROGRAMME_OVERDUE).unwrap();
    let cell = |r: &calamine::Range<calamine::Data>, row, col| r.get_value((row, col)).cloned();
    assert_eq!(
        overdue.get_value((0, 0)).and_then(|v| v.get_string()),
        Some("DANH SÁCH NỘI DUNG CHƯA TRÌNH, ĐÃ QUÁ HẠN (tính đến hết ngày 20/06/2025)")
    );
    // STT, agency, content, leader, planned, deadline, days overdue: 31/03 → 20/06 is 81 days.
    assert_eq!(
        overdue.get_value((2, 1)).and_then(|v| v.get_string()),
        Some("Sở Tài chính")
    );
    assert_eq!(
        overdue.get_value((2, 4)).and_then(|v| v.get_string()),
        Some("Quý I/2025")
    );
    assert_eq!(
        overdue.get_value((2, 5)).and_then(|v| v.as_date()),
        Some(d(2025, 3, 31))
    );
    assert_eq!(cell(&overdue, 2, 6).and_then(|v| v.as_f64()), Some(81.0));
    assert_eq!(
        overdue.get_value((2, 9)).and_then(|v| v.get_string()),
        Some("ctct-2025.xlsx · Năm 2025 · dòng 9")
    );
    let soon = book.worksheet_range(SHEET_PROGRAMME_DUE_SOON).unwrap();
    assert_eq!(
        soon.get_value((0, 0)).and_then(|v| v.get_string()),
        Some("DANH SÁCH NỘI DUNG SẮP ĐẾN HẠN TRÌNH (hạn trình từ 20/06/2025 đến 31/07/2025)")
    );
    assert_eq!(soon.get_value((2, 6)).and_then(|v| v.as_f64()), Some(41.0));
    let postponed = book.worksheet_range(SHEET_PROGRAMME_POSTPONED).unwrap();
    // The item postponed inside the period, then the one moved out of it.
    assert_eq!(
        postponed.get_value((2, 4)).and_then(|v| v.get_string()),
        Some("Tháng 6/2025")
    );
    assert_eq!(
        postponed.get_value((2, 6)).and_then(|v| v.get_string()),
        Some("Có")
    );
    assert_eq!(
        postponed.get_value((3, 6)).and_then(|v| v.get_string()),
        Some("Không (lùi sang kỳ khác)")
    );
    assert_eq!(
        postponed.get_value((3, 5)).and_then(|v| v.as_date()),
        Some(d(2026, 2, 28))
    );
    let withdrawn = book.worksheet_range(SHEET_PROGRAMME_WITHDRAWN).unwrap();
    assert_eq!(
        withdrawn.get_value((2, 6)).and_then(|v| v.get_string()),
        Some("Rút khỏi chương trình")
    );
    let items = book.worksheet_range(SHEET_PROGRAMME_ITEMS).unwrap();
    // Submitted 10/03 under 12/TTr-SNV, issued 25/03 as 45/QĐ-UBND.
    assert_eq!(
        items.get_value((2, 7)).and_then(|v| v.as_date()),
        Some(d(2025, 3, 10))
    );
    assert_eq!(
        items.get_value((2, 8)).and_then(|v| v.get_string()),
        Some("12/TTr-SNV")
    );
    assert_eq!(
        items.get_value((2, 9)).and_then(|v| v.as_date()),
        Some(d(2025, 3, 25))
    );
    assert_eq!(
        items.get_value((2, 11)).and_then(|v| v.get_string()),
        Some("Đã trình đúng hạn, đã ban hành")
    );
}

#[test]
fn the_findings_sheet_names_the_programme_kinds() {
    let mut book = rendered();
    let range = book.worksheet_range(SHEET_FINDINGS).unwrap();
    let labels: Vec<(String, f64)> = (2..8)
        .map(|row| {
            (
                range
                    .get_value((row, 1))
                    .and_then(|v| v.get_string())
                    .unwrap_or_default()
                    .to_string(),
                range.get_value((row, 2)).and_then(|v| v.as_f64()).unwrap(),
            )
        })
        .collect();
    let label = |s: &str, n: f64| (s.to_string(), n);
    assert_eq!(
        labels,
        vec![
            label("Không đủ thông tin, không tính", 1.0),
            label("Cơ quan không có trong danh mục", 0.0),
            label("Tình trạng mâu thuẫn với ngày tháng", 0.0),
            label("Ô dữ liệu không đọc được", 0.0),
            label("Dòng không phải nội dung chương trình, bỏ qua", 1.0),
            label("Sheet không có bảng chương trình công tác, bỏ qua", 0.0),
        ]
    );
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    assert_eq!(
        programme_workbook_bytes(&report()).unwrap(),
        programme_workbook_bytes(&report()).unwrap()
    );
}
