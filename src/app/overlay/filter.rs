//! The filter menu (`f`): what the timeline shows, by marker, status or tag.

use super::outcome::Outcome;
use crate::app::action::Command;
use crate::app::notes::{edit, present};
use crate::app::state::editors::FilterMenu;
use crate::app::state::{Overlay, State};

pub fn open_filter(state: &mut State) {
    let tags = present::known_tags(&state.corpus, &state.notes.data);
    state.overlay = Some(Overlay::Filter(FilterMenu::new(&state.notes.filter, tags)));
}

/// A key in the menu (the keymap's `filter` section): j/k/g/G choose,
/// Enter applies, Esc leaves.
pub fn key(m: &mut FilterMenu, command: Option<Command>) -> Outcome {
    let last = m.items.len().saturating_sub(1);
    match command {
        Some(Command::Close) => return Outcome::Close(None),
        Some(Command::Down) => m.selected = (m.selected + 1).min(last),
        Some(Command::Up) => m.selected = m.selected.saturating_sub(1),
        Some(Command::Top) => m.selected = 0,
        Some(Command::Bottom) => m.selected = last,
        Some(Command::Submit) => return Outcome::Submit(Command::Submit),
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
        format!(
            "No event matches this filter ({} to change it).",
            state.key(Command::Filter)
        )
    } else {
        format!("{shown} event{} shown.", if shown == 1 { "" } else { "s" })
    });
}
