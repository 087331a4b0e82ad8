//! Finds a quote's passage in an article body. Runs of whitespace in the quote
//! match any run of whitespace in the body (re-wrapping the body never breaks
//! a quote); everything else must match exactly.

use memchr::memmem;
use std::ops::Range;

/// An article body prepared for finding many passages: its whitespace runs
/// collapsed to single spaces once, so each passage is one fast substring
/// search (`memchr::memmem`) instead of a word-by-word walk.
pub(crate) struct Body<'a> {
    text: &'a str,
    collapsed: String,
    /// Where the offset between collapsed and original text changes:
    /// (collapsed offset, original offset), sorted. Sparse: a single space
    /// or newline collapses to one byte and needs no entry.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Body<'a> {
    pub fn new(text: &'a str) -> Body<'a> {
        let mut collapsed = String::with_capacity(text.len());
        let mut shifts = vec![(0, 0)];
        let (mut at, mut copied) = (0, 0);
        let bytes = text.as_bytes();
        while at < bytes.len() {
            if !MAY_START_WHITESPACE[usize::from(bytes[at])] {
                at += 1;
                continue;
            }
            // A lone space stays as it is, in the text copied later.
            if bytes[at] == b' '
                && bytes
                    .get(at + 1)
                    .is_none_or(|&next| !MAY_START_WHITESPACE[usize::from(next)])
            {
                at += 1;
                continue;
            }
            let ws = whitespace_len(text, at);
            if ws == 0 {
                at += 1;
                continue;
            }
            // A run of whitespace: copy what came before in one go.
            collapsed.push_str(&text[copied..at]);
            let run = at;
            at += ws;
            loop {
                let more = whitespace_len(text, at);
                if more == 0 {
                    break;
                }
                at += more;
            }
            collapsed.push(' ');
            if at - run != 1 {
                shifts.push((collapsed.len(), at));
            }
            copied = at;
        }
        collapsed.push_str(&text[copied..]);
        Body {
            text,
            collapsed,
            shifts,
        }
    }

    /// The original offset of collapsed offset `at` (a non-space byte, or
    /// the end of a passage).
    fn original(&self, at: usize) -> usize {
        let i = self.shifts.partition_point(|&(c, _)| c <= at) - 1;
        let (c, o) = self.shifts[i];
        o + (at - c)
    }

    /// The byte span of the `occurrence`-th (1-based) occurrence of
    /// `passage`, or `None`; and how many occurrences were seen: all of them
    /// when the wanted one is missing, so the caller can say "there are only
    /// N"; on success the search stops at the wanted one.
    pub fn find(&self, passage: &str, occurrence: usize) -> (Option<Range<usize>>, usize) {
        let needle = crate::whitespace::collapse(passage);
        if needle.is_empty() {
            return (None, 0);
        }
        let mut found = 0;
        for start in memmem::find_iter(self.collapsed.as_bytes(), needle.as_bytes()) {
            found += 1;
            if found == occurrence {
                let end = start + needle.len();
                // Both ends are on non-space bytes, copied as they were.
                let span = self.original(start)..self.original(end - 1) + 1;
                debug_assert!(
                    self.text.is_char_boundary(span.start) && self.text.is_char_boundary(span.end)
                );
                return (Some(span), found);
            }
        }
        (None, found)
    }
}

/// The bytes [`whitespace_len`] may find whitespace at.
static MAY_START_WHITESPACE: [bool; 256] = {
    let mut may = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut i = 0;
    while i < starts.len() {
        may[starts[i] as usize] = true;
        i += 1;
    }
    may
};

