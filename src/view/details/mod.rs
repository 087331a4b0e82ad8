//! The details pane's content for a width: the selected event (summary,
//! actors, tags, provenance and accounts, selectable sources), the open
//! article's quotes, or one of the reader's events; with the reader's notes.

mod accounts;
mod corpus;
mod doc;
mod notes;

pub use doc::{DetailsDoc, DetailsItem, DetailsMode};

use crate::corpus::Corpus;

impl DetailsDoc {
    pub fn build(corpus: &Corpus, mode: DetailsMode, width: u16) -> DetailsDoc {
        Self::build_annotated(corpus, &Default::default(), mode, width)
    }

    /// With the reader's annotations: notes, markers, their quotes and events.
    pub fn build_annotated(
        corpus: &Corpus,
        notes: &crate::annotations::Annotations,
        mode: DetailsMode,
        width: u16,
    ) -> DetailsDoc {
        let w = usize::from(width.max(1));
        let mut doc = DetailsDoc {
            mode: mode.clone(),
            width,
            lines: Vec::new(),
            items: Vec::new(),
        };
        match mode {
            DetailsMode::Event(e) => doc.event(corpus, notes, e, w),
            DetailsMode::Quotes(a) => {
                doc.quotes(corpus, notes, a, w);
                notes::reader_quotes(&mut doc, corpus, notes, a, w);
            }
            DetailsMode::ReaderEvent(id) => notes::reader_event(&mut doc, corpus, notes, &id, w),
        }
        doc
    }
}
