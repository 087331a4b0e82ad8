use chronique::cli::{Cli, Command};
use chronique::corpus::CorpusLocation;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { corpus }) => {
            let location = CorpusLocation::resolve(corpus.as_deref());
            match chronique::check::run(&location, &mut std::io::stdout().lock()) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("chronique: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Search(args)) => chronique::search::cli::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        None => {
            eprintln!("the reader is not built yet");
            ExitCode::from(2)
        }
    }
}
