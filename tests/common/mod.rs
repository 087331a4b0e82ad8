//! Helpers shared by the reader's tests.
#![allow(dead_code)]

pub mod pty;

use chronique::corpus::{embedded, Progress};
use chronique::reader::SafeBackend;
use chronique::reader::Screen;
use chronique::reader::{self as app, Action, Command, State};
use chronique::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub fn sample_state(width: u16, height: u16) -> State {
    app::ready_state(embedded::load(&Progress::default()), width, height)
}

pub fn press(state: &mut State, commands: &[Command]) {
    for &c in commands {
        app::update(state, Action::Command(c));
    }
}

/// Draws `state` as the reader does: through [`SafeBackend`].
pub fn render(state: &State) -> Terminal<SafeBackend<TestBackend>> {
    let area = state.layout.area;
    let mut terminal =
        Terminal::new(SafeBackend::new(TestBackend::new(area.width, area.height))).unwrap();
    let theme = Theme::default();
    terminal
        .draw(|f| {
            f.render_widget(
                &Screen {
                    state,
                    theme: &theme,
                },
                f.area(),
            )
        })
        .unwrap();
    terminal
}

/// The screen as text, one line per row.
pub fn screen_text(state: &State) -> String {
    let t = render(state);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
