//! The reader's event loop: input, background loading and signals arrive as
//! events on one channel; each becomes an [`Action`] for [`update`]; the
//! screen is drawn after every batch. Drawing never waits for slow work.

use crate::annotations::Annotations;
use crate::annotations::Saver;
use crate::app::keymap::Keymap;
use crate::app::state::{Effect, Phase, State};
use crate::app::{update, Action, MouseKind};
use crate::corpus::{Corpus, CorpusLocation, Progress};
use crate::search::{Index, ReaderTags, SearchOptions, Searcher};
use crate::theme::Theme;
use crate::tui::Terminal;
use crate::ui::Screen;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub enum AppEvent {
    Input(Event),
    Action(Action),
    /// The search index is built.
    IndexReady(Arc<Index>),
    /// The searcher has results.
    SearchReady,
    /// The saver finished a save: its report is waiting.
    SaveReady,
    /// The annotations store, to be owned by the saver (`None`: none).
    Annotations(Option<Box<crate::annotations::Store>>),
    /// SIGTERM or SIGHUP: leave cleanly.
    Signal(i32),
}

pub struct Options {
    pub location: CorpusLocation,
    /// The annotations file (`None`: beside the corpus, see
    /// [`crate::app::annotate_io::default_path`]).
    pub annotations: Option<std::path::PathBuf>,
    pub theme: Theme,
    /// The key bindings (the embedded ones, or the reader's laid over them).
    pub keymap: Keymap,
    /// Quit right after the first complete frame (start-up measurements).
    pub exit_after_first_frame: bool,
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
        .or_else(|| crate::app::annotate_io::default_path(&options.location));
    spawn_loader(
        options.location,
        annotations_path,
        progress.clone(),
        tx.clone(),
    );
    let mut state = State::new(options.keymap, Phase::Loading { label, progress });
    let mut terminal = Terminal::enter()?;
    let tx_loop = tx.clone();
    spawn_input(tx);
    let size = terminal.inner.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    let mut saver = None;
    let result = event_loop(
        &mut terminal,
        &mut state,
        &options.theme,
        &rx,
        &tx_loop,
        options.exit_after_first_frame,
        &mut saver,
    );
    // Queued saves finish before the process goes on.
    if let Some(s) = saver {
        s.finish();
    }
    result
}

fn event_loop(
    terminal: &mut Terminal,
    state: &mut State,
    theme: &Theme,
    rx: &Receiver<AppEvent>,
    tx: &Sender<AppEvent>,
    exit_after_first_frame: bool,
    saver: &mut Option<Saver>,
) -> io::Result<()> {
    let mut search = SearchWorker::default();
    loop {
        terminal
            .inner
            .draw(|f| f.render_widget(&Screen { state, theme }, f.area()))?;
        if exit_after_first_frame && state.is_ready() {
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
                    crate::app::draft::write_now();
                    return Ok(());
                }
                AppEvent::Annotations(store) => {
                    let tx = tx.clone();
                    *saver = store.map(|s| {
                        Saver::spawn_notifying(*s, move || {
                            let _ = tx.send(AppEvent::SaveReady);
                        })
                    });
                    continue;
                }
                AppEvent::SaveReady => saver
                    .as_ref()
                    .map(|s| {
                        s.reports()
                            .try_iter()
                            .map(|r| Action::Saved(Box::new(r)))
                            .collect()
                    })
                    .unwrap_or_default(),
                AppEvent::IndexReady(index) => search.ready(index, tx),
                AppEvent::SearchReady => search.results(),
                ev => to_action(state, ev).into_iter().collect(),
            };
            for action in actions {
                update(state, action);
            }
            crate::app::draft::publish(
                state.notes.path.as_ref(),
                crate::app::forms::current_draft(state),
            );
            if state.is_ready() && !search.started {
                search.start(state.corpus.clone(), tx.clone());
            }
            for effect in state.effects.drain(..) {
                perform(effect, &mut search, saver.as_ref());
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
        | AppEvent::IndexReady(_)
        | AppEvent::SearchReady
        | AppEvent::SaveReady => None,
        AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            if state.overlay.as_ref().is_some_and(|o| o.takes_text()) {
                Some(Action::Key(key))
            } else {
                state.keymap.lookup(state.focus, key).map(Action::Command)
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

fn perform(effect: Effect, search: &mut SearchWorker, saver: Option<&Saver>) {
    match effect {
        Effect::OpenUrl(url) => {
            // The browser runs detached; a failure to start it is not fatal.
            let _ = open::that_detached(url);
        }
        Effect::Search {
            input,
            options,
            annotations,
        } => search.submit(input, options, annotations),
        Effect::SaveAnnotations(snapshot) => {
            if let Some(s) = saver {
                s.save(snapshot.0);
            }
        }
        Effect::ClearRecovery(path) => {
            let _ = crate::annotations::recovery::clear_recovery(&path);
        }
    }
}

/// The search side of the runtime: the index is built on its own thread
/// after loading; the searcher matches on its own threads; a search asked
/// for before the index is ready runs when it is.
#[derive(Default)]
struct SearchWorker {
    started: bool,
    searcher: Option<Searcher>,
    waiting: Option<(String, SearchOptions)>,
    /// The annotations whose tags the searcher has.
    annotations: Option<Arc<Annotations>>,
}

impl SearchWorker {
    fn start(&mut self, corpus: Arc<Corpus>, tx: Sender<AppEvent>) {
        self.started = true;
        thread::spawn(move || {
            let index = Arc::new(Index::build(&corpus));
            let _ = tx.send(AppEvent::IndexReady(index));
        });
    }

    fn ready(&mut self, index: Arc<Index>, tx: &Sender<AppEvent>) -> Vec<Action> {
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

    fn submit(&mut self, input: String, options: SearchOptions, annotations: Arc<Annotations>) {
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
    fn results(&mut self) -> Vec<Action> {
        self.searcher
            .as_ref()
            .and_then(Searcher::try_latest)
            .map(Action::SearchResults)
            .into_iter()
            .collect()
    }
}

fn spawn_loader(
    location: CorpusLocation,
    annotations: Option<std::path::PathBuf>,
    progress: Arc<Progress>,
    tx: Sender<AppEvent>,
) {
    thread::spawn(move || {
        let result = location.load(&progress);
        let opened = match (&result, annotations) {
            (Ok(loaded), Some(path)) => {
                let (store, opened) = crate::app::annotate_io::open(&path, &loaded.corpus);
                Some((store, opened))
            }
            _ => None,
        };
        let _ = tx.send(AppEvent::Action(Action::Loaded(Box::new(result))));
        if let Some((store, opened)) = opened {
            let _ = tx.send(AppEvent::Annotations(store.map(Box::new)));
            let _ = tx.send(AppEvent::Action(Action::AnnotationsOpened(Box::new(
                opened,
            ))));
        }
    });
}

fn spawn_input(tx: Sender<AppEvent>) {
    thread::spawn(move || loop {
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

fn spawn_signals(tx: Sender<AppEvent>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(AppEvent::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}
