//! Popups over the reader: the help (generated from the keymap) and the
//! loading problems.

use crate::app::key_spec::display_key;
use crate::app::state::State;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

fn popup_area(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

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
    // Room for the borders and a wrapped line or two.
    let height = (lines.len() as u16).saturating_add(4);
    let rect = popup_area(
        area,
        wide.min(area.width.saturating_sub(4))
            .max(area.width.min(20)),
        height.min(area.height.saturating_sub(2)).max(3),
    );
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
    let mut lines = Vec::new();
    for (section, bindings) in &state.keymap.sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title(), theme.heading));
        for b in bindings {
            lines.push(key_line(theme, &b.labels.join(" "), &b.help, 16));
        }
    }
    // The search popup takes its keys before the keymap (it takes text).
    lines.push(Line::raw(""));
    lines.push(Line::styled("Search popup (/)", theme.heading));
    let labels = |keys: &[&str]| {
        let shown: Vec<String> = keys.iter().map(|k| display_key(k)).collect();
        shown.join(" ")
    };
    // Their keys come in threes ("Alt-b Ctrl-← Alt-←"): a wider column.
    for k in crate::app::state::search::KEYS {
        lines.push(key_line(theme, &labels(k.keys), k.help, 20));
    }
    for k in crate::app::line_edit::KEYS {
        lines.push(key_line(theme, &labels(k.keys), k.help, 20));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.heading));
    for (mark, meaning) in super::events::MARKS {
        lines.push(key_line(theme, mark, meaning, 16));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mouse: click selects an event, a quote or a source; the wheel scrolls the pane under it.",
        theme.dim,
    ));
    popup(
        theme,
        &footer(state),
        " Keys ",
        lines,
        scroll,
        area,
        buf,
        76,
    );
}

/// A key and what it does, the key in a column `width` characters wide.
fn key_line<'a>(theme: &Theme, keys: &str, help: &'a str, width: usize) -> Line<'a> {
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
    popup(theme, &footer(state), &title, lines, scroll, area, buf, 110);
}
