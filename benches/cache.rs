//! The corpus cache on 10,000 articles (about 5 KB of body and 10 quotes
//! each) and 20,000 events: a cold load to a searchable state (parse and
//! build the index) with and without writing the cache, and a warm one
//! (everything from the cache); and the two encodings measured for it,
//! bincode and postcard, decoding every file's parse.
//!
//! cargo bench --bench cache

use chronique::cache::CorpusCache;
use chronique::corpus::reuse::{ParsedFile, Reuse, Stamp};
use chronique::corpus::{load_dir, Progress};
use chronique::generate::{self, Spec};
use chronique::search::Index;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

fn spec() -> Spec {
    Spec {
        articles: 10_000,
        events: 20_000,
        quotes_per_article: 10,
        body_bytes: 5_000,
        seed: 1,
    }
}

/// Loaded and searchable: what a start or a `chronique search` needs.
fn searchable(cache: &CorpusCache) -> Index {
    let loaded = cache
        .load_searchable(&Progress::default(), None)
        .expect("load");
    cache.index(&loaded.corpus)
}

fn start(c: &mut Criterion) {
    let corpus = tempfile::tempdir().expect("temporary directory");
    generate::write(corpus.path(), &spec()).expect("write the corpus");
    let warm_dir = tempfile::tempdir().expect("temporary directory");
    let warm = CorpusCache::open_in(corpus.path(), Some(warm_dir.path()));
    searchable(&warm);
    warm.save();
    let mut group = c.benchmark_group("cache/10k_articles_20k_events");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("cold_no_cache", |b| {
        b.iter_with_large_drop(|| {
            let loaded = load_dir(corpus.path(), &Progress::default()).expect("load");
            let index = Index::build(&loaded.corpus);
            (loaded, index)
        })
    });
    group.bench_function("cold_and_write_the_cache", |b| {
        b.iter_with_large_drop(|| {
            let empty = tempfile::tempdir().expect("temporary directory");
            let cache = CorpusCache::open_in(corpus.path(), Some(empty.path()));
            let index = searchable(&cache);
            cache.save();
            (index, empty)
        })
    });
    group.bench_function("warm", |b| {
        b.iter_with_large_drop(|| {
            let cache = CorpusCache::open_in(corpus.path(), Some(warm_dir.path()));
            searchable(&cache)
        })
    });
    group.finish();
    encodings(c, corpus.path());
    index_encodings(c, corpus.path());
}

/// The index kept by the cache, in its flat encoding: encoded (the buffers
/// copied one after the other) and read back in place.
fn index_encodings(c: &mut Criterion, corpus: &Path) {
    let loaded = load_dir(corpus, &Progress::default()).expect("load");
    let index = Index::build(&loaded.corpus);
    let flat = bytes::Bytes::from(index.to_bytes());
    eprintln!("encoded index: flat {:.1} MB", flat.len() as f64 / 1e6);
    let mut group = c.benchmark_group("cache/index/10k_articles_20k_events");
    group.sample_size(10);
    group.bench_function("decode_flat", |b| {
        b.iter_with_large_drop(|| Index::from_bytes(&flat).unwrap())
    });
    group.bench_function("encode_flat", |b| b.iter(|| index.to_bytes()));
    // What a cache write does before writing: the parts and their hash.
    group.bench_function("encode_parts_and_hash", |b| {
        b.iter(|| {
            let encoded = index.encoded();
            encoded.hash()
        })
    });
    group.finish();
}

/// Collects every file's parse, encoded both ways.
#[derive(Default)]
struct Encoded {
    bincode: Mutex<Vec<Vec<u8>>>,
    postcard: Mutex<Vec<Vec<u8>>>,
}

impl Reuse for Encoded {
    fn unchanged(&self, _: &Path, _: &Path) -> Option<std::sync::Arc<ParsedFile>> {
        None
    }

    fn last_good(&self, _: &Path) -> Option<ParsedFile> {
        None
    }

    fn parsed(&self, _: &Path, _: Stamp, parsed: &std::sync::Arc<ParsedFile>) {
        let parsed: &ParsedFile = parsed;
        let b = bincode::serde::encode_to_vec(parsed, bincode::config::standard()).unwrap();
        let p = postcard::to_stdvec(parsed).unwrap();
        self.bincode.lock().unwrap().push(b);
        self.postcard.lock().unwrap().push(p);
    }
}

fn encodings(c: &mut Criterion, corpus: &Path) {
    let encoded = Encoded::default();
    chronique::corpus::load::load_dir_reusing(corpus, &Progress::default(), None, Some(&encoded))
        .expect("load");
    let bincode_files = encoded.bincode.into_inner().unwrap();
    let postcard_files = encoded.postcard.into_inner().unwrap();
    let size = |files: &[Vec<u8>]| files.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    eprintln!(
        "encoded parses: bincode {:.1} MB, postcard {:.1} MB",
        size(&bincode_files),
        size(&postcard_files)
    );
    let mut group = c.benchmark_group("cache/encoding/decode_10k_articles_20k_events");
    group.sample_size(10);
    group.bench_function("bincode", |b| {
        b.iter_with_large_drop(|| {
            bincode_files
                .iter()
                .map(|f| {
                    let (p, _): (ParsedFile, usize) =
                        bincode::serde::decode_from_slice(f, bincode::config::standard()).unwrap();
                    p
                })
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("postcard", |b| {
        b.iter_with_large_drop(|| {
            postcard_files
                .iter()
                .map(|f| postcard::from_bytes::<ParsedFile>(f).unwrap())
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

criterion_group!(benches, start);
criterion_main!(benches);
