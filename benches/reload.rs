//! Live reload: one article edited in a corpus of 10,000 articles (about
//! 5 KB of body and 10 quotes each) and 20,000 events, until the reader has
//! it on screen and searchable. Two ways, side by side in one run:
//!
//! - `now`: what the reader does. Measured from the write, through the
//!   watcher (debounced 50 ms) and the reload, which patches the edited
//!   article into the corpus shown (only that file is read and parsed, only
//!   what it touches checked and linked again), the reader taking it in
//!   (`Action::Reloaded`: its place kept by id), to the search index
//!   updated from the one before.
//! - `whole`: the corpus loaded whole, as every reload did before patches
//!   (and as `R`, a timeline edit or a new file still do), without the
//!   watcher (so without its 50 ms): every other file stat'ed and its kept
//!   parse taken, every check and link redone; then taken in by the reader
//!   and the index updated the same way.
//!
//! After them, a breakdown of `now` (medians of 10 edits) is printed:
//! from the write to the reload received through the watcher; then
//! without the watcher, the reload alone, the reader taking it in, the
//! index update.
//!
//! Then the index update alone (`index_update`).
//!
//! cargo bench --bench reload

use chronique::cache::CorpusCache;
use chronique::corpus::last_good::LastGood;
use chronique::corpus::{load_dir, Corpus, Loaded, Progress};
use chronique::generate::{self, Spec};
use chronique::reader::{ready_state, update, Action, Reloaded, Reloader, State};
use chronique::search::Index;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The article file the benchmark edits, and its text.
fn first_article(dir: &Path) -> (PathBuf, String) {
    let article = std::fs::read_dir(dir.join("articles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    (article, text)
}

fn has_title(corpus: &Corpus, title: &str) -> bool {
    corpus.articles.iter().any(|a| a.title.starts_with(title))
}

/// The reader with a corpus on screen and its search index.
struct Shown {
    state: State,
    index: Index,
}

impl Shown {
    fn new(loaded: Loaded) -> Shown {
        let index = Index::build(&loaded.corpus);
        Shown {
            state: ready_state(loaded, 120, 40),
            index,
        }
    }

    /// Takes `loaded` in as the reader does, then updates the index; the
    /// old corpus and index are freed on another thread, as the reader's.
    /// The time each took.
    fn take(&mut self, loaded: Loaded) -> (Duration, Duration) {
        let start = Instant::now();
        let old = self.state.corpus.clone();
        let reloaded = Reloaded {
            result: Ok(loaded),
            what: "articles/a.md".into(),
        };
        update(&mut self.state, Action::Reloaded(Box::new(reloaded)));
        let taken = start.elapsed();
        let index = self.index.update(&old, &self.state.corpus);
        let old_index = std::mem::replace(&mut self.index, index);
        std::thread::spawn(move || drop((old, old_index)));
        (taken, start.elapsed() - taken)
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn reload(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = Spec {
        articles: 10_000,
        events: 20_000,
        quotes_per_article: 10,
        body_bytes: 5_000,
        seed: 1,
    };
    generate::write(dir.path(), &spec).expect("write the corpus");
    let (article, original) = first_article(dir.path());
    let relative = article.strip_prefix(dir.path()).unwrap().to_path_buf();
    let mut edits = 0u64;
    let mut edit = || {
        edits += 1;
        let title = format!("Édition {edits} ");
        let edited = original.replacen("title: ", &format!("title: {title}"), 1);
        std::fs::write(&article, edited).unwrap();
        title
    };
    let mut group = c.benchmark_group("reload/10k_articles_20k_events/one_article_edited");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let last_good = Arc::new(LastGood::default());
    let cache_dir = tempfile::tempdir().expect("temporary directory");
    let cache = Arc::new(CorpusCache::open_in(dir.path(), Some(cache_dir.path())));
    let first = cache
        .load(&Progress::default(), Some(&last_good))
        .expect("load");
    let mut shown = Shown::new(first);
    group.bench_function("whole", |b| {
        b.iter(|| {
            let title = edit();
            let loaded = cache
                .load(&Progress::default(), Some(&last_good))
                .expect("reloaded");
            assert!(has_title(&loaded.corpus, &title));
            shown.take(loaded)
        })
    });

    let (tx, rx) = mpsc::channel();
    let reloader = Reloader::spawn(
        dir.path().to_path_buf(),
        last_good.clone(),
        Some(cache.clone()),
        move |a| {
            let _ = tx.send(a);
        },
        |why| panic!("not watching: {why}"),
    );
    assert!(reloader.wait_until_watching());
    // One write can be two reloads; the one that has it counts.
    let reloaded = |title: &str| loop {
        let Ok(Action::Reloaded(reloaded)) = rx.recv_timeout(Duration::from_secs(60)) else {
            panic!("no reload");
        };
        let loaded = reloaded.result.expect("reloaded");
        if has_title(&loaded.corpus, title) {
            break loaded;
        }
    };
    group.bench_function("now", |b| {
        b.iter(|| {
            let title = edit();
            shown.take(reloaded(&title))
        })
    });
    group.finish();
    let mut watched = Vec::new();
    for _ in 0..10 {
        let title = edit();
        let start = Instant::now();
        let loaded = reloaded(&title);
        watched.push(start.elapsed());
        shown.take(loaded);
    }
    drop(reloader);

    let (mut reloads, mut taken, mut updates) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        edit();
        let start = Instant::now();
        let (loaded, patched) = cache.reload(std::slice::from_ref(&relative), &last_good);
        reloads.push(start.elapsed());
        assert!(patched, "an article edited in place is patched");
        let (take, update) = shown.take(loaded.expect("reloaded"));
        taken.push(take);
        updates.push(update);
    }
    eprintln!(
        "now (medians of 10): from the write to the reload received, through the watcher {:?}; without the watcher: the reload {:?}, taken in by the reader {:?}, index update {:?}",
        median(watched),
        median(reloads),
        median(taken),
        median(updates)
    );
    std::fs::write(&article, &original).unwrap();
    index_update(c, dir.path(), &article, &original);
}

/// The index update alone: the index of the corpus before one article's
/// title was edited, updated to the corpus after.
fn index_update(c: &mut Criterion, dir: &Path, article: &Path, original: &str) {
    let load = || load_dir(dir, &Progress::default()).expect("load").corpus;
    let before = load();
    let edited = original.replacen("title: ", "title: Édité ", 1);
    std::fs::write(article, edited).unwrap();
    let after = load();
    std::fs::write(article, original).unwrap();
    let index = Index::build(&before);
    let mut group = c.benchmark_group("reload/10k_articles_20k_events/index_update");
    group.sample_size(20);
    group.bench_function("one_article_edited", |b| {
        b.iter_with_large_drop(|| index.update(&before, &after))
    });
    group.finish();
}

criterion_group!(benches, reload);
criterion_main!(benches);
