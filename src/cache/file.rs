//! The cache file: a header, a table of entries, then their encoded bytes.
//!
//! ```text
//! "chronique-cache\n"  16 bytes
//! format version       u32 LE
//! table length         u64 LE
//! table hash           u64 LE   (XXH3 of the table)
//! table                bincode  (Table)
//! zero bytes           up to a multiple of 8 from the start
//! blobs                         (each entry's bytes, hashed in the table,
//!                               each at a multiple of 8 from the start)
//! ```
//!
//! The blobs are aligned so that the search index's number arrays can be
//! read in place from the mapped file.
//!
//! Every entry carries its own hash, checked when it is used (in the
//! loader's parallel tasks): a damaged entry is a miss, never an answer.

use crate::corpus::reuse::{content_hash, Stamp};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub(super) const MAGIC: &[u8; 16] = b"chronique-cache\n";
/// Bumped whenever the layout or any encoded type changes. The crate
/// version is checked too, so a release never reads another's cache.
pub(crate) const FORMAT_VERSION: u32 = 6;
pub(super) const HEADER_LEN: usize = 16 + 4 + 8 + 8;
/// What the blobs are aligned to.
const ALIGN: u64 = 8;
/// A cache file being written is named `PARTIAL_PREFIX…PARTIAL_SUFFIX`, so
/// that one left by a killed process is known as ours and removed later
/// (see the prune module).
pub(super) const PARTIAL_PREFIX: &str = ".chronique-";
pub(super) const PARTIAL_SUFFIX: &str = ".partial";

/// The bincode configuration of every encoded value.
pub fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// What the cache holds for one corpus directory. Its first two fields stay
/// first in every format: the prune module reads them from caches of
/// earlier formats too.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Table {
    pub chronique_version: String,
    /// The canonical corpus directory it was written for.
    pub corpus_dir: PathBuf,
    pub files: Vec<FileRow>,
    pub index: Option<IndexRow>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct FileRow {
    pub relative: PathBuf,
    pub stamp: Stamp,
    /// When the stamp was taken: a file modified just before, within the
    /// file system's timestamp granularity, has its bytes hashed again.
    pub taken_ns: u128,
    pub parse: BlobRef,
    pub has_errors: bool,
    /// The last parse without errors, when `parse` has some.
    pub good: Option<BlobRef>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct IndexRow {
    /// [`super::fingerprint`] of the files the index was built from.
    pub fingerprint: u64,
    pub blob: BlobRef,
}

/// An entry's bytes: a range of the blobs, and their hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BlobRef {
    pub range: Range<u64>,
    pub hash: u64,
}

/// Why a cache file is not used (said with `--verbose`).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum Unusable {
    #[error("not a chronique cache")]
    NotACache,
    #[error("format {0}, this chronique reads format {FORMAT_VERSION}")]
    Version(u32),
    #[error("written by chronique {0}")]
    OtherRelease(String),
    #[error("truncated")]
    Truncated,
    #[error("damaged (its checksum does not match)")]
    Damaged,
    #[error("written for another corpus ({0})")]
    OtherCorpus(PathBuf),
}

/// The table and the blobs of `bytes`, a whole cache file, when it is one
/// for `corpus_dir` written by this chronique.
pub fn read(bytes: Bytes, corpus_dir: &Path) -> Result<(Table, Bytes), Unusable> {
    if bytes.len() < HEADER_LEN {
        return Err(if MAGIC.starts_with(&bytes) {
            Unusable::Truncated
        } else {
            Unusable::NotACache
        });
    }
    if &bytes[..16] != MAGIC {
        return Err(Unusable::NotACache);
    }
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let version = u32_at(16);
    if version != FORMAT_VERSION {
        return Err(Unusable::Version(version));
    }
    let (table_len, table_hash) = (u64_at(20), u64_at(28));
    // A length read from the file: checked, never trusted to add up.
    let Some(table_end) = (HEADER_LEN as u64)
        .checked_add(table_len)
        .filter(|&end| end <= bytes.len() as u64)
    else {
        return Err(Unusable::Truncated);
    };
    let table_bytes = &bytes[HEADER_LEN..table_end as usize];
    if content_hash(table_bytes) != table_hash {
        return Err(Unusable::Damaged);
    }
    let blobs_start = table_end.next_multiple_of(ALIGN);
    if blobs_start > bytes.len() as u64 {
        return Err(Unusable::Truncated);
    }
    let (table, _): (Table, usize) =
        bincode::serde::decode_from_slice(table_bytes, config()).map_err(|_| Unusable::Damaged)?;
    if table.chronique_version != env!("CARGO_PKG_VERSION") {
        return Err(Unusable::OtherRelease(table.chronique_version));
    }
    if table.corpus_dir != corpus_dir {
        return Err(Unusable::OtherCorpus(table.corpus_dir));
    }
    Ok((table, bytes.slice(blobs_start as usize..)))
}

/// The bytes of `blob` in `blobs`, when they are all there (their hash is
/// checked when they are decoded: only what is used is hashed).
pub fn slice(blobs: &Bytes, blob: &BlobRef) -> Option<Bytes> {
    let (start, end) = (blob.range.start as usize, blob.range.end as usize);
    (start <= end && end <= blobs.len()).then(|| blobs.slice(start..end))
}

