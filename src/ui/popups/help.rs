//! The help (`?`): every key of the keymap by section, the search popup's
//! keys, what the timeline's marks mean. Generated from the keymap, so it
//! follows the reader's rebindings.

use crate::app::help::{self, HelpLine};
use crate::app::state::State;
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(state: &State, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    // The app generates the lines (it also stops the scroll at their end).
    let lines = help::lines(&state.keymap)
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(h) => Line::styled(h, theme.heading),
            HelpLine::Key { keys, help, width } => key_line(theme, &keys, help, width),
            HelpLine::Note(n) => Line::styled(n, theme.dim),
        })
        .collect();
    popup::reading(
        theme,
        &popup::reading_keys(state),
        " Keys ",
        lines,
        scroll,
        (area, help::HELP_WIDTH),
        buf,
    );
}

/// A key and what it does, the key in a column `width` characters wide.
fn key_line(theme: &Theme, keys: &str, help: String, width: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("  {keys:<width$}"),
            theme.status_key.patch(theme.popup),
        ),
        Span::styled(help, theme.popup),
    ])
}
