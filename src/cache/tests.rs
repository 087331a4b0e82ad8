//! The cache never changes an answer: hits, misses, damaged and foreign
//! cache files, an unwritable cache directory, and cached loads equal to
//! uncached ones. Every cache here lives in a temporary directory.

use super::CorpusCache;
use crate::corpus::last_good::LastGood;
use crate::corpus::{load_dir, Loaded, Progress};
use crate::generate::{self, Spec};
use crate::search::{Index, Query, SearchOptions};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

const TIMELINE: &str = "events:\n  - id: a\n    date: 2021-01-06\n    title: First\n";

fn article(id: &str, title: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: {title}\nevents: [a]\nquotes:\n  - {{id: q, text: le mot juste}}\n---\nIl a dit le mot juste.\n"
    )
}

struct Setup {
    corpus: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let corpus = tempfile::tempdir().unwrap();
        std::fs::create_dir(corpus.path().join("articles")).unwrap();
        std::fs::write(corpus.path().join("timeline.yaml"), TIMELINE).unwrap();
        for (id, title) in [("one", "Premier"), ("two", "Second")] {
            std::fs::write(article_path(corpus.path(), id), article(id, title)).unwrap();
        }
        Setup {
            corpus,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn dir(&self) -> &Path {
        self.corpus.path()
    }

    /// A load through a cache opened afresh from disk, then saved.
    fn load(&self) -> (Loaded, CorpusCache) {
        let cache = CorpusCache::open_in(self.dir(), Some(self.cache.path()));
        let loaded = cache.load(&Progress::default(), None).unwrap();
        cache.save();
        (loaded, cache)
    }

    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(self.cache.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }
}

fn article_path(dir: &Path, id: &str) -> PathBuf {
    dir.join("articles").join(format!("{id}.md"))
}

/// Writes `text` to `path` keeping the size and modification time it had:
/// the one change the cache cannot see without hashing, used here to tell
/// a file taken from the cache from a file parsed again.
fn write_unseen(path: &Path, text: &str) {
    let before = std::fs::metadata(path).unwrap();
    assert_eq!(before.len() as usize, text.len());
    std::fs::write(path, text).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
}

/// Every file dated an hour ago, so the cache trusts its modification time.
fn age(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for path in [dir.join("timeline.yaml")].into_iter().chain(
        std::fs::read_dir(dir.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| e.path()),
    ) {
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(old).unwrap();
    }
}

fn titles(loaded: &Loaded) -> Vec<String> {
    loaded
        .corpus
        .articles
        .iter()
        .map(|a| a.title.clone())
        .collect()
}

/// What `chronique check` prints.
fn report(loaded: &Loaded) -> String {
    let mut out = Vec::new();
    crate::check::report(loaded, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn assert_same(cached: &Loaded, dir: &Path) {
    let plain = load_dir(dir, &Progress::default()).unwrap();
    assert_eq!(cached.corpus.events, plain.corpus.events);
    assert_eq!(cached.corpus.articles, plain.corpus.articles);
    assert_eq!(cached.corpus.title, plain.corpus.title);
    assert_eq!(report(cached), report(&plain));
}

#[test]
fn an_unchanged_file_is_taken_from_the_cache_and_a_changed_one_parsed_again() {
    let s = Setup::new();
    age(s.dir());
    let (first, _) = s.load();
    assert_eq!(titles(&first), ["Premier", "Second"]);
    // Same size, same time: taken from the cache (the old title shows).
    write_unseen(&article_path(s.dir(), "one"), &article("one", "Prumier"));
    let (hit, _) = s.load();
    assert_eq!(titles(&hit), ["Premier", "Second"]);
    // Another file changes size: it alone is parsed again.
    std::fs::write(article_path(s.dir(), "two"), article("two", "Deuxième")).unwrap();
    let (miss, _) = s.load();
    assert_eq!(titles(&miss), ["Premier", "Deuxième"]);
}

#[test]
fn a_touched_file_with_the_same_bytes_is_a_hit_and_new_removed_renamed_files_are_seen() {
    let s = Setup::new();
    age(s.dir());
    s.load();
    // A new time, the same bytes: the content hash says unchanged.
    let one = article_path(s.dir(), "one");
    std::fs::File::options()
        .write(true)
        .open(&one)
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    let (touched, _) = s.load();
    assert_same(&touched, s.dir());
    std::fs::write(
        article_path(s.dir(), "three"),
        article("three", "Troisième"),
    )
    .unwrap();
    std::fs::rename(&one, article_path(s.dir(), "renamed")).unwrap();
    std::fs::remove_file(article_path(s.dir(), "two")).unwrap();
    let (changed, _) = s.load();
    let paths: Vec<String> = changed
        .corpus
        .articles
        .iter()
        .map(|a| a.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths, ["renamed.md", "three.md"]);
    assert_same(&changed, s.dir());
}

#[test]
fn check_prints_the_same_problems_at_the_same_places_from_a_warm_cache() {
    let s = Setup::new();
    std::fs::write(
        article_path(s.dir(), "bad"),
        "---\nid: Bad Id\ntitle: [\n---\nbody\n",
    )
    .unwrap();
    std::fs::write(
        article_path(s.dir(), "unknown"),
        article("unknown", "X").replace("events: [a]", "events: [nope]"),
    )
    .unwrap();
    let (cold, _) = s.load();
    assert!(cold.errors() >= 2, "{}", report(&cold));
    let (warm, _) = s.load();
    assert_eq!(report(&warm), report(&cold));
    assert_same(&warm, s.dir());
}

#[test]
fn a_damaged_truncated_or_foreign_cache_file_is_ignored_and_rewritten() {
    let s = Setup::new();
    age(s.dir());
    s.load();
    let file = s.cache_file();
    let good = std::fs::read(&file).unwrap();
    // Same size and time: only a cache that is used would show the old title.
    write_unseen(&article_path(s.dir(), "one"), &article("one", "Prumier"));
    let step = (good.len() / 61).max(1);
    let mut damaged: Vec<Vec<u8>> = (0..good.len())
        .step_by(step)
        .map(|at| {
            let mut bytes = good.clone();
            bytes[at] ^= 0x5a;
            bytes
        })
        .collect();
    damaged.extend((0..good.len()).step_by(step).map(|at| good[..at].to_vec()));
    for bytes in damaged {
        std::fs::write(&file, &bytes).unwrap();
        let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
        let loaded = cache.load(&Progress::default(), None).unwrap();
        // Used entries are intact; the damaged one was parsed again.
        let title = &loaded.corpus.articles[0].title;
        assert!(title == "Premier" || title == "Prumier", "{title}");
        assert_eq!(loaded.corpus.articles[1].title, "Second");
        assert_eq!(loaded.corpus.events.len(), 1);
        if title == "Prumier" {
            // Parsed again: it is what the file says.
            assert_same(&loaded, s.dir());
        }
    }
    // Rewritten when unusable: the next load is a hit again.
    let mut version = good.clone();
    version[16..20].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(&file, version).unwrap();
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert!(cache.unused_because().unwrap().contains("format 99"));
    cache.load(&Progress::default(), None).unwrap();
    cache.save();
    let again = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert_eq!(again.unused_because(), None);
}

#[test]
fn a_cache_of_another_version_or_corpus_is_not_used() {
    let s = Setup::new();
    age(s.dir());
    s.load();
    let file = s.cache_file();
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[16] = bytes[16].wrapping_add(1); // the format version
    std::fs::write(&file, &bytes).unwrap();
    write_unseen(&article_path(s.dir(), "one"), &article("one", "Prumier"));
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert!(cache.unused_because().unwrap().contains("format"));
    let loaded = cache.load(&Progress::default(), None).unwrap();
    assert_eq!(titles(&loaded), ["Prumier", "Second"]);

    // Another corpus's cache under this corpus's name.
    let other = Setup::new();
    other.load();
    std::fs::copy(other.cache_file(), &file).unwrap();
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert!(cache.unused_because().unwrap().contains("another corpus"));
    assert_same(&cache.load(&Progress::default(), None).unwrap(), s.dir());
}

#[test]
fn the_index_alone_is_used_only_while_no_file_is_new_removed_or_changed() {
    let s = Setup::new();
    let (loaded, cache) = s.load();
    cache.index(&loaded.corpus);
    cache.save();
    let open = || CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert!(open().index_of_unchanged().is_some());
    let three = article_path(s.dir(), "three");
    std::fs::write(&three, article("three", "Troisième")).unwrap();
    assert!(open().index_of_unchanged().is_none(), "a new file");
    std::fs::remove_file(&three).unwrap();
    assert!(open().index_of_unchanged().is_some());
    std::fs::remove_file(article_path(s.dir(), "two")).unwrap();
    assert!(open().index_of_unchanged().is_none(), "a removed file");
    std::fs::write(article_path(s.dir(), "two"), article("two", "Seconde")).unwrap();
    assert!(open().index_of_unchanged().is_none(), "a changed file");
}

#[test]
fn an_unwritable_cache_directory_only_means_no_cache() {
    let s = Setup::new();
    // A file where the directory should be: nothing can be created in it
    // (permissions would not stop the root user that CI runs as).
    let blocker = s.cache.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let cache = CorpusCache::open_in(s.dir(), Some(&blocker.join("chronique")));
    let loaded = cache.load(&Progress::default(), None).unwrap();
    cache.save();
    assert_same(&loaded, s.dir());
    assert_eq!(
        cache.index(&loaded.corpus).len(),
        Index::build(&loaded.corpus).len()
    );
}

#[test]
fn the_reader_shows_a_broken_file_s_last_good_version_from_the_cache() {
    let s = Setup::new();
    s.load();
    std::fs::write(
        article_path(s.dir(), "one"),
        "---\nid: one\ntitle: [\n---\n",
    )
    .unwrap();
    // The reader (a last good version wanted) in a new session.
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    let reader = cache
        .load(&Progress::default(), Some(&LastGood::default()))
        .unwrap();
    assert_eq!(titles(&reader), ["Premier", "Second"]);
    assert!(reader
        .diagnostics
        .iter()
        .any(|d| d.message.contains("last good")));
    // Its index is not kept as the files': `check` sees the broken file.
    cache.index(&reader.corpus);
    cache.save();
    let (check, cache) = s.load();
    assert_eq!(titles(&check), ["Second"]);
    assert_same(&check, s.dir());
    assert_eq!(
        cache.index(&check.corpus).len(),
        Index::build(&check.corpus).len()
    );
}

#[test]
fn a_reader_s_reload_takes_the_parses_the_load_before_kept_decoded() {
    use crate::corpus::reuse::Reuse;
    let s = Setup::new();
    age(s.dir());
    s.load();
    let canonical = std::fs::canonicalize(s.dir()).unwrap();
    let mut store = super::Store::read(&s.cache_file(), &canonical);
    let relative = Path::new("articles/one.md");
    let path = s.dir().join(relative);
    let mut take = |keep_decoded| {
        let pass = store.begin(keep_decoded);
        let parsed = pass.unchanged(relative, &path).expect("unchanged");
        store.end(pass);
        parsed
    };
    let first = take(true);
    let reload = take(true);
    assert!(std::sync::Arc::ptr_eq(&first, &reload), "not decoded again");
    // A command's load keeps nothing decoded for a next one.
    take(false);
    assert!(!std::sync::Arc::ptr_eq(&first, &take(false)));
}

#[test]
fn after_a_clean_edit_the_reader_s_corpus_is_the_files_and_its_index_is_kept() {
    let s = Setup::new();
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    let reader = LastGood::default();
    let first = cache.load(&Progress::default(), Some(&reader)).unwrap();
    std::fs::write(article_path(s.dir(), "two"), article("two", "Deuxième")).unwrap();
    let reloaded = cache.load(&Progress::default(), Some(&reader)).unwrap();
    assert_eq!(titles(&reloaded), ["Premier", "Deuxième"]);
    assert_same(&reloaded, s.dir());
    // Not taken for a corpus showing a last good version: its index is
    // kept, and the next start finds it.
    assert!(reloaded.corpus.cache_key.is_some());
    assert_ne!(reloaded.corpus.cache_key, first.corpus.cache_key);
    cache.index(&reloaded.corpus);
    cache.save();
    let next = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    assert!(next.index_of_unchanged().is_some());
}

#[test]
fn a_start_decodes_the_kept_index_beside_the_corpus_when_it_is_the_corpus_s() {
    let s = Setup::new();
    age(s.dir());
    let (loaded, cache) = s.load();
    cache.index(&loaded.corpus);
    cache.save();
    let decoded = |cache: &CorpusCache| cache.decoded.lock().unwrap().is_some();
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    let loaded = cache.load_searchable(&Progress::default(), None).unwrap();
    assert!(decoded(&cache), "decoded beside the load");
    let index = cache.cached_index(&loaded.corpus).expect("the kept index");
    assert!(!decoded(&cache), "taken, not kept twice");
    for query in ["mot", "q: juste", "premier"] {
        assert_eq!(
            answers(&index, query),
            answers(&Index::build(&loaded.corpus), query)
        );
    }
    // Once a file changed, the kept index is another corpus's: not used.
    std::fs::write(article_path(s.dir(), "two"), article("two", "Deuxième")).unwrap();
    let cache = CorpusCache::open_in(s.dir(), Some(s.cache.path()));
    let loaded = cache.load_searchable(&Progress::default(), None).unwrap();
    assert!(!decoded(&cache));
    assert!(cache.cached_index(&loaded.corpus).is_none());
}

fn answers(index: &Index, query: &str) -> Vec<(String, i64)> {
    let q = Query::parse(query, SearchOptions::default());
    let hits = index.search(&q, &AtomicBool::new(false)).unwrap();
    hits.iter()
        .map(|h| (index.item(h.item).id.to_string(), h.score))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Cold, warm, and after an edit: the cached load is the uncached one,
    /// and so are the search answers.
    #[test]
    fn cached_loads_and_searches_equal_uncached_ones(
        articles in 0usize..12,
        events in 0usize..15,
        seed in 0u64..1000,
        edited in 0usize..12,
        query in prop::sample::select(vec!["le", "gouvernement", "e: 2021", "q: paris", "mot"]),
    ) {
        let corpus = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        let spec = Spec { articles, events, quotes_per_article: 3, body_bytes: 300, seed };
        generate::write(corpus.path(), &spec).unwrap();
        let check = |cache: &CorpusCache| {
            // As a start and a search load: the kept index decoded beside.
            let cached = cache.load_searchable(&Progress::default(), None).unwrap();
            let plain = load_dir(corpus.path(), &Progress::default()).unwrap();
            prop_assert_eq!(&cached.corpus.events, &plain.corpus.events);
            prop_assert_eq!(&cached.corpus.articles, &plain.corpus.articles);
            prop_assert_eq!(report(&cached), report(&plain));
            let index = cache.index(&cached.corpus);
            prop_assert_eq!(answers(&index, query), answers(&Index::build(&plain.corpus), query));
            cache.save();
            Ok(())
        };
        let open = || CorpusCache::open_in(corpus.path(), Some(cache_dir.path()));
        for _ in 0..2 {
            check(&open())?;
        }
        // Unchanged files: the index alone, without the corpus.
        let plain = load_dir(corpus.path(), &Progress::default()).unwrap();
        let quick = open().index_of_unchanged().expect("the index of unchanged files");
        prop_assert_eq!(answers(&quick, query), answers(&Index::build(&plain.corpus), query));
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.path().join("articles"))
            .unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        let (file, text) = match files.get(edited) {
            Some(file) => {
                let text = std::fs::read_to_string(file).unwrap();
                (file.clone(), text.replacen("title: ", "title: Édité ", 1))
            }
            None => (corpus.path().join("timeline.yaml"), "events: []\n".to_string()),
        };
        let changed = std::fs::read_to_string(&file).unwrap() != text;
        std::fs::write(&file, text).unwrap();
        if changed {
            prop_assert!(open().index_of_unchanged().is_none());
        }
        check(&open())?;
    }
}

#[cfg(unix)]
#[test]
fn the_same_corpus_named_another_way_shows_its_own_paths() {
    let s = Setup::new();
    std::fs::write(
        article_path(s.dir(), "bad"),
        "---\nid: Bad\ntitle: T\n---\n",
    )
    .unwrap();
    s.load();
    let link = tempfile::tempdir().unwrap();
    let other_name = link.path().join("same-corpus");
    std::os::unix::fs::symlink(s.dir(), &other_name).unwrap();
    let cache = CorpusCache::open_in(&other_name, Some(s.cache.path()));
    assert_eq!(cache.unused_because(), None, "one cache for both names");
    let loaded = cache.load(&Progress::default(), None).unwrap();
    assert!(
        report(&loaded).contains("same-corpus/articles/bad.md:2:5"),
        "{}",
        report(&loaded)
    );
    assert_same(&loaded, &other_name);
}

/// Serde refuses a path that is not UTF-8 (Linux allows any bytes in a
/// name): such a corpus loads as without a cache, twice, and no panic.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_only_means_no_cache() {
    use std::os::unix::ffi::OsStrExt;
    let setup = Setup::new();
    let odd = std::ffi::OsStr::from_bytes(b"tr\xffois.md");
    std::fs::write(
        setup.dir().join("articles").join(odd),
        article("trois", "Troisième"),
    )
    .unwrap();
    for _ in 0..2 {
        let (loaded, _) = setup.load();
        assert_same(&loaded, setup.dir());
    }
}
