//! The reader's state and behaviour: actions in, state changes, no IO.

pub mod action;
pub mod article_doc;
pub mod details_doc;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod update;
pub mod wrap;

pub use action::{Action, Command, MouseKind, Pane};
pub use state::State;
pub use update::update;
