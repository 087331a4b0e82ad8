//! Stand-in until the theme module lands: the agreed fields, default styles.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    pub month_heading: Style,
    pub event_date: Style,
    pub event_title: Style,
    pub event_reported: Style,
    pub selection: Style,
    pub selection_unfocused: Style,
    pub marker: Style,
    pub star: Style,
    pub status_to_check: Style,
    pub status_verified: Style,
    pub status_disputed: Style,
    pub article_title: Style,
    pub article_meta: Style,
    pub heading: Style,
    pub body: Style,
    pub quote: Style,
    pub quote_selected: Style,
    pub reader_quote: Style,
    pub speaker: Style,
    pub speakers: Vec<Style>,
    pub tag: Style,
    pub link: Style,
    pub dim: Style,
    pub search_match: Style,
    pub kind_badge: Style,
    pub status_bar: Style,
    pub status_key: Style,
    pub warning: Style,
    pub error: Style,
    pub popup: Style,
    pub popup_border: Style,
}

impl Default for Theme {
    fn default() -> Self {
        let s = Style::default();
        Theme {
            name: "default".into(),
            base: s,
            border: s.fg(Color::DarkGray),
            border_focused: s.fg(Color::Cyan),
            title: s.fg(Color::Gray),
            title_focused: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            month_heading: s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            event_date: s.fg(Color::Blue),
            event_title: s,
            event_reported: s.fg(Color::Yellow),
            selection: s.add_modifier(Modifier::REVERSED),
            selection_unfocused: s.add_modifier(Modifier::UNDERLINED),
            marker: s.fg(Color::Green),
            star: s.fg(Color::Yellow),
            status_to_check: s.fg(Color::Yellow),
            status_verified: s.fg(Color::Green),
            status_disputed: s.fg(Color::Red),
            article_title: s.add_modifier(Modifier::BOLD),
            article_meta: s.fg(Color::Gray),
            heading: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            body: s,
            quote: s.fg(Color::Yellow),
            quote_selected: s.fg(Color::Black).bg(Color::Yellow),
            reader_quote: s.fg(Color::Green).add_modifier(Modifier::UNDERLINED),
            speaker: s.fg(Color::Cyan),
            speakers: vec![
                s.fg(Color::Cyan),
                s.fg(Color::Magenta),
                s.fg(Color::Green),
                s.fg(Color::Blue),
                s.fg(Color::Red),
                s.fg(Color::LightYellow),
            ],
            tag: s.fg(Color::Magenta),
            link: s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            dim: s.fg(Color::DarkGray),
            search_match: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            kind_badge: s.fg(Color::Magenta),
            status_bar: s.bg(Color::DarkGray),
            status_key: s.fg(Color::Yellow).bg(Color::DarkGray),
            warning: s.fg(Color::Yellow),
            error: s.fg(Color::Red),
            popup: s,
            popup_border: s.fg(Color::Cyan),
        }
    }
}

impl Theme {
    pub fn speaker_style(&self, speaker: &str) -> Style {
        let h = speaker
            .bytes()
            .fold(5381u32, |h, b| h.wrapping_mul(33) ^ b as u32);
        self.speakers
            .get(h as usize % self.speakers.len().max(1))
            .copied()
            .unwrap_or(self.speaker)
    }
}
