//! Crash safety: a child process saves in a loop and is killed with SIGKILL
//! at random moments; after every kill the file must parse and be exactly
//! one of the two versions it was writing, never a torn mix.

use chronique::annotations::format::to_yaml;
use chronique::annotations::{Annotations, Note, Status, Store};
use chrono::{TimeZone, Utc};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

const CHILD_DIR: &str = "CHRONIQUE_CRASH_TEST_DIR";

fn version(label: &str) -> Annotations {
    let mut a = Annotations::default();
    for i in 0..800 {
        a.events.insert(
            format!("evenement-{i:05}"),
            Note {
                note: Some(format!(
                    "{label} — note n°{i} sur l’événement 🔍\nseconde ligne"
                )),
                tags: vec!["à-vérifier".into(), label.into()],
                status: Some(Status::Verified),
                starred: i % 2 == 0,
                updated: Some(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()),
                ..Note::default()
            },
        );
    }
    a
}

/// Not a test of its own: the body the crash test runs in a child process.
#[test]
#[ignore = "run by kill_at_random_moments_never_tears_the_file"]
fn child_saves_forever() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let dir = Path::new(&dir);
    let (a, b) = (Arc::new(version("A")), Arc::new(version("B")));
    let mut store = Store::open(&dir.join("annotations.yaml")).store;
    let mut first = true;
    loop {
        store.save(a.clone()).unwrap();
        store.save(b.clone()).unwrap();
        if first {
            std::fs::write(dir.join("ready"), "").unwrap();
            first = false;
        }
    }
}

#[test]
fn kill_at_random_moments_never_tears_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let (ta, tb) = (to_yaml(&version("A")), to_yaml(&version("B")));
    std::fs::write(&path, &ta).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut mid_save = 0;
    const KILLS: usize = 30;
    for round in 0..KILLS {
        let _ = std::fs::remove_file(dir.path().join("ready"));
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                // Its name in the `annotations` test binary.
                "crash::child_saves_forever",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while !dir.path().join("ready").exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(dir.path().join("ready").exists(), "the child never saved");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 30_000));
        let pid = child.id();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text == ta || text == tb,
            "round {round}: torn file ({} bytes)",
            text.len()
        );
        let opened = Store::open(&path);
        assert!(
            opened.read_only.is_none(),
            "round {round}: {:?}",
            opened.diagnostics
        );
        let bak = std::fs::read_to_string(dir.path().join("annotations.yaml.bak")).unwrap();
        assert!(bak == ta || bak == tb, "round {round}: torn backup");
        let temporaries = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(&format!(".tmp-{pid}"))
            })
            .count();
        if temporaries > 0 {
            mid_save += 1;
        }
    }
    eprintln!("{KILLS} kills, {mid_save} left a temporary file (killed mid-save)");
}
