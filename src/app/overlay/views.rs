//! What the three read-only views (`A` articles, `@` speakers, `T` chart)
//! share: how a key moves a selection in a list, and the hooks the update
//! calls for any of them (a command, a reload, a resize).

use crate::app::action::Command;
use crate::app::keymap::Popup;
use crate::app::state::{Overlay, State};
use crate::corpus::Corpus;
use crossterm::event::KeyEvent;

/// The keymap section of the popup open that takes commands (a view, or
/// text to read), if one is.
pub fn popup(state: &State) -> Option<Popup> {
    match &state.overlay {
        Some(Overlay::Articles(_)) => Some(Popup::Articles),
        Some(Overlay::Speakers(_)) => Some(Popup::Speakers),
        Some(Overlay::Chart(_)) => Some(Popup::Chart),
        Some(Overlay::Help { .. } | Overlay::Warnings { .. } | Overlay::Notice { .. }) => {
            Some(Popup::Reading)
        }
        _ => None,
    }
}

/// What `key` means when no popup that takes raw keys is open: in a view
/// or a reading popup, its section's (then the global moves and quit);
/// else the focused pane's (then the global ones).
pub fn command_for(state: &State, key: KeyEvent) -> Option<Command> {
    match popup(state) {
        Some(p) => state.keymap.lookup_in(p, key),
        None => state.keymap.lookup(state.focus, key),
    }
}

/// A command while one of these views is open; `false` when none is.
pub fn command(state: &mut State, c: Command) -> bool {
    match &state.overlay {
        Some(Overlay::Articles(_)) => super::articles::command(state, c),
        Some(Overlay::Speakers(_)) => super::speakers::command(state, c),
        Some(Overlay::Chart(_)) => super::chart::command(state, c),
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
        Some(Overlay::Chart(_)) => super::chart::rebuild(state),
        _ => {}
    }
}

/// The terminal was resized: the chart's time buckets follow the width.
pub fn resized(state: &mut State) {
    if matches!(state.overlay, Some(Overlay::Chart(_))) {
        super::chart::rebuild(state);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::app::state::reload::Reloaded;
    use crate::app::{update, Action, State};
    use crate::corpus::{embedded, ArticleIx, Progress};

    /// Reloads the sample without its first article: every article's index
    /// moves down by one (the events' sources follow).
    pub fn reload_without_first_article(state: &mut State) {
        let mut loaded = embedded::load(&Progress::default());
        let corpus = &mut loaded.corpus;
        corpus.articles.remove(0);
        let first = ArticleIx::new(0);
        let moved_down = |a: ArticleIx| ArticleIx::new(a.get() - 1);
        for event in &mut corpus.events {
            event.sources.retain(|s| s.article != first);
            event.accounts.retain(|a| a.source.article != first);
            for s in event.sources.iter_mut() {
                s.article = moved_down(s.article);
            }
            for a in event.accounts.iter_mut() {
                a.source.article = moved_down(a.source.article);
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
