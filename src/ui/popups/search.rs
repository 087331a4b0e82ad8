//! The search popup: the query line, the scope, and the ranked results with
//! their kind and the matched characters highlighted.

use crate::app::action::Command;
use crate::app::keymap::{Keymap, Popup, Section};
use crate::app::search_layout::PopupLayout;
use crate::app::state::search::{self as search_view, SearchPopup};
use crate::app::state::State;
use crate::search::{Kind, Scope};
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

const SCOPES: [Scope; 5] = [
    Scope::All,
    Scope::Quotes,
    Scope::Events,
    Scope::Articles,
    Scope::Paragraphs,
];

pub fn render(state: &State, p: &SearchPopup, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // Its geometry is the update's too (it scrolls the list by the rows
    // drawn): computed in `app`, framed here like every popup.
    let layout = PopupLayout::compute(area);
    let rect = layout.outer;
    let footer = footer(&state.keymap, usize::from(rect.width.saturating_sub(4)));
    popup::frame(rect, "Search", &footer, theme, buf);
    if layout.input.area() == 0 {
        return;
    }

    // Query line: a prompt, then the line editor (its cursor included).
    Span::styled("/ ", theme.title_focused).render(layout.input, buf);
    let text_rect = Rect {
        x: layout.input.x + 2,
        width: layout.input.width.saturating_sub(2),
        ..layout.input
    };
    p.input.widget().render(text_rect, buf);

    let active = p.current_query().scope;
    let mut scopes = vec![Span::styled("in ", theme.dim)];
    for s in SCOPES {
        let style = if s == active {
            theme.selection
        } else {
            theme.dim
        };
        scopes.push(Span::styled(format!(" {} ", s.label()), style));
    }
    // The toggles are shown when on.
    for (on, label) in [(p.exact, " exact "), (p.in_article, " this article ")] {
        if on {
            scopes.push(Span::styled(" · ", theme.dim));
            scopes.push(Span::styled(label, theme.selection));
        }
    }
    Line::from(scopes).render(layout.scope, buf);

    let mut status = match &state.search_index {
        None => "indexing the corpus…".to_string(),
        Some(_) if p.text().trim().is_empty() => {
            "q: e: a: p: limit to quotes, events, articles, paragraphs".to_string()
        }
        Some(_) if !p.is_current() => format!("searching… ({} shown)", p.results.len()),
        Some(_) if p.results.is_empty() => "no match".to_string(),
        Some(_) => format!(
            "{} result{}",
            p.results.len(),
            if p.results.len() == 1 { "" } else { "s" }
        ),
    };
    if let Some((at, of)) = p.history_position(&state.search_history) {
        status = format!("history {at}/{of} · {status}");
    }
    Line::styled(status, theme.dim).render(layout.status, buf);

    let (Some(index), Some(query)) = (&state.search_index, &p.query) else {
        return;
    };
    let list = layout.list;
    let lang = state.corpus.date_lang();
    // The update keeps the selection in view; a frame drawn before it had
    // the chance (a resize) keeps it in view too.
    let offset = search_view::visible_offset(p.offset, p.selected, usize::from(list.height));
    for (row, (i, hit)) in p
        .results
        .iter()
        .enumerate()
        .skip(offset)
        .take(usize::from(list.height))
        .enumerate()
    {
        let y = list.y + row as u16;
        let line_rect = Rect::new(list.x, y, list.width, 1);
        let item = index.item(hit.item);
        let badge = format!("{:<10}", format!("[{}]", kind_label(item.kind)));
        let date = item
            .date
            .map(|d| format!(" {}", d.short(lang)))
            .unwrap_or_default();
        let room = usize::from(list.width)
            .saturating_sub(badge.chars().count() + date.chars().count() + 1);
        let ranges = index.highlight(query, hit);
        let mut spans = vec![Span::styled(badge, theme.kind_badge)];
        spans.extend(highlighted(
            item.text,
            &ranges,
            room,
            theme.popup,
            theme.search_match,
        ));
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(" ".repeat(
            usize::from(list.width).saturating_sub(used + date.chars().count()),
        )));
        spans.push(Span::styled(date, theme.dim));
        Line::from(spans).render(line_rect, buf);
        if i == p.selected {
            buf.set_style(line_rect, theme.selection);
        }
    }

    let (Some(preview_rect), Some(rule), Some(hit)) =
        (layout.preview, layout.rule, p.selected_hit())
    else {
        return;
    };
    let rule_text = if rule.width == 1 { "│" } else { "─" };
    for y in rule.top()..rule.bottom() {
        for x in rule.left()..rule.right() {
            buf[(x, y)].set_symbol(rule_text).set_style(theme.border);
        }
    }
    let preview =
        crate::view::search_preview::build(&state.corpus, index, query, hit, preview_rect.width);
    // From the top when the first matched word is in view from there (the
    // speaker, the title stay); else that word a third of the way down.
    let height = usize::from(preview_rect.height);
    let top = if preview.focus < height {
        0
    } else {
        (preview.focus - height / 3).min(preview.lines.len().saturating_sub(height))
    };
    for (row, line) in preview.lines.iter().skip(top).take(height).enumerate() {
        let line_rect = Rect {
            y: preview_rect.y + row as u16,
            height: 1,
            ..preview_rect
        };
        crate::ui::text::line(theme, line, &|_| false).render(line_rect, buf);
    }
}

