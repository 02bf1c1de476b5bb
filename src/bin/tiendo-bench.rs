//! `make bench`: the benchmark program of issues 6 and 16. It generates deterministic
//! iOFFICE-like exports (100,000 rows per file) at 200,000, 1,000,000 and 5,000,000 rows, then
//! measures — each as the median of several runs, wall time and peak RSS of a child process —
//!   1. the floor: every cell of the same files read by calamine and nothing else, with the
//!      same parallelism tiendo uses (one rayon task per file) — measured two ways: with the
//!      dense range API most programs use (1a), and with the xlsx cell stream tiendo reads
//!      with (1b, the lower of the two);
//!   2. `tiendo figures` end to end for 2025 by agency, alternating run by run with
//!   4. the peer, `bench/peer_polars.py` (Python polars + fastexcel, the script a data-savvy
//!      user writes instead), when a Python with polars and fastexcel is found
//!      (`TIENDO_BENCH_PYTHON`, default `python3`);
//!   3. `tiendo report` end to end (workbook and PDF; not at 5,000,000 rows);
//!   5. `tiendo figures` from the set's Parquet warehouse, written once by
//!   6. `tiendo export --parquet` (timed once; the warehouse's size is given too).
//!
//! `figures` is checked against the generator's `expected.json` (the benchmark stops on any
//! difference), and `figures` from the warehouse must print exactly what it prints from the
//! workbooks; the peer's figures are compared too and the differences printed (it does less:
//! no duplicates, no name matching). It prints a table with the ratios and writes it to
//! BENCHMARKS.md. Options: `--runs N` (default 3), `--quick` (200,000 rows only), `--sets
//! 200k,1m,5m`, `--no-peer`.
//!
//! Build and run in release: `cargo run --release --bin tiendo-bench`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use calamine::{Data, Reader, open_workbook_auto};
use rayon::prelude::*;

const ROWS_PER_FILE: usize = 100_000;

/// The measured sets: name (the folder under bench-data/) and number of files.
const SETS: [(&str, usize); 3] = [("200k", 2), ("1m", 10), ("5m", 50)];

/// `report` is not measured above this many rows (issue 16 asks `figures` to scale).
const REPORT_MAX_ROWS: usize = 1_000_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("floor") {
        floor(&args[1..], range_cells);
        return;
    }
    if args.first().map(String::as_str) == Some("floor-stream") {
        floor(&args[1..], stream_cells);
        return;
    }
    let runs = flag(&args, "--runs").unwrap_or(3);
    let wanted: Vec<String> = if args.iter().any(|a| a == "--quick") {
        vec!["200k".to_string()]
    } else {
        args.iter()
            .position(|a| a == "--sets")
            .and_then(|i| args.get(i + 1))
            .map_or_else(
                || SETS.iter().map(|s| s.0.to_string()).collect(),
                |v| v.split(',').map(str::to_string).collect(),
            )
    };
    let peer = if args.iter().any(|a| a == "--no-peer") {
        None
    } else {
        find_peer()
    };
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut results = Vec::new();
    for &(name, files) in SETS.iter().filter(|s| wanted.iter().any(|w| w == s.0)) {
        let dir = PathBuf::from("bench-data").join(name);
        let inputs = ensure_data(&exe_dir, &dir, files);
        let agencies = dir.join("danh-muc-co-quan.xlsx");
        let out_dir = dir.join("reports");
        let tiendo = exe_dir.join("tiendo").display().to_string();
        let me = std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut floor_cmd = vec![me.clone(), "floor".to_string()];
        floor_cmd.extend(inputs.iter().cloned());
        let mut stream_cmd = vec![me, "floor-stream".to_string()];
        stream_cmd.extend(inputs.iter().cloned());
        let kho = dir.join("kho").display().to_string();
        // A tiendo command line: the command, its inputs, the directory, then `rest`.
        let command = |name: &str, inputs: &[String], rest: &[&str]| {
            let mut cmd = vec![tiendo.clone(), name.to_string()];
            cmd.extend(inputs.iter().cloned());
            cmd.extend(["--agencies".to_string(), agencies.display().to_string()]);
            cmd.extend(rest.iter().map(|s| s.to_string()));
            cmd.push("--quiet".to_string());
            cmd
        };
        let figures_of = |inputs: &[String]| {
            command("figures", inputs, &["--period", "2025", "--format", "json"])
        };
        let figures_cmd = figures_of(&inputs);
        let warehouse_cmd = figures_of(std::slice::from_ref(&kho));
        let export_cmd = command(
            "export",
            &inputs,
            &["--parquet", &kho, "--as-of", "2025-12-31"],
        );
        let out = out_dir.display().to_string();
        let report_cmd = command("report", &inputs, &["--period", "2025", "--out", &out]);
        let peer_cmd = peer.as_ref().map(|python| {
            let mut cmd = vec![python.clone(), PEER_SCRIPT.to_string()];
            cmd.extend(inputs.iter().cloned());
            cmd
        });
        let rows = files * ROWS_PER_FILE;
        let expected = dir.join("expected.json");
        check_figures(&figures_cmd, &expected);
        let floor = measure(&floor_cmd, runs);
        let stream = measure(&stream_cmd, runs);
        let (figures, peer) = measure_alternating(&figures_cmd, peer_cmd.as_deref(), runs);
        let _ = std::fs::remove_dir_all(&kho);
        let export = measure(&export_cmd, 1);
        assert!(
            json_of(&warehouse_cmd) == json_of(&figures_cmd),
            "figures từ kho Parquet khác figures từ tệp ({name})"
        );
        let warehouse = measure(&warehouse_cmd, runs);
        let warehouse_mb = walk_size(Path::new(&kho)) / (1024 * 1024);
        let report = (rows <= REPORT_MAX_ROWS).then(|| measure(&report_cmd, runs));
        if let Some(cmd) = &peer_cmd {
            compare_peer(cmd, &expected);
        }
        let row = Row {
            rows,
            floor,
            stream,
            figures,
            peer,
            report,
            export,
            warehouse,
            warehouse_mb,
        };
        println!("{}", row.line());
        results.push(row);
    }
    write_markdown(&results, runs);
}

