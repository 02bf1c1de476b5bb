//! A warehouse written by `tiendo export --parquet` read back as input: every task command
//! gives exactly what it gives from the original files — JSON of `figures`, `trend`,
//! `changes` and `rank`, the text of `brief` and `check`, the report's workbook cell by cell
//! (and its three files byte for byte) — at other periods, cut-offs, bases, deadline choices
//! and structures than the export's own, with or without the agency directory, from one
//! warehouse, from two (one per source, the duplicates between them merged again), from a
//! folder of warehouses and from a warehouse beside a workbook. The other files of the
//! warehouse are checked against the fixtures by hand, and the refusals of folders that are
//! not a whole warehouse.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde_json::Value;

use crate::harness::{self, assert_same, fixture, fixture_in, tiendo};
use crate::parquet_export::{read, strings};

fn fixtures() -> Vec<String> {
    vec![fixture("ioffice_2025.xlsx"), fixture("so_theo_doi.csv")]
}

fn sample_files() -> Vec<String> {
    vec![
        fixture_in("sample-data", "ioffice-2021-2025.xlsx"),
        fixture_in("sample-data", "so-theo-doi-tay.csv"),
    ]
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// `tiendo export <inputs> <options> --parquet <dir> --as-of <as_of> --quiet`.
fn export(inputs: &[String], options: &[&str], as_of: &str, dir: &Path) {
    let mut args = vec!["export".to_string()];
    args.extend(inputs.iter().cloned());
    args.extend(options.iter().map(|s| s.to_string()));
    args.extend([
        "--parquet".into(),
        path(dir),
        "--as-of".into(),
        as_of.into(),
    ]);
    args.push("--quiet".into());
    tiendo(&args).ok();
}

/// `tiendo <command> <inputs> <options>`: exit code, standard output and error.
fn run(command: &str, inputs: &[String], options: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![command.to_string()];
    args.extend(inputs.iter().cloned());
    args.extend(options.iter().map(|s| s.to_string()));
    let out = tiendo(&args);
    (out.output.status.code(), out.stdout(), out.stderr())
}

/// The same command from the files and from the warehouse inputs gives the same exit code,
/// output and warnings; the output is a real one (the command succeeded and printed).
fn same_from_both(files: &[String], warehouse: &[String], command: &str, options: &[&str]) {
    let from_files = run(command, files, options);
    let from_warehouse = run(command, warehouse, options);
    assert_same!(
        from_files.0,
        Some(0),
        "{command} {options:?} from the files: {}",
        from_files.2
    );
    assert!(
        from_files.1.len() > 100,
        "{command} {options:?} printed little: {}",
        from_files.1
    );
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    assert_same!(
        lines(&from_warehouse.1),
        lines(&from_files.1),
        "{command} {options:?}: output from the warehouse vs from the files"
    );
    assert_same!(
        (from_warehouse.0, lines(&from_warehouse.2)),
        (from_files.0, lines(&from_files.2)),
        "{command} {options:?}: exit code and warnings from the warehouse vs from the files"
    );
}

/// The commands (each the command's name, then its options) of a weekly, monthly and yearly
/// office routine on the fixtures (tasks of 20/12/2024 – 01/07/2025, the merger of
/// 01/03/2025 and the district dissolved on 01/07/2025), none of them at the export's cut-off
/// (31/12/2025) only.
fn fixture_cases(directory: &str) -> Vec<Vec<String>> {
    command_lines(
        &[
            "figures --period 2025 --format json",
            "figures --period 2025-H1 --as-of 2025-03-15 --format json",
            "figures --period 2025 --basis due --by bloc --format json",
            "figures --period 2025 --as-then --by group --format json",
            "figures --period 2025 --deadline original --by leader --format json",
            "figures --period 2025-Q1 --restate-to 2025-01-01 --format json",
            "figures --period 2025 --by officer --format json",
            "trend --years 2023..2025 --format json",
            "trend --years 2024..2025 --half 1 --as-then --format json",
            "changes --from 2025-02-01 --to 2025-06-30 --format json",
            "changes --week 2025-W10 --by group --format json",
            "rank --period 2025 --format json",
            "brief --period 2025 --as-of 2025-06-20",
            "check",
        ],
        &["--agencies", directory, "--quiet"],
    )
}

/// Each line split into words, with `options` after them.
fn command_lines(lines: &[&str], options: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|line| {
            let words = line.split_whitespace().chain(options.iter().copied());
            words.map(String::from).collect()
        })
        .collect()
}

