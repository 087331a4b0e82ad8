//! A live reload gives exactly what a full load of the files gives: small
//! generated corpora edited at random on disk (an article's title, body,
//! quotes or events; an id duplicated; a file added, removed, broken and
//! fixed; the timeline), each edit reloaded as the watcher reports it
//! ([`CorpusCache::reload`], which patches the corpus when it can) and
//! compared with a load of the whole corpus from the same cache, and with
//! a fresh `load_dir` whenever no file shows its last good version.

use super::CorpusCache;
use crate::corpus::last_good::LastGood;
use crate::corpus::load::load_dir_keeping;
use crate::corpus::{load_dir, Loaded, Progress};
use crate::generate::{self, Spec};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy)]
enum Edit {
    Title,
    Body,
    QuoteText,
    QuoteEvents,
    ArticleEvents,
    UnknownEvent,
    DuplicateId,
    Published,
    Added,
    Removed,
    Broken,
    Fixed,
    Timeline,
}

const EDITS: [Edit; 13] = [
    Edit::Title,
    Edit::Body,
    Edit::QuoteText,
    Edit::QuoteEvents,
    Edit::ArticleEvents,
    Edit::UnknownEvent,
    Edit::DuplicateId,
    Edit::Published,
    Edit::Added,
    Edit::Removed,
    Edit::Broken,
    Edit::Fixed,
    Edit::Timeline,
];

/// The corpus directory as the test edits it.
struct Corpus {
    dir: PathBuf,
    /// Broken files and their last text without errors.
    broken: Vec<(PathBuf, String)>,
    added: usize,
}

impl Corpus {
    fn articles(&self) -> Vec<PathBuf> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.join("articles"))
            .unwrap()
            .flatten()
            .map(|e| Path::new("articles").join(e.file_name()))
            .collect();
        names.sort();
        names
    }

    fn read(&self, relative: &Path) -> String {
        std::fs::read_to_string(self.dir.join(relative)).unwrap()
    }

    fn write(&self, relative: &Path, text: &str) {
        std::fs::write(self.dir.join(relative), text).unwrap();
    }

    /// Applies `edit` to article `k` (modulo their number): the files it
    /// changed, as the watcher names them.
    fn edit(&mut self, edit: Edit, k: usize) -> Vec<PathBuf> {
        let articles = self.articles();
        let timeline = PathBuf::from("timeline.yaml");
        if articles.is_empty() || matches!(edit, Edit::Timeline) {
            let text = self.read(&timeline);
            self.write(
                &timeline,
                &text.replacen("    title: ", "    title: Neuf ", 1),
            );
            return vec![timeline];
        }
        let path = articles[k % articles.len()].clone();
        let text = self.read(&path);
        let edited = match edit {
            Edit::Title => text.replacen("title: ", "title: Édité ", 1),
            Edit::Body => format!("{text}\nUn paragraphe de plus.\n"),
            // The quoted passage no longer in the body: an error.
            Edit::QuoteText => text.replacen("    text: ", "    text: Jamais dit ", 1),
            Edit::QuoteEvents => text.replacen("    events: [", "    events: [evt-000001, ", 1),
            Edit::ArticleEvents => text.replacen("\nevents:", "\nevents:\n  - evt-000002", 1),
            Edit::UnknownEvent => text.replacen("\nevents:", "\nevents:\n  - evt-inconnu", 1),
            Edit::DuplicateId => {
                let other = self.read(&articles[(k + 1) % articles.len()]);
                let other_id = other.lines().nth(1).unwrap().to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                lines[1] = &other_id;
                lines.join("\n")
            }
            Edit::Published => text.replacen("published: ", "published: 2019-01-01\nx: ", 1),
            Edit::Added => {
                self.added += 1;
                let copy = PathBuf::from(format!("articles/zz-{}.md", self.added));
                let id = format!("id: ajout-{}", self.added);
                self.write(&copy, &text.replacen("id: ", &format!("{id}\nx-id: "), 1));
                return vec![copy];
            }
            Edit::Removed => {
                std::fs::remove_file(self.dir.join(&path)).unwrap();
                self.broken.retain(|(p, _)| *p != path);
                return vec![path];
            }
            Edit::Broken => {
                if !self.broken.iter().any(|(p, _)| *p == path) {
                    self.broken.push((path.clone(), text.clone()));
                }
                text.replacen("title: ", "title: [", 1)
            }
            Edit::Fixed => match self.broken.pop() {
                Some((broken, good)) => {
                    self.write(&broken, &good);
                    return vec![broken];
                }
                None => text,
            },
            Edit::Timeline => unreachable!("edited above"),
        };
        self.write(&path, &edited);
        vec![path]
    }
}

