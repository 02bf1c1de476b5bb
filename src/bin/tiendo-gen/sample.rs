//! `tiendo-gen sample`: the committed sample data of the fictional tỉnh Bình An, 2021–2025,
//! and its ground truth. One seed drives independent generator streams for the task list, the
//! row quirks, the hand sheet, the status texts and the cell-level quirks of each file; the
//! work programme of 2024–2025 has a stream of its own.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::Datelike;

use crate::directory::{self, ymd};
use crate::planted::Tally;
use crate::rng::SplitMix64;
use crate::tasks::{Generator, Plan, Source, Task, plant_row_quirks, set_status_texts};
use crate::truth::{self, Basis, Expected, Outcome, ReportSpec, status_at};
use crate::vocab::DocKind;
use crate::{hand_sheet, ioffice, programme, programme_truth, readme};

pub const DEFAULT_SEED: u64 = 20_251_231;

/// The work programme's own random stream, drawn from the seed apart from the task sample's
/// streams, so that neither changes when the other does.
const PROGRAMME_STREAM: u64 = 0x5052_4f47_5241_4d4d;

/// The sample programme workbook and its ground truth.
pub const PROGRAMME_FILE: &str = "chuong-trinh-cong-tac-2024-2025.xlsx";
pub const PROGRAMME_EXPECTED: &str = "expected-programme.json";

/// Tasks grow ~10 % a year (900 → 1318); the drawn on-time share climbs from 68 % to 91 %,
/// which year-end reports show as about 76 % → 92 % (late tasks still open at a cut-off drop
/// out of the completed ones).
pub fn plan() -> Plan {
    Plan {
        first_year: 2021,
        tasks_per_year: vec![900, 990, 1089, 1198, 1318],
        on_time_share: vec![0.68, 0.74, 0.81, 0.86, 0.91],
        export_day: ymd(2025, 12, 31),
        content_chars: (60, 200),
        allow_lists: true,
        unknown_share: 0.005,
        id_prefix: "NV-",
        kinds: DocKind::ALL.to_vec(),
    }
}

/// The reports `expected.json` gives figures for: the seven the brief names, then the earlier
/// full years so a trend can be checked.
pub fn reports() -> Vec<ReportSpec> {
    let spec = |period, start, end, as_of, basis| ReportSpec {
        period,
        start,
        end,
        as_of,
        basis,
    };
    let (y25s, y25e) = (ymd(2025, 1, 1), ymd(2025, 12, 31));
    vec![
        spec("2025", y25s, y25e, y25e, Basis::Assigned),
        spec(
            "2025-H1",
            y25s,
            ymd(2025, 6, 30),
            ymd(2025, 6, 30),
            Basis::Assigned,
        ),
        spec(
            "2024",
            ymd(2024, 1, 1),
            ymd(2024, 12, 31),
            ymd(2024, 12, 31),
            Basis::Assigned,
        ),
        spec(
            "2023-Q3",
            ymd(2023, 7, 1),
            ymd(2023, 9, 30),
            ymd(2023, 9, 30),
            Basis::Assigned,
        ),
        spec(
            "2025-02",
            ymd(2025, 2, 1),
            ymd(2025, 2, 28),
            ymd(2025, 2, 21),
            Basis::Assigned,
        ),
        spec("2025", y25s, y25e, ymd(2025, 11, 20), Basis::Assigned),
        spec("2025", y25s, y25e, y25e, Basis::Due),
        // Earlier full years, for the trend (2021 → 2025).
        spec(
            "2021",
            ymd(2021, 1, 1),
            ymd(2021, 12, 31),
            ymd(2021, 12, 31),
            Basis::Assigned,
        ),
        spec(
            "2022",
            ymd(2022, 1, 1),
            ymd(2022, 12, 31),
            ymd(2022, 12, 31),
            Basis::Assigned,
        ),
        spec(
            "2023",
            ymd(2023, 1, 1),
            ymd(2023, 12, 31),
            ymd(2023, 12, 31),
            Basis::Assigned,
        ),
    ]
}

