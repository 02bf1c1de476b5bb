//! clap's parse errors in Vietnamese: the kind of mistake, what clap found, and how to get help.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Print a parse error (or the help and version clap stops at) and give the exit code.
pub fn explain(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let names: Vec<String> = super::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            eprintln!(
                "lỗi: thiếu lệnh. Các lệnh: {}. Xem: tiendo --help",
                names.join(", ")
            );
            return ExitCode::from(2);
        }
        _ => {}
    }
    let found = |kind: ContextKind| match err.get(kind) {
        // "--as-of <NGÀY>": the flag is enough.
        Some(ContextValue::String(s)) => s.split(" <").next().unwrap_or(s).to_string(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match err.kind() {
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số bắt buộc: {}", found(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "giá trị «{}» không hợp lệ cho {}; các giá trị được dùng: {}",
            found(ContextKind::InvalidValue),
            found(ContextKind::InvalidArg),
            found(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(&err)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!(
                "giá trị «{}» không hợp lệ cho {}{why}",
                found(ContextKind::InvalidValue),
                found(ContextKind::InvalidArg)
            )
        }
        ErrorKind::UnknownArgument => {
            format!("không có tùy chọn «{}»", found(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", found(ContextKind::InvalidSubcommand))
        }
        ErrorKind::ArgumentConflict => format!(
            "không dùng cùng lúc {} và {}",
            found(ContextKind::InvalidArg),
            found(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "số giá trị không đúng cho {}",
                found(ContextKind::InvalidArg)
            )
        }
        _ => format!("tham số không hợp lệ ({})", err.kind()),
    };
    let usage = match err.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => {
            format!("\n{}", s.to_string().replace("Usage:", "Cách dùng:"))
        }
        _ => String::new(),
    };
    eprintln!("lỗi: {message}{usage}\nXem thêm: tiendo --help");
    ExitCode::from(2)
}
