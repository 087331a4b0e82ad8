//! The search popup: the query line, the scope, and the ranked results with
//! their kind and the matched characters highlighted.

use crate::app::search_view::{SearchPopup, VISIBLE_ROWS};
use crate::app::state::State;
use crate::search::{Kind, Scope};
use crate::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};
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
    let width = (area.width.saturating_sub(4)).clamp(20.min(area.width), 110);
    let height = (VISIBLE_ROWS as u16 + 6).min(area.height);
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Start)
        .areas(Rect {
            y: area.y + area.height.saturating_sub(height) / 4,
            ..area
        });
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(v);
    Clear.render(rect, buf);
    buf.set_style(rect, theme.popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.popup_border)
        .title(Span::styled(" Search ", theme.title_focused))
        .title_bottom(
            Line::styled(
                " Enter go · Tab scope · ^T exact · ^O this article · ↑↓ choose · Esc close ",
                theme.dim,
            )
            .right_aligned(),
        );
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let [input_row, scope_row, status_row, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);

    // Query line: a prompt, then the text area.
    Span::styled("/ ", theme.title_focused).render(input_row, buf);
    let text_rect = Rect {
        x: input_row.x + 2,
        width: input_row.width.saturating_sub(2),
        ..input_row
    };
    p.input.render(text_rect, buf);

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
    Line::from(scopes).render(scope_row, buf);

    let status = match &state.search_index {
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
    Line::styled(status, theme.dim).render(status_row, buf);

    let (Some(index), Some(query)) = (&state.search_index, &p.query) else {
        return;
    };
    let lang = state.corpus.date_lang();
    for (row, (i, hit)) in p
        .results
        .iter()
        .enumerate()
        .skip(p.offset)
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
