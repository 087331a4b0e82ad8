//! The search popup's behaviour: what its keys do, the searches it asks
//! the runtime for, the results it takes in. Enter jumps to the result;
//! Esc closes and leaves the reader as it was.

use crate::app::action::Pane;
use crate::app::line_edit::Outcome;
use crate::app::nav;
use crate::app::search_layout::PopupLayout;
use crate::app::state::search::{action_for, visible_offset, PopupAction, SearchPopup};
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

pub fn key(state: &mut State, key: KeyEvent) {
    let rows = list_rows(state);
    let history = &state.search_history;
    let Some(Overlay::Search(p)) = &mut state.overlay else {
        return;
    };
    let n = p.results.len();
    let page = rows as isize;
    let Some(action) = action_for(key) else {
        if p.input.key(key) == Outcome::Edited {
            // An edited line is a new query, not a history entry.
            p.leave_history();
            submit(state);
        }
        return;
    };
    let walked = match action {
        PopupAction::Close => {
            remember(state);
            state.overlay = None;
            return;
        }
        PopupAction::Go => return jump(state),
        PopupAction::Quit => {
            crate::app::session::leave(state);
            return;
        }
        PopupAction::NextScope | PopupAction::PrevScope => {
            p.scope = if action == PopupAction::NextScope {
                p.scope.cycle()
            } else {
                (0..4).fold(p.scope, |s, _| s.cycle())
            };
            return submit(state);
        }
        PopupAction::ToggleExact => {
            p.exact = !p.exact;
            return submit(state);
        }
        PopupAction::ToggleArticle => {
            if p.article.is_none() {
                state.message = Some("No article is open.".into());
                return;
            }
            p.in_article = !p.in_article;
            return submit(state);
        }
        // With nothing typed there is nothing to choose: ↑ and ↓ walk the
        // history instead.
        PopupAction::Up if p.text().is_empty() => p.walk_history(history, true),
        PopupAction::Down if p.text().is_empty() => p.walk_history(history, false),
        PopupAction::OlderSearch => p.walk_history(history, true),
        PopupAction::NewerSearch => p.walk_history(history, false),
        PopupAction::Up => return move_selection(p, -1, n, rows),
        PopupAction::Down => return move_selection(p, 1, n, rows),
        PopupAction::PageUp => return move_selection(p, -page, n, rows),
        PopupAction::PageDown => return move_selection(p, page, n, rows),
    };
    if walked {
        submit(state);
    }
}

/// Adds what is typed to the history (and has it saved).
fn remember(state: &mut State) {
    let Some(p) = popup(state) else {
        return;
    };
    let text = p.text().to_string();
    // A bare `q:` asks nothing worth recalling.
    if !Query::parse(&text, SearchOptions::default()).is_empty()
        && state.search_history.record(&text)
    {
        let history = state.search_history.clone();
        state.effects.push(Effect::SaveSearchHistory(history));
    }
}

fn move_selection(p: &mut SearchPopup, delta: isize, n: usize, rows: usize) {
    if n == 0 {
        return;
    }
    p.selected = (p.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    p.offset = visible_offset(p.offset, p.selected, rows);
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

fn jump(state: &mut State) {
    let Some(p) = popup(state) else {
        return;
    };
    let Some(hit) = p.results.get(p.selected).copied() else {
        return;
    };
    let query = p.query.clone();
    let Some(index) = state.search_index.clone() else {
        return;
    };
    remember(state);
    let target = index.item(hit.item).target.clone();
    state.overlay = None;
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
    use crate::app::key_spec::parse_key;
    use crate::app::state::search::{action_for, KEYS};

    #[test]
    fn popup_keys_parse_and_leave_the_editing_keys_alone() {
        let mut seen = std::collections::HashSet::new();
        for k in KEYS {
            for spec in k.keys {
                let key = parse_key(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
                assert!(seen.insert(key), "{spec} twice");
                assert_eq!(action_for(key), Some(k.action), "{spec}");
                assert_eq!(
                    crate::app::line_edit::edit_for(key),
                    None,
                    "{spec} edits too"
                );
            }
        }
    }
}
