//! The one place the reader's state changes. No IO here: side effects are
//! queued in `state.effects` for the runtime.

use super::action::{Action, Command, MouseKind, Pane};
use super::layout::{Mode, PaneLayout};
use super::state::{Effect, EventRow, EventsView, Overlay, Phase, State};
use crate::app::overlay::search as search_view;
use crate::view::article::ArticleDoc;
use crate::view::details::{DetailsDoc, DetailsItem, DetailsMode};
use ratatui::layout::Rect;
use std::sync::Arc;

pub fn update(state: &mut State, action: Action) {
    match action {
        Action::Resize(w, h) => {
            state.layout.area = Rect::new(0, 0, w, h);
            relayout(state);
            search_view::resized(state);
        }
        Action::Loaded(result) => loaded(state, *result),
        Action::Mouse { kind, col, row } => {
            state.message = None;
            search_view::forget_hits(state);
            mouse(state, kind, col, row)
        }
        Action::Command(c) => {
            state.message = None;
            search_view::forget_hits(state);
            command(state, c)
        }
        Action::Key(key) => text_key(state, key),
        Action::IndexReady(index) => {
            state.search_index = Some(index);
            search_view::index_ready(state);
        }
        Action::SearchResults(result) => search_view::results(state, result),
        Action::AnnotationsOpened(o) => crate::app::notes::edit::opened(state, *o),
        Action::Saved(report) => crate::app::notes::edit::saved(state, *report),
        Action::Exported(result) => crate::app::overlay::export::exported(state, result),
        Action::PathCompleted { typed, completed } => {
            crate::app::overlay::export::path_completed(state, typed, completed)
        }
        Action::SearchHistoryLoaded(history) => state.search_history = history,
        Action::Reloaded(reload) => super::reload::reloaded(state, *reload),
        Action::Failed(why) => state.message = Some(why),
        Action::OpenFailed { url, error } => {
            state.message = Some(format!(
                "Could not open a browser ({error}); the link is copied to the clipboard: {url}"
            ));
            state.effects.push(Effect::Copy(url));
        }
    }
}

/// A key for the popup that takes text.
fn text_key(state: &mut State, key: crossterm::event::KeyEvent) {
    match &state.overlay {
        Some(Overlay::Search(_)) => search_view::key(state, key),
        Some(Overlay::Export(_)) => crate::app::overlay::export::key(state, key),
        Some(Overlay::ConfirmQuit { .. }) => confirm_quit_key(state, key),
        _ => {
            state.message = None;
            crate::app::overlay::form::key(state, key);
        }
    }
}

fn loaded(state: &mut State, result: Result<crate::corpus::Loaded, crate::corpus::LoadError>) {
    match result {
        Err(e) => state.phase = Phase::Failed(e.to_string()),
        Ok(loaded) => {
            state.corpus = Arc::new(loaded.corpus);
            state.diagnostics = loaded.diagnostics;
            state.events = EventsView::build(&state.corpus);
            state.phase = Phase::Ready;
            state.focus = Pane::Events;
            // Start on the first event, its first source open beside it.
            if let Some(e) = state.events.selected_event() {
                if let Some((article, quote)) = first_source(state, e) {
                    open_article(state, article, quote);
                }
                state.details.mode = Some(DetailsMode::Event(e));
            }
            relayout(state);
        }
    }
}

/// Recomputes pane geometry and the documents whose width changed.
pub fn relayout(state: &mut State) {
    state.layout = PaneLayout::compute(state.layout.area, state.focus);
    if !state.is_ready() {
        return;
    }
    if let (Some(a), Some(inner)) = (state.article.open, state.pane_inner(Pane::Article)) {
        let width = inner.width.saturating_sub(1).max(1); // one column for the scrollbar
        if state
            .article
            .doc
            .as_ref()
            .is_none_or(|d| d.width != width || d.article != a)
        {
            let mut marks = crate::app::notes::edit::article_marks(state, a);
            let hits = state.article.search_hits.iter().cloned();
            marks.extend(hits.map(|r| (r, crate::view::wrap::Role::SearchHit)));
            state.article.doc = Some(ArticleDoc::build_marked(&state.corpus, a, width, &marks));
            if let Some(q) = state.article.quote {
                scroll_to_quote(state, q);
            }
        }
    }
    rebuild_details(state);
    clamp_article_scroll(state);
    ensure_event_visible(state);
}

