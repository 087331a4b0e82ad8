//! What the annotations store refuses to write, and what it never leaves
//! behind: write-protected files, symlinks out of their folder, temporary
//! files of a failed save, a second conflict after a merge; and what it
//! never loses: an entry removed on disk while it changes here, a note on
//! an event gone from the timeline.

use chronique::annotations::format::to_yaml;
use chronique::annotations::merge::CONFLICT_MARKER;
use chronique::annotations::store::adopt;
use chronique::annotations::{
    apply, Annotations, Change, Note, SaveError, SaveOutcome, Status, Store, Target,
};
use chrono::{DateTime, TimeZone, Utc};
use std::fs;
use std::path::Path;
use std::sync::Arc;

fn noted(pairs: &[(&str, &str)]) -> Annotations {
    let mut a = Annotations::default();
    for (id, text) in pairs {
        a.events.insert(
            id.to_string(),
            Note {
                note: Some(text.to_string()),
                ..Note::default()
            },
        );
    }
    a
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_protected_file_is_read_only_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let text = to_yaml(&noted(&[("e", "à garder")]));
    fs::write(&path, &text).unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let opened = Store::open(&path);
    assert_eq!(
        opened.read_only.as_deref(),
        Some("annotations.yaml is write-protected")
    );
    assert_eq!(
        opened.annotations,
        noted(&[("e", "à garder")]),
        "still shown"
    );
    assert!(
        opened.diagnostics[0].to_string().contains("chmod u+w"),
        "{:?}",
        opened.diagnostics
    );
    let mut store = opened.store;
    let err = store.save(Arc::new(noted(&[("e", "changé")])));
    assert!(matches!(err, Err(SaveError::ReadOnly { .. })), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(names(dir.path()), ["annotations.yaml"]);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_its_folder_is_never_written() {
    let outside = tempfile::tempdir().unwrap();
    let config = outside.path().join("config.yaml");
    let original = "# my settings, with comments\nversion: 1\n";
    fs::write(&config, original).unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let path = corpus.path().join("annotations.yaml");
    std::os::unix::fs::symlink(&config, &path).unwrap();
    let opened = Store::open(&path);
    assert_eq!(
        opened.read_only.as_deref(),
        Some("annotations.yaml is a link out of its folder")
    );
    let warning = opened.diagnostics[0].to_string();
    assert!(warning.contains("never written"), "{warning}");
    let mut store = opened.store;
    assert!(store.save(Arc::new(noted(&[("e", "x")]))).is_err());
    assert_eq!(fs::read_to_string(&config).unwrap(), original);
    assert_eq!(names(outside.path()), ["config.yaml"], "no .bak, no lock");
    assert!(fs::symlink_metadata(&path)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn a_link_within_its_folder_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("notes")).unwrap();
    let target = dir.path().join("notes").join("mine.yaml");
    fs::write(&target, to_yaml(&noted(&[("e", "un")]))).unwrap();
    let path = dir.path().join("annotations.yaml");
    std::os::unix::fs::symlink("notes/mine.yaml", &path).unwrap();
    let opened = Store::open(&path);
    assert_eq!(opened.read_only, None, "{:?}", opened.diagnostics);
    let mut store = opened.store;
    let two = noted(&[("e", "deux")]);
    store.save(Arc::new(two.clone())).unwrap();
    assert!(fs::symlink_metadata(&path)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap(), to_yaml(&two));
}

#[test]
fn a_failed_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut store = Store::open(&path).store;
    store.save(Arc::new(noted(&[("e", "un")]))).unwrap();
    // The backup cannot replace a folder: the save fails half-way, as on a
    // full disk.
    fs::create_dir(dir.path().join("annotations.yaml.bak")).unwrap();
    fs::write(dir.path().join("annotations.yaml.bak").join("x"), "").unwrap();
    assert!(store.save(Arc::new(noted(&[("e", "deux")]))).is_err());
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn stale_backup_temporaries_are_removed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let stale = dir.path().join(".annotations.yaml.bak.tmp-4242");
    fs::write(&stale, "left by a save that failed").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let _ = Store::open(&path);
    assert!(!stale.exists());
}

#[test]
fn resolving_a_conflict_after_a_merge_is_a_plain_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut store = Store::open(&path).store;
    store.save(Arc::new(noted(&[("e", "base")]))).unwrap();
    // Another instance changes the same note.
    fs::write(&path, to_yaml(&noted(&[("e", "sur le disque")]))).unwrap();
    let sent = Arc::new(noted(&[("e", "ici")]));
    let Ok(SaveOutcome::Merged {
        annotations,
        conflicts,
        disk_copy: Some(_),
    }) = store.save(sent.clone())
    else {
        panic!("expected a merge with a conflict");
    };
    assert_eq!(conflicts.len(), 1);
    let mut session = adopt(&sent, &sent, &annotations);
    // The reader rewrites the note that holds both versions.
    session.events.get_mut("e").unwrap().note = Some("les deux, relus".into());
    let outcome = store.save(Arc::new(session.clone())).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved), "{outcome:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), to_yaml(&session));
    let copies = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".conflict-"))
        .count();
    assert_eq!(copies, 1, "one conflict, one copy of the disk file");
}

