//! Key-driven tests of the annotation UI: every shortcut, markers, the
//! filter, read-only mode, merging with an external change, recovery.

use crate::common::*;
use chronique::annotations::filter::Filter;
use chronique::annotations::{Saver, Status, Store, Target};
use chronique::reader::Role;
use chronique::reader::{self as app, Action, Command, Pane};
use chronique::reader::{Effect, EventRow, Overlay, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A key outside any popup, through the keymap as the event loop maps it.
fn bound_key(state: &mut State, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    let command = state
        .keymap
        .lookup(state.focus, event)
        .expect("a bound key");
    app::update(state, Action::Command(command));
}

fn ctrl(state: &mut State, c: char) {
    app::update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            key(state, KeyCode::Enter);
        } else {
            key(state, KeyCode::Char(c));
        }
    }
}

fn selected_event_id(state: &State) -> String {
    let e = state.events.selected_event().expect("an event is selected");
    state.corpus.event(e).id.to_string()
}

fn saves(state: &State) -> usize {
    state
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::SaveAnnotations(_)))
        .count()
}

#[test]
fn a_types_a_note_and_ctrl_s_saves_it() {
    let mut state = sample_state(120, 40);
    let id = selected_event_id(&state);
    press(&mut state, &[Command::EditNote]);
    assert!(matches!(state.overlay, Some(Overlay::Note(_))));
    assert!(screen_text(&state).contains("Ctrl-s save"));
    type_text(&mut state, "Première ligne\nà vérifier 🔍");
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none());
    assert_eq!(
        state.notes.data.events[&id].note.as_deref(),
        Some("Première ligne\nà vérifier 🔍")
    );
    assert_eq!(saves(&state), 1, "one save queued");
    let screen = screen_text(&state);
    assert!(screen.contains("✎"), "marker in the list:\n{screen}");
    assert!(screen.contains("Première ligne"), "note in the details");
}

#[test]
fn esc_on_changed_text_asks_before_discarding() {
    let mut state = sample_state(120, 40);
    let id = selected_event_id(&state);
    press(&mut state, &[Command::EditNote]);
    // Unchanged: Esc just closes.
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "brouillon");
    key(&mut state, KeyCode::Esc);
    match &state.overlay {
        Some(Overlay::Note(ed)) => assert!(ed.confirm_discard),
        other => panic!("expected the question, got {other:?}"),
    }
    assert!(screen_text(&state).contains("Discard your changes?"));
    // Any other key goes back to editing, text intact.
    key(&mut state, KeyCode::Char('n'));
    match &state.overlay {
        Some(Overlay::Note(ed)) => {
            assert!(!ed.confirm_discard);
            assert_eq!(ed.value(), "brouillon");
        }
        other => panic!("expected the editor, got {other:?}"),
    }
    key(&mut state, KeyCode::Esc);
    key(&mut state, KeyCode::Char('y'));
    assert!(state.overlay.is_none());
    assert!(!state.notes.data.events.contains_key(&id));
    assert_eq!(saves(&state), 0);
    // Esc twice leaves too (a `q` after it is not typed into the note),
    // and Ctrl-c is Esc.
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "brouillon");
    key(&mut state, KeyCode::Esc);
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    assert_eq!(state.message.as_deref(), Some("Note discarded."));
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "brouillon");
    app::update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(matches!(&state.overlay, Some(Overlay::Note(ed)) if ed.confirm_discard));
    assert_eq!(saves(&state), 0);
}

#[test]
fn t_edits_tags_with_completion_from_used_tags() {
    let mut state = sample_state(120, 40);
    let id = selected_event_id(&state);
    press(&mut state, &[Command::EditTags]);
    // "violence" is a corpus tag.
    type_text(&mut state, "viol");
    let screen = screen_text(&state);
    assert!(screen.contains("#violence"), "completion shown:\n{screen}");
    key(&mut state, KeyCode::Tab);
    type_text(&mut state, "à-suivre");
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.data.events[&id].tags, ["violence", "à-suivre"]);
    // The reader's own tag now completes too.
    press(&mut state, &[Command::Down, Command::EditTags]);
    type_text(&mut state, "à-");
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Enter);
    let other = selected_event_id(&state);
    assert_eq!(state.notes.data.events[&other].tags, ["à-suivre"]);
    // Accents fold as in search: `heb` completes to `hébergement`.
    press(&mut state, &[Command::Down, Command::EditTags]);
    type_text(&mut state, "heb");
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Enter);
    let third = selected_event_id(&state);
    assert_eq!(state.notes.data.events[&third].tags, ["hébergement"]);
}

#[test]
fn s_stars_and_v_cycles_the_status_with_markers() {
    let mut state = sample_state(120, 40);
    let id = selected_event_id(&state);
    press(&mut state, &[Command::ToggleStar]);
    assert!(state.notes.data.events[&id].starred);
    assert!(screen_text(&state).contains("★"));
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut state, &[Command::CycleStatus]);
        seen.push(state.notes.data.events.get(&id).and_then(|n| n.status));
    }
    assert_eq!(
        seen,
        [
            Some(Status::ToCheck),
            Some(Status::Verified),
            Some(Status::Disputed),
            None
        ]
    );
    press(&mut state, &[Command::CycleStatus, Command::CycleStatus]);
    assert!(screen_text(&state).contains("★✓"));
    press(
        &mut state,
        &[
            Command::ToggleStar,
            Command::CycleStatus,
            Command::CycleStatus,
        ],
    );
    assert!(
        !state.notes.data.events.contains_key(&id),
        "empty note removed"
    );
}

