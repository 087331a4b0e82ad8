//! The search history's file: read before the first frame, written by the
//! runtime's history writer (never by `update`).

use crate::app::search_history::SearchHistory;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::thread;

/// The history's file in `data_dir` (the data directory, where the
/// sample's annotations are kept).
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join("search-history")
}

/// The history at `path`; empty when there is none yet or it cannot be read
/// (a history is a convenience, never a reason not to start).
pub fn load(path: &Path) -> SearchHistory {
    match std::fs::read(path) {
        Ok(bytes) => SearchHistory::from_text(&String::from_utf8_lossy(&bytes)),
        Err(_) => SearchHistory::default(),
    }
}

/// Writes the history to `path` atomically (a crash leaves the old file or
/// the new one), creating the directory.
pub fn save(path: &Path, history: &SearchHistory) -> io::Result<()> {
    write_creating_dir(path, history.to_text().as_bytes())
}

/// Writes one of the reader's small files atomically, creating its
/// directory (the data directory may not exist yet).
pub(crate) fn write_creating_dir(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    crate::annotations::store::write_atomic(path, bytes, false)
}

/// Writes the search history on its own thread (a write syncs the disk);
/// when saves queue up, only the newest is written.
pub(super) struct HistoryWriter {
    tx: Sender<SearchHistory>,
    thread: thread::JoinHandle<()>,
}

impl HistoryWriter {
    pub(super) fn spawn(path: std::path::PathBuf) -> HistoryWriter {
        let (tx, rx) = mpsc::channel::<SearchHistory>();
        let thread = thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let newest = rx.try_iter().last().unwrap_or(first);
                // A history that cannot be written is not worth a message.
                let _ = save(&path, &newest);
            }
        });
        HistoryWriter { tx, thread }
    }

    pub(super) fn save(&self, history: SearchHistory) {
        let _ = self.tx.send(history);
    }

    /// Waits for the queued saves.
    pub(super) fn finish(self) {
        drop(self.tx);
        let _ = self.thread.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_creates_the_directory_and_load_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/chronique/search-history");
        assert_eq!(load(&path), SearchHistory::default());
        let mut h = SearchHistory::default();
        h.record("couper les ponts");
        save(&path, &h).unwrap();
        assert_eq!(load(&path), h);
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["search-history"]);
    }
}
