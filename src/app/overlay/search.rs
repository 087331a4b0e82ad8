//! The search popup's behaviour: what its keys do, the searches it asks
//! the runtime for, the results it takes in. Enter jumps to the result;
//! Esc closes and leaves the reader as it was.

use super::outcome::Outcome;
use crate::app::action::{Command, Pane};
use crate::app::keymap::Popup;
use crate::app::line_edit::Outcome as EditOutcome;
use crate::app::nav;
use crate::app::search_layout::PopupLayout;
use crate::app::state::search::{visible_offset, SearchPopup};
use crate::app::state::{Effect, Overlay, State};
use crate::search::{HitTarget, Query, SearchOptions, SearchResult};
use crate::view::details::DetailsMode;
use crossterm::event::KeyEvent;
use std::sync::Arc;

pub fn open(state: &mut State) {
    state.overlay = Some(Overlay::Search(Box::new(SearchPopup::new(
        state.article.open,
    ))));
    if state.search_index.is_none() {
        state.message = Some("Indexing the corpus for search…".into());
    }
}

fn popup(state: &mut State) -> Option<&mut SearchPopup> {
    match &mut state.overlay {
        Some(Overlay::Search(p)) => Some(p),
        _ => None,
    }
}

/// Rows of results the popup shows at the current terminal size.
fn list_rows(state: &State) -> usize {
    PopupLayout::compute(state.layout.area).list_rows()
}

/// A key in the popup: its own keys (the keymap's `search` section) first,
/// then the query line's.
pub fn key(state: &mut State, key: KeyEvent) -> Outcome {
    let rows = list_rows(state);
    let history = &state.search_history;
    let Some(Overlay::Search(p)) = &mut state.overlay else {
        return Outcome::Keep;
    };
    let n = p.results.len();
    let page = rows as isize;
    let Some(command) = state.keymap.lookup_in(Popup::Search, key) else {
        if p.input.key(&state.keymap, key) == EditOutcome::Edited {
            // An edited line is a new query, not a history entry.
            p.leave_history();
            submit(state);
        }
        return Outcome::Keep;
    };
    let walked = match command {
        Command::Close => {
            remember(state);
            return Outcome::Close(None);
        }
        // Enter with nothing to go to does nothing.
        Command::Open if p.selected_hit().is_none() || state.search_index.is_none() => false,
        Command::Open | Command::Quit => return Outcome::Submit(command),
        Command::NextScope | Command::PrevScope => {
            p.scope = if command == Command::NextScope {
                p.scope.cycle()
            } else {
                (0..4).fold(p.scope, |s, _| s.cycle())
            };
            true
        }
        Command::ToggleExact => {
            p.exact = !p.exact;
            true
        }
        Command::ToggleArticle => {
            if p.article.is_none() {
                state.message = Some("No article is open.".into());
                return Outcome::Keep;
            }
            p.in_article = !p.in_article;
            true
        }
        // With nothing typed there is nothing to choose: ↑ and ↓ walk the
        // history instead.
        Command::Up if p.text().is_empty() => p.walk_history(history, true),
        Command::Down if p.text().is_empty() => p.walk_history(history, false),
        Command::OlderSearch => p.walk_history(history, true),
        Command::NewerSearch => p.walk_history(history, false),
        Command::Up => move_selection(p, -1, n, rows),
        Command::Down => move_selection(p, 1, n, rows),
        Command::PageUp => move_selection(p, -page, n, rows),
        Command::PageDown => move_selection(p, page, n, rows),
        _ => false,
    };
    if walked {
        submit(state);
    }
    Outcome::Keep
}

/// Enter (`open`): to the selected result; `quit`: out of chronique. The
/// popup is already out of the state.
pub fn submitted(state: &mut State, popup: SearchPopup, command: Command) {
    if command == Command::Quit {
        crate::app::session::leave(state);
        return;
    }
    remember_text(state, popup.text());
    jump(state, popup);
}

/// Adds what is typed to the history (and has it saved).
fn remember(state: &mut State) {
    let Some(p) = popup(state) else {
        return;
    };
    let text = p.text().to_string();
    remember_text(state, &text);
}

fn remember_text(state: &mut State, text: &str) {
    // A bare `q:` asks nothing worth recalling.
    if !Query::parse(text, SearchOptions::default()).is_empty() && state.search_history.record(text)
    {
        let history = state.search_history.clone();
        state.effects.push(Effect::SaveSearchHistory(history));
    }
}

