//! The search index: every searchable item, its display text, its folded
//! fields and their words, built once. The search itself is in the scan
//! module.

use super::buffers::{Numbers, Strings, Text};
pub(super) use super::entry::Entry;
use super::fold::{self, letters};
use super::{HitTarget, Kind, Scope};
use crate::corpus::{Corpus, PartialDate};
use std::ops::Range;

/// One match: the item and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i64,
}

/// One item as a UI shows it.
#[derive(Debug, Clone)]
pub struct ItemView<'a> {
    pub kind: Kind,
    pub target: HitTarget,
    /// What is shown and highlighted.
    pub text: &'a str,
    /// `article#quote` for a quote, `article:pN` for a paragraph, else the id.
    pub id: &'a str,
    pub date: Option<PartialDate>,
}

/// The on-disk cache keeps it (building it is most of a `chronique
/// search`), in the flat encoding of the index_bytes module, and reads it
/// back in place: its bulk storage is shared, immutable buffers (see the
/// buffers module), borrowed from the mapped cache file or owned when
/// built. An updated index shares the buffers of the one it came from.
#[derive(Clone)]
pub struct Index {
    /// One per item, in the order [`Index::build`] makes them.
    pub(super) entries: Numbers<Entry>,
    /// Each entry's place in the tie order: shorter text, then earlier date
    /// (undated last), then index.
    pub(super) tie_rank: Numbers<u32>,
    /// The items' texts, words and tags: one segment for a built index, one
    /// more for each update (the items it built).
    pub(super) segments: Vec<Segment>,
    /// Every distinct folded word of the corpus, and its letter mask, in
    /// parts: the ids go on from one part to the next (an update adds the
    /// words it met first).
    pub(super) vocabulary: Vec<Words>,
    /// Entries of each kind are contiguous: `kind_slot` → range.
    pub(super) ranges: [Range<u32>; 4],
    /// Each article's body, by article: a paragraph's text is a span of it
    /// ([`Index::with_bodies`]). The index does not keep a copy of its own
    /// (the bodies are shared with the corpus, or views of the cache file),
    /// nor does the cache: that copy was a sixth of the cache file.
    pub(super) bodies: Vec<Text>,
    /// Each article's file (`articles/NAME.md`), by article: what
    /// `chronique search` decodes from the cache to show a paragraph.
    pub(super) article_files: Strings,
}

/// The bulk storage of some items.
#[derive(Clone, Default)]
pub(super) struct Segment {
    /// Display texts, one after the other.
    pub texts: Text,
    /// Folded fields, one after the other.
    pub folded: Text,
    pub ids: Text,
    /// Each item's distinct word ids (of the whole vocabulary).
    pub word_ids: Numbers<u32>,
    /// Folded tags.
    pub tags: Strings,
}

/// Some words of the vocabulary.
#[derive(Clone, Default)]
pub(super) struct Words {
    pub words: Strings,
    /// The letter mask of each word ([`super::words::letter_mask`]).
    pub masks: Numbers<u64>,
}

pub(super) fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Event => 0,
        Kind::Article => 1,
        Kind::Quote => 2,
        Kind::Paragraph => 3,
    }
}

impl Index {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn entries(&self) -> &[Entry] {
        self.entries.as_slice()
    }

