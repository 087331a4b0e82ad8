//! The cache in memory: each file's stamp and encoded parse, as read from
//! the cache file (slices of it, decoded only when used) or encoded by the
//! last load; and the encoded search index.

use super::file::{self, BlobRef, FileRow, IndexRow, Table, Writer};
use crate::corpus::reuse::{self, content_hash, ParsedFile, Reuse, Stamp};
use crate::search::Index;
use crate::shared_text;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How far apart a file's modification time and the moment it was stamped
/// must be for the time to be trusted: a write within the file system's
/// timestamp granularity of the stamp would leave the time unchanged.
const TRUSTED_AFTER: Duration = Duration::from_secs(2);

/// Encoded bytes and their hash, checked before they are decoded.
#[derive(Clone)]
pub(super) struct Blob {
    bytes: Bytes,
    hash: u64,
}

impl Blob {
    /// A value serde refuses (a path that is not UTF-8) gets a blob that
    /// never checks out: a miss, parsed again, never a panic.
    pub(super) fn encode(value: &impl serde::Serialize) -> Blob {
        match bincode::serde::encode_to_vec(value, file::config()) {
            Ok(bytes) => Blob::of(bytes),
            Err(_) => Blob {
                bytes: Bytes::new(),
                hash: !content_hash(&[]),
            },
        }
    }

    fn of(bytes: Vec<u8>) -> Blob {
        let hash = content_hash(&bytes);
        Blob {
            bytes: Bytes::from(bytes),
            hash,
        }
    }

    /// The bytes, when they are those that were hashed.
    fn intact(&self) -> Option<&[u8]> {
        (content_hash(&self.bytes) == self.hash).then_some(&self.bytes[..])
    }

    /// Its texts ([`SharedText`]: bodies, YAML) are views of the bytes
    /// (of the mapped cache file), not copies.
    fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        let intact = self.intact()?;
        shared_text::decoding_from(&self.bytes, || {
            bincode::serde::decode_from_slice(intact, file::config())
                .ok()
                .map(|(value, _)| value)
        })
    }

    /// The index is checked and decoded at once, on both cores: decoding
    /// bytes that turn out damaged is safe (every length and string is
    /// checked), and what they give is dropped.
    fn decode_index(&self) -> Option<Index> {
        let (intact, index) = rayon::join(
            || content_hash(&self.bytes) == self.hash,
            || Index::from_bytes(&self.bytes),
        );
        index.filter(|_| intact)
    }
}

#[derive(Clone)]
struct Row {
    stamp: Stamp,
    /// When the stamp was taken (ns since the epoch).
    taken_ns: u128,
    parse: Blob,
    has_errors: bool,
    /// The last parse without errors, when `parse` has some.
    good: Option<Blob>,
    /// `parse` decoded, once a load has used it: a reload takes it as it
    /// is (decoding every file again is most of a reload). Not written.
    decoded: Option<Arc<ParsedFile>>,
    /// `good` decoded, kept as `decoded` is: a parse serde cannot encode
    /// (a corpus path that is not UTF-8) has a blob that never decodes,
    /// and its last good version is still shown.
    good_decoded: Option<Arc<ParsedFile>>,
}

#[derive(Clone)]
pub struct Store {
    canonical: PathBuf,
    rows: HashMap<PathBuf, Row>,
    /// The index and the [`fingerprint`] of the files it was built from.
    index: Option<(u64, KeptIndexOf)>,
    /// The fingerprint of the files of the last load; `None` when it showed
    /// a file in its last good version (its corpus is not the files').
    fingerprint: Option<u64>,
    /// The files the last load showed in their last good version.
    shown_good: HashSet<PathBuf>,
    /// The sum of [`file_hash`] over `rows`, when a load has ended since
    /// they were read (a reload updates it for the files it read).
    files_sum: Option<u64>,
    /// What is in memory differs from the file.
    dirty: bool,
    /// Counts the changes, so a save tells whether it saved the last one.
    generation: u64,
    unused_because: Option<String>,
    /// The cache file, not read yet: it is read by the first thread that
    /// needs the store (the loader's), never by the one that draws.
    unread: Option<PathBuf>,
}