#[test]
fn undo_and_redo_walk_the_whole_session() {
    let mut state = sample_state(120, 40);
    let first = selected_event_id(&state);
    press(
        &mut state,
        &[Command::ToggleStar, Command::Down, Command::CycleStatus],
    );
    let second = selected_event_id(&state);
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "note");
    ctrl(&mut state, 's');
    let full = state.notes.data.clone();
    press(&mut state, &[Command::Undo]);
    assert!(state
        .message
        .as_deref()
        .unwrap()
        .starts_with("Undone: edit the note"));
    press(&mut state, &[Command::Undo, Command::Undo]);
    assert!(state.notes.data.events.is_empty(), "all three undone");
    press(&mut state, &[Command::Undo]);
    assert_eq!(state.message.as_deref(), Some("Nothing to undo."));
    press(&mut state, &[Command::Redo, Command::Redo, Command::Redo]);
    assert!(state.notes.data.events[&first].starred);
    assert_eq!(
        state.notes.data.events[&second].status,
        Some(Status::ToCheck)
    );
    assert_eq!(
        state.notes.data.events[&second].note.as_deref(),
        Some("note")
    );
    assert_eq!(
        full.events.keys().collect::<Vec<_>>(),
        state.notes.data.events.keys().collect::<Vec<_>>()
    );
    press(&mut state, &[Command::Redo]);
    assert_eq!(state.message.as_deref(), Some("Nothing to redo."));
}

#[test]
fn the_article_pane_targets_the_selected_quote_or_says_what_to_do() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle]);
    state.article.quote = None;
    press(&mut state, &[Command::ToggleStar]);
    assert!(state
        .message
        .as_deref()
        .unwrap()
        .contains("select a quote (n/N) or an event"));
    press(&mut state, &[Command::NextQuote, Command::ToggleStar]);
    let a = state.article.open.unwrap();
    let q = state.article.quote.unwrap();
    let key = state.corpus.quote_key(chronique::corpus::QuoteRef {
        article: a,
        quote: q,
    });
    assert!(state.notes.data.quotes[&key].starred);
    // The details quotes list carries the marker.
    assert_eq!(
        chronique::reader::current_target(&state),
        Ok(Target::Quote(key))
    );
    assert!(screen_text(&state).contains("★"));
}

#[test]
fn marking_a_passage_by_word_sentence_and_line_makes_a_reader_quote() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle, Command::NextQuote]);
    let a = state.article.open.unwrap();
    let q = state.article.quote.unwrap();
    let span = state.corpus.article(a).quote(q).span.clone().unwrap();
    press(&mut state, &[Command::MarkPassage]);
    let range = |s: &State| match &s.overlay {
        Some(Overlay::Select(sel)) => sel.range.clone(),
        other => panic!("not selecting: {other:?}"),
    };
    assert_eq!(range(&state), span, "starts at the selected quote");
    assert!(screen_text(&state).contains(" Marking: Enter keep"));
    key(&mut state, KeyCode::Char('w'));
    let after_word = range(&state);
    assert!(after_word.end > span.end);
    let body = state.corpus.article(a).body.clone();
    assert!(
        !body[span.end..after_word.end].trim().contains(' '),
        "one word"
    );
    key(&mut state, KeyCode::Char('s'));
    let after_sentence = range(&state);
    assert!(after_sentence.end > after_word.end);
    key(&mut state, KeyCode::Char('l'));
    let after_line = range(&state);
    assert!(after_line.end > after_sentence.end);
    key(&mut state, KeyCode::Backspace);
    assert_eq!(range(&state), after_sentence, "Backspace takes back a step");
    // The selection is drawn in the article.
    let doc = state.article.doc.as_ref().unwrap();
    assert!(doc
        .lines
        .iter()
        .flat_map(|l| &l.segs)
        .any(|s| s.role == Role::Selection));
    key(&mut state, KeyCode::Enter);
    assert!(matches!(state.overlay, Some(Overlay::Form(_))));
    type_text(&mut state, "Le juge");
    key(&mut state, KeyCode::Enter);
    type_text(&mut state, "passage clé");
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.message);
    let h = &state.notes.data.highlights[0];
    assert_eq!(h.text, body[after_sentence].to_string());
    assert_eq!(h.speaker.as_deref(), Some("Le juge"));
    assert_eq!(h.annotation.note.as_deref(), Some("passage clé"));
    assert!(!h.events.is_empty(), "linked to the selected event");
    // Highlighted as a reader's quote, listed in the details pane.
    let doc = state.article.doc.as_ref().unwrap();
    assert!(doc
        .lines
        .iter()
        .flat_map(|l| &l.segs)
        .any(|s| s.role == Role::ReaderQuote(0)));
    let details = state.details.doc.as_ref().unwrap();
    assert!(details.lines.iter().any(|l| l.plain() == "Your quotes (1)"));
    let listed = chronique::reader::DetailsItem::Highlight(h.id.clone());
    assert!(details.items.iter().any(|(i, _)| *i == listed));
}

