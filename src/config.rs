//! Where chronique's own files live when none is named: the annotations
//! beside a corpus (or in the data directory for the built-in sample), the
//! data directory, the reader's keymap. Paths only: reading them is the
//! runtime's (and the commands').

use crate::corpus::CorpusLocation;
use std::path::PathBuf;

/// `<corpus>/annotations.yaml`; for the built-in sample (whose files cannot
/// be written) `sample-annotations.yaml` in the user's data directory
/// (`$XDG_DATA_HOME/chronique`, `~/.local/share/chronique` on Linux).
pub(crate) fn default_path(location: &CorpusLocation) -> Option<PathBuf> {
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
/// `sample_checkout` is [`is_sample_checkout`]'s answer (asked once: it
/// reads the sample's files).
pub fn reader_default_path(location: &CorpusLocation, sample_checkout: bool) -> Option<PathBuf> {
    if sample_checkout {
        default_path(&CorpusLocation::Embedded)
    } else {
        default_path(location)
    }
}

/// Whether the corpus is the `./data` of a chronique checkout (exactly the
/// sample), picked because none was named: the reader writes nothing into it.
pub fn is_sample_checkout(location: &CorpusLocation, corpus_named: bool) -> bool {
    matches!(location, CorpusLocation::Dir(d) if !corpus_named && crate::corpus::embedded::is_copy_in(d))
}

/// The user's data directory for chronique (`$XDG_DATA_HOME/chronique`,
/// else the platform's), where the sample's annotations and the search
/// history are kept.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("chronique"));
    }
    directories::ProjectDirs::from("", "", "chronique").map(|p| p.data_dir().to_path_buf())
}

/// Where the reader's keymap is looked for: `<config dir>/keymap.yaml`.
pub(crate) fn keymap_path() -> Option<PathBuf> {
    crate::theme::config_dir().map(|d| d.join("keymap.yaml"))
}
