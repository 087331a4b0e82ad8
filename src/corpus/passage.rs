//! Finds a quote's passage in an article body. Runs of whitespace in the quote
//! match any run of whitespace in the body (re-wrapping the body never breaks
//! a quote); everything else must match exactly.

use std::ops::Range;

/// The byte span of the `occurrence`-th (1-based) occurrence of `passage` in
/// `body`, or `None`. Also returns how many occurrences were seen: all of
/// them when the wanted one is missing, so the caller can say "there are only
/// N"; on success the search stops at the wanted one.
pub fn find(body: &str, passage: &str, occurrence: usize) -> (Option<Range<usize>>, usize) {
    let mut words = passage.split_whitespace();
    let Some(first) = words.next() else {
        return (None, 0);
    };
    let rest: Vec<&str> = words.collect();
    let mut found = 0;
    let mut from = 0;
    while let Some(i) = body[from..].find(first) {
        let start = from + i;
        if let Some(end) = match_rest(body, start + first.len(), &rest) {
            found += 1;
            if found == occurrence {
                // Counting the rest would scan the whole body for nothing.
                return (Some(start..end), found);
            }
            from = end;
        } else {
            from = start + first.len();
        }
    }
    (None, found)
}

fn match_rest(body: &str, mut at: usize, words: &[&str]) -> Option<usize> {
    for word in words {
        let tail = &body[at..];
        let trimmed = tail.trim_start();
        if trimmed.len() == tail.len() {
            return None; // no whitespace between words
        }
        at += tail.len() - trimmed.len();
        if !trimmed.starts_with(word) {
            return None;
        }
        at += word.len();
    }
    Some(at)
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
    fn empty_passages_are_not_found() {
        assert_eq!(find("abc", "  \n", 1), (None, 0));
    }
}
