//! `annotations.yaml` changed outside the reader: taken in by the state
//! (pure, from reports made here), by the store and the saver (a temporary
//! directory), and by the watcher (a real file system watch: its own saves
//! are not reloads).

use crate::common::*;
use chronique::annotations::filter::Filter;
use chronique::annotations::format::to_yaml;
use chronique::annotations::{Annotations, Note, ReloadOutcome, ReloadReport, Saver, Store};
use chronique::reader::Opened;
use chronique::reader::{self as app, Action, Command};
use chronique::reader::{Effect, Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const FIRST: &str = "capitol-attack";
const SECOND: &str = "twitter-bans-trump";

/// The sample, its annotations said to be at `path` (no file is read).
fn opened_state(path: &Path) -> State {
    let mut state = sample_state(120, 40);
    let opened = Opened {
        path: Some(path.to_path_buf()),
        ..Opened::default()
    };
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    state
}

fn note(text: Option<&str>, starred: bool, tags: &[&str]) -> Note {
    Note {
        note: text.map(str::to_string),
        starred,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Note::default()
    }
}

/// What the saver reports for a file that now holds `theirs`, merged with
/// `ours` without a write.
fn merged(ours: &Annotations, theirs: &Annotations) -> Action {
    Action::AnnotationsReloaded(Box::new(ReloadReport {
        ours: Arc::new(ours.clone()),
        outcome: Ok(ReloadOutcome::Merged {
            annotations: Arc::new(theirs.clone()),
            conflicts: Vec::new(),
            disk_copy: None,
            written: false,
            warnings: Vec::new(),
            text: to_yaml(theirs),
        }),
    }))
}

fn selected_event_id(state: &State) -> String {
    let e = state.events.selected_event().expect("an event is selected");
    state.corpus.event(e).id.to_string()
}

fn saves(state: &State) -> Vec<Arc<Annotations>> {
    state
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveAnnotations(s) => Some(s.0.clone()),
            _ => None,
        })
        .collect()
}

