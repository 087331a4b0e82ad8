//! The popups over the panes, each with what its keys do: the annotation
//! editors (note, tags, form, filter), marking a passage, the recovery
//! offer, search, export, and the views (all articles, who said what, the
//! chart). Their state is in [`super::state`].

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

use crate::app::state::{Overlay, State};
use crossterm::event::KeyEvent;
use outcome::Outcome;

/// A raw key for one of the annotation popups or marking. Returns `false`
/// when the overlay is not one of them. The editors, the form and the
/// filter answer with an [`Outcome`], and only a submit takes them out of
/// the state; marking and the recovery offer take their key whole.
pub fn key(state: &mut State, key: KeyEvent) -> bool {
    let outcome = match &mut state.overlay {
        Some(Overlay::Note(ed)) => note::key(ed, key),
        Some(Overlay::Tags(ed)) => tags::key(ed, key),
        Some(Overlay::Form(f)) => form::key(f, key),
        Some(Overlay::Filter(m)) => filter::key(m, key),
        Some(Overlay::Import(p)) => import::key(p, key, &mut state.effects),
        Some(Overlay::Recovery(_) | Overlay::Select(_)) => {
            match state.overlay.take() {
                Some(Overlay::Recovery(d)) => recovery::key(state, *d, key),
                Some(Overlay::Select(s)) => mark::key(state, s, key),
                _ => {}
            }
            return true;
        }
        _ => return false,
    };
    match outcome {
        // The form's event choices follow what is typed (they read the corpus).
        Outcome::Keep => {
            if matches!(state.overlay, Some(Overlay::Form(_))) {
                if let Some(Overlay::Form(mut f)) = state.overlay.take() {
                    event_pick::update_choices(state, &mut f);
                    state.overlay = Some(Overlay::Form(f));
                }
            }
        }
        Outcome::Close(message) => {
            state.overlay = None;
            if message.is_some() {
                state.message = message;
            }
        }
        Outcome::Submit => {
            // The file may have broken on disk while an editor was open
            // (the session is read-only until it is fixed): the editor
            // stays open with what was typed.
            let edits = matches!(
                state.overlay,
                Some(Overlay::Note(_) | Overlay::Tags(_) | Overlay::Form(_))
            );
            if edits && !crate::app::notes::edit::check_writable(state) {
                return true;
            }
            match state.overlay.take() {
                Some(Overlay::Note(ed)) => note::submit(state, *ed),
                Some(Overlay::Tags(ed)) => tags::submit(state, *ed),
                Some(Overlay::Form(f)) => form::submit(state, *f),
                Some(Overlay::Filter(m)) => filter::submit(state, m),
                Some(Overlay::Import(p)) => import::submit(state, *p),
                _ => {}
            }
        }
    }
    true
}