#[cfg(unix)]
#[test]
fn links_planted_where_a_save_writes_its_side_files_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "keep me").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let pid = std::process::id();
    let tmp = dir.path().join(format!(".annotations.yaml.tmp-{pid}"));
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    let mut store = Store::open(&path).store;
    store.save(Arc::new(noted(&[("e", "un")]))).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        to_yaml(&noted(&[("e", "un")]))
    );
    // A lock file that is a link (here dangling, to a file to be created
    // outside) is refused, not followed.
    fs::remove_file(dir.path().join(".annotations.yaml.lock")).unwrap();
    let planted = outside.path().join("created");
    std::os::unix::fs::symlink(&planted, dir.path().join(".annotations.yaml.lock")).unwrap();
    let err = store.save(Arc::new(noted(&[("e", "deux")]))).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(!planted.exists());
}

fn t(s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, s).unwrap()
}

/// `e`: starred, tagged, with a note; `other`: a note. As saved by a session.
fn starred_with_note() -> Annotations {
    let mut a = noted(&[("e", "gardée"), ("other", "autre")]);
    let e = a.events.get_mut("e").unwrap();
    e.starred = true;
    e.tags = vec!["à-vérifier".into()];
    e.updated = Some(t(0));
    a
}

fn star(a: &mut Annotations, id: &str, starred: bool, at: u32) {
    let target = Target::Event(id.into());
    apply(a, Change::SetStarred { target, starred }, t(at)).unwrap();
}

/// A store that saved `a`, and the path of its file.
fn saved(dir: &Path, a: &Annotations) -> (Store, std::path::PathBuf) {
    let path = dir.join("annotations.yaml");
    let mut store = Store::open(&path).store;
    store.save(Arc::new(a.clone())).unwrap();
    (store, path)
}

/// Issue 10, "a star kept on an event deleted on disk drops its note":
/// the entry is removed on disk (a hand edit, or another instance) while
/// this session unstars it, or unstars and stars it again. The merge keeps
/// the whole entry, note and tags with the star, says so, and keeps the
/// disk version.
#[test]
fn an_entry_removed_on_disk_while_its_star_changes_here_is_kept_whole() {
    for (what, stars) in [("unstarred", &[false][..]), ("star kept", &[false, true])] {
        let dir = tempfile::tempdir().unwrap();
        let base = starred_with_note();
        let (mut store, path) = saved(dir.path(), &base);
        let mut disk = base.clone();
        disk.events.remove("e");
        let disk_text = to_yaml(&disk);
        fs::write(&path, &disk_text).unwrap();
        let mut ours = base.clone();
        for (i, &s) in stars.iter().enumerate() {
            star(&mut ours, "e", s, 1 + i as u32);
        }
        let Ok(SaveOutcome::Merged {
            annotations,
            conflicts,
            disk_copy,
        }) = store.save(Arc::new(ours.clone()))
        else {
            panic!("{what}: expected a merge");
        };
        let on_disk = Store::open(&path).annotations;
        assert_eq!(on_disk, *annotations, "{what}");
        let e = &on_disk.events["e"];
        assert_eq!(
            e.note.as_deref(),
            Some("gardée"),
            "{what}: the note is kept"
        );
        assert_eq!(e.tags, ["à-vérifier"], "{what}");
        assert_eq!(
            e.starred,
            *stars.last().unwrap(),
            "{what}: the star as set here"
        );
        let said: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            ["event e: removed on disk but changed here: kept whole, as it is here"],
            "{what}"
        );
        assert_eq!(fs::read_to_string(disk_copy.unwrap()).unwrap(), disk_text);
    }
}

