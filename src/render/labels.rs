//! The names of the figure columns, one list for every renderer (terminal, workbook, PDF):
//! each count with its full head and its short terminal head and the value it shows, the
//! headline rates with theirs, and the sub-heads of the official annex's two-row header
//! (SPEC §5), and the same for the work programme's tables. The rates' long names and
//! definitions are `model::Rate`'s and `model::ProgrammeRate`'s.

use crate::model::{Counts, ProgrammeCounts, ProgrammeRate, Rate};

/// A count column: its head, its short head (terminal tables, with a legend), its key (the
/// count's name in JSON and in the board's cells), its value.
#[derive(Clone, Copy, Debug)]
pub struct CountColumn {
    pub head: &'static str,
    pub short: &'static str,
    pub key: &'static str,
    pub value: fn(&Counts) -> u64,
}

pub const TOTAL: CountColumn = CountColumn {
    head: "Tổng số",
    short: "Tổng",
    key: "total",
    value: |c| c.total,
};
pub const COMPLETED: CountColumn = CountColumn {
    head: "Đã hoàn thành",
    short: "Đã HT",
    key: "completed",
    value: |c| c.completed,
};
pub const ON_TIME: CountColumn = CountColumn {
    head: "Đúng hạn",
    short: "Đúng hạn",
    key: "on_time",
    value: |c| c.on_time,
};
pub const LATE: CountColumn = CountColumn {
    head: "Quá hạn (đã HT)",
    short: "HT trễ",
    key: "late",
    value: |c| c.late,
};
pub const NOT_COMPLETED: CountColumn = CountColumn {
    head: "Chưa hoàn thành",
    short: "Chưa HT",
    key: "not_completed",
    value: |c| c.not_completed,
};
pub const WITHIN: CountColumn = CountColumn {
    head: "Trong hạn",
    short: "Trong hạn",
    key: "within",
    value: |c| c.within,
};
pub const OVERDUE: CountColumn = CountColumn {
    head: "Quá hạn (chưa HT)",
    short: "Quá hạn",
    key: "overdue",
    value: |c| c.overdue,
};
pub const NO_DEADLINE: CountColumn = CountColumn {
    head: "Không thời hạn",
    short: "Không TH",
    key: "no_deadline",
    value: |c| c.no_deadline,
};

/// The status counts in table order: total, completed (on time, late), not completed
/// (within, overdue).
pub const STATUS_COUNTS: [CountColumn; 7] = [
    TOTAL,
    COMPLETED,
    ON_TIME,
    LATE,
    NOT_COMPLETED,
    WITHIN,
    OVERDUE,
];

/// Every count, the no-deadline sub-count last.
pub const ALL_COUNTS: [CountColumn; 8] = [
    TOTAL,
    COMPLETED,
    ON_TIME,
    LATE,
    NOT_COMPLETED,
    WITHIN,
    OVERDUE,
    NO_DEADLINE,
];

/// The three rates the tables print, in order.
pub const HEADLINE_RATES: [Rate; 3] = [
    Rate::Completion,
    Rate::OnTimeOfCompleted,
    Rate::DueCompletion,
];

/// The head of a headline rate's column (its definition goes in the footnote).
pub fn rate_head(rate: Rate) -> &'static str {
    match rate {
        Rate::Completion => "Tỷ lệ hoàn thành",
        Rate::OnTimeOfCompleted => "Tỷ lệ đúng hạn",
        Rate::DueCompletion => "Tỷ lệ HT trên số đến hạn",
        other => other.label(),
    }
}

/// The short head of a headline rate (terminal tables).
pub fn rate_short(rate: Rate) -> &'static str {
    match rate {
        Rate::Completion => "% HT",
        Rate::OnTimeOfCompleted => "% đúng hạn",
        Rate::DueCompletion => "% HT/đến hạn",
        other => other.label(),
    }
}

/// The official annex's group heads and the sub-heads under them.
pub const ANNEX_TOTAL: &str = "Tổng số nhiệm vụ";
pub const COMPLETED_PARTS: [&str; 3] = ["Tổng", "Đúng hạn", "Quá hạn"];
pub const NOT_COMPLETED_PARTS: [&str; 3] = ["Tổng", "Trong hạn", "Quá hạn"];

/// The age bands of open overdue tasks (model::OverdueAge), in order.
pub const AGE_BANDS: [&str; 4] = [
    "Đến 30 ngày",
    "Từ 31 đến 90 ngày",
    "Trên 90 ngày",
    "Không xác định số ngày",
];

/// A count column of the work programme's tables: its head, its short head (terminal
/// tables, with a legend), its value.
#[derive(Clone, Copy, Debug)]
pub struct ProgrammeColumn {
    pub head: &'static str,
    pub short: &'static str,
    pub value: fn(&ProgrammeCounts) -> u64,
}

const fn programme_column(
    head: &'static str,
    short: &'static str,
    value: fn(&ProgrammeCounts) -> u64,
) -> ProgrammeColumn {
    ProgrammeColumn { head, short, value }
}

/// The programme's counts in table order: planned, submitted (on time, late, issued), not
/// submitted (overdue, not yet due), then the postponed sub-count.
pub const PROGRAMME_COUNTS: [ProgrammeColumn; 9] = [
    programme_column("Số nội dung phải trình", "Phải trình", |c| {
        c.planned
    }),
    programme_column("Đã trình", "Đã trình", |c| c.submitted),
    programme_column("Trình đúng hạn", "Đúng hạn", |c| c.on_time),
    programme_column("Trình quá hạn", "Trình trễ", |c| c.late),
    programme_column("Đã ban hành", "Ban hành", |c| c.issued),
    programme_column("Chưa trình", "Chưa trình", |c| c.not_submitted),
    programme_column("Chưa trình, quá hạn", "Quá hạn", |c| c.overdue),
    programme_column(
        "Chưa trình, chưa đến hạn",
        "Chưa đến hạn",
        |c| c.not_yet_due,
    ),
    programme_column("Lùi thời gian trình", "Lùi hạn", |c| c.postponed),
];

/// The short head of a programme rate (terminal tables).
pub fn programme_rate_short(rate: ProgrammeRate) -> &'static str {
    match rate {
        ProgrammeRate::Submitted => "% đã trình",
        ProgrammeRate::OnTime => "% đúng hạn",
        ProgrammeRate::Issued => "% ban hành",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_keys_are_the_names_the_counts_have_in_json() {
        let counts = Counts::from_parts(1, 2, 3, 4, 5);
        let json = serde_json::to_value(counts).unwrap();
        for col in ALL_COUNTS {
            assert_eq!(
                json[col.key].as_u64(),
                Some((col.value)(&counts)),
                "{}",
                col.key
            );
        }
        assert_eq!(json.as_object().unwrap().len(), ALL_COUNTS.len());
    }
}
