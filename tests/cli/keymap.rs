//! The reader's keymap file from the command line: a mistake stops the
//! start with `path:line:col: error: …` (exit 2), before the terminal is
//! touched; `--print-keymap` prints the file to start from.

use std::process::Command;

fn chronique(args: &[&str], config: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chronique"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .expect("run chronique")
}

#[test]
fn a_bad_keymap_file_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keys.yaml");
    std::fs::write(&file, "global:\n  - { keys: [x], action: qiut }\n").unwrap();
    let out = chronique(&["--keymap", file.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = format!("{}:2:26: error: unknown action `qiut`", file.display());
    assert!(err.starts_with(&expected), "{err}");
    assert!(out.stdout.is_empty(), "the terminal was not touched");
}

#[test]
fn the_configuration_directorys_keymap_is_read_and_a_missing_file_named_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("chronique");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("keymap.yaml"), "events: [}\n").unwrap();
    let out = chronique(&[], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keymap.yaml:1:"), "{err}");

    let missing = dir.path().join("nope.yaml");
    let out = chronique(&["--keymap", missing.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read the keymap"), "{err}");
}

#[test]
fn print_keymap_prints_the_built_in_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let out = chronique(&["--print-keymap"], dir.path());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        chronique::reader::DEFAULT_KEYMAP
    );
}
