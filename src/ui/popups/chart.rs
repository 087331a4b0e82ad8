//! `T`: the timeline as a chart. One column per time bucket: a bar of the
//! events dated within it, a row under the bars marking the selected event
//! (▲), starred ones (★) and empty periods (·), then vague dates drawn as
//! spans (├──┤), the axis and what the selected event is.

use crate::app::state::chart::Chart;
use crate::app::state::State;
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

/// Lanes of vague dates drawn at most (the rest are counted).
const LANES: usize = 3;
/// The tallest bars.
const BARS: u16 = 8;

pub fn render(state: &State, chart: &Chart, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let drawn_lanes = chart.lanes.len().min(LANES) as u16;
    // The selected event, bars, marks, lanes, axis, two lines of legend
    // and the borders.
    let wanted = BARS + drawn_lanes + 7;
    let title = format!(
        "The timeline over time · {} events · one column a {}",
        chart.events.len(),
        chart.unit.label()
    );
    let inner = popup::open(
        area,
        Size::reading(area.width, wanted),
        &title,
        &footer(state),
        theme,
        buf,
    );
    if chart.labels.is_empty() {
        Line::styled(
            "No dated event to chart: the timeline shows none.",
            theme.dim,
        )
        .render(inner, buf);
        return;
    }
    let n = chart.labels.len();
    let column = (usize::from(inner.width) / n).clamp(1, 6);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let row = |y: u16| Rect::new(inner.x, y, inner.width, 1);
    // What is selected first: it is what j/k change.
    let lang = state.corpus.date_lang();
    if let Some(p) = chart.selected_placed() {
        let event = state.corpus.event(p.event);
        let line = Line::from(vec![
            Span::styled("▲ ", theme.selection),
            Span::styled(event.date.long(lang), theme.event_date),
            Span::styled(" · ", theme.dim),
            Span::styled(event.title.to_string(), theme.event_title),
        ]);
        line.render(row(y), buf);
        y += 1;
    }
    // Leave room for the marks, the axis and the legend below the bars.
    let below = 3 + drawn_lanes.min(bottom.saturating_sub(y).saturating_sub(4));
    let bars = bottom
        .saturating_sub(y)
        .saturating_sub(below)
        .clamp(1, BARS);
    if y + bars <= bottom {
        bar_chart(
            chart,
            theme,
            column,
            Rect::new(inner.x, y, inner.width, bars),
            buf,
        );
        y += bars;
    }
    if y < bottom {
        marks(chart, theme, column, row(y), buf);
        y += 1;
    }
    let room = usize::from(bottom.saturating_sub(y).saturating_sub(3));
    // The selected vague date is always drawn: its lane takes the last
    // place shown when it would be hidden.
    let shown = room.min(LANES).min(chart.lanes.len());
    let mut drawn: Vec<usize> = (0..shown).collect();
    let selected = chart.selected_position();
    let selected_lane = selected.and_then(|s| chart.lanes.iter().position(|l| l.contains(&s)));
    if let Some(at) = selected_lane.filter(|&at| shown > 0 && at >= shown) {
        drawn[shown - 1] = at;
    }
    for &lane in &drawn {
        spans(chart, &chart.lanes[lane], theme, column, row(y), buf);
        y += 1;
    }
    if y < bottom {
        axis(chart, theme, column, row(y), buf);
        y += 1;
    }
    let spans_drawn: usize = drawn.iter().map(|&l| chart.lanes[l].len()).sum();
    let hidden = chart.lanes.iter().map(Vec::len).sum::<usize>() - spans_drawn;
    let legend = legend(chart, hidden);
    for line in legend.iter().take(usize::from(bottom.saturating_sub(y))) {
        let line = text::truncate(line, usize::from(inner.width));
        Line::styled(line, theme.dim).render(row(y), buf);
        y += 1;
    }
}

fn bar_chart(chart: &Chart, theme: &Theme, column: usize, area: Rect, buf: &mut Buffer) {
    let selected = chart
        .selected_placed()
        .filter(|p| !p.is_span())
        .map(|p| p.from);
    let bars: Vec<Bar> = chart
        .counts
        .iter()
        .enumerate()
        .map(|(b, &count)| {
            let style = if Some(b) == selected {
                theme.selection
            } else if chart.starred_at(b) {
                theme.star
            } else {
                theme.event_date
            };
            Bar::default()
                .value(count)
                .text_value(String::new())
                .style(style)
        })
        .collect();
    let gap = u16::from(column >= 3);
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(column as u16 - gap)
        .bar_gap(gap)
        .max(chart.counts.iter().copied().max().unwrap_or(1).max(1))
        .render(area, buf);
}

