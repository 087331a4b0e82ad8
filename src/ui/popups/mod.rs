//! The popups over the reader, one file each, all drawn in the frame of
//! [`super::popup`].

mod confirm_quit;
mod export;
mod filter;
mod form;
mod help;
mod mark;
mod note;
mod notice;
mod recovery;
mod search;
mod tags;
mod warnings;

use crate::app::state::{Overlay, State};
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The popup open in `state`, if any, over the whole screen `area`.
pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(overlay) = &state.overlay else {
        return;
    };
    match overlay {
        Overlay::Help { scroll } => help::render(state, theme, *scroll, area, buf),
        Overlay::Warnings { scroll } => warnings::render(state, theme, *scroll, area, buf),
        Overlay::Search(popup) => search::render(state, popup, theme, area, buf),
        Overlay::Export(form) => export::render(state, form, theme, area, buf),
        Overlay::Note(ed) => note::render(ed, theme, area, buf),
        Overlay::Tags(ed) => tags::render(ed, theme, area, buf),
        Overlay::Form(f) => form::render(f, theme, area, buf),
        Overlay::Filter(m) => filter::render(m, theme, area, buf),
        Overlay::Recovery(d) => recovery::render(d, theme, area, buf),
        Overlay::Notice {
            title,
            lines,
            scroll,
        } => notice::render(title, lines, *scroll, theme, area, buf),
        Overlay::Select(_) => mark::render(theme, area, buf),
        Overlay::ConfirmQuit { why } => confirm_quit::render(why, theme, area, buf),
    }
}
