//! `tiendo board` in a real browser: headless Chromium loads the page, runs its script and
//! gives back the rendered DOM (`--dump-dom`) or a screenshot. Without `chromium` on the PATH
//! the browser tests print a note and pass (a bare machine can still run `make test`); `.ci/run`
//! installs it and sets `TIENDO_BROWSER_TESTS=required`, which turns its absence into a failure.
//!
//! The hand-kept sheet below, cut off on 20/12/2025 (period 2025, every row assigned in 2025),
//! worked out by hand:
//!
//! | rows | agency | what | colour |
//! |---|---|---|---|
//! | 1–3 | Sở Tài chính | 1: due 05/01/2026, 11 + 5 = 16 days left (within 30: coming due); 2: completed 10/03 after 28/02 (late); 3: due 31/03/2026, 101 days left (not coming due) | amber |
//! | 4–7 | Sở Y tế | 4: due 10/11, 20 + 20 = 40 days overdue; 5: due 01/08, 30 + 30 + 31 + 30 + 20 = 141 days; 6: due 15/12, 5 days; 7: completed on time | red |
//! | 8–9 | Sở Tư pháp | 8: on time; 9: «Thường xuyên» (no deadline), open, assigned 01/05: 30 + 30 + 31 + 31 + 30 + 31 + 30 + 20 = 233 days > 90: stale | green |
//! | 10–12 | Ban Dân tộc | 10: due 19/12, 1 day overdue; 11: due 01/12, 19 days overdue; 12: due 30/12, 10 days left — their contents and one officer are HTML and script | red |
//! | 13 | UBND huyện Tân Hòa | completed on time | green |
//! | 14 | «<b>Phòng Lạ</b>» (not in the directory: last in report order) | completed on time | green |
//!
//! Report order is the directory's: Sở Tài chính, Sở Y tế, Sở Tư pháp, Ban Dân tộc, UBND huyện
//! Tân Hòa, then the name outside it. The board: red (Sở Y tế, Ban Dân tộc), amber (Sở Tài
//! chính), green (Sở Tư pháp, UBND huyện Tân Hòa, «<b>Phòng Lạ</b>»).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::harness::{self, assert_same, tiendo, vn_percent};

const SHEET: &str = "\
STT,Số ký hiệu,Ngày văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Ngày giao,Hạn xử lý,Hạn gia hạn,Ngày hoàn thành,Trạng thái,Chuyên viên theo dõi
1,201/UBND-KT,01/12/2025,Thẩm định giá đất,Sở Tài chính,01/12/2025,05/01/2026,,,,Trần Văn Bình
2,202/UBND-KT,01/02/2025,Quyết toán vốn đầu tư,Sở Tài chính,01/02/2025,28/02/2025,,10/03/2025,,Trần Văn Bình
3,203/UBND-KT,01/11/2025,Phân bổ vốn sự nghiệp,Sở Tài chính,01/11/2025,31/03/2026,,,,
4,301/UBND-VX,01/10/2025,Báo cáo tình hình dịch sốt xuất huyết,Sở Y tế,01/10/2025,10/11/2025,,,,Lê Thị Hồng
5,302/UBND-VX,01/06/2025,Rà soát trang thiết bị y tế,Sở Y tế,01/06/2025,01/08/2025,,,,Lê Thị Hồng
6,303/UBND-VX,01/12/2025,Kiểm tra an toàn thực phẩm,Sở Y tế,01/12/2025,15/12/2025,,,,Trần Văn Bình
7,304/UBND-VX,01/03/2025,Tổng kết công tác y tế,Sở Y tế,01/03/2025,31/03/2025,,25/03/2025,,Lê Thị Hồng
8,401/UBND-NC,01/02/2025,Góp ý dự thảo quy chế,Sở Tư pháp,01/02/2025,28/02/2025,,20/02/2025,,Phạm Minh Tuấn
9,402/UBND-NC,01/05/2025,Theo dõi thi hành pháp luật,Sở Tư pháp,01/05/2025,Thường xuyên,,,,Phạm Minh Tuấn
10,501/UBND-VX,01/11/2025,<script>document.title='XSS'</script>,Ban Dân tộc,01/11/2025,19/12/2025,,,,\"\"\"><img src=x onerror=\"\"document.body.setAttribute('data-xss','officer')\"\">\"
11,502/UBND-VX,01/11/2025,\"</script><script>document.body.setAttribute('data-xss','breakout')</script><!--\",Ban Dân tộc,01/11/2025,01/12/2025,,,,Lê Thị Hồng
12,503/UBND-VX,01/11/2025,\"<img src=x onerror=\"\"document.body.setAttribute('data-xss','img')\"\">\",Ban Dân tộc,01/11/2025,30/12/2025,,,,Lê Thị Hồng
13,601/UBND-TH,01/04/2025,Báo cáo kinh tế - xã hội quý I,UBND huyện Tân Hòa,01/04/2025,30/04/2025,,20/04/2025,,
14,701/UBND-TH,01/04/2025,Báo cáo tổng kết,<b>Phòng Lạ</b>,01/04/2025,30/04/2025,,20/04/2025,,
";

