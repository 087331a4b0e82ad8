//! Saving: atomic writes with a backup, merging with changes made on disk
//! under a running session, read-only on malformed files, the background
//! saver, undo/redo, and orphan warnings.

use chronique::annotations::format::to_yaml;
use chronique::annotations::merge::CONFLICT_MARKER;
use chronique::annotations::store::adopt;
use chronique::annotations::validate::{check_file, validate};
use chronique::annotations::{
    Annotations, Change, Highlight, History, Note, ReaderEvent, SaveError, SaveOutcome, Saver,
    Status, Store, Target,
};
use chronique::corpus::{load_dir, Progress};
use chrono::{DateTime, TimeZone, Utc};
use std::fs;
use std::path::Path;
use std::sync::Arc;

fn t(s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, s).unwrap()
}

fn ev(id: &str) -> Target {
    Target::Event(id.into())
}

fn note(a: &mut Annotations, id: &str, text: &str, now: u32) {
    let change = Change::SetNote {
        target: ev(id),
        text: Some(text.into()),
    };
    chronique::annotations::apply(a, change, t(now)).unwrap();
}

#[test]
fn saves_atomically_and_keeps_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = Store::open(&path);
    assert!(opened.read_only.is_none() && opened.diagnostics.is_empty());
    let mut store = opened.store;
    let mut a = opened.annotations;
    note(&mut a, "e1", "première version", 0);
    assert!(matches!(
        store.save(Arc::new(a.clone())),
        Ok(SaveOutcome::Saved)
    ));
    let first = fs::read_to_string(&path).unwrap();
    note(&mut a, "e1", "deuxième version ✨", 1);
    assert!(matches!(
        store.save(Arc::new(a.clone())),
        Ok(SaveOutcome::Saved)
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), to_yaml(&a));
    assert_eq!(
        fs::read_to_string(dir.path().join("annotations.yaml.bak")).unwrap(),
        first
    );
    // Saving the same content again writes nothing.
    assert!(matches!(
        store.save(Arc::new(a.clone())),
        Ok(SaveOutcome::Unchanged)
    ));
    // No temporary file is left behind; the lock file stays (removing it
    // could let two saves lock two different files).
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".annotations.yaml.lock",
            "annotations.yaml",
            "annotations.yaml.bak"
        ]
    );
    // Reopening reads what was saved.
    assert_eq!(Store::open(&path).annotations, a);
}

#[test]
fn changes_on_disk_to_other_items_are_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = Store::open(&path);
    let mut store = opened.store;
    let mut ours = opened.annotations;
    note(&mut ours, "e1", "à moi", 0);
    store.save(Arc::new(ours.clone())).unwrap();

    // Someone edits the file under the running session (a git pull, an editor).
    let mut theirs = Store::open(&path).annotations;
    note(&mut theirs, "e2", "ajouté à la main", 1);
    theirs.events.get_mut("e1").unwrap().tags = vec!["git".into()];
    fs::write(&path, to_yaml(&theirs)).unwrap();

    ours.events.get_mut("e1").unwrap().starred = true;
    note(&mut ours, "e3", "encore à moi", 2);
    let sent = Arc::new(ours.clone());
    let outcome = store.save(sent.clone()).unwrap();
    let SaveOutcome::Merged {
        annotations,
        conflicts,
        disk_copy,
    } = outcome
    else {
        panic!("expected a merge, got {outcome:?}");
    };
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert!(disk_copy.is_none());
    let on_disk = Store::open(&path).annotations;
    assert_eq!(on_disk, *annotations);
    assert_eq!(
        on_disk.events.keys().collect::<Vec<_>>(),
        ["e1", "e2", "e3"]
    );
    let e1 = &on_disk.events["e1"];
    assert!(e1.starred);
    assert_eq!(e1.tags, ["git"]);
    // The session adopts the merge, and the next save is a plain save.
    let mut ours = adopt(&sent, &ours, &annotations);
    assert_eq!(ours, on_disk);
    ours.events.get_mut("e2").unwrap().starred = true;
    assert!(matches!(store.save(Arc::new(ours)), Ok(SaveOutcome::Saved)));
}

#[test]
fn the_same_item_changed_on_both_sides_keeps_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = Store::open(&path);
    let mut store = opened.store;
    let mut ours = opened.annotations;
    note(&mut ours, "e1", "texte de base", 0);
    store.save(Arc::new(ours.clone())).unwrap();

    let mut theirs = ours.clone();
    note(&mut theirs, "e1", "leur texte", 1);
    theirs.events.get_mut("e1").unwrap().status = Some(Status::Disputed);
    let theirs_text = to_yaml(&theirs);
    fs::write(&path, &theirs_text).unwrap();

    note(&mut ours, "e1", "mon texte", 2);
    ours.events.get_mut("e1").unwrap().status = Some(Status::Verified);
    let outcome = store.save(Arc::new(ours)).unwrap();
    let SaveOutcome::Merged {
        conflicts,
        disk_copy,
        ..
    } = outcome
    else {
        panic!("expected a merge, got {outcome:?}");
    };
    let described: Vec<String> = conflicts.iter().map(|c| c.to_string()).collect();
    assert_eq!(described.len(), 2, "{described:#?}");
    assert!(described[0].starts_with("event e1: `note` changed here and on disk"));
    assert!(
        described[1].contains("kept verified (the disk said disputed)"),
        "{described:#?}"
    );
    let merged = Store::open(&path).annotations;
    let text = merged.events["e1"].note.clone().unwrap();
    assert_eq!(text, format!("mon texte\n\n{CONFLICT_MARKER}\nleur texte"));
    // The disk version is also kept whole, untouched.
    let copy = disk_copy.expect("a copy of the disk version");
    assert!(copy
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("annotations.conflict-"));
    assert_eq!(fs::read_to_string(copy).unwrap(), theirs_text);
}

