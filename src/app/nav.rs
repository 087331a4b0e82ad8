//! Moves across panes: laying the panes and their documents out, opening
//! an article, selecting an event, a quote or a details item so that the
//! other panes follow. Every pane and popup moves through here.

use crate::app::action::Pane;
use crate::app::layout::PaneLayout;
use crate::app::notes::present::article_marks;
use crate::app::notes::rows::row_details;
use crate::app::state::{EventRow, State};
use crate::app::viewport::Viewport;
use crate::corpus::{ArticleIx, EventIx, QuoteIx, QuoteRef};
use crate::view::article::ArticleDoc;
use crate::view::details::{DetailsDoc, DetailsItem, DetailsMode};
use crate::view::markers::highlight_spans;

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
            let mut marks = article_marks(state, a);
            let hits = state.article.search_hits.iter().cloned();
            marks.extend(hits.map(|r| (r, crate::view::wrap::Role::SearchHit)));
            state.article.doc = Some(ArticleDoc::build_marked(&state.corpus, a, width, &marks));
            if let Some(q) = state.article.quote {
                scroll_to_quote(state, q);
            }
        }
    }
    rebuild_details(state);
    keep_in_view(state);
}

/// Clamps the article's scroll and keeps the timeline's selection in view
/// (what a layout ends with).
pub fn keep_in_view(state: &mut State) {
    clamp_article_scroll(state);
    ensure_event_visible(state);
}

