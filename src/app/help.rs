//! What the help overlay says, generated from the keymap (its popup
//! sections included), and how far the text popups (help, loading problems) can
//! scroll at the terminal's size: the ui draws these lines, the app stops
//! the scroll at their last row.

use super::keymap::Keymap;
use super::layout;
use super::state::{Overlay, State};
use super::viewport::Viewport;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// How wide the help and the loading problems may be.
pub const HELP_WIDTH: u16 = 76;
pub const WARNINGS_WIDTH: u16 = 110;

/// A line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Heading(String),
    /// Keys in a column `width` characters wide, then what they do.
    Key {
        keys: String,
        help: String,
        width: usize,
    },
    Note(String),
}

impl HelpLine {
    /// The line as drawn, without styles (what wraps).
    pub fn text(&self) -> String {
        match self {
            HelpLine::Blank => String::new(),
            HelpLine::Heading(s) | HelpLine::Note(s) => s.clone(),
            HelpLine::Key { keys, help, width } => format!("  {keys:<width$}{help}"),
        }
    }
}

/// The help: every section of the keymap (the panes', then each popup's),
/// the timeline's marks, the mouse.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let key = |keys: String, help: &str, width| HelpLine::Key {
        keys,
        help: help.to_string(),
        width,
    };
    let mut lines = Vec::new();
    for (section, bindings) in &keymap.sections {
        if !lines.is_empty() {
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading(section.title().to_string()));
        // Keys that come in threes ("Alt-b Ctrl-← Alt-←") widen the column.
        let labels: Vec<String> = bindings.iter().map(|b| b.labels.join(" ")).collect();
        let width = labels
            .iter()
            .map(|l| l.chars().count() + 2)
            .max()
            .unwrap_or(0)
            .max(16);
        for (b, keys) in bindings.iter().zip(labels) {
            lines.push(key(keys, &b.help, width));
        }
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Marks".into()));
    for (mark, meaning) in crate::view::markers::MARKS {
        lines.push(key(mark.to_string(), meaning, 16));
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Note(
        "Mouse: click selects an event, a quote or a source; the wheel scrolls the pane under it."
            .into(),
    ));
    lines
}

/// The rows of `lines` wrapped in a text popup at most `wide` columns wide
/// in `area`, and the rows it shows.
pub fn measure(lines: &[String], area: Rect, wide: u16) -> Viewport {
    let rect = layout::text_popup(area, lines.len(), wide);
    let text = Text::from(
        lines
            .iter()
            .map(|l| Line::raw(l.as_str()))
            .collect::<Vec<_>>(),
    );
    // Wrapped as the ui wraps it, so the last row is where it is drawn.
    let rows = Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .line_count(rect.width.saturating_sub(2));
    Viewport::new(0, rows, usize::from(rect.height.saturating_sub(2)))
}

/// The scrollable text popup open now, measured at the terminal's size:
/// the help and the loading problems (`None`: another popup, or none).
pub fn text_popup_view(state: &State) -> Option<Viewport> {
    let (lines, wide, offset): (Vec<String>, _, _) = match &state.overlay {
        Some(Overlay::Help { scroll }) => {
            let text = lines(&state.keymap).iter().map(HelpLine::text).collect();
            (text, HELP_WIDTH, scroll)
        }
        Some(Overlay::Warnings { scroll }) => {
            let text = state.diagnostics.iter().map(ToString::to_string).collect();
            (text, WARNINGS_WIDTH, scroll)
        }
        _ => return None,
    };
    let view = measure(&lines, state.layout.area, wide);
    Some(Viewport {
        offset: usize::from(*offset),
        ..view
    })
}
