//! Types that cross a stage border, a small module per concept: cells and sheets as read, the
//! task as read, periods, counts and rates, findings, what loading found and how a period
//! views it, the plain report model the renderers draw, and the work programme's figures and
//! report model. No stage-specific crate type (calamine, polars, printpdf, rust_xlsxwriter,
//! clap) appears here.

mod cells;
mod counts;
mod findings;
mod loaded;
mod period;
mod programme;
mod report;
mod task;

pub use cells::*;
pub use counts::*;
pub use findings::*;
pub use loaded::*;
pub use period::*;
pub use programme::*;
pub use report::*;
pub use task::*;
