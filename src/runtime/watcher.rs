//! Live reload on the runtime side: a watcher on the corpus directory
//! (debounced, so an editor's burst of writes is one reload) and a thread
//! that reloads what changed and sends it to the reader: through the cache,
//! articles edited in place are patched into the last corpus, anything else
//! loads the whole corpus again (see [`CorpusCache::reload`]). Each file
//! that breaks is shown in its last good version (see
//! [`crate::corpus::last_good`]).

use crate::app::state::reload::Reloaded;
use crate::app::Action;
use crate::cache::CorpusCache;
use crate::corpus::last_good::LastGood;
use crate::corpus::load::load_dir_keeping;
use crate::corpus::Progress;
// notify-debouncer-full rather than -mini: on Linux notify also reports a
// file being opened, and the reload itself opens every file; only the full
// debouncer keeps the event's kind, so reads can be told from changes.
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// How long the watcher waits for a burst of writes to end. Editors write a
/// file as several events (a temporary file, a rename, a mode change), all
/// within a few milliseconds; a save that spreads over two batches is two
/// patched reloads, a few milliseconds each (a file missing between them is
/// waited for: `SETTLE`). It is most of the time from a save to the reload:
/// 50 ms was a third of the 150 ms budget.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Why the corpus is loaded again.
#[derive(Debug)]
pub enum Request {
    /// These files changed (paths relative to the corpus directory).
    Changed(Vec<PathBuf>),
    /// By hand (`R`).
    All,
}

/// The reloading thread and, when the platform allows it, the watcher.
pub struct Reloader {
    requests: Sender<Request>,
    last_good: Arc<LastGood>,
    watch: Arc<Watch>,
}

type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// The watcher, set up on a thread of its own: notify walks the whole
/// corpus to watch it (a `stat` of every file: 20 to 40 ms for 10,000
/// articles), which the first load need not wait for. A change made before
/// it watches is found by comparing the files with what the load saw (see
/// [`Reloader::catch_up`]).
#[derive(Default)]
struct Watch {
    state: Mutex<WatchState>,
    set_up: Condvar,
}

#[derive(Default)]
enum WatchState {
    #[default]
    Starting,
    /// Dropping it stops watching.
    On(#[allow(dead_code)] Watcher),
    /// Watching is off (a file system without notifications…).
    Off,
}

/// Sets the watch off when dropped during a panic.
struct OffIfUnwinding<'a>(&'a Watch);

impl Drop for OffIfUnwinding<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.set(WatchState::Off);
        }
    }
}

impl Watch {
    fn set(&self, state: WatchState) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = state;
        self.set_up.notify_all();
    }

    /// Waits until it is set up: whether it watches.
    fn wait(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = (self.set_up)
            .wait_while(state, |s| matches!(s, WatchState::Starting))
            .unwrap_or_else(|e| e.into_inner());
        matches!(*state, WatchState::On(_))
    }
}

