//! The export form (`x`): the format row and the path.

use super::text;
use crate::app::state::export::ExportForm;
use crate::app::state::State;
use crate::export::Format;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub fn render(state: &State, form: &ExportForm, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = 64.min(area.width.saturating_sub(2)).max(area.width.min(10));
    let h = 7.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(rect, buf);
    let what = match &state.notes.filter {
        Some(f) => format!(" Export the timeline ({}) ", f.label()),
        None => " Export the timeline ".to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(what, theme.title_focused))
        .title_bottom(
            Line::styled(" ←/→ format · Tab complete · Enter write · Esc ", theme.dim)
                .right_aligned(),
        );
    let inner = block.inner(rect);
    block.render(rect, buf);
    let width = usize::from(inner.width);
    let mut formats = vec![Span::styled("Format ", theme.heading)];
    for f in Format::ALL {
        // Brackets too: the choice shows without colours.
        formats.push(if f == form.format {
            Span::styled(format!("[{}]", f.name()), theme.selection)
        } else {
            Span::styled(format!(" {} ", f.name()), theme.popup)
        });
    }
    // The path's end (where typing goes) stays visible in a narrow popup.
    let room = width.saturating_sub(7);
    let shown = if form.path.width() > room {
        let tail: String = form
            .path
            .chars()
            .rev()
            .scan(0, |w, c| {
                *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                (*w < room).then_some(c)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        form.path.clone()
    };
    let lines = vec![
        Line::from(formats),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Path   ", theme.heading),
            Span::styled(shown, theme.popup),
            Span::styled("▏", theme.title_focused),
        ]),
        Line::styled(
            text::truncate("Written atomically, in the background.", width),
            theme.dim,
        ),
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(inner, buf);
}
