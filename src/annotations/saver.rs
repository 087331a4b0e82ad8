//! Saving off the UI thread: a [`Saver`] owns the [`Store`] on its own
//! thread. Snapshots queued while a save runs are coalesced: only the newest
//! is written. The file changed by someone else is reloaded there too (see
//! [`Store::reload`]), merged with the newest snapshot not yet written.

use super::model::Annotations;
use super::store::{adopt, ReloadOutcome, SaveError, SaveOutcome, Store};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct SaveReport {
    /// The snapshot that was saved (the newest of those queued), as it
    /// was sent: the base a merged outcome is adopted from.
    pub saved: Arc<Annotations>,
    pub outcome: Result<SaveOutcome, SaveError>,
    pub elapsed: Duration,
}

/// What a reload of the file changed on disk found.
#[derive(Debug)]
pub struct ReloadReport {
    /// What the session's side of the merge was (the newest snapshot not
    /// written, else what was last read or written): the base to adopt
    /// the result from (see [`super::store::adopt`]).
    pub ours: Arc<Annotations>,
    pub outcome: Result<ReloadOutcome, SaveError>,
}

/// How many of the saver's reports of each kind a snapshot has taken in.
/// Counted apart: the session reads the two channels in its own order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    pub reloads: u64,
    pub saves: u64,
}

impl Seen {
    /// Every report sent so far.
    pub const ALL: Seen = Seen {
        reloads: u64::MAX,
        saves: u64::MAX,
    };
}

enum Job {
    /// A snapshot, and the reports it has taken in.
    Save(Arc<Annotations>, Seen),
    Reload,
}

/// A report sent with a merge (`ours` merged into `merged`) that a
/// snapshot may not have taken in yet: a reload's, or a save's that found
/// the file changed.
struct SentMerge {
    /// Its place among the reports of its kind (1 for the first).
    number: u64,
    by_save: bool,
    ours: Arc<Annotations>,
    merged: Arc<Annotations>,
}

/// `snapshot` with the merges it has not taken in applied, as the session
/// will apply them when their reports arrive: what it changed since each
/// merge's `ours` stays, the rest is the merge's. Without this, a snapshot
/// taken while a report was on its way would write the file back to its
/// pre-reload state until the session's next save.
fn take_in(snapshot: &Arc<Annotations>, seen: Seen, sent: &mut Vec<SentMerge>) -> Arc<Annotations> {
    sent.retain(|m| {
        m.number
            > match m.by_save {
                true => seen.saves,
                false => seen.reloads,
            }
    });
    sent.iter().fold(snapshot.clone(), |s, m| {
        Arc::new(adopt(&m.ours, &s, &m.merged))
    })
}

pub struct Saver {
    tx: Option<Sender<Job>>,
    reports: Receiver<SaveReport>,
    reloads: Receiver<ReloadReport>,
    thread: Option<JoinHandle<Store>>,
}

impl Saver {
    pub fn spawn(store: Store) -> Saver {
        Saver::spawn_notifying(store, || {})
    }

    /// [`Saver::spawn`], calling `notify` from the saver thread after each
    /// report is sent (e.g. to wake a UI loop).
    pub fn spawn_notifying(store: Store, notify: impl Fn() + Send + 'static) -> Saver {
        let (tx, rx) = mpsc::channel::<Job>();
        let (report_tx, reports) = mpsc::channel();
        let (reload_tx, reloads) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("annotations-saver".into())
            .spawn(move || {
                let mut store = store;
                // The newest snapshot whose save failed: a reload merges
                // it, so changes not written yet are never lost.
                let mut unwritten: Option<Arc<Annotations>> = None;
                let mut reports_sent = Seen::default();
                let mut merges_sent: Vec<SentMerge> = Vec::new();
                while let Ok(first) = rx.recv() {
                    // Coalesce a burst: keep only the newest snapshot.
                    let mut snapshot = None;
                    let mut reload = false;
                    for job in std::iter::once(first).chain(rx.try_iter()) {
                        match job {
                            Job::Save(s, seen) => snapshot = Some((s, seen)),
                            Job::Reload => reload = true,
                        }
                    }
                    // Whether a report was sent, and someone listens.
                    let mut heard = false;
                    // A save merges with the disk already; a reload after
                    // it finds the file as written unless it changed again.
                    if let Some((snapshot, seen)) = snapshot {
                        let start = Instant::now();
                        let whole = take_in(&snapshot, seen, &mut merges_sent);
                        let outcome = store.save(whole.clone());
                        unwritten = outcome.is_err().then_some(whole);
                        reports_sent.saves += 1;
                        // The session adopts it from the snapshot as sent.
                        if let Ok(SaveOutcome::Merged { annotations, .. }) = &outcome {
                            merges_sent.push(SentMerge {
                                number: reports_sent.saves,
                                by_save: true,
                                ours: snapshot.clone(),
                                merged: annotations.clone(),
                            });
                        }
                        let report = SaveReport {
                            saved: snapshot,
                            outcome,
                            elapsed: start.elapsed(),
                        };
                        heard |= report_tx.send(report).is_ok();
                    }
                    if reload {
                        let ours = unwritten.clone().unwrap_or_else(|| store.base());
                        let outcome = store.reload(ours.clone());
                        // Merged, it is in the store's base now (written,
                        // or already in the file).
                        if matches!(outcome, Ok(ReloadOutcome::Merged { .. })) {
                            unwritten = None;
                        }
                        // Its own write is not news.
                        if !matches!(outcome, Ok(ReloadOutcome::Unchanged)) {
                            reports_sent.reloads += 1;
                            if let Ok(ReloadOutcome::Merged { annotations, .. }) = &outcome {
                                merges_sent.push(SentMerge {
                                    number: reports_sent.reloads,
                                    by_save: false,
                                    ours: ours.clone(),
                                    merged: annotations.clone(),
                                });
                            }
                            heard |= reload_tx.send(ReloadReport { ours, outcome }).is_ok();
                        }
                    }
                    // When nobody listens any more, keep saving what comes.
                    if heard {
                        notify();
                    }
                }
                store
            })
            .ok();
        Saver {
            tx: thread.as_ref().map(|_| tx),
            reports,
            reloads,
            thread,
        }
    }

    /// Queues a save of a snapshot that has taken in every report sent so
    /// far; returns at once. `false` when the saver thread is gone.
    pub fn save(&self, snapshot: Arc<Annotations>) -> bool {
        self.save_after(snapshot, Seen::ALL)
    }

    /// Queues a save of a snapshot that has taken in the first
    /// `seen.reloads` reports of [`Saver::reloads`] and the first
    /// `seen.saves` of [`Saver::reports`]: the merges of the later ones are
    /// applied to it first, so it never writes back what they brought in.
    pub fn save_after(&self, snapshot: Arc<Annotations>, seen: Seen) -> bool {
        self.tx
            .as_ref()
            .is_some_and(|tx| tx.send(Job::Save(snapshot, seen)).is_ok())
    }

    /// Queues a reload of the file (it changed on disk); returns at once.
    /// Its report comes on [`Saver::reloads`], none when the file holds
    /// what this session wrote.
    pub fn reload(&self) -> bool {
        self.tx
            .as_ref()
            .is_some_and(|tx| tx.send(Job::Reload).is_ok())
    }

    /// Reports of finished saves (read with `try_recv` when notified).
    pub fn reports(&self) -> &Receiver<SaveReport> {
        &self.reports
    }

    /// Reports of finished reloads (read with `try_recv` when notified).
    pub fn reloads(&self) -> &Receiver<ReloadReport> {
        &self.reloads
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
