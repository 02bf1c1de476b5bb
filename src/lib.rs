//! tiendo — tổng hợp tiến độ thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao.
//!
//! A batch pipeline you can see:
//!
//! ```text
//! inputs ─▶ ingest ─▶ normalize ─▶ classify ─▶ aggregate ─▶ render ─▶ reports/
//!  (xlsx,     (calamine,  (headers,     (status at    (polars:      (xlsx, pdf,
//!   xls, ods,  csv: raw    dates, text,  cut-off,      figures per   brief text)
//!   csv)       rows)       agencies)     periods)      group)
//! ```
//!
//! `pipeline` is the only module that wires the stages together; `cli` parses the command line
//! into validated options and calls it. Types that cross a stage border live in `model`.

pub mod agencies;
pub mod aggregate;
pub mod assemble;
pub mod brief;
pub mod classify;
pub mod cli;
pub mod cli_errors;
pub mod config;
pub mod dates;
pub mod dedup;
pub mod export;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod output;
pub mod period;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod score;
pub mod trend;
pub mod vn_number;
pub mod vn_text;