fn rebuild_details(state: &mut State) {
    let (Some(mode), Some(inner)) = (state.details.mode, state.pane_inner(Pane::Details)) else {
        state.details.doc = None;
        return;
    };
    let width = inner.width.max(1);
    if state
        .details
        .doc
        .as_ref()
        .is_some_and(|d| d.mode == mode && d.width == width)
    {
        return;
    }
    let same_mode = state.details.doc.as_ref().is_some_and(|d| d.mode == mode);
    state.details.doc = Some(DetailsDoc::build_annotated(
        &state.corpus,
        &state.notes.data,
        mode,
        width,
    ));
    if !same_mode {
        state.details.selected = None;
        state.details.offset = 0;
    }
    if let DetailsMode::Quotes(_) = mode {
        sync_details_to_quote(state);
    }
    ensure_detail_visible(state);
}

fn set_details(state: &mut State, mode: DetailsMode) {
    state.details.mode = Some(mode);
    rebuild_details(state);
}

fn command(state: &mut State, c: Command) {
    if c != Command::Delete {
        state.notes.pending_delete = None;
    }
    if c == Command::Quit {
        quit(state);
        return;
    }
    if state.overlay.is_some() {
        overlay_command(state, c);
        return;
    }
    if !state.is_ready() {
        return;
    }
    match c {
        Command::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Warnings => {
            if state.diagnostics.is_empty() {
                state.message = Some("No loading warnings.".into());
            } else {
                state.overlay = Some(Overlay::Warnings { scroll: 0 });
            }
        }
        // With no popup open, Esc clears the timeline's filter.
        Command::Close => {
            if state.notes.filter.take().is_some() {
                crate::app::notes::edit::refresh(state);
                state.message = Some("Filter cleared: all events shown.".into());
            }
        }
        Command::FocusNext => focus(state, cycle(state.focus, 1)),
        Command::FocusPrev => focus(state, cycle(state.focus, 2)),
        Command::FocusEvents => focus(state, Pane::Events),
        Command::FocusArticle => focus(state, Pane::Article),
        Command::FocusDetails => focus(state, Pane::Details),
        Command::Up => step(state, -1),
        Command::Down => step(state, 1),
        Command::Top => step(state, isize::MIN / 2),
        Command::Bottom => step(state, isize::MAX / 2),
        Command::PageUp => step(state, -page(state)),
        Command::PageDown => step(state, page(state)),
        Command::HalfPageUp => step(state, -(page(state) / 2).max(1)),
        Command::HalfPageDown => step(state, (page(state) / 2).max(1)),
        Command::Open => activate(state),
        Command::NextQuote => next_quote(state, true),
        Command::PrevQuote => next_quote(state, false),
        Command::NextArticle => next_article(state, true),
        Command::PrevArticle => next_article(state, false),
        Command::OpenUrl => open_url(state),
        Command::Copy => copy_selected(state),
        Command::CopyEvent => copy_event(state),
        Command::Search => search_view::open(state),
        Command::EditNote => crate::app::overlay::form::open_note(state),
        Command::EditTags => crate::app::overlay::form::open_tags(state),
        Command::ToggleStar | Command::CycleStatus => {
            match crate::app::notes::edit::current_target(state) {
                Ok(t) => {
                    let a = &state.notes.data;
                    let change = if c == Command::ToggleStar {
                        crate::annotations::Change::toggle_star(a, t)
                    } else {
                        crate::annotations::Change::cycle_status(a, t)
                    };
                    crate::app::notes::edit::apply(state, change);
                }
                Err(e) => state.message = Some(e),
            }
        }
        Command::Undo => crate::app::notes::edit::undo(state, false),
        Command::Redo => crate::app::notes::edit::undo(state, true),
        Command::Filter => crate::app::overlay::form::open_filter(state),
        Command::NewEvent => crate::app::overlay::form::open_reader_event(state),
        Command::MarkPassage => crate::app::overlay::mark::start(state),
        Command::Delete => crate::app::notes::edit::delete(state),
        Command::Export => crate::app::overlay::export::open(state),
        Command::Reload => super::reload::reload(state),
        Command::Edit => super::reload::edit(state),
        Command::Quit => {}
    }
}