impl Store {
    pub fn empty(canonical: &Path) -> Store {
        Store {
            canonical: canonical.to_path_buf(),
            rows: HashMap::new(),
            index: None,
            fingerprint: None,
            shown_good: HashSet::new(),
            files_sum: None,
            dirty: true,
            generation: 0,
            unused_because: None,
            unread: None,
        }
    }

    /// The store of the cache file at `path`, read when first used (see
    /// [`Store::read_if_unread`]).
    pub fn unread(path: &Path, canonical: &Path) -> Store {
        Store {
            unread: Some(path.to_path_buf()),
            ..Store::empty(canonical)
        }
    }

    pub fn read_if_unread(&mut self) {
        if let Some(path) = self.unread.take() {
            *self = Store::read(&path, &self.canonical);
        }
    }

    /// The store of the cache file at `path`; empty, saying why, when it
    /// cannot be used.
    pub fn read(path: &Path, canonical: &Path) -> Store {
        let mut store = Store::empty(canonical);
        let bytes = match map(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                store.unused_because = Some(format!("{}: {e}", path.display()));
                return store;
            }
        };
        let (table, blobs) = match file::read(bytes, canonical) {
            Ok(read) => read,
            Err(e) => {
                store.unused_because = Some(format!("{}: {e}", path.display()));
                return store;
            }
        };
        let blob = |r: &BlobRef| {
            file::slice(&blobs, r).map(|bytes| Blob {
                bytes,
                hash: r.hash,
            })
        };
        for row in table.files {
            let Some(parse) = blob(&row.parse) else {
                continue;
            };
            let good = row.good.as_ref().and_then(blob);
            store.rows.insert(
                row.relative,
                Row {
                    stamp: row.stamp,
                    taken_ns: row.taken_ns,
                    parse,
                    has_errors: row.has_errors,
                    good,
                    decoded: None,
                    good_decoded: None,
                },
            );
        }
        store.index = table
            .index
            .and_then(|i| Some((i.fingerprint, KeptIndexOf::Read(blob(&i.blob)?))));
        store.dirty = false;
        store
    }

    /// Starts a load: the rows move into the pass, which the loader's tasks
    /// share. `keep_decoded`: the parses stay decoded in memory for the next
    /// load (the reader's reloads; a command loads once).
    pub(super) fn begin(&mut self, keep_decoded: bool) -> Pass {
        Pass {
            keep_decoded,
            // Sized for every file kept: growing it rehashes under the lock
            // the loader's tasks share.
            new: Mutex::new(HashMap::with_capacity(self.rows.len())),
            old: std::mem::take(&mut self.rows),
            now_ns: reuse::ns_since_epoch(SystemTime::now()),
            changed: AtomicBool::new(false),
            shown_good: Mutex::new(HashSet::new()),
        }
    }

    /// Ends a load: the rows of the files it saw replace the old ones (a
    /// removed file's row goes). The key of the corpus loaded.
    pub(super) fn end(&mut self, pass: Pass) -> Option<u64> {
        let new = pass.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed = pass.changed.into_inner() || new.len() != pass.old.len();
        self.rows = new;
        self.files_sum = None;
        self.shown_good = pass
            .shown_good
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        self.ended(changed)
    }

    /// Ends a load of only the files at `visited` (live reload of edited
    /// files): the other files' rows stay.
    pub(super) fn end_partial(&mut self, pass: Pass, visited: &[PathBuf]) -> Option<u64> {
        let new = pass.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut rows = pass.old;
        for (relative, row) in new {
            let old = rows.insert(relative.clone(), row);
            if let Some(sum) = &mut self.files_sum {
                if let Some(old) = old {
                    *sum = sum.wrapping_sub(file_hash(&relative, &old));
                }
                *sum = sum.wrapping_add(file_hash(&relative, &rows[&relative]));
            }
        }
        self.rows = rows;
        for relative in visited {
            self.shown_good.remove(relative);
        }
        let shown_good = pass
            .shown_good
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        self.shown_good.extend(shown_good);
        self.ended(pass.changed.into_inner())
    }

    fn ended(&mut self, changed: bool) -> Option<u64> {
        let rows = &self.rows;
        let sum = *self.files_sum.get_or_insert_with(|| {
            rows.iter()
                .fold(0, |sum, (path, row)| sum.wrapping_add(file_hash(path, row)))
        });
        self.fingerprint = self
            .shown_good
            .is_empty()
            .then(|| fingerprint(rows.len(), sum));
        if changed {
            self.changed();
        }
        self.fingerprint
    }

    /// Whether the last load read the file at `relative`.
    pub(super) fn has_row(&self, relative: &Path) -> bool {
        self.rows.contains_key(relative)
    }

    /// Each file's size and modification time as the last load saw them.
    pub(super) fn sizes_and_times(&self) -> HashMap<PathBuf, (u64, u128)> {
        self.rows
            .iter()
            .map(|(relative, row)| (relative.clone(), (row.stamp.size, row.stamp.modified_ns)))
            .collect()
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.generation += 1;
    }

    /// The kept index of the corpus whose [`Corpus::cache_key`] is `key`.
    ///
    /// [`Corpus::cache_key`]: crate::corpus::Corpus::cache_key
    pub(super) fn index(&self, key: u64) -> Option<Index> {
        match &self.index {
            Some((of, index)) if *of == key => index.decode(),
            _ => None,
        }
    }

    /// The kept index, still encoded, and the key of the corpus it is of.
    pub(super) fn kept_index(&self) -> Option<KeptIndex> {
        let (key, index) = self.index.clone()?;
        Some(KeptIndex { key, index })
    }

    /// The kept index, when the files of `corpus_dir` are those it was
    /// built from, told without parsing or decoding them: every file there
    /// and no other, each unchanged.
    pub(super) fn index_of_unchanged(&mut self, corpus_dir: &Path) -> Option<Index> {
        self.index.as_ref()?;
        let mut relatives = vec![PathBuf::from("timeline.yaml")];
        if let Ok(entries) = std::fs::read_dir(corpus_dir.join("articles")) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if reuse::is_article_name(&name.to_string_lossy()) {
                    relatives.push(reuse::article_path(&name));
                }
            }
        }
        if relatives.len() != self.rows.len() {
            return None;
        }
        let pass = self.begin(false);
        let all_unchanged = relatives.iter().all(|relative| {
            let Some(row) = pass.old.get(relative) else {
                return false;
            };
            match pass.still(row, &corpus_dir.join(relative)) {
                Some(row) => {
                    pass.keep(relative, row);
                    true
                }
                None => false,
            }
        });
        if !all_unchanged {
            self.rows = pass.old;
            return None;
        }
        let key_now = self.end(pass)?;
        self.index(key_now)
    }

    /// The bodies of the articles kept for `relatives` (decoded from their
    /// parses, hash checked), or `None` when one is not there.
    pub(super) fn article_bodies(
        &self,
        relatives: &[PathBuf],
    ) -> Option<Vec<shared_text::SharedText>> {
        (relatives.iter())
            .map(|relative| {
                let row = self.rows.get(relative)?;
                match &row.decoded {
                    Some(parsed) => parsed.article_body(),
                    None => row.parse.decode::<ParsedFile>()?.article_body(),
                }
            })
            .collect()
    }

    pub(super) fn keep_index(&mut self, key: u64, index: Arc<Index>) {
        self.index = Some((key, KeptIndexOf::Built(index)));
        self.changed();
    }

    /// What a save writes, and the change it is of.
    pub(super) fn to_save(&self) -> Option<(Store, u64)> {
        self.dirty.then(|| (self.clone(), self.generation))
    }

    /// Writes the cache file to `path`.
    pub(super) fn write(&self, path: &Path) -> std::io::Result<()> {
        // Before the writer, which borrows its parts.
        let built = match &self.index {
            Some((_, KeptIndexOf::Built(index))) => Some(index.encoded()),
            _ => None,
        };
        let mut writer = Writer::default();
        let mut relatives: Vec<&PathBuf> = self.rows.keys().collect();
        relatives.sort();
        let files = relatives
            .into_iter()
            .map(|relative| {
                let row = &self.rows[relative];
                FileRow {
                    relative: relative.clone(),
                    stamp: row.stamp,
                    taken_ns: row.taken_ns,
                    parse: writer.push(&row.parse.bytes, row.parse.hash),
                    has_errors: row.has_errors,
                    good: row.good.as_ref().map(|g| writer.push(&g.bytes, g.hash)),
                }
            })
            .collect();
        let index = match &self.index {
            Some((of, index)) if Some(*of) == self.fingerprint => Some(IndexRow {
                fingerprint: *of,
                blob: match (index, &built) {
                    (KeptIndexOf::Read(blob), _) => writer.push(&blob.bytes, blob.hash),
                    (KeptIndexOf::Built(_), Some(encoded)) => {
                        writer.push_parts(encoded.parts(), encoded.hash())
                    }
                    (KeptIndexOf::Built(_), None) => unreachable!("encoded above"),
                },
            }),
            _ => None,
        };
        let table = Table {
            chronique_version: env!("CARGO_PKG_VERSION").into(),
            corpus_dir: self.canonical.clone(),
            files,
            index,
        };
        writer.write(&table, path)
    }

    /// The change `generation` is on disk.
    pub(super) fn saved(&mut self, generation: u64) {
        if generation == self.generation {
            self.dirty = false;
        }
    }

    pub(super) fn unused_because(&self) -> Option<String> {
        self.unused_because.clone()
    }
}