const DIRECTORY: &str = "\
Mã,Tên cơ quan,Nhóm,Khối thi đua
STC,Sở Tài chính,\"Sở, ban, ngành\",Khối tổng hợp
SYT,Sở Y tế,\"Sở, ban, ngành\",Khối văn hóa - xã hội
STP,Sở Tư pháp,\"Sở, ban, ngành\",Khối tổng hợp
BDT,Ban Dân tộc,\"Sở, ban, ngành\",Khối văn hóa - xã hội
HTH,UBND huyện Tân Hòa,UBND cấp huyện,Khối các huyện
";

/// The texts of rows 10–12 as the sheet holds them.
const SCRIPT_CONTENT: &str = "<script>document.title='XSS'</script>";
const BREAKOUT_CONTENT: &str =
    "</script><script>document.body.setAttribute('data-xss','breakout')</script><!--";
const IMG_CONTENT: &str = "<img src=x onerror=\"document.body.setAttribute('data-xss','img')\">";
const IMG_OFFICER: &str =
    "\"><img src=x onerror=\"document.body.setAttribute('data-xss','officer')\">";

/// Headless Chromium, when the machine has it.
struct Browser {
    program: PathBuf,
}

fn browser() -> Option<Browser> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|p| p.is_file())
    });
    match found {
        Some(program) => Some(Browser { program }),
        None if std::env::var("TIENDO_BROWSER_TESTS").as_deref() == Ok("required") => {
            panic!("TIENDO_BROWSER_TESTS=required but chromium is not on the PATH")
        }
        None => {
            // Straight to the terminal: the test harness captures print! and eprint!.
            let _ = writeln!(
                std::io::stderr(),
                "note: board browser test skipped: chromium is not installed \
                 (DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)"
            );
            None
        }
    }
}

