//! The details pane: the selected event and its sources, or the quotes of the
//! open article; the selected item is highlighted.

use super::pane_block;
use crate::app::state::State;
use crate::app::Pane;
use crate::corpus::QuoteIx;
use crate::theme::Theme;
use crate::ui::text;
use crate::view::details::DetailsMode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = match state.details.mode {
        Some(DetailsMode::Event(_)) => " 3 Event ".to_string(),
        Some(DetailsMode::Quotes(_)) => " 3 Quotes ".to_string(),
        Some(DetailsMode::ReaderEvent(_)) => " 3 Your event ".to_string(),
        None => " 3 Details ".to_string(),
    };
    let block = pane_block(state, theme, Pane::Details, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(doc) = &state.details.doc else {
        Line::styled("Nothing selected.", theme.dim).render(inner, buf);
        return;
    };
    let selected_quote = state.article.quote;
    let selected_lines = state
        .details
        .selected
        .and_then(|i| doc.items.get(i))
        .map(|(_, r)| r.clone());
    let focused = state.focus == Pane::Details;
    let is_selected = |q: QuoteIx| {
        matches!(doc.mode, DetailsMode::Quotes(a) if state.article.open == Some(a))
            && Some(q) == selected_quote
    };
    for (i, line) in doc
        .lines
        .iter()
        .enumerate()
        .skip(state.details.offset)
        .take(usize::from(inner.height))
    {
        let rect = Rect::new(
            inner.x,
            inner.y + (i - state.details.offset) as u16,
            inner.width,
            1,
        );
        text::line(theme, line, &is_selected).render(rect, buf);
        if selected_lines.as_ref().is_some_and(|r| r.contains(&i)) {
            let mark = Rect::new(rect.x, rect.y, 1.min(rect.width), 1);
            let style = if focused {
                theme.selection
            } else {
                theme.selection_unfocused
            };
            if focused {
                buf.set_style(rect, style);
            } else {
                buf.set_style(mark, style);
            }
        }
    }
}
