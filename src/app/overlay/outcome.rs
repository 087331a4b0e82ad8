//! What a key does to the popup it reaches.

/// The answer of a popup's key handler: the popup stays (changed in place),
/// closes (with what the status bar says), or submits what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Keep,
    Close(Option<String>),
    Submit,
}

impl Outcome {
    pub fn close_saying(message: &str) -> Outcome {
        Outcome::Close(Some(message.to_string()))
    }
}
