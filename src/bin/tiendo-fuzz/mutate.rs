//! Mutations of a seed file, by what the file is: raw bytes for every kind (truncation, bit
//! flips, a chunk copied over another), the members of a zip (xlsx, ods) unpacked, changed and
//! packed again so the change reaches the XML (bit flips, truncation, elements swapped,
//! repeated or dropped, huge claimed dimensions and far cells, repetition attributes), the
//! workbook stream and container of an xls (bit flips in the stream, `Dimensions` claiming the
//! whole sheet, cells moved to the far corner, a sector chain made to loop, sheet offsets
//! moved), and text (stray high bytes, quotes, NULs, UTF-16, repeated lines).

use std::io::{Cursor, Read, Write};

use crate::rng::SplitMix64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Zip,
    Ole,
    Text,
}

impl Kind {
    pub fn of(extension: &str) -> Kind {
        match extension {
            "xlsx" | "xlsm" | "ods" => Kind::Zip,
            "xls" => Kind::Ole,
            _ => Kind::Text,
        }
    }
}

/// One mutant: its bytes and what was done.
pub struct Mutant {
    pub what: String,
    pub bytes: Vec<u8>,
}

pub fn mutate(seed: &[u8], kind: Kind, rng: &mut SplitMix64) -> Mutant {
    let structured = match kind {
        Kind::Zip => zip_mutation(seed, rng),
        Kind::Ole => ole_mutation(seed, rng),
        Kind::Text => Some(text_mutation(seed, rng)),
    };
    // One mutant in four is a raw one, whatever the kind (and whenever the structured one
    // could not be made).
    match structured {
        Some(m) if rng.below(4) != 0 => m,
        _ => raw_mutation(seed, rng),
    }
}

fn raw_mutation(seed: &[u8], rng: &mut SplitMix64) -> Mutant {
    let mut bytes = seed.to_vec();
    let len = bytes.len().max(1) as u64;
    match rng.below(3) {
        0 => {
            let keep = rng.below(len) as usize;
            bytes.truncate(keep);
            Mutant {
                what: format!("raw: truncated to {keep} bytes"),
                bytes,
            }
        }
        1 => {
            let n = flip_bits(&mut bytes, rng);
            Mutant {
                what: format!("raw: {n} bits flipped"),
                bytes,
            }
        }
        _ => {
            let from = rng.below(len) as usize;
            let to = rng.below(len) as usize;
            let n = (rng.below(512) as usize)
                .min(bytes.len().saturating_sub(from))
                .min(bytes.len().saturating_sub(to));
            let chunk = bytes[from..from + n].to_vec();
            bytes[to..to + n].copy_from_slice(&chunk);
            Mutant {
                what: format!("raw: {n} bytes copied from {from} to {to}"),
                bytes,
            }
        }
    }
}

/// Flip 1 to 8 random bits; returns how many.
fn flip_bits(bytes: &mut [u8], rng: &mut SplitMix64) -> u64 {
    if bytes.is_empty() {
        return 0;
    }
    let n = 1 + rng.below(8);
    for _ in 0..n {
        let at = rng.below(bytes.len() as u64) as usize;
        bytes[at] ^= 1 << rng.below(8);
    }
    n
}

// ---- zip (xlsx, ods) ----

fn unzip(seed: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let mut members = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        file.read_to_end(&mut data).ok()?;
        members.push((file.name().ok()?.to_string(), data));
    }
    Some(members)
}

fn rezip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        // A member name repeated by a mutation cannot be written twice: the first stays.
        if out.start_file(name.as_str(), options).is_ok() {
            let _ = out.write_all(data);
        }
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// The tags whose elements a mutation swaps, repeats or drops, in a member's XML.
fn tags_of(member: &str) -> &'static [&'static str] {
    if member.ends_with("content.xml") {
        &[
            "table:table-row",
            "table:table-cell",
            "table:table",
            "text:p",
        ]
    } else if member.contains("worksheets/") {
        &["row", "c", "dimension", "mergeCell"]
    } else if member.ends_with("sharedStrings.xml") {
        &["si", "t"]
    } else if member.ends_with("workbook.xml") {
        &["sheet", "definedName"]
    } else {
        &["Relationship", "Override"]
    }
}