#[test]
fn capital_e_adds_a_reader_event_to_the_timeline() {
    let mut state = sample_state(120, 40);
    press(
        &mut state,
        &[Command::FocusArticle, Command::NextQuote, Command::NewEvent],
    );
    assert!(screen_text(&state).contains("Linked to quote"));
    type_text(&mut state, "2021-01-07");
    key(&mut state, KeyCode::Tab);
    type_text(&mut state, "Mon événement");
    key(&mut state, KeyCode::Tab);
    type_text(&mut state, "Résumé");
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(
        (e.date.as_str(), e.title.as_str()),
        ("2021-01-07", "Mon événement")
    );
    assert!(e.quote.is_some());
    let made = EventRow::Reader(e.id.clone());
    assert_eq!(
        state.events.selected.map(|r| state.events.rows[r].clone()),
        Some(made.clone()),
        "the new event is selected"
    );
    // Sorted among the corpus events, with its own marker.
    let row = state.events.rows.iter().position(|r| *r == made).unwrap();
    let before = match &state.events.rows[row - 1] {
        EventRow::Event(i) => state.corpus.event(*i).date,
        other => panic!("{other:?}"),
    };
    assert!(before <= chronique::corpus::PartialDate::parse("2021-01-07").unwrap());
    let screen = screen_text(&state);
    assert!(screen.contains("◆ 7 janv.  Mon événement"), "{screen}");
    // A bad date is refused in the form.
    press(&mut state, &[Command::NewEvent]);
    type_text(&mut state, "hier");
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    assert!(matches!(&state.overlay, Some(Overlay::Form(f)) if f.error.is_some()));
}

