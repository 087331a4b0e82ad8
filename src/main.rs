use chronique::cli::{Cli, Command};
use chronique::corpus::CorpusLocation;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            corpus,
            annotations,
        }) => {
            let location = CorpusLocation::resolve(corpus.as_deref());
            let out = &mut std::io::stdout().lock();
            match chronique::check::run_with_annotations(&location, annotations.as_deref(), out) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("chronique: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        None => {
            eprintln!("the reader is not built yet");
            ExitCode::from(2)
        }
    }
}
