//! A one-line text field with readline's editing keys, for popups that take
//! a line of text (the search query; later the tag editor and forms).
//!
//! tui-textarea does the editing and draws the cursor; its own key table is
//! not used because it differs from readline where it matters (Ctrl-u is its
//! undo, Ctrl-j deletes to the start, Enter and Ctrl-n/Ctrl-p work lines),
//! and so do its words (punctuation is a word of its own). [`LineEditor::key`]
//! maps the keys of the keymap's `line-edit` section (readline's, by
//! default) onto its operations and leaves every other key to the popup. As in readline, Ctrl-w deletes back to a space (`'préavis` goes
//! whole) while Alt-b, Alt-f, Alt-d and Alt-Backspace work on letters and
//! digits.

use super::action::Command;
use super::key_sections::LINE_EDITS;
use super::keymap::{Keymap, Popup};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, TextArea};

/// The edit (one of [`LINE_EDITS`]) `key` is bound to in the keymap's
/// `line-edit` section.
pub fn edit_for(keymap: &Keymap, key: KeyEvent) -> Option<Command> {
    keymap
        .lookup_in(Popup::LineEdit, key)
        .filter(|c| LINE_EDITS.contains(c))
}

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved (or the key had nothing to do, as Backspace at
    /// the start).
    Moved,
    /// Not an editing key: the popup decides what it means.
    NotMine,
}

#[derive(Debug, Clone)]
pub struct LineEditor {
    area: TextArea<'static>,
}

/// `text` as a [`LineEditor`] shows it: each newline a space.
pub fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

impl Default for LineEditor {
    fn default() -> Self {
        LineEditor::new("")
    }
}

impl LineEditor {
    /// An empty line showing `placeholder` until something is typed.
    pub fn new(placeholder: &str) -> LineEditor {
        let mut area = TextArea::default();
        area.set_placeholder_text(placeholder);
        area.set_cursor_line_style(ratatui::style::Style::default());
        LineEditor { area }
    }

    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Replaces the text; the cursor goes to its end. A newline becomes a
    /// space: the line stays one line (see [`one_line`]).
    pub fn set_text(&mut self, text: &str) {
        self.area.move_cursor(CursorMove::Head);
        self.area.delete_line_by_end();
        self.area.insert_str(one_line(text));
    }

    /// The cursor's position, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// For drawing (the text, the placeholder and the cursor).
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Applies `key`: a character is typed, an editing key of the
    /// keymap's `line-edit` section edits, any other key is left to the
    /// popup.
    pub fn key(&mut self, keymap: &Keymap, key: KeyEvent) -> Outcome {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyCode::Char(c), true) = (key.code, plain) {
            self.area.insert_char(c);
            return Outcome::Edited;
        }
        match edit_for(keymap, key) {
            Some(edit) if self.apply(edit) => Outcome::Edited,
            Some(_) => Outcome::Moved,
            None => Outcome::NotMine,
        }
    }

    /// Performs `edit` (one of [`LINE_EDITS`]; another does nothing);
    /// whether the text changed.
    pub fn apply(&mut self, edit: Command) -> bool {
        let col = self.cursor();
        let chars: Vec<char> = self.text().chars().collect();
        let spaced = |c: char| !c.is_whitespace();
        let alnum = |c: char| c.is_alphanumeric();
        let a = &mut self.area;
        let to = match edit {
            Command::DeleteToStart => return a.delete_line_by_head(),
            Command::DeleteToEnd => return a.delete_line_by_end(),
            Command::DeleteWordBack => {
                return delete_back_to(a, col, word_start(&chars, col, spaced))
            }
            Command::DeleteLettersBack => {
                return delete_back_to(a, col, word_start(&chars, col, alnum))
            }
            Command::DeleteLettersForward => {
                return a.delete_str(word_end(&chars, col, alnum) - col)
            }
            Command::DeleteBack => return a.delete_char(),
            Command::DeleteForward => return a.delete_next_char(),
            Command::Yank => return a.paste(),
            Command::WordBack => word_start(&chars, col, alnum),
            Command::WordForward => word_end(&chars, col, alnum),
            Command::LineStart => 0,
            Command::LineEnd => chars.len(),
            Command::CharBack => col.saturating_sub(1),
            Command::CharForward => (col + 1).min(chars.len()),
            _ => return false,
        };
        jump(a, to);
        false
    }
}

fn jump(area: &mut TextArea, col: usize) {
    area.move_cursor(CursorMove::Jump(0, col.min(u16::MAX as usize) as u16));
}

/// Deletes from column `start` to the cursor at `col` (kept for Ctrl-y).
fn delete_back_to(area: &mut TextArea, col: usize, start: usize) -> bool {
    jump(area, start);
    area.delete_str(col - start)
}

