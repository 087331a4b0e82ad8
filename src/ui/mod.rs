//! Drawing. Every widget here only reads the state; one file per pane or
//! popup. Styles come from the theme by meaning, never by colour.

mod annotations;
mod article;
mod details;
mod events;
mod export;
mod overlay;
mod screens;
mod search;
mod status;
pub mod text;

pub use annotations::markers_for;

use crate::app::layout::{self, Mode};
use crate::app::state::{Overlay, Phase, State};
use crate::app::Pane;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

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
            Phase::Failed(message) => return screens::failed(message, theme, area, buf),
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
            events::render(state, theme, r, buf);
        }
        if let Some(r) = l.article {
            article::render(state, theme, r, buf);
        }
        if let Some(r) = l.details {
            details::render(state, theme, r, buf);
        }
        if let Some(r) = l.tabs {
            tabs(state, theme, r, buf);
        }
        status::render(state, theme, l.status, buf);
        match &state.overlay {
            Some(Overlay::Help { scroll }) => overlay::help(state, theme, *scroll, area, buf),
            Some(Overlay::Warnings { scroll }) => {
                overlay::warnings(state, theme, *scroll, area, buf)
            }
            Some(Overlay::Search(popup)) => search::render(state, popup, theme, area, buf),
            Some(Overlay::Export(form)) => export::render(state, form, theme, area, buf),
            Some(_) => annotations::render_overlay(state, theme, area, buf),
            None => {}
        }
    }
}

/// A pane's frame: focused panes stand out.
fn pane_block<'a>(state: &State, theme: &Theme, pane: Pane, title: String) -> Block<'a> {
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

fn tabs(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let spans: Vec<Span> = Pane::ALL
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let style = if p == state.focus {
                theme.selection
            } else {
                theme.title
            };
            Span::styled(layout::tab_label(i, p), style)
        })
        .collect();
    Line::from(spans).render(area, buf);
}
