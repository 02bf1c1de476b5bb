//! The pipeline: the only place that wires the stages together.
//!
//! [`load`] reads every input once (files in parallel; each file's cells are dropped as soon
//! as its tasks are extracted), matches agencies, merges duplicates and screens out what
//! cannot be counted. [`view`] then classifies the loaded tasks for one period and cut-off —
//! as often as a report needs (current period, same period last year, every year of a trend)
//! without reading anything again. [`figures`] aggregates a view by agency, group, bloc or
//! leader.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::agencies::{Directory, NO_DIRECTORY_GROUP, UNKNOWN_GROUP};
use crate::aggregate::{self, Fact};
use crate::classify::{self, Judging, Screen};
use crate::dedup;
use crate::ingest::{self, IngestError};
use crate::model::{
    Counts, Finding, FindingKind, LeftOut, Period, RawTask, SourceLoc, Status, Text,
};
use crate::normalize;
use crate::vn_text::fold;

/// What to read and how to judge.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub inputs: Vec<PathBuf>,
    pub agencies: Option<PathBuf>,
    pub skip_unreadable: bool,
    pub judging: Judging,
    pub show_progress: bool,
    /// Which task texts to keep: none for `figures`, `rank`, `trend`; those of the period
    /// for `report`.
    pub texts: normalize::Texts,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Directory(#[from] crate::agencies::DirectoryError),
    #[error(transparent)]
    Aggregate(#[from] aggregate::AggregateError),
    #[error(
        "«{0}»: không tìm thấy bảng nhiệm vụ nào (cần một dòng tiêu đề có cột đơn vị chủ trì và cột nội dung hoặc số ký hiệu)"
    )]
    NoTaskTable(String),
}

/// The agency a task names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgencyRef {
    /// A directory entry.
    Known(usize),
    /// Not in the directory: index into `Loaded::unknown_names`.
    Unknown(usize),
    Missing,
}

/// What loading found out about one task (kept beside the tasks, not inside them, so a
/// million tasks are never copied from one structure into another).
#[derive(Clone, Debug)]
pub struct TaskMeta {
    pub agency: AgencyRef,
    pub leader: usize,
    pub screen: Screen,
    /// Rows of other sources merged into this task.
    pub merged_rows: u32,
}

/// Everything read from the inputs, ready to be viewed for any period.
#[derive(Debug)]
pub struct Loaded {
    pub directory: Directory,
    pub unknown_names: Vec<String>,
    pub leaders: Vec<String>,
    /// The tasks after duplicates were merged, in input order…
    pub tasks: Vec<RawTask>,
    /// …and what loading found out about each (same index).
    pub meta: Vec<TaskMeta>,
    pub findings: Vec<Finding>,
    /// Rows of all inputs left out for missing information.
    pub excluded: u64,
    pub judging: Judging,
    pub files_read: usize,
}

/// With `TIENDO_TIMING=1`, print how long a stage took (a diagnostic for benchmarks).
pub fn timing(stage: &str, started: std::time::Instant) {
    if std::env::var_os("TIENDO_TIMING").is_some() {
        // The peak resident memory so far (Linux), to see which stage sets it.
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
                Some(format!(", đỉnh bộ nhớ {}", line["VmHWM:".len()..].trim()))
            })
            .unwrap_or_default();
        eprintln!(
            "[thời gian] {stage}: {:.3} s{peak}",
            started.elapsed().as_secs_f64()
        );
    }
}

/// The leader key for tasks that do not name one.
pub const NO_LEADER: &str = "Không ghi lãnh đạo giao";

