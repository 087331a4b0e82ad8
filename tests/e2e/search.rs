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

/// Types `query` into an open search popup, one key at a time, after
/// clearing what was typed before (Ctrl-u).
fn search_for(s: &mut Session, query: &str) {
    s.send("\x15");
    for c in query.chars() {
        s.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(20));
    }
    s.wait_for(&format!("/ {query}"));
}

#[test]
fn an_article_edited_under_the_reader_is_searched_as_it_now_is() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = crate::reader::sample_copy(dir.path());
    let article = corpus.join("articles/clubic-2021-01-15.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("/");
    s.wait_for("type to search");
    // The quote, the paragraph that holds it, and one of another article.
    search_for(&mut s, "'messages 'incitant");
    s.wait_for("3 results");
    s.send("\x1b");
    s.wait_gone("3 results");

    // The quote and its passage in the body, rewritten as an editor does.
    let edited = text.replace(
        "messages incitant à la violence",
        "messages exhortant au soulèvement",
    );
    let tmp = article.with_extension("md.tmp");
    std::fs::write(&tmp, edited).unwrap();
    std::fs::rename(&tmp, &article).unwrap();
    s.wait_for("Reloaded articles/clubic-2021-01-15.md");
    assert!(!s.screen().contains("problem"), "{}", s.screen());
    s.send("/");
    search_for(&mut s, "'exhortant");
    s.wait_for("2 results");
    let screen = s.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("[quote]") && l.contains("exhortant au soulèvement")),
        "{screen}"
    );
    // The old quote is gone; two paragraphs still have both words.
    search_for(&mut s, "'messages 'incitant");
    s.wait_for("2 results");
    let screen = s.screen();
    assert!(!screen.contains("[quote]"), "{screen}");
    s.send("\x1b");
    s.wait_gone("2 results");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
