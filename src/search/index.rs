//! The search index: every searchable text, its display form and its folded
//! form, built once; and the parallel scan that matches a query against it.

use super::fold::{self, letters};
use super::query::{Query, Word};
use super::{Kind, Scope, Target};
use crate::corpus::{Corpus, DateLang, PartialDate, QuoteRef};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

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
    pub target: &'a Target,
    /// What is shown and highlighted.
    pub text: &'a str,
    /// `article#quote` for a quote, `article:pN` for a paragraph, else the id.
    pub id: &'a str,
    pub date: Option<PartialDate>,
}

struct Entry {
    kind: Kind,
    target: Target,
    date: Option<PartialDate>,
    text: Range<usize>,
    folded: Range<usize>,
    id: Range<usize>,
    /// Letters in the text (the tie-breaker "shorter text").
    letters: u32,
    /// Which folded letters occur (see [`mask_of`]).
    mask: u64,
    /// Whether any letter carries an accent.
    accents: bool,
}

pub struct Index {
    entries: Vec<Entry>,
    /// Display texts, one after the other.
    texts: String,
    /// Folded texts, one after the other.
    folded: String,
    ids: String,
    /// Entries of each kind are contiguous: `Kind as usize` → range.
    ranges: [Range<u32>; 4],
    matcher: SkimMatcherV2,
}

fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Event => 0,
        Kind::Article => 1,
        Kind::Quote => 2,
        Kind::Paragraph => 3,
    }
}

/// A bit per ASCII letter and digit, and one shared by everything else.
fn mask_of(folded: &str) -> u64 {
    let mut mask = 0u64;
    for b in folded.bytes() {
        mask |= bit(b);
    }
    mask
}

#[inline]
fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b' ' => 0,
        0x80.. => 1 << 63,
        _ => 1 << (36 + (b % 27)),
    }
}

impl Index {
    /// Folds every text of `corpus`. Takes a while on a large corpus: run it
    /// off the UI thread.
    pub fn build(corpus: &Corpus) -> Index {
        let mut builder = Builder::default();
        let lang = corpus.date_lang();
        for (e, event) in corpus.events.iter().enumerate() {
            let text = format!("{} — {}", event.date.long(lang), event.title);
            builder.push(
                Kind::Event,
                Target::Event(e),
                Some(event.date),
                &text,
                &event.id,
            );
        }
        for (a, article) in corpus.articles.iter().enumerate() {
            let mut text = article.title.clone();
            let tail: Vec<String> = article
                .source
                .iter()
                .cloned()
                .chain(article.published.map(|d| d.long(lang)))
                .collect();
            if !tail.is_empty() {
                text.push_str(" — ");
                text.push_str(&tail.join(", "));
            }
            builder.push(
                Kind::Article,
                Target::Article(a),
                article.published,
                &text,
                &article.id,
            );
        }
        for (a, article) in corpus.articles.iter().enumerate() {
            let date = article.published.map(|d| compact_date(d, lang));
            for (q, quote) in article.quotes.iter().enumerate() {
                let mut text = String::new();
                if let Some(speaker) = &quote.speaker {
                    text.push_str(speaker);
                    text.push_str(" — ");
                }
                text.push_str(&quote.text);
                text.push_str(" — ");
                text.push_str(&article.title);
                if let Some(d) = &date {
                    text.push_str(", ");
                    text.push_str(d);
                }
                let id = format!("{}#{}", article.id, quote.id);
                let target = Target::Quote(QuoteRef {
                    article: a,
                    quote: q,
                });
                builder.push(Kind::Quote, target, article.published, &text, &id);
            }
        }
        for (a, article) in corpus.articles.iter().enumerate() {
            for (n, span) in paragraphs(&article.body).enumerate() {
                let id = format!("{}:p{}", article.id, n + 1);
                let text = &article.body[span.clone()];
                let target = Target::Paragraph { article: a, span };
                builder.push(Kind::Paragraph, target, article.published, text, &id);
            }
        }
        builder.finish()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many items of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.ranges[kind_slot(kind)].len()
    }

