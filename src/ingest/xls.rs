//! `.xls` (BIFF5/BIFF8 in an OLE container), read by calamine behind two guards.
//!
//! 1. The container. calamine's own OLE reader follows sector chains without a loop guard
//!    (a 1 KB file whose chain loops allocates until the machine is out of memory) and indexes
//!    its FAT unchecked. So the container is opened with the `cfb` crate, which validates the
//!    FAT (no sector pointed to twice, so no chain can loop) and every chain it follows; only
//!    the workbook stream is taken out, and calamine is given a fresh container that `cfb`
//!    writes around it. An encrypted Office file (`EncryptionInfo`/`EncryptedPackage`
//!    streams, or a `FilePass` record) is refused as password-protected.
//! 2. The grid. calamine parses every sheet when the workbook opens and keeps each as a dense
//!    `Range` over the bounding box of its cells, after reserving what the `Dimensions` record
//!    claims: four cells at far corners cost a gigabyte. calamine has no sparse API for xls, so
//!    the workbook stream is patched in place before calamine sees it (same record lengths, so
//!    every offset stays valid): `Dimensions` records are made blank records (which calamine
//!    skips); in each sheet the rows and columns that hold something are renumbered 0, 1, 2 …
//!    in order, and the numbers are mapped back as the rows stream out; a sheet whose
//!    renumbered grid would still pass [`MAX_DENSE_CELLS`] (cells scattered on a diagonal),
//!    whose records are malformed, or that is a chart, macro or dialog sheet has its
//!    `BoundSheet` record blanked, so calamine never reads it, and is reported as skipped.
//!    Peak memory then follows the cells the file really holds.
//!
//! Writing a BIFF reader instead would mean hand-writing the shared-string table, RK numbers,
//! number formats and code pages that calamine already reads well; the patch touches only
//! record headers and cell positions.

use std::collections::HashSet;
use std::io::{Cursor, Read, Write};

use calamine::{Reader, SheetType, Xls, XlsError};

use crate::model::{CellRef, MergedArea, Text};

use super::workbook::cell_from_data;
use super::{IngestError, RowSink, reason};

/// The renumbered cells calamine may hold as dense ranges for one file (all sheets together;
/// 32 bytes a cell, about as much again for the formula ranges: ~128 MB at most). The
/// message in `plan` says "2 triệu".
pub const MAX_DENSE_CELLS: usize = 2_000_000;

/// A record type calamine ignores inside sheets and in the workbook globals (BLANK: a
/// formatted empty cell, which calamine does not read).
const BLANK: u16 = 0x0201;

/// Worksheets tried one by one when calamine refuses the workbook, to find the bad ones.
const MAX_ISOLATED: usize = 32;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const CODEPAGE: u16 = 0x0042;
const BOUNDSHEET: u16 = 0x0085;
const WSBOOL: u16 = 0x0081;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const MERGECELLS: u16 = 0x00E5;
/// Records calamine reads as one cell: row (u16) then column (u16) first in their data.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

