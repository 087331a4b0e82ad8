//! The on-disk corpus cache: one file per corpus directory in the user cache
//! directory (`$XDG_CACHE_HOME/chronique/`), holding each file's parse and
//! the search index. A load takes the parse of every file whose size and
//! modification time (or, when they disagree, content hash) are unchanged
//! and parses the others; the cross-file checks always run again. A cache
//! that cannot be read, or is for another version or corpus, is ignored and
//! rewritten: it can make a load faster, never different.

mod file;
mod prune;
#[cfg(test)]
mod reload_tests;
mod store;
#[cfg(test)]
mod tests;

use crate::corpus::last_good::LastGood;
use crate::corpus::load::load_dir_reusing;
use crate::corpus::patch::patch_articles;
use crate::corpus::reuse;
use crate::corpus::{Corpus, CorpusLocation, LoadError, Loaded, Progress};
use crate::search::Index;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
pub use store::Store;

/// `--no-cache`: set once, at start-up, for the whole process.
static DISABLED: AtomicBool = AtomicBool::new(false);

pub fn disable() {
    DISABLED.store(true, Ordering::Relaxed);
}

fn enabled() -> bool {
    !DISABLED.load(Ordering::Relaxed)
}

/// Where the caches live: `$XDG_CACHE_HOME/chronique` (on Linux; the
/// platform's cache directory elsewhere).
pub fn dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "chronique").map(|p| p.cache_dir().to_path_buf())
}

/// The cache of one corpus directory, shared by the first load, the search
/// index and live reload.
pub struct CorpusCache {
    corpus_dir: PathBuf,
    /// The cache file (`None` when the platform has no cache directory).
    path: Option<PathBuf>,
    store: Mutex<Store>,
    /// The kept index, decoded beside the corpus by
    /// [`CorpusCache::load_searchable`], until it is asked for.
    decoded: Mutex<Option<(u64, Index)>>,
    /// One save at a time, so an older one never renames over a newer.
    saving: Mutex<()>,
    /// What the reader's last load or reload gave, for the next reload to
    /// patch (see [`CorpusCache::reload`]). Written under the store's lock,
    /// so it is always the load the store's rows are of.
    last: Mutex<Option<Loaded>>,
    /// The files of the corpus the reader's last whole load did not read (a
    /// symlink leaving the corpus, a file it may not read), with their size
    /// and time: they have no row, yet came no more than once.
    unread: Mutex<HashMap<PathBuf, (u64, u128)>>,
}

impl CorpusCache {
    /// The cache of `corpus_dir`, read from disk when first used (empty
    /// when there is none, or it cannot be used); `None` with `--no-cache`.
    /// Opening reads nothing: the reader opens it before its first frame.
    pub fn open(corpus_dir: &Path) -> Option<Arc<CorpusCache>> {
        if !enabled() {
            return None;
        }
        Some(Arc::new(CorpusCache::open_in(corpus_dir, dir().as_deref())))
    }

    /// With the cache files in `cache_dir` (tests name one).
    pub fn open_in(corpus_dir: &Path, cache_dir: Option<&Path>) -> CorpusCache {
        let canonical = std::fs::canonicalize(corpus_dir).unwrap_or_else(|_| corpus_dir.into());
        let path = cache_dir.map(|d| d.join(file_name(&canonical)));
        let store = match &path {
            Some(path) => Store::unread(path, &canonical),
            None => Store::empty(&canonical),
        };
        CorpusCache {
            corpus_dir: corpus_dir.to_path_buf(),
            path,
            store: Mutex::new(store),
            decoded: Mutex::new(None),
            saving: Mutex::new(()),
            last: Mutex::new(None),
            unread: Mutex::new(HashMap::new()),
        }
    }

    /// Loads the corpus, parsing only the files that changed since the
    /// cache was filled. `last_good`: the reader wants each broken file shown
    /// in its last good version.
    pub fn load(
        &self,
        progress: &Progress,
        last_good: Option<&LastGood>,
    ) -> Result<Loaded, LoadError> {
        let mut store = self.lock();
        self.load_locked(&mut store, progress, last_good)
    }

    fn load_locked(
        &self,
        store: &mut Store,
        progress: &Progress,
        last_good: Option<&LastGood>,
    ) -> Result<Loaded, LoadError> {
        // Only the reader, which reloads, asks for last good versions.
        let pass = store.begin(last_good.is_some());
        let mut loaded = load_dir_reusing(&self.corpus_dir, progress, last_good, Some(&pass));
        let key = store.end(pass);
        if let Ok(loaded) = &mut loaded {
            loaded.corpus.cache_key = key;
        }
        if last_good.is_some() {
            *self.last() = loaded.as_ref().ok().cloned();
            let unread = self
                .corpus_files()
                .into_iter()
                .filter(|relative| !store.has_row(relative))
                .filter_map(|relative| Some((self.size_and_time(&relative)?, relative)))
                .map(|(stat, relative)| (relative, stat))
                .collect();
            *lock(&self.unread) = unread;
        }
        loaded
    }

