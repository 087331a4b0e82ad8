//! Live reload: one article edited in a corpus of 10,000 articles (about
//! 5 KB of body and 10 quotes each) and 20,000 events, until the reader has
//! it loaded and searchable. Two ways, side by side in one run:
//!
//! - `now`: what the reader does. Measured from the write, through the
//!   watcher (debounced 50 ms) and the reload through the corpus cache
//!   (only the edited file is parsed; the others' parses are those kept
//!   decoded in memory by the load before), to the search index updated
//!   from the one before (only the edited article's items are built).
//! - `before`: the path this replaced, without the watcher (so without its
//!   50 ms): every unchanged parse decoded from the cache again, and the
//!   index built whole.
//!
//! Then the index update alone (`index_update`).
//!
//! cargo bench --bench reload

use chronique::cache::CorpusCache;
use chronique::corpus::last_good::LastGood;
use chronique::corpus::{load_dir, Corpus, Progress};
use chronique::generate::{self, Spec};
use chronique::reader::Action;
use chronique::reader::Reloader;
use chronique::search::Index;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

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
    group.measurement_time(Duration::from_secs(30));

    {
        let cache_dir = tempfile::tempdir().expect("temporary directory");
        let cache = CorpusCache::open_in(dir.path(), Some(cache_dir.path()));
        cache.load(&Progress::default(), None).expect("load");
        group.bench_function("before", |b| {
            b.iter_with_large_drop(|| {
                let title = edit();
                let loaded = cache.load(&Progress::default(), None).expect("reloaded");
                assert!(has_title(&loaded.corpus, &title));
                let index = Index::build(&loaded.corpus);
                (loaded, index)
            })
        });
    }

    let last_good = Arc::new(LastGood::default());
    let cache_dir = tempfile::tempdir().expect("temporary directory");
    let cache = Arc::new(CorpusCache::open_in(dir.path(), Some(cache_dir.path())));
    let first = cache
        .load(&Progress::default(), Some(&last_good))
        .expect("load");
    let first_index = Index::build(&first.corpus);
    let mut shown = Some((first.corpus, first_index));
    let (tx, rx) = mpsc::channel();
    let reloader = Reloader::spawn(dir.path().to_path_buf(), last_good, Some(cache), move |a| {
        let _ = tx.send(a);
    });
    assert!(reloader.watch_error.is_none(), "{:?}", reloader.watch_error);
    group.bench_function("now", |b| {
        b.iter(|| {
            let title = edit();
            // One write can be two reloads; the one that has it counts.
            let loaded = loop {
                let Ok(Action::Reloaded(reloaded)) = rx.recv_timeout(Duration::from_secs(60))
                else {
                    panic!("no reload");
                };
                let loaded = reloaded.result.expect("reloaded");
                if has_title(&loaded.corpus, &title) {
                    break loaded;
                }
            };
            let (old, old_index) = shown.take().expect("the corpus shown");
            let index = old_index.update(&old, &loaded.corpus);
            // As the reader does: the old corpus is freed on another thread.
            std::thread::spawn(move || drop((old, old_index)));
            shown = Some((loaded.corpus, index));
        })
    });
    group.finish();
    std::fs::write(&article, &original).unwrap();
    drop(reloader);
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