pub fn rebuild_details(state: &mut State) {
    let (Some(mode), Some(inner)) = (state.details.mode.clone(), state.pane_inner(Pane::Details))
    else {
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
    let quotes = matches!(mode, DetailsMode::Quotes(_));
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
    if quotes {
        sync_details_to_quote(state);
    }
    ensure_detail_visible(state);
}

pub fn set_details(state: &mut State, mode: DetailsMode) {
    state.details.mode = Some(mode);
    rebuild_details(state);
}

pub fn focus(state: &mut State, pane: Pane) {
    state.focus = pane;
    match pane {
        Pane::Events => {
            if let Some(mode) = row_details(state) {
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

/// Selects row `row` of the timeline as drawn (a row, not an event).
pub fn select_event_row(state: &mut State, row: usize) {
    state.events.selected = Some(row);
    ensure_event_visible(state);
}

/// Selects the reader's event `id` in the timeline, if the filter shows it
/// (and in the details pane too when the timeline has the focus).
pub fn select_reader_event(state: &mut State, id: &str) {
    let Some(row) = state
        .events
        .rows
        .iter()
        .position(|r| matches!(r, EventRow::Reader(r) if r == id))
    else {
        return;
    };
    select_event_row(state, row);
    if state.focus == Pane::Events {
        if let Some(mode) = row_details(state) {
            set_details(state, mode);
        }
    }
}

pub fn select_event(state: &mut State, event: EventIx) {
    if let Some(row) = state.events.row_of_event(event) {
        select_event_row(state, row);
    }
}

fn ensure_event_visible(state: &mut State) {
    let h = state.pane_height(Pane::Events);
    let Some(sel) = state.events.selected else {
        return;
    };
    let rows = &state.events.rows;
    // Keep the month heading above the first event in view.
    let top = if sel > 0 && matches!(rows[sel - 1], EventRow::Month(_)) {
        sel - 1
    } else {
        sel
    };
    let view = Viewport::new(state.events.offset, rows.len(), h);
    state.events.offset = view.ensure_visible(top, sel + 1).clamp().offset;
}

/// Selects item `item` of the details pane as drawn (a position in its
/// items).
pub fn select_detail(state: &mut State, item: usize) {
    state.details.selected = Some(item);
    ensure_detail_visible(state);
    // In the quotes list, the article follows the selection.
    match selected_detail(state) {
        Some(DetailsItem::Quote(q)) if state.article.open == Some(q.article) => {
            select_quote(state, q.quote, false);
        }
        Some(DetailsItem::Highlight(h)) => show_highlight(state, &h),
        _ => {}
    }
}

pub fn selected_detail(state: &State) -> Option<DetailsItem> {
    let doc = state.details.doc.as_ref()?;
    doc.items
        .get(state.details.selected?)
        .map(|(item, _)| item.clone())
}

fn ensure_detail_visible(state: &mut State) {
    let h = state.pane_height(Pane::Details);
    let (Some(doc), Some(sel)) = (&state.details.doc, state.details.selected) else {
        return;
    };
    let Some((_, lines)) = doc.items.get(sel) else {
        return;
    };
    let view = Viewport::new(state.details.offset, doc.lines.len(), h);
    state.details.offset = view.ensure_visible(lines.start, lines.end).offset;
}

pub fn clamp_article_scroll(state: &mut State) {
    state.article.scroll = state.article_view().clamp().offset;
}

/// Where Enter on an event leads: the article of its first source (else the
/// first article that reports it), at the quote the event cites in that
/// article (else the article's first quote about the event).
pub fn first_source(state: &State, event: EventIx) -> Option<(ArticleIx, Option<QuoteIx>)> {
    let corpus = &state.corpus;
    let sources = &corpus.event(event).sources;
    let article = match sources.first() {
        Some(s) => s.article,
        None => *corpus.event_articles(event).first()?,
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

pub fn quote_about(state: &State, article: ArticleIx, event: EventIx) -> Option<QuoteIx> {
    state
        .corpus
        .event_quotes(event)
        .iter()
        .find(|q| q.article == article)
        .map(|q| q.quote)
}

pub fn open_article(state: &mut State, article: ArticleIx, quote: Option<QuoteIx>) {
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

fn scroll_to_quote(state: &mut State, q: QuoteIx) {
    let Some(line) = state.article.quote_line(q) else {
        return;
    };
    // The quote's first two lines in view, else a third of the way down.
    state.article.scroll = state.article_view().bring_into_view(line, 2).clamp().offset;
}

/// Selects quote `q` of the open article: scrolls to it, the details pane
/// follows, and the quote's event is selected in the timeline.
pub fn select_quote(state: &mut State, q: QuoteIx, keep_event: bool) {
    let Some(a) = state.article.open else {
        return;
    };
    state.article.quote = Some(q);
    state.notes.highlight = None;
    scroll_to_quote(state, q);
    sync_details_to_quote(state);
    if !keep_event {
        let events = state.corpus.quote_events(QuoteRef {
            article: a,
            quote: q,
        });
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
pub fn sync_details_to_quote(state: &mut State) {
    let Some(doc) = &state.details.doc else {
        return;
    };
    let quote = state.article.quote;
    let highlight = state.notes.highlight.as_deref();
    if let Some(i) = doc.items.iter().position(|(item, _)| match item {
        DetailsItem::Quote(q) => Some(q.quote) == quote,
        DetailsItem::Highlight(h) => quote.is_none() && Some(h.as_str()) == highlight,
        _ => false,
    }) {
        state.details.selected = Some(i);
        ensure_detail_visible(state);
    }
}

/// Selects the reader's quote `id`: its article opens (if it is in the
/// corpus) and scrolls to it.
pub fn show_highlight(state: &mut State, id: &str) {
    let Some(hl) = state.notes.data.highlight(id) else {
        return;
    };
    let Some(a) = state.corpus.article_index(&hl.article) else {
        state.message = Some(format!("Article `{}` is not in the corpus.", hl.article));
        return;
    };
    if state.article.open != Some(a) {
        open_article(state, a, None);
    }
    state.article.quote = None;
    state.notes.highlight = Some(id.to_string());
    let highlights = &state.notes.data.highlights;
    let start = highlight_spans(&state.notes.data, state.corpus.article(a))
        .into_iter()
        .find(|&(i, _)| highlights[i].id == id)
        .map(|(_, s)| s.start);
    if let (Some(start), Some(doc)) = (start, &state.article.doc) {
        let line = doc.line_for_offset(start);
        state.article.scroll = state.article_view().bring_into_view(line, 2).offset;
    }
    sync_details_to_quote(state);
}
