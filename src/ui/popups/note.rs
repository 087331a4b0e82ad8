//! The note editor (`n`): a text area, and the question asked before its
//! changes are thrown away.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::editors::NoteEditor;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub fn render(keymap: &Keymap, ed: &NoteEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key = |c| keymap.label_in(Popup::Note, c);
    let asked = |c| keymap.label_in(Popup::Discard, c);
    let inner = popup::open(
        area,
        Size::editor(72, 16),
        &ed.label,
        &format!(
            " {} save · {} close ",
            key(Command::Save),
            key(Command::Close)
        ),
        theme,
        buf,
    );
    let mut input = popup::text_input(&ed.text, theme, !ed.confirm_discard);
    input.set_placeholder_text("Write your note…");
    let (text_area, ask) = if ed.confirm_discard && inner.height > 2 {
        let ask = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        (
            Rect {
                height: inner.height - 1,
                ..inner
            },
            Some(ask),
        )
    } else {
        (inner, None)
    };
    input.render(text_area, buf);
    if let Some(r) = ask {
        Line::styled(
            format!(
                "Discard your changes? {} or {} discard · {} save · any other key: keep editing",
                asked(Command::Close),
                asked(Command::Discard),
                asked(Command::Save)
            ),
            theme
                .warning
                .patch(Style::default().bg(theme.popup.bg.unwrap_or_default())),
        )
        .render(r, buf);
    } else if ed.confirm_discard {
        let short = format!(
            "Discard? {} / {} save / other: edit",
            asked(Command::Discard),
            asked(Command::Save)
        );
        Line::styled(short, theme.warning).render(inner, buf);
    }
}
