//! The reader's annotation layer (`annotations.yaml`): model, file format,
//! edits with undo/redo, safe storage with merge, recovery and validation.
//! Everything here is below the UI; only `store`, `saver` and `recovery` do IO.

pub mod changed;
pub mod edit;
pub(crate) mod emit;
pub mod filter;
pub mod format;
pub mod history;
pub mod merge;
pub mod model;
pub mod recovery;
pub(crate) mod salvage;
pub mod saver;
pub mod store;
pub mod validate;

pub use edit::{apply, Change, EditError, Target};
pub use history::History;
pub use model::{Annotations, Highlight, Note, ReaderEvent, Status};
pub use saver::{ReloadReport, SaveReport, Saver, Seen};
pub use store::{Malformed, OpenResult, ReloadOutcome, SaveError, SaveOutcome, Store};
