//! Where the search popup's parts go for a terminal size. One computation,
//! read by the drawing code and by `update` (which scrolls the result list
//! by the rows this says are drawn).

use ratatui::layout::Rect;

/// A popup at least this wide shows the preview beside the list.
pub const BESIDE_FROM: u16 = 100;
/// Rows below which the list is not shortened to make room for a preview
/// under it.
const LIST_ROWS_KEPT: u16 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PopupLayout {
    /// The whole popup, borders included.
    pub outer: Rect,
    pub input: Rect,
    pub scope: Rect,
    pub status: Rect,
    pub list: Rect,
    /// The preview of the selected result, when there is room for one.
    pub preview: Option<Rect>,
    /// The rule between the list and the preview (a column when beside, a
    /// row when under).
    pub rule: Option<Rect>,
}

impl PopupLayout {
    pub fn compute(area: Rect) -> PopupLayout {
        let width = area.width.saturating_sub(4).clamp(20.min(area.width), 160);
        let beside = width >= BESIDE_FROM;
        let wanted = if beside { 30 } else { 32 };
        let height = area
            .height
            .saturating_sub(2)
            .clamp(3.min(area.height), wanted);
        let outer = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 4,
            width,
            height,
        };
        let inner = Rect {
            x: outer.x + 1,
            y: outer.y + 1,
            width: outer.width.saturating_sub(2),
            height: outer.height.saturating_sub(2),
        };
        let mut layout = PopupLayout {
            outer,
            ..PopupLayout::default()
        };
        if inner.height < 3 || inner.width < 10 {
            return layout;
        }
        let row = |i: u16| Rect {
            y: inner.y + i,
            height: 1,
            ..inner
        };
        layout.input = row(0);
        layout.scope = row(1);
        layout.status = row(2);
        let body = Rect {
            y: inner.y + 3,
            height: inner.height - 3,
            ..inner
        };
        layout.list = body;
        if beside {
            // The list keeps the larger part: it is what is being chosen.
            let list_width = body.width * 11 / 20;
            layout.list.width = list_width;
            layout.rule = Some(Rect {
                x: body.x + list_width,
                width: 1,
                ..body
            });
            layout.preview = Some(Rect {
                x: body.x + list_width + 2,
                width: body.width - list_width - 2,
                ..body
            });
        } else if body.height >= 2 * LIST_ROWS_KEPT - 1 {
            let preview_height = body.height * 2 / 5;
            let list_height = body.height - preview_height;
            layout.list.height = list_height;
            layout.rule = Some(Rect {
                y: body.y + list_height,
                height: 1,
                ..body
            });
            layout.preview = Some(Rect {
                y: body.y + list_height + 1,
                height: preview_height - 1,
                ..body
            });
        }
        layout
    }

    /// How many results the list shows at once (at least one, so that
    /// scrolling stays defined when nothing is drawn).
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(inner: Rect, outer: Rect) -> bool {
        inner.x >= outer.x
            && inner.y >= outer.y
            && inner.right() <= outer.right()
            && inner.bottom() <= outer.bottom()
    }

    #[test]
    fn wide_popups_put_the_preview_beside_narrow_ones_under_tiny_ones_nowhere() {
        let at = |w, h| PopupLayout::compute(Rect::new(0, 0, w, h));
        let wide = at(120, 40);
        let preview = wide.preview.unwrap();
        assert_eq!(preview.y, wide.list.y);
        assert!(preview.x > wide.list.right());
        let narrow = at(80, 24);
        let preview = narrow.preview.unwrap();
        assert!(preview.y > narrow.list.bottom());
        assert!(narrow.list.height >= LIST_ROWS_KEPT);
        // The README's figures: beside from 104 columns, under from 18 rows.
        assert!(at(104, 20).preview.unwrap().y == at(104, 20).list.y);
        assert!(at(103, 18).preview.unwrap().y > at(103, 18).list.y);
        assert_eq!(at(103, 17).preview, None);
        for (w, h) in [(50, 15), (100, 14), (40, 12)] {
            let l = at(w, h);
            assert_eq!(l.preview, None, "{w}x{h}");
            assert_eq!(usize::from(l.list.height), l.list_rows(), "{w}x{h}");
        }
    }

    #[test]
    fn every_part_stays_inside_the_terminal_at_any_size() {
        for w in 0..=130 {
            for h in 0..=45 {
                let area = Rect::new(3, 2, w, h);
                let l = PopupLayout::compute(area);
                assert!(inside(l.outer, area), "{w}x{h}");
                let parts = [l.input, l.scope, l.status, l.list];
                for r in parts.into_iter().chain(l.preview).chain(l.rule) {
                    assert!(r.area() == 0 || inside(r, l.outer), "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
