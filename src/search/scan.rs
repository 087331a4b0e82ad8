//! Matching a query against the index: each query word is first matched
//! against the corpus's vocabulary (every distinct word, once), then the
//! items are scanned in parallel, reading the values of their words.
//!
//! An item's score is the sum over the query's terms of the best value of
//! the term in the item (see [`super::words`]: 3000 for a whole word, 2000
//! a prefix, 1000 fuzzy inside a word, 0 a typo, plus Skim's score within
//! the word), plus [`ALL_AS_TYPED`] when every term occurs as typed. Ties go
//! to the shorter text, then the earlier date.

use super::index::{letters_of, Entry, Hit, Index};
use super::query::{Query, Term, TermKind};
use super::reader_tags::ReaderTags;
use super::words::{self, Pattern, AS_TYPED, TIER};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Added to the score of an item where every term occurs as typed, so that
/// it ranks above every item where one does not (the rest of a score is
/// capped below it).
pub const ALL_AS_TYPED: i64 = 1_000_000;

/// A term ready to be matched.
enum Compiled {
    /// Query words (a term like `l'entreprise` has two), each with its value
    /// for every word of the vocabulary; `speaker`: only the speaker's words.
    Words {
        values: Vec<Arc<Vec<u32>>>,
        speaker: bool,
    },
    /// Matched against the folded fields.
    Text(TermKind, String, Box<memchr::memmem::Finder<'static>>),
}

struct Plan<'q> {
    query: &'q Query,
    reader_tags: &'q ReaderTags,
    /// Per group, per term.
    groups: Vec<Vec<(Compiled, bool)>>,
}

/// The values of recent query words for every word of the vocabulary, kept
/// from one search to the next (typing `tuer e`, `tuer en`… reuses those of
/// `tuer`). They depend only on the query word and the index, which never
/// changes, so a kept table is the one a new pass would compute.
#[derive(Default)]
pub struct WordValues {
    tables: Vec<(String, Arc<Vec<u32>>)>,
}

impl WordValues {
    /// Tables kept at most (each holds a value per word of the vocabulary).
    const KEPT: usize = 16;

    /// The table kept under `key`, else `compute`d and kept. Keys: a query
    /// word, or `'` and a word for an exact one (no word holds a `'`).
    fn get(&mut self, key: &str, compute: impl FnOnce() -> Vec<u32>) -> Arc<Vec<u32>> {
        if let Some(at) = self.tables.iter().position(|(k, _)| k == key) {
            let kept = self.tables.remove(at);
            let table = Arc::clone(&kept.1);
            self.tables.push(kept);
            return table;
        }
        let table = Arc::new(compute());
        self.tables.push((key.to_string(), Arc::clone(&table)));
        if self.tables.len() > Self::KEPT {
            self.tables.remove(0);
        }
        table
    }
}

impl Index {
    /// The items the query matches, best first; `None` when `cancel` was
    /// set meanwhile. The same query always gives the same list.
    pub fn search(&self, q: &Query, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let no_tags = ReaderTags::default();
        self.search_with(q, &no_tags, &mut WordValues::default(), cancel)
    }

    /// [`Index::search`], with the reader's tags for `#tag`, reusing and
    /// keeping the values of query words in `kept`.
    pub fn search_with(
        &self,
        q: &Query,
        reader_tags: &ReaderTags,
        kept: &mut WordValues,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        if q.is_empty() {
            return Some(Vec::new());
        }
        let plan = Plan::new(self, q, reader_tags, kept, cancel)?;
        // Chunks of items on the rayon pool, `cancel` checked per chunk.
        const CHUNK: u32 = 2048;
        let range = self.scope_range(q.scope);
        let parts: Vec<Vec<Hit>> = (0..range.len().div_ceil(CHUNK as usize) as u32)
            .into_par_iter()
            .map(|c| {
                if cancel.load(Ordering::Relaxed) {
                    return Vec::new();
                }
                let start = range.start + c * CHUNK;
                (start..range.end.min(start + CHUNK))
                    .filter_map(|i| plan.score(self, i).map(|score| Hit { item: i, score }))
                    .collect()
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut hits = parts.concat();
        let tie = self.tie_rank.as_slice();
        hits.par_sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), tie[h.item as usize]));
        Some(hits)
    }

    /// The value of `pattern` for every word of the vocabulary.
    fn values(&self, pattern: &Pattern) -> Vec<u32> {
        let mut values = Vec::with_capacity(self.vocabulary_len());
        for part in &self.vocabulary {
            let masks = part.masks.as_slice();
            values.par_extend(
                (0..part.words.len())
                    .into_par_iter()
                    .with_min_len(1024)
                    .map(|i| pattern.value_with_mask(part.words.get(i), masks[i])),
            );
        }
        values
    }

    /// The value of the exact term `text` (letters and digits only) for
    /// every word of the vocabulary: that of [`TermKind::Exact`] where the
    /// word contains it.
    fn exact_values(&self, text: &str) -> Vec<u32> {
        let value = exact_value(text);
        let finder = memchr::memmem::Finder::new(text.as_bytes());
        let mut values = Vec::with_capacity(self.vocabulary_len());
        for part in &self.vocabulary {
            values.par_extend(
                (0..part.words.len())
                    .into_par_iter()
                    .with_min_len(1024)
                    .map(|i| match finder.find(part.words.get(i).as_bytes()) {
                        Some(_) => value,
                        None => 0,
                    }),
            );
        }
        values
    }

    /// Byte ranges of the display text of `hit` that the query matched,
    /// sorted and merged.
    pub fn highlight(&self, q: &Query, hit: &Hit) -> Vec<Range<usize>> {
        let e = self.entry(hit.item);
        let mut marked: Vec<Range<usize>> = Vec::new();
        for f in 0..2 {
            let field = e.field(f);
            let letters = letters_of(self.text(e, field.clone()));
            let folded: Vec<char> = letters.iter().map(|l| l.folded).collect();
            let mut chars = Vec::new();
            for term in q.positive_terms() {
                mark_term(term, f, &folded, &mut chars);
            }
            chars.sort_unstable();
            chars.dedup();
            let base = field.start - e.text().start;
            for i in chars {
                let Some(l) = letters.get(i) else { continue };
                let (start, end) = (base + l.start, base + l.start + l.len);
                match marked.last_mut() {
                    Some(last) if last.end == start => last.end = end,
                    _ => marked.push(start..end),
                }
            }
        }
        marked
    }
}

