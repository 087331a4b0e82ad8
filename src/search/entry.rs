//! One item of the index as it is stored: a fixed-size record of numbers,
//! kept in shared bytes like the index's other number arrays, so the corpus
//! cache's copy is used in place instead of decoded (decoding 278,000
//! entries through serde was 72 ms of a warm start, and 55 MB).

use super::{HitTarget, Kind};
use crate::corpus::{ArticleIx, EventIx, PartialDate, QuoteIx, QuoteRef};
use chrono::{FixedOffset, TimeZone};
use std::ops::Range;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

/// The item's fields, as the builder gives them.
pub(super) struct Unpacked {
    pub kind: Kind,
    /// The segment (see the index module) holding its texts, words and tags: the
    /// ranges below are of that segment's buffers.
    pub segment: u32,
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

/// [`Unpacked`] as numbers, native order (the cache refuses a big-endian
/// machine). Byte offsets are 32-bit: a segment holds at most 4 GiB of
/// text (a corpus of 10,000 articles holds 70 MB).
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
pub(super) struct Entry {
    /// A date-time's instant (seconds since the epoch, UTC).
    time: i64,
    pub segment: u32,
    text: [u32; 2],
    fields: [[u32; 2]; 2],
    folded: [[u32; 2]; 2],
    words: [u32; 2],
    pub speaker_words: u32,
    tags: [u32; 2],
    id: [u32; 2],
    pub letters: u32,
    /// [`NO_ARTICLE`] when none.
    article: u32,
    /// What it is: [tag, then up to three numbers].
    target: [u32; 4],
    year: i32,
    time_nanos: u32,
    /// A date-time's offset from UTC, in seconds east.
    time_offset: i32,
    /// 0 when not known.
    month: u8,
    day: u8,
    /// [`HAS_DATE`], [`HAS_TIME`], [`DISPUTED`].
    flags: u8,
    kind: u8,
}

const NO_ARTICLE: u32 = u32::MAX;
const HAS_DATE: u8 = 1;
const HAS_TIME: u8 = 2;
const DISPUTED: u8 = 4;

/// The kinds by their number: an entry's `kind`, and its target's tag.
const KINDS: [Kind; 4] = [Kind::Quote, Kind::Event, Kind::Article, Kind::Paragraph];

/// An offset as stored: one past 4 GiB (see [`Entry`]) is clamped rather
/// than wrapped, so it reads back as the end of the texts, never as
/// another item's bytes.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pair(r: &Range<usize>) -> [u32; 2] {
    [offset(r.start), offset(r.end)]
}

fn range(p: [u32; 2]) -> Range<usize> {
    p[0] as usize..p[1] as usize
}

/// `kind`'s number in [`KINDS`].
fn kind_code(kind: Kind) -> u8 {
    KINDS
        .iter()
        .position(|&k| k == kind)
        .expect("every kind is listed") as u8
}

fn target_code(target: &HitTarget) -> [u32; 4] {
    let tag = kind_code(target_kind(target)) as u32;
    match target {
        HitTarget::Quote(q) => [tag, offset(q.article.get()), offset(q.quote.get()), 0],
        HitTarget::Event(e) => [tag, offset(e.get()), 0, 0],
        HitTarget::Article(a) => [tag, offset(a.get()), 0, 0],
        HitTarget::Paragraph { article, span } => [
            tag,
            offset(article.get()),
            offset(span.start),
            offset(span.end),
        ],
    }
}

/// The kind of item `target` is.
fn target_kind(target: &HitTarget) -> Kind {
    match target {
        HitTarget::Quote(_) => Kind::Quote,
        HitTarget::Event(_) => Kind::Event,
        HitTarget::Article(_) => Kind::Article,
        HitTarget::Paragraph { .. } => Kind::Paragraph,
    }
}

