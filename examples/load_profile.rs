//! Loads a corpus directory (or generates one first) and prints the time,
//! the counts, the size on disk and the peak memory (VmHWM, Linux only).
//!
//! cargo run --release --example load_profile -- DIR
//! cargo run --release --example load_profile -- --generate ARTICLES EVENTS DIR

use chronique::corpus::{load_dir, Progress};
use chronique::generate::{self, Spec};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = match args.as_slice() {
        [flag, articles, events, dir] if flag == "--generate" => {
            let spec = Spec {
                articles: articles.parse().expect("ARTICLES is a number"),
                events: events.parse().expect("EVENTS is a number"),
                ..Spec::default()
            };
            let dir = PathBuf::from(dir);
            let start = Instant::now();
            let bytes = generate::write_new(&dir, &spec, true).expect("cannot write the corpus");
            eprintln!(
                "generated {} articles, {} events: {:.1} MB in {:.2?}",
                spec.articles,
                spec.events,
                bytes as f64 / 1e6,
                start.elapsed()
            );
            // Measure the load alone: run again on the written directory.
            let status = std::process::Command::new(std::env::current_exe().unwrap())
                .arg(&dir)
                .status()
                .expect("cannot re-run");
            std::process::exit(status.code().unwrap_or(1));
        }
        [dir] => PathBuf::from(dir),
        _ => {
            eprintln!("usage: load_profile DIR | load_profile --generate ARTICLES EVENTS DIR");
            std::process::exit(2);
        }
    };
    let on_disk = disk_size(&dir);
    let before = peak_rss_kb();
    let start = Instant::now();
    let loaded = load_dir(&dir, &Progress::default()).expect("cannot load");
    let elapsed = start.elapsed();
    let peak = peak_rss_kb();
    let c = &loaded.corpus;
    println!(
        "loaded {} articles, {} events, {} quotes ({} errors, {} warnings) in {:.3} s",
        c.articles.len(),
        c.events.len(),
        c.quote_count(),
        loaded.errors(),
        loaded.warnings(),
        elapsed.as_secs_f64()
    );
    println!("size on disk: {:.1} MB", on_disk as f64 / 1e6);
    if let (Some(before), Some(peak)) = (before, peak) {
        println!(
            "peak RSS: {:.1} MB ({:.2}× the size on disk; {:.1} MB before loading)",
            peak as f64 / 1e3,
            peak as f64 * 1e3 / on_disk as f64,
            before as f64 / 1e3
        );
    }
    drop(loaded);
}

fn disk_size(dir: &Path) -> u64 {
    let file = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let articles: u64 = std::fs::read_dir(dir.join("articles"))
        .map(|d| d.flatten().map(|e| file(e.path())).sum())
        .unwrap_or(0);
    file(dir.join("timeline.yaml")) + articles
}

/// Peak resident set size in kB, from `/proc/self/status`.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