impl Browser {
    /// Chromium with a profile of its own and nothing that reaches the network, on `url`.
    fn run(&self, extra: &[String], url: &str) -> Vec<u8> {
        let profile = harness::temp_dir();
        let mut child = Command::new(&self.program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(url)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let mut stdout = child.stdout.take().expect("chromium's output");
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
        });
        let started = Instant::now();
        while child.try_wait().expect("wait for chromium").is_none() {
            if started.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                panic!("chromium did not finish within 120 s on {url}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        reader
            .join()
            .expect("read chromium")
            .expect("chromium's output")
    }

    /// The DOM after the page's script ran.
    fn dom(&self, page: &Path, suffix: &str) -> Html {
        let out = self.run(&["--dump-dom".to_string()], &file_url(page, suffix));
        let text = String::from_utf8(out).expect("UTF-8 DOM");
        assert!(text.contains("</html>"), "no DOM from chromium:\n{text}");
        Html::parse_document(&text)
    }

    /// A screenshot of the viewport, `width` × `height` CSS pixels.
    fn screenshot(&self, page: &Path, suffix: &str, (width, height): (u32, u32), png: &Path) {
        self.run(
            &[
                format!("--screenshot={}", png.display()),
                format!("--window-size={width},{height}"),
            ],
            &file_url(page, suffix),
        );
    }
}

/// `file:///…/page.html?cv=Tr%E1%BA%A7n…`: `suffix` (a query and/or a fragment) with every
/// byte outside ASCII letters, digits and `?=&#-_.` percent-encoded.
fn file_url(page: &Path, suffix: &str) -> String {
    let mut url = format!("file://{}", page.display());
    for byte in suffix.bytes() {
        if byte.is_ascii_alphanumeric() || b"?=&#-_.".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).expect("a valid selector")
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>().trim().to_string()
}

/// The text of the first element under `el` matching `selector`.
fn text_in(el: ElementRef, selector: &str) -> String {
    el.select(&select(selector))
        .next()
        .map(text)
        .unwrap_or_else(|| panic!("no {selector} in {}", el.html()))
}

/// `1.287` → 1287.
fn number(shown: &str) -> u64 {
    shown
        .replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a count: «{shown}»"))
}

/// Write the hand sheet and its directory, run `tiendo board` on them, return the page.
fn hand_board(dir: &Path) -> PathBuf {
    let sheet = dir.join("theo-doi.csv");
    let directory = dir.join("danh-muc.csv");
    std::fs::write(&sheet, SHEET).unwrap();
    std::fs::write(&directory, DIRECTORY).unwrap();
    let run = tiendo(&[
        "board",
        &sheet.display().to_string(),
        "--agencies",
        &directory.display().to_string(),
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--out",
        &dir.display().to_string(),
        "--quiet",
    ])
    .ok();
    let page = dir.join("bang-tin-tien-do-2025-den-2025-12-20.html");
    assert_same!(run.stdout(), format!("{}\n", page.display()));
    page
}

/// The sample's options, shared by `figures` and `board`.
fn sample_args(command: &str) -> Vec<String> {
    let mut args = vec![command.to_string()];
    args.extend(
        ["ioffice-2021-2025.xlsx", "so-theo-doi-tay.csv"]
            .iter()
            .map(|f| harness::sample(f).display().to_string()),
    );
    args.extend(
        [
            "--config",
            &harness::sample("tiendo.toml").display().to_string(),
            "--period",
            "2025",
            "--as-of",
            "2025-12-20",
            "--quiet",
        ]
        .map(String::from),
    );
    args
}

fn sample_board(dir: &Path) -> PathBuf {
    let mut args = sample_args("board");
    args.extend(["--out".to_string(), dir.display().to_string()]);
    let run = tiendo(&args).ok();
    PathBuf::from(run.stdout().trim())
}

/// Each tile's agency name and colour class, in the board's order.
fn tiles(dom: &Html) -> Vec<(String, String)> {
    dom.select(&select("a.tile"))
        .map(|t| {
            let colour = ["red", "amber", "green"]
                .into_iter()
                .find(|c| {
                    t.value()
                        .has_class(c, scraper::CaseSensitivity::CaseSensitive)
                })
                .unwrap_or("none");
            (text_in(t, ".t-name"), colour.to_string())
        })
        .collect()
}

/// The tiles the filters leave shown.
fn shown_tiles(dom: &Html) -> Vec<String> {
    dom.select(&select("a.tile:not([hidden])"))
        .map(|t| text_in(t, ".t-name"))
        .collect()
}

/// An agency's dialog, found from its tile.
fn dialog<'a>(dom: &'a Html, name: &str) -> ElementRef<'a> {
    let tile = dom
        .select(&select("a.tile"))
        .find(|t| text_in(*t, ".t-name") == name)
        .unwrap_or_else(|| panic!("no tile for {name}"));
    let id = tile.value().attr("data-agency").expect("the tile's dialog");
    dom.select(&select(&format!("dialog#{id}")))
        .next()
        .unwrap_or_else(|| panic!("no dialog {id}"))
}

/// The counts' names in `figures --format json` and in the board's cells: total, completed,
/// on time, late, not completed, within, overdue, no deadline.
fn count_keys() -> [&'static str; 8] {
    tiendo::render::labels::ALL_COUNTS.map(|c| c.key)
}

/// The eight counts of a dialog's figures table.
fn dialog_counts(d: ElementRef) -> [u64; 8] {
    count_keys().map(|key| number(&text_in(d, &format!("td[data-key={key}]"))))
}

