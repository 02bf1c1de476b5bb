//! Errors of the scoring rules and of the manual points sheet, in Vietnamese, each naming the
//! file, the line (or sheet row) and the key so a clerk can open the file and fix it. TOML and
//! serde report in English; `from_toml` turns their usual messages into Vietnamese and finds the
//! dotted key from the text around the error.

use std::ops::Range;

/// What went wrong in a rule file (tệp quy tắc) or a manual points sheet (bảng điểm thủ công).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The text is not TOML, or a value does not fit the format, and no key can be named.
    #[error("tệp quy tắc {file}{}: {message}", at_line(*.line))]
    Syntax {
        file: String,
        line: Option<usize>,
        message: String,
    },
    /// A key is unknown, missing, of the wrong type or holds a value the rules cannot use.
    #[error("tệp quy tắc {file}{}, khóa `{key}`: {message}", at_line(*.line))]
    Invalid {
        file: String,
        line: Option<usize>,
        key: String,
        message: String,
    },
    /// A manual points sheet that cannot be read.
    #[error("bảng điểm thủ công {file}{}: {message}", at_row(*.row))]
    Manual {
        file: String,
        /// 1-based row as a spreadsheet program shows it (the header is row 1).
        row: Option<usize>,
        message: String,
    },
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(", dòng {l}")).unwrap_or_default()
}

fn at_row(row: Option<usize>) -> String {
    row.map(|r| format!(", dòng {r}")).unwrap_or_default()
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The dotted table path in force at `offset`: the last `[a.b]` or `[[a]]` header above it.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let end = offset.min(text.len());
    let before = text.get(..end)?;
    // The line holding the offset may itself be the header (an error on a whole table).
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let upto = text.get(..line_end).unwrap_or(before);
    let mut current = None;
    let mut seen: Vec<String> = Vec::new();
    for line in upto.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("[[").and_then(|s| s.split("]]").next()) {
            // An array of tables: `[[xep_loai]]` opens item 1, 2, … as the validation names them.
            let name = name.trim().to_string();
            seen.push(name.clone());
            let n = seen.iter().filter(|s| **s == name).count();
            current = Some(format!("{name}[{n}]"));
        } else if let Some(name) = t.strip_prefix('[').and_then(|s| s.split(']').next()) {
            current = Some(name.trim().to_string());
        }
    }
    current
}

/// The key written at the start of the line holding `offset` (`key = …`), if any.
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let end = offset.min(text.len());
    let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    is_key.then(|| key.to_string())
}

fn join_key(table: Option<String>, key: &str) -> String {
    match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_string(),
    }
}

/// The text between the first pair of backticks after `prefix` in `message`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split('`').next()
}

/// "expected one of `a`, `b`" → "`a`, `b`".
fn expected_list(message: &str) -> Option<&str> {
    message
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| message.split_once("expected ").map(|(_, list)| list))
}

fn expected_kind(message: &str) -> &'static str {
    let expected = message.rsplit("expected ").next().unwrap_or("");
    if expected.contains("f64") || expected.contains("integer") || expected.contains("number") {
        "một số"
    } else if expected.contains("string") {
        "một chuỗi văn bản trong dấu ngoặc kép"
    } else if expected.contains("bool") {
        "true hoặc false"
    } else if expected.contains("sequence") || expected.contains("array") {
        "một danh sách (bảng [[…]])"
    } else if expected.contains("struct") || expected.contains("map") || expected.contains("table")
    {
        "một bảng [ … ]"
    } else {
        "giá trị khác"
    }
}

