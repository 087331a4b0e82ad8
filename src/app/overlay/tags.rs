//! The tag editor (`t`): comma-separated tags, Tab completes from those
//! already used; Enter saves.

use super::outcome::Outcome;
use crate::annotations::{Change, Target};
use crate::app::action::Command;
use crate::app::keymap::{Keymap, Popup};
use crate::app::line_edit::LineEditor;
use crate::app::notes::{edit, present};
use crate::app::state::editors::TagEditor;
use crate::app::state::{Overlay, State};
use crossterm::event::KeyEvent;

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
    let mut input = LineEditor::new("tag, another tag");
    input.set_text(&line);
    let label = format!("Tags of {}{note}", present::target_label(state, &target));
    let original = current_tags(state, &target);
    state.overlay = Some(Overlay::Tags(Box::new(TagEditor {
        target,
        label,
        input,
        known: present::known_tags(&state.corpus, &state.notes.data),
        original,
    })));
}

fn current_tags(state: &State, target: &Target) -> Vec<String> {
    crate::annotations::edit::note(&state.notes.data, target)
        .map(|n| n.tags.clone())
        .unwrap_or_default()
}

/// A key in the editor (the keymap's `tags` section, then the line's
/// editing keys): Tab completes, Enter saves, Esc leaves.
pub fn key(ed: &mut TagEditor, keymap: &Keymap, key: KeyEvent) -> Outcome {
    match keymap.lookup_in(Popup::Tags, key) {
        Some(Command::Close) => return Outcome::close_saying("Tags unchanged."),
        Some(Command::Save) => return Outcome::Submit(Command::Save),
        Some(Command::Complete) => {
            if let Some(first) = ed.completions().first().map(|s| s.to_string()) {
                // The fragment after the last comma becomes the tag.
                let line = ed.input.text();
                let head = line
                    .rfind(',')
                    .map_or(String::new(), |i| format!("{} ", &line[..=i]));
                ed.input.set_text(&format!("{head}{first}, "));
            }
        }
        _ => {
            ed.input.key(keymap, key);
        }
    }
    Outcome::Keep
}

/// Saves the tags (the editor is closed).
pub fn submit(state: &mut State, ed: TagEditor) {
    let mut tags = ed.tags();
    // The file changed these tags while the editor was open (a reload took
    // it in): what the editor added and removed applies to the tags there
    // now, as a merge does, instead of dropping the file's changes.
    let now = current_tags(state, &ed.target);
    if now != ed.original {
        tags.retain(|t| !ed.original.contains(t) || now.contains(t));
        let added_there: Vec<String> = now
            .into_iter()
            .filter(|t| !ed.original.contains(t) && !tags.contains(t))
            .collect();
        tags.extend(added_there);
    }
    edit::apply(
        state,
        Change::SetTags {
            target: ed.target,
            tags,
        },
    );
}
