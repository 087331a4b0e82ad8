//! The timeline: events grouped by month, the selected one highlighted, the
//! ones the open article reports marked.

use super::pane_block;
use crate::annotations::{Annotations, Target};
use crate::app::state::{EventRow, State};
use crate::app::Pane;
use crate::corpus::disagreement::{DISPUTED_MARK, INFERRED_MARK};
use crate::corpus::{EventIx, PartialDate};
use crate::theme::Theme;
use crate::ui::text;
use crate::view::markers::marks_for;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let corpus = &state.corpus;
    let shown = state.events.shown();
    // The corpus's events, as the status bar counts them, and yours apart.
    let yours = state.notes.data.reader_events.len();
    let total = corpus.events.len() + yours;
    let count = match yours {
        0 => corpus.events.len().to_string(),
        n => format!("{} + {n} yours", corpus.events.len()),
    };
    let title = match &state.notes.filter {
        Some(f) => format!(" 1 Events · {shown}/{total} · {} ", f.label()),
        None => format!(" 1 Events · {count} "),
    };
    let block = pane_block(state, theme, Pane::Events, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if state.notes.filter.is_some() && shown == 0 {
        let filter = crate::ui::popup::key_label(state, crate::app::Command::Filter);
        Line::styled(
            format!("No event matches the filter ({filter})."),
            theme.dim,
        )
        .render(inner, buf);
        return;
    }
    if corpus.events.is_empty() && shown == 0 {
        Line::styled("No events in this corpus.", theme.dim).render(inner, buf);
        return;
    }
    let lang = corpus.date_lang();
    let reported: &[EventIx] = state.article.open.map_or(&[], |a| corpus.article_events(a));
    let width = usize::from(inner.width);
    let focused = state.focus == Pane::Events;
    for (i, row) in state
        .events
        .rows
        .iter()
        .enumerate()
        .skip(state.events.offset)
        .take(usize::from(inner.height))
    {
        let y = inner.y + (i - state.events.offset) as u16;
        let rect = Rect::new(inner.x, y, inner.width, 1);
        match row {
            EventRow::Month(label) => {
                Line::styled(text::truncate(label, width), theme.month_heading).render(rect, buf);
            }
            EventRow::Event(e) => {
                let event = corpus.event(*e);
                let is_reported = reported.contains(e);
                let marker = if is_reported { "▸" } else { " " };
                let date = format!("{:<9}", event.date.short(lang));
                let target = Target::Event(event.id.to_string());
                let mut marks = provenance_marks(event, theme);
                marks.extend(markers_for(&state.notes.data, &target, theme));
                let used = 1 + 1 + date.chars().count() + spans_width(&marks);
                let mut spans = vec![
                    Span::styled(marker, theme.event_reported),
                    Span::raw(" "),
                    Span::styled(date, theme.event_date),
                ];
                spans.extend(marks);
                spans.extend([Span::styled(
                    text::truncate(&event.title, width.saturating_sub(used)),
                    if is_reported {
                        theme.event_reported
                    } else {
                        theme.event_title
                    },
                )]);
                Line::from(spans).render(rect, buf);
                if state.events.selected == Some(i) {
                    let sel = if focused {
                        theme.selection
                    } else {
                        theme.selection_unfocused
                    };
                    buf.set_style(rect, sel);
                }
            }
            EventRow::Reader(r) => {
                let selected = state.events.selected == Some(i);
                reader_event_row(state, theme, r, selected, rect, buf);
            }
        }
    }
}

/// "⚠ " for a disputed event, "≈ " for one with an inferred fact.
fn provenance_marks(event: &crate::corpus::Event, theme: &Theme) -> Vec<Span<'static>> {
    let mut marks = Vec::new();
    if event.disputed() {
        marks.push(Span::styled(DISPUTED_MARK, theme.warning));
    }
    if event.has_inferred() {
        marks.push(Span::styled(INFERRED_MARK, theme.dim));
    }
    if !marks.is_empty() {
        marks.push(Span::raw(" "));
    }
    marks
}

/// The markers of `target`, styled, each followed by nothing; a trailing
/// space when there are any. For lists (events, quotes, search results).
fn markers_for(a: &Annotations, target: &Target, theme: &Theme) -> Vec<Span<'static>> {
    let marks = marks_for(a, target);
    let mut out: Vec<Span<'static>> = marks
        .iter()
        .map(|(g, role)| Span::styled(*g, text::style(theme, *role, g, |_| false)))
        .collect();
    if !out.is_empty() {
        out.push(Span::raw(" "));
    }
    out
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// A row of the timeline for one of the reader's events: "◆" marks it.
fn reader_event_row(
    state: &State,
    theme: &Theme,
    id: &str,
    selected: bool,
    rect: Rect,
    buf: &mut Buffer,
) {
    let Some(e) = state.notes.data.reader_event(id) else {
        return;
    };
    let lang = state.corpus.date_lang();
    let date = PartialDate::parse(&e.date).map_or_else(|_| e.date.clone(), |d| d.short(lang));
    let date = format!("{date:<9}");
    let marks = markers_for(&state.notes.data, &Target::ReaderEvent(e.id.clone()), theme);
    let used = 2 + date.width() + spans_width(&marks);
    let mut spans = vec![
        Span::styled("◆ ", theme.reader_quote),
        Span::styled(date, theme.event_date),
    ];
    spans.extend(marks);
    spans.push(Span::styled(
        text::truncate(&e.title, usize::from(rect.width).saturating_sub(used)),
        theme.event_title,
    ));
    Line::from(spans).render(rect, buf);
    if selected {
        let focused = state.focus == crate::app::Pane::Events && state.overlay.is_none();
        buf.set_style(
            rect,
            if focused {
                theme.selection
            } else {
                theme.selection_unfocused
            },
        );
    }
}
