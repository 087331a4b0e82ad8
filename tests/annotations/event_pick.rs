//! Issue 15 item 4: the reader's-quote form's Events field picks events by
//! title or date (fuzzy, accents folded), Tab completes the id, and an
//! unknown id is answered with the closest one.

use crate::common::*;
use chronique::reader::{self as app, Action, Command};
use chronique::reader::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::from(code)));
}

fn type_text(state: &mut State, text: &str) {
    text.chars().for_each(|c| key(state, KeyCode::Char(c)));
}

fn form(state: &State) -> &chronique::reader::Form {
    match &state.overlay {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

/// A passage marked and kept: the quote form, in its emptied Events field.
fn in_events_field(state: &mut State) {
    press(
        state,
        &[
            Command::FocusArticle,
            Command::NextQuote,
            Command::MarkPassage,
        ],
    );
    key(state, KeyCode::Enter);
    key(state, KeyCode::Tab);
    key(state, KeyCode::Tab);
    assert_eq!(form(state).focus, 2);
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app::update(state, Action::Key(ctrl_u));
    assert_eq!(form(state).value(2), "");
}

#[test]
fn typing_a_title_lists_matching_events_and_tab_puts_the_id_in() {
    let mut state = sample_state(120, 40);
    in_events_field(&mut state);
    // "telecharge" finds "…la plus téléchargée…": accents fold.
    type_text(&mut state, "telecharge");
    let choices = &form(&state).choices;
    assert_eq!(choices[0].0, "parler-tops-app-store", "{choices:?}");
    assert!(choices[0].1.contains("téléchargée"), "title shown");
    let screen = screen_text(&state);
    assert!(screen.contains("Tab → "), "{screen}");
    assert!(screen.contains("(parler-tops-app-store)"), "{screen}");
    key(&mut state, KeyCode::Tab);
    assert_eq!(form(&state).value(2), "parler-tops-app-store,");
    assert!(form(&state).choices.is_empty());
    // A second one after the comma, by a word of its title.
    type_text(&mut state, "capitole");
    key(&mut state, KeyCode::Tab);
    assert_eq!(
        form(&state).value(2),
        "parler-tops-app-store, capitol-attack,"
    );
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let h = &state.notes.data.highlights[0];
    assert_eq!(h.events, ["parler-tops-app-store", "capitol-attack"]);
}

#[test]
fn an_unknown_id_is_answered_with_the_closest() {
    let mut state = sample_state(120, 40);
    in_events_field(&mut state);
    type_text(&mut state, "aws-suspend-parler");
    key(&mut state, KeyCode::Enter);
    let error = form(&state).error.clone().unwrap_or_default();
    assert!(error.contains("unknown id aws-suspend-parler"), "{error}");
    assert!(
        error.contains("did you mean aws-suspends-parler"),
        "{error}"
    );
}
