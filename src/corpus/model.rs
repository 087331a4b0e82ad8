//! The loaded corpus: events sorted by date, articles with their quotes
//! resolved to byte spans of the body, and the cross-references between them
//! resolved to indices once, at load time.

use super::date::{DateLang, PartialDate};
use super::ix::{ArticleIx, EventIx, QuoteIx};
use super::shared::Shared;
use crate::shared_text::SharedText;
use std::collections::HashMap;

/// Maps keyed by ids, hashed with foldhash (hashbrown's own hasher) rather
/// than std's SipHash: a load builds and queries several over every event
/// and article, and ids come from the corpus, not from an adversary the
/// map must resist (a collision costs time, never a wrong answer).
pub(crate) type IdMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The short texts of a corpus (ids, speakers, tags, actors, sources): up
/// to 24 bytes are held inline, without an allocation of their own. A load
/// from the cache decodes hundreds of thousands of them; as `String`s they
/// were most of its allocations.
pub type Id = compact_str::CompactString;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// Its events, articles and links are each shared between copies (see
/// [`Shared`]): live reload builds the next corpus from the one shown,
/// replacing only what changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    pub title: Option<String>,
    pub description: Option<String>,
    /// BCP 47 tag of the corpus language (dates render in it).
    pub language: Option<String>,
    /// Sorted by date, then by order in the timeline file.
    pub events: Shared<Event>,
    /// Sorted by publication date, then id.
    pub articles: Shared<Article>,
    /// Where the corpus was read from (`None` for the embedded sample).
    pub root: Option<PathBuf>,
    pub links: Links,
    /// Which files, as they were, this corpus was loaded from, when it was
    /// loaded through the on-disk cache: its search index is kept under it.
    pub cache_key: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub id: Id,
    pub date: PartialDate,
    pub title: SharedText,
    pub summary: Option<SharedText>,
    pub actors: Vec<Id>,
    pub tags: Vec<Id>,
    /// Resolved sources, in the order written (unknown ones were reported),
    /// then the quotes that name this event without being cited by it.
    pub sources: Vec<SourceRef>,
    /// How fields the sources do not state were known, in field order.
    pub provenance: Vec<Provenance>,
    /// What each source says about the event, when they differ.
    pub accounts: Vec<Account>,
}

impl Event {
    /// Whether the sources disagree: two accounts imply dates that differ at
    /// their precision ("January 2021" agrees with "10 January 2021", the
    /// 10th does not with the 11th), or one is marked `disputes: true`.
    pub fn disputed(&self) -> bool {
        if self.accounts.iter().any(|a| a.disputes) {
            return true;
        }
        let dates: Vec<PartialDate> = self.accounts.iter().filter_map(|a| a.date).collect();
        dates.iter().enumerate().any(|(i, a)| {
            dates[i + 1..]
                .iter()
                .any(|b| !a.contains(b) && !b.contains(a))
        })
    }

    /// Whether a fact of this event was worked out rather than read.
    pub(crate) fn has_inferred(&self) -> bool {
        self.provenance.iter().any(Provenance::is_inferred)
    }

    /// The distinct dates the accounts imply, in date order.
    pub(crate) fn account_dates(&self) -> Vec<PartialDate> {
        let mut dates: Vec<PartialDate> = self.accounts.iter().filter_map(|a| a.date).collect();
        dates.sort();
        dates.dedup();
        dates
    }
}

/// How one field is known when no source states it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// The field it is about (`title`, `date`, `published`…).
    pub field: String,
    pub kind: ProvenanceKind,
    /// The note as written, kind word included ("inferred — « lundi »…").
    pub note: String,
}

