//! The timeline filter menu (`f`): one row per filter, the chosen one
//! highlighted.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::editors::FilterMenu;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub fn render(keymap: &Keymap, m: &FilterMenu, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key = |c| keymap.label_in(Popup::Filter, c);
    let footer = format!(
        " {}/{} · {} · {} ",
        key(Command::Down),
        key(Command::Up),
        key(Command::Submit),
        key(Command::Close)
    );
    let inner = popup::open(
        area,
        Size::editor(44, m.items.len() as u16 + 2),
        "Filter the timeline",
        &footer,
        theme,
        buf,
    );
    let h = usize::from(inner.height.max(1));
    let offset = m.selected.saturating_sub(h - 1);
    for (row, (i, (label, _))) in m.items.iter().enumerate().skip(offset).take(h).enumerate() {
        let r = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        let style = if i == m.selected {
            theme.selection
        } else {
            theme.popup
        };
        Line::styled(
            format!(
                " {}",
                text::truncate(label, usize::from(inner.width).saturating_sub(1))
            ),
            style,
        )
        .render(r, buf);
        if i == m.selected {
            buf.set_style(r, theme.selection);
        }
    }
}