/// The cache file at `path`, memory-mapped: only the pages of what is used
/// are read (a `chronique search` reads the table and the index, not the
/// parses), and nothing is copied.
fn map(path: &Path) -> std::io::Result<Bytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: a mapping is undefined behaviour if the file changes under
    // it. chronique never writes a cache file in place: a save writes a
    // new file and renames it over the old one (see `file::Writer::write`),
    // so a mapped file keeps its bytes until it is unmapped. Only another
    // program writing into the cache directory could change them.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Bytes::from_owner(map))
}

/// A hash of which files there are and what is in them: the index built
/// from one corpus is that of another only when they are equal. From the
/// number of files and the sum of their [`file_hash`]es, which needs no
/// order and is updated for the files a reload reads (sorting 10,000
/// paths, then hashing them all, took a tenth of a second of each reload).
fn fingerprint(files: usize, sum: u64) -> u64 {
    let mut all = (files as u64).to_le_bytes().to_vec();
    all.extend_from_slice(&sum.to_le_bytes());
    content_hash(&all)
}

/// One file's part of the [`fingerprint`]: its path and content hash.
fn file_hash(path: &Path, row: &Row) -> u64 {
    let mut entry = path.as_os_str().as_encoded_bytes().to_vec();
    entry.push(0);
    entry.extend_from_slice(&row.stamp.hash.to_le_bytes());
    content_hash(&entry)
}