fn same_for_all(files: &[String], warehouse: &[String], cases: &[Vec<String>]) {
    for case in cases {
        let options: Vec<&str> = case[1..].iter().map(String::as_str).collect();
        same_from_both(files, warehouse, &case[0], &options);
    }
}

#[test]
fn fixtures_from_their_warehouse_give_what_the_files_give() {
    let dir = harness::temp_dir();
    let kho = dir.path().join("kho");
    let directory = fixture("agencies.csv");
    export(&fixtures(), &["--agencies", &directory], "2025-12-31", &kho);
    same_for_all(&fixtures(), &[path(&kho)], &fixture_cases(&directory));
    // Without the directory the names are the raw ones, from the warehouse as from the files.
    same_from_both(
        &fixtures(),
        &[path(&kho)],
        "figures",
        &["--period", "2025", "--format", "json", "--quiet"],
    );
}

#[test]
fn a_warehouse_exported_without_directory_is_matched_to_the_directory_given_when_read() {
    // Agencies are matched when the warehouse is read: the export's own matching (none here)
    // does not stay in the figures, and «Sở KH&ĐT» is restated under «Sở Tài chính».
    let dir = harness::temp_dir();
    let kho = dir.path().join("kho");
    export(&fixtures(), &[], "2025-06-30", &kho);
    let directory = fixture("agencies.csv");
    same_for_all(&fixtures(), &[path(&kho)], &fixture_cases(&directory));
}

#[test]
fn two_warehouses_one_per_source_are_both_sources_with_their_duplicates_merged() {
    // The hand sheet repeats NV-001 and NV-002 of the export: read as two warehouses, the
    // copies are merged again (2025: 10 tasks, not 12; check lists the 2 merged rows).
    let dir = harness::temp_dir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let directory = fixture("agencies.csv");
    let files = fixtures();
    export(&files[..1], &["--agencies", &directory], "2025-12-31", &a);
    export(&files[1..], &["--agencies", &directory], "2025-12-31", &b);
    let both = [path(&a), path(&b)];
    same_for_all(&files, &both, &fixture_cases(&directory));
    let (_, figures, _) = run(
        "figures",
        &both,
        &[
            "--agencies",
            &directory,
            "--period",
            "2025",
            "--format",
            "json",
        ],
    );
    let figures: Value = serde_json::from_str(&figures).expect("figures JSON");
    assert_same!(figures["total"]["total"], Value::from(10));
    let (_, check, _) = run("check", &both, &["--agencies", &directory]);
    assert!(check.contains("Trùng lặp, đã gộp (2)"), "{check}");

    // A warehouse beside a workbook; and a folder holding both warehouses, read by name.
    same_for_all(
        &files,
        &[path(&a), files[1].clone()],
        &fixture_cases(&directory),
    );
    same_from_both(
        &files,
        &[path(dir.path())],
        "figures",
        &[
            "--agencies",
            &directory,
            "--period",
            "2025",
            "--format",
            "json",
        ],
    );
}

/// The sample province (5.646 rows of 2021–2025, a hand sheet repeating part of them, the
/// 2025 mergers, officers by department in tiendo.toml) at several cut-offs and structures
/// (the export's cut-off is 20/12/2025).
fn sample_cases() -> Vec<Vec<String>> {
    let config = fixture_in("sample-data", "tiendo.toml");
    command_lines(
        &[
            "figures --period 2025 --as-of 2025-12-20 --format json",
            "figures --period 2024-H2 --basis due --format json",
            "figures --period 2025-Q1 --as-then --by leader --format json",
            "figures --period 2022 --deadline original --by department",
            "figures --period 2025 --as-of 2026-03-01 --format json",
            "trend --years 2021..2025 --as-of-day 12-20 --format json",
            "trend --years 2021..2025 --half 1 --as-then --format json",
            "changes --week 2025-W51 --format json",
            "changes --from 2024-03-01 --to 2024-04-15 --by bloc --format json",
            "rank --period 2025 --format json",
            "rank --period 2023 --rules khau-tru --format json",
            "brief --period 2025 --meeting 2025-11-24",
            "brief --period 2025 --as-of 2025-06-20 --format markdown",
            "check",
        ],
        &["--config", &config, "--quiet"],
    )
}

