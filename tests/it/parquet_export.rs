//! `tiendo export --parquet`: the classified task table, partitioned by year of assignment,
//! read back with polars and counted again here — independently of tiendo's own reader —
//! against the hand count of the fixtures (tests/it/cli.rs holds the working) and against
//! `tiendo figures` for the same cut-off and structure.
//!
//! Whole 2025 at the cut-off 31/12/2025, restated to the structure of that day: 10 tasks =
//! 4 on time + 1 late + 2 within + 3 overdue —
//! - Sở Tài chính 3: NV-001 (Sở KH&ĐT, merged into it on 01/03/2025) and NV-011 on time,
//!   NV-012 (due 31/07, open) overdue;
//! - Sở Y tế 3: NV-002 (hand copy completed 14/02 ≤ 15/02) and NV-003 (15/04 ≤ extended 30/04)
//!   on time, the hand-only 30/TB-UBND (due 28/02, open) overdue;
//! - Sở Tư pháp 1: NV-004 "Thường xuyên", within;
//! - UBND huyện Đông Hòa 2: NV-006 (completed 10/07 after 15/05) late, NV-005 (due 30/04, open)
//!   overdue;
//! - Sở Ngoại vụ 1 (not in the directory): NV-007 (due 31/12) within.
//!
//! NV-013 was assigned on 20/12/2024, so it lands in `year=2024`. NV-008 (withdrawn) and
//! NV-009 / NV-010 (no agency / no date) are not countable: they are in `_left_out.parquet`,
//! not in the year files (tests/it/warehouse.rs reads the other files of the warehouse).

use crate::harness;
use crate::harness::assert_same;

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{fixture, tiendo};
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use polars_io::parquet::read::ParquetReader;
use serde_json::Value;

/// [on time, late, within, overdue] — the status codes the export writes, in that order.
const CODES: [&str; 4] = [
    "dung_han",
    "qua_han_da_hoan_thanh",
    "trong_han",
    "qua_han_chua_hoan_thanh",
];

fn hand_count_2025() -> BTreeMap<String, [u64; 4]> {
    [
        ("Sở Tài chính", [2, 0, 0, 1]),
        ("Sở Y tế", [2, 0, 0, 1]),
        ("Sở Tư pháp", [0, 0, 1, 0]),
        ("UBND huyện Đông Hòa", [0, 1, 0, 1]),
        ("Sở Ngoại vụ", [0, 0, 1, 0]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn export_into(dir: &Path) -> Vec<String> {
    let run = tiendo(&[
        "export".to_string(),
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        "--agencies".into(),
        fixture("agencies.csv"),
        "--parquet".into(),
        dir.display().to_string(),
        "--as-of".into(),
        "2025-12-31".into(),
        "--quiet".into(),
    ])
    .ok();
    run.stdout().lines().map(String::from).collect()
}

pub(crate) fn read(path: &Path) -> DataFrame {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    ParquetReader::new(file)
        .finish()
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub(crate) fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .unwrap_or_else(|e| panic!("column {name}: {e}"))
        .str()
        .unwrap_or_else(|e| panic!("column {name} is not text: {e}"))
        .iter()
        .map(|v| v.map(String::from))
        .collect()
}

fn dates(df: &DataFrame, name: &str) -> Vec<Option<NaiveDate>> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    let column = df
        .column(name)
        .unwrap_or_else(|e| panic!("column {name}: {e}"));
    assert_same!(column.dtype(), &DataType::Date, "column {name}");
    let days = column.cast(&DataType::Int32).expect("date as days");
    days.i32()
        .expect("days")
        .iter()
        .map(|d| d.map(|d| epoch + chrono::Duration::days(i64::from(d))))
        .collect()
}

/// Per agency, [on time, late, within, overdue] of the tasks assigned in `year`, counted
/// row by row from the `agency`, `status` and `assigned` columns.
fn count_by_agency(frames: &[DataFrame], year: i32) -> BTreeMap<String, [u64; 4]> {
    let mut out: BTreeMap<String, [u64; 4]> = BTreeMap::new();
    for df in frames {
        let agencies = strings(df, "agency");
        let statuses = strings(df, "status");
        let assigned = dates(df, "assigned");
        for ((agency, status), assigned) in agencies.iter().zip(&statuses).zip(&assigned) {
            let assigned = assigned.expect("every exported task has an assignment date");
            if assigned.year() != year {
                continue;
            }
            let status = status.as_deref().expect("every exported task has a status");
            let slot = CODES
                .iter()
                .position(|c| *c == status)
                .unwrap_or_else(|| panic!("unknown status code {status}"));
            out.entry(agency.clone().expect("agency")).or_default()[slot] += 1;
        }
    }
    out
}

#[test]
fn export_writes_one_partition_per_year_of_assignment() {
    let dir = harness::temp_dir();
    let printed = export_into(dir.path());
    let y2024 = dir.path().join("year=2024").join("part-0.parquet");
    let y2025 = dir.path().join("year=2025").join("part-0.parquet");
    let beside = |name: &str| dir.path().join(name).display().to_string();
    assert_same!(
        printed,
        [
            y2024.display().to_string(),
            y2025.display().to_string(),
            beside("_left_out.parquet"),
            beside("_merged.parquet"),
            beside("_findings.parquet"),
            beside("_tiendo.json"),
        ]
    );
    let mut folders: Vec<String> = std::fs::read_dir(dir.path())
        .expect("export folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_same!(
        folders,
        [
            "_findings.parquet",
            "_left_out.parquet",
            "_merged.parquet",
            "_tiendo.json",
            "year=2024",
            "year=2025"
        ]
    );

    // 2024 holds NV-013 only: assigned 20/12/2024, completed 10/01/2025 before its 15/01/2025
    // deadline — on time at 31/12/2025, for Sở Y tế.
    let old = read(&y2024);
    assert_same!(old.height(), 1);
    assert_same!(strings(&old, "task_id"), [Some("NV-013".to_string())]);
    assert_same!(strings(&old, "status"), [Some("dung_han".to_string())]);
    assert_same!(strings(&old, "agency"), [Some("Sở Y tế".to_string())]);
    assert_same!(
        dates(&old, "assigned"),
        [NaiveDate::from_ymd_opt(2024, 12, 20)]
    );
    // 2025 holds the ten countable tasks of the hand count, merged copies counted once.
    assert_same!(read(&y2025).height(), 10);
}

#[test]
fn exported_statuses_recount_to_the_hand_count_and_to_figures() {
    let dir = harness::temp_dir();
    export_into(dir.path());
    let frames: Vec<DataFrame> = ["year=2024", "year=2025"]
        .iter()
        .map(|y| read(&dir.path().join(y).join("part-0.parquet")))
        .collect();
    let recounted = count_by_agency(&frames, 2025);
    assert_same!(recounted, hand_count_2025());
    let total = recounted.values().fold([0u64; 4], |mut acc, c| {
        acc.iter_mut().zip(c).for_each(|(a, b)| *a += b);
        acc
    });
    assert_same!(total, [4, 1, 2, 3]);

    let figures = tiendo(&[
        "figures".to_string(),
        fixture("ioffice_2025.xlsx"),
        fixture("so_theo_doi.csv"),
        "--agencies".into(),
        fixture("agencies.csv"),
        "--period".into(),
        "2025".into(),
        "--restate-to".into(),
        "2025-12-31".into(),
        "--format".into(),
        "json".into(),
        "--quiet".into(),
    ])
    .ok()
    .json();
    let from_figures: BTreeMap<String, [u64; 4]> = figures["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {r}"));
            let key = r["key"].as_str().expect("key").to_string();
            (key, [n("on_time"), n("late"), n("within"), n("overdue")])
        })
        .collect();
    assert_same!(recounted, from_figures);
    assert_same!(
        figures["total"]["total"],
        Value::from(10),
        "figures total: {}",
        figures["total"]
    );
}