/// A list's rows (overdue, due-soon or stale) as (document, content, deadline, days, officer),
/// and whether the filters hid each.
fn rows(d: ElementRef, list: &str) -> Vec<([String; 5], bool)> {
    d.select(&select(&format!("section.list.{list} tbody tr")))
        .map(|tr| {
            let cells: Vec<String> = tr.select(&select("td")).map(text).collect();
            let cells: [String; 5] = cells.try_into().expect("five cells a row");
            (cells, tr.value().attr("hidden").is_some())
        })
        .collect()
}

fn row(cells: [&str; 5]) -> ([String; 5], bool) {
    (cells.map(String::from), false)
}

#[test]
fn hand_sheet_board_shows_the_hand_worked_figures_colours_and_lists() {
    let Some(browser) = browser() else { return };
    let dir = harness::temp_dir();
    let dom = browser.dom(&hand_board(dir.path()), "");
    // The script ran.
    assert!(
        dom.select(&select("body.js")).next().is_some(),
        "the page's script did not run"
    );
    assert_same!(
        tiles(&dom),
        [
            ("Sở Y tế", "red"),
            ("Ban Dân tộc", "red"),
            ("Sở Tài chính", "amber"),
            ("Sở Tư pháp", "green"),
            ("UBND huyện Tân Hòa", "green"),
            ("<b>Phòng Lạ</b>", "green"),
        ]
        .map(|(n, c)| (n.to_string(), c.to_string()))
    );
    // [total, completed, on time, late, not completed, within, overdue, no deadline]
    for (name, counts) in [
        ("Sở Tài chính", [3, 1, 0, 1, 2, 2, 0, 0]),
        ("Sở Y tế", [4, 1, 1, 0, 3, 0, 3, 0]),
        ("Sở Tư pháp", [2, 1, 1, 0, 1, 1, 0, 1]),
        ("Ban Dân tộc", [3, 0, 0, 0, 3, 1, 2, 0]),
        ("UBND huyện Tân Hòa", [1, 1, 1, 0, 0, 0, 0, 0]),
        ("<b>Phòng Lạ</b>", [1, 1, 1, 0, 0, 0, 0, 0]),
    ] {
        assert_same!(dialog_counts(dialog(&dom, name)), counts, "{name}");
    }
    // Province: 14 tasks, 5 completed (4 on time), 5 overdue; 2 coming due, 1 stale.
    let body = dom.root_element();
    for (class, shown) in [
        (".s-total", "14"),
        (".s-completed", "5"),
        (".s-completion", "35,7%"), // 5 / 14
        (".s-on-time", "4"),
        (".s-on-time-rate", "80,0%"), // 4 / 5
        (".s-overdue", "5"),
        (".s-due-soon", "2"),
        (".s-stale", "1"),
        (".summary .b-30", "3"),   // 5, 1 and 19 days
        (".summary .b-90", "1"),   // 40 days
        (".summary .b-over", "1"), // 141 days
        (".n-red", "2"),
        (".n-amber", "1"),
        (".n-green", "3"),
    ] {
        assert_same!(text_in(body, class), shown, "{class}");
    }
    let health = dom
        .select(&select("a.tile"))
        .find(|t| text_in(*t, ".t-name") == "Sở Y tế")
        .unwrap();
    for (class, shown) in [
        (".f-overdue", "3"),
        (".f-due-soon", "0"),
        (".r-completion", "25,0%"),
        (".f-total", "4"),
        (".f-completed", "1"),
        (".b-30", "1"),
        (".b-90", "1"),
        (".b-over", "1"),
    ] {
        assert_same!(text_in(health, class), shown, "Sở Y tế {class}");
    }
    // Most overdue first.
    assert_same!(
        rows(dialog(&dom, "Sở Y tế"), "overdue"),
        [
            row([
                "302/UBND-VX ngày 01/06/2025",
                "Rà soát trang thiết bị y tế",
                "01/08/2025",
                "quá 141 ngày",
                "Lê Thị Hồng",
            ]),
            row([
                "301/UBND-VX ngày 01/10/2025",
                "Báo cáo tình hình dịch sốt xuất huyết",
                "10/11/2025",
                "quá 40 ngày",
                "Lê Thị Hồng",
            ]),
            row([
                "303/UBND-VX ngày 01/12/2025",
                "Kiểm tra an toàn thực phẩm",
                "15/12/2025",
                "quá 5 ngày",
                "Trần Văn Bình",
            ]),
        ]
    );
    let finance = dialog(&dom, "Sở Tài chính");
    assert_same!(
        rows(finance, "due-soon"),
        [row([
            "201/UBND-KT ngày 01/12/2025",
            "Thẩm định giá đất",
            "05/01/2026",
            "còn 16 ngày",
            "Trần Văn Bình",
        ])]
    );
    assert!(rows(finance, "overdue").is_empty());
    assert_same!(
        rows(dialog(&dom, "Sở Tư pháp"), "stale"),
        [row([
            "402/UBND-NC ngày 01/05/2025",
            "Theo dõi thi hành pháp luật",
            "Không thời hạn",
            "đã giao 233 ngày, không thời hạn",
            "Phạm Minh Tuấn",
        ])]
    );
    let justice = dom
        .select(&select("a.tile"))
        .find(|t| text_in(*t, ".t-name") == "Sở Tư pháp")
        .unwrap();
    assert_same!(text_in(justice, ".f-stale"), "1");
    // No dialog is open until asked.
    assert!(dom.select(&select("dialog[open]")).next().is_none());
}

