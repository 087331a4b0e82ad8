//! The reader's annotations as the reader sees them: what the selected
//! item is, edits through the session's history, saving, the timeline's
//! filter and rows.

pub mod edit;

pub use edit::{current_target, refresh, selected_highlight, Filter, SaveState};
