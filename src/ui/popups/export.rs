//! The export form (`x`): the format row and the path.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::export::ExportForm;
use crate::app::state::State;
use crate::app::Command;
use crate::export::Format;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// " ←/→ format · Tab complete · Enter write · Esc ", from the keymap.
fn footer(keymap: &Keymap) -> String {
    let key = |c| keymap.label_in(Popup::Export, c);
    format!(
        " {}/{} format · {} complete · {} write · {} ",
        key(Command::PrevFormat),
        key(Command::NextFormat),
        key(Command::Complete),
        key(Command::Submit),
        key(Command::Close)
    )
}

pub fn render(state: &State, form: &ExportForm, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let what = match &state.notes.filter {
        Some(f) => format!("Export the timeline ({})", f.label()),
        None => "Export the timeline".to_string(),
    };
    // Its seven rows on any screen that has them: no row kept free.
    let size = Size {
        margin: (2, 0),
        min: (10, 0),
        ..Size::editor(64, 7)
    };
    let inner = popup::open(area, size, &what, &footer(&state.keymap), theme, buf);
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