#[test]
fn content_from_the_task_files_shows_as_text_and_runs_nothing() {
    let Some(browser) = browser() else { return };
    let dir = harness::temp_dir();
    let page = hand_board(dir.path());
    let dom = browser.dom(&page, "");
    // No script of the sheet's ran: the title is the board's, nothing marked the body, and
    // the only script and no image are the page's own.
    let title = text_in(dom.root_element(), "title");
    assert_same!(
        title,
        "Bảng tin tiến độ thực hiện nhiệm vụ — số liệu đến hết ngày 20/12/2025"
    );
    assert!(dom.select(&select("[data-xss]")).next().is_none());
    assert_same!(dom.select(&select("script")).count(), 1);
    assert_same!(dom.select(&select("img")).count(), 0);
    // The agency named «<b>Phòng Lạ</b>» made no bold element of its own.
    assert!(dom.select(&select("b")).all(|b| text(b) != "Phòng Lạ"));
    // The texts show as they are in the sheet.
    let ethnic = dialog(&dom, "Ban Dân tộc");
    let contents: Vec<(String, String)> = ["overdue", "due-soon"]
        .iter()
        .flat_map(|list| rows(ethnic, list))
        .map(|(cells, _)| (cells[1].clone(), cells[4].clone()))
        .collect();
    assert_same!(
        contents,
        [
            (BREAKOUT_CONTENT, "Lê Thị Hồng"), // 19 days overdue
            (SCRIPT_CONTENT, IMG_OFFICER),     // 1 day
            (IMG_CONTENT, "Lê Thị Hồng"),      // coming due
        ]
        .map(|(c, o)| (c.to_string(), o.to_string()))
    );
    let officers: Vec<String> = dom.select(&select("#f-officer option")).map(text).collect();
    assert_same!(
        officers,
        [
            "Tất cả chuyên viên",
            IMG_OFFICER,
            "Lê Thị Hồng",
            "Phạm Minh Tuấn",
            "Trần Văn Bình"
        ]
    );
    // Opening the agency with the scripts shows them too, and still runs none of them.
    let dom = browser.dom(&page, &format!("#{}", ethnic.value().id().unwrap()));
    assert_same!(dom.select(&select("dialog[open]")).count(), 1);
    assert!(dom.select(&select("[data-xss]")).next().is_none());
    assert_same!(text_in(dom.root_element(), "title"), title);
}

