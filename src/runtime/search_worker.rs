//! The search side of the runtime: the index built off the UI thread after
//! each load and reload, and the searcher it feeds.

use crate::annotations::Annotations;
use crate::app::Action;
use crate::corpus::Corpus;
use crate::runtime::cache_saver::{self, CacheSaver};
use crate::runtime::event::AppEvent;
use crate::search::{Index, ReaderTags, SearchOptions, Searcher};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread;

/// The search side of the runtime: the index is built on its own thread
/// after loading, and again after each reload; the searcher matches on its
/// own threads; a search asked for before the index is ready runs when it is.
#[derive(Default)]
pub(super) struct SearchWorker {
    /// The corpus the newest index is being built for, and its number.
    corpus: Option<Arc<Corpus>>,
    built: u64,
    searcher: Option<Searcher>,
    waiting: Option<(String, SearchOptions)>,
    /// The annotations whose tags the searcher has.
    annotations: Option<Arc<Annotations>>,
    /// Where the index of an unchanged corpus is kept.
    cache: Option<Arc<crate::cache::CorpusCache>>,
    /// Writes the cache after reloads, once they pause.
    saver: Option<Arc<CacheSaver>>,
    /// The newest index in use and the corpus it is of: the next corpus's
    /// index is this one updated (a reload changes a few files).
    indexed: Option<(Arc<Corpus>, Arc<Index>)>,
}

impl SearchWorker {
    /// Keeping each index built in `cache` (none with `--no-cache`).
    pub(super) fn with_cache(cache: Option<Arc<crate::cache::CorpusCache>>) -> SearchWorker {
        let saver = cache
            .clone()
            .map(|cache| Arc::new(CacheSaver::spawn(cache_saver::QUIET, move || cache.save())));
        SearchWorker {
            cache,
            saver,
            ..SearchWorker::default()
        }
    }

    pub(super) fn is_for(&self, corpus: &Arc<Corpus>) -> bool {
        self.corpus.as_ref().is_some_and(|c| Arc::ptr_eq(c, corpus))
    }

    pub(super) fn start(&mut self, corpus: Arc<Corpus>, tx: Sender<AppEvent>) {
        self.corpus = Some(corpus.clone());
        self.built += 1;
        let number = self.built;
        let cache = self.cache.clone();
        let previous = self.indexed.clone();
        // The first load's cache is written at once (the next start is
        // warm even after a short session); a reload's once edits pause.
        let saver = self.saver.clone().filter(|_| number > 1);
        thread::spawn(move || {
            let cached = cache.as_ref().and_then(|c| c.cached_index(&corpus));
            let built = cached.is_none();
            let index = Arc::new(cached.unwrap_or_else(|| match previous {
                Some((old, index)) => index.update(&old, &corpus),
                None => Index::build(&corpus),
            }));
            let _ = tx.send(AppEvent::IndexReady(index.clone(), number));
            // After the index is in use: the cache is written off the UI
            // thread, never before the reader can search.
            if let Some(cache) = cache {
                if built {
                    cache.keep_index(&corpus, &index);
                }
                match saver {
                    Some(saver) => saver.request(),
                    None => cache.save(),
                }
            }
        });
    }

    pub(super) fn ready(
        &mut self,
        index: Arc<Index>,
        number: u64,
        tx: &Sender<AppEvent>,
    ) -> Vec<Action> {
        if number != self.built {
            return Vec::new(); // an older corpus's: a newer index is coming
        }
        let older = std::mem::replace(
            &mut self.indexed,
            self.corpus.clone().map(|c| (c, index.clone())),
        );
        // Freeing a large corpus and its index takes a while (a third of a
        // second for 10,000 articles): not on the UI thread.
        thread::spawn(move || drop(older));
        let tx = tx.clone();
        let mut searcher = Searcher::new(index.clone(), move || {
            let _ = tx.send(AppEvent::SearchReady);
        });
        if let Some(a) = &self.annotations {
            searcher.set_reader_tags(Arc::new(ReaderTags::from_annotations(a)));
        }
        if let Some((input, options)) = self.waiting.take() {
            searcher.submit(&input, options);
        }
        self.searcher = Some(searcher);
        vec![Action::IndexReady(index)]
    }

    pub(super) fn submit(
        &mut self,
        input: String,
        options: SearchOptions,
        annotations: Arc<Annotations>,
    ) {
        let changed = !self
            .annotations
            .as_ref()
            .is_some_and(|a| Arc::ptr_eq(a, &annotations));
        if changed {
            if let Some(s) = &mut self.searcher {
                s.set_reader_tags(Arc::new(ReaderTags::from_annotations(&annotations)));
            }
            self.annotations = Some(annotations);
        }
        match &mut self.searcher {
            Some(s) => {
                s.submit(&input, options);
            }
            None => self.waiting = Some((input, options)),
        }
    }

    /// The newest results only: older ones are stale.
    pub(super) fn results(&mut self) -> Vec<Action> {
        self.searcher
            .as_ref()
            .and_then(Searcher::try_latest)
            .map(Action::SearchResults)
            .into_iter()
            .collect()
    }
}
