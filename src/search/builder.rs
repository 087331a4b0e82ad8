//! Filling an index item by item: a built index's items all go to one new
//! segment; an update's kept items stay where they are in the old index's
//! segments and only the items it builds go to a new one.

use super::buffers::{Numbers, Strings, Text};
use super::entry::Unpacked;
use super::fold;
use super::index::{kind_slot, Entry, Index, Segment, Words};
use super::words::{letter_mask, words};
use super::{HitTarget, Kind};
use crate::corpus::{ArticleIx, PartialDate};
use rayon::slice::ParallelSliceMut;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// One item to add: its display text, of which `fields` (byte ranges) are
/// matched.
pub(in crate::search) struct Item<'a> {
    pub kind: Kind,
    pub target: HitTarget,
    pub date: Option<PartialDate>,
    pub article: Option<ArticleIx>,
    pub text: &'a str,
    pub fields: [Range<usize>; 2],
    /// Where `text` starts in its article's body, for a paragraph: its text
    /// is not copied into the index, which shows it from the body (see
    /// [`Index::with_bodies`]).
    pub in_body: Option<usize>,
    pub tags: &'a [crate::corpus::Id],
    pub id: &'a str,
    pub disputed: bool,
}

/// Fills an index item by item. Its words' ids: a word seen first is
/// given the next.
#[derive(Default)]
pub(in crate::search) struct Builder<'a> {
    entries: Vec<Entry>,
    /// The index being updated, whose segments and words are kept.
    kept: Option<&'a Index>,
    /// The number of the segment the new items go to.
    segment: u32,
    texts: String,
    folded: String,
    ids: String,
    word_ids: Vec<u32>,
    tags: String,
    tag_ends: Vec<u32>,
    /// The tags of the item pushed last, and where they are: the items of
    /// an article all have its tags, held once.
    last_tags: (Vec<crate::corpus::Id>, Range<u32>),
    /// The words first met here, one after the other, and where each ends.
    new_words: String,
    new_word_ends: Vec<u32>,
    /// Every word's id; borrowed for the words of the index being updated.
    word_index: HashMap<Cow<'a, str>, u32>,
    /// How many words there are in all.
    words_count: u32,
    /// For each item, its number in the index being updated (`NOT_KEPT`
    /// for an item built here).
    kept_from: Vec<u32>,
    ranges: [Range<u32>; 4],
}

