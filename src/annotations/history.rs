//! Undo/redo over the whole session. Each undo entry holds the inverse of a
//! change that was applied, and the description of that change.

use super::edit::{apply, Change, EditError};
use super::model::Annotations;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone)]
struct Entry {
    /// Applying this undoes (or, on the redo stack, redoes) the change.
    change: Change,
    /// What the user did: "star event x".
    description: String,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Applies `change` and records it; clears what could be redone.
    pub fn do_(
        &mut self,
        a: &mut Annotations,
        change: Change,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        let description = change.describe();
        self.do_described(a, change, description, now)
    }

    /// [`History::do_`], with the description undo and redo will give.
    pub(crate) fn do_described(
        &mut self,
        a: &mut Annotations,
        change: Change,
        description: String,
        now: DateTime<Utc>,
    ) -> Result<(), EditError> {
        let inverse = apply(a, change, now)?;
        self.undo.push(Entry {
            change: inverse,
            description,
        });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last change and says what was undone; `None` when there is
    /// nothing to undo. A change that no longer applies (its item was removed
    /// on disk meanwhile) is dropped and its error returned.
    pub fn undo(
        &mut self,
        a: &mut Annotations,
        now: DateTime<Utc>,
    ) -> Option<Result<String, EditError>> {
        let entry = self.undo.pop()?;
        Some(apply(a, entry.change, now).map(|forward| {
            self.redo.push(Entry {
                change: forward,
                description: entry.description.clone(),
            });
            entry.description
        }))
    }

    /// Redoes the last undone change and says what was redone.
    pub fn redo(
        &mut self,
        a: &mut Annotations,
        now: DateTime<Utc>,
    ) -> Option<Result<String, EditError>> {
        let entry = self.redo.pop()?;
        Some(apply(a, entry.change, now).map(|inverse| {
            self.undo.push(Entry {
                change: inverse,
                description: entry.description.clone(),
            });
            entry.description
        }))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
