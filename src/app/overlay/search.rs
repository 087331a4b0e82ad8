//! The search popup's state and behaviour: a query line, a scope, and the
//! latest results from the background searcher. Enter jumps to the result;
//! Esc closes and leaves the reader as it was.

use crate::app::action::Pane;
use crate::app::key_spec::is_one_of;
use crate::app::line_edit::{LineEditor, Outcome};
use crate::app::search_history::SearchHistory;
use crate::app::search_layout::PopupLayout;
use crate::app::state::{Effect, Overlay, State};
use crate::app::update;
use crate::search::{Hit, Query, Scope, SearchOptions, SearchResult, Target};
use crate::view::details::DetailsMode;
use crossterm::event::KeyEvent;
use std::sync::Arc;

/// What a key of the popup does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupAction {
    Go,
    Up,
    Down,
    PageUp,
    PageDown,
    NextScope,
    PrevScope,
    ToggleExact,
    ToggleArticle,
    OlderSearch,
    NewerSearch,
    Close,
    Quit,
}

/// A row of [`KEYS`]: keys written as in the keymap file.
pub struct PopupKey {
    pub keys: &'static [&'static str],
    pub action: PopupAction,
    pub help: &'static str,
    /// The footer's label; neighbours with the same label share it
    /// ("↑/↓ choose").
    pub hint: Option<&'static str>,
}

const fn popup_key(
    keys: &'static [&'static str],
    action: PopupAction,
    help: &'static str,
    hint: Option<&'static str>,
) -> PopupKey {
    PopupKey {
        keys,
        action,
        help,
        hint,
    }
}

/// The popup's own keys, before the query line's editing keys
/// ([`crate::app::line_edit::KEYS`]): what [`key`] obeys, what the help overlay
/// lists and what the footer hints (in this order, as many as fit), one
/// table. Ctrl-p and Ctrl-n choose results, as in fzf; the history takes
/// Alt-p and Alt-n, as in Emacs' minibuffer.
pub const KEYS: &[PopupKey] = &[
    popup_key(
        &["enter"],
        PopupAction::Go,
        "Go to the selected result",
        Some("go"),
    ),
    popup_key(
        &["up", "ctrl-p"],
        PopupAction::Up,
        "Choose the result above (empty line: last search)",
        Some("choose"),
    ),
    popup_key(
        &["down", "ctrl-n"],
        PopupAction::Down,
        "Choose the result below",
        Some("choose"),
    ),
    popup_key(
        &["pageup"],
        PopupAction::PageUp,
        "Choose a page of results up",
        None,
    ),
    popup_key(
        &["pagedown"],
        PopupAction::PageDown,
        "Choose a page of results down",
        None,
    ),
    popup_key(
        &["tab"],
        PopupAction::NextScope,
        "Next scope",
        Some("scope"),
    ),
    popup_key(&["backtab"], PopupAction::PrevScope, "Previous scope", None),
    popup_key(
        &["ctrl-t"],
        PopupAction::ToggleExact,
        "Exact mode: plain words match as exact substrings",
        Some("exact"),
    ),
    popup_key(
        &["ctrl-o"],
        PopupAction::ToggleArticle,
        "Search only the article that is open",
        Some("this article"),
    ),
    popup_key(
        &["alt-p"],
        PopupAction::OlderSearch,
        "Earlier search from the history",
        Some("history"),
    ),
    popup_key(
        &["alt-n"],
        PopupAction::NewerSearch,
        "Later search from the history (then what was typed)",
        Some("history"),
    ),
    popup_key(
        &["esc"],
        PopupAction::Close,
        "Close the popup",
        Some("close"),
    ),
    popup_key(&["ctrl-c"], PopupAction::Quit, "Quit", None),
];

/// The action `key` is bound to in [`KEYS`].
pub fn action_for(key: KeyEvent) -> Option<PopupAction> {
    KEYS.iter()
        .find(|k| is_one_of(key, k.keys))
        .map(|k| k.action)
}

