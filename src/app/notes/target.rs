//! What "the selected item" is: the event, quote or reader's item that
//! `a`, `t`, `s`, `v`, `D` and `y` act on.

use crate::annotations::Target;
use crate::app::action::Pane;
use crate::app::state::{EventRow, State};
use crate::corpus::{QuoteIx, QuoteRef, SourceRef};
use crate::view::details::{DetailsItem, DetailsMode};

/// The item `a`, `t`, `s`, `v` act on, or why there is none.
pub fn current_target(state: &State) -> Result<Target, String> {
    let corpus = &state.corpus;
    match state.focus {
        Pane::Events => match state.events.selected.and_then(|r| state.events.rows.get(r)) {
            Some(EventRow::Event(e)) => Ok(Target::Event(corpus.event(*e).id.clone())),
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
                (Some(_), Some(q)) if !quote_in_view(state, q) => {
                    Err("the selected quote is not in view: n or N selects one that is".into())
                }
                (Some(article), Some(quote)) => {
                    Ok(Target::Quote(corpus.quote_key(QuoteRef { article, quote })))
                }
                _ => Err("select a quote (n/N) or an event".into()),
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
                Some(DetailsMode::Event(e)) => Ok(Target::Event(corpus.event(*e).id.clone())),
                Some(DetailsMode::ReaderEvent(id)) => state
                    .notes
                    .data
                    .reader_event(id)
                    .map(|e| Target::ReaderEvent(e.id.clone()))
                    .ok_or_else(|| "select a quote (n/N) or an event".to_string()),
                _ => Err("select a quote (n/N) or an event".into()),
            }
        }
    }
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
