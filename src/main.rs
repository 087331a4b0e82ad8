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
        None => {
            let options = chronique::run::Options {
                location: CorpusLocation::resolve(cli.corpus.as_deref()),
                theme: chronique::theme::Theme::default(),
                exit_after_first_frame: cli.exit_after_first_frame,
            };
            match chronique::run::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("chronique: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
