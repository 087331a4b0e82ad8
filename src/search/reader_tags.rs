//! The reader's own tags, from the annotations, for `#tag`: the index is
//! built once from the corpus, and these change as the reader annotates, so
//! they are given to each search.

use super::fold::fold;
use crate::annotations::Annotations;
use std::collections::HashMap;

/// Folded tags by item id: an event's id, a quote's `article#quote` (as
/// the annotations file keys them, and as the index names items).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReaderTags {
    by_id: HashMap<String, Vec<String>>,
}

impl ReaderTags {
    pub fn from_annotations(annotations: &Annotations) -> ReaderTags {
        let by_id = annotations
            .events
            .iter()
            .chain(&annotations.quotes)
            .filter(|(_, note)| !note.tags.is_empty())
            .map(|(id, note)| (id.clone(), note.tags.iter().map(|t| fold(t)).collect()))
            .collect();
        ReaderTags { by_id }
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The tags of the item named `id`.
    pub fn of(&self, id: &str) -> &[String] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }
}