/// Quits at once, unless annotation changes could not be saved (a
/// read-only folder, a full disk): then asks first, as the note editor
/// asks before discarding text.
fn quit(state: &mut State) {
    match &state.notes.unsaved {
        Some(why) => state.overlay = Some(Overlay::ConfirmQuit { why: why.clone() }),
        None => state.quit = true,
    }
}

/// A key while asked: `y` quits, anything else stays.
fn confirm_quit_key(state: &mut State, key: crossterm::event::KeyEvent) {
    use crossterm::event::KeyCode;
    state.overlay = None;
    if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
        state.quit = true;
    } else {
        state.message = Some(
            "Not quit: your annotation changes are not saved yet (see the status bar).".into(),
        );
    }
}

fn overlay_command(state: &mut State, c: Command) {
    let scroll = |s: u16, d: isize| (s as isize + d).clamp(0, u16::MAX as isize) as u16;
    let delta = match c {
        Command::Up => -1,
        Command::Down => 1,
        Command::PageUp | Command::HalfPageUp => -10,
        Command::PageDown | Command::HalfPageDown => 10,
        Command::Top => -(u16::MAX as isize),
        Command::Bottom => u16::MAX as isize,
        Command::Close | Command::Help | Command::Warnings => {
            state.overlay = None;
            return;
        }
        _ => return,
    };
    if let Some(
        Overlay::Help { scroll: s }
        | Overlay::Warnings { scroll: s }
        | Overlay::Notice { scroll: s, .. },
    ) = &mut state.overlay
    {
        *s = scroll(*s, delta);
    }
}

fn cycle(p: Pane, by: usize) -> Pane {
    let i = Pane::ALL.iter().position(|&x| x == p).unwrap_or(0);
    Pane::ALL[(i + by) % Pane::ALL.len()]
}

fn focus(state: &mut State, pane: Pane) {
    state.focus = pane;
    match pane {
        Pane::Events => {
            if let Some(mode) = crate::app::notes::edit::row_details(state) {
                state.details.mode = Some(mode);
            }
        }
        Pane::Article => {
            if let Some(a) = state.article.open {
                state.details.mode = Some(DetailsMode::Quotes(a));
            }
        }
        Pane::Details => {}
    }
    relayout(state);
}

fn page(state: &State) -> isize {
    (state.pane_height(state.focus).saturating_sub(1)).max(1) as isize
}

/// Moves the focused pane's selection or scroll by `delta`.
fn step(state: &mut State, delta: isize) {
    match state.focus {
        Pane::Events => {
            let events: Vec<usize> = state
                .events
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| !matches!(r, EventRow::Month(_)))
                .map(|(i, _)| i)
                .collect();
            if events.is_empty() {
                return;
            }
            let cur = state
                .events
                .selected
                .and_then(|s| events.iter().position(|&r| r == s))
                .unwrap_or(0);
            let next = (cur as isize + delta).clamp(0, events.len() as isize - 1) as usize;
            select_event_row(state, events[next]);
            if let Some(mode) = crate::app::notes::edit::row_details(state) {
                set_details(state, mode);
            }
        }
        Pane::Article => {
            state.article.scroll = (state.article.scroll as isize + delta).max(0) as usize;
            clamp_article_scroll(state);
        }
        Pane::Details => {
            let n = state.details.doc.as_ref().map_or(0, |d| d.items.len());
            if n == 0 {
                state.details.offset = (state.details.offset as isize + delta).max(0) as usize;
                clamp_details_scroll(state);
                return;
            }
            let cur = state.details.selected.map_or(-1, |s| s as isize);
            // Pages move by items, about three lines each.
            let d = if delta.abs() > 1 && delta.abs() < isize::MAX / 4 {
                delta / 3
            } else {
                delta
            };
            let next = (cur + d).clamp(0, n as isize - 1) as usize;
            select_detail(state, next);
        }
    }
}

fn select_event_row(state: &mut State, row: usize) {
    state.events.selected = Some(row);
    ensure_event_visible(state);
}