/// Read, match, merge and screen every input.
pub fn load(sources: &Sources) -> Result<Loaded, PipelineError> {
    let started = std::time::Instant::now();
    let files = ingest::expand_inputs(&sources.inputs)?;
    let progress = crate::progress::Bar::new(files.len() as u64, "Đọc tệp", sources.show_progress);
    let results: Vec<_> = files
        .par_iter()
        .map(|path| {
            // Rows stream from the reader into the normaliser: a file's cells are never all
            // held at once, only the tasks made of them.
            let mut normalizer = normalize::Normalizer::new(sources.texts);
            let out = ingest::stream_file(path, &mut normalizer).map(|()| normalizer.out);
            progress.inc();
            (path, out)
        })
        .collect();
    progress.finish();
    // One exact allocation for all tasks; each file's own list is freed as soon as it is
    // moved in, so the tasks are never held twice.
    let total = results
        .iter()
        .map(|(_, r)| r.as_ref().map_or(0, |n| n.tasks.len()))
        .sum();
    let mut raw_tasks = Vec::with_capacity(total);
    let mut findings = Vec::new();
    for (path, result) in results {
        let name = path.display().to_string();
        let error = match result {
            Ok(n) if n.task_sheets > 0 => {
                raw_tasks.extend(n.tasks);
                findings.extend(n.findings);
                continue;
            }
            Ok(_) => PipelineError::NoTaskTable(name.clone()),
            Err(e) => PipelineError::Ingest(e),
        };
        if !sources.skip_unreadable {
            return Err(error);
        }
        findings.push(Finding {
            kind: FindingKind::UnreadableFile,
            source: SourceLoc {
                file: name.into(),
                sheet: None,
                row: 0,
            },
            message: error.to_string(),
        });
    }
    timing("đọc và chuẩn hoá tệp", started);
    let directory = match &sources.agencies {
        Some(path) => Directory::from_sheets(&ingest::read_file(path)?)?,
        None => Directory::default(),
    };
    let started = std::time::Instant::now();
    let loaded = settle(directory, raw_tasks, findings, sources.judging, files.len());
    timing("khớp cơ quan, gộp trùng, sàng lọc", started);
    Ok(loaded)
}

/// Match agencies, merge duplicates, screen, and collect the findings of each step.
pub fn settle(
    directory: Directory,
    mut tasks: Vec<RawTask>,
    mut findings: Vec<Finding>,
    judging: Judging,
    files_read: usize,
) -> Loaded {
    let mut matcher = Matcher::new(&directory);
    let (merged_rows, dup_findings) = dedup::merge(&mut tasks, |t| match matcher.resolve(t) {
        AgencyRef::Known(i) => Some(i as u64),
        AgencyRef::Unknown(i) => Some((1 << 40) + i as u64),
        AgencyRef::Missing => None,
    });
    findings.extend(dup_findings);
    let mut leaders = Keyed::default();
    let mut leader_ids: SharedMap<usize> = SharedMap::new();
    let no_leader = leaders.id(NO_LEADER);
    let mut excluded = 0;
    // Screening and the contradiction check read one task each: done in parallel, straight
    // into the tasks' records (agency and leader are filled in below, in input order).
    let mut meta: Vec<TaskMeta> = tasks
        .par_iter()
        .zip(merged_rows)
        .map(|(t, merged_rows)| TaskMeta {
            agency: AgencyRef::Missing,
            leader: no_leader,
            screen: classify::screen(t, judging),
            merged_rows,
        })
        .collect();
    let mut contradictions: Vec<(usize, String)> = tasks
        .par_iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, classify::contradiction(t, judging)?)))
        .collect();
    contradictions.reverse(); // popped in input order
    for (i, (task, m)) in tasks.iter().zip(&mut meta).enumerate() {
        match &m.screen {
            Screen::Excluded(reason) => {
                excluded += 1;
                findings.push(Finding {
                    kind: FindingKind::Excluded,
                    source: task.source.clone(),
                    message: reason.clone(),
                });
            }
            Screen::Cancelled => findings.push(Finding {
                kind: FindingKind::Cancelled,
                source: task.source.clone(),
                message: format!(
                    "trạng thái «{}»",
                    task.status_raw.as_deref().unwrap_or_default()
                ),
            }),
            Screen::Countable => {}
        }
        if let Some((_, message)) = contradictions.pop_if(|(at, _)| *at == i) {
            findings.push(Finding {
                kind: FindingKind::Contradiction,
                source: task.source.clone(),
                message,
            });
        }
        if let Some(name) = &task.leader {
            m.leader = leader_ids.get_or_insert(name, |n| leaders.id(n));
        }
        m.agency = matcher.resolve(task);
    }
    if !directory.is_empty() {
        findings.extend(matcher.unknown_findings(&tasks, &meta));
    }
    findings.sort_by(|a, b| (a.kind, &a.source).cmp(&(b.kind, &b.source)));
    let unknown_names = matcher.unknown.names;
    Loaded {
        directory,
        unknown_names,
        leaders: leaders.names,
        tasks,
        meta,
        findings,
        excluded,
        judging,
        files_read,
    }
}

