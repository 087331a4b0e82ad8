//! The reader's event loop: input, background loading and signals arrive as
//! events on one channel; each becomes an [`Action`] for [`update`]; the
//! screen is drawn after every batch. Drawing never waits for slow work.

use crate::annotations::Saver;
use crate::app::keymap::Keymap;
use crate::app::state::{Effect, Phase, State};
use crate::app::{update, Action, MouseKind, Pane};
use crate::corpus::last_good::LastGood;
use crate::corpus::{CorpusLocation, Progress};
use crate::runtime::editor::{InputGate, INPUT_POLL};
use crate::runtime::event::AppEvent;
use crate::runtime::history_file::{self, HistoryWriter};
use crate::runtime::search_worker::SearchWorker;
use crate::runtime::tui::Terminal;
use crate::runtime::watcher::{CatchUp, Reloader, Request};
use crate::theme::Theme;
use crate::ui::Screen;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub struct Options {
    pub location: CorpusLocation,
    /// The annotations file (`None`: beside the corpus, see
    /// [`crate::config::default_path`]).
    pub annotations: Option<std::path::PathBuf>,
    pub theme: Theme,
    /// The key bindings (the embedded ones, or the reader's laid over them).
    pub keymap: Keymap,
    /// Quit right after the first complete frame with everything
    /// searchable (start-up measurements).
    pub exit_after_first_frame: bool,
    /// The corpus is a checkout's `./data` holding the sample, opened
    /// without being named (see [`crate::config::reader_default_path`]).
    pub sample_checkout: bool,
}

pub fn run(options: Options) -> io::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let progress = Arc::new(Progress::default());
    let label = match &options.location {
        CorpusLocation::Dir(d) => d.display().to_string(),
        CorpusLocation::Embedded => "the sample corpus".to_string(),
    };
    let annotations_path = options
        .annotations
        .clone()
        .or_else(|| crate::config::default_path(&options.location));
    // A directory is watched and reloaded; the first load keeps its good
    // files for the reloads.
    let cache = match &options.location {
        CorpusLocation::Dir(dir) => crate::cache::CorpusCache::open(dir),
        CorpusLocation::Embedded => None,
    };
    let reloader = match &options.location {
        CorpusLocation::Dir(dir) => {
            let last_good = Arc::new(LastGood::default());
            let (tx, tx_failed) = (tx.clone(), tx.clone());
            let send = move |a| drop(tx.send(AppEvent::Action(a)));
            let reload_key = options
                .keymap
                .keys_for(Pane::Events, crate::app::Command::Reload)
                .unwrap_or("?")
                .to_string();
            let not_watching = move |why: String| {
                let message =
                    format!("Not watching the corpus for changes ({why}): {reload_key} reloads it");
                let _ = tx_failed.send(AppEvent::Action(Action::Failed(message)));
            };
            let cache = cache.clone();
            Some(Reloader::spawn(
                dir.clone(),
                last_good,
                cache,
                send,
                not_watching,
            ))
        }
        CorpusLocation::Embedded => None,
    };
    let last_good = reloader.as_ref().map(Reloader::last_good);
    let catch_up = reloader.as_ref().map(Reloader::catch_up);
    let session_path = crate::config::data_dir()
        .map(|d| crate::runtime::session_file::path_for(&d, &options.location));
    let open = {
        let (location, session) = (options.location.clone(), session_path.clone());
        let (cache, tx) = (cache.clone(), tx.clone());
        move |progress| {
            spawn_loader(
                location.clone(),
                annotations_path.clone(),
                session.clone(),
                (last_good.clone(), cache.clone(), catch_up.clone()),
                progress,
                tx.clone(),
            )
        }
    };
    open(progress.clone());
    let mut state = State::new(options.keymap, Phase::Loading { label, progress });
    state.sample_checkout = options.sample_checkout;
    // A small file, read before the first frame.
    let history_path = crate::config::data_dir().map(|d| history_file::path_in(&d));
    if let Some(path) = &history_path {
        let history = history_file::load(path);
        update(&mut state, Action::SearchHistoryLoaded(history));
    }
    let mut writers = Writers {
        saver: None,
        history: history_path.map(HistoryWriter::spawn),
        session: session_path,
        reloader,
        annotations_watch: None,
        input: Arc::new(InputGate::default()),
        cache,
        open_again: Box::new(open),
    };
    let mut terminal = Terminal::enter()?;
    let tx_loop = tx.clone();
    spawn_input(tx, writers.input.clone());
    let size = terminal.inner.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    let result = event_loop(
        &mut terminal,
        &mut state,
        &options.theme,
        &rx,
        &tx_loop,
        options.exit_after_first_frame,
        &mut writers,
    );
    // Queued saves finish before the process goes on.
    if let Some(s) = writers.saver {
        s.finish();
    }
    if let Some(w) = writers.history {
        w.finish();
    }
    // Not freed: the process ends now, and freeing a large corpus (millions
    // of allocations) would hold the exit for longer than a warm start.
    std::mem::forget(state);
    result
}

