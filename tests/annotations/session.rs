//! Issue 15: the reading position and the filter survive a restart — the
//! quit key leaves a position (`Effect::SaveSession`) that, sent back at
//! the next start, puts the reader where they were, by id.

use crate::common::*;
use chronique::annotations::filter::Filter;
use chronique::reader::Session;
use chronique::reader::{self as app, Action, Command, Pane};
use chronique::reader::{Effect, EventRow, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::from(code)));
}

/// What the quit key leaves for the next run.
fn quit_and_take_session(state: &mut State) -> Session {
    state.effects.clear();
    press(state, &[Command::Quit]);
    assert!(state.quit);
    state
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveSession(s) => Some(s.clone()),
            _ => None,
        })
        .expect("quitting keeps the position")
}

/// A new run on the same corpus and annotations, given `session`.
fn restart(previous: &State, session: Session) -> State {
    let mut state = sample_state(120, 40);
    let opened = chronique::reader::Opened {
        annotations: (*previous.notes.data).clone(),
        ..Default::default()
    };
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    app::update(&mut state, Action::SessionLoaded(session));
    state
}

#[test]
fn the_selected_event_open_article_scroll_focus_and_filter_come_back() {
    let mut state = sample_state(120, 40);
    // Star two events, filter on stars, pick the second, read its article.
    press(
        &mut state,
        &[Command::ToggleStar, Command::Down, Command::Down],
    );
    press(&mut state, &[Command::ToggleStar]);
    press(&mut state, &[Command::Filter]);
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, Some(Filter::Starred));
    press(
        &mut state,
        &[Command::Bottom, Command::Open, Command::NextQuote],
    );
    press(&mut state, &[Command::Down, Command::Down]);
    assert_eq!(state.focus, Pane::Article);
    let (event, article, quote, scroll) = (
        state.events.selected_event(),
        state.article.open,
        state.article.quote,
        state.article.scroll,
    );
    assert!(scroll > 0, "the test scrolls the article");
    let session = quit_and_take_session(&mut state);

    let fresh = sample_state(120, 40);
    assert_ne!(fresh.events.selected_event(), event, "a start differs");
    let back = restart(&state, session);
    assert_eq!(back.notes.filter, Some(Filter::Starred));
    assert_eq!(back.events.shown(), 2, "the filter is applied");
    assert_eq!(back.events.selected_event(), event);
    assert_eq!(back.article.open, article);
    assert_eq!(back.article.quote, quote);
    assert_eq!(back.article.scroll, scroll);
    assert_eq!(back.focus, Pane::Article);
}

#[test]
fn a_readers_event_is_selected_again_by_its_id() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusEvents, Command::NewEvent]);
    for c in "2021-01-09".chars() {
        key(&mut state, KeyCode::Char(c));
    }
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Char('X'));
    app::update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    let selected = |s: &State| s.events.selected.map(|r| s.events.rows[r].clone());
    assert_eq!(
        selected(&state),
        Some(EventRow::Reader(
            state.notes.data.reader_events[0].id.clone()
        ))
    );
    let session = quit_and_take_session(&mut state);
    assert_eq!(session.focus.as_deref(), Some("events"));
    let back = restart(&state, session);
    assert_eq!(
        selected(&back),
        Some(EventRow::Reader(
            state.notes.data.reader_events[0].id.clone()
        ))
    );
    assert_eq!(back.focus, Pane::Events);
}

#[test]
fn what_no_longer_exists_is_ignored() {
    let state = sample_state(120, 40);
    let gone = Session {
        event: Some("no-such-event".into()),
        article: Some("no-such-article".into()),
        scroll: 10_000,
        quote: Some("no-such-article#q1".into()),
        focus: Some("sideways".into()),
        filter: Some("#never-used-tag".into()),
    };
    let back = restart(&state, gone);
    assert_eq!(back.events.selected_event(), state.events.selected_event());
    assert_eq!(back.article.open, state.article.open);
    assert_eq!(
        back.notes.filter, None,
        "a filter keeping nothing is dropped"
    );
    assert_eq!(back.focus, Pane::Events);
    // A scroll past the end is clamped, in an article that exists.
    let a = state.article.open.unwrap();
    let far = Session {
        article: Some(state.corpus.article(a).id.to_string()),
        scroll: 10_000,
        focus: Some("article".into()),
        ..Default::default()
    };
    let back = restart(&state, far);
    let doc_lines = back.article.doc.as_ref().unwrap().lines.len();
    assert!(back.article.scroll < doc_lines);
    assert_eq!(back.focus, Pane::Article);
}
