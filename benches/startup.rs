//! From process start to the first complete frame on the sample corpus, in
//! a real pseudo-terminal (issue target: ≤ 50 ms). The binary is started with
//! a hidden flag that quits right after that frame.
//!
//! With `CHRONIQUE_BENCH_CORPUS=DIR`, also on that corpus directory with a
//! warm cache (filled by a `chronique search` first) and with `--no-cache`:
//! the first frame there is the first with everything searchable.
//!
//! CHRONIQUE_BENCH_CORPUS=/tmp/w10k cargo bench --bench startup

use criterion::{criterion_group, criterion_main, Criterion};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::time::{Duration, Instant};

fn first_frame() -> Duration {
    first_frame_of(&[])
}

fn first_frame_of(args: &[&str]) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chronique"));
    cmd.arg("--exit-after-first-frame");
    cmd.args(args);
    cmd.cwd(std::env::temp_dir()); // no ./data there: the embedded sample
    let mut reader = pair.master.try_clone_reader().unwrap();
    let drain = std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
    });
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    let status = child.wait().unwrap();
    let elapsed = start.elapsed();
    assert!(status.success());
    drop(pair);
    let _ = drain.join();
    elapsed
}

fn startup(c: &mut Criterion) {
    c.bench_function("process start to first full frame (sample corpus)", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| first_frame()).sum())
    });
    let Ok(dir) = std::env::var("CHRONIQUE_BENCH_CORPUS") else {
        return;
    };
    let filled = std::process::Command::new(env!("CARGO_BIN_EXE_chronique"))
        .args(["search", "--corpus", &dir, "fill the cache"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(filled.code().is_some_and(|c| c < 2), "{filled}");
    let mut group = c.benchmark_group("process start to first searchable frame");
    group.sample_size(10);
    group.bench_function(format!("{dir}, warm cache"), |b| {
        b.iter_custom(|iters| (0..iters).map(|_| first_frame_of(&[&dir])).sum())
    });
    group.bench_function(format!("{dir}, --no-cache"), |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| first_frame_of(&["--no-cache", &dir]))
                .sum()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(8));
    targets = startup
}
criterion_main!(benches);
