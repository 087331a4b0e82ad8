//! Everything the reader shows, in one place. Changed only by
//! `app::update`; read by the drawing code. Plain data: this folder imports
//! no behaviour module of the app (the popups' state is in its submodules).

pub mod articles;
pub mod chart;
pub mod editors;
pub mod export;
pub mod import;
pub mod marking;
pub mod notes;
pub mod reload;
pub mod search;
pub mod session;
pub mod speakers;

use crate::app::action::{Command, Pane};
use crate::app::keymap::Keymap;
use crate::app::layout::PaneLayout;
use crate::app::viewport::Viewport;
use crate::corpus::{ArticleIx, Corpus, EventIx, Progress, QuoteIx};
use crate::diagnostic::Diagnostic;
use crate::view::article::ArticleDoc;
use crate::view::details::{DetailsDoc, DetailsMode};
use ratatui::layout::Rect;
use std::sync::Arc;

#[derive(Debug)]
pub enum Phase {
    /// The corpus is loading in the background.
    Loading {
        label: String,
        progress: Arc<Progress>,
    },
    Ready,
    /// The corpus could not be opened at all.
    Failed(String),
}

/// The progress a load reports to (shown by `Phase::Loading`); compared
/// by identity (effects are compared in tests).
#[derive(Debug, Clone)]
pub struct ProgressOf(pub Arc<crate::corpus::Progress>);

impl PartialEq for ProgressOf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What is shown over the panes. Popups that take text get raw keys.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Warnings {
        scroll: u16,
    },
    /// Annotation popups (see `overlay::form` and `overlay::mark`).
    Note(Box<editors::NoteEditor>),
    Tags(Box<editors::TagEditor>),
    Form(Box<editors::Form>),
    Filter(editors::FilterMenu),
    Select(marking::Selection),
    Recovery(Box<crate::annotations::recovery::RecoveryDraft>),
    /// A message to read (merge conflicts).
    Notice {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    Search(Box<search::SearchPopup>),
    Export(export::ExportForm),
    /// `i`: a file or URL to import into the corpus.
    Import(Box<import::ImportPrompt>),
    /// Quit although annotation changes could not be saved? (`why`: the
    /// save error). See `update::quit`.
    ConfirmQuit {
        why: String,
    },
    /// Every article (`A`).
    Articles(Box<articles::ArticleList>),
    /// Who said what (`@`).
    Speakers(Box<speakers::SpeakerList>),
    /// The timeline as a chart (`T`).
    Chart(Box<chart::Chart>),
}

impl Overlay {
    /// Whether keys go to this popup as text (before the keymap).
    pub fn takes_text(&self) -> bool {
        match self {
            Overlay::Help { .. }
            | Overlay::Warnings { .. }
            | Overlay::Notice { .. }
            | Overlay::Articles(_)
            | Overlay::Speakers(_)
            | Overlay::Chart(_) => false,
            Overlay::Note(_)
            | Overlay::Tags(_)
            | Overlay::Form(_)
            | Overlay::Filter(_)
            | Overlay::Select(_)
            | Overlay::Recovery(_)
            | Overlay::Search(_)
            | Overlay::Export(_)
            | Overlay::Import(_) => true,
            Overlay::ConfirmQuit { .. } => true,
        }
    }
}

/// Side effects the runtime performs after an update (update does no IO).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    OpenUrl(String),
    /// Put this text on the terminal's clipboard (OSC 52: works over SSH
    /// and in tmux with `set-clipboard on`).
    Copy(String),
    /// Run a search in the background searcher.
    Search {
        input: String,
        options: crate::search::SearchOptions,
        /// The reader's annotations now, for their tags (`#tag`).
        annotations: Arc<crate::annotations::Annotations>,
    },
    /// Save the annotations (off the UI thread).
    SaveAnnotations(notes::Snapshot),
    /// Read the annotations file again and merge it (off the UI thread, by
    /// the saver); answered by `Action::AnnotationsReloaded`.
    ReloadAnnotations,
    /// Remove the recovery file beside these annotations.
    ClearRecovery(std::path::PathBuf),
    /// Write an export (off the UI thread); answered by `Action::Exported`.
    Export(Box<crate::export::Job>),
    /// Import a file or URL into the corpus directory (off the UI thread);
    /// answered by `Action::Imported`.
    Import {
        corpus: std::path::PathBuf,
        source: String,
    },
    /// Complete the export form's path from its directory's entries.
    CompletePath(String),
    /// Keep the search history for the next runs (written atomically, off
    /// the UI thread).
    SaveSearchHistory(crate::app::search_history::SearchHistory),
    /// Load the corpus again (off the UI thread).
    Reload,
    /// The corpus did not open at start-up (a folder that was not a corpus
    /// yet) and now reads: open it as at start-up, the annotations and the
    /// reading position with it, reporting to this progress.
    OpenAgain(ProgressOf),
    /// Load the corpus again for this file (relative to the corpus) that an
    /// import wrote, unless the watcher sees it: it is loaded once.
    ReloadImported(std::path::PathBuf),
    /// Hand the terminal to the reader's editor on this file, then reload.
    Edit(reload::EditTarget),
    /// Keep the reading position for the next run (at quit).
    SaveSession(session::Session),
}

/// A row of the timeline: a month heading or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventRow {
    Month(String),
    Event(EventIx),
    /// One of the reader's events, by id: it stays the same event when
    /// edits insert or remove others.
    Reader(String),
}

#[derive(Debug, Default)]
pub struct EventsView {
    pub rows: Vec<EventRow>,
    /// Row index of the selected event (a row of `rows`, not an event).
    pub selected: Option<usize>,
    /// First row shown.
    pub offset: usize,
}

