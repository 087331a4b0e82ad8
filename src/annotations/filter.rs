//! Which events a reader's filter keeps, and where the reader's events go
//! among the corpus's: pure functions of the corpus and the annotations,
//! shared by the reader's timeline and `chronique export`.

use super::model::{Annotations, Note, Status};
use crate::corpus::{Corpus, EventIx, PartialDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Tag(String),
    Status(Status),
    Starred,
    Noted,
    /// Corpus events whose sources disagree (`Event::disputed`).
    SourcesDisagree,
}

impl Filter {
    pub fn matches(&self, n: &Note) -> bool {
        match self {
            Filter::Tag(t) => n.tags.iter().any(|x| x == t),
            Filter::Status(s) => n.status == Some(*s),
            Filter::Starred => n.starred,
            Filter::Noted => n.note.is_some(),
            // A property of the corpus, not of a note (see `event_matches`).
            Filter::SourcesDisagree => false,
        }
    }
}

/// An event matches a filter by its own note or by a quote about it.
pub(crate) fn event_matches(corpus: &Corpus, a: &Annotations, e: EventIx, f: &Filter) -> bool {
    if *f == Filter::SourcesDisagree {
        return corpus.event(e).disputed();
    }
    let id = &corpus.event(e).id;
    if a.events.get(id.as_str()).is_some_and(|n| f.matches(n)) {
        return true;
    }
    let quote_matches = corpus.event_quotes(e).iter().any(|q| {
        a.quotes
            .get(&corpus.quote_key(*q))
            .is_some_and(|n| f.matches(n))
    });
    quote_matches
        || a.highlights
            .iter()
            .any(|h| h.events.iter().any(|e| e == id) && f.matches(&h.annotation))
}

/// The sort rank of corpus event `e` in a timeline with the reader's events.
pub(crate) fn corpus_event_rank(e: EventIx) -> usize {
    2 * e.get() + 1
}

/// The sort rank of a reader's event dated `date`: just before the first
/// corpus event dated after it, after the reader's events placed there
/// earlier (sort stably); undated ones last.
pub(crate) fn reader_event_rank(corpus: &Corpus, date: Option<PartialDate>) -> usize {
    let n = corpus.events.len();
    2 * date.map_or(n, |d| {
        corpus.events.iter().position(|c| c.date > d).unwrap_or(n)
    })
}
