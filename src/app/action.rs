//! Everything the reader can be asked to do. Keys become actions at one
//! boundary (the keymap); mouse, resize and background results too.

use crate::corpus::{LoadError, Loaded};
use crossterm::event::KeyEvent;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Events,
    Article,
    Details,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Events, Pane::Article, Pane::Details];

    pub fn label(self) -> &'static str {
        match self {
            Pane::Events => "Events",
            Pane::Article => "Article",
            Pane::Details => "Details",
        }
    }
}

/// Actions a key can be bound to. The keymap file names them in kebab-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Close,
    Warnings,
    FocusNext,
    FocusPrev,
    FocusEvents,
    FocusArticle,
    FocusDetails,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Open,
    NextQuote,
    PrevQuote,
    NextArticle,
    PrevArticle,
    OpenUrl,
    Search,
    EditNote,
    EditTags,
    ToggleStar,
    CycleStatus,
    Undo,
    Redo,
    Filter,
    NewEvent,
    MarkPassage,
    Delete,
    Copy,
    CopyEvent,
    Export,
    Import,
    Reload,
    Edit,
    AllArticles,
    Speakers,
    Chart,
    Sort,
    // What the popups' own sections bind (see `keymap::Popup`).
    Submit,
    Save,
    Complete,
    NextField,
    PrevField,
    NextFormat,
    PrevFormat,
    Discard,
    Restore,
    NextScope,
    PrevScope,
    ToggleExact,
    ToggleArticle,
    OlderSearch,
    NewerSearch,
    CharBack,
    CharForward,
    WordBack,
    WordForward,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    DeleteLettersBack,
    DeleteLettersForward,
    DeleteToStart,
    DeleteToEnd,
    Yank,
    ExtendWord,
    ExtendSentence,
    ExtendLine,
    StartWordBack,
    StartWordForward,
    StartSentenceBack,
}

impl Command {
    pub const ALL: &'static [(Command, &'static str)] = &[
        (Command::Quit, "quit"),
        (Command::Help, "help"),
        (Command::Close, "close"),
        (Command::Warnings, "warnings"),
        (Command::FocusNext, "focus-next"),
        (Command::FocusPrev, "focus-prev"),
        (Command::FocusEvents, "focus-events"),
        (Command::FocusArticle, "focus-article"),
        (Command::FocusDetails, "focus-details"),
        (Command::Up, "up"),
        (Command::Down, "down"),
        (Command::Top, "top"),
        (Command::Bottom, "bottom"),
        (Command::PageUp, "page-up"),
        (Command::PageDown, "page-down"),
        (Command::HalfPageUp, "half-page-up"),
        (Command::HalfPageDown, "half-page-down"),
        (Command::Open, "open"),
        (Command::NextQuote, "next-quote"),
        (Command::PrevQuote, "prev-quote"),
        (Command::NextArticle, "next-article"),
        (Command::PrevArticle, "prev-article"),
        (Command::OpenUrl, "open-url"),
        (Command::Search, "search"),
        (Command::EditNote, "edit-note"),
        (Command::EditTags, "edit-tags"),
        (Command::ToggleStar, "toggle-star"),
        (Command::CycleStatus, "cycle-status"),
        (Command::Undo, "undo"),
        (Command::Redo, "redo"),
        (Command::Filter, "filter"),
        (Command::NewEvent, "new-event"),
        (Command::MarkPassage, "mark-passage"),
        (Command::Delete, "delete"),
        (Command::Copy, "copy"),
        (Command::CopyEvent, "copy-event"),
        (Command::Export, "export"),
        (Command::Import, "import"),
        (Command::Reload, "reload"),
        (Command::Edit, "edit"),
        (Command::AllArticles, "all-articles"),
        (Command::Speakers, "speakers"),
        (Command::Chart, "chart"),
        (Command::Sort, "sort"),
        (Command::Submit, "submit"),
        (Command::Save, "save"),
        (Command::Complete, "complete"),
        (Command::NextField, "next-field"),
        (Command::PrevField, "prev-field"),
        (Command::NextFormat, "next-format"),
        (Command::PrevFormat, "prev-format"),
        (Command::Discard, "discard"),
        (Command::Restore, "restore"),
        (Command::NextScope, "next-scope"),
        (Command::PrevScope, "prev-scope"),
        (Command::ToggleExact, "toggle-exact"),
        (Command::ToggleArticle, "toggle-article"),
        (Command::OlderSearch, "older-search"),
        (Command::NewerSearch, "newer-search"),
        (Command::CharBack, "char-back"),
        (Command::CharForward, "char-forward"),
        (Command::WordBack, "word-back"),
        (Command::WordForward, "word-forward"),
        (Command::LineStart, "line-start"),
        (Command::LineEnd, "line-end"),
        (Command::DeleteBack, "delete-back"),
        (Command::DeleteForward, "delete-forward"),
        (Command::DeleteWordBack, "delete-word-back"),
        (Command::DeleteLettersBack, "delete-letters-back"),
        (Command::DeleteLettersForward, "delete-letters-forward"),
        (Command::DeleteToStart, "delete-to-start"),
        (Command::DeleteToEnd, "delete-to-end"),
        (Command::Yank, "yank"),
        (Command::ExtendWord, "extend-word"),
        (Command::ExtendSentence, "extend-sentence"),
        (Command::ExtendLine, "extend-line"),
        (Command::StartWordBack, "start-word-back"),
        (Command::StartWordForward, "start-word-forward"),
        (Command::StartSentenceBack, "start-sentence-back"),
    ];

    /// Whether only a popup's section may bind it: `sort` and the actions
    /// after it in [`Command::ALL`] mean nothing in the panes.
    pub fn is_popup_only(self) -> bool {
        let at = |c: Command| Command::ALL.iter().position(|(x, _)| *x == c);
        at(self) >= at(Command::Sort)
    }

    pub fn name(self) -> &'static str {
        Command::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("?", |(_, n)| n)
    }
}