fn zip_mutation(seed: &[u8], rng: &mut SplitMix64) -> Option<Mutant> {
    let mut members = unzip(seed)?;
    if members.is_empty() {
        return None;
    }
    // Mostly the sheets' XML, where the cells are.
    let sheets: Vec<usize> = (0..members.len())
        .filter(|&i| {
            let n = &members[i].0;
            n.contains("worksheets/sheet") || n.ends_with("content.xml")
        })
        .collect();
    let index = if !sheets.is_empty() && rng.below(3) != 0 {
        sheets[rng.below(sheets.len() as u64) as usize]
    } else {
        rng.below(members.len() as u64) as usize
    };
    let name = members[index].0.clone();
    let data = &mut members[index].1;
    let what = match rng.below(8) {
        0 => format!("{name}: {} bits flipped", flip_bits(data, rng)),
        1 => {
            let keep = rng.below(data.len().max(1) as u64) as usize;
            data.truncate(keep);
            format!("{name}: truncated to {keep} bytes")
        }
        2..=4 => {
            let tags = tags_of(&name);
            let tag = tags[rng.below(tags.len() as u64) as usize];
            element_mutation(data, tag, rng).map_or_else(
                || format!("{name}: no <{tag}> to change"),
                |w| format!("{name}: {w}"),
            )
        }
        5 | 6 => huge_claims(&name, data, rng),
        7 if rng.below(2) == 0 => {
            // The shared strings' count, whichever member was drawn.
            match members
                .iter_mut()
                .find(|(n, _)| n.ends_with("sharedStrings.xml"))
            {
                Some((n, d)) => huge_claims(&n.clone(), d, rng),
                None => format!("{name}: no shared strings"),
            }
        }
        _ => {
            members.remove(index);
            format!("{name}: member removed")
        }
    };
    Some(Mutant {
        what,
        bytes: rezip(&members),
    })
}

/// Elements `<tag …>…</tag>` or `<tag …/>` (same-tag nesting followed), as byte ranges.
fn elements(xml: &[u8], tag: &str) -> Vec<(usize, usize)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let starts_here = |at: usize| {
        xml[at..].starts_with(open.as_bytes())
            && matches!(
                xml.get(at + open.len()),
                Some(b' ' | b'>' | b'/' | b'\n' | b'\t')
            )
    };
    let mut found = Vec::new();
    let mut at = 0;
    while found.len() < 10_000 {
        let Some(start) = find(xml, open.as_bytes(), at) else {
            break;
        };
        if !starts_here(start) {
            at = start + 1;
            continue;
        }
        let Some(gt) = find(xml, b">", start) else {
            break;
        };
        if xml[gt - 1] == b'/' {
            found.push((start, gt + 1));
            at = gt + 1;
            continue;
        }
        // Find the matching close tag, counting nested opens of the same tag.
        let (mut depth, mut scan, mut end) = (1usize, gt + 1, None);
        while scan < xml.len() {
            match (
                find(xml, open.as_bytes(), scan),
                find(xml, close.as_bytes(), scan),
            ) {
                (Some(o), Some(c)) if o < c => {
                    if starts_here(o) {
                        let self_closing = find(xml, b">", o).is_some_and(|g| xml[g - 1] == b'/');
                        if !self_closing {
                            depth += 1;
                        }
                    }
                    scan = o + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    scan = c + close.len();
                    if depth == 0 {
                        end = Some(scan);
                        break;
                    }
                }
                _ => break,
            }
        }
        match end {
            Some(end) => {
                found.push((start, end));
                at = gt + 1;
            }
            None => break,
        }
    }
    found
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Swap two elements, repeat one, or drop one.
fn element_mutation(data: &mut Vec<u8>, tag: &str, rng: &mut SplitMix64) -> Option<String> {
    let found = elements(data, tag);
    if found.is_empty() {
        return None;
    }
    let pick = |rng: &mut SplitMix64| found[rng.below(found.len() as u64) as usize];
    match rng.below(3) {
        0 => {
            let (a, b) = (pick(rng), pick(rng));
            let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if a.1 > b.0 {
                return None; // the same element, or one inside the other
            }
            let mut out = data[..a.0].to_vec();
            out.extend_from_slice(&data[b.0..b.1]);
            out.extend_from_slice(&data[a.1..b.0]);
            out.extend_from_slice(&data[a.0..a.1]);
            out.extend_from_slice(&data[b.1..]);
            *data = out;
            Some(format!("two <{tag}> swapped (at {} and {})", a.0, b.0))
        }
        1 => {
            let (s, e) = pick(rng);
            let times = 1 + rng.below(200) as usize;
            let element = data[s..e].to_vec();
            let mut out = data[..e].to_vec();
            for _ in 0..times {
                out.extend_from_slice(&element);
            }
            out.extend_from_slice(&data[e..]);
            *data = out;
            Some(format!("<{tag}> at {s} repeated {times} times"))
        }
        _ => {
            let (s, e) = pick(rng);
            data.drain(s..e);
            Some(format!("<{tag}> at {s} dropped"))
        }
    }
}

