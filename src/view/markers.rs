//! How the reader's annotations are marked in documents and labels: the
//! glyphs ★ ✎ ? ✓ ✗ with their roles, status words, filter labels, and where
//! the reader's quotes fall in an article's body.

use crate::annotations::edit::note;
use crate::annotations::filter::Filter;
use crate::annotations::{Annotations, Note, Status, Target};
use crate::corpus::disagreement::{DISPUTED_MARK, EDITORIAL_MARK, INFERRED_MARK};
use crate::corpus::passage;
use crate::view::wrap::Role;
use std::ops::Range;

impl Filter {
    pub fn label(&self) -> String {
        match self {
            Filter::Tag(t) => format!("#{t}"),
            Filter::Status(s) => format!("{} {}", status_glyph(*s), status_label(*s)),
            Filter::Starred => "★ starred".into(),
            Filter::Noted => "✎ with a note".into(),
            Filter::SourcesDisagree => "⚠ sources disagree".into(),
        }
    }
}

pub fn status_glyph(s: Status) -> &'static str {
    match s {
        Status::ToCheck => "?",
        Status::Verified => "✓",
        Status::Disputed => "✗",
    }
}

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::ToCheck => "to check",
        Status::Verified => "verified",
        Status::Disputed => "disputed",
    }
}

/// The markers of a note, in order: ★ ✎ status. Roles pick the styles.
pub fn marks(n: Option<&Note>) -> Vec<(&'static str, Role)> {
    let Some(n) = n else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if n.starred {
        out.push(("★", Role::Star));
    }
    if n.note.is_some() || !n.tags.is_empty() {
        out.push(("✎", Role::Marker));
    }
    if let Some(s) = n.status {
        out.push((status_glyph(s), Role::Status(s)));
    }
    out
}

/// The markers for `target` in `a`.
pub fn marks_for(a: &Annotations, target: &Target) -> Vec<(&'static str, Role)> {
    marks(note(a, target))
}

/// The reader's quotes found in `article`'s body: (index, span).
pub fn highlight_spans(
    a: &Annotations,
    article: &crate::corpus::Article,
) -> Vec<(usize, Range<usize>)> {
    let mut mine = a
        .highlights
        .iter()
        .enumerate()
        .filter(|(_, h)| h.article == article.id)
        .peekable();
    if mine.peek().is_none() {
        return Vec::new();
    }
    // The body is prepared for finding passages once, not per quote.
    let body = passage::Body::new(&article.body);
    mine.filter_map(|(i, h)| {
        let n = h.occurrence.unwrap_or(1).max(1) as usize;
        body.find(&h.text, n).0.map(|s| (i, s))
    })
    .collect()
}

/// What the timeline (and the article header) marks, and what each mark
/// means (the help lists them).
pub const MARKS: &[(&str, &str)] = &[
    ("▸", "reported by the open article"),
    (
        DISPUTED_MARK,
        "disputed: its sources disagree (see its accounts)",
    ),
    (
        INFERRED_MARK,
        "a fact worked out by the editor, not read in a source",
    ),
    (EDITORIAL_MARK, "written by the editor: the page has none"),
];
