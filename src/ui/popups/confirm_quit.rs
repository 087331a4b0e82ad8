//! Quit with unsaved annotation changes? Why they could not be saved, and
//! the choice.

use crate::app::keymap::{Keymap, Popup};
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(keymap: &Keymap, why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let quit = keymap.label_in(Popup::ConfirmQuit, Command::Quit);
    let lines = vec![
        Line::styled("Your annotation changes could not be saved:", theme.popup),
        Line::styled(why.to_string(), theme.error),
        Line::default(),
        Line::styled(
            format!("Quit anyway? {quit} quit and lose them · any other key: stay"),
            theme.warning,
        ),
    ];
    popup::message(
        (area, 80),
        "Quit without saving?",
        &format!(" {quit} quit · other: stay "),
        lines,
        theme,
        buf,
    );
}
