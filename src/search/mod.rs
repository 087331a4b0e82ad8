//! Fuzzy search over quotes, events, articles and article paragraphs.
//!
//! [`Index::build`] folds every text once (lowercase, accents removed,
//! typographic punctuation mapped to ASCII) and cuts it into words;
//! [`Index::search`] matches each query word against the words of the
//! corpus (see [`words`] for the rule), then scans the items in parallel,
//! and [`Searcher`] runs searches on a background thread for an
//! interactive UI. The query syntax is fzf's (see [`query`]).

mod buffers;
mod builder;
pub mod cli;
mod entry;
pub mod fold;
mod index;
mod index_bytes;
mod items;
pub mod query;
mod reader_tags;
mod scan;
mod searcher;
mod update;
pub mod words;

pub use index::{Hit, Index, ItemView};
pub use index_bytes::Encoded;
pub use query::{Query, SearchOptions};
pub use reader_tags::ReaderTags;
pub use scan::{WordValues, ALL_AS_TYPED};
pub use searcher::{SearchResult, Searcher};

use crate::corpus::{ArticleIx, EventIx, QuoteRef};
use std::ops::Range;

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Quote,
    Event,
    Article,
    Paragraph,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Event => "event",
            Kind::Article => "article",
            Kind::Paragraph => "paragraph",
        }
    }
}

/// Which kinds of result a search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    #[default]
    All,
    Quotes,
    Events,
    Articles,
    Paragraphs,
}

impl Scope {
    /// The next scope, for a key that cycles through them.
    pub(crate) fn cycle(self) -> Scope {
        match self {
            Scope::All => Scope::Quotes,
            Scope::Quotes => Scope::Events,
            Scope::Events => Scope::Articles,
            Scope::Articles => Scope::Paragraphs,
            Scope::Paragraphs => Scope::All,
        }
    }

    pub fn admits(self, kind: Kind) -> bool {
        match self {
            Scope::All => true,
            Scope::Quotes => kind == Kind::Quote,
            Scope::Events => kind == Kind::Event,
            Scope::Articles => kind == Kind::Article,
            Scope::Paragraphs => kind == Kind::Paragraph,
        }
    }

    pub fn kind(self) -> Option<Kind> {
        match self {
            Scope::All => None,
            Scope::Quotes => Some(Kind::Quote),
            Scope::Events => Some(Kind::Event),
            Scope::Articles => Some(Kind::Article),
            Scope::Paragraphs => Some(Kind::Paragraph),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Quotes => "quotes",
            Scope::Events => "events",
            Scope::Articles => "articles",
            Scope::Paragraphs => "paragraphs",
        }
    }
}

/// What a result points at in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum HitTarget {
    Quote(QuoteRef),
    Event(EventIx),
    Article(ArticleIx),
    /// A paragraph of an article body, as a byte span of the body.
    Paragraph {
        article: ArticleIx,
        span: Range<usize>,
    },
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} items)", self.len())
    }
}

#[cfg(test)]
mod incremental_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
