//! What a key does to the popup it reaches.

use crate::app::action::Command;

/// The answer of a popup's key handler: the popup stays (changed in place,
/// or saying why not), closes (with what the status bar says), or is taken out and submitted
/// with the action that submitted it (a popup offering several ends — the
/// recovery offer's restore or discard, the search's go or quit — tells
/// them apart by it). Only a submit takes a popup out of the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Keep,
    /// The popup stays, and the status bar says why nothing happened.
    KeepSaying(String),
    Close(Option<String>),
    Submit(Command),
}

impl Outcome {
    pub fn close_saying(message: &str) -> Outcome {
        Outcome::Close(Some(message.to_string()))
    }
}