fn event_loop(
    terminal: &mut Terminal,
    state: &mut State,
    theme: &Theme,
    rx: &Receiver<AppEvent>,
    tx: &Sender<AppEvent>,
    exit_after_first_frame: bool,
    writers: &mut Writers,
) -> io::Result<()> {
    let mut search = SearchWorker::with_cache(writers.cache.clone());
    loop {
        terminal
            .inner
            .draw(|f| f.render_widget(&Screen { state, theme }, f.area()))?;
        if exit_after_first_frame && state.is_ready() && state.search_index.is_some() {
            return Ok(());
        }
        // While loading, redraw regularly to show progress.
        let wait = if state.is_ready() {
            Duration::from_secs(3600)
        } else {
            Duration::from_millis(50)
        };
        let first = match rx.recv_timeout(wait) {
            Ok(ev) => Some(ev),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Handle everything pending, then draw once.
        for ev in first.into_iter().chain(rx.try_iter()) {
            let actions = match ev {
                AppEvent::Signal(_) => {
                    // Text open in the editor goes to the recovery file.
                    crate::runtime::recovery_slot::write_now();
                    if state.is_ready() {
                        let session = crate::app::session::capture(state);
                        save_session(writers, &session);
                    }
                    return Ok(());
                }
                AppEvent::Annotations(store) => {
                    let send = {
                        let tx = tx.clone();
                        move |a| drop(tx.send(AppEvent::Action(a)))
                    };
                    writers.annotations_watch = store
                        .as_deref()
                        .and_then(|s| crate::runtime::annotations_watch::start(s, send));
                    let tx = tx.clone();
                    writers.saver = store.map(|s| {
                        Saver::spawn_notifying(*s, move || {
                            let _ = tx.send(AppEvent::SaveReady);
                        })
                    });
                    continue;
                }
                AppEvent::SaveReady => writers
                    .saver
                    .as_ref()
                    .map(|s| {
                        let reloads = s.reloads().try_iter();
                        s.reports()
                            .try_iter()
                            .map(|r| Action::Saved(Box::new(r)))
                            .chain(reloads.map(|r| Action::AnnotationsReloaded(Box::new(r))))
                            .collect()
                    })
                    .unwrap_or_default(),
                AppEvent::IndexReady(index, corpus) => search.ready(index, corpus, tx),
                AppEvent::SearchReady => search.results(),
                ev => to_action(state, ev).into_iter().collect(),
            };
            for action in actions {
                update(state, action);
            }
            crate::runtime::recovery_slot::publish(
                state.notes.path.as_ref(),
                crate::app::overlay::recovery::current_draft(state),
            );
            if state.is_ready() && !search.is_for(&state.corpus) {
                search.start(state.corpus.clone(), tx.clone());
            }
            for effect in std::mem::take(&mut state.effects) {
                match effect {
                    Effect::Edit(target) => {
                        let edited =
                            crate::runtime::editor::edit(terminal, &writers.input, &target);
                        if let Err(why) = edited {
                            update(state, Action::Failed(format!("Not edited: {why}")));
                        }
                        let root = state.corpus.root.as_deref();
                        let changed = relative_to_corpus(root, &target.path);
                        if let Some(r) = &writers.reloader {
                            r.request(Request::Changed(vec![changed]));
                        }
                    }
                    effect => perform(effect, &mut search, writers, tx),
                }
            }
            if state.quit {
                return Ok(());
            }
        }
    }
}

/// The single boundary where terminal input becomes actions.
pub fn to_action(state: &State, ev: AppEvent) -> Option<Action> {
    match ev {
        AppEvent::Action(a) => Some(a),
        AppEvent::Signal(_)
        | AppEvent::Annotations(_)
        | AppEvent::IndexReady(..)
        | AppEvent::SearchReady
        | AppEvent::SaveReady => None,
        AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            if state.overlay.as_ref().is_some_and(|o| o.takes_text()) {
                Some(Action::Key(key))
            } else {
                crate::app::overlay::views::command_for(state, key).map(Action::Command)
            }
        }
        AppEvent::Input(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
        AppEvent::Input(Event::Mouse(m)) => {
            let kind = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                _ => return None,
            };
            Some(Action::Mouse {
                kind,
                col: m.column,
                row: m.row,
            })
        }
        AppEvent::Input(_) => None,
    }
}