fn sample_warehouse(dir: &Path) -> PathBuf {
    let kho = dir.join("kho");
    let config = fixture_in("sample-data", "tiendo.toml");
    export(&sample_files(), &["--config", &config], "2025-12-20", &kho);
    kho
}

#[test]
fn sample_data_from_its_warehouse_gives_what_the_files_give() {
    let dir = harness::temp_dir();
    let kho = sample_warehouse(dir.path());
    same_for_all(&sample_files(), &[path(&kho)], &sample_cases());
}

/// Every sheet of a workbook, each cell as calamine reads it (type and value).
fn workbook_cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("sheet");
            let cells = range
                .rows()
                .map(|r| r.iter().map(|c| format!("{c:?}")).collect())
                .collect();
            (name, cells)
        })
        .collect()
}

/// `report` from both, into two folders: the same files (names, workbook cells, bytes).
fn same_report(files: &[String], warehouse: &[String], options: &[&str], dir: &Path) {
    let outs = [dir.join("tu-tep"), dir.join("tu-kho")];
    for (inputs, out) in [files, warehouse].iter().zip(&outs) {
        let mut opts: Vec<&str> = options.to_vec();
        let out = path(out);
        opts.extend(["--out", &out, "--quiet"]);
        let (code, _, err) = run("report", inputs, &opts);
        assert_same!(code, Some(0), "report {options:?}: {err}");
    }
    let names = |d: &Path| {
        let mut n: Vec<String> = std::fs::read_dir(d)
            .expect("report folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let written = names(&outs[0]);
    assert_same!(written.len(), 3, "xlsx, pdf, docx: {written:?}");
    assert_same!(names(&outs[1]), written);
    let xlsx = written
        .iter()
        .find(|n| n.ends_with(".xlsx"))
        .expect("a workbook");
    let cells = workbook_cells(&outs[0].join(xlsx));
    assert!(cells.len() >= 4, "sheets: {:?}", cells.iter().map(|c| &c.0));
    assert_same!(workbook_cells(&outs[1].join(xlsx)), cells);
    for name in &written {
        let read = |d: &Path| std::fs::read(d.join(name)).expect("report file");
        assert!(
            read(&outs[0]) == read(&outs[1]),
            "{name}: the files differ byte for byte"
        );
    }
}

#[test]
fn report_from_a_warehouse_is_the_report_from_the_files() {
    let dir = harness::temp_dir();
    let kho = sample_warehouse(dir.path());
    let config = fixture_in("sample-data", "tiendo.toml");
    let options = [
        "--config",
        &config,
        "--period",
        "2025",
        "--as-of",
        "2025-12-20",
        "--compare-years",
        "3",
    ];
    same_report(
        &sample_files(),
        &[path(&kho)],
        &options,
        &dir.path().join("nam"),
    );
    let half = [
        "--config",
        &config,
        "--period",
        "2024-H1",
        "--basis",
        "due",
        "--as-then",
    ];
    same_report(
        &sample_files(),
        &[path(&kho)],
        &half,
        &dir.path().join("6-thang"),
    );

    let fixtures_kho = dir.path().join("kho-mau");
    let directory = fixture("agencies.csv");
    export(
        &fixtures(),
        &["--agencies", &directory],
        "2025-12-31",
        &fixtures_kho,
    );
    let options = ["--agencies", &directory, "--period", "2025-H1"];
    same_report(
        &fixtures(),
        &[path(&fixtures_kho)],
        &options,
        &dir.path().join("mau"),
    );
}

#[test]
fn a_warehouse_exported_again_from_a_warehouse_reads_the_same() {
    let dir = harness::temp_dir();
    let kho = dir.path().join("kho");
    let again = dir.path().join("lai");
    let directory = fixture("agencies.csv");
    export(&fixtures(), &["--agencies", &directory], "2025-12-31", &kho);
    export(
        &[path(&kho)],
        &["--agencies", &directory],
        "2025-12-31",
        &again,
    );
    same_for_all(&fixtures(), &[path(&again)], &fixture_cases(&directory));
    let manifest = |d: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(d.join("_tiendo.json")).expect("manifest"))
            .expect("manifest JSON")
    };
    assert_same!(manifest(&again), manifest(&kho));
}

