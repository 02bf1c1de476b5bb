//! Reading a warehouse back into the rows read: the year files' and `_left_out.parquet`'s
//! tasks that were not merged (each is its only row), and every row of `_merged.parquet`,
//! placed by `read_order`; the findings of reading; the files' statements and the files
//! read from the manifest. Only the columns a load needs are read (without the task texts
//! when it keeps none), and each repeated text (agency, leader, officer, status, file,
//! sheet) becomes one shared copy, as the normaliser makes it.

use std::collections::HashSet;
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
pub fn read(dir: &Path, texts: Texts) -> Result<RowsRead, WarehouseError> {
    let started = std::time::Instant::now();
    let manifest = read_manifest(dir)?;
    let rows = usize::try_from(manifest.rows).unwrap_or(usize::MAX);
    let mut placed = Placed {
        slots: std::iter::repeat_with(|| None).take(rows).collect(),
        shared: Shared::default(),
        texts,
    };
    for part in &manifest.parts {
        placed.read_file(&dir.join(part), true)?;
    }
    placed.read_file(&dir.join(LEFT_OUT), true)?;
    placed.read_file(&dir.join(MERGED), false)?;
    let Placed { slots, shared, .. } = placed;
    // In place (`map_while` keeps the allocation): the rows are never held twice. It stops at
    // the first row missing.
    let tasks: Vec<RawTask> = slots.into_iter().map_while(|slot| slot).collect();
    if tasks.len() < rows {
        return Err(damaged(
            dir,
            format!(
                "thiếu dòng thứ {} trong {} dòng đã đọc",
                tasks.len() + 1,
                rows
            ),
        ));
    }
    let findings = read_findings(&dir.join(FINDINGS), shared)?;
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

/// The rows of a warehouse placed by read order, with the shared copies of their texts.
struct Placed {
    slots: Vec<Option<RawTask>>,
    shared: Shared,
    texts: Texts,
}

/// One shared copy per distinct repeated text (the normaliser's interning, over a warehouse).
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

fn u64s<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<impl Iterator<Item = Option<u64>> + use<'a>> {
    Ok(df
        .column(name)?
        .u64()?
        .downcast_iter()
        .flat_map(|a| a.iter().map(|v| v.copied())))
}

fn bools<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<impl Iterator<Item = Option<bool>> + use<'a>> {
    Ok(df
        .column(name)?
        .bool()?
        .downcast_iter()
        .flat_map(|a| a.iter()))
}

/// The next value of a column that holds one for every row read.
fn next<T>(it: &mut impl Iterator<Item = Option<T>>) -> Option<T> {
    it.next().flatten()
}

impl Placed {
    /// Place the rows of one task table. `only_unmerged`: a task row of a merged task is not
    /// one of the rows read (they are in `_merged.parquet`).
    fn read_file(&mut self, path: &Path, only_unmerged: bool) -> Result<(), WarehouseError> {
        let keep_texts = self.texts != Texts::None;
        let mut columns: Vec<String> = ROW_COLUMNS
            .iter()
            .filter(|c| keep_texts || !TEXT_COLUMNS.contains(c))
            .map(|c| c.to_string())
            .collect();
        if only_unmerged {
            columns.push("merged_rows".to_string());
        }
        let file = File::open(path).map_err(|e| damaged(path, e))?;
        let df = ParquetReader::new(file)
            .with_columns(Some(columns))
            .finish()
            .map_err(|e| damaged(path, e))?;
        self.place(&df, only_unmerged, keep_texts)
            .map_err(|e| damaged(path, e))
    }

