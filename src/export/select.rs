//! The one step every format shares: which events, quotes and notes leave,
//! after the filters, in timeline order. The formats only read a
//! [`Selection`]; none of them filters again.

use crate::annotations::filter::{corpus_event_rank, event_matches, reader_event_rank, Filter};
use crate::annotations::{Annotations, Note, Status};
use crate::corpus::{
    passage, ArticleIx, Corpus, Event, EventIx, Id, PartialDate, QuoteRef, SourceRef,
};
use std::collections::HashSet;
use std::ops::Range;

/// What to keep. Every filter given must match (they combine with "and").
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Tagged so in the corpus, or by the reader on the event or a quote about it.
    pub tags: Vec<String>,
    pub starred: bool,
    pub status: Option<Status>,
    /// The reader's timeline filter, exactly as the timeline applies it
    /// (the reader's `x` exports what the timeline shows).
    pub filter: Option<Filter>,
    /// Events whose period overlaps `from ..= to` (a month overlaps its days).
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// Only these events (corpus or reader's ids).
    pub events: Vec<String>,
    /// Leave every annotation out (the filters above still apply first).
    pub no_notes: bool,
    /// Leave the reader's events and quotes out (keep notes on the corpus's).
    pub corpus_only: bool,
}

impl Options {
    /// Whether any filter narrows the events.
    pub fn filters(&self) -> bool {
        !self.tags.is_empty()
            || self.starred
            || self.status.is_some()
            || self.filter.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || !self.events.is_empty()
    }
}

/// Where an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Corpus(EventIx),
    /// Index in `annotations.reader_events`.
    Reader(usize),
}

#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub id: &'a str,
    pub origin: Origin,
    /// `None` for a reader's event whose date does not parse.
    pub date: Option<PartialDate>,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub actors: Vec<&'a str>,
    /// The corpus's tags (the reader's are in `note`).
    pub tags: &'a [Id],
    /// Cited articles and quotes, in the order written.
    pub sources: Vec<SourceRef>,
    /// The quotes about it: the corpus's, then the reader's.
    pub quotes: Vec<QuoteItem<'a>>,
    pub note: Option<&'a Note>,
    /// The corpus's event, for its provenance and accounts (`None`: the reader's).
    pub event: Option<&'a Event>,
}

impl Item<'_> {
    pub(crate) fn is_reader(&self) -> bool {
        matches!(self.origin, Origin::Reader(_))
    }
}

/// A quote of the corpus or one the reader marked (a highlight).
#[derive(Debug, Clone)]
pub struct QuoteItem<'a> {
    /// `article#quote`, or the highlight's id.
    pub key: String,
    /// `None`: a highlight of an article not in the corpus.
    pub article: Option<ArticleIx>,
    /// The article's id, as written.
    pub article_id: &'a str,
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    /// Byte span in the article body, when the passage was found.
    pub span: Option<Range<usize>>,
    pub note: Option<&'a Note>,
    pub reader: bool,
    /// The ids of the events it is about.
    pub events: Vec<&'a str>,
}

#[derive(Debug)]
pub struct Selection<'a> {
    pub corpus: &'a Corpus,
    /// `None` with `--no-notes`.
    pub annotations: Option<&'a Annotations>,
    pub events: Vec<Item<'a>>,
    /// Every article when no filter is given, else those of the events kept.
    pub articles: Vec<ArticleIx>,
    /// Every quote when no filter is given, else those of the events kept;
    /// the corpus's first, then the reader's, each once.
    pub quotes: Vec<QuoteItem<'a>>,
}

impl Selection<'_> {
    /// Nothing to export: the filters matched nothing.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.quotes.is_empty()
    }

    /// The events grouped by month, each group with its heading in the
    /// corpus language ("janvier 2021"; `undated` for the reader's events
    /// whose date does not parse, last).
    pub(crate) fn by_month(&self, undated: &str) -> Vec<(String, Vec<&Item<'_>>)> {
        let lang = self.corpus.date_lang();
        let mut keys: Vec<Option<(i32, u32)>> = Vec::new();
        let mut groups: Vec<(String, Vec<&Item<'_>>)> = Vec::new();
        for item in &self.events {
            let key = item.date.map(|d| d.month_key());
            match groups.last_mut() {
                Some((_, items)) if keys.last() == Some(&key) => items.push(item),
                _ => {
                    keys.push(key);
                    let heading = item
                        .date
                        .map_or_else(|| undated.into(), |d| d.month_heading(lang));
                    groups.push((heading, vec![item]));
                }
            }
        }
        groups
    }
}