#[test]
fn a_malformed_file_is_read_only_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let bad = "version: 1\nevents:\n  e1:\n    starred: [oui\n";
    fs::write(&path, bad).unwrap();
    let opened = Store::open(&path);
    assert!(opened.read_only.is_some());
    assert_eq!(opened.diagnostics.len(), 1);
    let d = opened.diagnostics[0].to_string();
    assert!(
        d.starts_with(&format!("{}:4:14: error: `starred`", path.display())),
        "{d}"
    );
    let mut store = opened.store;
    let mut a = opened.annotations;
    note(&mut a, "e1", "x", 0);
    assert!(matches!(
        store.save(Arc::new(a)),
        Err(SaveError::ReadOnly { .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), bad);
    assert!(!dir.path().join("annotations.yaml.bak").exists());
}

/// Issue 15: one bad field (`status: dubious`) hid every annotation. Now
/// it hides only its item: the others are read, each bad item has its
/// error, and the file stays read-only so the bad item is never rewritten
/// away.
#[test]
fn one_bad_field_hides_only_its_item_and_keeps_the_file_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let text = "version: 1\nevents:\n  a:\n    note: gardée\n    starred: true\n  b:\n    \
                status: dubious\n  c:\n    tags: [x]\nquotes:\n  afp#q1:\n    starred: oui\n\
                reader_events:\n  - id: r1\n    date: 2021-01-07\n    title: Mon événement\n";
    fs::write(&path, text).unwrap();
    let opened = Store::open(&path);
    let a = &opened.annotations;
    assert_eq!(a.events.keys().collect::<Vec<_>>(), ["a", "c"]);
    assert_eq!(a.events["a"].note.as_deref(), Some("gardée"));
    assert!(a.quotes.is_empty());
    assert_eq!(a.reader_events[0].title, "Mon événement");
    let shown: Vec<String> = opened
        .diagnostics
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&path.display().to_string(), "annotations.yaml")
        })
        .collect();
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(
        shown[0].starts_with("annotations.yaml:7:13: error: `status`: unknown variant `dubious`"),
        "{shown:#?}"
    );
    assert!(shown[0].contains("the note on event `b` is not shown"));
    assert!(shown[1].starts_with("annotations.yaml:12:14: error: `starred`"));
    assert!(shown[1].contains("the note on quote `afp#q1` is not shown"));
    assert_eq!(
        opened.read_only.as_deref(),
        Some("annotations.yaml:7:13 and 1 more places are malformed")
    );
    let mut store = opened.store;
    let mut a = opened.annotations;
    note(&mut a, "c", "x", 0);
    assert!(matches!(
        store.save(Arc::new(a)),
        Err(SaveError::ReadOnly { .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // `chronique check` lists both.
    let corpus = load_dir(Path::new("data"), &Progress::default())
        .unwrap()
        .corpus;
    let checked = check_file(&path, &corpus);
    assert_eq!(checked.iter().filter(|d| d.is_error()).count(), 2);
}

#[test]
fn a_file_broken_on_disk_during_the_session_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = Store::open(&path);
    let mut store = opened.store;
    let mut a = opened.annotations;
    note(&mut a, "e1", "x", 0);
    store.save(Arc::new(a.clone())).unwrap();
    fs::write(&path, "events: [\n").unwrap();
    note(&mut a, "e1", "y", 1);
    let err = store.save(Arc::new(a.clone())).unwrap_err();
    assert!(matches!(err, SaveError::DiskMalformed(_)), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "events: [\n");
    // Once fixed, the session's changes are saved.
    fs::write(&path, "version: 1\n").unwrap();
    store.save(Arc::new(a.clone())).unwrap();
    assert_eq!(
        Store::open(&path).annotations.events["e1"].note.as_deref(),
        Some("y")
    );
}

#[test]
fn the_saver_writes_off_thread_and_coalesces_bursts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = Store::open(&path);
    let saver = Saver::spawn(opened.store);
    let mut a = opened.annotations;
    for i in 0..50 {
        note(&mut a, "e1", &format!("version {i}"), i);
        assert!(saver.save(Arc::new(a.clone())));
    }
    let (store, reports) = saver.finish();
    assert!(store.is_some());
    assert!(!reports.is_empty() && reports.len() <= 50);
    assert!(reports.iter().all(|r| r.outcome.is_ok()));
    assert_eq!(*reports.last().unwrap().saved, a);
    assert_eq!(Store::open(&path).annotations, a);
}

#[test]
fn the_saver_wakes_its_listener_once_a_report_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let opened = Store::open(&dir.path().join("annotations.yaml"));
    let (tx, woken) = std::sync::mpsc::channel();
    let saver = Saver::spawn_notifying(opened.store, move || {
        let _ = tx.send(());
    });
    let mut a = opened.annotations;
    note(&mut a, "e1", "réveille-moi", 0);
    assert!(saver.save(Arc::new(a.clone())));
    woken
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("notified");
    let report = saver.reports().try_recv().expect("the report is there");
    assert!(report.outcome.is_ok());
    assert_eq!(*report.saved, a);
}

