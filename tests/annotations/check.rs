//! `chronique check` validates the annotations file too.

use chronique::check::run_with_annotations;
use chronique::corpus::CorpusLocation;
use std::path::Path;

fn check(text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    std::fs::write(&path, text).unwrap();
    let mut out = Vec::new();
    let location = CorpusLocation::Dir("data".into());
    let errors = run_with_annotations(&location, Some(&path), &mut out).unwrap();
    let out = String::from_utf8(out)
        .unwrap()
        .replace(&path.display().to_string(), "annotations.yaml");
    (errors, out)
}

#[test]
fn orphans_are_warnings_counted_in_the_summary() {
    let (errors, out) = check("version: 1\nevents:\n  plus-la:\n    note: orpheline\n");
    assert!(!errors, "{out}");
    assert!(
        out.contains("annotations.yaml:3:3: warning: note on event `plus-la`"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("0 errors, 1 warning"), "{out}");
}

#[test]
fn a_malformed_file_is_an_error_with_its_position() {
    let (errors, out) = check("version: 1\nevents:\n  e:\n    status: peut-être\n");
    assert!(errors, "{out}");
    assert!(
        out.contains("annotations.yaml:4:13: error: `status`"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1 error, 0 warnings"), "{out}");
}

#[test]
fn without_an_annotations_file_check_is_unchanged() {
    let mut out = Vec::new();
    let errors = run_with_annotations(&CorpusLocation::Dir("data".into()), None, &mut out).unwrap();
    assert!(!errors);
    assert!(!Path::new("data/annotations.yaml").exists());
    assert!(!String::from_utf8(out).unwrap().contains("annotations.yaml"));
}

/// A 1 MB orphan id is not echoed whole: its start and end are kept.
/// (Past 1024 characters a YAML key must be written explicitly: `? key`.)
#[test]
fn a_huge_orphan_id_is_cut_in_its_warning() {
    let id = format!("debut-{}-fin", "x".repeat(1_000_000));
    let (_, out) = check(&format!(
        "version: 1\nevents:\n  ? {id}\n  : note: orpheline\n"
    ));
    let line = out
        .lines()
        .find(|l| l.contains("note on event"))
        .expect(&out[..200]);
    assert!(line.len() < 300, "{} bytes", line.len());
    assert!(
        line.contains("`debut-xxxxxxxxxxxxxxxxxx…xxxxxxxxxxxxxxxxxxxx-fin`"),
        "{line}"
    );
}
