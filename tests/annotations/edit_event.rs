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

/// What the saver reports when the file now holds `theirs` (read and merged
/// with the session's annotations, nothing written): a reload while the
/// form is open.
fn file_now_holds(state: &mut State, theirs: chronique::annotations::Annotations) {
    let report = reported(state.notes.data.clone(), theirs);
    app::update(state, report);
}

/// The saver's report of a file that holds `theirs`, merged with `ours`
/// (the session's side when it read it), nothing written.
fn reported(
    ours: std::sync::Arc<chronique::annotations::Annotations>,
    theirs: chronique::annotations::Annotations,
) -> Action {
    use chronique::annotations::{ReloadOutcome, ReloadReport};
    Action::AnnotationsReloaded(Box::new(ReloadReport {
        ours,
        outcome: Ok(ReloadOutcome::Merged {
            text: chronique::annotations::format::to_yaml(&theirs),
            annotations: std::sync::Arc::new(theirs),
            conflicts: Vec::new(),
            disk_copy: None,
            written: false,
            warnings: Vec::new(),
        }),
    }))
}

/// The reader's event as the file has it after `change`.
fn edited_outside(
    state: &State,
    change: impl FnOnce(&mut chronique::annotations::ReaderEvent),
) -> chronique::annotations::Annotations {
    let mut theirs = (*state.notes.data).clone();
    change(&mut theirs.reader_events[0]);
    theirs
}

/// The reader's event added, its form open, its title changed to `title`
/// (not yet saved).
fn editing_title(title: &str) -> State {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    retitle_in_form(&mut state, title);
    state
}

/// Opens the selected reader's event's form and changes its title.
fn retitle_in_form(state: &mut State, title: &str) {
    press(state, &[Command::NewEvent]);
    key(state, KeyCode::Tab);
    clear_field(state);
    type_text(state, title);
}

/// The form opened, then the file changed the summary while the form
/// changes the title: saving keeps both changes, not the form's old summary.
#[test]
fn an_event_changed_in_the_file_while_its_form_is_open_keeps_the_files_other_fields() {
    let mut state = editing_title("Titre de la forme");
    let theirs = edited_outside(&state, |e| {
        e.summary = Some("Résumé du fichier".into());
        e.annotation.starred = true;
    });
    file_now_holds(&mut state, theirs);
    assert!(matches!(state.overlay, Some(Overlay::Form(_))));
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(e.title, "Titre de la forme");
    assert_eq!(e.summary.as_deref(), Some("Résumé du fichier"));
    assert!(e.annotation.starred, "the file's star stays");
    let said = state.message.as_deref().unwrap_or_default();
    assert!(
        said.contains("merged with the changes made in the file"),
        "{said}"
    );
}

/// Both changed the title, each its own way: the form stays, says what the
/// file has, and a second submit saves the form's title deliberately.
#[test]
fn a_field_changed_both_in_the_file_and_in_the_form_is_asked_about_first() {
    let mut state = editing_title("Titre de la forme");
    let theirs = edited_outside(&state, |e| {
        e.title = "Titre du fichier".into();
        e.date = "2021-01-09".into();
    });
    file_now_holds(&mut state, theirs);
    ctrl(&mut state, 's');
    let Some(Overlay::Form(f)) = &state.overlay else {
        panic!("the form is put back: {:?}", state.overlay)
    };
    let error = f.error.clone().unwrap_or_default();
    assert!(
        error.contains("Title is now « Titre du fichier »"),
        "{error}"
    );
    assert_eq!(f.focus, 1, "on the Title field");
    assert_eq!(
        form_values(&state)[..2],
        ["2021-01-09", "Titre de la forme"],
        "the file's date filled in, the form's title kept"
    );
    assert_eq!(state.notes.data.reader_events[0].title, "Titre du fichier");
    let screen = screen_text(&state);
    assert!(screen.contains("Changed in the file meanwhile"), "{screen}");
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(
        (e.date.as_str(), e.title.as_str()),
        ("2021-01-09", "Titre de la forme")
    );
}

