//! The loading problems (`!`): every diagnostic of the corpus, errors and
//! warnings in their colours.

use crate::app::state::State;
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(state: &State, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = state
        .diagnostics
        .iter()
        .map(|d| {
            let style = if d.is_error() {
                theme.error
            } else {
                theme.warning
            };
            Line::styled(d.to_string(), style)
        })
        .collect();
    let title = format!(" Loading problems ({}) ", lines.len());
    let keys = popup::reading_keys(state);
    popup::reading(
        theme,
        &keys,
        &title,
        lines,
        scroll,
        (area, crate::app::help::WARNINGS_WIDTH),
        buf,
    );
}
