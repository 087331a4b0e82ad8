//! Removing cache files nobody will read again: the cache of a corpus
//! directory that no longer exists (its file name is a hash of the corpus's
//! path, so a moved or deleted corpus leaves its cache behind), and the
//! partial file of a write that was killed before its rename. Run once per
//! process, after a cache was written: only files this program wrote are
//! removed, and only from its own cache directory.

use super::file::{FORMAT_VERSION, HEADER_LEN, MAGIC, PARTIAL_PREFIX, PARTIAL_SUFFIX};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, SystemTime};

/// A partial file younger than this may be another process's write still
/// going on.
const PARTIAL_AGE: Duration = Duration::from_secs(3600);

/// A corpus that is not there may only be out of reach for a while (a
/// removable disk not mounted, a network share, a container that sees
/// another file system): its cache is removed only once it has not been
/// written for this long.
const STALE_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// The header and the table's first fields (the chronique version and the
/// corpus directory): enough for any path a file system allows.
const HEAD_BYTES: u64 = (HEADER_LEN + 64 * 1024) as u64;

/// Prunes the directory of `written`, once per process.
pub(super) fn once_per_process(written: &Path) {
    static DONE: Once = Once::new();
    DONE.call_once(|| {
        if let Some(dir) = written.parent() {
            prune(dir, SystemTime::now());
        }
    });
}

/// What [`prune`] removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Pruned {
    pub stale: Vec<PathBuf>,
    pub partial: Vec<PathBuf>,
}

/// Removes from `dir` the caches of corpus directories that are gone, not
/// written for a week at `now`, and the partial files older than an hour. A file that cannot be
/// read, or is not recognisably ours, is left alone; errors are ignored (a
/// cache that stays only takes room).
pub(super) fn prune(dir: &Path, now: SystemTime) -> Pruned {
    let mut pruned = Pruned::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return pruned;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let older_than = |limit: Duration| {
            meta.modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age > limit)
        };
        if name.starts_with(PARTIAL_PREFIX) && name.ends_with(PARTIAL_SUFFIX) {
            if older_than(PARTIAL_AGE) && std::fs::remove_file(&path).is_ok() {
                pruned.partial.push(path);
            }
        } else if name.ends_with(".bin") && older_than(STALE_AGE) {
            let gone = corpus_dir_of(&path).is_some_and(|corpus| {
                matches!(std::fs::metadata(&corpus), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
            });
            if gone && std::fs::remove_file(&path).is_ok() {
                pruned.stale.push(path);
            }
        }
    }
    pruned
}

/// The corpus directory a cache file of any chronique release up to this
/// one was written for (every format so far starts its table with the
/// release and the directory: see `file::Table`), when it is a cache file.
fn corpus_dir_of(path: &Path) -> Option<PathBuf> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    if head.len() < HEADER_LEN || &head[..MAGIC.len()] != MAGIC {
        return None;
    }
    // A later format may lay its table out otherwise.
    let version = u32::from_le_bytes(head[MAGIC.len()..MAGIC.len() + 4].try_into().ok()?);
    if version > FORMAT_VERSION {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct TableHead {
        _chronique_version: String,
        corpus_dir: PathBuf,
    }
    let (table, _): (TableHead, usize) =
        bincode::serde::decode_from_slice(&head[HEADER_LEN..], super::file::config()).ok()?;
    table.corpus_dir.is_absolute().then_some(table.corpus_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::CorpusCache;
    use crate::corpus::Progress;

    /// A corpus of one event in `dir`, and its cache written to `cache`.
    fn cached_corpus(dir: &Path, cache: &Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join("timeline.yaml"),
            "events:\n  - id: e\n    date: 2021-01-08\n    title: Un\n",
        )
        .unwrap();
        let corpus = CorpusCache::open_in(dir, Some(cache));
        corpus.load(&Progress::default(), None).unwrap();
        corpus.save();
        let written: Vec<PathBuf> = std::fs::read_dir(cache)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "bin"))
            .filter(|p| corpus_dir_of(p) == Some(std::fs::canonicalize(dir).unwrap()))
            .collect();
        assert_eq!(written.len(), 1, "{written:?}");
        written[0].clone()
    }

    #[test]
    fn the_cache_of_a_removed_corpus_goes_the_others_stay() {
        let root = tempfile::tempdir().unwrap();
        let cache = root.path().join("cache");
        let kept = cached_corpus(&root.path().join("kept"), &cache);
        let removed = cached_corpus(&root.path().join("removed"), &cache);
        // Not ours: same extension, no header.
        let foreign = cache.join("notes.bin");
        std::fs::write(&foreign, "not a cache").unwrap();
        std::fs::remove_dir_all(root.path().join("removed")).unwrap();

        // Out of reach for less than a week (a disk not mounted): kept.
        let now = SystemTime::now();
        assert_eq!(prune(&cache, now), Pruned::default());
        assert!(removed.exists());
        let later = now + STALE_AGE + Duration::from_secs(60);
        let pruned = prune(&cache, later);
        assert_eq!(pruned.stale, std::slice::from_ref(&removed));
        assert!(kept.exists() && foreign.exists() && !removed.exists());
        assert_eq!(prune(&cache, later), Pruned::default());
    }

    /// A later format's table may not start as ours do: not read, kept.
    #[test]
    fn a_cache_of_a_later_format_is_left_alone() {
        let root = tempfile::tempdir().unwrap();
        let cache = root.path().join("cache");
        let later_format = cached_corpus(&root.path().join("c"), &cache);
        let mut bytes = std::fs::read(&later_format).unwrap();
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        std::fs::write(&later_format, bytes).unwrap();
        std::fs::remove_dir_all(root.path().join("c")).unwrap();
        let later = SystemTime::now() + STALE_AGE + Duration::from_secs(60);
        assert_eq!(prune(&cache, later), Pruned::default());
        assert!(later_format.exists());
    }

    #[test]
    fn a_partial_write_is_removed_once_it_is_an_hour_old() {
        let cache = tempfile::tempdir().unwrap();
        let partial = cache
            .path()
            .join(format!("{PARTIAL_PREFIX}abc123{PARTIAL_SUFFIX}"));
        let other = cache.path().join(".tmpabc123");
        std::fs::write(&partial, "half a cache").unwrap();
        std::fs::write(&other, "someone else's").unwrap();
        let now = SystemTime::now();
        assert_eq!(prune(cache.path(), now), Pruned::default(), "young: kept");
        let later = now + PARTIAL_AGE + Duration::from_secs(60);
        assert_eq!(
            prune(cache.path(), later).partial,
            std::slice::from_ref(&partial)
        );
        assert!(!partial.exists() && other.exists());
    }
}
