//! The only layer that does IO: the event loop and its worker threads
//! (loader, searcher, saver, watcher, signals, input), the terminal guard,
//! the editor hand-over, the reader's imports, the files the reader reads and writes at
//! start-up (annotations, keymap, search history, reading position) and the recovery slot. It turns
//! events into [`crate::app::Action`]s and performs the app's `Effect`s.

pub mod annotations_file;
pub mod annotations_watch;
mod cache_saver;
pub mod editor;
pub mod event;
pub mod history_file;
pub mod import_job;
pub mod keymap_file;
pub mod recovery_slot;
pub mod run;
mod search_worker;
pub mod session_file;
pub mod tui;
pub mod watcher;
