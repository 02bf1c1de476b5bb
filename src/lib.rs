//! tiendo — tổng hợp tiến độ thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao.
//!
//! A batch pipeline you can see:
//!
//! ```text
//! inputs ─▶ ingest ─▶ normalize ─▶ resolve ─▶ classify ─▶ aggregate ─▶ assemble ─▶ render ─▶ reports/
//!  (xlsx,     (calamine,  (headers,     (agencies,   (status at    (polars:      (report    (terminal,
//!   xls, ods,  cfb, csv:  dates, text:  duplicates,  cut-off, a    figures per   model,     words, xlsx,
//!   txt)       rows of    raw tasks)    screening)   period view,  key)          lists)     pdf, docx,
//!              cells)                                changes)                               html)
//! ```
//!
//! `pipeline` is the only module that calls the stages together, one file per job (figures,
//! report, letters, board, brief, rank, trend, changes, check, export, programme); `cli`
//! parses the command line into each job's typed options, calls it, and writes or prints what
//! it returns. Types that cross a stage border live in `model`. Beside the main line:
//! `coverage` says what the inputs cover and where they cannot support a figure; `score`
//! turns counts into emulation points; `programme` reads and judges the Committee's work
//! programme through the same ingest and header machinery; `warehouse` writes the Parquet
//! warehouse `export` makes and reads it back as input. Conventions shared by every stage:
//! `period` and `dates`, `vn_text` and `vn_number`, `config` (tiendo.toml), `progress` (the
//! progress bar and stage timings).

pub mod aggregate;
pub mod assemble;
pub mod classify;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod dates;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod period;
pub mod pipeline;
pub mod programme;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod score;
pub mod vn_number;
pub mod vn_text;
pub mod warehouse;