/// The status bar's message starts with `start`.
fn assert_says(state: &State, start: &str) {
    let message = state.message.as_deref().unwrap_or_default();
    assert!(message.starts_with(start), "{message:?}");
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        app::update(
            state,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn ctrl_s(state: &mut State) {
    app::update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
}

#[test]
fn an_outside_change_is_read_and_shown_at_once_keeping_the_place_and_popups() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    app::update(&mut state, Action::AnnotationsChanged);
    assert_eq!(state.effects, [Effect::ReloadAnnotations]);
    state.effects.clear();
    press(&mut state, &[Command::Down, Command::Help]);
    let mut theirs = Annotations::default();
    theirs.events.insert(
        FIRST.into(),
        note(Some("ajoutée à la main"), true, &["dehors"]),
    );
    theirs
        .events
        .insert(SECOND.into(), note(None, false, &["tiré"]));
    app::update(&mut state, merged(&Annotations::default(), &theirs));
    assert_eq!(*state.notes.data, theirs);
    assert_eq!(selected_event_id(&state), SECOND, "the place is kept");
    assert!(
        matches!(state.overlay, Some(Overlay::Help { .. })),
        "popups stay open"
    );
    assert_eq!(state.message.as_deref(), Some("Reloaded annotations.yaml."));
    assert!(saves(&state).is_empty(), "nothing of ours to write");
    state.overlay = None;
    let screen = screen_text(&state);
    assert!(screen.contains('★'), "the star in the timeline:\n{screen}");
    assert!(screen.contains("tiré"), "the tag in the details:\n{screen}");
    press(&mut state, &[Command::Up]);
    assert!(screen_text(&state).contains("ajoutée à la main"));
}

#[test]
fn a_filter_keeps_the_events_the_reloaded_file_marks() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    state.notes.filter = Some(Filter::Starred);
    chronique::reader::refresh_notes(&mut state);
    assert_eq!(state.events.selected_event(), None, "nothing is starred");
    let mut theirs = Annotations::default();
    theirs.events.insert(SECOND.into(), note(None, true, &[]));
    app::update(&mut state, merged(&Annotations::default(), &theirs));
    let shown: Vec<String> = state
        .events
        .rows
        .iter()
        .filter_map(|r| match r {
            chronique::reader::EventRow::Event(e) => Some(state.corpus.event(*e).id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(shown, [SECOND]);
}

#[test]
fn a_note_not_yet_saved_survives_an_outside_edit_of_another_item() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "la mienne");
    ctrl_s(&mut state);
    assert_eq!(saves(&state).len(), 1);
    // Its save is still on its way: the saver merged the file with what it
    // had, the empty layer.
    state.effects.clear();
    let mut theirs = Annotations::default();
    theirs.events.insert(SECOND.into(), note(None, true, &[]));
    app::update(&mut state, merged(&Annotations::default(), &theirs));
    let a = &state.notes.data;
    assert_eq!(a.events[FIRST].note.as_deref(), Some("la mienne"));
    assert!(a.events[SECOND].starred);
    // Saved again, both in it.
    let saved = saves(&state);
    assert_eq!(saved.len(), 1, "{:?}", state.effects);
    assert_eq!(saved[0].events[FIRST].note.as_deref(), Some("la mienne"));
    assert!(saved[0].events[SECOND].starred);
}

#[test]
fn undo_refuses_a_step_on_an_item_changed_outside_and_goes_on_with_the_others() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    press(
        &mut state,
        &[
            Command::Down,
            Command::ToggleStar,
            Command::Up,
            Command::ToggleStar,
        ],
    );
    let ours = (*state.notes.data).clone();
    let mut theirs = ours.clone();
    theirs.events.get_mut(FIRST).unwrap().note = Some("écrite dehors".into());
    app::update(&mut state, merged(&ours, &theirs));
    assert_eq!(
        state.message.as_deref(),
        Some("Reloaded annotations.yaml; u will refuse 1 step on an item changed there.")
    );
    press(&mut state, &[Command::Undo]);
    assert_says(
        &state,
        "Cannot undo: event capitol-attack was changed in the file",
    );
    let a = &state.notes.data;
    assert!(a.events[FIRST].starred, "the refused step changed nothing");
    assert_eq!(a.events[FIRST].note.as_deref(), Some("écrite dehors"));
    // The step on the other event undoes and redoes as before.
    press(&mut state, &[Command::Undo]);
    assert_says(&state, "Undone: star");
    assert!(!state.notes.data.events.contains_key(SECOND));
    press(&mut state, &[Command::Redo]);
    assert!(state.notes.data.events[SECOND].starred);
    press(&mut state, &[Command::Undo, Command::Undo]);
    assert_eq!(state.message.as_deref(), Some("Nothing to undo."));
}

#[test]
fn a_search_for_a_readers_tag_runs_again_on_the_reloaded_tags() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    press(&mut state, &[Command::Search]);
    type_text(&mut state, "#dehors");
    state.effects.clear();
    let mut theirs = Annotations::default();
    theirs
        .events
        .insert(FIRST.into(), note(None, false, &["dehors"]));
    app::update(&mut state, merged(&Annotations::default(), &theirs));
    let searched = state.effects.iter().find_map(|e| match e {
        Effect::Search {
            input, annotations, ..
        } => Some((input.clone(), annotations.clone())),
        _ => None,
    });
    let (input, annotations) = searched.expect("the search runs again");
    assert_eq!(input, "#dehors");
    assert_eq!(annotations.events[FIRST].tags, ["dehors"]);
    assert!(matches!(state.overlay, Some(Overlay::Search(_))));
}

fn temp_file(text: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    if let Some(text) = text {
        std::fs::write(&path, text).unwrap();
    }
    (dir, path)
}

