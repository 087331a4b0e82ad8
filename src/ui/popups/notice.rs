//! A notice: lines to read (what an import or an export did…), scrolled.

use crate::app::state::State;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(
    state: &State,
    (title, lines): (&str, &[String]),
    scroll: u16,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let inner = popup::open(
        area,
        Size::editor(100, lines.len() as u16 + 4),
        title,
        &popup::reading_keys(state),
        theme,
        buf,
    );
    let body: Vec<Line> = lines
        .iter()
        .map(|l| Line::styled(l.clone(), theme.popup))
        .collect();
    Paragraph::new(body)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}
