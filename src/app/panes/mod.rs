//! What the keys and the mouse do in each pane: move the selection or the
//! scroll, act on the selected item (Enter), take a click or the wheel.
//! Moves that reach other panes go through [`super::nav`].

pub mod article;
pub mod details;
pub mod events;
