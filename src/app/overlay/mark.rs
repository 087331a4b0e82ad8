//! Marking a passage of the article with the keyboard: start where the
//! reader is (the search hit, the selected quote in view, or the first
//! sentence in view), extend the end by word (`w`), sentence (`s`) or line
//! (`l`/`j`), move the start back by a word (`b`) or sentence (`(`) or
//! forward by a word (`f`), take back the last step (Backspace), Enter to
//! keep it as a reader's quote, Esc to cancel — the keys of the keymap's
//! `mark` section. Positions are body byte offsets.

use super::outcome::Outcome;
use crate::app::action::Command;
use crate::app::notes::edit;
use crate::app::state::editors::Form;
use crate::app::state::marking::Selection;
use crate::app::state::{Overlay, State};
use crate::app::Pane;
use crate::corpus::{passage, Corpus, QuoteIx};
use crate::view::article::ArticleDoc;
use std::ops::Range;

/// `m` in the article: starts a selection where the reader is — the
/// search hit just jumped to, else the selected quote if it is in view,
/// else the first sentence that starts in view (not the top line cut
/// mid-sentence).
pub fn start(state: &mut State) {
    let Some(a) = state.article.open else {
        state.message = Some("Open an article first.".into());
        return;
    };
    if !edit::check_writable(state) {
        return;
    }
    let body = &state.corpus.article(a).body;
    let hit = state.article.search_hits.first().cloned();
    let quote_span = state
        .article
        .quote
        .filter(|&q| quote_in_view(state, q))
        .and_then(|q| state.corpus.article(a).get_quote(q))
        .and_then(|q| q.span.clone());
    let range = match hit.or(quote_span) {
        Some(s) => s,
        None => match first_sentence_in_view(state, body) {
            Some(r) => r,
            None => {
                state.message = Some("This article has no text to mark.".into());
                return;
            }
        },
    };
    let range = trim(body, range);
    // The hit is now the selection's start: its marks go.
    state.article.search_hits.clear();
    state.overlay = Some(Overlay::Select(Selection {
        article: a,
        range,
        history: Vec::new(),
    }));
    edit::refresh(state);
}

/// Whether quote `q` starts on a line in view.
fn quote_in_view(state: &State, q: QuoteIx) -> bool {
    let top = state.article.scroll;
    state
        .article
        .quote_line(q)
        .is_none_or(|l| (top..top + state.pane_height(Pane::Article)).contains(&l))
}

/// The first sentence that starts on a line in view (else the sentence the
/// top line is in the middle of, from that line's start).
fn first_sentence_in_view(state: &State, body: &str) -> Option<Range<usize>> {
    let doc = state.article.doc.as_ref()?;
    let top = state.article.scroll.min(doc.lines.len().saturating_sub(1));
    let bottom = top + state.pane_height(Pane::Article);
    let first = doc.lines[top..]
        .iter()
        .find_map(|l| l.src)
        .or_else(|| doc.lines.iter().find_map(|l| l.src))?;
    let mut start = first;
    if !starts_sentence(body, first) {
        let next = skip_space(body, next_sentence_end(body, first));
        if next < body.len() && doc.line_for_offset(next) < bottom {
            start = next;
        }
    }
    Some(start..next_sentence_end(body, start))
}

/// Whether a sentence starts at `at`: after a full stop, a paragraph
/// break, or at the body's start.
fn starts_sentence(body: &str, at: usize) -> bool {
    let before = body[..at].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    before.is_empty()
        || before.ends_with('\n')
        || before.ends_with(['.', '!', '?', '…', '»', '"', '”', ')'])
}

fn skip_space(body: &str, at: usize) -> usize {
    at + (body[at..].len() - body[at..].trim_start().len())
}

