//! Marking a passage (`m`): its keys (the keymap's `mark` section, those
//! with a hint, in order), over the status bar (the article stays in view,
//! so this is a bar, not a framed popup).

use crate::app::keymap::{Keymap, Popup, Section};
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

pub fn render(keymap: &Keymap, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let r = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    // It replaces the status bar: nothing of it may show through.
    Clear.render(r, buf);
    buf.set_style(r, theme.status_bar);
    let mut spans = vec![Span::styled(
        " Marking: ",
        theme.status_bar.patch(theme.reader_quote),
    )];
    for b in keymap.section(Section::Popup(Popup::Mark)) {
        let (Some(key), Some(what)) = (b.labels.first(), &b.hint) else {
            continue;
        };
        spans.push(Span::styled(popup::compact_key(key), theme.status_key));
        spans.push(Span::styled(format!(" {what}  "), theme.status_bar));
    }
    Line::from(spans).render(r, buf);
}
