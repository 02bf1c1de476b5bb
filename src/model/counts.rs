//! The figures of one group of tasks (SPEC 4.3): the counts, the rates over their four
//! denominators with the definition every table footnotes, and the rows left out of them.

use serde::Serialize;

/// The figures for one group of tasks (SPEC 4.3). `no_deadline` is a sub-count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: u64,
    pub completed: u64,
    pub on_time: u64,
    pub late: u64,
    pub not_completed: u64,
    pub within: u64,
    pub overdue: u64,
    pub no_deadline: u64,
}

impl Counts {
    /// Counts from the four status counts and the no-deadline sub-count.
    pub fn from_parts(
        on_time: u64,
        late: u64,
        within: u64,
        overdue: u64,
        no_deadline: u64,
    ) -> Self {
        Counts {
            total: on_time + late + within + overdue,
            completed: on_time + late,
            on_time,
            late,
            not_completed: within + overdue,
            within,
            overdue,
            no_deadline,
        }
    }

    pub fn plus(&self, other: &Counts) -> Counts {
        Counts::from_parts(
            self.on_time + other.on_time,
            self.late + other.late,
            self.within + other.within,
            self.overdue + other.overdue,
            self.no_deadline + other.no_deadline,
        )
    }

    /// Tasks whose deadline has come (đến hạn): completed + overdue.
    pub fn due(&self) -> u64 {
        self.completed + self.overdue
    }

    pub fn rate(&self, rate: Rate) -> Option<f64> {
        let (num, den) = match rate {
            Rate::Completion => (self.completed, self.total),
            Rate::OnTimeOfCompleted => (self.on_time, self.completed),
            Rate::LateOfCompleted => (self.late, self.completed),
            Rate::NotCompleted => (self.not_completed, self.total),
            Rate::WithinOfNotCompleted => (self.within, self.not_completed),
            Rate::OverdueOfNotCompleted => (self.overdue, self.not_completed),
            Rate::OnTimeOfTotal => (self.on_time, self.total),
            Rate::DueCompletion => (self.completed, self.due()),
        };
        (den > 0).then(|| num as f64 / den as f64)
    }
}

/// The rates of SPEC 4.3. Each table states the definitions it uses in a footnote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    Completion,
    OnTimeOfCompleted,
    LateOfCompleted,
    NotCompleted,
    WithinOfNotCompleted,
    OverdueOfNotCompleted,
    OnTimeOfTotal,
    DueCompletion,
}

impl Rate {
    pub const ALL: [Rate; 8] = [
        Rate::Completion,
        Rate::OnTimeOfCompleted,
        Rate::LateOfCompleted,
        Rate::NotCompleted,
        Rate::WithinOfNotCompleted,
        Rate::OverdueOfNotCompleted,
        Rate::OnTimeOfTotal,
        Rate::DueCompletion,
    ];

    /// Short column label.
    pub fn label(self) -> &'static str {
        match self {
            Rate::Completion => "Tỷ lệ hoàn thành",
            Rate::OnTimeOfCompleted => "Tỷ lệ đúng hạn (trên số đã hoàn thành)",
            Rate::LateOfCompleted => "Tỷ lệ quá hạn (trên số đã hoàn thành)",
            Rate::NotCompleted => "Tỷ lệ chưa hoàn thành",
            Rate::WithinOfNotCompleted => "Tỷ lệ trong hạn (trên số chưa hoàn thành)",
            Rate::OverdueOfNotCompleted => "Tỷ lệ quá hạn (trên số chưa hoàn thành)",
            Rate::OnTimeOfTotal => "Tỷ lệ đúng hạn trên tổng số",
            Rate::DueCompletion => "Tỷ lệ hoàn thành trên số đến hạn",
        }
    }

    /// The definition printed in every table footnote.
    pub fn definition(self) -> &'static str {
        match self {
            Rate::Completion => "Tỷ lệ hoàn thành = số đã hoàn thành / tổng số nhiệm vụ",
            Rate::OnTimeOfCompleted => "Tỷ lệ đúng hạn = số hoàn thành đúng hạn / số đã hoàn thành",
            Rate::LateOfCompleted => "Tỷ lệ quá hạn = số hoàn thành quá hạn / số đã hoàn thành",
            Rate::NotCompleted => "Tỷ lệ chưa hoàn thành = số chưa hoàn thành / tổng số nhiệm vụ",
            Rate::WithinOfNotCompleted => {
                "Tỷ lệ trong hạn = số chưa hoàn thành còn hạn / số chưa hoàn thành"
            }
            Rate::OverdueOfNotCompleted => {
                "Tỷ lệ quá hạn = số chưa hoàn thành quá hạn / số chưa hoàn thành"
            }
            Rate::OnTimeOfTotal => "Tỷ lệ đúng hạn trên tổng số = số hoàn thành đúng hạn / tổng số",
            Rate::DueCompletion => {
                "Tỷ lệ hoàn thành trên số đến hạn = số đã hoàn thành / (số đã hoàn thành + số chưa hoàn thành quá hạn)"
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub excluded: u64,
    pub cancelled: u64,
    pub duplicates_merged: u64,
}
