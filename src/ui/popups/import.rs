//! The import prompt (`i`): the path or URL being typed, and what the
//! import is doing or why it failed.

use crate::app::keymap::{Keymap, Popup};
use crate::app::state::import::ImportPrompt;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub fn render(keymap: &Keymap, prompt: &ImportPrompt, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key = |c| keymap.label_in(Popup::Import, c);
    // The input row, a blank row, the status (an error may wrap to two).
    let size = Size {
        margin: (2, 0),
        min: (10, 0),
        ..Size::editor(76, 7)
    };
    let inner = popup::open(
        area,
        size,
        "Import an article",
        &format!(
            " {} complete · {} import · {} ",
            key(Command::Complete),
            key(Command::Submit),
            key(Command::Close)
        ),
        theme,
        buf,
    );
    if inner.area() == 0 {
        return;
    }
    let prompt_width = 2.min(inner.width);
    Span::styled("> ", theme.title_focused).render(
        Rect {
            width: prompt_width,
            height: 1,
            ..inner
        },
        buf,
    );
    let input = Rect {
        x: inner.x + prompt_width,
        width: inner.width - prompt_width,
        height: 1,
        ..inner
    };
    popup::text_input(prompt.input.widget(), theme, prompt.running.is_none()).render(input, buf);
    let status = match (&prompt.running, &prompt.error) {
        (Some(source), _) => Line::styled(format!("Importing {source}…"), theme.warning),
        (None, Some(error)) => Line::styled(error.clone(), theme.error),
        (None, None) => Line::styled(
            format!("Written to {}/articles/", prompt.corpus.display()),
            theme.dim,
        ),
    };
    let below = Rect {
        y: inner.y + 1.min(inner.height),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    Paragraph::new(vec![Line::raw(""), status])
        .wrap(Wrap { trim: false })
        .render(below, buf);
}
