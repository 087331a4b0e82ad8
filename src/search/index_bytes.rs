//! The search index as the corpus cache keeps it: flat sections that are
//! read back in place, the index's buffers being slices of them (of the
//! memory-mapped cache file), instead of one serde value per entry, word,
//! tag and text.
//!
//! ```text
//! sections, each: length u64 LE, its bytes, zero bytes up to a multiple of 8
//!   entries          fixed-size records, 120 bytes each (see the entry module)
//!   tie_rank         u32 LE each
//!   ranges           u32 LE each: start and end of the four kinds
//!   shape            u32 LE each: vocabulary parts V, segments S
//!   V times          words UTF-8 one after the other, where each ends (u32),
//!                    letter masks (u64)
//!   S times          texts, folded, ids (UTF-8), word ids (u32),
//!                    tags UTF-8 one after the other, where each ends (u32)
//!   article files    UTF-8 one after the other, where each ends (u32)
//! ```
//!
//! A paragraph's text is not stored: it is a span of its article's body,
//! which the corpus holds (see `Index::with_bodies`).
//!
//! Every section starts at a multiple of 8 from the start of the encoding
//! (which the cache file places at a multiple of 8), so the numbers are
//! read as slices in place, little-endian assumed (a big-endian machine
//! refuses the encoding and builds its index). Decoding checks every
//! length and every string (UTF-8, and words and tags cut at character
//! boundaries), and that every entry's numbers stand for something (a
//! kind, a target, a date) and its ranges and word ids lie in its buffers,
//! before the index is used: bytes that are not an index give
//! `None`, never a panic. (The cache checks their hash too.)

use super::buffers::{Numbers, Strings, Text};
use super::index::{Entry, Index, Segment, Words};
use bytes::Bytes;
use std::ops::Range;
use zerocopy::IntoBytes;

/// An index's encoding, not put together: its sections are the index's
/// own buffers, written as they are (see [`Encoded::parts`]).
pub struct Encoded<'a> {
    entries: &'a [u8],
    /// The kinds' ranges, then the shape.
    small: [Vec<u32>; 2],
    buffers: Vec<&'a [u8]>,
    lengths: Vec<[u8; 8]>,
}

impl Encoded<'_> {
    /// The bytes of the encoding, one slice after the other: each section's
    /// length, its bytes, its padding.
    pub fn parts(&self) -> Vec<&[u8]> {
        const ZEROS: [u8; 8] = [0; 8];
        let (ranges, shape) = (self.small[0].as_bytes(), self.small[1].as_bytes());
        let sections = [self.entries, self.buffers[0], ranges, shape];
        let sections = sections
            .into_iter()
            .chain(self.buffers[1..].iter().copied());
        let mut parts = Vec::new();
        for (section, length) in sections.zip(&self.lengths) {
            let pad = padded(section.len()) - section.len();
            parts.extend([&length[..], section, &ZEROS[..pad]]);
        }
        parts
    }

    /// The hash of the encoding ([`xxhash_rust::xxh3::xxh3_64`] of its
    /// bytes), computed part by part.
    pub fn hash(&self) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in self.parts() {
            hasher.update(part);
        }
        hasher.digest()
    }
}

