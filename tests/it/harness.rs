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
            ..Judging::default()
        },
        departments: Default::default(),
        show_progress: false,
    }
}

/// The sample data loaded through the library's pipeline, keeping the texts asked for.
pub fn load_sample(basis: Basis, texts: Texts) -> Loaded {
    tiendo::pipeline::load(&sample_sources(basis), texts).expect("sample data loads")
}

/// Vietnamese count (`2.805`), written here independently of the crate.
pub fn vn_count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Vietnamese one-decimal percentage (`94,2%`), written here independently of the crate.
pub fn vn_percent(num: u64, den: u64) -> String {
    let tenths = (num as f64 * 1000.0 / den as f64).round() as u64;
    format!("{},{}%", tenths / 10, tenths % 10)
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

/// `assert_eq!` that shows both sides side by side, line by line, each headed by the
/// expression it came from, with `≠` on the lines that differ.
macro_rules! assert_same {
    ($got:expr, $expected:expr $(,)?) => {
        $crate::harness::same(&$got, &$expected, stringify!($got), stringify!($expected), None)
    };
    ($got:expr, $expected:expr, $($msg:tt)+) => {
        $crate::harness::same(
            &$got,
            &$expected,
            stringify!($got),
            stringify!($expected),
            Some(format!($($msg)+)),
        )
    };
}
pub(crate) use assert_same;

#[track_caller]
pub fn same<A, B>(left: &A, right: &B, left_name: &str, right_name: &str, message: Option<String>)
where
    A: std::fmt::Debug + PartialEq<B> + ?Sized,
    B: std::fmt::Debug + ?Sized,
{
    if left == right {
        return;
    }
    let table = side_by_side(
        &format!("{left:#?}"),
        &format!("{right:#?}"),
        left_name,
        right_name,
    );
    match message {
        Some(m) => panic!("{m}\n{table}"),
        None => panic!("the two sides differ\n{table}"),
    }
}

/// Two texts in two columns, line against line.
pub fn side_by_side(left: &str, right: &str, left_name: &str, right_name: &str) -> String {
    const WIDTH: usize = 60;
    let cut = |s: &str| -> String {
        let n = s.chars().count();
        if n <= WIDTH {
            format!("{s}{}", " ".repeat(WIDTH - n))
        } else {
            format!("{}…", s.chars().take(WIDTH - 1).collect::<String>())
        }
    };
    let (l, r): (Vec<&str>, Vec<&str>) = (left.lines().collect(), right.lines().collect());
    let mut out = format!("   {} | {}\n", cut(left_name), right_name);
    out.push_str(&format!(
        "   {}-+-{}\n",
        "-".repeat(WIDTH),
        "-".repeat(WIDTH)
    ));
    for i in 0..l.len().max(r.len()) {
        let (a, b) = (
            l.get(i).copied().unwrap_or(""),
            r.get(i).copied().unwrap_or(""),
        );
        let mark = if a == b { "  " } else { "≠ " };
        out.push_str(&format!("{mark} {} | {b}\n", cut(a)));
    }
    out
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