impl<'q> Plan<'q> {
    fn new(
        index: &Index,
        query: &'q Query,
        reader_tags: &'q ReaderTags,
        kept: &mut WordValues,
        cancel: &AtomicBool,
    ) -> Option<Plan<'q>> {
        let mut groups = Vec::new();
        for group in &query.groups {
            let mut terms = Vec::new();
            for term in &group.terms {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                terms.push((compile(index, term, kept), term.negated));
            }
            groups.push(terms);
        }
        Some(Plan {
            query,
            reader_tags,
            groups,
        })
    }

    /// The score of item `i`, if it matches.
    fn score(&self, index: &Index, i: u32) -> Option<i64> {
        let e = index.entry(i);
        let q = self.query;
        if q.article
            .is_some_and(|a| e.article() != Some(a.get() as u32))
        {
            return None;
        }
        if q.disputed && !e.disputed() {
            return None;
        }
        if let Some(range) = &q.dates {
            if !e.date().is_some_and(|d| range.admits(d)) {
                return None;
            }
        }
        if !q.tags.is_empty() {
            let reader = match self.reader_tags.is_empty() {
                true => &[][..],
                false => self.reader_tags.of(index.id(e)),
            };
            let tagged = |t: &String| {
                let mut all = index.tags(e).chain(reader.iter().map(String::as_str));
                all.any(|have| have.starts_with(t.as_str()))
            };
            if !q.tags.iter().all(tagged) {
                return None;
            }
        }
        let mut score = 0;
        let mut as_typed = true;
        for group in &self.groups {
            let best = group
                .iter()
                .map(
                    |(term, negated)| match (term_value(index, e, term), negated) {
                        (0, true) => AS_TYPED,
                        (_, true) => 0,
                        (v, false) => v,
                    },
                )
                .max()
                .unwrap_or(0);
            if best == 0 {
                return None;
            }
            as_typed &= best & AS_TYPED != 0;
            score += i64::from(best & !AS_TYPED);
        }
        Some(score.min(ALL_AS_TYPED - 1) + if as_typed { ALL_AS_TYPED } else { 0 })
    }
}

fn compile(index: &Index, term: &Term, kept: &mut WordValues) -> Compiled {
    match term.kind {
        TermKind::Word | TermKind::Speaker => {
            let pieces: Vec<Pattern> = words::words(&term.folded).map(Pattern::new).collect();
            if pieces.is_empty() {
                // Punctuation only: as typed.
                return text_term(TermKind::Exact, &term.folded);
            }
            Compiled::Words {
                values: pieces
                    .iter()
                    .map(|p| kept.get(&p.text, || index.values(p)))
                    .collect(),
                speaker: term.kind == TermKind::Speaker,
            }
        }
        // Letters and digits only: an occurrence is inside one word, so the
        // vocabulary tells where it occurs.
        TermKind::Exact if term.folded.chars().all(words::is_word_char) => {
            let key = format!("'{}", term.folded);
            Compiled::Words {
                values: vec![kept.get(&key, || index.exact_values(&term.folded))],
                speaker: false,
            }
        }
        kind => text_term(kind, &term.folded),
    }
}

