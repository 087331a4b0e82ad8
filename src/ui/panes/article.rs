//! The open article: header and body, pre-wrapped; quotes highlighted and the
//! selected one standing out.

use super::pane_block;
use crate::app::state::State;
use crate::app::Pane;
use crate::corpus::QuoteIx;
use crate::theme::Theme;
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let corpus = &state.corpus;
    let title = match state.article.open {
        Some(a) => {
            let position = format!("{}/{}", a.get() + 1, corpus.articles.len());
            // Once the header is scrolled away, the frame says which
            // article this is.
            let article = corpus.article(a);
            let name = if state.article.scroll > 0 {
                article.title.as_str()
            } else {
                article.id.as_str()
            };
            format!(" 2 Article {position} · {name} ")
        }
        None => " 2 Article ".to_string(),
    };
    let block = pane_block(state, theme, Pane::Article, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(doc) = &state.article.doc else {
        let open = state
            .keymap
            .keys_for(Pane::Events, crate::app::Command::Open)
            .unwrap_or("?");
        let hint = if corpus.articles.is_empty() {
            "This corpus has no articles.".to_string()
        } else {
            format!("Select an event and press {open} to open its source.")
        };
        Paragraph::new(hint)
            .style(theme.dim)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let article = corpus.article(doc.article);
    let selected_span = state
        .article
        .quote
        .and_then(|q| article.get_quote(q))
        .and_then(|q| q.span.clone());
    // A quote nested in the selected one is part of the selection.
    let is_selected = |q: QuoteIx| {
        selected_span.as_ref().is_some_and(|sel| {
            article
                .quote(q)
                .span
                .as_ref()
                .is_some_and(|s| sel.start <= s.start && s.end <= sel.end)
        })
    };
    let height = usize::from(inner.height);
    for (i, line) in doc
        .lines
        .iter()
        .skip(state.article.scroll)
        .take(height)
        .enumerate()
    {
        let rect = Rect::new(
            inner.x,
            inner.y + i as u16,
            inner.width.saturating_sub(1),
            1,
        );
        text::line(theme, line, &is_selected).render(rect, buf);
    }
    if doc.lines.len() > height && inner.width > 2 {
        let mut bar = ScrollbarState::new(doc.lines.len().saturating_sub(height))
            .position(state.article.scroll)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(theme.border)
            .thumb_style(theme.border_focused)
            .render(inner, buf, &mut bar);
    } else if doc.lines.is_empty() {
        Line::styled("(empty article)", theme.dim).render(inner, buf);
    }
}
