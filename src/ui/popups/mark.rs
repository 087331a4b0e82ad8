//! Marking a passage (`m`): its keys (`app::overlay::mark::KEYS`), over the status bar (the article
//! stays in view, so this is a bar, not a framed popup).

use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

pub fn render(theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let r = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    // It replaces the status bar: nothing of it may show through.
    Clear.render(r, buf);
    buf.set_style(r, theme.status_bar);
    let mut spans = vec![Span::styled(
        " Marking: ",
        theme.status_bar.patch(theme.reader_quote),
    )];
    for &(k, what, _) in crate::app::overlay::mark::KEYS {
        spans.push(Span::styled(k, theme.status_key));
        spans.push(Span::styled(format!(" {what}  "), theme.status_bar));
    }
    Line::from(spans).render(r, buf);
}