fn perform(effect: Effect, search: &mut SearchWorker, writers: &Writers, tx: &Sender<AppEvent>) {
    match effect {
        Effect::CompletePath(typed) => {
            let dir = match typed.rfind('/') {
                Some(0) => "/".to_string(),
                Some(i) => typed[..i].to_string(),
                None => ".".to_string(),
            };
            // A directory listing is quick, but not the UI thread's to wait on.
            let tx = tx.clone();
            thread::spawn(move || {
                let entries: Vec<(String, bool)> = std::fs::read_dir(&dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|e| {
                        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                        Some((e.file_name().into_string().ok()?, is_dir))
                    })
                    .collect();
                let completed = crate::app::overlay::export::complete(&typed, &entries);
                let _ = tx.send(AppEvent::Action(Action::PathCompleted { typed, completed }));
            });
        }
        Effect::Import { corpus, source } => {
            let tx = tx.clone();
            crate::runtime::import_job::spawn(corpus, source, move |a| {
                let _ = tx.send(AppEvent::Action(a));
            });
        }
        Effect::Export(job) => {
            let tx = tx.clone();
            thread::spawn(move || {
                let _ = tx.send(AppEvent::Action(Action::Exported(job.run())));
            });
        }
        Effect::OpenUrl(url) => {
            // The opener runs on its own thread (it may wait for the
            // browser); when it cannot be started or fails, the reader is
            // told and gets the link on the clipboard instead.
            let tx = tx.clone();
            thread::spawn(move || {
                if let Err(e) = open::that(&url) {
                    let error = e.to_string();
                    let _ = tx.send(AppEvent::Action(Action::OpenFailed { url, error }));
                }
            });
        }
        Effect::Copy(text) => copy_to_clipboard(&text),
        Effect::Search {
            input,
            options,
            annotations,
        } => search.submit(input, options, annotations),
        Effect::SaveAnnotations(snapshot) => {
            if let Some(s) = &writers.saver {
                s.save_after(snapshot.0, snapshot.1);
            }
        }
        Effect::ClearRecovery(path) => {
            let _ = crate::annotations::recovery::clear_recovery(&path);
        }
        Effect::SaveSearchHistory(history) => {
            if let Some(w) = &writers.history {
                w.save(history);
            }
        }
        Effect::Reload => {
            if let Some(r) = &writers.reloader {
                r.request(Request::All);
            }
            if let Some(s) = &writers.saver {
                s.reload();
            }
        }
        Effect::OpenAgain(progress) => (writers.open_again)(progress.0),
        Effect::ReloadAnnotations => {
            if let Some(s) = &writers.saver {
                s.reload();
            }
        }
        // At quit: written now, before the process ends.
        Effect::SaveSession(session) => save_session(writers, &session),
        Effect::ReloadImported(path) => {
            // A working watcher (or, while it is being set up, the first
            // load's catch-up) reloads the new file by itself: asking too
            // would load the corpus twice.
            if let Some(r) = writers.reloader.as_ref().filter(|r| r.is_off()) {
                r.request(Request::Changed(vec![path]));
            }
        }
        // Needs the terminal: performed in the event loop.
        Effect::Edit(_) => {}
    }
}

/// A position that cannot be written is not worth a message at quit.
/// `path`, a file of the corpus at `root`, as the reloader names it:
/// relative to the corpus directory (a file named otherwise would be
/// reloaded as a whole corpus). Edit targets are `root` joined to the
/// file, so the prefix comes off; the rest is for a path written otherwise.
fn relative_to_corpus(
    root: Option<&std::path::Path>,
    path: &std::path::Path,
) -> std::path::PathBuf {
    let root = root.unwrap_or(std::path::Path::new(""));
    if let Ok(relative) = path.strip_prefix(root) {
        return relative.to_path_buf();
    }
    let real = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    match (real(root), real(path)) {
        (Some(root), Some(path)) => path
            .strip_prefix(&root)
            .map_or_else(|_| path.clone(), std::path::Path::to_path_buf),
        _ => path.to_path_buf(),
    }
}

fn save_session(writers: &Writers, session: &crate::app::state::session::Session) {
    if let Some(path) = &writers.session {
        let _ = crate::runtime::session_file::save(path, session);
    }
}

/// Sets the terminal's clipboard with OSC 52, written between two frames.
/// The text is base64-encoded, so nothing in it reaches the terminal raw.
fn copy_to_clipboard(text: &str) {
    use base64::Engine;
    use std::io::Write;
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout().lock();
    let _ = write!(out, "\x1b]52;c;{payload}\x07");
    let _ = out.flush();
}

