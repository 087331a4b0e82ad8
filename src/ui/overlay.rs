//! Popups over the reader: the help (generated from the keymap) and the
//! loading problems.

use crate::app::help::{self, HelpLine};
use crate::app::state::State;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

/// "Esc close · j/k scroll", from the keymap (the reader may have moved
/// those keys).
fn footer(state: &State) -> String {
    use crate::app::Command;
    let key = |c| state.keymap.keys_for(state.focus, c).unwrap_or("?");
    format!(
        " {} close · {}/{} scroll ",
        key(Command::Close),
        key(Command::Down),
        key(Command::Up)
    )
}

#[allow(clippy::too_many_arguments)]
fn popup(
    theme: &Theme,
    footer: &str,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
    wide: u16,
) {
    let rect = crate::app::layout::text_popup(area, lines.len(), wide);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.popup_border)
        .title(Span::styled(title.to_string(), theme.title_focused))
        .title_bottom(Line::styled(footer.to_string(), theme.dim).right_aligned());
    let paragraph = Paragraph::new(lines)
        .block(block)
        .style(theme.popup)
        .wrap(Wrap { trim: false });
    // Scrolling stops when the last wrapped row is in view (counting rows
    // as drawn, not lines as written: long help lines wrap).
    let rows = paragraph.line_count(rect.width.saturating_sub(2));
    let max_scroll =
        u16::try_from(rows.saturating_sub(usize::from(rect.height))).unwrap_or(u16::MAX);
    paragraph
        .scroll((scroll.min(max_scroll), 0))
        .render(rect, buf);
}

pub fn help(state: &State, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lines = help::lines(&state.keymap)
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::raw(""),
            HelpLine::Heading(h) => Line::styled(h, theme.heading),
            HelpLine::Key { keys, help, width } => key_line(theme, &keys, help, width),
            HelpLine::Note(n) => Line::styled(n, theme.dim),
        })
        .collect();
    popup(
        theme,
        &footer(state),
        " Keys ",
        lines,
        scroll,
        area,
        buf,
        help::HELP_WIDTH,
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

pub fn warnings(state: &State, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
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
    popup(
        theme,
        &footer(state),
        &title,
        lines,
        scroll,
        area,
        buf,
        help::WARNINGS_WIDTH,
    );
}
