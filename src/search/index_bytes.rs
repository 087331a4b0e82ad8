//! The search index as the corpus cache keeps it: a few flat sections that
//! decode in about the time of a copy, instead of one serde value per word,
//! tag and text.
//!
//! ```text
//! sections, each: length u64 LE, then its bytes
//!   entries          bincode (Vec<Entry>, through serde)
//!   tie_rank         u32 LE each
//!   texts            UTF-8
//!   folded           UTF-8
//!   vocabulary       UTF-8, the words one after the other
//!   vocabulary ends  u32 LE each: where each word ends
//!   vocabulary_masks u64 LE each
//!   word_ids         u32 LE each
//!   tags             UTF-8, one after the other
//!   tag ends         u32 LE each
//!   ids              UTF-8
//!   ranges           u32 LE each: start and end of the four kinds
//! ```
//!
//! The entries stay in bincode: they hold the model's own types (targets,
//! dates), whose encoding serde keeps in step with the model; they are a
//! small part of the bytes. Decoding checks every length and every string
//! (UTF-8, and words and tags cut at character boundaries): bytes that are
//! not an index give `None`, never a panic.

use super::index::{Entry, Index};
use std::ops::Range;

impl Index {
    /// The bytes [`Index::from_bytes`] reads back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let entries = bincode::serde::encode_to_vec(&self.entries, bincode::config::standard())
            .expect("an index always encodes");
        // The whole length, so the buffer (hundreds of MB) is never moved.
        let words: usize = self.vocabulary.iter().map(|w| w.len() + 12).sum();
        let tags: usize = self.tags.iter().map(|t| t.len() + 4).sum();
        let mut out = Vec::with_capacity(
            entries.len()
                + self.texts.len()
                + self.folded.len()
                + self.ids.len()
                + 4 * (self.tie_rank.len() + self.word_ids.len())
                + words
                + tags
                + 8 * 12
                + 4 * 8,
        );
        section(&mut out, |out| out.extend_from_slice(&entries));
        section(&mut out, |out| u32s(out, &self.tie_rank));
        section(&mut out, |out| out.extend_from_slice(self.texts.as_bytes()));
        section(&mut out, |out| {
            out.extend_from_slice(self.folded.as_bytes())
        });
        joined(&mut out, self.vocabulary.iter().map(|w| &**w));
        section(&mut out, |out| {
            for mask in &self.vocabulary_masks {
                out.extend_from_slice(&mask.to_le_bytes());
            }
        });
        section(&mut out, |out| u32s(out, &self.word_ids));
        joined(&mut out, self.tags.iter().map(String::as_str));
        section(&mut out, |out| out.extend_from_slice(self.ids.as_bytes()));
        let ranges: Vec<u32> = self.ranges.iter().flat_map(|r| [r.start, r.end]).collect();
        section(&mut out, |out| u32s(out, &ranges));
        out
    }

    /// The index of [`Index::to_bytes`]; `None` when `bytes` are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let mut sections = Sections(bytes);
        let entries_bytes = sections.next()?;
        // The entries (small values) on one core, the long texts' checks
        // on the other.
        let (entries, rest) = rayon::join(
            || {
                bincode::serde::decode_from_slice::<Vec<Entry>, _>(
                    entries_bytes,
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
            texts: rest.texts,
            folded: rest.folded,
            vocabulary: rest.vocabulary,
            vocabulary_masks: rest.vocabulary_masks,
            word_ids: rest.word_ids,
            tags: rest.tags,
            ids: rest.ids,
            ranges: rest.ranges,
        })
    }
}

/// Everything but the entries.
struct Rest {
    tie_rank: Vec<u32>,
    texts: String,
    folded: String,
    vocabulary: Vec<Box<str>>,
    vocabulary_masks: Vec<u64>,
    word_ids: Vec<u32>,
    tags: Vec<String>,
    ids: String,
    ranges: [Range<u32>; 4],
}

impl Rest {
    fn read(sections: &mut Sections) -> Option<Rest> {
        let tie_rank = to_u32s(sections.next()?)?;
        let texts = to_string(sections.next()?)?;
        let folded = to_string(sections.next()?)?;
        let words = utf8(sections.next()?)?;
        let vocabulary = split(words, &to_u32s(sections.next()?)?, |w| w.into())?;
        let masks = sections.next()?;
        if !masks.len().is_multiple_of(8) {
            return None;
        }
        let vocabulary_masks = masks
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let word_ids = to_u32s(sections.next()?)?;
        let tags = utf8(sections.next()?)?;
        let tags = split(tags, &to_u32s(sections.next()?)?, str::to_string)?;
        let ids = to_string(sections.next()?)?;
        let ranges = to_u32s(sections.next()?)?;
        let [a, b, c, d, e, f, g, h] = ranges[..] else {
            return None;
        };
        if !sections.0.is_empty() {
            return None;
        }
        Some(Rest {
            tie_rank,
            texts,
            folded,
            vocabulary,
            vocabulary_masks,
            word_ids,
            tags,
            ids,
            ranges: [a..b, c..d, e..f, g..h],
        })
    }
}

/// A section of what `write` appends, its length before it.
fn section(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    write(out);
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

/// The sections of an encoded index, in order.
struct Sections<'a>(&'a [u8]);

impl<'a> Sections<'a> {
    fn next(&mut self) -> Option<&'a [u8]> {
        let (len, rest) = self.0.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        if len > rest.len() {
            return None;
        }
        let (section, rest) = rest.split_at(len);
        self.0 = rest;
        Some(section)
    }
}

fn u32s(out: &mut Vec<u8>, values: &[u32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn to_u32s(bytes: &[u8]) -> Option<Vec<u32>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect(),
    )
}

/// Checked with SIMD: std's check took a fifth of a warm `chronique search`.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

fn to_string(bytes: &[u8]) -> Option<String> {
    utf8(bytes).map(str::to_string)
}

/// Two sections: the strings one after the other, then where each ends.
fn joined<'s>(out: &mut Vec<u8>, strings: impl Iterator<Item = &'s str>) {
    let mut ends = Vec::new();
    section(out, |out| {
        let start = out.len();
        for s in strings {
            out.extend_from_slice(s.as_bytes());
            let end = out.len() - start;
            ends.push(u32::try_from(end).expect("an index's words fit in 4 GB"));
        }
    });
    section(out, |out| u32s(out, &ends));
}

/// `all` cut at `ends` (each at a character boundary, in order).
fn split<T>(all: &str, ends: &[u32], to: impl Fn(&str) -> T) -> Option<Vec<T>> {
    let mut start = 0;
    let mut out = Vec::with_capacity(ends.len());
    for &end in ends {
        let end = end as usize;
        out.push(to(all.get(start..end)?));
        start = end;
    }
    (start == all.len()).then_some(out)
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
        let bytes = index.to_bytes();
        let back = Index::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.vocabulary, index.vocabulary);
        assert_eq!(back.tags, index.tags);
        assert_eq!(back.texts, index.texts);
        assert_eq!(back.ranges, index.ranges);
    }

    #[test]
    fn bytes_that_are_not_an_index_are_none() {
        let bytes = sample().to_bytes();
        // Every cut, and a byte flipped in each section's length and in the
        // strings (a word ending inside a character, bad UTF-8).
        for len in (0..bytes.len()).step_by(97) {
            assert!(Index::from_bytes(&bytes[..len]).is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Index::from_bytes(&longer).is_none());
        for at in (0..bytes.len()).step_by(31) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x80;
            // Either refused or an index: never a panic.
            let _ = Index::from_bytes(&flipped);
        }
    }
}
