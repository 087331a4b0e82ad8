//! Quit with unsaved annotation changes? Why they could not be saved, and
//! the choice.

use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::styled("Your annotation changes could not be saved:", theme.popup),
        Line::styled(why.to_string(), theme.error),
        Line::default(),
        Line::styled(
            "Quit anyway? y quit and lose them · any other key: stay",
            theme.warning,
        ),
    ];
    let inner = popup::open(
        area,
        Size::editor(80, lines.len() as u16 + 4),
        "Quit without saving?",
        " y quit · other: stay ",
        theme,
        buf,
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
