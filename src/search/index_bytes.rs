//! The search index as the corpus cache keeps it: flat sections that are
//! read back in place, the index's buffers being slices of them (of the
//! memory-mapped cache file), instead of one serde value per word, tag and
//! text.
//!
//! ```text
//! sections, each: length u64 LE, its bytes, zero bytes up to a multiple of 8
//!   entries          bincode (Vec<Entry>, through serde)
//!   tie_rank         u32 LE each
//!   ranges           u32 LE each: start and end of the four kinds
//!   shape            u32 LE each: vocabulary parts V, segments S
//!   V times          words UTF-8 one after the other, where each ends (u32),
//!                    letter masks (u64)
//!   S times          texts, folded, ids (UTF-8), word ids (u32),
//!                    tags UTF-8 one after the other, where each ends (u32)
//! ```
//!
//! Every section starts at a multiple of 8 from the start of the encoding
//! (which the cache file places at a multiple of 8), so the numbers are
//! read as slices in place, little-endian assumed (a big-endian machine
//! refuses the encoding and builds its index). The entries stay in
//! bincode: they hold the model's own types (targets, dates), whose
//! encoding serde keeps in step with the model. Decoding checks every
//! length and every string (UTF-8, and words and tags cut at character
//! boundaries) before the index is used: bytes that are not an index give
//! `None`, never a panic. (The cache checks their hash too.)

use super::buffers::{Numbers, Strings, Text};
use super::index::{Entry, Index, Segment, Words};
use bytes::Bytes;
use std::ops::Range;
use zerocopy::IntoBytes;

impl Index {
    /// The bytes [`Index::from_bytes`] reads back: the buffers copied one
    /// after the other.
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = bincode::serde::encode_to_vec(&self.entries, bincode::config::standard())
            .expect("an index always encodes");
        let ranges: Vec<u32> = self.ranges.iter().flat_map(|r| [r.start, r.end]).collect();
        let shape = [self.vocabulary.len() as u32, self.segments.len() as u32];
        let mut sections: Vec<&[u8]> = vec![
            &entries,
            self.tie_rank.bytes(),
            ranges.as_bytes(),
            shape.as_bytes(),
        ];
        for part in &self.vocabulary {
            sections.extend([
                part.words.all.bytes(),
                part.words.ends.bytes(),
                part.masks.bytes(),
            ]);
        }
        for segment in &self.segments {
            sections.extend([
                segment.texts.bytes(),
                segment.folded.bytes(),
                segment.ids.bytes(),
                segment.word_ids.bytes(),
                segment.tags.all.bytes(),
                segment.tags.ends.bytes(),
            ]);
        }
        // The whole length, so the buffer (hundreds of MB) is never moved.
        let len = sections.iter().map(|s| 8 + padded(s.len())).sum();
        let mut out = Vec::with_capacity(len);
        for section in sections {
            out.extend_from_slice(&(section.len() as u64).to_le_bytes());
            out.extend_from_slice(section);
            out.resize(8 + padded(out.len() - 8), 0);
        }
        debug_assert_eq!(out.len(), len);
        out
    }

    /// The index of [`Index::to_bytes`], its buffers slices of `bytes`;
    /// `None` when `bytes` are not one.
    pub fn from_bytes(bytes: &Bytes) -> Option<Index> {
        let mut sections = Sections(bytes.clone());
        let entries_bytes = sections.next()?;
        // The entries (small values) on one core, the texts' checks on the
        // other.
        let (entries, rest) = rayon::join(
            || {
                bincode::serde::decode_from_slice::<Vec<Entry>, _>(
                    &entries_bytes,
                    bincode::config::standard(),
                )
                .ok()
                .map(|(entries, _)| entries)
            },
            || Rest::read(&mut sections),
        );
        let rest = rest?;
        Some(Index {
            entries: entries?,
            tie_rank: rest.tie_rank,
            segments: rest.segments,
            vocabulary: rest.vocabulary,
            ranges: rest.ranges,
        })
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

    fn sample() -> Index {
        let loaded = CorpusLocation::Embedded.load(&Default::default()).unwrap();
        Index::build(&loaded.corpus)
    }

    #[test]
    fn an_index_reads_back_equal() {
        let index = sample();
        let bytes = Bytes::from(index.to_bytes());
        let back = Index::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.words(), index.words());
        assert_eq!(back.ranges, index.ranges);
        for i in 0..index.len() as u32 {
            let (a, b) = (index.item(i), back.item(i));
            assert_eq!((a.text, a.id, a.date), (b.text, b.id, b.date));
            let (a, b) = (&index.entries[i as usize], &back.entries[i as usize]);
            assert_eq!(index.word_ids(a), back.word_ids(b));
            assert!(index.tags(a).eq(back.tags(b)));
            assert_eq!(index.field(a, 1), back.field(b, 1));
        }
    }

    #[test]
    fn bytes_that_are_not_an_index_are_none() {
        let bytes = sample().to_bytes();
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
            // Either refused or an index: never a panic.
            let _ = from(&flipped);
        }
    }
}