/// The popup's key hints that fit in `width` columns, generated from the
/// keymap's `search` section (neighbours with the same label share it) and
/// the hinted keys of its `line-edit` section, before the way out.
fn footer(keymap: &Keymap, width: usize) -> String {
    let hinted = |popup| {
        let mut hints: Vec<(String, &str, bool)> = Vec::new();
        for b in keymap.section(Section::Popup(popup)) {
            let (Some(label), Some(key)) = (b.hint.as_deref(), b.labels.first()) else {
                continue;
            };
            // An editing key the search took for itself edits nothing here.
            let shadowed = popup == Popup::LineEdit
                && b.keys
                    .first()
                    .and_then(|&k| keymap.lookup_in(Popup::Search, k))
                    .is_some();
            if shadowed {
                continue;
            }
            let close = b.command == Command::Close;
            match hints.last_mut() {
                Some((keys, last, _)) if *last == label => {
                    keys.push('/');
                    keys.push_str(key);
                }
                _ => hints.push((key.clone(), label, close)),
            }
        }
        hints
    };
    let mut hints = hinted(Popup::Search);
    // Before the way out, which stays when the others go.
    let at = hints.iter().position(|h| h.2).unwrap_or(hints.len());
    hints.splice(at..at, hinted(Popup::LineEdit));
    let (close, mut shown): (Vec<_>, Vec<_>) = hints
        .iter()
        .map(|(keys, label, close)| (format!("{keys} {label}"), *close))
        .partition(|h| h.1);
    loop {
        let all: Vec<&str> = shown.iter().chain(&close).map(|h| h.0.as_str()).collect();
        let text = format!(" {} ", all.join(" · "));
        if text.chars().count() <= width {
            return text;
        }
        if shown.pop().is_none() {
            return String::new();
        }
    }
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Quote => "quote",
        Kind::Event => "event",
        Kind::Article => "article",
        Kind::Paragraph => "para",
    }
}

/// `text` cut to `width` columns around its first match, with the matched
/// byte ranges in `hit` style.
fn highlighted(
    text: &str,
    ranges: &[Range<usize>],
    width: usize,
    normal: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    // Start a little before the first match when it would be off screen.
    let first = ranges.first().map_or(0, |r| r.start);
    let mut start = 0;
    let cols_before: usize = text[..first].chars().map(|c| c.width().unwrap_or(0)).sum();
    if cols_before + 10 > width {
        let mut back = 0;
        start = first;
        for (i, c) in text[..first].char_indices().rev() {
            back += c.width().unwrap_or(0);
            if back > width / 4 {
                break;
            }
            start = i;
        }
    }
    let mut spans = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::styled("…", normal));
        used += 1;
    }
    let mut current = String::new();
    let mut current_hit = false;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        let c = if c == '\n' { ' ' } else { c };
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width && at + c.len_utf8() < text.len() {
            if !current.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut current),
                    if current_hit { hit } else { normal },
                ));
            }
            spans.push(Span::styled("…", normal));
            return spans;
        }
        let is_hit = ranges.iter().any(|r| r.contains(&at));
        if is_hit != current_hit && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                if current_hit { hit } else { normal },
            ));
        }
        current_hit = is_hit;
        current.push(c);
        used += w;
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_hit { hit } else { normal },
        ));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn matches_stay_visible_in_long_texts() {
        let text = format!("{} événement final", "mot ".repeat(50));
        let start = text.find("événement").unwrap();
        let spans = highlighted(
            &text,
            std::slice::from_ref(&(start..start + "événement".len())),
            30,
            Style::default(),
            Style::default().add_modifier(ratatui::style::Modifier::BOLD),
        );
        let shown = plain(&spans);
        assert!(
            shown.starts_with('…') && shown.contains("événement"),
            "{shown}"
        );
        let hit: Vec<_> = spans
            .iter()
            .filter(|s| {
                s.style
                    .add_modifier
                    .contains(ratatui::style::Modifier::BOLD)
            })
            .collect();
        assert_eq!(hit.len(), 1);
        assert_eq!(hit[0].content, "événement");
    }

    #[test]
    fn the_footer_is_generated_from_the_keymap_and_keeps_the_way_out() {
        let map = Keymap::default_map();
        assert_eq!(
            footer(&map, 200),
            " Enter go · ↑/↓ choose · Tab scope · Ctrl-t exact · Ctrl-o this article · Alt-p/Alt-n history · Ctrl-w/Ctrl-u edit · Esc close "
        );
        assert_eq!(footer(&map, 40), " Enter go · ↑/↓ choose · Esc close ");
        assert_eq!(footer(&map, 12), " Esc close ");
        assert_eq!(footer(&map, 5), "");
        // A rebinding shows.
        let map = crate::app::keymap_user::overlay(
            map,
            "search:\n  - { keys: [ctrl-g, esc], action: close }\n",
            std::path::Path::new("keymap.yaml"),
        )
        .unwrap();
        assert_eq!(footer(&map, 40), " Enter go · ↑/↓ choose · Ctrl-g close ");
        // An editing key the search takes is not hinted as editing.
        let map = crate::app::keymap_user::overlay(
            map,
            "search:\n  - { keys: [ctrl-t, ctrl-w], action: toggle-exact }\n",
            std::path::Path::new("keymap.yaml"),
        )
        .unwrap();
        assert!(
            footer(&map, 200).contains(" Ctrl-u edit · "),
            "{}",
            footer(&map, 200)
        );
    }

    #[test]
    fn short_texts_are_shown_whole() {
        let spans = highlighted(
            "déjà vu",
            std::slice::from_ref(&(0..5)),
            30,
            Style::default(),
            Style::default(),
        );
        assert_eq!(plain(&spans), "déjà vu");
    }
}
