//! The note editor (`a`): a multi-line note on the selected item; Ctrl-s
//! saves, Esc asks before discarding changed text.

use crate::annotations::Change;
use crate::app::key_spec::{is_ctrl, is_leave};
use crate::app::notes::{edit, present};
use crate::app::state::editors::NoteEditor;
use crate::app::state::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};

/// Opens the note editor on the selected item.
pub fn open_note(state: &mut State) {
    let Some(target) = edit::editable_target(state) else {
        return;
    };
    let original = crate::annotations::edit::note(&state.notes.data, &target)
        .and_then(|n| n.note.clone())
        .unwrap_or_default();
    let label = format!("Note on {}", present::target_label(state, &target));
    state.overlay = Some(Overlay::Note(Box::new(NoteEditor::new(
        target, label, &original,
    ))));
}

pub fn key(state: &mut State, mut ed: NoteEditor, key: KeyEvent) {
    if ed.confirm_discard {
        // A second Esc means "out", as the prompt says: typing on after it
        // would otherwise land in the note.
        if is_leave(&key) {
            state.message = Some("Note discarded.".into());
            return;
        }
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('d') => {
                state.message = Some("Note discarded.".into());
                return;
            }
            KeyCode::Char('s') => {}
            _ if is_ctrl(&key, 's') => {}
            _ => {
                ed.confirm_discard = false;
                state.overlay = Some(Overlay::Note(Box::new(ed)));
                return;
            }
        }
        return save_note(state, ed);
    }
    if is_ctrl(&key, 's') {
        return save_note(state, ed);
    }
    if is_leave(&key) {
        if ed.is_changed() {
            ed.confirm_discard = true;
            state.overlay = Some(Overlay::Note(Box::new(ed)));
        }
        return;
    }
    ed.text.input(key);
    state.overlay = Some(Overlay::Note(Box::new(ed)));
}

fn save_note(state: &mut State, ed: NoteEditor) {
    if !ed.is_changed() {
        state.message = Some("Note unchanged.".into());
        return;
    }
    let value = ed.value();
    let text = (!value.trim().is_empty()).then(|| value.trim_end().to_string());
    edit::apply(
        state,
        Change::SetNote {
            target: ed.target,
            text,
        },
    );
}
