//! Snapshots of the reader's screens (TestBackend + insta).

use crate::common::*;
use chronique::reader::{self as app, Action, Command};

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
    for _ in 0..200 {
        press(&mut state, &[Command::Down]);
        text.push_str(&screen_text(&state));
    }
    // Generated from the keymap, not written twice: the panes' keys and
    // every popup's section (the search, the line editing, marking…).
    for (section, bindings) in &state.keymap.sections {
        assert!(text.contains(section.title()), "help lacks {section:?}");
        for b in bindings {
            assert!(text.contains(&b.help), "help lacks {:?}", b.help);
        }
    }
    let popups = chronique::reader::Popup::ALL;
    assert!(popups.iter().all(|&p| state
        .keymap
        .sections
        .iter()
        .any(|(s, _)| *s == chronique::reader::Section::Popup(p))));
    assert!(text.contains("Marking a passage (m)"));
    insta::assert_snapshot!(snapshot.backend());
}

#[test]
fn help_overlay_stops_at_its_end_and_comes_back_at_once() {
    for (w, h) in [(80, 24), (120, 40), (50, 15)] {
        let mut state = sample_state(w, h);
        press(&mut state, &[Command::Help, Command::Bottom]);
        let bottom = screen_text(&state);
        // The last line is reachable.
        assert!(bottom.contains("the wheel"), "{w}x{h}: last line not shown");
        // It does not scroll past its end: Down changes nothing, and one Up
        // is one line back (not one of thousands past the end).
        press(&mut state, &[Command::Down, Command::Down]);
        assert_eq!(screen_text(&state), bottom, "{w}x{h}");
        press(&mut state, &[Command::Up]);
        assert_ne!(
            screen_text(&state),
            bottom,
            "{w}x{h}: Up after G did nothing"
        );
        press(&mut state, &[Command::Down]);
        assert_eq!(screen_text(&state), bottom, "{w}x{h}");
    }
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

/// No cell the reader draws holds a character the terminal would act on:
/// the hostile corpus's escape sequences are shown by their stand-ins, in
/// every pane and at every layout.
#[test]
fn corpus_text_reaches_the_screen_only_as_visible_characters() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let location = chronique::corpus::CorpusLocation::Dir(dir);
    for (w, h) in [(120, 40), (80, 24), (50, 15)] {
        let loaded = location
            .load(&chronique::corpus::Progress::default())
            .unwrap();
        let mut state = app::ready_state(loaded, w, h);
        for pane in [
            Command::FocusEvents,
            Command::FocusArticle,
            Command::FocusDetails,
        ] {
            press(&mut state, &[pane]);
            let screen = screen_text(&state);
            assert!(
                !screen.chars().any(|c| c.is_control() && c != '\n'),
                "{w}x{h}:\n{screen}"
            );
            assert!(
                screen.contains("␛]0;"),
                "{w}x{h}: the sequences are shown\n{screen}"
            );
        }
    }
}

/// The status bar's last row: the focused pane's keys come first, the
/// counts shorten instead of being cut, the problems keep their key.
#[test]
fn the_status_bar_shows_the_focused_panes_keys_and_whole_counts() {
    let last_row = |state: &app::State| screen_text(state).lines().last().unwrap().to_string();
    let mut state = sample_state(120, 40);
    let bar = last_row(&state);
    assert!(bar.contains("Enter open source"), "{bar}");
    assert!(bar.contains("17 ev. · 5 art. · 53 q."), "{bar}");
    press(&mut state, &[Command::FocusArticle]);
    let bar = last_row(&state);
    assert!(bar.contains("Enter its event  m mark"), "{bar}");
    for (w, h) in [(80, 24), (50, 15)] {
        let state = sample_state(w, h);
        let bar = last_row(&state);
        assert!(bar.contains("17 ev. · 5 art. · 53 q."), "{w}x{h}: {bar}");
    }
    // Loading problems and their key survive a narrow bar.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let loaded = chronique::corpus::CorpusLocation::Dir(dir)
        .load(&chronique::corpus::Progress::default())
        .unwrap();
    let mut state = app::ready_state(loaded, 50, 15);
    let bar = last_row(&state);
    assert!(bar.contains("problems (w)"), "{bar}");
    // A popup says its own keys in its footer: the bar names none of the
    // pane's (q would type a q in the search popup, w a w).
    state.overlay = None;
    press(&mut state, &[Command::Search]);
    let bar = last_row(&state);
    assert!(bar.contains("problems") && !bar.contains("(w)"), "{bar}");
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::Search]);
    let bar = last_row(&state);
    assert!(state.overlay.is_some());
    assert!(
        !bar.contains("q quit") && !bar.contains("Enter open source"),
        "{bar}"
    );
}

/// Marking a passage replaces the whole bar: nothing of it shows through.
#[test]
fn the_marking_keys_replace_the_status_bar_cleanly() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle, Command::MarkPassage]);
    let screen = screen_text(&state);
    let bar = screen.lines().last().unwrap();
    assert_eq!(
        bar.trim_end(),
        " Marking: Enter keep  Esc cancel  w end +word  s +sentence  l +line  b start −word  f +word  ( −sentence  ⌫ undo"
    );
}

/// The help's last wrapped row can be scrolled into view at any size (it
/// used to stop by lines as written, so wrapped lines hid the end).
#[test]
fn the_end_of_the_help_is_reachable_in_a_small_terminal() {
    for (w, h) in [(50, 15), (80, 24), (40, 12)] {
        let mut state = sample_state(w, h);
        press(&mut state, &[Command::Help, Command::Bottom]);
        let screen = screen_text(&state);
        assert!(screen.contains("under it."), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("Esc close · j/k scroll"),
            "{w}x{h}:\n{screen}"
        );
    }
}

/// The timeline marks disputed (⚠) and inferred (≈) events; the details of
/// a disputed event give each source's account and the disagreement in
/// one line, in the corpus language.
#[test]
fn a_disputed_event_shows_each_account_and_the_disagreement() {
    let mut state = sample_state(200, 60);
    // The eighth event: Amazon Web Services stops hosting Parler.
    press(&mut state, &[Command::Down; 7]);
    let text = screen_text(&state);
    assert!(text.contains("⚠≈ Amazon Web"), "{text}");
    assert!(
        text.contains("⚠ 3 sources en désaccord : 10 vs 11 janvier"),
        "{text}"
    );
    assert!(
        text.contains("AFP, 11 janvier 2021 → 11 janvier 2021"),
        "{text}"
    );
    insta::assert_snapshot!(render(&state).backend());
}
