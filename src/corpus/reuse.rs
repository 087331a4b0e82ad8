//! Parsed files kept from an earlier load. Parsing the YAML is most of a
//! load, so the loader asks a [`Reuse`] (the on-disk cache, `crate::cache`)
//! for each file before reading it, and tells it what it parsed. The
//! cross-file checks (duplicate ids, references) always run again: they
//! depend on every file.

use super::parse::{ArticleFile, TimelineFile};
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// One corpus file as parsed, before the cross-file checks: what a cache
/// keeps. Opaque outside the loader.
#[derive(Clone, Serialize, Deserialize)]
pub struct ParsedFile(pub(super) Parsed);

#[derive(Clone, Serialize, Deserialize)]
pub(super) enum Parsed {
    Timeline(TimelineFile),
    /// Boxed: most files are articles, and an article is much larger.
    Article(Box<ArticleFile>),
}

impl ParsedFile {
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics().iter().any(Diagnostic::is_error)
    }

    /// The body of the article parsed, if it is one.
    pub(crate) fn article_body(&self) -> Option<crate::shared_text::SharedText> {
        match &self.0 {
            Parsed::Article(a) => a.article.as_ref().map(|a| a.body.clone()),
            Parsed::Timeline(_) => None,
        }
    }

    /// The file as shown in diagnostics.
    pub(super) fn path(&self) -> &Path {
        match &self.0 {
            Parsed::Timeline(t) => &t.path,
            Parsed::Article(a) => &a.path,
        }
    }

    fn diagnostics(&self) -> &[Diagnostic] {
        match &self.0 {
            Parsed::Timeline(t) => &t.diagnostics,
            Parsed::Article(a) => &a.diagnostics,
        }
    }

    /// Shows the file as `shown`: the same corpus opened from another
    /// working directory has other display paths. (The article itself,
    /// shared, names its file relative to the corpus folder: it is not
    /// copied.)
    pub(super) fn rebase(&mut self, shown: &Path) {
        let (path, diagnostics) = match &mut self.0 {
            Parsed::Timeline(t) => (&mut t.path, &mut t.diagnostics),
            Parsed::Article(a) => (&mut a.path, &mut a.diagnostics),
        };
        if path.as_path() == shown {
            return;
        }
        for d in diagnostics.iter_mut().filter(|d| d.path == *path) {
            d.path = shown.to_path_buf();
        }
        *path = shown.to_path_buf();
    }
}

/// What a file was when it was parsed: its size and modification time, to
/// tell cheaply that it has not changed, and a hash of its bytes, for when
/// they disagree (a `touch`, a checkout, a copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch (0 when the system has none).
    pub modified_ns: u128,
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `bytes`, read from a file whose modification time was
    /// `modified_ns` just before (so a write during the read is seen as a
    /// change next time).
    pub fn new(modified_ns: u128, bytes: &[u8]) -> Stamp {
        Stamp {
            size: bytes.len() as u64,
            modified_ns,
            hash: content_hash(bytes),
        }
    }
}

pub(crate) fn modified_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified().map_or(0, ns_since_epoch)
}