/// The value of an exact term where it occurs: that of a whole word.
fn exact_value(text: &str) -> u32 {
    AS_TYPED | (3 * TIER + (16 * text.chars().count() as u32).min(TIER - 1))
}

fn text_term(kind: TermKind, folded: &str) -> Compiled {
    let finder = Box::new(memchr::memmem::Finder::new(folded.as_bytes()).into_owned());
    Compiled::Text(kind, folded.to_string(), finder)
}

/// The value of one term in entry `e`: 0 when it does not match.
fn term_value(index: &Index, e: &Entry, term: &Compiled) -> u32 {
    match term {
        Compiled::Words { values, speaker } => {
            let ids = index.word_ids(e);
            let ids = match speaker {
                true => &ids[..e.speaker_words as usize],
                false => ids,
            };
            let mut total = 0;
            let mut typed = AS_TYPED;
            for table in values {
                let best = ids.iter().map(|&w| table[w as usize]).max().unwrap_or(0);
                if best == 0 {
                    return 0;
                }
                typed &= best;
                total += best & !AS_TYPED;
            }
            typed | total
        }
        Compiled::Text(kind, text, finder) => {
            let found = (0..2).any(|f| {
                let field = index.field(e, f);
                match kind {
                    TermKind::Exact => finder.find(field.as_bytes()).is_some(),
                    _ => !field.is_empty() && text_matches(*kind, field, text),
                }
            });
            if found {
                exact_value(text)
            } else {
                0
            }
        }
    }
}

/// Whether the folded `field` matches an exact or anchored term. Anchors
/// ignore the spaces, quotation marks and punctuation around a field.
fn text_matches(kind: TermKind, field: &str, text: &str) -> bool {
    let trimmed = field.trim();
    let bare = field.trim_matches(|c: char| !words::is_word_char(c));
    match kind {
        TermKind::Prefix => trimmed.starts_with(text) || bare.starts_with(text),
        TermKind::Suffix => trimmed.ends_with(text) || bare.ends_with(text),
        TermKind::Equal => trimmed == text || bare == text,
        _ => field.contains(text),
    }
}

/// Pushes the indices of the letters of `folded` (field `f` of an item)
/// that `term` matched.
fn mark_term(term: &Term, f: usize, folded: &[char], out: &mut Vec<usize>) {
    let text: Vec<char> = term.folded.chars().collect();
    let starts_at = |at: usize| folded[at..].starts_with(&text);
    match term.kind {
        TermKind::Word | TermKind::Speaker => {
            if term.kind == TermKind::Speaker && f != 0 {
                return;
            }
            for piece in words::words(&term.folded) {
                mark_word(&Pattern::new(piece), folded, out);
            }
        }
        TermKind::Exact => {
            for at in 0..folded.len() {
                if starts_at(at) {
                    out.extend(at..at + text.len());
                }
            }
        }
        TermKind::Prefix | TermKind::Suffix | TermKind::Equal => {
            let field: String = folded.iter().collect();
            if !text_matches(term.kind, &field, &term.folded) {
                return;
            }
            let inner = |c: &char| words::is_word_char(*c) || text.contains(c);
            let first = folded.iter().position(inner).unwrap_or(0);
            let last = folded.iter().rposition(inner).map_or(0, |i| i + 1);
            match term.kind {
                TermKind::Prefix => out.extend(first..(first + text.len()).min(folded.len())),
                TermKind::Suffix => out.extend(last.saturating_sub(text.len())..last),
                _ => out.extend(first..last),
            }
        }
    }
}

/// Marks the letters of the words of `folded` where `pattern` has its best
/// value.
fn mark_word(pattern: &Pattern, folded: &[char], out: &mut Vec<usize>) {
    let mut spans = Vec::new();
    let mut at = 0;
    while at < folded.len() {
        if !words::is_word_char(folded[at]) {
            at += 1;
            continue;
        }
        let end = (at..folded.len())
            .find(|&i| !words::is_word_char(folded[i]))
            .unwrap_or(folded.len());
        let word: String = folded[at..end].iter().collect();
        spans.push((at, pattern.value(&word), word));
        at = end;
    }
    let Some(best) = spans.iter().map(|s| s.1).max().filter(|&v| v != 0) else {
        return;
    };
    let p = pattern.text.as_str();
    let fuzzy = (best & !AS_TYPED) >= TIER;
    for (start, _, word) in spans.iter().filter(|s| s.1 == best) {
        let n = p.chars().count();
        let found = if fuzzy {
            words::fuzzy_indices(word, p)
        } else {
            None
        };
        if let Some(byte) = word.find(p) {
            let from = start + word[..byte].chars().count();
            out.extend(from..from + n);
        } else if let Some(found) = found {
            out.extend(found.into_iter().map(|i| start + i));
        } else {
            // A typo: the whole word.
            out.extend(*start..start + word.chars().count());
        }
    }
}
