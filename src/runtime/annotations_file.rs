//! Where the reader's annotations live and how they are read at start-up
//! (IO; called by the runtime's loader thread, never by `update`).

use crate::app::annotate::Opened;
use crate::annotations::{recovery, validate, Store};
use crate::corpus::{Corpus, CorpusLocation};
use std::path::{Path, PathBuf};

/// `<corpus>/annotations.yaml`; for the built-in sample (whose files cannot
/// be written) `sample-annotations.yaml` in the user's data directory
/// (`$XDG_DATA_HOME/chronique`, `~/.local/share/chronique` on Linux).
pub fn default_path(location: &CorpusLocation) -> Option<PathBuf> {
    match location {
        CorpusLocation::Dir(d) => Some(d.join("annotations.yaml")),
        CorpusLocation::Embedded => data_dir().map(|d| d.join("sample-annotations.yaml")),
    }
}

/// Where the reader keeps annotations when none were named: as
/// [`default_path`], except that the `./data` picked when no corpus is named
/// and that holds exactly the sample (a checkout of chronique) is the
/// sample, whose annotations go to the data directory — so
/// `cargo run --release` never writes into the checkout.
pub fn reader_default_path(location: &CorpusLocation, corpus_named: bool) -> Option<PathBuf> {
    match location {
        CorpusLocation::Dir(d) if !corpus_named && crate::corpus::embedded::is_copy_in(d) => {
            default_path(&CorpusLocation::Embedded)
        }
        _ => default_path(location),
    }
}

/// The user's data directory for chronique (`$XDG_DATA_HOME/chronique`,
/// else the platform's), where the sample's annotations and the search
/// history are kept.
pub(crate) fn data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("chronique"));
    }
    directories::ProjectDirs::from("", "", "chronique").map(|p| p.data_dir().to_path_buf())
}

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