pub(crate) fn ns_since_epoch(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// A fast non-cryptographic hash (XXH3): it tells edits apart, nobody forges
/// a corpus file against their own cache.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A store of parsed files, asked by the loader's parallel tasks. Paths are
/// relative to the corpus directory (`timeline.yaml`, `articles/a.md`).
pub trait Reuse: Sync {
    /// The parse of `relative` (at `path`) when the file has not changed
    /// since it was kept. Shared: a store keeps it decoded in memory for
    /// the next load (live reload), and the loader copies what it needs.
    fn unchanged(&self, relative: &Path, path: &Path) -> Option<Arc<ParsedFile>>;
    /// Its last parse without an error, however it changed since (live
    /// reload shows it while the file is broken).
    fn last_good(&self, relative: &Path) -> Option<ParsedFile>;
    /// `relative`, as `stamp` says it was read, parsed as `parsed`.
    fn parsed(&self, relative: &Path, stamp: Stamp, parsed: &Arc<ParsedFile>);
}

/// Whether a file of the `articles` folder is an article: `*.md`, not
/// hidden.
pub(crate) fn is_article_name(name: &str) -> bool {
    name.ends_with(".md") && !name.starts_with('.')
}

/// `articles/NAME`, the relative path of an article file.
pub(crate) fn article_path(name: &std::ffi::OsStr) -> PathBuf {
    Path::new("articles").join(name)
}

/// A timeline or an article file, moved in and out of a [`ParsedFile`].
pub(super) trait Part: Sized {
    fn into_parsed(self) -> ParsedFile;
    fn from_parsed(parsed: ParsedFile) -> Option<Self>;
}

impl Part for TimelineFile {
    fn into_parsed(self) -> ParsedFile {
        ParsedFile(Parsed::Timeline(self))
    }

    fn from_parsed(parsed: ParsedFile) -> Option<Self> {
        match parsed.0 {
            Parsed::Timeline(t) => Some(t),
            Parsed::Article(_) => None,
        }
    }
}

impl Part for ArticleFile {
    fn into_parsed(self) -> ParsedFile {
        ParsedFile(Parsed::Article(Box::new(self)))
    }

    fn from_parsed(parsed: ParsedFile) -> Option<Self> {
        match parsed.0 {
            Parsed::Article(a) => Some(*a),
            Parsed::Timeline(_) => None,
        }
    }
}

impl ParsedFile {
    pub(super) fn is_timeline(&self) -> bool {
        matches!(self.0, Parsed::Timeline(_))
    }

    /// This good version, shown while `broken` (the file as it is now) has
    /// errors: it carries the broken file's diagnostics and a warning.
    pub(super) fn shown_instead_of(mut self, broken: ParsedFile) -> ParsedFile {
        let path = match &broken.0 {
            Parsed::Timeline(t) => t.path.clone(),
            Parsed::Article(a) => a.path.clone(),
        };
        let mut problems = match broken.0 {
            Parsed::Timeline(t) => t.diagnostics,
            Parsed::Article(a) => a.diagnostics,
        };
        problems.push(super::last_good::shows_last_good(path));
        match &mut self.0 {
            Parsed::Timeline(t) => t.diagnostics = problems,
            Parsed::Article(a) => a.diagnostics = problems,
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse::parse_article;
    use crate::corpus::SourceFile;

    const ARTICLE: &str =
        "---\nid: a\ntitle: A\nquotes:\n  - id: q\n    text: \"mot\"\n    bad: 1\n---\nmot\n";

    #[test]
    fn a_kept_article_shown_from_another_directory_is_not_copied() {
        let file = SourceFile {
            path: "here/corpus/articles/a.md".into(),
            bytes: ARTICLE.as_bytes().to_vec(),
        };
        let mut parsed = parse_article(file).into_parsed();
        let Parsed::Article(before) = &parsed.0 else {
            unreachable!()
        };
        let article = before.article.clone().unwrap();
        assert_eq!(article.path, Path::new("articles/a.md"), "relative");
        assert!(!before.diagnostics.is_empty(), "the unknown field");
        let shown = Path::new("/elsewhere/corpus/articles/a.md");
        parsed.rebase(shown);
        let Parsed::Article(after) = &parsed.0 else {
            unreachable!()
        };
        assert!(Arc::ptr_eq(after.article.as_ref().unwrap(), &article));
        assert_eq!(parsed.path(), shown);
        assert!(parsed.diagnostics().iter().all(|d| d.path == shown));
    }

    #[test]
    fn an_articles_file_is_below_the_corpus_it_is_opened_as() {
        let file = SourceFile {
            path: "x/articles/a.md".into(),
            bytes: ARTICLE.as_bytes().to_vec(),
        };
        let article = parse_article(file).article.unwrap();
        let mut corpus = crate::corpus::Corpus::default();
        corpus.articles.push(Arc::unwrap_or_clone(article));
        let a = crate::corpus::ArticleIx::new(0);
        assert_eq!(corpus.article_file(a), Path::new("articles/a.md"), "sample");
        corpus.root = Some("/data/corpus".into());
        assert_eq!(
            corpus.article_file(a),
            Path::new("/data/corpus/articles/a.md")
        );
    }
}
