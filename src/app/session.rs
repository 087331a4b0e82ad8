//! Where the reader was, kept across runs: the selected event, the open
//! article (its scroll and selected quote), the focused pane and the
//! timeline's filter. Everything is named by id, so a corpus edited since
//! restores what still exists and ignores the rest. Reading and writing the
//! file is the runtime's (`runtime::session_file`); this module captures
//! the state into a [`Session`] and puts one back.

use crate::annotations::filter::Filter;
use crate::annotations::Status;
use crate::app::action::Pane;
use crate::app::nav;
use crate::app::notes::{edit, rows::row_details};
pub use crate::app::state::session::Session;
use crate::app::state::{Effect, EventRow, State};
use crate::corpus::QuoteRef;

/// Quits, keeping the reading position for the next run.
pub fn leave(state: &mut State) {
    state.quit = true;
    let session = capture(state);
    state.effects.push(Effect::SaveSession(session));
}

/// Where the reader is now.
pub fn capture(state: &State) -> Session {
    let corpus = &state.corpus;
    let event = match state.events.selected.and_then(|r| state.events.rows.get(r)) {
        Some(EventRow::Event(e)) => corpus.get_event(*e).map(|e| e.id.to_string()),
        Some(EventRow::Reader(id)) => Some(id.clone()),
        _ => None,
    };
    let open = state
        .article
        .open
        .filter(|&a| corpus.get_article(a).is_some());
    let quote = open
        .zip(state.article.quote)
        .map(|(article, quote)| QuoteRef { article, quote })
        .filter(|&q| corpus.get_quote(q).is_some())
        .map(|q| corpus.quote_key(q));
    Session {
        event,
        article: open.map(|a| corpus.article(a).id.to_string()),
        scroll: if open.is_some() {
            state.article.scroll
        } else {
            0
        },
        quote,
        focus: Some(state.focus.label().to_lowercase()),
        filter: state.notes.filter.as_ref().map(filter_name),
    }
}

/// Puts the reader back where `session` says, once the corpus (and the
/// annotations) are loaded; what no longer exists is skipped.
pub fn restore(state: &mut State, session: Session) {
    if !state.is_ready() {
        return;
    }
    if let Some(filter) = session.filter.as_deref().and_then(parse_filter) {
        state.notes.filter = Some(filter);
        edit::refresh(state);
        // A filter that keeps nothing now (a tag since removed) is dropped.
        if state.events.shown() == 0 {
            state.notes.filter = None;
            edit::refresh(state);
        }
    }
    if let Some(id) = &session.event {
        if let Some(e) = state.corpus.event_index(id) {
            nav::select_event(state, e);
        } else if state.notes.data.reader_event(id).is_some() {
            nav::select_reader_event(state, id);
        }
    }
    if let Some(mode) = row_details(state) {
        state.details.mode = Some(mode);
    }
    if let Some(a) = session
        .article
        .as_deref()
        .and_then(|id| state.corpus.article_index(id))
    {
        nav::open_article(state, a, None);
        let quote = session
            .quote
            .as_deref()
            .and_then(|k| state.corpus.resolve_source(k))
            .filter(|s| s.article == a)
            .and_then(|s| s.quote);
        if let Some(q) = quote {
            nav::select_quote(state, q, true);
        }
        state.article.scroll = session.scroll;
        nav::clamp_article_scroll(state);
    }
    let focus = session.focus.as_deref().and_then(|f| {
        Pane::ALL
            .into_iter()
            .find(|p| p.label().eq_ignore_ascii_case(f))
    });
    // The article pane is focused only with an article open.
    match focus {
        Some(Pane::Article) if state.article.open.is_none() => nav::focus(state, Pane::Events),
        Some(pane) => nav::focus(state, pane),
        None => nav::relayout(state),
    }
    if focus == Some(Pane::Article) {
        // Focusing laid the article out again: its scroll is the saved one.
        state.article.scroll = session.scroll;
        nav::clamp_article_scroll(state);
    }
}

fn filter_name(filter: &Filter) -> String {
    match filter {
        Filter::Tag(t) => format!("#{t}"),
        Filter::Status(Status::ToCheck) => "to-check".into(),
        Filter::Status(Status::Verified) => "verified".into(),
        Filter::Status(Status::Disputed) => "disputed".into(),
        Filter::Starred => "starred".into(),
        Filter::Noted => "noted".into(),
        Filter::SourcesDisagree => "sources-disagree".into(),
    }
}

fn parse_filter(name: &str) -> Option<Filter> {
    Some(match name {
        "to-check" => Filter::Status(Status::ToCheck),
        "verified" => Filter::Status(Status::Verified),
        "disputed" => Filter::Status(Status::Disputed),
        "starred" => Filter::Starred,
        "noted" => Filter::Noted,
        "sources-disagree" => Filter::SourcesDisagree,
        tag => Filter::Tag(tag.strip_prefix('#').filter(|t| !t.is_empty())?.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_has_a_name_that_reads_back() {
        for f in [
            Filter::Tag("x".into()),
            Filter::Status(Status::ToCheck),
            Filter::Status(Status::Verified),
            Filter::Status(Status::Disputed),
            Filter::Starred,
            Filter::Noted,
            Filter::SourcesDisagree,
        ] {
            assert_eq!(parse_filter(&filter_name(&f)), Some(f));
        }
        assert_eq!(parse_filter("#"), None);
        assert_eq!(parse_filter("sparkly"), None);
    }
}
