//! The reader's annotations as the reader sees them: what the selected
//! item is ([`target`]), how it is named and marked ([`present`]), edits
//! through the session's history and save outcomes ([`edit`]), the
//! timeline's rows under the filter ([`rows`]), the file changed outside
//! the reader taken in ([`reload`]). The data they act on is in
//! [`super::state::notes`].

pub mod edit;
pub mod present;
pub mod reload;
pub mod rows;
pub mod target;

pub use edit::refresh;
pub use target::{current_target, selected_highlight};