/// The corpus and diagnostics, the cache key aside (a fresh load has none).
fn without_key(mut loaded: Loaded) -> Loaded {
    loaded.corpus.cache_key = None;
    loaded
}

fn assert_same(got: &Loaded, want: &Loaded, what: &str) {
    assert_eq!(got.diagnostics, want.diagnostics, "{what}: diagnostics");
    assert!(got.corpus == want.corpus, "{what}: the corpus differs");
}

/// A generated corpus on disk, loaded once through its cache as the
/// reader loads it, and the files as the test edits them.
struct Fixture {
    _dirs: (tempfile::TempDir, tempfile::TempDir),
    cache: CorpusCache,
    last_good: LastGood,
    corpus: Corpus,
}

impl Fixture {
    fn new(spec: &Spec) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = tempfile::tempdir().unwrap();
        generate::write(dir.path(), spec).unwrap();
        let cache = CorpusCache::open_in(dir.path(), Some(cache_dir.path()));
        let last_good = LastGood::default();
        cache.load(&Progress::default(), Some(&last_good)).unwrap();
        let corpus = Corpus {
            dir: dir.path().to_path_buf(),
            broken: Vec::new(),
            added: 0,
        };
        Fixture {
            _dirs: (dir, cache_dir),
            cache,
            last_good,
            corpus,
        }
    }

    /// Applies `edit` and reloads the files it changed; whether the reload
    /// was patched.
    fn edit_and_reload(&mut self, edit: Edit, k: usize) -> (Loaded, bool) {
        let changed = self.corpus.edit(edit, k);
        let (reloaded, patched) = self.cache.reload(&changed, &self.last_good);
        (reloaded.unwrap(), patched)
    }
}

