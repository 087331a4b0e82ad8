//! The filter menu (`f`): what the timeline shows, by marker, status or tag.

use super::outcome::Outcome;
use crate::app::notes::{edit, present};
use crate::app::state::editors::FilterMenu;
use crate::app::state::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};

pub fn open_filter(state: &mut State) {
    let tags = present::known_tags(&state.corpus, &state.notes.data);
    state.overlay = Some(Overlay::Filter(FilterMenu::new(&state.notes.filter, tags)));
}

/// A key in the menu: j/k/g/G choose, Enter applies, Esc leaves.
pub fn key(m: &mut FilterMenu, key: KeyEvent) -> Outcome {
    let last = m.items.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('f') => return Outcome::Close(None),
        KeyCode::Char('j') | KeyCode::Down => m.selected = (m.selected + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => m.selected = m.selected.saturating_sub(1),
        KeyCode::Char('g') | KeyCode::Home => m.selected = 0,
        KeyCode::Char('G') | KeyCode::End => m.selected = last,
        KeyCode::Enter => return Outcome::Submit,
        _ => {}
    }
    Outcome::Keep
}

/// Applies the chosen filter (the menu is closed).
pub fn submit(state: &mut State, m: FilterMenu) {
    let filter = m.items.get(m.selected).and_then(|(_, f)| f.clone());
    let filtered = filter.is_some();
    state.notes.filter = filter;
    edit::refresh(state);
    // The filter itself stays in the status bar: say what it did.
    let shown = state.events.shown();
    state.message = Some(if !filtered {
        "Filter cleared: all events shown.".into()
    } else if shown == 0 {
        "No event matches this filter (f to change it).".into()
    } else {
        format!("{shown} event{} shown.", if shown == 1 { "" } else { "s" })
    });
}