/// The length of the whitespace character at byte `at`, or 0. Only bytes
/// that can start a whitespace character are decoded (ASCII whitespace, and
/// the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+3000): accented
/// letters and other text stay on the fast path. Continuation bytes (0x80 to
/// 0xBF) are never one of those, so any byte offset is safe to test.
fn whitespace_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => text[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Finds one passage in `body` (see [`Body::find`]); to find many in one
/// body, build a [`Body`] once.
pub fn find(body: &str, passage: &str, occurrence: usize) -> (Option<Range<usize>>, usize) {
    Body::new(body).find(passage, occurrence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_match_any_whitespace() {
        let body = "Il a dit : « Cela va\n  tuer l’entreprise ». Fin.";
        let (span, n) = find(body, "Cela va tuer l’entreprise", 1);
        assert_eq!(n, 1);
        assert_eq!(&body[span.unwrap()], "Cela va\n  tuer l’entreprise");
    }

    #[test]
    fn everything_else_is_exact() {
        let body = "Cela va tuer l’entreprise";
        assert_eq!(
            find(body, "Cela va tuer l'entreprise", 1).1,
            0,
            "apostrophes differ"
        );
        assert_eq!(find(body, "cela va", 1).1, 0, "case differs");
        assert_eq!(find(body, "Celava", 1).1, 0, "missing space");
    }

    #[test]
    fn picks_the_requested_occurrence() {
        let body = "oui, non, oui, oui";
        let (second, n) = find(body, "oui", 2);
        assert_eq!(n, 2, "stops at the wanted occurrence");
        assert_eq!(second, Some(10..13));
        assert_eq!(find(body, "oui", 4), (None, 3));
    }

    #[test]
    fn retries_after_a_partial_match() {
        let body = "le juge le juge a dit";
        assert_eq!(find(body, "le juge a", 1).0, Some(8..17));
    }

    #[test]
    fn multibyte_and_long_whitespace_map_back_to_the_right_bytes() {
        // A no-break space (2 bytes) and a run of spaces and tabs.
        let body =
            "Il a dit\u{a0}: «\u{a0}oui,   \t\n  vraiment\u{a0}» et «\u{a0}oui, vraiment\u{a0}».";
        let (first, n) = find(body, "oui, vraiment", 1);
        assert_eq!(n, 1);
        assert_eq!(&body[first.unwrap()], "oui,   \t\n  vraiment");
        let (second, _) = find(body, "oui,\nvraiment", 2);
        assert_eq!(&body[second.unwrap()], "oui, vraiment");
        let (dit, _) = find(body, "dit :", 1);
        assert_eq!(&body[dit.unwrap()], "dit\u{a0}:");
    }

    #[test]
    fn one_body_serves_many_passages() {
        let body = Body::new("le juge a dit non ; le juge a dit oui");
        assert_eq!(body.find("a dit", 2).0, Some(28..33));
        assert_eq!(body.find("dit oui", 1).0, Some(30..37));
        assert_eq!(body.find("juge", 3), (None, 2));
    }

    /// The original word-by-word algorithm, kept as the reference.
    fn reference(body: &str, passage: &str, occurrence: usize) -> Option<Range<usize>> {
        let mut words = passage.split_whitespace();
        let first = words.next()?;
        let rest: Vec<&str> = words.collect();
        let (mut found, mut from) = (0, 0);
        while let Some(i) = body[from..].find(first) {
            let start = from + i;
            let mut at = Some(start + first.len());
            for w in &rest {
                at = at.and_then(|a| {
                    let tail = &body[a..];
                    let t = tail.trim_start();
                    (t.len() < tail.len() && t.starts_with(w))
                        .then(|| a + tail.len() - t.len() + w.len())
                });
            }
            match at {
                Some(end) => {
                    found += 1;
                    if found == occurrence {
                        return Some(start..end);
                    }
                    from = end;
                }
                None => from = start + first.len(),
            }
        }
        None
    }

    #[test]
    fn agrees_with_the_word_by_word_reference_on_random_text() {
        let words = [
            "le",
            "juge",
            "a",
            "dit",
            "«\u{a0}oui\u{a0}»",
            "déjà",
            "l’affaire",
            "é",
        ];
        let spaces = [" ", "  ", "\n", "\t ", "\u{a0}", " \u{2009}"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let mut body = String::new();
            for _ in 0..40 {
                body.push_str(words[next(words.len())]);
                body.push_str(spaces[next(spaces.len())]);
            }
            let body_index = Body::new(&body);
            for _ in 0..10 {
                let len = 1 + next(3);
                let passage: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                let passage = passage.join(" ");
                for occurrence in 1..4 {
                    assert_eq!(
                        body_index.find(&passage, occurrence).0,
                        reference(&body, &passage, occurrence),
                        "{passage:?} #{occurrence} in {body:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn empty_passages_are_not_found() {
        assert_eq!(find("abc", "  \n", 1), (None, 0));
    }
}
