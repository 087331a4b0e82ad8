//! Searching on a background thread, so that typing never waits: each
//! [`Searcher::submit`] cancels the search still running, a query that
//! extends a recent one only rescans that one's hits, and a query typed
//! again is answered from memory.

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
    /// Whether only the results of an earlier query were rescanned.
    pub narrowed: bool,
    /// Whether these are the results of the same search made shortly
    /// before (typing a letter then deleting it), found without scanning.
    pub reused: bool,
}

/// The latest searches and their results, newest last: a query typed again
/// (after Backspace) is answered at once, and a query that extends one of
/// them rescans only that one's hits.
#[derive(Default)]
struct Recent {
    searches: Vec<(Query, Arc<Vec<Hit>>)>,
}

impl Recent {
    /// Kept at most, and hits kept at most in all (memory stays bounded on
    /// a very large corpus).
    const SEARCHES: usize = 16;
    const HITS: usize = 1_000_000;

    /// The results of a search for the same words in the same scope.
    fn same(&self, q: &Query) -> Option<&Arc<Vec<Hit>>> {
        self.searches
            .iter()
            .rev()
            .find(|(old, _)| old.scope == q.scope && old.words == q.words)
            .map(|(_, hits)| hits)
    }

    /// The search `q` narrows with the fewest hits, to rescan those.
    fn narrowest(&self, q: &Query) -> Option<(&Query, &[Hit])> {
        self.searches
            .iter()
            .filter(|(old, _)| q.narrows(old))
            .min_by_key(|(_, hits)| hits.len())
            .map(|(old, hits)| (old, hits.as_slice()))
    }

    fn remember(&mut self, q: Query, hits: Arc<Vec<Hit>>) {
        self.searches.push((q, hits));
        while self.searches.len() > Self::SEARCHES
            || (self.searches.len() > 1
                && self.searches.iter().map(|(_, h)| h.len()).sum::<usize>() > Self::HITS)
        {
            self.searches.remove(0);
        }
    }
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
    let mut recent = Recent::default();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued job matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        let (hits, narrowed, reused) = match recent.same(&job.query) {
            Some(hits) => (Arc::clone(hits), false, true),
            None => {
                let previous = recent.narrowest(&job.query);
                let narrowed = previous.is_some();
                let Some(hits) = index.search(&job.query, previous, RANKED, &job.cancel) else {
                    continue;
                };
                let hits = Arc::new(hits);
                recent.remember(job.query.clone(), Arc::clone(&hits));
                (hits, narrowed, false)
            }
        };
        let result = SearchResult {
            generation: job.generation,
            query: job.query,
            hits,
            narrowed,
            reused,
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
        // Back to an earlier query (Backspace): answered from memory.
        searcher.submit("q:parler", Scope::All);
        let again = recv(&searcher);
        assert!(again.reused && Arc::ptr_eq(&again.hits, &r2.hits));
        // Extending an earlier query (not the last one) still narrows.
        searcher.submit("q:parler a", Scope::All);
        let more = recv(&searcher);
        assert!(more.narrowed && !more.reused);
        let full = index.search(&more.query, None, usize::MAX, &AtomicBool::new(false));
        assert_eq!(full.as_deref(), Some(more.hits.as_slice()));
    }

    #[test]
    fn memory_of_recent_searches_is_bounded() {
        let mut recent = Recent::default();
        for i in 0..40 {
            let q = Query::parse(&format!("mot{i}"), Scope::All);
            let hits = vec![
                Hit {
                    item: 0,
                    score: 0,
                    bound: 0,
                    head: 0
                };
                100_000
            ];
            recent.remember(q, Arc::new(hits));
        }
        let total: usize = recent.searches.iter().map(|(_, h)| h.len()).sum();
        assert!(recent.searches.len() <= Recent::SEARCHES && total <= Recent::HITS);
        assert_eq!(
            recent.searches.last().unwrap().0.text,
            "mot39",
            "the newest kept"
        );
    }
}