fn numbers(df: &DataFrame, name: &str) -> Vec<Option<u32>> {
    df.column(name)
        .unwrap_or_else(|e| panic!("column {name}: {e}"))
        .u32()
        .unwrap_or_else(|e| panic!("column {name}: {e}"))
        .iter()
        .collect()
}

fn some(values: &[&str]) -> Vec<Option<String>> {
    values.iter().map(|v| Some(v.to_string())).collect()
}

#[test]
fn the_warehouse_keeps_the_tasks_not_counted_the_rows_behind_merged_tasks_and_the_findings() {
    let dir = harness::temp_dir();
    let kho = dir.path().join("kho");
    export(
        &fixtures(),
        &["--agencies", &fixture("agencies.csv")],
        "2025-12-31",
        &kho,
    );
    // Rows read: the 13 task rows of ioffice_2025.xlsx (NV-001 … NV-013, read order 0–12),
    // then the 3 of so_theo_doi.csv (13–15). Lines 3 and 4 of the CSV repeat NV-002 and
    // NV-001: 16 rows, 14 tasks — 11 counted (10 of 2025, NV-013 of 2024), NV-008 withdrawn,
    // NV-009 (no agency) and NV-010 (no date) left out.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(kho.join("_tiendo.json")).expect("manifest"))
            .expect("manifest JSON");
    let counts: Vec<&Value> = ["rows", "tasks", "counted", "cancelled", "excluded"]
        .iter()
        .map(|k| &manifest[k])
        .collect();
    assert_same!(
        counts,
        [16, 14, 11, 1, 2]
            .map(Value::from)
            .iter()
            .collect::<Vec<_>>()
    );
    assert_same!(manifest["format"], Value::from("tiendo-warehouse"));
    assert_same!(manifest["version"], Value::from(1));
    assert_same!(manifest["files"], Value::from(fixtures()));
    // The note «Ghi chú: số liệu kết xuất ngày 31/12/2025» on row 23 of the sheet.
    let statement = &manifest["statements"][0];
    assert_same!(statement["row"], Value::from(23));
    assert_same!(statement["exported"], Value::from("2025-12-31T00:00:00"));

    let left_out = read(&kho.join("_left_out.parquet"));
    assert_same!(
        strings(&left_out, "task_id"),
        some(&["NV-008", "NV-009", "NV-010"])
    );
    assert_same!(
        numbers(&left_out, "read_order"),
        [Some(7), Some(8), Some(9)]
    );
    assert_same!(
        strings(&left_out, "left_out"),
        some(&["da_huy", "khong_du_thong_tin", "khong_du_thong_tin"])
    );
    assert_same!(
        strings(&left_out, "reason"),
        [
            None,
            Some("không có đơn vị chủ trì".to_string()),
            Some("không có ngày giao và ngày văn bản".to_string())
        ]
    );
    assert_same!(
        strings(&left_out, "status_text")[0].as_deref(),
        Some("Thu hồi")
    );

    // Each merged task's rows as read: NV-001 (0) with CSV line 4 (14), NV-002 (1) with CSV
    // line 3 (13). The CSV copy of NV-002 keeps its own completion date, 14/02/2025.
    let merged = read(&kho.join("_merged.parquet"));
    assert_same!(
        numbers(&merged, "read_order"),
        [Some(0), Some(1), Some(13), Some(14)]
    );
    assert_same!(
        numbers(&merged, "merged_into"),
        [Some(0), Some(1), Some(1), Some(0)]
    );
    assert_same!(
        numbers(&merged, "source_row"),
        [Some(7), Some(8), Some(3), Some(4)]
    );
    assert_same!(
        strings(&merged, "task_id"),
        [
            Some("NV-001".to_string()),
            Some("NV-002".to_string()),
            None,
            None
        ]
    );
    let year = read(&kho.join("year=2025").join("part-0.parquet"));
    let merged_rows: BTreeMap<Option<String>, Option<u32>> = strings(&year, "doc_number")
        .into_iter()
        .zip(numbers(&year, "merged_rows"))
        .filter(|(_, n)| *n != Some(0))
        .collect();
    assert_same!(
        merged_rows,
        BTreeMap::from([
            (Some("10/UBND-KT".to_string()), Some(1)),
            (Some("11/UBND-KT".to_string()), Some(1))
        ])
    );

    // What reading found: the instructions sheet without a task table, then the «Tổng cộng»
    // row (21) and the two note rows (23, 24) under the table.
    let findings = read(&kho.join("_findings.parquet"));
    assert_same!(
        strings(&findings, "kind"),
        some(&["sheet_bo_qua", "dong_bo_qua", "dong_bo_qua", "dong_bo_qua"])
    );
    assert_same!(
        numbers(&findings, "row"),
        [Some(0), Some(21), Some(23), Some(24)]
    );
}