pub fn stream(bytes: Vec<u8>, file: &Text, sink: &mut dyn RowSink) -> Result<(), IngestError> {
    let open_err = |why: String| IngestError::Open {
        file: file.to_string(),
        reason: why,
    };
    let mut stream = workbook_stream(&bytes, file)?;
    drop(bytes);
    let mut plan = plan(&mut stream).map_err(|e| match e {
        ScanError::Password => IngestError::Password(file.to_string()),
        ScanError::Broken(detail) => open_err(reason("tệp .xls hỏng", detail)),
    })?;
    let mut book = match open(&stream) {
        Ok(book) => book,
        Err(XlsError::Password) => return Err(IngestError::Password(file.to_string())),
        Err(first) => {
            isolate_bad_sheets(&mut stream, &mut plan);
            open(&stream).map_err(|_| open_err(reason("tệp .xls hỏng", first)))?
        }
    };
    // Nothing left to read because the worksheets were broken: that is the file's error
    // (not "no task table").
    if let Some(broken) = plan
        .skipped
        .iter()
        .find(|s| s.broken)
        .filter(|_| plan.read.is_empty())
    {
        return Err(IngestError::Sheet {
            file: file.to_string(),
            sheet: broken.name.clone(),
            reason: broken.reason.clone(),
        });
    }
    for skipped in &plan.skipped {
        sink.skipped_sheet(file, &skipped.name.as_str().into(), &skipped.reason);
    }
    let names: Vec<String> = book.sheet_names();
    if names.len() != plan.read.len() {
        return Err(IngestError::Internal {
            file: file.to_string(),
            detail: format!(
                "xls: {} sheets planned, calamine has {}",
                plan.read.len(),
                names.len()
            ),
        });
    }
    let hidden: Vec<bool> = book
        .sheets_metadata()
        .iter()
        .map(|s| s.visible != calamine::SheetVisible::Visible)
        .collect();
    for (i, (name, map)) in names.iter().zip(&plan.read).enumerate() {
        let sheet_err = |e: XlsError| IngestError::Sheet {
            file: file.to_string(),
            sheet: name.clone(),
            reason: reason("sheet hỏng", e),
        };
        let merged = book
            .merge_cells_by_sheet_name(name)
            .map_err(sheet_err)?
            .iter()
            .filter_map(|d| map.merged(d))
            .collect();
        let range = book.worksheet_range(name).map_err(sheet_err)?;
        if hidden.get(i).copied().unwrap_or(false) {
            sink.hidden_sheet(file, &name.as_str().into());
        }
        sink.begin_sheet(file, Some(&name.as_str().into()), merged);
        map.rows_out(&range, sink);
        sink.end_sheet();
    }
    Ok(())
}

/// The workbook stream, out of a container `cfb` validated.
fn workbook_stream(bytes: &[u8], file: &Text) -> Result<Vec<u8>, IngestError> {
    let broken = |e: std::io::Error| IngestError::Open {
        file: file.to_string(),
        reason: reason("tệp hỏng: cấu trúc OLE của tệp .xls không hợp lệ", e),
    };
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(broken)?;
    if container.exists("/EncryptedPackage") || container.exists("/EncryptionInfo") {
        return Err(IngestError::Password(file.to_string()));
    }
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| container.is_stream(n))
    else {
        return Err(IngestError::Open {
            file: file.to_string(),
            reason: "tệp OLE này không chứa sổ tính Excel (có thể là tài liệu Word hay tệp khác đặt tên .xls)".to_string(),
        });
    };
    let mut stream = Vec::new();
    container
        .open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(broken)?;
    Ok(stream)
}

/// calamine on a fresh container holding only the (patched) workbook stream.
fn open(stream: &[u8]) -> Result<Xls<Cursor<Vec<u8>>>, XlsError> {
    let container = (|| -> std::io::Result<Vec<u8>> {
        // Version 3 (512-byte sectors): calamine refuses a version 4 container whose root has
        // no mini stream, which is what `cfb` writes for a workbook stream of 4 KB or more.
        let mut out =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
        out.create_stream("/Workbook")?.write_all(stream)?;
        out.flush()?;
        Ok(out.into_inner().into_inner())
    })()
    .map_err(XlsError::Io)?;
    Xls::new(Cursor::new(container))
}

/// calamine refused the whole workbook: try each worksheet alone (the others blanked) and
/// skip those it refuses. If every one fails, the globals are at fault and the file's error
/// stands (the caller opens again and reports the first error).
fn isolate_bad_sheets(stream: &mut [u8], plan: &mut Plan) {
    if plan.read.is_empty() || plan.read.len() > MAX_ISOLATED {
        return;
    }
    let bad: Vec<usize> = (0..plan.read.len())
        .filter(|&i| {
            let mut alone = stream.to_vec();
            for (j, other) in plan.read.iter().enumerate() {
                if j != i {
                    blank(&mut alone, other.boundsheet);
                }
            }
            open(&alone).is_err()
        })
        .collect();
    if bad.len() == plan.read.len() {
        return;
    }
    for &i in bad.iter().rev() {
        let sheet = plan.read.remove(i);
        blank(stream, sheet.boundsheet);
        plan.skipped.push(Skipped {
            name: sheet.name,
            reason: "sheet hỏng, không đọc được (bản ghi ô không hợp lệ)".to_string(),
            broken: true,
        });
    }
}

