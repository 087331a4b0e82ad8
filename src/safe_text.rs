//! Text from files made safe for a terminal.
//!
//! A corpus, a theme, a keymap or an annotations file can hold any Unicode
//! scalar, escape sequences included: an event title with `ESC ] 0 ;` would
//! rename the terminal, `ESC [ 2 J` would blank it, OSC 52 would write the
//! clipboard, and a `\n` in an id would forge a second diagnostic line. So
//! every character that a terminal acts on instead of showing is replaced
//! by a visible stand-in, at the two boundaries where text leaves the
//! program: the reader's frames (`runtime::tui::SafeBackend`, which calls
//! this module; named, not linked, so this leaf refers to nothing above it)
//! and the lines the commands print ([`one_line`]).
//!
//! The stand-ins are one column wide, so a cleaned cell keeps its place:
//! C0 controls become their Control Pictures (`ESC` → `␛`, `\n` → `␊`, `\t`
//! → `␉`), DEL becomes `␡`, and the C1 controls, the line and paragraph
//! separators and the bidirectional overrides and isolates (which reorder
//! what follows them) become `�`.

use std::borrow::Cow;

/// The visible stand-in for `c`, or `None` when `c` is shown as it is.
pub(crate) fn stand_in(c: char) -> Option<char> {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('␡'),
        '\u{80}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// Whether `s` holds a character that [`stand_in`] replaces.
pub(crate) fn needs_cleaning(s: &str) -> bool {
    s.chars().any(|c| stand_in(c).is_some())
}

/// `s` with every character a terminal would act on replaced by its
/// visible stand-in: printed, it is exactly one line, and it sends no
/// escape sequence. Borrowed when there is nothing to replace.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !needs_cleaning(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// What a terminal cell shows for `symbol` (one grapheme, as ratatui puts
/// it in a cell), as wide as the cell: a control character (a grapheme of
/// its own, given one column) becomes its one-column stand-in, a tab a
/// space; the zero-width ones (bidi overrides, line separators), which
/// ratatui appends to the cell before them, are dropped, so that text is
/// shown in the order it was written. `None` when the symbol is safe as
/// it is.
pub(crate) fn cell_symbol(symbol: &str) -> Option<String> {
    if !needs_cleaning(symbol) {
        return None;
    }
    let cleaned: String = symbol
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\0'..='\x1f' | '\x7f'..='\u{9f}' => stand_in(c),
            c if stand_in(c).is_some() => None,
            c => Some(c),
        })
        .collect();
    Some(if cleaned.is_empty() {
        " ".into()
    } else {
        cleaned
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let osc = "Titre\x1b]0;pwned\x07 \x1b[2J \u{9b}2J";
        let safe = one_line(osc);
        assert_eq!(safe, "Titre␛]0;pwned␇ ␛[2J �2J");
        assert!(!safe.chars().any(char::is_control));
    }

    #[test]
    fn a_line_break_never_starts_a_new_line() {
        let forged = "q1\ndata/timeline.yaml:1:1: error: forged\r\u{2028}x\u{2029}";
        let safe = one_line(forged);
        assert_eq!(safe.lines().count(), 1);
        assert!(safe.starts_with("q1␊data/timeline.yaml:1:1: error: forged␍"));
    }

    #[test]
    fn bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(one_line("a\u{202e}b\u{2066}c"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "« Cela va tuer l’entreprise » — déjà, 東京, 🙂";
        assert!(matches!(one_line(text), Cow::Borrowed(t) if t == text));
        assert_eq!(cell_symbol("é"), None);
        assert_eq!(cell_symbol("e\u{301}"), None);
    }

    #[test]
    fn cells_keep_their_width() {
        use unicode_width::UnicodeWidthStr;
        for c in (0u32..0x20).chain([0x7f, 0x85, 0x9b]) {
            let c = char::from_u32(c).unwrap();
            let cleaned = cell_symbol(&c.to_string()).expect("cleaned");
            assert_eq!(cleaned.width(), 1, "{c:?} → {cleaned:?}");
        }
        assert_eq!(cell_symbol("\t").as_deref(), Some(" "));
        // A zero-width override appended to a letter leaves the letter alone.
        assert_eq!(cell_symbol("e\u{202e}").as_deref(), Some("e"));
        assert_eq!(cell_symbol("\u{2066}").as_deref(), Some(" "));
    }
}