impl Provenance {
    pub(crate) fn is_inferred(&self) -> bool {
        self.kind == ProvenanceKind::Inferred
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProvenanceKind {
    /// Written by the corpus editor: the source has none.
    Editorial,
    /// Worked out from what the sources say.
    Inferred,
}

impl ProvenanceKind {
    /// The kind a note begins with, if any.
    pub(crate) fn of_note(note: &str) -> Option<ProvenanceKind> {
        let note = note.trim_start();
        if note.starts_with("editorial") {
            Some(ProvenanceKind::Editorial)
        } else if note.starts_with("inferred") {
            Some(ProvenanceKind::Inferred)
        } else {
            None
        }
    }
}

/// One source's account of an event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Account {
    pub source: SourceRef,
    /// What the source says, in its words.
    pub says: String,
    /// The date this source implies, when it implies one.
    pub date: Option<PartialDate>,
    /// The editor marks this account as contradicting the others.
    pub disputes: bool,
}

/// A citation: an article, or one quote of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SourceRef {
    pub article: ArticleIx,
    pub quote: Option<QuoteIx>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    pub id: Id,
    pub title: String,
    pub source: Option<Id>,
    pub author: Option<Id>,
    pub published: Option<PartialDate>,
    pub language: Option<Id>,
    pub url: Option<String>,
    pub tags: Vec<Id>,
    /// Ids of the events this article reports (only known ones are kept).
    pub events: Vec<Id>,
    pub quotes: Vec<Quote>,
    /// How fields the page does not carry were known (`title`, `published`…).
    pub provenance: Vec<Provenance>,
    pub body: SharedText,
    /// Its file, relative to the corpus folder (`articles/NAME.md`): the
    /// same from every working directory, so that a parse kept in the cache
    /// is used as it is wherever the reader is started (a display path here
    /// made every warm start from another directory copy every article).
    /// [`Corpus::article_file`] is the path to open.
    pub path: PathBuf,
}

impl Article {
    /// The provenance note of one field, if it has one.
    pub(crate) fn provenance_of(&self, field: &str) -> Option<&Provenance> {
        self.provenance.iter().find(|p| p.field == field)
    }

    pub fn quote(&self, q: QuoteIx) -> &Quote {
        &self.quotes[q.get()]
    }

    pub(crate) fn get_quote(&self, q: QuoteIx) -> Option<&Quote> {
        self.quotes.get(q.get())
    }

    /// Its quotes with their indices, in order.
    pub(crate) fn indexed_quotes(&self) -> impl DoubleEndedIterator<Item = (QuoteIx, &Quote)> {
        QuoteIx::all(self.quotes.len()).zip(&self.quotes)
    }

    /// The quote with this id.
    pub fn quote_ix(&self, id: &str) -> Option<QuoteIx> {
        self.quotes
            .iter()
            .position(|q| q.id == id)
            .map(QuoteIx::new)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    pub id: Id,
    pub text: SharedText,
    pub speaker: Option<Id>,
    /// Ids of the events this quote is about (only known ones are kept).
    pub events: Vec<Id>,
    /// Byte span of the passage in the article body. `None` when the passage
    /// was not found (an error was reported).
    pub span: Option<Range<usize>>,
}

/// Cross-references resolved to indices (read through `Corpus`'s
/// methods: `event_articles`, `article_events`…).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub(super) event_by_id: Arc<IdMap<Id, EventIx>>,
    pub(super) article_by_id: Arc<IdMap<Id, ArticleIx>>,
    /// For each event: the articles that report it (article `events:`, a quote
    /// of theirs about it, or cited by the event), in article order.
    pub(super) event_articles: Shared<Vec<ArticleIx>>,
    /// For each event: the quotes about it or cited by it, in article then
    /// quote order.
    pub(super) event_quotes: Shared<Vec<QuoteRef>>,
    /// For each article: the events it reports, in timeline order.
    pub(super) article_events: Shared<Vec<EventIx>>,
    /// For each article, for each quote: its events, in timeline order.
    pub(super) quote_events: Shared<Vec<Vec<EventIx>>>,
    /// For each event: how many of its sources the timeline wrote (the
    /// loader appends the quotes that name it after them; a live reload
    /// lists those again for the events an edited article touches).
    pub(super) written_sources: Vec<usize>,
}

/// One quote of one article, by index.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct QuoteRef {
    pub article: ArticleIx,
    pub quote: QuoteIx,
}

impl Corpus {
    pub(crate) fn date_lang(&self) -> DateLang {
        DateLang::from_tag(self.language.as_deref())
    }

    pub fn event(&self, e: EventIx) -> &Event {
        &self.events[e.get()]
    }

    pub fn article(&self, a: ArticleIx) -> &Article {
        &self.articles[a.get()]
    }

