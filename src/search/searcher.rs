//! Searching on a background thread, so that typing never waits: each
//! [`Searcher::submit`] cancels the search still running, and a query that
//! extends the last completed one only rescans that one's hits.

use super::index::{Hit, Index};
use super::query::Query;
use super::Scope;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// How many results of a search are ranked by Skim's own score (see
/// [`Index::search`]): a few pages of the result list.
pub const RANKED: usize = 200;

/// The outcome of one submitted query.
#[derive(Debug, Clone)]
pub struct SearchResult {
    /// As returned by the [`Searcher::submit`] call that asked for it.
    pub generation: u64,
    pub query: Query,
    /// Best first.
    pub hits: Arc<Vec<Hit>>,
    /// Whether only the previous results were rescanned.
    pub narrowed: bool,
}

struct Job {
    generation: u64,
    query: Query,
    cancel: Arc<AtomicBool>,
}

pub struct Searcher {
    index: Arc<Index>,
    jobs: Option<Sender<Job>>,
    results: Receiver<SearchResult>,
    running: Arc<AtomicBool>,
    generation: u64,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    /// Starts the worker thread. `notify` is called from it after each
    /// result is sent (e.g. to wake a UI loop); pass `|| {}` if unneeded.
    pub fn new(index: Arc<Index>, notify: impl Fn() + Send + 'static) -> Searcher {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        let worker_index = Arc::clone(&index);
        let worker = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || work(&worker_index, &job_rx, &result_tx, &notify))
            .ok();
        Searcher {
            index,
            jobs: Some(jobs),
            results,
            running: Arc::new(AtomicBool::new(false)),
            generation: 0,
            worker,
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Queues a search for `input` (which may start with a scope prefix)
    /// and cancels the one before. Returns its generation number.
    pub fn submit(&mut self, input: &str, scope: Scope) -> u64 {
        self.running.store(true, Ordering::Relaxed);
        self.generation += 1;
        self.running = Arc::new(AtomicBool::new(false));
        let job = Job {
            generation: self.generation,
            query: Query::parse(input, scope),
            cancel: Arc::clone(&self.running),
        };
        if let Some(jobs) = &self.jobs {
            jobs.send(job).ok();
        }
        self.generation
    }

    /// The latest generation submitted.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Where results arrive, in the order searches complete.
    pub fn results(&self) -> &Receiver<SearchResult> {
        &self.results
    }

    /// The newest result received so far, if any, discarding older ones.
    pub fn try_latest(&self) -> Option<SearchResult> {
        self.results.try_iter().last()
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.running.store(true, Ordering::Relaxed);
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            worker.join().ok();
        }
    }
}

fn work(index: &Index, jobs: &Receiver<Job>, results: &Sender<SearchResult>, notify: &dyn Fn()) {
    let mut last: Option<(Query, Arc<Vec<Hit>>)> = None;
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued job matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let previous = last.as_ref().map(|(q, hits)| (q, hits.as_slice()));
        let narrowed = previous.is_some_and(|(q, _)| job.query.narrows(q));
        let Some(hits) = index.search(&job.query, previous, RANKED, &job.cancel) else {
            continue;
        };
        let hits = Arc::new(hits);
        last = Some((job.query.clone(), Arc::clone(&hits)));
        let result = SearchResult {
            generation: job.generation,
            query: job.query,
            hits,
            narrowed,
        };
        if results.send(result).is_err() {
            return;
        }
        notify();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{embedded, Progress};
    use std::time::Duration;

    #[test]
    fn results_arrive_and_extensions_narrow() {
        let corpus = embedded::load(&Progress::default()).corpus;
        let mut searcher = Searcher::new(Arc::new(Index::build(&corpus)), || {});
        let recv = |s: &Searcher| s.results().recv_timeout(Duration::from_secs(10)).unwrap();
        let first = searcher.submit("q:par", Scope::All);
        let r = recv(&searcher);
        assert_eq!((r.generation, r.narrowed), (first, false));
        assert!(!r.hits.is_empty());
        let second = searcher.submit("q:parler", Scope::All);
        let r2 = recv(&searcher);
        assert_eq!((r2.generation, r2.narrowed), (second, true));
        assert!(r2.hits.len() <= r.hits.len());
        let index = Arc::clone(searcher.index());
        let full = index.search(&r2.query, None, usize::MAX, &AtomicBool::new(false));
        assert_eq!(full.as_deref(), Some(r2.hits.as_slice()));
        let third = searcher.submit("e:capitole", Scope::All);
        let r3 = recv(&searcher);
        assert_eq!((r3.generation, r3.narrowed), (third, false));
    }
}