fn flag(args: &[String], name: &str) -> Option<usize> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// Generate the files once (deterministic), reuse them afterwards.
fn ensure_data(exe_dir: &Path, dir: &Path, files: usize) -> Vec<String> {
    let expected: Vec<PathBuf> = (1..=files)
        .map(|i| dir.join(format!("ioffice-bench-{i:02}.xlsx")))
        .collect();
    if !expected.iter().all(|p| p.exists()) || !dir.join("danh-muc-co-quan.xlsx").exists() {
        eprintln!("Tạo dữ liệu thử {} …", dir.display());
        let status = Command::new(exe_dir.join("tiendo-gen"))
            .args([
                "bench",
                "--rows-per-file",
                &ROWS_PER_FILE.to_string(),
                "--files",
                &files.to_string(),
                "--out",
            ])
            .arg(dir)
            .status()
            .expect("run tiendo-gen");
        assert!(status.success(), "tiendo-gen bench failed");
    }
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .expect("bench dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "xlsx")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("ioffice"))
        })
        .map(|p| p.display().to_string())
        .collect();
    found.sort();
    found
}

/// The eight counts of a figures row, as `tiendo figures --format json` and expected.json
/// name them.
const FIELDS: [&str; 8] = [
    "total",
    "completed",
    "on_time",
    "late",
    "not_completed",
    "within",
    "overdue",
    "no_deadline",
];

/// The 2025 report of the generator's `expected.json` (worked out from the task list it
/// planted, not by reading the files back).
fn expected_2025(expected: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(expected).expect("expected.json");
    let want: serde_json::Value = serde_json::from_str(&text).expect("expected.json is JSON");
    want.as_array()
        .and_then(|reports| reports.iter().find(|r| r["period"] == "2025"))
        .cloned()
        .expect("expected.json has the 2025 report")
}

/// The JSON a command prints on stdout.
fn json_of(cmd: &[String]) -> serde_json::Value {
    let out = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stderr(Stdio::inherit())
        .output()
        .expect("spawn");
    assert!(out.status.success(), "{cmd:?} failed");
    serde_json::from_slice(&out.stdout).expect("figures JSON")
}

/// The figures measured must be right: `tiendo figures --format json` is compared, agency by
/// agency and in total, with `expected.json`. Stops the benchmark on any difference.
fn check_figures(figures_cmd: &[String], expected: &Path) {
    use serde_json::Value;
    let got = json_of(figures_cmd);
    let want = expected_2025(expected);
    let same = |a: &Value, b: &Value, what: &str| {
        for f in FIELDS {
            assert_eq!(a[f], b[f], "{what}: «{f}» khác expected.json");
        }
    };
    same(&got["total"], &want["total"], "tổng");
    let rows = got["rows"].as_array().expect("rows");
    let expected_rows = want["rows"].as_object().expect("rows by agency");
    assert_eq!(
        rows.len(),
        expected_rows.len(),
        "số cơ quan khác expected.json"
    );
    for row in rows {
        let key = row["key"].as_str().expect("key");
        same(row, &expected_rows[key], key);
    }
    println!(
        "          số liệu figures khớp {}: {} cơ quan và tổng ({} nhiệm vụ)",
        expected.display(),
        rows.len(),
        got["total"]["total"]
    );
}