    /// Article `a`'s file as the working directory sees it: below
    /// [`Corpus::root`] as the corpus was named (absolute when it was), or
    /// relative to the folder for the built-in sample (which has none).
    pub fn article_file(&self, a: ArticleIx) -> PathBuf {
        let relative = &self.article(a).path;
        match &self.root {
            Some(root) => root.join(relative),
            None => relative.clone(),
        }
    }

    pub fn quote(&self, q: QuoteRef) -> &Quote {
        self.article(q.article).quote(q.quote)
    }

    /// The event at `e`, if this corpus has one there: for an index that
    /// may not be this corpus's (read from a cache file, kept across a
    /// reload).
    pub(crate) fn get_event(&self, e: EventIx) -> Option<&Event> {
        self.events.get(e.get())
    }

    pub(crate) fn get_article(&self, a: ArticleIx) -> Option<&Article> {
        self.articles.get(a.get())
    }

    pub(crate) fn get_quote(&self, q: QuoteRef) -> Option<&Quote> {
        self.get_article(q.article)?.get_quote(q.quote)
    }

    /// The events with their indices, in timeline order.
    pub fn indexed_events(&self) -> impl DoubleEndedIterator<Item = (EventIx, &Event)> {
        EventIx::all(self.events.len()).zip(&self.events)
    }

    /// The articles with their indices, in corpus order.
    pub fn indexed_articles(&self) -> impl DoubleEndedIterator<Item = (ArticleIx, &Article)> {
        ArticleIx::all(self.articles.len()).zip(&self.articles)
    }

    pub(crate) fn event_index(&self, id: &str) -> Option<EventIx> {
        self.links.event_by_id.get(id).copied()
    }

    pub fn article_index(&self, id: &str) -> Option<ArticleIx> {
        self.links.article_by_id.get(id).copied()
    }

    /// The articles that report event `e`, in article order.
    pub fn event_articles(&self, e: EventIx) -> &[ArticleIx] {
        &self.links.event_articles[e.get()]
    }

    /// The quotes about event `e` or cited by it.
    pub(crate) fn event_quotes(&self, e: EventIx) -> &[QuoteRef] {
        &self.links.event_quotes[e.get()]
    }

    /// The events article `a` reports, in timeline order.
    pub(crate) fn article_events(&self, a: ArticleIx) -> &[EventIx] {
        &self.links.article_events[a.get()]
    }

    /// The events quote `q` is about, in timeline order.
    pub fn quote_events(&self, q: QuoteRef) -> &[EventIx] {
        &self.links.quote_events[q.article.get()][q.quote.get()]
    }

    /// `article#quote`, the id a quote is cited by.
    pub fn quote_key(&self, q: QuoteRef) -> String {
        let article = self.article(q.article);
        format!("{}#{}", article.id, article.quote(q.quote).id)
    }

    /// Resolves `article` or `article#quote`.
    pub(crate) fn resolve_source(&self, reference: &str) -> Option<SourceRef> {
        let (article_id, quote_id) = match reference.split_once('#') {
            Some((a, q)) => (a, Some(q)),
            None => (reference, None),
        };
        let article = self.article_index(article_id)?;
        let quote = match quote_id {
            Some(q) => Some(self.article(article).quote_ix(q)?),
            None => None,
        };
        Some(SourceRef { article, quote })
    }

    pub fn quote_count(&self) -> usize {
        self.articles.iter().map(|a| a.quotes.len()).sum()
    }

