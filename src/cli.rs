//! Command-line interface.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "chronique", version, about = "A terminal news-and-timeline reader", long_about = None)]
pub struct Cli {
    /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
    pub corpus: Option<PathBuf>,

    /// Colour theme: a built-in (default, light, high-contrast, monochrome) or a file in the user themes directory
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// The annotations file to read and write (default: `<corpus>/annotations.yaml`; for the built-in sample, `sample-annotations.yaml` in the user data directory)
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,

    /// List the available themes and exit
    #[arg(long)]
    pub list_themes: bool,

    /// Key bindings to lay over the built-in ones (default: keymap.yaml in the configuration directory, if there is one)
    #[arg(long, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// Print the built-in key bindings (a keymap file to start from) and exit
    #[arg(long)]
    pub print_keymap: bool,

    #[command(subcommand)]
    pub command: Option<CliCommand>,

    /// Neither read nor write the corpus cache (in the user cache directory): parse every file
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Quit right after the first complete frame with everything searchable (for start-up measurements)
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Validate a corpus: prints `path:line:col: error|warning: message` lines and a summary
    Check {
        /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
        corpus: Option<PathBuf>,
        /// The annotations file to validate too (default: `<corpus>/annotations.yaml` when it exists)
        #[arg(long, value_name = "FILE")]
        annotations: Option<PathBuf>,
    },
    /// Fuzzy-search quotes, events, articles and paragraphs; prints `kind<TAB>id<TAB>score<TAB>text` lines, best first
    Search(crate::search::cli::SearchArgs),
    /// Export the timeline, its quotes and your notes: json, csv, jsonl (Timesketch), markdown, html, timelinejs, w3c
    Export(crate::export::cli::ExportArgs),
    /// Import articles from HTML pages, URLs, text or Markdown files (or `-`, standard input), their quotes found and attributed
    Import(crate::import::ImportArgs),
    /// Write the built-in sample corpus into DIR, to edit it or start a corpus from it
    Sample {
        /// Write even if DIR is not empty (files with the same names are overwritten)
        #[arg(long)]
        force: bool,
        /// The directory to write (created if missing; must be empty unless --force)
        dir: PathBuf,
    },
    /// Write a deterministic synthetic corpus (French text) into DIR, for benchmarks and tests
    Generate {
        /// Number of articles
        #[arg(long, default_value_t = crate::generate::Spec::default().articles)]
        articles: usize,
        /// Number of events
        #[arg(long, default_value_t = crate::generate::Spec::default().events)]
        events: usize,
        /// Quotes per article
        #[arg(long, default_value_t = crate::generate::Spec::default().quotes_per_article)]
        quotes: usize,
        /// Approximate size of each article body, in bytes
        #[arg(long, default_value_t = crate::generate::Spec::default().body_bytes)]
        body_bytes: usize,
        /// Seed: the same seed and sizes always give the same files
        #[arg(long, default_value_t = crate::generate::Spec::default().seed)]
        seed: u64,
        /// Write even if DIR is not empty (files with the same names are overwritten)
        #[arg(long)]
        force: bool,
        /// The directory to write (created if missing; must be empty unless --force)
        dir: PathBuf,
    },
}
