//! The reader's annotations: the file format, the store (saving, merging,
//! locking, crash safety), `chronique check` on them, and the annotation
//! popups driven by keys (insta snapshots in `snapshots/`).

#[path = "../common/mod.rs"]
mod common;

mod check;
mod crash;
mod edit_event;
mod event_pick;
mod format;
mod lock;
mod many_problems;
mod marking;
mod quit;
mod readline;
mod reload;
mod roundtrip;
mod safety;
mod session;
mod store;
mod ui;
