//! Saving 10,000 annotated events: target median ≤ 20 ms (off the UI thread).
//! Reading a file with thousands of problems (unknown fields, orphan notes):
//! all are placed in one walk of the file.

use chronique::annotations::format::{from_yaml, to_yaml};
use chronique::annotations::validate::validate;
use chronique::annotations::{Annotations, Note, Status, Store};
use chronique::corpus::{embedded, Progress};
use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

fn annotated(label: &str) -> Annotations {
    let mut a = Annotations::default();
    let t = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    for i in 0..10_000 {
        a.events.insert(
            format!("evenement-{i:05}"),
            Note {
                note: Some(format!(
                    "{label} note n°{i} : à vérifier auprès de l’AFP 🔍\nseconde ligne"
                )),
                tags: vec!["à-vérifier".into(), "parler".into()],
                status: Some(Status::ToCheck),
                starred: i % 3 == 0,
                updated: Some(t),
                ..Note::default()
            },
        );
    }
    a
}

fn bench(c: &mut Criterion) {
    let (a, b) = (Arc::new(annotated("A")), Arc::new(annotated("B")));
    c.bench_function("serialise 10k annotated events", |bench| {
        bench.iter(|| to_yaml(&a).len())
    });
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("annotations.yaml")).store;
    let mut flip = false;
    c.bench_function("save 10k annotated events (atomic, fsync, .bak)", |bench| {
        bench.iter(|| {
            flip = !flip;
            store
                .save(if flip { a.clone() } else { b.clone() })
                .unwrap()
        })
    });
}

/// `n` notes, each with a field chronique does not know.
fn unknown_fields(n: usize) -> String {
    let mut text = String::from("version: 1\nevents:\n");
    for i in 0..n {
        let _ = write!(text, "  e{i}:\n    note: n\n    colour: red\n");
    }
    text
}

/// `n` starred events that are not in the corpus.
fn orphans(n: usize) -> String {
    let mut text = String::from("version: 1\nevents:\n");
    for i in 0..n {
        let _ = write!(text, "  gone-{i:04}:\n    starred: true\n");
    }
    text
}

fn problems(c: &mut Criterion) {
    let path = Path::new("annotations.yaml");
    let text = unknown_fields(8_000);
    c.bench_function("read 8,000 notes with an unknown field", |bench| {
        bench.iter(|| from_yaml(&text, path).unwrap().1.len())
    });
    let corpus = embedded::load(&Progress::default()).corpus;
    let text = orphans(4_000);
    let (a, _) = from_yaml(&text, path).unwrap();
    c.bench_function("check 4,000 orphan notes", |bench| {
        bench.iter(|| validate(&a, &text, &corpus, path).len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_group! {
    name = many_problems;
    config = Criterion::default().sample_size(10);
    targets = problems
}
criterion_main!(benches, many_problems);