/// The row under the bars: ▲ the selected event, ★ a starred one, · a
/// bucket no event touches, ─ the others.
fn marks(chart: &Chart, theme: &Theme, column: usize, area: Rect, buf: &mut Buffer) {
    let selected = chart.selected_placed().map(|p| p.from);
    let mut spans = Vec::new();
    for b in 0..chart.labels.len() {
        let (mark, style) = if Some(b) == selected {
            ("▲", theme.selection)
        } else if chart.starred_at(b) {
            ("★", theme.star)
        } else if chart.empty_at(b) {
            ("·", theme.dim)
        } else {
            ("─", theme.border)
        };
        spans.push(Span::styled(mark.repeat(column), style));
    }
    Line::from(spans).render(area, buf);
}

fn spans(
    chart: &Chart,
    lane: &[usize],
    theme: &Theme,
    column: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let selected = chart.selected;
    for p in lane.iter().map(|&at| &chart.events[at]) {
        let x = area.x + (p.from * column) as u16;
        let width = (p.to - p.from + 1) * column;
        if x >= area.x + area.width {
            continue;
        }
        let mut bar = String::from("├");
        bar.push_str(&"─".repeat(width.saturating_sub(2)));
        bar.push('┤');
        if p.starred {
            bar.replace_range(
                bar.char_indices()
                    .nth(1)
                    .map_or(0..0, |(i, c)| i..i + c.len_utf8()),
                "★",
            );
        }
        let style: Style = if Some(p.event) == selected {
            theme.selection
        } else if p.starred {
            theme.star
        } else {
            theme.event_date
        };
        let room = usize::from(area.x + area.width - x);
        Line::styled(text::truncate(&bar, room), style)
            .render(Rect::new(x, area.y, room as u16, 1), buf);
    }
}

/// Labels at the buckets that start a period (a month, a year), where
/// there is room, then at others.
fn axis(chart: &Chart, theme: &Theme, column: usize, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut taken = vec![false; width + 1];
    for period_only in [true, false] {
        for (b, label) in chart.labels.iter().enumerate() {
            if period_only != chart.period_starts[b] {
                continue;
            }
            let x = b * column;
            let end = x + label.chars().count() + 1;
            if end > width || taken[x..=end.min(width)].iter().any(|t| *t) {
                continue;
            }
            taken[x..=end.min(width)].iter_mut().for_each(|t| *t = true);
            Line::styled(format!("╵{label}"), theme.dim).render(
                Rect::new(area.x + x as u16, area.y, (end - x) as u16, 1),
                buf,
            );
        }
    }
}

/// The longest gap and what is not drawn, then what the marks mean.
fn legend(chart: &Chart, hidden: usize) -> Vec<String> {
    let unit = chart.unit.label();
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut facts = Vec::new();
    if let Some((from, to)) = chart.longest_gap {
        let till = if to > from {
            format!(" – {}", chart.labels[to])
        } else {
            String::new()
        };
        facts.push(format!(
            "Longest gap: {}{till} ({})",
            chart.labels[from],
            plural(to - from + 1, unit)
        ));
    }
    if hidden > 0 {
        facts.push(format!("{} not drawn", plural(hidden, "more vague date")));
    }
    if chart.reader_events > 0 {
        facts.push(format!(
            "{} of yours not drawn",
            plural(chart.reader_events, "event")
        ));
    }
    let marks = format!("▲ selected · ★ starred · ├─┤ vague date · · no event that {unit}");
    let mut lines = vec![facts.join(" · ")];
    lines.retain(|l| !l.is_empty());
    lines.push(marks);
    lines
}

/// "j/k move · Enter return", from the keymap.
fn footer(state: &State) -> String {
    let key = |c| state.keymap.label_in(crate::app::keymap::Popup::Chart, c);
    format!(
        "{}/{} move · {} return",
        key(Command::Down),
        key(Command::Up),
        key(Command::Close)
    )
}
