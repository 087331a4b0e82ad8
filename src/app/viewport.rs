//! One scroll type for every pane and popup: a window of `height` rows over
//! `len` rows, its first row at `offset`. The moves keep the offset in
//! `0..=len - height` (a view never scrolls past its end), except
//! [`Viewport::ensure_visible`] and [`Viewport::bring_into_view`], which
//! only move it to a row (callers clamp when the length is known).

/// A window of `height` rows over `len` rows, showing `offset..offset + height`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    pub offset: usize,
    pub len: usize,
    pub height: usize,
}

impl Viewport {
    pub fn new(offset: usize, len: usize, height: usize) -> Viewport {
        Viewport {
            offset,
            len,
            height,
        }
    }

    /// The last offset that still fills the view.
    pub fn max_offset(&self) -> usize {
        self.len.saturating_sub(self.height)
    }

    /// The offset moved back so the view does not run past the end.
    pub fn clamp(mut self) -> Viewport {
        self.offset = self.offset.min(self.max_offset());
        self
    }

    /// Scrolls by `delta` rows (negative: up), within `0..=max_offset`.
    pub fn scroll_by(mut self, delta: isize) -> Viewport {
        let moved = self.offset.saturating_add_signed(delta);
        self.offset = moved.min(self.max_offset());
        self
    }

    pub fn down(self) -> Viewport {
        self.scroll_by(1)
    }

    pub fn up(self) -> Viewport {
        self.scroll_by(-1)
    }

    /// A page: the height less one row, so that a row of context stays.
    pub fn page(&self) -> isize {
        self.height.saturating_sub(1).max(1) as isize
    }

    pub fn page_down(self) -> Viewport {
        let page = self.page();
        self.scroll_by(page)
    }

    pub fn page_up(self) -> Viewport {
        let page = self.page();
        self.scroll_by(-page)
    }

    pub fn top(mut self) -> Viewport {
        self.offset = 0;
        self
    }

    pub fn bottom(mut self) -> Viewport {
        self.offset = self.max_offset();
        self
    }

    /// Scrolls as little as possible to show rows `start..end`; when they
    /// are taller than the view, their start.
    pub fn ensure_visible(mut self, start: usize, end: usize) -> Viewport {
        let height = self.height.max(1);
        if start < self.offset {
            self.offset = start;
        } else if end > self.offset + height {
            self.offset = end.saturating_sub(height).min(start);
        }
        self
    }

    /// Unless rows `row..row + rows` are all in view, puts `row` a third
    /// of the way down: context above, room below.
    pub fn bring_into_view(mut self, row: usize, rows: usize) -> Viewport {
        if row < self.offset || row + rows > self.offset + self.height {
            self.offset = row.saturating_sub(self.height / 3);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_between_the_top_and_the_last_full_view() {
        let v = Viewport::new(0, 10, 4);
        assert_eq!(v.up().offset, 0);
        assert_eq!(v.down().offset, 1);
        assert_eq!(v.page_down().offset, 3);
        assert_eq!(v.bottom().offset, 6);
        assert_eq!(v.bottom().down().offset, 6);
        assert_eq!(v.bottom().page_up().offset, 3);
        assert_eq!(v.scroll_by(isize::MAX / 2).offset, 6);
        assert_eq!(v.bottom().top().offset, 0);
        // Shorter than the view: nothing to scroll.
        assert_eq!(Viewport::new(0, 3, 4).bottom().offset, 0);
        assert_eq!(Viewport::new(5, 3, 4).clamp().offset, 0);
    }

    #[test]
    fn ensure_visible_scrolls_as_little_as_it_can() {
        let v = Viewport::new(10, 100, 5);
        assert_eq!(v.ensure_visible(12, 13).offset, 10);
        assert_eq!(v.ensure_visible(3, 4).offset, 3);
        assert_eq!(v.ensure_visible(20, 21).offset, 16);
        // Taller than the view: its start shows.
        assert_eq!(v.ensure_visible(20, 40).offset, 20);
    }

    #[test]
    fn bring_into_view_puts_a_hidden_row_a_third_down() {
        let v = Viewport::new(0, 100, 9);
        assert_eq!(v.bring_into_view(4, 2).offset, 0);
        assert_eq!(v.bring_into_view(8, 2).offset, 5);
        assert_eq!(v.bring_into_view(30, 1).offset, 27);
        assert_eq!(Viewport::new(40, 100, 9).bring_into_view(30, 1).offset, 27);
    }
}