#[test]
fn folders_that_are_not_a_whole_warehouse_are_refused_with_the_reason() {
    let dir = harness::temp_dir();
    let kho = dir.path().join("kho");
    export(&fixtures(), &[], "2025-12-31", &kho);
    let part = kho.join("year=2025");
    tiendo(&["figures", &path(&part), "--period", "2025"])
        .fails_with(2)
        .stderr_has("là một phần của kho Parquet")
        .stderr_has(&path(&kho));
    tiendo(&[
        "figures",
        &path(&part.join("part-0.parquet")),
        "--period",
        "2025",
    ])
    .fails_with(2)
    .stderr_has("là một phần của kho Parquet");

    // An export of an older version: year folders, no manifest.
    let old = dir.path().join("cu");
    std::fs::create_dir_all(old.join("year=2025")).expect("folder");
    std::fs::copy(
        part.join("part-0.parquet"),
        old.join("year=2025/part-0.parquet"),
    )
    .expect("copy");
    tiendo(&["figures", &path(&old), "--period", "2025"])
        .fails_with(2)
        .stderr_has("phiên bản tiendo cũ")
        .stderr_has("_tiendo.json");

    // A manifest of another format version; a warehouse that lost one of its files.
    let manifest = kho.join("_tiendo.json");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(&manifest, text.replace("\"version\": 1", "\"version\": 99")).expect("write");
    tiendo(&["figures", &path(&kho), "--period", "2025"])
        .fails_with(2)
        .stderr_has("hãy xuất lại");
    // A manifest that says one row more than the tables hold; a table listed twice.
    let rows: u64 = serde_json::from_str::<Value>(&text).expect("json")["rows"]
        .as_u64()
        .expect("rows");
    let more = text.replace(
        &format!("\"rows\": {rows},"),
        &format!("\"rows\": {},", rows + 1),
    );
    assert_ne!(more, text);
    std::fs::write(&manifest, more).expect("write");
    tiendo(&["figures", &path(&kho), "--period", "2025"])
        .fails_with(2)
        .stderr_has(&format!(
            "thiếu dòng thứ {} trong {} dòng đã đọc",
            rows + 1,
            rows + 1
        ));
    let twice = text.replace(
        "\"year=2025/part-0.parquet\"",
        "\"year=2025/part-0.parquet\", \"year=2025/part-0.parquet\"",
    );
    assert_ne!(twice, text);
    std::fs::write(&manifest, twice).expect("write");
    tiendo(&["figures", &path(&kho), "--period", "2025"])
        .fails_with(2)
        .stderr_has("hai dòng cùng read_order")
        .stderr_has("part-0.parquet");
    std::fs::write(&manifest, &text).expect("write");
    std::fs::remove_file(kho.join("_merged.parquet")).expect("remove");
    tiendo(&["figures", &path(&kho), "--period", "2025"])
        .fails_with(2)
        .stderr_has("_merged.parquet");
}

/// The SQL block after `marker` in the README.
fn readme_sql(marker: &str) -> String {
    let readme = std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR")))
        .expect("README.md");
    let after = &readme[readme
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in README.md"))..];
    let start = after.find("```sql\n").expect("```sql after the marker") + "```sql\n".len();
    let end = after[start..].find("```").expect("end of the SQL block");
    after[start..start + end].to_string()
}

/// Python with DuckDB's package, or None (and a note) when it is not installed; with
/// `TIENDO_DUCKDB_TESTS=required` (.ci/run) its absence is a failure.
fn duckdb() -> Option<()> {
    let found = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(());
    }
    if std::env::var("TIENDO_DUCKDB_TESTS").as_deref() == Ok("required") {
        panic!("TIENDO_DUCKDB_TESTS=required but python3 cannot import duckdb");
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: DuckDB query test skipped: python3 has no duckdb package (pip install duckdb==2.0.1)"
    );
    None
}

