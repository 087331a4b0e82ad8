//! Checks annotations against the corpus. Problems are warnings: an
//! annotation whose event or quote is gone is kept, never dropped.

use super::format::place_warnings;
use super::model::Annotations;
use crate::corpus::{passage, Corpus, PartialDate};
use crate::diagnostic::clip;
use crate::diagnostic::Diagnostic;
use crate::yaml::At;
use crate::yaml_path;
use std::collections::HashSet;
use std::path::Path;

#[allow(clippy::useless_vec)] // yaml_path! builds owned paths
/// `text` is the file's content (for positions); `path` how it is shown.
pub fn validate(a: &Annotations, text: &str, corpus: &Corpus, path: &Path) -> Vec<Diagnostic> {
    // Found first, then all placed in one walk of the text.
    let mut found: Vec<(At, String)> = Vec::new();
    let mut warn = |at, msg: String| found.push((at, msg));
    let reader_event_ids: HashSet<&str> = a.reader_events.iter().map(|e| e.id.as_str()).collect();
    let event_known = |id: &str| corpus.event_index(id).is_some() || reader_event_ids.contains(id);
    let quote_known = |key: &str| {
        key.contains('#')
            && corpus
                .resolve_source(key)
                .is_some_and(|s| s.quote.is_some())
    };

    for id in a.events.keys() {
        if !event_known(id) {
            warn(
                At::Key(yaml_path!["events", id.as_str()]),
                format!("note on event `{}`, which is not in the timeline: it is kept; rename the key if the event's id changed", clip(id)),
            );
        }
    }
    for key in a.quotes.keys() {
        if !quote_known(key) {
            warn(
                At::Key(yaml_path!["quotes", key.as_str()]),
                format!("note on quote `{}`, which is not in the corpus: it is kept; write the key as article#quote", clip(key)),
            );
        }
    }
    let at = At::Value;
    let mut ids = HashSet::new();
    for (i, h) in a.highlights.iter().enumerate() {
        if !ids.insert(h.id.as_str()) {
            warn(
                at(yaml_path!["highlights", i, "id"]),
                format!(
                    "duplicate id `{}`: give each highlight its own",
                    clip(&h.id)
                ),
            );
        }
        match corpus.article_index(&h.article) {
            None => warn(
                at(yaml_path!["highlights", i, "article"]),
                format!(
                    "highlight `{}` is in article `{}`, which is not in the corpus: it is kept",
                    clip(&h.id),
                    clip(&h.article)
                ),
            ),
            Some(ai) => {
                let occurrence = h.occurrence.unwrap_or(1).max(1) as usize;
                let (span, found) = passage::find(&corpus.article(ai).body, &h.text, occurrence);
                if span.is_none() {
                    let why = if found == 0 {
                        "the passage is no longer in the article".to_string()
                    } else {
                        format!("the article has only {found} occurrence(s) of the passage")
                    };
                    warn(
                        at(yaml_path!["highlights", i, "text"]),
                        format!("highlight `{}`: {why}; it is kept", clip(&h.id)),
                    );
                }
            }
        }
        for (j, e) in h.events.iter().enumerate() {
            if !event_known(e) {
                warn(
                    at(yaml_path!["highlights", i, "events", j]),
                    format!(
                        "highlight `{}` links to unknown event `{}`",
                        clip(&h.id),
                        clip(e)
                    ),
                );
            }
        }
    }
    let highlight_ids: HashSet<&str> = a.highlights.iter().map(|h| h.id.as_str()).collect();
    for (i, e) in a.reader_events.iter().enumerate() {
        if !ids.insert(e.id.as_str()) || corpus.event_index(&e.id).is_some() {
            warn(
                at(yaml_path!["reader_events", i, "id"]),
                format!(
                    "duplicate id `{}`: a reader event needs an id no event or highlight uses",
                    clip(&e.id)
                ),
            );
        }
        if let Err(err) = PartialDate::parse(&e.date) {
            warn(
                at(yaml_path!["reader_events", i, "date"]),
                format!("reader event `{}`: {err}", clip(&e.id)),
            );
        }
        for (j, s) in e.sources.iter().enumerate() {
            if corpus.resolve_source(s).is_none() {
                warn(
                    at(yaml_path!["reader_events", i, "sources", j]),
                    format!(
                        "reader event `{}` cites `{}`, which is not in the corpus",
                        clip(&e.id),
                        clip(s)
                    ),
                );
            }
        }
        if let Some(q) = &e.quote {
            if !quote_known(q) && !highlight_ids.contains(q.as_str()) {
                warn(
                    at(yaml_path!["reader_events", i, "quote"]),
                    format!("reader event `{}` is linked to quote `{}`, which is neither a corpus quote (article#quote) nor a highlight", clip(&e.id), clip(q)),
                );
            }
        }
    }
    place_warnings(text, path, found)
}

/// Reads and checks the annotations file at `path` for `chronique check`:
/// each bad item is an error; unknown fields and orphans are warnings.
pub fn check_file(path: &Path, corpus: &Corpus) -> Vec<Diagnostic> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Diagnostic::error(
                path,
                crate::diagnostic::Pos::START,
                format!("cannot read: {e}"),
            )]
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let pos = crate::diagnostic::Pos::of_offset(&lossy, e.utf8_error().valid_up_to());
            return vec![Diagnostic::error(path, pos, "not valid UTF-8")];
        }
    };
    match super::format::from_yaml(&text, path) {
        // Every bad item, not only the first.
        Err(d) => super::salvage::salvage(&text, path)
            .map(|(_, found)| found)
            .filter(|found| found.iter().any(Diagnostic::is_error))
            .unwrap_or_else(|| vec![d]),
        Ok((a, mut warnings)) => {
            warnings.extend(validate(&a, &text, corpus, path));
            warnings
        }
    }
}
