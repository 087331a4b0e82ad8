//! Issue 15 item 4: marking a passage starts where the reader is — the
//! selected quote in view, else the first sentence that starts in view,
//! never the top line cut mid-sentence — and its start can be moved.

use crate::common::*;
use chronique::reader::{self as app, Action, Command, Pane};
use chronique::reader::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};
use std::ops::Range;

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::from(code)));
}

fn range(state: &State) -> Range<usize> {
    match &state.overlay {
        Some(Overlay::Select(sel)) => sel.range.clone(),
        other => panic!("not marking: {other:?} {:?}", state.message),
    }
}

/// Whether a sentence starts at `at` (after its end or a line break).
fn starts_a_sentence(body: &str, at: usize) -> bool {
    let before = body[..at].trim_end();
    before.ends_with(['.', '!', '?', '…', '»', '"', '”', ')']) || before.ends_with('\n')
}

/// Marks from the article scrolled mid-sentence, no quote selected.
fn mark_from_mid_sentence(state: &mut State) -> (String, usize) {
    let (body, top) = scrolled_mid_sentence(state);
    state.article.quote = None;
    press(state, &[Command::MarkPassage]);
    (body, top)
}

/// The article with the most text, open and focused, scrolled so that the
/// top line starts mid-sentence; its body and the top line's offset.
fn scrolled_mid_sentence(state: &mut State) -> (String, usize) {
    let corpus = state.corpus.clone();
    let (a, _) = corpus
        .indexed_articles()
        .max_by_key(|(_, article)| article.body.len())
        .unwrap();
    chronique::reader::open_article(state, a, None);
    press(state, &[Command::FocusArticle, Command::Top]);
    let body = corpus.article(a).body.to_string();
    for _ in 0..200 {
        press(state, &[Command::Down]);
        let doc = state.article.doc.as_ref().unwrap();
        if let Some(src) = doc.lines[state.article.scroll].src {
            let before = body[..src].trim_end();
            if before.ends_with(|c: char| c.is_alphabetic() || c == ',') {
                return (body, src);
            }
        }
    }
    panic!("no line starts mid-sentence");
}

#[test]
fn with_no_quote_in_view_it_starts_at_the_first_sentence_in_view() {
    let mut state = sample_state(120, 40);
    let (body, top) = mark_from_mid_sentence(&mut state);
    let r = range(&state);
    assert!(r.start > top, "not the top line, cut mid-sentence");
    assert!(
        starts_a_sentence(&body, r.start),
        "a sentence starts there: {:?}",
        &body[r.start.saturating_sub(30)..r.end]
    );
    let doc = state.article.doc.as_ref().unwrap();
    let h = state.pane_height(Pane::Article);
    assert!(
        doc.line_for_offset(r.start) < state.article.scroll + h,
        "in view"
    );
    assert!(r.end > r.start);
}

#[test]
fn a_selected_quote_scrolled_off_screen_is_not_where_marking_starts() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle, Command::NextQuote]);
    let q = state.article.quote.unwrap();
    let a = state.article.open.unwrap();
    let span = state.corpus.article(a).quote(q).span.clone().unwrap();
    for _ in 0..60 {
        press(&mut state, &[Command::Down]);
    }
    let line = state.article.quote_line(q).unwrap();
    assert!(line < state.article.scroll, "the quote is off screen");
    press(&mut state, &[Command::MarkPassage]);
    assert_ne!(range(&state).start, span.start);
}

#[test]
fn b_f_and_paren_move_the_start_and_backspace_takes_it_back() {
    let mut state = sample_state(120, 40);
    let (body, _) = mark_from_mid_sentence(&mut state);
    let first = range(&state);
    key(&mut state, KeyCode::Char('b'));
    let back = range(&state);
    assert!(back.start < first.start && back.end == first.end);
    let word = body[back.start..first.start].trim();
    assert!(
        !word.is_empty() && !word.contains(' '),
        "one word: {word:?}"
    );
    key(&mut state, KeyCode::Char('f'));
    assert_eq!(range(&state), first, "f moves it forward a word");
    key(&mut state, KeyCode::Char('('));
    let sentence = range(&state);
    assert!(sentence.start < first.start);
    assert!(
        starts_a_sentence(&body, sentence.start),
        "the previous sentence's start"
    );
    key(&mut state, KeyCode::Backspace);
    assert_eq!(range(&state), first);
    // The start never passes the end.
    for _ in 0..100 {
        key(&mut state, KeyCode::Char('f'));
    }
    let r = range(&state);
    assert!(r.start < r.end);
    // The status bar lists the keys.
    let screen = screen_text(&state);
    assert!(
        screen.contains("b start −word  f +word  ( −sentence"),
        "{screen}"
    );
}
