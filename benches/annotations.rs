//! Saving 10,000 annotated events: target median ≤ 20 ms (off the UI thread).

use chronique::annotations::format::to_yaml;
use chronique::annotations::{Annotations, Note, Status, Store};
use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
