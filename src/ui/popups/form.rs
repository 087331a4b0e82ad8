//! The form of several fields (your own event, an event's status and
//! reason…): the context it is about, one labelled line per field, and
//! its error or the question asked before it is thrown away.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::editors::Form;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(keymap: &Keymap, f: &Form, theme: &Theme, area: Rect, buf: &mut Buffer) {
    const WIDTH: u16 = 72;
    let key = |c| keymap.label_in(Popup::Form, c);
    let asked = |c| keymap.label_in(Popup::Discard, c);
    let message = if f.confirm_discard {
        Line::styled(
            format!(
                "Discard this? {} or {} discard · any other key: keep editing",
                asked(Command::Close),
                asked(Command::Discard)
            ),
            theme.warning,
        )
    } else if let Some(e) = &f.error {
        Line::styled(e.clone(), theme.error)
    } else {
        Line::raw("")
    };
    // An error is wrapped, whole: its end says what to write instead.
    let message = Paragraph::new(message).wrap(Wrap { trim: true });
    let inner_width = popup::centred(area, Size::editor(WIDTH, 0))
        .width
        .saturating_sub(2);
    let message_rows = message.line_count(inner_width).max(1) as u16;
    let height =
        f.context.len() as u16 + f.fields.len() as u16 + f.choices.len() as u16 + 4 + message_rows;
    let inner = popup::open(
        area,
        Size::editor(WIDTH, height),
        &f.title,
        &format!(
            " {} next · {} next/save · {} save · {} cancel ",
            key(Command::Complete),
            key(Command::Submit),
            key(Command::Save),
            key(Command::Close)
        ),
        theme,
        buf,
    );
    let mut y = inner.y;
    let bottom = inner.bottom();
    for c in &f.context {
        if y >= bottom {
            return;
        }
        Line::styled(
            text::truncate(c, usize::from(inner.width)),
            theme.reader_quote,
        )
        .render(Rect::new(inner.x, y, inner.width, 1), buf);
        y += 1;
    }
    y += 1;
    let label_w = f.fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16 + 2;
    for (i, (label, input)) in f.fields.iter().enumerate() {
        if y >= bottom {
            return;
        }
        let focused = i == f.focus && !f.confirm_discard;
        let style = if focused {
            theme.title_focused
        } else {
            theme.dim
        };
        Line::styled(format!("{label}:"), style)
            .render(Rect::new(inner.x, y, label_w.min(inner.width), 1), buf);
        let x = inner.x + label_w.min(inner.width);
        let w = inner.width.saturating_sub(label_w);
        popup::text_input(input.widget(), theme, focused).render(Rect::new(x, y, w, 1), buf);
        y += 1;
    }
    // The events matching the Events field, under it: Tab takes the first.
    let first = format!("{} → ", key(Command::Complete));
    let others = " ".repeat(first.width());
    for (i, (id, label)) in f.choices.iter().enumerate() {
        if y >= bottom {
            return;
        }
        let (lead, style) = if i == 0 {
            (first.as_str(), theme.selection)
        } else {
            (others.as_str(), theme.dim)
        };
        // The title gives way before the id: the id is what Tab puts in.
        let id = format!(" ({id})");
        let room = usize::from(inner.width).saturating_sub(lead.width() + id.width());
        let shown = text::truncate(
            &format!("{lead}{}{id}", text::truncate(label, room)),
            usize::from(inner.width),
        );
        Line::styled(shown, style).render(Rect::new(inner.x, y, inner.width, 1), buf);
        y += 1;
    }
    if y < bottom {
        // At the bottom, below the fields: as many rows as it needs, if they fit.
        let rows = message_rows.min(bottom - y);
        message.render(Rect::new(inner.x, bottom - rows, inner.width, rows), buf);
    }
}
