//! The popups over the panes, each with what its keys do: the annotation
//! editors (note, tags, form, filter), marking a passage, the recovery
//! offer, search, export, import, the question before quitting, and the
//! views (all articles, who said what, the chart). Their state is in
//! [`super::state`], their keys in the keymap's popup sections.

pub mod articles;
pub mod chart;
pub mod event_pick;
pub mod export;
pub mod filter;
pub mod form;
pub mod import;
pub mod list_keys;
pub mod mark;
pub mod note;
pub mod outcome;
pub mod recovery;
pub mod search;
pub mod speakers;
pub mod tags;
pub mod views;

use crate::app::action::Command;
use crate::app::keymap::Popup;
use crate::app::notes::edit;
use crate::app::state::{Overlay, State};
use crossterm::event::KeyEvent;
use outcome::Outcome;

/// A raw key for the popup open that takes keys before the keymap's
/// panes (see [`Overlay::takes_text`]). Returns `false` when the overlay is
/// not one of them. Each handler answers with an [`Outcome`], changing its
/// popup in place: only a submit takes a popup out of the state.
pub fn key(state: &mut State, key: KeyEvent) -> bool {
    let keymap = &state.keymap;
    // The search, the export form and the question before quitting keep
    // what the status bar says while they are used.
    if !matches!(
        state.overlay,
        Some(Overlay::Search(_) | Overlay::Export(_) | Overlay::ConfirmQuit { .. })
    ) {
        state.message = None;
    }
    let outcome = match &mut state.overlay {
        Some(Overlay::Search(_)) => search::key(state, key),
        Some(Overlay::Note(ed)) => note::key(ed, keymap, key),
        Some(Overlay::Tags(ed)) => tags::key(ed, keymap, key),
        Some(Overlay::Form(f)) => form::key(f, keymap, key),
        Some(Overlay::Filter(m)) => filter::key(m, keymap.lookup_in(Popup::Filter, key)),
        Some(Overlay::Import(p)) => import::key(p, keymap, key, &mut state.effects),
        Some(Overlay::Export(f)) => export::key(f, keymap, key, &mut state.effects),
        Some(Overlay::Recovery(_)) => recovery::key(
            keymap.lookup_in(Popup::Recovery, key),
            state.notes.read_only.as_deref(),
        ),
        Some(Overlay::Select(sel)) => mark::key(
            sel,
            keymap.lookup_in(Popup::Mark, key),
            &state.corpus,
            state.article.doc.as_ref(),
        ),
        Some(Overlay::ConfirmQuit { .. }) => match keymap.lookup_in(Popup::ConfirmQuit, key) {
            Some(Command::Quit) => Outcome::Submit(Command::Quit),
            _ => Outcome::close_saying(
                "Not quit: your annotation changes are not saved yet (see the status bar).",
            ),
        },
        _ => return false,
    };
    let marking = matches!(state.overlay, Some(Overlay::Select(_)));
    match outcome {
        Outcome::Keep | Outcome::KeepSaying(_) => {
            if let Outcome::KeepSaying(message) = outcome {
                state.message = Some(message);
            }
            kept(state);
        }
        Outcome::Close(message) => {
            state.overlay = None;
            if message.is_some() {
                state.message = message;
            }
            // The selection drawn in the article goes.
            if marking {
                edit::refresh(state);
            }
        }
        Outcome::Submit(command) => submit(state, command),
    }
    true
}

/// After a key that kept its popup: what follows from its new state.
fn kept(state: &mut State) {
    match &state.overlay {
        // The form's event choices follow what is typed (they read the corpus).
        Some(Overlay::Form(f)) => {
            let choices = event_pick::choices(state, f);
            if let Some(Overlay::Form(f)) = &mut state.overlay {
                f.choices = choices;
            }
        }
        Some(Overlay::Select(_)) => mark::kept(state),
        _ => {}
    }
}

/// The popup is taken out of the state and handed to its submit, with the
/// action that submitted it.
fn submit(state: &mut State, command: Command) {
    // The file may have broken on disk while an editor was open (the
    // session is read-only until it is fixed): the editor stays open with
    // what was typed.
    let edits = matches!(
        state.overlay,
        Some(Overlay::Note(_) | Overlay::Tags(_) | Overlay::Form(_))
    );
    if edits && !crate::app::notes::edit::check_writable(state) {
        return;
    }
    match state.overlay.take() {
        Some(Overlay::Search(p)) => search::submitted(state, *p, command),
        Some(Overlay::Note(ed)) => note::submit(state, *ed),
        Some(Overlay::Tags(ed)) => tags::submit(state, *ed),
        Some(Overlay::Form(f)) => form::submit(state, *f),
        Some(Overlay::Filter(m)) => filter::submit(state, m),
        Some(Overlay::Import(p)) => import::submit(state, *p),
        Some(Overlay::Export(f)) => export::submit(state, f),
        Some(Overlay::Recovery(d)) => recovery::submit(state, *d, command),
        Some(Overlay::Select(sel)) => mark::submit(state, sel),
        Some(Overlay::ConfirmQuit { .. }) => crate::app::session::leave(state),
        other => state.overlay = other,
    }
}

#[cfg(test)]
mod tests {
    use crate::app::state::{Overlay, State};
    use crate::app::{ready_state, update, Action, Command};
    use crate::corpus::{embedded, Progress};
    use crossterm::event::{KeyCode, KeyEvent};
    use std::mem::discriminant;

    fn opened(commands: &[Command]) -> State {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        for &c in commands {
            update(&mut state, Action::Command(c));
        }
        state
    }

    /// A key a popup does not bind (and that types nothing) leaves it open
    /// as it was: no handler takes a popup out but to submit it, so none
    /// can forget to put it back.
    #[test]
    fn a_key_no_popup_binds_keeps_each_popup_open() {
        let mut recovery = opened(&[]);
        recovery.overlay = Some(Overlay::Recovery(Box::new(
            crate::annotations::recovery::RecoveryDraft::new(
                None,
                "note",
                "texte",
                chrono::Utc::now(),
            ),
        )));
        let mut quitting = opened(&[]);
        quitting.overlay = Some(Overlay::ConfirmQuit {
            why: "disk full".into(),
        });
        let popups = [
            opened(&[Command::Search]),
            opened(&[Command::EditNote]),
            opened(&[Command::EditTags]),
            opened(&[Command::NewEvent]),
            opened(&[Command::Filter]),
            opened(&[Command::Export]),
            opened(&[Command::FocusArticle, Command::MarkPassage]),
            recovery,
        ];
        for mut state in popups {
            let before = discriminant(state.overlay.as_ref().expect("a popup"));
            update(&mut state, Action::Key(KeyEvent::from(KeyCode::F(5))));
            let after = state.overlay.as_ref().map(discriminant);
            assert_eq!(after, Some(before), "{:?}", state.overlay);
        }
        // The question before quitting is the one popup any key answers.
        update(&mut quitting, Action::Key(KeyEvent::from(KeyCode::F(5))));
        assert!(quitting.overlay.is_none() && !quitting.quit);
    }
}
