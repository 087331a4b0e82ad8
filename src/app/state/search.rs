//! The search popup's state: a query line, a scope, the latest results from
//! the background searcher. What its keys (the keymap's `search` section)
//! do is in `overlay::search`.

use crate::app::line_edit::LineEditor;
use crate::app::search_history::SearchHistory;
use crate::app::viewport::Viewport;
use crate::corpus::ArticleIx;
use crate::search::{Hit, Query, Scope, SearchOptions};
use std::sync::Arc;

#[derive(Debug)]
pub struct SearchPopup {
    pub input: LineEditor,
    pub scope: Scope,
    /// Plain words match as exact substrings (Ctrl-t).
    pub exact: bool,
    /// The article open when the popup opened, and whether the search is
    /// limited to it (Ctrl-o).
    pub article: Option<ArticleIx>,
    pub in_article: bool,
    /// The query the shown results answer (for highlighting).
    pub query: Option<Query>,
    pub results: Arc<Vec<Hit>>,
    /// The selected result: a row of `results` (not a corpus item).
    pub selected: usize,
    /// The first result shown.
    pub offset: usize,
    /// While walking the history: the entry shown, and the line as it was
    /// typed before the walk (it comes back after the newest entry).
    history_walk: Option<(usize, String)>,
}

impl SearchPopup {
    pub fn new(article: Option<ArticleIx>) -> SearchPopup {
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

    /// The line was edited: it is a new query, not a history entry.
    pub fn leave_history(&mut self) {
        self.history_walk = None;
    }

    /// Shows the next entry of the history, older or newer; after the newest,
    /// the line as typed before. Whether the line changed.
    pub fn walk_history(&mut self, history: &SearchHistory, older: bool) -> bool {
        let len = history.queries.len();
        let next = match (&self.history_walk, older) {
            (None, true) if len > 0 => Some(len - 1),
            (None, _) => return false,
            (Some((0, _)), true) => return false,
            (Some((i, _)), true) => Some(i - 1),
            (Some((i, _)), false) => Some(i + 1).filter(|&n| n < len),
        };
        let draft = match self.history_walk.take() {
            Some((_, draft)) => draft,
            None => self.text().to_string(),
        };
        match next {
            Some(i) => {
                self.input.set_text(&history.queries[i]);
                self.history_walk = Some((i, draft));
            }
            None => self.input.set_text(&draft),
        }
        true
    }
}

/// The first row to show so that `selected` is one of `rows` rows shown
/// from near `offset`.
pub fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    let view = Viewport::new(offset, 0, rows.max(1));
    view.ensure_visible(selected, selected + 1).offset
}
