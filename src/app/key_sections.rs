//! The sections of the keymap: `global`, one per pane, and one per popup,
//! with what each may bind. A popup's section lists only the actions that
//! popup obeys, and a popup one types in binds no plain character (those
//! are typed): the same checks for the embedded file and the reader's.

use super::action::{Command, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Global,
    Pane(PaneKey),
    Popup(Popup),
}

/// `Pane` with an order, for sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PaneKey {
    Events,
    Article,
    Details,
}

impl From<Pane> for PaneKey {
    fn from(p: Pane) -> Self {
        match p {
            Pane::Events => PaneKey::Events,
            Pane::Article => PaneKey::Article,
            Pane::Details => PaneKey::Details,
        }
    }
}

/// A popup with keys of its own, in the order the help lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Popup {
    Search,
    LineEdit,
    Mark,
    Filter,
    Note,
    Tags,
    Form,
    Discard,
    Import,
    Export,
    Recovery,
    ConfirmQuit,
    Articles,
    Speakers,
    Chart,
    /// The help, the loading problems, a notice: text to scroll.
    Reading,
}

use Command as C;

/// The line editor's operations (also the export path's two).
pub const LINE_EDITS: &[Command] = &[
    C::CharBack,
    C::CharForward,
    C::WordBack,
    C::WordForward,
    C::LineStart,
    C::LineEnd,
    C::DeleteBack,
    C::DeleteForward,
    C::DeleteWordBack,
    C::DeleteLettersBack,
    C::DeleteLettersForward,
    C::DeleteToStart,
    C::DeleteToEnd,
    C::Yank,
];

impl Popup {
    pub const ALL: [Popup; 16] = [
        Popup::Search,
        Popup::LineEdit,
        Popup::Mark,
        Popup::Filter,
        Popup::Note,
        Popup::Tags,
        Popup::Form,
        Popup::Discard,
        Popup::Import,
        Popup::Export,
        Popup::Recovery,
        Popup::ConfirmQuit,
        Popup::Articles,
        Popup::Speakers,
        Popup::Chart,
        Popup::Reading,
    ];

    /// Its name in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Popup::Search => "search",
            Popup::LineEdit => "line-edit",
            Popup::Mark => "mark",
            Popup::Filter => "filter",
            Popup::Note => "note",
            Popup::Tags => "tags",
            Popup::Form => "form",
            Popup::Discard => "discard",
            Popup::Import => "import",
            Popup::Export => "export",
            Popup::Recovery => "recovery",
            Popup::ConfirmQuit => "confirm-quit",
            Popup::Articles => "articles",
            Popup::Speakers => "speakers",
            Popup::Chart => "chart",
            Popup::Reading => "reading",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Popup::Search => "Search popup (/)",
            Popup::LineEdit => {
                "Editing a line (the search, the tags, the forms' fields, the import)"
            }
            Popup::Mark => "Marking a passage (m)",
            Popup::Filter => "Filter menu (f)",
            Popup::Note => "Note editor (a)",
            Popup::Tags => "Tag editor (t)",
            Popup::Form => "Forms (E, a marked passage)",
            Popup::Discard => "Asked before typed text is thrown away (note, forms)",
            Popup::Import => "Import prompt (i)",
            Popup::Export => "Export form (x)",
            Popup::Recovery => "Recovered text, at start",
            Popup::ConfirmQuit => "Quit without saving?",
            Popup::Articles => "All articles (A; the moves of Everywhere too)",
            Popup::Speakers => "Who said what (@; the moves of Everywhere too)",
            Popup::Chart => "The chart (T; the moves of Everywhere too)",
            Popup::Reading => "The help, the loading problems (the moves of Everywhere too)",
        }
    }

    /// Whether it takes typed text: then a plain character is never a
    /// key of its section.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Popup::Search
                | Popup::LineEdit
                | Popup::Note
                | Popup::Tags
                | Popup::Form
                | Popup::Import
                | Popup::Export
        )
    }

    /// Whether the keys of `global` it does not bind work in it too (the
    /// views move with the reader's moves, and quit with its quit).
    pub fn falls_back(self) -> bool {
        matches!(
            self,
            Popup::Articles | Popup::Speakers | Popup::Chart | Popup::Reading
        )
    }

    /// The actions it obeys.
    pub fn actions(self) -> &'static [Command] {
        match self {
            Popup::Search => &[
                C::Open,
                C::Up,
                C::Down,
                C::PageUp,
                C::PageDown,
                C::NextScope,
                C::PrevScope,
                C::ToggleExact,
                C::ToggleArticle,
                C::OlderSearch,
                C::NewerSearch,
                C::Close,
                C::Quit,
            ],
            Popup::LineEdit => LINE_EDITS,
            Popup::Mark => &[
                C::Submit,
                C::Close,
                C::ExtendWord,
                C::ExtendSentence,
                C::ExtendLine,
                C::StartWordBack,
                C::StartWordForward,
                C::StartSentenceBack,
                C::Undo,
            ],
            Popup::Filter => &[C::Up, C::Down, C::Top, C::Bottom, C::Submit, C::Close],
            Popup::Note => &[C::Save, C::Close],
            Popup::Tags => &[C::Complete, C::Save, C::Close],
            Popup::Form => &[
                C::Complete,
                C::NextField,
                C::PrevField,
                C::Submit,
                C::Save,
                C::Close,
            ],
            Popup::Discard => &[C::Close, C::Discard, C::Save],
            Popup::Import => &[C::Complete, C::Submit, C::Close],
            Popup::Export => &[
                C::PrevFormat,
                C::NextFormat,
                C::Complete,
                C::DeleteBack,
                C::DeleteToStart,
                C::Submit,
                C::Close,
            ],
            Popup::Recovery => &[C::Restore, C::Discard, C::Close],
            Popup::ConfirmQuit => &[C::Quit],
            Popup::Articles => &[C::Open, C::Sort, C::Close],
            Popup::Speakers => &[C::Open, C::FocusNext, C::FocusPrev, C::Close],
            Popup::Chart => &[C::Open, C::Close],
            Popup::Reading => &[
                C::Close,
                C::Up,
                C::Down,
                C::Top,
                C::Bottom,
                C::PageUp,
                C::PageDown,
                C::HalfPageUp,
                C::HalfPageDown,
            ],
        }
    }
}

