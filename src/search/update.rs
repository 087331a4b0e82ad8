//! Updating the search index after a reload: the items of the events and
//! articles that did not change are taken from the old index (their display
//! and folded texts, their words, their tags, already cut and folded), with
//! their positions in the new corpus; only the items of what changed are
//! built. The result answers every query as [`Index::build`] of the new
//! corpus would: the same items in the same order, with the same texts
//! and words. Only the vocabulary differs: it keeps the old words (a word
//! no item has any more is never a hit) and appends the new ones.
//!
//! Nothing unchanged is copied: the kept items stay in the old index's
//! segments (shared buffers), the built ones go to a new segment, and only
//! the per-item table (entries, tie order) is made again.

use super::builder::Builder;
use super::index::Entry;
use super::items;
use super::{HitTarget, Index, Kind};
use crate::corpus::{Article, Corpus, Event, QuoteIx, QuoteRef};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

impl Index {
    /// The index of `new`, from `self`, the index of `old` (built by
    /// [`Index::build`] or by this): quicker than building it when few
    /// files changed. Builds it whole when the date language changed
    /// (every date is shown in it) or `self` is not `old`'s.
    pub fn update(&self, old: &Corpus, new: &Corpus) -> Index {
        // Each update adds a segment and a part of the vocabulary: past a
        // few, a new index (one of each) keeps the search's loops short.
        let worn = self.segments.len() >= MAX_PARTS || self.vocabulary.len() >= MAX_PARTS;
        let kept = Kept::of(self, old).filter(|_| old.date_lang() == new.date_lang() && !worn);
        let Some(kept) = kept else {
            return Index::build(new);
        };
        let lang = new.date_lang();
        let mut builder = Builder::continuing(self);
        for (e, event) in new.indexed_events() {
            match kept.event(old, event) {
                Some(i) => builder.push_kept(i, HitTarget::Event(e), None),
                None => items::push_event(&mut builder, lang, e, event),
            }
        }
        // Which old article each article is, when it is unchanged: the
        // very same one (shared by a reload) or else an equal one, on
        // every core.
        let same: Vec<Option<usize>> = (new.articles.arcs().par_iter())
            .map(|article| kept.article(old, article))
            .collect();
        for (a, article) in new.indexed_articles() {
            match same[a.get()] {
                Some(o) => {
                    builder.push_kept(kept.articles + o as u32, HitTarget::Article(a), Some(a))
                }
                None => items::push_article(&mut builder, lang, a, article),
            }
        }
        for (a, article) in new.indexed_articles() {
            match same[a.get()] {
                Some(o) => {
                    for (q, i) in kept.quotes_of(o).enumerate() {
                        let target = HitTarget::Quote(QuoteRef {
                            article: a,
                            quote: QuoteIx::new(q),
                        });
                        builder.push_kept(i, target, Some(a));
                    }
                }
                None => items::push_quotes(&mut builder, lang, a, article),
            }
        }
        for (a, article) in new.indexed_articles() {
            match same[a.get()] {
                Some(o) => {
                    for i in kept.paragraphs_of(o) {
                        let HitTarget::Paragraph { span, .. } = &self.entries[i as usize].target
                        else {
                            unreachable!("checked by Kept::of")
                        };
                        let target = HitTarget::Paragraph {
                            article: a,
                            span: span.clone(),
                        };
                        builder.push_kept(i, target, Some(a));
                    }
                }
                None => items::push_paragraphs(&mut builder, a, article),
            }
        }
        builder.finish()
    }
}

/// Segments or vocabulary parts an index may have before an update builds
/// it anew.
const MAX_PARTS: usize = 16;

/// Where the items of each event and article of the old corpus are in its
/// index.
struct Kept {
    events: u32,
    articles: u32,
    /// The first quote item of each old article, and one past the last.
    quotes: Vec<u32>,
    /// The same for paragraph items.
    paragraphs: Vec<u32>,
}

impl Kept {
    /// `None` when `index` does not hold the items of `corpus` in the order
    /// [`Index::build`] makes them.
    fn of(index: &Index, corpus: &Corpus) -> Option<Kept> {
        let n = corpus.articles.len();
        let range = |kind| index.items_of(kind);
        let (events, articles) = (range(Kind::Event), range(Kind::Article));
        if events.len() != corpus.events.len() || articles.len() != n {
            return None;
        }
        let starts = |kind: Kind, counted: &dyn Fn(usize) -> Option<usize>| -> Option<Vec<u32>> {
            let items = range(kind);
            let mut at = if items.is_empty() { 0 } else { items.start };
            let mut starts = Vec::with_capacity(n + 1);
            starts.push(at);
            for a in 0..n {
                at += counted(a)? as u32;
                starts.push(at);
            }
            (at - starts[0] == items.len() as u32).then_some(starts)
        };
        let quotes = starts(Kind::Quote, &|a| Some(corpus.articles[a].quotes.len()))?;
        // Paragraph items name their article: count them.
        let paragraph_items = range(Kind::Paragraph);
        let mut per_article = vec![0usize; n];
        for i in paragraph_items.clone() {
            let e: &Entry = &index.entries[i as usize];
            match &e.target {
                HitTarget::Paragraph { article, .. } if article.get() < n => {
                    per_article[article.get()] += 1
                }
                _ => return None,
            }
        }
        let paragraphs = starts(Kind::Paragraph, &|a| Some(per_article[a]))?;
        Some(Kept {
            events: events.start,
            articles: articles.start,
            quotes,
            paragraphs,
        })
    }

    /// The old item of `event`, when the old corpus has an event with its
    /// id showing the same item.
    fn event(&self, old: &Corpus, event: &Event) -> Option<u32> {
        let o = old.event_index(&event.id)?;
        let was = old.event(o);
        let same = was.date == event.date
            && was.title == event.title
            && was.tags == event.tags
            && was.disputed() == event.disputed();
        same.then_some(self.events + o.get() as u32)
    }

    /// The old article that shows the same items as `article`.
    fn article(&self, old: &Corpus, article: &Arc<Article>) -> Option<usize> {
        let o = old.article_index(&article.id)?;
        if Arc::ptr_eq(&old.articles.arcs()[o.get()], article) {
            return Some(o.get());
        }
        let was = old.article(o);
        let same = was.title == article.title
            && was.source == article.source
            && was.published == article.published
            && was.tags == article.tags
            && was.body == article.body
            && was.quotes.len() == article.quotes.len()
            && was
                .quotes
                .iter()
                .zip(&article.quotes)
                .all(|(w, q)| w.id == q.id && w.text == q.text && w.speaker == q.speaker);
        same.then_some(o.get())
    }

    fn quotes_of(&self, o: usize) -> Range<u32> {
        self.quotes[o]..self.quotes[o + 1]
    }

    fn paragraphs_of(&self, o: usize) -> Range<u32> {
        self.paragraphs[o]..self.paragraphs[o + 1]
    }
}
