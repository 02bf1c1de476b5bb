//! The committed sample programme against its ground truth: `sample-data/expected-programme.json`
//! was counted by the generator (`tiendo-gen`, which does not use the library) from its own
//! latent item list. Every report it lists — period and cut-off — must come out of tiendo
//! with the same total, the same row for every agency, and the same withdrawn, left-out and
//! postponed-out counts; and every row must add up.

use std::collections::BTreeMap;

use serde_json::Value;
use tiendo::model::{ProgrammeBy, ProgrammeCounts};
use tiendo::pipeline::{ProgrammeSources, load_programme};

use crate::harness::{assert_same, sample, tiendo};

fn expected_entries() -> Vec<Value> {
    let text = std::fs::read_to_string(sample("expected-programme.json"))
        .expect("read expected-programme.json");
    let parsed: Value = serde_json::from_str(&text).expect("expected-programme.json is JSON");
    parsed.as_array().expect("a list").clone()
}

fn sources() -> ProgrammeSources {
    ProgrammeSources {
        inputs: vec![sample("chuong-trinh-cong-tac-2024-2025.xlsx")],
        agencies: Some(sample("danh-muc-co-quan.xlsx")),
    }
}

fn period_of(entry: &Value) -> tiendo::model::Period {
    let as_of = tiendo::period::parse_day(entry["as_of"].as_str().expect("as_of")).ok();
    tiendo::period::parse(entry["period"].as_str().expect("period"), as_of).expect("period")
}

fn adds_up(c: &ProgrammeCounts) -> bool {
    c.planned == c.submitted + c.not_submitted
        && c.submitted == c.on_time + c.late
        && c.not_submitted == c.overdue + c.not_yet_due
        && c.issued <= c.submitted
        && c.postponed <= c.planned
}

#[test]
fn every_report_in_expected_programme_json_matches_the_library_figures() {
    let entries = expected_entries();
    assert_same!(
        entries.len(),
        7,
        "sample-data/README.md lists 7 programme reports"
    );
    let p = load_programme(&sources()).expect("the sample programme loads");
    let mut failures = Vec::new();
    for entry in &entries {
        let name = format!("{} đến {}", entry["period"], entry["as_of"]);
        let view = tiendo::programme::view(&p, &period_of(entry));
        let f = tiendo::programme::figures(&p, &view, ProgrammeBy::Agency);
        let rows: BTreeMap<String, Value> = f
            .rows
            .iter()
            .map(|(k, c)| (k.clone(), serde_json::to_value(c).expect("counts")))
            .collect();
        let want: BTreeMap<String, Value> = entry["rows"]
            .as_object()
            .expect("rows")
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let got = (
            serde_json::to_value(f.total).expect("total"),
            rows,
            [f.withdrawn.len(), f.excluded.len(), f.postponed_out.len()],
        );
        let expected = (
            entry["total"].clone(),
            want,
            ["withdrawn", "excluded", "postponed_out"]
                .map(|k| entry[k].as_u64().expect("a count") as usize),
        );
        if got != expected {
            failures.push(format!(
                "{name}:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
        let sums = f.rows.iter().map(|(_, c)| c).chain([&f.total]);
        assert!(
            sums.into_iter().all(adds_up),
            "{name}: a row does not add up"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The year 2025 at the monthly cut-off of 20/06/2025, through the real binary.
#[test]
fn the_monthly_cut_off_through_the_command_line_matches_the_truth() {
    let entry = expected_entries()
        .into_iter()
        .find(|e| e["period"] == "2025" && e["as_of"] == "2025-06-20")
        .expect("2025 at 20/06 in expected-programme.json");
    let out = tiendo(&[
        "programme",
        sample("chuong-trinh-cong-tac-2024-2025.xlsx")
            .to_str()
            .unwrap(),
        "--agencies",
        sample("danh-muc-co-quan.xlsx").to_str().unwrap(),
        "--period",
        "2025",
        "--as-of",
        "2025-06-20",
        "--format",
        "json",
    ])
    .ok()
    .json();
    assert_same!(out["total"], entry["total"]);
    for key in ["withdrawn", "excluded", "postponed_out"] {
        assert_same!(out[key], entry[key], "{key}");
    }
}
