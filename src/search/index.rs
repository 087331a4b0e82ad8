//! The search index: every searchable item, its display text, its folded
//! fields and their words, built once. The search itself is in the scan
//! module.

use super::fold::{self, letters};
use super::words::{letter_mask, words};
use super::{HitTarget, Kind, Scope};
use crate::corpus::{Article, ArticleIx, Corpus, DateLang, Event, EventIx, PartialDate, QuoteRef};
use rayon::slice::ParallelSliceMut;
use std::borrow::Cow;
use std::collections::HashMap;
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
    pub target: &'a HitTarget,
    /// What is shown and highlighted.
    pub text: &'a str,
    /// `article#quote` for a quote, `article:pN` for a paragraph, else the id.
    pub id: &'a str,
    pub date: Option<PartialDate>,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Entry {
    pub kind: Kind,
    pub target: HitTarget,
    pub date: Option<PartialDate>,
    /// The article the item belongs to (not for events).
    pub article: Option<u32>,
    pub text: Range<usize>,
    /// The matched fields, as byte ranges of `texts`: a quote's speaker
    /// (empty for other items) and its words, or the whole text of others.
    pub fields: [Range<usize>; 2],
    /// The same fields folded, as byte ranges of `folded`.
    pub folded: [Range<usize>; 2],
    /// Ids of the distinct words of the fields in `word_ids`, the speaker's
    /// first (`speaker_words` of them).
    pub words: Range<u32>,
    pub speaker_words: u32,
    /// Folded tags in `tags`.
    pub tags: Range<u32>,
    pub id: Range<usize>,
    /// Letters in the matched text (the tie-breaker "shorter text").
    pub letters: u32,
    /// An event whose sources disagree (`is:disputed`).
    pub disputed: bool,
}

/// The on-disk cache keeps it (building it is most of a `chronique
/// search`), in the flat encoding of the index_bytes module; serde is kept
/// for the benchmark that measures bincode against it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Index {
    pub(super) entries: Vec<Entry>,
    /// Each entry's place in the tie order: shorter text, then earlier date
    /// (undated last), then index.
    pub(super) tie_rank: Vec<u32>,
    /// Display texts, one after the other.
    pub(super) texts: String,
    /// Folded fields, one after the other.
    pub(super) folded: String,
    /// Every distinct folded word of the corpus, and its letter mask.
    pub(super) vocabulary: Vec<Box<str>>,
    pub(super) vocabulary_masks: Vec<u64>,
    pub(super) word_ids: Vec<u32>,
    pub(super) tags: Vec<String>,
    pub(super) ids: String,
    /// Entries of each kind are contiguous: `kind_slot` → range.
    pub(super) ranges: [Range<u32>; 4],
}

fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Event => 0,
        Kind::Article => 1,
        Kind::Quote => 2,
        Kind::Paragraph => 3,
    }
}

/// One item to add: its display text, of which `fields` (byte ranges) are
/// matched.
pub(super) struct Item<'a> {
    kind: Kind,
    target: HitTarget,
    date: Option<PartialDate>,
    article: Option<ArticleIx>,
    text: &'a str,
    fields: [Range<usize>; 2],
    tags: &'a [String],
    id: &'a str,
    disputed: bool,
}

impl Index {
    /// Folds every text of `corpus`. Takes a while on a large corpus: run it
    /// off the UI thread.
    pub fn build(corpus: &Corpus) -> Index {
        let mut builder = Builder::default();
        let lang = corpus.date_lang();
        for (e, event) in corpus.indexed_events() {
            push_event(&mut builder, lang, e, event);
        }
        for (a, article) in corpus.indexed_articles() {
            push_article(&mut builder, lang, a, article);
        }
        for (a, article) in corpus.indexed_articles() {
            push_quotes(&mut builder, lang, a, article);
        }
        for (a, article) in corpus.indexed_articles() {
            push_paragraphs(&mut builder, a, article);
        }
        builder.finish()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many distinct words the texts have.
    pub fn vocabulary_len(&self) -> usize {
        self.vocabulary.len()
    }

    /// How many items of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.ranges[kind_slot(kind)].len()
    }

