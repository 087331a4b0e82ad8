//! The status bar: corpus, counts, warnings, messages and the keys that
//! matter in the focused pane (from the keymap).

use crate::app::state::State;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status_bar);
    let c = &state.corpus;
    let title = c.title.as_deref().unwrap_or("chronique");
    // A message (what a key did, or why it did nothing) takes the place of
    // the title and the counts, and room from the key hints: it must be read.
    let mut left = match &state.message {
        Some(m) => vec![
            Span::raw(" "),
            Span::styled(format!("{m} "), theme.status_bar.patch(theme.warning)),
        ],
        None => vec![
            Span::styled(
                format!(" {title} "),
                theme.status_bar.patch(theme.article_title),
            ),
            Span::styled(
                format!(
                    "· {} events · {} articles · {} quotes ",
                    c.events.len(),
                    c.articles.len(),
                    c.quote_count()
                ),
                theme.status_bar,
            ),
        ],
    };
    // Annotations (read-only, filter, saving) come second, after a message.
    let at = if state.message.is_some() {
        left.len()
    } else {
        1
    };
    let words = crate::app::annotate::status_words(state);
    let has_words = !words.is_empty();
    for (i, (text, role)) in words.into_iter().enumerate() {
        let style = super::text::style(theme, role, &text, |_| false);
        left.insert(at + i, Span::styled(text, theme.status_bar.patch(style)));
    }
    let problems = state.warnings_count();
    if problems > 0 {
        let errors = state.diagnostics.iter().filter(|d| d.is_error()).count();
        let style = if errors > 0 {
            theme.error
        } else {
            theme.warning
        };
        let key = state
            .keymap
            .keys_for(state.focus, crate::app::Command::Warnings)
            .unwrap_or("w");
        left.push(Span::styled(
            format!(
                "⚠ {problems} problem{} ({key}) ",
                if problems == 1 { "" } else { "s" }
            ),
            theme.status_bar.patch(style),
        ));
    }
    let mut right: Vec<Span> = Vec::new();
    for b in state.keymap.hints(state.focus) {
        let (Some(key), Some(hint)) = (b.labels.first(), &b.hint) else {
            continue;
        };
        right.push(Span::styled(key.clone(), theme.status_key));
        right.push(Span::styled(format!(" {hint}  "), theme.status_bar));
    }
    // Key hints win over the left part; hints drop from the end when even
    // they do not fit in most of the bar.
    let width = usize::from(area.width);
    let mut rw: usize = right.iter().map(|s| s.content.width()).sum();
    // Annotation state (read-only, filter, conflicts) needs room too.
    let budget = if state.message.is_some() {
        width / 3
    } else if !has_words {
        width * 2 / 3
    } else {
        width / 2
    };
    while rw > budget && right.len() >= 2 {
        right.truncate(right.len() - 2);
        rw = right.iter().map(|s| s.content.width()).sum();
    }
    let left_width = width.saturating_sub(rw + usize::from(rw > 0));
    Line::from(left).render(Rect::new(area.x, area.y, left_width as u16, 1), buf);
    if rw > 0 {
        let x = area.x + (width - rw) as u16;
        Line::from(right).render(Rect::new(x, area.y, rw as u16, 1), buf);
    }
}