/// The same entry removed by another instance (its own unstar and note
/// removal), then this one changing the star: kept whole. And the other
/// way round: removed here, starred there: kept as it is there.
#[test]
fn an_entry_removed_by_another_instance_while_changed_here_is_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let base = starred_with_note();
    let (mut here, path) = saved(dir.path(), &base);
    let opened = Store::open(&path);
    let (mut there, mut theirs) = (opened.store, opened.annotations);
    star(&mut theirs, "e", false, 1);
    let remove_note = Change::SetNote {
        target: Target::Event("e".into()),
        text: None,
    };
    apply(&mut theirs, remove_note, t(1)).unwrap();
    theirs.events.get_mut("e").unwrap().tags.clear();
    theirs.prune();
    assert!(!theirs.events.contains_key("e"));
    there.save(Arc::new(theirs)).unwrap();
    let mut ours = base.clone();
    star(&mut ours, "e", false, 2);
    star(&mut ours, "e", true, 3);
    here.save(Arc::new(ours.clone())).unwrap();
    let e = &Store::open(&path).annotations.events["e"];
    assert_eq!((e.note.as_deref(), e.starred), (Some("gardée"), true));

    // Removed here (the session's last edit), changed on disk: the disk's.
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = saved(dir.path(), &base);
    let mut disk = base.clone();
    disk.events.get_mut("e").unwrap().status = Some(Status::Verified);
    fs::write(&path, to_yaml(&disk)).unwrap();
    let mut ours = base.clone();
    ours.events.remove("e");
    let Ok(SaveOutcome::Merged { conflicts, .. }) = store.save(Arc::new(ours)) else {
        panic!("expected a merge");
    };
    assert_eq!(Store::open(&path).annotations.events["e"], disk.events["e"]);
    assert!(conflicts[0]
        .to_string()
        .contains("kept whole, as it is on disk"));
}

/// Only the note removed on disk: a field-wise merge, as for any two edits
/// of different fields (the removal applies, so does the star). A note
/// removed on one side and rewritten on the other keeps the new text, with
/// no conflict line and no empty half.
#[test]
fn a_note_removed_on_one_side_and_rewritten_on_the_other_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let base = starred_with_note();
    let (mut store, path) = saved(dir.path(), &base);
    let mut disk = base.clone();
    disk.events.get_mut("e").unwrap().note = None;
    fs::write(&path, to_yaml(&disk)).unwrap();
    let mut ours = base.clone();
    star(&mut ours, "e", false, 1);
    store.save(Arc::new(ours.clone())).unwrap();
    let e = &Store::open(&path).annotations.events["e"];
    assert_eq!((e.note.as_deref(), e.starred), (None, false));
    assert_eq!(e.tags, ["à-vérifier"]);

    for (side, text) in [("here", "réécrite ici"), ("on disk", "réécrite à la main")] {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, path) = saved(dir.path(), &base);
        let mut disk = base.clone();
        let mut ours = base.clone();
        let (removed, rewritten) = if side == "here" {
            (&mut disk, &mut ours)
        } else {
            (&mut ours, &mut disk)
        };
        removed.events.get_mut("e").unwrap().note = None;
        rewritten.events.get_mut("e").unwrap().note = Some(text.into());
        fs::write(&path, to_yaml(&disk)).unwrap();
        let Ok(SaveOutcome::Merged { conflicts, .. }) = store.save(Arc::new(ours)) else {
            panic!("rewritten {side}: expected a merge");
        };
        let e = &Store::open(&path).annotations.events["e"];
        assert_eq!(e.note.as_deref(), Some(text), "rewritten {side}");
        assert!(!e.note.as_deref().unwrap().contains(CONFLICT_MARKER));
        assert_eq!(conflicts.len(), 1, "rewritten {side}: {conflicts:?}");
        assert!(conflicts[0].to_string().contains("text is kept"));
    }
}

/// Issue 10, second reading: the event is gone from the timeline, its
/// note and star stay in the file (an orphan). Starring and unstarring it,
/// and saving other changes, never drop its note.
#[test]
fn a_note_on_an_event_gone_from_the_timeline_survives_its_star_changing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = saved(dir.path(), &starred_with_note());
    let mut a = Store::open(&path).annotations;
    for (at, starred) in [(1, false), (2, true), (3, false)] {
        star(&mut a, "e", starred, at);
        star(&mut a, "other", starred, at);
        store.save(Arc::new(a.clone())).unwrap();
        let reread = Store::open(&path).annotations;
        assert_eq!(reread, a);
        assert_eq!(reread.events["e"].note.as_deref(), Some("gardée"));
        assert_eq!(reread.events["e"].starred, starred);
    }
}
