//! The reader's event loop: input, background loading and signals arrive as
//! events on one channel; each becomes an [`Action`] for [`update`]; the
//! screen is drawn after every batch. Drawing never waits for slow work.

use crate::annotations::Saver;
use crate::app::annotate::SaveState;
use crate::app::keymap::Keymap;
use crate::app::state::{Effect, Phase, State};
use crate::app::{update, Action, MouseKind};
use crate::corpus::{CorpusLocation, Progress};
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
    let mut state = State::new(Keymap::default_map(), Phase::Loading { label, progress });
    let mut terminal = Terminal::enter()?;
    spawn_input(tx);
    let size = terminal.inner.size()?;
    update(&mut state, Action::Resize(size.width, size.height));
    let mut saver = None;
    let result = event_loop(
        &mut terminal,
        &mut state,
        &options.theme,
        &rx,
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
    exit_after_first_frame: bool,
    saver: &mut Option<Saver>,
) -> io::Result<()> {
    loop {
        terminal
            .inner
            .draw(|f| f.render_widget(&Screen { state, theme }, f.area()))?;
        if exit_after_first_frame && state.is_ready() {
            return Ok(());
        }
        // While loading, redraw regularly to show progress.
        let wait = if saver.is_some() && state.notes.save == SaveState::Saving {
            // Poll for the save report.
            Duration::from_millis(30)
        } else if state.is_ready() {
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
        let reports: Vec<AppEvent> = saver
            .as_ref()
            .map(|s| {
                s.reports()
                    .try_iter()
                    .map(|r| AppEvent::Action(Action::Saved(Box::new(r))))
                    .collect()
            })
            .unwrap_or_default();
        for ev in first.into_iter().chain(reports).chain(rx.try_iter()) {
            if let AppEvent::Signal(_) = ev {
                // Text open in the editor goes to the recovery file.
                crate::app::draft::write_now();
                return Ok(());
            }
            if let AppEvent::Annotations(store) = ev {
                *saver = store.map(|s| Saver::spawn(*s));
                continue;
            }
            if let Some(action) = to_action(state, ev) {
                update(state, action);
            }
            crate::app::draft::publish(
                state.notes.path.as_ref(),
                crate::app::forms::current_draft(state),
            );
            for effect in state.effects.drain(..) {
                perform(effect, saver.as_ref());
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
        AppEvent::Signal(_) | AppEvent::Annotations(_) => None,
        AppEvent::Input(Event::Key(key))
            if key.kind != KeyEventKind::Release
                && state.overlay.as_ref().is_some_and(|o| o.takes_text()) =>
        {
            Some(Action::Key(key))
        }
        AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            state.keymap.lookup(state.focus, key).map(Action::Command)
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

fn perform(effect: Effect, saver: Option<&Saver>) {
    match effect {
        Effect::OpenUrl(url) => {
            // The browser runs detached; a failure to start it is not fatal.
            let _ = open::that_detached(url);
        }
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