#[test]
fn filters_in_the_address_leave_the_matching_agencies() {
    let Some(browser) = browser() else { return };
    let dir = harness::temp_dir();
    let page = hand_board(dir.path());
    // Trần Văn Bình follows tasks of Sở Y tế (row 6) and Sở Tài chính (rows 1, 2); in Sở Y
    // tế's list only his task stays shown.
    let dom = browser.dom(&page, "?cv=Trần Văn Bình");
    assert_same!(shown_tiles(&dom), ["Sở Y tế", "Sở Tài chính"]);
    let hidden: Vec<bool> = rows(dialog(&dom, "Sở Y tế"), "overdue")
        .into_iter()
        .map(|(_, hidden)| hidden)
        .collect();
    assert_same!(hidden, [true, true, false]);
    assert_same!(
        text_in(dom.root_element(), "#f-count"),
        "Đang hiện 2/6 cơ quan"
    );
    // The search ignores case and diacritics, and reads the tasks too.
    assert_same!(
        shown_tiles(&browser.dom(&page, "?q=tu phap")),
        ["Sở Tư pháp"]
    );
    assert_same!(
        shown_tiles(&browser.dom(&page, "?q=THAM DINH GIA")),
        ["Sở Tài chính"]
    );
    assert_same!(
        shown_tiles(&browser.dom(&page, "?nhom=UBND cấp huyện")),
        ["UBND huyện Tân Hòa"]
    );
    assert_same!(
        shown_tiles(&browser.dom(&page, "?khoi=Khối tổng hợp")),
        ["Sở Tài chính", "Sở Tư pháp"]
    );
    // An agency's address, its name without marks, opens its dialog.
    let dom = browser.dom(&page, "#cq-so-y-te");
    let open: Vec<String> = dom
        .select(&select("dialog[open]"))
        .map(|d| text_in(d, "h2"))
        .collect();
    assert_same!(open, ["Sở Y tế"]);
}

/// Per agency, the counts `figures --format json` prints for the same options.
fn figures_rows(out: &Value) -> Vec<(String, [u64; 8])> {
    out["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let counts = count_keys().map(|k| r[k].as_u64().expect("a count"));
            (r["key"].as_str().expect("a key").to_string(), counts)
        })
        .collect()
}

#[test]
fn sample_board_holds_the_figures_of_figures_for_the_same_options() {
    let Some(browser) = browser() else { return };
    let figures = tiendo(&{
        let mut args = sample_args("figures");
        args.extend(["--format".to_string(), "json".to_string()]);
        args
    })
    .ok()
    .json();
    let expected = figures_rows(&figures);
    let dir = harness::temp_dir();
    let dom = browser.dom(&sample_board(dir.path()), "");
    // Every agency of the figures, with the same counts (read in the figures' order).
    let got: Vec<(String, [u64; 8])> = expected
        .iter()
        .map(|(name, _)| (name.clone(), dialog_counts(dialog(&dom, name))))
        .collect();
    assert_same!(got, expected);
    let shown = tiles(&dom);
    assert_same!(shown.len(), expected.len());
    // Red exactly where the figures have overdue tasks, first, in the figures' order.
    let red: Vec<String> = expected
        .iter()
        .filter(|(_, c)| c[6] > 0)
        .map(|(n, _)| n.clone())
        .collect();
    let board_red: Vec<String> = shown
        .iter()
        .take_while(|(_, colour)| colour == "red")
        .map(|(n, _)| n.clone())
        .collect();
    assert_same!(board_red, red);
    // Amber before green, and every tile's own numbers agree with its figures.
    let colours: Vec<&str> = shown.iter().map(|(_, c)| c.as_str()).collect();
    let mut sorted = colours.clone();
    sorted.sort_by_key(|c| ["red", "amber", "green"].iter().position(|x| x == c));
    assert_same!(colours, sorted);
    for tile in dom.select(&select("a.tile")) {
        let name = text_in(tile, ".t-name");
        let (_, c) = expected.iter().find(|(n, _)| *n == name).unwrap();
        assert_same!(number(&text_in(tile, ".f-total")), c[0], "{name}");
        assert_same!(number(&text_in(tile, ".f-completed")), c[1], "{name}");
        assert_same!(number(&text_in(tile, ".f-overdue")), c[6], "{name}");
        assert_same!(
            text_in(tile, ".r-completion"),
            vn_percent(c[1], c[0]),
            "{name}"
        );
        let due_soon = number(&text_in(tile, ".f-due-soon"));
        let amber = tile
            .value()
            .has_class("amber", scraper::CaseSensitivity::CaseSensitive);
        assert!(
            amber == (c[6] == 0 && due_soon > 0),
            "{name}: amber {amber} with {due_soon} coming due"
        );
    }
    let total = &figures["total"];
    let body = dom.root_element();
    for (class, key) in [
        (".s-total", "total"),
        (".s-completed", "completed"),
        (".s-on-time", "on_time"),
        (".s-overdue", "overdue"),
    ] {
        assert_same!(
            number(&text_in(body, class)),
            total[key].as_u64().unwrap(),
            "{class}"
        );
    }
    // The age bands add up to the overdue count, per agency and in total.
    let bands = |el: ElementRef| -> u64 {
        [".b-30", ".b-90", ".b-over"]
            .iter()
            .map(|c| number(&text_in(el, c)))
            .sum::<u64>()
            + el.select(&select(".b-unknown"))
                .next()
                .map_or(0, |b| number(&text(b)))
    };
    let summary = dom.select(&select(".summary")).next().unwrap();
    assert_same!(bands(summary), total["overdue"].as_u64().unwrap());
    for tile in dom.select(&select("a.tile.red")) {
        assert_same!(bands(tile), number(&text_in(tile, ".f-overdue")));
    }
}

