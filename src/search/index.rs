//! The search index: every searchable text, its display form and its folded
//! form, built once; and the parallel scan that matches a query against it.

use super::fold::{self, letters};
use super::query::{Query, Word};
use super::skim_bound;
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
    /// An upper bound of the score (see [`Index::search`]), and that of all
    /// words but the last: reused when narrowing.
    pub bound: i64,
    pub head: i64,
}

#[derive(Clone, Copy)]
enum Reuse {
    /// Same words but the last: reuse `head`.
    Head,
    /// One more word: reuse `bound`.
    Bound,
    Nothing,
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
    /// The part of the text that is matched (a quote's speaker and words,
    /// not its article and date).
    matched: Range<usize>,
    folded: Range<usize>,
    id: Range<usize>,
    /// Letters in the text (the tie-breaker "shorter text").
    letters: u32,
}

/// What the prefilter reads of an item, kept apart from [`Entry`] so that a
/// scan touches 16 bytes per item.
#[derive(Clone, Copy)]
struct Filter {
    /// Which folded letters occur (see [`mask_of`]).
    mask: u64,
    /// Whether any letter carries an accent.
    accents: bool,
}

pub struct Index {
    entries: Vec<Entry>,
    /// One per entry.
    filters: Vec<Filter>,
    /// Each entry's place in the tie order: shorter text, then earlier date
    /// (undated last), then index.
    tie_rank: Vec<u32>,
    /// Display texts, one after the other.
    texts: String,
    /// Folded texts, one after the other.
    folded: String,
    ids: String,
    /// Entries of each kind are contiguous: `Kind as usize` → range.
    ranges: [Range<u32>; 4],
    /// Shared by the scan's threads (it keeps a scratch matrix per thread).
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
                (&text, text.len()),
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
                (&text, text.len()),
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
                let matched = text.len();
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
                builder.push(
                    Kind::Quote,
                    target,
                    article.published,
                    (&text, matched),
                    &id,
                );
            }
        }
        for (a, article) in corpus.articles.iter().enumerate() {
            for (n, span) in paragraphs(&article.body).enumerate() {
                let id = format!("{}:p{}", article.id, n + 1);
                let text = &article.body[span.clone()];
                let target = Target::Paragraph { article: a, span };
                builder.push(
                    Kind::Paragraph,
                    target,
                    article.published,
                    (text, text.len()),
                    &id,
                );
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

    /// The part of item `i`'s text that is searched (a quote's speaker and
    /// words; the whole text of other items).
    pub fn matched_text(&self, i: u32) -> &str {
        &self.texts[self.entries[i as usize].matched.clone()]
    }

    /// The items of `kind` (they are contiguous).
    pub fn items_of(&self, kind: Kind) -> Range<u32> {
        self.ranges[kind_slot(kind)].clone()
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
    /// set meanwhile.
    ///
    /// Each match is first given a cheap upper bound of its Skim score (see
    /// [`skim_bound`](super::skim_bound)); `SkimMatcherV2` then scores matches
    /// in the order of their bounds until the first `ranked` results are
    /// certain, so those carry Skim's own scores in Skim's order. The rest
    /// follow in the order of their bounds, with the bound as their score.
    ///
    /// With `previous` (an earlier query and all its hits), only those hits
    /// are rescanned when `q` [narrows](Query::narrows) it, and the bounds
    /// of the words they share are reused.
    pub fn search(
        &self,
        q: &Query,
        previous: Option<(&Query, &[Hit])>,
        ranked: usize,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if q.is_empty() {
            return Some(Vec::new());
        }
        let prepared = Prepared::new(q);
        let mut hits: Vec<Hit> = match previous {
            Some((old, old_hits)) if q.narrows(old) => {
                let n = q.words.len();
                let reuse = if n == old.words.len() && q.words[..n - 1] == old.words[..n - 1] {
                    Reuse::Head
                } else if n == old.words.len() + 1 && q.words[..n - 1] == old.words[..] {
                    Reuse::Bound
                } else {
                    Reuse::Nothing
                };
                let last = (&prepared.words[n - 1], prepared.shortcuts[n - 1].as_ref());
                collect_chunks(old_hits, cancel, |_, hits, out| {
                    for h in hits {
                        let head = match reuse {
                            Reuse::Head => h.head,
                            Reuse::Bound => h.bound,
                            Reuse::Nothing => {
                                out.extend(self.bounds(&prepared, h.item));
                                continue;
                            }
                        };
                        out.extend(self.word_bound(last, h.item).map(|b| Hit {
                            item: h.item,
                            score: head + b,
                            bound: head + b,
                            head,
                        }));
                    }
                })?
            }
            _ => {
                let range = self.scope_range(q.scope);
                let filters = &self.filters[range.start as usize..range.end as usize];
                collect_chunks(filters, cancel, |at, chunk, out| {
                    let first = range.start as usize + at;
                    for (k, f) in chunk.iter().enumerate() {
                        if prepared.mask & !f.mask != 0 || (prepared.accented && !f.accents) {
                            continue;
                        }
                        out.extend(self.bounds(&prepared, (first + k) as u32));
                    }
                })?
            }
        };
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        self.rank(&prepared, &mut hits, ranked);
        Some(hits)
    }

    /// Orders `hits` (scored by their bounds) so that the first `ranked`
    /// are the best by Skim's score, and carry it.
    fn rank(&self, p: &Prepared, hits: &mut [Hit], ranked: usize) {
        rank_by(hits, &self.tie_rank, ranked, |i| self.exact(p, i));
    }

    fn scope_range(&self, scope: Scope) -> Range<u32> {
        match scope.kind() {
            Some(kind) => self.ranges[kind_slot(kind)].clone(),
            None => 0..self.entries.len() as u32,
        }
    }

    /// Item `i` as a hit scored by its bound, if every word matches.
    fn bounds(&self, p: &Prepared, i: u32) -> Option<Hit> {
        let e = &self.entries[i as usize];
        let folded = &self.folded[e.folded.clone()];
        if !p.words.iter().all(|w| is_subsequence(&w.folded, folded)) {
            return None;
        }
        let mut words = p.words.iter().zip(p.shortcuts.iter().map(Option::as_ref));
        let last = words.next_back()?;
        let mut head_bound = 0;
        for w in words {
            head_bound += self.word_bound(w, i)?;
        }
        let bound = head_bound + self.word_bound(last, i)?;
        Some(Hit {
            item: i,
            score: bound,
            bound,
            head: head_bound,
        })
    }

    /// Skim's score of every word against item `i`, summed (it matches).
    fn exact(&self, p: &Prepared, i: u32) -> i64 {
        p.words
            .iter()
            .map(|w| self.word_score(w, i).unwrap_or(0))
            .sum()
    }

    /// An upper bound of Skim's score of one word against item `i` (in
    /// practice the score itself).
    fn word_bound(
        &self,
        (w, shortcut): (&Word, Option<&skim_bound::Shortcut>),
        i: u32,
    ) -> Option<i64> {
        let e = &self.entries[i as usize];
        if let Some(score) =
            shortcut.and_then(|s| s.score(self.folded[e.folded.clone()].as_bytes()))
        {
            return Some(i64::from(score));
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            let (text, word) = match &w.accented {
                None => (&self.folded[e.folded.clone()], w.folded.as_str()),
                Some(accented) => {
                    project(&self.texts[e.matched.clone()], accented, &mut scratch.text);
                    (scratch.text.as_str(), accented.as_str())
                }
            };
            if !skim_bound::fits(text) {
                let text = match w.accented {
                    None => window(text, word)?,
                    Some(_) => text,
                };
                return skim_score(&self.matcher, text, word);
            }
            let bound = if word.is_ascii() {
                skim_bound::bound(text.as_bytes(), word.as_bytes(), &mut scratch.rows)
            } else {
                scratch.chars.clear();
                scratch.chars.extend(text.chars());
                scratch.word.clear();
                scratch.word.extend(word.chars());
                skim_bound::bound(&scratch.chars, &scratch.word, &mut scratch.rows)
            };
            bound.map(i64::from)
        })
    }

    /// The Skim score of one word against item `i`.
    fn word_score(&self, w: &Word, i: u32) -> Option<i64> {
        let e = &self.entries[i as usize];
        match &w.accented {
            None => {
                let folded = &self.folded[e.folded.clone()];
                skim_score(&self.matcher, window(folded, &w.folded)?, &w.folded)
            }
            Some(accented) => SCRATCH.with(|scratch| {
                let scratch = &mut *scratch.borrow_mut();
                project(&self.texts[e.matched.clone()], accented, &mut scratch.text);
                skim_score(&self.matcher, &scratch.text, accented)
            }),
        }
    }

    /// Byte ranges of the display text of `hit` that the query matched,
    /// sorted and merged.
    pub fn highlight(&self, q: &Query, hit: &Hit) -> Vec<Range<usize>> {
        let text = &self.texts[self.entries[hit.item as usize].matched.clone()];
        let letters: Vec<fold::Letter> = letters(text).collect();
        let mut indices = Vec::new();
        let folded: String = letters.iter().map(|l| l.folded).collect();
        for w in &q.words {
            let found = match &w.accented {
                None => matcher().fuzzy_indices(&folded, &w.folded),
                Some(accented) => {
                    let mut buf = String::new();
                    project(text, accented, &mut buf);
                    matcher().fuzzy_indices(&buf, accented)
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

/// Sorts `hits`, scored by upper bounds of their `exact` scores, so that
/// the first `ranked` are the best by exact score (ties in `tie_rank` order)
/// and carry it; the others follow by bound.
fn rank_by(hits: &mut [Hit], tie_rank: &[u32], ranked: usize, exact: impl Fn(u32) -> i64 + Sync) {
    let key = |h: &Hit| (std::cmp::Reverse(h.score), tie_rank[h.item as usize]);
    hits.par_sort_unstable_by_key(key);
    let ranked = ranked.min(hits.len());
    if ranked == 0 {
        return;
    }
    let mut done = 0;
    loop {
        // Score the next batch in bound order. A bound is never below its
        // score, so once the `ranked`-th scored hit comes before the best
        // bound left, no hit left can overtake it.
        let upto = (done + ranked.max(64)).min(hits.len());
        hits[done..upto]
            .par_iter_mut()
            .for_each(|h| h.score = exact(h.item));
        done = upto;
        hits[..done].sort_by_key(key);
        match hits.get(done) {
            Some(next) if key(&hits[ranked - 1]) >= key(next) => {}
            _ => break,
        }
    }
}

/// A Skim matcher with an empty scratch matrix.
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

/// Skim's score of `word` in `text` (both folded already), as a fresh
/// matcher gives it.
///
/// `SkimMatcherV2` keeps its scratch matrix between calls (per thread) and
/// does not rewrite every cell it reads, so a reused matcher's score can
/// depend on the texts it scored before (`eea` in `eb--ea`: 68 fresh, 72
/// after other texts). Allocating a fresh matcher per call costs about a
/// fifth of a call, so `reused` is used when no stale cell can be read: see
/// [`reads_no_stale_cell`].
pub(crate) fn skim_score(reused: &SkimMatcherV2, text: &str, word: &str) -> Option<i64> {
    if reads_no_stale_cell(text, word) {
        reused.fuzzy_match(text, word)
    } else {
        matcher().fuzzy_match(text, word)
    }
}

/// Whether Skim, scoring `word` in `text`, reads only matrix cells it wrote
/// in the same call. Its compressed matrix has two rows, the first reset on
/// each call; the second holds the rows of `word`'s chars 0, 2, 4…, and the
/// only field read there before being written is a cell's carried bonus,
/// and only where an occurrence of `word`'s first char (from its first one
/// on) is directly followed by one of the chars 0, 2, 4… of `word`. (Checked
/// against fresh matchers on millions of random texts in the tests.)
fn reads_no_stale_cell(text: &str, word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return true;
    };
    if word.is_ascii() {
        // ASCII bytes of UTF-8 text are whole chars; other bytes match none.
        let even = word.bytes().step_by(2).fold(0u128, |set, b| set | 1 << b);
        let (text, first) = (text.as_bytes(), first as u8);
        let Some(start) = text.iter().position(|&b| b == first) else {
            return true;
        };
        return !text[start..]
            .windows(2)
            .any(|w| w[0] == first && w[1] < 128 && even & 1 << w[1] != 0);
    }
    let even = |c: char| word.chars().step_by(2).any(|w| w == c);
    let mut prev_first = false;
    for c in text.chars() {
        if prev_first && even(c) {
            return false;
        }
        prev_first = c == first;
    }
    true
}

/// Runs `scan(offset, chunk, out)` over chunks of `items` on the rayon pool
/// and concatenates what it pushes, checking `cancel` once per chunk; `None`
/// if cancelled.
fn collect_chunks<T: Sync>(
    items: &[T],
    cancel: &AtomicBool,
    scan: impl Fn(usize, &[T], &mut Vec<Hit>) + Sync,
) -> Option<Vec<Hit>> {
    const CHUNK: usize = 2048;
    let parts: Vec<Vec<Hit>> = (0..items.len().div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let at = c * CHUNK;
            let mut out = Vec::new();
            if !cancel.load(Ordering::Relaxed) {
                scan(at, &items[at..items.len().min(at + CHUNK)], &mut out);
            }
            out
        })
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(parts.concat())
}

/// Per-thread buffers of a scan.
#[derive(Default)]
struct Scratch {
    /// A projected text (see [`project`]).
    text: String,
    /// A text and a word as chars, for the bound of non-ASCII text.
    chars: Vec<char>,
    word: Vec<char>,
    rows: skim_bound::Scratch,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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

/// The part of `folded` that can hold a match of `word`: from the char
/// before the first occurrence of its first char to the last occurrence of
/// its last char. Skim gives the same score on it as on the whole text:
/// nothing before can match, the char before keeps the first letter's bonus,
/// and no match can end after.
fn window<'t>(folded: &'t str, word: &str) -> Option<&'t str> {
    let first = word.chars().next()?;
    let last = word.chars().next_back()?;
    let s = folded.find(first)?;
    let from = folded[..s].char_indices().next_back().map_or(0, |(i, _)| i);
    let e = folded.rfind(last)? + last.len_utf8();
    (e > s).then(|| &folded[from..e])
}

/// Whether the chars of `word` occur in `text` in order.
fn is_subsequence(word: &str, text: &str) -> bool {
    if word.is_ascii() {
        // An ASCII byte of UTF-8 text is a whole char.
        let mut rest = text.as_bytes();
        for &b in word.as_bytes() {
            match memchr::memchr(b, rest) {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
        return true;
    }
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
    /// One per word.
    shortcuts: Vec<Option<skim_bound::Shortcut>>,
    mask: u64,
    accented: bool,
}

impl<'q> Prepared<'q> {
    fn new(q: &'q Query) -> Self {
        Prepared {
            words: &q.words,
            shortcuts: q
                .words
                .iter()
                .map(|w| match w.accented {
                    None => skim_bound::Shortcut::new(&w.folded),
                    Some(_) => None,
                })
                .collect(),
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
    filters: Vec<Filter>,
    texts: String,
    folded: String,
    ids: String,
    ranges: [Range<u32>; 4],
}

impl Builder {
    /// Adds an item shown as `text`, of which the first `matched` bytes are
    /// searched.
    fn push(
        &mut self,
        kind: Kind,
        target: Target,
        date: Option<PartialDate>,
        (text, matched): (&str, usize),
        id: &str,
    ) {
        let slot = kind_slot(kind);
        let n = self.entries.len() as u32;
        if self.ranges[slot].is_empty() {
            self.ranges[slot] = n..n;
        }
        self.ranges[slot].end = n + 1;
        let t = self.texts.len();
        self.texts.push_str(text);
        let text = &text[..matched];
        let f = self.folded.len();
        fold::fold_into(text, &mut self.folded);
        let folded = &self.folded[f..];
        let n_letters = folded.chars().count() as u32;
        let accents = !text.is_ascii() && letters(text).any(|l| l.has_accent());
        self.filters.push(Filter {
            mask: mask_of(folded),
            accents,
        });
        let d = self.ids.len();
        self.ids.push_str(id);
        self.entries.push(Entry {
            kind,
            target,
            date,
            text: t..self.texts.len(),
            matched: t..t + matched,
            folded: f..self.folded.len(),
            id: d..self.ids.len(),
            letters: n_letters,
        });
    }

    fn finish(self) -> Index {
        let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let e = &self.entries[i as usize];
            (e.letters, e.date.is_none(), e.date, i)
        });
        let mut tie_rank = vec![0; order.len()];
        for (rank, &i) in order.iter().enumerate() {
            tie_rank[i as usize] = rank as u32;
        }
        Index {
            entries: self.entries,
            filters: self.filters,
            tie_rank,
            texts: self.texts,
            folded: self.folded,
            ids: self.ids,
            ranges: self.ranges,
            matcher: matcher(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Event, Quote};

    fn article(id: &str, title: &str, published: &str, quotes: &[(&str, &str)]) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            source: Some("AFP".into()),
            author: None,
            published: Some(PartialDate::parse(published).unwrap()),
            language: None,
            url: None,
            tags: vec![],
            events: vec![],
            quotes: quotes
                .iter()
                .map(|(id, text)| Quote {
                    id: (*id).into(),
                    text: (*text).into(),
                    speaker: Some("Jean".into()),
                    events: vec![],
                    span: None,
                })
                .collect(),
            provenance: vec![],
            body: "Premier paragraphe,\nsur deux lignes.\n\n  Second : déjà vu.\n".into(),
            path: "a.md".into(),
        }
    }

    fn corpus() -> Corpus {
        let mut c = Corpus {
            events: vec![Event {
                id: "ev".into(),
                date: PartialDate::parse("2021-01-06").unwrap(),
                title: "Un événement au Capitole".into(),
                summary: None,
                actors: vec![],
                tags: vec![],
                sources: vec![],
                provenance: vec![],
                accounts: vec![],
            }],
            articles: vec![
                article(
                    "a1",
                    "Titre un",
                    "2021-01-11",
                    &[
                        ("q1", "C’est déjà l’entreprise"),
                        ("q2", "Un évènement « majeur »"),
                        ("q3", "cafe\u{301} de\u{301}ja\u{300}"),
                    ],
                ),
                article("a2", "Titre deux", "2021-03-01", &[("q1", "pomme")]),
                article("a3", "Titre trois", "2021-02-01", &[("q1", "pomme")]),
            ],
            ..Corpus::default()
        };
        c.link();
        c
    }

    fn search(index: &Index, input: &str) -> Vec<String> {
        let q = Query::parse(input, Scope::All);
        index
            .search(&q, None, usize::MAX, &AtomicBool::new(false))
            .unwrap()
            .iter()
            .map(|h| index.item(h.item).id.to_string())
            .collect()
    }

    fn highlighted(index: &Index, input: &str, id: &str) -> Vec<String> {
        let q = Query::parse(input, Scope::All);
        let hits = index
            .search(&q, None, usize::MAX, &AtomicBool::new(false))
            .unwrap();
        let hit = hits
            .iter()
            .find(|h| index.item(h.item).id == id)
            .expect("the item matches");
        let text = index.item(hit.item).text;
        index
            .highlight(&q, hit)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn display_texts_and_ids() {
        let index = Index::build(&corpus());
        assert_eq!(index.count(Kind::Quote), 5);
        assert_eq!(index.count(Kind::Paragraph), 6);
        let texts: Vec<(&str, &str)> = (0..index.len() as u32)
            .map(|i| (index.item(i).id, index.item(i).text))
            .filter(|(id, _)| ["ev", "a1", "a1#q1", "a1:p2"].contains(id))
            .collect();
        assert_eq!(
            texts,
            [
                ("ev", "6 janvier 2021 — Un événement au Capitole"),
                ("a1", "Titre un — AFP, 11 janvier 2021"),
                (
                    "a1#q1",
                    "Jean — C’est déjà l’entreprise — Titre un, 11 janv. 2021"
                ),
                ("a1:p2", "Second : déjà vu."),
            ]
        );
    }

    #[test]
    fn unaccented_query_matches_accented_text() {
        let index = Index::build(&corpus());
        let hits = search(&index, "q:deja");
        assert_eq!(hits.len(), 2);
        assert!(hits.contains(&"a1#q1".to_string()));
        assert!(hits.contains(&"a1#q3".to_string()), "NFD text matches");
        assert!(search(&index, "e:evenement").contains(&"ev".to_string()));
        assert!(search(&index, "q:EVENEMENT").contains(&"a1#q2".to_string()));
    }

    #[test]
    fn accented_query_letters_match_only_themselves() {
        let index = Index::build(&corpus());
        assert_eq!(search(&index, "événement"), ["ev"], "not évènement");
        assert_eq!(search(&index, "q:évènement"), ["a1#q2"]);
        let deja = search(&index, "q:déjà");
        assert!(deja.contains(&"a1#q3".to_string()), "NFD text: {deja:?}");
        assert!(search(&index, "q:pommé").is_empty());
    }

    #[test]
    fn apostrophes_and_quotes_match_ascii() {
        let index = Index::build(&corpus());
        assert_eq!(search(&index, "q:l'entreprise"), ["a1#q1"]);
        assert_eq!(search(&index, "q:c'est"), ["a1#q1"]);
        assert_eq!(search(&index, "q:\"majeur\""), ["a1#q2"]);
    }

    #[test]
    fn highlights_cover_the_original_characters() {
        let index = Index::build(&corpus());
        assert_eq!(highlighted(&index, "q:deja", "a1#q1"), ["déjà"]);
        assert_eq!(
            highlighted(&index, "q:deja", "a1#q3"),
            ["de\u{301}ja\u{300}"],
            "NFD letters are highlighted whole"
        );
        assert_eq!(highlighted(&index, "q:l'entr", "a1#q1"), ["l’entr"]);
        assert_eq!(
            highlighted(&index, "q:majeur un", "a1#q2"),
            ["Un", "majeur"],
            "each word is highlighted"
        );
    }

    #[test]
    fn every_word_must_match_in_any_order() {
        let index = Index::build(&corpus());
        assert_eq!(search(&index, "q:entreprise deja"), ["a1#q1"]);
        assert_eq!(search(&index, "q:deja entreprise"), ["a1#q1"]);
        assert!(search(&index, "q:deja pomme").is_empty());
    }

    #[test]
    fn ties_go_to_shorter_text_then_earlier_date() {
        let index = Index::build(&corpus());
        // Same score and length: a3 (February) before a2 (March).
        assert_eq!(search(&index, "q:pomme"), ["a3#q1", "a2#q1"]);
        // Same score, a shorter text first.
        let titres = search(&index, "a:titre");
        assert_eq!(titres, ["a1", "a2", "a3"]);
        let q = Query::parse("titre", Scope::Articles);
        let hits = index
            .search(&q, None, usize::MAX, &AtomicBool::new(false))
            .unwrap();
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(hits[0].score, hits[1].score);
    }

    #[test]
    fn scopes_filter_kinds_and_narrowing_agrees() {
        let index = Index::build(&corpus());
        let never = AtomicBool::new(false);
        let all = Query::parse("deja", Scope::All);
        let hits = index.search(&all, None, usize::MAX, &never).unwrap();
        let kinds: Vec<Kind> = hits.iter().map(|h| index.item(h.item).kind).collect();
        assert!(kinds.contains(&Kind::Quote) && kinds.contains(&Kind::Paragraph));
        for narrower in ["deja vu", "dejav", "deja  "] {
            let narrower = Query::parse(narrower, Scope::All);
            assert!(narrower.narrows(&all));
            assert_eq!(
                index.search(&narrower, Some((&all, &hits)), usize::MAX, &never),
                index.search(&narrower, None, usize::MAX, &never)
            );
        }
        let p = Query::parse("p:deja", Scope::All);
        let ids: Vec<&str> = index
            .search(&p, None, usize::MAX, &never)
            .unwrap()
            .iter()
            .map(|h| index.item(h.item).id)
            .collect();
        assert_eq!(ids, ["a1:p2", "a3:p2", "a2:p2"], "by date");
    }

    #[test]
    fn cancelled_searches_return_nothing() {
        let index = Index::build(&corpus());
        let q = Query::parse("deja", Scope::All);
        assert_eq!(
            index.search(&q, None, usize::MAX, &AtomicBool::new(true)),
            None
        );
    }

    #[test]
    fn the_window_keeps_skim_scores() {
        let texts = [
            "jean — c'est deja l'entreprise",
            "deja",
            "x deja vu, deja",
            "un evenement, des evenements majeurs",
            "abc-def ghi_jkl mnoDEF",
            "éa ea",
        ];
        for text in texts {
            for word in ["deja", "ee", "e", "evt", "def", "a", "ja"] {
                let whole = matcher().fuzzy_match(text, word);
                let part = window(text, word).and_then(|w| matcher().fuzzy_match(w, word));
                assert_eq!(whole, part, "{word:?} in {text:?}");
            }
        }
    }

    /// A deterministic corpus of `n` quotes mixing accents (NFC and NFD),
    /// apostrophes, quotes and case.
    fn generated(n: usize) -> Corpus {
        const WORDS: &[&str] = &[
            "déjà",
            "de\u{301}ja\u{300}",
            "DÉJÀ",
            "événement",
            "évènement",
            "année",
            "l’entreprise",
            "l'entreprise",
            "« majeur »",
            "“clairement”",
            "crée",
            "idée",
            "été",
            "un",
            "le",
            "eveneme",
            "deja-vu",
            "Évènements",
            "naïve",
            "cœur",
            "aujourd’hui",
            "Capitole",
            "e",
            "ee",
            "eee",
            "vent",
            "mener",
        ];
        let mut rng = crate::generate::Rng::new(0x9E37_79B9_7F4A_7C15u64, 0);
        let mut next = move |m: usize| rng.below(m);
        let articles = (0..n / 10)
            .map(|a| {
                let quotes: Vec<(String, String)> = (0..10)
                    .map(|q| {
                        let len = 1 + next(12);
                        let words: Vec<&str> = (0..len).map(|_| WORDS[next(WORDS.len())]).collect();
                        (format!("q{q}"), words.join(" "))
                    })
                    .collect();
                let quotes: Vec<(&str, &str)> = quotes
                    .iter()
                    .map(|(i, t)| (i.as_str(), t.as_str()))
                    .collect();
                let date = format!("2021-{:02}-{:02}", 1 + a % 12, 1 + a % 28);
                article(&format!("g{a}"), "Titre", &date, &quotes)
            })
            .collect();
        let mut c = Corpus {
            articles,
            ..Corpus::default()
        };
        c.link();
        c
    }

    /// Every item scored with a fresh Skim matcher on its whole folded (or
    /// projected) text, sorted by the documented order.
    fn naive(index: &Index, q: &Query) -> Vec<(u32, i64)> {
        let mut hits: Vec<(u32, i64)> = index
            .scope_range(q.scope)
            .filter_map(|i| {
                let e = &index.entries[i as usize];
                let mut total = 0;
                for w in &q.words {
                    total += match &w.accented {
                        None => {
                            matcher().fuzzy_match(&index.folded[e.folded.clone()], &w.folded)?
                        }
                        Some(accented) => {
                            let mut buf = String::new();
                            project(&index.texts[e.matched.clone()], accented, &mut buf);
                            matcher().fuzzy_match(&buf, accented)?
                        }
                    };
                }
                Some((i, total))
            })
            .collect();
        hits.sort_by_key(|&(i, score)| {
            let e = &index.entries[i as usize];
            (
                std::cmp::Reverse(score),
                e.letters,
                e.date.is_none(),
                e.date,
                i,
            )
        });
        hits
    }

    #[test]
    fn optimised_search_equals_naive_skim_over_every_item() {
        let index = Index::build(&generated(3000));
        let never = AtomicBool::new(false);
        let queries = [
            "deja",
            "déjà",
            "DEJA evenem",
            "deja eveneme",
            "évènement",
            "événement deja",
            "l'entreprise",
            "l’entr",
            "\"majeur\"",
            "ee",
            "eee e",
            "eveneme",
            "annee idee",
            "cœur naive",
            "naïve",
            "eve vent",
            "q:deja",
            "p:deja vu",
            "zzz",
        ];
        let mut matched = 0;
        for input in queries {
            let q = Query::parse(input, Scope::All);
            let expected = naive(&index, &q);
            let got: Vec<(u32, i64)> = index
                .search(&q, None, usize::MAX, &never)
                .unwrap()
                .iter()
                .map(|h| (h.item, h.score))
                .collect();
            assert_eq!(got, expected, "{input:?}");
            matched += usize::from(!got.is_empty());
            // Ranking only the first few with Skim gives the same list: the
            // bounds are Skim's scores here.
            let few: Vec<(u32, i64)> = index
                .search(&q, None, 3, &never)
                .unwrap()
                .iter()
                .map(|h| (h.item, h.score))
                .collect();
            assert_eq!(few, expected, "{input:?}, 3 ranked");
            // Narrowing from each shorter prefix gives the same list.
            for cut in 1..input.len() {
                let Some(prefix) = input.get(..cut) else {
                    continue;
                };
                let before = Query::parse(prefix, Scope::All);
                if !q.narrows(&before) {
                    continue;
                }
                let old = index.search(&before, None, usize::MAX, &never).unwrap();
                let narrowed: Vec<(u32, i64)> = index
                    .search(&q, Some((&before, &old)), usize::MAX, &never)
                    .unwrap()
                    .iter()
                    .map(|h| (h.item, h.score))
                    .collect();
                assert_eq!(narrowed, expected, "{prefix:?} → {input:?}");
            }
        }
        assert!(matched >= 15, "the queries find things");
    }

    #[test]
    fn reused_matcher_is_used_only_where_it_scores_as_a_fresh_one() {
        let reused = matcher();
        let alphabets: [&[u8]; 3] = [b"ee ea-b", b"abab a", b"ab c-de'f"];
        let mut rng = crate::generate::Rng::new(0x2545_F491_4F6C_DD1Du64, 0);
        let mut next = move |m: usize| rng.below(m);
        let (mut safe, mut differ) = (0, 0);
        for round in 0..200_000 {
            let alphabet = alphabets[round % alphabets.len()];
            let mut text = |len: usize| -> String {
                (0..len)
                    .map(|_| alphabet[next(alphabet.len())] as char)
                    .collect()
            };
            let (dirt, choice, word) = (
                text(1 + round % 50),
                text(1 + round % 29),
                text(1 + round % 6),
            );
            let word = word.replace(' ', "");
            if word.is_empty() {
                continue;
            }
            reused.fuzzy_match(&dirt, &word[..1]);
            let fresh = matcher().fuzzy_match(&choice, &word);
            if reads_no_stale_cell(&choice, &word) {
                safe += 1;
                assert_eq!(
                    reused.fuzzy_match(&choice, &word),
                    fresh,
                    "{word:?} in {choice:?}"
                );
            } else {
                differ += usize::from(reused.fuzzy_match(&choice, &word) != fresh);
            }
        }
        assert!(
            safe > 50_000 && differ > 0,
            "{safe} checked, {differ} differ"
        );
    }

    #[test]
    fn ranking_by_bounds_finds_the_best_exact_scores() {
        // Bounds above the scores, by varying amounts: the first `ranked`
        // hits must still be the best by exact score.
        let exact = |i: u32| i64::from((i * 37) % 101);
        let tie_rank: Vec<u32> = (0..1000).rev().collect();
        for ranked in [0, 1, 5, 64, 200, 999, 2000] {
            let mut hits: Vec<Hit> = (0..1000u32)
                .map(|i| {
                    let bound = exact(i) + i64::from((i * 13) % 7) * 10;
                    Hit {
                        item: i,
                        score: bound,
                        bound,
                        head: 0,
                    }
                })
                .collect();
            rank_by(&mut hits, &tie_rank, ranked, exact);
            let mut expected: Vec<u32> = (0..1000).collect();
            expected.sort_by_key(|&i| (std::cmp::Reverse(exact(i)), tie_rank[i as usize]));
            let top = ranked.min(1000);
            let got: Vec<u32> = hits[..top].iter().map(|h| h.item).collect();
            assert_eq!(got, expected[..top], "{ranked} ranked");
            assert!(hits[..top].iter().all(|h| h.score == exact(h.item)));
            assert!(hits.iter().all(|h| h.score >= exact(h.item)));
            let mut items: Vec<u32> = hits.iter().map(|h| h.item).collect();
            items.sort_unstable();
            assert_eq!(items, (0..1000).collect::<Vec<_>>(), "every hit kept");
        }
    }

    #[test]
    fn paragraphs_are_trimmed_spans() {
        let body = "\n  Un\ndeux  \n\n\n trois\n";
        let spans: Vec<&str> = paragraphs(body).map(|r| &body[r]).collect();
        assert_eq!(spans, ["Un\ndeux", "trois"]);
    }
}
