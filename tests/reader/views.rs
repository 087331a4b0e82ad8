//! The read-only views driven by their keys: all articles (`A`), who said
//! what (`@`), the timeline as a chart (`T`). Snapshots at 120×40 and
//! 80×24; 50×15 draws readable.

use crate::common::*;
use chronique::reader::parse_key;
use chronique::reader::Overlay;
use chronique::reader::{self as app, Pane, State};
use chronique::reader::{to_action, AppEvent};
use crossterm::event::Event;

/// Types `keys` (keymap names: "A", "enter", "@") as the terminal sends
/// them, through the same boundary the reader uses.
fn typed(state: &mut State, keys: &[&str]) {
    for spec in keys {
        let key = parse_key(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
        if let Some(action) = to_action(state, AppEvent::Input(Event::Key(key))) {
            app::update(state, action);
        }
    }
}

/// Draws at 50×15 and checks the popup is framed and its title readable.
fn readable_when_tiny(mut state: State, title: &str) {
    app::update(&mut state, app::Action::Resize(50, 15));
    let text = screen_text(&state);
    assert_eq!(text.lines().count(), 15);
    assert!(text.contains(title), "{title} at 50×15:\n{text}");
}

#[test]
fn all_articles_lists_every_article_sorts_and_opens_one() {
    let mut state = sample_state(120, 40);
    typed(&mut state, &["A"]);
    let text = screen_text(&state);
    for article in &state.corpus.articles {
        let start: String = article.title.chars().take(20).collect();
        assert!(text.contains(&start), "{} missing:\n{text}", article.title);
    }
    insta::assert_snapshot!("articles_120x40", render(&state).backend());
    typed(&mut state, &["S"]);
    assert!(screen_text(&state).contains("by outlet"));
    app::update(&mut state, app::Action::Resize(80, 24));
    insta::assert_snapshot!("articles_80x24_by_outlet", render(&state).backend());
    readable_when_tiny(
        {
            let mut s = sample_state(120, 40);
            typed(&mut s, &["A"]);
            s
        },
        "All articles",
    );
    // j then Enter opens the second row's article, at its title.
    typed(&mut state, &["g", "j"]);
    let Some(Overlay::Articles(list)) = &state.overlay else {
        panic!("the list closed");
    };
    let chosen = list.rows[1].article;
    typed(&mut state, &["enter"]);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, Pane::Article);
    assert_eq!(state.article.open, Some(chosen));
    assert_eq!(state.article.scroll, 0);
    // Esc closes without moving.
    typed(&mut state, &["A", "j", "esc"]);
    assert!(state.overlay.is_none());
    assert_eq!(state.article.open, Some(chosen));
}

#[test]
fn who_said_what_lists_speakers_then_their_quotes_and_jumps_to_one() {
    let mut state = sample_state(120, 40);
    typed(&mut state, &["@"]);
    insta::assert_snapshot!("speakers_120x40", render(&state).backend());
    typed(&mut state, &["j", "enter", "j"]);
    let Some(Overlay::Speakers(list)) = &state.overlay else {
        panic!("the speakers closed");
    };
    let speaker = list.speaker().unwrap().name.clone();
    let quote = list.quote.unwrap();
    assert_eq!(list.speaker().unwrap().quotes[1].quote, quote);
    let text = screen_text(&state);
    assert!(text.contains(&speaker), "{text}");
    app::update(&mut state, app::Action::Resize(80, 24));
    insta::assert_snapshot!("speakers_80x24_quotes", render(&state).backend());
    readable_when_tiny(
        {
            let mut s = sample_state(120, 40);
            typed(&mut s, &["@", "enter"]);
            s
        },
        "Who said what",
    );
    // Enter jumps to the quote in its article, as the search does.
    typed(&mut state, &["enter"]);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, Pane::Article);
    assert_eq!(state.article.open, Some(quote.article));
    assert_eq!(state.article.quote, Some(quote.quote));
    let said_by = state.corpus.quote(quote).speaker.clone().unwrap();
    assert!(said_by.starts_with(&speaker), "{said_by} is not {speaker}");
    // Esc from the quotes is back to the speakers, then closes.
    typed(&mut state, &["@", "enter", "esc"]);
    assert!(state.overlay.is_some());
    typed(&mut state, &["esc"]);
    assert!(state.overlay.is_none());
}

