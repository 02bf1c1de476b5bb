//! Reading a warehouse back into the rows read: the year files' and `_left_out.parquet`'s
//! tasks that were not merged (each is its only row), and every row of `_merged.parquet`,
//! placed by `read_order`; the findings of reading; the files' statements and the files
//! read from the manifest. Only the columns a load needs are read (without the task texts
//! when it keeps none), and each repeated text (agency, leader, officer, status, file,
//! sheet) becomes one shared copy, as the normaliser makes it.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use super::write::ROW_COLUMNS;
use super::{
    DATE, DATE_TIME, FINDINGS, FORMAT, LEFT_OUT, MANIFEST, MERGED, Manifest, STATUS_TEXTS, VERSION,
    WarehouseError, deadline_kind, finding_kind, is_warehouse, status_kind,
};
use crate::model::{
    Deadline, Finding, FindingKind, RawTask, RowsRead, SourceLoc, Stated, Statement, StatusText,
    Text,
};
use crate::normalize::Texts;

/// The task texts a load without texts does not read.
const TEXT_COLUMNS: [&str; 4] = ["task_id", "doc_number", "summary", "cooperating"];

/// The rows read into the warehouse at `dir`, keeping the task texts `texts` asks for.
///
/// The task tables are decoded and prepared in parallel (their repeated texts numbered, their
/// codes checked); then each row read is found by its read order and every task is built in
/// parallel, straight into its place in the result.
pub fn read(dir: &Path, texts: Texts) -> Result<RowsRead, WarehouseError> {
    let started = std::time::Instant::now();
    let manifest = read_manifest(dir)?;
    let rows = usize::try_from(manifest.rows).unwrap_or(usize::MAX);
    let keep_texts = texts != Texts::None;
    // Each file is decoded in turn (polars decodes one file on every core); its row groups
    // are then prepared as tables of their own, all in parallel.
    let mut pieces: Vec<(&PathBuf, bool, DataFrame)> = Vec::new();
    let paths: Vec<(PathBuf, bool)> = manifest
        .parts
        .iter()
        .map(|part| (dir.join(part), true))
        .chain([(dir.join(LEFT_OUT), true), (dir.join(MERGED), false)])
        .collect();
    for (path, only_unmerged) in &paths {
        let mut df = decode(path, *only_unmerged, keep_texts)?;
        pieces.extend(df.split_chunks().map(|piece| (path, *only_unmerged, piece)));
    }
    let tables: Vec<Table> = pieces
        .into_par_iter()
        .map(|(path, only_unmerged, df)| Table::new(path, &df, only_unmerged, keep_texts))
        .collect::<Result<_, _>>()?;
    let places = places(dir, &tables, rows)?;
    let tasks: Vec<RawTask> = places
        .par_iter()
        .map(|place| tables[place.table as usize].task(place.row as usize, texts))
        .collect();
    let findings = read_findings(&dir.join(FINDINGS))?;
    crate::progress::timing("đọc kho Parquet", started);
    Ok(RowsRead {
        tasks,
        findings,
        stated: statements(dir, &manifest)?,
        files: manifest
            .files
            .iter()
            .map(|f| Text::from(f.as_str()))
            .collect(),
    })
}

/// The task files a warehouse was written from, in reading order.
pub fn files_of(dir: &Path) -> Result<Vec<String>, WarehouseError> {
    Ok(read_manifest(dir)?.files)
}