/// Selects the reader's event `i` in the timeline, if the filter shows it
/// (and in the details pane too when the timeline has the focus).
pub fn select_reader_event(state: &mut State, i: usize) {
    let Some(row) = state
        .events
        .rows
        .iter()
        .position(|r| *r == EventRow::Reader(i))
    else {
        return;
    };
    select_event_row(state, row);
    if state.focus == Pane::Events {
        if let Some(mode) = crate::app::notes::edit::row_details(state) {
            set_details(state, mode);
        }
    }
}

pub fn select_event(state: &mut State, event: usize) {
    if let Some(row) = state.events.row_of_event(event) {
        select_event_row(state, row);
    }
}

fn ensure_event_visible(state: &mut State) {
    let h = state.pane_height(Pane::Events);
    let Some(sel) = state.events.selected else {
        return;
    };
    let v = &mut state.events;
    // Keep the month heading above the first event in view.
    let top = if sel > 0 && matches!(v.rows[sel - 1], EventRow::Month(_)) {
        sel - 1
    } else {
        sel
    };
    if top < v.offset {
        v.offset = top;
    } else if sel >= v.offset + h {
        v.offset = sel + 1 - h;
    }
    v.offset = v.offset.min(v.rows.len().saturating_sub(h));
}

fn select_detail(state: &mut State, item: usize) {
    state.details.selected = Some(item);
    ensure_detail_visible(state);
    // In the quotes list, the article follows the selection.
    match selected_detail(state) {
        Some(DetailsItem::Quote { article, quote }) if state.article.open == Some(article) => {
            select_quote(state, quote, false);
        }
        Some(DetailsItem::Highlight(h)) => crate::app::notes::edit::show_highlight(state, h),
        _ => {}
    }
}

pub(crate) fn selected_detail(state: &State) -> Option<DetailsItem> {
    let doc = state.details.doc.as_ref()?;
    doc.items
        .get(state.details.selected?)
        .map(|(item, _)| *item)
}

fn ensure_detail_visible(state: &mut State) {
    let h = state.pane_height(Pane::Details);
    let (Some(doc), Some(sel)) = (&state.details.doc, state.details.selected) else {
        return;
    };
    let Some((_, lines)) = doc.items.get(sel) else {
        return;
    };
    let (start, end) = (lines.start, lines.end);
    let offset = &mut state.details.offset;
    if start < *offset {
        *offset = start;
    } else if end > *offset + h {
        *offset = end.saturating_sub(h).min(start);
    }
}

fn clamp_details_scroll(state: &mut State) {
    let h = state.pane_height(Pane::Details);
    let n = state.details.doc.as_ref().map_or(0, |d| d.lines.len());
    state.details.offset = state.details.offset.min(n.saturating_sub(h));
}

fn clamp_article_scroll(state: &mut State) {
    let h = state.pane_height(Pane::Article);
    let n = state.article.doc.as_ref().map_or(0, |d| d.lines.len());
    state.article.scroll = state.article.scroll.min(n.saturating_sub(h));
}

/// Where Enter on an event leads: the article of its first source (else the
/// first article that reports it), at the quote the event cites in that
/// article (else the article's first quote about the event).
fn first_source(state: &State, event: usize) -> Option<(usize, Option<usize>)> {
    let corpus = &state.corpus;
    let sources = &corpus.events[event].sources;
    let article = match sources.first() {
        Some(s) => s.article,
        None => *corpus.links.event_articles[event].first()?,
    };
    let cited = sources
        .iter()
        .find(|s| s.article == article && s.quote.is_some())
        .and_then(|s| s.quote);
    Some((
        article,
        cited.or_else(|| quote_about(state, article, event)),
    ))
}

fn quote_about(state: &State, article: usize, event: usize) -> Option<usize> {
    state.corpus.links.event_quotes[event]
        .iter()
        .find(|q| q.article == article)
        .map(|q| q.quote)
}

pub fn open_article(state: &mut State, article: usize, quote: Option<usize>) {
    if state.article.open != Some(article) {
        state.article.open = Some(article);
        state.article.doc = None;
        state.article.scroll = 0;
    }
    state.article.quote = None;
    if matches!(state.details.mode, Some(DetailsMode::Quotes(_))) {
        state.details.mode = Some(DetailsMode::Quotes(article));
    }
    relayout(state);
    match quote {
        Some(q) => select_quote(state, q, false),
        None => state.article.scroll = 0,
    }
}