/// The sample with the annotations read from `path`, and their store.
fn opened_from_disk(path: &Path) -> (State, Store) {
    let mut state = sample_state(120, 40);
    let (store, opened) = chronique::reader::open_annotations(path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    (state, store.expect("writable"))
}

const GOOD: &str = "version: 1\nevents:\n  capitol-attack:\n    note: première\n";

#[test]
fn a_broken_file_keeps_the_annotations_read_only_until_it_reads_again() {
    let (_dir, path) = temp_file(Some(GOOD));
    let (mut state, store) = opened_from_disk(&path);
    let mut store = store;
    let reload = |store: &mut Store, state: &mut State| {
        let ours = store.base();
        let outcome = store.reload(ours.clone());
        app::update(
            state,
            Action::AnnotationsReloaded(Box::new(ReloadReport { ours, outcome })),
        );
    };
    let broken = "version: 1\nevents:\n  capitol-attack:\n    note: [unclosed\n";
    std::fs::write(&path, broken).unwrap();
    reload(&mut store, &mut state);
    let message = state.message.clone().unwrap();
    assert!(
        message.starts_with("Not reloaded: annotations.yaml:") && message.contains("read-only"),
        "{message}"
    );
    assert!(state.notes.read_only.is_some());
    assert_eq!(
        state.notes.data.events[FIRST].note.as_deref(),
        Some("première"),
        "what was on screen stays"
    );
    // `w` lists the error at its place.
    let errors: Vec<String> = state
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("annotations.yaml:5:1: error")),
        "{errors:?}"
    );
    press(&mut state, &[Command::ToggleStar]);
    assert!(state.message.as_deref().unwrap().contains("read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "untouched");
    // Put back as it was (`git checkout`): the same bytes as last read, yet
    // news, since the file was broken in between.
    std::fs::write(&path, GOOD).unwrap();
    reload(&mut store, &mut state);
    assert_eq!(state.message.as_deref(), Some("Reloaded annotations.yaml."));
    assert!(state.notes.read_only.is_none());
    assert!(!state.diagnostics.iter().any(|d| d.is_error()));
    press(&mut state, &[Command::ToggleStar]);
    assert!(state.notes.data.events[FIRST].starred);
}

#[test]
fn a_reload_writes_only_when_the_merge_holds_changes_the_file_lacks() {
    let (_dir, path) = temp_file(Some(GOOD));
    let opened = Store::open(&path);
    let mut store = opened.store;
    // The reader's own bytes: nothing to report.
    assert!(matches!(
        store.reload(store.base()),
        Ok(ReloadOutcome::Unchanged)
    ));
    // A hand edit with a comment: merged, and the file left as written.
    let by_hand = format!("{GOOD}  # à la main\n  twitter-bans-trump:\n    starred: true\n");
    std::fs::write(&path, &by_hand).unwrap();
    match store.reload(store.base()) {
        Ok(ReloadOutcome::Merged {
            annotations,
            written: false,
            conflicts,
            ..
        }) => {
            assert!(conflicts.is_empty());
            assert!(annotations.events[SECOND].starred);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), by_hand);
    assert!(matches!(
        store.reload(store.base()),
        Ok(ReloadOutcome::Unchanged)
    ));
    // A change of ours not written yet (a save failed): merged and saved.
    let mut ours = (*store.base()).clone();
    ours.events.insert(
        "gab-growth".into(),
        note(Some("pas encore écrite"), false, &[]),
    );
    std::fs::write(&path, by_hand.replace("starred: true", "status: verified")).unwrap();
    match store.reload(Arc::new(ours)) {
        Ok(ReloadOutcome::Merged { written: true, .. }) => {}
        other => panic!("{other:?}"),
    }
    let disk = Store::open(&path).annotations;
    assert_eq!(
        disk.events["gab-growth"].note.as_deref(),
        Some("pas encore écrite")
    );
    assert!(disk.events[SECOND].status.is_some());
    assert_eq!(disk.events[FIRST].note.as_deref(), Some("première"));
}

/// Polls `f` until it gives something, for at most a minute (the machine
/// is shared: no timing is asserted, only that it happens).
fn eventually<T>(mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "never happened");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_watcher_sees_an_outside_write_and_not_the_readers_own_save() {
    let (_dir, path) = temp_file(Some(GOOD));
    let opened = Store::open(&path);
    let (seen_tx, seen) = std::sync::mpsc::channel();
    let _watch = chronique::reader::watch_annotations(opened.store.real_path(), move || {
        let _ = seen_tx.send(());
    })
    .expect("watching works here");
    let saver = Saver::spawn(opened.store);
    // Every change the watcher sees is a reload, as in the reader.
    let forward = |saver: &Saver| {
        while seen.try_recv().is_ok() {
            saver.reload();
        }
    };
    let mut ours = opened.annotations;
    ours.events.insert(SECOND.into(), note(None, true, &[]));
    assert!(saver.save(Arc::new(ours.clone())));
    let report = eventually(|| saver.reports().try_recv().ok());
    assert!(report.outcome.is_ok());
    // The watcher saw the reader's own save…
    eventually(|| seen.try_recv().ok());
    saver.reload();
    // …and then someone else's write.
    let outside = std::fs::read_to_string(&path)
        .unwrap()
        .replace("première", "réécrite dehors");
    replace_file(&path, &outside);
    // The first reload reported is the outside one: the own save was none.
    let next_reload = || {
        eventually(|| {
            forward(&saver);
            saver.reloads().try_recv().ok()
        })
        .outcome
    };
    match next_reload() {
        Ok(ReloadOutcome::Merged {
            annotations,
            written,
            ..
        }) => {
            assert_eq!(
                annotations.events[FIRST].note.as_deref(),
                Some("réécrite dehors")
            );
            assert!(annotations.events[SECOND].starred);
            assert!(!written, "nothing of ours was missing");
            // The reader adopts it.
            ours = (*annotations).clone();
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), outside);

    // A reload that writes is not reloaded in turn either. The file breaks,
    // so a note's save fails; fixed, the reload merges the note and saves it.
    replace_file(&path, "version: [1\n");
    assert!(matches!(next_reload(), Ok(ReloadOutcome::Broken(_))));
    ours.events.insert(
        "gab-growth".into(),
        note(Some("sauvée au retour"), false, &[]),
    );
    saver.save(Arc::new(ours));
    assert!(eventually(|| saver.reports().try_recv().ok())
        .outcome
        .is_err());
    replace_file(&path, &outside);
    match next_reload() {
        Ok(ReloadOutcome::Merged { written: true, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("sauvée au retour"));
    // The next report is the next outside write's, not the save's echo.
    let again = std::fs::read_to_string(&path)
        .unwrap()
        .replace("réécrite dehors", "encore dehors");
    replace_file(&path, &again);
    match next_reload() {
        Ok(ReloadOutcome::Merged {
            annotations,
            written: false,
            ..
        }) => assert_eq!(
            annotations.events[FIRST].note.as_deref(),
            Some("encore dehors")
        ),
        other => panic!("{other:?}"),
    }
}

/// Replaces a file as editors and git do: a new file renamed over it.
fn replace_file(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn an_unsaved_note_survives_a_reload_through_the_saver_and_is_saved_with_it() {
    let (_dir, path) = temp_file(Some(GOOD));
    let (mut state, store) = opened_from_disk(&path);
    let saver = Saver::spawn(store);
    // A note typed; its save not yet handed to the saver.
    press(&mut state, &[Command::Down, Command::EditNote]);
    type_text(&mut state, "pas encore sauvée");
    ctrl_s(&mut state);
    state.effects.clear();
    // Someone stars the first event on disk.
    std::fs::write(&path, format!("{GOOD}    starred: true\n")).unwrap();
    saver.reload();
    let report = eventually(|| saver.reloads().try_recv().ok());
    app::update(&mut state, Action::AnnotationsReloaded(Box::new(report)));
    let a = state.notes.data.clone();
    assert_eq!(a.events[SECOND].note.as_deref(), Some("pas encore sauvée"));
    assert!(a.events[FIRST].starred);
    assert_eq!(a.events[FIRST].note.as_deref(), Some("première"));
    let snapshot = saves(&state).pop().expect("saved with the merge");
    saver.save(snapshot);
    let saved = eventually(|| saver.reports().try_recv().ok());
    assert!(saved.outcome.is_ok());
    let disk = Store::open(&path).annotations;
    assert_eq!(
        disk.events[SECOND].note.as_deref(),
        Some("pas encore sauvée")
    );
    assert!(disk.events[FIRST].starred);
}

/// A note saved while the saver's report of an outside change is still on
/// its way: the save must not write the file back to before that change
/// (a crash then would lose it).
#[test]
fn a_save_made_before_a_reload_report_arrives_keeps_what_the_reload_brought_in() {
    let (_dir, path) = temp_file(Some(GOOD));
    let (mut state, store) = opened_from_disk(&path);
    let saver = Saver::spawn(store);
    // Someone stars the first event on disk; the saver reads it in.
    std::fs::write(&path, format!("{GOOD}    starred: true\n")).unwrap();
    saver.reload();
    let report = eventually(|| saver.reloads().try_recv().ok());
    // Before the report is taken in, a note is typed and saved.
    press(&mut state, &[Command::Down, Command::EditNote]);
    type_text(&mut state, "écrite entre-temps");
    ctrl_s(&mut state);
    let snapshot = state
        .effects
        .drain(..)
        .find_map(|e| match e {
            Effect::SaveAnnotations(s) => Some(s),
            _ => None,
        })
        .expect("a save");
    assert_eq!(snapshot.1.reloads, 0, "made before the report was taken in");
    assert!(!snapshot.0.events.get(FIRST).is_some_and(|n| n.starred));
    saver.save_after(snapshot.0, snapshot.1);
    let saved = eventually(|| saver.reports().try_recv().ok());
    assert!(saved.outcome.is_ok(), "{:?}", saved.outcome);
    let disk = Store::open(&path).annotations;
    assert!(disk.events[FIRST].starred, "the outside star stays on disk");
    assert_eq!(
        disk.events[SECOND].note.as_deref(),
        Some("écrite entre-temps")
    );
    // The report then arrives: the session shows both, and its next save
    // (taking the report in) keeps both.
    app::update(&mut state, Action::AnnotationsReloaded(Box::new(report)));
    assert!(state.notes.data.events[FIRST].starred);
    assert_eq!(state.notes.seen.reloads, 1);
    for snapshot in saves(&state) {
        saver.save_after(snapshot, state.notes.seen);
        eventually(|| saver.reports().try_recv().ok());
    }
    let disk = Store::open(&path).annotations;
    assert!(disk.events[FIRST].starred);
    assert_eq!(
        disk.events[SECOND].note.as_deref(),
        Some("écrite entre-temps")
    );
}

/// The snapshots the state asked to save, taken out of its effects.
fn take_saves(state: &mut State) -> Vec<(Arc<Annotations>, chronique::annotations::Seen)> {
    let (saves, others) = state
        .effects
        .drain(..)
        .partition(|e| matches!(e, Effect::SaveAnnotations(_)));
    state.effects = others;
    saves
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveAnnotations(s) => Some((s.0, s.1)),
            _ => None,
        })
        .collect()
}

/// An outside change no reload has read yet is merged by the next save
/// instead; a second save made while that save's report is on its way must
/// not write the file back to before the change (a crash, or a quit with
/// nothing more to save, then loses it).
#[test]
fn a_save_made_before_a_merging_saves_report_arrives_keeps_what_it_merged() {
    let (_dir, path) = temp_file(Some(GOOD));
    let (mut state, store) = opened_from_disk(&path);
    let saver = Saver::spawn(store);
    // Someone stars the first event on disk; the watcher has not said so yet.
    std::fs::write(&path, format!("{GOOD}    starred: true\n")).unwrap();
    press(&mut state, &[Command::Down, Command::EditNote]);
    type_text(&mut state, "une note");
    ctrl_s(&mut state);
    for s in take_saves(&mut state) {
        saver.save_after(s.0, s.1);
    }
    let first = eventually(|| saver.reports().try_recv().ok());
    assert!(
        matches!(
            first.outcome,
            Ok(chronique::annotations::SaveOutcome::Merged { .. })
        ),
        "{:?}",
        first.outcome
    );
    assert!(Store::open(&path).annotations.events[FIRST].starred);
    // Before that report is taken in, the second event is starred here.
    press(&mut state, &[Command::ToggleStar]);
    for s in take_saves(&mut state) {
        saver.save_after(s.0, s.1);
    }
    let second = eventually(|| saver.reports().try_recv().ok());
    let disk = Store::open(&path).annotations;
    assert!(disk.events[SECOND].starred);
    assert!(disk.events[FIRST].starred, "the outside star stays on disk");
    // The reports arrive; whatever the session saves then is saved.
    app::update(&mut state, Action::Saved(Box::new(first)));
    app::update(&mut state, Action::Saved(Box::new(second)));
    assert!(state.notes.data.events[FIRST].starred, "shown");
    assert!(state.notes.data.events[SECOND].starred, "shown");
    for s in take_saves(&mut state) {
        saver.save_after(s.0, s.1);
        eventually(|| saver.reports().try_recv().ok());
    }
    let disk = Store::open(&path).annotations;
    assert!(disk.events[SECOND].starred);
    assert!(disk.events[FIRST].starred, "the outside star stays on disk");
}

#[test]
fn a_file_removed_and_put_back_as_it_was_is_read_again() {
    let (_dir, path) = temp_file(Some(GOOD));
    let mut store = Store::open(&path).store;
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(
        store.reload(store.base()),
        Ok(ReloadOutcome::Removed)
    ));
    std::fs::write(&path, GOOD).unwrap();
    assert!(matches!(
        store.reload(store.base()),
        Ok(ReloadOutcome::Merged { written: false, .. })
    ));
    assert!(matches!(
        store.reload(store.base()),
        Ok(ReloadOutcome::Unchanged)
    ));
}

#[test]
fn after_a_save_that_merged_the_disks_changes_undo_refuses_their_items() {
    let (_dir, path) = temp_file(Some(GOOD));
    let (mut state, store) = opened_from_disk(&path);
    let saver = Saver::spawn(store);
    let save = |state: &mut State| {
        let snapshot = saves(state).pop().expect("a save");
        state.effects.clear();
        saver.save(snapshot);
        let report = eventually(|| saver.reports().try_recv().ok());
        app::update(state, Action::Saved(Box::new(report)));
    };
    press(&mut state, &[Command::ToggleStar]);
    save(&mut state);
    // The disk changes the first event's note; the reader stars the second.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("première", "changée sur le disque")).unwrap();
    press(&mut state, &[Command::Down, Command::ToggleStar]);
    save(&mut state);
    assert_eq!(
        state.notes.data.events[FIRST].note.as_deref(),
        Some("changée sur le disque")
    );
    press(&mut state, &[Command::Undo]);
    assert_says(&state, "Undone: star");
    press(&mut state, &[Command::Undo]);
    assert_says(&state, "Cannot undo: event capitol-attack");
    assert!(state.notes.data.events[FIRST].starred);
}

#[test]
fn a_change_whose_save_failed_is_merged_by_the_next_reload_then_forgotten() {
    const THIRD: &str = "parler-tops-app-store";
    let (_dir, path) = temp_file(Some(GOOD));
    let opened = Store::open(&path);
    let saver = Saver::spawn(opened.store);
    let reload = || {
        saver.reload();
        match eventually(|| saver.reloads().try_recv().ok()).outcome {
            Ok(ReloadOutcome::Merged {
                annotations,
                written,
                ..
            }) => (annotations, written),
            other => panic!("{other:?}"),
        }
    };
    // The file is broken when the reader saves a note: not written.
    std::fs::write(&path, "version: [1\n").unwrap();
    let mut ours = opened.annotations.clone();
    ours.events
        .insert(SECOND.into(), note(Some("x"), false, &[]));
    saver.save(Arc::new(ours.clone()));
    let failed = eventually(|| saver.reports().try_recv().ok());
    assert!(failed.outcome.is_err());
    // Put right by someone who also starred a third event and wrote the
    // same note: nothing of ours is missing, nothing is written.
    let mut fixed = ours.clone();
    fixed.events.insert(THIRD.into(), note(None, true, &[]));
    std::fs::write(&path, to_yaml(&fixed)).unwrap();
    let (merged, written) = reload();
    assert!(!written);
    assert_eq!(*merged, fixed);
    // A later change elsewhere: the failed snapshot (without the third
    // star) is no longer our side of the merge.
    let mut later = fixed.clone();
    later.events.get_mut(FIRST).unwrap().note = Some("changée".into());
    std::fs::write(&path, to_yaml(&later)).unwrap();
    let (merged, written) = reload();
    assert!(!written);
    assert_eq!(*merged, later, "the third star stays");
}

#[test]
fn a_note_being_typed_when_the_file_breaks_stays_in_its_editor_until_it_is_fixed() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "tapée pendant la panne");
    let broken = chronique::annotations::Malformed {
        shown: Annotations::default(),
        diagnostics: Vec::new(),
        why: "annotations.yaml:2:1 is malformed".into(),
    };
    app::update(
        &mut state,
        Action::AnnotationsReloaded(Box::new(ReloadReport {
            ours: Arc::new(Annotations::default()),
            outcome: Ok(ReloadOutcome::Broken(Box::new(broken))),
        })),
    );
    ctrl_s(&mut state);
    assert_says(&state, "Annotations are read-only (annotations.yaml:2:1");
    match &state.overlay {
        Some(Overlay::Note(ed)) => assert_eq!(ed.value(), "tapée pendant la panne"),
        other => panic!("the editor is closed: {other:?}"),
    }
    // Fixed: the same Ctrl-s saves it.
    let empty = Annotations::default();
    app::update(&mut state, merged(&empty, &empty));
    ctrl_s(&mut state);
    assert!(state.overlay.is_none());
    assert_eq!(
        state.notes.data.events[FIRST].note.as_deref(),
        Some("tapée pendant la panne")
    );
}