#[derive(Debug)]
pub struct SearchPopup {
    pub input: LineEditor,
    pub scope: Scope,
    /// Plain words match as exact substrings (Ctrl-t).
    pub exact: bool,
    /// The article open when the popup opened, and whether the search is
    /// limited to it (Ctrl-o).
    pub article: Option<usize>,
    pub in_article: bool,
    /// The query the shown results answer (for highlighting).
    pub query: Option<Query>,
    pub results: Arc<Vec<Hit>>,
    pub selected: usize,
    /// The first result shown.
    pub offset: usize,
    /// While walking the history: the entry shown, and the line as it was
    /// typed before the walk (it comes back after the newest entry).
    history_walk: Option<(usize, String)>,
}

impl SearchPopup {
    fn new(article: Option<usize>) -> SearchPopup {
        SearchPopup {
            input: LineEditor::new("type to search quotes, events, articles, paragraphs"),
            scope: Scope::All,
            exact: false,
            article,
            in_article: false,
            query: None,
            results: Arc::new(Vec::new()),
            selected: 0,
            offset: 0,
            history_walk: None,
        }
    }

    pub fn text(&self) -> &str {
        self.input.text()
    }

    /// The query as typed now (the shown results may lag behind it).
    pub fn current_query(&self) -> Query {
        Query::parse(self.text(), self.options())
    }

    /// How what is typed is searched.
    pub fn options(&self) -> SearchOptions {
        SearchOptions {
            scope: self.scope,
            exact: self.exact,
            article: self.article.filter(|_| self.in_article),
        }
    }

    /// Whether the shown results answer what is typed.
    pub fn is_current(&self) -> bool {
        self.query.as_ref() == Some(&self.current_query())
    }

    /// The selected result, when there is one.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.results.get(self.selected)
    }

    /// The history entry shown, if the line is one: (position from the
    /// newest, 1-based; entries).
    pub fn history_position(&self, history: &SearchHistory) -> Option<(usize, usize)> {
        let n = history.queries.len();
        self.history_walk.as_ref().map(|(i, _)| (n - i, n))
    }
}

/// The first row to show so that `selected` is one of `rows` rows shown
/// from near `offset`.
pub fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

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
            p.history_walk = None;
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
            state.quit = true;
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
        PopupAction::Up if p.text().is_empty() => walk_history(p, history, true),
        PopupAction::Down if p.text().is_empty() => walk_history(p, history, false),
        PopupAction::OlderSearch => walk_history(p, history, true),
        PopupAction::NewerSearch => walk_history(p, history, false),
        PopupAction::Up => return move_selection(p, -1, n, rows),
        PopupAction::Down => return move_selection(p, 1, n, rows),
        PopupAction::PageUp => return move_selection(p, -page, n, rows),
        PopupAction::PageDown => return move_selection(p, page, n, rows),
    };
    if walked {
        submit(state);
    }
}

/// Shows the next entry of the history, older or newer; after the newest,
/// the line as typed before. Whether the line changed.
fn walk_history(p: &mut SearchPopup, history: &SearchHistory, older: bool) -> bool {
    let len = history.queries.len();
    let next = match (&p.history_walk, older) {
        (None, true) if len > 0 => Some(len - 1),
        (None, _) => return false,
        (Some((0, _)), true) => return false,
        (Some((i, _)), true) => Some(i - 1),
        (Some((i, _)), false) => Some(i + 1).filter(|&n| n < len),
    };
    let draft = match p.history_walk.take() {
        Some((_, draft)) => draft,
        None => p.text().to_string(),
    };
    match next {
        Some(i) => {
            p.input.set_text(&history.queries[i]);
            p.history_walk = Some((i, draft));
        }
        None => p.input.set_text(&draft),
    }
    true
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
        Target::Quote(q) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(q.article));
            update::open_article(state, q.article, Some(q.quote));
        }
        Target::Event(e) => {
            state.focus = Pane::Events;
            update::select_event(state, e);
            state.details.mode = Some(DetailsMode::Event(e));
            update::relayout(state);
        }
        Target::Article(a) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(a));
            update::open_article(state, a, None);
        }
        Target::Paragraph { article, span } => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(article));
            update::open_article(state, article, None);
            update::scroll_to_offset(state, span.start);
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
    update::relayout(state);
    state.article.scroll = scroll;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key_spec::parse_key;

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