impl Section {
    /// Every section, in the order the help lists them.
    pub fn all() -> impl Iterator<Item = Section> {
        let panes = [PaneKey::Events, PaneKey::Article, PaneKey::Details].map(Section::Pane);
        std::iter::once(Section::Global)
            .chain(panes)
            .chain(Popup::ALL.map(Section::Popup))
    }

    /// Its name in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Pane(PaneKey::Events) => "events",
            Section::Pane(PaneKey::Article) => "article",
            Section::Pane(PaneKey::Details) => "details",
            Section::Popup(p) => p.name(),
        }
    }

    /// The section a keymap file calls `name`.
    pub fn named(name: &str) -> Option<Section> {
        Section::all().find(|s| s.name() == name)
    }

    /// The names, for a message: "global, events, …, chart".
    pub fn names() -> String {
        Section::all()
            .map(Section::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The help's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Everywhere",
            Section::Pane(PaneKey::Events) => "Events pane",
            Section::Pane(PaneKey::Article) => "Article pane",
            Section::Pane(PaneKey::Details) => "Details pane",
            Section::Popup(p) => p.title(),
        }
    }

    /// Why `command` cannot be bound here, if it cannot.
    pub fn refuses_action(self, command: Command) -> Option<String> {
        let allowed = match self {
            Section::Popup(p) => p.actions().contains(&command),
            _ => !command.is_popup_only(),
        };
        if allowed {
            return None;
        }
        let known: Vec<&str> = match self {
            Section::Popup(p) => p.actions().iter().map(|c| c.name()).collect(),
            _ => Command::ALL
                .iter()
                .filter(|(c, _)| !c.is_popup_only())
                .map(|(_, n)| *n)
                .collect(),
        };
        let homes: Vec<&str> = Popup::ALL
            .iter()
            .filter(|p| p.actions().contains(&command))
            .map(|p| p.name())
            .collect();
        let home = match homes.as_slice() {
            [] => String::new(),
            _ => format!(" (it belongs in {})", homes.join(", ")),
        };
        Some(format!(
            "`{}` is not an action of `{}`{home}; its actions: {}",
            command.name(),
            self.name(),
            known.join(", ")
        ))
    }

    /// Why `key` (written `spec`) cannot be bound here, if it cannot: a
    /// plain character is typed in a popup that takes text.
    pub fn refuses_key(self, key: KeyEvent, spec: &str) -> Option<String> {
        let typed = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Section::Popup(p) if p.takes_text() && typed => Some(format!(
                "`{spec}` is typed as text in `{}`: bind a named key or one with ctrl- or alt-",
                p.name()
            )),
            _ => None,
        }
    }
}
