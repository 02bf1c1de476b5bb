use std::process::ExitCode;

/// Parse, run, print the error chain; exit code 2 on any error.
fn main() -> ExitCode {
    let cli = match tiendo::cli::parse() {
        Ok(cli) => cli,
        Err(err) => return tiendo::cli::explain_parse_error(err),
    };
    match tiendo::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lỗi: {err:#}");
            ExitCode::from(2)
        }
    }
}