impl<'a> Builder<'a> {
    /// An empty index that keeps `old`'s segments and vocabulary, so that
    /// the items taken from `old` (see [`Builder::push_kept`]) keep their
    /// texts and their words' ids, nothing copied.
    pub fn continuing(old: &'a Index) -> Builder<'a> {
        let mut word_index = HashMap::with_capacity(old.vocabulary_len());
        for part in &old.vocabulary {
            for w in part.words.range(0..part.words.len() as u32) {
                word_index.insert(Cow::Borrowed(w), word_index.len() as u32);
            }
        }
        Builder {
            entries: Vec::with_capacity(old.len()),
            kept: Some(old),
            segment: old.segments.len() as u32,
            words_count: word_index.len() as u32,
            word_index,
            ..Builder::default()
        }
    }

    /// Counts one more item of `kind` (they come kind by kind).
    fn slot(&mut self, kind: Kind) {
        let slot = kind_slot(kind);
        let n = self.entries.len() as u32;
        if self.ranges[slot].is_empty() {
            self.ranges[slot] = n..n;
        }
        self.ranges[slot].end = n + 1;
    }

    pub fn push(&mut self, item: Item) {
        self.slot(item.kind);
        self.kept_from.push(NOT_KEPT);
        let t = match item.in_body {
            Some(start) => start,
            None => {
                self.texts.push_str(item.text);
                self.texts.len() - item.text.len()
            }
        };
        let mut folded = [0..0, 0..0];
        let mut letters_count = 0;
        let words_start = self.word_ids.len() as u32;
        let mut speaker_words = 0;
        for (f, field) in item.fields.iter().enumerate() {
            let start = self.folded.len();
            fold::fold_into(&item.text[field.clone()], &mut self.folded);
            folded[f] = start..self.folded.len();
            let text = &self.folded[start..];
            letters_count += text.chars().count() as u32;
            let mut ids: Vec<u32> = words(text)
                .map(|w| match self.word_index.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = self.words_count;
                        self.words_count += 1;
                        self.new_words.push_str(w);
                        self.new_word_ends.push(self.new_words.len() as u32);
                        self.word_index.insert(Cow::Owned(w.into()), id);
                        id
                    }
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            if f == 0 {
                speaker_words = ids.len() as u32;
            }
            self.word_ids.extend(ids);
        }
        if self.last_tags.0 != item.tags {
            let start = self.tag_ends.len() as u32;
            for tag in item.tags {
                fold::fold_into(tag, &mut self.tags);
                self.tag_ends.push(self.tags.len() as u32);
            }
            self.last_tags = (item.tags.to_vec(), start..self.tag_ends.len() as u32);
        }
        let d = self.ids.len();
        self.ids.push_str(item.id);
        self.entries.push(Entry::pack(&Unpacked {
            kind: item.kind,
            segment: self.segment,
            target: item.target,
            date: item.date,
            article: item.article.map(|a| a.get() as u32),
            text: t..t + item.text.len(),
            fields: item.fields.map(|r| t + r.start..t + r.end),
            folded,
            words: words_start..self.word_ids.len() as u32,
            speaker_words,
            tags: self.last_tags.1.clone(),
            id: d..self.ids.len(),
            letters: letters_count,
            disputed: item.disputed,
        }));
    }

    /// Item `i` of the index being updated as it is, in its segment, but
    /// at `target` and of `article` in the new corpus.
    pub fn push_kept(&mut self, i: u32, target: HitTarget, article: Option<ArticleIx>) {
        let old = self.kept.expect("push_kept continues an index");
        let e = *old.entry(i);
        self.slot(e.kind());
        self.kept_from.push(i);
        self.entries
            .push(e.at(&target, article.map(|a| a.get() as u32)));
    }

    /// How many items were pushed.
    pub fn len(&self) -> u32 {
        self.entries.len() as u32
    }

    /// The index whose rows are those of the index being updated, each of
    /// `spliced`'s old ranges replaced by the items pushed in its range of
    /// them (the old ranges in order, not overlapping; the pushed items
    /// in the same order). The kept rows are copied as they are.
    pub fn finish_splicing(mut self, spliced: &[(Range<u32>, Range<u32>)]) -> Index {
        let old = self.kept.expect("splicing continues an index");
        let built = std::mem::take(&mut self.entries);
        let old_entries = old.entries();
        let mut entries = Vec::with_capacity(old_entries.len() + built.len());
        let mut kept_from = Vec::with_capacity(entries.capacity());
        let mut at = 0;
        for (was, made) in spliced {
            entries.extend_from_slice(&old_entries[at as usize..was.start as usize]);
            kept_from.extend(at..was.start);
            entries.extend_from_slice(&built[made.start as usize..made.end as usize]);
            kept_from.extend(std::iter::repeat_n(NOT_KEPT, made.len()));
            at = was.end;
        }
        entries.extend_from_slice(&old_entries[at as usize..]);
        kept_from.extend(at..old_entries.len() as u32);
        self.ranges = Default::default();
        for (n, e) in (0u32..).zip(&entries) {
            let slot = &mut self.ranges[kind_slot(e.kind())];
            if slot.start == slot.end {
                *slot = n..n;
            }
            slot.end = n + 1;
        }
        self.entries = entries;
        self.kept_from = kept_from;
        self.finish()
    }

    pub fn finish(self) -> Index {
        let mut segments = self.kept.map_or(Vec::new(), |old| old.segments.clone());
        segments.push(Segment {
            texts: Text::from(self.texts),
            folded: Text::from(self.folded),
            ids: Text::from(self.ids),
            word_ids: Numbers::from_vec(self.word_ids),
            tags: Strings::from_parts(self.tags, self.tag_ends),
        });
        let mut vocabulary = self.kept.map_or(Vec::new(), |old| old.vocabulary.clone());
        if !self.new_word_ends.is_empty() || vocabulary.is_empty() {
            let words = Strings::from_parts(self.new_words, self.new_word_ends);
            let masks = words
                .range(0..words.len() as u32)
                .map(letter_mask)
                .collect();
            vocabulary.push(Words {
                words,
                masks: Numbers::from_vec(masks),
            });
        }
        let mut entries = self.entries;
        let segments = without_unused(segments, &mut entries);
        Index {
            tie_rank: Numbers::from_vec(match self.kept {
                Some(old) => tie_rank_after(&entries, old, &self.kept_from),
                None => tie_rank(&entries),
            }),
            entries: Numbers::from_vec(entries),
            segments,
            vocabulary,
            ranges: self.ranges,
            bodies: Vec::new(),
            article_files: Strings::default(),
        }
    }
}

/// The segments some entry uses, the entries' numbers following: an edited
/// article's old texts go once no item holds them.
fn without_unused(segments: Vec<Segment>, entries: &mut [Entry]) -> Vec<Segment> {
    let mut used = vec![false; segments.len()];
    for e in entries.iter() {
        used[e.segment as usize] = true;
    }
    if used.iter().all(|&u| u) {
        return segments;
    }
    let mut renumbered = vec![0; segments.len()];
    let mut kept = Vec::new();
    for (n, segment) in segments.into_iter().enumerate() {
        if used[n] {
            renumbered[n] = kept.len() as u32;
            kept.push(segment);
        }
    }
    for e in entries.iter_mut() {
        e.segment = renumbered[e.segment as usize];
    }
    kept
}

/// What `kept_from` holds for an item built anew.
const NOT_KEPT: u32 = u32::MAX;

/// An entry's key in the tie order: shorter text, then earlier date
/// (undated last), then index.
fn tie_key(e: &Entry, i: u32) -> (u32, bool, Option<PartialDate>, u32) {
    (e.letters, !e.has_date(), e.date(), i)
}

/// [`tie_rank`] of an updated index's entries, from the old index's order:
/// the kept items are in it as they were among themselves (same texts and
/// dates, and the same order of numbers: checked), so only the items built
/// anew are sorted, then merged with them. Sorting a quarter of a million
/// items was a third of an update.
fn tie_rank_after(entries: &[Entry], old: &Index, kept_from: &[u32]) -> Vec<u32> {
    let kept = kept_from.iter().filter(|&&o| o != NOT_KEPT);
    let in_order = kept.clone().zip(kept.skip(1)).all(|(a, b)| a < b);
    if !in_order {
        return tie_rank(entries);
    }
    let old_rank = old.tie_rank.as_slice();
    let mut by_old_rank = vec![NOT_KEPT; old_rank.len()];
    let mut built = Vec::new();
    for (i, &o) in (0u32..).zip(kept_from) {
        match o {
            NOT_KEPT => built.push(tie_key(&entries[i as usize], i)),
            o => by_old_rank[old_rank[o as usize] as usize] = i,
        }
    }
    built.sort_unstable();
    let mut kept = (by_old_rank.into_iter().filter(|&i| i != NOT_KEPT))
        .map(|i| tie_key(&entries[i as usize], i))
        .peekable();
    let mut built = built.into_iter().peekable();
    let mut tie_rank = vec![0; entries.len()];
    let mut rank = 0;
    loop {
        let next = match (kept.peek(), built.peek()) {
            (Some(k), Some(b)) if b < k => built.next(),
            (Some(_), _) => kept.next(),
            (None, _) => built.next(),
        };
        let Some((.., i)) = next else { break };
        tie_rank[i as usize] = rank;
        rank += 1;
    }
    tie_rank
}

/// Each entry's place in the tie order. The keys side by side (not read
/// through the entries), sorted on every core: a quarter of a million
/// items after each reload.
fn tie_rank(entries: &[Entry]) -> Vec<u32> {
    let mut order: Vec<_> = (entries.iter().zip(0u32..))
        .map(|(e, i)| tie_key(e, i))
        .collect();
    order.par_sort_unstable();
    let mut tie_rank = vec![0; order.len()];
    for (rank, &(.., i)) in order.iter().enumerate() {
        tie_rank[i as usize] = rank as u32;
    }
    tie_rank
}