/// The peer's figures against `expected.json`: printed, not enforced — the peer does less
/// (no duplicate merging, no agency-name matching or mergers, no document-date fallback), so
/// its totals may differ; BENCHMARKS.md says by how much and why.
fn compare_peer(peer_cmd: &[String], expected: &Path) {
    let got = json_of(peer_cmd);
    let want = expected_2025(expected);
    let differences: Vec<String> = FIELDS
        .iter()
        .filter(|f| got["total"][**f] != want["total"][**f])
        .map(|f| format!("{f} {} (đúng: {})", got["total"][*f], want["total"][*f]))
        .collect();
    let expected_rows = want["rows"].as_object().expect("rows by agency");
    let rows = got["rows"].as_array().map_or(&[][..], Vec::as_slice);
    let same_rows = rows
        .iter()
        .filter(|r| {
            r["key"]
                .as_str()
                .and_then(|k| expected_rows.get(k))
                .is_some_and(|w| FIELDS.iter().all(|f| r[*f] == w[*f]))
        })
        .count();
    println!(
        "          số liệu của script polars: tổng {}; {} / {} dòng cơ quan khớp expected.json ({} dòng)",
        if differences.is_empty() {
            "khớp".to_string()
        } else {
            format!("lệch: {}", differences.join(", "))
        },
        same_rows,
        expected_rows.len(),
        rows.len()
    );
}

/// The peer script, relative to the repository root (where `make bench` runs).
const PEER_SCRIPT: &str = "bench/peer_polars.py";

