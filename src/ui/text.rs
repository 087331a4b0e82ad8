//! Text helpers for drawing: document lines to styled lines, truncation.

use crate::corpus::QuoteIx;
use crate::theme::Theme;
use crate::view::wrap::{DocLine, Role};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The style of a role. `selected` tells whether a quote is the selected one.
pub fn style(theme: &Theme, role: Role, text: &str, selected: impl Fn(QuoteIx) -> bool) -> Style {
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
        Role::Quote(_) if role.quote_ix().is_some_and(selected) => theme.quote_selected,
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

pub fn line<'a>(theme: &Theme, doc: &'a DocLine, selected: &dyn Fn(QuoteIx) -> bool) -> Line<'a> {
    Line::from(
        doc.segs
            .iter()
            .map(|s| Span::styled(s.text.as_str(), style(theme, s.role, &s.text, selected)))
            .collect::<Vec<_>>(),
    )
}

pub use crate::view::text::truncate;
