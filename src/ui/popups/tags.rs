//! The tag editor (`t`): the tags as text, and the known tags that complete
//! the one being typed.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::editors::TagEditor;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(keymap: &Keymap, ed: &TagEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key = |c| keymap.label_in(Popup::Tags, c);
    let inner = popup::open(
        area,
        Size::editor(64, 7),
        &ed.label,
        &format!(
            " {} complete · {} save · {} cancel ",
            key(Command::Complete),
            key(Command::Save),
            key(Command::Close)
        ),
        theme,
        buf,
    );
    if inner.height == 0 {
        return;
    }
    let input = popup::text_input(ed.input.widget(), theme, true);
    input.render(Rect { height: 1, ..inner }, buf);
    if inner.height >= 3 {
        let completions = ed.completions();
        let line = if completions.is_empty() {
            Line::styled("(no known tag starts like this)", theme.dim)
        } else {
            let lead = format!("{} → ", key(Command::Complete));
            let mut spans = vec![Span::styled(lead, theme.dim)];
            for (i, c) in completions.iter().take(12).enumerate() {
                let style = if i == 0 {
                    theme.tag.patch(theme.selection)
                } else {
                    theme.tag
                };
                spans.push(Span::styled(format!("#{c}"), style));
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        };
        Paragraph::new(line).wrap(Wrap { trim: true }).render(
            Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2),
            buf,
        );
    }
}
