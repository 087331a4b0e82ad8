//! What "the selected item" is: the event, quote or reader's item that
//! `a`, `t`, `s`, `v`, `D` and `y` act on.

use crate::annotations::Target;
use crate::app::action::Command;
use crate::app::action::Pane;
use crate::app::state::{EventRow, State};
use crate::corpus::{QuoteIx, QuoteRef, SourceRef};
use crate::view::details::{DetailsItem, DetailsMode};

/// The item `a`, `t`, `s`, `v` act on, or why there is none.
pub fn current_target(state: &State) -> Result<Target, String> {
    let corpus = &state.corpus;
    match state.focus {
        Pane::Events => match state.events.selected.and_then(|r| state.events.rows.get(r)) {
            Some(EventRow::Event(e)) => Ok(Target::Event(corpus.event(*e).id.to_string())),
            Some(EventRow::Reader(id)) => state
                .notes
                .data
                .reader_event(id)
                .map(|e| Target::ReaderEvent(e.id.clone()))
                .ok_or_else(|| "select an event".to_string()),
            _ => Err("select an event".into()),
        },
        Pane::Article => {
            if let Some(h) = selected_highlight(state) {
                return Ok(Target::Highlight(h.to_string()));
            }
            match (state.article.open, state.article.quote) {
                // An annotation key acts on the quote in view, never on one
                // scrolled far off.
                (Some(_), Some(q)) if !quote_in_view(state, q) => Err(format!(
                    "the selected quote is not in view: {} or {} selects one that is",
                    state.key(Command::NextQuote),
                    state.key(Command::PrevQuote)
                )),
                (Some(article), Some(quote)) => {
                    Ok(Target::Quote(corpus.quote_key(QuoteRef { article, quote })))
                }
                _ => Err(select_one(state)),
            }
        }
        Pane::Details => {
            let item = state
                .details
                .doc
                .as_ref()
                .zip(state.details.selected)
                .and_then(|(d, i)| d.items.get(i))
                .map(|(item, _)| item);
            match item {
                Some(&DetailsItem::Quote(q)) => return Ok(Target::Quote(corpus.quote_key(q))),
                Some(&DetailsItem::Source(SourceRef {
                    article,
                    quote: Some(quote),
                })) => return Ok(Target::Quote(corpus.quote_key(QuoteRef { article, quote }))),
                Some(DetailsItem::Highlight(id)) => {
                    if let Some(h) = state.notes.data.highlight(id) {
                        return Ok(Target::Highlight(h.id.clone()));
                    }
                }
                _ => {}
            }
            match &state.details.mode {
                Some(DetailsMode::Event(e)) => Ok(Target::Event(corpus.event(*e).id.to_string())),
                Some(DetailsMode::ReaderEvent(id)) => state
                    .notes
                    .data
                    .reader_event(id)
                    .map(|e| Target::ReaderEvent(e.id.clone()))
                    .ok_or_else(|| select_one(state)),
                _ => Err(select_one(state)),
            }
        }
    }
}

/// "select a quote (n/N) or an event", with the reader's keys.
pub fn select_one(state: &State) -> String {
    format!(
        "select a quote ({}/{}) or an event",
        state.key(Command::NextQuote),
        state.key(Command::PrevQuote)
    )
}

/// Whether quote `q` of the open article starts on a line of the view.
fn quote_in_view(state: &State, q: QuoteIx) -> bool {
    let Some(line) = state.article.quote_line(q) else {
        return true; // not laid out yet: nothing to compare with
    };
    let top = state.article.scroll;
    (top..top + state.pane_height(Pane::Article)).contains(&line)
}

/// The id of the selected reader's quote, if it is in the open article.
pub fn selected_highlight(state: &State) -> Option<&str> {
    let h = state
        .notes
        .data
        .highlight(state.notes.highlight.as_deref()?)?;
    let a = state.article.open?;
    (state.corpus.article(a).id == h.article).then_some(h.id.as_str())
}

#[cfg(test)]
mod tests {
    use crate::app::keymap::Keymap;
    use crate::app::keymap_user::overlay;
    use crate::app::{ready_state, update, Action, Command};
    use crate::corpus::{embedded, Progress};
    use std::path::Path;

    /// A message that names a key names the reader's: after a rebinding,
    /// the new key, not the built-in one.
    #[test]
    fn messages_name_the_keys_the_reader_bound() {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        update(&mut state, Action::Command(Command::FocusArticle));
        state.article.quote = None; // no quote selected: nothing to copy
        update(&mut state, Action::Command(Command::Copy));
        let said = state.message.clone().unwrap_or_default();
        assert!(said.contains("select a quote (n/N)"), "{said}");
        let text = "global:\n  - { keys: [\"}\"], action: next-quote }\n  - { keys: [\"{\"], action: prev-quote }\n";
        state.keymap = overlay(Keymap::default_map(), text, Path::new("keymap.yaml")).unwrap();
        update(&mut state, Action::Command(Command::Copy));
        let said = state.message.clone().unwrap_or_default();
        assert!(said.contains("select a quote (}/{)"), "{said}");
    }
}
