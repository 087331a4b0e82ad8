//! Drawing. Every widget here only reads the state; one file per pane or
//! popup. Styles come from the theme by meaning, never by colour.
//!
//! `panes/` draws the events, the article, the details, the status bar and
//! the narrow terminal's tabs; `popups/` each popup, all in the one frame
//! of `popup.rs`; `screens.rs` the whole-screen states (loading, failure,
//! too small); `text.rs` styled document lines and cutting to a width.

mod panes;
mod popup;
mod popups;
mod screens;
pub mod text;

use crate::app::layout::{self, Mode};
use crate::app::state::{Phase, State};
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The whole screen: the state seen through a theme.
pub struct Screen<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
}

impl Widget for &Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (state, theme) = (self.state, self.theme);
        buf.set_style(area, theme.base);
        match &state.phase {
            Phase::Loading { label, progress } => {
                return screens::loading(label, progress, theme, area, buf)
            }
            Phase::Failed(message) => {
                let quit = crate::ui::popup::key_label(state, crate::app::Command::Quit);
                return screens::failed(message, quit, theme, area, buf);
            }
            Phase::Ready => {}
        }
        // The terminal may have been resized after the last update: draw
        // for the area we are given, never outside it.
        let fresh;
        let l = if state.layout.area == area {
            &state.layout
        } else {
            fresh = layout::PaneLayout::compute(area, state.focus);
            &fresh
        };
        if l.mode == Mode::TooSmall {
            return screens::too_small(theme, area, buf);
        }
        if let Some(r) = l.events {
            panes::events::render(state, theme, r, buf);
        }
        if let Some(r) = l.article {
            panes::article::render(state, theme, r, buf);
        }
        if let Some(r) = l.details {
            panes::details::render(state, theme, r, buf);
        }
        if let Some(r) = l.tabs {
            panes::tabs::render(state, theme, r, buf);
        }
        panes::status::render(state, theme, l.status, buf);
        popups::render(state, theme, area, buf);
    }
}