/// First-seen display names keyed by their folded form. Lookups are cached by the raw text:
/// exports repeat the same few dozen spellings on every row, and folding is the costly part.
#[derive(Default)]
struct Keyed {
    names: Vec<String>,
    ids: HashMap<String, usize>,
    raw: HashMap<String, usize>,
}

impl Keyed {
    fn id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.raw.get(name) {
            return id;
        }
        let key = fold(name);
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                self.names.push(name.to_string());
                self.ids.insert(key, self.names.len() - 1);
                self.names.len() - 1
            }
        };
        self.raw.insert(name.to_string(), id);
        id
    }
}

/// Raw agency name → directory entry or unknown name, cached by raw text (exports repeat
/// the same few dozen spellings thousands of times).
struct Matcher<'a> {
    directory: &'a Directory,
    cache: SharedMap<AgencyRef>,
    unknown: Keyed,
}

/// A cache keyed by the address of a shared text: the normaliser gives every distinct text of
/// a sheet one shared copy, so a million rows hit a few dozen addresses and no string is
/// hashed. The entry holds a clone of the text, so the address cannot be reused meanwhile.
struct SharedMap<V>(HashMap<usize, (Text, V), std::hash::BuildHasherDefault<AddressHasher>>);

impl<V: Copy> SharedMap<V> {
    fn new() -> Self {
        SharedMap(HashMap::default())
    }

    fn get_or_insert(&mut self, text: &Text, make: impl FnOnce(&str) -> V) -> V {
        let address = text.as_ptr() as usize;
        if let Some((_, v)) = self.0.get(&address) {
            return *v;
        }
        let v = make(text);
        self.0.insert(address, (text.clone(), v));
        v
    }
}

/// Addresses are unique already; a multiply spreads their aligned low bits.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl<'a> Matcher<'a> {
    fn new(directory: &'a Directory) -> Self {
        Matcher {
            directory,
            cache: SharedMap::new(),
            unknown: Keyed::default(),
        }
    }

    fn resolve(&mut self, task: &RawTask) -> AgencyRef {
        let Some(raw) = task.agency.as_ref() else {
            return AgencyRef::Missing;
        };
        let (directory, unknown) = (self.directory, &mut self.unknown);
        self.cache
            .get_or_insert(raw, |name| match directory.lookup(name) {
                Some(i) => AgencyRef::Known(i),
                None => AgencyRef::Unknown(unknown.id(name)),
            })
    }

    /// One finding per unknown name, at its first row, with how many rows use it.
    fn unknown_findings(&self, tasks: &[RawTask], meta: &[TaskMeta]) -> Vec<Finding> {
        let mut first: HashMap<usize, (SourceLoc, usize)> = HashMap::new();
        for (t, m) in tasks.iter().zip(meta) {
            if let AgencyRef::Unknown(i) = m.agency {
                let e = first.entry(i).or_insert((t.source.clone(), 0));
                e.1 += 1;
            }
        }
        let mut out: Vec<Finding> = first
            .into_iter()
            .map(|(i, (source, n))| Finding {
                kind: FindingKind::UnknownAgency,
                source,
                message: format!(
                    "«{}» ({n} nhiệm vụ) không khớp cơ quan nào trong danh mục; vẫn tính dưới tên này — hãy thêm vào cột «Tên gọi khác» nếu là tên khác của một cơ quan",
                    self.unknown.names[i]
                ),
            })
            .collect();
        out.sort_by(|a, b| a.source.cmp(&b.source));
        out
    }
}

/// How tasks are mapped to the agencies they are reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
    /// Restated to the structure in force on this day (mergers with effect by then applied).
    AsOf(NaiveDate),
    /// Every agency as it was (--as-then).
    AsThen,
}

/// A counted task in a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    /// Index into `Loaded::tasks`.
    pub task: usize,
    /// Agency slot: directory index, or directory length + unknown index.
    pub agency: usize,
    pub status: Status,
    pub has_no_deadline: bool,
    pub deadline_used: Option<NaiveDate>,
    /// Only for overdue tasks.
    pub days_overdue: Option<i64>,
}

/// The loaded tasks classified for one period.
#[derive(Clone, Debug)]
pub struct View {
    pub period: Period,
    pub structure: Structure,
    pub counted: Vec<Counted>,
    pub left_out: LeftOut,
}

