//! Flow nesting (`[[[…]]]`, `{{…}}`) checked before a YAML text is parsed.
//! libyaml's scanner re-examines every open flow level at each token, so
//! N levels cost N² (100,000 `[` took two minutes), and serde_yaml refuses
//! more than 128 levels anyway, after the full scan. A text nested deeper
//! is refused at once, placed where it goes too deep.

use crate::diagnostic::Pos;
use yaml_rust2::scanner::{Scanner, TokenType};

/// serde_yaml's own recursion limit: a value nested deeper never loads.
pub(crate) const MAX_FLOW_DEPTH: usize = 128;

/// Blanks out each flow collection of `text` nested deeper than
/// [`MAX_FLOW_DEPTH`] (its bytes become spaces, its lines stay, so every
/// other position holds): the value reads as empty and the rest of the file
/// loads. Returns where each went too deep.
pub(crate) fn blank_too_deep(text: &mut String) -> Vec<Pos> {
    // Most texts have too few brackets to be deep at all.
    let opens = memchr::memchr2_iter(b'[', b'{', text.as_bytes()).count();
    if opens <= MAX_FLOW_DEPTH {
        return Vec::new();
    }
    let mut deep: Vec<Deep> = Vec::new();
    let mut from = 0;
    while let Some(found) = estimate(text.as_bytes(), from) {
        from = found.end;
        if exact_too_deep(&text[found.start..found.end]) {
            deep.push(found);
        }
    }
    if deep.is_empty() {
        return Vec::new();
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for d in &deep {
        for b in &mut bytes[d.start..d.end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were blanked (the range starts and ends at brackets).
    *text =
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into());
    positions(text, deep.iter().map(|d| d.past_limit))
}

/// A flow collection found too deep by [`estimate`] (byte offsets).
struct Deep {
    /// Its opening bracket.
    start: usize,
    /// The bracket that goes past the limit.
    past_limit: usize,
    /// Just after its closing bracket (the text's end when it has none).
    end: usize,
}

/// The first flow collection from `from` on nested deeper than
/// [`MAX_FLOW_DEPTH`], read by a byte scan that knows quoted scalars, plain
/// scalars and comments: exact inside flow collections, the only place
/// nesting is. Bracket-like text in block scalars may count as nesting, so
/// what it finds is checked by [`exact_too_deep`].
fn estimate(bytes: &[u8], from: usize) -> Option<Deep> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        /// Between tokens: a quote here starts a quoted scalar.
        Between,
        Plain,
        Single,
        Double,
        Comment,
    }
    let mut depth = 0usize;
    let (mut start, mut past_limit) = (0, None);
    let mut state = State::Between;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(b'\n');
        let blank_next = matches!(next, b' ' | b'\t' | b'\n' | b'\r');
        match state {
            State::Comment => {
                if b == b'\n' {
                    state = State::Between;
                }
            }
            State::Single => {
                if b == b'\'' {
                    if next == b'\'' {
                        i += 1; // '' is a quote inside the scalar
                    } else {
                        state = State::Between;
                    }
                }
            }
            State::Double => match b {
                b'\\' => i += 1,
                b'"' => state = State::Between,
                _ => {}
            },
            State::Between | State::Plain => match b {
                b'[' | b'{' => {
                    if depth == 0 {
                        start = i;
                    }
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH && past_limit.is_none() {
                        past_limit = Some(i);
                    }
                    state = State::Between;
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    state = State::Between;
                    if depth == 0 {
                        if let Some(past_limit) = past_limit {
                            return Some(Deep {
                                start,
                                past_limit,
                                end: i + 1,
                            });
                        }
                    }
                }
                b',' => state = State::Between,
                b'#' if state == State::Between || i > 0 && bytes[i - 1] == b' ' => {
                    state = State::Comment
                }
                b'\'' if state == State::Between => state = State::Single,
                b'"' if state == State::Between => state = State::Double,
                b':' | b'?' | b'-' if blank_next => state = State::Between,
                // A tag or anchor ends at a blank: what follows is a token.
                b'!' | b'&' if state == State::Between => {
                    while i + 1 < bytes.len() && !matches!(bytes[i + 1], b' ' | b'\t' | b'\n') {
                        i += 1;
                    }
                }
                b' ' | b'\t' | b'\r' => {}
                b'\n' => {
                    // A new line at block level starts afresh.
                    if depth == 0 {
                        state = State::Between;
                    }
                }
                _ => state = State::Plain,
            },
        }
        i += 1;
    }
    past_limit.map(|past_limit| Deep {
        start,
        past_limit,
        end: bytes.len(),
    })
}

