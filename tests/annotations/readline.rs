//! Issue 15 item 5: the tag editor and the forms' fields are readline
//! lines (the search query's `LineEditor`): Ctrl-u deletes to the line's
//! start, Ctrl-w a word, Ctrl-a/Ctrl-e go to the start/end, Alt-b/Alt-f
//! move by word, Ctrl-k deletes to the end, Ctrl-y puts it back.

use crate::common::*;
use chronique::reader::{self as app, Action, Command};
use chronique::reader::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn send(state: &mut State, code: KeyCode, modifiers: KeyModifiers) {
    app::update(state, Action::Key(KeyEvent::new(code, modifiers)));
}

fn ctrl(state: &mut State, c: char) {
    send(state, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn alt(state: &mut State, c: char) {
    send(state, KeyCode::Char(c), KeyModifiers::ALT);
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        send(state, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// The text of the tag editor's line or the focused form field.
fn line(state: &State) -> String {
    match &state.overlay {
        Some(Overlay::Tags(ed)) => ed.input.text().to_string(),
        Some(Overlay::Form(f)) => f.fields[f.focus].1.text().to_string(),
        other => panic!("no line editor open: {other:?}"),
    }
}

/// Runs the readline keys on the line editor `open` opened (empty).
fn readline_keys_work(mut state: State) {
    type_text(&mut state, "alpha beta gamma");
    ctrl(&mut state, 'w');
    assert_eq!(line(&state), "alpha beta ", "Ctrl-w deletes a word");
    ctrl(&mut state, 'a');
    type_text(&mut state, ">");
    assert_eq!(line(&state), ">alpha beta ", "Ctrl-a goes to the start");
    ctrl(&mut state, 'e');
    type_text(&mut state, "<");
    assert_eq!(line(&state), ">alpha beta <", "Ctrl-e goes to the end");
    alt(&mut state, 'b');
    alt(&mut state, 'b');
    type_text(&mut state, "_");
    assert_eq!(line(&state), ">_alpha beta <", "Alt-b moves back a word");
    alt(&mut state, 'f');
    type_text(&mut state, "!");
    assert_eq!(line(&state), ">_alpha! beta <", "Alt-f moves past a word");
    ctrl(&mut state, 'k');
    assert_eq!(line(&state), ">_alpha!", "Ctrl-k deletes to the end");
    ctrl(&mut state, 'y');
    assert_eq!(line(&state), ">_alpha! beta <", "Ctrl-y puts it back");
    alt(&mut state, 'b');
    ctrl(&mut state, 'u');
    assert_eq!(line(&state), "beta <", "Ctrl-u deletes to the start");
    ctrl(&mut state, 'e');
    ctrl(&mut state, 'u');
    assert_eq!(line(&state), "", "Ctrl-u at the end empties the line");
}

#[test]
fn the_tag_editor_has_readline_keys() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusEvents, Command::EditTags]);
    assert_eq!(line(&state), "");
    readline_keys_work(state);
}

#[test]
fn the_event_forms_fields_have_readline_keys() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusEvents, Command::NewEvent]);
    // The title field (Tab moves on; the keys work in any field).
    send(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    readline_keys_work(state);
}

#[test]
fn the_quote_forms_fields_have_readline_keys() {
    let mut state = sample_state(120, 40);
    press(
        &mut state,
        &[
            Command::FocusArticle,
            Command::NextQuote,
            Command::MarkPassage,
        ],
    );
    send(&mut state, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(state.overlay, Some(Overlay::Form(_))));
    readline_keys_work(state);
}

#[test]
fn tag_completion_still_replaces_the_fragment_and_folds_accents() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusEvents, Command::EditTags]);
    if let Some(Overlay::Tags(ed)) = &mut state.overlay {
        ed.known = vec!["hébergement".into(), "justice".into()];
    }
    type_text(&mut state, "justice, heb");
    send(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(line(&state), "justice, hébergement, ");
    type_text(&mut state, "#ju");
    send(&mut state, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(
        line(&state),
        "justice, hébergement, #ju",
        "a tag already listed is not offered again"
    );
}
