//! One keystroke's search over 100,000 and 1,000,000 quotes: chronique's
//! index (Skim scoring, folded text, prefilter, rayon) against
//! `nucleo-matcher` scoring the same display texts.
//!
//! Run with `cargo bench --bench search`.

use chronique::corpus::load::load_files;
use chronique::corpus::Progress;
use chronique::search::{Index, Kind, Query, Scope, RANKED};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// The keystroke: the user had typed `BEFORE` and adds the last letter.
const BEFORE: &str = "deja evenem";
const QUERY: &str = "deja eveneme";

fn bench(c: &mut Criterion) {
    for quotes in sizes() {
        // The corpus generator of `chronique generate`: 20 quotes in bodies
        // of about 2 KB.
        let spec = chronique::generate::Spec {
            articles: quotes / 20,
            events: 200,
            quotes_per_article: 20,
            body_bytes: 2_000,
            seed: 7,
        };
        let (timeline, articles) = chronique::generate::files(&spec);
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
        let previous = index.search(&before, None, RANKED, &never).unwrap();
        let ours = index.search(&query, None, RANKED, &never).unwrap().len();
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

        if let Ok(mode) = std::env::var("CHRONIQUE_BENCH_PROFILE") {
            // A plain loop to run under a profiler: `full` or `narrow`.
            let runs = 100;
            let cpu = cpu_ms();
            let start = std::time::Instant::now();
            for _ in 0..runs {
                let previous = (mode == "narrow").then_some((&before, previous.as_slice()));
                black_box(index.search(&query, previous, RANKED, &never));
            }
            eprintln!(
                "{mode}: {:?} per search, {:.1} ms CPU",
                start.elapsed() / runs,
                (cpu_ms() - cpu) / f64::from(runs)
            );
            continue;
        }

        let mut group = c.benchmark_group(format!("keystroke/{quotes}"));
        group.sample_size(if quotes > 100_000 { 20 } else { 50 });
        group.measurement_time(Duration::from_secs(5));
        group.bench_function(BenchmarkId::new("chronique", "full scan"), |b| {
            b.iter(|| black_box(index.search(&query, None, RANKED, &never)))
        });
        group.bench_function(BenchmarkId::new("chronique", "narrowing"), |b| {
            b.iter(|| black_box(index.search(&query, Some((&before, &previous)), RANKED, &never)))
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

/// CPU time used by this process so far (Linux), in ms.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, r)| r.split_whitespace().collect());
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    // utime and stime are fields 14 and 15, 1-based, counting pid and comm.
    ticks(11)
        .zip(ticks(12))
        .map_or(0.0, |(u, s)| (u + s) * 10.0)
}

/// The corpus sizes, `CHRONIQUE_BENCH_QUOTES=100000` to run only one.
fn sizes() -> Vec<usize> {
    match std::env::var("CHRONIQUE_BENCH_QUOTES") {
        Ok(list) => list
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
        Err(_) => vec![100_000, 1_000_000],
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