    /// The part of item `i`'s text that is searched (a quote's speaker and
    /// words; the whole text of other items).
    pub fn matched_text(&self, i: u32) -> &str {
        let e = &self.entries[i as usize];
        let start = if e.fields[0].is_empty() {
            e.fields[1].start
        } else {
            e.fields[0].start
        };
        &self.texts[start..e.fields[1].end]
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

    pub(super) fn id(&self, e: &Entry) -> &str {
        &self.ids[e.id.clone()]
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
}

/// The item of event `e`. (An index holds every event's, then every
/// article's, then the quotes' and the paragraphs' of each article in turn:
/// [`Index::build`] and the update of an index push them in that order.)
pub(super) fn push_event(builder: &mut Builder, lang: DateLang, e: EventIx, event: &Event) {
    let text = format!("{} — {}", event.date.long(lang), event.title);
    builder.push(Item {
        kind: Kind::Event,
        target: HitTarget::Event(e),
        date: Some(event.date),
        article: None,
        fields: [0..0, 0..text.len()],
        text: &text,
        tags: &event.tags,
        id: &event.id,
        disputed: event.disputed(),
    });
}

/// The item of article `a` itself.
pub(super) fn push_article(builder: &mut Builder, lang: DateLang, a: ArticleIx, article: &Article) {
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
    builder.push(Item {
        kind: Kind::Article,
        target: HitTarget::Article(a),
        date: article.published,
        article: Some(a),
        fields: [0..0, 0..text.len()],
        text: &text,
        tags: &article.tags,
        id: &article.id,
        disputed: false,
    });
}

/// The items of the quotes of article `a`.
pub(super) fn push_quotes(builder: &mut Builder, lang: DateLang, a: ArticleIx, article: &Article) {
    let date = article.published.map(|d| d.short_with_year(lang));
    for (q, quote) in article.indexed_quotes() {
        let mut text = String::new();
        let mut speaker = 0..0;
        if let Some(name) = &quote.speaker {
            text.push_str(name);
            speaker.end = text.len();
            text.push_str(" — ");
        }
        let words = text.len()..text.len() + quote.text.len();
        text.push_str(&quote.text);
        // The article is shown, not matched.
        text.push_str(" — ");
        text.push_str(&article.title);
        if let Some(d) = &date {
            text.push_str(", ");
            text.push_str(d);
        }
        let id = format!("{}#{}", article.id, quote.id);
        builder.push(Item {
            kind: Kind::Quote,
            target: HitTarget::Quote(QuoteRef {
                article: a,
                quote: q,
            }),
            date: article.published,
            article: Some(a),
            fields: [speaker, words],
            text: &text,
            tags: &article.tags,
            id: &id,
            disputed: false,
        });
    }
}

/// The items of the paragraphs of article `a`'s body.
pub(super) fn push_paragraphs(builder: &mut Builder, a: ArticleIx, article: &Article) {
    for (n, span) in paragraphs(&article.body).enumerate() {
        let id = format!("{}:p{}", article.id, n + 1);
        let text = &article.body[span.clone()];
        builder.push(Item {
            kind: Kind::Paragraph,
            target: HitTarget::Paragraph { article: a, span },
            date: article.published,
            article: Some(a),
            fields: [0..0, 0..text.len()],
            text,
            tags: &article.tags,
            id: &id,
            disputed: false,
        });
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

/// Fills an index item by item. Its words' ids: a word seen first is
/// given the next.
#[derive(Default)]
pub(super) struct Builder<'a> {
    entries: Vec<Entry>,
    texts: String,
    folded: String,
    vocabulary: Vec<Box<str>>,
    /// Borrowed: the words of an index being updated (see
    /// [`Builder::continuing`]).
    word_index: HashMap<Cow<'a, str>, u32>,
    word_ids: Vec<u32>,
    tags: Vec<String>,
    ids: String,
    ranges: [Range<u32>; 4],
}

impl<'a> Builder<'a> {
    /// An empty index whose vocabulary starts with `old`'s, so that the
    /// items taken from `old` (see [`Builder::push_kept`]) keep their words'
    /// ids. Room for as much text as `old` has.
    pub(super) fn continuing(old: &'a Index) -> Builder<'a> {
        Builder {
            entries: Vec::with_capacity(old.entries.len()),
            texts: String::with_capacity(old.texts.len()),
            folded: String::with_capacity(old.folded.len()),
            vocabulary: old.vocabulary.clone(),
            word_index: (old.vocabulary.iter().enumerate())
                .map(|(id, w)| (Cow::Borrowed(&**w), id as u32))
                .collect(),
            word_ids: Vec::with_capacity(old.word_ids.len()),
            tags: Vec::with_capacity(old.tags.len()),
            ids: String::with_capacity(old.ids.len()),
            ranges: Default::default(),
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

    fn push(&mut self, item: Item) {
        self.slot(item.kind);
        let t = self.texts.len();
        self.texts.push_str(item.text);
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
                        let id = self.vocabulary.len() as u32;
                        self.vocabulary.push(w.into());
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
        let tags_start = self.tags.len() as u32;
        self.tags.extend(item.tags.iter().map(|t| fold::fold(t)));
        let d = self.ids.len();
        self.ids.push_str(item.id);
        self.entries.push(Entry {
            kind: item.kind,
            target: item.target,
            date: item.date,
            article: item.article.map(|a| a.get() as u32),
            text: t..self.texts.len(),
            fields: item.fields.map(|r| t + r.start..t + r.end),
            folded,
            words: words_start..self.word_ids.len() as u32,
            speaker_words,
            tags: tags_start..self.tags.len() as u32,
            id: d..self.ids.len(),
            letters: letters_count,
            disputed: item.disputed,
        });
    }

    /// Item `i` of `old` (whose vocabulary this one starts with) as it is,
    /// but at `target` and of `article` in the new corpus.
    pub(super) fn push_kept(
        &mut self,
        old: &Index,
        i: u32,
        target: HitTarget,
        article: Option<ArticleIx>,
    ) {
        let e = &old.entries[i as usize];
        self.slot(e.kind);
        // Where the text starts here: the fields are ranges inside it.
        let text = self.texts.len();
        self.texts.push_str(&old.texts[e.text.clone()]);
        let moved = |r: &Range<usize>| r.start - e.text.start + text..r.end - e.text.start + text;
        let folded = e.folded.clone().map(|f| {
            let at = self.folded.len();
            self.folded.push_str(&old.folded[f]);
            at..self.folded.len()
        });
        let words_start = self.word_ids.len() as u32;
        self.word_ids
            .extend_from_slice(&old.word_ids[e.words.start as usize..e.words.end as usize]);
        let tags_start = self.tags.len() as u32;
        self.tags
            .extend_from_slice(&old.tags[e.tags.start as usize..e.tags.end as usize]);
        let id = self.ids.len();
        self.ids.push_str(&old.ids[e.id.clone()]);
        self.entries.push(Entry {
            kind: e.kind,
            target,
            date: e.date,
            article: article.map(|a| a.get() as u32),
            text: moved(&e.text),
            fields: e.fields.clone().map(|f| moved(&f)),
            folded,
            words: words_start..self.word_ids.len() as u32,
            speaker_words: e.speaker_words,
            tags: tags_start..self.tags.len() as u32,
            id: id..self.ids.len(),
            letters: e.letters,
            disputed: e.disputed,
        });
    }

    pub(super) fn finish(self) -> Index {
        // The keys side by side (not read through the entries), sorted on
        // every core: a quarter of a million items after each reload.
        let mut order: Vec<_> = (self.entries.iter().zip(0u32..))
            .map(|(e, i)| (e.letters, e.date.is_none(), e.date, i))
            .collect();
        order.par_sort_unstable();
        let mut tie_rank = vec![0; order.len()];
        for (rank, &(.., i)) in order.iter().enumerate() {
            tie_rank[i as usize] = rank as u32;
        }
        Index {
            entries: self.entries,
            tie_rank,
            texts: self.texts,
            folded: self.folded,
            vocabulary_masks: self.vocabulary.iter().map(|w| letter_mask(w)).collect(),
            vocabulary: self.vocabulary,
            word_ids: self.word_ids,
            tags: self.tags,
            ids: self.ids,
            ranges: self.ranges,
        }
    }
}

/// The letters of `text` (see [`fold::letters`]), for highlighting.
pub(super) fn letters_of(text: &str) -> Vec<fold::Letter> {
    letters(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_trimmed_spans() {
        let body = "\n  Un\ndeux  \n\n\n trois\n";
        let spans: Vec<&str> = paragraphs(body).map(|r| &body[r]).collect();
        assert_eq!(spans, ["Un\ndeux", "trois"]);
    }
}
