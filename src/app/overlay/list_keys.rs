//! How a key moves the selection of a list popup (`A`, `@`, `T`).

use crate::app::action::Command;
use crate::app::state::State;

/// How far a moving command goes in a list whose page is `page` rows:
/// `None` for a command that does not move.
pub fn list_delta(c: Command, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match c {
        Command::Up => -1,
        Command::Down => 1,
        Command::PageUp => -page,
        Command::PageDown => page,
        Command::HalfPageUp => -(page / 2).max(1),
        Command::HalfPageDown => (page / 2).max(1),
        Command::Top => isize::MIN / 2,
        Command::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

/// Position `from` moved by `delta` in a list of `len` (kept inside it).
pub fn moved(from: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (from as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

/// The rows a popup list shows at most on this screen (its borders, header
/// and footer lines and the margins around it taken off): the page moved by
/// PageUp/PageDown.
pub fn page(state: &State) -> usize {
    usize::from(state.layout.area.height.saturating_sub(9)).max(1)
}
