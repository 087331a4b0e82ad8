//! Watching the annotations file for changes made outside the reader (by
//! hand, by `git pull`, by a second chronique). The file may live outside
//! the corpus (`--annotations FILE`, the data directory for the sample), so
//! its own folder is watched, not recursively, for that one name. What a
//! change means is the saver's to find out (see
//! [`crate::annotations::Store::reload`]): the reader's own saves are told
//! from others' by their bytes, not by when they happened.

use crate::app::Action;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// As the corpus's watcher: an editor's or git's burst of writes (a
/// temporary file, a rename) is one change.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Watching stops when it is dropped.
pub type AnnotationsWatch = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Calls `changed` (on the watcher's thread) after each burst of changes
/// to `file`. Reads of the file (the reader's own, on Linux) are not
/// changes.
pub fn watch(
    file: &Path,
    changed: impl Fn() + Send + 'static,
) -> Result<AnnotationsWatch, notify_debouncer_full::notify::Error> {
    let (dir, name) = folder_and_name(file);
    let events_dir = dir.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let touched = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| &e.paths)
            .any(|path| is_the_file(&events_dir, &name, path));
        if touched {
            changed();
        }
    })?;
    debouncer.watch(&dir, RecursiveMode::NonRecursive)?;
    Ok(debouncer)
}

/// Watches the file `store` writes, sending [`Action::AnnotationsChanged`]
/// on each change; when it cannot, says so with [`Action::Failed`].
pub fn start(
    store: &crate::annotations::Store,
    send: impl Fn(Action) + Send + Clone + 'static,
) -> Option<AnnotationsWatch> {
    let on_change = send.clone();
    match watch(store.real_path(), move || {
        on_change(Action::AnnotationsChanged)
    }) {
        Ok(watching) => Some(watching),
        Err(why) => {
            send(Action::Failed(format!(
                "Not watching {} for changes ({why}): R reads it again",
                store.path().display()
            )));
            None
        }
    }
}

/// The folder to watch (as the events name it: links resolved) and the
/// file's name in it.
fn folder_and_name(file: &Path) -> (PathBuf, OsString) {
    let name = file.file_name().unwrap_or_default().to_os_string();
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    (
        std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
        name,
    )
}

/// `path` is the watched file: not its backup, lock, temporary or conflict
/// copies beside it.
fn is_the_file(dir: &Path, name: &OsString, path: &Path) -> bool {
    path.parent() == Some(dir) && path.file_name() == Some(name.as_os_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_file_itself_is_a_change() {
        let dir = Path::new("/data");
        let name = OsString::from("annotations.yaml");
        assert!(is_the_file(dir, &name, Path::new("/data/annotations.yaml")));
        for other in [
            "/data/annotations.yaml.bak",
            "/data/.annotations.yaml.lock",
            "/data/.annotations.yaml.tmp-42",
            "/data/annotations.conflict-2026-01-01T00-00-00.000Z.yaml",
            "/data/sub/annotations.yaml",
            "/data",
        ] {
            assert!(!is_the_file(dir, &name, Path::new(other)), "{other}");
        }
    }
}
