//! The sample corpus (Parler v. Amazon Web Services), compiled into the binary
//! from `data/` so the app runs anywhere.

use super::load::{self, Loaded, Progress, SourceFile};
use std::path::PathBuf;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
}

/// How the embedded files are named in diagnostics.
pub const ROOT: &str = "<sample>";

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
