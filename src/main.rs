use std::process::ExitCode;

fn main() -> ExitCode {
    tiendo::cli::main()
}
