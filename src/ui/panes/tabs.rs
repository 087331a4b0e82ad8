//! The tab bar of a narrow terminal, where one pane shows at a time: the
//! panes by number, the one shown highlighted.

use crate::app::layout;
use crate::app::state::State;
use crate::app::Pane;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let spans: Vec<Span> = Pane::ALL
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let style = if p == state.focus {
                theme.selection
            } else {
                theme.title
            };
            Span::styled(layout::tab_label(i, p), style)
        })
        .collect();
    Line::from(spans).render(area, buf);
}