/// The kept index: read from the cache file, encoded (checked and decoded
/// when used), or built by this process (written from its own buffers,
/// never encoded into one: that copy was most of the index's write).
#[derive(Clone)]
enum KeptIndexOf {
    Read(Blob),
    Built(Arc<Index>),
}

impl KeptIndexOf {
    fn decode(&self) -> Option<Index> {
        match self {
            KeptIndexOf::Read(blob) => blob.decode_index(),
            // Its buffers are shared: only the per-item table is copied.
            KeptIndexOf::Built(index) => Some(Index::clone(index)),
        }
    }
}

/// The kept index (shared with the store), decoded off the store's lock.
pub(super) struct KeptIndex {
    key: u64,
    index: KeptIndexOf,
}

impl KeptIndex {
    /// The index and the key of its corpus.
    pub(super) fn decode(self) -> Option<(u64, Index)> {
        Some((self.key, self.index.decode()?))
    }
}

/// One load's view of the store.
pub(super) struct Pass {
    old: HashMap<PathBuf, Row>,
    now_ns: u128,
    new: Mutex<HashMap<PathBuf, Row>>,
    /// A file was parsed, or its stamp renewed.
    changed: AtomicBool,
    /// The files shown in their last good version.
    shown_good: Mutex<HashSet<PathBuf>>,
    keep_decoded: bool,
}

