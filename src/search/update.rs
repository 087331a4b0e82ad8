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
//!
//! The usual live reload, a file edited in place, keeps every event and
//! article where it was (see [`Kept::in_place`]): the old table is then
//! copied as it is, only the edited items' rows spliced in, and the events
//! and articles the reload shares with the old corpus are not compared.

use super::builder::Builder;
use super::items;
use super::{HitTarget, Index, Kind};
use crate::corpus::{Article, ArticleIx, Corpus, DateLang, Event, EventIx, QuoteIx, QuoteRef};
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
        match kept {
            Some(kept) => self.update_kept(&kept, old, new).with_bodies(new),
            None => Index::build(new),
        }
    }

    /// [`Index::update`] taking `kept` from `self`, without the bodies.
    fn update_kept(&self, kept: &Kept, old: &Corpus, new: &Corpus) -> Index {
        let lang = new.date_lang();
        if let Some(changed) = kept.in_place(old, new) {
            return self.update_in_place(kept, lang, new, &changed);
        }
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
                        let HitTarget::Paragraph { span, .. } = self.entry(i).target() else {
                            unreachable!("checked by Kept::of")
                        };
                        let target = HitTarget::Paragraph { article: a, span };
                        builder.push_kept(i, target, Some(a));
                    }
                }
                None => items::push_paragraphs(&mut builder, a, article),
            }
        }
        builder.finish()
    }

    /// [`Index::update`] when every event and article of `new` is where it
    /// was in `old`: the items of `changed` are built, the others' rows
    /// copied as they are (their positions, hence their targets, are the
    /// same).
    fn update_in_place(
        &self,
        kept: &Kept,
        lang: DateLang,
        new: &Corpus,
        changed: &Changed,
    ) -> Index {
        let mut builder = Builder::continuing(self);
        // Each old range of rows and the rows built for it, in the order of
        // the table (events, articles, quotes, paragraphs).
        let mut spliced = Vec::new();
        let mut build = |builder: &mut Builder, was: Range<u32>, push: &dyn Fn(&mut Builder)| {
            let start = builder.len();
            push(builder);
            spliced.push((was, start..builder.len()));
        };
        for &e in &changed.events {
            let (ix, event) = (EventIx::new(e), new.event(EventIx::new(e)));
            let at = kept.events + e as u32;
            build(&mut builder, at..at + 1, &|b| {
                items::push_event(b, lang, ix, event)
            });
        }
        for &a in &changed.articles {
            let (ix, article) = (ArticleIx::new(a), new.article(ArticleIx::new(a)));
            let at = kept.articles + a as u32;
            build(&mut builder, at..at + 1, &|b| {
                items::push_article(b, lang, ix, article)
            });
        }
        for &a in &changed.articles {
            let (ix, article) = (ArticleIx::new(a), new.article(ArticleIx::new(a)));
            build(&mut builder, kept.quotes_of(a), &|b| {
                items::push_quotes(b, lang, ix, article)
            });
        }
        for &a in &changed.articles {
            let (ix, article) = (ArticleIx::new(a), new.article(ArticleIx::new(a)));
            build(&mut builder, kept.paragraphs_of(a), &|b| {
                items::push_paragraphs(b, ix, article)
            });
        }
        builder.finish_splicing(&spliced)
    }
}

