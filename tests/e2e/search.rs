//! The search popup of the real binary, typed into at a person's speed.

use crate::common::pty::Session;
use std::time::Duration;

#[test]
fn typing_tuer_entreprise_at_normal_speed_shows_the_quote_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut s = Session::spawn(&[data.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("/");
    s.wait_for("type to search");
    for c in "tuer entreprise".chars() {
        s.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(40));
    }
    s.wait_for("/ tuer entreprise");
    s.wait_for("2 results");
    let screen = s.screen();
    let first = screen
        .lines()
        .find(|l| l.contains("[quote]") || l.contains("[para]"))
        .unwrap_or_default();
    assert!(
        first.contains("[quote]") && first.contains("Cela va tuer"),
        "{screen}"
    );
    s.send("\x1b");
    s.wait_gone("/ tuer entreprise");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
