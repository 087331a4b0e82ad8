//! Drawing the reader's annotations: markers (★ ✎ ? ✓ ✗), the reader's
//! events in the timeline, and the popups that edit annotations.

use super::text;
use crate::annotations::{Annotations, Target};
use crate::app::state::editors::{FilterMenu, Form, NoteEditor, TagEditor};
use crate::app::state::{Overlay, State};
use crate::corpus::PartialDate;
use crate::theme::Theme;
use crate::view::markers::marks_for;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use tui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

/// The markers of `target`, styled, each followed by nothing; a trailing
/// space when there are any. For lists (events, quotes, search results).
pub fn markers_for(a: &Annotations, target: &Target, theme: &Theme) -> Vec<Span<'static>> {
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

pub fn width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// A row of the timeline for one of the reader's events: "◆" marks it.
pub fn reader_event_row(
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
    let used = 2 + date.width() + width(&marks);
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

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width
        .min(area.width.saturating_sub(2))
        .max(area.width.min(10));
    let h = height
        .min(area.height.saturating_sub(1))
        .max(area.height.min(3));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn frame<'a>(theme: &Theme, title: &str, help: &'a str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(
            format!(" {} ", title.trim()),
            theme.title_focused,
        ))
        .title_bottom(Line::styled(help, theme.dim).right_aligned())
}

