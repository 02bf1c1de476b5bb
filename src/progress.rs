//! Progress reporting: a bar on stderr for long runs (indicatif), silent when stderr is not a
//! terminal or with `--quiet`, and, with `TIENDO_TIMING=1`, the time and peak memory of each
//! stage (a diagnostic for benchmarks).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn new(len: u64, message: &'static str, wanted: bool) -> Bar {
        if !wanted || !std::io::stderr().is_terminal() || len < 2 {
            return Bar(None);
        }
        let bar = ProgressBar::new(len);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} tệp ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.set_message(message);
        Bar(Some(bar))
    }

    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// With `TIENDO_TIMING=1`, print how long a stage took (a diagnostic for benchmarks).
pub fn timing(stage: &str, started: std::time::Instant) {
    if std::env::var_os("TIENDO_TIMING").is_some() {
        // The peak resident memory so far (Linux), to see which stage sets it.
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
                Some(format!(", đỉnh bộ nhớ {}", line["VmHWM:".len()..].trim()))
            })
            .unwrap_or_default();
        eprintln!(
            "[thời gian] {stage}: {:.3} s{peak}",
            started.elapsed().as_secs_f64()
        );
    }
}
