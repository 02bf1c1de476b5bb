//! The integration tests: one test binary (one link of polars), a module per subject. Each
//! runs the real `tiendo` binary (or the library's pipeline) on small inputs whose expected
//! figures were worked out by hand or by the generator's independent truth; the harness shows
//! expected and got side by side when they differ.

mod harness;
mod pdf_text;

mod board;
mod changes;
mod cli;
mod coverage;
mod docx;
mod monthly_scoring;
mod officers;
mod output_safety;
mod parquet_export;
mod programme;
mod published_2019;
mod report_texts;
mod robustness;
mod sample_programme;
mod sample_ranking;
mod sample_truth;
mod unranked;
mod warehouse;