#[test]
fn undo_and_redo_walk_the_whole_history() {
    let mut a = Annotations::default();
    let mut h = History::new();
    assert!(h.undo(&mut a, t(0)).is_none());
    let c = Change::toggle_star(&a, ev("e1"));
    h.do_(&mut a, c, t(1)).unwrap();
    let c = Change::cycle_status(&a, ev("e1"));
    h.do_(&mut a, c, t(2)).unwrap();
    h.do_(
        &mut a,
        Change::SetNote {
            target: ev("e1"),
            text: Some("Noël 🎄".into()),
        },
        t(3),
    )
    .unwrap();
    let highlight = Highlight {
        id: "h1".into(),
        article: "a".into(),
        text: "passage".into(),
        occurrence: None,
        speaker: None,
        events: vec![],
        created: Some(t(4)),
        annotation: Note::default(),
    };
    h.do_(&mut a, Change::AddHighlight(highlight), t(4))
        .unwrap();
    let after = a.clone();
    let mut undone = Vec::new();
    while let Some(r) = h.undo(&mut a, t(5)) {
        undone.push(r.unwrap());
    }
    assert_eq!(
        undone,
        [
            "add highlight h1",
            "edit the note on event e1",
            "mark event e1 to-check",
            "star event e1"
        ]
    );
    assert_eq!(a, Annotations::default());
    assert_eq!(h.redo(&mut a, t(6)).unwrap().unwrap(), "star event e1");
    while h.redo(&mut a, t(6)).is_some() {}
    let strip = |mut a: Annotations| {
        a.events.values_mut().for_each(|n| n.updated = None);
        a
    };
    assert_eq!(strip(a.clone()), strip(after));
    // A new change after undo clears the redo list.
    h.undo(&mut a, t(7));
    let c = Change::toggle_star(&a, ev("e2"));
    h.do_(&mut a, c, t(8)).unwrap();
    assert!(!h.can_redo());
}

#[test]
fn orphans_are_kept_and_reported_by_check() {
    let corpus = load_dir(Path::new("data"), &Progress::default())
        .unwrap()
        .corpus;
    let event = corpus.events[0].id.clone();
    let article = &corpus.articles[0];
    let quote_key = format!("{}#{}", article.id, article.quotes[0].id);
    let mut a = Annotations::default();
    note(&mut a, &event, "ok", 0);
    note(&mut a, "disparu", "orphan", 0);
    a.quotes.insert(
        quote_key,
        Note {
            starred: true,
            ..Note::default()
        },
    );
    a.quotes.insert(
        "afp#nope".into(),
        Note {
            starred: true,
            ..Note::default()
        },
    );
    a.highlights.push(Highlight {
        id: "h1".into(),
        article: article.id.to_string(),
        text: "un passage qui n’existe pas".into(),
        occurrence: None,
        speaker: None,
        events: vec!["inconnu".into()],
        created: None,
        annotation: Note::default(),
    });
    a.reader_events.push(ReaderEvent {
        id: "r1".into(),
        date: "2021-13".into(),
        title: "t".into(),
        summary: None,
        actors: vec![],
        sources: vec![],
        quote: None,
        created: None,
        annotation: Note::default(),
    });
    let text = to_yaml(&a);
    let ds = validate(&a, &text, &corpus, Path::new("annotations.yaml"));
    let shown: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 5, "{shown:#?}\n{text}");
    assert!(ds.iter().all(|d| !d.is_error()));
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        shown.iter().any(|s| s.starts_with(&format!(
            "annotations.yaml:{}:3: warning: note on event `disparu`",
            line_of("disparu:")
        ))),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|s| s.contains("quote `afp#nope`")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|s| s.contains("the passage is no longer in the article")),
        "{shown:#?}"
    );
    assert!(
        shown.iter().any(|s| s.contains("unknown event `inconnu`")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|s| s.contains("month 13")), "{shown:#?}");

    // Through `check_file`, and nothing is dropped from the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    fs::write(&path, &text).unwrap();
    assert_eq!(check_file(&path, &corpus).len(), 5);
    assert_eq!(Store::open(&path).annotations, a);
}
