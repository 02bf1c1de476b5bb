//! The hand-kept tracking sheet (`so-theo-doi-tay.csv`, 2025): UTF-8 with BOM, `;`, CRLF, a
//! title line, its own header names, no task id. About 100 rows copy tasks of the 2025 export
//! (agency as alias, content with case/spacing/NFD changes, sometimes a completion date the
//! export lacks or an earlier one); about 50 are tasks only this sheet has.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, Duration, NaiveDate};

use crate::directory::Agency;
use crate::planted::Tally;
use crate::rng::SplitMix64;
use crate::tasks::{Due, Generator, Lead, Mark, Plan, Source, Task, choose, status_text};
use crate::textforms::{double_space, lower_first, nfd};
use crate::vocab::DocKind;

const COPIES: usize = 100;
const ONLY_HERE: usize = 50;
const HEADER: [&str; 11] = [
    "STT",
    "Số văn bản",
    "Ngày ban hành",
    "Nội dung công việc",
    "Người chỉ đạo",
    "Cơ quan thực hiện",
    "Ngày nhận",
    "Thời hạn",
    "Ngày báo cáo hoàn thành",
    "Tình hình thực hiện",
    "Người theo dõi",
];
const TITLE: &str =
    "SỔ THEO DÕI NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO NĂM 2025 (Phòng Tổng hợp)";

/// Marks ~100 tasks of the 2025 export as copied into the hand sheet and returns the ~50 tasks
/// only the hand sheet has (plus one row without agency, to be excluded).
pub fn plan(
    rng: &mut SplitMix64,
    dir: &[Agency],
    tasks: &mut [Task],
    base: &Plan,
    seen: HashSet<String>,
    tally: &mut Tally,
) -> (Vec<Task>, HashSet<String>) {
    let eligible = |t: &Task| {
        t.source == Source::Export
            && t.mark == Mark::Plain
            && t.cancel.is_none()
            && t.extended.is_none()
            && matches!(t.lead, Lead::Known(_))
            && t.assigned.is_some_and(|d| d.year() == 2025)
            && t.doc_date.is_some()
    };
    let chosen = choose(rng, tasks, COPIES, eligible);
    let (mut lacks, mut earlier, mut later) = (0, 0, 0);
    for i in chosen {
        let t = &mut tasks[i];
        let copy = match (t.completed, t.assigned) {
            (Some(done), _) if lacks < 25 => {
                lacks += 1;
                tally.add("hand copy: completion date the export lacks");
                t.completed = None;
                Some(done)
            }
            (Some(done), Some(given)) if earlier < 10 && (done - given).num_days() >= 3 => {
                earlier += 1;
                tally.add("hand copy: earlier completion date than the export (earliest wins)");
                let back = rng.between(1, ((done - given).num_days() - 1).min(10));
                Some(done - Duration::days(back))
            }
            (Some(done), _) if later < 5 && done < base.export_day => {
                later += 1;
                tally.add("hand copy: later completion date than the export (export's wins)");
                Some((done + Duration::days(rng.between(1, 5))).min(base.export_day))
            }
            (done, _) => done,
        };
        t.hand = Some(crate::tasks::HandCopy { completed: copy });
        tally.add("hand copy of an export task (duplicate to merge)");
    }

    let plan = Plan {
        first_year: 2025,
        tasks_per_year: vec![ONLY_HERE + 1],
        on_time_share: vec![0.9],
        unknown_share: 0.0,
        id_prefix: "",
        kinds: vec![DocKind::OfficeNotice],
        ..base.clone()
    };
    let mut g = Generator {
        rng: rng.fork(),
        dir,
        plan,
        seen: Some(seen),
    };
    let mut own = g.generate();
    for t in own.iter_mut() {
        t.id = None;
        t.source = Source::HandOnly;
        t.cancel = None;
        t.extended = None; // the sheet has no extension column
    }
    if let Some(t) = own.last_mut() {
        t.lead = Lead::Missing;
        t.mark = Mark::NoLead;
        tally.add("excluded: no lead agency (hand sheet)");
    }
    tally.add_n("hand-sheet-only task", own.len() - 1);
    let seen = g.seen.take().unwrap_or_default();
    (own, seen)
}

fn date_text(day: NaiveDate, rng: &mut SplitMix64) -> String {
    if rng.chance(0.2) {
        day.format("%-d/%-m/%Y").to_string()
    } else {
        day.format("%d/%m/%Y").to_string()
    }
}

/// One CSV record for a task as the hand sheet shows it.
fn record(
    t: &Task,
    completed: Option<NaiveDate>,
    stt: usize,
    dir: &[Agency],
    export_day: NaiveDate,
    rng: &mut SplitMix64,
    tally: &mut Tally,
) -> Vec<String> {
    let agency = match &t.lead {
        Lead::Known(i) => dir.get(*i).map_or(String::new(), |a| {
            if !a.aliases.is_empty() && rng.chance(0.6) {
                tally.add("hand sheet: agency as alias");
                rng.pick(a.aliases).to_string()
            } else {
                a.name.to_string()
            }
        }),
        Lead::Unknown(raw) => raw.to_string(),
        Lead::Missing => String::new(),
    };
    let mut content = t.content.replace('\n', " ");
    if t.source == Source::Export {
        match rng.below(4) {
            0 => {
                content = nfd(&content);
                tally.add("hand copy: content in NFD");
            }
            1 => {
                content = double_space(&content, rng.below(30) as usize);
                tally.add("hand copy: content with double space");
            }
            2 => {
                content = lower_first(&content);
                tally.add("hand copy: content with lower-case first letter");
            }
            _ => {}
        }
    }
    let deadline = match t.due {
        Due::Date(d) => date_text(d, rng),
        Due::Without("") => String::new(),
        Due::Without(_) => "Thường xuyên".to_string(),
    };
    let status = match completed {
        Some(_) => rng.pick(&["Đã hoàn thành", "Hoàn thành"]).to_string(),
        None => status_text(t, None, export_day, rng),
    };
    vec![
        stt.to_string(),
        t.doc_number.clone(),
        t.doc_date.map(|d| date_text(d, rng)).unwrap_or_default(),
        content,
        t.leader.to_string(),
        agency,
        t.assigned.map(|d| date_text(d, rng)).unwrap_or_default(),
        deadline,
        completed.map(|d| date_text(d, rng)).unwrap_or_default(),
        status,
        t.officer.to_string(),
    ]
}

/// Writes the sheet; returns its number of task rows.
pub fn write(
    path: &Path,
    tasks: &[Task],
    dir: &[Agency],
    export_day: NaiveDate,
    rng: &mut SplitMix64,
    tally: &mut Tally,
) -> Result<usize> {
    let mut rows: Vec<(NaiveDate, &Task, Option<NaiveDate>)> = Vec::new();
    for t in tasks {
        match (&t.hand, t.source) {
            (Some(copy), Source::Export) => {
                rows.push((t.assigned.unwrap_or(export_day), t, copy.completed))
            }
            (_, Source::HandOnly) => rows.push((t.assigned.unwrap_or(export_day), t, t.completed)),
            _ => {}
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.doc_number.cmp(&b.1.doc_number)));
    let mut bytes: Vec<u8> = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut bytes);
        w.write_record([TITLE])?;
        w.write_record(HEADER)?;
        for (n, (_, t, done)) in rows.iter().enumerate() {
            w.write_record(record(t, *done, n + 1, dir, export_day, rng, tally))?;
        }
        w.flush()?;
    }
    let mut file = std::fs::File::create(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    file.write_all(&bytes)?;
    Ok(rows.len())
}
