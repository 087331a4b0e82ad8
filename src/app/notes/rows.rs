//! The timeline's rows: corpus and reader's events by date under month
//! headings, only those the filter keeps.

use crate::annotations::filter::{corpus_event_rank, event_matches, reader_event_rank};
use crate::app::action::Pane;
use crate::app::state::notes::AnnotationsView;
use crate::app::state::{EventRow, State};
use crate::corpus::{Corpus, PartialDate};
use crate::view::details::DetailsMode;

/// The timeline rows: corpus and reader's events by date, month headings,
/// only those matching the filter.
pub fn event_rows(corpus: &Corpus, notes: &AnnotationsView) -> Vec<EventRow> {
    let lang = corpus.date_lang();
    let a = &notes.data;
    // Corpus events keep the corpus's order; see `reader_event_rank`.
    let mut items: Vec<(usize, Option<PartialDate>, EventRow)> = Vec::new();
    for (i, e) in corpus.indexed_events() {
        if notes
            .filter
            .as_ref()
            .is_none_or(|f| event_matches(corpus, a, i, f))
        {
            items.push((corpus_event_rank(i), Some(e.date), EventRow::Event(i)));
        }
    }
    for e in &a.reader_events {
        if notes
            .filter
            .as_ref()
            .is_none_or(|f| f.matches(&e.annotation))
        {
            let date = PartialDate::parse(&e.date).ok();
            items.push((
                reader_event_rank(corpus, date),
                date,
                EventRow::Reader(e.id.clone()),
            ));
        }
    }
    items.sort_by_key(|(k, _, _)| *k);
    let mut rows = Vec::with_capacity(items.len() + 24);
    let mut month = None;
    for (_, date, row) in items {
        let key = date.map(|d| d.month_key());
        if month != Some(key) {
            month = Some(key);
            rows.push(EventRow::Month(date.map_or_else(
                || "(undated)".to_string(),
                |d| d.month_heading(lang),
            )));
        }
        rows.push(row);
    }
    rows
}

/// Rebuilds the timeline rows, keeping the selected event when it is still
/// shown (else the nearest row).
pub fn refresh_events(state: &mut State) {
    let previous = state
        .events
        .selected
        .and_then(|r| state.events.rows.get(r).cloned());
    let old_index = state.events.selected.unwrap_or(0);
    state.events.rows = event_rows(&state.corpus, &state.notes);
    let rows = &state.events.rows;
    let selectable = |r: &EventRow| !matches!(r, EventRow::Month(_));
    state.events.selected = previous
        .clone()
        .and_then(|p| rows.iter().position(|r| *r == p))
        .or_else(|| {
            (old_index.min(rows.len().saturating_sub(1))..rows.len())
                .chain((0..rows.len()).rev())
                .find(|&i| selectable(&rows[i]))
        });
    if state.focus == Pane::Events
        && state.events.selected.and_then(|r| state.events.rows.get(r)) != previous.as_ref()
    {
        if let Some(mode) = row_details(state) {
            state.details.mode = Some(mode);
        }
    }
    let mut view = state.events_view();
    if let Some(sel) = state.events.selected {
        view = view.bring_into_view(sel, 1);
    }
    state.events.offset = view.clamp().offset;
}

/// What the details pane shows for the selected timeline row.
pub fn row_details(state: &State) -> Option<DetailsMode> {
    match state.events.rows.get(state.events.selected?)? {
        EventRow::Event(e) => Some(DetailsMode::Event(*e)),
        EventRow::Reader(id) => Some(DetailsMode::ReaderEvent(id.clone())),
        EventRow::Month(_) => None,
    }
}
