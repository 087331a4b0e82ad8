//! The note editor (`a`): a multi-line note on the selected item; Ctrl-s
//! saves, Esc asks before discarding changed text.

use super::outcome::Outcome;
use crate::annotations::merge::CONFLICT_MARKER;
use crate::annotations::Change;
use crate::app::action::Command;
use crate::app::keymap::{Keymap, Popup};
use crate::app::notes::{edit, present};
use crate::app::state::editors::NoteEditor;
use crate::app::state::{Overlay, State};
use crossterm::event::KeyEvent;

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

/// A key in the editor (the keymap's `note` section, the `discard` one
/// while it asks): Ctrl-s saves; Esc on changed text asks first; any other
/// key goes to the text.
pub fn key(ed: &mut NoteEditor, keymap: &Keymap, key: KeyEvent) -> Outcome {
    if ed.confirm_discard {
        // A second Esc means "out", as the prompt says: typing on after it
        // would otherwise land in the note.
        return match keymap.lookup_in(Popup::Discard, key) {
            Some(Command::Close | Command::Discard) => Outcome::close_saying("Note discarded."),
            Some(Command::Save) => Outcome::Submit(Command::Save),
            _ => {
                ed.confirm_discard = false;
                Outcome::Keep
            }
        };
    }
    match keymap.lookup_in(Popup::Note, key) {
        Some(Command::Save) => Outcome::Submit(Command::Save),
        Some(Command::Close) if !ed.is_changed() => Outcome::Close(None),
        Some(Command::Close) => {
            ed.confirm_discard = true;
            Outcome::Keep
        }
        _ => {
            ed.text.input(key);
            Outcome::Keep
        }
    }
}

/// Saves the note (the editor is closed).
pub fn submit(state: &mut State, ed: NoteEditor) {
    if !ed.is_changed() {
        state.message = Some("Note unchanged.".into());
        return;
    }
    let value = ed.value();
    let mut text = (!value.trim().is_empty()).then(|| value.trim_end().to_string());
    // The file changed this note on disk while the editor was open (a reload
    // took it in): the editor's text alone would silently drop theirs, so
    // both are kept, as a save's merge keeps a conflict's both texts.
    let on_disk = crate::annotations::edit::note(&state.notes.data, &ed.target)
        .and_then(|n| n.note.clone())
        .unwrap_or_default();
    let conflict = on_disk != ed.original
        && !on_disk.trim().is_empty()
        && text.as_deref() != Some(on_disk.as_str());
    if conflict {
        let ours = text.unwrap_or_default();
        text = Some(format!("{ours}\n\n{CONFLICT_MARKER}\n{on_disk}"));
    }
    edit::apply(
        state,
        Change::SetNote {
            target: ed.target,
            text,
        },
    );
    if conflict {
        if let Some(message) = &mut state.message {
            message.push_str(
                " — the note was changed on disk meanwhile: both texts are kept, yours first",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Target;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(ed: &mut NoteEditor, code: KeyCode, modifiers: KeyModifiers) -> Outcome {
        key(ed, &Keymap::default_map(), KeyEvent::new(code, modifiers))
    }

    #[test]
    fn esc_leaves_an_unchanged_note_and_asks_before_losing_typed_text() {
        let target = Target::Event("e".into());
        let mut ed = NoteEditor::new(target, "Note".into(), "kept");
        assert_eq!(
            press(&mut ed, KeyCode::Esc, KeyModifiers::NONE),
            Outcome::Close(None)
        );
        assert_eq!(
            press(&mut ed, KeyCode::Char('!'), KeyModifiers::NONE),
            Outcome::Keep
        );
        assert_eq!(
            press(&mut ed, KeyCode::Esc, KeyModifiers::NONE),
            Outcome::Keep
        );
        assert!(ed.confirm_discard);
        // Any other key goes back to the text; a second Esc discards.
        assert_eq!(
            press(&mut ed, KeyCode::Char('x'), KeyModifiers::NONE),
            Outcome::Keep
        );
        assert!(!ed.confirm_discard && ed.value() == "kept!");
        press(&mut ed, KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            press(&mut ed, KeyCode::Esc, KeyModifiers::NONE),
            Outcome::close_saying("Note discarded.")
        );
        assert_eq!(
            press(&mut ed, KeyCode::Char('s'), KeyModifiers::CONTROL),
            Outcome::Submit(Command::Save)
        );
    }
}
