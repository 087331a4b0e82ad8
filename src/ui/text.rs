//! Text helpers for drawing: document lines to styled lines, truncation.

use crate::view::wrap::{DocLine, Role};
use crate::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The style of a role. `selected` tells whether a quote is the selected one.
pub fn style(theme: &Theme, role: Role, text: &str, selected: impl Fn(u32) -> bool) -> Style {
    match role {
        Role::Plain => theme.base,
        Role::Title => theme.article_title,
        Role::Meta => theme.article_meta,
        Role::Tag => theme.tag,
        Role::Date => theme.event_date,
        Role::Label => theme.title_focused,
        Role::EventLink => theme.link,
        Role::EventReported => theme.event_reported,
        Role::Rule => theme.border,
        Role::Heading => theme.heading,
        Role::Body => theme.body,
        Role::Quote(q) if selected(q) => theme.quote_selected,
        Role::Quote(_) => theme.quote,
        Role::ReaderQuote(_) => theme.reader_quote,
        Role::Selection => theme.selection,
        Role::SearchHit => theme.search_match,
        Role::Star => theme.star,
        Role::Marker => theme.marker,
        Role::Status(crate::annotations::Status::ToCheck) => theme.status_to_check,
        Role::Status(crate::annotations::Status::Verified) => theme.status_verified,
        Role::Status(crate::annotations::Status::Disputed) => theme.status_disputed,
        Role::Speaker => theme.speaker_style(text),
        Role::Dim => theme.dim,
        Role::Warning => theme.warning,
        Role::Error => theme.error,
    }
}

pub fn line<'a>(theme: &Theme, doc: &'a DocLine, selected: &dyn Fn(u32) -> bool) -> Line<'a> {
    Line::from(
        doc.segs
            .iter()
            .map(|s| Span::styled(s.text.as_str(), style(theme, s.role, &s.text, selected)))
            .collect::<Vec<_>>(),
    )
}

/// Cuts `text` to `width` columns, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns() {
        assert_eq!(truncate("événement", 20), "événement");
        assert_eq!(truncate("événement", 5), "évén…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }
}