/// Classify for one period: which tasks belong to it and their status at its effective end.
pub fn view(loaded: &Loaded, period: &Period, structure: Structure) -> View {
    let cut = period.effective_end();
    let judging = loaded.judging;
    let mut left_out = LeftOut {
        excluded: loaded.excluded,
        ..LeftOut::default()
    };
    let mut counted = Vec::new();
    for (i, (t, m)) in loaded.tasks.iter().zip(&loaded.meta).enumerate() {
        if !classify::in_period(t, period, judging) {
            continue;
        }
        left_out.duplicates_merged += u64::from(m.merged_rows);
        match m.screen {
            Screen::Cancelled => left_out.cancelled += 1,
            Screen::Excluded(_) => {}
            Screen::Countable => {
                let deadline = classify::deadline_used(t, judging);
                let status = classify::status_at(t, cut, judging);
                counted.push(Counted {
                    task: i,
                    agency: agency_slot(loaded, m.agency, structure),
                    status,
                    has_no_deadline: deadline == crate::model::Deadline::NoDeadline,
                    deadline_used: match deadline {
                        crate::model::Deadline::Date(d) => Some(d),
                        _ => None,
                    },
                    days_overdue: classify::days_overdue(t, status, cut, judging),
                });
            }
        }
    }
    View {
        period: period.clone(),
        structure,
        counted,
        left_out,
    }
}

pub fn agency_slot(loaded: &Loaded, agency: AgencyRef, structure: Structure) -> usize {
    match (agency, structure) {
        (AgencyRef::Known(i), Structure::AsOf(day)) => loaded.directory.reported_under(i, day),
        (AgencyRef::Known(i), Structure::AsThen) => i,
        (AgencyRef::Unknown(i), _) => loaded.directory.agencies.len() + i,
        // Screened out before any view; kept total for safety.
        (AgencyRef::Missing, _) => agency_slots(loaded),
    }
}

/// What the rows of a figures table are keyed by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    #[default]
    Agency,
    Group,
    Bloc,
    Leader,
}

/// The key tables of a loaded set: names of agency slots, groups and blocs in report order.
#[derive(Clone, Debug)]
pub struct Keys {
    /// Agency slot → display name.
    pub agency_names: Vec<String>,
    /// Agency slot → group id.
    pub agency_group: Vec<usize>,
    /// Agency slot → bloc id.
    pub agency_bloc: Vec<usize>,
    pub groups: Vec<String>,
    pub blocs: Vec<String>,
    /// Agency slots in report order: directory order, then unknown names alphabetically.
    pub agency_order: Vec<usize>,
}

/// The bloc of agencies without one.
pub const NO_BLOC: &str = "Chưa xếp khối thi đua";

pub fn keys(loaded: &Loaded) -> Keys {
    let dir = &loaded.directory;
    let mut groups = Keyed::default();
    let mut blocs = Keyed::default();
    let mut agency_names = Vec::new();
    let mut agency_group = Vec::new();
    let mut agency_bloc = Vec::new();
    for a in &dir.agencies {
        agency_names.push(a.name.clone());
        agency_group.push(groups.id(&a.group));
        agency_bloc.push(blocs.id(a.bloc.as_deref().unwrap_or(NO_BLOC)));
    }
    let unknown_group = if dir.is_empty() {
        NO_DIRECTORY_GROUP
    } else {
        UNKNOWN_GROUP
    };
    for name in &loaded.unknown_names {
        agency_names.push(name.clone());
        agency_group.push(groups.id(unknown_group));
        agency_bloc.push(blocs.id(NO_BLOC));
    }
    let mut agency_order: Vec<usize> = (0..dir.agencies.len()).collect();
    let mut unknown: Vec<usize> = (dir.agencies.len()..agency_names.len()).collect();
    unknown.sort_by_cached_key(|&i| (fold(&agency_names[i]), i));
    agency_order.extend(unknown);
    // Make sure the no-bloc key exists last when some agency lacks a bloc.
    Keys {
        agency_names,
        agency_group,
        agency_bloc,
        groups: groups.names,
        blocs: blocs.names,
        agency_order,
    }
}

/// One row of a figures table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRow {
    pub key: String,
    pub counts: Counts,
}

/// A figures table for one view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub period: Period,
    pub rows: Vec<FigureRow>,
    pub total: Counts,
    pub left_out: LeftOut,
}

