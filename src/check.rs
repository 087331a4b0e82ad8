//! `chronique check`: one diagnostic per line, then a summary.

use crate::corpus::{CorpusLocation, LoadError, Loaded, Progress};
use std::io::Write;

/// Prints the diagnostics and the summary; returns whether there were errors.
pub fn run(location: &CorpusLocation, out: &mut dyn Write) -> Result<bool, LoadError> {
    let loaded = location.load(&Progress::default())?;
    report(&loaded, out).ok();
    Ok(loaded.errors() > 0)
}

pub fn report(loaded: &Loaded, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &loaded.diagnostics {
        writeln!(out, "{d}")?;
    }
    writeln!(out, "{}", summary(loaded))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn summary(loaded: &Loaded) -> String {
    let c = &loaded.corpus;
    format!(
        "{}, {}, {}: {}, {}",
        plural(c.articles.len(), "article", "articles"),
        plural(c.events.len(), "event", "events"),
        plural(c.quote_count(), "quote", "quotes"),
        plural(loaded.errors(), "error", "errors"),
        plural(loaded.warnings(), "warning", "warnings"),
    )
}