impl Pass {
    fn keep(&self, relative: &Path, row: Row) {
        let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        new.insert(relative.to_path_buf(), row);
    }

    /// Whether the file at `path` is still what `row` was made from: same
    /// size, and the same modification time (trusted when it is well before
    /// the stamp) or else the same content hash. The row to keep, its stamp
    /// renewed when only the time changed.
    fn still(&self, row: &Row, path: &Path) -> Option<Row> {
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() != row.stamp.size {
            return None;
        }
        let modified_ns = reuse::modified_ns(&meta);
        let trusted = modified_ns == row.stamp.modified_ns
            && modified_ns + TRUSTED_AFTER.as_nanos() <= row.taken_ns;
        if trusted {
            return Some(row.clone());
        }
        let bytes = crate::fsread::read(path).ok()?;
        let stamp = Stamp::new(modified_ns, &bytes);
        if stamp.hash != row.stamp.hash {
            return None;
        }
        self.changed.store(true, Ordering::Relaxed);
        Some(Row {
            stamp,
            taken_ns: self.now_ns,
            ..row.clone()
        })
    }
}

impl Reuse for Pass {
    fn unchanged(&self, relative: &Path, path: &Path) -> Option<Arc<ParsedFile>> {
        let row = self.old.get(relative)?;
        let mut row = self.still(row, path)?;
        let parsed = match &row.decoded {
            Some(decoded) => decoded.clone(),
            None => Arc::new(row.parse.decode()?),
        };
        row.decoded = self.keep_decoded.then(|| parsed.clone());
        self.keep(relative, row);
        Some(parsed)
    }

    fn last_good(&self, relative: &Path) -> Option<ParsedFile> {
        let row = self.old.get(relative)?;
        let decoded = |kept: &Option<Arc<ParsedFile>>| kept.as_deref().cloned();
        let good = match &row.good {
            Some(good) => decoded(&row.good_decoded).or_else(|| good.decode()),
            None if !row.has_errors => decoded(&row.decoded).or_else(|| row.parse.decode()),
            None => None,
        };
        if good.is_some() {
            let mut shown = self.shown_good.lock().unwrap_or_else(|e| e.into_inner());
            shown.insert(relative.to_path_buf());
        }
        good
    }

    fn parsed(&self, relative: &Path, stamp: Stamp, parsed: &Arc<ParsedFile>) {
        let has_errors = parsed.has_errors();
        let (good, good_decoded) = match self.old.get(relative) {
            Some(old) if has_errors => match &old.good {
                Some(good) => (Some(good.clone()), old.good_decoded.clone()),
                None if !old.has_errors => (Some(old.parse.clone()), old.decoded.clone()),
                None => (None, None),
            },
            _ => (None, None),
        };
        let row = Row {
            stamp,
            taken_ns: self.now_ns,
            parse: Blob::encode(&**parsed),
            has_errors,
            good,
            decoded: self.keep_decoded.then(|| parsed.clone()),
            good_decoded: good_decoded.filter(|_| self.keep_decoded),
        };
        self.changed.store(true, Ordering::Relaxed);
        self.keep(relative, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared_text::SharedText;

    /// A parse's texts are views of the (mapped) bytes it is decoded from.
    #[test]
    fn decoded_texts_are_views_of_the_blob() {
        let blob = Blob::encode(&("titre", SharedText::from("Le corps de l’article.")));
        let (title, body): (String, SharedText) = blob.decode().unwrap();
        assert_eq!(
            (title.as_str(), body.as_str()),
            ("titre", "Le corps de l’article.")
        );
        assert!(body.is_view_of(&blob.bytes));
    }
}