/// Claims far beyond the content: the whole sheet as dimension, a cell at the last row and
/// column, repetition counts in the millions.
fn huge_claims(name: &str, data: &mut Vec<u8>, rng: &mut SplitMix64) -> String {
    let text = String::from_utf8_lossy(data).into_owned();
    let changed = if name.ends_with("content.xml") {
        match rng.below(3) {
            0 => text.replacen(
                "<table:table-row",
                "<table:table-row table:number-rows-repeated=\"1000000\"",
                1 + rng.below(3) as usize,
            ),
            1 => text.replacen(
                "<table:table-cell office:value-type",
                "<table:table-cell table:number-columns-repeated=\"16000\" office:value-type",
                1 + rng.below(3) as usize,
            ),
            _ => text.replacen(
                "</table:table>",
                "<table:table-row table:number-rows-repeated=\"900000\"><table:table-cell/></table:table-row>\
                 <table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/>\
                 <table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>\
                 </table:table-row></table:table>",
                1,
            ),
        }
    } else if name.contains("worksheets/") {
        match rng.below(2) {
            0 => match (text.find("<dimension ref=\""), text.find("<sheetData")) {
                (Some(at), _) => {
                    let end = text[at + 16..].find('"').map_or(at + 16, |e| at + 16 + e);
                    format!("{}A1:XFD1048576{}", &text[..at + 16], &text[end..])
                }
                (None, Some(at)) => format!(
                    "{}<dimension ref=\"A1:XFD1048576\"/>{}",
                    &text[..at],
                    &text[at..]
                ),
                _ => text,
            },
            _ => text.replacen(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
                1,
            ),
        }
    } else if name.ends_with("sharedStrings.xml") {
        let claim =
            ["3000000000", "18446744073709551615", "99999999999999999999"][rng.below(3) as usize];
        match text.find("uniqueCount=\"") {
            Some(at) => {
                let start = at + "uniqueCount=\"".len();
                let end = text[start..].find('"').map_or(start, |e| start + e);
                format!("{}{claim}{}", &text[..start], &text[end..])
            }
            None => text,
        }
    } else {
        text
    };
    let what = if changed.len() == data.len() && changed.as_bytes() == data.as_slice() {
        format!("{name}: no claim to enlarge")
    } else {
        format!("{name}: huge claimed size")
    };
    *data = changed.into_bytes();
    what
}

// ---- ole (xls) ----

fn workbook_stream(seed: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(seed)).ok()?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))?;
    let mut data = Vec::new();
    file.open_stream(name).ok()?.read_to_end(&mut data).ok()?;
    Some(data)
}

fn container(stream: &[u8]) -> Vec<u8> {
    (|| -> std::io::Result<Vec<u8>> {
        let mut out =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
        out.create_stream("/Workbook")?.write_all(stream)?;
        out.flush()?;
        Ok(out.into_inner().into_inner())
    })()
    .unwrap_or_default()
}

/// Offsets of the records of a BIFF stream (type, data start, data length).
fn records(s: &[u8]) -> Vec<(u16, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= s.len() {
        let typ = u16::from_le_bytes([s[at], s[at + 1]]);
        let len = u16::from_le_bytes([s[at + 2], s[at + 3]]) as usize;
        if at + 4 + len > s.len() {
            break;
        }
        out.push((typ, at + 4, len));
        at += 4 + len;
    }
    out
}