/// The warehouses in the sub-folders of a folder that is none itself, by name.
pub fn warehouses_in(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() || is_warehouse(dir) {
        return Vec::new();
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_warehouse(p))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn damaged(path: &Path, reason: impl std::fmt::Display) -> WarehouseError {
    WarehouseError::Read {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

fn read_manifest(dir: &Path) -> Result<Manifest, WarehouseError> {
    let path = dir.join(MANIFEST);
    let bytes = std::fs::read(&path).map_err(|e| damaged(&path, e))?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| damaged(&path, format!("tệp mô tả kho không đúng dạng [{e}]")))?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        return Err(damaged(
            &path,
            format!(
                "kho dạng «{} {}», phiên bản tiendo này đọc dạng «{FORMAT} {VERSION}»: hãy xuất lại bằng phiên bản này",
                manifest.format, manifest.version
            ),
        ));
    }
    Ok(manifest)
}

/// Where a row read is: its table and its row there.
#[derive(Clone, Copy)]
struct Place {
    table: u32,
    row: u32,
}

/// Every row read, by read order. A task row of a merged task is not one of them (its rows
/// are in `_merged.parquet`); each read order must be given exactly once.
fn places(dir: &Path, tables: &[Table], rows: usize) -> Result<Vec<Place>, WarehouseError> {
    const EMPTY: Place = Place {
        table: u32::MAX,
        row: u32::MAX,
    };
    let mut places = vec![EMPTY; rows];
    for (t, table) in tables.iter().enumerate() {
        for row in 0..table.len() {
            let merged = table.merged_rows.as_ref().and_then(|m| m.get(row));
            if merged.is_some_and(|n| n > 0) {
                continue;
            }
            let order = table
                .read_order
                .get(row)
                .ok_or_else(|| damaged(&table.path, "cột read_order trống"))?
                as usize;
            let place = places.get_mut(order).ok_or_else(|| {
                damaged(
                    &table.path,
                    format!("dòng có read_order {order} ngoài số dòng đã đọc"),
                )
            })?;
            if place.table != u32::MAX {
                return Err(damaged(
                    &table.path,
                    format!("hai dòng cùng read_order {order}"),
                ));
            }
            *place = Place {
                table: t as u32,
                row: row as u32,
            };
        }
    }
    if let Some(missing) = places.iter().position(|p| p.table == u32::MAX) {
        return Err(damaged(
            dir,
            format!("thiếu dòng thứ {} trong {} dòng đã đọc", missing + 1, rows),
        ));
    }
    Ok(places)
}

/// The task table at `path`, without the task texts unless `keep_texts`, and with the
/// `merged_rows` column when `only_unmerged` (see [`Table::new`]).
fn decode(path: &Path, only_unmerged: bool, keep_texts: bool) -> Result<DataFrame, WarehouseError> {
    let mut columns: Vec<String> = ROW_COLUMNS
        .iter()
        .filter(|c| keep_texts || !TEXT_COLUMNS.contains(c))
        .map(|c| c.to_string())
        .collect();
    if only_unmerged {
        columns.push("merged_rows".to_string());
    }
    let file = File::open(path).map_err(|e| damaged(path, e))?;
    ParquetReader::new(file)
        .with_columns(Some(columns))
        .finish()
        .map_err(|e| damaged(path, e))
}

/// One arrow array of a column of type `T` (a column read as one chunk).
type Array<T> = <T as PolarsDataType>::Array;

/// A column as one array: the pieces of a file hold one chunk per column (anything else is
/// joined first), and the array shares the decoded buffers.
fn array<T: PolarsDataType>(column: &ChunkedArray<T>) -> Array<T> {
    column.rechunk().downcast_as_array().clone()
}

/// One piece of a task table (a row group of a file) as single arrays (cheap clones of the
/// decoded buffers), with its repeated texts numbered and its deadline and status codes read,
/// so that any of its rows can be built on any thread.
struct Table {
    path: PathBuf,
    read_order: Array<UInt32Type>,
    /// For a table of tasks, some of them merged (a year file or the rows left out): how many
    /// rows were merged into each.
    merged_rows: Option<Array<UInt32Type>>,
    doc_date: Array<Int32Type>,
    assigned: Array<Int32Type>,
    extended: Array<Int32Type>,
    completed: Array<Int32Type>,
    updated: Array<Int32Type>,
    is_key: Array<BooleanType>,
    match_key: Array<UInt64Type>,
    id_key: Array<UInt64Type>,
    info: Array<UInt32Type>,
    source_row: Array<UInt32Type>,
    deadline: Vec<Deadline>,
    status_text: Vec<Option<StatusText>>,
    leader: Coded,
    agency: Coded,
    status_raw: Coded,
    officer: Coded,
    file: Coded,
    sheet: Coded,
    /// The task texts, read only when the load keeps texts.
    texts: Option<TaskTexts>,
}

struct TaskTexts {
    task_id: Array<StringType>,
    doc_number: Array<StringType>,
    summary: Array<StringType>,
    cooperating: Coded,
}

/// The repeated text columns, numbered per distinct text (the normaliser's interning).
const CODED_COLUMNS: [&str; 7] = [
    "leader_raw",
    "agency_raw",
    "status_text",
    "officer_raw",
    "source_file",
    "source_sheet",
    "cooperating",
];

impl Table {
    /// The piece `df` of the file at `path`: its arrays, its deadline and status codes
    /// (checked) and its numbered texts (the numbering and the checks in parallel).
    /// `only_unmerged`: the file holds tasks, some of them merged (a year file or the rows
    /// left out), so its `merged_rows` column is read.
    fn new(
        path: &Path,
        df: &DataFrame,
        only_unmerged: bool,
        keep_texts: bool,
    ) -> Result<Table, WarehouseError> {
        let polars = |e: PolarsError| damaged(path, e);
        let coded_columns = &CODED_COLUMNS[..CODED_COLUMNS.len() - usize::from(!keep_texts)];
        let ((deadline, status_text), coded) = rayon::join(
            || rayon::join(|| deadlines(df), || status_texts(df)),
            || {
                coded_columns
                    .par_iter()
                    .map(|name| Coded::of(df, name))
                    .collect::<PolarsResult<Vec<Coded>>>()
            },
        );
        let deadline = deadline.map_err(|e| damaged(path, e))?;
        let status_text = status_text.map_err(|e| damaged(path, e))?;
        let mut coded = coded.map_err(polars)?.into_iter();
        let mut next = || coded.next().unwrap_or_default();
        let u32s = |name| Ok::<_, PolarsError>(array(df.column(name)?.u32()?));
        let u64s = |name| Ok::<_, PolarsError>(array(df.column(name)?.u64()?));
        let days = |name| Ok::<_, PolarsError>(array(df.column(name)?.date()?.physical()));
        let strs = |name| Ok::<_, PolarsError>(array(df.column(name)?.str()?));
        Ok(Table {
            path: path.to_path_buf(),
            read_order: u32s("read_order").map_err(polars)?,
            merged_rows: match only_unmerged {
                true => Some(u32s("merged_rows").map_err(polars)?),
                false => None,
            },
            doc_date: days("doc_date").map_err(polars)?,
            assigned: days("assigned_raw").map_err(polars)?,
            extended: days("extended").map_err(polars)?,
            completed: days("completed").map_err(polars)?,
            updated: days("updated").map_err(polars)?,
            is_key: df
                .column("is_key")
                .and_then(|c| Ok(array(c.bool()?)))
                .map_err(polars)?,
            match_key: u64s("match_key").map_err(polars)?,
            id_key: u64s("id_key").map_err(polars)?,
            info: u32s("info").map_err(polars)?,
            source_row: u32s("source_row").map_err(polars)?,
            deadline,
            status_text,
            // In the order of CODED_COLUMNS.
            leader: next(),
            agency: next(),
            status_raw: next(),
            officer: next(),
            file: next(),
            sheet: next(),
            texts: match keep_texts {
                true => Some(TaskTexts {
                    task_id: strs("task_id").map_err(polars)?,
                    doc_number: strs("doc_number").map_err(polars)?,
                    summary: strs("summary").map_err(polars)?,
                    cooperating: next(),
                }),
                false => None,
            },
        })
    }

    fn len(&self) -> usize {
        self.read_order.len()
    }

    /// The task of row `row`, with its texts if `texts` keeps them (as the normaliser does).
    fn task(&self, row: usize, texts: Texts) -> RawTask {
        let assigned = date(self.assigned.get(row));
        let doc_date = date(self.doc_date.get(row));
        let task = RawTask {
            doc_date,
            leader: self.leader.at(row),
            agency: self.agency.at(row),
            assigned,
            deadline: self.deadline[row],
            extended: date(self.extended.get(row)),
            completed: date(self.completed.get(row)),
            status_text: self.status_text[row],
            status_raw: self.status_raw.at(row),
            is_key: self.is_key.get(row).unwrap_or(false),
            officer: self.officer.at(row),
            updated: date(self.updated.get(row)),
            match_key: self.match_key.get(row).and_then(crate::model::Key::new),
            id_key: self.id_key.get(row).and_then(crate::model::Key::new),
            info: self
                .info
                .get(row)
                .map_or(0, |n| u8::try_from(n).unwrap_or(u8::MAX)),
            source: SourceLoc {
                file: self.file.at(row).unwrap_or_default(),
                sheet: self.sheet.at(row),
                row: self.source_row.get(row).unwrap_or(0) as usize,
            },
            task_id: None,
            doc_number: None,
            summary: None,
            cooperating: None,
        };
        match &self.texts {
            Some(t) if texts.keeps(assigned.or(doc_date)) => RawTask {
                task_id: t.task_id.get(row).map(Text::from),
                doc_number: t.doc_number.get(row).map(Text::from),
                summary: t.summary.get(row).map(Text::from),
                cooperating: t.cooperating.at(row),
                ..task
            },
            _ => task,
        }
    }
}

/// A column of repeated texts: each row's index into one shared copy per distinct text.
#[derive(Default)]
struct Coded {
    rows: Vec<u32>,
    texts: Vec<Text>,
}

impl Coded {
    const EMPTY: u32 = u32::MAX;

    /// Rows are numbered by their 16-byte view first: equal views are equal texts (a short
    /// text is inside its view; a long one is at the same place in the same buffer, as a
    /// dictionary-encoded column decodes), so most rows cost no string hashing; distinct
    /// views with equal texts then share one copy.
    fn of(df: &DataFrame, name: &str) -> PolarsResult<Coded> {
        let column = array(df.column(name)?.str()?);
        let views = column.views();
        let mut by_view: HashMap<u128, u32, foldhash::fast::FixedState> = HashMap::default();
        let mut by_text: HashMap<&str, u32, foldhash::fast::FixedState> = HashMap::default();
        let mut texts = Vec::new();
        let rows = (0..column.len())
            .map(|i| {
                let Some(text) = column.get(i) else {
                    return Coded::EMPTY;
                };
                let view = views[i].as_u128();
                if let Some(&code) = by_view.get(&view) {
                    return code;
                }
                let code = *by_text.entry(text).or_insert_with(|| {
                    texts.push(Text::from(text));
                    (texts.len() - 1) as u32
                });
                by_view.insert(view, code);
                code
            })
            .collect();
        Ok(Coded { rows, texts })
    }

    fn at(&self, row: usize) -> Option<Text> {
        let code = *self.rows.get(row)?;
        self.texts.get(code as usize).cloned()
    }
}

/// One shared copy per distinct repeated text (the normaliser's interning), for the findings.
#[derive(Default)]
struct Shared {
    texts: HashSet<Text, foldhash::fast::RandomState>,
}

impl Shared {
    fn get(&mut self, text: &str) -> Text {
        if let Some(found) = self.texts.get(text) {
            return found.clone();
        }
        let shared = Text::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    fn get_opt(&mut self, text: Option<&str>) -> Option<Text> {
        text.map(|t| self.get(t))
    }
}

/// Days since 1970-01-01 as a date (the Parquet Date type).
fn date(days: Option<i32>) -> Option<NaiveDate> {
    // 719_163 days from 01/01/0001 (day 1) to 01/01/1970.
    NaiveDate::from_num_days_from_ce_opt(days? + 719_163)
}

fn strs<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<impl Iterator<Item = Option<&'a str>> + use<'a>> {
    Ok(df
        .column(name)?
        .str()?
        .downcast_iter()
        .flat_map(|a| a.iter()))
}

fn dates<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<impl Iterator<Item = Option<NaiveDate>> + use<'a>> {
    Ok(df
        .column(name)?
        .date()?
        .physical()
        .downcast_iter()
        .flat_map(|a| a.iter().map(|d| date(d.copied()))))
}

fn u32s<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<impl Iterator<Item = Option<u32>> + use<'a>> {
    Ok(df
        .column(name)?
        .u32()?
        .downcast_iter()
        .flat_map(|a| a.iter().map(|v| v.copied())))
}

