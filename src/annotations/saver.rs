//! Saving off the UI thread: a [`Saver`] owns the [`Store`] on its own
//! thread. Snapshots queued while a save runs are coalesced: only the newest
//! is written.

use super::model::Annotations;
use super::store::{SaveError, SaveOutcome, Store};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct SaveReport {
    /// The snapshot that was saved (the newest of those queued).
    pub saved: Arc<Annotations>,
    pub outcome: Result<SaveOutcome, SaveError>,
    pub elapsed: Duration,
}

pub struct Saver {
    tx: Option<Sender<Arc<Annotations>>>,
    reports: Receiver<SaveReport>,
    thread: Option<JoinHandle<Store>>,
}

impl Saver {
    pub fn spawn(store: Store) -> Saver {
        Saver::spawn_notifying(store, || {})
    }

    /// [`Saver::spawn`], calling `notify` from the saver thread after each
    /// report is sent (e.g. to wake a UI loop).
    pub fn spawn_notifying(store: Store, notify: impl Fn() + Send + 'static) -> Saver {
        let (tx, rx) = mpsc::channel::<Arc<Annotations>>();
        let (report_tx, reports) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("annotations-saver".into())
            .spawn(move || {
                let mut store = store;
                while let Ok(mut snapshot) = rx.recv() {
                    // Coalesce a burst: keep only the newest.
                    while let Ok(newer) = rx.try_recv() {
                        snapshot = newer;
                    }
                    let start = Instant::now();
                    let outcome = store.save(snapshot.clone());
                    let report = SaveReport {
                        saved: snapshot,
                        outcome,
                        elapsed: start.elapsed(),
                    };
                    // When nobody listens any more, keep saving what comes.
                    if report_tx.send(report).is_ok() {
                        notify();
                    }
                }
                store
            })
            .ok();
        Saver {
            tx: thread.as_ref().map(|_| tx),
            reports,
            thread,
        }
    }

    /// Queues a save; returns at once. `false` when the saver thread is gone.
    pub fn save(&self, snapshot: Arc<Annotations>) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(snapshot).is_ok())
    }

    /// Reports of finished saves (read with `try_recv` when notified).
    pub fn reports(&self) -> &Receiver<SaveReport> {
        &self.reports
    }

    /// Waits for queued saves to finish and returns the store with the
    /// reports not yet read.
    pub fn finish(mut self) -> (Option<Store>, Vec<SaveReport>) {
        self.tx = None;
        let store = self.thread.take().and_then(|t| t.join().ok());
        (store, self.reports.try_iter().collect())
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Let the queued saves complete before the process goes on.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
