//! The status bar: corpus, counts, warnings, messages and the keys that
//! matter in the focused pane (from the keymap).
//!
//! What must be read wins room in this order: a message (what a key just
//! did), the annotations' state (read-only, filter, saving), the loading
//! problems with the key that shows them, the focused pane's keys, then the
//! global keys, the counts, and the corpus title. Nothing is cut in the
//! middle of a word: a piece that does not fit takes its short form
//! ("17 ev. · 5 art. · 53 q.", "⚠ 25 (w)") or ends with "…".

use crate::app::state::State;
use crate::theme::Theme;
use crate::ui::text::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// Columns of the corpus title kept beside the keys (it is cut to this, or
/// to a fifth of a narrow bar, before the global keys give way).
const TITLE_MIN: usize = 16;

/// One piece of the left part, in its long and short forms.
struct Piece {
    long: String,
    short: String,
    style: Style,
}

pub fn render(state: &State, theme: &Theme, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    buf.set_style(area, theme.status_bar);
    let width = usize::from(area.width);
    let bar = theme.status_bar;
    let c = &state.corpus;

    // The pieces that must be read: message, annotation words, problems.
    let mut must: Vec<Piece> = Vec::new();
    if let Some(m) = &state.message {
        must.push(Piece {
            long: format!(" {m} "),
            short: format!(" {m} "),
            style: bar.patch(theme.warning),
        });
    }
    for (text, role) in crate::app::notes::present::status_words(state) {
        let style = bar.patch(crate::ui::text::style(theme, role, &text, |_| false));
        let text = if must.is_empty() {
            format!(" {text}")
        } else {
            text
        };
        must.push(Piece {
            long: text.clone(),
            short: text,
            style,
        });
    }
    let problems = state.warnings_count();
    if problems > 0 {
        let errors = state.diagnostics.iter().any(|d| d.is_error());
        let style = bar.patch(if errors { theme.error } else { theme.warning });
        // The key that lists them, unless a popup has the keys.
        let key = match state.overlay {
            Some(_) => String::new(),
            None => {
                let key = state
                    .keymap
                    .keys_for(state.focus, crate::app::Command::Warnings)
                    .unwrap_or("w");
                format!("({key}) ")
            }
        };
        let plural = if problems == 1 { "" } else { "s" };
        must.push(Piece {
            long: format!(" ⚠ {problems} problem{plural} {key}"),
            short: format!(" ⚠ {problems} {key}"),
            style,
        });
    }
    // Without a message, the title and the counts lead the bar.
    let mut about: Vec<Piece> = Vec::new();
    if state.message.is_none() {
        let title = c.title.as_deref().unwrap_or("chronique");
        about.push(Piece {
            long: format!(" {title} "),
            short: format!(" {title} "),
            style: bar.patch(theme.article_title),
        });
        let (e, a, q) = (c.events.len(), c.articles.len(), c.quote_count());
        about.push(Piece {
            long: format!("· {e} events · {a} articles · {q} quotes "),
            short: format!("· {e} ev. · {a} art. · {q} q. "),
            style: bar,
        });
    }

    let must_width = |short: bool| -> usize {
        must.iter()
            .map(|p| if short { &p.short } else { &p.long }.width())
            .sum()
    };
    // The keys: the focused pane's first, then the global ones, as many as
    // fit beside what must be read.
    let hints = key_hints(state);
    // The short counts and the start of the title keep their room too.
    let about_room = match about.as_slice() {
        [title, counts] => counts.short.width() + title.long.width().min(TITLE_MIN).min(width / 5),
        _ => 0,
    };
    let room_for_keys = width.saturating_sub(must_width(true) + about_room + 1);
    let mut right: Vec<Span> = Vec::new();
    let mut rw = 0;
    for (key, hint) in hints {
        let w = key.width() + hint.width() + 3;
        if rw + w > room_for_keys {
            continue; // a shorter one further on may fit ("? help")
        }
        rw += w;
        right.push(Span::styled(key, theme.status_key));
        right.push(Span::styled(format!(" {hint}  "), bar));
    }
    let left_width = width.saturating_sub(rw + usize::from(rw > 0));

    // The left part: the long forms if they fit, else the short ones; the
    // title and counts get what is left, short first, the title cut last.
    let short_must = must_width(false) > left_width;
    let mut left: Vec<Span> = Vec::new();
    let mut left_room = left_width.saturating_sub(must_width(short_must));
    let mut about_spans = Vec::new();
    if let [title, counts] = about.as_slice() {
        let counts_text = if title.long.width() + counts.long.width() <= left_room {
            &counts.long
        } else {
            &counts.short
        };
        let counts_fit = counts_text.width() <= left_room;
        let title_room = left_room.saturating_sub(if counts_fit { counts_text.width() } else { 0 });
        let title_text = format!(
            "{} ",
            truncate(title.long.trim_end(), title_room.saturating_sub(1))
        );
        left_room = left_room.saturating_sub(title_text.width());
        if !title_text.trim().is_empty() {
            about_spans.push(Span::styled(title_text, title.style));
        }
        if counts_fit && counts_text.width() <= left_room {
            about_spans.push(Span::styled(counts_text.clone(), counts.style));
        }
    }
    // The message and the annotations' state come first, then the title
    // and counts, then the problems (they stay next to the keys).
    let (problems_piece, words) = match problems {
        0 => (None, &must[..]),
        _ => (must.last(), &must[..must.len() - 1]),
    };
    for p in words {
        let text = if short_must { &p.short } else { &p.long };
        left.push(Span::styled(text.clone(), p.style));
    }
    left.extend(about_spans);
    if let Some(p) = problems_piece {
        let text = if short_must { &p.short } else { &p.long };
        left.push(Span::styled(text.clone(), p.style));
    }
    let left_line = fit(left, left_width);
    Line::from(left_line).render(Rect::new(area.x, area.y, left_width as u16, 1), buf);
    if rw > 0 {
        let x = area.x + (width - rw) as u16;
        Line::from(right).render(Rect::new(x, area.y, rw as u16, 1), buf);
    }
}

/// The key hints of the focused pane first, then the global ones: (key,
/// label) pairs from the keymap. None while a popup or a view is open: its
/// footer says its own keys, and the pane's do something else there (`q`
/// types a q in the search popup).
fn key_hints(state: &State) -> Vec<(String, String)> {
    if state.overlay.is_some() {
        return Vec::new();
    }
    let hinted = state.keymap.hints(state.focus).filter_map(|b| {
        let (key, hint) = (b.labels.first()?, b.hint.as_ref()?);
        Some((key.clone(), hint.clone(), b.command))
    });
    let (own, global): (Vec<_>, Vec<_>) =
        hinted.partition(|(_, _, command)| state.keymap.pane_binding(state.focus, *command));
    own.into_iter()
        .chain(global)
        .map(|(k, h, _)| (k, h))
        .collect()
}

/// `spans` cut to `width` columns, the last one that does not fit ending
/// with "…" (never mid-character, never past the width).
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.content.width();
        if used + w <= width {
            used += w;
            out.push(s);
            continue;
        }
        let cut = truncate(&s.content, width - used);
        if !cut.is_empty() {
            out.push(Span::styled(cut, s.style));
        }
        break;
    }
    out
}
