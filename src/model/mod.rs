//! Types that cross a stage border, a small module per concept: cells and sheets as read, the
//! task as read, periods, counts and rates, findings, what loading found and how a period
//! views it, the plain report model the renderers draw, the urging letters, and the work
//! programme's figures and report model. No stage-specific crate type (calamine, polars,
//! printpdf, rust_xlsxwriter, docx-rs, clap) appears here.

mod cells;
mod changes;
mod counts;
mod coverage;
mod findings;
mod letter;
mod loaded;
mod period;
mod programme;
mod report;
mod task;

pub use cells::*;
pub use changes::*;
pub use counts::*;
pub use coverage::*;
pub use findings::*;
pub use letter::*;
pub use loaded::*;
pub use period::*;
pub use programme::*;
pub use report::*;
pub use task::*;