    /// The timeline's path and those of the files in `articles` that are
    /// articles, relative to the corpus, whether they exist or not.
    fn corpus_files(&self) -> Vec<PathBuf> {
        let mut files = vec![PathBuf::from("timeline.yaml")];
        if let Ok(entries) = std::fs::read_dir(self.corpus_dir.join("articles")) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if reuse::is_article_name(&name.to_string_lossy()) {
                    files.push(reuse::article_path(&name));
                }
            }
        }
        files
    }

    fn size_and_time(&self, relative: &Path) -> Option<(u64, u128)> {
        let meta = std::fs::metadata(self.corpus_dir.join(relative)).ok()?;
        Some((meta.len(), reuse::modified_ns(&meta)))
    }

    /// Live reload after the files at `changed` (relative to the corpus)
    /// changed: when they are articles edited in place, the corpus of the
    /// last load with them read again and only what they touch checked
    /// again (`src/corpus/patch.rs`); else the corpus loaded whole.
    /// Whether it was patched: the files not read again are trusted to
    /// be unchanged (see [`CorpusCache::missed_changes`]).
    pub fn reload(
        &self,
        changed: &[PathBuf],
        last_good: &LastGood,
    ) -> (Result<Loaded, LoadError>, bool) {
        let mut changed = changed.to_vec();
        changed.sort();
        changed.dedup();
        let mut store = self.lock();
        let previous = self.last().take();
        if let Some(previous) = previous.filter(|_| !changed.is_empty()) {
            let pass = store.begin(true);
            let patched =
                patch_articles(&self.corpus_dir, previous, &changed, Some(last_good), &pass);
            let key = store.end_partial(pass, &changed);
            if let Some(mut loaded) = patched {
                loaded.corpus.cache_key = key;
                *self.last() = Some(loaded.clone());
                return (Ok(loaded), true);
            }
        }
        let progress = Progress::default();
        (
            self.load_locked(&mut store, &progress, Some(last_good)),
            false,
        )
    }

    /// The files that changed since the last load or reload saw them, or
    /// came or went (relative to the corpus): changes the watcher did not
    /// report (the reloader asks after a patched reload, and reloads them).
    /// Reads sizes and times only, off the store's lock.
    pub fn missed_changes(&self) -> Vec<PathBuf> {
        let mut seen = self.lock().sizes_and_times();
        // Not read, but seen as they are: no more a change than a file read.
        for (relative, stat) in lock(&self.unread).iter() {
            seen.entry(relative.clone()).or_insert(*stat);
        }
        let mut missed = Vec::new();
        for relative in self.corpus_files() {
            if self.size_and_time(&relative) != seen.remove(&relative) {
                missed.push(relative);
            }
        }
        missed.extend(seen.into_keys()); // removed
        missed.sort();
        missed
    }

    fn last(&self) -> std::sync::MutexGuard<'_, Option<Loaded>> {
        lock(&self.last)
    }

    /// [`CorpusCache::load`], and the kept index decoded on the other core
    /// meanwhile, for [`CorpusCache::cached_index`] to take when it is the
    /// loaded corpus's (a start, a search: the index is wanted next).
    pub fn load_searchable(
        &self,
        progress: &Progress,
        last_good: Option<&LastGood>,
    ) -> Result<Loaded, LoadError> {
        let kept = self.lock().kept_index();
        let (loaded, decoded) = rayon::join(
            || self.load(progress, last_good),
            || kept.and_then(|kept| kept.decode()),
        );
        if let (Ok(loaded), Some((key, index))) = (&loaded, decoded) {
            if loaded.corpus.cache_key == Some(key) {
                *self.decoded.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, index));
            }
        }
        loaded
    }

    /// The search index of `corpus`: the one kept for it when there is one,
    /// else built (and kept, when `corpus` was loaded through the cache).
    pub fn index(&self, corpus: &Corpus) -> Index {
        self.cached_index(corpus).unwrap_or_else(|| {
            let index = Index::build(corpus);
            self.keep_index(corpus, &index);
            index
        })
    }

    /// The kept index, when no file of the corpus changed since it was
    /// built: a search that prints only the index's texts needs no corpus.
    pub(crate) fn index_of_unchanged(&self) -> Option<Index> {
        self.lock().index_of_unchanged(&self.corpus_dir)
    }

    pub(crate) fn cached_index(&self, corpus: &Corpus) -> Option<Index> {
        let key = corpus.cache_key?;
        let decoded = self
            .decoded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let index = match decoded {
            Some((of, index)) if of == key => Some(index),
            _ => self.lock().index(key),
        };
        index
            .filter(|index| index.fits_corpus(corpus))
            .map(|index| index.with_bodies(corpus))
    }

    /// Keeps `index`, built from `corpus`, for the next load of the same
    /// files.
    pub(crate) fn keep_index(&self, corpus: &Corpus, index: &Index) {
        if let Some(key) = corpus.cache_key {
            // Its buffers are shared, not copied; it is encoded as it is
            // written.
            let kept = Arc::new(index.clone());
            self.lock().keep_index(key, kept);
        }
    }

    /// Writes the cache file if anything changed. Call it off the UI thread:
    /// it encodes and writes the whole corpus. A cache directory that cannot
    /// be written is no error: the next start parses again.
    pub fn save(&self) {
        let Some(path) = &self.path else { return };
        let _one_at_a_time = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        // Encoded from a copy (its bytes are shared), not under the lock a
        // load needs.
        let Some((store, generation)) = self.lock().to_save() else {
            return;
        };
        if store.write(path).is_ok() {
            self.lock().saved(generation);
            prune::once_per_process(path);
        }
    }

    /// Why the cache file on disk was not used, if it was not.
    pub fn unused_because(&self) -> Option<String> {
        self.lock().unused_because()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store.read_if_unread();
        store
    }
}