    /// Recomputes [`Links`] from ids. Called once by the loader (before it
    /// appends to each event's sources the quotes that name it); the
    /// per-article work runs in parallel.
    pub fn link(&mut self) {
        use rayon::prelude::*;
        let (event_by_id, article_by_id): (IdMap<Id, EventIx>, IdMap<Id, ArticleIx>) = rayon::join(
            || {
                self.indexed_events()
                    .map(|(i, e)| (e.id.clone(), i))
                    .collect()
            },
            || {
                self.indexed_articles()
                    .map(|(i, a)| (a.id.clone(), i))
                    .collect()
            },
        );
        // Events cited by each article or quote through event `sources:`.
        let mut cited_article: Vec<Vec<EventIx>> = vec![Vec::new(); self.articles.len()];
        let mut cited_quote: IdMap<QuoteRef, Vec<EventIx>> = IdMap::default();
        for (e, event) in self.indexed_events() {
            for source in &event.sources {
                cited_article[source.article.get()].push(e);
                if let Some(quote) = source.quote {
                    let q = QuoteRef {
                        article: source.article,
                        quote,
                    };
                    cited_quote.entry(q).or_default().push(e);
                }
            }
        }
        let per_article: Vec<ArticleLinks> = self
            .articles
            .arcs()
            .par_iter()
            .zip(cited_article.into_par_iter())
            .enumerate()
            .map(|(a, (article, cited))| {
                let article_ix = ArticleIx::new(a);
                let cited_by_quote = |quote| {
                    cited_quote
                        .get(&QuoteRef {
                            article: article_ix,
                            quote,
                        })
                        .map_or(&[][..], Vec::as_slice)
                };
                ArticleLinks::of(article, &event_by_id, cited, cited_by_quote)
            })
            .collect();
        let mut event_articles = vec![Vec::new(); self.events.len()];
        let mut event_quotes = vec![Vec::new(); self.events.len()];
        let mut article_events = Vec::with_capacity(per_article.len());
        let mut quote_events = Vec::with_capacity(per_article.len());
        for (article, links) in ArticleIx::all(per_article.len()).zip(per_article) {
            for &e in &links.events {
                event_articles[e.get()].push(article);
            }
            for (quote, events) in QuoteIx::all(links.quotes.len()).zip(&links.quotes) {
                for &e in events {
                    event_quotes[e.get()].push(QuoteRef { article, quote });
                }
            }
            article_events.push(links.events);
            quote_events.push(links.quotes);
        }
        self.links = Links {
            event_by_id: Arc::new(event_by_id),
            article_by_id: Arc::new(article_by_id),
            event_articles: event_articles.into(),
            event_quotes: event_quotes.into(),
            article_events: article_events.into(),
            quote_events: quote_events.into(),
            written_sources: self.events.iter().map(|e| e.sources.len()).collect(),
        };
    }
}

/// One article's links: the events it reports, and each quote's events,
/// in timeline order.
pub(super) struct ArticleLinks {
    pub(super) events: Vec<EventIx>,
    pub(super) quotes: Vec<Vec<EventIx>>,
}

impl ArticleLinks {
    /// `cited`: the events whose sources cite the article or one of its
    /// quotes; `cited_quote`: those citing each quote.
    pub(super) fn of<'a>(
        article: &Article,
        event_by_id: &IdMap<Id, EventIx>,
        cited: Vec<EventIx>,
        cited_quote: impl Fn(QuoteIx) -> &'a [EventIx],
    ) -> ArticleLinks {
        let sorted = |mut v: Vec<EventIx>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let ids = |ids: &[Id]| -> Vec<EventIx> {
            ids.iter()
                .filter_map(|id| event_by_id.get(id).copied())
                .collect()
        };
        let quotes: Vec<Vec<EventIx>> = article
            .indexed_quotes()
            .map(|(quote, q)| {
                let mut events = ids(&q.events);
                events.extend_from_slice(cited_quote(quote));
                sorted(events)
            })
            .collect();
        let mut events = ids(&article.events);
        events.extend(cited);
        events.extend(quotes.iter().flatten());
        ArticleLinks {
            events: sorted(events),
            quotes,
        }
    }
}

/// Links both ways: a quote that names an event in its `events:` is among
/// that event's sources even when the event's `sources:` does not repeat it.
pub(super) fn list_quotes_naming_events(corpus: &mut Corpus) {
    for (event, quotes) in corpus.events.iter_mut().zip(&corpus.links.event_quotes) {
        list_quotes_naming(event, quotes);
    }
}

/// After `event`'s written sources: the quotes of `quotes` it does not cite.
pub(super) fn list_quotes_naming(event: &mut Event, quotes: &[QuoteRef]) {
    // A set: an event may cite thousands of quotes.
    let mut listed: std::collections::HashSet<SourceRef, foldhash::fast::RandomState> =
        event.sources.iter().copied().collect();
    for q in quotes {
        let source = SourceRef {
            article: q.article,
            quote: Some(q.quote),
        };
        if listed.insert(source) {
            event.sources.push(source);
        }
    }
}