impl Index {
    /// The encoding [`Index::from_bytes`] reads back, as parts: the
    /// buffers are not copied.
    pub fn encoded(&self) -> Encoded<'_> {
        let entries = self.entries.bytes();
        let ranges: Vec<u32> = self.ranges.iter().flat_map(|r| [r.start, r.end]).collect();
        let shape = vec![self.vocabulary.len() as u32, self.segments.len() as u32];
        let mut buffers = vec![self.tie_rank.bytes()];
        for part in &self.vocabulary {
            buffers.extend([
                part.words.all.bytes(),
                part.words.ends.bytes(),
                part.masks.bytes(),
            ]);
        }
        for segment in &self.segments {
            buffers.extend([
                segment.texts.bytes(),
                segment.folded.bytes(),
                segment.ids.bytes(),
                segment.word_ids.bytes(),
                segment.tags.all.bytes(),
                segment.tags.ends.bytes(),
            ]);
        }
        buffers.extend([
            self.article_files.all.bytes(),
            self.article_files.ends.bytes(),
        ]);
        let sections = [
            entries.len(),
            buffers[0].len(),
            4 * ranges.len(),
            4 * shape.len(),
        ];
        let lengths = (sections
            .into_iter()
            .chain(buffers[1..].iter().map(|b| b.len())))
        .map(|len| (len as u64).to_le_bytes())
        .collect();
        Encoded {
            entries,
            small: [ranges, shape],
            buffers,
            lengths,
        }
    }

    /// The encoding of [`Index::encoded`] put together.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.encoded().parts().concat()
    }

    /// The index of [`Index::to_bytes`], its buffers slices of `bytes`;
    /// `None` when `bytes` are not one.
    pub fn from_bytes(bytes: &Bytes) -> Option<Index> {
        let mut sections = Sections(bytes.clone());
        let entries_bytes = sections.next()?;
        let entries = Numbers::<Entry>::from_le_bytes(entries_bytes)?;
        let rest = Rest::read(&mut sections)?;
        let index = Index {
            entries,
            tie_rank: rest.tie_rank,
            segments: rest.segments,
            vocabulary: rest.vocabulary,
            ranges: rest.ranges,
            bodies: Vec::new(),
            article_files: rest.article_files,
        };
        index.fits().then_some(index)
    }

    /// Whether every entry's ranges lie in its segment's buffers, at
    /// character boundaries, and the table and kinds' ranges fit the
    /// entries: what the search and [`Index::item`] slice without asking.
    fn fits(&self) -> bool {
        let n = self.entries.len();
        let words = self.vocabulary_len();
        let in_text = |text: &str, r: &std::ops::Range<usize>| text.get(r.clone()).is_some();
        self.tie_rank.len() == n
            && self
                .ranges
                .iter()
                .all(|r| r.start <= r.end && r.end as usize <= n)
            && self.entries().iter().all(|e| {
                let Some(segment) = self.segments.get(e.segment as usize) else {
                    return false;
                };
                let texts = segment.texts.as_str();
                let folded = segment.folded.as_str();
                let ids = segment.word_ids.as_slice();
                let (words, tags) = (e.words(), e.tags());
                // A paragraph's text is in its article's body: checked
                // against the corpus (`Index::fits_corpus`).
                let shown_here = e.kind() != crate::search::Kind::Paragraph;
                e.is_valid()
                    && (!shown_here || in_text(texts, &e.text()))
                    && (!shown_here || (0..2).all(|f| in_text(texts, &e.field(f))))
                    && (0..2).all(|f| in_text(folded, &e.folded(f)))
                    && in_text(segment.ids.as_str(), &e.id())
                    && (ids.get(words.start as usize..words.end as usize))
                        .is_some_and(|w| e.speaker_words as usize <= w.len())
                    && tags.end as usize <= segment.tags.len()
            })
            && (self.segments.iter())
                .all(|s| (s.word_ids.as_slice().iter().max()).is_none_or(|&w| (w as usize) < words))
    }
}

/// `len` rounded up to a multiple of 8.
fn padded(len: usize) -> usize {
    len.div_ceil(8) * 8
}

/// Everything but the entries.
struct Rest {
    tie_rank: Numbers<u32>,
    ranges: [Range<u32>; 4],
    vocabulary: Vec<Words>,
    segments: Vec<Segment>,
    article_files: Strings,
}