/// Counts the quirks that live in the latent facts rather than in one cell.
fn tally_facts(tasks: &[Task], export_day: chrono::NaiveDate, tally: &mut Tally) {
    for t in tasks.iter().filter(|t| t.source == Source::Export) {
        if let Some(text) = t.cancel {
            tally.add(&format!("cancelled: \"{text}\""));
        }
        if let (Some(ext), Some(orig)) = (t.extended, t.deadline()) {
            tally.add("extended deadline (Hạn gia hạn)");
            if t.facts().completed.is_some_and(|c| c > orig && c <= ext) {
                tally.add("finished after the original deadline, by the extended one");
            }
        }
        if let (Some(c), Some(p)) = (t.facts().completed, t.period_date())
            && c.year() > p.year()
        {
            tally.add("completed in a later year than assigned");
        }
        if t.cancel.is_none() && !t.is_excluded() {
            match status_at(&t.facts(), export_day) {
                Outcome::Within => tally.add("open at 31/12/2025, within deadline"),
                Outcome::Overdue => tally.add("open at 31/12/2025, overdue"),
                _ => {}
            }
        }
    }
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Generates every sample file into `out`; returns a summary to print.
pub fn run(out: &Path, seed: u64) -> Result<String> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("không tạo được thư mục {}", out.display()))?;
    let dir = directory::province();
    let base = plan();
    let export_day = base.export_day;
    let mut root = SplitMix64::new(seed);
    let mut g = Generator {
        rng: root.fork(),
        dir: &dir,
        plan: base.clone(),
        seen: Some(HashSet::new()),
    };
    let mut tasks = g.generate();
    let seen = g.seen.take().unwrap_or_default();
    let mut tally = Tally::default();
    plant_row_quirks(&mut root.fork(), &mut tasks, &mut tally);
    let (own, _) = hand_sheet::plan(&mut root.fork(), &dir, &mut tasks, &base, seen, &mut tally);
    tasks.extend(own);
    set_status_texts(&mut tasks, export_day, &mut root.fork());
    tally_facts(&tasks, export_day, &mut tally);

    directory::write_xlsx(&dir, &out.join("danh-muc-co-quan.xlsx"))?;
    directory::write_csv(&dir, &out.join("danh-muc-co-quan.csv"))?;
    let export: Vec<&Task> = tasks
        .iter()
        .filter(|t| t.source == Source::Export)
        .collect();
    let export_path = out.join("ioffice-2021-2025.xlsx");
    let sheets = ioffice::write_sample(
        &export_path,
        &export,
        &dir,
        export_day,
        &mut root.fork(),
        &mut tally,
    )?;
    let hand_rows = hand_sheet::write(
        &out.join("so-theo-doi-tay.csv"),
        &tasks,
        &dir,
        export_day,
        &mut root.fork(),
        &mut tally,
    )?;
    let expected: Vec<Expected> = reports()
        .iter()
        .map(|s| truth::expected(&tasks, &dir, s))
        .collect();
    let json = serde_json::to_string_pretty(&expected)? + "\n";
    std::fs::write(out.join("expected.json"), json)?;
    let mut stream = SplitMix64::new(seed ^ PROGRAMME_STREAM);
    let items = programme::items(&mut stream.fork(), &dir);
    let mut programme_tally = Tally::default();
    let programme_sheets = programme::write(
        &out.join(PROGRAMME_FILE),
        &items,
        &dir,
        &mut stream.fork(),
        &mut programme_tally,
    )?;
    let programme_expected: Vec<programme_truth::Expected> = programme_truth::reports()
        .iter()
        .map(|spec| programme_truth::expected(&items, &dir, spec))
        .collect();
    let json = serde_json::to_string_pretty(&programme_expected)? + "\n";
    std::fs::write(out.join(PROGRAMME_EXPECTED), json)?;
    let programme_section =
        readme::programme_section(&programme_tally, &programme_expected, &programme_sheets);
    readme::write(
        &out.join("README.md"),
        &tally,
        &expected,
        &sheets,
        hand_rows,
        &dir,
        &programme_section,
    )?;

    let mut s = String::new();
    for name in [
        "danh-muc-co-quan.xlsx",
        "danh-muc-co-quan.csv",
        "ioffice-2021-2025.xlsx",
        "so-theo-doi-tay.csv",
        "expected.json",
        PROGRAMME_FILE,
        PROGRAMME_EXPECTED,
        "README.md",
    ] {
        let _ = writeln!(
            s,
            "{:>9} B  {}",
            size(&out.join(name)),
            out.join(name).display()
        );
    }
    for (sheet, n) in &sheets {
        let _ = writeln!(s, "  {sheet}: {n} dòng nhiệm vụ");
    }
    let _ = writeln!(s, "  so-theo-doi-tay.csv: {hand_rows} dòng");
    for e in &expected {
        let t = &e.total;
        let _ = writeln!(
            s,
            "{} (đến {}, {:?}): tổng {} = {} hoàn thành ({} đúng hạn, {} quá hạn) + {} chưa ({} trong hạn, {} quá hạn); không hạn {}; loại {}, hủy {}, gộp {}",
            e.period,
            e.as_of,
            e.basis,
            t.total,
            t.completed,
            t.on_time,
            t.late,
            t.not_completed,
            t.within,
            t.overdue,
            t.no_deadline,
            e.excluded,
            e.cancelled,
            e.duplicates_merged
        );
    }
    for (kind, n) in tally.entries() {
        let _ = writeln!(s, "  {n:>5}  {kind}");
    }
    for (sheet, n) in &programme_sheets {
        let _ = writeln!(s, "  {PROGRAMME_FILE}, {sheet}: {n} nội dung");
    }
    for e in &programme_expected {
        let [
            planned,
            submitted,
            on_time,
            late,
            issued,
            open,
            overdue,
            not_yet,
            moved,
            withdrawn,
            left_out,
            moved_out,
        ] = e.figures();
        let _ = writeln!(
            s,
            "chương trình {} (đến {}): phải trình {planned} = đã trình {submitted} ({on_time} đúng hạn, {late} quá hạn; {issued} đã ban hành) + chưa trình {open} ({overdue} quá hạn, {not_yet} chưa đến hạn); lùi {moved}; rút {withdrawn}, loại {left_out}, lùi ra ngoài kỳ {moved_out}",
            e.period, e.as_of
        );
    }
    Ok(s)
}