impl FromStr for Command {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Command::ALL
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(c, _)| *c)
            .ok_or_else(|| {
                let names: Vec<&str> = Command::ALL.iter().map(|(_, n)| *n).collect();
                format!("unknown action `{s}` (known: {})", names.join(", "))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

/// The one input to `app::update`.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    Resize(u16, u16),
    Mouse {
        kind: MouseKind,
        col: u16,
        row: u16,
    },
    Loaded(Box<Result<Loaded, LoadError>>),
    /// A raw key for a popup that takes text (search, editors, forms): such
    /// popups get keys before the keymap does.
    Key(KeyEvent),
    /// The search index is built.
    IndexReady(std::sync::Arc<crate::search::Index>),
    /// Results from the background searcher.
    SearchResults(crate::search::SearchResult),
    /// The annotations file was read at start-up.
    AnnotationsOpened(Box<crate::app::state::notes::Opened>),
    /// A save of the annotations finished.
    Saved(Box<crate::annotations::SaveReport>),
    /// The annotations file changed on disk (the watcher saw it): it may be
    /// someone else's edit.
    AnnotationsChanged,
    /// The annotations file changed on disk was read and merged.
    AnnotationsReloaded(Box<crate::annotations::ReloadReport>),
    /// An export finished: the path written, or why not.
    Exported(Result<std::path::PathBuf, String>),
    /// An import finished: the article written, or the one-line error.
    Imported(Result<crate::import::Imported, String>),
    /// The export form's path `typed`, completed (`None`: nothing matches).
    PathCompleted {
        typed: String,
        completed: Option<String>,
    },
    /// The desktop opener could not open `url` (none installed, or it
    /// failed): say so, and copy the link instead.
    OpenFailed {
        url: String,
        error: String,
    },
    /// The search history of earlier runs was read at start-up.
    SearchHistoryLoaded(super::search_history::SearchHistory),
    /// Where the reader was when this corpus was last left (read at
    /// start, sent once the corpus and annotations are loaded).
    SessionLoaded(crate::app::state::session::Session),
    /// The corpus was loaded again (a file changed, `R`, or after `e`).
    Reloaded(Box<crate::app::state::reload::Reloaded>),
    /// Something the runtime could not do (the editor did not start): say why.
    Failed(String),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}
