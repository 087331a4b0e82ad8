//! `chronique check`: one diagnostic per line, then a summary.

use crate::corpus::{CorpusLocation, LoadError, Loaded};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prints the diagnostics and the summary; returns whether there were errors.
pub fn run(location: &CorpusLocation, out: &mut dyn Write) -> Result<bool, LoadError> {
    run_with_annotations(location, None, out)
}

/// Like [`run`], also validating the annotations file: `annotations`, else
/// `<corpus>/annotations.yaml` when it exists. The loaded corpus is not
/// freed (see below): meant for a command that ends after it.
pub fn run_with_annotations(
    location: &CorpusLocation,
    annotations: Option<&Path>,
    out: &mut dyn Write,
) -> Result<bool, LoadError> {
    let mut loaded = crate::cache::load(location)?;
    let file: Option<PathBuf> = match (annotations, location) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, CorpusLocation::Dir(dir)) => {
            Some(dir.join("annotations.yaml")).filter(|p| p.is_file())
        }
        (None, CorpusLocation::Embedded) => None,
    };
    if let Some(file) = file {
        let found = crate::annotations::validate::check_file(&file, &loaded.corpus);
        loaded.diagnostics.extend(found);
    }
    report(&loaded, out).ok();
    let errors = loaded.errors() > 0;
    // Not freed: the command ends here, and freeing a large corpus (a
    // million allocations for 10,000 articles) was a sixth of a warm
    // `check`; the system takes the pages back at once.
    std::mem::forget(loaded);
    Ok(errors)
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