/// The note being edited is changed on disk meanwhile: saving the editor's
/// text must not silently drop the other side's (the two are kept, as a
/// save's merge keeps a conflict's both texts).
#[test]
fn a_note_changed_on_disk_while_its_editor_is_open_keeps_both_texts() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "la mienne");
    let mut theirs = Annotations::default();
    theirs
        .events
        .insert(FIRST.into(), note(Some("la leur"), false, &[]));
    app::update(&mut state, merged(&Annotations::default(), &theirs));
    assert!(matches!(state.overlay, Some(Overlay::Note(_))));
    state.effects.clear();
    ctrl_s(&mut state);
    let saved = saves(&state);
    let text = saved[0].events[FIRST].note.clone().unwrap_or_default();
    assert!(
        text.contains("la mienne") && text.contains("la leur"),
        "{text:?}"
    );
    assert_says(&state, "Note saved");
    assert!(
        state
            .message
            .as_deref()
            .unwrap()
            .contains("changed on disk"),
        "{:?}",
        state.message
    );
}

/// The tags being edited are changed on disk meanwhile: saving applies
/// what the editor added and removed to the tags the file has now (a tag
/// added there is not silently dropped).
#[test]
fn tags_changed_on_disk_while_their_editor_is_open_are_merged_with_its_edits() {
    let mut state = opened_state(Path::new("corpus/annotations.yaml"));
    let mut ours = Annotations::default();
    ours.events
        .insert(FIRST.into(), note(None, false, &["gardé", "ôté"]));
    app::update(&mut state, merged(&Annotations::default(), &ours));
    press(&mut state, &[Command::EditTags]);
    // The line reads "gardé, ôté, ": take ôté out, add mien.
    for _ in 0.."ôté, ".chars().count() {
        app::update(&mut state, Action::Key(KeyEvent::from(KeyCode::Backspace)));
    }
    type_text(&mut state, "mien");
    let mut theirs = ours.clone();
    theirs
        .events
        .insert(FIRST.into(), note(None, false, &["gardé", "ôté", "leur"]));
    app::update(&mut state, merged(&ours, &theirs));
    assert!(matches!(state.overlay, Some(Overlay::Tags(_))));
    ctrl_s(&mut state);
    assert_eq!(
        state.notes.data.events[FIRST].tags,
        ["gardé", "mien", "leur"]
    );
}
