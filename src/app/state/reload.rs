//! What a reload and `e` carry between the state and the runtime.

use crate::corpus::{LoadError, Loaded};
use std::path::PathBuf;

/// A corpus loaded again in the background.
#[derive(Debug)]
pub struct Reloaded {
    pub result: Result<Loaded, LoadError>,
    /// What changed, for the status bar ("timeline.yaml", "the corpus").
    pub what: String,
}

/// What `e` opens: a file, at the line of an item when there is one (the
/// runtime reads the file to find it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    pub path: PathBuf,
    pub item: Option<EditItem>,
}

/// The item whose line the editor opens at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditItem {
    /// An event of `timeline.yaml`, by id.
    Event(String),
    /// A quote of an article's front matter, by id.
    Quote(String),
}
