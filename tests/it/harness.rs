//! A tiny harness for the integration tests: run the real binary, check exit code and
//! output, show expected vs got on failure. Each test binary uses only part of it.

use std::path::PathBuf;
use std::process::{Command, Output};

use tiendo::classify::Judging;
use tiendo::model::{Basis, Loaded};
use tiendo::normalize::Texts;
use tiendo::pipeline::Sources;

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A file of another folder of the repository (e.g. `sample-data`).
pub fn fixture_in(folder: &str, name: &str) -> String {
    format!("{}/{folder}/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A file of the committed sample data.
pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// The sample province's task lists and directory, read as `tiendo` reads them.
pub fn sample_sources(basis: Basis) -> Sources {
    Sources {
        inputs: vec![
            sample("ioffice-2021-2025.xlsx"),
            sample("so-theo-doi-tay.csv"),
        ],
        agencies: Some(sample("danh-muc-co-quan.xlsx")),
        skip_unreadable: false,
        judging: Judging {
            basis,
            on_original_deadline: false,
        },
        show_progress: false,
    }
}

/// The sample data loaded through the library's pipeline, keeping the texts asked for.
pub fn load_sample(basis: Basis, texts: Texts) -> Loaded {
    tiendo::pipeline::load(&sample_sources(basis), texts).expect("sample data loads")
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
}

pub fn tiendo<S: AsRef<str>>(args: &[S]) -> Run {
    let args: Vec<String> = args.iter().map(|a| a.as_ref().to_string()).collect();
    let output = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(&args)
        .output()
        .expect("run tiendo");
    Run { args, output }
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Expect success.
    pub fn ok(self) -> Run {
        assert!(
            self.output.status.success(),
            "tiendo {:?} failed:\n{}",
            self.args,
            self.stderr()
        );
        self
    }

    /// Expect failure with this exit code.
    pub fn fails_with(self, code: i32) -> Run {
        assert_eq!(
            self.output.status.code(),
            Some(code),
            "tiendo {:?}\nstdout: {}\nstderr: {}",
            self.args,
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout().contains(needle),
            "expected in stdout: {needle}\n--- got ---\n{}",
            self.stdout()
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr().contains(needle),
            "expected in stderr: {needle}\n--- got ---\n{}",
            self.stderr()
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout()))
    }
}

/// A sheet of a workbook read back with calamine, each cell as text (whole numbers without
/// a decimal part, empty cells as "").
pub fn sheet_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}