/// A lock that a panic while held does not poison for the others.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// `NAME-HASH.bin`, one file per corpus.
fn file_name(canonical: &Path) -> String {
    format!("{}.bin", CorpusLocation::file_stem(canonical))
}

/// The search index of `location` from the cache alone, when no file
/// changed since it was kept (see [`CorpusCache::index_of_unchanged`]).
/// With the cache it came from, which has the parses of those files.
pub(crate) fn index_of_unchanged(location: &CorpusLocation) -> Option<(Index, Arc<CorpusCache>)> {
    let CorpusLocation::Dir(dir) = location else {
        return None;
    };
    let cache = CorpusCache::open(dir)?;
    let index = cache.index_of_unchanged()?;
    cache.save(); // stamps renewed by a content hash
    Some((index, cache))
}

impl CorpusCache {
    /// `index`, from [`index_of_unchanged`] on this cache, able to show the
    /// paragraphs among `items` (the results a search prints): their
    /// articles' bodies decoded from the parses that were found unchanged,
    /// only theirs. `None` when one is not there.
    pub(crate) fn with_paragraphs_of(
        &self,
        index: Index,
        items: impl Iterator<Item = u32>,
    ) -> Option<Index> {
        let (articles, relatives): (Vec<u32>, Vec<PathBuf>) = (index.paragraph_files(items))
            .into_iter()
            .map(|(a, file)| (a, PathBuf::from(file)))
            .unzip();
        if articles.is_empty() {
            return Some(index);
        }
        let bodies = self.lock().article_bodies(&relatives)?;
        Some(index.with_some_bodies(articles.into_iter().zip(bodies).collect()))
    }
}

/// Loads `location` for a command (`check`, `search`, `export`): through
/// the cache for a directory, unless `--no-cache`. The cache is written
/// before returning.
pub fn load(location: &CorpusLocation) -> Result<Loaded, LoadError> {
    load_through(location, false, |_, _| ()).map(|(loaded, ())| loaded)
}

/// [`load`], then `then` with the loaded corpus and its cache (to take the
/// search index from it, decoded beside the corpus), before the cache is
/// written.
pub(crate) fn load_then<T>(
    location: &CorpusLocation,
    then: impl FnOnce(&Loaded, Option<&CorpusCache>) -> T,
) -> Result<(Loaded, T), LoadError> {
    load_through(location, true, then)
}

/// `searchable`: the index is wanted, decode it beside the corpus (`check`
/// and `export` leave its pages unread).
fn load_through<T>(
    location: &CorpusLocation,
    searchable: bool,
    then: impl FnOnce(&Loaded, Option<&CorpusCache>) -> T,
) -> Result<(Loaded, T), LoadError> {
    let cache = match location {
        CorpusLocation::Dir(dir) => CorpusCache::open(dir),
        CorpusLocation::Embedded => None,
    };
    let Some(cache) = cache else {
        let loaded = location.load(&Progress::default())?;
        let value = then(&loaded, None);
        return Ok((loaded, value));
    };
    let loaded = match searchable {
        true => cache.load_searchable(&Progress::default(), None)?,
        false => cache.load(&Progress::default(), None)?,
    };
    let value = then(&loaded, Some(&cache));
    cache.save();
    Ok((loaded, value))
}