/// Counts per agency slot (dense, indexed by slot).
pub fn agency_counts(loaded: &Loaded, view: &View) -> Result<Vec<Counts>, PipelineError> {
    counts_by(view, agency_slots(loaded), |c| Some(c.agency))
}

fn agency_slots(loaded: &Loaded) -> usize {
    loaded.directory.agencies.len() + loaded.unknown_names.len()
}

/// Counts of the view's tasks per key id (`n_keys` ids); `key` gives a task's id, or None to
/// leave it out.
fn counts_by(
    view: &View,
    n_keys: usize,
    key: impl Fn(&Counted) -> Option<usize>,
) -> Result<Vec<Counts>, PipelineError> {
    let facts: Vec<Fact> = view
        .counted
        .iter()
        .filter_map(|c| {
            key(c).map(|k| Fact {
                key: k as u32,
                status: c.status,
                has_no_deadline: c.has_no_deadline,
            })
        })
        .collect();
    Ok(aggregate::counts_by_key(&facts, n_keys)?)
}

/// Aggregate a view by the chosen key; rows without tasks are left out; report order.
pub fn figures(loaded: &Loaded, view: &View, by: By) -> Result<Figures, PipelineError> {
    let keys = keys(loaded);
    let rows: Vec<FigureRow> = match by {
        By::Agency => {
            let counts = agency_counts(loaded, view)?;
            keys.agency_order
                .iter()
                .map(|&s| FigureRow {
                    key: keys.agency_names[s].clone(),
                    counts: counts[s],
                })
                .collect()
        }
        By::Group | By::Bloc => {
            let (map, names) = match by {
                By::Group => (&keys.agency_group, &keys.groups),
                _ => (&keys.agency_bloc, &keys.blocs),
            };
            let counts = counts_by(view, names.len(), |c| Some(map[c.agency]))?;
            names
                .iter()
                .zip(counts)
                .map(|(k, counts)| FigureRow {
                    key: k.clone(),
                    counts,
                })
                .collect()
        }
        By::Leader => {
            let counts = counts_by(view, loaded.leaders.len(), |c| {
                Some(loaded.meta[c.task].leader)
            })?;
            let mut rows: Vec<FigureRow> = loaded
                .leaders
                .iter()
                .zip(counts)
                .map(|(k, counts)| FigureRow {
                    key: k.clone(),
                    counts,
                })
                .collect();
            rows.sort_by_cached_key(|r| (r.key == NO_LEADER, fold(&r.key)));
            rows
        }
    };
    let rows: Vec<FigureRow> = rows.into_iter().filter(|r| r.counts.total > 0).collect();
    let total = aggregate::total(&rows.iter().map(|r| r.counts).collect::<Vec<_>>());
    Ok(Figures {
        period: view.period.clone(),
        rows,
        total,
        left_out: view.left_out,
    })
}

/// Counts per agency slot over key tasks (nhiệm vụ trọng tâm) only.
pub fn key_agency_counts(loaded: &Loaded, view: &View) -> Result<Vec<Counts>, PipelineError> {
    counts_by(view, agency_slots(loaded), |c| {
        loaded.tasks[c.task].is_key.then_some(c.agency)
    })
}

/// The agencies to score for a view: every directory agency still in existence under the
/// view's structure (a merged-away agency is scored under its successor; a dissolved one only
/// if it had tasks), with its counts and key-task counts. Agencies outside the directory are
/// not ranked (they are listed in the data-quality findings instead).
pub fn score_inputs(
    loaded: &Loaded,
    view: &View,
) -> Result<Vec<crate::score::ScoreInput>, PipelineError> {
    let counts = agency_counts(loaded, view)?;
    let key_counts = key_agency_counts(loaded, view)?;
    let end = view.period.effective_end();
    let dir = &loaded.directory;
    Ok((0..dir.agencies.len())
        .filter(|&i| match view.structure {
            Structure::AsOf(day) => dir.reported_under(i, day) == i,
            Structure::AsThen => true,
        })
        .filter(|&i| counts[i].total > 0 || dir.agencies[i].ends_on.is_none_or(|d| d > end))
        .map(|i| crate::score::ScoreInput {
            name: dir.agencies[i].name.clone(),
            bloc: dir.agencies[i].bloc.clone(),
            counts: counts[i],
            key_counts: key_counts[i],
        })
        .collect())
}