impl Reloader {
    /// Starts reloading `dir` (with `last_good`, shared with the first
    /// load) and watching it; each result goes to `send`, and why it cannot
    /// watch, if it cannot, to `not_watching`. Without a cache (nothing to
    /// compare the files with afterwards) it returns once it watches.
    pub fn spawn(
        dir: PathBuf,
        last_good: Arc<LastGood>,
        cache: Option<Arc<CorpusCache>>,
        send: impl Fn(Action) + Send + 'static,
        not_watching: impl FnOnce(String) + Send + 'static,
    ) -> Reloader {
        let (requests, rx) = mpsc::channel::<Request>();
        let with_cache = cache.is_some();
        let reload_dir = dir.clone();
        let kept = last_good.clone();
        thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                // Requests that queued while loading are one more load.
                let mut what = Vec::new();
                let mut all = false;
                for request in std::iter::once(first).chain(rx.try_iter()) {
                    take(request, &mut what, &mut all);
                }
                // A changed file that is not there may be a save half done
                // (an editor that deletes, then writes; a slow network
                // drive): taken as removed, its article would leave the
                // screen and the reader its place. It is given a moment.
                if settling(&reload_dir, &what) {
                    thread::sleep(SETTLE);
                    for request in rx.try_iter() {
                        take(request, &mut what, &mut all);
                    }
                }
                // Through the cache, only the changed files are parsed; an
                // article edited in place is patched into the last corpus.
                let (result, patched) = match &cache {
                    Some(cache) if !all => cache.reload(&what, &kept),
                    Some(cache) => (cache.load(&Progress::default(), Some(&kept)), false),
                    None => {
                        let loaded =
                            load_dir_keeping(&reload_dir, &Progress::default(), Some(&kept));
                        (loaded, false)
                    }
                };
                let what = if all {
                    "the corpus".into()
                } else {
                    describe(what)
                };
                send(Action::Reloaded(Box::new(Reloaded { result, what })));
                // A patch trusts the watcher to have named every change;
                // those it missed are found here, once the reload is shown.
                let missed = match &cache {
                    Some(cache) if patched => cache.missed_changes(),
                    _ => Vec::new(),
                };
                if let (Some(cache), false) = (&cache, missed.is_empty()) {
                    let (result, _) = cache.reload(&missed, &kept);
                    let what = describe(missed);
                    send(Action::Reloaded(Box::new(Reloaded { result, what })));
                }
            }
        });
        let watch = Arc::<Watch>::default();
        let set_up = {
            let (requests, watch) = (requests.clone(), watch.clone());
            move || {
                // Should notify panic, the watch is off rather than starting
                // for ever (the first load's catch-up waits for it).
                let off_if_unwinding = OffIfUnwinding(&watch);
                match self::watch(&dir, requests) {
                    Ok(w) => watch.set(WatchState::On(w)),
                    Err(e) => {
                        watch.set(WatchState::Off);
                        not_watching(e.to_string());
                    }
                }
                drop(off_if_unwinding);
            }
        };
        match with_cache {
            true => drop(thread::spawn(set_up)),
            false => set_up(),
        }
        Reloader {
            requests,
            last_good,
            watch,
        }
    }

    /// Waits until the watcher is set up: whether it watches.
    pub fn wait_until_watching(&self) -> bool {
        self.watch.wait()
    }

    /// Whether watching is off: it could not be set up. While it is being
    /// set up, a change is seen by the watcher or by the first load's
    /// catch-up.
    pub fn is_off(&self) -> bool {
        let state = self.watch.state.lock().unwrap_or_else(|e| e.into_inner());
        matches!(*state, WatchState::Off)
    }

    /// What the first load calls once it is done (see [`CatchUp`]).
    pub fn catch_up(&self) -> CatchUp {
        CatchUp {
            watch: self.watch.clone(),
            requests: self.requests.clone(),
        }
    }

    /// The good files kept (for the first load to fill).
    pub fn last_good(&self) -> Arc<LastGood> {
        self.last_good.clone()
    }

    pub fn request(&self, request: Request) {
        let _ = self.requests.send(request);
    }
}

/// For the first load through the cache, once the watcher is set up: the
/// files that changed between the load reading them and the watcher
/// starting, which it did not see, are reloaded. After a load that found
/// no corpus, the files written since are reloaded the same way (the
/// folder then opens, as when the watcher sees them).
#[derive(Clone)]
pub struct CatchUp {
    watch: Arc<Watch>,
    requests: Sender<Request>,
}

impl CatchUp {
    /// Waits for the watcher to be set up, then compares the files with
    /// what the load through `cache` saw.
    pub fn run(&self, cache: &CorpusCache) {
        if !self.watch.wait() {
            return; // not watching: `R` reloads
        }
        let missed = cache.missed_changes();
        if !missed.is_empty() {
            let _ = self.requests.send(Request::Changed(missed));
        }
    }
}

