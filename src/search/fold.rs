//! Folding text for matching: one folded char per user-perceived letter
//! (a base char and its combining marks), lowercased, with typographic
//! apostrophes, quotes, dashes and spaces mapped to their ASCII forms.
//!
//! Each letter has two forms: `folded` drops accents (`é` → `e`), `accented`
//! keeps them (NFC-composed, so `e` + U+0301 is `é`). Because there is exactly
//! one of each per letter, a char index in either form is a letter index,
//! and [`letters`] gives the byte offset of each letter in the original text.

use std::sync::OnceLock;
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// The two forms of one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    /// Byte offset of the letter in the original text.
    pub start: usize,
    /// Byte length of the letter (base char and combining marks).
    pub len: usize,
    /// Lowercase, accents removed.
    pub folded: char,
    /// Lowercase, accents kept (NFC).
    pub accented: char,
}

impl Letter {
    pub fn has_accent(&self) -> bool {
        self.folded != self.accented
    }
}

/// The letters of `text`, in order.
pub fn letters(text: &str) -> impl Iterator<Item = Letter> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let mut len = first.len_utf8();
        let mut composed = first;
        let mut marked = false;
        while let Some(&(_, mark)) = chars.peek() {
            if !is_combining_mark(mark) {
                break;
            }
            chars.next();
            len += mark.len_utf8();
            marked = true;
            if let Some(c) = compose(composed, mark) {
                composed = c;
            }
        }
        let (folded, accented) = if marked {
            fold_char(composed)
        } else {
            fold_char(first)
        };
        Some(Letter {
            start,
            len,
            folded,
            accented,
        })
    })
}

/// Appends the folded form of `text` to `out`.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| ascii_fold(b) as char));
        return;
    }
    out.extend(letters(text).map(|l| l.folded));
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn ascii_fold(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b'\t' | b'\n' | b'\r' => b' ',
        _ => b.to_ascii_lowercase(),
    }
}

/// `(folded, accented)` forms of a single (NFC) char.
pub(crate) fn fold_char(c: char) -> (char, char) {
    const TABLE_LEN: usize = 0x2100;
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    if (c as usize) < TABLE_LEN {
        let table = TABLE.get_or_init(|| {
            (0..TABLE_LEN as u32)
                .map(|u| char::from_u32(u).map_or(('\0', '\0'), fold_char_slow))
                .collect()
        });
        return table[c as usize];
    }
    fold_char_slow(c)
}

fn fold_char_slow(c: char) -> (char, char) {
    if let Some(p) = punctuation(c) {
        return (p, p);
    }
    let accented = c.to_lowercase().next().unwrap_or(c);
    (base_letter(accented), accented)
}

/// Typographic punctuation and spaces that match their ASCII forms.
fn punctuation(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\t' | '\n' | '\r' => ' ',
        '\u{2026}' => '.',
        _ => return None,
    })
}

/// `é` → `e`: the first char of the canonical decomposition when the rest
/// are combining marks, plus a few letters that have no decomposition.
fn base_letter(c: char) -> char {
    match c {
        'ø' => return 'o',
        'ł' => return 'l',
        'đ' => return 'd',
        'ı' => return 'i',
        _ => {}
    }
    let mut first = None;
    let mut only_marks = true;
    decompose_canonical(c, |d| match first {
        None => first = Some(d),
        Some(_) => only_marks &= is_combining_mark(d),
    });
    match first {
        Some(base) if only_marks => base,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Événement DÉJÀ"), "evenement deja");
        assert_eq!(fold("Ça, où, naïve, cœur"), "ca, ou, naive, cœur");
    }

    #[test]
    fn nfd_and_nfc_fold_alike() {
        let nfd = "e\u{301}ve\u{300}nement";
        assert_eq!(fold(nfd), "evenement");
        let accented: String = letters(nfd).map(|l| l.accented).collect();
        assert_eq!(accented, "évènement");
    }

    #[test]
    fn typographic_punctuation_folds_to_ascii() {
        assert_eq!(fold("l’entreprise"), "l'entreprise");
        assert_eq!(fold("« oui » “non”"), "\" oui \" \"non\"");
        assert_eq!(fold("a\u{202F}: b – c"), "a : b - c");
    }

    #[test]
    fn letters_know_their_bytes() {
        let text = "de\u{301}ja\u{300} l’a";
        let l: Vec<Letter> = letters(text).collect();
        let spans: Vec<&str> = l.iter().map(|l| &text[l.start..l.start + l.len]).collect();
        assert_eq!(
            spans,
            ["d", "e\u{301}", "j", "a\u{300}", " ", "l", "’", "a"]
        );
        assert!(l[1].has_accent());
        assert!(!l[6].has_accent(), "punctuation is not an accent");
    }

    #[test]
    fn non_latin_text_is_kept() {
        assert_eq!(fold("Ελλάδα 한국"), "ελλαδα 한국");
    }
}
