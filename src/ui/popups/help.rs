//! The help (`?`): every key of the keymap by section, the search popup's
//! keys, what the timeline's marks mean. Generated from the keymap, so it
//! follows the reader's rebindings.

use crate::app::key_spec::display_key;
use crate::app::state::State;
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(state: &State, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
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
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Editing a line (the search, the tags, the forms' fields)",
        theme.heading,
    ));
    for k in crate::app::line_edit::KEYS {
        lines.push(key_line(theme, &labels(k.keys), k.help, 20));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marking a passage (m)", theme.heading));
    for (k, _, help) in crate::app::overlay::mark::KEYS {
        lines.push(key_line(theme, k, help, 16));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.heading));
    for (mark, meaning) in crate::ui::panes::events::MARKS {
        lines.push(key_line(theme, mark, meaning, 16));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mouse: click selects an event, a quote or a source; the wheel scrolls the pane under it.",
        theme.dim,
    ));
    popup::reading(
        theme,
        &popup::reading_keys(state),
        " Keys ",
        lines,
        scroll,
        (area, 76),
        buf,
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
