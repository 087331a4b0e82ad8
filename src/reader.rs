//! The reader as the rest of the world sees it (main.rs, tests, benches):
//! its state and the pure `update` that changes it, the keys and events that
//! drive it, the screen that draws it and the event loop that runs it. The
//! layers behind this facade (`app`, `view`, `ui`, `runtime`) are private to
//! the crate, so they can be reshaped without breaking anyone outside.

// State and its changes.
pub use crate::app::nav::open_article;
pub use crate::app::notes::{current_target, refresh as refresh_notes, selected_highlight};
pub use crate::app::state::editors::{Form, FormKind};
pub use crate::app::state::notes::{Opened, SaveState};
pub use crate::app::state::reload::Reloaded;
pub use crate::app::state::search::SearchPopup;
pub use crate::app::state::session::Session;
pub use crate::app::state::{Effect, EventRow, Overlay};
pub use crate::app::{ready_state, update, Action, Command, MouseKind, Pane, State};
pub use crate::view::details::{DetailsItem, DetailsMode};
pub use crate::view::wrap::Role;

// Keys: the default keymap, its sections (one per popup), key names.
pub use crate::app::key_spec::parse_key;
pub use crate::app::keymap::{Keymap, DEFAULT as DEFAULT_KEYMAP};
pub use crate::app::keymap::{Popup, Section};

// Drawing.
pub use crate::ui::Screen;
pub use crate::view::article::ArticleDoc;

// The event loop and the IO it does for the reader.
pub use crate::app::overlay::recovery::current_draft;
pub use crate::runtime::annotations_file::open as open_annotations;
pub use crate::runtime::annotations_watch::watch as watch_annotations;
pub use crate::runtime::event::AppEvent;
pub use crate::runtime::keymap_file::load as load_keymap;
pub use crate::runtime::recovery_slot::{
    publish as publish_recovery, write_now as write_recovery_now,
};
pub use crate::runtime::run::{run, to_action, Options};
pub use crate::runtime::tui::SafeBackend;
pub use crate::runtime::watcher::Reloader;
