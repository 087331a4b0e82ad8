//! One keystroke's search over 100,000 and 1,000,000 quotes: chronique's
//! index (Skim scoring, folded text, prefilter, rayon) against
//! `nucleo-matcher` scoring the same display texts.
//!
//! Run with `cargo bench --bench search`.

use chronique::corpus::load::load_files;
use chronique::corpus::Progress;
use chronique::search::{Index, Kind, Query, Scope};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

#[path = "search/gen.rs"]
mod gen;

/// The keystroke: the user had typed `BEFORE` and adds the last letter.
const BEFORE: &str = "deja evenem";
const QUERY: &str = "deja eveneme";

fn bench(c: &mut Criterion) {
    for quotes in [100_000usize, 1_000_000] {
        let spec = gen::Spec {
            articles: quotes / 20,
            events: 200,
            quotes_per_article: 20,
            body_bytes: 0,
            seed: 7,
        };
        // To use the shared generator: `chronique::generate::files(&spec)`.
        let (timeline, articles) = gen::files(&spec);
        let loaded = load_files(None, Some(timeline), articles, &Progress::default());
        let index = Index::build(&loaded.corpus);
        let quote_items = index.items_of(Kind::Quote);
        assert_eq!(quote_items.len(), quotes);
        let texts: Vec<Utf32String> = quote_items
            .clone()
            .map(|i| Utf32String::from(index.matched_text(i)))
            .collect();

        let never = AtomicBool::new(false);
        let query = Query::parse(QUERY, Scope::Quotes);
        let before = Query::parse(BEFORE, Scope::Quotes);
        let previous = index.search(&before, None, &never).unwrap();
        let ours = index.search(&query, None, &never).unwrap().len();
        let pattern = Pattern::parse(QUERY, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let theirs = texts
            .iter()
            .filter(|t| pattern.score(t.slice(..), &mut matcher).is_some())
            .count();
        eprintln!(
            "{quotes} quotes: {ours} hits (nucleo: {theirs}); {} hits before the keystroke",
            previous.len()
        );

        let mut group = c.benchmark_group(format!("keystroke/{quotes}"));
        group.sample_size(if quotes > 100_000 { 20 } else { 50 });
        group.measurement_time(Duration::from_secs(5));
        group.bench_function(BenchmarkId::new("chronique", "full scan"), |b| {
            b.iter(|| black_box(index.search(&query, None, &never)))
        });
        group.bench_function(BenchmarkId::new("chronique", "narrowing"), |b| {
            b.iter(|| black_box(index.search(&query, Some((&before, &previous)), &never)))
        });
        group.bench_function(BenchmarkId::new("nucleo-matcher", "1 thread"), |b| {
            b.iter(|| {
                let mut hits: Vec<(u32, u32)> = texts
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| {
                        pattern
                            .score(t.slice(..), &mut matcher)
                            .map(|s| (s, i as u32))
                    })
                    .collect();
                hits.sort_unstable_by(|a, b| b.cmp(a));
                black_box(hits)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
