//! The reader driven in memory: keys in, state and drawn screens out
//! (insta snapshots in `snapshots/`).

#[path = "../common/mod.rs"]
mod common;

mod keys;
mod screens;
mod search_popup;
mod views;
