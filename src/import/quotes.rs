//! Finding the quoted passages of a body: « », “ ”, "…", ‹ › and ‘ ’,
//! nested, with French spacing, and across paragraph breaks when the next
//! paragraph reopens the quote (the French and English convention).

/// One quoted passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The passage inside the marks, verbatim (French spacing trimmed).
    pub text: String,
    /// Byte span of the passage, marks included.
    pub outer: std::ops::Range<usize>,
    /// Byte offset of `text` in the body.
    pub start: usize,
    /// One or two words: a term ("parleys"), kept as a quote but never
    /// attributed.
    pub term: bool,
}

/// At most this many words make a term rather than a statement.
const TERM_MAX_WORDS: usize = 2;

/// The closing mark of an opening mark.
fn closer(open: char) -> Option<char> {
    Some(match open {
        '«' => '»',
        '“' => '”',
        '‹' => '›',
        '‘' => '’',
        '"' => '"',
        _ => return None,
    })
}

/// Spaces French typography puts inside the marks.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

struct Open {
    mark: char,
    /// Byte offset of the mark.
    at: usize,
}

/// Every quoted passage of `body`, in the order they start.
pub fn find(body: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut stack: Vec<Open> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        if c == '\n' && next == Some('\n') {
            i = paragraph_break(&chars, i, &mut stack);
            continue;
        }
        let closes_top = stack.last().is_some_and(|o| closer(o.mark) == Some(c));
        let apostrophe = c == '’' && next.is_some_and(char::is_alphanumeric);
        if closes_top && !apostrophe && !(c == '"' && next.is_some_and(char::is_alphanumeric)) {
            let open = stack.pop().expect("closes_top");
            push_found(body, &open, at, c, &mut found);
        } else if let Some(depth) = stack
            .iter()
            .rposition(|o| closer(o.mark) == Some(c) && c != '’' && c != '"')
        {
            // A closing mark for an outer quote: the inner ones never closed.
            stack.truncate(depth + 1);
            let open = stack.pop().expect("depth");
            push_found(body, &open, at, c, &mut found);
        } else if closer(c).is_some() && opens(c, prev) {
            stack.push(Open { mark: c, at });
        }
        i += 1;
    }
    found.sort_by_key(|f| f.outer.start);
    found
}

/// Whether `c` opens a quote here: « “ ‹ always; ‘ and " only after a
/// space, a bracket or another mark (else they are apostrophes or inches).
fn opens(c: char, prev: Option<char>) -> bool {
    match c {
        '‘' | '"' => prev.is_none_or(|p| is_space(p) || "([{«“‹—–-/".contains(p)),
        _ => true,
    }
}

/// At a blank line: open quotes continue only when the next paragraph
/// reopens with the same mark (that mark is then part of the passage).
/// Returns where to resume.
fn paragraph_break(chars: &[(usize, char)], i: usize, stack: &mut Vec<Open>) -> usize {
    let mut j = i;
    while j < chars.len() && is_space(chars[j].1) {
        j += 1;
    }
    let reopened = stack
        .first()
        .is_some_and(|o| chars.get(j).map(|&(_, c)| c) == Some(o.mark));
    if reopened {
        j + 1
    } else {
        stack.clear();
        j
    }
}

fn push_found(body: &str, open: &Open, close_at: usize, close: char, found: &mut Vec<Found>) {
    let inner_start = open.at + open.mark.len_utf8();
    let inner = &body[inner_start..close_at];
    // `"Soon," he said`: the comma is the sentence's, not the speaker's.
    let text = inner.trim_matches(is_space);
    let text = text
        .strip_suffix(',')
        .unwrap_or(text)
        .trim_end_matches(is_space);
    if text.is_empty() {
        return;
    }
    let lead = inner.len() - inner.trim_start_matches(is_space).len();
    found.push(Found {
        text: text.to_string(),
        outer: open.at..close_at + close.len_utf8(),
        start: inner_start + lead,
        term: text.split_whitespace().count() <= TERM_MAX_WORDS,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<String> {
        find(body).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn every_mark_with_french_spacing() {
        let body = "A « un deux trois » B “quatre cinq six” C \"sept huit neuf\" D ‹ dix onze douze › E ‘treize quatorze quinze’.";
        assert_eq!(
            texts(body),
            [
                "un deux trois",
                "quatre cinq six",
                "sept huit neuf",
                "dix onze douze",
                "treize quatorze quinze"
            ]
        );
    }

    #[test]
    fn apostrophes_and_inches_are_not_marks() {
        assert_eq!(
            texts("l’entreprise d’Amazon, un écran 27\" et ‘c’est l’heure’"),
            ["c’est l’heure"]
        );
    }

    #[test]
    fn nested_quotes_and_sentences() {
        let body =
            "« Elle interdit l'usage \"illégale, nuisible ou offensive\". Et voilà ! » dit-il.";
        assert_eq!(
            texts(body),
            [
                "Elle interdit l'usage \"illégale, nuisible ou offensive\". Et voilà !",
                "illégale, nuisible ou offensive"
            ]
        );
    }

    #[test]
    fn across_a_paragraph_break_when_reopened() {
        let body = "« Premier paragraphe cité.\n\n« Second paragraphe », dit-il.\n\n« Jamais fermé.\n\nAutre chose.";
        assert_eq!(
            texts(body),
            ["Premier paragraphe cité.\n\n« Second paragraphe"]
        );
    }

    #[test]
    fn terms_are_marked() {
        let f = find("les «parleys» et « un vrai propos »");
        assert!(f[0].term && !f[1].term);
        assert_eq!(f[0].start, "les «".len());
    }
}