/// A Python that can run the peer (polars and fastexcel importable), or None with a note.
fn find_peer() -> Option<String> {
    let python = std::env::var("TIENDO_BENCH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Path::new(PEER_SCRIPT).exists()
        && Command::new(&python)
            .args(["-c", "import polars, fastexcel"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if ok {
        Some(python)
    } else {
        eprintln!(
            "Không có Python với polars và fastexcel ({python}; `pip install polars fastexcel`): bỏ qua phép đo script polars."
        );
        None
    }
}

/// Median wall time (s) and median peak RSS (MB) of `runs` runs of a child process.
fn measure(cmd: &[String], runs: usize) -> Sample {
    median((0..runs.max(1)).map(|_| run_once(cmd)).collect())
}

/// `figures` and the peer measured in pairs, in turn (the order swapped every pair, so a
/// change in the machine's load falls on both alike); the medians of each, and the median of
/// the pairs' ratios peer / tiendo.
fn measure_alternating(
    figures_cmd: &[String],
    peer_cmd: Option<&[String]>,
    runs: usize,
) -> (Sample, Option<(Sample, f64)>) {
    let Some(peer_cmd) = peer_cmd else {
        return (measure(figures_cmd, runs), None);
    };
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for pair in 0..runs.max(1) {
        let (a, b) = if pair % 2 == 0 {
            let a = run_once(figures_cmd);
            (a, run_once(peer_cmd))
        } else {
            let b = run_once(peer_cmd);
            (run_once(figures_cmd), b)
        };
        ratios.push(b.0 / a.0);
        ours.push(a);
        theirs.push(b);
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let ratio = ratios[ratios.len() / 2];
    (median(ours), Some((median(theirs), ratio)))
}

fn median(mut samples: Vec<Sample>) -> Sample {
    let mut rss: Vec<u64> = samples.iter().map(|s| s.1).collect();
    samples.sort_by(|a, b| a.0.total_cmp(&b.0));
    rss.sort();
    (samples[samples.len() / 2].0, rss[rss.len() / 2])
}

/// Wall time (s) and peak RSS (MB) of one run.
fn run_once(cmd: &[String]) -> Sample {
    let start = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped by wait4 below, which std's wait cannot replace
    let child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let (ok, max_rss_kb) = wait_with_rusage(child.id() as i32);
    let elapsed = start.elapsed().as_secs_f64();
    assert!(ok, "{cmd:?} failed");
    (elapsed, max_rss_kb / 1024)
}

/// wait4(2) gives the child's peak RSS; std's `wait` does not (hand-written for that reason).
fn wait_with_rusage(pid: i32) -> (bool, u64) {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    (
        r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss as u64,
    )
}

/// The floor: read every cell of every file with calamine, one rayon task per file, and do
/// nothing with the values but count them (so the reads cannot be optimised away); prints
/// the count. `cells_of` reads one file.
fn floor(files: &[String], cells_of: fn(&str) -> usize) {
    let cells: usize = files.par_iter().map(|f| cells_of(f)).sum();
    println!("{cells}");
}

/// Non-empty cells of a file read with the dense range API most programs use (1a).
fn range_cells(file: &str) -> usize {
    let mut wb = open_workbook_auto(file).expect("open");
    let mut n = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        n += range
            .used_cells()
            .filter(|(_, _, v)| !matches!(v, Data::Empty))
            .count();
    }
    n
}

/// Non-empty cells of an xlsx file read with calamine's cell stream, as tiendo reads (1b).
fn stream_cells(file: &str) -> usize {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(file).expect("open");
    let mut n = 0;
    for name in wb.sheet_names() {
        let mut reader = wb.worksheet_cells_reader(&name).expect("sheet");
        while let Some(cell) = reader.next_cell().expect("cell") {
            if !matches!(cell.get_value(), calamine::DataRef::Empty) {
                n += 1;
            }
        }
    }
    n
}

/// Median seconds and megabytes of one measurement.
type Sample = (f64, u64);

struct Row {
    rows: usize,
    floor: Sample,
    stream: Sample,
    figures: Sample,
    /// The peer's median, and the median ratio peer / figures of the pairs.
    peer: Option<(Sample, f64)>,
    report: Option<Sample>,
    /// `tiendo export --parquet` of the set (one run), `figures` from that warehouse, and
    /// the warehouse's size in MB.
    export: Sample,
    warehouse: Sample,
    warehouse_mb: u64,
}

fn cell(s: Option<Sample>) -> String {
    s.map_or("–".to_string(), |(t, mb)| format!("{t:.2} s · {mb} MB"))
}

fn times(a: Option<f64>) -> String {
    a.map_or("–".to_string(), |r| format!("{r:.2}×"))
}

impl Row {
    fn line(&self) -> String {
        format!(
            "{:>9} dòng  sàn (range) {} | sàn (stream) {} | figures {} ({} / {}) | từ kho Parquet {} ({}) | polars {} (chậm hơn {}) | report {} ({} / {}) | export {}, kho {} MB",
            self.rows,
            cell(Some(self.floor)),
            cell(Some(self.stream)),
            cell(Some(self.figures)),
            times(Some(self.figures.0 / self.floor.0)),
            times(Some(self.figures.0 / self.stream.0)),
            cell(Some(self.warehouse)),
            percent(self.warehouse.0 / self.figures.0),
            cell(self.peer.map(|p| p.0)),
            times(self.peer.map(|p| p.1)),
            cell(self.report),
            times(self.report.map(|r| r.0 / self.floor.0)),
            times(self.report.map(|r| r.0 / self.stream.0)),
            cell(Some(self.export)),
            self.warehouse_mb,
        )
    }

    fn markdown(&self) -> String {
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} · kho {} MB |\n",
            self.rows,
            cell(Some(self.floor)),
            cell(Some(self.stream)),
            cell(Some(self.figures)),
            cell(Some(self.warehouse)),
            percent(self.warehouse.0 / self.figures.0),
            cell(self.peer.map(|p| p.0)),
            times(self.peer.map(|p| p.1)),
            times(Some(self.figures.0 / self.stream.0)),
            cell(self.report),
            times(self.report.map(|r| r.0 / self.floor.0)),
            cell(Some(self.export)),
            self.warehouse_mb,
        )
    }
}

fn percent(share: f64) -> String {
    format!("{:.1} %", 100.0 * share)
}

fn write_markdown(results: &[Row], runs: usize) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
                    / 1024
                    / 1024
            })
        })
        .unwrap_or(0);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    let date = chrono::Local::now().format("%Y-%m-%d %H:%M");
    let mut md = format!(
        "## Kết quả {date}\n\nMáy: {cpu}, {cores} nhân, {mem} GB RAM; tải trung bình 1 phút khi kết thúc: {load}. Trung vị của {runs} lần chạy; thời gian thực (wall) và bộ nhớ đỉnh (peak RSS) của tiến trình. `figures` và script polars chạy xen kẽ từng cặp; «polars / figures» là trung vị tỷ số của các cặp.\n\n\
         | số dòng | (1a) sàn: calamine range | (1b) sàn: calamine stream | (2) `tiendo figures` | (5) `figures` từ kho Parquet | (5)/(2) | (4) script polars | (4)/(2) | (2)/(1b) | (3) `tiendo report` | (3)/(1a) | (6) `tiendo export --parquet` (1 lần) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for row in results {
        md.push_str(&row.markdown());
    }
    let path = "BENCHMARKS.md";
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let marker = "<!-- bench-results -->";
    let new = match old.split_once(marker) {
        Some((head, _)) => format!("{head}{marker}\n\n{md}"),
        None => format!("{old}\n{marker}\n\n{md}"),
    };
    if std::fs::write(path, new).is_ok() {
        println!("\nĐã ghi kết quả vào {path}");
    }
}

/// Bytes of every file under a folder.
fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk_size(&p)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