/// Clears a popup of about `width` × `height` centred in `area`, frames it
/// with `title` (cut to fit) and the keys in `help`; returns its inside.
fn editor_popup(
    (area, width, height): (Rect, u16, u16),
    title: &str,
    help: &str,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    // Cut from the end, so the first keys stay readable.
    let room = usize::from(rect.width).saturating_sub(4);
    let title = text::truncate(title, room);
    let help = format!(" {} ", text::truncate(help.trim(), room));
    let block = frame(theme, &title, &help);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

fn styled_input(t: &TextArea<'static>, theme: &Theme, focused: bool) -> TextArea<'static> {
    let mut t = t.clone();
    t.set_style(theme.popup);
    t.set_cursor_line_style(Style::default());
    t.set_placeholder_style(theme.dim);
    t.set_cursor_style(if focused {
        theme.selection
    } else {
        theme.popup
    });
    t
}

pub fn render_overlay(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    match &state.overlay {
        Some(Overlay::Note(ed)) => note(ed, theme, area, buf),
        Some(Overlay::Tags(ed)) => tags(ed, theme, area, buf),
        Some(Overlay::Form(f)) => form(f, theme, area, buf),
        Some(Overlay::Filter(m)) => filter(m, theme, area, buf),
        Some(Overlay::Recovery(d)) => recovery(d, theme, area, buf),
        Some(Overlay::Notice {
            title,
            lines,
            scroll,
        }) => notice(title, lines, *scroll, theme, area, buf),
        Some(Overlay::Select(_)) => select_hint(theme, area, buf),
        Some(Overlay::ConfirmQuit { why }) => confirm_quit(why, theme, area, buf),
        _ => {}
    }
}

fn note(ed: &NoteEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = editor_popup(
        (area, 72, 16),
        &ed.label,
        " Ctrl-s save · Esc close ",
        theme,
        buf,
    );
    let mut input = styled_input(&ed.text, theme, !ed.confirm_discard);
    input.set_placeholder_text("Write your note…");
    let (text_area, ask) = if ed.confirm_discard && inner.height > 2 {
        let ask = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        (
            Rect {
                height: inner.height - 1,
                ..inner
            },
            Some(ask),
        )
    } else {
        (inner, None)
    };
    input.render(text_area, buf);
    if let Some(r) = ask {
        Line::styled(
            "Discard your changes? Esc or y discard · s save · any other key: keep editing",
            theme
                .warning
                .patch(Style::default().bg(theme.popup.bg.unwrap_or_default())),
        )
        .render(r, buf);
    } else if ed.confirm_discard {
        Line::styled("Discard? y / s save / other: edit", theme.warning).render(inner, buf);
    }
}

fn tags(ed: &TagEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = editor_popup(
        (area, 64, 7),
        &ed.label,
        " Tab complete · Enter save · Esc cancel ",
        theme,
        buf,
    );
    if inner.height == 0 {
        return;
    }
    let mut input = styled_input(&ed.input, theme, true);
    input.set_placeholder_text("tag, another tag");
    input.render(Rect { height: 1, ..inner }, buf);
    if inner.height >= 3 {
        let completions = ed.completions();
        let line = if completions.is_empty() {
            Line::styled("(no known tag starts like this)", theme.dim)
        } else {
            let mut spans = vec![Span::styled("Tab → ", theme.dim)];
            for (i, c) in completions.iter().take(12).enumerate() {
                let style = if i == 0 {
                    theme.tag.patch(theme.selection)
                } else {
                    theme.tag
                };
                spans.push(Span::styled(format!("#{c}"), style));
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        };
        Paragraph::new(line).wrap(Wrap { trim: true }).render(
            Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2),
            buf,
        );
    }
}

fn form(f: &Form, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let height = f.context.len() as u16 + f.fields.len() as u16 + 5;
    let inner = editor_popup(
        (area, 72, height),
        &f.title,
        " Tab next · Enter next/save · Ctrl-s save · Esc cancel ",
        theme,
        buf,
    );
    let mut y = inner.y;
    let bottom = inner.bottom();
    for c in &f.context {
        if y >= bottom {
            return;
        }
        Line::styled(
            text::truncate(c, usize::from(inner.width)),
            theme.reader_quote,
        )
        .render(Rect::new(inner.x, y, inner.width, 1), buf);
        y += 1;
    }
    y += 1;
    let label_w = f.fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16 + 2;
    for (i, (label, input)) in f.fields.iter().enumerate() {
        if y >= bottom {
            return;
        }
        let focused = i == f.focus && !f.confirm_discard;
        let style = if focused {
            theme.title_focused
        } else {
            theme.dim
        };
        Line::styled(format!("{label}:"), style)
            .render(Rect::new(inner.x, y, label_w.min(inner.width), 1), buf);
        let x = inner.x + label_w.min(inner.width);
        let w = inner.width.saturating_sub(label_w);
        styled_input(input, theme, focused).render(Rect::new(x, y, w, 1), buf);
        y += 1;
    }
    if y < bottom {
        let line = if f.confirm_discard {
            Line::styled(
                "Discard this? Esc or y discard · any other key: keep editing",
                theme.warning,
            )
        } else if let Some(e) = &f.error {
            Line::styled(e.clone(), theme.error)
        } else {
            Line::raw("")
        };
        line.render(Rect::new(inner.x, bottom - 1, inner.width, 1), buf);
    }
}

fn filter(m: &FilterMenu, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 44, m.items.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = frame(theme, "Filter the timeline", " j/k · Enter · Esc ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    let h = usize::from(inner.height.max(1));
    let offset = m.selected.saturating_sub(h - 1);
    for (row, (i, (label, _))) in m.items.iter().enumerate().skip(offset).take(h).enumerate() {
        let r = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
        let style = if i == m.selected {
            theme.selection
        } else {
            theme.popup
        };
        Line::styled(
            format!(
                " {}",
                text::truncate(label, usize::from(inner.width).saturating_sub(1))
            ),
            style,
        )
        .render(r, buf);
        if i == m.selected {
            buf.set_style(r, theme.selection);
        }
    }
}

fn recovery(
    d: &crate::annotations::recovery::RecoveryDraft,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines = vec![
        Line::styled(
            format!(
                "Text left in the editor when chronique stopped ({}):",
                saved_at_label(&d.saved_at)
            ),
            theme.popup,
        ),
        Line::styled(d.label.clone(), theme.heading),
        Line::raw(""),
    ];
    lines.extend(
        d.text
            .lines()
            .take(8)
            .map(|l| Line::styled(format!("  {l}"), theme.body)),
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "r restore into the editor · d discard · Esc decide later",
        theme.title_focused,
    ));
    let rect = centered(area, 76, lines.len() as u16 + 4);
    Clear.render(rect, buf);
    let block = frame(theme, "Recovered text", " r restore · d discard ");
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

fn notice(title: &str, lines: &[String], scroll: u16, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 100, lines.len() as u16 + 4);
    Clear.render(rect, buf);
    let block = frame(theme, title, " Esc close · j/k scroll ");
    let body: Vec<Line> = lines
        .iter()
        .map(|l| Line::styled(l.clone(), theme.popup))
        .collect();
    Paragraph::new(body)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(rect, buf);
}

/// Quit with unsaved annotation changes?
fn confirm_quit(why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let lines = [
        Line::styled("Your annotation changes could not be saved:", theme.popup),
        Line::styled(why.to_string(), theme.error),
        Line::default(),
        Line::styled(
            "Quit anyway? y quit and lose them · any other key: stay",
            theme.warning,
        ),
    ];
    let rect = centered(area, 80, lines.len() as u16 + 4);
    Clear.render(rect, buf);
    Paragraph::new(lines.to_vec())
        .block(frame(
            theme,
            " Quit without saving? ",
            " y quit · other: stay ",
        ))
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}

/// The passage selection mode's keys, over the status bar.
fn select_hint(theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let r = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    // It replaces the status bar: nothing of it may show through.
    ratatui::widgets::Clear.render(r, buf);
    buf.set_style(r, theme.status_bar);
    let keys = [
        ("w", "word"),
        ("s", "sentence"),
        ("l", "line"),
        ("⌫", "back"),
        ("Enter", "keep"),
        ("Esc", "cancel"),
    ];
    let mut spans = vec![Span::styled(
        " Marking a passage: ",
        theme.status_bar.patch(theme.reader_quote),
    )];
    for (k, what) in keys {
        spans.push(Span::styled(k, theme.status_key));
        spans.push(Span::styled(format!(" {what}  "), theme.status_bar));
    }
    Line::from(spans).render(r, buf);
}

/// "2026-11-23 09:42 UTC" from the RFC 3339 time the draft was saved at
/// (shown as written when it does not parse).
fn saved_at_label(saved_at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(saved_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| saved_at.to_string())
}

#[cfg(test)]
mod saved_at_tests {
    #[test]
    fn recovery_times_read_like_a_clock() {
        assert_eq!(
            super::saved_at_label("2026-11-23T09:42:16.463805151Z"),
            "2026-11-23 09:42 UTC"
        );
        assert_eq!(super::saved_at_label("hier"), "hier");
    }
}
