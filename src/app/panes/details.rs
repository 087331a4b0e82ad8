//! The details pane: the selected event, the open article's quotes, or one
//! of the reader's events, with selectable items.

use crate::app::action::Pane;
use crate::app::nav;
use crate::app::state::State;
use crate::view::details::{DetailsItem, DetailsMode};

/// Moves the selection by `delta` items (pages by about three lines an
/// item), or scrolls when nothing is selectable.
pub fn step(state: &mut State, delta: isize) {
    let n = state.details.doc.as_ref().map_or(0, |d| d.items.len());
    if n == 0 {
        scroll(state, delta);
        return;
    }
    let cur = state.details.selected.map_or(-1, |s| s as isize);
    // Pages move by items, about three lines each.
    let d = if delta.abs() > 1 && delta.abs() < isize::MAX / 4 {
        delta / 3
    } else {
        delta
    };
    let next = (cur + d).clamp(0, n as isize - 1) as usize;
    nav::select_detail(state, next);
}

/// Enter: opens the selected source or quote in the article pane.
pub fn activate(state: &mut State) {
    match nav::selected_detail(state) {
        Some(DetailsItem::Source(s)) => {
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(s.article));
            nav::open_article(state, s.article, s.quote);
        }
        Some(DetailsItem::Quote(q)) => {
            nav::open_article(state, q.article, Some(q.quote));
        }
        Some(DetailsItem::Highlight(h)) => nav::show_highlight(state, &h),
        None => {}
    }
}

/// Scrolls by `delta` lines.
pub fn scroll(state: &mut State, delta: isize) {
    state.details.offset = state.details_view().scroll_by(delta).offset;
}

/// A click on `line` of the pane selects the item there.
pub fn click(state: &mut State, line: usize) {
    let l = state.details.offset + line;
    if let Some(i) = state.details.doc.as_ref().and_then(|d| d.item_at_line(l)) {
        nav::select_detail(state, i);
    }
}
