//! Undo/redo over the whole session. Each undo entry holds the inverse of a
//! change that was applied, and the description of that change.
//!
//! When the file is changed outside the reader and reloaded, the history is
//! kept; a step on an item that changed outside is refused (and dropped)
//! when its turn comes, since applying it would silently put back what the
//! other side wrote. Steps on other items undo as before.

use super::changed::touched;
use super::edit::{apply, Change, EditError, Target};
use super::model::Annotations;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone)]
struct Entry {
    /// Applying this undoes (or, on the redo stack, redoes) the change.
    change: Change,
    /// What the user did: "star event x".
    description: String,
    /// An item it touches was changed outside the reader since.
    changed_outside: Option<Target>,
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
            changed_outside: None,
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
        if let Some(item) = entry.changed_outside {
            return Some(Err(EditError::ChangedOutside(item)));
        }
        Some(apply(a, entry.change, now).map(|forward| {
            self.redo.push(Entry {
                change: forward,
                description: entry.description.clone(),
                changed_outside: None,
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
        if let Some(item) = entry.changed_outside {
            return Some(Err(EditError::ChangedOutside(item)));
        }
        Some(apply(a, entry.change, now).map(|inverse| {
            self.undo.push(Entry {
                change: inverse,
                description: entry.description.clone(),
                changed_outside: None,
            });
            entry.description
        }))
    }

    /// The annotations were changed outside the reader: the steps on any of
    /// `items` will be refused. Says how many steps that is.
    pub fn changed_outside(&mut self, items: &std::collections::HashSet<Target>) -> usize {
        let mut marked = 0;
        for entry in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            if entry.changed_outside.is_none() {
                entry.changed_outside = touched(&entry.change)
                    .into_iter()
                    .find(|t| items.contains(t));
                marked += usize::from(entry.changed_outside.is_some());
            }
        }
        marked
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
