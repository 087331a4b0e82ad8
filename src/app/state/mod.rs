//! Everything the reader shows, in one place. Changed only by
//! [`crate::app::update`]; read by the drawing code.

use crate::app::action::Pane;
use crate::app::keymap::Keymap;
use crate::app::layout::PaneLayout;
use crate::corpus::{Corpus, Progress};
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

/// What is shown over the panes. Popups that take text get raw keys.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Warnings {
        scroll: u16,
    },
    /// Annotation popups (see `forms` and `select_mode`).
    Note(Box<crate::app::overlay::form::NoteEditor>),
    Tags(Box<crate::app::overlay::form::TagEditor>),
    Form(Box<crate::app::overlay::form::Form>),
    Filter(crate::app::overlay::form::FilterMenu),
    Select(crate::app::overlay::mark::Selection),
    Recovery(Box<crate::annotations::recovery::RecoveryDraft>),
    /// A message to read (merge conflicts).
    Notice {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    Search(Box<crate::app::overlay::search::SearchPopup>),
    Export(crate::app::overlay::export::ExportForm),
    /// Quit although annotation changes could not be saved? (`why`: the
    /// save error). See `update::quit`.
    ConfirmQuit {
        why: String,
    },
}

impl Overlay {
    /// Whether keys go to this popup as text (before the keymap).
    pub fn takes_text(&self) -> bool {
        match self {
            Overlay::Help { .. } | Overlay::Warnings { .. } | Overlay::Notice { .. } => false,
            Overlay::Note(_)
            | Overlay::Tags(_)
            | Overlay::Form(_)
            | Overlay::Filter(_)
            | Overlay::Select(_)
            | Overlay::Recovery(_)
            | Overlay::Search(_)
            | Overlay::Export(_) => true,
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
    SaveAnnotations(crate::app::notes::edit::Snapshot),
    /// Remove the recovery file beside these annotations.
    ClearRecovery(std::path::PathBuf),
    /// Write an export (off the UI thread); answered by `Action::Exported`.
    Export(Box<crate::export::Job>),
    /// Complete the export form's path from its directory's entries.
    CompletePath(String),
    /// Keep the search history for the next runs (written atomically, off
    /// the UI thread).
    SaveSearchHistory(crate::app::search_history::SearchHistory),
    /// Load the corpus again (off the UI thread).
    Reload,
    /// Hand the terminal to the reader's editor on this file, then reload.
    Edit(crate::app::reload::EditTarget),
}

/// A row of the timeline: a month heading or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventRow {
    Month(String),
    Event(usize),
    /// One of the reader's events (index in the annotations).
    Reader(usize),
}

#[derive(Debug, Default)]
pub struct EventsView {
    pub rows: Vec<EventRow>,
    /// Row index of the selected event.
    pub selected: Option<usize>,
    /// First row shown.
    pub offset: usize,
}

impl EventsView {
    pub fn build(corpus: &Corpus) -> EventsView {
        let lang = corpus.date_lang();
        let mut rows = Vec::with_capacity(corpus.events.len() + 24);
        let mut month = None;
        for (i, e) in corpus.events.iter().enumerate() {
            if month != Some(e.date.month_key()) {
                month = Some(e.date.month_key());
                rows.push(EventRow::Month(e.date.month_heading(lang)));
            }
            rows.push(EventRow::Event(i));
        }
        let selected = rows.iter().position(|r| matches!(r, EventRow::Event(_)));
        EventsView {
            rows,
            selected,
            offset: 0,
        }
    }

    pub fn selected_event(&self) -> Option<usize> {
        match self.rows.get(self.selected?) {
            Some(EventRow::Event(e)) => Some(*e),
            _ => None,
        }
    }

    pub fn row_of_event(&self, event: usize) -> Option<usize> {
        self.rows.iter().position(|r| *r == EventRow::Event(event))
    }
}

#[derive(Debug, Default)]
pub struct ArticleView {
    pub open: Option<usize>,
    /// First line shown.
    pub scroll: usize,
    /// Selected quote (index in the article).
    pub quote: Option<usize>,
    pub doc: Option<ArticleDoc>,
    /// Body byte ranges of the words the search matched, marked after
    /// jumping to a result until the next move.
    pub search_hits: Vec<std::ops::Range<usize>>,
}

#[derive(Debug, Default)]
pub struct DetailsView {
    pub mode: Option<DetailsMode>,
    /// Selected item.
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
    pub notes: crate::app::notes::edit::AnnotationsView,
    /// The searches run in the popup, kept across runs.
    pub search_history: crate::app::search_history::SearchHistory,
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
        }
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

    pub fn warnings_count(&self) -> usize {
        self.diagnostics.len()
    }
}
