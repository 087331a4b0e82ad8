//! The article pane: the open article, its quotes and the reader's, `n`/`N`
//! through them in reading order, `]`/`[` through the event's articles.

use crate::app::action::Pane;
use crate::app::nav;
use crate::app::notes::target::selected_highlight;
use crate::app::state::{Effect, State};
use crate::corpus::{ArticleIx, QuoteIx, QuoteRef};
use crate::view::details::DetailsMode;
use crate::view::markers::highlight_spans;
use crate::view::wrap::Role;

/// Scrolls by `delta` lines.
pub fn step(state: &mut State, delta: isize) {
    state.article.scroll = state.article_view().scroll_by(delta).offset;
}

/// Enter: the selected quote's event, in the timeline and the details.
pub fn activate(state: &mut State) {
    let (Some(article), Some(quote)) = (state.article.open, state.article.quote) else {
        state.message = Some("Select a quote first (n / N).".into());
        return;
    };
    match state
        .corpus
        .quote_events(QuoteRef { article, quote })
        .first()
        .copied()
    {
        Some(e) => {
            nav::select_event(state, e);
            nav::set_details(state, DetailsMode::Event(e));
        }
        None => state.message = Some("This quote is not linked to an event.".into()),
    }
}

/// A click at column `x` of `line` of the pane selects the quote there.
pub fn click(state: &mut State, line: usize, x: usize) {
    let l = state.article.scroll + line;
    let role = state
        .article
        .doc
        .as_ref()
        .and_then(|d| d.lines.get(l))
        .and_then(|l| l.role_at(x));
    if let Some(q) = role.and_then(Role::quote_ix) {
        nav::select_quote(state, q, false);
    }
}

/// What `n` and `N` step through: a corpus quote or a reader's quote (by
/// id).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stop {
    Quote(QuoteIx),
    Highlight(String),
}

/// The open article's quotes found in its body, the corpus's and the
/// reader's, in reading order, each with where it starts.
fn stops_in_order(state: &State) -> Vec<(usize, Stop)> {
    let Some(a) = state.article.open else {
        return Vec::new();
    };
    let article = state.corpus.article(a);
    let corpus_quotes = article
        .indexed_quotes()
        .filter_map(|(q, quote)| Some((quote.span.clone()?, Stop::Quote(q))));
    let highlights = &state.notes.data.highlights;
    let reader_quotes = highlight_spans(&state.notes.data, article)
        .into_iter()
        .map(|(h, span)| (span, Stop::Highlight(highlights[h].id.clone())));
    let mut stops: Vec<_> = corpus_quotes.chain(reader_quotes).collect();
    stops.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    stops
        .into_iter()
        .map(|(span, stop)| (span.start, stop))
        .collect()
}

pub fn next_quote(state: &mut State, forward: bool) {
    let stops = stops_in_order(state);
    if stops.is_empty() {
        state.message = Some("This article has no quotes.".into());
        return;
    }
    let current = match state.article.quote {
        Some(q) => Some(Stop::Quote(q)),
        None => selected_highlight(state).map(|id| Stop::Highlight(id.to_string())),
    };
    // Moves are relative to the view, as in less or vim: a selection
    // scrolled out of sight is not where the next move starts.
    let top = state.article.scroll;
    let height = state.pane_height(Pane::Article);
    let doc = state.article.doc.as_ref();
    let line_of = |start: usize| doc.map_or(0, |d| d.line_for_offset(start));
    let in_view = |start: usize| (top..top + height).contains(&line_of(start));
    let current = current
        .and_then(|c| stops.iter().position(|(_, s)| *s == c))
        .filter(|&i| in_view(stops[i].0));
    let next = match current {
        Some(i) if forward => stops.get(i + 1).map(|(_, s)| s.clone()),
        Some(i) => i.checked_sub(1).map(|i| stops[i].1.clone()),
        // Start from what is on screen: forward, the first quote from the
        // top of the view on; back, the last one before its bottom.
        None if forward => stops
            .iter()
            .find(|&&(start, _)| line_of(start) >= top)
            .map(|(_, s)| s.clone()),
        None => stops
            .iter()
            .rev()
            .find(|&&(start, _)| line_of(start) < top + height)
            .map(|(_, s)| s.clone()),
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
        nav::rebuild_details(state);
    }
    match next {
        Stop::Quote(q) => nav::select_quote(state, q, false),
        Stop::Highlight(h) => nav::show_highlight(state, &h),
    }
}

pub fn next_article(state: &mut State, forward: bool) {
    let Some(e) = state.events.selected_event() else {
        return;
    };
    // In the order the details list the event's sources, then any other
    // article that reports it.
    let mut articles: Vec<ArticleIx> = Vec::new();
    let sources = state.corpus.event(e).sources.iter().map(|s| s.article);
    for a in sources.chain(state.corpus.event_articles(e).iter().copied()) {
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
            let quote = nav::quote_about(state, a, e);
            nav::open_article(state, a, quote);
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

pub fn open_url(state: &mut State) {
    let Some(a) = state.article.open else {
        return;
    };
    let Some(raw) = &state.corpus.article(a).url else {
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