impl Rest {
    fn read(sections: &mut Sections) -> Option<Rest> {
        let tie_rank = sections.numbers()?;
        let ranges = sections.numbers::<u32>()?;
        let [a, b, c, d, e, f, g, h] = ranges.as_slice()[..] else {
            return None;
        };
        let shape = sections.numbers::<u32>()?;
        let [parts, segments] = shape.as_slice()[..] else {
            return None;
        };
        let mut vocabulary = Vec::new();
        for _ in 0..parts {
            let words = sections.strings()?;
            let masks = sections.numbers()?;
            if masks.len() != words.len() {
                return None;
            }
            vocabulary.push(Words { words, masks });
        }
        // Every section's place first, then the texts checked on both cores.
        let mut unchecked = Vec::new();
        for _ in 0..segments {
            let texts = [sections.next()?, sections.next()?, sections.next()?];
            let word_ids = sections.numbers()?;
            let tags = (sections.next()?, sections.numbers()?);
            unchecked.push((texts, word_ids, tags));
        }
        let article_files = sections.strings()?;
        if !sections.0.is_empty() {
            return None;
        }
        use rayon::prelude::*;
        let segments = (unchecked.into_par_iter())
            .map(|([texts, folded, ids], word_ids, (tags, tag_ends))| {
                let ((texts, folded), (ids, tags)) = rayon::join(
                    || rayon::join(|| Text::from_utf8(texts), || Text::from_utf8(folded)),
                    || rayon::join(|| Text::from_utf8(ids), || strings(tags, tag_ends)),
                );
                Some(Segment {
                    texts: texts?,
                    folded: folded?,
                    ids: ids?,
                    word_ids,
                    tags: tags?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Rest {
            tie_rank,
            ranges: [a..b, c..d, e..f, g..h],
            vocabulary,
            segments,
            article_files,
        })
    }
}

/// The sections of an encoded index, in order.
struct Sections(Bytes);

impl Sections {
    fn next(&mut self) -> Option<Bytes> {
        let (len, rest) = self.0.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let whole = len.checked_next_multiple_of(8)?;
        if whole > rest.len() {
            return None;
        }
        let section = self.0.slice(8..8 + len);
        self.0 = self.0.slice(8 + whole..);
        Some(section)
    }

    fn numbers<T>(&mut self) -> Option<Numbers<T>>
    where
        T: zerocopy::FromBytes
            + IntoBytes
            + zerocopy::Immutable
            + zerocopy::KnownLayout
            + Copy
            + Send
            + Sync
            + 'static,
    {
        Numbers::from_le_bytes(self.next()?)
    }

    /// Two sections: strings one after the other, then where each ends.
    fn strings(&mut self) -> Option<Strings> {
        let all = self.next()?;
        let ends = self.numbers()?;
        strings(all, ends)
    }
}

fn strings(all: Bytes, ends: Numbers<u32>) -> Option<Strings> {
    Strings::checked(Text::from_utf8(all)?, ends)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::CorpusLocation;

    fn corpus() -> crate::corpus::Corpus {
        CorpusLocation::Embedded
            .load(&Default::default())
            .unwrap()
            .corpus
    }

    fn sample() -> Index {
        Index::build(&corpus())
    }

    #[test]
    fn an_index_reads_back_equal() {
        let index = sample();
        let bytes = Bytes::from(index.to_bytes());
        let back = Index::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        // Its paragraphs are shown from the corpus's bodies, not kept.
        let paragraph = index.items_of(crate::search::Kind::Paragraph).start;
        assert_eq!(back.item(paragraph).text, "");
        assert!(back.fits_corpus(&corpus()));
        let back = back.with_bodies(&corpus());
        assert!(!back.item(paragraph).text.is_empty());
        assert_eq!(index.encoded().hash(), xxhash_rust::xxh3::xxh3_64(&bytes));
        assert_eq!(back.words(), index.words());
        assert_eq!(back.ranges, index.ranges);
        for i in 0..index.len() as u32 {
            let (a, b) = (index.item(i), back.item(i));
            assert_eq!((a.text, a.id, a.date), (b.text, b.id, b.date));
            let (a, b) = (index.entry(i), back.entry(i));
            assert_eq!(index.word_ids(a), back.word_ids(b));
            assert!(index.tags(a).eq(back.tags(b)));
            assert_eq!(index.field(a, 1), back.field(b, 1));
        }
    }

    #[test]
    fn bytes_that_are_not_an_index_are_none() {
        let bytes = sample().to_bytes();
        let corpus = corpus();
        let from = |b: &[u8]| Index::from_bytes(&Bytes::copy_from_slice(b));
        // Every cut, and a byte flipped in each section's length and in the
        // strings (a word ending inside a character, bad UTF-8).
        for len in (0..bytes.len()).step_by(97) {
            assert!(from(&bytes[..len]).is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(from(&longer).is_none());
        for at in (0..bytes.len()).step_by(31) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x80;
            // Either refused or an index that can be used: never a panic.
            if let Some(index) = from(&flipped) {
                let fits = index.fits_corpus(&corpus);
                let index = if fits {
                    index.with_bodies(&corpus)
                } else {
                    index
                };
                for i in 0..index.len() as u32 {
                    let _ = (index.item(i), index.matched_text(i));
                }
                let q = crate::search::Query::parse("censure 'l'état #a", Default::default());
                let _ = index.search(&q, &std::sync::atomic::AtomicBool::new(false));
            }
        }
    }
}