/// The next value of a column that holds one for every row read.
fn next<T>(it: &mut impl Iterator<Item = Option<T>>) -> Option<T> {
    it.next().flatten()
}

fn deadlines(df: &DataFrame) -> Result<Vec<Deadline>, String> {
    let err = |e: PolarsError| e.to_string();
    let kinds = strs(df, "deadline_kind").map_err(err)?;
    let days = dates(df, "deadline").map_err(err)?;
    kinds
        .zip(days)
        .map(|(kind, day)| deadline_of(kind, day))
        .collect()
}

fn status_texts(df: &DataFrame) -> Result<Vec<Option<StatusText>>, String> {
    let codes = strs(df, "status_kind").map_err(|e| e.to_string())?;
    codes.map(status_text_of).collect()
}

fn deadline_of(kind: Option<&str>, day: Option<NaiveDate>) -> Result<Deadline, String> {
    let kind = kind.unwrap_or_default();
    match (day, kind) {
        (Some(d), _) if kind == deadline_kind(Deadline::Date(d)) => Ok(Deadline::Date(d)),
        (None, _) if kind == deadline_kind(Deadline::NoDeadline) => Ok(Deadline::NoDeadline),
        (None, _) if kind == deadline_kind(Deadline::Unknown) => Ok(Deadline::Unknown),
        _ => Err(format!(
            "cột deadline_kind: «{kind}» không khớp cột deadline"
        )),
    }
}

