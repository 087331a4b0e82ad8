//! The search popup, driven by keys.

mod common;
use chronique::app::state::Overlay;
use chronique::app::{self, Action, Command};
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn typed(state: &mut chronique::app::State, text: &str) {
    for c in text.chars() {
        app::update(
            state,
            Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

#[test]
fn typing_goes_into_the_query_line() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::Search]);
    typed(&mut state, "evenement");
    let Some(Overlay::Search(p)) = &state.overlay else {
        panic!("popup not open")
    };
    assert_eq!(p.text(), "evenement");
    assert!(!state.effects.is_empty());
}