    /// The item `i` (from a [`Hit`]). Panics when `i` is out of range.
    pub fn item(&self, i: u32) -> ItemView<'_> {
        let e = &self.entries[i as usize];
        ItemView {
            kind: e.kind,
            target: &e.target,
            text: &self.texts[e.text.clone()],
            id: &self.ids[e.id.clone()],
            date: e.date,
        }
    }

    /// The items the query matches, best first; `None` when `cancel` was
    /// set meanwhile. With `within`, only those items are considered (the
    /// hits of a query this one [narrows](Query::narrows)).
    pub fn search(
        &self,
        q: &Query,
        within: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if q.is_empty() {
            return Some(Vec::new());
        }
        let prepared = Prepared::new(q);
        let check = |i: u32| -> Option<Hit> {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let score = self.score(&prepared, i)?;
            Some(Hit { item: i, score })
        };
        let mut hits: Vec<Hit> = match within {
            Some(items) => items
                .par_iter()
                .with_min_len(1024)
                .filter(|&&i| q.admits(self.entries[i as usize].kind))
                .filter_map(|&i| check(i))
                .collect(),
            None => self
                .scope_range(q.scope)
                .into_par_iter()
                .with_min_len(1024)
                .filter_map(check)
                .collect(),
        };
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        hits.par_sort_unstable_by_key(|h| {
            let e = &self.entries[h.item as usize];
            (
                std::cmp::Reverse(h.score),
                e.letters,
                e.date.is_none(),
                e.date,
                h.item,
            )
        });
        Some(hits)
    }

    fn scope_range(&self, scope: Scope) -> Range<u32> {
        match scope.kind() {
            Some(kind) => self.ranges[kind_slot(kind)].clone(),
            None => 0..self.entries.len() as u32,
        }
    }

    /// The score of item `i`, if every word matches.
    fn score(&self, p: &Prepared, i: u32) -> Option<i64> {
        let e = &self.entries[i as usize];
        if p.mask & !e.mask != 0 || (p.accented && !e.accents) {
            return None;
        }
        let folded = &self.folded[e.folded.clone()];
        if !p.words.iter().all(|w| is_subsequence(&w.folded, folded)) {
            return None;
        }
        let mut total = 0;
        for w in p.words {
            total += match &w.accented {
                None => self.matcher.fuzzy_match(folded, &w.folded)?,
                Some(accented) => PROJECTION.with(|buf| {
                    let mut buf = buf.borrow_mut();
                    project(&self.texts[e.text.clone()], accented, &mut buf);
                    self.matcher.fuzzy_match(&buf, accented)
                })?,
            };
        }
        Some(total)
    }

    /// Byte ranges of the display text of `hit` that the query matched,
    /// sorted and merged.
    pub fn highlight(&self, q: &Query, hit: &Hit) -> Vec<Range<usize>> {
        let text = self.item(hit.item).text;
        let letters: Vec<fold::Letter> = letters(text).collect();
        let mut indices = Vec::new();
        let folded: String = letters.iter().map(|l| l.folded).collect();
        for w in &q.words {
            let found = match &w.accented {
                None => self.matcher.fuzzy_indices(&folded, &w.folded),
                Some(accented) => {
                    let mut buf = String::new();
                    project(text, accented, &mut buf);
                    self.matcher.fuzzy_indices(&buf, accented)
                }
            };
            if let Some((_, found)) = found {
                indices.extend(found);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for i in indices {
            let Some(l) = letters.get(i) else { continue };
            match ranges.last_mut() {
                Some(last) if last.end == l.start => last.end = l.start + l.len,
                _ => ranges.push(l.start..l.start + l.len),
            }
        }
        ranges
    }
}

thread_local! {
    static PROJECTION: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `text` folded, except that letters whose accented form occurs in the
/// query word `accented` keep their accent: so `é` in the query matches only
/// `é`, and the query's unaccented letters still match accented ones.
fn project(text: &str, accented: &str, out: &mut String) {
    out.clear();
    for l in letters(text) {
        if l.has_accent() && accented.contains(l.accented) {
            out.push(l.accented);
        } else {
            out.push(l.folded);
        }
    }
}

/// Whether the chars of `word` occur in `text` in order.
fn is_subsequence(word: &str, text: &str) -> bool {
    let mut rest = text;
    for c in word.chars() {
        match rest.find(c) {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

struct Prepared<'q> {
    words: &'q [Word],
    mask: u64,
    accented: bool,
}

impl<'q> Prepared<'q> {
    fn new(q: &'q Query) -> Self {
        Prepared {
            words: &q.words,
            mask: q.words.iter().fold(0, |m, w| m | mask_of(&w.folded)),
            accented: q.words.iter().any(|w| w.accented.is_some()),
        }
    }
}

/// "11 janv. 2021", "mars 2021", "2021".
fn compact_date(d: PartialDate, lang: DateLang) -> String {
    if d.month.is_some() {
        format!("{} {}", d.short(lang), d.year)
    } else {
        d.short(lang)
    }
}

/// Byte spans of the paragraphs of `body`: runs of lines separated by blank
/// lines, trimmed.
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                spans.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(at + lead);
            end = at + line.trim_end().len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        spans.push(s..end);
    }
    spans.into_iter()
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    texts: String,
    folded: String,
    ids: String,
    ranges: [Range<u32>; 4],
}

impl Builder {
    fn push(&mut self, kind: Kind, target: Target, date: Option<PartialDate>, text: &str, id: &str) {
        let slot = kind_slot(kind);
        let n = self.entries.len() as u32;
        if self.ranges[slot].is_empty() {
            self.ranges[slot] = n..n;
        }
        self.ranges[slot].end = n + 1;
        let t = self.texts.len();
        self.texts.push_str(text);
        let f = self.folded.len();
        fold::fold_into(text, &mut self.folded);
        let folded = &self.folded[f..];
        let n_letters = folded.chars().count() as u32;
        let accents = !text.is_ascii() && letters(text).any(|l| l.has_accent());
        let mask = mask_of(folded);
        let d = self.ids.len();
        self.ids.push_str(id);
        self.entries.push(Entry {
            kind,
            target,
            date,
            text: t..self.texts.len(),
            folded: f..self.folded.len(),
            id: d..self.ids.len(),
            letters: n_letters,
            mask,
            accents,
        });
    }

    fn finish(self) -> Index {
        Index {
            entries: self.entries,
            texts: self.texts,
            folded: self.folded,
            ids: self.ids,
            ranges: self.ranges,
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }
}
