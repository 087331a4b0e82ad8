//! One keystroke's search over 100,000 and 1,000,000 quotes: chronique's
//! index (words matched against the vocabulary, then a parallel scan)
//! against `nucleo-matcher` scoring the same texts with the same query
//! (nucleo reads the same fzf syntax).
//!
//! Run with `cargo bench --bench search`.

use chronique::corpus::load::load_files;
use chronique::corpus::Progress;
use chronique::search::{Index, Kind, Query, Scope, SearchOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// The queries, as the last keystroke leaves them: fuzzy words, an exact
/// word, a speaker. `@` has no nucleo equivalent: nucleo matches the name
/// against the speakers alone.
const CASES: &[(&str, &str, &str)] = &[
    ("words", "deja eveneme", "deja eveneme"),
    ("'word", "'evenem", "'evenem"),
    ("@speaker", "@helene", "helene"),
];

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
        let speakers: Vec<Utf32String> = loaded
            .corpus
            .articles
            .iter()
            .flat_map(|a| &a.quotes)
            .map(|q| Utf32String::from(q.speaker.as_deref().unwrap_or("")))
            .collect();
        eprintln!("{quotes} quotes: {} distinct words", index.vocabulary_len());
        let never = AtomicBool::new(false);
        let options = SearchOptions {
            scope: Scope::Quotes,
            ..SearchOptions::default()
        };
        let mut group = c.benchmark_group(format!("keystroke/{quotes}"));
        group.sample_size(if quotes > 100_000 { 10 } else { 20 });
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
        for &(case, ours, theirs) in CASES {
            let query = Query::parse(ours, options);
            let found = index.search(&query, &never).unwrap().len();
            let pattern = Pattern::parse(theirs, CaseMatching::Ignore, Normalization::Smart);
            let haystacks = if case == "@speaker" {
                &speakers
            } else {
                &texts
            };
            let mut matcher = Matcher::new(Config::DEFAULT);
            let nucleo_found = haystacks
                .iter()
                .filter(|t| pattern.score(t.slice(..), &mut matcher).is_some())
                .count();
            eprintln!("{quotes} quotes, {case} ({ours}): {found} hits (nucleo: {nucleo_found})");
            group.bench_function(BenchmarkId::new("chronique", case), |b| {
                b.iter(|| black_box(index.search(&query, &never)))
            });
            group.bench_function(BenchmarkId::new("nucleo-matcher 1 thread", case), |b| {
                b.iter(|| {
                    let mut hits: Vec<(u32, u32)> = haystacks
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
        }
        group.finish();
    }
    large_vocabulary(c);
}

/// 100,000 quotes of 15 words drawn from 200,000 distinct made-up words:
/// the cost of matching a query word against a large vocabulary.
fn large_vocabulary(c: &mut Criterion) {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let letters: Vec<char> = "abcdeéfghijklmnopqrstuvwxyz".chars().collect();
    let vocabulary: Vec<String> = (0..200_000)
        .map(|_| {
            let len = 3 + next(10);
            (0..len)
                .map(|_| letters[next(letters.len() as u64) as usize])
                .collect()
        })
        .collect();
    let articles = (0..5_000)
        .map(|a| chronique::corpus::Article {
            id: format!("a{a}").into(),
            title: "Titre".into(),
            source: None,
            author: None,
            published: None,
            language: None,
            url: None,
            tags: vec![],
            events: vec![],
            provenance: vec![],
            quotes: (0..20)
                .map(|q| chronique::corpus::Quote {
                    id: format!("q{q}").into(),
                    text: (0..15)
                        .map(|_| vocabulary[next(vocabulary.len() as u64) as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .into(),
                    speaker: Some("Jean Martin".into()),
                    events: vec![],
                    span: None,
                })
                .collect(),
            body: Default::default(),
            path: "a.md".into(),
        })
        .collect();
    let mut corpus = chronique::corpus::Corpus {
        articles,
        ..Default::default()
    };
    corpus.link();
    let index = Index::build(&corpus);
    let options = SearchOptions {
        scope: Scope::Quotes,
        ..SearchOptions::default()
    };
    let query = Query::parse(CASES[0].1, options);
    let never = AtomicBool::new(false);
    eprintln!(
        "large vocabulary: {} distinct words, {} hits",
        index.vocabulary_len(),
        index.search(&query, &never).unwrap().len()
    );
    let mut group = c.benchmark_group("keystroke/100000-large-vocabulary");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function(BenchmarkId::new("chronique", "words"), |b| {
        b.iter(|| black_box(index.search(&query, &never)))
    });
    group.finish();
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
