//! The last good version of each corpus file, for live reload: while a file
//! the reader edits has errors, the reader goes on showing the version that
//! last parsed without one, and reports the new errors.

use crate::diagnostic::{Diagnostic, Pos};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// The bytes of each file (by its display path) the last time it parsed
/// without an error. Filled by every load that is given one; shared by the
/// parallel parsing tasks.
#[derive(Debug, Default)]
pub struct LastGood {
    files: Mutex<HashMap<PathBuf, Vec<u8>>>,
}

impl LastGood {
    /// How many files have a good version kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Vec<u8>>> {
        // A panic in another parsing task leaves the map usable.
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Parses the file at `path` (its display path) made of `bytes`; when it
/// has an error and an earlier version parsed cleanly, that version is what
/// is returned, with the new file's problems (and a warning saying so) as
/// its diagnostics. (Generic over the parser, so that this module needs
/// nothing from the loader.)
pub(super) fn keeping<F>(
    path: PathBuf,
    bytes: Vec<u8>,
    last_good: &LastGood,
    parse: impl Fn(PathBuf, Vec<u8>) -> F,
    diagnostics: fn(&mut F) -> &mut Vec<Diagnostic>,
) -> F {
    let mut parsed = parse(path.clone(), bytes.clone());
    if !diagnostics(&mut parsed).iter().any(Diagnostic::is_error) {
        last_good.lock().insert(path, bytes);
        return parsed;
    }
    let good = match last_good.lock().get(&path) {
        Some(good) if *good != bytes => good.clone(),
        _ => return parsed,
    };
    let mut shown = parse(path.clone(), good);
    let mut problems = std::mem::take(diagnostics(&mut parsed));
    problems.push(shows_last_good(path));
    *diagnostics(&mut shown) = problems;
    shown
}

/// The warning on a broken file shown in its last good version.
pub(super) fn shows_last_good(path: PathBuf) -> Diagnostic {
    Diagnostic::warning(
        path,
        Pos::START,
        "this file has errors: the reader shows its last good version until they are fixed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::load_dir_keeping;
    use crate::corpus::Progress;

    const TIMELINE: &str = "events:\n  - id: a\n    date: 2021-01-06\n    title: First\n";

    #[test]
    fn a_broken_file_shows_its_last_good_version_and_its_new_errors() {
        let dir = tempfile::tempdir().unwrap();
        let timeline = dir.path().join("timeline.yaml");
        std::fs::write(&timeline, TIMELINE).unwrap();
        let kept = LastGood::default();
        let load = || load_dir_keeping(dir.path(), &Progress::default(), Some(&kept)).unwrap();
        assert_eq!(load().corpus.events[0].title, "First");
        assert_eq!(kept.len(), 1);

        std::fs::write(&timeline, "events:\n  - id: [broken\n").unwrap();
        let loaded = load();
        assert_eq!(loaded.corpus.events.len(), 1, "the last good events stay");
        assert_eq!(loaded.corpus.events[0].title, "First");
        assert!(loaded.errors() >= 1, "{:?}", loaded.diagnostics);
        assert!(loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("last good version")));

        // Without a kept version, the broken file is what it is.
        let plain = crate::corpus::load_dir(dir.path(), &Progress::default()).unwrap();
        assert!(plain.corpus.events.is_empty());

        std::fs::write(&timeline, TIMELINE.replace("First", "Fixed")).unwrap();
        let loaded = load();
        assert_eq!(loaded.corpus.events[0].title, "Fixed");
        assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    }
}