/// The events and articles (positions) whose items changed in a reload
/// that kept every one in its place.
struct Changed {
    events: Vec<usize>,
    articles: Vec<usize>,
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
            match index.entry(i).target() {
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

    /// Which events and articles show other items in `new`, when every one
    /// is where it was in `old` (same ids in the same order) and the index
    /// has rows of every kind (an empty kind has no place to splice into).
    /// Those the reload shares with `old` are the same without a look.
    fn in_place(&self, old: &Corpus, new: &Corpus) -> Option<Changed> {
        let (oe, ne) = (old.events.arcs(), new.events.arcs());
        let (oa, na) = (old.articles.arcs(), new.articles.arcs());
        if oe.len() != ne.len() || oa.len() != na.len() || na.is_empty() {
            return None;
        }
        if self.quotes[0] == self.quotes[oa.len()]
            || self.paragraphs[0] == self.paragraphs[oa.len()]
        {
            return None;
        }
        Some(Changed {
            events: changed_in_place(oe, ne, |e| &e.id, shows_same_event)?,
            articles: changed_in_place(oa, na, |a| &a.id, shows_same_article)?,
        })
    }

    /// The old item of `event`, when the old corpus has an event with its
    /// id showing the same item.
    fn event(&self, old: &Corpus, event: &Event) -> Option<u32> {
        let o = old.event_index(&event.id)?;
        shows_same_event(old.event(o), event).then_some(self.events + o.get() as u32)
    }

    /// The old article that shows the same items as `article`.
    fn article(&self, old: &Corpus, article: &Arc<Article>) -> Option<usize> {
        let o = old.article_index(&article.id)?;
        if Arc::ptr_eq(&old.articles.arcs()[o.get()], article) {
            return Some(o.get());
        }
        shows_same_article(old.article(o), article).then_some(o.get())
    }

    fn quotes_of(&self, o: usize) -> Range<u32> {
        self.quotes[o]..self.quotes[o + 1]
    }

    fn paragraphs_of(&self, o: usize) -> Range<u32> {
        self.paragraphs[o]..self.paragraphs[o + 1]
    }
}

/// The positions whose item `new` shows otherwise than `old` (of the same
/// length), or `None` when one holds another id there. A shared item is
/// the same without a look.
fn changed_in_place<T>(
    old: &[Arc<T>],
    new: &[Arc<T>],
    id: fn(&T) -> &crate::corpus::Id,
    shows_same: fn(&T, &T) -> bool,
) -> Option<Vec<usize>> {
    let mut changed = Vec::new();
    for (i, (was, is)) in old.iter().zip(new).enumerate() {
        if Arc::ptr_eq(was, is) {
            continue;
        }
        if id(was) != id(is) {
            return None;
        }
        if !shows_same(was, is) {
            changed.push(i);
        }
    }
    Some(changed)
}

/// Whether `was` and `event` have the same item: what it shows and matches.
fn shows_same_event(was: &Event, event: &Event) -> bool {
    was.date == event.date
        && was.title == event.title
        && was.tags == event.tags
        && was.disputed() == event.disputed()
}

/// Whether `was` and `article` have the same items (the article's, its
/// quotes', its paragraphs').
fn shows_same_article(was: &Article, article: &Article) -> bool {
    was.title == article.title
        && was.source == article.source
        && was.published == article.published
        && was.tags == article.tags
        && was.body == article.body
        && was.quotes.len() == article.quotes.len()
        && was
            .quotes
            .iter()
            .zip(&article.quotes)
            .all(|(w, q)| w.id == q.id && w.text == q.text && w.speaker == q.speaker)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::load_files;
    use crate::corpus::Progress;
    use crate::generate::{self, Spec};

    /// An article edited in place, the rest shared as a live reload's patch
    /// shares it: the update splices that article's items alone, and the
    /// index answers as one built afresh (the property tests compare every
    /// answer; this pins that the splice is the path taken).
    #[test]
    fn an_article_edited_in_place_is_spliced_alone() {
        let spec = Spec {
            articles: 5,
            events: 6,
            quotes_per_article: 2,
            body_bytes: 300,
            seed: 3,
        };
        let (timeline, mut articles) = generate::files(&spec);
        let load = |articles: &[crate::corpus::SourceFile]| {
            load_files(
                None,
                Some(timeline.clone()),
                articles.to_vec(),
                &Progress::default(),
            )
            .corpus
        };
        let old = load(&articles);
        let edited = String::from_utf8(articles[0].bytes.clone()).unwrap()
            + "\nUn paragraphe ajouté : la censure.\n";
        articles[0].bytes = edited.into_bytes();
        let loaded = load(&articles);
        let mut new = old.clone();
        let a = (0..new.articles.len())
            .find(|&a| new.articles[a] != loaded.articles[a])
            .expect("one article changed");
        new.articles.set(a, loaded.articles.arcs()[a].clone());
        let index = Index::build(&old);
        let kept = Kept::of(&index, &old).expect("the old corpus's index");
        let changed = kept.in_place(&old, &new).expect("every item in its place");
        assert_eq!((changed.events, changed.articles), (vec![], vec![a]));
        let updated = index.update(&old, &new);
        let rebuilt = Index::build(&new);
        assert_eq!(updated.len(), rebuilt.len());
        assert_eq!(updated.tie_rank.as_slice(), rebuilt.tie_rank.as_slice());
        for i in 0..rebuilt.len() as u32 {
            assert_eq!(updated.item(i).target, rebuilt.item(i).target);
            assert_eq!(updated.matched_text(i), rebuilt.matched_text(i));
        }
        // An article moved (another order) is not in place.
        let mut moved = new.clone();
        let (first, last) = (
            moved.articles.arcs()[0].clone(),
            moved.articles.arcs()[4].clone(),
        );
        moved.articles.set(0, last);
        moved.articles.set(4, first);
        assert!(kept.in_place(&old, &moved).is_none());
    }
}
