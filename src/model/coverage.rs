//! What the data covers (SPEC §9): what each file says about its export, the span of
//! assignment dates each source and all of them hold, and the months without any task
//! between busy months.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{SourceLoc, Text};

/// What one text of a file (a title row, a note, an instructions sheet) says about the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Statement {
    pub exported: Option<NaiveDateTime>,
    /// Whether the export time of day was given (else the time is midnight and not shown).
    pub has_time: bool,
    /// "Từ ngày … đến ngày …".
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// A statement and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated {
    pub source: SourceLoc,
    pub statement: Statement,
}

/// When a file says it was exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub at: NaiveDateTime,
    pub has_time: bool,
    /// Where it says so.
    pub source: SourceLoc,
}

/// What one input file covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceCoverage {
    pub file: Text,
    /// Task rows read from it (after duplicates were merged into the first source).
    pub tasks: u64,
    pub first_assigned: Option<NaiveDate>,
    pub last_assigned: Option<NaiveDate>,
    /// The latest export date the file states.
    pub exported: Option<Exported>,
    /// The span the file says it holds.
    pub stated_span: Option<(NaiveDate, NaiveDate)>,
    /// Agencies (lead agencies, as matched) its tasks name.
    pub agencies: usize,
}

/// A run of months without any task assigned, between months with many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// First day of the first empty month.
    pub from: NaiveDate,
    /// Last day of the last empty month.
    pub to: NaiveDate,
}

/// What all inputs together cover.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub sources: Vec<SourceCoverage>,
    pub first_assigned: Option<NaiveDate>,
    pub last_assigned: Option<NaiveDate>,
    /// The newest export date the inputs state (the one a cut-off is judged against).
    pub exported: Option<Exported>,
    pub gaps: Vec<Gap>,
}
