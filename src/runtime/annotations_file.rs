//! The reader's annotations read at start-up (called by the runtime's loader
//! thread, never by `update`); where they live is [`crate::config`]'s.

use crate::annotations::{recovery, validate, Store};
use crate::app::state::notes::Opened;
use crate::corpus::Corpus;
use std::path::Path;

/// Opens the store at `path` and checks it against `corpus`: the store (for
/// the saver; `None` when read-only) and what the UI shows.
pub fn open(path: &Path, corpus: &Corpus) -> (Option<Store>, Opened) {
    let result = Store::open(path);
    // A file read-only for another reason than an error is still checked.
    let orphans = if result.diagnostics.iter().any(|d| d.is_error()) {
        Vec::new()
    } else {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        validate::validate(&result.annotations, &text, corpus, path)
    };
    if result.read_only.is_none() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    let opened = Opened {
        path: Some(path.to_path_buf()),
        annotations: result.annotations,
        diagnostics: result.diagnostics,
        read_only: result.read_only.clone(),
        orphans,
        recovery: recovery::peek_recovery(path),
    };
    let store = result.read_only.is_none().then_some(result.store);
    (store, opened)
}
