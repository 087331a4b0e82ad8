//! Thousands of problems in one annotations file are all placed, each at
//! its own line, in one walk of the file (one walk per problem made 4,000
//! orphan notes take a minute and 8,000 unknown fields four). No timing
//! here: the sizes are those that were slow; benches/annotations.rs has the
//! figures.

use chronique::annotations::format::from_yaml;
use chronique::annotations::validate::validate;
use chronique::corpus::{embedded, Progress};
use std::fmt::Write;
use std::path::Path;

#[test]
fn thousands_of_unknown_fields_are_each_placed() {
    let mut text = String::from("version: 1\nevents:\n");
    for i in 0..8_000 {
        let _ = write!(text, "  e{i}:\n    note: n\n    colour: red\n");
    }
    let (a, warnings) = from_yaml(&text, Path::new("annotations.yaml")).unwrap();
    assert_eq!(a.events.len(), 8_000);
    assert_eq!(warnings.len(), 8_000);
    // Notes are read in key order (e0, e1, e10, …): find each by its key.
    for (id, w) in a.events.keys().zip(&warnings) {
        let i: usize = id[1..].parse().unwrap();
        assert_eq!((w.pos.line, w.pos.col), (3 + 3 * i + 2, 5), "{w}");
    }
}

#[test]
fn thousands_of_orphan_notes_are_each_placed() {
    let corpus = embedded::load(&Progress::default()).corpus;
    let mut text = String::from("version: 1\nevents:\n");
    for i in 0..4_000 {
        let _ = write!(text, "  gone-{i:04}:\n    starred: true\n");
    }
    let (a, warnings) = from_yaml(&text, Path::new("annotations.yaml")).unwrap();
    assert!(warnings.is_empty());
    let orphans = validate(&a, &text, &corpus, Path::new("annotations.yaml"));
    assert_eq!(orphans.len(), 4_000);
    for (i, w) in orphans.iter().enumerate() {
        assert_eq!((w.pos.line, w.pos.col), (3 + 2 * i, 3), "{w}");
        assert!(w.message.contains(&format!("gone-{i:04}")), "{w}");
    }
}