/// What does IO off the UI thread: the annotations' saver (once the store
/// is open), the search history's writer, the corpus's reloader (for a
/// directory), and the gate that pauses the input thread.
struct Writers {
    saver: Option<Saver>,
    history: Option<HistoryWriter>,
    /// The reading position's file (`None`: no data directory).
    session: Option<std::path::PathBuf>,
    reloader: Option<Reloader>,
    /// Watches the annotations file for others' changes (once it is open).
    annotations_watch: Option<crate::runtime::annotations_watch::AnnotationsWatch>,
    input: Arc<InputGate>,
    /// The corpus cache (none with `--no-cache`), written after the index.
    cache: Option<Arc<crate::cache::CorpusCache>>,
    /// Opens the corpus as at start-up (`Effect::OpenAgain`).
    open_again: Box<dyn Fn(Arc<Progress>)>,
}

fn spawn_loader(
    location: CorpusLocation,
    annotations: Option<std::path::PathBuf>,
    session: Option<std::path::PathBuf>,
    (last_good, cache, catch_up): (
        Option<Arc<LastGood>>,
        Option<Arc<crate::cache::CorpusCache>>,
        Option<CatchUp>,
    ),
    progress: Arc<Progress>,
    tx: Sender<AppEvent>,
) {
    thread::spawn(move || {
        let result = match (&location, &cache) {
            (CorpusLocation::Dir(_), Some(cache)) => {
                cache.load_searchable(&progress, last_good.as_deref())
            }
            (CorpusLocation::Dir(dir), None) => {
                crate::corpus::load::load_dir_keeping(dir, &progress, last_good.as_deref())
            }
            (CorpusLocation::Embedded, _) => location.load(&progress),
        };
        let opened = match (&result, annotations) {
            (Ok(loaded), Some(path)) => {
                let (store, opened) = crate::runtime::annotations_file::open(&path, &loaded.corpus);
                Some((store, opened))
            }
            _ => None,
        };
        let loaded = result.is_ok();
        let _ = tx.send(AppEvent::Action(Action::Loaded(Box::new(result))));
        if let Some((store, opened)) = opened {
            let _ = tx.send(AppEvent::Annotations(store.map(Box::new)));
            let _ = tx.send(AppEvent::Action(Action::AnnotationsOpened(Box::new(
                opened,
            ))));
        }
        // After the annotations: the position may name the reader's events.
        let session = session.filter(|_| loaded);
        if let Some(s) = session
            .as_deref()
            .and_then(crate::runtime::session_file::load)
        {
            let _ = tx.send(AppEvent::Action(Action::SessionLoaded(s)));
        }
        // Also after a load that found no corpus: one written meanwhile
        // opens as when the watcher sees it.
        if let (Some(catch_up), Some(cache)) = (catch_up, cache) {
            catch_up.run(&cache);
        }
    });
}

/// Reads the terminal, except while the gate is paused (an editor runs):
/// it polls briefly, so a pause waits at most [`INPUT_POLL`].
fn spawn_input(tx: Sender<AppEvent>, gate: Arc<InputGate>) {
    thread::spawn(move || loop {
        let Some(_reading) = gate.enter() else {
            thread::sleep(INPUT_POLL);
            continue;
        };
        match event::poll(INPUT_POLL) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(_) => return,
        }
        match event::read() {
            Ok(ev) => {
                if tx.send(AppEvent::Input(ev)).is_err() {
                    return;
                }
            }
            Err(_) => return,
        }
    });
}

/// Every catchable signal whose default action ends the process: without a
/// handler each would leave the terminal raw, on the alternate screen, with
/// the mouse captured and the cursor hidden, and lose the text being typed.
/// (Ctrl-c and Ctrl-\\ are keys in raw mode; these come from `kill`, a
/// closing terminal, a timer.) SIGKILL and SIGSTOP cannot be caught; SIGPIPE
/// is ignored by Rust programs; the fault signals (SIGSEGV…) are not ours
/// to handle.
pub const TERMINATING_SIGNALS: [i32; 11] = {
    use signal_hook::consts::*;
    [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ,
    ]
};

fn spawn_signals(tx: Sender<AppEvent>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(TERMINATING_SIGNALS)?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(AppEvent::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::relative_to_corpus;
    use std::path::Path;

    /// The edited file, named through another path to the corpus than the
    /// one it was opened by, is still named relative to the corpus.
    #[test]
    fn an_edited_file_is_named_relative_to_the_corpus_however_it_was_reached() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("articles")).unwrap();
        std::fs::write(corpus.join("articles/a.md"), "").unwrap();
        std::os::unix::fs::symlink(&corpus, dir.path().join("link")).unwrap();
        let file = corpus.join("articles/a.md");
        assert_eq!(
            relative_to_corpus(Some(&dir.path().join("link")), &file),
            Path::new("articles/a.md")
        );
        assert_eq!(
            relative_to_corpus(Some(&corpus), &file),
            Path::new("articles/a.md")
        );
        // A file out of the corpus stays as it is named.
        let outside = dir.path().join("elsewhere.md");
        assert_eq!(relative_to_corpus(Some(&corpus), &outside), outside);
    }
}
