//! The reader's state and behaviour: actions in, state changes, no IO.

pub mod action;
pub mod help;
pub mod key_sections;
pub mod key_spec;
pub mod keymap;
pub mod keymap_user;
pub mod layout;
pub mod line_edit;
pub mod nav;
pub mod notes;
pub mod overlay;
pub mod panes;
pub mod reload;
pub mod search_history;
pub mod search_layout;
pub mod session;
pub mod state;
pub mod update;
pub mod viewport;

pub use action::{Action, Command, MouseKind, Pane};
pub use state::State;
pub use update::update;

/// A reader state with `loaded` open in a `width`×`height` terminal, as after
/// start-up (for tests, benchmarks and embedding).
pub fn ready_state(loaded: crate::corpus::Loaded, width: u16, height: u16) -> State {
    let mut state = State::new(
        keymap::Keymap::default_map(),
        state::Phase::Loading {
            label: String::new(),
            progress: Default::default(),
        },
    );
    update(&mut state, Action::Resize(width, height));
    update(&mut state, Action::Loaded(Box::new(Ok(loaded))));
    state
}
