//! The `wusim` binary: parses the command line, runs it, and decides the exit code — here and
//! nowhere else. All the work is in `cli` (the I/O layer) and the `wusim` library (the model).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            eprintln!("wusim: {error}");
            ExitCode::from(2)
        }
    }
}
