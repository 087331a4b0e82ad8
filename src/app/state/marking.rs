//! The passage being marked in the article (see `overlay::mark`).

use crate::corpus::ArticleIx;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub article: ArticleIx,
    pub range: Range<usize>,
    /// Earlier ranges, for Backspace.
    pub history: Vec<Range<usize>>,
}
