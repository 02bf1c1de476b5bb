//! The committed sample data against its ground truth: `sample-data/expected.json` was computed
//! by the independent generator (`tiendo-gen`, which does not use the library) from its own
//! latent task list, before any quirk was written into the files. Every report it lists —
//! period, cut-off and basis — must come out of tiendo with the same total, the same row for
//! every agency and the same excluded / cancelled / merged counters.

use crate::harness::assert_same;
use crate::harness::{self, sample};

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use tiendo::model::Basis;
use tiendo::model::{By, Figures, Loaded, Structure};
use tiendo::normalize::Texts;

fn expected_entries() -> Vec<Value> {
    let text = std::fs::read_to_string(sample("expected.json")).expect("read expected.json");
    let parsed: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    parsed.as_array().expect("expected.json is a list").clone()
}

fn basis_of(entry: &Value) -> Basis {
    match entry["basis"].as_str() {
        Some("assigned") => Basis::Assigned,
        Some("due") => Basis::Due,
        other => panic!("unknown basis {other:?} in expected.json"),
    }
}

/// "2025 đến 2025-12-31 (assigned)" — how an entry is named in failure messages.
fn entry_name(entry: &Value) -> String {
    format!(
        "{} đến {} ({})",
        entry["period"].as_str().unwrap_or("?"),
        entry["as_of"].as_str().unwrap_or("?"),
        entry["basis"].as_str().unwrap_or("?")
    )
}

/// The differences between an expected entry and computed figures, one readable line each:
/// what, expected, got. Empty when they agree.
fn differences(
    entry: &Value,
    total: &Value,
    rows: &BTreeMap<String, Value>,
    left_out: [u64; 3],
) -> Vec<String> {
    let mut out = Vec::new();
    if entry["total"] != *total {
        out.push(format!(
            "  TỔNG\n    expected {}\n    got      {}",
            entry["total"], total
        ));
    }
    let empty = Map::new();
    let expected_rows = entry["rows"].as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = expected_rows.keys().chain(rows.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let want = expected_rows.get(name.as_str());
        let got = rows.get(name.as_str());
        if want != got {
            let show =
                |v: Option<&Value>| v.map_or("(không có dòng)".to_string(), Value::to_string);
            out.push(format!(
                "  {name}\n    expected {}\n    got      {}",
                show(want),
                show(got)
            ));
        }
    }
    for (key, got) in ["excluded", "cancelled", "duplicates_merged"]
        .iter()
        .zip(left_out)
    {
        if entry[key].as_u64() != Some(got) {
            out.push(format!("  {key}: expected {}, got {got}", entry[key]));
        }
    }
    out
}

fn library_figures(loaded: &Loaded, entry: &Value) -> Figures {
    let as_of = entry["as_of"]
        .as_str()
        .map(|d| tiendo::period::parse_day(d).expect("as_of in expected.json"));
    let label = entry["period"].as_str().expect("period in expected.json");
    let period = tiendo::period::parse(label, as_of).expect("period in expected.json");
    let view = tiendo::classify::view(loaded, &period, Structure::AsOf(period.effective_end()));
    tiendo::aggregate::figures(loaded, &view, By::Agency).expect("figures")
}

#[test]
fn every_report_in_expected_json_matches_the_library_figures() {
    let entries = expected_entries();
    assert_same!(
        entries.len(),
        10,
        "sample-data/README.md lists 10 reports in expected.json"
    );
    let mut failures = Vec::new();
    for basis in [Basis::Assigned, Basis::Due] {
        let of_basis: Vec<&Value> = entries.iter().filter(|e| basis_of(e) == basis).collect();
        if of_basis.is_empty() {
            continue;
        }
        // The lean load that `tiendo figures` uses: figures must not depend on the texts.
        let loaded = harness::load_sample(basis, Texts::None);
        for entry in of_basis {
            let f = library_figures(&loaded, entry);
            let rows: BTreeMap<String, Value> = f
                .rows
                .iter()
                .map(|r| {
                    (
                        r.key.clone(),
                        serde_json::to_value(r.counts).expect("counts"),
                    )
                })
                .collect();
            let total = serde_json::to_value(f.total).expect("counts");
            let left_out = [
                f.left_out.excluded,
                f.left_out.cancelled,
                f.left_out.duplicates_merged,
            ];
            let diff = differences(entry, &total, &rows, left_out);
            if !diff.is_empty() {
                failures.push(format!("{}:\n{}", entry_name(entry), diff.join("\n")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "tiendo disagrees with sample-data/expected.json:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_binary_gives_the_expected_2025_figures() {
    let entries = expected_entries();
    let entry = entries
        .iter()
        .find(|e| e["period"] == "2025" && e["as_of"] == "2025-12-31" && e["basis"] == "assigned")
        .expect("expected.json has the whole of 2025");
    let input = |name: &str| sample(name).display().to_string();
    let out = harness::tiendo(&[
        "figures".to_string(),
        input("ioffice-2021-2025.xlsx"),
        input("so-theo-doi-tay.csv"),
        "--agencies".into(),
        input("danh-muc-co-quan.xlsx"),
        "--period".into(),
        "2025".into(),
        "--format".into(),
        "json".into(),
        "--quiet".into(),
    ])
    .ok()
    .json();
    assert_same!(out["period"]["start"], "2025-01-01");
    assert_same!(out["period"]["end"], "2025-12-31");
    let rows: BTreeMap<String, Value> = out["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let mut counts = r.clone();
            let key = counts
                .as_object_mut()
                .and_then(|o| o.remove("key"))
                .and_then(|k| k.as_str().map(String::from))
                .expect("row key");
            (key, counts)
        })
        .collect();
    let left_out = ["excluded", "cancelled", "duplicates_merged"].map(|k| {
        out[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in the JSON output"))
    });
    let diff = differences(entry, &out["total"], &rows, left_out);
    assert!(
        diff.is_empty(),
        "tiendo figures --period 2025 disagrees with sample-data/expected.json:\n{}",
        diff.join("\n")
    );
}
