//! The one frame every popup is drawn in: a rectangle centred over the
//! screen, cleared, with a rounded border, its title on top and its keys at
//! the bottom right, all styled by the theme.

use super::text;
use crate::app::keymap::Popup;
use crate::app::state::State;
use crate::app::Command;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use tui_textarea::TextArea;

/// The size a popup asks for, and how it gives way on a small screen: it
/// leaves `margin` columns and rows of the screen around it, but does not
/// shrink below `min` (nor grow beyond the screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
    pub margin: (u16, u16),
    pub min: (u16, u16),
}

impl Size {
    /// A popup one writes in (note, tags, form, filter…): a column of the
    /// screen either side, a row under it.
    pub const fn editor(width: u16, height: u16) -> Size {
        Size {
            width,
            height,
            margin: (2, 1),
            min: (10, 3),
        }
    }

    /// A popup one reads (help, loading problems): more of the screen
    /// around it, so it reads as over the panes.
    pub const fn reading(width: u16, height: u16) -> Size {
        Size {
            width,
            height,
            margin: (4, 2),
            min: (20, 3),
        }
    }
}

/// Where a popup of `size` goes in `area`.
pub fn centred(area: Rect, size: Size) -> Rect {
    let fit = |wanted: u16, room: u16, margin: u16, min: u16| {
        wanted.min(room.saturating_sub(margin)).max(room.min(min))
    };
    let width = fit(size.width, area.width, size.margin.0, size.min.0);
    let height = fit(size.height, area.height, size.margin.1, size.min.1);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Clears `rect` and frames it with `title` and the keys in `footer` (each
/// cut from its end to fit, so the first keys stay readable; no footer when
/// it is blank). Returns the inside.
pub fn frame(rect: Rect, title: &str, footer: &str, theme: &Theme, buf: &mut Buffer) -> Rect {
    Clear.render(rect, buf);
    let room = usize::from(rect.width).saturating_sub(4);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(
            format!(" {} ", text::truncate(title.trim(), room)),
            theme.title_focused,
        ));
    if !footer.trim().is_empty() {
        let footer = format!(" {} ", text::truncate(footer.trim(), room));
        block = block.title_bottom(Line::styled(footer, theme.dim).right_aligned());
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// A popup of `size` centred in `area`, framed; returns its inside.
pub fn open(
    area: Rect,
    size: Size,
    title: &str,
    footer: &str,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    frame(centred(area, size), title, footer, theme, buf)
}

/// The key bound to `c` as shown in a footer ("Enter", "S"), from the
/// keymap (the reader may have moved it).
pub fn key_label(state: &State, c: Command) -> &str {
    state.key(c)
}

/// A key's label made short for a bar: Backspace is ⌫.
pub fn compact_key(label: &str) -> &str {
    match label {
        "Backspace" => "⌫",
        other => other,
    }
}

/// "Esc close · j/k scroll", from the keymap (the reader may have moved
/// those keys).
pub fn reading_keys(state: &State) -> String {
    let key = |c| state.keymap.label_in(Popup::Reading, c);
    format!(
        " {} close · {}/{} scroll ",
        key(Command::Close),
        key(Command::Down),
        key(Command::Up)
    )
}

/// A short popup of `lines` (a question, an offer), wrapped, `width`
/// columns at most.
pub fn message(
    (area, width): (Rect, u16),
    title: &str,
    footer: &str,
    lines: Vec<Line>,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let size = Size::editor(width, lines.len() as u16 + 4);
    let inner = open(area, size, title, footer, theme, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// A popup of `lines` to read, `wide` columns at most, scrolled down by
/// `scroll` rows (no further than its last row).
pub fn reading(
    theme: &Theme,
    footer: &str,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
    (area, wide): (Rect, u16),
    buf: &mut Buffer,
) {
    // Room for the borders and a wrapped line or two.
    let height = (lines.len() as u16).saturating_add(4);
    let inner = open(area, Size::reading(wide, height), title, footer, theme, buf);
    let paragraph = Paragraph::new(lines)
        .style(theme.popup)
        .wrap(Wrap { trim: false });
    // Scrolling stops when the last wrapped row is in view (counting rows
    // as drawn, not lines as written: long help lines wrap).
    let rows = paragraph.line_count(inner.width);
    let max_scroll =
        u16::try_from(rows.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    paragraph
        .scroll((scroll.min(max_scroll), 0))
        .render(inner, buf);
}

/// A text field of a popup, in the popup's colours; its cursor shows when
/// it has the focus.
pub fn text_input(t: &TextArea<'static>, theme: &Theme, focused: bool) -> TextArea<'static> {
    let mut t = t.clone();
    t.set_style(theme.popup);
    t.set_cursor_line_style(Style::default());
    t.set_placeholder_style(theme.dim);
    t.set_cursor_style(if focused {
        theme.selection
    } else {
        theme.popup
    });
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popups_leave_their_margin_and_shrink_no_further_than_their_minimum() {
        let area = Rect::new(0, 0, 100, 30);
        assert_eq!(
            centred(area, Size::editor(72, 16)),
            Rect::new(14, 7, 72, 16)
        );
        // Too big: the margin stays free.
        assert_eq!(
            centred(area, Size::reading(200, 60)),
            Rect::new(2, 1, 96, 28)
        );
        // A tiny screen: the minimum, but never more than the screen.
        let tiny = Rect::new(0, 0, 8, 2);
        assert_eq!(centred(tiny, Size::editor(72, 16)), Rect::new(0, 0, 8, 2));
        assert_eq!(
            centred(Rect::new(0, 0, 30, 10), Size::reading(76, 20)),
            Rect::new(2, 1, 26, 8)
        );
    }

    #[test]
    fn the_frame_cuts_its_title_and_keys_to_fit() {
        let theme = Theme::default();
        let area = Rect::new(0, 0, 20, 4);
        let mut buf = Buffer::empty(area);
        let inner = frame(
            area,
            "A title far too long for this",
            " Esc close · Enter save ",
            &theme,
            &mut buf,
        );
        assert_eq!(inner, Rect::new(1, 1, 18, 2));
        let row = |y| -> String { (0..20).map(|x| buf[(x, y)].symbol()).collect() };
        assert_eq!(row(0), "╭ A title far too… ╮");
        assert_eq!(row(3), "╰ Esc close · Ent… ╯");
    }
}