#[test]
fn capital_d_deletes_the_readers_own_quote_or_event_and_u_brings_it_back() {
    let mut state = sample_state(120, 40);
    // A corpus quote cannot be deleted.
    press(&mut state, &[Command::FocusArticle, Command::NextQuote]);
    bound_key(&mut state, KeyCode::Char('D'));
    assert!(state
        .message
        .as_deref()
        .unwrap()
        .starts_with("Only your own"));
    // A reader's quote, then a reader's event made from it.
    press(&mut state, &[Command::MarkPassage]);
    key(&mut state, KeyCode::Enter);
    for _ in 0..3 {
        key(&mut state, KeyCode::Enter);
    }
    assert_eq!(state.notes.data.highlights.len(), 1, "{:?}", state.message);
    let id = state.notes.data.highlights[0].id.clone();
    assert_eq!(
        chronique::reader::selected_highlight(&state),
        Some(id.as_str())
    );
    press(&mut state, &[Command::NewEvent]);
    fill_event_form(&mut state, "2021-01-07", "Mon événement");
    assert_eq!(
        state.notes.data.reader_events[0].quote.as_deref(),
        Some(id.as_str())
    );
    let before = state.notes.data.clone();

    // The quote: gone from the article and the file, the event unlinked.
    let saved = saves(&state);
    press(&mut state, &[Command::FocusArticle]);
    assert_eq!(
        chronique::reader::selected_highlight(&state),
        Some(id.as_str())
    );
    // D asks first; another key keeps it; D twice deletes.
    bound_key(&mut state, KeyCode::Char('D'));
    assert_eq!(state.notes.data.highlights.len(), 1, "asked, not deleted");
    let asked = state.message.clone().unwrap();
    assert!(
        asked.starts_with("Delete your quote « ") && asked.contains("Press D again"),
        "{asked}"
    );
    bound_key(&mut state, KeyCode::Char('j'));
    bound_key(&mut state, KeyCode::Char('D'));
    assert_eq!(
        state.notes.data.highlights.len(),
        1,
        "another key cancelled it"
    );
    bound_key(&mut state, KeyCode::Char('D'));
    assert!(state.notes.data.highlights.is_empty());
    assert_eq!(state.notes.data.reader_events[0].quote, None);
    assert_eq!(saves(&state), saved + 1, "saved at once");
    let message = state.message.clone().unwrap();
    assert!(message.starts_with("Deleted your quote « "), "{message}");
    assert!(message.ends_with("u undoes."), "{message}");
    let doc = state.article.doc.as_ref().unwrap();
    assert!(!doc
        .lines
        .iter()
        .flat_map(|l| &l.segs)
        .any(|s| matches!(s.role, Role::ReaderQuote(_))));
    bound_key(&mut state, KeyCode::Char('u'));
    assert_eq!(*state.notes.data, *before, "undo restores both");

    // The event, from the timeline row marked ◆.
    press(&mut state, &[Command::FocusEvents]);
    let made = EventRow::Reader(state.notes.data.reader_events[0].id.clone());
    let row = state.events.rows.iter().position(|r| *r == made).unwrap();
    assert_eq!(state.events.selected, Some(row), "selected since made");
    bound_key(&mut state, KeyCode::Delete);
    bound_key(&mut state, KeyCode::Delete);
    assert!(state.notes.data.reader_events.is_empty());
    assert!(!state.events.rows.contains(&made));
    let screen = screen_text(&state);
    assert!(!screen.contains("◆"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.starts_with(" Deleted your event « Mon événement »; u undoes."),
        "the status bar says first what happened: {screen}"
    );
    bound_key(&mut state, KeyCode::Char('u'));
    assert_eq!(*state.notes.data, *before);
}

/// Fills the open `E` form with a date and a title, and submits it.
fn fill_event_form(state: &mut State, date: &str, title: &str) {
    type_text(state, date);
    key(state, KeyCode::Tab);
    type_text(state, title);
    key(state, KeyCode::Tab);
    key(state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
}

/// Issue 15: the form's date error was cut to its first line ("…or an").
/// It wraps, whole, at every size the form fits.
#[test]
fn a_date_error_in_the_event_form_is_shown_whole() {
    for (w, h) in [(120, 40), (80, 24), (50, 15)] {
        let mut state = sample_state(w, h);
        press(&mut state, &[Command::FocusEvents, Command::NewEvent]);
        type_text(&mut state, "07/01/2021");
        key(&mut state, KeyCode::Tab);
        type_text(&mut state, "Titre");
        ctrl(&mut state, 's');
        assert!(matches!(state.overlay, Some(Overlay::Form(_))), "{w}x{h}");
        // The popup's rows inside its borders, joined: the message reads whole.
        let screen = screen_text(&state);
        let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
        let top = rows
            .iter()
            .position(|r| String::from_iter(r).contains("╭ New event"))
            .expect("the form");
        let left = rows[top].iter().position(|&c| c == '╭').unwrap();
        let right = left
            + 1
            + rows[top][left + 1..]
                .iter()
                .position(|&c| c == '╮')
                .unwrap();
        let text: String = rows[top + 1..]
            .iter()
            .take_while(|r| r[left] != '╰')
            .map(|r| String::from_iter(&r[left + 1..right]).trim().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("or an RFC 3339 date-time (2021-01-11T14:30:00Z)"),
            "{w}x{h}:\n{screen}"
        );
    }
}

/// Adds a reader's event from the timeline through the `E` form, from a
/// corpus event (`E` on one of the reader's events edits it).
fn add_reader_event(state: &mut State, date: &str, title: &str) {
    press(state, &[Command::FocusEvents, Command::Top]);
    while selected_reader_title(state).is_some() {
        press(state, &[Command::Down]);
    }
    press(state, &[Command::NewEvent]);
    fill_event_form(state, date, title);
}

fn selected_reader_title(state: &State) -> Option<String> {
    match state.events.selected.map(|r| &state.events.rows[r]) {
        Some(EventRow::Reader(id)) => Some(state.notes.data.reader_event(id)?.title.clone()),
        _ => None,
    }
}

/// Moves down the timeline, as a reader would, to the reader's event
/// `title`; returns its row.
fn go_to_reader_event(state: &mut State, title: &str) -> usize {
    press(state, &[Command::FocusEvents, Command::Top]);
    for _ in 0..state.events.rows.len() {
        if selected_reader_title(state).as_deref() == Some(title) {
            return state.events.selected.unwrap();
        }
        press(state, &[Command::Down]);
    }
    panic!("no event {title} in the timeline");
}

#[test]
fn deleting_or_undoing_in_the_middle_keeps_the_selection_on_the_same_items() {
    let mut state = sample_state(120, 40);
    add_reader_event(&mut state, "2021-01-07", "AAA");
    add_reader_event(&mut state, "2020-01-01", "BBB");
    add_reader_event(&mut state, "2021-01-08", "CCC");
    // In the file: AAA, BBB, CCC. In the timeline: BBB … AAA, CCC.
    let aaa = go_to_reader_event(&mut state, "AAA");
    bound_key(&mut state, KeyCode::Char('D'));
    bound_key(&mut state, KeyCode::Char('D'));
    let titles: Vec<&str> = state
        .notes
        .data
        .reader_events
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(titles, ["BBB", "CCC"]);
    assert_eq!(
        state.events.selected,
        Some(aaa),
        "the row below moved up into place"
    );
    assert_ne!(selected_reader_title(&state).as_deref(), Some("BBB"));
    // CCC selected, undo puts AAA back before it in the file: CCC stays.
    go_to_reader_event(&mut state, "CCC");
    bound_key(&mut state, KeyCode::Char('u'));
    assert_eq!(state.notes.data.reader_events[0].title, "AAA");
    assert_eq!(selected_reader_title(&state).as_deref(), Some("CCC"));
    match &state.details.mode {
        Some(chronique::reader::DetailsMode::ReaderEvent(id)) => {
            assert_eq!(state.notes.data.reader_event(id).unwrap().title, "CCC")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn n_and_capital_n_step_through_the_readers_quotes_too() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle, Command::Top]);
    state.article.quote = None;
    press(&mut state, &[Command::NextQuote]);
    let first = state.article.quote.unwrap();
    // A reader's quote from the same start to the end of the sentence.
    press(&mut state, &[Command::MarkPassage]);
    key(&mut state, KeyCode::Char('s'));
    for _ in 0..4 {
        key(&mut state, KeyCode::Enter);
    }
    let id = state.notes.data.highlights[0].id.clone();
    assert_eq!(
        chronique::reader::selected_highlight(&state),
        Some(id.as_str()),
        "selected once made"
    );
    assert_eq!(state.article.quote, None);
    // The longer passage comes first; n goes on to the corpus quote.
    bound_key(&mut state, KeyCode::Char('n'));
    assert_eq!(state.article.quote, Some(first));
    assert_eq!(chronique::reader::selected_highlight(&state), None);
    bound_key(&mut state, KeyCode::Char('N'));
    assert_eq!(
        chronique::reader::selected_highlight(&state),
        Some(id.as_str())
    );
    assert_eq!(state.article.quote, None);
    // The details pane's list follows, down to "Your quotes".
    let details = state.details.doc.as_ref().unwrap();
    let selected = state.details.selected.map(|i| details.items[i].0.clone());
    assert_eq!(
        selected,
        Some(chronique::reader::DetailsItem::Highlight(id.clone()))
    );
    bound_key(&mut state, KeyCode::Char('N'));
    assert_eq!(
        state.message.as_deref(),
        Some("First quote of the article.")
    );
    assert_eq!(
        chronique::reader::selected_highlight(&state),
        Some(id.as_str())
    );
}

#[test]
fn f_filters_by_star_status_and_tag_and_the_status_bar_says_so() {
    let mut state = sample_state(120, 40);
    let starred = selected_event_id(&state);
    press(
        &mut state,
        &[
            Command::ToggleStar,
            Command::Down,
            Command::Down,
            Command::CycleStatus,
        ],
    );
    let checked = selected_event_id(&state);
    press(&mut state, &[Command::Filter]);
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, Some(Filter::Starred));
    let ids: Vec<String> = state
        .events
        .rows
        .iter()
        .filter_map(|r| match r {
            EventRow::Event(i) => Some(state.corpus.event(*i).id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, [starred]);
    let screen = screen_text(&state);
    assert!(screen.contains("filter ★ starred"), "status bar:\n{screen}");
    // The message says what the filter did, without repeating it.
    let shown = format!(
        "{} event{} shown.",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    );
    assert_eq!(state.message.as_deref(), Some(shown.as_str()));
    // To check: index 3 in the menu.
    press(&mut state, &[Command::Filter]);
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, Some(Filter::Status(Status::ToCheck)));
    assert_eq!(selected_event_id(&state), checked);
    // By tag (a corpus tag matches through the reader's notes only).
    state.notes.filter = None;
    press(&mut state, &[Command::EditTags]);
    type_text(&mut state, "suivi");
    key(&mut state, KeyCode::Enter);
    press(&mut state, &[Command::Filter]);
    let menu = match &state.overlay {
        Some(Overlay::Filter(m)) => m.clone(),
        _ => panic!(),
    };
    let at = menu.items.iter().position(|(l, _)| l == "#suivi").unwrap();
    for _ in 0..at {
        key(&mut state, KeyCode::Down);
    }
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, Some(Filter::Tag("suivi".into())));
    assert_eq!(selected_event_id(&state), checked);
    assert!(screen_text(&state).contains("#suivi (f; Esc clears)"));
    // Cleared.
    press(&mut state, &[Command::Filter]);
    key(&mut state, KeyCode::Home);
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, None);
    assert_eq!(
        state
            .events
            .rows
            .iter()
            .filter(|r| matches!(r, EventRow::Event(_)))
            .count(),
        state.corpus.events.len()
    );
}

