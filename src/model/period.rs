//! A validated report period with its cut-off (SPEC 4.1) and the basis that puts tasks in
//! it.

use chrono::NaiveDate;
use serde::Serialize;

/// Which date puts a task in a period (SPEC 4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Assignment date (ngày giao) in the period: the default.
    #[default]
    Assigned,
    /// Effective deadline in the period (nhiệm vụ đến hạn).
    Due,
}

/// What kind of period a label named: it decides how "same period last year" shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PeriodUnit {
    Year,
    Half,
    Quarter,
    Month,
    Range,
}

/// A validated report period with its cut-off. `end` is the nominal end; the figures use
/// `effective_end()` = min(end, as_of).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub unit: PeriodUnit,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: Option<NaiveDate>,
}

impl Period {
    pub fn effective_end(&self) -> NaiveDate {
        match self.as_of {
            Some(c) if c < self.end => c,
            _ => self.end,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start && day <= self.effective_end()
    }
}