/// The README's DuckDB query over the warehouse at `kho`: per agency, the eight counts.
fn duckdb_rows(kho: &Path) -> BTreeMap<String, [u64; 8]> {
    let sql = readme_sql("<!-- truy-van-duckdb -->");
    let glob = format!("{}/*/*.parquet", path(kho));
    assert!(sql.contains("'kho/*/*.parquet'"), "{sql}");
    let sql = sql.replace("'kho/*/*.parquet'", &format!("'{glob}'"));
    let script = "import duckdb, json, sys\n\
                  rows = duckdb.sql(sys.stdin.read()).fetchall()\n\
                  print(json.dumps([[str(r[0])] + [int(v) for v in r[1:]] for r in rows]))\n";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(sql.as_bytes()).expect("write the query");
    }
    let out = child.wait_with_output().expect("duckdb");
    assert!(
        out.status.success(),
        "duckdb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Vec<Value>> = serde_json::from_slice(&out.stdout).expect("duckdb JSON");
    rows.iter()
        .map(|r| {
            let n = |i: usize| r[i].as_u64().unwrap_or_else(|| panic!("count in {r:?}"));
            let key = r[0].as_str().expect("key").to_string();
            (key, [n(1), n(2), n(3), n(4), n(5), n(6), n(7), n(8)])
        })
        .collect()
}

const COUNTS: [&str; 8] = [
    "total",
    "completed",
    "on_time",
    "late",
    "not_completed",
    "within",
    "overdue",
    "no_deadline",
];

/// `figures --format json` rows with tasks, and the total row, as the query's eight counts.
fn figures_rows(figures: &Value) -> (BTreeMap<String, [u64; 8]>, [u64; 8]) {
    let counts = |r: &Value| COUNTS.map(|k| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {r}")));
    let rows = figures["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["key"].as_str().expect("key").to_string(), counts(r)))
        .filter(|(_, c)| c[0] > 0)
        .collect();
    (rows, counts(&figures["total"]))
}

fn summed(rows: &BTreeMap<String, [u64; 8]>) -> [u64; 8] {
    rows.values().fold([0; 8], |mut acc, c| {
        acc.iter_mut().zip(c).for_each(|(a, b)| *a += b);
        acc
    })
}

#[test]
fn the_readme_duckdb_query_gives_the_figures_of_tiendo() {
    let Some(()) = duckdb() else { return };
    let dir = harness::temp_dir();
    let config = fixture_in("sample-data", "tiendo.toml");
    let directory = fixture("agencies.csv");
    let cases = [
        (sample_files(), vec!["--config", &config]),
        (fixtures(), vec!["--agencies", &directory]),
    ];
    for (i, (files, options)) in cases.iter().enumerate() {
        let kho = dir.path().join(format!("kho-{i}"));
        export(files, options, "2025-12-31", &kho);
        let mut args = options.clone();
        args.extend(["--period", "2025", "--restate-to", "2025-12-31"]);
        args.extend(["--format", "json", "--quiet"]);
        let (code, out, err) = run("figures", files, &args);
        assert_same!(code, Some(0), "{err}");
        let (rows, total) = figures_rows(&serde_json::from_str(&out).expect("figures JSON"));
        let queried = duckdb_rows(&kho);
        assert_same!(queried, rows, "DuckDB vs tiendo figures, {files:?}");
        assert_same!(summed(&queried), total);
    }
    // The fixtures' 2025 by hand (tests/it/parquet_export.rs): 10 = 4 on time + 1 late +
    // 2 within + 3 overdue, 1 without deadline (NV-004).
    let fixtures_kho = dir.path().join("kho-1");
    assert_same!(
        summed(&duckdb_rows(&fixtures_kho)),
        [10, 5, 4, 1, 5, 2, 3, 1]
    );
}