/// Whether one flow collection's text really nests deeper than the limit,
/// by yaml-rust2's scanner. Its own limit is 255 levels, and it holds flow
/// tokens back until it knows whether they start a key, so nesting beyond
/// 255 ends in its error before any token is seen.
fn exact_too_deep(text: &str) -> bool {
    let mut depth = 0usize;
    let mut scanner = Scanner::new(text.chars());
    for token in scanner.by_ref() {
        match token.1 {
            TokenType::FlowSequenceStart | TokenType::FlowMappingStart => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return true;
                }
            }
            TokenType::FlowSequenceEnd | TokenType::FlowMappingEnd => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    scanner
        .get_error()
        .is_some_and(|e| e.info().contains("recursion limit"))
}

/// The positions of increasing byte offsets, in one pass over `text`.
fn positions(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<Pos> {
    let (mut at, mut pos) = (0, Pos::START);
    offsets
        .map(|offset| {
            let part = &text[at..offset];
            match part.rfind('\n') {
                Some(nl) => {
                    pos.line += memchr::memchr_iter(b'\n', part.as_bytes()).count();
                    pos.col = part[nl + 1..].chars().count() + 1;
                }
                None => pos.col += part.chars().count(),
            }
            at = offset;
            pos
        })
        .collect()
}

/// The message for a value [`blank_too_deep`] blanked.
pub(crate) fn too_deep_message() -> String {
    format!(
        "nested more than {MAX_FLOW_DEPTH} levels deep (`[` or `{{` inside one another): this value is not read; flatten it"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    fn blanked(text: &str) -> (String, Vec<Pos>) {
        let mut text = text.to_string();
        let found = blank_too_deep(&mut text);
        (text, found)
    }

    #[test]
    fn deep_values_are_blanked_and_placed_where_they_pass_the_limit() {
        let text = format!(
            "events:\n  - id: a\n    summary: {}\n  - id: b\n    tags: [{}]\n",
            nested(100_000),
            nested(200)
        );
        let (after, found) = blanked(&text);
        assert_eq!(found, [Pos::new(3, 14 + 128), Pos::new(5, 11 + 128)]);
        assert_eq!(
            after,
            format!(
                "events:\n  - id: a\n    summary: {}\n  - id: b\n    tags: {}\n",
                " ".repeat(200_000),
                " ".repeat(402)
            )
        );
        let (after, found) = blanked(&format!("x: {}\n", nested(MAX_FLOW_DEPTH)));
        assert!(found.is_empty() && after.starts_with("x: [["));
        let (after, found) = blanked(&format!("a: 1\nx: {}\n", "{a: ".repeat(5_000)));
        assert_eq!(found, [Pos::new(2, 4 + 128 * 4)]);
        assert_eq!(after.trim_end(), "a: 1\nx:", "unclosed: blanked to the end");
    }

    #[test]
    fn many_shallow_lists_and_brackets_in_text_are_not_deep() {
        let mut text = String::from("events:\n");
        for i in 0..5_000 {
            text.push_str(&format!(
                "  - id: e{i}\n    title: \"a ]] [ {{ [ [\"\n    tags: [x, 'y]', \"z[\"]\n    summary: |\n      l'été [sic\n"
            ));
        }
        assert!(
            estimate(text.as_bytes(), 0).is_some(),
            "a block scalar's `[` counts"
        );
        let (after, found) = blanked(&text);
        assert!(found.is_empty(), "the exact check clears it");
        assert_eq!(after, text);
        let quoted = format!("x: ['{}', \"{}\", a[b]\n", "[".repeat(500), "{".repeat(500));
        assert!(estimate(quoted.as_bytes(), 0).is_none());
    }
}