impl Entry {
    pub fn pack(u: &Unpacked) -> Entry {
        let date = u.date.as_ref();
        let time = date.and_then(|d| d.time);
        let flags = (date.is_some() as u8 * HAS_DATE)
            | (time.is_some() as u8 * HAS_TIME)
            | (u.disputed as u8 * DISPUTED);
        Entry {
            time: time.map_or(0, |t| t.timestamp()),
            segment: u.segment,
            text: pair(&u.text),
            fields: [pair(&u.fields[0]), pair(&u.fields[1])],
            folded: [pair(&u.folded[0]), pair(&u.folded[1])],
            words: [u.words.start, u.words.end],
            speaker_words: u.speaker_words,
            tags: [u.tags.start, u.tags.end],
            id: pair(&u.id),
            letters: u.letters,
            article: u.article.unwrap_or(NO_ARTICLE),
            target: target_code(&u.target),
            year: date.map_or(0, |d| d.year),
            time_nanos: time.map_or(0, |t| t.timestamp_subsec_nanos()),
            time_offset: time.map_or(0, |t| t.offset().local_minus_utc()),
            month: date.and_then(|d| d.month).map_or(0, |m| m as u8),
            day: date.and_then(|d| d.day).map_or(0, |d| d as u8),
            flags,
            kind: kind_code(u.kind),
        }
    }

    /// Whether every field holds a value it can stand for: what
    /// `Index::from_bytes` checks before the index is used,
    /// so that the accessors below never guess.
    pub fn is_valid(&self) -> bool {
        let ranges = [self.text, self.fields[0], self.fields[1], self.folded[0]]
            .into_iter()
            .chain([self.folded[1], self.words, self.tags, self.id]);
        KINDS.get(self.kind as usize).is_some()
            && self.kind_of_target() == Some(self.kind())
            && ranges.into_iter().all(|[start, end]| start <= end)
            && self.month <= 12
            && self.day <= 31
            && self.flags & !(HAS_DATE | HAS_TIME | DISPUTED) == 0
            && (self.flags & HAS_TIME == 0 || self.date_time().is_some())
    }

    /// The kind its target is of, when the target is one.
    fn kind_of_target(&self) -> Option<Kind> {
        let [tag, _, b, c] = self.target;
        let kind = *KINDS.get(tag as usize)?;
        (kind != Kind::Paragraph || b <= c).then_some(kind)
    }

    pub fn kind(&self) -> Kind {
        KINDS
            .get(self.kind as usize)
            .copied()
            .unwrap_or(Kind::Paragraph)
    }

    pub fn target(&self) -> HitTarget {
        let [tag, a, b, c] = self.target;
        let (a, b, c) = (a as usize, b as usize, c as usize);
        match KINDS.get(tag as usize).copied().unwrap_or(Kind::Paragraph) {
            Kind::Quote => HitTarget::Quote(QuoteRef {
                article: ArticleIx::new(a),
                quote: QuoteIx::new(b),
            }),
            Kind::Event => HitTarget::Event(EventIx::new(a)),
            Kind::Article => HitTarget::Article(ArticleIx::new(a)),
            Kind::Paragraph => HitTarget::Paragraph {
                article: ArticleIx::new(a),
                span: b..c,
            },
        }
    }

    /// At `target` and of `article` (an item kept by an update, in a corpus
    /// where its article moved).
    pub fn at(mut self, target: &HitTarget, article: Option<u32>) -> Entry {
        self.target = target_code(target);
        self.article = article.unwrap_or(NO_ARTICLE);
        self
    }