    /// Item `i`'s entry. Panics when `i` is out of range.
    pub(super) fn entry(&self, i: u32) -> &Entry {
        &self.entries()[i as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// How many distinct words the texts have.
    pub fn vocabulary_len(&self) -> usize {
        self.vocabulary.iter().map(|part| part.words.len()).sum()
    }

    /// Every word of the vocabulary, by id.
    #[cfg(test)]
    pub(super) fn words(&self) -> Vec<&str> {
        let parts = self.vocabulary.iter();
        parts
            .flat_map(|p| p.words.range(0..p.words.len() as u32))
            .collect()
    }

    /// How many items of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.ranges[kind_slot(kind)].len()
    }

    /// The part of item `i`'s text that is searched (a quote's speaker and
    /// words; the whole text of other items).
    pub fn matched_text(&self, i: u32) -> &str {
        let e = self.entry(i);
        let (speaker, words) = (e.field(0), e.field(1));
        let start = if speaker.is_empty() {
            words.start
        } else {
            speaker.start
        };
        self.source(e).get(start..words.end).unwrap_or("")
    }

    /// What `e`'s text ranges are ranges of: its article's body for a
    /// paragraph (empty until [`Index::with_bodies`]), else its segment's
    /// texts.
    fn source(&self, e: &Entry) -> &str {
        if e.kind() != Kind::Paragraph {
            return self.segment(e).texts.as_str();
        }
        let body = e.article().and_then(|a| self.bodies.get(a as usize));
        body.map_or("", Text::as_str)
    }

    /// The index with the bodies of `corpus`'s articles, from which it
    /// shows its paragraphs: `corpus` is the one it was built for (checked
    /// by [`Index::fits_corpus`] for an index read from the cache).
    pub fn with_bodies(mut self, corpus: &Corpus) -> Index {
        self.bodies = corpus.articles.iter().map(|a| a.body.clone()).collect();
        let mut files = String::new();
        let mut ends = Vec::with_capacity(corpus.articles.len());
        for a in corpus.articles.iter() {
            files.push_str(&a.path.to_string_lossy());
            ends.push(files.len() as u32);
        }
        self.article_files = Strings::from_parts(files, ends);
        self
    }

    /// The articles whose paragraphs are among `items`, and their files:
    /// what [`Index::with_some_bodies`] needs to show them.
    pub fn paragraph_files(&self, items: impl Iterator<Item = u32>) -> Vec<(u32, &str)> {
        let mut articles: Vec<u32> = items
            .map(|i| self.entry(i))
            .filter(|e| e.kind() == Kind::Paragraph)
            .filter_map(|e| e.article())
            .filter(|&a| (a as usize) < self.article_files.len())
            .collect();
        articles.sort_unstable();
        articles.dedup();
        (articles.into_iter())
            .map(|a| (a, self.article_files.get(a as usize)))
            .collect()
    }

    /// The index with the bodies of some articles (by article), as read
    /// from the cache for the paragraphs a search prints; the others show
    /// none.
    pub fn with_some_bodies(mut self, bodies: Vec<(u32, Text)>) -> Index {
        self.bodies = vec![Text::default(); self.article_files.len()];
        for (a, body) in bodies {
            if let Some(slot) = self.bodies.get_mut(a as usize) {
                *slot = body;
            }
        }
        self
    }

    /// The items of `kind` (they are contiguous).
    pub fn items_of(&self, kind: Kind) -> Range<u32> {
        self.ranges[kind_slot(kind)].clone()
    }

    pub(super) fn scope_range(&self, scope: Scope) -> Range<u32> {
        match scope.kind() {
            Some(kind) => self.ranges[kind_slot(kind)].clone(),
            None => 0..self.entries.len() as u32,
        }
    }

    pub(super) fn segment(&self, e: &Entry) -> &Segment {
        &self.segments[e.segment as usize]
    }

    pub(super) fn id(&self, e: &Entry) -> &str {
        &self.segment(e).ids.as_str()[e.id()]
    }

    /// The display text of `e`, or the part `range` of it.
    pub(super) fn text(&self, e: &Entry, range: Range<usize>) -> &str {
        self.source(e).get(range).unwrap_or("")
    }

    /// Folded field `f` of `e`.
    pub(super) fn field(&self, e: &Entry, f: usize) -> &str {
        &self.segment(e).folded.as_str()[e.folded(f)]
    }

    /// The distinct word ids of `e`'s fields, the speaker's first.
    pub(super) fn word_ids(&self, e: &Entry) -> &[u32] {
        let words = e.words();
        &self.segment(e).word_ids.as_slice()[words.start as usize..words.end as usize]
    }

    /// The folded tags of `e`.
    pub(super) fn tags(&self, e: &Entry) -> impl Iterator<Item = &str> + '_ {
        self.segment(e).tags.range(e.tags())
    }

    /// Whether every item's target is one of `corpus`'s (its event, its
    /// article, its quote, a span of its article's body at character
    /// boundaries). An index read from the cache is used with the corpus it
    /// was kept for, and its hash is checked; this also keeps one that was
    /// crafted from making the reader or `--json` index past the corpus.
    pub fn fits_corpus(&self, corpus: &Corpus) -> bool {
        let article = |a: usize| corpus.articles.get(a);
        self.entries().iter().all(|e| {
            let in_article = e.article().is_none_or(|a| article(a as usize).is_some());
            in_article
                && match e.target() {
                    HitTarget::Event(ev) => ev.get() < corpus.events.len(),
                    HitTarget::Article(a) => article(a.get()).is_some(),
                    HitTarget::Quote(q) => {
                        article(q.article.get()).is_some_and(|a| q.quote.get() < a.quotes.len())
                    }
                    HitTarget::Paragraph { article: a, span } => {
                        // Its text is that span, shown from the body.
                        let shown = e.text() == span
                            && e.field(1) == span
                            && e.field(0) == (span.start..span.start)
                            && e.article() == Some(a.get() as u32);
                        shown && article(a.get()).is_some_and(|a| a.body.get(span).is_some())
                    }
                }
        })
    }

    /// The item `i` (from a [`Hit`]). Panics when `i` is out of range.
    pub fn item(&self, i: u32) -> ItemView<'_> {
        let e = self.entry(i);
        ItemView {
            kind: e.kind(),
            target: e.target(),
            text: self.text(e, e.text()),
            id: self.id(e),
            date: e.date(),
        }
    }
}

/// The letters of `text` (see [`fold::letters`]), for highlighting.
pub(super) fn letters_of(text: &str) -> Vec<fold::Letter> {
    letters(text).collect()
}