impl EventsView {
    /// The timeline showing `rows` (see `notes::rows::event_rows`), its
    /// first event selected.
    pub fn new(rows: Vec<EventRow>) -> EventsView {
        let selected = rows.iter().position(|r| matches!(r, EventRow::Event(_)));
        EventsView {
            rows,
            selected,
            offset: 0,
        }
    }

    /// How many events the timeline shows (headings aside).
    pub fn shown(&self) -> usize {
        let headings = self.rows.iter().filter(|r| matches!(r, EventRow::Month(_)));
        self.rows.len() - headings.count()
    }

    pub fn selected_event(&self) -> Option<EventIx> {
        match self.rows.get(self.selected?) {
            Some(EventRow::Event(e)) => Some(*e),
            _ => None,
        }
    }

    pub fn row_of_event(&self, event: EventIx) -> Option<usize> {
        self.rows.iter().position(|r| *r == EventRow::Event(event))
    }
}

#[derive(Debug, Default)]
pub struct ArticleView {
    pub open: Option<ArticleIx>,
    /// First line shown.
    pub scroll: usize,
    /// Selected quote of the open article.
    pub quote: Option<QuoteIx>,
    pub doc: Option<ArticleDoc>,
    /// Body byte ranges of the words the search matched, marked after
    /// jumping to a result until the next move.
    pub search_hits: Vec<std::ops::Range<usize>>,
}

impl ArticleView {
    /// The document line where quote `q` starts, once laid out.
    pub fn quote_line(&self, q: QuoteIx) -> Option<usize> {
        self.doc.as_ref()?.quote_line(q)
    }
}

#[derive(Debug, Default)]
pub struct DetailsView {
    pub mode: Option<DetailsMode>,
    /// Selected item: a position in `doc.items` (a row drawn, not an item
    /// of the corpus).
    pub selected: Option<usize>,
    /// First line shown.
    pub offset: usize,
    pub doc: Option<DetailsDoc>,
}

#[derive(Debug)]
pub struct State {
    pub phase: Phase,
    pub corpus: Arc<Corpus>,
    pub diagnostics: Vec<Diagnostic>,
    pub keymap: Keymap,
    pub layout: PaneLayout,
    pub focus: Pane,
    pub events: EventsView,
    pub article: ArticleView,
    pub details: DetailsView,
    pub overlay: Option<Overlay>,
    /// The search index, once built in the background after loading.
    pub search_index: Option<Arc<crate::search::Index>>,
    /// A one-off message for the status bar ("This article has no URL").
    pub message: Option<String>,
    pub quit: bool,
    pub effects: Vec<Effect>,
    /// The reader's annotations.
    pub notes: notes::AnnotationsView,
    /// The searches run in the popup, kept across runs.
    pub search_history: crate::app::search_history::SearchHistory,
    /// The article just imported, by id: opened when a reload brings it in.
    pub open_when_loaded: Option<String>,
    /// The source being imported in the background, prompt open or not:
    /// one import at a time, so each one's duplicate check sees the last.
    pub import_running: Option<String>,
    /// The corpus is the `./data` of a chronique checkout, picked without
    /// being named: the sample, which the reader never writes into.
    pub sample_checkout: bool,
    /// A reload sent before the first load was taken in: it read the files
    /// after the change that asked for it, so it is taken in after the
    /// first load (by `app::reload::reloaded`).
    pub reload_while_loading: Option<Box<reload::Reloaded>>,
}

impl State {
    pub fn new(keymap: Keymap, phase: Phase) -> State {
        State {
            phase,
            corpus: Arc::new(Corpus::default()),
            diagnostics: Vec::new(),
            keymap,
            layout: PaneLayout::default(),
            focus: Pane::Events,
            events: EventsView::default(),
            article: ArticleView::default(),
            details: DetailsView::default(),
            overlay: None,
            search_index: None,
            message: None,
            quit: false,
            effects: Vec::new(),
            notes: Default::default(),
            search_history: Default::default(),
            open_when_loaded: None,
            import_running: None,
            sample_checkout: false,
            reload_while_loading: None,
        }
    }

    /// The first key of `command` where the reader is, as the help shows
    /// it ("u", "Ctrl-r"): a message that names a key names the reader's
    /// own. `?` when they unbound it.
    pub fn key(&self, command: Command) -> &str {
        self.keymap.keys_for(self.focus, command).unwrap_or("?")
    }

    pub fn is_ready(&self) -> bool {
        matches!(self.phase, Phase::Ready)
    }

    /// Height of a pane's content area.
    pub fn pane_height(&self, pane: Pane) -> usize {
        self.layout
            .inner(pane)
            .map_or(1, |r| usize::from(r.height.max(1)))
    }

    pub fn pane_inner(&self, pane: Pane) -> Option<Rect> {
        self.layout.inner(pane)
    }

    /// The timeline's rows as the events pane shows them.
    pub fn events_view(&self) -> Viewport {
        let height = self.pane_height(Pane::Events);
        Viewport::new(self.events.offset, self.events.rows.len(), height)
    }

    /// The article's lines as its pane shows them.
    pub fn article_view(&self) -> Viewport {
        let len = self.article.doc.as_ref().map_or(0, |d| d.lines.len());
        Viewport::new(self.article.scroll, len, self.pane_height(Pane::Article))
    }

    /// The details' lines as their pane shows them.
    pub fn details_view(&self) -> Viewport {
        let len = self.details.doc.as_ref().map_or(0, |d| d.lines.len());
        Viewport::new(self.details.offset, len, self.pane_height(Pane::Details))
    }

    pub fn warnings_count(&self) -> usize {
        self.diagnostics.len()
    }
}
