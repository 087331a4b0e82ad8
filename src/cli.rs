//! Command-line interface.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "chronique", version, about = "A terminal news-and-timeline reader", long_about = None)]
pub struct Cli {
    /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
    pub corpus: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a corpus: prints `path:line:col: error|warning: message` lines and a summary
    Check {
        /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
        corpus: Option<PathBuf>,
    },
    /// Fuzzy-search quotes, events, articles and paragraphs; prints `kind<TAB>id<TAB>score<TAB>text` lines, best first
    Search(crate::search::cli::SearchArgs),
}
