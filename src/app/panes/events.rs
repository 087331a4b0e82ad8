//! The timeline pane: events and the reader's events under month headings.

use crate::app::action::Pane;
use crate::app::nav;
use crate::app::notes::rows::row_details;
use crate::app::state::{EventRow, State};
use crate::view::details::DetailsMode;

/// Moves the selection by `delta` events (headings are skipped); the
/// details pane follows.
pub fn step(state: &mut State, delta: isize) {
    // Rows of the timeline as drawn (not events): those that hold one.
    let event_rows: Vec<usize> = state
        .events
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r, EventRow::Month(_)))
        .map(|(i, _)| i)
        .collect();
    if event_rows.is_empty() {
        return;
    }
    let cur = state
        .events
        .selected
        .and_then(|s| event_rows.iter().position(|&r| r == s))
        .unwrap_or(0);
    let next = (cur as isize + delta).clamp(0, event_rows.len() as isize - 1) as usize;
    nav::select_event_row(state, event_rows[next]);
    if let Some(mode) = row_details(state) {
        nav::set_details(state, mode);
    }
}

/// Enter: the article of the event's first source, beside it.
pub fn activate(state: &mut State) {
    let Some(e) = state.events.selected_event() else {
        return;
    };
    match nav::first_source(state, e) {
        Some((article, quote)) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(article));
            nav::open_article(state, article, quote);
        }
        None => state.message = Some("No article reports this event.".into()),
    }
}

/// The wheel: scrolls without moving the selection.
pub fn scroll(state: &mut State, delta: isize) {
    state.events.offset = state.events_view().scroll_by(delta).offset;
}

/// A click on `line` of the pane selects the event there.
pub fn click(state: &mut State, line: usize) {
    let r = state.events.offset + line;
    if matches!(
        state.events.rows.get(r),
        Some(EventRow::Event(_) | EventRow::Reader(_))
    ) {
        nav::select_event_row(state, r);
        if let Some(mode) = row_details(state) {
            nav::set_details(state, mode);
        }
    }
}
