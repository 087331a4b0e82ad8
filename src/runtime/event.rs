//! What reaches the event loop from its threads.

use crate::app::Action;
use crate::search::Index;
use crossterm::event::Event;
use std::sync::Arc;

/// One thing for the event loop: input, an action from a worker, or news
/// that a worker has something ready.
pub enum AppEvent {
    Input(Event),
    Action(Action),
    /// The search index of corpus number `.1` (see `runtime::search_worker`) is built.
    IndexReady(Arc<Index>, u64),
    /// The searcher has results.
    SearchReady,
    /// The saver finished a save: its report is waiting.
    SaveReady,
    /// The annotations store, to be owned by the saver (`None`: none).
    Annotations(Option<Box<crate::annotations::Store>>),
    /// A terminating signal (see `run::TERMINATING_SIGNALS`): leave cleanly.
    Signal(i32),
}
