//! The reader's annotations as the state holds them: the data, the
//! session's history, where they are saved and how the last save went.

use crate::annotations::filter::Filter;
use crate::annotations::{recovery::RecoveryDraft, Annotations, History, Target};
use crate::diagnostic::Diagnostic;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::Arc;

/// The annotations of this session.
#[derive(Debug, Default)]
pub struct AnnotationsView {
    pub data: Arc<Annotations>,
    pub history: History,
    /// Why edits are refused ("annotations.yaml:4:1 is malformed",
    /// "annotations.yaml is write-protected"), from start-up.
    pub read_only: Option<String>,
    /// The file on disk stopped reading (a reload found an error): the
    /// read-only reason is that, lifted when a reload reads it again.
    pub broken_on_disk: bool,
    /// Where they are saved (`None`: nowhere, e.g. in tests).
    pub path: Option<PathBuf>,
    pub save: SaveState,
    /// Why the last save failed, until one succeeds: changes are unsaved.
    pub unsaved: Option<String>,
    /// The timeline shows only the events that match.
    pub filter: Option<Filter>,
    /// The selected reader's quote (its id), when one was picked in the
    /// details pane or with `n`/`N`.
    pub highlight: Option<String>,
    /// The clock (tests set it; `None`: now).
    pub clock: Option<DateTime<Utc>>,
    /// What a first `D` asked to delete: a second `D` on it deletes; any
    /// other command forgets it.
    pub pending_delete: Option<Target>,
    /// How many of the saver's reports were taken in: a snapshot says it,
    /// so that the saver merges one made before a report reached us.
    pub seen: crate::annotations::Seen,
}

impl AnnotationsView {
    /// The selected reader's quote, if it is still there.
    pub fn highlighted(&self) -> Option<&crate::annotations::Highlight> {
        self.data.highlight(self.highlight.as_deref()?)
    }
}

/// What the status bar says about saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SaveState {
    #[default]
    Idle,
    Saving,
    Saved,
    /// Merged with changes made on disk; what conflicted.
    Merged {
        conflicts: usize,
        disk_copy: Option<PathBuf>,
    },
    Failed(String),
}

/// What the annotations file held at start-up (sent by the runtime).
#[derive(Debug, Default)]
pub struct Opened {
    pub path: Option<PathBuf>,
    pub annotations: Annotations,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file will never be written (see `Store::open`).
    pub read_only: Option<String>,
    /// Annotations whose event or quote is gone (kept, shown at start).
    pub orphans: Vec<Diagnostic>,
    /// Text left in an editor by a session that was killed.
    pub recovery: Option<RecoveryDraft>,
}

/// A snapshot to save, and how many of the saver's reports it has taken in (see
/// [`crate::annotations::Saver::save_after`]); compared by identity
/// (effects are compared in tests).
#[derive(Debug, Clone)]
pub struct Snapshot(pub Arc<Annotations>, pub crate::annotations::Seen);

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Snapshot {}