fn status_text_of(code: Option<&str>) -> Result<Option<StatusText>, String> {
    let Some(code) = code else {
        return Ok(None);
    };
    STATUS_TEXTS
        .iter()
        .find(|s| status_kind(**s) == code)
        .map(|s| Some(*s))
        .ok_or_else(|| format!("cột status_kind: không hiểu «{code}»"))
}

fn read_findings(path: &Path) -> Result<Vec<Finding>, WarehouseError> {
    let file = File::open(path).map_err(|e| damaged(path, e))?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| damaged(path, e))?;
    let mut shared = Shared::default();
    let mut read = || -> Result<Vec<Finding>, String> {
        let err = |e: PolarsError| e.to_string();
        let mut kind = strs(&df, "kind").map_err(err)?;
        let mut file = strs(&df, "file").map_err(err)?;
        let mut sheet = strs(&df, "sheet").map_err(err)?;
        let mut row = u32s(&df, "row").map_err(err)?;
        let mut message = strs(&df, "message").map_err(err)?;
        (0..df.height())
            .map(|_| {
                let code = next(&mut kind).unwrap_or_default();
                let kind = FindingKind::ALL
                    .iter()
                    .find(|k| finding_kind(**k) == code)
                    .ok_or_else(|| format!("cột kind: không hiểu «{code}»"))?;
                Ok(Finding {
                    kind: *kind,
                    source: SourceLoc {
                        file: shared.get(next(&mut file).unwrap_or_default()),
                        sheet: shared.get_opt(next(&mut sheet)),
                        row: next(&mut row).unwrap_or(0) as usize,
                    },
                    message: next(&mut message).unwrap_or_default().to_string(),
                })
            })
            .collect()
    };
    read().map_err(|e| damaged(path, e))
}

fn statements(dir: &Path, manifest: &Manifest) -> Result<Vec<Stated>, WarehouseError> {
    let path = dir.join(MANIFEST);
    let day = |s: &str| {
        NaiveDate::parse_from_str(s, DATE)
            .map_err(|_| damaged(&path, format!("«{s}» không phải ngày yyyy-mm-dd")))
    };
    manifest
        .statements
        .iter()
        .map(|s| {
            let exported = match &s.exported {
                Some(at) => Some(NaiveDateTime::parse_from_str(at, DATE_TIME).map_err(|_| {
                    damaged(
                        &path,
                        format!("«{at}» không phải thời điểm yyyy-mm-ddThh:mm:ss"),
                    )
                })?),
                None => None,
            };
            let span = match &s.span {
                Some((from, to)) => Some((day(from)?, day(to)?)),
                None => None,
            };
            Ok(Stated {
                source: SourceLoc {
                    file: s.file.as_str().into(),
                    sheet: s.sheet.as_deref().map(Text::from),
                    row: s.row,
                },
                statement: Statement {
                    exported,
                    has_time: s.has_time,
                    span,
                },
            })
        })
        .collect()
}
