//! The sample corpus (Parler v. Amazon Web Services), compiled into the binary
//! from `data/` so the app runs anywhere.

use super::load::{self, Loaded, Progress, SourceFile};
use std::path::{Path, PathBuf};

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
}

/// How the embedded files are named in diagnostics.
pub(crate) const ROOT: &str = "<sample>";

/// Whether `dir` holds exactly the sample: the same `timeline.yaml` and the
/// same articles, byte for byte (the repository's own `data/`).
pub(crate) fn is_copy_in(dir: &Path) -> bool {
    let same = |path: PathBuf, text: &str| {
        crate::fsread::read(&path).is_ok_and(|bytes| bytes == text.as_bytes())
    };
    let Some(timeline) = files::TIMELINE else {
        return false;
    };
    if !same(dir.join("timeline.yaml"), timeline) {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dir.join("articles")) else {
        return false;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    let mut sample: Vec<&str> = files::ARTICLES.iter().map(|(n, _)| *n).collect();
    sample.sort();
    names == sample
        && files::ARTICLES
            .iter()
            .all(|(name, text)| same(dir.join("articles").join(name), text))
}

/// The sample's files: (path inside the corpus, text).
pub fn files() -> Vec<(PathBuf, &'static str)> {
    let articles = files::ARTICLES
        .iter()
        .map(|(name, text)| (PathBuf::from("articles").join(name), *text));
    files::TIMELINE
        .map(|text| (PathBuf::from("timeline.yaml"), text))
        .into_iter()
        .chain(articles)
        .collect()
}

pub fn load(progress: &Progress) -> Loaded {
    let root = PathBuf::from(ROOT);
    let timeline = files::TIMELINE.map(|text| SourceFile {
        path: root.join("timeline.yaml"),
        bytes: text.as_bytes().to_vec(),
    });
    let articles = files::ARTICLES
        .iter()
        .map(|(name, text)| SourceFile {
            path: root.join("articles").join(name),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    load::load_files(None, timeline, articles, progress)
}