/// Where the word before column `col` starts: back over what is not a word
/// character, then over word characters.
fn word_start(chars: &[char], col: usize, is_word: impl Fn(char) -> bool) -> usize {
    let mut i = col.min(chars.len());
    while i > 0 && !is_word(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_word(chars[i - 1]) {
        i -= 1;
    }
    i
}

/// Where the word at or after column `col` ends.
fn word_end(chars: &[char], col: usize, is_word: impl Fn(char) -> bool) -> usize {
    let mut i = col.min(chars.len());
    while i < chars.len() && !is_word(chars[i]) {
        i += 1;
    }
    while i < chars.len() && is_word(chars[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(e: &mut LineEditor, code: KeyCode, modifiers: KeyModifiers) -> Outcome {
        e.key(&Keymap::default_map(), KeyEvent::new(code, modifiers))
    }

    fn ctrl(e: &mut LineEditor, c: char) -> Outcome {
        press(e, KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(e: &mut LineEditor, c: char) -> Outcome {
        press(e, KeyCode::Char(c), KeyModifiers::ALT)
    }

    fn typed(text: &str) -> LineEditor {
        let mut e = LineEditor::default();
        for c in text.chars() {
            assert_eq!(
                press(&mut e, KeyCode::Char(c), KeyModifiers::NONE),
                Outcome::Edited
            );
        }
        e
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_and_ctrl_k_to_the_end() {
        let mut e = typed("tuer entreprise");
        for _ in 0.."prise".len() {
            press(&mut e, KeyCode::Left, KeyModifiers::NONE);
        }
        assert_eq!(ctrl(&mut e, 'u'), Outcome::Edited);
        assert_eq!((e.text(), e.cursor()), ("prise", 0));
        let mut e = typed("tuer entreprise");
        ctrl(&mut e, 'a');
        alt(&mut e, 'f');
        assert_eq!(ctrl(&mut e, 'k'), Outcome::Edited);
        assert_eq!(e.text(), "tuer");
        // Ctrl-y puts back what was deleted last.
        assert_eq!(ctrl(&mut e, 'y'), Outcome::Edited);
        assert_eq!(e.text(), "tuer entreprise");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut e = typed("couper les ponts");
        assert_eq!(ctrl(&mut e, 'w'), Outcome::Edited);
        assert_eq!(e.text(), "couper les ");
        ctrl(&mut e, 'w');
        assert_eq!(e.text(), "couper ");
        // Back to a space, as readline: fzf's `'word` goes whole.
        let mut e = typed("préavis 'l’été");
        ctrl(&mut e, 'w');
        assert_eq!((e.text(), e.cursor()), ("préavis ", 8));
        // Alt-Backspace and Alt-d stop at what is not a letter.
        let mut e = typed("^début l’été");
        press(&mut e, KeyCode::Backspace, KeyModifiers::ALT);
        assert_eq!(e.text(), "^début l’");
        ctrl(&mut e, 'a');
        alt(&mut e, 'd');
        assert_eq!((e.text(), e.cursor()), (" l’", 0));
        ctrl(&mut e, 'y');
        assert_eq!(e.text(), "^début l’");
    }

    #[test]
    fn words_and_ends_move_the_cursor_without_editing() {
        let mut e = typed("un deux trois");
        assert_eq!(ctrl(&mut e, 'a'), Outcome::Moved);
        assert_eq!(e.cursor(), 0);
        alt(&mut e, 'f');
        assert_eq!(e.cursor(), 2, "after `un`");
        alt(&mut e, 'f');
        assert_eq!(e.cursor(), 7, "after `deux`");
        alt(&mut e, 'b');
        assert_eq!(e.cursor(), 3, "on `deux`");
        ctrl(&mut e, 'e');
        assert_eq!(e.cursor(), 13);
        press(&mut e, KeyCode::Home, KeyModifiers::NONE);
        press(&mut e, KeyCode::Right, KeyModifiers::NONE);
        assert_eq!(e.cursor(), 1);
        assert_eq!(e.text(), "un deux trois");
    }

    #[test]
    fn backspace_and_delete_take_a_character_either_side() {
        let mut e = typed("abc");
        press(&mut e, KeyCode::Left, KeyModifiers::NONE);
        assert_eq!(
            press(&mut e, KeyCode::Backspace, KeyModifiers::NONE),
            Outcome::Edited
        );
        assert_eq!(e.text(), "ac");
        assert_eq!(
            press(&mut e, KeyCode::Delete, KeyModifiers::NONE),
            Outcome::Edited
        );
        assert_eq!(e.text(), "a");
        ctrl(&mut e, 'a');
        assert_eq!(
            press(&mut e, KeyCode::Backspace, KeyModifiers::NONE),
            Outcome::Moved
        );
        // Typing goes in at the cursor.
        press(&mut e, KeyCode::Char('é'), KeyModifiers::NONE);
        assert_eq!(e.text(), "éa");
    }

    #[test]
    fn other_keys_are_left_to_the_popup() {
        let mut e = typed("x");
        for (code, m) in [
            (KeyCode::Enter, KeyModifiers::NONE),
            (KeyCode::Up, KeyModifiers::NONE),
            (KeyCode::Down, KeyModifiers::NONE),
            (KeyCode::Tab, KeyModifiers::NONE),
            (KeyCode::Esc, KeyModifiers::NONE),
            (KeyCode::Char('p'), KeyModifiers::CONTROL),
            (KeyCode::Char('n'), KeyModifiers::CONTROL),
            (KeyCode::Char('m'), KeyModifiers::CONTROL),
            (KeyCode::Char('p'), KeyModifiers::ALT),
        ] {
            assert_eq!(press(&mut e, code, m), Outcome::NotMine, "{code:?} {m:?}");
        }
        assert_eq!(e.text(), "x");
    }

    #[test]
    fn a_rebinding_of_the_line_edit_section_edits() {
        let map = crate::app::keymap_user::overlay(
            Keymap::default_map(),
            "line-edit:\n  - { keys: [ctrl-x], action: delete-to-start }\n",
            std::path::Path::new("keymap.yaml"),
        )
        .unwrap();
        let mut e = typed("abc");
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(e.key(&map, ctrl('u')), Outcome::NotMine, "no longer bound");
        assert_eq!(e.key(&map, ctrl('x')), Outcome::Edited);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn set_text_keeps_one_line_with_the_cursor_at_its_end() {
        let mut e = typed("old");
        e.set_text("a\nb");
        assert_eq!((e.text(), e.cursor()), ("a b", 3));
        e.set_text("");
        assert_eq!((e.text(), e.cursor()), ("", 0));
    }
}
