//! The popups over the panes: each takes its keys and changes the state.

pub mod articles;
pub mod chart;
pub mod export;
pub mod form;
pub mod list_keys;
pub mod mark;
pub mod search;
pub mod speakers;
pub mod views;
