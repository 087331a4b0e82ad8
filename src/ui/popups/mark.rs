//! Marking a passage (`v`): its keys, over the status bar (the article
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
    let keys = [
        ("w", "word"),
        ("s", "sentence"),
        ("l", "line"),
        ("⌫", "back"),
        ("Enter", "keep"),
        ("Esc", "cancel"),
    ];
    let mut spans = vec![Span::styled(
        " Marking a passage: ",
        theme.status_bar.patch(theme.reader_quote),
    )];
    for (k, what) in keys {
        spans.push(Span::styled(k, theme.status_key));
        spans.push(Span::styled(format!(" {what}  "), theme.status_bar));
    }
    Line::from(spans).render(r, buf);
}
