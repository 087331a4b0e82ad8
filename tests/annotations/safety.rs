//! What the annotations store refuses to write, and what it never leaves
//! behind: write-protected files, symlinks out of their folder, temporary
//! files of a failed save, a second conflict after a merge.

use chronique::annotations::format::to_yaml;
use chronique::annotations::store::adopt;
use chronique::annotations::{Annotations, Note, SaveError, SaveOutcome, Store};
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