/// Where the word before `at` starts (moving the start back a word).
pub fn prev_word_start(body: &str, at: usize) -> usize {
    let before = body[..at].trim_end();
    before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Where the sentence before `at` starts (moving the start back a sentence).
pub fn prev_sentence_start(body: &str, at: usize) -> usize {
    // Step over the end of the previous sentence, then find its start.
    let before = body[..at].trim_end();
    let stop = before.trim_end_matches(['.', '!', '?', '…', '»', '"', '”', ')', ' ', '\u{a0}']);
    let mut i = stop.len();
    while i > 0 && !starts_sentence(body, i) {
        i = body[..i].char_indices().next_back().map_or(0, |(j, _)| j);
    }
    skip_space(body, i)
}

/// A key while marking (the keymap's `mark` section): the selection
/// changes in place; Enter submits it, Esc cancels.
pub fn key(
    sel: &mut Selection,
    command: Option<Command>,
    corpus: &Corpus,
    doc: Option<&ArticleDoc>,
) -> Outcome {
    let body = &corpus.article(sel.article).body;
    let end = sel.range.end;
    let new_end = match command {
        Some(Command::Close) => return Outcome::close_saying("Marking cancelled."),
        Some(Command::Submit) => return Outcome::Submit(Command::Submit),
        Some(Command::Undo) => {
            if let Some(r) = sel.history.pop() {
                sel.range = r;
            }
            None
        }
        // The start moves: back a word or a sentence, forward a word (never
        // past the end).
        Some(
            c @ (Command::StartWordBack | Command::StartSentenceBack | Command::StartWordForward),
        ) => {
            let start = sel.range.start;
            let moved = match c {
                Command::StartWordForward => skip_space(body, next_word_end(body, start)),
                Command::StartSentenceBack => prev_sentence_start(body, start),
                _ => prev_word_start(body, start),
            };
            if moved != start && moved < sel.range.end {
                sel.history.push(sel.range.clone());
                sel.range.start = moved;
            }
            None
        }
        Some(Command::ExtendWord) => Some(next_word_end(body, end)),
        Some(Command::ExtendSentence) => Some(next_sentence_end(body, end)),
        Some(Command::ExtendLine) => Some(next_line_end(doc, body, end)),
        _ => None,
    };
    if let Some(e) = new_end {
        if e > end {
            sel.history.push(sel.range.clone());
            sel.range.end = e;
        }
    }
    Outcome::Keep
}

/// After a key that kept the selection: the article shows it, its end in
/// view.
pub fn kept(state: &mut State) {
    let Some(Overlay::Select(sel)) = &state.overlay else {
        return;
    };
    let line_of_end = state
        .article
        .doc
        .as_ref()
        .map(|d| d.line_for_offset(sel.range.end.saturating_sub(1)));
    edit::refresh(state);
    if let Some(line) = line_of_end {
        state.article.scroll = state.article_view().ensure_visible(line, line + 1).offset;
    }
}

/// Enter: the passage goes into the reader's-quote form.
pub fn submit(state: &mut State, sel: Selection) {
    let article = state.corpus.article(sel.article);
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
        .map(|e| state.corpus.event(e).id.clone())
        .unwrap_or_default();
    let form = Form::highlight(article.id.to_string(), text, occurrence as u32, &events);
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

fn next_line_end(doc: Option<&ArticleDoc>, body: &str, from: usize) -> usize {
    let Some(doc) = doc else {
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
    fn the_start_moves_back_by_word_and_sentence() {
        let body = "Le juge a tranché. « Non ! » dit-il, très calme.";
        let dit = body.find("dit").unwrap();
        assert_eq!(&body[prev_word_start(body, dit)..dit], "» ");
        let calme = body.find("calme").unwrap();
        assert_eq!(&body[prev_word_start(body, calme)..calme], "très ");
        // Mid-sentence: back to its start; at a start: the one before.
        assert_eq!(prev_sentence_start(body, calme), body.find("dit").unwrap());
        let non = body.find('«').unwrap();
        assert_eq!(prev_sentence_start(body, non), 0);
        assert_eq!(prev_sentence_start(body, 0), 0);
        assert!(starts_sentence(body, non) && !starts_sentence(body, calme));
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
