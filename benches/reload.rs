//! Live reload: one article edited in a corpus of 10,000 articles (about
//! 5 KB of body and 10 quotes each) and 20,000 events, until the reader has
//! it loaded and searchable. Measured from the write, through the watcher
//! (debounced 50 ms), the reload through the corpus cache (only the edited
//! file is parsed again; the others are decoded from the cache), and the
//! search index built again — what the reader does.
//!
//! cargo bench --bench reload

use chronique::cache::CorpusCache;
use chronique::corpus::last_good::LastGood;
use chronique::corpus::Progress;
use chronique::generate::{self, Spec};
use chronique::reader::Action;
use chronique::reader::Reloader;
use chronique::search::Index;
use criterion::{criterion_group, criterion_main, Criterion};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

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
    let last_good = Arc::new(LastGood::default());
    let cache_dir = tempfile::tempdir().expect("temporary directory");
    let cache = Arc::new(CorpusCache::open_in(dir.path(), Some(cache_dir.path())));
    cache
        .load(&Progress::default(), Some(&last_good))
        .expect("load");
    let article = std::fs::read_dir(dir.path().join("articles"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .min()
        .unwrap();
    let original = std::fs::read_to_string(&article).unwrap();
    let (tx, rx) = mpsc::channel();
    let reloader = Reloader::spawn(dir.path().to_path_buf(), last_good, Some(cache), move |a| {
        let _ = tx.send(a);
    });
    assert!(reloader.watch_error.is_none(), "{:?}", reloader.watch_error);
    let mut group = c.benchmark_group("reload");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    let mut edits = 0u64;
    group.bench_function("10k_articles_20k_events/one_article_edited", |b| {
        b.iter_with_large_drop(|| {
            edits += 1;
            let edited = original.replacen("title: ", &format!("title: Édition {edits} "), 1);
            let title = format!("Édition {edits} ");
            std::fs::write(&article, edited).unwrap();
            // One write can be two reloads; the one that has it counts.
            loop {
                let Ok(Action::Reloaded(reloaded)) = rx.recv_timeout(Duration::from_secs(60))
                else {
                    panic!("no reload");
                };
                let loaded = reloaded.result.expect("reloaded");
                if loaded
                    .corpus
                    .articles
                    .iter()
                    .any(|a| a.title.starts_with(&title))
                {
                    let index = Index::build(&loaded.corpus);
                    return (loaded, index);
                }
            }
        })
    });
    group.finish();
    std::fs::write(&article, original).unwrap();
    drop(reloader);
}

criterion_group!(benches, reload);
criterion_main!(benches);