/// A small generated corpus, and edits: which one (in [`EDITS`]) and of
/// which article.
fn corpus_and_edits() -> impl Strategy<Value = (Spec, Vec<(usize, usize)>)> {
    let edits = proptest::collection::vec((0usize..EDITS.len(), 0usize..8), 1..8);
    (1usize..9, 1usize..5, 0u64..1000, edits).prop_map(|(articles, events, seed, edits)| {
        let spec = Spec {
            articles,
            events,
            quotes_per_article: 2,
            body_bytes: 300,
            seed,
        };
        (spec, edits)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_reload_gives_what_a_full_load_gives(
        (spec, edits) in corpus_and_edits(),
    ) {
        let mut fixture = Fixture::new(&spec);
        for (step, (edit, k)) in edits.into_iter().enumerate() {
            let edit = EDITS[edit];
            let (reloaded, _) = fixture.edit_and_reload(edit, k);
            let what = format!("step {step}, {edit:?} of article {k}");
            // Nothing changed since: the whole corpus from the same cache.
            let full = fixture.cache.load(&Progress::default(), Some(&fixture.last_good)).unwrap();
            prop_assert_eq!(reloaded.corpus.cache_key, full.corpus.cache_key);
            assert_same(&reloaded, &full, &what);
            // No key: a file is shown in its last good version.
            if reloaded.corpus.cache_key.is_some() {
                let fresh = load_dir(&fixture.corpus.dir, &Progress::default()).unwrap();
                assert_same(&without_key(reloaded), &fresh, &what);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// As above, but each reload patches the one before (a load of the
    /// whole corpus through the cache starts the patches again from it):
    /// compared with a load that shares nothing with the cache, keeping
    /// the last good files as a reader without a cache does.
    #[test]
    fn reloads_patched_one_after_another_give_what_a_full_load_gives(
        (spec, edits) in corpus_and_edits(),
    ) {
        let mut fixture = Fixture::new(&spec);
        let aside = LastGood::default();
        let progress = Progress::default();
        load_dir_keeping(&fixture.corpus.dir, &progress, Some(&aside)).unwrap();
        let mut last = None;
        for (step, (edit, k)) in edits.into_iter().enumerate() {
            let edit = EDITS[edit];
            let (reloaded, _) = fixture.edit_and_reload(edit, k);
            let what = format!("step {step}, {edit:?} of article {k}");
            let full = load_dir_keeping(&fixture.corpus.dir, &progress, Some(&aside)).unwrap();
            last = Some(reloaded.corpus.cache_key);
            assert_same(&without_key(reloaded), &full, &what);
        }
        let whole = fixture.cache.load(&progress, Some(&fixture.last_good)).unwrap();
        prop_assert_eq!(last, Some(whole.corpus.cache_key), "the key of the last patch");
    }
}

fn small() -> Fixture {
    Fixture::new(&Spec {
        articles: 4,
        events: 4,
        quotes_per_article: 2,
        body_bytes: 300,
        seed: 7,
    })
}

#[test]
fn an_article_edited_in_place_is_patched_and_a_new_one_loads_the_corpus() {
    let mut fixture = small();
    let (reloaded, patched) = fixture.edit_and_reload(Edit::Title, 0);
    assert!(patched, "a title edited: patched");
    assert!(reloaded.corpus.articles[0].title.starts_with("Édité"));
    let (_, patched) = fixture.edit_and_reload(Edit::Added, 0);
    assert!(!patched, "a new file: loaded whole");
    let (_, patched) = fixture.edit_and_reload(Edit::Published, 1);
    assert!(!patched, "a new date: loaded whole");
}

#[test]
fn a_broken_article_keeps_its_last_good_version_through_patched_reloads() {
    let mut fixture = small();
    let before = fixture.cache.reload(&[], &fixture.last_good).0.unwrap();
    let broken_path = fixture.corpus.articles()[0].clone();
    let (broken, patched) = fixture.edit_and_reload(Edit::Broken, 0);
    assert!(patched);
    let shown = broken
        .corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with(&broken_path))
        .expect("the last good version stays");
    let was = before.corpus.articles.iter().find(|a| a.id == shown.id);
    assert_eq!(Some(shown), was);
    assert!(broken.errors() > 0, "its errors are listed");
    assert_eq!(broken.corpus.cache_key, None, "not the files' corpus");
    // Another article edited: the broken one still shows its good version.
    let (again, patched) = fixture.edit_and_reload(Edit::Title, 1);
    assert!(patched);
    assert!(again.corpus.articles.iter().any(|a| a == shown));
    assert_eq!(again.diagnostics, broken.diagnostics);
    assert_eq!(again.corpus.cache_key, None);
    let (fixed, _) = fixture.edit_and_reload(Edit::Fixed, 0);
    assert!(fixed.corpus.cache_key.is_some(), "the files' again");
}

#[test]
fn a_change_the_watcher_did_not_report_is_found_after_a_patched_reload() {
    let mut fixture = small();
    assert!(fixture.edit_and_reload(Edit::Title, 0).1);
    let none: Vec<PathBuf> = Vec::new();
    assert_eq!(fixture.cache.missed_changes(), none, "all reported");
    let unreported = fixture.corpus.edit(Edit::Body, 2);
    assert!(fixture.edit_and_reload(Edit::Title, 1).1);
    assert_eq!(fixture.cache.missed_changes(), unreported);
    let (caught, patched) = fixture.cache.reload(&unreported, &fixture.last_good);
    assert!(patched, "an article edited in place: patched too");
    let fresh = load_dir(&fixture.corpus.dir, &Progress::default()).unwrap();
    assert_same(&without_key(caught.unwrap()), &fresh, "caught");
    assert_eq!(fixture.cache.missed_changes(), none, "up to date");
    let added = fixture.corpus.edit(Edit::Added, 0); // not reported
    let removed = fixture.corpus.edit(Edit::Removed, 1);
    let mut both = [added, removed].concat();
    both.sort();
    assert_eq!(
        fixture.cache.missed_changes(),
        both,
        "a file came, one went"
    );
}

/// Neither a patch nor a whole reload copies an article that did not
/// change: the new corpus shares it with the one before (and with the
/// parse the cache keeps).
#[test]
fn a_reload_shares_the_unchanged_articles_with_the_corpus_before() {
    let mut fixture = small();
    let reload_whole = |fixture: &Fixture| {
        let progress = Progress::default();
        fixture
            .cache
            .load(&progress, Some(&fixture.last_good))
            .unwrap()
    };
    let before = reload_whole(&fixture);
    let files = fixture.corpus.articles();
    let (patched, was_patched) = fixture.edit_and_reload(Edit::Title, 0);
    assert!(was_patched);
    fixture.corpus.edit(Edit::Title, 1); // then the corpus loaded whole
    let whole = reload_whole(&fixture);
    let (a, b, c) = (&before.corpus, &patched.corpus, &whole.corpus);
    for i in 0..a.articles.len() {
        let is = |k: usize| a.articles[i].path.ends_with(&files[k]);
        assert_eq!(b.articles.same_at(&a.articles, i), !is(0), "patched, {i}");
        assert_eq!(c.articles.same_at(&b.articles, i), !is(1), "whole, {i}");
    }
}

/// A file the load does not read (a symlink leaving the corpus, one it
/// cannot read) has no row in the cache: the scan after a patched reload
/// took it for a file that came, and reloaded the whole corpus after
/// every patched edit.
#[test]
fn a_file_the_load_does_not_read_is_not_a_missed_change() {
    let mut fixture = small();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("ailleurs.md");
    std::fs::write(&target, "---\nid: ailleurs\ntitle: Ailleurs\n---\n").unwrap();
    let link = fixture.corpus.dir.join("articles/ailleurs.md");
    std::os::unix::fs::symlink(&target, link).unwrap();
    let loaded = fixture
        .cache
        .load(&Progress::default(), Some(&fixture.last_good))
        .unwrap();
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| d.path.ends_with("articles/ailleurs.md")));
    // Article 1: `ailleurs.md` sorts first.
    assert!(fixture.edit_and_reload(Edit::Title, 1).1);
    let none: Vec<PathBuf> = Vec::new();
    assert_eq!(fixture.cache.missed_changes(), none);
}

/// The random edits only add links: here every article in turn loses its
/// events and its quotes' (those the timeline cites stay linked through
/// it), and its quoted passages move down the body.
#[test]
fn links_removed_and_passages_moved_are_patched_as_a_full_load_gives() {
    let fixture = small();
    let articles = fixture.corpus.articles();
    for (k, path) in articles.iter().enumerate() {
        let text = fixture.corpus.read(path);
        // Every quote names no event, the article reports none, the body
        // gains a paragraph before the quoted passages.
        let mut edited: String = text
            .lines()
            .map(|l| {
                if l.starts_with("    events: [") {
                    "    events: []".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        edited = edited.replacen("\nevents:\n", "\nevents: []\nx-old:\n", 1);
        let end = edited.rfind("\n---\n").unwrap() + 5;
        edited.insert_str(end, "Un paragraphe avant tout.\n\n");
        fixture.corpus.write(path, &edited);
        let (reloaded, patched) = fixture
            .cache
            .reload(std::slice::from_ref(path), &fixture.last_good);
        let reloaded = reloaded.unwrap();
        let fresh = load_dir(&fixture.corpus.dir, &Progress::default()).unwrap();
        assert!(patched, "{k}: edited in place");
        assert_same(&without_key(reloaded), &fresh, &format!("{k}"));
    }
}

/// A corpus at a path that is not UTF-8 has no parse the cache can encode
/// (serde refuses the path): its last good versions must come from the
/// parses kept decoded.
#[test]
fn a_broken_article_keeps_its_last_good_version_in_a_corpus_whose_path_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent
        .path()
        .join(std::ffi::OsStr::from_bytes(b"corpus-\xff"));
    let spec = Spec {
        articles: 3,
        events: 2,
        quotes_per_article: 2,
        body_bytes: 300,
        seed: 3,
    };
    generate::write(&dir, &spec).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CorpusCache::open_in(&dir, Some(cache_dir.path()));
    let last_good = LastGood::default();
    let before = cache.load(&Progress::default(), Some(&last_good)).unwrap();
    let mut corpus = Corpus {
        dir: dir.clone(),
        broken: Vec::new(),
        added: 0,
    };
    let changed = corpus.edit(Edit::Broken, 0);
    let (broken, _) = cache.reload(&changed, &last_good);
    let broken = broken.unwrap();
    assert!(broken.errors() > 0);
    assert_eq!(
        broken.corpus.articles.len(),
        before.corpus.articles.len(),
        "the broken article stays in its last good version"
    );
    // Broken again: the good version is the one kept beside the broken.
    let changed = corpus.edit(Edit::Broken, 0);
    let again = cache.reload(&changed, &last_good).0.unwrap();
    assert_eq!(again.corpus.articles, broken.corpus.articles);
    let changed = corpus.edit(Edit::Fixed, 0);
    let fixed = cache.reload(&changed, &last_good).0.unwrap();
    assert_eq!(fixed.diagnostics, before.diagnostics);
}