/// Applies `options` to `corpus` and `annotations` once.
pub fn select<'a>(
    corpus: &'a Corpus,
    annotations: &'a Annotations,
    options: &Options,
) -> Selection<'a> {
    let a = annotations;
    let with_notes = !options.no_notes;
    let note = |n: Option<&'a Note>| n.filter(|_| with_notes);
    let quote = |q: QuoteRef| -> QuoteItem<'a> {
        let key = corpus.quote_key(q);
        let cq = corpus.quote(q);
        QuoteItem {
            note: note(a.quotes.get(&key)),
            key,
            article: Some(q.article),
            article_id: &corpus.article(q.article).id,
            text: &cq.text,
            speaker: cq.speaker.as_deref(),
            span: cq.span.clone(),
            reader: false,
            events: corpus
                .quote_events(q)
                .iter()
                .map(|&e| corpus.event(e).id.as_str())
                .collect(),
        }
    };
    let highlights: Vec<QuoteItem<'a>> = if options.corpus_only || !with_notes {
        Vec::new()
    } else {
        a.highlights
            .iter()
            .map(|h| {
                let article = corpus.article_index(&h.article);
                let span = article.and_then(|i| {
                    let n = h.occurrence.unwrap_or(1).max(1) as usize;
                    passage::find(&corpus.article(i).body, &h.text, n).0
                });
                QuoteItem {
                    key: h.id.clone(),
                    article,
                    article_id: &h.article,
                    text: &h.text,
                    speaker: h.speaker.as_deref(),
                    span,
                    note: Some(&h.annotation),
                    reader: true,
                    events: h.events.iter().map(String::as_str).collect(),
                }
            })
            .collect()
    };

    let mut events: Vec<(usize, Item<'a>)> = Vec::new();
    for (i, e) in corpus.indexed_events() {
        let by_notes = |f: &Filter| event_matches(corpus, a, i, f);
        let tagged =
            |t: &String| e.tags.iter().any(|x| x == t) || by_notes(&Filter::Tag(t.clone()));
        if keep(options, &e.id, Some(e.date), tagged, by_notes) {
            let mut quotes: Vec<QuoteItem<'a>> =
                corpus.event_quotes(i).iter().map(|&q| quote(q)).collect();
            quotes.extend(
                highlights
                    .iter()
                    .filter(|h| h.events.contains(&e.id.as_str()))
                    .cloned(),
            );
            let item = Item {
                id: &e.id,
                origin: Origin::Corpus(i),
                date: Some(e.date),
                title: &e.title,
                summary: e.summary.as_deref(),
                actors: e.actors.iter().map(|a| a.as_str()).collect(),
                tags: &e.tags,
                sources: e.sources.clone(),
                quotes,
                note: note(a.events.get(e.id.as_str())),
                event: Some(e),
            };
            events.push((corpus_event_rank(i), item));
        }
    }
    if !options.corpus_only && with_notes {
        for (i, e) in a.reader_events.iter().enumerate() {
            let date = PartialDate::parse(&e.date).ok();
            let by_notes = |f: &Filter| f.matches(&e.annotation);
            let tagged = |t: &String| by_notes(&Filter::Tag(t.clone()));
            if !keep(options, &e.id, date, tagged, by_notes) {
                continue;
            }
            let mut quotes: Vec<QuoteItem<'a>> = Vec::new();
            if let Some(from) = e.quote.as_deref() {
                match corpus.resolve_source(from) {
                    Some(SourceRef {
                        article,
                        quote: Some(q),
                    }) => quotes.push(quote(QuoteRef { article, quote: q })),
                    _ => quotes.extend(highlights.iter().filter(|h| h.key == from).cloned()),
                }
            }
            quotes.extend(
                highlights
                    .iter()
                    .filter(|h| {
                        h.events.contains(&e.id.as_str()) && !quotes.iter().any(|q| q.key == h.key)
                    })
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            let item = Item {
                id: &e.id,
                origin: Origin::Reader(i),
                date,
                title: &e.title,
                summary: e.summary.as_deref(),
                actors: e.actors.iter().map(String::as_str).collect(),
                tags: &[],
                sources: e
                    .sources
                    .iter()
                    .filter_map(|s| corpus.resolve_source(s))
                    .collect(),
                quotes,
                note: Some(&e.annotation),
                event: None,
            };
            events.push((reader_event_rank(corpus, date), item));
        }
    }
    events.sort_by_key(|(k, _)| *k);
    let events: Vec<Item<'a>> = events.into_iter().map(|(_, item)| item).collect();

    let (articles, quotes) = if options.filters() {
        let mut articles: Vec<ArticleIx> = events
            .iter()
            .flat_map(|item| match item.origin {
                Origin::Corpus(e) => corpus.event_articles(e).to_vec(),
                Origin::Reader(_) => item.sources.iter().map(|s| s.article).collect(),
            })
            .chain(
                events
                    .iter()
                    .flat_map(|i| i.quotes.iter().filter_map(|q| q.article)),
            )
            .collect();
        articles.sort_unstable();
        articles.dedup();
        let mut seen = HashSet::new();
        let mut quotes: Vec<QuoteItem<'a>> = events
            .iter()
            .flat_map(|i| i.quotes.iter())
            .filter(|q| seen.insert((q.reader, q.key.clone())))
            .cloned()
            .collect();
        quotes.sort_by_key(|q| q.reader);
        (articles, quotes)
    } else {
        let mut quotes: Vec<QuoteItem<'a>> = Vec::with_capacity(corpus.quote_count());
        for (article, a) in corpus.indexed_articles() {
            for (quote_ix, _) in a.indexed_quotes() {
                quotes.push(quote(QuoteRef {
                    article,
                    quote: quote_ix,
                }));
            }
        }
        quotes.extend(highlights);
        (ArticleIx::all(corpus.articles.len()).collect(), quotes)
    };
    Selection {
        corpus,
        annotations: with_notes.then_some(annotations),
        events,
        articles,
        quotes,
    }
}

/// Whether an event passes every filter given. `tagged` and `by_notes`
/// answer for its tags and the reader's notes on it (and its quotes).
fn keep(
    options: &Options,
    id: &str,
    date: Option<PartialDate>,
    tagged: impl Fn(&String) -> bool,
    by_notes: impl Fn(&Filter) -> bool,
) -> bool {
    (options.events.is_empty() || options.events.iter().any(|e| e == id))
        && options.tags.iter().all(tagged)
        && (!options.starred || by_notes(&Filter::Starred))
        && options.status.is_none_or(|s| by_notes(&Filter::Status(s)))
        && options.filter.as_ref().is_none_or(&by_notes)
        && in_range(date, options.from, options.to)
}

/// Whether the period of `date` overlaps `from ..= to`: "janvier 2021" is
/// in a range from 10 January, a date-time on the 11th is in a range to
/// the 11th. Undated events are out of any range.
pub(crate) fn in_range(
    date: Option<PartialDate>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(d) = date else {
        return false;
    };
    from.is_none_or(|f| d >= f || d.contains(&f)) && to.is_none_or(|t| d <= t || t.contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).unwrap())
    }

    #[test]
    fn a_vague_date_overlaps_a_range_that_starts_or_ends_inside_it() {
        assert!(in_range(d("2021-01"), d("2021-01-10"), None));
        assert!(!in_range(d("2021-01-09"), d("2021-01-10"), None));
        assert!(in_range(d("2021-01-11T10:00:00Z"), None, d("2021-01-11")));
        assert!(in_range(d("2021-03"), None, d("2021-03-03")));
        assert!(!in_range(d("2021-03-05"), None, d("2021-03-03")));
        assert!(in_range(d("2021-03-15"), d("2021-03"), d("2021-03")));
        assert!(!in_range(None, d("2021"), None));
        assert!(in_range(None, None, None));
    }
}
