//! The popups over the panes, each with what its keys do: the annotation
//! editors (note, tags, form, filter), marking a passage, the recovery
//! offer, search and export. Their state is in [`super::state`].

pub mod event_pick;
pub mod export;
pub mod filter;
pub mod form;
pub mod mark;
pub mod note;
pub mod recovery;
pub mod search;
pub mod tags;

use crate::app::state::{Overlay, State};
use crossterm::event::KeyEvent;

/// A raw key for one of the annotation popups or marking. Returns `false` when the overlay is
/// not one of them.
pub fn key(state: &mut State, key: KeyEvent) -> bool {
    let Some(overlay) = state.overlay.take() else {
        return false;
    };
    match overlay {
        Overlay::Note(ed) => note::key(state, *ed, key),
        Overlay::Tags(ed) => tags::key(state, *ed, key),
        Overlay::Form(f) => form::key(state, *f, key),
        Overlay::Filter(m) => filter::key(state, m, key),
        Overlay::Recovery(d) => recovery::key(state, *d, key),
        Overlay::Select(s) => mark::key(state, s, key),
        other => {
            state.overlay = Some(other);
            return false;
        }
    }
    true
}
