//! A list of rows in columns, for the views that list (`A`, `@`): each cell
//! cut to its column with "…", a header, the selected row highlighted and
//! kept in view.

use crate::theme::Theme;
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Row, StatefulWidget, Table, TableState};

/// One cell: its text and its style.
pub type Cell = (String, Style);

/// The rows of a list: how many there are, and the cells of one. Only the
/// rows on screen are asked for, so a list of 10,000 articles formats 40
/// rows a frame, not 10,000.
pub struct Rows<'a> {
    pub len: usize,
    pub cells: &'a dyn Fn(usize) -> Vec<Cell>,
}

/// Draws `rows` under `header` in columns sized by `widths` (one column of
/// space between them), `selected` highlighted (brighter when `focused`)
/// and scrolled into view: at the bottom once it is past the first page,
/// as the list's page keys expect.
pub fn render(
    theme: &Theme,
    (header, widths): (&[&str], &[Constraint]),
    rows: Rows,
    (selected, focused): (Option<usize>, bool),
    area: Rect,
    buf: &mut Buffer,
) {
    let visible = usize::from(area.height.saturating_sub(1)).max(1); // the header's line
    let first = selected.map_or(0, |s| (s + 1).saturating_sub(visible));
    let shown = first..rows.len.min(first + visible);
    // The mark's column comes first.
    let columns: Vec<usize> = Layout::horizontal(widths.iter().copied())
        .spacing(1)
        .split(Rect::new(0, 0, area.width.saturating_sub(1), 1))
        .iter()
        .map(|r| usize::from(r.width))
        .collect();
    let cut = |s: &str, col: usize| text::truncate(s, columns.get(col).copied().unwrap_or(0));
    let header = Row::new(
        header
            .iter()
            .enumerate()
            .map(|(i, h)| Line::from(Span::styled(cut(h, i), theme.heading))),
    );
    let rows = shown.map(|r| (rows.cells)(r)).map(|cells| {
        Row::new(
            cells
                .iter()
                .enumerate()
                .map(|(i, (s, style))| Line::from(Span::styled(cut(s, i), *style))),
        )
    });
    let table = Table::new(rows, widths.iter().copied())
        .header(header)
        .column_spacing(1)
        .style(theme.popup)
        .row_highlight_style(if focused {
            theme.selection
        } else {
            theme.selection_unfocused
        })
        // A mark besides the colour: the selection reads without colours too.
        .highlight_symbol("▸")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(selected.map(|s| s - first));
    StatefulWidget::render(table, area, buf, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn only_the_rows_on_screen_are_built_and_the_selected_one_is_kept_at_the_bottom() {
        let theme = Theme::default();
        let area = Rect::new(0, 0, 20, 11); // a header and 10 rows
        let mut buf = Buffer::empty(area);
        let asked = RefCell::new(Vec::new());
        let cells = |i: usize| {
            asked.borrow_mut().push(i);
            vec![(format!("row {i}"), Style::default())]
        };
        let rows = Rows {
            len: 10_000,
            cells: &cells,
        };
        let widths = [Constraint::Fill(1)];
        render(
            &theme,
            (&["Row"], &widths),
            rows,
            (Some(50), true),
            area,
            &mut buf,
        );
        assert_eq!(*asked.borrow(), (41..=50).collect::<Vec<_>>());
        let line = |y: u16| -> String {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        };
        assert_eq!(line(1).trim_end(), " row 41");
        assert_eq!(line(10).trim_end(), "▸row 50");
    }
}
