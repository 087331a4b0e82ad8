//! Writing the corpus cache after live reloads, once the edits pause.
//!
//! The cache file is written whole (about 3.4× the corpus: 300 MB for
//! 10,000 articles), so writing it after every save in the editor beside
//! the reader would keep a core and the disk busy while the user edits,
//! and slow the next reload. A reload's changes are already in memory (the
//! next reload patches them); the file only makes the next start warm, and
//! one left behind is still used for every file that did not change.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// How long after the last reload the cache is written.
pub(super) const QUIET: Duration = Duration::from_secs(5);

/// A thread that runs `save` once no request came for a while.
pub(super) struct CacheSaver {
    requests: Sender<()>,
}

impl CacheSaver {
    pub fn spawn(quiet: Duration, save: impl Fn() + Send + 'static) -> CacheSaver {
        let (requests, rx) = mpsc::channel::<()>();
        thread::spawn(move || {
            while rx.recv().is_ok() {
                loop {
                    match rx.recv_timeout(quiet) {
                        Ok(()) => continue, // another reload: wait again
                        Err(RecvTimeoutError::Timeout) => break,
                        // Its worker is gone (in the reader, the process
                        // ends first: a reload less than `quiet` before
                        // quitting is not written; the next start parses
                        // only what changed).
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                save();
            }
        });
        CacheSaver { requests }
    }

    /// Asks for a write once `quiet` has passed with no other request.
    pub fn request(&self) {
        let _ = self.requests.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn requests_in_a_burst_are_one_write_once_they_pause() {
        let saves = Arc::new(AtomicUsize::new(0));
        let counted = saves.clone();
        let saver = CacheSaver::spawn(Duration::from_millis(300), move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let wait_for = |n: usize| {
            let start = Instant::now();
            while saves.load(Ordering::SeqCst) < n && start.elapsed() < Duration::from_secs(20) {
                thread::sleep(Duration::from_millis(10));
            }
        };
        for _ in 0..3 {
            saver.request();
        }
        assert_eq!(saves.load(Ordering::SeqCst), 0, "not before the pause");
        wait_for(1);
        thread::sleep(Duration::from_millis(600));
        assert_eq!(saves.load(Ordering::SeqCst), 1, "one write for the burst");
        saver.request();
        wait_for(2);
        assert_eq!(
            saves.load(Ordering::SeqCst),
            2,
            "a later reload writes again"
        );
    }

    /// The wait starts again at each request: a reload halfway through it
    /// puts the write off.
    #[test]
    fn each_request_puts_the_write_off_again() {
        let quiet = Duration::from_millis(800);
        let saves = Arc::new(AtomicUsize::new(0));
        let counted = saves.clone();
        let saver = CacheSaver::spawn(quiet, move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        let start = Instant::now();
        saver.request();
        thread::sleep(quiet / 2);
        saver.request();
        let second = start.elapsed();
        thread::sleep(quiet * 3 / 4);
        let checked = start.elapsed();
        let saved = saves.load(Ordering::SeqCst);
        // Only when the sleeps were on time (a busy machine may oversleep):
        // past the first request's wait, before the second's.
        if second < quiet && checked > quiet && checked < second + quiet {
            assert_eq!(
                saved, 0,
                "written {checked:?} after a request at {second:?}"
            );
        }
        while saves.load(Ordering::SeqCst) == 0 && start.elapsed() < Duration::from_secs(20) {
            thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(saves.load(Ordering::SeqCst), 1);
    }
}