/// The file lost the event while its form was open: saving puts it back,
/// whole, with the form's edits (nothing typed is lost).
#[test]
fn an_event_removed_from_the_file_while_its_form_is_open_is_put_back_with_the_edits() {
    let mut state = editing_title("Titre gardé");
    let made = state.notes.data.reader_events[0].clone();
    let mut theirs = (*state.notes.data).clone();
    theirs.reader_events.clear();
    file_now_holds(&mut state, theirs);
    assert!(state.notes.data.reader_events.is_empty());
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(
        (e.id.as_str(), e.title.as_str()),
        (made.id.as_str(), "Titre gardé")
    );
    assert_eq!((&e.quote, &e.created), (&made.quote, &made.created));
    let said = state.message.as_deref().unwrap_or_default();
    assert!(said.contains("removed from the file meanwhile"), "{said}");
}

/// The reader's event with a summary of two lines (as a hand edit or an
/// outside tool writes it), its form open, its title changed to `title`.
fn editing_title_of_a_two_line_summary(title: &str) -> State {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    let theirs = edited_outside(&state, |e| {
        e.summary = Some("Ligne un\nligne deux".into());
    });
    file_now_holds(&mut state, theirs);
    retitle_in_form(&mut state, title);
    state
}

/// The form shows a summary's lines as one: a summary the reader left
/// alone is not rewritten in that shape.
#[test]
fn a_summary_left_alone_in_the_form_keeps_its_lines() {
    let mut state = editing_title_of_a_two_line_summary("Titre de la forme");
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "{:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(e.title, "Titre de la forme");
    assert_eq!(e.summary.as_deref(), Some("Ligne un\nligne deux"));
}

/// The file changes a summary of two lines the reader left alone in the
/// form: the file's summary is saved, without a conflict asked about.
#[test]
fn a_two_line_summary_changed_in_the_file_only_takes_the_files_text() {
    let mut state = editing_title_of_a_two_line_summary("Titre de la forme");
    let theirs = edited_outside(&state, |e| {
        e.summary = Some("Ligne un\nligne deux\nligne trois".into());
    });
    file_now_holds(&mut state, theirs);
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none(), "no conflict: {:?}", state.overlay);
    let e = &state.notes.data.reader_events[0];
    assert_eq!(e.title, "Titre de la forme");
    assert_eq!(
        e.summary.as_deref(),
        Some("Ligne un\nligne deux\nligne trois")
    );
}

/// Review 20, a known defect: the reader's event is edited (its title)
/// while the saver's report of an outside change to its summary is on its
/// way; taking the report in (`adopt`) merges whole items and drops the
/// conflict it finds: the file's summary is gone, nothing says so, and no
/// copy of the file is kept.
#[test]
fn an_outside_change_whose_report_arrives_after_a_form_save_is_not_dropped_silently() {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    let sent = state.notes.data.clone();
    retitle_in_form(&mut state, "Titre de la forme");
    ctrl(&mut state, 's');
    assert!(state.overlay.is_none());
    let mut theirs = (*sent).clone();
    theirs.reader_events[0].summary = Some("Résumé du fichier".into());
    app::update(&mut state, reported(sent, theirs));
    let e = &state.notes.data.reader_events[0];
    let said = state.message.as_deref().unwrap_or_default();
    assert!(
        e.summary.as_deref() == Some("Résumé du fichier") || said.contains("conflict"),
        "{e:?} / {said}"
    );
}

/// The same, the file changing the title too: the session's title stays
/// and the conflict is told, not dropped.
#[test]
fn a_field_changed_both_here_and_in_the_file_before_the_report_arrives_is_told() {
    let mut state = sample_state(120, 40);
    add_event(&mut state);
    let sent = state.notes.data.clone();
    retitle_in_form(&mut state, "Titre de la forme");
    ctrl(&mut state, 's');
    let mut theirs = (*sent).clone();
    theirs.reader_events[0].title = "Titre du fichier".into();
    app::update(&mut state, reported(sent, theirs));
    assert_eq!(state.notes.data.reader_events[0].title, "Titre de la forme");
    let Some(Overlay::Notice { lines, .. }) = &state.overlay else {
        panic!("a notice lists the conflict: {:?}", state.overlay)
    };
    let lines = lines.join("\n");
    assert!(lines.contains("title"), "{lines}");
}