/// Scrolls the article so body byte `offset` is near the top.
pub fn scroll_to_offset(state: &mut State, offset: usize) {
    if let Some(doc) = &state.article.doc {
        state.article.scroll = doc.line_for_offset(offset).saturating_sub(1);
    }
    clamp_article_scroll(state);
}

fn scroll_to_quote(state: &mut State, q: usize) {
    let h = state.pane_height(Pane::Article);
    let Some(line) = state
        .article
        .doc
        .as_ref()
        .and_then(|d| d.quote_lines.get(q).copied().flatten())
    else {
        return;
    };
    let visible = line >= state.article.scroll && line + 2 <= state.article.scroll + h;
    if !visible {
        // Put the quote a third of the way down: context above, room below.
        state.article.scroll = line.saturating_sub(h / 3);
    }
    clamp_article_scroll(state);
}

/// Selects quote `q` of the open article: scrolls to it, the details pane
/// follows, and the quote's event is selected in the timeline.
pub fn select_quote(state: &mut State, q: usize, keep_event: bool) {
    let Some(a) = state.article.open else {
        return;
    };
    state.article.quote = Some(q);
    state.notes.highlight = None;
    scroll_to_quote(state, q);
    sync_details_to_quote(state);
    if !keep_event {
        let events = &state.corpus.links.quote_events[a][q];
        let current = state.events.selected_event();
        if let Some(&e) = events.first() {
            if !current.is_some_and(|c| events.contains(&c)) {
                select_event(state, e);
            }
        }
    }
}

/// Selects in the details pane the quote selected in the article, the
/// corpus's or the reader's, when the pane lists it.
pub(crate) fn sync_details_to_quote(state: &mut State) {
    let Some(doc) = &state.details.doc else {
        return;
    };
    let (quote, highlight) = (state.article.quote, state.notes.highlight);
    if let Some(i) = doc.items.iter().position(|(item, _)| match item {
        DetailsItem::Quote { quote: q, .. } => Some(*q) == quote,
        DetailsItem::Highlight(h) => quote.is_none() && Some(*h) == highlight,
        _ => false,
    }) {
        state.details.selected = Some(i);
        ensure_detail_visible(state);
    }
}

fn activate(state: &mut State) {
    match state.focus {
        Pane::Events => {
            let Some(e) = state.events.selected_event() else {
                return;
            };
            match first_source(state, e) {
                Some((article, quote)) => {
                    state.focus = Pane::Article;
                    state.details.mode = Some(DetailsMode::Quotes(article));
                    open_article(state, article, quote);
                }
                None => state.message = Some("No article reports this event.".into()),
            }
        }
        Pane::Article => {
            let (Some(a), Some(q)) = (state.article.open, state.article.quote) else {
                state.message = Some("Select a quote first (n / N).".into());
                return;
            };
            match state.corpus.links.quote_events[a][q].first().copied() {
                Some(e) => {
                    select_event(state, e);
                    set_details(state, DetailsMode::Event(e));
                }
                None => state.message = Some("This quote is not linked to an event.".into()),
            }
        }
        Pane::Details => match selected_detail(state) {
            Some(DetailsItem::Source(s)) => {
                state.focus = Pane::Article;
                state.details.mode = Some(DetailsMode::Quotes(s.article));
                open_article(state, s.article, s.quote);
            }
            Some(DetailsItem::Quote { article, quote }) => {
                open_article(state, article, Some(quote));
            }
            Some(DetailsItem::Highlight(h)) => crate::app::notes::edit::show_highlight(state, h),
            None => {}
        },
    }
}

/// What `n` and `N` step through: a corpus quote or a reader's quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Quote(usize),
    Highlight(usize),
}

/// The open article's quotes found in its body, the corpus's and the
/// reader's, in reading order, each with where it starts.
fn stops_in_order(state: &State) -> Vec<(usize, Stop)> {
    let Some(a) = state.article.open else {
        return Vec::new();
    };
    let article = &state.corpus.articles[a];
    let corpus_quotes = article
        .quotes
        .iter()
        .enumerate()
        .filter_map(|(q, quote)| Some((quote.span.clone()?, Stop::Quote(q))));
    let reader_quotes = crate::view::markers::highlight_spans(&state.notes.data, article)
        .into_iter()
        .map(|(h, span)| (span, Stop::Highlight(h)));
    let mut stops: Vec<_> = corpus_quotes.chain(reader_quotes).collect();
    stops.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    stops
        .into_iter()
        .map(|(span, stop)| (span.start, stop))
        .collect()
}