/// Moves the selection (never a new search: `false`).
fn move_selection(p: &mut SearchPopup, delta: isize, n: usize, rows: usize) -> bool {
    if n > 0 {
        p.selected = (p.selected as isize + delta).clamp(0, n as isize - 1) as usize;
        p.offset = visible_offset(p.offset, p.selected, rows);
    }
    false
}

/// The terminal was resized: the selection stays in view.
pub fn resized(state: &mut State) {
    let rows = list_rows(state);
    if let Some(p) = popup(state) {
        p.offset = visible_offset(p.offset, p.selected, rows);
    }
}

fn submit(state: &mut State) {
    let Some(p) = popup(state) else {
        return;
    };
    let (input, options) = (p.text().to_string(), p.options());
    if Query::parse(&input, options).is_empty() {
        p.results = Arc::new(Vec::new());
        p.query = Some(Query::parse(&input, options));
        p.selected = 0;
        p.offset = 0;
        return;
    }
    let annotations = Arc::clone(&state.notes.data);
    state.effects.push(Effect::Search {
        input,
        options,
        annotations,
    });
}

/// Results from the searcher: shown if they are for the open popup.
pub fn results(state: &mut State, result: SearchResult) {
    // While a reloaded corpus is indexed, an answer is the old index's: its
    // rows would point past the new one (the new index runs the query again).
    if state.search_index.is_none() {
        return;
    }
    let rows = list_rows(state);
    let Some(p) = popup(state) else {
        return;
    };
    // An answer to a search asked before this popup was opened (or before
    // its line was cleared) is not for what is shown.
    if p.current_query().is_empty() {
        return;
    }
    // A new query shows its best results from the top, as fzf does (keeping
    // the selected item scrolled the best ones out of sight).
    if p.query.as_ref() != Some(&result.query) {
        p.selected = 0;
        p.offset = 0;
    }
    p.results = result.hits;
    p.query = Some(result.query);
    p.selected = p.selected.min(p.results.len().saturating_sub(1));
    p.offset = visible_offset(p.offset, p.selected, rows);
}

/// The index became ready: run what is typed.
pub fn index_ready(state: &mut State) {
    if state.message.as_deref() == Some("Indexing the corpus for search…") {
        state.message = None;
    }
    if popup(state).is_some_and(|p| !p.text().trim().is_empty()) {
        submit(state);
    }
}

/// The reader's annotations changed (their tags answer `#tag`): run what
/// is typed again.
pub fn annotations_changed(state: &mut State) {
    if popup(state).is_some_and(|p| !p.text().trim().is_empty()) {
        submit(state);
    }
}

/// To the selected result (`key` checked there is one, and an index).
fn jump(state: &mut State, p: SearchPopup) {
    let (Some(hit), Some(index)) = (p.selected_hit().copied(), state.search_index.clone()) else {
        return;
    };
    let query = p.query;
    let target = index.item(hit.item).target.clone();
    // The matched words stay marked in the article until the next move.
    if let Some((_, hits)) = query
        .as_ref()
        .and_then(|q| crate::view::search_preview::body_hits(&state.corpus, &index, q, &hit))
    {
        state.article.search_hits = hits;
        state.article.doc = None;
    }
    match target {
        HitTarget::Quote(q) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(q.article));
            nav::open_article(state, q.article, Some(q.quote));
        }
        HitTarget::Event(e) => {
            state.focus = Pane::Events;
            nav::select_event(state, e);
            state.details.mode = Some(DetailsMode::Event(e));
            nav::relayout(state);
        }
        HitTarget::Article(a) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(a));
            nav::open_article(state, a, None);
        }
        HitTarget::Paragraph { article, span } => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(article));
            nav::open_article(state, article, None);
            nav::scroll_to_offset(state, span.start);
        }
    }
}

/// The reader moved on: the words the search matched are no longer marked
/// (where the article is scrolled stays).
pub fn forget_hits(state: &mut State) {
    if state.article.search_hits.is_empty() {
        return;
    }
    state.article.search_hits.clear();
    state.article.doc = None;
    let scroll = state.article.scroll;
    nav::relayout(state);
    state.article.scroll = scroll;
}

#[cfg(test)]
mod tests {
    use crate::app::key_sections::Section;
    use crate::app::keymap::{Keymap, Popup};

    #[test]
    fn popup_keys_leave_the_editing_keys_alone() {
        let map = Keymap::default_map();
        let search = map.section(Section::Popup(Popup::Search));
        assert!(!search.is_empty());
        for b in search {
            for &key in &b.keys {
                assert_eq!(map.lookup_in(Popup::Search, key), Some(b.command));
                assert_eq!(
                    crate::app::line_edit::edit_for(&map, key),
                    None,
                    "{key:?} edits too"
                );
            }
        }
    }
}
