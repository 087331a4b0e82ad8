//! Issue 15: the reader's own events are edited after they are made — `E`
//! on one of them opens the event form filled with its date, title,
//! summary and links; saving updates it in place, `u` undoes the edit.

use crate::common::*;
use chronique::reader::{self as app, Action, Command};
use chronique::reader::{EventRow, Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::from(code)));
}

fn ctrl(state: &mut State, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app::update(state, Action::Key(key));
}

fn type_text(state: &mut State, text: &str) {
    text.chars().for_each(|c| key(state, KeyCode::Char(c)));
}

/// Clears the focused field (Backspace, as a reader without readline would).
fn clear_field(state: &mut State) {
    for _ in 0..80 {
        key(state, KeyCode::Backspace);
    }
}

fn form_values(state: &State) -> Vec<String> {
    match &state.overlay {
        Some(Overlay::Form(f)) => f.values(),
        other => panic!("no form: {other:?}"),
    }
}

/// Adds an event of the reader's, linked to the first quote of the open
/// article, and leaves it selected in the timeline.
fn add_event(state: &mut State) {
    press(
        state,
        &[Command::FocusArticle, Command::NextQuote, Command::NewEvent],
    );
    type_text(state, "2021-01-07");
    key(state, KeyCode::Tab);
    type_text(state, "Premier titre");
    key(state, KeyCode::Tab);
    type_text(state, "Un résumé");
    ctrl(state, 's');
    assert!(state.overlay.is_none());
    press(state, &[Command::FocusEvents]);
}

fn selected_row(state: &State) -> Option<EventRow> {
    state.events.selected.map(|r| state.events.rows[r].clone())
}

#[test]
fn capital_e_on_a_readers_event_edits_it_and_u_undoes_the_edit() {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    let made = state.notes.data.reader_events[0].clone();
    assert_eq!(
        selected_row(&state),
        Some(EventRow::Reader(
            state.notes.data.reader_events[0].id.clone()
        ))
    );
    press(&mut state, &[Command::NewEvent]);
    let source = made.sources.join(", ");
    assert_eq!(
        form_values(&state),
        ["2021-01-07", "Premier titre", "Un résumé", source.as_str()]
    );
    let screen = screen_text(&state);
    assert!(screen.contains("Edit your event"), "{screen}");
    assert!(screen.contains("Links"), "{screen}");
    // Move it to March, retitle it, drop the summary, link a whole article.
    clear_field(&mut state);
    type_text(&mut state, "2021-03-04");
    key(&mut state, KeyCode::Tab);
    clear_field(&mut state);
    type_text(&mut state, "Titre revu");
    key(&mut state, KeyCode::Tab);
    clear_field(&mut state);
    key(&mut state, KeyCode::Tab);
    clear_field(&mut state);
    let article = state.corpus.articles[0].id.clone();
    type_text(&mut state, &article);
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(state.notes.data.reader_events.len(), 1, "edited, not added");
    assert_eq!(
        (e.id.as_str(), e.date.as_str(), e.title.as_str()),
        (made.id.as_str(), "2021-03-04", "Titre revu")
    );
    assert_eq!(e.summary, None);
    assert_eq!(e.sources, [article]);
    assert_eq!(e.quote, made.quote, "the quote it was made from stays");
    // Still selected, now among March's events.
    assert_eq!(
        selected_row(&state),
        Some(EventRow::Reader(
            state.notes.data.reader_events[0].id.clone()
        ))
    );
    let screen = screen_text(&state);
    assert!(screen.contains("Titre revu"), "{screen}");
    assert!(!screen.contains("Premier titre"), "{screen}");
    // In the file's format too (what the saver writes).
    let text = chronique::annotations::format::to_yaml(&state.notes.data);
    assert!(text.contains("title: Titre revu"), "{text}");

    press(&mut state, &[Command::Undo]);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(e, &made, "u puts the event back as it was");
}

#[test]
fn a_bad_date_title_or_link_is_refused_on_its_field() {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    let before = state.notes.data.reader_events[0].clone();
    press(&mut state, &[Command::NewEvent]);
    for _ in 0..3 {
        key(&mut state, KeyCode::Tab);
    }
    type_text(&mut state, ", no-such-article");
    ctrl(&mut state, 's');
    match &state.overlay {
        Some(Overlay::Form(f)) => {
            assert_eq!(f.focus, 3);
            let error = f.error.as_deref().unwrap_or_default();
            assert!(error.contains("no-such-article"), "{error}");
        }
        other => panic!("the form stays open: {other:?}"),
    }
    key(&mut state, KeyCode::BackTab);
    key(&mut state, KeyCode::BackTab);
    clear_field(&mut state);
    ctrl(&mut state, 's');
    assert!(matches!(&state.overlay, Some(Overlay::Form(f)) if f.focus == 1));
    assert_eq!(state.notes.data.reader_events[0], before, "nothing saved");
}

#[test]
fn leaving_an_unchanged_edit_does_not_ask_a_changed_one_does() {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    press(&mut state, &[Command::NewEvent]);
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none(), "nothing changed: Esc closes");
    press(&mut state, &[Command::NewEvent]);
    type_text(&mut state, "x");
    key(&mut state, KeyCode::Esc);
    assert!(matches!(&state.overlay, Some(Overlay::Form(f)) if f.confirm_discard));
}

#[test]
fn on_a_corpus_event_capital_e_still_adds_one() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusEvents, Command::NewEvent]);
    assert!(form_values(&state).iter().all(String::is_empty));
    assert!(screen_text(&state).contains("New event"));
}
