//! Where the panes are for a terminal size. Pure geometry, shared by drawing
//! and by mouse hit-testing, so the two can never disagree.

use super::action::Pane;
use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// Below this the reader shows "terminal too small".
pub const MIN_WIDTH: u16 = 32;
pub const MIN_HEIGHT: u16 = 8;
/// From this width, three panes side by side.
pub const WIDE: u16 = 120;
/// From this width, events beside article-over-details; below, one pane at a
/// time with a tab bar.
pub const MEDIUM: u16 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    TooSmall,
    /// One pane at a time, switched with Tab / 1 2 3.
    Narrow,
    /// Events on the left; article over details on the right.
    Medium,
    /// Three panes side by side.
    Wide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneLayout {
    pub mode: Mode,
    pub area: Rect,
    pub events: Option<Rect>,
    pub article: Option<Rect>,
    pub details: Option<Rect>,
    /// The tab bar (narrow mode).
    pub tabs: Option<Rect>,
    pub status: Rect,
}

impl PaneLayout {
    pub fn compute(area: Rect, focus: Pane) -> PaneLayout {
        let mut l = PaneLayout {
            area,
            ..PaneLayout::default()
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return l;
        }
        let [main, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        l.status = status;
        if area.width >= WIDE {
            l.mode = Mode::Wide;
            // The timeline gets a third: at 120 columns an event's title
            // keeps about 27 characters beside its date.
            let [e, a, d] = Layout::horizontal([
                Constraint::Percentage(33),
                Constraint::Percentage(42),
                Constraint::Percentage(25),
            ])
            .areas(main);
            (l.events, l.article, l.details) = (Some(e), Some(a), Some(d));
        } else if area.width >= MEDIUM {
            l.mode = Mode::Medium;
            let [e, right] =
                Layout::horizontal([Constraint::Percentage(36), Constraint::Percentage(64)])
                    .areas(main);
            let [a, d] = Layout::vertical([Constraint::Percentage(64), Constraint::Percentage(36)])
                .areas(right);
            (l.events, l.article, l.details) = (Some(e), Some(a), Some(d));
        } else {
            l.mode = Mode::Narrow;
            let [tabs, body] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
            l.tabs = Some(tabs);
            match focus {
                Pane::Events => l.events = Some(body),
                Pane::Article => l.article = Some(body),
                Pane::Details => l.details = Some(body),
            }
        }
        l
    }

    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Events => self.events,
            Pane::Article => self.article,
            Pane::Details => self.details,
        }
    }

    /// The pane's content area: inside its border.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        self.rect(pane).map(inner)
    }

    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|&p| self.rect(p).is_some_and(|r| contains(r, col, row)))
    }

    /// Tab bar entries: (pane, x range) in narrow mode.
    pub fn tab_at(&self, col: u16, row: u16) -> Option<Pane> {
        let tabs = self.tabs?;
        if row != tabs.y {
            return None;
        }
        let mut x = tabs.x;
        for (i, pane) in Pane::ALL.into_iter().enumerate() {
            let w = tab_label(i, pane).chars().count() as u16;
            if col >= x && col < x + w {
                return Some(pane);
            }
            x += w;
        }
        None
    }
}

/// Where a popup of text sits: `rows` written lines (more when they wrap)
/// in a box at most `wide` columns wide, centred in `area`, with room for
/// its borders and a wrapped line or two.
pub fn text_popup(area: Rect, rows: usize, wide: u16) -> Rect {
    let width = wide
        .min(area.width.saturating_sub(4))
        .max(area.width.min(20));
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(4)
        .min(area.height.saturating_sub(2))
        .max(3);
    centred(area, width, height)
}

/// A `width`×`height` box in the middle of `area` (cut to it).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

pub fn tab_label(i: usize, pane: Pane) -> String {
    format!(" {} {} ", i + 1, pane.label())
}

pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

pub fn contains(r: Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_the_width() {
        let l = |w, h| PaneLayout::compute(Rect::new(0, 0, w, h), Pane::Events);
        assert_eq!(l(250, 70).mode, Mode::Wide);
        assert_eq!(l(120, 40).mode, Mode::Wide);
        assert_eq!(l(80, 24).mode, Mode::Medium);
        assert_eq!(l(60, 20).mode, Mode::Narrow);
        assert_eq!(l(20, 5).mode, Mode::TooSmall);
        assert_eq!(l(1, 1).mode, Mode::TooSmall);
    }

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [(250, 70), (120, 40), (80, 24), (40, 10)] {
            let l = PaneLayout::compute(Rect::new(0, 0, w, h), Pane::Article);
            let rects: Vec<Rect> = Pane::ALL.iter().filter_map(|&p| l.rect(p)).collect();
            for (i, a) in rects.iter().enumerate() {
                assert!(a.right() <= w && a.bottom() < h, "{w}x{h}");
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(*b), "{w}x{h}: {a:?} {b:?}");
                }
            }
            assert!(l.article.is_some(), "the focused pane is always shown");
        }
    }

    #[test]
    fn hit_testing_finds_panes_and_tabs() {
        let l = PaneLayout::compute(Rect::new(0, 0, 120, 40), Pane::Events);
        assert_eq!(l.pane_at(0, 0), Some(Pane::Events));
        assert_eq!(l.pane_at(60, 10), Some(Pane::Article));
        assert_eq!(l.pane_at(119, 38), Some(Pane::Details));
        assert_eq!(l.pane_at(60, 39), None, "status bar");
        let n = PaneLayout::compute(Rect::new(0, 0, 60, 20), Pane::Events);
        assert_eq!(n.tab_at(1, 0), Some(Pane::Events));
        assert_eq!(n.tab_at(14, 0), Some(Pane::Article));
    }
}
