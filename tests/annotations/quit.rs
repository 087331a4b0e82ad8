//! Quitting when annotation changes could not be saved asks first; and a
//! file that may not be written says so at start-up.

use crate::common::*;
use chronique::annotations::{SaveReport, Store};
use chronique::reader::Overlay;
use chronique::reader::{self as app, Action, Command};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

fn key(state: &mut chronique::reader::State, c: char) {
    let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    app::update(state, Action::Key(k));
}

/// Saves the session's annotations to `path` as the saver would, and
/// reports it to the session; says whether the save failed.
fn save_now(state: &mut chronique::reader::State, path: &std::path::Path) -> bool {
    let mut store = Store::open(path).store;
    let saved = state.notes.data.clone();
    let outcome = store.save(saved.clone());
    let failed = outcome.is_err();
    let report = SaveReport {
        saved,
        outcome,
        elapsed: Duration::ZERO,
    };
    app::update(state, Action::Saved(Box::new(report)));
    failed
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut state = sample_state(100, 30);
    press(&mut state, &[Command::ToggleStar]);
    // The folder cannot be written (here: it does not exist).
    let dir = tempfile::tempdir().unwrap();
    let failed = save_now(
        &mut state,
        &dir.path().join("gone").join("annotations.yaml"),
    );
    assert!(failed);

    press(&mut state, &[Command::Quit]);
    assert!(!state.quit, "asked, not quit");
    assert!(matches!(state.overlay, Some(Overlay::ConfirmQuit { .. })));
    let screen = screen_text(&state);
    assert!(screen.contains("could not be saved"), "{screen}");
    assert!(screen.contains("Quit anyway?"), "{screen}");
    key(&mut state, 'n');
    assert!(!state.quit && state.overlay.is_none());
    assert!(state.message.as_deref().unwrap().contains("not saved"));
    press(&mut state, &[Command::Quit]);
    key(&mut state, 'y');
    assert!(state.quit);
}

#[test]
fn quitting_after_a_good_save_does_not_ask() {
    let mut state = sample_state(100, 30);
    press(&mut state, &[Command::ToggleStar]);
    let dir = tempfile::tempdir().unwrap();
    assert!(!save_now(&mut state, &dir.path().join("annotations.yaml")));
    press(&mut state, &[Command::Quit]);
    assert!(state.quit);
}

#[test]
fn a_write_protected_file_says_why_at_start_and_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    std::fs::write(&path, "version: 1\n").unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    // Wide enough for the whole status bar.
    let mut state = sample_state(200, 40);
    let (store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    assert!(store.is_none(), "nothing may be written");
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    let screen = screen_text(&state);
    assert!(screen.contains("write-protected"), "{screen}");
    press(&mut state, &[Command::Close, Command::ToggleStar]);
    let message = state.message.clone().unwrap();
    assert!(
        message.contains("read-only (annotations.yaml is write-protected"),
        "{message}"
    );
    press(&mut state, &[Command::Down]);
    let screen = screen_text(&state);
    assert!(
        screen.contains("annotations read-only: annotations.yaml is write-protected"),
        "{screen}"
    );
}