    fn date_time(&self) -> Option<chrono::DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(self.time_offset)?;
        offset.timestamp_opt(self.time, self.time_nanos).single()
    }

    pub fn date(&self) -> Option<PartialDate> {
        if self.flags & HAS_DATE == 0 {
            return None;
        }
        let known = |n: u8| (n != 0).then_some(n as u32);
        Some(PartialDate {
            year: self.year,
            month: known(self.month),
            day: known(self.day),
            time: match self.flags & HAS_TIME {
                0 => None,
                _ => self.date_time(),
            },
        })
    }

    pub fn has_date(&self) -> bool {
        self.flags & HAS_DATE != 0
    }

    pub fn article(&self) -> Option<u32> {
        (self.article != NO_ARTICLE).then_some(self.article)
    }

    pub fn disputed(&self) -> bool {
        self.flags & DISPUTED != 0
    }

    pub fn text(&self) -> Range<usize> {
        range(self.text)
    }

    pub fn field(&self, f: usize) -> Range<usize> {
        range(self.fields[f])
    }

    pub fn folded(&self, f: usize) -> Range<usize> {
        range(self.folded[f])
    }

    pub fn words(&self) -> Range<u32> {
        self.words[0]..self.words[1]
    }

    pub fn tags(&self) -> Range<u32> {
        self.tags[0]..self.tags[1]
    }

    pub fn id(&self) -> Range<usize> {
        range(self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unpacked(target: HitTarget, date: Option<PartialDate>) -> Unpacked {
        let kind = match target {
            HitTarget::Quote(_) => Kind::Quote,
            HitTarget::Event(_) => Kind::Event,
            HitTarget::Article(_) => Kind::Article,
            HitTarget::Paragraph { .. } => Kind::Paragraph,
        };
        Unpacked {
            kind,
            segment: 2,
            target,
            date,
            article: Some(7),
            text: 10..50,
            fields: [10..10, 10..50],
            folded: [3..3, 3..40],
            words: 5..9,
            speaker_words: 0,
            tags: 1..3,
            id: 4..12,
            letters: 33,
            disputed: true,
        }
    }

    #[test]
    fn every_field_reads_back_as_it_was_packed() {
        let time = chrono::DateTime::parse_from_rfc3339("2021-01-10T23:59:07.25+05:30").unwrap();
        let dates = [
            None,
            Some(PartialDate {
                year: 2021,
                month: None,
                day: None,
                time: None,
            }),
            Some(PartialDate {
                year: -44,
                month: Some(3),
                day: Some(15),
                time: None,
            }),
            Some(PartialDate {
                year: 2021,
                month: Some(1),
                day: Some(10),
                time: Some(time),
            }),
        ];
        let targets = [
            HitTarget::Quote(QuoteRef {
                article: ArticleIx::new(3),
                quote: QuoteIx::new(4),
            }),
            HitTarget::Event(EventIx::new(19_999)),
            HitTarget::Article(ArticleIx::new(0)),
            HitTarget::Paragraph {
                article: ArticleIx::new(9),
                span: 120..480,
            },
        ];
        for date in dates {
            for target in targets.clone() {
                let e = Entry::pack(&unpacked(target.clone(), date));
                assert!(e.is_valid());
                assert_eq!(e.target(), target);
                assert_eq!(e.date(), date);
                // DateTime's == compares instants only: the offset too.
                let offset = |d: Option<PartialDate>| d.and_then(|d| d.time).map(|t| *t.offset());
                assert_eq!(offset(e.date()), offset(date));
                assert_eq!(e.has_date(), date.is_some());
                let kind = unpacked(target, None).kind;
                assert_eq!((e.kind(), e.segment, e.article()), (kind, 2, Some(7)));
                assert_eq!((e.text(), e.field(0), e.field(1)), (10..50, 10..10, 10..50));
                assert_eq!((e.folded(0), e.folded(1), e.id()), (3..3, 3..40, 4..12));
                assert_eq!((e.words(), e.tags(), e.letters), (5..9, 1..3, 33));
                assert!(e.disputed());
            }
        }
        let moved = Entry::pack(&unpacked(HitTarget::Event(EventIx::new(1)), None))
            .at(&HitTarget::Event(EventIx::new(5)), None);
        assert_eq!(moved.target(), HitTarget::Event(EventIx::new(5)));
        assert_eq!(moved.article(), None);
    }

    #[test]
    fn numbers_that_stand_for_nothing_are_not_valid() {
        let good = Entry::pack(&unpacked(HitTarget::Event(EventIx::new(1)), None));
        assert!(good.is_valid());
        let damaged = |f: fn(&mut Entry)| {
            let mut e = good;
            f(&mut e);
            e.is_valid()
        };
        assert!(!damaged(|e| e.kind = 4));
        assert!(
            !damaged(|e| e.kind = 0),
            "a quote's kind, an event's target"
        );
        assert!(!damaged(|e| e.target[0] = 4));
        assert!(
            !damaged(|e| e.target = [3, 1, 9, 3]),
            "a paragraph ending before it starts"
        );
        assert!(!damaged(|e| e.text = [9, 3]));
        assert!(!damaged(|e| e.month = 13));
        assert!(!damaged(|e| e.flags = 8));
        assert!(!damaged(|e| {
            e.flags |= HAS_TIME;
            e.time_offset = 200_000;
        }));
        assert!(!damaged(|e| {
            e.flags |= HAS_TIME;
            e.time = i64::MAX;
        }));
    }
}