fn next_quote(state: &mut State, forward: bool) {
    let stops = stops_in_order(state);
    if stops.is_empty() {
        state.message = Some("This article has no quotes.".into());
        return;
    }
    let current = match state.article.quote {
        Some(q) => Some(Stop::Quote(q)),
        None => crate::app::notes::edit::selected_highlight(state)
            .and(state.notes.highlight)
            .map(Stop::Highlight),
    };
    // Moves are relative to the view, as in less or vim: a selection
    // scrolled out of sight is not where the next move starts.
    let top = state.article.scroll;
    let height = state.pane_height(Pane::Article);
    let doc = state.article.doc.as_ref();
    let line_of = |start: usize| doc.map_or(0, |d| d.line_for_offset(start));
    let in_view = |start: usize| (top..top + height).contains(&line_of(start));
    let current = current
        .and_then(|c| stops.iter().position(|&(_, s)| s == c))
        .filter(|&i| in_view(stops[i].0));
    let next = match current {
        Some(i) if forward => stops.get(i + 1).map(|&(_, s)| s),
        Some(i) => i.checked_sub(1).map(|i| stops[i].1),
        // Start from what is on screen: forward, the first quote from the
        // top of the view on; back, the last one before its bottom.
        None if forward => stops
            .iter()
            .find(|&&(start, _)| line_of(start) >= top)
            .map(|&(_, s)| s),
        None => stops
            .iter()
            .rev()
            .find(|&&(start, _)| line_of(start) < top + height)
            .map(|&(_, s)| s),
    };
    let Some(next) = next else {
        state.message = Some(if forward {
            "Last quote of the article.".into()
        } else {
            "First quote of the article.".into()
        });
        return;
    };
    if state.focus == Pane::Events {
        // The details pane follows the quotes from now on.
        state.details.mode = state.article.open.map(DetailsMode::Quotes);
        rebuild_details(state);
    }
    match next {
        Stop::Quote(q) => select_quote(state, q, false),
        Stop::Highlight(h) => crate::app::notes::edit::show_highlight(state, h),
    }
}

fn next_article(state: &mut State, forward: bool) {
    let Some(e) = state.events.selected_event() else {
        return;
    };
    // In the order the details list the event's sources, then any other
    // article that reports it.
    let mut articles: Vec<usize> = Vec::new();
    let sources = state.corpus.events[e].sources.iter().map(|s| s.article);
    for a in sources.chain(state.corpus.links.event_articles[e].iter().copied()) {
        if !articles.contains(&a) {
            articles.push(a);
        }
    }
    if articles.is_empty() {
        state.message = Some("No article reports this event.".into());
        return;
    }
    let pos = state
        .article
        .open
        .and_then(|a| articles.iter().position(|&x| x == a));
    let next = match pos {
        Some(i) if forward => articles.get(i + 1).copied(),
        Some(i) => i.checked_sub(1).map(|i| articles[i]),
        None => articles.first().copied(),
    };
    match next {
        Some(a) => {
            let quote = quote_about(state, a, e);
            open_article(state, a, quote);
            let n = articles.iter().position(|&x| x == a).unwrap_or(0) + 1;
            state.message = Some(format!(
                "Article {n} of {} reporting this event.",
                articles.len()
            ));
        }
        None => {
            state.message = Some(format!(
                "{} article of {} reporting this event.",
                if forward { "Last" } else { "First" },
                articles.len()
            ))
        }
    }
}

fn open_url(state: &mut State) {
    let Some(a) = state.article.open else {
        return;
    };
    let Some(raw) = &state.corpus.articles[a].url else {
        state.message = Some("This article has no URL.".into());
        return;
    };
    match crate::links::web_link(raw) {
        Ok(url) => {
            state.message = Some(format!("Opening {url}"));
            state.effects.push(Effect::OpenUrl(url.into()));
        }
        Err(why) => state.message = Some(format!("Not opened: {raw}: {why}.")),
    }
}

