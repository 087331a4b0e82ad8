//! The details document's shape: what it shows (a mode), its lines and its
//! selectable items, and the small line builders its parts share.

use crate::corpus::{ArticleIx, EventIx, QuoteRef, SourceRef};
use crate::view::wrap::{self, DocLine, Indent, Role, Run};
use std::ops::Range;
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailsMode {
    Event(EventIx),
    Quotes(ArticleIx),
    /// One of the reader's events, by id.
    ReaderEvent(String),
}

/// Something in the details pane that Enter or a click acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailsItem {
    Source(SourceRef),
    Quote(QuoteRef),
    /// One of the reader's quotes, by id: it stays the same quote when
    /// edits insert or remove others.
    Highlight(String),
}

#[derive(Debug, Clone)]
pub struct DetailsDoc {
    pub mode: DetailsMode,
    pub width: u16,
    pub lines: Vec<DocLine>,
    /// Selectable items and the lines they cover.
    pub items: Vec<(DetailsItem, Range<usize>)>,
}

impl DetailsDoc {
    /// "▸ event · event", indented under a quote; nothing when empty.
    pub fn events_line(&mut self, titles: &[impl AsRef<str>], w: usize) {
        if titles.is_empty() {
            return;
        }
        let text: Vec<&str> = titles.iter().map(AsRef::as_ref).collect();
        let indent = Indent {
            first: "    ▸ ",
            rest: "      ",
        };
        wrap::wrap_text(
            &text.join(" · "),
            Role::EventLink,
            w,
            indent,
            &mut self.lines,
        );
    }

    pub fn item_at_line(&self, line: usize) -> Option<usize> {
        self.items.iter().position(|(_, r)| r.contains(&line))
    }

    pub(super) fn text(&mut self, text: &str, role: Role, w: usize) {
        wrap::wrap_text(text, role, w, Indent::default(), &mut self.lines);
    }

    pub(super) fn labelled(&mut self, label: &str, value: &str, role: Role, w: usize) {
        let runs = [Run::new(label, Role::Label), Run::new(value, role)];
        wrap::wrap(
            &runs,
            w,
            Indent {
                first: "",
                rest: "  ",
            },
            &mut self.lines,
        );
    }
}
