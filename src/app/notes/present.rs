//! How annotations are named and shown from the state: target labels,
//! the status bar's words, the marks an article document carries, the
//! tags to complete from.

use crate::annotations::{Annotations, Target};
use crate::app::state::notes::SaveState;
use crate::app::state::{Overlay, State};
use crate::corpus::{ArticleIx, Corpus};
use crate::view::markers::highlight_spans;
use crate::view::wrap::Role;
use std::ops::Range;

/// How to name a target to the reader: "event « Title »".
pub fn target_label(state: &State, target: &Target) -> String {
    label_with(state, target, 40)
}

/// [`target_label`], quotes cut to `width` columns.
pub(super) fn label_with(state: &State, target: &Target, width: usize) -> String {
    let corpus = &state.corpus;
    match target {
        Target::Event(id) => match corpus.event_index(id) {
            Some(e) => format!("event « {} »", corpus.event(e).title),
            None => format!("event {id}"),
        },
        Target::ReaderEvent(id) => match state.notes.data.reader_event(id) {
            Some(e) => format!("your event « {} »", e.title),
            None => format!("event {id}"),
        },
        Target::Quote(key) => match corpus.resolve_source(key) {
            Some(crate::corpus::SourceRef {
                article,
                quote: Some(q),
            }) => {
                let quote = corpus.article(article).quote(q);
                format!(
                    "quote « {} »",
                    crate::view::text::truncate(&quote.text, width)
                )
            }
            _ => format!("quote {key}"),
        },
        Target::Highlight(id) => match state.notes.data.highlight(id) {
            Some(h) => format!(
                "your quote « {} »",
                crate::view::text::truncate(&h.text, width)
            ),
            None => format!("quote {id}"),
        },
    }
}

/// The status bar's words about annotations: read-only, filter, saving.
pub fn status_words(state: &State) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    if let Some(why) = &state.notes.read_only {
        out.push((format!("⚠ annotations read-only: {why} "), Role::Error));
    }
    if let Some(f) = &state.notes.filter {
        out.push((format!("filter {} (f; Esc clears) ", f.label()), Role::Tag));
    }
    match &state.notes.save {
        SaveState::Idle => {}
        SaveState::Saving => out.push(("saving… ".into(), Role::Dim)),
        SaveState::Saved => out.push(("✓ saved ".into(), Role::Dim)),
        SaveState::Merged {
            conflicts: 0,
            disk_copy: _,
        } => out.push(("✓ merged with disk ".into(), Role::Dim)),
        SaveState::Merged {
            conflicts,
            disk_copy,
        } => out.push((
            format!(
                "⚠ merged, {conflicts} conflict{}{} ",
                if *conflicts == 1 { "" } else { "s" },
                disk_copy
                    .as_ref()
                    .map(|p| format!("; disk copy {}", p.display()))
                    .unwrap_or_default()
            ),
            Role::Warning,
        )),
        SaveState::Failed(e) => out.push((format!("⚠ not saved: {e} "), Role::Error)),
    }
    out
}

/// The reader's quotes of `article` resolved to body spans, with the
/// selection of the passage selection mode; for the article doc.
pub fn article_marks(state: &State, article: ArticleIx) -> Vec<(Range<usize>, Role)> {
    let a = state.corpus.article(article);
    let mut out: Vec<(Range<usize>, Role)> = highlight_spans(&state.notes.data, a)
        .into_iter()
        .map(|(i, span)| (span, Role::ReaderQuote(i as u32)))
        .collect();
    if let Some(Overlay::Select(sel)) = &state.overlay {
        if sel.article == article {
            out.push((sel.range.clone(), Role::Selection));
        }
    }
    out
}

/// Tags already used: the reader's, then the corpus's; sorted, unique.
pub fn known_tags(corpus: &Corpus, a: &Annotations) -> Vec<String> {
    let mut tags: Vec<String> = a
        .events
        .values()
        .chain(a.quotes.values())
        .chain(a.highlights.iter().map(|h| &h.annotation))
        .chain(a.reader_events.iter().map(|e| &e.annotation))
        .flat_map(|n| n.tags.iter().cloned())
        .chain(
            corpus
                .events
                .iter()
                .flat_map(|e| e.tags.iter().map(|t| t.to_string())),
        )
        .chain(
            corpus
                .articles
                .iter()
                .flat_map(|a| a.tags.iter().map(|t| t.to_string())),
        )
        .collect();
    tags.sort();
    tags.dedup();
    tags
}
