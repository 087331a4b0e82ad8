//! Marking a passage of the article with the keyboard: start at the selected
//! quote or the first line on screen, extend by word (`w`), sentence (`s`)
//! or line (`l`/`j`), take back the last step (Backspace), Enter to keep it
//! as a reader's quote, Esc to cancel. Positions are body byte offsets.

use crate::app::notes::edit;
use crate::app::state::editors::Form;
use crate::app::state::marking::Selection;
use crate::app::state::{Overlay, State};
use crate::corpus::passage;
use crossterm::event::{KeyCode, KeyEvent};
use std::ops::Range;

/// `m` in the article: starts a selection.
pub fn start(state: &mut State) {
    let Some(a) = state.article.open else {
        state.message = Some("Open an article first.".into());
        return;
    };
    if !edit::check_writable(state) {
        return;
    }
    let body = &state.corpus.articles[a].body;
    let quote_span = state
        .article
        .quote
        .and_then(|q| state.corpus.articles[a].quotes.get(q))
        .and_then(|q| q.span.clone());
    let range = match quote_span {
        Some(s) => s,
        None => {
            // The first body line on screen.
            let Some(doc) = &state.article.doc else {
                return;
            };
            let line = doc.lines[state.article.scroll.min(doc.lines.len().saturating_sub(1))..]
                .iter()
                .find(|l| l.src.is_some())
                .or_else(|| doc.lines.iter().find(|l| l.src.is_some()));
            match line {
                Some(l) => {
                    let start = l.src.unwrap_or(0);
                    start..line_end(body, start, &l.plain())
                }
                None => {
                    state.message = Some("This article has no text to mark.".into());
                    return;
                }
            }
        }
    };
    state.overlay = Some(Overlay::Select(Selection {
        article: a,
        range: trim(body, range),
        history: Vec::new(),
    }));
    state.message = Some(
        "Marking: w word · s sentence · l line · Backspace back · Enter keep · Esc cancel".into(),
    );
    edit::refresh(state);
}

pub fn key(state: &mut State, mut sel: Selection, key: KeyEvent) {
    let body = state.corpus.articles[sel.article].body.clone();
    let end = sel.range.end;
    let new_end = match key.code {
        KeyCode::Esc => {
            state.message = Some("Marking cancelled.".into());
            edit::refresh(state);
            return;
        }
        KeyCode::Enter => return confirm(state, sel),
        KeyCode::Backspace => {
            if let Some(r) = sel.history.pop() {
                sel.range = r;
            }
            None
        }
        KeyCode::Char('w') | KeyCode::Right => Some(next_word_end(&body, end)),
        KeyCode::Char('s') | KeyCode::Char(')') => Some(next_sentence_end(&body, end)),
        KeyCode::Char('l') | KeyCode::Char('j') | KeyCode::Down => {
            Some(next_line_end(state, &body, end))
        }
        _ => None,
    };
    if let Some(e) = new_end {
        if e > end {
            sel.history.push(sel.range.clone());
            sel.range.end = e;
        }
    }
    let line_of_end = state
        .article
        .doc
        .as_ref()
        .map(|d| d.line_for_offset(sel.range.end.saturating_sub(1)));
    state.overlay = Some(Overlay::Select(sel));
    edit::refresh(state);
    // Keep the end of the selection in view.
    if let Some(line) = line_of_end {
        state.article.scroll = state.article_view().ensure_visible(line, line + 1).offset;
    }
}

fn confirm(state: &mut State, sel: Selection) {
    let article = &state.corpus.articles[sel.article];
    let text = article.body[sel.range.clone()].to_string();
    // Which occurrence of the passage this is, so it resolves back here.
    let (_, count) = passage::find(&article.body, &text, 1);
    let occurrence = (1..=count.max(1))
        .find(|&n| {
            passage::find(&article.body, &text, n)
                .0
                .is_some_and(|r| r.start == sel.range.start)
        })
        .unwrap_or(1);
    let events = state
        .events
        .selected_event()
        .map(|e| state.corpus.events[e].id.clone())
        .unwrap_or_default();
    let form = Form::highlight(article.id.clone(), text, occurrence as u32, &events);
    state.overlay = Some(Overlay::Form(Box::new(form)));
    edit::refresh(state);
}

/// Leading and trailing whitespace left out.
fn trim(body: &str, r: Range<usize>) -> Range<usize> {
    let s = &body[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// The body offset where a displayed line ends: its text matched against
/// the body from `src` (the wrap collapsed whitespace runs to one space).
pub fn line_end(body: &str, src: usize, shown: &str) -> usize {
    let mut at = src;
    let rest = &body[src..];
    let mut chars = rest.char_indices().peekable();
    for c in shown.trim_end().chars() {
        if c.is_whitespace() {
            while let Some((_, b)) = chars.peek() {
                if b.is_whitespace() {
                    chars.next();
                } else {
                    break;
                }
            }
            continue;
        }
        // Skip what the wrap did not show (e.g. whitespace) up to this char.
        for (i, b) in chars.by_ref() {
            if b == c {
                at = src + i + b.len_utf8();
                break;
            }
        }
    }
    at
}

pub fn next_word_end(body: &str, from: usize) -> usize {
    let rest = &body[from..];
    let start = rest.len() - rest.trim_start().len();
    let word = rest[start..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - start);
    from + start + word
}

pub fn next_sentence_end(body: &str, from: usize) -> usize {
    let rest = &body[from..];
    let mut seen_text = false;
    for (i, c) in rest.char_indices() {
        if matches!(c, '.' | '!' | '?' | '…') && seen_text {
            let mut end = i + c.len_utf8();
            // Closing quotes and brackets belong to the sentence (French
            // puts a space before »).
            loop {
                let after = &rest[end..];
                let spaced = after.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
                match spaced.chars().next() {
                    Some(n @ ('»' | '"' | '”' | ')')) => {
                        end = rest.len() - spaced.len() + n.len_utf8();
                    }
                    _ => break,
                }
            }
            return from + end;
        }
        if c == '\n' && seen_text && rest[i + 1..].starts_with('\n') {
            // A paragraph ends the sentence.
            return from + rest[..i].trim_end().len();
        }
        if !c.is_whitespace() {
            seen_text = true;
        }
    }
    from + rest.trim_end().len()
}

fn next_line_end(state: &State, body: &str, from: usize) -> usize {
    let Some(doc) = &state.article.doc else {
        return from;
    };
    doc.lines
        .iter()
        .filter_map(|l| l.src.map(|s| line_end(body, s, &l.plain())))
        .find(|&e| e > from)
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences_extend_forward() {
        let body = "Le juge a tranché. « Non ! » dit-il.\n\nSuite du texte";
        assert_eq!(&body[..next_word_end(body, 2)], "Le juge");
        let s = next_sentence_end(body, 0);
        assert_eq!(&body[..s], "Le juge a tranché.");
        let s2 = next_sentence_end(body, s);
        assert_eq!(&body[s..s2], " « Non ! »");
        let s3 = next_sentence_end(body, s2);
        assert_eq!(&body[s2..s3], " dit-il.");
        // The paragraph break stops a sentence with no full stop.
        let s4 = next_sentence_end(body, s3);
        assert_eq!(&body[s3..s4], "\n\nSuite du texte");
    }

    #[test]
    fn a_wrapped_line_maps_back_to_the_body() {
        let body = "Un  texte\navec   des espaces";
        assert_eq!(line_end(body, 0, "Un texte avec"), 14);
        assert_eq!(
            &body[..line_end(body, 0, "Un texte avec ")],
            "Un  texte\navec"
        );
    }
}
