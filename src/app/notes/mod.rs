//! The reader's annotations as the reader sees them: what the selected
//! item is ([`target`]), how it is named and marked ([`present`]), edits
//! through the session's history and save outcomes ([`edit`]), the
//! timeline's rows under the filter ([`rows`]). The data they act on is in
//! [`super::state::notes`].

pub mod edit;
pub mod present;
pub mod rows;
pub mod target;

pub use edit::refresh;
pub use target::{current_target, selected_highlight};