#[test]
fn the_timeline_as_a_chart_marks_the_selection_and_j_k_move_it() {
    let mut state = sample_state(120, 40);
    // The first event starred, the second selected.
    typed(&mut state, &["s", "j", "T"]);
    insta::assert_snapshot!("chart_120x40", render(&state).backend());
    let text = screen_text(&state);
    assert!(text.contains("▲"), "{text}");
    assert!(text.contains("├"), "vague dates as spans:\n{text}");
    assert!(text.contains("★"), "the starred event:\n{text}");
    assert!(text.contains("Longest gap"), "{text}");
    let first = state.events.selected_event();
    typed(&mut state, &["j", "j", "j"]);
    let now = state.events.selected_event();
    assert_ne!(now, first, "the timeline follows");
    let title = &state.corpus.event(now.unwrap()).title;
    assert!(screen_text(&state).contains(title.as_str()));
    app::update(&mut state, app::Action::Resize(80, 24));
    insta::assert_snapshot!("chart_80x24", render(&state).backend());
    readable_when_tiny(
        {
            let mut s = sample_state(120, 40);
            typed(&mut s, &["T"]);
            s
        },
        "The timeline",
    );
    // Every vague date, once selected, is drawn (highlighted) on a lane
    // even where the lanes do not all fit.
    let Some(Overlay::Chart(chart)) = &state.overlay else {
        panic!("the chart closed");
    };
    let spans = chart.events.iter().filter(|p| p.is_span()).count();
    assert!(spans > 3, "the sample has more vague dates than lanes");
    let mut drawn = sample_state(120, 40);
    typed(&mut drawn, &["T", "g"]);
    let selection = chronique::theme::Theme::default().selection;
    let mut checked = 0;
    for _ in 0..chart.events.len() {
        let Some(Overlay::Chart(c)) = &drawn.overlay else {
            panic!("the chart closed");
        };
        if c.selected_placed().is_some_and(|p| p.is_span()) {
            let terminal = render(&drawn);
            let buf = terminal.backend().buffer();
            let highlighted = buf
                .content
                .iter()
                .any(|cell| cell.symbol() == "├" && cell.bg == selection.bg.unwrap());
            assert!(
                highlighted,
                "selected span not drawn:\n{}",
                screen_text(&drawn)
            );
            checked += 1;
        }
        typed(&mut drawn, &["j"]);
    }
    assert_eq!(checked, spans);
    typed(&mut state, &["enter"]);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, Pane::Events);
    assert_eq!(state.events.selected_event(), now);
}

/// Each view stays open and usable when the corpus it shows is reloaded
/// empty under it (live reload), and draws.
#[test]
fn a_reload_to_an_empty_corpus_under_any_view_does_not_panic() {
    use chronique::corpus::{Corpus, Loaded};
    use chronique::reader::Reloaded;
    for view in ["A", "@", "T"] {
        let mut state = sample_state(120, 40);
        typed(&mut state, &[view, "j"]);
        let empty = Loaded {
            corpus: Corpus {
                root: Some("corpus".into()),
                ..Corpus::default()
            },
            diagnostics: Vec::new(),
        };
        let reload = Reloaded {
            result: Ok(empty),
            what: "timeline.yaml".into(),
        };
        app::update(&mut state, app::Action::Reloaded(Box::new(reload)));
        assert!(state.overlay.is_some(), "{view} stays open");
        typed(&mut state, &["j", "G", "S", "tab"]);
        let text = screen_text(&state);
        assert_eq!(text.lines().count(), 40, "{view}");
        typed(&mut state, &["enter", "esc", "esc"]);
        assert!(state.overlay.is_none(), "{view}");
    }
}