fn ole_mutation(seed: &[u8], rng: &mut SplitMix64) -> Option<Mutant> {
    if rng.below(4) == 0 {
        return loop_chain(seed, rng);
    }
    let mut stream = workbook_stream(seed)?;
    let recs = records(&stream);
    let cells: Vec<_> = recs
        .iter()
        .filter(|r| [0x0203, 0x0204, 0x00FD, 0x027E, 0x00BD, 0x0006].contains(&r.0) && r.2 >= 4)
        .copied()
        .collect();
    let put = |s: &mut [u8], at: usize, v: u16| s[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let what = match rng.below(4) {
        0 => format!(
            "Workbook stream: {} bits flipped",
            flip_bits(&mut stream, rng)
        ),
        1 => {
            let mut n = 0;
            for &(typ, at, len) in &recs {
                if typ == 0x0200 && len >= 14 {
                    // BIFF8 Dimensions: first row, last row + 1 (u32), first col, last col + 1.
                    stream[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
                    stream[at + 4..at + 8].copy_from_slice(&rng_u32(rng).to_le_bytes());
                    put(&mut stream, at + 8, 0);
                    put(&mut stream, at + 10, 256);
                    n += 1;
                }
            }
            format!("Workbook stream: {n} Dimensions records claim the whole sheet")
        }
        2 if !cells.is_empty() => {
            let (_, at, _) = cells[rng.below(cells.len() as u64) as usize];
            let (row, col) = (65535 - rng.below(3) as u16, 255 - rng.below(3) as u16);
            put(&mut stream, at, row);
            put(&mut stream, at + 2, col);
            format!(
                "Workbook stream: a cell moved to row {} col {}",
                u32::from(row) + 1,
                col + 1
            )
        }
        _ => {
            let sheets: Vec<_> = recs.iter().filter(|r| r.0 == 0x0085 && r.2 >= 4).collect();
            if sheets.is_empty() {
                return None;
            }
            let (_, at, _) = *sheets[rng.below(sheets.len() as u64) as usize];
            let pos = rng.below(stream.len() as u64 + 64) as u32;
            stream[at..at + 4].copy_from_slice(&pos.to_le_bytes());
            format!("Workbook stream: a sheet offset moved to {pos}")
        }
    };
    Some(Mutant {
        what,
        bytes: container(&stream),
    })
}

fn rng_u32(rng: &mut SplitMix64) -> u32 {
    match rng.below(3) {
        0 => 65536,
        1 => 1_048_576,
        _ => u32::MAX,
    }
}

/// Point one FAT entry of the container at its own sector: a chain that never ends.
fn loop_chain(seed: &[u8], rng: &mut SplitMix64) -> Option<Mutant> {
    let mut bytes = seed.to_vec();
    if bytes.len() < 512 {
        return None;
    }
    let sector_size = 1usize << u16::from_le_bytes([bytes[30], bytes[31]]).min(12);
    let first_fat = u32::from_le_bytes(bytes[76..80].try_into().ok()?) as usize;
    let fat_at = 512 + first_fat * sector_size;
    let sectors = (bytes.len() - 512) / sector_size;
    let entries = (sector_size / 4).min(sectors);
    if entries == 0 || fat_at + 4 * entries > bytes.len() {
        return None;
    }
    // The directory's first sector most of the time: the chain every reader follows first.
    let dir = u32::from_le_bytes(bytes[48..52].try_into().ok()?) as usize;
    let entry = if rng.below(2) == 0 && dir < entries {
        dir
    } else {
        rng.below(entries as u64) as usize
    };
    bytes[fat_at + 4 * entry..fat_at + 4 * entry + 4]
        .copy_from_slice(&(entry as u32).to_le_bytes());
    Some(Mutant {
        what: format!("OLE: FAT entry {entry} points at itself (a looping chain)"),
        bytes,
    })
}

// ---- text (csv) ----

fn text_mutation(seed: &[u8], rng: &mut SplitMix64) -> Mutant {
    let mut bytes = seed.to_vec();
    let len = bytes.len().max(1) as u64;
    let what = match rng.below(5) {
        0 => {
            let n = 1 + rng.below(16);
            for _ in 0..n {
                let at = rng.below(len) as usize;
                if at < bytes.len() {
                    bytes[at] = 0x80 + rng.below(128) as u8;
                }
            }
            format!("text: {n} bytes made high (0x80-0xFF)")
        }
        1 => {
            let n = 1 + rng.below(8);
            for _ in 0..n {
                let at = rng.below(len) as usize;
                bytes.insert(
                    at.min(bytes.len()),
                    if rng.below(2) == 0 { b'"' } else { 0 },
                );
            }
            format!("text: {n} quotes or NULs inserted")
        }
        2 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut out = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            flip_bits(&mut out, rng);
            bytes = out;
            "text: UTF-16 LE with BOM, then bits flipped".to_string()
        }
        3 => {
            let lines: Vec<&[u8]> = seed.split(|b| *b == b'\n').collect();
            let pick = lines[rng.below(lines.len() as u64) as usize].to_vec();
            let times = 1 + rng.below(1000) as usize;
            let mut out = bytes.clone();
            for _ in 0..times {
                out.extend_from_slice(&pick);
                out.push(b'\n');
            }
            bytes = out;
            format!("text: a line repeated {times} times")
        }
        _ => {
            let keep = rng.below(len) as usize;
            bytes.truncate(keep);
            format!("text: truncated to {keep} bytes")
        }
    };
    Mutant { what, bytes }
}