/// A cache file being put together: the blobs are laid out (each is the
/// bytes of a [`bytes::Bytes`] already in memory, with its hash), each at a
/// multiple of [`ALIGN`], then the file is written from them without
/// copying them again.
#[derive(Default)]
pub(crate) struct Writer<'a> {
    /// Each blob's parts, written one after the other.
    blobs: Vec<Vec<&'a [u8]>>,
    len: u64,
}

impl<'a> Writer<'a> {
    pub fn push(&mut self, bytes: &'a [u8], hash: u64) -> BlobRef {
        self.push_parts(vec![bytes], hash)
    }

    /// A blob whose bytes are `parts` one after the other (`hash`: theirs).
    pub fn push_parts(&mut self, parts: Vec<&'a [u8]>, hash: u64) -> BlobRef {
        let start = self.len.next_multiple_of(ALIGN);
        self.len = start + parts.iter().map(|p| p.len() as u64).sum::<u64>();
        self.blobs.push(parts);
        BlobRef {
            range: start..self.len,
            hash,
        }
    }

    /// Writes the file to `path` atomically: a temporary file in the same
    /// directory, renamed over it, so a reader never sees half a cache.
    pub fn write(self, table: &Table, path: &Path) -> std::io::Result<()> {
        use std::io::Write;
        // A path that is not UTF-8 does not encode: no cache file then.
        let table_bytes = bincode::serde::encode_to_vec(table, config())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temp = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .suffix(PARTIAL_SUFFIX)
            .tempfile_in(dir)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, temp);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())?;
        out.write_all(&(table_bytes.len() as u64).to_le_bytes())?;
        out.write_all(&content_hash(&table_bytes).to_le_bytes())?;
        out.write_all(&table_bytes)?;
        let zeros =
            |from: u64| &[0; ALIGN as usize][..(from.next_multiple_of(ALIGN) - from) as usize];
        out.write_all(zeros((HEADER_LEN + table_bytes.len()) as u64))?;
        // The blobs' start is aligned: a blob aligned from there is in the
        // file too.
        let mut at = 0;
        for parts in self.blobs {
            out.write_all(zeros(at))?;
            at = at.next_multiple_of(ALIGN);
            for part in parts {
                at += part.len() as u64;
                out.write_all(part)?;
            }
        }
        let temp = out.into_inner().map_err(|e| e.into_error())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &Path) -> Vec<u8> {
        let mut w = Writer::default();
        let blob = w.push(b"hello", content_hash(b"hello"));
        let table = Table {
            chronique_version: env!("CARGO_PKG_VERSION").into(),
            corpus_dir: dir.into(),
            index: Some(IndexRow {
                fingerprint: 7,
                blob,
            }),
            ..Table::default()
        };
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("cache.bin");
        w.write(&table, &path).unwrap();
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_file_reads_back_and_every_damage_is_told() {
        let dir = Path::new("/corpus");
        let bytes = file(dir);
        let (table, blobs) = read(Bytes::from(bytes.clone()), dir).unwrap();
        let index = table.index.unwrap();
        let intact = |b: &Bytes, r: &BlobRef| slice(b, r).filter(|s| content_hash(s) == r.hash);
        assert_eq!(&intact(&blobs, &index.blob).unwrap()[..], b"hello");

        let err = |b: Vec<u8>, d: &Path| read(Bytes::from(b), d).unwrap_err();
        assert_eq!(
            err(bytes.clone(), Path::new("/other")),
            Unusable::OtherCorpus(dir.into())
        );
        assert_eq!(err(bytes[..10].to_vec(), dir), Unusable::Truncated);
        assert_eq!(err(bytes[..40].to_vec(), dir), Unusable::Truncated);
        assert_eq!(err(b"garbage".to_vec(), dir), Unusable::NotACache);
        let mut version = bytes.clone();
        version[16] = 99;
        assert_eq!(err(version, dir), Unusable::Version(99));
        // A table length near u64::MAX neither overflows nor wraps.
        for len in [u64::MAX, u64::MAX - HEADER_LEN as u64 + 1] {
            let mut huge = bytes.clone();
            huge[20..28].copy_from_slice(&len.to_le_bytes());
            assert_eq!(err(huge, dir), Unusable::Truncated);
        }
        let mut table_flip = bytes.clone();
        table_flip[HEADER_LEN + 2] ^= 0xff;
        assert_eq!(err(table_flip, dir), Unusable::Damaged);
        // A damaged entry is found when it is used.
        let mut blob_flip = bytes.clone();
        *blob_flip.last_mut().unwrap() ^= 0xff;
        let (table, blobs) = read(Bytes::from(blob_flip), dir).unwrap();
        assert!(intact(&blobs, &table.index.unwrap().blob).is_none());
        // And a cut one.
        let (table, blobs) = read(Bytes::from(bytes[..bytes.len() - 1].to_vec()), dir).unwrap();
        assert!(intact(&blobs, &table.index.unwrap().blob).is_none());
    }
}