enum ScanError {
    Password,
    Broken(String),
}

/// What will be read and what is skipped.
struct Plan {
    read: Vec<SheetMap>,
    skipped: Vec<Skipped>,
}

struct Skipped {
    name: String,
    reason: String,
    /// A worksheet that could not be read (not a chart, macro or dialog sheet).
    broken: bool,
}

/// One sheet calamine will read: its `BoundSheet` record, and the original row and column
/// numbers of the renumbered ones (index = new number).
struct SheetMap {
    name: String,
    boundsheet: usize,
    rows: Vec<u16>,
    cols: Vec<u16>,
}

impl SheetMap {
    fn merged(&self, d: &calamine::Dimensions) -> Option<MergedArea> {
        let row = |r: u32| self.rows.get(r as usize).map(|&r| r as usize);
        let col = |c: u32| self.cols.get(c as usize).map(|&c| c as usize);
        Some(MergedArea {
            first_row: row(d.start.0)?,
            first_col: col(d.start.1)?,
            last_row: row(d.end.0)?,
            last_col: col(d.end.1)?,
        })
    }

    /// The range's rows, back at their original numbers; empty rows are left out.
    fn rows_out(&self, range: &calamine::Range<calamine::Data>, sink: &mut dyn RowSink) {
        let Some((row0, col0)) = range.start() else {
            return;
        };
        let mut cells: Vec<CellRef<'_>> = Vec::new();
        for (i, raw) in range.rows().enumerate() {
            let Some(&row) = self.rows.get(row0 as usize + i) else {
                continue;
            };
            cells.clear();
            for (j, data) in raw.iter().enumerate() {
                let cell = cell_from_data(data);
                let Some(&col) = self.cols.get(col0 as usize + j) else {
                    continue;
                };
                if cell.is_empty() {
                    continue;
                }
                let col = col as usize;
                if cells.len() <= col {
                    cells.resize(col + 1, CellRef::Empty);
                }
                cells[col] = cell;
            }
            if !cells.is_empty() {
                sink.row(row as usize, &cells);
            }
        }
    }
}

/// One record: where its header starts, its type, where its data is.
#[derive(Clone, Copy)]
struct Record {
    at: usize,
    typ: u16,
    data: usize,
    len: usize,
}

