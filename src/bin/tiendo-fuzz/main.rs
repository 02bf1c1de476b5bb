//! tiendo-fuzz: a bounded, deterministic mutation run over the sample files. Each mutant (see
//! [`mutate`]) is written to a file and given to the real `tiendo` binary, under an
//! address-space limit and a timeout, with its peak memory measured ([`run`]). Only exit 0 (read)
//! and exit 2 (refused with a message) are accepted; with `--skip-unreadable` beside a good
//! file, only exit 0. Anything else (a signal, an abort, a timeout, another code) makes the run
//! fail, and the offending input is kept with what was done to it.
//!
//! `make fuzz` runs the full set; `--quick` (a few dozen mutants of the small fixtures) runs in
//! `make test` through tests/it/robustness.rs.

#[allow(dead_code)] // the generator's RNG: only part of it is used here
#[path = "../tiendo-gen/rng.rs"]
mod rng;

mod mutate;
mod run;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use run::Ending;

const USAGE: &str = "usage: tiendo-fuzz [--quick] [--iterations N] [--seed N] [--timeout SECONDS] [--out DIR] [--exe PATH]";

/// Each child may map this much: enough for any honest run on these inputs, small enough
/// that a runaway allocation fails at once instead of exhausting the machine.
const ADDRESS_SPACE: u64 = 4 << 30;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: u64| match value(name) {
        None => default,
        Some(v) => v.parse().unwrap_or_else(|_| {
            eprintln!("tiendo-fuzz: {name} needs a number, not {v:?}\n{USAGE}");
            std::process::exit(2)
        }),
    };
    let quick = args.iter().any(|a| a == "--quick");
    let iterations = number("--iterations", if quick { 40 } else { 400 });
    let seed = number("--seed", 1);
    let timeout = Duration::from_secs(number("--timeout", 120));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = value("--out").map_or_else(|| root.join("target/fuzz-out"), PathBuf::from);
    let exe = value("--exe").unwrap_or_else(|| sibling("tiendo"));
    let seeds = seed_files(root, quick);
    if seeds.is_empty() {
        eprintln!("tiendo-fuzz: no seed files found under {}", root.display());
        std::process::exit(2);
    }
    let good = root.join("tests/fixtures/so_theo_doi.csv");
    let work = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(&out).expect("output dir");

    let mut rng = rng::SplitMix64::new(seed);
    let (mut read, mut refused, mut bad) = (0u64, 0u64, 0u64);
    let mut worst: Option<(u64, String)> = None;
    let mut slowest = (Duration::ZERO, String::new());
    let started = Instant::now();
    for i in 0..iterations {
        let seed_path = &seeds[i as usize % seeds.len()];
        let ext = seed_path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
            .to_string();
        let seed_bytes = std::fs::read(seed_path).expect("read seed");
        let mut own = rng.fork();
        let mutant = mutate::mutate(&seed_bytes, mutate::Kind::of(&ext), &mut own);
        let file = work.path().join(format!("mutant-{i}.{ext}"));
        std::fs::write(&file, &mutant.bytes).expect("write mutant");
        let file_arg = file.display().to_string();
        // Every third run: the mutant beside a good file, which must still be counted.
        let beside_good = i % 3 == 2;
        let args: Vec<String> = if beside_good {
            vec![
                "check".into(),
                file_arg,
                good.display().to_string(),
                "--skip-unreadable".into(),
            ]
        } else {
            ["figures", &file_arg, "--period", "2025", "--format", "json"]
                .map(String::from)
                .to_vec()
        };
        let t = Instant::now();
        let outcome = run::run(&exe, &args, ADDRESS_SPACE, timeout);
        let took = t.elapsed();
        let label = format!(
            "mutant {i} of {} ({}): {}",
            seed_path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?"),
            mutant.bytes.len(),
            mutant.what
        );
        if took > slowest.0 {
            slowest = (took, label.clone());
        }
        if worst
            .as_ref()
            .is_none_or(|(kb, _)| outcome.peak_rss_kb > *kb)
        {
            std::fs::write(out.join(format!("worst-memory.{ext}")), &mutant.bytes)
                .expect("keep worst input");
            worst = Some((outcome.peak_rss_kb, label.clone()));
        }
        let accepted = match (&outcome.ending, beside_good) {
            (Ending::Exit(0), _) => {
                read += 1;
                true
            }
            (Ending::Exit(2), false) => {
                refused += 1;
                true
            }
            _ => false,
        };
        if !accepted {
            bad += 1;
            let kept = out.join(format!("failed-{i}.{ext}"));
            std::fs::write(&kept, &mutant.bytes).expect("keep failing input");
            std::fs::write(
                out.join(format!("failed-{i}.txt")),
                format!(
                    "{label}\nargs: {args:?}\nending: {:?}\nstderr:\n{}",
                    outcome.ending, outcome.stderr
                ),
            )
            .expect("keep failure notes");
            eprintln!(
                "FAILED {label}: {:?}, input kept as {}\n{}",
                outcome.ending,
                kept.display(),
                outcome
                    .stderr
                    .lines()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
    println!(
        "tiendo-fuzz: seed {seed}, {iterations} mutants of {} files in {:.1} s",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    println!("  exit 0 (read): {read}, exit 2 (refused): {refused}, anything else: {bad}");
    if let Some((kb, label)) = &worst {
        println!(
            "  worst peak memory: {:.1} MB, {label} (kept in {})",
            *kb as f64 / 1024.0,
            out.display()
        );
    }
    println!(
        "  slowest run: {:.2} s, {}",
        slowest.0.as_secs_f64(),
        slowest.1
    );
    if bad > 0 {
        std::process::exit(1);
    }
}

/// The seed files: the sample export and hand sheet, the xls and ods fixtures (`--quick`: the
/// small fixtures only, so a debug run takes seconds).
fn seed_files(root: &Path, quick: bool) -> Vec<PathBuf> {
    let list = |dir: &str, exts: &[&str]| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| exts.contains(&e))
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    };
    if quick {
        [
            "ioffice_2025.xlsx",
            "legacy.xls",
            "export.ods",
            "so_theo_doi.csv",
        ]
        .iter()
        .map(|f| root.join("tests/fixtures").join(f))
        .filter(|p| p.exists())
        .collect()
    } else {
        let mut files = list("sample-data", &["xlsx", "csv"]);
        files.extend(list("tests/fixtures", &["xls", "ods"]));
        files
    }
}

/// A binary beside this one (target/debug/tiendo beside target/debug/tiendo-fuzz).
fn sibling(name: &str) -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(name)))
        .map_or_else(|| name.to_string(), |p| p.display().to_string())
}
