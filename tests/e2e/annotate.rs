//! The real binary in a pseudo-terminal: annotate, quit, restart and find
//! the note; SIGTERM with the editor open leaves a recovery file that the
//! next start offers back.

use crate::common::pty::Session;
use std::path::{Path, PathBuf};

/// A private copy of the sample corpus (annotations are written beside it).
fn corpus_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dst = dir.join("corpus");
    copy_dir(&src, &dst);
    dst
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

fn spawn(corpus: &Path, home: &Path) -> Session {
    let home = home.to_str().unwrap();
    let env = [("XDG_DATA_HOME", home), ("HOME", home)];
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], home.as_ref(), &env, 120, 40);
    s.wait_for("Assaut du Capitole");
    s
}

#[test]
fn a_note_survives_quit_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let mut s = spawn(&corpus, dir.path());
    s.send("a");
    s.wait_for("Ctrl-s save");
    s.send("Note du lecteur, à revoir");
    s.wait_for("Note du lecteur, à revoir");
    s.send("\x13"); // Ctrl-s
    s.wait_for("✓ saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored());
    let file = std::fs::read_to_string(corpus.join("annotations.yaml")).unwrap();
    assert!(
        file.contains("capitol-attack:") && file.contains("Note du lecteur, à revoir"),
        "{file}"
    );

    let mut s = spawn(&corpus, dir.path());
    s.wait_for("✎");
    s.wait_for("✎ Note du lecteur, à revoir");
    // The editor opens on it.
    s.send("a");
    s.wait_for("Ctrl-s save");
    assert!(s.screen().contains("Note du lecteur, à revoir"));
    s.send("\x1b");
    s.wait_gone("Ctrl-s save");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_with_the_editor_open_keeps_the_text_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let mut s = spawn(&corpus, dir.path());
    s.send("a");
    s.wait_for("Ctrl-s save");
    s.send("texte à ne pas perdre");
    s.wait_for("texte à ne pas perdre");
    s.terminate();
    s.wait_exit();
    assert!(s.terminal_restored());
    let recovery = corpus.join("annotations.yaml.recovery");
    let text = std::fs::read_to_string(&recovery).expect("a recovery file");
    assert!(text.contains("texte à ne pas perdre"), "{text}");

    let mut s = spawn(&corpus, dir.path());
    s.wait_for("Recovered text");
    s.send("r");
    s.wait_for("(recovered)");
    s.send("\x13");
    s.wait_for("✓ saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!recovery.exists(), "the offer was taken: the file is gone");
    let file = std::fs::read_to_string(corpus.join("annotations.yaml")).unwrap();
    assert!(file.contains("texte à ne pas perdre"), "{file}");
}

/// `kill -INT`, `-QUIT`, `-USR1`, `-ALRM` (and the rest of the terminating
/// signals) used to end the process at once: the terminal stayed raw, on the
/// alternate screen, with the mouse captured, and the note was lost.
#[test]
fn every_terminating_signal_restores_the_terminal_and_keeps_the_note() {
    for signal in ["INT", "QUIT", "USR1", "ALRM", "HUP"] {
        let home = tempfile::tempdir().unwrap();
        let corpus = corpus_copy(home.path());
        let mut s = spawn(&corpus, home.path());
        s.send("a");
        s.wait_for("Ctrl-s save");
        s.send("texte tapé avant le signal");
        s.wait_for("texte tapé avant le signal");
        s.signal(signal);
        s.wait_exit();
        assert!(s.terminal_restored(), "SIG{signal}: terminal left raw");
        let recovery = std::fs::read_to_string(corpus.join("annotations.yaml.recovery"))
            .unwrap_or_else(|e| panic!("SIG{signal}: no recovery file: {e}"));
        assert!(
            recovery.contains("texte tapé avant le signal"),
            "{recovery}"
        );
    }
}

/// `cargo run --release` in a checkout opens `./data`, which is the sample:
/// a star goes to the data directory, never into the checkout. A `./data`
/// of one's own, or a corpus named on the command line, keeps its
/// annotations beside it.
#[test]
fn the_checkouts_own_data_is_the_sample_and_stays_clean() {
    let star_and_quit = |args: &[&str], home: &Path| {
        let h = home.to_str().unwrap();
        let env = [("XDG_DATA_HOME", h), ("HOME", h)];
        let mut s = Session::spawn(args, home, &env, 120, 40);
        s.wait_for("Assaut du Capitole");
        s.send("s");
        s.wait_for("✓ saved");
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    };
    let home = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &home.path().join("data"),
    );
    star_and_quit(&[], home.path());
    assert!(
        !home.path().join("data/annotations.yaml").exists(),
        "written into ./data"
    );
    let sample = home.path().join("chronique/sample-annotations.yaml");
    assert!(std::fs::read_to_string(&sample)
        .unwrap()
        .contains("starred: true"));

    // Named explicitly, ./data is a corpus like any other.
    star_and_quit(&["data"], home.path());
    assert!(home.path().join("data/annotations.yaml").exists());
}

#[test]
fn annotations_edited_under_the_running_reader_show_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let file = corpus.join("annotations.yaml");
    let mut s = spawn(&corpus, dir.path());
    // The reader's own save first: it is not taken for someone else's.
    s.send("j");
    s.send("s");
    s.wait_for("✓ saved");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("twitter-bans-trump"), "{saved}");
    s.send("k");
    let capitol_starred = |screen: &str| {
        screen
            .lines()
            .any(|l| l.contains("Assaut du Capitole") && l.contains('★'))
    };
    assert!(!capitol_starred(&s.screen()), "{}", s.screen());
    // Another program writes the file (as git does: renamed into place).
    let outside = saved.replace(
        "events:\n",
        "events:\n  capitol-attack:\n    note: écrite à côté du lecteur\n    starred: true\n",
    );
    assert_ne!(outside, saved);
    let tmp = corpus.join("annotations.yaml.tmp");
    std::fs::write(&tmp, &outside).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    s.wait_for("Reloaded annotations.yaml");
    // The first event's note is in its details, its star in the timeline.
    s.wait_for("écrite à côté du lecteur");
    assert!(capitol_starred(&s.screen()), "{}", s.screen());
    // Left as written: the reload itself writes nothing.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), outside);
    // The next change is saved with the other program's.
    s.send("v");
    s.wait_for("✓ saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = std::fs::read_to_string(&file).unwrap();
    assert!(
        file.contains("écrite à côté du lecteur") && file.contains("status: to-check"),
        "{file}"
    );
}
