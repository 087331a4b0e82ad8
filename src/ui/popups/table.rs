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

/// Draws `rows` under `header` in columns sized by `widths` (one column of
/// space between them), `selected` highlighted (brighter when `focused`)
/// and scrolled into view.
pub fn render(
    theme: &Theme,
    (header, widths): (&[&str], &[Constraint]),
    rows: Vec<Vec<Cell>>,
    (selected, focused): (Option<usize>, bool),
    area: Rect,
    buf: &mut Buffer,
) {
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
    let rows = rows.into_iter().map(|cells| {
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
    let mut state = TableState::default().with_selected(selected);
    StatefulWidget::render(table, area, buf, &mut state);
}
