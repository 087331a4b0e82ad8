//! Loading a generated corpus: 10,000 articles (about 5 KB of body and 10
//! quotes each) and 20,000 events, and a small one of 1,000 articles.
//!
//! cargo bench --bench load

use chronique::corpus::{load_dir, Progress};
use chronique::generate::{self, Spec};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

fn bench_load(c: &mut Criterion, name: &str, spec: Spec) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let bytes = generate::write(dir.path(), &spec).expect("write the corpus");
    let loaded = load_dir(dir.path(), &Progress::default()).expect("load");
    assert_eq!(loaded.diagnostics.len(), 0, "the generated corpus is clean");
    drop(loaded);
    let mut group = c.benchmark_group("load_dir");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(name, |b| {
        // Loading, not freeing: the reader keeps the corpus until it exits.
        b.iter_with_large_drop(|| load_dir(dir.path(), &Progress::default()).expect("load"))
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    bench_load(
        c,
        "1k_articles_2k_events",
        Spec {
            articles: 1_000,
            events: 2_000,
            ..Spec::default()
        },
    );
    bench_load(
        c,
        "10k_articles_20k_events",
        Spec {
            articles: 10_000,
            events: 20_000,
            quotes_per_article: 10,
            body_bytes: 5_000,
            seed: 1,
        },
    );
}

/// A timeline of 20,000 events whose ~40,000 sources name articles that are
/// not there: every problem is placed at its line and column. Placing them
/// one by one re-read the timeline per problem (quadratic: hours); they are
/// placed in one walk.
fn many_problems(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let spec = Spec {
        articles: 0,
        events: 20_000,
        ..Spec::default()
    };
    let (timeline, _) = generate::files(&Spec {
        articles: 10_000,
        ..spec
    });
    std::fs::write(dir.path().join("timeline.yaml"), &timeline.bytes).expect("write");
    let loaded = load_dir(dir.path(), &Progress::default()).expect("load");
    assert!(loaded.errors() > 30_000, "{} errors", loaded.errors());
    let mut group = c.benchmark_group("load_dir");
    group.sample_size(10);
    group.bench_function("20k_events_40k_unknown_sources", |b| {
        // Loading, not freeing: the reader keeps the corpus until it exits.
        b.iter_with_large_drop(|| load_dir(dir.path(), &Progress::default()).expect("load"))
    });
    group.finish();
}

criterion_group!(benches, load, many_problems);
criterion_main!(benches);
