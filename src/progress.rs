//! A progress bar on stderr for long runs (indicatif), silent when stderr is not a terminal
//! or with `--quiet`.

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