/// Width and height from a PNG's header.
fn png_size(png: &Path) -> (u32, u32) {
    let bytes = std::fs::read(png).expect("the screenshot");
    assert_same!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

// The screenshots go to target/tmp/board-screenshots/ to be looked at.
#[test]
fn screenshots_of_the_sample_board_wide_and_narrow() {
    let Some(browser) = browser() else { return };
    let dir = harness::temp_dir();
    let page = sample_board(dir.path());
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("board-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let dom = browser.dom(&page, "");
    let first = dom
        .select(&select("a.tile"))
        .next()
        .and_then(|t| t.value().attr("data-agency"))
        .unwrap()
        .to_string();
    for (name, suffix, size) in [
        ("lobby-1920x1080.png", String::new(), (1920, 1080)),
        ("phone-390x844.png", String::new(), (390, 844)),
        ("agency-1920x1080.png", format!("#{first}"), (1920, 1080)),
        ("agency-390x844.png", format!("#{first}"), (390, 844)),
    ] {
        let png = shots.join(name);
        let _ = std::fs::remove_file(&png);
        browser.screenshot(&page, &suffix, size, &png);
        assert_same!(png_size(&png), size, "{name}");
        // A blank page compresses to a few hundred bytes; a drawn board does not.
        assert!(
            std::fs::metadata(&png).unwrap().len() > 20_000,
            "{name} looks blank"
        );
    }
}

#[test]
fn the_board_is_one_file_with_no_external_address() {
    let dir = harness::temp_dir();
    let mut args = sample_args("board");
    args.extend(
        [
            "--out",
            &dir.path().display().to_string(),
            "--refresh",
            "300",
            "--generated-at",
            "20/12/2025 08:00",
        ]
        .map(String::from),
    );
    let run = tiendo(&args).ok();
    let page = dir.path().join("bang-tin-tien-do-2025-den-2025-12-20.html");
    assert_same!(run.stdout(), format!("{}\n", page.display()));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_same!(files.len(), 1);
    let html = std::fs::read_to_string(&page).unwrap();
    for needle in [
        "http://",
        "https://",
        "src=\"//",
        "href=\"//",
        "@import",
        "url(",
        "<link",
    ] {
        assert!(!html.contains(needle), "the page holds {needle}");
    }
    assert!(html.contains(r#"<meta http-equiv="refresh" content="300">"#));
    assert!(html.contains("08:00 ngày 20/12/2025"));
    assert!(html.contains("ioffice-2021-2025.xlsx, so-theo-doi-tay.csv"));
}

#[test]
fn refresh_and_generation_time_are_checked_when_read() {
    let input = harness::fixture("so_theo_doi.csv");
    tiendo(&["board", &input, "--period", "2025", "--refresh", "0"])
        .fails_with(2)
        .stderr_has("lỗi: giá trị «0» không hợp lệ cho --refresh");
    tiendo(&["board", &input, "--period", "2025", "--generated-at", "20/12/2025"])
        .fails_with(2)
        .stderr_has(
            "lỗi: giá trị «20/12/2025» không hợp lệ cho --generated-at: thời điểm «20/12/2025» không hợp lệ",
        );
}
