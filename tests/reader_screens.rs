//! Snapshots of the reader's screens (TestBackend + insta).

mod common;
use chronique::app::{self, Action, Command};
use common::*;

#[test]
fn main_screen_wide() {
    let state = sample_state(120, 40);
    insta::assert_snapshot!(render(&state).backend());
}

#[test]
fn main_screen_80x24_after_opening_an_event() {
    let mut state = sample_state(80, 24);
    press(
        &mut state,
        &[Command::Down, Command::Down, Command::Down, Command::Open],
    );
    insta::assert_snapshot!(render(&state).backend());
}

#[test]
fn narrow_terminal_shows_one_pane_with_tabs() {
    let mut state = sample_state(60, 20);
    press(&mut state, &[Command::FocusDetails]);
    insta::assert_snapshot!(render(&state).backend());
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut state = sample_state(100, 40);
    press(&mut state, &[Command::Help]);
    let snapshot = render(&state);
    // The help scrolls: read all of it.
    let mut text = screen_text(&state);
    for _ in 0..40 {
        press(&mut state, &[Command::Down]);
        text.push_str(&screen_text(&state));
    }
    // Generated from the keymap, not written twice.
    for b in state.keymap.sections.iter().flat_map(|(_, b)| b) {
        assert!(text.contains(&b.help), "help lacks {:?}", b.help);
    }
    // And the search popup's keys, its line editing included.
    let popup = chronique::app::search_view::KEYS.iter().map(|k| k.help);
    for help in popup.chain(chronique::app::line_edit::KEYS.iter().map(|k| k.help)) {
        assert!(text.contains(help), "help lacks {help:?}");
    }
    insta::assert_snapshot!(snapshot.backend());
}

#[test]
fn tiny_terminal_says_so() {
    let state = sample_state(20, 5);
    insta::assert_snapshot!(render(&state).backend());
}

#[test]
fn every_size_renders_without_panic_including_resizes() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::Open, Command::NextQuote]);
    for (w, h) in [
        (1, 1),
        (20, 5),
        (31, 7),
        (32, 8),
        (40, 10),
        (79, 24),
        (80, 24),
        (119, 30),
        (120, 40),
        (250, 70),
        (2, 200),
        (300, 3),
    ] {
        app::update(&mut state, Action::Resize(w, h));
        let text = screen_text(&state);
        assert_eq!(text.lines().count(), usize::from(h));
        for c in [
            Command::Down,
            Command::NextQuote,
            Command::FocusNext,
            Command::PageDown,
            Command::Help,
            Command::Close,
        ] {
            app::update(&mut state, Action::Command(c));
            screen_text(&state);
        }
    }
}
