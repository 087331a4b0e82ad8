use chronique::cli::{Cli, CliCommand};
use chronique::corpus::CorpusLocation;
use chronique::safe_text::one_line;
use chronique::theme::{self, Theme, ThemeError};
use clap::Parser;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.no_cache {
        chronique::cache::disable();
    }
    let themes_dir = theme::themes_dir();
    if cli.list_themes {
        print!("{}", theme::list_text(themes_dir.as_deref()));
        return ExitCode::SUCCESS;
    }
    if cli.print_keymap {
        print!("{}", chronique::reader::DEFAULT_KEYMAP);
        return ExitCode::SUCCESS;
    }
    match cli.command {
        Some(CliCommand::Check {
            corpus,
            annotations,
        }) => {
            let location = CorpusLocation::resolve(corpus.as_deref());
            let out = &mut std::io::stdout().lock();
            match chronique::check::run_with_annotations(&location, annotations.as_deref(), out) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("chronique: error: {}", one_line(&e.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        Some(CliCommand::Search(args)) => chronique::search::cli::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Some(CliCommand::Export(args)) => chronique::export::cli::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Some(CliCommand::Import(args)) => {
            chronique::import::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr())
        }
        Some(CliCommand::Sample { force, dir }) => {
            match chronique::generate::write_sample(&dir, force) {
                Ok(files) => {
                    let shown = dir.display().to_string();
                    let shown = one_line(&shown);
                    println!("{shown}: the sample corpus, {files} files; open it with `chronique {shown}`");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("chronique: error: {}", one_line(&e.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        Some(CliCommand::Generate {
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
                        one_line(&dir.display().to_string()),
                        articles * quotes,
                        bytes as f64 / 1e6
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("chronique: error: {}", one_line(&e.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        None => {
            let theme = match pick_theme(cli.theme.as_deref(), themes_dir.as_deref()) {
                Ok(theme) => theme,
                Err(e) => {
                    eprintln!("chronique: {}", one_line(&e.to_string()));
                    return ExitCode::from(2);
                }
            };
            let keymap = match chronique::reader::load_keymap(cli.keymap.as_deref()) {
                Ok(keymap) => keymap,
                Err(e) => {
                    eprintln!("{e}"); // a Diagnostic: one line by construction
                    return ExitCode::from(2);
                }
            };
            let location = CorpusLocation::resolve(cli.corpus.as_deref());
            let sample_checkout =
                chronique::config::is_sample_checkout(&location, cli.corpus.is_some());
            let annotations = cli
                .annotations
                .clone()
                .or_else(|| chronique::config::reader_default_path(&location, sample_checkout));
            let options = chronique::reader::Options {
                location,
                sample_checkout,
                annotations,
                theme,
                keymap,
                exit_after_first_frame: cli.exit_after_first_frame,
            };
            match chronique::reader::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("chronique: error: {}", one_line(&e.to_string()));
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// The theme asked for; monochrome under NO_COLOR; 256 colours when the
/// terminal does not announce 24-bit colour.
fn pick_theme(name: Option<&str>, themes_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = theme::resolve(name, no_color, themes_dir)?;
    let colorterm = std::env::var("COLORTERM").ok();
    Ok(if theme::color::truecolor(colorterm.as_deref()) {
        theme
    } else {
        theme.to_indexed()
    })
}