#[test]
fn exported_rows_keep_their_source_location_and_overdue_days() {
    let dir = harness::temp_dir();
    export_into(dir.path());
    let df = read(&dir.path().join("year=2025").join("part-0.parquet"));
    let ids = strings(&df, "task_id");
    let at = |id: &str| {
        ids.iter()
            .position(|t| t.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("{id} not exported: {ids:?}"))
    };
    let files = strings(&df, "source_file");
    let sheets = strings(&df, "source_sheet");
    let rows: Vec<Option<u32>> = df
        .column("source_row")
        .expect("source_row")
        .u32()
        .expect("source_row is u32")
        .iter()
        .collect();
    // NV-001 is the first task row of the sheet «Nhiệm vụ»: title rows 1–2, header rows 4–5,
    // column numbers on row 6, data from row 7. Its hand copy (10/UBND-KT) is merged into it.
    let nv001 = at("NV-001");
    let file = files[nv001].clone().expect("source_file");
    assert_same!(
        Path::new(&file).file_name().and_then(|f| f.to_str()),
        Some("ioffice_2025.xlsx"),
        "source_file {file}"
    );
    assert_same!(sheets[nv001].as_deref(), Some("Nhiệm vụ"));
    assert_same!(rows[nv001], Some(7));
    assert_same!(
        strings(&df, "agency")[nv001].as_deref(),
        Some("Sở Tài chính")
    );
    assert_same!(
        strings(&df, "agency_raw")[nv001].as_deref(),
        Some("Sở KH&ĐT")
    );

    // Days overdue at 31/12/2025: NV-012 due 31/07 → 31+30+31+30+31 = 153;
    // NV-005 due 30/04 → 31+30+31+31+30+31+30+31 = 245. On-time NV-001 has none.
    let overdue: Vec<Option<i64>> = df
        .column("days_overdue")
        .expect("days_overdue")
        .i64()
        .expect("days_overdue is i64")
        .iter()
        .collect();
    assert_same!(overdue[at("NV-012")], Some(153));
    assert_same!(overdue[at("NV-005")], Some(245));
    assert_same!(overdue[nv001], None);
}
