//! The passage being marked in the article (see `overlay::mark`).

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub article: usize,
    pub range: Range<usize>,
    /// Earlier ranges, for Backspace.
    pub history: Vec<Range<usize>>,
}
