//! The reader's panes, one file each, and the frame they share.

pub mod article;
pub mod details;
pub mod events;
pub mod status;
pub mod tabs;

use crate::app::state::State;
use crate::app::Pane;
use crate::theme::Theme;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType};

/// A pane's frame: focused panes stand out.
pub fn pane_block<'a>(state: &State, theme: &Theme, pane: Pane, title: String) -> Block<'a> {
    let focused = state.focus == pane && state.overlay.is_none();
    let (border, title_style) = if focused {
        (theme.border_focused, theme.title_focused)
    } else {
        (theme.border, theme.title)
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(Span::styled(title, title_style))
}
