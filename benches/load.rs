//! Loading a generated corpus: 10,000 articles (about 5 KB of body and 10
//! quotes each) and 20,000 events, and a small one of 1,000 articles; and
//! files whose reading was once quadratic.
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

/// Files that were quadratic to read: a 200 KB summary of 100,000 `[` then
/// 100,000 `]` (113 s: libyaml's scan of every open level at each token), an
/// article with 80,000 quotes (51 s: each id compared with every earlier
/// one), and a theme with a 50,000-entry palette (5.8 s).
fn once_quadratic(c: &mut Criterion) {
    let nested = tempfile::tempdir().expect("temporary directory");
    let depth = 100_000;
    let timeline = format!(
        "events:\n  - id: a\n    date: 2021\n    title: A\n    summary: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(nested.path().join("timeline.yaml"), timeline).expect("write");
    let quotes = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir(quotes.path().join("articles")).expect("mkdir");
    std::fs::write(quotes.path().join("timeline.yaml"), "events: []\n").expect("write");
    let mut article = String::from("---\nid: many\ntitle: Many\nquotes:\n");
    for i in 0..80_000 {
        article.push_str(&format!("  - {{id: q{i}, text: body}}\n"));
    }
    article.push_str("---\nbody\n");
    std::fs::write(quotes.path().join("articles/many.md"), article).expect("write");
    let themes = tempfile::tempdir().expect("temporary directory");
    let mut theme = String::from("palette:\n");
    for i in 0..50_000 {
        theme.push_str(&format!("  c{i}: \"#102030\"\n"));
    }
    std::fs::write(themes.path().join("big.yaml"), theme).expect("write");

    let loaded = load_dir(nested.path(), &Progress::default()).expect("load");
    assert_eq!((loaded.errors(), loaded.corpus.events.len()), (1, 1));
    let loaded = load_dir(quotes.path(), &Progress::default()).expect("load");
    assert_eq!(loaded.corpus.quote_count(), 80_000);
    assert!(chronique::theme::list_text(Some(themes.path())).contains("big"));

    let mut group = c.benchmark_group("once_quadratic");
    group.sample_size(10);
    group.bench_function("200kb_summary_100k_nested_brackets", |b| {
        b.iter(|| load_dir(nested.path(), &Progress::default()).expect("load"))
    });
    group.bench_function("one_article_80k_quotes", |b| {
        b.iter_with_large_drop(|| load_dir(quotes.path(), &Progress::default()).expect("load"))
    });
    group.bench_function("list_themes_50k_palette", |b| {
        b.iter(|| chronique::theme::list_text(Some(themes.path())))
    });
    group.finish();
}

criterion_group!(benches, load, many_problems, once_quadratic);
criterion_main!(benches);