/// A `toml::de::Error` as a Vietnamese `RuleError` naming the key and its line.
pub(crate) fn from_toml(err: &toml::de::Error, text: &str, file: &str) -> RuleError {
    let message = err.message().trim().to_string();
    let span: Option<Range<usize>> = err.span();
    let line = span.as_ref().map(|s| line_of(text, s.start));
    let at = span.as_ref().map(|s| s.start);
    let invalid = |key: String, msg: String| RuleError::Invalid {
        file: file.to_string(),
        line,
        key,
        message: msg,
    };
    if let Some(field) = quoted_after(&message, "unknown field ") {
        let table = at.and_then(|o| table_at(text, o));
        let valid = expected_list(&message)
            .unwrap_or("")
            .replace("` or `", "`, `");
        let msg = if valid.is_empty() || valid.starts_with("there are no fields") {
            "khóa không được hỗ trợ".to_string()
        } else {
            format!("khóa không được hỗ trợ; các khóa hợp lệ ở đây: {valid}")
        };
        return invalid(join_key(table, field), msg);
    }
    if let Some(field) = quoted_after(&message, "missing field ") {
        let table = at.and_then(|o| table_at(text, o));
        return invalid(join_key(table, field), "thiếu khóa bắt buộc".to_string());
    }
    let key = at.and_then(|o| key_on_line(text, o).map(|k| join_key(table_at(text, o), &k)));
    if let Some(variant) = quoted_after(&message, "unknown variant ") {
        let valid = expected_list(&message)
            .unwrap_or("")
            .replace("` or `", "`, `");
        let msg = format!("giá trị `{variant}` không hợp lệ; chọn một trong: {valid}");
        return match key {
            Some(k) => invalid(k, msg),
            None => syntax(file, line, msg),
        };
    }
    if message.starts_with("invalid type") {
        let msg = format!("sai kiểu giá trị: cần {}", expected_kind(&message));
        return match key {
            Some(k) => invalid(k, msg),
            None => syntax(file, line, msg),
        };
    }
    if message.contains("duplicate key") {
        let msg = "khóa được khai báo hai lần".to_string();
        return match key {
            Some(k) => invalid(k, msg),
            None => syntax(file, line, msg),
        };
    }
    syntax(
        file,
        line,
        format!("lỗi cú pháp TOML: {}", syntax_in_vietnamese(&message)),
    )
}

/// The TOML parser's usual complaints in Vietnamese; anything else keeps the original words.
fn syntax_in_vietnamese(message: &str) -> String {
    let what = message.split(", expected").next().unwrap_or(message);
    let known = match what {
        "unclosed table" | "unclosed array table" => "thiếu dấu `]` đóng tên bảng",
        "unclosed array" => "thiếu dấu `]` đóng danh sách",
        "unclosed inline table" => "thiếu dấu `}` đóng bảng",
        "missing value" | "missing value for key" => "thiếu giá trị sau dấu `=`",
        "key with no value" => "thiếu dấu `=` giữa khóa và giá trị",
        "missing assignment between key-value pairs" | "invalid key-value pair" => {
            "mỗi dòng phải có dạng `khoa = gia_tri`"
        }
        "missing comma between array elements" => "thiếu dấu phẩy giữa các phần tử",
        "string values must be quoted" => {
            "giá trị không hợp lệ: thiếu giá trị, hoặc văn bản chưa đặt trong dấu ngoặc kép"
        }
        _ => return format!("chi tiết: {message}"),
    };
    known.to_string()
}

fn syntax(file: &str, line: Option<usize>, message: String) -> RuleError {
    RuleError::Syntax {
        file: file.to_string(),
        line,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_line_and_key() {
        let err = RuleError::Invalid {
            file: "diem.toml".into(),
            line: Some(7),
            key: "khau_tru.chua_hoan_thanh_qua_han".into(),
            message: "phải là số không âm".into(),
        };
        assert_eq!(
            err.to_string(),
            "tệp quy tắc diem.toml, dòng 7, khóa `khau_tru.chua_hoan_thanh_qua_han`: phải là số không âm"
        );
    }

    #[test]
    fn table_path_comes_from_the_nearest_header_above() {
        let text = "ten = \"x\"\n[khau_tru]\na = 1\n[[bac_ty_le]]\ntu = 5\n";
        assert_eq!(table_at(text, 2), None);
        let offset = text.find("a = 1").unwrap_or(0);
        assert_eq!(table_at(text, offset).as_deref(), Some("khau_tru"));
        let offset = text.find("tu = 5").unwrap_or(0);
        assert_eq!(table_at(text, offset).as_deref(), Some("bac_ty_le[1]"));
        assert_eq!(line_of(text, offset), 5);
    }
}