/// Adds `request` to what the next reload reads.
fn take(request: Request, what: &mut Vec<PathBuf>, all: &mut bool) {
    match request {
        Request::Changed(paths) => what.extend(paths),
        Request::All => *all = true,
    }
}

/// How long a file named as changed but missing is waited for.
const SETTLE: Duration = Duration::from_millis(250);

/// Whether one of the `changed` files of the corpus at `dir` is missing.
fn settling(dir: &Path, changed: &[PathBuf]) -> bool {
    changed
        .iter()
        .any(|p| matches!(std::fs::symlink_metadata(dir.join(p)), Err(e) if e.kind() == std::io::ErrorKind::NotFound))
}

fn watch(
    dir: &Path,
    requests: Sender<Request>,
) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>, notify_debouncer_full::notify::Error> {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let events_root = root.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Some(request) = request_of(&events_root, result) {
            let _ = requests.send(request);
        }
    })?;
    debouncer.watch(&root, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

/// What a debounced batch of events asks of the reloader: the corpus files
/// it names; the whole corpus when the watcher lost events (the kernel's
/// queue overflowed: a rescan event, which names no path), since any file
/// may have changed unseen. An error (a folder that could not be watched)
/// asks nothing: reloading would not watch it.
fn request_of(root: &Path, result: DebounceEventResult) -> Option<Request> {
    let Ok(events) = result else { return None };
    if events.iter().any(|e| e.need_rescan()) {
        return Some(Request::All);
    }
    let mut changed: Vec<PathBuf> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
        .flat_map(|e| &e.paths)
        .filter_map(|path| corpus_file(root, path))
        .collect();
    changed.sort();
    changed.dedup();
    (!changed.is_empty()).then_some(Request::Changed(changed))
}

/// `path` relative to the corpus, when it is a file the corpus is made of:
/// the timeline, an article, the articles folder. Editors' swap and backup
/// files are not, nor the annotations (merged, not reloaded: see
/// [`super::annotations_watch`]).
fn corpus_file(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let is_corpus = match parts.as_slice() {
        ["timeline.yaml"] | ["articles"] => true,
        ["articles", name] => crate::corpus::reuse::is_article_name(name),
        _ => false,
    };
    is_corpus.then(|| relative.to_path_buf())
}

/// "timeline.yaml", "articles/a.md and 3 more files".
fn describe(mut paths: Vec<PathBuf>) -> String {
    paths.sort();
    paths.dedup();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match names.len() {
        0 => "the corpus".into(),
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{} and {} more files", names[0], n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_corpus_files_count_as_changes() {
        let root = Path::new("/c");
        let rel = |p: &str| corpus_file(root, Path::new(p));
        assert_eq!(rel("/c/timeline.yaml"), Some("timeline.yaml".into()));
        assert_eq!(rel("/c/articles/a.md"), Some("articles/a.md".into()));
        assert_eq!(rel("/c/articles"), Some("articles".into()));
        for ignored in [
            "/c/annotations.yaml",
            "/c/articles/.a.md.swp",
            "/c/articles/a.md~",
            "/c/articles/4913",
            "/c/.timeline.yaml.swp",
            "/elsewhere/timeline.yaml",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }

    /// What a reloader on `dir` sends once the first load's catch-up ran.
    fn caught_up(dir: &Path, cache: &Arc<CorpusCache>, last_good: Arc<LastGood>) -> Box<Reloaded> {
        let (tx, rx) = mpsc::channel();
        let send = move |a| drop(tx.send(a));
        let reloader = Reloader::spawn(dir.into(), last_good, Some(cache.clone()), send, |_| ());
        assert!(reloader.wait_until_watching(), "this test needs a watcher");
        reloader.catch_up().run(cache);
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Action::Reloaded(reloaded)) => reloaded,
            _ => panic!("what changed before the watcher started was not reloaded"),
        }
    }

    /// A write between the first load reading a file and the watcher
    /// starting is not an event the watcher sees: the catch-up compares
    /// the files with what the load saw and reloads it.
    #[test]
    fn a_change_made_before_the_watcher_starts_is_reloaded() {
        let (dir, cache_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let spec = crate::generate::Spec {
            articles: 2,
            events: 2,
            ..Default::default()
        };
        crate::generate::write(dir.path(), &spec).unwrap();
        let cache = Arc::new(CorpusCache::open_in(dir.path(), Some(cache_dir.path())));
        let last_good = Arc::new(LastGood::default());
        cache.load(&Progress::default(), Some(&last_good)).unwrap();
        let timeline = dir.path().join("timeline.yaml");
        let yaml = std::fs::read_to_string(&timeline).unwrap();
        let first_title = yaml.lines().find_map(|l| l.strip_prefix("    title: "));
        let edited = yaml.replacen(first_title.unwrap(), "\"Titre changé tôt\"", 1);
        std::fs::write(&timeline, edited).unwrap();
        let reloaded = caught_up(dir.path(), &cache, last_good);
        let corpus = reloaded.result.unwrap().corpus;
        assert!(corpus.events.iter().any(|e| e.title == "Titre changé tôt"));
        assert_eq!(reloaded.what, "timeline.yaml");
    }

    /// A folder that was no corpus when loaded, given a timeline before the
    /// watcher started: the catch-up reloads it, and the reload has it.
    #[test]
    fn a_corpus_written_before_the_watcher_starts_is_reloaded() {
        let (dir, cache_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let cache = Arc::new(CorpusCache::open_in(dir.path(), Some(cache_dir.path())));
        let last_good = Arc::new(LastGood::default());
        assert!(cache.load(&Progress::default(), Some(&last_good)).is_err());
        let timeline = "events:\n  - id: e\n    date: 2021-01-08\n    title: Écrit tôt\n";
        std::fs::write(dir.path().join("timeline.yaml"), timeline).unwrap();
        let reloaded = caught_up(dir.path(), &cache, last_good);
        let corpus = reloaded.result.unwrap().corpus;
        assert_eq!(
            corpus
                .events
                .iter()
                .map(|e| &e.title[..])
                .collect::<Vec<_>>(),
            ["Écrit tôt"]
        );
    }

    /// A changed file that is missing waits for its save to finish; one
    /// that is there, or a folder's own name, does not.
    #[test]
    fn a_changed_file_that_is_missing_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join("articles/a.md"), "").unwrap();
        let changed = |p: &str| settling(dir.path(), &[PathBuf::from(p)]);
        assert!(!changed("articles/a.md"));
        assert!(!changed("articles"));
        assert!(changed("articles/b.md"));
        assert!(!settling(dir.path(), &[]));
    }

    /// inotify's queue overflowing (a checkout rewriting many files) is
    /// one event with a rescan flag and no path: dropped, the changes it
    /// stands for were never reloaded.
    #[test]
    fn lost_events_reload_the_whole_corpus() {
        use notify_debouncer_full::notify::event::{Event, Flag, ModifyKind};
        use notify_debouncer_full::DebouncedEvent;
        let root = Path::new("/c");
        let event = |e: Event| DebouncedEvent::new(e, std::time::Instant::now());
        let rescan = event(Event::new(EventKind::Other).set_flag(Flag::Rescan));
        let edit = event(
            Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/c/articles/a.md".into()),
        );
        let request = |r| format!("{:?}", request_of(root, r));
        assert_eq!(request(Ok(vec![rescan])), "Some(All)");
        assert_eq!(
            request(Ok(vec![edit])),
            r#"Some(Changed(["articles/a.md"]))"#
        );
    }

    #[test]
    fn the_message_names_what_changed() {
        let p = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(describe(p(&["timeline.yaml"])), "timeline.yaml");
        assert_eq!(
            describe(p(&["articles/b.md", "articles/a.md", "articles/a.md"])),
            "articles/a.md and articles/b.md"
        );
        assert_eq!(describe(p(&["c", "a", "b"])), "a and 2 more files");
    }
}