#[test]
fn a_malformed_file_makes_annotations_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let bad = "version: 1\nevents:\n  capitol-attack: {note: [unclosed\n";
    std::fs::write(&path, bad).unwrap();
    let mut state = sample_state(120, 40);
    let (store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    assert!(store.is_none(), "no store: nothing can be written");
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    let why = state.notes.read_only.clone().expect("read-only");
    assert_eq!(why, "annotations.yaml:4:1 is malformed");
    // The error is shown at once, with its position and message.
    assert!(matches!(state.overlay, Some(Overlay::Warnings { .. })));
    assert!(screen_text(&state).contains("annotations.yaml:4:1: error"));
    press(&mut state, &[Command::Close]);
    let screen = screen_text(&state);
    assert!(screen.contains("annotations read-only"), "{screen}");
    press(&mut state, &[Command::ToggleStar]);
    assert!(state.message.as_deref().unwrap().contains("read-only"));
    press(&mut state, &[Command::EditNote]);
    assert!(state.overlay.is_none(), "no editor in read-only mode");
    assert_eq!(saves(&state), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

/// Issue 15: a bad field in one note hid every annotation. The reader shows
/// the valid ones with their marks, flags the bad item in `w` and the
/// status bar, and stays read-only.
#[test]
fn one_bad_item_is_flagged_and_the_others_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut state = sample_state(120, 40);
    let first = selected_event_id(&state);
    let second = state.corpus.events[1].id.clone();
    let text = format!(
        "version: 1\nevents:\n  {first}:\n    note: toujours visible\n    starred: true\n  \
         {second}:\n    status: dubious\n"
    );
    std::fs::write(&path, &text).unwrap();
    let (store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    assert!(store.is_none(), "nothing can be written");
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    assert!(matches!(state.overlay, Some(Overlay::Warnings { .. })));
    let warnings = screen_text(&state);
    assert!(
        warnings.contains("annotations.yaml:7:13: error: `status`: unknown variant `dubious`"),
        "{warnings}"
    );
    press(&mut state, &[Command::Close]);
    let screen = screen_text(&state);
    assert!(
        screen.contains("annotations read-only: annotations.yaml:7:13 is malformed"),
        "{screen}"
    );
    assert!(
        screen.contains("★") && screen.contains("toujours visible"),
        "{screen}"
    );
    assert_eq!(state.notes.data.events.len(), 1);
    press(&mut state, &[Command::ToggleStar]);
    assert!(state.message.as_deref().unwrap().contains("read-only"));
    assert_eq!(saves(&state), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn recovered_text_waits_while_the_annotations_are_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    std::fs::write(&path, "version: 1\nevents: [\n").unwrap();
    let draft = chronique::annotations::recovery::RecoveryDraft::new(
        Some(Target::Event("capitol-attack".into())),
        "note on event capitol-attack",
        "texte à garder",
        chrono::Utc::now(),
    );
    chronique::annotations::recovery::save_recovery(&path, &draft).unwrap();
    let mut state = sample_state(120, 40);
    let (_store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    assert!(matches!(state.overlay, Some(Overlay::Recovery(_))));
    key(&mut state, KeyCode::Char('r'));
    assert!(
        matches!(state.overlay, Some(Overlay::Recovery(_))),
        "still offered: nothing could take it"
    );
    assert!(state.message.as_deref().unwrap().contains("read-only"));
    assert!(!state
        .effects
        .iter()
        .any(|e| matches!(e, Effect::ClearRecovery(_))));
    assert!(chronique::annotations::recovery::peek_recovery(&path).is_some());
}

#[test]
fn orphans_are_kept_and_shown_in_a_popup_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    std::fs::write(
        &path,
        "version: 1\nevents:\n  gone-event:\n    note: gardée\n",
    )
    .unwrap();
    let mut state = sample_state(120, 40);
    let (_store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    assert!(matches!(state.overlay, Some(Overlay::Warnings { .. })));
    let screen = screen_text(&state);
    assert!(screen.contains("gone-event"), "{screen}");
    assert_eq!(
        state.notes.data.events["gone-event"].note.as_deref(),
        Some("gardée")
    );
}

/// Issue 10, "a star kept on an event deleted on disk drops its note", read
/// as: the event is deleted from timeline.yaml while the reader runs. Its
/// note and star stay (an orphan) through reloads and saves of other
/// changes, and come back on screen with the event.
#[test]
fn a_note_on_an_event_deleted_from_the_timeline_survives_reloads_and_saves() {
    use chronique::corpus::{embedded, Loaded, Progress};
    use chronique::reader::Reloaded;
    let in_dir = |drop_first: bool| -> Loaded {
        let mut loaded = embedded::load(&Progress::default());
        loaded.corpus.root = Some("corpus".into());
        if drop_first {
            loaded.corpus.events.remove(0);
            loaded.corpus.link();
        }
        loaded
    };
    let reload = |state: &mut State, drop_first: bool| {
        let reloaded = Reloaded {
            result: Ok(in_dir(drop_first)),
            what: "timeline.yaml".into(),
        };
        app::update(state, Action::Reloaded(Box::new(reloaded)));
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut state = app::ready_state(in_dir(false), 120, 40);
    let gone = selected_event_id(&state);
    std::fs::write(
        &path,
        format!("version: 1\nevents:\n  {gone}:\n    note: gardée\n    starred: true\n"),
    )
    .unwrap();
    let (store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    let saver = Saver::spawn(store.unwrap());
    let kept = |state: &State| {
        let n = &state.notes.data.events[&gone];
        let disk = Store::open(&path).annotations;
        let d = disk.events.get(&gone).cloned().unwrap_or_default();
        (n.note.clone(), n.starred, d.note, d.starred)
    };
    let gardee = || Some("gardée".to_string());
    // The event is deleted while selected: `s` now stars its neighbour.
    reload(&mut state, true);
    assert_ne!(selected_event_id(&state), gone);
    for _ in 0..2 {
        press(&mut state, &[Command::ToggleStar, Command::Down]);
        saver.save(last_snapshot(&mut state));
        app::update(&mut state, Action::Saved(Box::new(wait_report(&saver))));
    }
    assert_eq!(kept(&state), (gardee(), true, gardee(), true));
    // Back in the timeline: shown with its marks, and unstarring keeps the note.
    reload(&mut state, false);
    press(&mut state, &[Command::Top]);
    assert_eq!(selected_event_id(&state), gone);
    let screen = screen_text(&state);
    assert!(
        screen.contains("★") && screen.contains("gardée"),
        "{screen}"
    );
    press(&mut state, &[Command::ToggleStar]);
    saver.save(last_snapshot(&mut state));
    app::update(&mut state, Action::Saved(Box::new(wait_report(&saver))));
    assert_eq!(kept(&state), (gardee(), false, gardee(), false));
    reload(&mut state, true);
    press(&mut state, &[Command::ToggleStar]);
    saver.save(last_snapshot(&mut state));
    app::update(&mut state, Action::Saved(Box::new(wait_report(&saver))));
    assert_eq!(kept(&state), (gardee(), false, gardee(), false));
}

fn wait_report(saver: &Saver) -> chronique::annotations::SaveReport {
    saver
        .reports()
        .recv_timeout(Duration::from_secs(10))
        .expect("a save report")
}

fn last_snapshot(state: &mut State) -> std::sync::Arc<chronique::annotations::Annotations> {
    let effects: Vec<Effect> = state.effects.drain(..).collect();
    effects
        .into_iter()
        .rev()
        .find_map(|e| match e {
            Effect::SaveAnnotations(s) => Some(s.0),
            _ => None,
        })
        .expect("a save")
}

#[test]
fn a_file_changed_on_disk_between_two_saves_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut state = sample_state(120, 40);
    let (store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    let saver = Saver::spawn(store.unwrap());
    let first = selected_event_id(&state);
    press(&mut state, &[Command::ToggleStar]);
    saver.save(last_snapshot(&mut state));
    app::update(&mut state, Action::Saved(Box::new(wait_report(&saver))));
    assert!(screen_text(&state).contains("✓ saved"));
    // Someone edits the file meanwhile.
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "events:\n",
        "events:\n  twitter-bans-trump:\n    note: ajoutée à la main\n",
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    press(&mut state, &[Command::Down, Command::CycleStatus]);
    let second = selected_event_id(&state);
    saver.save(last_snapshot(&mut state));
    app::update(&mut state, Action::Saved(Box::new(wait_report(&saver))));
    // Both changes are kept, in the session and on disk.
    let a = &state.notes.data;
    assert!(a.events[&first].starred);
    assert_eq!(a.events[&second].status, Some(Status::ToCheck));
    assert_eq!(
        a.events["twitter-bans-trump"].note.as_deref(),
        Some("ajoutée à la main")
    );
    let disk = std::fs::read_to_string(&path).unwrap();
    assert!(
        disk.contains("ajoutée à la main") && disk.contains("to-check"),
        "{disk}"
    );
    assert!(screen_text(&state).contains("merged"));
    drop(Store::open(&path));
}

#[test]
fn the_editor_text_is_recovered_and_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let mut state = sample_state(120, 40);
    let (_store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    let id = selected_event_id(&state);
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "texte non sauvé");
    let draft = chronique::reader::current_draft(&state).expect("a draft");
    chronique::reader::publish_recovery(state.notes.path.as_ref(), Some(draft));
    let written = chronique::reader::write_recovery_now().expect("written");
    assert!(written.ends_with("annotations.yaml.recovery"));
    chronique::reader::publish_recovery(None, None);
    // Next start.
    let mut state = sample_state(120, 40);
    let (_store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    assert!(matches!(state.overlay, Some(Overlay::Recovery(_))));
    assert!(screen_text(&state).contains("texte non sauvé"));
    key(&mut state, KeyCode::Char('r'));
    assert!(state
        .effects
        .iter()
        .any(|e| matches!(e, Effect::ClearRecovery(_))));
    ctrl(&mut state, 's');
    assert_eq!(
        state.notes.data.events[&id].note.as_deref(),
        Some("texte non sauvé")
    );
    let _ = Pane::Events;
}

/// Leaves `state`'s draft as a killed session would, then starts again
/// with the same annotations file and takes the draft back with `r`.
fn restart_and_restore(state: &State, path: &std::path::Path, shown: &str) -> State {
    let draft = chronique::reader::current_draft(state).expect("a draft");
    chronique::annotations::recovery::save_recovery(path, &draft).unwrap();
    let mut state = sample_state(120, 40);
    let (_store, opened) = chronique::reader::open_annotations(path, &state.corpus);
    app::update(&mut state, Action::AnnotationsOpened(Box::new(opened)));
    assert!(matches!(state.overlay, Some(Overlay::Recovery(_))));
    let screen = screen_text(&state);
    assert!(screen.contains(shown), "{screen}");
    key(&mut state, KeyCode::Char('r'));
    // What the event loop does with the ClearRecovery effect.
    assert!(state
        .effects
        .iter()
        .any(|e| matches!(e, Effect::ClearRecovery(_))));
    chronique::annotations::recovery::clear_recovery(path).unwrap();
    state
}

#[test]
fn the_tag_editor_and_the_forms_are_recovered_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.yaml");
    let opened = |state: &mut State| {
        let (_store, opened) = chronique::reader::open_annotations(&path, &state.corpus);
        app::update(state, Action::AnnotationsOpened(Box::new(opened)));
    };

    // Tags.
    let mut state = sample_state(120, 40);
    opened(&mut state);
    let id = selected_event_id(&state);
    assert_eq!(chronique::reader::current_draft(&state), None);
    press(&mut state, &[Command::EditTags]);
    assert_eq!(
        chronique::reader::current_draft(&state),
        None,
        "nothing typed"
    );
    type_text(&mut state, "à-vérifier, 🔥");
    let mut state = restart_and_restore(&state, &path, "à-vérifier, 🔥");
    assert!(matches!(state.overlay, Some(Overlay::Tags(_))));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.data.events[&id].tags, ["à-vérifier", "🔥"]);

    // The new-event form, linked to a quote.
    let mut state = sample_state(120, 40);
    opened(&mut state);
    press(
        &mut state,
        &[Command::FocusArticle, Command::NextQuote, Command::NewEvent],
    );
    type_text(&mut state, "2021-01-07");
    key(&mut state, KeyCode::Tab);
    type_text(&mut state, "Mon événement");
    let mut state = restart_and_restore(&state, &path, "Title: Mon événement");
    assert!(matches!(state.overlay, Some(Overlay::Form(_))));
    assert!(screen_text(&state).contains("(recovered)"));
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = state.notes.data.reader_events.last().unwrap();
    assert_eq!(
        (e.date.as_str(), e.title.as_str()),
        ("2021-01-07", "Mon événement")
    );
    assert!(e.quote.is_some(), "still linked to the quote");

    // The form after marking a passage: the passage comes back with it.
    let mut state = sample_state(120, 40);
    opened(&mut state);
    press(
        &mut state,
        &[
            Command::FocusArticle,
            Command::NextQuote,
            Command::MarkPassage,
        ],
    );
    key(&mut state, KeyCode::Enter);
    type_text(&mut state, "Le juge");
    let passage = match &state.overlay {
        Some(Overlay::Form(f)) => match &f.kind {
            chronique::reader::FormKind::Highlight { text, .. } => text.clone(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    let mut state = restart_and_restore(&state, &path, "Speaker: Le juge");
    for _ in 0..3 {
        key(&mut state, KeyCode::Enter);
    }
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let h = state.notes.data.highlights.last().unwrap();
    assert_eq!(
        (h.text.as_str(), h.speaker.as_deref()),
        (passage.as_str(), Some("Le juge"))
    );
}

#[test]
fn snapshot_of_the_note_editor() {
    let mut state = sample_state(100, 30);
    press(&mut state, &[Command::EditNote]);
    type_text(&mut state, "À vérifier auprès de l'AFP.\nSeconde ligne");
    insta::assert_snapshot!(render(&state).backend());
}

#[test]
fn snapshot_of_the_event_list_with_markers() {
    let mut state = sample_state(80, 24);
    press(
        &mut state,
        &[Command::ToggleStar, Command::Down, Command::CycleStatus],
    );
    press(&mut state, &[Command::Down, Command::EditNote]);
    type_text(&mut state, "note");
    ctrl(&mut state, 's');
    press(
        &mut state,
        &[Command::Down, Command::CycleStatus, Command::CycleStatus],
    );
    press(&mut state, &[Command::CycleStatus, Command::ToggleStar]);
    // The save state depends on the runtime; keep the frame stable.
    state.notes.save = chronique::reader::SaveState::Idle;
    state.message = None;
    insta::assert_snapshot!(render(&state).backend());
}

/// Esc in the reader (no popup open) clears the timeline's filter.
#[test]
fn escape_clears_the_filter() {
    let mut state = sample_state(120, 40);
    state.notes.filter = Some(Filter::Starred);
    chronique::reader::refresh_notes(&mut state);
    press(&mut state, &[Command::Close]);
    assert_eq!(state.notes.filter, None);
    assert_eq!(
        state.message.as_deref(),
        Some("Filter cleared: all events shown.")
    );
    let events = state
        .events
        .rows
        .iter()
        .filter(|r| matches!(r, EventRow::Event(_)))
        .count();
    assert_eq!(events, state.corpus.events.len());
}

/// `updated:` is stamped to the second: no nanoseconds in the file.
#[test]
fn changes_are_stamped_to_the_second() {
    let mut state = sample_state(120, 40);
    state.notes.clock = Some(
        chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00.123456789Z")
            .unwrap()
            .into(),
    );
    press(&mut state, &[Command::ToggleStar]);
    let id = state
        .corpus
        .event(state.events.selected_event().unwrap())
        .id
        .to_string();
    let updated = state.notes.data.events[&id].updated.unwrap();
    assert_eq!(updated.to_rfc3339(), "2026-11-23T10:00:00+00:00");
}

#[test]
fn f_selects_the_events_whose_sources_disagree() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::Filter]);
    let menu = match &state.overlay {
        Some(Overlay::Filter(m)) => m.clone(),
        _ => panic!("f opens the filter menu"),
    };
    let at = menu
        .items
        .iter()
        .position(|(l, _)| l == "⚠ sources disagree")
        .expect("the menu offers it");
    for _ in 0..at {
        key(&mut state, KeyCode::Down);
    }
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.notes.filter, Some(Filter::SourcesDisagree));
    let ids: Vec<String> = state
        .events
        .rows
        .iter()
        .filter_map(|r| match r {
            EventRow::Event(i) => Some(state.corpus.event(*i).id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["aws-suspends-parler", "parler-sues-aws"]);
    assert!(screen_text(&state).contains("filter ⚠ sources disagree"));
}
