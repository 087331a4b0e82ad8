//! The tag editor (`t`): comma-separated tags, Tab completes from those
//! already used; Enter saves.

use super::outcome::Outcome;
use crate::annotations::{Change, Target};
use crate::app::key_spec::{is_ctrl, is_leave};
use crate::app::notes::{edit, present};
use crate::app::state::editors::TagEditor;
use crate::app::state::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};
use tui_textarea::TextArea;

pub fn open_tags(state: &mut State) {
    let Some(target) = edit::editable_target(state) else {
        return;
    };
    let tags = crate::annotations::edit::note(&state.notes.data, &target)
        .map(|n| n.tags.join(", "))
        .unwrap_or_default();
    let line = if tags.is_empty() {
        tags
    } else {
        format!("{tags}, ")
    };
    tag_editor(state, target, line, "");
}

/// Opens the tag editor on `target` with `line` typed in.
pub(super) fn tag_editor(state: &mut State, target: Target, line: String, note: &str) {
    let mut input = TextArea::new(vec![line]);
    input.move_cursor(tui_textarea::CursorMove::End);
    let label = format!("Tags of {}{note}", present::target_label(state, &target));
    state.overlay = Some(Overlay::Tags(Box::new(TagEditor {
        target,
        label,
        input,
        known: present::known_tags(&state.corpus, &state.notes.data),
    })));
}

/// A key in the editor: Tab completes, Enter saves, Esc leaves.
pub fn key(ed: &mut TagEditor, key: KeyEvent) -> Outcome {
    match key.code {
        _ if is_leave(&key) => return Outcome::close_saying("Tags unchanged."),
        _ if key.code == KeyCode::Enter || is_ctrl(&key, 's') => return Outcome::Submit,
        KeyCode::Tab => {
            if let Some(first) = ed.completions().first().map(|s| s.to_string()) {
                let frag = ed.fragment();
                for _ in 0..frag.chars().count() {
                    ed.input.delete_char();
                }
                ed.input.insert_str(format!("{first}, "));
            }
        }
        _ => {
            ed.input.input(key);
        }
    }
    Outcome::Keep
}

/// Saves the tags (the editor is closed).
pub fn submit(state: &mut State, ed: TagEditor) {
    let tags = ed.tags();
    edit::apply(
        state,
        Change::SetTags {
            target: ed.target,
            tags,
        },
    );
}