fn u16_at(s: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(s.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(s: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(s.get(at..at + 4)?.try_into().ok()?))
}

/// The record at `at`, or None if its header or data runs past the stream.
fn record(s: &[u8], at: usize) -> Option<Record> {
    let typ = u16_at(s, at)?;
    let len = u16_at(s, at + 2)? as usize;
    let data = at + 4;
    (data + len <= s.len()).then_some(Record { at, typ, data, len })
}

fn blank(s: &mut [u8], at: usize) {
    if let Some(header) = s.get_mut(at..at + 2) {
        header.copy_from_slice(&BLANK.to_le_bytes());
    }
}

fn put_u16(s: &mut [u8], at: usize, v: u16) {
    s[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

/// Read the globals, decide every sheet, and patch the stream (see the module comment).
fn plan(s: &mut [u8]) -> Result<Plan, ScanError> {
    let broken = |what: &str| ScanError::Broken(what.to_string());
    let mut at = 0;
    let mut biff8 = true;
    let mut encoding = encoding_rs::WINDOWS_1252;
    let mut sheets = Vec::new();
    // The globals end at the first EOF record, as calamine reads them.
    loop {
        let Some(r) = record(s, at) else {
            return Err(broken("phần đầu của sổ tính bị cắt cụt"));
        };
        let data = &s[r.data..r.data + r.len];
        match r.typ {
            FILEPASS => return Err(ScanError::Password),
            BOF if at == 0 => biff8 = u16_at(data, 0) != Some(0x0500),
            CODEPAGE => {
                if let Some(cp) = u16_at(data, 0).and_then(codepage::to_encoding) {
                    encoding = cp;
                }
            }
            BOUNDSHEET => sheets.push((r.at, data.to_vec())),
            EOF => break,
            _ => {}
        }
        at = r.data + r.len;
    }
    let globals_end = at;
    let mut plan = Plan {
        read: Vec::new(),
        skipped: Vec::new(),
    };
    let mut names = HashSet::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut dense = 0usize;
    for (boundsheet, data) in sheets {
        let name = sheet_name(&data, biff8, encoding);
        let pos = u32_at(&data, 0).map_or(usize::MAX, |p| p as usize);
        let not_data = |typ| super::non_data_sheet(typ).map_or(String::new(), str::to_string);
        let verdict = match data.get(5) {
            None => Err(("bản ghi sheet không hợp lệ".to_string(), true)),
            Some(0) => scan_sheet(s, pos, globals_end, &taken),
            Some(1) => Err((not_data(SheetType::MacroSheet), false)),
            Some(2) => Err((not_data(SheetType::ChartSheet), false)),
            Some(6) => Err((not_data(SheetType::Vba), false)),
            Some(_) => Err(("sheet không rõ loại, không đọc".to_string(), true)),
        }
        .and_then(|sheet| {
            if !names.insert(name.clone()) {
                return Err((super::DUPLICATE_SHEET.to_string(), true));
            }
            let cells = sheet.rows.len().saturating_mul(sheet.cols.len());
            if dense.saturating_add(cells) > MAX_DENSE_CELLS {
                return Err((format!(
                    "các ô có dữ liệu rải trên {} dòng × {} cột, quá giới hạn 2 triệu ô tiendo đọc từ một tệp .xls (hãy mở bằng Excel rồi lưu lại dạng .xlsx)",
                    sheet.rows.len(),
                    sheet.cols.len()
                ), true));
            }
            dense += cells;
            Ok(sheet)
        });
        match verdict {
            Ok(sheet) => {
                taken.push(sheet.span);
                sheet.patch(s);
                plan.read.push(SheetMap {
                    name,
                    boundsheet,
                    rows: sheet.rows,
                    cols: sheet.cols,
                });
            }
            Err((reason, broken)) => {
                blank(s, boundsheet);
                plan.skipped.push(Skipped {
                    name,
                    reason,
                    broken,
                });
            }
        }
    }
    Ok(plan)
}

/// A sheet's name from its `BoundSheet` record (for the findings of skipped sheets).
fn sheet_name(data: &[u8], biff8: bool, encoding: &'static encoding_rs::Encoding) -> String {
    let cch = data.get(6).copied().unwrap_or(0) as usize;
    let name = if !biff8 {
        let bytes = data.get(7..).unwrap_or_default();
        encoding
            .decode(&bytes[..cch.min(bytes.len())])
            .0
            .into_owned()
    } else if data.get(7).is_some_and(|f| f & 1 != 0) {
        let bytes = data.get(8..).unwrap_or_default();
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .take(cch)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        let bytes = data.get(8..).unwrap_or_default();
        bytes.iter().take(cch).map(|&b| b as char).collect()
    };
    name.replace('\0', "")
}

/// What a worksheet's substream holds, before patching.
struct ScannedSheet {
    /// Byte range of the substream.
    span: (usize, usize),
    rows: Vec<u16>,
    cols: Vec<u16>,
    records: Vec<Record>,
}

/// Walk one worksheet as calamine will (from its offset to the EOF of its own level, nested
/// chart substreams skipped) and note every cell position. Errors say why it is skipped.
fn scan_sheet(
    s: &[u8],
    pos: usize,
    globals_end: usize,
    taken: &[(usize, usize)],
) -> Result<ScannedSheet, (String, bool)> {
    let bad = |what: &str| Err((format!("sheet hỏng, không đọc được ({what})"), true));
    if pos < globals_end || pos >= s.len() {
        return bad("vị trí của sheet trong tệp không hợp lệ");
    }
    let (mut rows, mut cols, mut records) = (Vec::new(), Vec::new(), Vec::new());
    let (mut at, mut depth, mut seen_bof) = (pos, 0usize, false);
    loop {
        let Some(r) = record(s, at) else {
            return bad("sheet bị cắt cụt");
        };
        at = r.data + r.len;
        let data = &s[r.data..r.data + r.len];
        if depth > 0 {
            match r.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            WSBOOL if data.first().is_some_and(|b| b & 0x10 != 0) => {
                let dialog = super::non_data_sheet(SheetType::DialogSheet).unwrap_or_default();
                return Err((dialog.to_string(), false));
            }
            DIMENSIONS => records.push(r),
            t if CELLS.contains(&t) => {
                let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    return bad("bản ghi ô quá ngắn");
                };
                if col > 255 {
                    return bad("ô ở ngoài 256 cột của định dạng .xls");
                }
                rows.push(row);
                cols.push(col);
                records.push(r);
            }
            MULRK => {
                let first = u16_at(data, 2);
                let last = r.len.checked_sub(2).and_then(|at| u16_at(data, at));
                let (Some(row), Some(first), Some(last)) = (u16_at(data, 0), first, last) else {
                    return bad("bản ghi ô quá ngắn");
                };
                if last < first || last > 255 || r.len != 6 + 6 * (last - first + 1) as usize {
                    return bad("bản ghi nhiều ô không hợp lệ");
                }
                rows.push(row);
                cols.extend(first..=last);
                records.push(r);
            }
            MERGECELLS => {
                let count = u16_at(data, 0).unwrap_or(0) as usize;
                if r.len < 2 + 8 * count {
                    return bad("bản ghi ô gộp không hợp lệ");
                }
                for k in 0..count {
                    let area = |i: usize| u16_at(data, 2 + 8 * k + 2 * i).unwrap_or(0);
                    if area(2) > 255 || area(3) > 255 {
                        return bad("ô gộp ở ngoài 256 cột của định dạng .xls");
                    }
                    rows.extend([area(0), area(1)]);
                    cols.extend([area(2), area(3)]);
                }
                records.push(r);
            }
            _ => {}
        }
    }
    let span = (pos, at);
    if taken.iter().any(|&(a, b)| pos < b && a < at) {
        return bad("sheet chồng lên một sheet khác trong tệp");
    }
    rows.sort_unstable();
    rows.dedup();
    cols.sort_unstable();
    cols.dedup();
    Ok(ScannedSheet {
        span,
        rows,
        cols,
        records,
    })
}

impl ScannedSheet {
    /// Renumber every cell position in place and blank the `Dimensions` records.
    fn patch(&self, s: &mut [u8]) {
        // Every number looked up here was collected by the scan, so the search finds it.
        let row = |r: u16| self.rows.binary_search(&r).unwrap_or(0) as u16;
        let col = |c: u16| self.cols.binary_search(&c).unwrap_or(0) as u16;
        for r in &self.records {
            let d = r.data;
            let get = |s: &[u8], at: usize| u16_at(s, at).unwrap_or(0);
            match r.typ {
                DIMENSIONS => blank(s, r.at),
                MULRK => {
                    let last = d + r.len - 2;
                    let (rr, first, end) = (get(s, d), get(s, d + 2), get(s, last));
                    put_u16(s, d, row(rr));
                    put_u16(s, d + 2, col(first));
                    put_u16(s, last, col(end));
                }
                MERGECELLS => {
                    let count = get(s, d) as usize;
                    for k in 0..count {
                        let at = d + 2 + 8 * k;
                        for (i, map) in [(0, true), (1, true), (2, false), (3, false)] {
                            let v = get(s, at + 2 * i);
                            put_u16(s, at + 2 * i, if map { row(v) } else { col(v) });
                        }
                    }
                }
                _ => {
                    let (rr, cc) = (get(s, d), get(s, d + 2));
                    put_u16(s, d, row(rr));
                    put_u16(s, d + 2, col(cc));
                }
            }
        }
    }
}
