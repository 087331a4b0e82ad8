//! The corpus: an event timeline and annotated articles.

pub mod date;
mod depth;
pub mod disagreement;
pub mod embedded;
pub(crate) mod ix;
pub mod last_good;
pub mod load;
pub(crate) mod loose;
pub mod model;
pub mod parse;
pub mod passage;
pub(crate) mod patch;
mod provenance;
#[cfg(test)]
mod provenance_tests;
pub mod raw;
pub mod reuse;
pub mod shared;
pub mod source;
mod timeline_order;

pub use date::{DateLang, PartialDate, Precision};
pub use ix::{ArticleIx, EventIx, QuoteIx};
pub use load::{load_dir, LoadError, Loaded, Progress};
pub use model::{
    Account, Article, Corpus, Event, Id, Provenance, ProvenanceKind, Quote, QuoteRef, SourceRef,
};
pub use source::SourceFile;

use std::path::{Path, PathBuf};

/// Which corpus to open when none is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusLocation {
    Dir(PathBuf),
    Embedded,
}

impl CorpusLocation {
    /// The named directory; else `./data` when it holds a `timeline.yaml`;
    /// else the embedded sample.
    pub fn resolve(named: Option<&Path>) -> CorpusLocation {
        match named {
            Some(dir) => CorpusLocation::Dir(dir.to_path_buf()),
            None if Path::new("data/timeline.yaml").is_file() => {
                CorpusLocation::Dir(PathBuf::from("data"))
            }
            None => CorpusLocation::Embedded,
        }
    }

    /// `NAME-HASH`: what names this corpus directory's own files elsewhere
    /// (its cache, its reading position): the folder's name, for a person
    /// looking, and a hash of its whole `canonical` path, so two corpora
    /// with one folder name keep their own files.
    pub fn file_stem(canonical: &Path) -> String {
        let name: String = canonical
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
            .chars()
            .map(|c| match c.is_alphanumeric() || c == '-' {
                true => c,
                false => '_',
            })
            .take(40)
            .collect();
        let hash = reuse::content_hash(canonical.as_os_str().as_encoded_bytes());
        format!("{name}-{hash:016x}")
    }

    pub fn load(&self, progress: &Progress) -> Result<Loaded, LoadError> {
        match self {
            CorpusLocation::Dir(dir) => load_dir(dir, progress),
            CorpusLocation::Embedded => Ok(embedded::load(progress)),
        }
    }
}
