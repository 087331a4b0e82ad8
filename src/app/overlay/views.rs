//! What the three read-only views (`A` articles, `@` speakers, `T` chart)
//! share: how a key moves a selection in a list, and the hooks the update
//! calls for any of them (a command, a reload, a resize).

use crate::app::action::Command;
use crate::app::state::{Overlay, State};
use crate::corpus::Corpus;

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

/// A command while one of these views is open; `false` when none is.
pub fn command(state: &mut State, c: Command) -> bool {
    match &state.overlay {
        Some(Overlay::Articles(_)) => super::articles::command(state, c),
        Some(Overlay::Speakers(_)) => super::speakers::command(state, c),
        _ => return false,
    }
    true
}

/// The corpus was reloaded under an open view: rebuild what it shows from
/// the new corpus, its selection found again by id.
pub fn reloaded(state: &mut State, old: &Corpus) {
    match &state.overlay {
        Some(Overlay::Articles(_)) => super::articles::reloaded(state, old),
        Some(Overlay::Speakers(_)) => super::speakers::reloaded(state, old),
        _ => {}
    }
}

/// The terminal was resized: the chart's time buckets follow the width.
pub fn resized(state: &mut State) {
    let _ = state;
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::app::state::reload::Reloaded;
    use crate::app::{update, Action, State};
    use crate::corpus::{embedded, Progress};

    /// Reloads the sample without its first article: every article's index
    /// moves down by one (the events' sources follow).
    pub fn reload_without_first_article(state: &mut State) {
        let mut loaded = embedded::load(&Progress::default());
        let corpus = &mut loaded.corpus;
        corpus.articles.remove(0);
        for event in &mut corpus.events {
            event.sources.retain(|s| s.article > 0);
            event.accounts.retain(|a| a.source.article > 0);
            for s in event.sources.iter_mut() {
                s.article -= 1;
            }
            for a in event.accounts.iter_mut() {
                a.source.article -= 1;
            }
        }
        corpus.link();
        corpus.root = Some("corpus".into());
        let reload = Reloaded {
            result: Ok(loaded),
            what: "articles".into(),
        };
        update(state, Action::Reloaded(Box::new(reload)));
    }
}
