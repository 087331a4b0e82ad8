//! The search popup's state and behaviour: a query line, a scope, and the
//! latest results from the background searcher. Enter jumps to the result;
//! Esc closes and leaves the reader as it was.

use super::action::Pane;
use super::details_doc::DetailsMode;
use super::state::{Effect, Overlay, State};
use super::update;
use crate::search::{Hit, Query, Scope, SearchOptions, SearchResult, Target};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use tui_textarea::TextArea;

#[derive(Debug)]
pub struct SearchPopup {
    pub input: TextArea<'static>,
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
    pub offset: usize,
}

impl SearchPopup {
    fn new(article: Option<usize>) -> SearchPopup {
        let mut input = TextArea::default();
        input.set_placeholder_text("type to search quotes, events, articles, paragraphs");
        input.set_cursor_line_style(ratatui::style::Style::default());
        SearchPopup {
            input,
            scope: Scope::All,
            exact: false,
            article,
            in_article: false,
            query: None,
            results: Arc::new(Vec::new()),
            selected: 0,
            offset: 0,
        }
    }

    pub fn text(&self) -> &str {
        self.input.lines().first().map_or("", String::as_str)
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
}

/// Rows of results visible at once, set by the layout of the popup.
pub const VISIBLE_ROWS: usize = 12;

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

pub fn key(state: &mut State, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let Some(p) = popup(state) else {
        return;
    };
    let n = p.results.len();
    match key.code {
        KeyCode::Esc => state.overlay = None,
        KeyCode::Enter => jump(state),
        KeyCode::Tab | KeyCode::BackTab => {
            p.scope = if key.code == KeyCode::Tab {
                p.scope.cycle()
            } else {
                (0..4).fold(p.scope, |s, _| s.cycle())
            };
            submit(state);
        }
        KeyCode::Char('t') if ctrl => {
            p.exact = !p.exact;
            submit(state);
        }
        KeyCode::Char('o') if ctrl && p.article.is_some() => {
            p.in_article = !p.in_article;
            submit(state);
        }
        KeyCode::Up => move_selection(p, -1, n),
        KeyCode::Down => move_selection(p, 1, n),
        KeyCode::Char('p') if ctrl => move_selection(p, -1, n),
        KeyCode::Char('n') if ctrl => move_selection(p, 1, n),
        KeyCode::PageUp => move_selection(p, -(VISIBLE_ROWS as isize), n),
        KeyCode::PageDown => move_selection(p, VISIBLE_ROWS as isize, n),
        KeyCode::Char('c') if ctrl => state.quit = true,
        _ => {
            let before = p.text().to_string();
            p.input.input(key);
            if p.input.lines().len() > 1 {
                // A single line: a pasted newline becomes a space.
                let joined = p.input.lines().join(" ");
                p.input = TextArea::from([joined]);
                p.input.move_cursor(tui_textarea::CursorMove::End);
            }
            if p.text() != before {
                submit(state);
            }
        }
    }
}

fn move_selection(p: &mut SearchPopup, delta: isize, n: usize) {
    if n == 0 {
        return;
    }
    p.selected = (p.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    if p.selected < p.offset {
        p.offset = p.selected;
    } else if p.selected >= p.offset + VISIBLE_ROWS {
        p.offset = p.selected + 1 - VISIBLE_ROWS;
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
    let Some(p) = popup(state) else {
        return;
    };
    // A new query shows its best results from the top, as fzf does (keeping
    // the selected item scrolled the best ones out of sight).
    if p.query.as_ref() != Some(&result.query) {
        p.selected = 0;
        p.offset = 0;
    }
    p.results = result.hits;
    p.query = Some(result.query);
    p.selected = p.selected.min(p.results.len().saturating_sub(1));
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
    let Some(index) = state.search_index.clone() else {
        return;
    };
    let target = index.item(hit.item).target.clone();
    state.overlay = None;
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
