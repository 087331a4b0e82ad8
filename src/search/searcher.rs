//! Searching on a background thread, so that typing never waits: each
//! [`Searcher::submit`] cancels the search still running, a query typed
//! again (after Backspace) is answered from memory, and the values of the
//! query words typed before are reused (see [`WordValues`]).
//!
//! Every result is that of a full search of its query: a search depends only
//! on the query and the index, which never changes, so a remembered result
//! is the one a fresh search gives. (Rescanning only the results of a
//! shorter query is not done: a query word matching more than its prefix
//! did — by a typo — would lose results, and a full scan is fast enough.)

use super::index::{Hit, Index};
use super::query::{Query, SearchOptions};
use super::reader_tags::ReaderTags;
use super::scan::WordValues;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// The outcome of one submitted query.
#[derive(Debug, Clone)]
pub struct SearchResult {
    /// As returned by the [`Searcher::submit`] call that asked for it.
    pub generation: u64,
    pub query: Query,
    /// Best first.
    pub hits: Arc<Vec<Hit>>,
    /// Whether these are the results of the same search made shortly
    /// before (typing a letter then deleting it), found without scanning.
    pub reused: bool,
}

/// Whether two queries are the same search (they may differ in spaces).
fn same_search(a: &Query, b: &Query) -> bool {
    a.scope == b.scope
        && a.article == b.article
        && a.groups == b.groups
        && a.tags == b.tags
        && a.dates == b.dates
        && a.disputed == b.disputed
}

/// The latest searches and their results, newest last.
#[derive(Default)]
struct Recent {
    searches: Vec<(Query, Arc<Vec<Hit>>)>,
}

impl Recent {
    /// Kept at most, and hits kept at most in all (memory stays bounded on
    /// a very large corpus).
    const SEARCHES: usize = 16;
    const HITS: usize = 1_000_000;

    /// The results of the same search.
    fn same(&self, q: &Query) -> Option<&Arc<Vec<Hit>>> {
        self.searches
            .iter()
            .rev()
            .find(|(old, _)| same_search(old, q))
            .map(|(_, hits)| hits)
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
    reader_tags: Arc<ReaderTags>,
    cancel: Arc<AtomicBool>,
}

pub struct Searcher {
    index: Arc<Index>,
    jobs: Option<Sender<Job>>,
    results: Receiver<SearchResult>,
    running: Arc<AtomicBool>,
    generation: u64,
    reader_tags: Arc<ReaderTags>,
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
            reader_tags: Arc::default(),
            worker,
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// The reader's tags, for `#tag` in the searches submitted from now on.
    pub(crate) fn set_reader_tags(&mut self, tags: Arc<ReaderTags>) {
        self.reader_tags = tags;
    }

    /// Queues a search for `input` (which may start with a scope prefix)
    /// and cancels the one before. Returns its generation number.
    pub(crate) fn submit(&mut self, input: &str, options: SearchOptions) -> u64 {
        self.running.store(true, Ordering::Relaxed);
        self.generation += 1;
        self.running = Arc::new(AtomicBool::new(false));
        let job = Job {
            generation: self.generation,
            query: Query::parse(input, options),
            reader_tags: Arc::clone(&self.reader_tags),
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
    pub(crate) fn try_latest(&self) -> Option<SearchResult> {
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
    let mut word_values = WordValues::default();
    let mut reader_tags = Arc::new(ReaderTags::default());
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued job matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if job.cancel.load(Ordering::Relaxed) {
            continue;
        }
        if job.reader_tags != reader_tags {
            // Remembered answers were for other tags.
            recent = Recent::default();
            reader_tags = Arc::clone(&job.reader_tags);
        }
        let (hits, reused) = match recent.same(&job.query) {
            Some(hits) => (Arc::clone(hits), true),
            None => {
                let Some(hits) =
                    index.search_with(&job.query, &reader_tags, &mut word_values, &job.cancel)
                else {
                    continue;
                };
                let hits = Arc::new(hits);
                recent.remember(job.query.clone(), Arc::clone(&hits));
                (hits, false)
            }
        };
        let result = SearchResult {
            generation: job.generation,
            query: job.query,
            hits,
            reused,
        };
        if results.send(result).is_err() {
            return;
        }
        notify();
    }
}
