//! The popups over the reader, one file each, all drawn in the frame of
//! [`super::popup`].

mod articles;
mod chart;
mod confirm_quit;
mod export;
mod filter;
mod form;
mod help;
mod import;
mod mark;
mod note;
mod notice;
mod recovery;
mod search;
mod speakers;
mod table;
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
        Overlay::Import(prompt) => import::render(&state.keymap, prompt, theme, area, buf),
        Overlay::Note(ed) => note::render(&state.keymap, ed, theme, area, buf),
        Overlay::Tags(ed) => tags::render(&state.keymap, ed, theme, area, buf),
        Overlay::Form(f) => form::render(&state.keymap, f, theme, area, buf),
        Overlay::Filter(m) => filter::render(&state.keymap, m, theme, area, buf),
        Overlay::Recovery(d) => recovery::render(&state.keymap, d, theme, area, buf),
        Overlay::Notice {
            title,
            lines,
            scroll,
        } => notice::render(state, (title, lines), *scroll, theme, area, buf),
        Overlay::Select(_) => mark::render(&state.keymap, theme, area, buf),
        Overlay::ConfirmQuit { why } => confirm_quit::render(&state.keymap, why, theme, area, buf),
        Overlay::Articles(list) => articles::render(state, list, theme, area, buf),
        Overlay::Speakers(list) => speakers::render(state, list, theme, area, buf),
        Overlay::Chart(chart) => chart::render(state, chart, theme, area, buf),
    }
}

#[cfg(test)]
mod tests {
    use crate::app::state::{Overlay, State};
    use crate::app::{self, Action, Command};
    use crate::corpus::{embedded, Progress};
    use crate::theme::Theme;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    fn sample() -> State {
        app::ready_state(embedded::load(&Progress::default()), 120, 40)
    }

    fn opened_by(command: Command) -> State {
        let mut state = sample();
        app::update(&mut state, Action::Command(command));
        assert!(state.overlay.is_some(), "{command:?} opens no popup");
        state
    }

    fn showing(overlay: Overlay) -> State {
        let mut state = sample();
        state.overlay = Some(overlay);
        state
    }

    /// Every popup, drawn into areas of every size up to 40×12 (and a few
    /// larger ones): the shared frame keeps each inside its area, shows its
    /// title where there is room, and never panics.
    #[test]
    fn every_popup_draws_framed_in_any_area() {
        let theme = Theme::default();
        let popups = [
            (opened_by(Command::Help), "Keys"),
            (opened_by(Command::Filter), "Filter the timeline"),
            (opened_by(Command::EditNote), "Note on event"),
            (opened_by(Command::EditTags), "Tags of event"),
            (opened_by(Command::NewEvent), "New event"),
            (opened_by(Command::Export), "Export the timeline"),
            (opened_by(Command::Search), "Search"),
            (opened_by(Command::AllArticles), "All articles"),
            (opened_by(Command::Speakers), "Who said what"),
            (opened_by(Command::Chart), "The timeline over time"),
            (showing(Overlay::Warnings { scroll: 0 }), "Loading problems"),
            (
                showing(Overlay::Import(Box::new(
                    crate::app::state::import::ImportPrompt::new("corpus".into()),
                ))),
                "Import an article",
            ),
            (
                showing(Overlay::Notice {
                    title: "Imported".into(),
                    lines: vec!["one line".into(); 40],
                    scroll: 3,
                }),
                "Imported",
            ),
            (
                showing(Overlay::ConfirmQuit {
                    why: "disk full".into(),
                }),
                "Quit without saving?",
            ),
        ];
        for (state, title) in &popups {
            let sizes = (0..=40u16)
                .flat_map(|w| (0..=12u16).map(move |h| (w, h)))
                .chain([(60, 20), (81, 25), (200, 60)]);
            for (w, h) in sizes {
                let area = Rect::new(0, 0, w, h);
                let mut buf = Buffer::empty(area);
                super::render(state, &theme, area, &mut buf);
                if w >= 60 && h >= 20 {
                    let text: String = buf.content.iter().map(|c| c.symbol()).collect();
                    assert!(text.contains(title), "{title} at {w}×{h}: {text}");
                }
            }
        }
    }
}