    fn place(
        &mut self,
        df: &DataFrame,
        only_unmerged: bool,
        keep_texts: bool,
    ) -> Result<(), String> {
        let err = |e: PolarsError| e.to_string();
        let text = |name: &str| {
            if keep_texts {
                strs(df, name).map(Some)
            } else {
                Ok(None)
            }
        };
        let mut merged_rows = match only_unmerged {
            true => Some(u32s(df, "merged_rows").map_err(err)?),
            false => None,
        };
        let mut read_order = u32s(df, "read_order").map_err(err)?;
        let mut task_id = text("task_id").map_err(err)?;
        let mut doc_number = text("doc_number").map_err(err)?;
        let mut summary = text("summary").map_err(err)?;
        let mut cooperating = text("cooperating").map_err(err)?;
        let mut doc_date = dates(df, "doc_date").map_err(err)?;
        let mut leader = strs(df, "leader_raw").map_err(err)?;
        let mut agency = strs(df, "agency_raw").map_err(err)?;
        let mut assigned = dates(df, "assigned_raw").map_err(err)?;
        let mut deadline = dates(df, "deadline").map_err(err)?;
        let mut kind = strs(df, "deadline_kind").map_err(err)?;
        let mut extended = dates(df, "extended").map_err(err)?;
        let mut completed = dates(df, "completed").map_err(err)?;
        let mut status_kind = strs(df, "status_kind").map_err(err)?;
        let mut status_raw = strs(df, "status_text").map_err(err)?;
        let mut is_key = bools(df, "is_key").map_err(err)?;
        let mut officer = strs(df, "officer_raw").map_err(err)?;
        let mut updated = dates(df, "updated").map_err(err)?;
        let mut match_key = u64s(df, "match_key").map_err(err)?;
        let mut id_key = u64s(df, "id_key").map_err(err)?;
        let mut info = u32s(df, "info").map_err(err)?;
        let mut file = strs(df, "source_file").map_err(err)?;
        let mut sheet = strs(df, "source_sheet").map_err(err)?;
        let mut row = u32s(df, "source_row").map_err(err)?;
        let shared = &mut self.shared;
        for _ in 0..df.height() {
            // The texts as read; made into the task's own only if the load keeps them.
            let text = |it: &mut Option<_>| it.as_mut().and_then(next);
            let (id, number, content, with) = (
                text(&mut task_id),
                text(&mut doc_number),
                text(&mut summary),
                text(&mut cooperating),
            );
            let task = RawTask {
                doc_date: next(&mut doc_date),
                leader: shared.get_opt(next(&mut leader)),
                agency: shared.get_opt(next(&mut agency)),
                assigned: next(&mut assigned),
                deadline: deadline_of(next(&mut kind), next(&mut deadline))?,
                extended: next(&mut extended),
                completed: next(&mut completed),
                status_text: status_text_of(next(&mut status_kind))?,
                status_raw: shared.get_opt(next(&mut status_raw)),
                is_key: next(&mut is_key).unwrap_or(false),
                officer: shared.get_opt(next(&mut officer)),
                updated: next(&mut updated),
                match_key: next(&mut match_key).and_then(crate::model::Key::new),
                id_key: next(&mut id_key).and_then(crate::model::Key::new),
                info: next(&mut info).map_or(0, |n| u8::try_from(n).unwrap_or(u8::MAX)),
                source: SourceLoc {
                    file: shared.get(next(&mut file).unwrap_or_default()),
                    sheet: shared.get_opt(next(&mut sheet)),
                    row: next(&mut row).unwrap_or(0) as usize,
                },
                task_id: None,
                doc_number: None,
                summary: None,
                cooperating: None,
            };
            let order = next(&mut read_order).ok_or("cột read_order trống")? as usize;
            if merged_rows.as_mut().and_then(next).is_some_and(|n| n > 0) {
                continue;
            }
            // A load keeping the texts of some tasks only keeps them as the normaliser does.
            let task = if self.texts.keeps(task.assigned.or(task.doc_date)) {
                RawTask {
                    task_id: id.map(Text::from),
                    doc_number: number.map(Text::from),
                    summary: content.map(Text::from),
                    cooperating: shared.get_opt(with),
                    ..task
                }
            } else {
                task
            };
            let slot = self
                .slots
                .get_mut(order)
                .ok_or_else(|| format!("dòng có read_order {order} ngoài số dòng đã đọc"))?;
            if slot.replace(task).is_some() {
                return Err(format!("hai dòng cùng read_order {order}"));
            }
        }
        Ok(())
    }
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

fn read_findings(path: &Path, mut shared: Shared) -> Result<Vec<Finding>, WarehouseError> {
    let file = File::open(path).map_err(|e| damaged(path, e))?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| damaged(path, e))?;
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
