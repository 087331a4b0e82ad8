//! Whole-screen states: loading, failure, terminal too small.

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::corpus::Progress;
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph, Widget, Wrap};
use std::sync::atomic::Ordering;

fn centered(area: Rect, height: u16) -> Rect {
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    r
}

pub fn loading(label: &str, progress: &Progress, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let total = progress.total.load(Ordering::Relaxed);
    let done = progress.done.load(Ordering::Relaxed).min(total);
    let r = centered(area, 3);
    let [text, gauge] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(r);
    Line::styled(format!("Loading {label}…"), theme.title_focused)
        .centered()
        .render(text, buf);
    if total > 0 {
        let [g] = Layout::horizontal([Constraint::Max(60)])
            .flex(Flex::Center)
            .areas(gauge);
        Gauge::default()
            .gauge_style(theme.border_focused)
            .ratio(done as f64 / total as f64)
            .label(format!("{done} / {total} files"))
            .render(g, buf);
    }
}

pub fn failed(message: &str, quit_key: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let r = centered(area, 4);
    Paragraph::new(vec![
        Line::styled(message.to_string(), theme.error),
        Line::raw(""),
        Line::styled(format!("Press {quit_key} to quit."), theme.dim),
    ])
    .centered()
    .wrap(Wrap { trim: true })
    .render(r, buf);
}

pub fn too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small ({}×{}): chronique needs {MIN_WIDTH}×{MIN_HEIGHT}.",
        area.width, area.height
    );
    let r = centered(area, 3.min(area.height));
    Paragraph::new(text)
        .style(theme.warning)
        .centered()
        .wrap(Wrap { trim: true })
        .render(r, buf);
}
