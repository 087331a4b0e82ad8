//! The export form's state (see `overlay::export`).

use crate::export::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    pub format: Format,
    pub path: String,
    /// The reader typed in the path: changing the format keeps it.
    pub edited: bool,
}