/// `y`: the selected quote with its citation, or the selected event.
fn copy_selected(state: &mut State) {
    use crate::annotations::Target;
    let corpus = state.corpus.clone();
    let text = match crate::app::notes::edit::current_target(state) {
        Ok(Target::Quote(key)) => match corpus.resolve_source(&key) {
            Some(crate::corpus::SourceRef {
                article,
                quote: Some(q),
            }) => Some(crate::view::citation::quote(&corpus, article, q)),
            _ => None,
        },
        Ok(Target::Highlight(id)) => state
            .notes
            .data
            .highlight(&id)
            .and_then(|h| crate::view::citation::highlight(&corpus, h)),
        Ok(Target::Event(id)) => corpus
            .event_index(&id)
            .map(|e| crate::view::citation::event(&corpus, &corpus.events[e])),
        Ok(Target::ReaderEvent(_)) | Err(_) => None,
    };
    match text {
        Some(text) => copy(state, text),
        None => {
            state.message = Some("Nothing to copy here: select a quote (n/N) or an event.".into())
        }
    }
}

/// `Y`: the event selected in the timeline, with its sources.
fn copy_event(state: &mut State) {
    let corpus = state.corpus.clone();
    match state.events.selected_event() {
        Some(e) => copy(
            state,
            crate::view::citation::event(&corpus, &corpus.events[e]),
        ),
        None => state.message = Some("Nothing to copy: select an event in the timeline.".into()),
    }
}

fn copy(state: &mut State, text: String) {
    // The status bar cuts it to its width.
    let first = text.lines().next().unwrap_or_default();
    state.message = Some(format!("Copied to the clipboard: {first}"));
    state.effects.push(Effect::Copy(text));
}

fn mouse(state: &mut State, kind: MouseKind, col: u16, row: u16) {
    if !state.is_ready() || state.overlay.is_some() {
        if kind == MouseKind::Click {
            state.overlay = None;
        }
        return;
    }
    if kind == MouseKind::Click {
        if let Some(pane) = state.layout.tab_at(col, row) {
            focus(state, pane);
            return;
        }
    }
    let Some(pane) = state.layout.pane_at(col, row) else {
        return;
    };
    let inner = state.layout.inner(pane).unwrap_or_default();
    match kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let d: isize = if kind == MouseKind::ScrollUp { -3 } else { 3 };
            match pane {
                Pane::Events => {
                    let h = state.pane_height(Pane::Events);
                    let max = state.events.rows.len().saturating_sub(h);
                    state.events.offset =
                        (state.events.offset as isize + d).clamp(0, max as isize) as usize;
                }
                Pane::Article => {
                    state.article.scroll = (state.article.scroll as isize + d).max(0) as usize;
                    clamp_article_scroll(state);
                }
                Pane::Details => {
                    state.details.offset = (state.details.offset as isize + d).max(0) as usize;
                    clamp_details_scroll(state);
                }
            }
        }
        MouseKind::Click => {
            if state.focus != pane {
                focus(state, pane);
            }
            if row < inner.y || col < inner.x {
                return;
            }
            let line = usize::from(row - inner.y);
            let x = usize::from(col - inner.x);
            match pane {
                Pane::Events => {
                    let r = state.events.offset + line;
                    if matches!(
                        state.events.rows.get(r),
                        Some(EventRow::Event(_) | EventRow::Reader(_))
                    ) {
                        select_event_row(state, r);
                        if let Some(mode) = crate::app::notes::edit::row_details(state) {
                            set_details(state, mode);
                        }
                    }
                }
                Pane::Article => {
                    let l = state.article.scroll + line;
                    let role = state
                        .article
                        .doc
                        .as_ref()
                        .and_then(|d| d.lines.get(l))
                        .and_then(|l| l.role_at(x));
                    if let Some(crate::view::wrap::Role::Quote(q)) = role {
                        select_quote(state, q as usize, false);
                    }
                }
                Pane::Details => {
                    let l = state.details.offset + line;
                    if let Some(i) = state.details.doc.as_ref().and_then(|d| d.item_at_line(l)) {
                        select_detail(state, i);
                    }
                }
            }
        }
    }
}

/// Whether the layout shows one pane at a time.
pub fn is_narrow(state: &State) -> bool {
    state.layout.mode == Mode::Narrow
}
