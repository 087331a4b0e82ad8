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
        Some(Command::Generate {
            articles,
            events,
            quotes,
            body_bytes,
            seed,
            force,
            dir,
        }) => {
            let spec = chronique::generate::Spec {
                articles,
                events,
                quotes_per_article: quotes,
                body_bytes,
                seed,
            };
            match chronique::generate::write_new(&dir, &spec, force) {
                Ok(bytes) => {
                    println!(
                        "{}: {articles} articles, {events} events, {} quotes ({:.1} MB)",
                        dir.display(),
                        articles * quotes,
                        bytes as f64 / 1e6
                    );
                    ExitCode::SUCCESS
                }
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
